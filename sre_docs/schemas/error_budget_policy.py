"""What a team does as its error budget runs down, state by state.

The policy turns the budget into decisions: feature work while it is healthy, caution as
it shrinks, a freeze when it is gone. One policy under org/ without a service is the
default for every service; a service may carry its own.
"""

from sre_docs.schemas.fields import identifier, mapping, percent, text, texts


def _state(doc: str, floor: str) -> dict:
    return mapping({
        "condition": text("The condition in words, e.g. `remaining_budget 25-50%`."),
        "min_remaining_pct": percent(f"Least remaining budget, in percent, for this state ({floor})."),
        "actions": texts("What the team does while in this state."),
    }, doc)


KIND = "error_budget_policy"
SCOPE = "any"
SCHEMA = {
    "service": identifier("The service it governs; leave it out for the organisation's default policy."),
    "budget_states": mapping({
        "healthy": _state("Plenty of budget left.", "default 50"),
        "warning": _state("The budget is getting low.", "default 25"),
        "critical": _state("Little budget left.", "default 0"),
        "exhausted": _state("No budget left.", "none: it is what is left below critical"),
    }, "The four budget states and what each one means for the team.", required=True),
    "freeze_until_recovered_pct": percent("After exhaustion, the freeze lasts until this much budget is back (default 10)."),
    "exceptions": texts("Changes that may ship whatever the budget says."),
    "reset": text("How the budget resets (e.g. rolling window, no manual resets)."),
}
EXAMPLE = """\
error_budget_policy:
  budget_states:
    healthy:
      condition: remaining_budget > 50%
      min_remaining_pct: 50
      actions: [Normal release pace, Chaos experiments allowed]
    warning:
      condition: remaining_budget 25-50%
      min_remaining_pct: 25
      actions: [Risky deploys only in business hours, No chaos experiments]
    critical:
      condition: remaining_budget 0-25%
      min_remaining_pct: 0
      actions: [Reliability work only, SRE approves every deploy]
    exhausted:
      condition: remaining_budget <= 0
      actions: [Deploy freeze, Postmortem for the exhaustion]
  freeze_until_recovered_pct: 10
  exceptions:
    - Security patches
    - Regulatory changes
  reset: Rolling 28-day window; no manual resets
"""
