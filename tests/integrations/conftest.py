"""Fixtures for the integration tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from integration_helpers import SMALL_REPO, write_repo


@pytest.fixture
def small_repo(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "repo", SMALL_REPO)


@pytest.fixture
def promtool() -> str:
    found = shutil.which("promtool")
    if found is None:
        pytest.skip("promtool is not installed (apt-get install prometheus)")
    return found


@pytest.fixture(scope="session")
def live_prometheus(tmp_path_factory: pytest.TempPathFactory):
    """A real Prometheus server (Debian's package) over the generated counters of prometheus_truth; stopped after."""
    from benchmarks.live_prometheus import PrometheusServer, binaries
    from prometheus_truth import COUNTERS

    if binaries() is None:
        pytest.skip("prometheus is not installed (apt-get install prometheus)")
    with PrometheusServer(tmp_path_factory.mktemp("prometheus"), COUNTERS) as server:
        yield server.url
