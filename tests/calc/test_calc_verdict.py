"""``calc.verdict.every``: a rule over every item holds, is broken, or has nothing to check."""

from __future__ import annotations

import pytest

from sre_docs.calc.verdict import every


@pytest.mark.parametrize(("count", "failing", "verdict"), [
    (0, 0, None),   # no item: no verdict, never a pass
    (1, 0, True),
    (3, 0, True),
    (3, 1, False),
    (3, 3, False),
])
def test_every(count: int, failing: int, verdict: bool | None) -> None:
    assert every(count, failing) is verdict


@pytest.mark.parametrize(("count", "failing"), [(-1, 0), (1, -1), (1, 2), (0, 1)])
def test_impossible_counts_are_refused(count: int, failing: int) -> None:
    with pytest.raises(ValueError, match=f"{failing} failing of {count} items"):
        every(count, failing)
