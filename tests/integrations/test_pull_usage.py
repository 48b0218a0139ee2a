"""``sre-docs pull`` refuses bad calls with one line and exit 2, before asking any server."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from integration_helpers import PROJECT, run_cli


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("example")
    for part in ("services", "org"):
        shutil.copytree(PROJECT / part, root / part)
    shutil.copy(PROJECT / "sre-docs.yaml", root / "sre-docs.yaml")  # today: 2026-11-26
    return root


@pytest.mark.parametrize("args, message", [
    ([], "no Prometheus to ask: set prometheus.url in sre-docs.yaml or pass --url"),
    (["--url", "prometheus:9090"], "--url 'prometheus:9090': expected an http:// or https:// URL"),
    (["--url", "http://127.0.0.1:9/", "--to", "2026-11-26"],
     "--to 2026-11-26: only complete days can be pulled; the last one is 2026-11-25"),
    (["--url", "http://127.0.0.1:9/", "--from", "2026-11-20", "--to", "2026-11-10"],
     "--from 2026-11-20 is after --to 2026-11-10"),
    (["--url", "http://127.0.0.1:9/", "--from", "20/11/2026"], "--from '20/11/2026': expected a date (YYYY-MM-DD)"),
    (["--url", "http://127.0.0.1:9/", "--slo", "checkout-availabilty"],
     "--slo 'checkout-availabilty': no such SLO; did you mean 'checkout-availability'?"),
    (["--url", "http://127.0.0.1:9/", "--service", "chekout"],
     "--service 'chekout': no such service folder; did you mean 'checkout'?"),
])
def test_pull_prometheus_usage_errors(example: Path, args: list[str], message: str) -> None:
    result = run_cli("pull", "prometheus", "--root", str(example), *args)
    assert (result.returncode, result.stderr, result.stdout) == (2, f"sre-docs: {message}\n", "")


def test_pull_pages_unknown_rotation(example: Path) -> None:
    export = PROJECT / "tests" / "integrations" / "fixtures" / "paging" / "pagerduty-incidents.json"
    result = run_cli("pull", "pages", str(export), "--rotation", "money-movement", "--root", str(example))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "sre-docs: --rotation 'money-movement': no such on-call rotation; did you mean 'money-movement-oncall'?")
