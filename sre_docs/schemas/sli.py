"""An SLI: the measurement of good events against all events that an SLO is set on.

It says what counts as good, what counts at all, and where the numbers come from, in
words for people and optionally as PromQL for machines.
"""

from sre_docs.schemas.fields import enum, identifier, mapping, number, text, texts
from sre_docs.schemas.vocabulary import SLI_TYPES

KIND = "sli"
SCOPE = "service"
SCHEMA = {
    "name": identifier("Name of the SLI, unique in its service; SLOs refer to it.", required=True),
    "description": text("What the SLI measures, in a sentence."),
    "type": enum(SLI_TYPES, "The kind of user experience it measures.", required=True),
    "measurement": mapping({
        "good_events": text("Which events count as good."),
        "total_events": text("Which events count at all."),
        "source": text("Where the events are counted (logs, metrics, probes)."),
        "aggregation": text("How good and total events become a ratio."),
        "threshold_ms": number("For latency SLIs: the response time a good event stays under, in ms.", min=0),
    }, "How the SLI is measured, in words."),
    "exclusions": texts("Traffic left out of the measurement, and why."),
    "prometheus": mapping({
        "good_events": text("PromQL for the rate of good events."),
        "bad_events": text("PromQL for the rate of bad events."),
        "total_events": text("PromQL for the rate of all events."),
        "error_ratio": text("PromQL for the ratio of bad to all events."),
    }, "PromQL queries: total_events with good_events or bad_events, or error_ratio alone."),
}
EXAMPLE = """\
sli:
  name: request_success_rate
  description: Share of valid checkout requests answered without a server error.
  type: availability
  measurement:
    good_events: HTTP responses with a status below 500
    total_events: All HTTP requests except health checks
    source: load balancer access logs
    aggregation: sum(good) / sum(total) over the SLO window
  exclusions:
    - Health checks (/healthz, /readyz)
    - Synthetic probes
  prometheus:
    good_events: sum(rate(http_requests_total{job="checkout",code!~"5.."}[5m]))
    total_events: sum(rate(http_requests_total{job="checkout"}[5m]))
"""
