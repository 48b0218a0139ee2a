"""The command line builds its parsers without loading the implementation (no timing: what gets imported)."""

from __future__ import annotations

import json
import subprocess
import sys

#: Modules that make start-up slow: the model and parser, the policy catalog, git, the workflows, the site.
HEAVY = ("sre_docs.model.repository", "sre_docs.lint.engine", "sre_docs.lint.config", "sre_docs.lint.catalog", "git", "ruamel.yaml",
         "sre_docs.workflows.common", "sre_docs.scorecard.score", "sre_docs.handbook.site", "sre_docs.cli.context")

PROBE = """
import contextlib, io, json, sys
from sre_docs.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
print(json.dumps({"loaded": sorted(m for m in sys.modules if m in %r), "help": out.getvalue()}))
""" % (HEAVY,)


def _probe(*argv: str) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def test_help_loads_no_implementation_and_lists_every_command() -> None:
    from sre_docs.cli import build_parser

    result = _probe("--help")
    assert result["loaded"] == []
    commands = [name for action in build_parser()._subparsers._group_actions for name in action.choices]
    assert len(commands) >= 15
    for name in commands:
        assert f"    {name}" in result["help"], name


def test_a_commands_help_loads_no_implementation() -> None:
    for command in (["lint"], ["budget"], ["scorecard"], ["incident", "start"], ["new", "slo"], ["export", "prometheus"]):
        result = _probe(*command, "--help")
        assert result["loaded"] == [], command
        assert "usage: sre-docs" in result["help"]


def test_running_a_command_loads_what_it_needs(tmp_path) -> None:
    result = _probe("lint", "--root", str(tmp_path))
    assert "sre_docs.lint.engine" in result["loaded"] and "sre_docs.scorecard.score" not in result["loaded"]
