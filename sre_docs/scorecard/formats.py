"""Scorecards as terminal text and as JSON: pure functions from scorecards to strings.

Text is for people: plain ASCII marks when piped, colour and bars on a terminal. JSON is a
contract: keys and order are stable, dimensions follow the guide's order, services are
sorted, and the document says which schema it follows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sre_docs.terminal_text import columns
from sre_docs.scorecard.culture import CultureView
from sre_docs.scorecard.trends import HistoryPoint, arrow
from sre_docs.scorecard.org import OrgView
from sre_docs.scorecard.rules import Rules
from sre_docs.scorecard.score import CriterionResult, DimensionScore, Scorecard
from sre_docs.words import counted

JSON_SCHEMA = "sre-docs/scorecard/v1"

_SHORT = {
    "slos": "SLO", "monitoring": "Mon", "incident_response": "Inc", "automation": "Aut",
    "chaos_engineering": "Cha", "capacity_planning": "Cap", "toil_management": "Toil", "oncall_health": "OnC",
    "documentation": "Doc",
}


# --- JSON ---------------------------------------------------------------------------------------------

def criterion_dict(result: CriterionResult) -> dict[str, Any]:
    c = result.criterion
    return {
        "id": c.id, "level": c.level, "text": c.text, "check": c.check, "met": result.met,
        "shown": result.evidence.shown, "detail": result.evidence.detail, "fixes": [f.to_dict() for f in result.evidence.fixes],
    }


def dimension_dict(card: Scorecard, dim: DimensionScore, *, criteria: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": dim.id, "name": dim.name, "level": dim.level, "level_name": card.level_names.get(dim.level, "none"),
        "maturity": dim.maturity if dim in card.maturity_dimensions else None,
        "self_assessed": dim.self_assessed, "gap": dim.gap,
        "flagged": dim in card.disagreements,
    }
    if criteria:
        out["criteria"] = [criterion_dict(r) for r in dim.results]
    return out


def card_dict(card: Scorecard, *, criteria: bool = True, trend: Sequence[HistoryPoint] = ()) -> dict[str, Any]:
    own = card.self_assessment
    out: dict[str, Any] = {
        "service": card.service,
        "tier": card.tier,
        "owner_team": card.owner_team,
        "as_of": card.as_of.isoformat(),
        "total": card.total,
        "band": {"label": card.band.label, "low": card.band.low, "high": card.band.high, "advice": card.band.advice},
        "quality": round(card.quality, 1),
        "quality_levels": dict(card.quality_levels),
        "dimensions": [dimension_dict(card, d, criteria=criteria) for d in card.dimensions],
        "self_assessment": None if own is None else {"path": own.path, "date": own.date, "assessor": own.assessor},
        "disagreements": [d.id for d in card.disagreements],
    }
    if trend:
        out["trend"] = [_trend_entry(card, point) for point in trend]
    return out


def _trend_entry(card: Scorecard, point: HistoryPoint) -> dict[str, Any]:
    then = point.services.get(card.service)
    return {
        "days_ago": point.days_ago, "as_of": point.as_of.isoformat(), "commit": point.commit,
        "total": then["total"] if then else None,
        "quality": then["quality"] if then else None,
        "levels": dict(then["levels"]) if then else None,
        "direction": arrow(card.total, then["total"] if then else None),
    }


def _rules_dict(rules: Rules) -> dict[str, Any]:
    return {"fingerprint": rules.fingerprint, "sources": list(rules.sources)}


def assess_json(card: Scorecard, rules: Rules, trend: Sequence[HistoryPoint] = ()) -> str:
    payload = {"schema": JSON_SCHEMA, "rules": _rules_dict(rules), "scorecard": card_dict(card, trend=trend)}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def quality_dict(view: OrgView) -> dict[str, Any] | None:
    """The organisation's quality score and band, as ``--json`` gives it."""
    if view.quality is None:
        return None
    band = view.quality.band
    return {"score": round(view.quality.score, 1), "band": band.label, "column": band.column,
            "services": view.quality.services}


def org_json(view: OrgView, rules: Rules, trend: Sequence[HistoryPoint] = (), *,
             culture: CultureView | None = None) -> str:
    cards = sorted(view.leaderboard, key=lambda c: c.service)
    payload = {
        "schema": JSON_SCHEMA,
        "rules": _rules_dict(rules),
        "as_of": cards[0].as_of.isoformat() if cards else None,
        "quality": quality_dict(view),
        "culture": culture.to_dict() if culture is not None else None,
        "leaderboard": [{"rank": i + 1, "service": c.service, "total": c.total, "quality": round(c.quality, 1)}
                        for i, c in enumerate(view.leaderboard)],
        "bands": [{"label": b.label, "low": b.low, "high": b.high, "services": list(s)} for b, s in view.bands],
        "dimensions": [{"id": s.id, "name": s.name, "mean_level": round(s.mean_level, 2), "lagging": list(s.lagging)}
                       for s in view.dimensions],
        "weakest": view.weakest.id if view.weakest else None,
        "disagreements": [{"service": s, "dimensions": list(d)} for s, d in view.disagreements],
        "services": [card_dict(c, criteria=False, trend=trend) for c in cards],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


# --- text ---------------------------------------------------------------------------------------------

class _Style:
    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def _wrap(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.colour else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def good(self, text: str) -> str:
        return self._wrap("32", text)

    def bad(self, text: str) -> str:
        return self._wrap("31", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    def bar(self, level: int) -> str:
        return ("█" * level + "░" * (5 - level)) if self.colour else ("#" * level + "." * (5 - level))

    def mark(self, met: bool, shown: bool = True) -> str:
        """✓ met, ✗ missed, – not shown (nothing to check); as words without colour."""
        if self.colour:
            return self.good("✓") if met else self.bad("✗") if shown else self.dim("–")
        return "ok  " if met else "MISS" if shown else "n/a "


def assess_text(card: Scorecard, trend: Sequence[HistoryPoint] = (), *, colour: bool = False, details: bool = True) -> str:
    s = _Style(colour)
    lines = [
        s.bold(card.service) + f"  (tier {card.tier or '?'}, team {card.owner_team or '?'})  as of {card.as_of}",
        f"Maturity {card.total}/40 - {card.band.label}: {card.band.advice}",
        f"Quality score {card.quality:.0f}/100",
        "",
    ]
    then = [(p, p.services.get(card.service)) for p in trend]
    header = ["Dimension", "Maturity", "", "Self"] + [f"{p.days_ago}d" for p in trend]
    rows = [header]
    for dim in card.dimensions:
        name = dim.name if dim.maturity_scale else f"{dim.name} (rubric 0-5)"
        self_cell = "-" if dim.self_assessed is None else str(dim.self_assessed)
        if dim in card.disagreements:
            self_cell = s.bad(self_cell + "!")
        arrows = [arrow(dim.shown_level, dim.shown((t or {}).get("levels", {}).get(dim.id))) for _, t in then]
        rows.append([name, f"{dim.shown_level} {s.bar(dim.shown_level)}", dim.label(card.level_names), self_cell, *arrows])
    totals = [arrow(card.total, t["total"] if t else None) for _, t in then]
    rows.append(["Total", str(card.total), card.band.label, "", *totals])
    lines += columns(rows)
    if card.disagreements:
        lines.append("")
        for dim in card.disagreements:
            direction = "above" if (dim.gap or 0) > 0 else "below"
            lines.append(s.bad("Flagged: ") + f"{dim.name}: the team rates itself {dim.self_assessed}, "
                         f"{abs(dim.gap or 0)} levels {direction} the evidence ({dim.maturity})")
    if details:
        for dim in card.dimensions:
            scale = "maturity" if dim.maturity_scale else "level"
            lines += ["", s.bold(f"{dim.name}: {scale} {dim.shown_level} ({dim.label(card.level_names)})")]
            for result in dim.results:
                c = result.criterion
                detail = result.evidence.detail if result.evidence.shown else f"not shown: {result.evidence.detail}"
                lines.append(f"  {s.mark(result.met, result.evidence.shown)} L{c.level} {c.text} {s.dim('- ' + detail)}")
                for fix in result.evidence.fixes if not result.met else ():
                    lines.append(f"        -> {fix}")
    return "\n".join(lines) + "\n"


def org_text(view: OrgView, trend: Sequence[HistoryPoint] = (), *, colour: bool = False) -> str:
    s = _Style(colour)
    cards = view.leaderboard
    if not cards:
        return "no services found under services/\n"
    dims = [d.id for d in cards[0].dimensions]
    count = counted(len(cards), "service")
    lines = [s.bold(f"Reliability scorecards: {count}, as of {cards[0].as_of}"), ""]
    header = ["#", "Service", "Tier", "Total", "Band", "Quality", *[_SHORT.get(d, d[:4]) for d in dims],
              *[f"{p.days_ago}d" for p in trend]]
    rows = [header]
    for rank, card in enumerate(cards, 1):
        levels = [str(card.dimension(d).shown_level) + ("!" if card.dimension(d) in card.disagreements else "") for d in dims]
        arrows = [arrow(card.total, (p.services.get(card.service) or {}).get("total")) for p in trend]
        rows.append([str(rank), card.service, card.tier or "-", str(card.total), card.band.label, f"{card.quality:.0f}", *levels, *arrows])
    lines += columns(rows)
    lines += ["", "Bands: " + "  ".join(f"{band.label} ({band.low}-{band.high}): {len(members)}" for band, members in view.bands)]
    if view.quality is not None:
        lines.append(f"Organisation quality score: {view.quality.score:.1f}/100, {view.quality.band.label} "
                     f"(rubric column {view.quality.band.column}; the mean of {view.quality.services} services)")
    weakest = view.weakest
    if weakest is not None:
        lagging = ", ".join(weakest.lagging) or "none"
        lines += [
            f"Weakest dimension: {weakest.name} (mean maturity {weakest.mean_level:.1f}); services at 1-2: {lagging}",
            f"  Level 3 looks like: {weakest.defined}. Level 5: {weakest.optimised}.",
        ]
        lines.append("Dimension means: " + ", ".join(f"{d.name} {d.mean_level:.1f}" for d in view.dimensions))
    if view.disagreements:
        flagged = "; ".join(f"{svc} ({', '.join(ids)})" for svc, ids in view.disagreements)
        lines.append(s.bad("Self-assessments that disagree with the evidence: ") + flagged)
    lines.append(s.dim("Dimensions show the 1-5 maturity (1 = ad hoc, also while nothing is met yet); Doc is the "
                       "rubric's 0-5 level."))
    lines.append(s.dim(f"'!' marks a self-assessment {cards[0].disagreement_levels}+ levels away from the evidence; "
                       "`sre-docs assess SERVICE` shows what to fix."))
    return "\n".join(lines) + "\n"
