"""The Prometheus HTTP API, for range queries: the only place sre-docs talks to a server.

Answers are turned into plain data (one ``{instant: value}`` per series) and every way a
request can fail becomes one of two exceptions with a sentence a person can act on:

* :class:`PrometheusUnavailable` -- the server could not answer: unreachable, timed out, TLS,
  an HTTP status other than a query error (401, 403, 404, 5xx), or a body that is not the API's
  JSON. Nothing can be pulled then, so the command stops and writes nothing.
* :class:`QueryFailed` -- the server read the query and refused it (HTTP 400 or 422 with
  ``status: error``); Prometheus' own message is kept, so the caller can put it at the SLI's
  file:line:col.

A range longer than Prometheus' limit of 11,000 points per series is asked for in pieces.
httpx is the client: timeouts, TLS verification and connection errors are its business.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

__all__ = ["PrometheusClient", "PrometheusUnavailable", "QueryFailed", "Series"]

UTC = dt.timezone.utc
#: Points asked for in one request; Prometheus refuses more than 11,000 per series.
MAX_POINTS = 10_000


class PrometheusUnavailable(Exception):
    """The server gave no usable answer; ``str()`` says what happened."""


class QueryFailed(Exception):
    """Prometheus refused a query; ``str()`` is Prometheus' own message."""

    def __init__(self, message: str, error_type: str | None = None) -> None:
        super().__init__(message)
        self.error_type = error_type


@dataclass(frozen=True)
class Series:
    """One series of a range query: its labels and a value per evaluation instant (UTC)."""

    labels: Mapping[str, str]
    values: Mapping[dt.datetime, float]


def _seconds(step: dt.timedelta) -> int:
    seconds = step.total_seconds()
    if seconds <= 0 or seconds != int(seconds):
        raise ValueError(f"step {step} is not a whole, positive number of seconds")
    return int(seconds)


def _float(text: Any) -> float:
    try:
        return float(text)  # Prometheus writes values as strings, "NaN" and "+Inf" included
    except (TypeError, ValueError):
        return math.nan


class PrometheusClient:
    """A client for one Prometheus server (``url`` is the base, e.g. ``https://prom.example.com/``).

    ``headers`` are sent with every request (already resolved from the environment);
    ``verify`` false turns TLS verification off, which the settings only allow when said so.
    """

    def __init__(self, url: str, *, timeout: float = 30.0, headers: Mapping[str, str] | None = None,
                 verify: bool = True, transport: httpx.BaseTransport | None = None) -> None:
        self.url = url if url.endswith("/") else url + "/"
        self.timeout = timeout
        self._client = httpx.Client(
            base_url=self.url, timeout=timeout, headers=dict(headers or {}), verify=verify, transport=transport,
            follow_redirects=False,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> PrometheusClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def query_range(self, query: str, start: dt.datetime, end: dt.datetime, step: dt.timedelta) -> list[Series]:
        """Every series of ``query`` evaluated at ``start``, ``start + step``, ... up to ``end`` (inclusive)."""
        seconds = _seconds(step)
        merged: dict[tuple[tuple[str, str], ...], dict[dt.datetime, float]] = {}
        piece_start = start
        while piece_start <= end:
            piece_end = min(end, piece_start + step * (MAX_POINTS - 1))
            for series in self._range_piece(query, piece_start, piece_end, seconds):
                key = tuple(sorted(series.labels.items()))
                merged.setdefault(key, {}).update(series.values)
            piece_start = piece_end + step
        return [Series(dict(key), values) for key, values in merged.items()]

    def _range_piece(self, query: str, start: dt.datetime, end: dt.datetime, step: int) -> list[Series]:
        form = {"query": query, "start": f"{start.timestamp():.3f}", "end": f"{end.timestamp():.3f}", "step": str(step)}
        body = self._post("api/v1/query_range", form)
        data = body.get("data")
        if not isinstance(data, dict) or data.get("resultType") != "matrix" or not isinstance(data.get("result"), list):
            raise PrometheusUnavailable(f"{self.url}: the answer to a range query is not a matrix")
        out = []
        for item in data["result"]:
            if not isinstance(item, dict):
                continue
            metric = item.get("metric")
            labels = metric if isinstance(metric, dict) else {}
            values = {}
            for pair in item.get("values") or []:
                if isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], (int, float)):
                    values[dt.datetime.fromtimestamp(round(pair[0]), UTC)] = _float(pair[1])
            out.append(Series({str(k): str(v) for k, v in labels.items()}, values))
        return out

    def _post(self, path: str, form: Mapping[str, str]) -> dict:
        where = self.url + path
        try:
            response = self._client.post(path, data=dict(form))
        except httpx.TimeoutException:
            raise PrometheusUnavailable(f"{where}: no answer within {self.timeout:g} s (prometheus.timeout)") from None
        except httpx.ConnectError as exc:
            raise PrometheusUnavailable(f"{self.url}: cannot connect ({_reason(exc)})") from None
        except httpx.HTTPError as exc:
            raise PrometheusUnavailable(f"{where}: {type(exc).__name__}: {_reason(exc)}") from None
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.status_code in (400, 422) and isinstance(body, dict) and body.get("status") == "error":
            raise QueryFailed(str(body.get("error") or "query refused"), body.get("errorType"))
        if response.status_code != 200:
            detail = ""
            if isinstance(body, dict) and body.get("error"):
                detail = f": {body['error']}"
            elif response.text.strip():
                detail = ": " + response.text.strip().splitlines()[0][:200]
            raise PrometheusUnavailable(f"{where}: HTTP {response.status_code} {response.reason_phrase}{detail}")
        if not isinstance(body, dict) or body.get("status") != "success":
            raise PrometheusUnavailable(f"{where}: the answer is not the Prometheus API's JSON")
        return body


def _reason(exc: Exception) -> str:
    text = str(exc).strip()
    return text or type(exc).__name__
