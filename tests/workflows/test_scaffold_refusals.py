"""``sre-docs new``: what each scaffold refuses, and the exact words it uses (no file is written)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sre_docs.model.repository import load_repository
from sre_docs.workflows.common import WorkflowError
from sre_docs.workflows.scaffold import new_alert, new_service, new_sli, new_slo

FIXTURE = Path(__file__).parent / "fixture"
TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def repo():
    return load_repository(FIXTURE, workers=1, cache=False)


@pytest.mark.parametrize(("make", "message"), [
    (lambda r: new_service(r, name="search", tier="gold", team="payments"),
     "tier 'gold' is not one of critical, important, standard, experimental"),
    (lambda r: new_service(r, name="search", tier="standard", team="payments", rotation="payments-primery"),
     "no on-call rotation 'payments-primery' in org/oncall/; did you mean 'payments-primary'?"),
    (lambda r: new_sli(r, service="checkout", name="success", type="errors"),
     "SLI type 'errors' is not one of availability, latency, quality, freshness"),
    (lambda r: new_slo(r, service="checkout", sli="request_success_rate", target=99.9, sla=99.95, today=TODAY),
     "the SLA (99.95%) must be below the SLO target (99.9%): the SLO is the internal, stricter promise"),
    (lambda r: new_slo(r, service="checkout", sli="request_success_rate", target=100, today=TODAY),
     "target 100 must be a percentage strictly between 0 and 100"),
    (lambda r: new_slo(r, service="checkout", sli="request_success_rate", target=99.9, window="0d", today=TODAY),
     "window '0d' is not a duration such as 28d or 30d"),
    (lambda r: new_alert(r, service="checkout", name="checkout-slow", signal="slowness", severity="P2"),
     "signal 'slowness' is not one of latency, traffic, errors, saturation, burn_rate"),
    (lambda r: new_alert(r, service="checkout", name="checkout-slow", signal="latency", severity="SEV1"),
     "severity 'SEV1' is not one of P0, P1, P2, P3"),
    (lambda r: new_alert(r, service="checkout", name="checkout-burn", signal="burn_rate", severity="P1"),
     "a burn_rate alert needs --slo: the SLO whose budget it watches"),
])
def test_refusals(repo, make, message: str) -> None:
    with pytest.raises(WorkflowError) as refused:
        make(repo)
    assert str(refused.value) == message
