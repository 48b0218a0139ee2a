"""A service folder has no service document, or more than one.

## What it checks

Every folder under `services/` must hold exactly one document of kind `service` (its
catalog entry, usually `service.yaml`). A folder with a file that failed to load (a syntax
error, say) is not reported as missing its entry: the entry may be in that file, and the
file's own error names the real cause.

## Why it matters

Tier, owner and dependencies come from the catalog entry; without it the policies that
depend on the tier (SLO floors, production readiness) cannot judge the service and the
handbook shows an orphan. Two entries contradict each other.

## Failing example

```yaml
# file: services/checkout/slis.yaml
sli:
  name: availability
  type: availability
```

## Passing example

```yaml
# file: services/checkout/service.yaml
service:
  name: checkout
  tier: critical
  owner_team: payments
# file: services/checkout/slis.yaml
sli:
  name: availability
  type: availability
```

## Options

None.

## How to fix

Add `services/<service>/service.yaml` with a `service:` document, or delete the second
one.

## References

- Repository layout: `service.yaml`, kind `service`, exactly one per folder.
- Guide, Phase 1: *Service Catalog Entry*.
"""

from __future__ import annotations

from collections.abc import Iterator

from sre_docs.lint.policy import LintRepo, Problem, problem_at_kind

ID = "CAT005"
NAME = "missing-service-document"
LEVEL = "error"
READS = "service"
OPTIONS: dict = {}


def check(repo: LintRepo, options: dict) -> Iterator[Problem]:
    for name, service in repo.services.items():
        entries = service.of_kind("service")
        if not entries and not repo.unreadable_in(service.folder):  # a file that failed to load may hold it
            path = min((d.path for d in service.documents), default=service.folder)
            yield Problem(path, 1, 1, f"services/{name}/ has no service document; add services/{name}/service.yaml",
                          name)
        for extra in entries[1:]:
            yield problem_at_kind(extra, f"services/{name}/ holds more than one service document; "
                                         f"the first is in {entries[0].path}")
