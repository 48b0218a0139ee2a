"""Which findings a list of files is answerable for: the pre-commit hook's selection.

pre-commit runs ``sre-docs lint FILE…`` with the staged files. The linter still loads the
whole repository (an SLO is checked against its SLI in another file, an owner against
org/teams.yaml), but reports only what the commit touches:

* a file under ``services/<service>/`` (or the folder itself) selects every finding of that
  service, because a change in one file can break a reference held by a sibling;
* a file under ``org/`` selects the findings in that file (or under that folder);
* the configuration file (``sre-docs.yaml``) changes every check, so it selects everything.

Paths are taken relative to the current directory (where pre-commit runs, the top of the
git work tree) and then to the lint root; files outside the root select nothing.

Inside a git repo with a commit, ``sre-docs lint FILE…`` also compares the work tree with
``HEAD`` (as ``--since HEAD``) and adds every finding the change introduced anywhere: a staged
change that breaks an untouched file fails the commit too. That comparison takes the fast
path of ``sre_docs.lint.incremental``.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sre_docs.findings import Finding

CONFIG_FILES = frozenset({"sre-docs.yaml", "sre-docs.yml"})


@dataclass(frozen=True)
class Selection:
    """What a set of files selects: whole services, paths (files or folders), or everything."""

    services: frozenset[str] = frozenset()
    paths: frozenset[str] = frozenset()
    everything: bool = False

    def selects(self, finding: Finding) -> bool:
        if self.everything or (finding.service is not None and finding.service in self.services):
            return True
        return any(finding.path == p or finding.path.startswith(p + "/") for p in self.paths)


def add_files_argument(parser: argparse.ArgumentParser) -> None:
    """The optional ``FILE…`` arguments of ``sre-docs lint`` (what pre-commit passes)."""
    parser.add_argument(
        "files", nargs="*", metavar="FILE",
        help="report only findings of these files and of the services they belong to, plus any finding the "
             "change introduced elsewhere compared with HEAD (the pre-commit hook passes the staged files); "
             "default: the whole repo",
    )


def repo_relative(file: str | os.PathLike[str], root: Path, cwd: Path | None = None) -> str | None:
    """``file`` as a POSIX path relative to ``root``, or None when it lies outside it.

    Relative paths (``file`` and ``root``) are taken from ``cwd``. The comparison is made on
    the paths as written first, then with symbolic links resolved (a temporary folder or a
    work tree reached through a link).
    """
    base = cwd or Path.cwd()
    absolute = Path(os.path.normpath(base / file))
    top = Path(os.path.normpath(base / root))
    for path, folder in ((absolute, top), (absolute.resolve(), top.resolve())):
        try:
            text = path.relative_to(folder).as_posix()
        except ValueError:
            continue
        return "" if text == "." else text
    return None


def selection_for(files: Iterable[str | os.PathLike[str]], root: Path, cwd: Path | None = None) -> Selection:
    """Map files (as given on the command line) to what they select."""
    services: set[str] = set()
    paths: set[str] = set()
    everything = False
    for file in files:
        relative = repo_relative(file, root, cwd)
        if relative is None:
            continue
        parts = relative.split("/") if relative else []
        if not parts or relative in CONFIG_FILES or parts == ["services"]:
            everything = True
        elif parts[0] == "services":
            services.add(parts[1])
        else:
            paths.add(relative)
    return Selection(frozenset(services), frozenset(paths), everything)


def only_files(findings: Sequence[Finding], files: Sequence[str], root: Path) -> list[Finding]:
    """The findings the given files select; all findings when no file is given."""
    if not files:
        return list(findings)
    chosen = selection_for(files, root)
    return [f for f in findings if chosen.selects(f)]
