"""Whether a rule about every item of a kind holds: yes, no, or nothing to check.

"Every completed experiment records its results" says nothing about a service with no
completed experiment. Counting that as a pass turns an absence of evidence into evidence
(a scorecard would show "results of 0 completed experiments recorded" ✓, and a service
with no incidents would reach the top incident-response level). So a rule over no items
has no verdict, and whoever shows it says so ("not shown") instead of a tick.
"""

from __future__ import annotations

__all__ = ["every"]


def every(count: int, failing: int) -> bool | None:
    """``None`` when there are no items (``count`` 0), else whether none of them breaks the rule.

    Example: no completed experiment gives ``every(0, 0) is None`` (not shown); three, all with
    results, give ``every(3, 0) == True``; three with one missing its results give ``every(3, 1) == False``.

    >>> every(0, 0) is None, every(3, 0), every(3, 1)
    (True, True, False)
    """
    if count < 0 or failing < 0 or failing > count:
        raise ValueError(f"{failing} failing of {count} items")
    if count == 0:
        return None
    return failing == 0
