"""A Grafana dashboard per service over the recording rules ``export prometheus`` writes.

Every panel queries only series the exported rule files record, so a dashboard never shows
an SLI computed differently from the one the alerts fire on: the error ratio per window
(``slo:sli_error:ratio_rate<window>``) and Sloth's metadata series (objective, error budget,
burn rates, remaining budget). Per SLO of the service, a row holds:

* **SLI over the window** and **error budget remaining** (stats, the figures of the whole SLO window);
* **SLI** over the shortest alert window, against the objective (time series);
* **burn rate** over every alert window, the speed at which the budget is spent (1 = exactly
  the budget over the window); the tiers' thresholds are the alert rules', so the panel shows
  how close each window is to paging.

One last panel lists the service's **alerts firing**, from Prometheus' own ``ALERTS`` series
(the only series not recorded by sre-docs), filtered by the ``sre_docs_service`` label every
exported alert carries.

The dashboards are built with ``grafana-foundation-sdk``, Grafana's own typed builders, rather
than hand-written JSON: the model is the one Grafana's schema defines, and the data source is a
dashboard variable, so the same file works on any Grafana with any Prometheus data source.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta

from grafana_foundation_sdk.builders import common as common_builders
from grafana_foundation_sdk.builders import dashboard as dash
from grafana_foundation_sdk.builders import prometheus as prom
from grafana_foundation_sdk.builders import stat, table, timeseries
from grafana_foundation_sdk.cog.encoder import JSONEncoder
from grafana_foundation_sdk.models import common
from grafana_foundation_sdk.models import dashboard as model
from grafana_foundation_sdk.models import prometheus as prom_model

from sre_docs.findings import Finding
from sre_docs.integrations.prometheus import (
    LABEL_ID, LABEL_SERVICE, LABEL_SLO, RECORD_PREFIX, RulesExport, prom_duration, selector,
)
from sre_docs.model.burn_alerts import burn_alerts, slo_window
from sre_docs.model.page_paths import slug
from sre_docs.model.repository import Repository

DATASOURCE_VARIABLE = "datasource"
_DATASOURCE = model.DataSourceRef(type_val="prometheus", uid="${" + DATASOURCE_VARIABLE + "}")
#: Rule-export findings about runbook_url annotations, which dashboards do not show.
RUNBOOK_CODES = frozenset({"EXP003", "EXP004", "EXP006"})
#: Grafana refuses dashboard uids longer than 40 characters.
UID_LENGTH = 40


@dataclass
class DashboardsExport:
    """Dashboard JSON text by service, and the findings of the rule export they are built over."""

    files: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class _Slo:
    name: str
    target: float
    period: str
    windows: tuple[str, ...]


def _query(expr: str, legend: str, ref: str, *, instant: bool = False) -> prom.Dataquery:
    query = prom.Dataquery().expr(expr).legend_format(legend).ref_id(ref).datasource(_DATASOURCE)
    return query.instant() if instant else query.range()


def _last() -> common_builders.ReduceDataOptions:
    return common_builders.ReduceDataOptions().calcs(["lastNotNull"]).values(False)


def _steps(*steps: tuple[float | None, str]) -> dash.ThresholdsConfig:
    return dash.ThresholdsConfig().mode(model.ThresholdsMode.ABSOLUTE).steps(
        [model.Threshold(value, color) for value, color in steps])


def _slos(repo: Repository, service: str, rules: dict) -> list[_Slo]:
    """The SLOs of the service's rule file, with the alert windows whose error ratio it records
    (the same :func:`burn_alerts` list ``export prometheus`` writes the rules from)."""
    found = []
    for group in rules.get("groups", []):
        labels: dict[str, str] = next((r.get("labels", {}) for r in group["rules"] if "record" in r), {})
        name = labels.get(LABEL_SLO)
        doc = repo.services[service].slo(name) if name else None
        window = slo_window(doc) if doc is not None else None
        if name is None or doc is None or window is None:
            continue  # the service's standalone alerts: no SLO, no recording rules
        alerts = burn_alerts(repo.services[service], doc)
        lengths = sorted({a.long_window for a in alerts} | {a.short_window for a in alerts}) or [timedelta(minutes=5)]
        windows = tuple(prom_duration(w) for w in lengths)
        found.append(_Slo(name, float(doc.get("target")), prom_duration(window), windows))
    return found


def slo_panels(board: dash.Dashboard, service: str, slo: _Slo) -> None:
    """One row for an SLO: its figures over the window, its SLI and its burn rates."""
    match = selector({LABEL_SERVICE: service, LABEL_SLO: slo.name})
    on = f"on({LABEL_ID}, {LABEL_SERVICE}, {LABEL_SLO}) group_left"
    windows = slo.windows
    shortest = windows[0] if windows else slo.period
    objective = slo.target / 100
    board.with_row(dash.Row(f"SLO {slo.name}: {slo.target:g}% over {slo.period}"))
    board.with_panel(
        stat.Panel().title(f"SLI over {slo.period}").unit("percentunit").decimals(3).span(6).height(6)
        .with_target(_query(f"1 - {RECORD_PREFIX}{slo.period}{match}", "SLI", "A", instant=True))
        .thresholds(_steps((None, "red"), (objective, "green")))
        .reduce_options(_last()).graph_mode(common.BigValueGraphMode.NONE))
    board.with_panel(
        stat.Panel().title("Error budget remaining").unit("percentunit").decimals(1).span(6).height(6)
        .with_target(_query(f"slo:period_error_budget_remaining:ratio{match}", "remaining", "A", instant=True))
        .thresholds(_steps((None, "red"), (0.0, "orange"), (0.25, "green")))
        .reduce_options(_last()).graph_mode(common.BigValueGraphMode.AREA))
    board.with_panel(
        timeseries.Panel().title(f"SLI ({shortest}) against the objective").unit("percentunit").span(12).height(6)
        .with_target(_query(f"1 - {RECORD_PREFIX}{shortest}{match}", f"SLI over {shortest}", "A"))
        .with_target(_query(f"slo:objective:ratio{match}", "objective", "B")))
    burn = timeseries.Panel().title("Burn rate per alert window").span(24).height(8).unit("x") \
        .thresholds(_steps((None, "green"), (1.0, "orange")))
    for index, window in enumerate(windows):
        burn = burn.with_target(_query(f"{RECORD_PREFIX}{window}{match}\n/ {on}\nslo:error_budget:ratio{match}",
                                       window, chr(ord("A") + index)))
    board.with_panel(burn.with_target(_query(f"slo:period_burn_rate:ratio{match}", f"{slo.period} (whole window)",
                                             chr(ord("A") + len(windows)))))


def service_dashboard(repo: Repository, service: str, rules: dict) -> model.Dashboard:
    """The dashboard of one service, over its exported rule file ``rules``."""
    uid = ("sre-docs-" + slug(service, fallback="service"))[:UID_LENGTH].rstrip("-")
    board = (dash.Dashboard(f"{service}: SLOs and error budgets").uid(uid).tags(["sre-docs", "slo"])
             .description(f"SLOs of {service}, over the recording rules of `sre-docs export prometheus`.")
             .time("now-7d", "now").refresh("1m").timezone("utc").editable()
             .with_variable(dash.DatasourceVariable(DATASOURCE_VARIABLE).label("Prometheus").type("prometheus")))
    for slo in _slos(repo, service, rules):
        slo_panels(board, service, slo)
    board.with_row(dash.Row("Alerts"))
    firing = selector({"alertstate": "firing", LABEL_SERVICE: service})
    board.with_panel(
        table.Panel().title("Alerts firing").span(24).height(8).no_value("No alert is firing")
        .with_target(_query(f"sum by (alertname, severity) (ALERTS{firing})", "{{alertname}}", "A", instant=True)
                     .format(prom_model.PromQueryFormat.TABLE)))
    built = board.build()
    for number, panel in enumerate(built.panels or [], start=1):
        panel.id_val = number  # unique ids, in reading order (the builders leave them unset)
    return built


def dashboard_json(board: model.Dashboard) -> str:
    """The dashboard as Grafana imports it: the library's own encoding, keys sorted for stable diffs."""
    return json.dumps(board, cls=JSONEncoder, indent=2, sort_keys=True) + "\n"


def grafana_dashboards(repo: Repository, rules: RulesExport) -> DashboardsExport:
    """A dashboard per service that has exported SLO rules (``rules``: what ``export prometheus`` writes)."""
    # Findings about runbook links concern the alert rules, not the dashboards.
    export = DashboardsExport(findings=[f for f in rules.findings if f.code not in RUNBOOK_CODES])
    for service, file in sorted(rules.files.items()):
        if _slos(repo, service, file):
            export.files[service] = dashboard_json(service_dashboard(repo, service, file))
    return export
