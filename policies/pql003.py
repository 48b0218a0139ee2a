"""A rate is taken over a range too short to hold two samples.

## What it checks

In every PromQL string of the repo, the range of `rate()`, `irate()`, `increase()`,
`delta()`, `idelta()` and `deriv()` must cover at least `min_scrapes` scrape intervals
(`scrape_interval`, 1 minute by default, as in Prometheus): `[2m]` at least, by default.

## Why it matters

These functions need two samples in the range. With a range of one scrape interval, a
single late or missed scrape leaves one sample and the query returns nothing, so an SLI
has gaps and an alert flaps or stays silent.

## Failing example

```yaml
# file: services/checkout/slis.yaml
sli:
  name: availability
  type: availability
  prometheus:
    bad_events: sum(rate(http_requests_total{code=~"5.."}[1m]))
    total_events: sum(rate(http_requests_total[5m]))
```

## Passing example

```yaml
# file: services/checkout/slis.yaml
sli:
  name: availability
  type: availability
  prometheus:
    bad_events: sum(rate(http_requests_total{code=~"5.."}[5m]))
    total_events: sum(rate(http_requests_total[5m]))
```

## Options

- `scrape_interval` (duration, default `1m`): the scrape interval of the metrics.
- `min_scrapes` (whole number, default 2): fewest scrape intervals a range must cover.

## How to fix

Widen the range to at least `min_scrapes` x `scrape_interval`; four intervals is the
usual advice, so that one missed scrape does not matter.

## References

- Guide, Phase 2: *SLI Specification Template* (`aggregation`).
- Prometheus: the `rate()` function.
- pint: `promql/rate`.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Option, Problem, problem
from sre_docs.lint.promql import format_range, parse, queries, short_ranges
from sre_docs.policies._common import duration
from sre_docs.schemas.types import DURATION

ID = "PQL003"
NAME = "rate-range-too-short"
LEVEL = "warning"
READS = "service"


def _duration_option(value: object) -> str | None:
    return None if isinstance(value, str) and DURATION.match(value) else "must be a duration such as 1m"


OPTIONS = {
    "scrape_interval": Option("1m", "Scrape interval of the metrics.", validate=_duration_option),
    "min_scrapes": Option(2, "Fewest scrape intervals a range must cover.", minimum=1),
}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    interval = duration(options["scrape_interval"])
    if interval is None:
        return
    minimum = interval * int(options["min_scrapes"])
    for service in repo.services.values():
        for query in queries(service):
            for function, length in short_ranges(parse(query.text), minimum):  # none when PQL001 reports it
                yield problem(query.doc, *query.path,
                              message=f"{query.label}: {function}() over [{format_range(length)}], shorter than "
                              f"{options['min_scrapes']} scrape intervals of {options['scrape_interval']} "
                              f"([{format_range(minimum)}])")
