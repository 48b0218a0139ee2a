"""Self-healing rules: known failure patterns a machine fixes before it pages anyone.

Each rule pairs a trigger with the action taken and the point at which a human is
called after all. Under org/ the rules apply to every service; in a service folder, to it.
"""

from sre_docs.schemas.fields import flag, identifier, record, text

KIND = "auto_remediation"
SCOPE = "any"
BODY = "list"
SCHEMA = record({
    "trigger": identifier("Name of the pattern that sets it off.", required=True),
    "condition": text("When it fires, in words or as an expression.", required=True),
    "action": text("What the automation does.", required=True),
    "escalate_if": text("When a human is paged after all."),
    "enabled": flag("Whether the rule is switched on."),
    "service": identifier("Limits an org-wide rule to one service."),
})
EXAMPLE = """\
auto_remediation:
  - trigger: pod_crash_loop
    condition: restart_count > 3 in 10 min
    action: Delete the pod and let the scheduler place it again
    escalate_if: Still crashing after 3 attempts
    enabled: true
  - trigger: certificate_expiring
    condition: days_until_expiry < 14
    action: Start certificate renewal
    escalate_if: Renewal fails
    enabled: true
"""
