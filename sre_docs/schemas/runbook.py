"""A runbook: what the responder to one alert checks and does, step by step.

It is written for someone woken at night: what the alert means, who is hurt, how to
find the cause, the ways to stop the bleeding, and when to call for help.
"""

from sre_docs.schemas.fields import count, formatted, identifier, list_of, mapping, record, text, texts

KIND = "runbook"
SCOPE = "service"
SCHEMA = {
    "title": text("What the runbook is for.", required=True),
    "alert_name": identifier("The exact alert that sends a responder here.", required=True),
    "last_updated": formatted("date", "When it was last checked against reality.", required=True),
    "last_tested": formatted("date", "When someone last followed it for real (a drill, a game day, an incident) and it worked."),
    "owner": text("Who keeps it current."),
    "overview": text("What the alert means, in plain words."),
    "impact": text("Who or what suffers while it fires, and how."),
    "diagnosis": list_of(record({
        "step": text("What to check.", required=True),
        "command": text("The command or query that checks it."),
        "expected": text("What a healthy answer looks like."),
        "if_unexpected": text("What to do when the answer is not that."),
    }), "Checks to run, in order."),
    "mitigation": list_of(record({
        "option": text("The way out (rollback, scale up, failover …).", required=True),
        "when": text("When to choose it."),
        "steps": texts("How to do it."),
    }), "Ways to stop the impact, fastest first."),
    "escalation": mapping({
        "after_minutes": count("Escalate when not mitigated after this many minutes."),
        "contact": text("Who to escalate to."),
        "context_to_provide": text("What to tell them."),
    }, "When and to whom to escalate."),
    "related": texts("Related runbooks, dashboards or documents."),
}
EXAMPLE = """\
runbook:
  title: Checkout error rate is high
  alert_name: checkout_high_error_rate
  last_updated: 2026-10-14
  owner: payments
  overview: More than 2% of checkout requests end in a server error.
  impact: Customers cannot pay; orders are lost.
  diagnosis:
    - step: Check recent deployments
      command: kubectl rollout history deploy/checkout -n commerce
      expected: No rollout in the last hour
      if_unexpected: Roll back (see mitigation)
    - step: Check the payment gateway
      command: curl -s https://status.gateway.example.com/api/v2/status.json
      expected: '"indicator": "none"'
  mitigation:
    - option: Rollback
      when: A deploy went out shortly before the alert
      steps:
        - kubectl rollout undo deploy/checkout -n commerce
        - Watch the error rate for 10 minutes
  escalation:
    after_minutes: 30
    contact: payments engineering manager
    context_to_provide: Error rate graph, recent changes, what was tried
  related: [runbooks/gateway-timeouts.yaml]
"""
