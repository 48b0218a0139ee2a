"""Break a copy of the example organisation on purpose, one edit per policy, and see each policy fire.

The copy is the shipped example (``services/`` and ``org/`` at the repository root). Each
edit is generic ("the first SLO that states an SLA", "a paging alert's runbooks") rather
than tied to one file, so the example data can evolve. The assertion is that the edit
produces exactly the findings of the policy it should (see ``NEW_FINDINGS``), which the untouched
copy does not have.
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from policy_helpers import lint_folder
from sre_docs.yamltext.parse import parse_bytes

EXAMPLE = Path(__file__).resolve().parents[2]
TODAY = "2026-11-26"
pytestmark = pytest.mark.skipif(
    not any((EXAMPLE / "services").glob("*/service.yaml")), reason="the example organisation is not in this checkout"
)


class Copy:
    """The example's YAML files as plain values (read by YAML 1.2 rules), editable and writable."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[str, list[Any]] = {}
        for path in sorted(root.glob("**/*.y*ml")):
            if path.name == "sre-docs.yaml":
                continue
            relative = path.relative_to(root).as_posix()
            self.files[relative] = [d.value for d in parse_bytes(path.read_bytes(), relative).documents]
        self.dirty: set[str] = set()
        #: How many things an edit broke, when that depends on the example's data (see NEW_FINDINGS).
        self.broken = 0

    def docs(self, kind: str, under: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
        for path, documents in self.files.items():
            if path.startswith(under):
                for document in documents:
                    if isinstance(document, dict) and kind in document:
                        yield path, document[kind]

    def first(self, kind: str, where: Callable[[str, dict[str, Any]], bool] = lambda p, b: True) -> tuple[str, dict]:
        return next((p, b) for p, b in self.docs(kind) if isinstance(b, dict) and where(p, b))

    def touch(self, path: str) -> None:
        self.dirty.add(path)

    def add(self, path: str, kind: str, body: Any) -> None:
        self.files.setdefault(path, []).append({kind: body})
        self.dirty.add(path)

    def delete(self, path: str) -> None:
        del self.files[path]
        (self.root / path).unlink()

    def write(self) -> None:
        for path in self.dirty:
            target = self.root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(yaml.safe_dump_all(self.files[path], sort_keys=False, allow_unicode=True, width=1000))

    def services(self) -> dict[str, dict[str, Any]]:
        return {p.split("/")[1]: b for p, b in self.docs("service")}


def _service_of(path: str) -> str:
    return path.split("/")[1]


def _today(offset_days: int = 0) -> str:
    return (dt.date.fromisoformat(TODAY) + dt.timedelta(days=offset_days)).isoformat()


# --- one edit per policy --------------------------------------------------------------------------


def cat001(c: Copy) -> None:
    path, body = c.first("service")
    body.setdefault("dependencies", {}).setdefault("upstream", []).append("no-such-service")
    c.touch(path)


def cat002(c: Copy) -> None:
    services = c.services()
    path, body = c.first("service")
    upstream = body.setdefault("dependencies", {}).setdefault("upstream", [])
    other = next(n for n in services if n != body["name"] and n not in upstream)
    upstream.append(other)
    downstream = services[other].get("dependencies", {}).get("downstream", [])
    if body["name"] in downstream:
        downstream.remove(body["name"])
    c.touch(path)
    c.touch(next(p for p, b in c.docs("service") if b is services[other]))


def cat003(c: Copy) -> None:
    path, body = c.first("service")
    body["owner_team"] = "no-such-team"
    c.touch(path)


def cat004(c: Copy) -> None:
    path, body = c.first("service")
    body["name"] = body["name"] + "-renamed"
    c.touch(path)


def cat005(c: Copy) -> None:
    c.delete(c.first("service")[0])


def slo001(c: Copy) -> None:
    path, body = c.first("slo", lambda p, b: "sla" in b)
    body["target"] = body["sla"]
    c.touch(path)


def slo002(c: Copy) -> None:
    path, body = c.first("slo")
    body["error_budget"] = 1.234
    c.touch(path)


def slo003(c: Copy) -> None:
    path, body = c.first("slo")
    body["sli"] = "no_such_sli"
    c.touch(path)


def slo004(c: Copy) -> None:
    path, body = c.first("slo", lambda p, b: bool(b.get("burn_rate_alerts")))
    for alert in body["burn_rate_alerts"]:
        alert["severity"] = "ticket"
    c.touch(path)


def slo005(c: Copy) -> None:
    critical = {n for n, b in c.services().items() if b.get("tier") == "critical"}
    path, body = c.first("slo", lambda p, b: _service_of(p) in critical)
    body["target"] = 99.0
    body.pop("sla", None)
    c.touch(path)


def slo006(c: Copy) -> None:
    targets: dict[str, float] = {}
    for path, body in c.docs("slo"):
        targets[_service_of(path)] = max(targets.get(_service_of(path), 0), body.get("target", 0))
    path, body = c.first("service", lambda p, b: targets.get(b["name"], 0) >= 99.9)
    body["multi_region"] = {"strategy": "single-region", "regions": ["eu-west-1"]}
    c.touch(path)


def slo007(c: Copy) -> None:
    path, body = c.first("measurements", lambda p, b: bool(b.get("points")))
    row = body["points"][0]
    row[1] = row[2] + 1
    c.touch(path)


def slo008(c: Copy) -> None:
    path, body = c.first("slo")
    c.add(path, "slo", copy.deepcopy(body))


def slo009(c: Copy) -> None:
    path, body = c.first("slo", lambda p, b: bool(b.get("burn_rate_alerts")))
    body["burn_rate_alerts"][0]["long_window"] = "400d"  # longer than any SLO window of the example
    c.touch(path)


def _with_expr(c: Copy) -> tuple[str, dict]:
    return c.first("alert", lambda p, b: bool(b.get("expr")))


def pql001(c: Copy) -> None:
    path, body = _with_expr(c)
    body["expr"] = "sum(rate(" + body["expr"]  # unclosed parentheses
    c.touch(path)


def pql002(c: Copy) -> None:
    path, body = _with_expr(c)
    body["expr"] = "rate(queue_depth[5m]) > 1"
    c.touch(path)


def pql003(c: Copy) -> None:
    path, body = c.first("sli", lambda p, b: bool((b.get("prometheus") or {}).get("total_events")))
    body["prometheus"]["total_events"] = "sum(rate(http_requests_total[30s]))"
    c.touch(path)


def pql004(c: Copy) -> None:
    path, body = c.first("sli", lambda p, b: bool((b.get("prometheus") or {}).get("total_events")))
    body["prometheus"]["total_events"] = "sum(rate(some_other_requests_total[5m]))"
    c.touch(path)


def pql005(c: Copy) -> None:
    path, body = _with_expr(c)
    body["expr"] = "sum(up)"
    c.touch(path)


def alr001(c: Copy) -> None:
    path, body = c.first("alert")
    body["runbook"] = "runbooks/no-such-runbook.yaml"
    c.touch(path)


def alr002(c: Copy) -> None:
    path, alert = c.first("alert", lambda p, b: b.get("severity") in ("P0", "P1"))
    service = _service_of(path)
    for runbook_path, runbook in c.docs("runbook", f"services/{service}/"):
        if runbook.get("alert_name") == alert["name"] or runbook_path.endswith(alert["runbook"]):
            runbook.pop("escalation", None)
            c.touch(runbook_path)


def alr003(c: Copy) -> None:
    path, body = c.first("alert")
    body["slo"] = "no-such-slo"
    c.touch(path)


def alr004(c: Copy) -> None:
    path, body = c.first("alert")
    c.add(path, "alert", copy.deepcopy(body))


def alr005(c: Copy) -> None:
    path, body = c.first("alert", lambda p, b: b.get("signal") == "saturation" and not b.get("slo"))
    body["severity"], body["notify"] = "P0", "page"
    c.touch(path)


def alr006(c: Copy) -> None:
    path, body = c.first("alert", lambda p, b: b.get("severity") == "P3")
    body["notify"] = "page"
    c.touch(path)


def alr007(c: Copy) -> None:
    path, body = c.first("alert")
    body["last_reviewed"] = "2020-01-01"
    c.touch(path)


def alr008(c: Copy) -> None:
    path, body = c.first("alert")
    body["expr"] = "TODO: write it"
    c.touch(path)


def chs003(c: Copy) -> None:
    path, body = c.first("experiment", lambda p, b: isinstance(b.get("game_day"), dict))
    body["game_day"]["post"]["findings-shared"] = False
    c.touch(path)


def log001(c: Copy) -> None:
    path, body = c.first("service", lambda p, b: "trace_id" in b.get("observability", {}).get("log_fields", []))
    body["observability"]["log_fields"].remove("trace_id")
    c.touch(path)


def log002(c: Copy) -> None:
    path, body = c.first("service", lambda p, b: "RED" in b.get("observability", {}).get("monitoring_methods", []))
    body["observability"]["monitoring_methods"] = ["USE"]
    c.touch(path)


def rbk001(c: Copy) -> None:
    path, body = c.first("runbook")
    body["last_updated"] = "2020-01-01"
    c.touch(path)


def rbk004(c: Copy) -> None:
    path, body = c.first("runbook")
    body["last_tested"] = "2020-01-01"
    c.touch(path)


def rbk002(c: Copy) -> None:
    path, body = c.first("runbook")
    body.pop("mitigation", None)
    c.touch(path)


def rbk003(c: Copy) -> None:
    path, body = c.first("runbook")
    body["alert_name"] = "no-such-alert"
    c.touch(path)


def inc001(c: Copy) -> None:
    path, body = c.first("incident")
    body["severity"] = "SEV4"
    body["impact"] = {"function": "core_down", "users": "all_users"}
    c.touch(path)


def inc002(c: Copy) -> None:
    path, body = c.first("incident")
    body["timestamps"]["detected"] = "2000-01-01T00:00:00Z"
    c.touch(path)


def inc003(c: Copy) -> None:
    path, body = c.first("incident")
    body["services"].append("no-such-service")
    c.touch(path)


def inc004(c: Copy) -> None:
    path, body = c.first("incident")
    body["postmortem"] = "../postmortems/no-such-postmortem.yaml"
    c.touch(path)


def inc005(c: Copy) -> None:
    path, body = c.first("incident")
    other = next(s for s in c.services() if s != _service_of(path))
    c.add(f"services/{other}/incidents/copy.yaml", "incident", copy.deepcopy(body))


def inc006(c: Copy) -> None:
    path, body = c.first("incident", lambda p, b: b.get("severity") in ("SEV1", "SEV2"))
    body["roles"].pop("incident_commander")
    c.touch(path)


def inc007(c: Copy) -> None:
    path, body = c.first("incident", lambda p, b: "mitigated" in b["timestamps"] and "resolved" in b["timestamps"])
    mitigated = dt.datetime.fromisoformat(str(body["timestamps"]["mitigated"]).replace("Z", "+00:00"))
    body["timestamps"]["resolved"] = (mitigated + dt.timedelta(minutes=2)).isoformat().replace("+00:00", "Z")
    c.touch(path)


def inc008(c: Copy) -> None:
    # Without its trigger alert, a SEV1 or SEV2 page is held to P0's 5 minutes.
    path, body = c.first("incident", lambda p, b: b.get("severity") in ("SEV1", "SEV2") and "acknowledged" in b["timestamps"])
    body.pop("trigger_alert", None)
    detected = dt.datetime.fromisoformat(str(body["timestamps"]["detected"]).replace("Z", "+00:00"))
    body["timestamps"]["acknowledged"] = (detected + dt.timedelta(minutes=6)).isoformat().replace("+00:00", "Z")
    c.touch(path)


def inc009(c: Copy) -> None:
    path, body = c.first("incident", lambda p, b: b.get("severity") in ("SEV1", "SEV2") and "mitigated" in b["timestamps"])
    detected = dt.datetime.fromisoformat(str(body["timestamps"]["detected"]).replace("Z", "+00:00"))
    mitigated = dt.datetime.fromisoformat(str(body["timestamps"]["mitigated"]).replace("Z", "+00:00"))
    body["updates"] = [u for u in body["updates"]
                       if not detected <= dt.datetime.fromisoformat(str(u["time"]).replace("Z", "+00:00")) <= mitigated]
    body["timestamps"]["mitigated"] = (detected + dt.timedelta(minutes=40)).isoformat().replace("+00:00", "Z")
    c.touch(path)


def pm007(c: Copy) -> None:
    path, body = c.first("postmortem", lambda p, b: b.get("status") == "final")
    body["reviewers"] = []
    c.touch(path)


def pm008(c: Copy) -> None:
    path, body = c.first("postmortem", lambda p, b: bool(b.get("contributing_factors")))
    body["contributing_factors"][0]["category"] = "tecnology"
    c.touch(path)


def bud002(c: Copy) -> None:
    # The example's one exhausted budget (payments-availability, spent by INC-2026-031 in August) loses its
    # postmortem: PM001 and BUD002 both notice.
    path, body = c.first("postmortem", lambda p, b: b.get("incident") == "INC-2026-031")
    c.delete(path)
    incident_path, incident = c.first("incident", lambda p, b: b.get("id") == "INC-2026-031")
    incident.pop("postmortem", None)
    c.touch(incident_path)


def pm001(c: Copy) -> None:
    incidents = {b["id"]: b for _, b in c.docs("incident")}
    path, _ = c.first("postmortem", lambda p, b: (
        incidents.get(b.get("incident"), {}).get("severity") in ("SEV1", "SEV2")
        and "resolved" in incidents.get(b.get("incident"), {}).get("timestamps", {})
        and incidents[b["incident"]]["timestamps"]["resolved"] < _today(-10)
    ))
    c.delete(path)


def pm002(c: Copy) -> None:
    path, body = c.first("postmortem", lambda p, b: bool(b.get("action_items")))
    body["action_items"][0].pop("owner", None)
    c.touch(path)


def pm003(c: Copy) -> None:
    path, body = c.first("postmortem", lambda p, b: bool(b.get("action_items")))
    item = body["action_items"][0]
    item.update(status="open", deadline="2020-01-01")
    item.pop("completed", None)
    c.touch(path)


def pm004(c: Copy) -> None:
    path, body = c.first("postmortem", lambda p, b: len({e["time"] for e in b.get("timeline", [])}) >= 2)
    body["timeline"].reverse()
    # Reversed, every entry after the first is earlier than the one before it (the times are distinct).
    c.broken = len(body["timeline"]) - 1
    c.touch(path)


def pm005(c: Copy) -> None:
    path, body = c.first("postmortem")
    body["root_cause"] = (body.get("root_cause") or "") + "\nIn the end this was human error by the on-call.\n"
    c.touch(path)


def pm006(c: Copy) -> None:
    path, body = c.first("postmortem")
    body["incident"] = "INC-1999-001"
    c.touch(path)


def chs001(c: Copy) -> None:
    path, body = c.first("experiment")
    body["hypothesis"] = "It should be fine"
    c.touch(path)


def _burn_the_budget(c: Copy, service: str) -> None:
    """Spend the budget of the service's first SLO: worse measurements, or a full outage if it has none."""
    slo = next(b for p, b in c.docs("slo", f"services/{service}/"))
    name = slo.get("name") or slo["sli"]
    measured = [(p, b) for p, b in c.docs("measurements", f"services/{service}/") if b.get("slo") == name]
    for path, body in measured:
        for row in body["points"][-3:]:
            row[1] = int(row[2] * 0.9)
        c.touch(path)
    if measured:
        return
    c.add(f"services/{service}/incidents/INC-2026-999.yaml", "incident", {
        "id": "INC-2026-999", "title": "Full outage", "services": [service], "severity": "SEV1", "status": "mitigate",
        "timestamps": {"started": f"{_today(-2)}T10:00:00Z", "mitigated": f"{_today(-2)}T16:00:00Z"},
        "impact": {"function": "core_down", "users": "all_users", "slo": name},
    })


def chs002(c: Copy) -> None:
    path, body = c.first("experiment")
    service = body.get("service") or _service_of(path)
    body["status"] = "scheduled"
    c.touch(path)
    _burn_the_budget(c, service)
    # Every upcoming experiment on that service now runs into the exhausted budget.
    c.broken = sum(1 for p, b in c.docs("experiment") if (b.get("service") or _service_of(p)) == service
                   and b.get("status") in ("planned", "scheduled", "running"))


def bud001(c: Copy) -> None:
    _burn_the_budget(c, _service_of(c.first("slo")[0]))


def tol001(c: Copy) -> None:
    teams = {b["name"] for _, b in c.docs("team") if b.get("sre_hours_per_month")}
    path, body = c.first("service", lambda p, b: b.get("owner_team") in teams)
    c.add(f"services/{body['name']}/toil-extra.yaml", "toil_item",
          {"name": "Hand-run failovers", "category": "recovery", "total_hours_per_month": 5000})


def tol002(c: Copy) -> None:
    path, body = c.first("toil_item", lambda p, b: b.get("time_per_occurrence_min") and b.get("occurrences_per_month"))
    body["total_hours_per_month"] = body["time_per_occurrence_min"] * body["occurrences_per_month"] / 60 + 2
    c.touch(path)


def tol003(c: Copy) -> None:
    path, body = c.first("toil_item", lambda p, b: b.get("priority_score") is not None and b.get("automation_difficulty"))
    body["priority_score"] = body["priority_score"] + 5
    c.touch(path)


def tol004(c: Copy) -> None:
    path, body = c.first("toil_item", lambda p, b: b.get("time_per_occurrence_min") and b.get("occurrences_per_month"))
    body["automation_value"] = body["time_per_occurrence_min"] * body["occurrences_per_month"] / 60 + 5
    c.touch(path)


def cap002(c: Copy) -> None:
    path, body = c.first("capacity_model", lambda p, b: b.get("growth_forecast", {}).get("projected_6mo"))
    body["growth_forecast"]["projected_6mo"] = 9999
    c.touch(path)


def cap003(c: Copy) -> None:
    path, body = c.first("capacity_model", lambda p, b: b.get("current_state", {}).get("headroom_pct"))
    body["current_state"]["headroom_pct"] = 10
    c.touch(path)


def cap004(c: Copy) -> None:
    path, body = c.first("capacity_model")
    body["last_review"] = "2020-01-01"
    c.touch(path)


def todo001(c: Copy) -> None:
    path, body = c.first("service")
    body["description"] = "TODO: what it does"
    c.touch(path)


def cap001(c: Copy) -> None:
    path, body = c.first("capacity_model")
    body.setdefault("current_state", {}).update(peak_utilization_pct=95, headroom_pct=5)
    c.touch(path)


def onc001(c: Copy) -> None:
    path, body = c.first("oncall_rotation")
    body["members"] = body["members"][:2]
    c.touch(path)


def onc002(c: Copy) -> None:
    path, body = c.first("oncall_rotation")
    # The latest month up to today (2026-11): a row for a month still to come is never read.
    max(body["health"], key=lambda row: row["period"])["pages_per_shift"] = 50
    c.touch(path)


def _deploy(c: Copy, rule: dict[str, Any], globs: str = '["deploy/prometheus/*.rules.yaml"]') -> None:
    """A deployed rule file beside the example, named in the config (the copy's sre-docs.yaml pins today)."""
    c.files["deploy/prometheus/app.rules.yaml"] = [{"groups": [{"name": "app", "rules": [rule]}]}]
    c.touch("deploy/prometheus/app.rules.yaml")
    (c.root / "sre-docs.yaml").write_text(f"today: {TODAY}\nprometheus:\n  rule_files: {globs}\n")


def alr010(c: Copy) -> None:
    path, body = c.first("alert")
    _deploy(c, {"alert": f"{body['name']}-deployed", "expr": "up == 0", "labels": {"service": _service_of(path)}})


def alr011(c: Copy) -> None:
    path, _ = c.first("runbook")
    _deploy(c, {"alert": "deployed-without-a-page", "expr": "up == 0",
                "annotations": {"runbook_url": f"services/{_service_of(path)}/runbooks/no-such-page/"}})


def alr012(c: Copy) -> None:
    _deploy(c, {"alert": "deployed", "expr": "up == 0"}, '["deploy/prometheus/*.rules.yaml", "helm/*.yaml"]')


def onc003(c: Copy) -> None:
    path, body = c.first("oncall_rotation")
    max(body["health"], key=lambda row: row["period"])["pages_per_week_by_service"] = {"checkout": 7.5}
    c.touch(path)


def prr001(c: Copy) -> None:
    needs = {n for n, b in c.services().items() if b.get("tier") in ("critical", "important")}
    path, body = c.first("prr", lambda p, b: _service_of(p) in needs)
    body["checks"][0]["status"] = "fail"
    c.touch(path)


def prr002(c: Copy) -> None:
    """A review of a service PRR001 does not hold (not critical or important) passes alerts-with-runbooks; break
    one of its alerts' runbook links, and the pass is contradicted (ALR001's predicate)."""
    lower = {n for n, b in c.services().items() if b.get("tier") not in ("critical", "important")}
    path, review = c.first("prr", lambda p, b: _service_of(p) in lower and any(
        check.get("id") == "monitoring.alerts-with-runbooks" and check.get("status") == "pass" for check in b["checks"]))
    alert_path, alert = c.first("alert", lambda p, b: _service_of(p) == _service_of(path))
    alert["runbook"] = "runbooks/no-such-runbook.yaml"
    c.touch(alert_path)


def prr003(c: Copy) -> None:
    path, body = c.first("service", lambda p, b: b.get("tier") == "standard" and not (c.root / p).with_name("prr.yaml").exists())
    body["launch_date"] = _today(-10)
    c.touch(path)


EDITS: dict[str, Callable[[Copy], None]] = {
    name.upper(): function for name, function in list(globals().items())
    if callable(function) and name[:3] in {"cat", "slo", "alr", "log", "rbk", "inc", "pm0", "chs", "bud", "tol", "cap",
                                            "onc", "prr", "pql", "tod"} and name[-3:].isdigit()
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> tuple[Path, set[tuple[str, str, int, int]]]:
    root = tmp_path_factory.mktemp("example")
    for part in ("services", "org"):
        shutil.copytree(EXAMPLE / part, root / part)
    (root / "sre-docs.yaml").write_text(f"today: {TODAY}\n")
    found = {(f.code, f.path, f.line, f.column) for f in lint_folder(root)}
    return root, found


def test_every_builtin_policy_has_an_edit():
    from sre_docs.lint.catalog import builtin_policies

    assert set(EDITS) == {p.id for p in builtin_policies() if p.origin == "built-in"}


@pytest.mark.parametrize("code", sorted(EDITS))
def test_breaking_the_example_fires_the_policy(code, pristine, tmp_path):
    source, before = pristine
    root = tmp_path / "repo"
    shutil.copytree(source, root)
    example = Copy(root)
    EDITS[code](example)
    example.write()
    new = sorted(f.message for f in lint_folder(root) if f.code == code and (f.code, f.path, f.line, f.column) not in before)
    count, says = NEW_FINDINGS[code]
    if count is None:  # one per item the edit broke: the edit counted them
        count = example.broken
    assert len(new) == count, new
    assert all(says in message for message in new), new


#: What each edit must add, and nothing more: how many new findings of the policy (None: as many as the edit
#: counted in ``Copy.broken``) and words every one of their messages contains, naming what was broken. The
#: edits pick "the first SLO", "the first alert", so positions follow the example as it evolves; the messages
#: and counts do not.
NEW_FINDINGS: dict[str, tuple[int | None, str]] = {
    "CAT001": (1, "upstream dependency 'no-such-service' is not a service of this repo"),
    "CAT002": (1, "under dependencies.downstream"),
    "CAT003": (1, "owner team 'no-such-team' is not a team in org/"),
    "CAT004": (1, "-renamed' differs from its folder services/"),
    "CAT005": (1, "has no service document; add services/"),
    "SLO001": (1, "the error budget would run out only when the contract is already broken"),
    "SLO002": (1, "error_budget 1.234% does not match 100 - target"),
    "SLO003": (1, "SLI 'no_such_sli' is not defined in services/"),
    "SLO004": (1, "no burn-rate alert pages on a fast burn (severity page with a long window of at most 1h)"),
    "SLO005": (1, "target 99% is below the 99.95% floor for critical services"),
    "SLO006": (1, "single-region cannot carry the"),
    "SLO007": (1, "good events is more than the"),
    "SLO008": (1, "is already used at services/"),
    "ALR001": (1, "runbook link 'runbooks/no-such-runbook.yaml' does not resolve"),
    "ALR002": (1, "has no escalation contact"),
    "ALR003": (1, "SLO 'no-such-slo' is not an SLO of services/"),
    "ALR004": (1, "is already used at services/"),
    "ALR005": (1, "pages on a cause (signal: saturation, no slo)"),
    "ALR006": (1, "so notify must be dashboard, not page"),
    "ALR007": (1, "was last reviewed on 2020-01-01, more than 31 days ago"),
    "ALR008": (1, "has no expression yet ('TODO: write it')"),
    "ALR010": (1, "-deployed' has no runbook_url annotation and no alert document in services/"),
    "ALR011": (1, "/runbooks/no-such-page/' is not a runbook page of the handbook"),
    "ALR012": (1, "glob 'helm/*.yaml' matches no file"),
    "RBK001": (1, "runbook last changed 2020-01-01 (last_updated), more than 90 days ago"),
    "RBK002": (1, "runbook has no mitigation (options to stop the impact)"),
    "RBK003": (1, "runbook is for alert 'no-such-alert', which is not an alert of services/"),
    "RBK004": (1, "runbook last tested 2020-01-01, more than 180 days ago"),
    "INC001": (1, "recorded SEV4, but the impact calls for SEV1: matrix: core function down for all users is SEV1"),
    "INC002": (1, "detected (2000-01-01T00:00:00Z) is before started"),
    "INC003": (1, "service 'no-such-service' does not exist"),
    "INC004": (1, "postmortem link '../postmortems/no-such-postmortem.yaml' does not resolve"),
    "INC005": (1, "is already used at services/"),
    "BUD002": (1, "error budget of SLO payments-availability ran out on 2026-08-15 and no postmortem reviews it"),
    "PM007": (1, "final postmortem names no reviewers"),
    "PM008": (1, "contributing factor category 'tecnology' is not one of"),
    "INC006": (1, "has no incident commander (roles.incident_commander)"),
    "INC007": (1, "resolved 2 minutes after mitigation"),
    "INC008": (1, "acknowledged 6 minutes after detection"),
    "INC009": (1, "no status update between detection and mitigation"),
    "PM001": (1, "and has no postmortem; it was due by"),
    "PM002": (1, "has no owner"),
    "PM003": (1, "is not done and was due on 2020-01-01"),
    "PM004": (None, "is earlier than the entry before it"),
    "PM005": (1, "blaming language 'human error': describe what the system allowed, not who got it wrong"),
    "PM006": (1, "incident INC-1999-001 does not exist"),
    "CHS003": (1, "post items not done: findings-shared"),
    "CHS001": (1, 'hypothesis must read "When <fault>, <system> will <expected behaviour>"'),
    "CHS002": (None, "is exhausted; the budget policy allows chaos experiments only while it is healthy and not at risk"),
    "BUD001": (1, "is exhausted; the policy asks: "),
    "TOL001": (1, "SRE hours; keep it under 25%"),
    "TOL002": (1, "h, the figure every surface counts"),
    "CAP001": (1, "headroom is 5%, below the 20% floor"),
    "CAP002": (1, "growth_forecast.projected_6mo is 9999 but"),
    "CAP003": (1, "headroom_pct is 10 but a"),
    "CAP004": (1, "last_review 2020-01-01 is"),
    "TOL003": (1, "priority_score is"),
    "TOL004": (1, "automation cannot save more than that"),
    "TODO001": (1, "service.description still holds a scaffold TODO marker: write the real value"),
    "ONC001": (1, "rotation has 2 people; a healthy rotation has at least 5"),
    "ONC002": (1, "pages per shift was 50 in 2026-11: critical (>5 pages); healthy is <2 pages"),
    "PRR001": (1, "fails"),
    "LOG001": (1, "miss 1 field(s) of the structured log standard: trace_id"),
    "LOG002": (1, "but does not track RED (rate, errors and duration of every service)"),
    "PRR002": (1, "readiness check monitoring.alerts-with-runbooks passes in the review, but the repo shows otherwise"),
    "PRR003": (1, "launched 2026-11-16) has no production readiness review (prr)"),
    "ONC003": (1, "the guide's limit is fewer than 5 a week per service"),
    "PQL001": (1, "is not valid PromQL: unclosed left parenthesis"),
    "PQL002": (1, "whose name does not end in _total, _count, _sum or _bucket; is it a gauge?"),
    "PQL003": (1, "shorter than 2 scrape intervals of 1m ([2m])"),
    "PQL004": (1, "count both with one metric"),
    "PQL005": (1, "its expr has no comparison (nor absent()), so it fires for every series it returns"),
    "SLO009": (1, "its long window 400d is longer than the SLO window 28d"),
}


def test_every_edit_says_what_it_adds():
    assert sorted(NEW_FINDINGS) == sorted(EDITS)
