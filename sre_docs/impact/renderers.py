"""The impact of a change as text, Markdown (a pull-request comment) and JSON.

All three are pure functions of :class:`sre_docs.impact.changes.Impact`. Text and Markdown
open with the headlines, worst news first (a budget state getting worse, findings
introduced, runbooks lost, a rotation below its minimum, capacity running out sooner,
rules a tier tightens, scores falling), then the good news, then the rest. The Markdown
keeps the details folded in ``<details>``, so the comment stays short on a big change.

Every value read from a document goes through the handbook's escaping
(:mod:`sre_docs.handbook.markup`): a pull request is written by anyone who can open one, and
its comment must not turn their text into links, mentions or HTML.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sre_docs.findings import Finding, Severity
from sre_docs.handbook.markup import Safe, html_link, md_cell, md_code
from sre_docs.impact.changes import (
    AlertChange,
    CapacityChange,
    DeletedRunbook,
    Impact,
    Pair,
    RotationChange,
    ScoreChange,
    ServiceChange,
    SloChange,
)
from sre_docs.words import counted, noun

#: The hidden first line of the comment: the workflow finds its own comment by it and edits it in place.
COMMENT_MARKER = "<!-- sre-docs:diff -->"
#: Headlines shown before the rest are folded away.
MAX_HEADLINES = 12
#: Rows of a folded table before "and N more".
MAX_ROWS = 50

WORSE, BETTER, OTHER = "worse", "better", "note"
_MARKS = {WORSE: "🔴", BETTER: "🟢", OTHER: "⚪"}


@dataclass(frozen=True)
class Base:
    """What the change is compared with, for the heading."""

    sha: str
    ref: str


# --- numbers as everyone shows them --------------------------------------------------------------


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _minutes(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


def _arrow(pair: Pair[Any], show: Callable[[Any], str] = str) -> str:
    before = "—" if pair.before is None else show(pair.before)
    after = "—" if pair.after is None else show(pair.after)
    return f"{before} → {after}"


def _moved(pair: Pair[Any], show: Callable[[Any], str] = str) -> str:
    """``before → after`` when the value moved, else the value once (a table cell that did not change)."""
    if pair.changed:
        return _arrow(pair, show)
    return "—" if pair.after is None else show(pair.after)


def _signed(value: float) -> str:
    return f"{value:+.1f}"


# --- headlines -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    tone: str  # worse, better or note
    rank: int  # lower comes first within the tone
    parts: tuple[Any, ...]  # literal text (str) and values from documents (Value)


@dataclass(frozen=True)
class Value:
    """A value read from a document: escaped in Markdown; ``service`` values may become links."""

    text: str
    service: bool = False


def _v(text: Any) -> Value:
    return Value(str(text))


def _s(name: str) -> Value:
    return Value(name, service=True)


def headlines(impact: Impact) -> list[Headline]:
    """Every headline of the change: worse first, then better, then the rest, each in a fixed order."""
    lines: list[Headline] = []
    for slo in impact.slos:
        lines.extend(_slo_headlines(slo))
    found = impact.findings
    if found.introduced:
        errors = sum(1 for f in found.introduced if f.severity is Severity.ERROR)
        lines.append(Headline(WORSE, 1 if errors else 4, (f"{_count(len(found.introduced), 'finding')} introduced "
                                                          f"({_levels(found.introduced)})",)))
    if found.fixed:
        lines.append(Headline(BETTER, 1, (f"{_count(len(found.fixed), 'finding')} fixed ({_levels(found.fixed)})",)))
    for gone in impact.deleted_runbooks:
        verb = " still points at it" if len(gone.alerts) == 1 else " still point at it"
        lines.append(Headline(WORSE, 2, ("runbook ", _v(gone.path), " deleted while ", _plural(gone.alerts, "alert"),
                                         " ", *_joined(gone.alerts), verb)))
    for alert in impact.alerts:
        lines.append(_alert_headline(alert))
    for rotation in impact.rotations:
        lines.append(Headline(WORSE, 3, ("on-call rotation ", _v(rotation.rotation), f" shrinks from "
                                         f"{rotation.members.before} to {rotation.members.after} people, below the "
                                         f"minimum of {rotation.minimum}")))
    for plan in impact.capacity:
        lines.append(_capacity_headline(plan))
    for service in impact.services:
        lines.append(_service_headline(service))
    for score in impact.scores:
        lines.append(_score_headline(score))
    order = {WORSE: 0, BETTER: 1, OTHER: 2}
    return sorted(lines, key=lambda h: (order[h.tone], h.rank))  # stable: ties keep the service order


def _count(n: int, word: str) -> str:
    return counted(n, word)


def _plural(items: Sequence[Any], word: str) -> str:
    return noun(len(items), word)


def _joined(names: Sequence[str]) -> list[Any]:
    parts: list[Any] = []
    for index, name in enumerate(names):
        if index:
            parts.append(", ")
        parts.append(_v(name))
    return parts


def _levels(findings: Sequence[Finding]) -> str:
    counts = [(sum(1 for f in findings if f.severity is level), level.value) for level in
              (Severity.ERROR, Severity.WARNING, Severity.INFO)]
    return ", ".join(_count(n, word) if word != "info" else f"{n} info" for n, word in counts if n)


def _slo_what(slo: SloChange) -> list[str]:
    what = []
    if slo.target.changed:
        what.append(f"target {_arrow(slo.target, _num)}")
    if slo.window.changed:
        what.append(f"window {_arrow(slo.window)}")
    if slo.sla.changed:
        what.append(f"SLA {_arrow(slo.sla, _num)}")
    return what


def _slo_headlines(slo: SloChange) -> list[Headline]:
    name = (_v(slo.slo), " (", _s(slo.service), ")")
    if slo.change == "added":
        return [Headline(OTHER, 1, ("new SLO ", *name, f": target {_num(slo.target.after)} over {slo.window.after or '—'}, "
                                    f"budget {_minutes(slo.budget_minutes.after)} min, spent "
                                    f"{_pct(slo.spent_pct.after)}, {slo.state.after or 'no state'}"))]
    if slo.change == "removed":
        return [Headline(WORSE, 5, ("SLO ", *name, f" removed (was {_num(slo.target.before)} over "
                                    f"{slo.window.before or '—'})"))]
    lines = []
    if slo.redefined or slo.state.changed or slo.spent_pct.changed:
        what = _slo_what(slo)
        figures = []
        if slo.budget_minutes.changed:
            figures.append(f"budget {_arrow(slo.budget_minutes, _minutes)} min")
        figures.append(f"spent {_arrow(slo.spent_pct, _pct)}")
        if slo.state.changed:
            cause = " under the new target" if slo.target.changed else " under the new window" if slo.window.changed else ""
            state = f"{slo.state.after}{cause} (was {slo.state.before})"
        else:
            state = f"still {slo.state.after}" if slo.state.after else "no state"
        text = (": " + ", ".join(what) if what else ": ") + ("; " if what else "") + "; ".join(figures) + f", {state}"
        parts: list[Any] = ["SLO ", *name, text]
        if slo.state.changed and slo.actions:
            more = f" (+{len(slo.actions) - 1} more)" if len(slo.actions) > 1 else ""
            parts += ["; policy: ", _v(slo.actions[0]), more]
        tone = WORSE if slo.worse else BETTER if slo.better else OTHER
        lines.append(Headline(tone, 0, tuple(parts)))
    for alert in slo.burn_alerts:
        was, now = alert.before, alert.after
        lines.append(Headline(OTHER, 2, ("burn-rate alert ", _v(alert.name), " of ", *name, ": ",
                                         _v(_burn(was)), " → ", _v(_burn(now)))))
    return lines


def _burn(alert: Any) -> str:
    rate = "—" if alert.burn_rate is None else f"{alert.burn_rate:g}×"
    windows = "/".join(str(w) for w in (alert.long_window, alert.short_window) if w)
    return " ".join(part for part in (rate, f"over {windows}" if windows else "", alert.severity or "") if part)


def _alert_headline(alert: AlertChange) -> Headline:
    name = ("alert ", _v(alert.alert), " (", _s(alert.service), ")")
    if alert.change == "lost runbook":
        return Headline(WORSE, 2, (*name, " lost its runbook (was ", *_joined(alert.runbooks_before), ")"))
    if alert.change == "removed":
        return Headline(WORSE, 6, (*name, " removed"))
    return Headline(OTHER, 3, (*name, " added"))


def _capacity_headline(plan: CapacityChange) -> Headline:
    bottleneck = (" (", _v(plan.bottleneck), ")") if plan.bottleneck else ()
    parts = ("capacity of ", _s(plan.service), *bottleneck, " reaches its scale-up threshold in ",
             _v(plan.month.after or "never (within the projection)"), " instead of ",
             _v(plan.month.before or "never"))
    return Headline(WORSE if plan.earlier else BETTER, 4, parts)


def _service_headline(service: ServiceChange) -> Headline:
    name = ("service ", _s(service.service))
    if service.change == "added":
        return Headline(OTHER, 4, (*name, f" added (tier {service.tier.after or '—'})"))
    if service.change == "removed":
        return Headline(WORSE, 7, (*name, f" removed (was tier {service.tier.before or '—'})"))
    rules = "; ".join(f"{rule.rule}: {_arrow(rule.value, _rule_value)}" for rule in service.rules)
    text = f" tier {_arrow(service.tier)}" + (f": {rules}" if rules else "")
    return Headline(WORSE if service.tightened else OTHER, 5, (*name, text))


def _rule_value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}%"
    return str(value)


def _score_headline(score: ScoreChange) -> Headline:
    parts = []
    if score.band.changed:
        parts.append(f"band {_arrow(score.band)}")
    if score.total.changed:
        parts.append(f"maturity {_arrow(score.total)}")
    if score.quality.changed:
        parts.append(f"rubric {_arrow(score.quality, lambda q: f'{q:.1f}')} ({_signed(score.quality_delta)})")
    parts.extend(f"{d.name} {_arrow(d.level)}" for d in score.dimensions)
    down = score.quality_delta < 0 or (score.total.after or 0) < (score.total.before or 0)
    up = score.quality_delta > 0 or (score.total.after or 0) > (score.total.before or 0)
    tone = WORSE if down else BETTER if up else OTHER
    return Headline(tone, 8, ("scorecard of ", _s(score.service), ": " + "; ".join(parts)))


# --- text ------------------------------------------------------------------------------------------


def _plain(parts: Sequence[Any]) -> str:
    return "".join(part.text if isinstance(part, Value) else part for part in parts)


def render_text(impact: Impact, base: Base) -> str:
    """The terminal report: the headlines, then every introduced and fixed finding."""
    lines = [f"Reliability impact, compared with {base.sha[:12]} ({base.ref}) as of {impact.as_of.isoformat()}:"]
    found = headlines(impact)
    if not found:
        lines.append("  no change to SLOs, findings, scorecards, alerts, runbooks, services, capacity or on-call")
    for headline in found:
        lines.append(f"  {headline.tone + ':':<7} {_plain(headline.parts)}")
    for title, findings in (("Introduced", impact.findings.introduced), ("Fixed", impact.findings.fixed)):
        if findings:
            lines.append(f"{title} findings:")
            lines.extend(f"  {f.path}:{f.line}:{f.column}: {f.severity.value} {f.code} {f.message}" for f in findings)
    lines.append(f"{len(impact.findings.unchanged)} finding(s) unchanged.")
    return "\n".join(lines) + "\n"


# --- Markdown ----------------------------------------------------------------------------------------


def _md(parts: Sequence[Any], link: Callable[[str], str | None]) -> str:
    out = []
    for part in parts:
        if isinstance(part, Value):
            url = link(part.text) if part.service else None
            out.append(str(html_link(part.text, url) if url else md_cell(part.text)))
        else:
            out.append(str(Safe(part)) if isinstance(part, Safe) else part)
    return "".join(out)


def _no_links(_: str) -> str | None:
    return None


def render_markdown(impact: Impact, base: Base, *, link: Callable[[str], str | None] = _no_links) -> str:
    """The pull-request comment: a hidden marker, the headlines, and the details folded away.

    ``link`` gives a service's handbook page (None: no link), when the site's URL is known.
    """
    out = [COMMENT_MARKER, "### Reliability impact of this change", "",
           f"Compared with <code>{base.sha[:12]}</code> ({md_code(base.ref)}), as of {impact.as_of.isoformat()}.", ""]
    found = headlines(impact)
    if not found:
        out.append("No change to SLOs, findings, scorecards, alerts, runbooks, services, capacity or on-call.")
    for headline in found[:MAX_HEADLINES]:
        out.append(f"- {_MARKS[headline.tone]} {_md(headline.parts, link)}")
    if len(found) > MAX_HEADLINES:
        out.append(f"- … and {len(found) - MAX_HEADLINES} more below")
    out.append("")
    out.extend(_md_findings(impact))
    out.extend(_md_slos(impact.slos, link))
    out.extend(_md_scores(impact.scores, link))
    if len(found) > MAX_HEADLINES:
        out.extend(_folded(f"Every change ({len(found)})",
                           [f"- {_MARKS[h.tone]} {_md(h.parts, link)}" for h in found]))
    out.append(f"<sub>{len(impact.findings.unchanged)} finding(s) unchanged · <code>sre-docs diff</code></sub>")
    return "\n".join(out) + "\n"


def _folded(summary: str, body: list[str]) -> list[str]:
    return ["<details>", f"<summary>{summary}</summary>", "", *body, "", "</details>", ""]


def _limit(rows: list[str]) -> list[str]:
    if len(rows) <= MAX_ROWS:
        return rows
    return [*rows[:MAX_ROWS], "", f"… and {len(rows) - MAX_ROWS} more (run `sre-docs diff` for all)"]


def _md_findings(impact: Impact) -> list[str]:
    found = impact.findings
    if not (found.introduced or found.fixed):
        return []
    rows = ["| | level | code | where | message |", "|---|---|---|---|---|"]
    for label, findings in (("introduced", found.introduced), ("fixed", found.fixed)):
        rows.extend(
            f"| {label} | {f.severity.value} | {f.code} | {md_code(f'{f.path}:{f.line}:{f.column}')} | {md_cell(f.message)} |"
            for f in findings
        )
    summary = f"Findings: {len(found.introduced)} introduced, {len(found.fixed)} fixed, {len(found.unchanged)} unchanged"
    return _folded(summary, _limit(rows))


def _md_slos(slos: Sequence[SloChange], link: Callable[[str], str | None]) -> list[str]:
    if not slos:
        return []
    rows = ["| service | SLO | target | window | budget (min) | spent | state | policy for the new state |",
            "|---|---|---|---|---|---|---|---|"]
    for slo in slos:
        actions = "; ".join(str(md_cell(a)) for a in slo.actions) if slo.state.changed or slo.change == "added" else ""
        rows.append(
            f"| {_md([_s(slo.service)], link)} | {md_cell(slo.slo)} | {_moved(slo.target, _num)} | "
            f"{md_cell(_moved(slo.window))} | {_moved(slo.budget_minutes, _minutes)} | {_moved(slo.spent_pct, _pct)} | "
            f"{_moved(slo.state)} | {actions} |"
        )
    return _folded(f"SLOs ({len(slos)})", _limit(rows))


def _md_scores(scores: Sequence[ScoreChange], link: Callable[[str], str | None]) -> list[str]:
    if not scores:
        return []
    rows = ["| service | band | maturity | rubric | dimensions |", "|---|---|---|---|---|"]
    for score in scores:
        dims = "; ".join(f"{md_cell(d.name)} {_arrow(d.level)}" for d in score.dimensions)
        rows.append(
            f"| {_md([_s(score.service)], link)} | {_arrow(score.band)} | {_arrow(score.total)} | "
            f"{_arrow(score.quality, lambda q: f'{q:.1f}')} ({_signed(score.quality_delta)}) | {dims} |"
        )
    return _folded(f"Scorecards ({len(scores)})", _limit(rows))


# --- JSON ------------------------------------------------------------------------------------------


def _pair(pair: Pair[Any]) -> dict[str, Any]:
    return {"before": pair.before, "after": pair.after}


def _burn_json(alert: Any) -> dict[str, Any]:
    return {"burn_rate": alert.burn_rate, "long_window": alert.long_window, "short_window": alert.short_window,
            "severity": alert.severity}


def impact_json(impact: Impact, base: Base) -> dict[str, Any]:
    """Every change as plain data (figures unrounded, as computed)."""
    found = impact.findings
    return {
        "base": {"sha": base.sha, "ref": base.ref},
        "as_of": impact.as_of.isoformat(),
        "findings": {
            "introduced": [f.to_dict() for f in found.introduced],
            "fixed": [f.to_dict() for f in found.fixed],
            "unchanged": len(found.unchanged),
        },
        "slos": [_slo_json(slo) for slo in impact.slos],
        "scorecards": [_score_json(score) for score in impact.scores],
        "alerts": [{"service": a.service, "alert": a.alert, "path": a.path, "change": a.change,
                    "runbooks_before": list(a.runbooks_before)} for a in impact.alerts],
        "deleted_runbooks": [_deleted_json(d) for d in impact.deleted_runbooks],
        "services": [_service_json(s) for s in impact.services],
        "capacity": [_capacity_json(c) for c in impact.capacity],
        "rotations": [_rotation_json(r) for r in impact.rotations],
    }


def _slo_json(slo: SloChange) -> dict[str, Any]:
    return {
        "service": slo.service, "slo": slo.slo, "path": slo.path, "change": slo.change,
        "target": _pair(slo.target), "window": _pair(slo.window), "sla": _pair(slo.sla),
        "budget_minutes": _pair(slo.budget_minutes), "spent_pct": _pair(slo.spent_pct), "state": _pair(slo.state),
        "actions": list(slo.actions),
        "burn_rate_alerts": [{"name": a.name, "before": _burn_json(a.before), "after": _burn_json(a.after)}
                             for a in slo.burn_alerts],
    }


def _score_json(score: ScoreChange) -> dict[str, Any]:
    return {"service": score.service, "band": _pair(score.band), "maturity_total": _pair(score.total),
            "rubric": _pair(score.quality), "rubric_delta": score.quality_delta,
            "dimensions": [{"id": d.id, "name": d.name, "level": _pair(d.level)} for d in score.dimensions]}


def _deleted_json(gone: DeletedRunbook) -> dict[str, Any]:
    return {"service": gone.service, "path": gone.path, "alerts": list(gone.alerts)}


def _service_json(service: ServiceChange) -> dict[str, Any]:
    return {"service": service.service, "change": service.change, "tier": _pair(service.tier),
            "rules": [{"rule": r.rule, "value": _pair(r.value), "tighter": r.tighter} for r in service.rules]}


def _capacity_json(plan: CapacityChange) -> dict[str, Any]:
    return {"service": plan.service, "path": plan.path, "bottleneck": plan.bottleneck,
            "threshold_month": _pair(plan.month), "months_to_threshold": _pair(plan.months)}


def _rotation_json(rotation: RotationChange) -> dict[str, Any]:
    return {"rotation": rotation.rotation, "path": rotation.path, "members": _pair(rotation.members),
            "minimum": rotation.minimum}


def render_json(impact: Impact, base: Base) -> str:
    return json.dumps(impact_json(impact, base), indent=2, ensure_ascii=False) + "\n"
