"""Reference tables rendered from the data the checks use, so the handbook cannot drift.

A hand-written page asks for a table with a placeholder on a line of its own::

    <!-- sre-docs:table nines -->

and :func:`replace_placeholders` swaps it for the Markdown table built here from
``sre_docs.calc`` and ``sre_docs.schemas.vocabulary``. Change a threshold in the code and
the page changes with it; ask for a table that does not exist and the build reports it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sre_docs.calc import alerts, budget_policy, error_budget, multiregion, nines, oncall, scores, severity, toil
from sre_docs.calc.durations import format_duration
from sre_docs.handbook.markup import Safe, md_code, text
from sre_docs.schemas import vocabulary
from sre_docs.words import counted

__all__ = ["TABLES", "PLACEHOLDER", "UnknownTable", "budget_policy_tables", "markdown_table", "render_table",
           "replace_placeholders"]

#: ``<!-- sre-docs:table NAME -->`` alone on a line (leading spaces allowed, kept as indentation).
PLACEHOLDER = re.compile(r"^(?P<indent>[ \t]*)<!--\s*sre-docs:table\s+(?P<name>[a-z0-9-]+)\s*-->[ \t]*$", re.M)


class UnknownTable(LookupError):
    """A placeholder names a table that does not exist."""

    def __init__(self, name: str, line: int) -> None:
        self.name, self.line = name, line
        known = ", ".join(sorted(TABLES))
        super().__init__(f"line {line}: unknown table {name!r} (known tables: {known})")


def markdown_table(headers: Sequence[object], rows: Sequence[Sequence[object]], *, align: str = "") -> str:
    """A Markdown table with every cell escaped; ``align`` is one letter per column (l, c, r)."""
    rules = {"l": ":--", "c": ":-:", "r": "--:"}
    head = "| " + " | ".join(text(h) for h in headers) + " |"
    rule = "| " + " | ".join(rules.get(align[i:i + 1], "---") for i in range(len(headers))) + " |"
    body = ["| " + " | ".join(text(cell) for cell in row) + " |" for row in rows]
    return "\n".join([head, rule, *body])


def _bold(value: object) -> Safe:
    return Safe(f"**{text(value)}**")


def _pct(value: float) -> str:
    return f"{value:g}%"


# --- the tables ---------------------------------------------------------------------------------


def nines_table() -> str:
    rows = [
        (row.label, _pct(row.target), format_duration(row.downtime_per_month), row.appropriate_for)
        for row in nines.SLO_TARGET_GUIDE
    ]
    return markdown_table(("Nines", "Target", "Downtime per month", "Suits"), rows, align="lrrl")


def downtime_table() -> str:
    headers = ["Target", *(period.label for period in nines.PERIODS)]
    rows = []
    for row in nines.SLO_TARGET_GUIDE:
        rows.append([_pct(row.target), *(cell.display for cell in nines.downtime_table(row.target))])
    return markdown_table(headers, rows, align="r" * len(headers))


def budget_states_table(policy: budget_policy.BudgetPolicy = budget_policy.DEFAULT_BUDGET_POLICY) -> str:
    rows = [
        (_bold(rule.state.value), rule.condition, Safe("<br>").join(text(a) for a in rule.actions))
        for rule in policy.states
    ]
    return markdown_table(("State", "When", "What the team does"), rows)


def budget_exceptions_table(policy: budget_policy.BudgetPolicy = budget_policy.DEFAULT_BUDGET_POLICY) -> str:
    return markdown_table(("Always allowed, whatever the state",), [(item,) for item in policy.exceptions])


def _burn_rate_rows(window: str) -> Sequence[tuple[object, ...]]:
    rows = []
    for alert in error_budget.recommended_burn_rate_alerts(window):
        tier = alert.tier
        rows.append((
            tier.name,
            _pct(tier.budget_share_pct),
            format_duration(tier.long_window),
            format_duration(tier.short_window),
            f"{alert.burn_rate_threshold:.4g}x",
            format_duration(alert.exhausts_full_budget_in),
            tier.severity,
        ))
    return rows


def burn_rate_table(window: str) -> Callable[[], str]:
    def build() -> str:
        return markdown_table(
            ("Alert", "Budget spent before firing", "Long window", "Short window", "Burn rate", "Full budget gone in", "Sends"),
            _burn_rate_rows(window),
            align="lrrrrrl",
        )

    return build


def severity_matrix_table() -> str:
    columns = list(severity.UserImpact)
    headers = ["What broke \\ who is hit", *(severity.USER_IMPACT_LABELS[c] for c in columns)]
    rows = []
    for function in severity.ImpactFunction:
        cells = {cell.users: cell.severity for cell in severity.SEVERITY_MATRIX if cell.function == function}
        rows.append([_bold(severity.IMPACT_FUNCTION_LABELS[function]), *(cells[c] for c in columns)])
    return markdown_table(headers, rows, align="lcccc")


def escalation_rules_table() -> str:
    rows = []
    for rule in severity.ESCALATION_RULES:
        effect = []
        if rule.floor:
            effect.append(f"at least {rule.floor}")
        if rule.levels_up:
            effect.append(f"up {counted(rule.levels_up, 'level')}")
        rows.append((md_code(rule.id), rule.description, ", ".join(effect)))
    return markdown_table(("Incident field", "Rule", "Effect"), rows)


def alert_severity_table() -> str:
    rows = [
        (_bold(level.label), level.response_time, level.notification, ", ".join(level.examples))
        for level in alerts.ALERT_SEVERITY_GUIDE
    ]
    return markdown_table(("Severity", "Respond within", "How people hear of it", "For example"), rows)


def oncall_thresholds_table() -> str:
    rows = [(m.name, m.healthy_text, m.warning_text, m.critical_text) for m in oncall.ONCALL_METRICS]
    return markdown_table(("Metric", "Healthy", "Warning", "Critical"), rows)


def toil_matrix_table() -> str:
    efforts = list(toil.Effort)
    band_labels = {
        toil.ValueBand.HIGH: f"High value (over {toil.HIGH_VALUE_ABOVE_HOURS:g} h/month)",
        toil.ValueBand.MEDIUM: f"Medium value ({toil.LOW_VALUE_BELOW_HOURS:g}-{toil.HIGH_VALUE_ABOVE_HOURS:g} h/month)",
        toil.ValueBand.LOW: f"Low value (under {toil.LOW_VALUE_BELOW_HOURS:g} h/month)",
    }
    rows = []
    for band in toil.ValueBand:
        cells = {cell.effort: cell.action.value for cell in toil.TOIL_MATRIX if cell.value == band}
        rows.append([_bold(band_labels[band]), *(cells[e] for e in efforts)])
    return markdown_table(["", *(f"{e.value.capitalize()} effort" for e in efforts)], rows, align="lccc")


def toil_weights_table() -> str:
    rows = [(e.value, weight) for e, weight in toil.DIFFICULTY_WEIGHTS.items()]
    return markdown_table(("Automation difficulty", "Priority score divides the hours saved by"), rows, align="lr")


def rubric_table() -> str:
    rows = [(d.name, f"{d.weight}%", d.levels_0_to_2, d.levels_3_to_4, d.level_5) for d in scores.QUALITY_RUBRIC]
    return markdown_table(("Dimension", "Weight", "Levels 0-2", "Levels 3-4", "Level 5"), rows, align="lrlll")


def maturity_table() -> str:
    rows = [(d.name, d.level_1, d.level_3, d.level_5) for d in scores.MATURITY_DIMENSIONS]
    return markdown_table(("Dimension", "1 (ad hoc)", "3 (defined)", "5 (optimised)"), rows)


def maturity_bands_table() -> str:
    rows = [(f"{band.low}-{band.high}", band.label, band.advice) for band in scores.MATURITY_BANDS]
    return markdown_table(("Total", "Stage", "Work on next"), rows, align="rll")


def multi_region_table() -> str:
    rows = [(p.name, p.complexity, p.recovery_time, p.cost_text) for p in multiregion.MULTI_REGION_STRATEGIES]
    return markdown_table(("Strategy", "Complexity", "Recovery time", "Cost vs one region"), rows, align="lllr")


def multi_region_guide_table() -> str:
    names = {p.strategy: p.name for p in multiregion.MULTI_REGION_STRATEGIES}
    rows = []
    for rule in multiregion.REGION_DECISION_GUIDE:
        strategies = " or ".join(names.get(s, s.value.replace("_", " ").capitalize()) for s in rule.strategies)
        rows.append((rule.range_text, strategies, rule.advice))
    return markdown_table(("SLO target", "Strategy", "Why"), rows)


def prr_checklist_table() -> str:
    headings = dict(vocabulary.PRR_CATEGORIES)
    rows = [(headings.get(c.category, c.category), c.text, md_code(c.id)) for c in vocabulary.PRR_CHECKS]
    return markdown_table(("Area", "Check", "Id in prr.yaml"), rows)


def incident_workflow_table() -> str:
    meaning = {
        "detect": "An alert or a person notices; on-call acknowledges and sizes it up",
        "triage": "Severity from the matrix, roles assigned, channel opened, first update out",
        "respond": "Investigation in parallel tracks, regular check-ins",
        "mitigate": "Impact stopped, even with a temporary fix",
        "resolve": "Cause fixed, SLIs back to normal, all-clear given",
        "review": "Postmortem written and reviewed, action items tracked",
    }
    rows = [(md_code(s), meaning.get(s, "")) for s in vocabulary.INCIDENT_STATUSES]
    return markdown_table(("status", "The incident is here when"), rows)


@dataclass(frozen=True)
class Table:
    """A named table and where its numbers come from (shown under the table)."""

    build: Callable[[], str]
    source: str


TABLES: dict[str, Table] = {
    "nines": Table(nines_table, "sre_docs.calc.nines.SLO_TARGET_GUIDE"),
    "downtime": Table(downtime_table, "sre_docs.calc.nines.downtime_table"),
    "budget-states": Table(budget_states_table, "sre_docs.calc.budget_policy.DEFAULT_BUDGET_POLICY"),
    "budget-exceptions": Table(budget_exceptions_table, "sre_docs.calc.budget_policy.DEFAULT_POLICY_EXCEPTIONS"),
    "burn-rates-28d": Table(burn_rate_table("28d"), "sre_docs.calc.error_budget.recommended_burn_rate_alerts"),
    "burn-rates-30d": Table(burn_rate_table("30d"), "sre_docs.calc.error_budget.recommended_burn_rate_alerts"),
    "severity-matrix": Table(severity_matrix_table, "sre_docs.calc.severity.SEVERITY_MATRIX"),
    "escalation-rules": Table(escalation_rules_table, "sre_docs.calc.severity.ESCALATION_RULES"),
    "alert-severity": Table(alert_severity_table, "sre_docs.calc.alerts.ALERT_SEVERITY_GUIDE"),
    "oncall-thresholds": Table(oncall_thresholds_table, "sre_docs.calc.oncall.ONCALL_METRICS"),
    "toil-matrix": Table(toil_matrix_table, "sre_docs.calc.toil.TOIL_MATRIX"),
    "toil-weights": Table(toil_weights_table, "sre_docs.calc.toil.DIFFICULTY_WEIGHTS"),
    "rubric": Table(rubric_table, "sre_docs.calc.scores.QUALITY_RUBRIC"),
    "maturity": Table(maturity_table, "sre_docs.calc.scores.MATURITY_DIMENSIONS"),
    "maturity-bands": Table(maturity_bands_table, "sre_docs.calc.scores.MATURITY_BANDS"),
    "multi-region": Table(multi_region_table, "sre_docs.calc.multiregion.MULTI_REGION_STRATEGIES"),
    "multi-region-guide": Table(multi_region_guide_table, "sre_docs.calc.multiregion.REGION_DECISION_GUIDE"),
    "prr-checklist": Table(prr_checklist_table, "sre_docs.schemas.vocabulary.PRR_CHECKS"),
    "incident-workflow": Table(incident_workflow_table, "sre_docs.schemas.vocabulary.INCIDENT_STATUSES"),
}


def budget_policy_tables(policy: budget_policy.BudgetPolicy, source: str) -> dict[str, Table]:
    """The ``budget-states`` and ``budget-exceptions`` tables of an organisation's own policy.

    The handbook plugin passes these to :func:`replace_placeholders` so that the guide shows the
    policy the budgets are judged by (``org/error_budget_policy.yaml``), not the built-in default.
    """
    return {"budget-states": Table(lambda: budget_states_table(policy), source),
            "budget-exceptions": Table(lambda: budget_exceptions_table(policy), source)}


def render_table(name: str, overrides: Mapping[str, Table] | None = None) -> str:
    """The table called ``name`` with a caption naming its source (in the code, or the repo's file)."""
    table = (overrides or {}).get(name) or TABLES[name]
    return f'{table.build()}\n\n<p class="sre-table-source">Generated from {md_code(table.source)}.</p>'


_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def replace_placeholders(markdown: str, overrides: Mapping[str, Table] | None = None, *, only: bool = False) -> str:
    """Swap every table placeholder in ``markdown`` for its table; ``UnknownTable`` for a bad name.

    ``overrides`` replaces built-in tables by name (the organisation's budget policy); with ``only``,
    only those names are replaced and every other placeholder is left for a later pass. Lines inside
    fenced code blocks are left alone.
    """
    out: list[str] = []
    fence: str | None = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None and opening and opening.group(1).startswith(fence) and not line.strip()[len(opening.group(1)):]:
            fence = None
        elif fence is None and (match := PLACEHOLDER.fullmatch(line)):
            name, indent = match.group("name"), match.group("indent")
            if only and name not in (overrides or {}):
                out.append(line)
                continue
            if name not in TABLES:
                raise UnknownTable(name, number)
            out.extend(indent + row if row else row for row in render_table(name, overrides).split("\n"))
            continue
        out.append(line)
    return "\n".join(out)
