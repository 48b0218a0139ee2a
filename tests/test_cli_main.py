"""The CLI's exit-code contract, in-process: 0 clean, 2 usage or internal error, 130 interrupted, never a traceback."""

from __future__ import annotations

import argparse
import runpy
import sys

import pytest

import sre_docs.cli
from sre_docs import __version__
from sre_docs.cli import UsageError, main, toil


def _failing_with(error: BaseException):
    def run(args: argparse.Namespace) -> int:
        raise error
    return run


def test_no_command_prints_the_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("usage: sre-docs [-h] [--version] COMMAND ...\n")


@pytest.mark.parametrize(("error", "code", "stderr"), [
    (UsageError("no service 'chekout'"), 2, "sre-docs: no service 'chekout'\n"),
    (KeyboardInterrupt(), 130, ""),
    (BrokenPipeError(), 0, ""),
    (ZeroDivisionError("float division by zero"), 2, "sre-docs: internal error: ZeroDivisionError: float division by zero\n"),
])
def test_how_a_command_ends(error: BaseException, code: int, stderr: str, monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(toil, "run", _failing_with(error))
    assert main(["toil", "audit"]) == code
    assert capsys.readouterr().err == stderr


def test_the_console_script_turns_the_collector_off(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # Only the real command (argv from the process) disables gc; library calls with an argv list leave it on.
    calls: list[str] = []
    monkeypatch.setattr(sre_docs.cli.gc, "disable", lambda: calls.append("disable"))
    monkeypatch.setattr(sys, "argv", ["sre-docs", "nines", "99.9", "--json"])
    assert main() == 0
    assert calls == ["disable"]
    main(["nines", "99.9", "--json"])
    assert calls == ["disable"]
    capsys.readouterr()


def test_python_dash_m_sre_docs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sre_docs.cli.gc, "disable", lambda: None)
    monkeypatch.setattr(sys, "argv", ["sre-docs", "--version"])
    with pytest.raises(SystemExit) as exited:
        runpy.run_module("sre_docs", run_name="__main__")
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"sre-docs {__version__}\n"
