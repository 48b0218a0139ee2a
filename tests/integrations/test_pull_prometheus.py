"""``sre-docs pull prometheus`` against a real Prometheus server with generated counters.

The server is Debian's ``prometheus`` (installed with promtool by .ci/run), started on
127.0.0.1 at a free port over TSDB blocks that ``promtool tsdb create-blocks-from openmetrics``
built from the counters below, and stopped when the module is done. The counters are the
example's own checkout SLI queries' series, scraped every 5 minutes from 2026-10-29 00:00 to
2026-11-26 00:00 UTC:

* checkout_orders_total{outcome="placed"|"declined"|"failed"}: per 5 minutes 45 placed, 3 declined,
  and 1 failed at 00:00, 08:00 and 16:00 -> a clean day is 48 x 288 = 13,824 good of 13,827;
  2026-11-10: every counter restarts from zero at 12:00 (a deploy), the day still 13,824 of 13,827;
  2026-11-15: no traffic at all (the counters stand still) -> 0 of 0;
  2026-11-19: an outage 10:00-11:00, 12 intervals of 10 placed and 30 failed -> good 276 x 48 + 12 x 10
  = 13,368, failed 12 x 30 + 3 = 363, total 13,731.
* http_request_duration_seconds_count/_bucket{job="checkout",code="201"}: from 2026-11-05 only,
  60 requests per 5 minutes of which 59 under 2.5 s -> 16,992 of 17,280 a day; on 2026-11-20 the bucket
  counts 61 (more good than total: a broken exporter); code="503" series (100 per 5 minutes) are excluded
  by the SLI's code!~"5.." and must not show.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from integration_helpers import PROJECT, run_cli


from prometheus_truth import (
    BROKEN_EXPORTER, FIRST, DAYS, LATENCY_FROM, NO_TRAFFIC, OUTAGE, TRUTH,
)


@pytest.fixture
def prometheus(live_prometheus: str) -> str:
    return live_prometheus


def _example(tmp_path: Path, *, keep_measurements: bool = False) -> Path:
    root = tmp_path / "repo"
    for part in ("services", "org"):
        shutil.copytree(PROJECT / part, root / part)
    shutil.copy(PROJECT / "sre-docs.yaml", root / "sre-docs.yaml")
    if not keep_measurements:
        for path in (root / "services" / "checkout" / "measurements").glob("*.yaml"):
            path.unlink()
    return root


def _run(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return run_cli("pull", "prometheus", "--root", str(root), *args, env=env)


def _rows(slo: str, days: list[dt.date]) -> list[str]:
    return [f"    - [{day.isoformat()}, {TRUTH[slo][day][0]}, {TRUTH[slo][day][1]}]" for day in days]


ALL_DAYS = [FIRST.date() + dt.timedelta(days=n) for n in range(DAYS)]
LATENCY_DAYS = [day for day in ALL_DAYS if day >= LATENCY_FROM.date() and day != BROKEN_EXPORTER]
SLIS = "services/checkout/slis.yaml"
# Where the checkout SLIs' queries sit in slis.yaml (line:column of the value).
LATENCY_GOOD, LATENCY_TOTAL = "38:18", "39:19"

LATENCY_FINDINGS = [
    f"{SLIS}:{LATENCY_GOOD}: error PULL005 SLO checkout-latency: prometheus.good_events: 2026-11-20: "
    "17568 good events but only 17280 in total",
] + [
    f"{SLIS}:{LATENCY_TOTAL}: error PULL005 SLO checkout-latency: prometheus.total_events: {day}: no data for total "
    "events in this bucket (not recorded as zero)"
    for day in ("2026-10-29", "2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04")
]


def test_the_generated_truth_is_what_the_comments_say() -> None:
    availability = TRUTH["checkout-availability"]
    assert availability[dt.date(2026, 10, 29)] == (13824, 13827)  # 48 x 288 good, 3 failed
    assert availability[dt.date(2026, 11, 10)] == (13824, 13827)  # the reset changes no count
    assert availability[NO_TRAFFIC] == (0, 0)
    assert availability[OUTAGE] == (13368, 13731)  # 276 x 48 + 12 x 10; 12 x 30 + 3 failed
    assert TRUTH["checkout-latency"][dt.date(2026, 11, 5)] == (16992, 17280)  # 59 x 288 of 60 x 288


def test_pull_writes_the_generated_truth(prometheus, tmp_path) -> None:
    root = _example(tmp_path)
    result = _run(root, "--url", prometheus, "--service", "checkout")
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines()[:-1] == LATENCY_FINDINGS
    availability = (root / "services/checkout/measurements/checkout-availability.yaml").read_text()
    assert availability.splitlines() == [
        "# Good and total events per day of the checkout-availability SLO,",
        "# pulled from Prometheus by `sre-docs pull prometheus`",
        "measurements:",
        "  slo: checkout-availability",
        "  resolution: 1d",
        "  points:",
        *_rows("checkout-availability", ALL_DAYS),
    ]
    assert "    - [2026-11-15, 0, 0]" in availability.splitlines()
    assert "    - [2026-11-19, 13368, 13731]" in availability.splitlines()
    latency = (root / "services/checkout/measurements/checkout-latency.yaml").read_text()
    assert latency.splitlines()[6:] == _rows("checkout-latency", LATENCY_DAYS)
    assert result.stdout.splitlines()[-1] == "2 SLO(s) pulled: 48 row(s) added, 0 replaced, 0 unchanged in 2 file(s) changed"

    # Run again: nothing changes, not even a byte.
    before = {p: p.read_bytes() for p in (root / "services/checkout/measurements").iterdir()}
    again = _run(root, "--url", prometheus, "--service", "checkout")
    assert again.returncode == 1
    assert again.stdout.splitlines() == ["2 SLO(s) pulled: 0 row(s) added, 0 replaced, 48 unchanged in 0 file(s) changed"]
    assert {p: p.read_bytes() for p in (root / "services/checkout/measurements").iterdir()} == before

    # The budget now follows the pulled rows. Over the 28 days: good 26 x 13,824 + 13,368 = 372,792, total
    # 26 x 13,827 + 13,731 = 373,233, bad 441 (the no-traffic day adds nothing). 441 / 373,233 = 0.00118157 of the
    # events failed (373,233 x 0.00118 = 440.415, and 0.585 / 373,233 = 0.00000157) against 0.0005 allowed
    # -> 236.31% of the budget consumed. The last day (2026-11-25) burns 3 / 13,827 / 0.0005 = 0.434. The seven
    # days 2026-11-19..25 (the outage day and six clean ones): 363 + 6 x 3 = 381 bad of 13,731 + 6 x 13,827 = 96,693
    # -> 381 / 96,693 = 0.0039403, / 0.0005 = 7.881.
    budget = subprocess.run(["sre-docs", "budget", "checkout", "--slo", "checkout-availability", "--json",
                             "--root", str(root)], capture_output=True, text=True, check=True)
    data = json.loads(budget.stdout)["slos"][0]
    assert data["source"] == "measurements"
    assert data["measurement_points"] == 28
    assert data["consumed_pct"] == 236.31
    assert {b["lookback"]: b["burn_rate"] for b in data["burn_rates"]}["1d"] == 0.434
    assert {b["lookback"]: b["burn_rate"] for b in data["burn_rates"]}["7d"] == 7.881
    assert data["state"] == "exhausted"

    # The repo still lints clean where the pull wrote (no finding in the measurements files).
    lint = subprocess.run(["sre-docs", "lint", "--root", str(root), "--format", "json"], capture_output=True, text=True)
    written = [f for f in json.loads(lint.stdout)["findings"] if "/measurements/" in f["path"]]
    assert written == []


def test_appending_keeps_every_other_byte_and_only_adds_new_days(prometheus, tmp_path) -> None:
    root = _example(tmp_path)
    first = _run(root, "--url", prometheus, "--slo", "checkout-availability", "--from", "2026-10-29", "--to",
                 "2026-11-20")
    assert first.returncode == 0, first.stderr
    path = root / "services/checkout/measurements/checkout-availability.yaml"
    path.write_text(path.read_text().replace("  points:\n", "  points:  # pulled nightly\n"))
    before = path.read_text()
    second = _run(root, "--url", prometheus, "--slo", "checkout-availability")
    assert second.returncode == 0, second.stderr
    assert second.stdout.splitlines() == [
        *(f"services/checkout/measurements/checkout-availability.yaml: + [{day}, {TRUTH['checkout-availability'][day][0]}, "
          f"{TRUTH['checkout-availability'][day][1]}]" for day in ALL_DAYS[-5:]),
        "1 SLO(s) pulled: 5 row(s) added, 0 replaced, 23 unchanged in 1 file(s) changed",
    ]
    assert path.read_text() == before + "\n".join(_rows("checkout-availability", ALL_DAYS[-5:])) + "\n"


def test_conflicts_are_left_alone_unless_forced(prometheus, tmp_path) -> None:
    root = _example(tmp_path, keep_measurements=True)
    path = root / "services/checkout/measurements/checkout-availability.yaml"
    before = path.read_bytes()
    result = _run(root, "--url", prometheus, "--slo", "checkout-availability", "--from", "2026-11-24")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "services/checkout/measurements/checkout-availability.yaml:39:7: error PULL007 SLO checkout-availability: "
        "recorded [2026-11-24, 397608, 397619], Prometheus now says [2026-11-24, 13824, 13827]; left alone "
        "(--force replaces it)",
        "services/checkout/measurements/checkout-availability.yaml:40:7: error PULL007 SLO checkout-availability: "
        "recorded [2026-11-25, 406715, 406788], Prometheus now says [2026-11-25, 13824, 13827]; left alone "
        "(--force replaces it)",
        "2 finding(s): 2 error(s), 0 warning(s), 0 info in 1 file(s)",
    ]
    assert path.read_bytes() == before
    dry = _run(root, "--url", prometheus, "--slo", "checkout-availability", "--from", "2026-11-24", "--force",
               "--dry-run")
    assert dry.stdout.splitlines() == [
        "services/checkout/measurements/checkout-availability.yaml: ~ [2026-11-24, 397608, 397619] -> [2026-11-24, 13824, 13827]",
        "services/checkout/measurements/checkout-availability.yaml: ~ [2026-11-25, 406715, 406788] -> [2026-11-25, 13824, 13827]",
        "dry run: 1 SLO(s) pulled: 0 row(s) added, 2 replaced, 0 unchanged in 1 file(s) changed; nothing written",
    ]
    assert path.read_bytes() == before
    forced = _run(root, "--url", prometheus, "--slo", "checkout-availability", "--from", "2026-11-24", "--force")
    assert forced.returncode == 0, forced.stderr
    lines = before.decode().splitlines()
    lines[38:40] = ["    - [2026-11-24, 13824, 13827]", "    - [2026-11-25, 13824, 13827]"]
    assert path.read_text() == "\n".join(lines) + "\n"


def test_dry_run_prints_and_writes_nothing(prometheus, tmp_path) -> None:
    root = _example(tmp_path)
    result = _run(root, "--url", prometheus, "--slo", "checkout-availability", "--from", "2026-11-24", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "services/checkout/measurements/checkout-availability.yaml: + [2026-11-24, 13824, 13827]",
        "services/checkout/measurements/checkout-availability.yaml: + [2026-11-25, 13824, 13827]",
        "dry run: 1 SLO(s) pulled: 2 row(s) added, 0 replaced, 0 unchanged in 1 file(s) changed; nothing written",
    ]
    assert list((root / "services/checkout/measurements").iterdir()) == []


def test_hourly_buckets(prometheus, tmp_path) -> None:
    # 2026-11-19 by hour: 12 intervals an hour of 48 good; one failed at 00:00, 08:00 and 16:00 (577 then);
    # the outage hour 10:00 has 12 x 10 = 120 good and 12 x 30 = 360 failed -> 120 of 480.
    root = _example(tmp_path)
    result = _run(root, "--url", prometheus, "--slo", "checkout-availability", "--from", "2026-11-19", "--to",
                  "2026-11-19", "--resolution", "1h")
    assert result.returncode == 0, result.stderr
    expected = []
    for hour in range(24):
        good, total = (120, 480) if hour == 10 else (576, 577 if hour in (0, 8, 16) else 576)
        expected.append(f"    - [2026-11-19T{hour:02d}:00:00Z, {good}, {total}]")
    text = (root / "services/checkout/measurements/checkout-availability.yaml").read_text()
    assert text.splitlines()[4:] == ["  resolution: 1h", "  points:", *expected]
    # A daily pull now meets hourly measurements: reported, nothing written.
    daily = _run(root, "--url", prometheus, "--slo", "checkout-availability")
    assert daily.returncode == 1
    assert daily.stderr.splitlines()[0] == (
        "services/checkout/measurements/checkout-availability.yaml:5:15: error PULL006 SLO checkout-availability: "
        "measurements here are by 1h, the pull is by 1d; pull with --resolution 1h (one resolution per SLO)")


def test_no_series_is_a_finding_never_a_zero(prometheus, tmp_path) -> None:
    root = _example(tmp_path)
    before = sorted(p.read_bytes() for p in (root / "services/search/measurements").iterdir())
    result = _run(root, "--url", prometheus, "--service", "search")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "services/search/slis.yaml:17:19: error PULL003 SLO search-availability: prometheus.total_events: no series "
        "from 2026-10-29 to 2026-11-25: nothing recorded (no data is not zero traffic)",
        "services/search/slis.yaml:36:19: error PULL003 SLO search-latency: prometheus.total_events: no series "
        "from 2026-10-29 to 2026-11-25: nothing recorded (no data is not zero traffic)",
        "2 finding(s): 2 error(s), 0 warning(s), 0 info in 1 file(s)",
    ]
    assert sorted(p.read_bytes() for p in (root / "services/search/measurements").iterdir()) == before


def test_a_query_error_carries_prometheus_message_and_the_sli_position(prometheus, tmp_path) -> None:
    root = _example(tmp_path)
    slis = root / SLIS
    slis.write_text(slis.read_text().replace("sum(rate(checkout_orders_total[5m]))", "sum(rate(checkout_orders_total[5m])"))
    result = _run(root, "--url", prometheus, "--slo", "checkout-availability")
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(
        f"{SLIS}:20:19: error PULL002 SLO checkout-availability: prometheus.total_events: Prometheus refused "
        "'sum(increase(checkout_orders_total[1d])': ")
    assert "unclosed left parenthesis" in first  # Prometheus' own words
    assert list((root / "services/checkout/measurements").iterdir()) == []


def test_a_query_that_cannot_count_is_refused_before_asking(prometheus, tmp_path) -> None:
    root = _example(tmp_path)
    slis = root / SLIS
    slis.write_text(slis.read_text().replace("sum(rate(checkout_orders_total[5m]))", "sum(irate(checkout_orders_total[5m]))"))
    result = _run(root, "--url", prometheus, "--slo", "checkout-availability")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{SLIS}:20:19: error PULL002 SLO checkout-availability: prometheus.total_events: cannot count events with "
        "this query: irate() is a rate at one instant; counts need rate() or increase()",
        "1 finding(s): 1 error(s), 0 warning(s), 0 info in 1 file(s)",
    ]


class _Handler(http.server.BaseHTTPRequestHandler):
    """A stand-in server for answers a healthy Prometheus does not give: 503, 401, slowness; records headers."""

    seen: list[dict[str, str]] = []

    def do_POST(self) -> None:  # http.server's naming
        type(self).seen.append(dict(self.headers))
        if self.path.startswith("/slow/"):
            time.sleep(3)
        status = {"/unavailable/": 503, "/locked/": 401}.get(self.path[: self.path.find("api")], 200)
        body = b'{"status":"success","data":{"resultType":"matrix","result":[]}}' if status == 200 else b"no"
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except BrokenPipeError:
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def stand_in():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Handler.seen = []
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_server_failures_stop_the_pull_and_write_nothing(prometheus, tmp_path, stand_in) -> None:
    root = _example(tmp_path)
    (root / "sre-docs.yaml").write_text((root / "sre-docs.yaml").read_text() + "prometheus:\n  timeout: 1\n")
    cases = [
        (stand_in + "unavailable/", f"{stand_in}unavailable/api/v1/query_range: HTTP 503 Service Unavailable: no"),
        (stand_in + "locked/", f"{stand_in}locked/api/v1/query_range: HTTP 401 Unauthorized: no"),
        (stand_in + "slow/", f"{stand_in}slow/api/v1/query_range: no answer within 1 s (prometheus.timeout)"),
        (prometheus + "nowhere/", f"{prometheus}nowhere/api/v1/query_range: HTTP 404 Not Found: 404 page not found"),
    ]
    for url, message in cases:
        result = _run(root, "--url", url, "--service", "checkout")
        assert (result.returncode, result.stderr.splitlines()) == (
            2, [f"sre-docs: cannot pull from Prometheus: {message}; nothing was written"]), url
    port = stand_in.rsplit(":", 1)[1].strip("/")
    closed = _run(root, "--url", "http://127.0.0.1:9/", "--service", "checkout")
    assert closed.returncode == 2
    assert closed.stderr.startswith("sre-docs: cannot pull from Prometheus: http://127.0.0.1:9/: cannot connect (")
    assert port and list((root / "services/checkout/measurements").iterdir()) == []


def test_headers_come_from_the_environment(tmp_path, stand_in) -> None:
    root = _example(tmp_path)
    (root / "sre-docs.yaml").write_text((root / "sre-docs.yaml").read_text()
                                        + f"prometheus:\n  url: {stand_in}\n  headers:\n    Authorization: PROM_AUTH\n")
    missing = _run(root, "--slo", "checkout-availability", env={"PROM_AUTH": ""})
    assert (missing.returncode, missing.stderr) == (
        2, "sre-docs: sre-docs.yaml:13:20: prometheus.headers.Authorization reads $PROM_AUTH, which is not set\n")
    result = _run(root, "--slo", "checkout-availability", env={"PROM_AUTH": "Bearer s3cret"})
    assert result.returncode == 1  # the stand-in has no series: PULL003
    assert "PULL003" in result.stderr
    assert {seen.get("Authorization") for seen in _Handler.seen} == {"Bearer s3cret"}
