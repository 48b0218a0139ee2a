"""Shared data for the integration tests: a small reliability repo, paths to the example data."""

from __future__ import annotations

import subprocess
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
#: The OpenSLO SDK examples, read in place (never copied into the project).
OPENSLO_EXAMPLES = PROJECT.parent / "shared" / "openslo-examples"

SMALL_REPO = {
    "org/teams.yaml": """\
team:
  name: payments-team
  members: [alice, bob]
""",
    "services/checkout/service.yaml": """\
service:
  name: checkout
  tier: critical
  owner_team: payments-team
  description: Takes the order and the money.
  system: shop
  language: Python
  dependencies:
    upstream: [payments]
  links:
    - title: Source
      url: https://git.example.com/shop/checkout
""",
    "services/checkout/slis.yaml": """\
sli:
  name: request_success_rate
  type: availability
  description: Share of checkout requests answered without a server error.
  measurement:
    good_events: HTTP responses below 500
    total_events: All HTTP requests
    source: load balancer
  prometheus:
    bad_events: sum(rate(http_requests_total{job="checkout",code=~"5.."}[5m]))
    total_events: sum(rate(http_requests_total{job="checkout"}[5m]))
""",
    "services/checkout/slos.yaml": """\
slo:
  name: checkout-availability
  service: checkout
  sli: request_success_rate
  description: "Checkout answers {{ nearly }} every request"
  target: 99.95
  sla: 99.9
  window: 28d
  burn_rate_alerts:
    - name: checkout_fast_burn
      burn_rate: 13.44
      short_window: 5m
      long_window: 1h
      severity: page
    - name: checkout_slow_burn
      burn_rate: 0.93
      short_window: 6h
      long_window: 3d
      severity: ticket
""",
    "services/checkout/runbooks/fast-burn.yaml": """\
runbook:
  title: Checkout burns its error budget fast
  alert_name: checkout_fast_burn
  last_updated: 2026-10-01
""",
    "services/payments/service.yaml": """\
service:
  name: payments
  tier: experimental
  owner_team: payments-team
""",
    "services/payments/slis.yaml": """\
sli:
  name: charge-success
  type: availability
  prometheus:
    good_events: sum(rate(charges_total{outcome="ok"}[{{.window}}]))
    total_events: sum(rate(charges_total[{{.window}}]))
---
sli:
  name: words-only
  type: quality
  measurement:
    good_events: Receipts that match the ledger
    total_events: All receipts
""",
    "services/payments/slos.yaml": """\
slo:
  service: payments
  sli: charge-success
  target: 99.9
  window: 30d
---
slo:
  service: payments
  sli: words-only
  target: 99
  window: 30d
""",
}


def write_repo(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def example_root() -> Path | None:
    """The example organisation of this project, when the checkout has it."""
    services = PROJECT / "services"
    if services.is_dir() and any((p / "service.yaml").is_file() for p in services.iterdir()):
        return PROJECT
    return None


def run_cli(*argv: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``sre-docs ARGV`` in this process, as a subprocess would report it (exit code, stdout, stderr).

    In-process, so that coverage sees the command's code; the environment and the working folder are
    set for the call and put back after.
    """
    import contextlib
    import io
    import os

    from sre_docs.cli import main

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    out, err = io.StringIO(), io.StringIO()
    try:
        os.environ.update(env or {})
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(argv))
            except SystemExit as exit_:  # argparse's usage errors
                code = exit_.code if isinstance(exit_.code, int) else 2
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(["sre-docs", *argv], code, out.getvalue(), err.getvalue())
