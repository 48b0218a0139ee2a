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



def test_the_page_says_when_the_runbook_was_updated_and_tested(tmp_path):
    import datetime as dt

    from sre_docs.handbook.build import HandbookOptions, build_handbook
    from sre_docs.model.repository import load_repository

    folder = tmp_path / "services" / "shop" / "runbooks"
    folder.mkdir(parents=True)
    (tmp_path / "services" / "shop" / "service.yaml").write_text("service:\n  name: shop\n  tier: standard\n  owner_team: t\n")
    runbook = "runbook:\n  title: Shop is down\n  alert_name: shop-down\n  last_updated: 2026-10-02\n{tested}"
    (folder / "down.yaml").write_text(runbook.format(tested="  last_tested: 2026-09-15\n"))
    (folder / "slow.yaml").write_text(runbook.format(tested="").replace("shop-down", "shop-slow"))
    handbook = build_handbook(load_repository(tmp_path, cache=False, workers=1), [], HandbookOptions(today=dt.date(2026, 11, 26)))
    pages = {p.src_uri: p.markdown for p in handbook.pages}
    assert "· updated 2026&#45;10&#45;02 · tested 2026&#45;09&#45;15" in pages["services/shop/runbooks/shop-down.md"]
    assert "tested" not in pages["services/shop/runbooks/shop-slow.md"].split("\n\n")[2]
