"""Documentation shown in a terminal: no HTML entities, tags or reST markup (``terminal_text.prose``)."""

from __future__ import annotations

import argparse

import pytest

from sre_docs.cli import build_parser, main
from sre_docs.terminal_text import prose

CASES = [
    # (source, plain, with colour)
    ("Origin: built&#45;in.", "Origin: built-in.", "Origin: built-in."),
    ("<code>services&#47;checkout&#47;slos&#46;yaml</code>", "`services/checkout/slos.yaml`",
     "`services/checkout/slos.yaml`"),
    ("``sre-docs lint``: check", "`sre-docs lint`: check", "`sre-docs lint`: check"),
    ("see :func:`~sre_docs.calc.nines.downtime`", "see `sre_docs.calc.nines.downtime`",
     "see `sre_docs.calc.nines.downtime`"),
    ("Default level: **error**.", "Default level: error.", "Default level: \033[1merror\033[0m."),
    ("# SLO004 burn-rate-alerts", "SLO004 burn-rate-alerts", "\033[1mSLO004 burn-rate-alerts\033[0m"),
    ("## What it checks ##", "What it checks", "\033[1mWhat it checks\033[0m"),
    ("the [SLO guide](../handbook/slos.md) and [Workbook](https://sre.google/workbook/)",
     "the SLO guide and Workbook (https://sre.google/workbook/)",
     "the SLO guide and Workbook (https://sre.google/workbook/)"),
    ("a &lt;b&gt; &amp;lt; <abbr title=\"x\">On-call</abbr>", "a <b> &lt; On-call", "a <b> &lt; On-call"),
    ("<code>a &amp;lt; b</code>", "`a &lt; b`", "`a &lt; b`"),  # decoded once, not twice
    ("```yaml\nslo:\n  target: 99.9 # &#45; **kept**\n\n```\nafter", "    slo:\n      target: 99.9 # &#45; **kept**\n\nafter",
     "    slo:\n      target: 99.9 # &#45; **kept**\n\nafter"),
    ("plain words", "plain words", "plain words"),
]


@pytest.mark.parametrize(("source", "plain", "coloured"), CASES)
def test_prose(source: str, plain: str, coloured: str) -> None:
    assert prose(source) == plain
    assert prose(source, enabled=True) == coloured


def _parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _parsers(child, (*path, name))


def test_no_help_page_shows_markup() -> None:
    """Every command's --help, nested ones included: docstrings are shown without reST or HTML markup."""
    pages = {" ".join(path): parser.format_help() for path, parser in _parsers(build_parser())}
    assert len(pages) > 20
    marked = {name: page for name, page in pages.items() if "``" in page or "&#" in page or "<code>" in page}
    assert marked == {}
    assert "`sre-docs lint`: check the repository" in " ".join(pages["lint"].split())


def test_policy_page_in_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policies", "SLO004"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("SLO004 burn-rate-alerts\n\nAn SLO's burn-rate alerts are not multi-window, multi-burn-rate.\n")
    assert "Default level: error. Origin: built-in.\n" in page
    assert "\n`services/checkout/slos.yaml`\n\n    slo:\n      service: checkout\n" in page
    assert "&#" not in page and "<code>" not in page and "```" not in page
