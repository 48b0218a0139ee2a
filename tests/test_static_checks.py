"""The static checks run with the tests: ruff, mypy, reasons on every suppression, coverage.

The README's one test command (``python3 -m pytest -q``) and ``.ci/run`` therefore run
them too. Their configuration is in ``pyproject.toml``; a failure here prints the tool's
own report, one finding per line, ready to click.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
#: Everything ruff and the suppression check read: the package, its policy pack and plugins,
#: the tests and the benchmarks.
PYTHON_FOLDERS = ("sre_docs", "policies", "plugins", "tests", "benchmarks")


def _tool(name: str) -> str:
    """The tool next to this Python (the venv's), else on PATH; skip when neither has it."""
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return found


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


def test_ruff() -> None:
    result = _run([_tool("ruff"), "check", "--no-cache", "--output-format", "concise", *PYTHON_FOLDERS], PROJECT)
    assert result.returncode == 0, f"ruff check found problems:\n{result.stdout}{result.stderr}"


def _installed_layout(root: Path) -> Path:
    """``sre_docs`` laid out as pip installs it: policies/ and plugins/ inside it (symbolic links).

    setuptools maps the two folders into the package with ``package-dir``; mypy cannot
    follow that mapping, so it checks this tree instead, which holds the same files.
    """
    package = root / "sre_docs"
    package.mkdir(parents=True)
    for entry in (PROJECT / "sre_docs").iterdir():
        if entry.name != "__pycache__":
            (package / entry.name).symlink_to(entry)
    (package / "policies").symlink_to(PROJECT / "policies")
    (package / "plugins").symlink_to(PROJECT / "plugins")
    return root


def _repo_path(line: str) -> str:
    """A mypy line about the laid-out tree, pointing at the file in the repo instead."""
    return re.sub(r"^sre_docs/(policies|plugins)/", r"\1/", line)


def test_mypy(tmp_path: Path) -> None:
    tree = _installed_layout(tmp_path / "tree")
    result = _run([
        _tool("mypy"), "--config-file", str(PROJECT / "pyproject.toml"), "--cache-dir", str(tmp_path / "cache"),
        "--no-error-summary", "--hide-error-context", "-p", "sre_docs",
    ], tree)
    report = "\n".join(_repo_path(line) for line in (result.stdout + result.stderr).splitlines())
    assert result.returncode == 0, f"mypy found problems (paths relative to {PROJECT}):\n{report}"


# --- every suppression says why ------------------------------------------------------------------

#: A noqa comment with its codes, or a type-ignore comment with its codes, then the rest of the line.
_SUPPRESSION = re.compile(r"#\s*(?P<what>noqa(?::\s*[A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*)?|type:\s*ignore(?:\[[^\]]*\])?)(?P<rest>.*)$")
#: The reason, at least a few words: after `` -- `` for noqa (as in ``# sre-docs: disable=CODE -- reason``),
#: after a second ``#`` for type-ignore (mypy's grammar allows nothing else there).
_REASON = re.compile(r"^\s+(--|#)\s+\S.{8,}")


def suppressions_without_reason(text: str, path: str) -> list[str]:
    """``path:line: the comment`` for every noqa / type: ignore comment that gives no reason."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        match = _SUPPRESSION.search(line)
        if match and not _REASON.match(match["rest"]):
            found.append(f"{path}:{number}: {match.group(0).strip()}")
    return found


@pytest.mark.parametrize(("line", "flagged"), [
    ("x = f()  # noqa: BLE001 -- one bad policy must not stop the run", False),
    ("x = f()  # type: ignore[arg-type]  # cerberus passes plain dicts here", False),
    ("x = f()  # noqa: BLE001", True),
    ("x = f()  # noqa: BLE001 - short", True),
    ("x = f()  # noqa", True),
    ("x = f()  # type: ignore", True),
    ("x = f()  # type: ignore[misc]  # ok", True),
    ("x = f()  # a comment mentioning nothing", False),
])
def test_the_reason_check_itself(line: str, flagged: bool) -> None:
    assert bool(suppressions_without_reason(line, "x.py")) is flagged


def test_every_suppression_gives_a_reason() -> None:
    missing = []
    for folder in PYTHON_FOLDERS:
        for path in sorted((PROJECT / folder).rglob("*.py")):
            if path.resolve() == Path(__file__).resolve():
                continue  # the examples above are data
            missing += suppressions_without_reason(path.read_text(encoding="utf-8"), str(path.relative_to(PROJECT)))
    assert not missing, "give each suppression a reason (`# noqa: CODE -- why`, `# type: ignore[code]  # why`):\n" + "\n".join(missing)
