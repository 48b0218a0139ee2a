"""CAT001-CAT005 (the service catalog: dependencies, owners, names, one service document) case by case.

A service document written by ``service()`` has these lines::

    1 service:
    2   name: checkout            (value at column 9)
    3   tier: standard
    4   owner_team: payments      (value at column 15)
    5   oncall_rotation: ...      (value at column 20, when given)
    6   dependencies:             (or line 5 without a rotation)
    7     upstream: [a, b]        (the first item at column 16; each next one after ", ")
    8     downstream: [c]         (the first item at column 18)

The team ``payments`` and the rotation ``payments-primary`` exist in org/ unless a case says otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_cases import Case, Expected, run_case

ORG = {
    "org/teams.yaml": "team:\n  name: payments\n",
    "org/oncall/payments-primary.yaml": ("oncall_rotation:\n  name: payments-primary\n  team: payments\n"
                                         "  members: [ana, bo, cy, dee, eli]\n  primary: [ana, bo, cy, dee, eli]\n"
                                         "  secondary: [bo]\n"),
}


def service(name: str, *, folder: str | None = None, owner: str = "payments", rotation: str | None = None,
            upstream: str | None = None, downstream: str | None = None) -> dict[str, str]:
    lines = ["service:", f"  name: {name}", "  tier: standard", f"  owner_team: {owner}"]
    if rotation is not None:
        lines.append(f"  oncall_rotation: {rotation}")
    if upstream is not None or downstream is not None:
        lines.append("  dependencies:")
        if upstream is not None:
            lines.append(f"    upstream: {upstream}")
        if downstream is not None:
            lines.append(f"    downstream: {downstream}")
    return {f"services/{folder or name}/service.yaml": "\n".join(lines) + "\n"}


def repo(*services: dict[str, str]) -> dict[str, str]:
    files = dict(ORG)
    for item in services:
        files.update(item)
    return files


def error(code: str, name: str, line: int, column: int, message: str) -> Expected:
    return Expected(code, f"services/{name}/service.yaml", line, column, "error", message)


THIRD_PARTY = "(list third-party systems in the 'external' option)"

CAT001_CASES = [
    Case("dependencies on services of the repo",
         repo(service("checkout", upstream="[payments]"), service("payments", downstream="[checkout]"))),
    Case("an unknown upstream, with a close name suggested",
         repo(service("checkout", upstream="[payment]"), service("payments")),
         (error("CAT001", "checkout", 6, 16, f"upstream dependency 'payment' is not a service of this repo; did you mean "
                                             f"'payments'? {THIRD_PARTY}"),)),
    Case("an unknown downstream, nothing close: the second item",
         repo(service("checkout", downstream="[payments, stripe]"), service("payments", upstream="[checkout]")),
         (error("CAT001", "checkout", 6, 28, f"downstream dependency 'stripe' is not a service of this repo {THIRD_PARTY}"),)),
    Case("a system named in the external option",
         repo(service("checkout", upstream="[stripe]")), config="policies:\n  CAT001: {options: {external: [stripe]}}\n"),
]

CAT002_CASES = [
    Case("both sides agree",
         repo(service("checkout", upstream="[payments]"), service("payments", downstream="[checkout]"))),
    Case("checkout calls payments, payments does not list it",
         repo(service("checkout", upstream="[payments]"), service("payments")),
         (error("CAT002", "checkout", 6, 16, "checkout calls payments (upstream), but payments does not list checkout "
                                             "under dependencies.downstream"),)),
    Case("payments says it is called by checkout, checkout does not list it",
         repo(service("checkout"), service("payments", downstream="[checkout]")),
         (error("CAT002", "payments", 6, 18, "payments is called by checkout (downstream), but checkout does not list "
                                             "payments under dependencies.upstream"),)),
    Case("an unknown service is CAT001's, and a service naming itself is not a mismatch",
         repo(service("checkout", upstream="[nowhere, checkout]"))),
]

CAT003_CASES = [
    Case("a known team and rotation", repo(service("checkout", rotation="payments-primary"))),
    Case("an unknown team, close to a known one", repo(service("checkout", owner="payment")),
         (error("CAT003", "checkout", 4, 15, "owner team 'payment' is not a team in org/; did you mean 'payments'?"),)),
    Case("an unknown rotation, nothing close", repo(service("checkout", rotation="night-shift")),
         (error("CAT003", "checkout", 5, 20, "on-call rotation 'night-shift' is not a rotation in org/oncall/"),)),
    Case("both unknown: two findings", repo(service("checkout", owner="web", rotation="payments-primry")),
         (error("CAT003", "checkout", 4, 15, "owner team 'web' is not a team in org/"),
          error("CAT003", "checkout", 5, 20, "on-call rotation 'payments-primry' is not a rotation in org/oncall/; "
                                             "did you mean 'payments-primary'?"))),
]

CAT004_CASES = [
    Case("the name is the folder", repo(service("checkout"))),
    Case("a name that differs from the folder", repo(service("check-out", folder="checkout")),
         (error("CAT004", "checkout", 2, 9, "service name 'check-out' differs from its folder services/checkout/"),)),
    Case("case matters", repo(service("Checkout", folder="checkout")),
         (error("CAT004", "checkout", 2, 9, "service name 'Checkout' differs from its folder services/checkout/"),)),
]

SLOS = "slos.yaml"
CAT005_CASES = [
    Case("one service document", repo(service("checkout"))),
    # No service.yaml: the finding points at the folder's first document, line 1.
    Case("a folder without a service document",
         repo({"services/checkout/toil.yaml": "toil_item:\n  name: Restarts\n  category: recovery\n  status: identified\n"}),
         (Expected("CAT005", "services/checkout/toil.yaml", 1, 1, "error",
                   "services/checkout/ has no service document; add services/checkout/service.yaml"),)),
    # Files are read in path order: more.yaml comes before service.yaml, so service.yaml's is the extra one.
    Case("two service documents: the second in path order is the finding",
         repo(service("checkout"), {"services/checkout/more.yaml": "service:\n  name: checkout\n  tier: standard\n"
                                                                    "  owner_team: payments\n"}),
         (Expected("CAT005", "services/checkout/service.yaml", 1, 1, "error",
                   "services/checkout/ holds more than one service document; the first is in "
                   "services/checkout/more.yaml"),)),
]


@pytest.mark.parametrize(("code", "case"), [
    *(("CAT001", case) for case in CAT001_CASES), *(("CAT002", case) for case in CAT002_CASES),
    *(("CAT003", case) for case in CAT003_CASES), *(("CAT004", case) for case in CAT004_CASES),
    *(("CAT005", case) for case in CAT005_CASES),
], ids=lambda value: str(value))
def test_catalog_policies(tmp_path: Path, code: str, case: Case) -> None:
    assert run_case(tmp_path, code, case) == sorted(case.expected)
