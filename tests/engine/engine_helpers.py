"""Helpers for the engine tests: build small repos from dicts of files."""

from __future__ import annotations

import textwrap
from pathlib import Path


def write_repo(root: Path, files: dict[str, str]) -> Path:
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


SERVICE = """\
    service:
      name: checkout
      tier: standard
      owner_team: payments
    """

#: An SLO at its SLA: one SLO001 error at slos.yaml:4:11, and nothing else from the pack
#: that is not switched off by NOISE_OFF.
SLO_AT_SLA = """\
    slo:
      service: checkout
      sli: availability
      target: 99.9
      sla: 99.9
      window: 28d
    """

NOISE_OFF = """\
    policies:
      SLO003: false
      SLO004: false
      CAT003: false
    """
