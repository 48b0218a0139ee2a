"""Terminal output: colour only on a TTY and without NO_COLOR, aligned tables, progress only on a TTY."""

from __future__ import annotations

import io

import pytest

from sre_docs.cli.output import Progress, colour_enabled
from sre_docs.terminal_text import paint, state, table


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_needs_a_tty_and_no_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    assert colour_enabled(FakeTty()) is True
    assert colour_enabled(io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert colour_enabled(FakeTty()) is False
    assert paint("x", "red", enabled=False) == "x"
    assert state("critical", enabled=True) == "\033[31mcritical\033[0m"


def test_table_aligns_on_display_width() -> None:
    text = table(("Name", "State"), [("checkout", state("healthy", enabled=True)), ("日本", "warning")], enabled=False)
    lines = text.split("\n")
    assert lines[0] == "Name      State"
    assert lines[1] == "--------  -------"
    assert lines[3] == "日本      warning"


def test_progress_only_on_a_tty_and_only_after_the_delay() -> None:
    piped = io.StringIO()
    with Progress("loading", total=3, stream=piped, delay=0) as progress:
        progress.advance()
    assert piped.getvalue() == ""
    tty = FakeTty()
    with Progress("loading", total=3, stream=tty, delay=0) as progress:
        progress.advance()
    assert "loading… 1/3" in tty.getvalue() and tty.getvalue().endswith("\r\033[K")
    slow = FakeTty()
    with Progress("loading", stream=slow, delay=60) as progress:
        progress.advance()
    assert slow.getvalue() == ""


def test_prompts_only_at_a_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from sre_docs.cli import UsageError
    from sre_docs.cli.output import prompt_missing

    assert prompt_missing("given", flag="--x", question="X") == "given"
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(UsageError, match="--tier is required"):
        prompt_missing(None, flag="--tier", question="Tier", choices=("critical", "standard"))
    answers = iter(["bogus", "standard"])
    monkeypatch.setattr("sys.stdin", FakeTty())
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert prompt_missing(None, flag="--tier", question="Tier", choices=("critical", "standard")) == "standard"
    assert "please answer one of: critical, standard" in capsys.readouterr().err
    monkeypatch.setattr("builtins.input", lambda prompt: "")
    assert prompt_missing(None, flag="--target", question="Target", default="99.9") == "99.9"
