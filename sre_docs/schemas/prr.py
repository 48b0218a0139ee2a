"""A production readiness review: the checklist a service passes before it takes traffic.

Each of the 28 checks is marked pass, fail or not applicable, with evidence; a failed
check is work to finish before, or soon after, launch.
"""

from sre_docs.schemas.fields import enum, formatted, list_of, record, text, texts
from sre_docs.schemas.vocabulary import PRR_CHECK_IDS, PRR_STATUSES

KIND = "prr"
SCOPE = "service"
SCHEMA = {
    "service": text("The service reviewed.", required=True),
    "date": formatted("date", "When the review took place.", required=True),
    "reviewers": texts("Who took part."),
    "checks": list_of(record({
        "id": enum(PRR_CHECK_IDS, "The checklist item, as category.check.", required=True),
        "status": enum(PRR_STATUSES, "pass, fail, or n/a when it does not apply.", required=True),
        "evidence": text("What shows it (a link, a document, a test run)."),
    }), "The checklist items and their outcome.", required=True, min_items=1),
}
EXAMPLE = """\
prr:
  service: checkout
  date: 2026-06-03
  reviewers: [rosa, amara]
  checks:
    - id: slos.slis-defined
      status: pass
      evidence: slis.yaml
    - id: monitoring.alerts-with-runbooks
      status: pass
      evidence: alerts.yaml, runbooks/
    - id: capacity.load-tested-2x
      status: fail
      evidence: Load test only reached 1.5x peak
    - id: data.retention-policy
      status: n/a
      evidence: Checkout stores no data of its own
"""
