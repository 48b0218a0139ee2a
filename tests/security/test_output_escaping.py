"""File names from the repo cannot forge output lines or crash a format.

Before the fix, a file named ``bad\\n::error file=x::forged.yaml`` was printed raw by
``--format text`` (a second line that GitHub reads as a workflow command when the text goes to
a job log), and ``--format sarif`` crashed with a traceback on a file name that is not UTF-8.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

FORGED = "bad\n::error file=x::forged.yaml"
KINDS = ("(known kinds: service, sli, slo, measurements, error_budget_policy, alert, runbook, incident, postmortem, "
         "experiment, toil_item, capacity_model, auto_remediation, oncall_rotation, team, prr, maturity_assessment, "
         "monthly_report)")


@pytest.fixture
def named(repo: Path) -> Path:
    folder = repo / "services" / "checkout"
    (folder / FORGED).write_text("x: 1\n")
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.yaml"), "wb") as handle:
        handle.write(b"x: 1\n")
    return repo


def test_text_shows_each_finding_on_one_line(named: Path, cli) -> None:
    result = cli(named, "lint", "--format", "text")
    assert result.code == 1
    assert result.out.splitlines() == [
        f"services/checkout/bad\\u000a::error file=x::forged.yaml:1:1: error DOC002 unknown document kind 'x' {KINDS}",
        f"services/checkout/caf\\udce9.yaml:1:1: error DOC002 unknown document kind 'x' {KINDS}",
        "2 finding(s): 2 error(s), 0 warning(s), 0 info in 2 file(s)",
    ]


def test_github_commands_cannot_be_forged(named: Path, cli) -> None:
    lines = cli(named, "lint", "--format", "github").out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("::error file=services/checkout/bad%0A%3A %3Aerror file=x%3A %3Aforged.yaml,line=1,")
    assert lines[1].startswith("::error file=services/checkout/caf\\udce9.yaml,line=1,col=1,title=DOC002::")
    assert not any(line.startswith("::error file=x") for line in lines)


def test_sarif_and_junit_hold_every_name(named: Path, cli) -> None:
    sarif = json.loads(cli(named, "lint", "--format", "sarif").out)
    uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"])
    assert uris == ["services/checkout/bad%0A%3A%3Aerror%20file%3Dx%3A%3Aforged.yaml", "services/checkout/caf%E9.yaml"]
    junit = ET.fromstring(cli(named, "lint", "--format", "junit").out.split("\n", 1)[1])
    failure = junit.find("./testsuite/testcase/failure")
    assert failure is not None and "caf\\udce9.yaml:1:1" in (failure.text or "")
