"""Issue 12 item 5: a report for a past month describes the repo as it stood at the end of that month.

From git history when it reaches back (the newest commit on or before the month's last day, read
blob by blob), else from today's files and their dated fields; a stored report that disagrees is
named field by field.
"""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from pathlib import Path

from sre_docs.cli import main

EXAMPLE = Path(__file__).resolve().parents[2]


def test_example_october_from_dated_fields(capsys) -> None:
    """The example's history starts in November 2026, so October comes from the dated fields.

    Postmortems dated by 2026-10-31: auth INC-2026-041 (09-14), checkout INC-2026-052 (10-21), payments
    INC-2026-031 (08-19); the November ones (INC-2026-058, -061, -064) did not exist yet.
    Open at the end of October:
      auth: AI-003 in progress, AI-005 open                                   -> 2
      checkout 052: AI-001 (done only on 11-04), AI-003, AI-005                -> 3
      payments: AI-003, AI-005                                                 -> 2   total 7 (today: 13)
    Completed in October: auth AI-002 (10-07), checkout AI-002 (10-22), AI-004 (10-28), payments AI-006
    (10-09) -> 4. Overdue on 10-31: none of the 7 had a deadline before 10-31 -> 0.
    The stored org/reports/2026-10.yaml agrees with all of it except the mean time to acknowledge: it says
    4.1 min, the rotations' October rows give (5.2 + 4.4 + 2.8 + 4.6 + 4.1 + 3.0) / 6 = 24.1 / 6 = 4.02 -> 4.0.
    """
    assert main(["report", "monthly", "--month", "2026-10", "--json", "--root", str(EXAMPLE)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["action_items"] == {"open": 7, "completed_this_month": 4, "overdue": 0}
    assert data["basis"] == ("today's files with their dated fields as of 2026-10-31 (git history does not reach "
                             "back to that month; toil is today's inventory)")
    assert data["stored_report"] == {"path": "org/reports/2026-10.yaml", "agrees": False, "differences": [
        {"field": "on_call.avg_ack_time_min", "stored": 4.1, "computed": 4.0}]}


def _git(root: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _postmortem(incident: str, date: str, items: str) -> str:
    return textwrap.dedent(f"""\
        postmortem:
          incident: {incident}
          title: Checkout errors
          date: {date}
          severity: SEV2
          status: final
          action_items:
        """) + textwrap.indent(textwrap.dedent(items), "    ")


def test_past_month_from_git_history(tmp_path: Path, capsys) -> None:
    """October's last commit (2026-10-20) has one postmortem: AI-001 done on 10-10, AI-002 open.

    In November, AI-002 is marked done (completed 2026-11-05), an open AI-003 is added to that postmortem,
    and a postmortem backdated to 2026-10-30 is added with one open item. Read from git, October ends with
    1 open item (AI-002) and 1 completed in October (AI-001). Today's state would say 2 open (AI-003 and
    the backdated item); the dated fields alone would say 3 (AI-002, AI-003 and the backdated item).
    The stored report says 3 open: it differs from the computed 1.
    """
    root = tmp_path
    (root / "services/checkout/postmortems").mkdir(parents=True)
    (root / "org/reports").mkdir(parents=True)
    (root / "services/checkout/service.yaml").write_text("service:\n  name: checkout\n  tier: standard\n  owner_team: payments\n")
    first = root / "services/checkout/postmortems/INC-2026-001.yaml"
    first.write_text(_postmortem("INC-2026-001", "2026-10-05", """\
        - {id: AI-001, description: Add an alert, owner: amara, priority: P1, deadline: 2026-10-12, status: done, completed: 2026-10-10}
        - {id: AI-002, description: Fix the pool, owner: jonas, priority: P1, deadline: 2026-11-30, status: open}
        """))
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "October", date="2026-10-20T12:00:00Z")
    first.write_text(first.read_text().replace("deadline: 2026-11-30, status: open}",
                                               "deadline: 2026-11-30, status: done, completed: 2026-11-05}")
                     + "    - {id: AI-003, description: Load test, owner: li, priority: P2, deadline: 2026-12-20, status: open}\n")
    (root / "services/checkout/postmortems/INC-2026-002.yaml").write_text(_postmortem("INC-2026-002", "2026-10-30", """\
        - {id: AI-001, description: Add a runbook, owner: amara, priority: P2, deadline: 2026-12-15, status: open}
        """))
    (root / "org/reports/2026-10.yaml").write_text(textwrap.dedent("""\
        monthly_report:
          period: 2026-10
          action_items:
            open: 3
            completed_this_month: 1
            overdue: 0
        """))
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "November", date="2026-11-10T12:00:00Z")

    assert main(["report", "monthly", "--month", "2026-10", "--json", "--root", str(root),
                 "--as-of", "2026-11-20T00:00:00Z"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["action_items"] == {"open": 1, "completed_this_month": 1, "overdue": 0}
    assert data["basis"].startswith("git commit ") and data["basis"].endswith(" (2026-10-20)")
    differences = data["stored_report"]["differences"]
    assert {"field": "action_items.open", "stored": 3, "computed": 1} in differences
    assert data["stored_report"]["agrees"] is False

    # The current month (November, not over on 11-20) is today's repo: AI-002 done on 11-05, AI-003 and the
    # backdated postmortem's item open.
    assert main(["report", "monthly", "--month", "2026-11", "--json", "--root", str(root),
                 "--as-of", "2026-11-20T00:00:00Z"]) == 0
    november = json.loads(capsys.readouterr().out)
    assert november["action_items"] == {"open": 2, "completed_this_month": 1, "overdue": 0}
    assert november["basis"] == "the repo as it is"

