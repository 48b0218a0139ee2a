"""Every README command a newcomer copies works as written, in the order written (the first-hour issue).

Code blocks marked ``<!-- readme-test: … -->`` run command by command with bash in one copy of the example
repo (a git repo whose ``origin/main`` is its first commit, as in a pull request's checkout). Each command
must exit 0 unless its comment says ``(exit N)``. A command that is only an illustration belongs in an
unmarked block.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MARK = "<!-- readme-test:"
EXAMPLE = ("services", "org", "docs", "mkdocs.yml", "sre-docs.yaml")


def marked_commands(readme: str) -> list[tuple[str, int]]:
    """(command, expected exit code) of every marked block, in order; continuation lines joined."""
    commands = []
    for block in re.findall(re.escape(MARK) + r"[^\n]*\n```sh\n(.*?)```", readme, re.S):
        pending = ""
        for line in block.splitlines():
            if not line.strip() or line.lstrip().startswith("#") and not pending:
                continue
            pending += line.rstrip()
            if pending.endswith("\\"):
                pending = pending[:-1] + " "
                continue
            code, comment = _split_comment(pending)
            expected = re.search(r"\(exit (\d+)\)", comment)
            commands.append((code.strip(), int(expected.group(1)) if expected else 0))
            pending = ""
    return commands


def _split_comment(line: str) -> tuple[str, str]:
    """The command and its trailing ``# comment``, with ``#`` inside quotes left alone."""
    quote = None
    for index, char in enumerate(line):
        if char in "'\"" and quote in (None, char):
            quote = None if quote else char
        elif char == "#" and quote is None and (index == 0 or line[index - 1].isspace()):
            return line[:index], line[index + 1:]
    return line, ""


def test_the_parser_reads_commands_comments_and_exit_codes() -> None:
    readme = (f"{MARK} x -->\n```sh\nsre-docs lint     # clean\nsre-docs a \\\n    --b 'c # d'   # refused (exit 1)\n"
              "# a comment line\n```\n```sh\nnot marked\n```\n")
    assert marked_commands(readme) == [("sre-docs lint", 0), ("sre-docs a      --b 'c # d'", 1)]


@pytest.fixture(scope="module")
def example_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("readme") / "repo"
    root.mkdir()
    for name in EXAMPLE:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "example"], ["update-ref", "refs/remotes/origin/main", "HEAD"]):
        subprocess.run(["git", *args], cwd=root, check=True, env=env)
    return root


def test_every_marked_readme_command_runs_as_written(example_copy: Path) -> None:
    commands = marked_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(commands) >= 20, "the tour and the incident walk-through are marked"
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    failures = []
    for command, expected in commands:
        if command.startswith("promtool") and shutil.which("promtool") is None:
            continue  # .ci/run installs it; a laptop without Prometheus skips only this line
        result = subprocess.run(["bash", "-c", command], cwd=example_copy, env=env, capture_output=True, text=True,
                                timeout=300, stdin=subprocess.DEVNULL)
        if result.returncode != expected:
            failures.append(f"$ {command}\nexit {result.returncode}, README says {expected}\n"
                            f"{result.stdout[-1500:]}{result.stderr[-1500:]}")
    assert failures == []
