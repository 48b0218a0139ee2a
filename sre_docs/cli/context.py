"""What the workflow commands share: ``--root``, loading, the clock, writing, checking.

Writes go through :mod:`sre_docs.yamltext.safe_write` (atomic, no overwrite without ``--force``,
surgical edits verified by re-parsing). After writing, the repo is checked again and any
finding in the files just written is printed, so a command never leaves a lint failure
behind silently.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any
from collections.abc import Iterable

from sre_docs.model.slo_budgets import evaluation_instant
from sre_docs.lint.config import ConfigError, load_config, repo_today
from sre_docs.lint.engine import lint
from sre_docs.findings import Finding
from sre_docs.loading.loader import discover, load_file
from sre_docs.yamltext.parse import DEFAULT_LIMITS
from sre_docs.model.repository import Repository, build_repository
from sre_docs.loading.loader import check_document_text
from sre_docs.yamltext.safe_write import create_file, edit_file, locked, render
from sre_docs.workflows.common import UTC, WorkflowError, parse_instant
from sre_docs.cli.output import Progress
# The parser helpers and the workflow wrapper live in the light ``args`` module; kept importable from here.
from sre_docs.cli.args import add_as_of, add_force, add_json, add_root, workflow  # noqa: F401 -- re-exported for the command modules


def now(args: argparse.Namespace) -> dt.datetime:
    """``--as-of``/``--at`` when given, else the repository's day at the wall clock's time of day (UTC, whole seconds).

    One "today" for every command: when ``today:`` (or ``$SRE_DOCS_TODAY``) pins the day, an incident declared or a
    handoff written "now" is dated that day, like every figure the other commands show; unpinned, this is simply the
    current time.
    """
    text = getattr(args, "as_of", None)
    if text:
        return parse_instant(text, what=getattr(args, "time_flag", "--as-of"))
    wall = dt.datetime.now(UTC).replace(microsecond=0)
    return dt.datetime.combine(today(args), wall.timetz())


def today(args: argparse.Namespace) -> dt.date:
    """The repository's day (``$SRE_DOCS_TODAY``, ``today:`` in sre-docs.yaml, the real date)."""
    from sre_docs.cli import UsageError

    try:
        return repo_today(Path(getattr(args, "root", None) or "."))
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def budget_as_of(args: argparse.Namespace) -> dt.datetime:
    """When error budgets are evaluated: ``--as-of`` when given, else the start of the repository's day.

    00:00 UTC of "today" is the end of the last complete day (see :mod:`sre_docs.model.slo_budgets`),
    the instant ``sre-docs lint`` (BUD001, CHS002), the handbook and the scorecards use too.
    """
    if getattr(args, "as_of", None):
        return now(args)
    return evaluation_instant(today(args))


def policy_options(root: Path, code: str) -> dict[str, Any]:
    """A policy's options as the repo configures them (its defaults when the configuration is broken)."""
    try:
        return load_config(root, custom_policies=False).options(code)
    except ConfigError:
        return {}


def load(root: Path) -> Repository:
    """Load the repo, with a progress line on a TTY when it takes a while."""
    limits = DEFAULT_LIMITS
    try:
        limits = load_config(root, custom_policies=False).limits
    except ConfigError:
        pass  # `sre-docs lint` reports a broken configuration; the workflows read with the defaults
    sources, findings, service_dirs = discover(root)
    loaded = []
    with Progress("loading the reliability repo", total=len(sources)) as progress:
        for source in sources:
            loaded.append(load_file(root, source, limits))
            progress.advance()
    return build_repository(root, loaded, findings, service_dirs)


# --- writing ------------------------------------------------------------------------------------------


def checked_target(root: Path, path: str, service: str | None) -> Path:
    """``root / path`` once it is sure to stay in the repo: under ``services/<service>/`` or ``org/``,
    with no ``..`` and no symbolic link on the way (a committed link to a folder elsewhere
    would otherwise carry the write out of the repo, or into ``.github/``)."""
    parts = path.split("/")
    home = ["services", service] if service is not None else ["org"]
    if (path.startswith("/") or any(part in ("", ".", "..") for part in parts)
            or parts[:len(home)] != home or len(parts) <= len(home)):
        raise WorkflowError(f"refusing to write {path!r}: sre-docs writes documents only inside "
                            f"{'services/' + service + '/' if service else 'org/'} (of services/<service>/ and org/)")
    current = Path(root)
    for part in parts:
        current = current / part
        if current.is_symlink():
            raise WorkflowError(f"refusing to write {path}: {current.relative_to(root).as_posix()} is a symbolic link")
    return Path(root) / path


def checked_path(root: Path, path: str) -> Path:
    """``checked_target`` for a path whose service folder (if any) is its own second part."""
    parts = path.split("/")
    service = parts[1] if len(parts) > 2 and parts[0] == "services" else None
    return checked_target(root, path, service)


def write_document(root: Path, *, path: str, service: str | None, content: Any, mode: str = "create",
                   index: int = 0, force: bool = False) -> bool:
    """Render, check and write a new document: a new file, appended to a file, or replacing a document."""
    target = checked_target(root, path, service)
    text = render(content)
    check = check_document_text(text, path, service)
    if check.errors:
        first = check.errors[0]
        raise WorkflowError(f"the new document would not validate ({first.code} {first.message}); nothing was written")
    from sre_docs.yamltext.parse import parse_text

    value = parse_text(text, path).documents[0].value
    if mode == "create":
        return create_file(target, text, force=force, display=path)
    with edit_file(target, display=path) as editor:
        if mode == "append":
            editor.append_document(text, value)
        else:
            editor.replace_document(index, text, value)
    return True


def incident_id_lock(root: Path):
    """The repo-wide lock under which an incident id is chosen and its file created.

    Incident files live in each service's folder, but ids are unique across the repo, so
    the lock is one for all of them (``services/.incident-ids.lock`` while held).
    """
    return locked(Path(root) / "services" / "incident-ids")


def apply_edits(root: Path, path: str, edits: Iterable[Any], *, doc: int = 0) -> bool:
    """Apply ``workflows.incidents.Edit``-style edits to one document of one file, atomically."""
    session = edit_file(checked_path(root, path), display=path)
    with session as editor:
        for edit in edits:
            if edit.op == "set":
                editor.set(edit.path, edit.value, doc=doc)
            elif edit.op == "upsert":
                editor.upsert(edit.path, edit.key, edit.value, doc=doc)
            elif edit.op == "append":
                editor.append(edit.path, edit.value, doc=doc)
            else:  # pragma: no cover - workflows only build these three
                raise WorkflowError(f"unknown edit {edit.op!r}")
    return session.written


def findings_in(root: Path, paths: Iterable[str]) -> list[Finding]:
    """Findings of the whole repo that point into ``paths`` (after a write).

    Uses the policy engine when it is installed, else the loader's schema findings.
    """
    wanted = set(paths)
    findings = _engine_findings(root)
    return sorted((f for f in findings if f.path in wanted), key=lambda f: f.sort_key)


def _engine_findings(root: Path) -> list[Finding]:
    """The built-in policies' findings with the repo's configuration (git dates not consulted).

    The repo's own policy modules (``policy_paths``) run only for ``sre-docs lint`` and the
    site build, never for a workflow command."""
    try:
        config = load_config(root, custom_policies=False)
    except ConfigError as exc:
        print(f"sre-docs: note: {exc}; checking the schemas only", file=sys.stderr)
        return list(load(root).findings)
    try:
        with Progress("checking the repo"):
            return list(lint(root, config, use_git=False).findings)
    except Exception as exc:  # noqa: BLE001 -- a broken policy must not hide that the write succeeded
        print(f"sre-docs: note: the policy check failed ({exc}); checking the schemas only", file=sys.stderr)
        return list(load(root).findings)


def report_written(root: Path, paths: list[str], *, todo: Iterable[str] = (), out=None) -> int:
    """Print what still needs filling in and any finding in the written files; always 0.

    The command did what it was asked: the file is written. Findings on it are warnings to act on
    (``sre-docs lint`` is the gate that fails on them), not a failure of the command, so a script that
    checks the exit code never retries a write that already happened.
    """
    out = out or sys.stdout
    grouped: dict[str, dict[str, int]] = {}
    for item in todo:
        path, _, field = item.partition(": ")
        top = ".".join(field.split(".")[:2]).split("[")[0]
        grouped.setdefault(path, {}).setdefault(top, 0)
        grouped[path][top] += 1
    for path, fields in grouped.items():
        print(f"Still to fill in ({path}):", file=out)
        listed = [name + (f" ({count})" if count > 1 else "") for name, count in fields.items()]
        print("  " + ", ".join(listed), file=out)
    findings = findings_in(root, paths)
    if findings:
        print("warning: findings in the written files (`sre-docs lint` fails on the errors until they are fixed):", file=out)
        for f in findings:
            print(f"  {f.path}:{f.line}:{f.column}: {f.severity.value} {f.code} {f.message}", file=out)
    return 0
