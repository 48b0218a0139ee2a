"""The Prometheus rule files a repo's teams deploy, read for the lint checks of every deployed alert.

The guide's rule is that every alert has a runbook. Alerts copied into the repo as ``alert``
documents are checked by ALR001; the rules Prometheus actually loads often live elsewhere (a
``deploy/`` folder, a Helm chart) and drift. A repo names them with ``prometheus.rule_files``
globs in ``sre-docs.yaml``, and ``sre-docs lint --rules FILE...`` adds files for one run. Each
alerting rule found must then either carry a ``runbook_url`` that resolves to a runbook page of
the handbook (ALR011) or match an ``alert`` document of the repo (ALR010); a file that cannot be
read as a rule file is ALR012.

The files come from outside the repo's own documents and may be anything: they are read with
the project's hostile-input YAML parser (every finding keeps the file's line and column),
no symbolic link is followed, and nothing in them can make the linter raise.

Which URL counts as a runbook page is decided by the handbook's own page plan
(:func:`sre_docs.model.page_paths.plan_pages`) and the site's ``site_url``, in any of the forms a
person writes: ``https://sre.example.com/services/checkout/runbooks/high-error-rate/``, the same
path from the site root (``/services/...``, or below the site's own path), or relative to the root
(``services/checkout/runbooks/high-error-rate/``), with or without the trailing slash, as
``.../index.html`` or, without ``use_directory_urls``, ``....html``. A path from the root must
include the site's own path (``/handbook/services/...`` for a site at ``https://x/handbook/``),
since that is where a browser would go.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sre_docs.findings import Severity
from sre_docs.loading.site_settings import SiteSettings
from sre_docs.model.page_paths import page_url, plan_pages
from sre_docs.model.repository import Document, Repository
from sre_docs.yamltext.parse import DEFAULT_LIMITS, Limits, parse_bytes

#: Folders never searched for rule files: version control, virtual environments, built sites.
_SKIPPED = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", "site"})
_WILDCARD = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class DeployedAlert:
    """One alerting rule of a deployed rule file, with where its ``alert:`` value sits."""

    path: str
    line: int
    column: int
    name: str
    labels: tuple[tuple[str, str], ...]
    annotations: tuple[tuple[str, str], ...]

    def label(self, name: str) -> str | None:
        return dict(self.labels).get(name)

    def annotation(self, name: str) -> str | None:
        return dict(self.annotations).get(name)


@dataclass(frozen=True)
class RuleFileProblem:
    """A rule file (or a glob) that gives no rules to check, and why."""

    path: str
    line: int
    column: int
    message: str


@dataclass
class DeployedRules:
    """Every alerting rule of the deployed rule files, and the problems reading them."""

    alerts: list[DeployedAlert] = field(default_factory=list)
    problems: list[RuleFileProblem] = field(default_factory=list)
    site: SiteSettings = field(default_factory=lambda: SiteSettings(None))
    files: int = 0


def _display(path: Path, root: Path) -> str:
    """The path from the repo root when inside it, else as given; a link is named, not its target."""
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return path.as_posix()


def matching_files(root: Path, pattern: str, glob: re.Pattern[str]) -> list[Path]:
    """Regular files below ``root`` whose repo-relative path matches ``glob``; links are not followed.

    The walk starts at the pattern's literal folder (``deploy/prometheus`` for
    ``deploy/prometheus/*.yaml``), so a narrow glob never walks the whole repo.
    """
    parts = pattern.split("/")
    literal = []
    for part in parts[:-1]:
        if _WILDCARD.search(part):
            break
        literal.append(part)
    start = root.joinpath(*literal) if literal else root
    found: list[Path] = []
    if not start.is_dir() or start.is_symlink():
        return found
    for folder, dirs, files in os.walk(start, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED and not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            if glob.match(relative) and not path.is_symlink():
                found.append(path)
    return found


def _read(path: Path, shown: str, limits: Limits) -> tuple[bytes | None, str | None]:
    """The file's bytes, or why it cannot be read (not a regular file, too large, unreadable)."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        return None, f"cannot read {shown}: {exc.strerror or exc}"
    if not stat.S_ISREG(info.st_mode):
        return None, f"{shown} is not a regular file (symbolic links and devices are not followed)"
    if info.st_size > limits.max_file_bytes:
        return None, f"{shown} is {info.st_size} bytes, over the {limits.max_file_bytes}-byte limit"
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)
    except OSError as exc:
        return None, f"cannot read {shown}: {exc.strerror or exc}"
    return data, None


def _strings(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        return ()
    return tuple((str(k), str(v)) for k, v in value.items() if v is not None and not isinstance(v, (dict, list)))


def parse_rule_file(data: bytes, shown: str, limits: Limits = DEFAULT_LIMITS) -> tuple[list[DeployedAlert],
                                                                                        list[RuleFileProblem]]:
    """The alerting rules of one rule file's bytes, and what keeps parts of it from being read."""
    parsed = parse_bytes(data, shown, limits)
    problems = [RuleFileProblem(f.path, f.line, f.column, f"not a readable rule file: {f.message}")
                for f in parsed.findings if f.severity is Severity.ERROR]
    alerts: list[DeployedAlert] = []
    if problems:
        return alerts, problems
    for doc in parsed.documents:
        if doc.value is None:
            continue  # an empty document, as `---` at the end of a file leaves
        groups = doc.value.get("groups") if isinstance(doc.value, dict) else None
        if not isinstance(groups, list):
            line, column = doc.locate(())
            problems.append(RuleFileProblem(shown, line, column,
                                            "not a Prometheus rule file: expected groups: [{name, rules: [...]}]"))
            continue
        for g, group in enumerate(groups):
            rules = group.get("rules") if isinstance(group, dict) else None
            if not isinstance(rules, list):
                line, column = doc.locate(("groups", g))
                problems.append(RuleFileProblem(shown, line, column, "a rule group needs a list of rules"))
                continue
            for r, rule in enumerate(rules):
                where = ("groups", g, "rules", r)
                if not isinstance(rule, dict) or "record" in rule:
                    continue  # recording rules page no one; Prometheus itself refuses malformed ones
                name = rule.get("alert")
                if not isinstance(name, str) or not name.strip():
                    if "alert" in rule:
                        line, column = doc.locate(where + ("alert",))
                        problems.append(RuleFileProblem(shown, line, column, f"alert name {name!r} is not text"))
                    continue
                line, column = doc.locate(where + ("alert",))
                alerts.append(DeployedAlert(shown, line, column, name, _strings(rule.get("labels")),
                                            _strings(rule.get("annotations"))))
    return alerts, problems


def read_deployed(root: Path, globs: tuple[Any, ...], extra: tuple[Path, ...] = (), *,
                  site: SiteSettings | None = None, limits: Limits = DEFAULT_LIMITS) -> DeployedRules:
    """Read the rule files of ``prometheus.rule_files`` globs (config.RuleGlob) and of ``--rules``.

    A glob that matches no file is a problem at its place in the config: a rename of the
    deploy folder would otherwise switch the check off without a word.
    """
    from sre_docs.lint.config import glob_regex

    deployed = DeployedRules(site=site or SiteSettings(None))
    paths: dict[str, Path] = {}
    for rule_glob in globs:
        found = matching_files(root, rule_glob.pattern, glob_regex(rule_glob.pattern))
        if not found:
            deployed.problems.append(RuleFileProblem(
                rule_glob.file, rule_glob.line, rule_glob.column,
                f"prometheus.rule_files glob {rule_glob.pattern!r} matches no file, so no deployed alert is checked"))
        for path in found:
            paths.setdefault(_display(path, root), path)
    for path in extra:
        paths.setdefault(_display(path, root), path)
    for shown, path in sorted(paths.items()):
        data, why = _read(path, shown, limits)
        if data is None:
            deployed.problems.append(RuleFileProblem(shown, 1, 1, why or f"cannot read {shown}"))
            continue
        deployed.files += 1
        alerts, problems = parse_rule_file(data, shown, limits)
        deployed.alerts.extend(alerts)
        deployed.problems.extend(problems)
    return deployed


# --- runbook URLs ---------------------------------------------------------------------------------


def runbook_pages(repo: Repository, site: SiteSettings) -> set[str]:
    """The URL paths (from the site root, no leading slash) of every runbook page the handbook builds."""
    plan = plan_pages(repo)
    pages = set()
    for service in repo.services.values():
        for runbook in service.runbooks:
            src = plan.page_of(runbook)
            if src is not None:
                pages.add(page_url(src, directory_urls=site.directory_urls))
    return pages


def runbook_at(repo: Repository, site: SiteSettings, url: str) -> Document | None:
    """The runbook document whose handbook page ``url`` points at, if any (for ``import prometheus``)."""
    plan = plan_pages(repo)
    for service in repo.services.values():
        for runbook in service.runbooks:
            src = plan.page_of(runbook)
            if src is not None and resolves_to_runbook(url, {page_url(src, directory_urls=site.directory_urls)}, site):
                return runbook
    return None


def _normal(path: str) -> str:
    """A page path in one form: no leading slash, no ``index.html``, a trailing slash on folders."""
    path = path.lstrip("/")
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path


def _forms(page: str) -> set[str]:
    return {page, page.rstrip("/")} if page.endswith("/") else {page}


def resolves_to_runbook(url: str, pages: set[str], site: SiteSettings) -> bool:
    """Whether ``url`` points at one of ``pages`` (see the module docstring for the accepted forms).

    With a ``site_url``, an absolute URL must start with it. Without one, the host is unknown,
    so an absolute URL (or a path from the root) resolves when its path ends with a runbook
    page's path.
    """
    text = url.strip()
    if not text or any(c.isspace() for c in text):
        return False
    parts = urlsplit(text)
    accepted = set().union(*(_forms(p) for p in pages)) if pages else set()
    base = urlsplit(site.site_url) if site.site_url else None
    base_path = (base.path if base else "").strip("/")
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https"):
            return False
        if base is not None:
            if (parts.scheme, parts.netloc.lower()) != (base.scheme, base.netloc.lower()):
                return False
            rest = parts.path.strip("/")
            if base_path:
                if not (rest == base_path or rest.startswith(base_path + "/")):
                    return False
                rest = rest[len(base_path):]
            return _normal(rest + ("/" if parts.path.endswith("/") else "")) in accepted
        return _suffix_match(parts.path, accepted)
    path = parts.path
    if path.startswith("/"):
        if base is not None:
            rest = path.strip("/")
            if base_path:
                if not (rest == base_path or rest.startswith(base_path + "/")):
                    return False
                rest = rest[len(base_path):]
            return _normal(rest.strip("/") + ("/" if path.endswith("/") else "")) in accepted
        return _suffix_match(path, accepted)
    return _normal(path) in accepted


def _suffix_match(path: str, accepted: set[str]) -> bool:
    """A path from an unknown site root: it ends with a runbook page's path, at a folder boundary."""
    normal = _normal(path)
    return any(normal == page or normal.endswith("/" + page) for page in accepted if page)


# --- the verdict on each deployed alert -------------------------------------------------------------


@dataclass(frozen=True)
class AlertVerdict:
    """What one deployed alert lacks: ``missing`` (no runbook_url, no alert document) or ``unresolved``
    (a runbook_url that is not a runbook page, and no alert document); ``service`` is the repo service
    its labels name, if any."""

    alert: DeployedAlert
    problem: str
    service: str | None
    service_label: str | None


def service_label(alert: DeployedAlert) -> str | None:
    """The service a rule's labels name: ``sre_docs_service`` (sre-docs' export), else ``service``."""
    return alert.label("sre_docs_service") or alert.label("service")


def verdicts(repo: Repository, deployed: DeployedRules) -> list[AlertVerdict]:
    """Every deployed alert without a runbook: no alert document of its name (in its labelled
    service, when it has a service label) and no ``runbook_url`` that resolves to a runbook page."""
    names: dict[str, set[str]] = {}
    for service in repo.services.values():
        for doc in service.alerts:
            name = doc.get("name")
            if isinstance(name, str):
                names.setdefault(name, set()).add(service.name)
    pages: set[str] | None = None
    found = []
    for alert in deployed.alerts:
        label = service_label(alert)
        services = names.get(alert.name, set())
        if (label in services) if label else bool(services):
            continue
        known = label if label in repo.services else None
        url = alert.annotation("runbook_url")
        if url is None or not url.strip():
            found.append(AlertVerdict(alert, "missing", known, label))
            continue
        if pages is None:
            pages = runbook_pages(repo, deployed.site)
        if not resolves_to_runbook(url, pages, deployed.site):
            found.append(AlertVerdict(alert, "unresolved", known, label))
    return found


def no_document_words(verdict: AlertVerdict) -> str:
    """How a verdict says that no alert document matched (with the service when the labels name one)."""
    where = f" in services/{verdict.service_label}/" if verdict.service_label else ""
    return f"no alert document{where} is named {verdict.alert.name!r}"
