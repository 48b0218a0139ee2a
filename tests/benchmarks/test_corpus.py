"""The synthetic corpus: deterministic, complete, and clean under the loader, the schemas and the policies."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import pytest

from benchmarks import corpus
from benchmarks.synth.plan import build_plan
from sre_docs.cli import main as sre_docs_main
from sre_docs.model.repository import load_repository
from sre_docs.schemas import KINDS
from sre_docs.schemas.vocabulary import PRR_CHECK_IDS


def test_same_seed_gives_the_same_bytes() -> None:
    assert corpus.corpus_files(20, seed=7) == corpus.corpus_files(20, seed=7)


def test_another_seed_gives_another_corpus() -> None:
    assert corpus.corpus_files(20, seed=7) != corpus.corpus_files(20, seed=8)


def test_generate_writes_the_same_bytes_twice(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    corpus.generate(first, 12, seed=3, git_history=2)
    corpus.generate(second, 12, seed=3, git_history=2)
    files = sorted(p.relative_to(first) for p in first.rglob("*.yaml"))
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.yaml"))
    assert all((first / rel).read_bytes() == (second / rel).read_bytes() for rel in files)


def test_a_new_folder_only(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("x")
    with pytest.raises(FileExistsError):
        corpus.generate(tmp_path, 3)


def test_the_corpus_loads_without_findings(corpus20: Path) -> None:
    repo = load_repository(corpus20)
    assert [f"{f.path}:{f.line}:{f.column} {f.code} {f.message}" for f in repo.findings] == []
    assert len(repo.services) == 20


def test_the_corpus_lints_clean(corpus20: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = sre_docs_main(["lint", "--root", str(corpus20), "--format", "text"])
    out = capsys.readouterr().out
    assert (code, out) == (0, "no findings\n")


def test_every_kind_appears(corpus20: Path) -> None:
    repo = load_repository(corpus20)
    kinds = Counter(doc.kind for doc in repo.documents)
    assert set(kinds) == set(KINDS)


def test_services_agree_with_their_plan(corpus20: Path) -> None:
    repo = load_repository(corpus20)
    plan = build_plan(20, seed=0)
    for planned in plan.services:
        service = repo.services[planned.name]
        assert service.tier == planned.tier
        assert service.catalog.get("owner_team") == planned.team
        # Dependencies agree from both ends.
        for upstream in service.catalog.get("dependencies", "upstream", default=[]):
            assert planned.name in repo.services[upstream].catalog.get("dependencies", "downstream", default=[])


def test_slos_carry_the_burn_rate_thresholds_of_their_window(corpus20: Path) -> None:
    repo = load_repository(corpus20)
    seen = set()
    for service in repo.services.values():
        for slo in service.slos:
            target, window = slo.get("target"), slo.get("window")
            assert slo.get("error_budget") == round(100 - target, 6)
            minutes = {"28d": 40320, "30d": 43200}[window]
            assert slo.get("error_budget_minutes") == round(minutes * (100 - target) / 100, 2)
            rates = [alert["burn_rate"] for alert in slo.get("burn_rate_alerts")]
            seen.add(window)
            assert rates == {"28d": [13.44, 5.6, 0.93], "30d": [14.4, 6.0, 1.0]}[window]
    assert "28d" in seen


def test_every_alert_and_burn_rate_alert_has_its_own_runbook(corpus20: Path) -> None:
    repo = load_repository(corpus20)
    for service in repo.services.values():
        names = [alert.get("name") for alert in service.alerts]
        names += [alert["name"] for _, _, alert in service.burn_rate_alerts()]
        assert len(names) == len(set(names))
        for name in names:
            assert len(service.runbooks_for(name)) == 1, (service.name, name)
        for alert in service.alerts:
            target = repo.resolve_path(alert.path, alert.get("runbook"))
            assert [doc.get("alert_name") for doc in service.runbooks if doc.path == target] == [alert.get("name")]


def test_upper_tiers_pass_every_prr_check(corpus20: Path) -> None:
    repo = load_repository(corpus20)
    upper = [s for s in repo.services.values() if s.tier in ("critical", "important")]
    assert upper
    for service in upper:
        checks = {check["id"]: check["status"] for check in service.prr.get("checks")}
        assert checks == {check_id: "pass" for check_id in PRR_CHECK_IDS}


def test_big_incidents_have_postmortems(corpus20: Path) -> None:
    repo = load_repository(corpus20)
    incidents = list(repo.incidents.values())
    assert incidents
    for incident in incidents:
        if incident.get("severity") in ("SEV1", "SEV2"):
            assert incident.get("id") in repo.postmortems_by_incident


def test_rotations_have_five_people_and_a_secondary(corpus20: Path) -> None:
    repo = load_repository(corpus20)
    for rotation in repo.rotations.values():
        assert len(rotation.get("members")) >= 5
        assert sorted(rotation.get("secondary")) == sorted(rotation.get("members"))
        assert all(month["pages_per_shift"] < 2 for month in rotation.get("health"))


def test_git_history_has_the_commits_asked_for(corpus20: Path) -> None:
    log = subprocess.run(["git", "-C", str(corpus20), "log", "--format=%s"], capture_output=True, text=True, check=True)
    subjects = log.stdout.splitlines()
    assert len(subjects) == 4 and subjects[-1] == "Import the reliability repo"
    status = subprocess.run(["git", "-C", str(corpus20), "status", "--porcelain"], capture_output=True, text=True, check=True)
    assert status.stdout == ""
