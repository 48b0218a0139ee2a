"""``sre-docs budget SERVICE`` and ``sre-docs nines TARGET``: error budgets in numbers.

``budget`` shows, for each SLO of a service, the budget in minutes, what is left,
burn rates over several lookbacks, the policy state and its actions, and when the
budget runs out at the current burn, with the evidence behind each figure
(measurements or incident records). ``nines`` explains what a target allows.
"""

from __future__ import annotations

import argparse

from sre_docs.cli.args import add_as_of, add_json, add_root, workflow
from sre_docs.cli.output import colour_enabled, print_json
from sre_docs.terminal_text import heading, number, paint, state, table
from sre_docs.words import counted


def register(subparsers: argparse._SubParsersAction) -> None:
    budget = subparsers.add_parser("budget", help="error budget status of a service's SLOs", description=__doc__)
    budget.add_argument("service")
    budget.add_argument("--slo", help="only this SLO")
    budget.add_argument("--gate", action="store_true",
                        help="deploy gate: exit 1 when the error budget policy says freeze (an exhausted budget, or one "
                             "not yet back to the policy's release point), and print the policy's actions")
    add_root(budget)
    add_json(budget)
    add_as_of(budget, help="evaluate at this timestamp, or at the start (00:00 UTC) of this date "
                           "(default: the start of today, from $SRE_DOCS_TODAY or `today:` in sre-docs.yaml)")
    budget.set_defaults(func=run_budget)

    nines = subparsers.add_parser("nines", help="what an SLO target allows", description=__doc__)
    nines.add_argument("target", help="target in percent, e.g. 99.95")
    nines.add_argument("--window", default="28d", help="SLO window for the burn-rate thresholds (default 28d)")
    add_json(nines)
    nines.set_defaults(func=run_nines)


@workflow
def run_budget(args: argparse.Namespace) -> int:
    from sre_docs.cli.context import budget_as_of, load
    from sre_docs.workflows.budget_view import budget_json, service_budgets

    repo = load(args.root)
    budgets = service_budgets(repo, args.service, as_of=budget_as_of(args), slo=args.slo)
    if args.gate:
        return _gate(args, budgets)
    if args.json:
        print_json({"service": args.service, "slos": [budget_json(b) for b in budgets]})
        return 0
    colour = colour_enabled()
    if not budgets:
        print(f"{args.service} has no SLO with a target and a window.")
        return 0
    for index, budget in enumerate(budgets):
        data = budget_json(budget)
        status = budget.computed
        if index:
            print()
        print(heading(f"{budget.service} / {budget.slo}  ({budget.path}, as of {data['as_of']})", enabled=colour))
        remaining = status.remaining_pct.value
        rows = [
            ("Target", f"{status.target:g}% over {data['window']}"),
            ("Budget", f"{number(status.budget_minutes, 2)} min per window"),
            ("Remaining", f"{number(remaining, 1, '%')} ({number(status.remaining_minutes.value, 1)} min)"),
            ("Spent in the last 7 days", number(status.consumed_last_7d_pct.value, 1, "%")),
            ("Burn rate (" + " / ".join(window for window, _ in budget.burn_rate_pairs()) + ")",
             " / ".join(rate for _, rate in budget.burn_rate_pairs())),
            ("State", state(budget.state, enabled=colour) + (", " + paint("at risk", "yellow", enabled=colour)
                                                              if budget.at_risk else "")),
            ("Projected exhaustion", data["projected_exhaustion"] or "not at the current burn rate"),
            ("Data source", f"{data['source']} ({data['measurement_points']} measurement rows, "
                            f"{data['measurement_coverage_pct']:g}% of the window; "
                            f"{counted(len(budget.counted_incidents), 'incident')})"),
        ]
        print(table(("Metric", "Value"), rows, enabled=colour))
        if budget.at_risk:
            print(f"At risk: {budget.at_risk_note()}.")
        if budget.actions:
            print(f"Policy ({budget.policy_path or 'the guide default'}) while {budget.state}:")
            for action in budget.actions:
                print(f"  - {action}")
        if budget.policy_note:
            print(f"note: {budget.policy_note}")
    return 0


def _gate(args: argparse.Namespace, budgets: list) -> int:
    """Exit 1 when any SLO's policy says freeze; print why and what the policy asks (JSON with --json)."""
    from sre_docs.workflows.budget_view import gate_json

    data = gate_json(args.service, budgets)
    if args.json:
        print_json(data)
        return 1 if data["gate"] == "freeze" else 0
    colour = colour_enabled()
    for budget, item in zip(budgets, data["slos"], strict=True):
        left = number(budget.remaining_pct, 1, "%")
        if not item["freezes_deploys"]:
            print(f"open: {budget.slo} is {budget.state_label} ({left} left)")
            continue
        why = (f"not yet back to {item['freeze_release_pct']:g}% after running out" if item["freeze_held"]
               else "no budget left")
        print(paint(f"FREEZE: {budget.slo} is exhausted ({left} left; {why})", "red", enabled=colour))
        print(f"Policy ({budget.policy_path or 'the guide default'}) asks:")
        for action in budget.actions:
            print(f"  - {action}")
        if budget.policy.exceptions:
            print("Allowed whatever the state:")
            for exception in budget.policy.exceptions:
                print(f"  - {exception}")
    if not budgets:
        print(f"open: {args.service} has no SLO with a target and a window")
    if data["gate"] == "freeze":
        print(f"Deploys of {args.service} are frozen by its error budget policy.")
        return 1
    print(f"Deploys of {args.service} may proceed.")
    return 0


@workflow
def run_nines(args: argparse.Namespace) -> int:
    from sre_docs.workflows.common import WorkflowError
    from sre_docs.workflows.nines import describe_target

    try:
        target = float(args.target.rstrip("%"))
    except ValueError:
        raise WorkflowError(f"TARGET {args.target!r} is not a number such as 99.9") from None
    data = describe_target(target, window=args.window)
    if args.json:
        print_json(data)
        return 0
    colour = colour_enabled()
    label = data["nines"] if "nine" in data["nines"] else f"{data['nines']} nines"
    print(heading(f"{target:g}%: {label} ({data['exact_nines']:g} exact), error budget {data['error_budget_pct']:g}%",
                  enabled=colour))
    print(table(("Period", "Allowed downtime"), [(row["label"], row["display"]) for row in data["downtime"]], enabled=colour))
    if data["guide_row"]:
        print(f"Guide: {data['guide_row']['target']:g}% suits {data['guide_row']['appropriate_for'].lower()}.")
    strategy = data["multi_region_strategy"]
    print(f"Multi-region ({strategy['range']}): {', '.join(strategy['strategies'])}")
    print()
    print(f"Burn-rate alerts for a {args.window} window:")
    print(table(("Alert", "Burn rate", "Budget spent", "Windows", "Severity", "Full budget lasts"),
                [(a["name"], f"{a['burn_rate']:g}x", f"{a['budget_share_pct']:g}% in {a['long_window']}",
                  f"{a['long_window']} / {a['short_window']}", a["severity"], a["exhausts_full_budget_in"])
                 for a in data["burn_rate_alerts"]], enabled=colour))
    return 0
