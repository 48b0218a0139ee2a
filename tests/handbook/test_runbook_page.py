"""Runbook pages: commands as copyable code blocks, named files as links."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("step", "expected"), [
    ("argocd app rollback auth-prod", True),
    ("kubectl -n checkout rollout undo deploy/checkout", True),
    ("./scripts/drain.sh eu-west-1", True),
    ("edgectl weights set eu-west-1=0 us-east-1=100", True),
    ("psql -c 'select 1'\nexit", True),
    ("Watch the auth SLO dashboard for 10 minutes", False),
    ("Sessions replicate both ways; users stay logged in", False),
    ("restart the pods.", False),  # a sentence, even in lower case
    ("", False),
    (None, False),
])
def test_mitigation_commands_are_told_from_sentences(step, expected):
    from sre_docs.handbook.doc_pages import is_command

    assert is_command(step) is expected

