"""Issue 12 item 7: "overdue postmortem" is one rule (PM001's predicate) on every surface.

The site used to mark SEV3/SEV4 incidents overdue while PM001 checked SEV1/SEV2 only. Now the
policy, the handbook's incident facts and the scorecard criterion call ``postmortem_overdue``.

The repo: four incidents, one per severity, all resolved on Monday 2026-11-02, none with a
postmortem, and a fifth (SEV1) that has one. Five business days after Monday 2026-11-02 is
Monday 2026-11-09 (Tue 3, Wed 4, Thu 5, Fri 6, Mon 9). With today pinned to 2026-11-20, the
SEV1 and SEV2 postmortems are overdue (2026-11-20 > 2026-11-09); SEV3 and SEV4 need none.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from sre_docs.handbook import page_facts
from sre_docs.lint.config import load_config
from sre_docs.lint.engine import lint
from sre_docs.model.repository import load_repository
from sre_docs.policies.pm001 import postmortem_overdue
from sre_docs.scorecard.check_registry import CHECKS
from sre_docs.scorecard.facts import Facts

TODAY = dt.date(2026, 11, 20)


def _incident(ident: str, severity: str, resolved: str = "2026-11-02T15:40:00Z") -> str:
    return textwrap.dedent(f"""\
        incident:
          id: {ident}
          title: Checkout errors {ident}
          services: [checkout]
          severity: {severity}
          status: resolve
          timestamps:
            started: 2026-11-02T14:05:00Z
            resolved: {resolved}
        """)


@pytest.fixture
def repo_root(tmp_path: Path) -> Path:
    files = {
        "sre-docs.yaml": "today: 2026-11-20\n",
        "services/checkout/service.yaml": "service:\n  name: checkout\n  tier: standard\n",
        "services/checkout/incidents/INC-2026-001.yaml": _incident("INC-2026-001", "SEV1"),
        "services/checkout/incidents/INC-2026-002.yaml": _incident("INC-2026-002", "SEV2"),
        "services/checkout/incidents/INC-2026-003.yaml": _incident("INC-2026-003", "SEV3"),
        "services/checkout/incidents/INC-2026-004.yaml": _incident("INC-2026-004", "SEV4"),
        "services/checkout/incidents/INC-2026-005.yaml": _incident("INC-2026-005", "SEV1"),
        "services/checkout/postmortems/INC-2026-005.yaml": textwrap.dedent("""\
            postmortem:
              incident: INC-2026-005
              title: Checkout errors INC-2026-005
              date: 2026-11-05
              severity: SEV1
              status: draft
            """),
    }
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    return tmp_path


def test_pm001_reports_exactly_sev1_and_sev2(repo_root: Path) -> None:
    found = [(f.code, f.path, f.line, f.column, f.severity.value, f.message)
             for f in lint(repo_root, load_config(repo_root, environ={}), use_git=False).findings if f.code == "PM001"]
    assert found == [
        ("PM001", "services/checkout/incidents/INC-2026-001.yaml", 2, 7, "error",
         "SEV1 incident INC-2026-001 was resolved on 2026-11-02 and has no postmortem; it was due by 2026-11-09"),
        ("PM001", "services/checkout/incidents/INC-2026-002.yaml", 2, 7, "error",
         "SEV2 incident INC-2026-002 was resolved on 2026-11-02 and has no postmortem; it was due by 2026-11-09"),
    ]


def test_site_marks_overdue_what_pm001_reports(repo_root: Path) -> None:
    repo = load_repository(repo_root)
    clock = page_facts.Clock(TODAY)
    facts = {ident: page_facts.incident_facts(repo, doc, clock) for ident, doc in repo.incidents.items()}
    assert {i: (f.postmortem_due, f.postmortem_overdue, f.postmortem_required) for i, f in facts.items()} == {
        "INC-2026-001": (dt.date(2026, 11, 9), True, True),
        "INC-2026-002": (dt.date(2026, 11, 9), True, True),
        "INC-2026-003": (None, False, False),  # SEV3: no postmortem required, so never overdue
        "INC-2026-004": (None, False, False),
        "INC-2026-005": (dt.date(2026, 11, 9), False, True),  # a draft postmortem exists
    }
    # On the due day itself nothing is overdue yet (2026-11-09 is not after 2026-11-09).
    on_due_day = page_facts.Clock(dt.date(2026, 11, 9))
    assert not any(page_facts.incident_facts(repo, doc, on_due_day).postmortem_overdue for doc in repo.incidents.values())
    # A rule that names SEV3 (PM001's `severities` option) makes INC-2026-003 overdue on the site as in the policy.
    wider = page_facts.PostmortemRule(severities=("SEV1", "SEV2", "SEV3"))
    assert page_facts.incident_facts(repo, repo.incidents["INC-2026-003"], clock, wider).postmortem_overdue is True
    assert postmortem_overdue(repo, repo.incidents["INC-2026-003"], TODAY, severities=("SEV3",)) == dt.date(2026, 11, 9)


def test_scorecard_criterion_uses_the_same_predicate(repo_root: Path) -> None:
    repo = load_repository(repo_root)
    facts = Facts(repo=repo, service=repo.services["checkout"], today=TODAY)
    check = CHECKS["postmortems_for_incidents"]
    evidence = check.run(facts, {"within_days": 365, "severities": ["SEV1", "SEV2"]})
    assert (evidence.met, evidence.detail) == (False, "2 of 3 incidents without a postmortem")
    assert [fix.action for fix in evidence.fixes] == [
        "write the postmortem of INC-2026-001 (due 2026-11-09)", "write the postmortem of INC-2026-002 (due 2026-11-09)"]
