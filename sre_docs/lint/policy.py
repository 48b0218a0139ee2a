"""What a policy is: a stable ID, a default level, options, documentation and a check.

A policy module (one per policy, in ``policies/`` or a configured extra folder) holds data
plus one generator, as yamllint's rules do::

    ID = "SLO003"                      # stable: configs, suppressions and baselines name it
    NAME = "slo-unknown-sli"           # short kebab-case name for people and SARIF
    LEVEL = "error"                    # default level; configuration may change it
    OPTIONS = {"...": Option(...)}     # optional; every option has a default
    READS = "service"                  # optional: what its findings depend on (see below)
    def check(repo, options): ...      # yields Problem

The module docstring is the policy's documentation page (see ``sre_docs.lint.policy_docs``).

``READS`` says what a policy's findings depend on, so that a change to one service re-runs
only what it can move (``sre_docs.lint.incremental``):

* ``"service"``: a finding about a service depends only on that service's own folder, on
  ``org/`` and on the incidents that name the service (with their postmortems), and a finding
  with no service depends on ``org/`` alone. Checking one service at a time gives the same
  findings as checking the whole repo at once;
* ``"organisation"`` (the default, so a policy that does not say is always run in full): the
  policy may read anything, such as other services' names or files.

A policy never decides how bad its problems are: the engine assigns the level from the
configuration. One policy (SLO001) has two grades of the same problem; it marks the milder
one with a ``hint``, which the engine honours only while the configuration leaves that
policy's level alone. An explicit ``level:`` in the config applies to every problem of the
policy.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property
from types import MappingProxyType, ModuleType
from typing import Any

from sre_docs.findings import Severity
from sre_docs.lint.deployed_rules import DeployedRules
from sre_docs.model.repository import Document, Repository
from sre_docs.yamltext.parse import DEFAULT_LIMITS, Limits

#: Policy and finding codes: two to five capitals and three digits (CAT001, YAML009).
CODE = re.compile(r"[A-Z]{2,5}[0-9]{3}\Z")
_NAME = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something a policy found: where it is and what is wrong, but not how bad it is."""

    path: str
    line: int
    column: int
    message: str
    service: str | None = None
    #: A milder (or harsher) grade of this policy's problem, used unless the config sets a level.
    hint: Severity | None = None


def problem(doc: Document, *path: Any, message: str, key: bool = False, hint: Severity | None = None) -> Problem:
    """A problem at ``path`` below ``doc``'s body (``key=True``: at the key, not the value)."""
    line, column = doc.locate(*path, key=key)
    return Problem(doc.path, line, column, message, doc.service, hint)


def problem_at_kind(doc: Document, message: str, hint: Severity | None = None) -> Problem:
    """A problem about the document as a whole, pinned to its kind key (``slo:``)."""
    return problem(doc, message=message, key=True, hint=hint)


OptionCheck = Callable[[Any], str | None]


@dataclass(frozen=True)
class Option:
    """One setting of a policy: its default, what it means, and the values it accepts.

    The type is the default's type (a float option also takes integers; a list option takes
    a list of items of the default's item type, strings if the default is empty).
    ``validate`` returns a complaint for a bad value, or None.
    """

    default: Any
    doc: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[Any, ...] | None = None
    validate: OptionCheck | None = None

    def problem_with(self, value: Any) -> str | None:
        """Why ``value`` is not acceptable for this option, or None when it is."""
        expected = _type_name(self.default)
        if not _same_type(self.default, value):
            return f"must be {expected}, got {_describe(value)}"
        items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else (value,)
        for item in items:
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                if self.minimum is not None and item < self.minimum:
                    return f"must be at least {self.minimum:g}, got {item!r}"
                if self.maximum is not None and item > self.maximum:
                    return f"must be at most {self.maximum:g}, got {item!r}"
            if self.choices is not None and item not in self.choices:
                return f"{item!r} is not one of: {', '.join(map(str, self.choices))}"
        if isinstance(value, dict) and isinstance(self.default, dict) and self.default:
            unknown = sorted(set(value) - set(self.default))
            if unknown:
                return f"unknown key {unknown[0]!r} (known: {', '.join(map(str, self.default))})"
        if self.validate is not None:
            return self.validate(value)
        return None


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        inner = _type_name(value[0]) if value else "text"
        return f"a list of {inner.removeprefix('a ')}s" if inner != "text" else "a list of texts"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float, str)):
        return repr(value)
    return "a mapping" if isinstance(value, dict) else "a list" if isinstance(value, list) else type(value).__name__


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, float):
        return _is_number(value) and value == value and value not in (float("inf"), float("-inf"))
    if isinstance(default, str):
        return isinstance(value, str)
    if isinstance(default, list):
        if not isinstance(value, list):
            return False
        sample = default[0] if default else ""
        return all(_same_type(sample, item) for item in value)
    if isinstance(default, dict):
        if not isinstance(value, dict):
            return False
        sample = next(iter(default.values()), "")
        return all(isinstance(k, str) and _same_type(sample, v) for k, v in value.items())
    return False


#: What a policy's findings depend on (``READS``): one service's documents, or anything.
SERVICE, ORGANISATION = "service", "organisation"
READS_SCOPES = (SERVICE, ORGANISATION)


class PolicyDefinitionError(Exception):
    """A policy module that does not have the shape of a policy."""


@dataclass(frozen=True)
class Policy:
    """A loaded policy: the module's data, ready for the engine, the docs and SARIF."""

    id: str
    name: str
    level: Severity
    options: Mapping[str, Option]
    check: Callable[[Any, Mapping[str, Any]], Iterable[Problem]]
    doc: str
    module: str
    origin: str = "built-in"
    #: ``"service"`` or ``"organisation"``; see the module docstring.
    reads: str = ORGANISATION

    @property
    def summary(self) -> str:
        """The first line of the documentation: what the policy checks, in one sentence."""
        return self.doc.strip().splitlines()[0].strip() if self.doc.strip() else self.name

    def default_options(self) -> dict[str, Any]:
        return {name: option.default for name, option in self.options.items()}

    @classmethod
    def from_module(cls, module: ModuleType, *, origin: str = "built-in") -> Policy:
        """Read a policy module, refusing anything that would break the engine later."""
        where = getattr(module, "__file__", None) or module.__name__
        policy_id = getattr(module, "ID", None)
        if not isinstance(policy_id, str) or not CODE.match(policy_id):
            raise PolicyDefinitionError(f"{where}: ID must be a code like 'ABC123', got {policy_id!r}")
        name = getattr(module, "NAME", None)
        if not isinstance(name, str) or not _NAME.match(name):
            raise PolicyDefinitionError(f"{where}: NAME must be kebab-case text like 'slo-unknown-sli', got {name!r}")
        try:
            level = Severity.parse(getattr(module, "LEVEL", "error"))
        except (ValueError, AttributeError) as exc:
            raise PolicyDefinitionError(f"{where}: LEVEL: {exc}") from None
        options = getattr(module, "OPTIONS", {})
        if not isinstance(options, Mapping) or not all(
            isinstance(k, str) and isinstance(v, Option) for k, v in options.items()
        ):
            raise PolicyDefinitionError(f"{where}: OPTIONS must map option names to sre_docs.lint.policy.Option")
        for option_name, option in options.items():
            complaint = option.problem_with(option.default)
            if complaint:
                raise PolicyDefinitionError(f"{where}: option {option_name} has a bad default: {complaint}")
        check = getattr(module, "check", None)
        if not callable(check):
            raise PolicyDefinitionError(f"{where}: a policy needs a check(repo, options) function")
        reads = getattr(module, "READS", ORGANISATION)
        if reads not in READS_SCOPES:
            raise PolicyDefinitionError(f"{where}: READS must be one of {', '.join(map(repr, READS_SCOPES))}, got {reads!r}")
        return cls(
            id=policy_id, name=name, level=level, options=MappingProxyType(dict(options)), check=check,
            doc=module.__doc__ or "", module=module.__name__, origin=origin, reads=reads,
        )


class FileHistory:
    """When each file last changed, from one ``git log`` pass (see ``sre_docs.loading.git_changes``)."""

    def __init__(self, load: Callable[[], Mapping[str, dt.date]] | None = None) -> None:
        self._load = load
        self._dates: Mapping[str, dt.date] | None = None

    def last_changed(self, path: str) -> dt.date | None:
        """The date ``path`` (repo-relative to the lint root) last changed, or None if git cannot say."""
        if self._load is None:
            return None
        if self._dates is None:
            self._dates = self._load()
        return self._dates.get(path)

    def dates(self) -> Mapping[str, dt.date] | None:
        """Every file's date (read once), or None when git is not asked."""
        if self._load is None:
            return None
        if self._dates is None:
            self._dates = self._load()
        return self._dates


@dataclass(eq=False)
class LintRepo(Repository):
    """The repository as policies see it: the model plus the facts of this run.

    ``today`` is injectable (config ``today:`` or env ``SRE_DOCS_TODAY``) so that date-based
    policies give the same answer in tests and in CI. ``history`` knows file dates from git.
    """

    today: dt.date = field(default_factory=dt.date.today)
    history: FileHistory = field(default_factory=FileHistory)
    limits: Limits = DEFAULT_LIMITS
    #: The files' bytes when the repo was read from somewhere other than the disk (a commit's blobs,
    #: for ``sre-docs diff``): suppressions and comments are then read from these, never from the work tree.
    files: Mapping[str, bytes] | None = None
    #: The alerting rules of the deployed Prometheus rule files (``prometheus.rule_files``, ``--rules``),
    #: read by the engine before the policies run; None until then.
    deployed: DeployedRules | None = None

    @classmethod
    def wrap(
        cls, repo: Repository, *, today: dt.date, history: FileHistory | None = None, limits: Limits = DEFAULT_LIMITS,
        files: Mapping[str, bytes] | None = None,
    ) -> LintRepo:
        values = {f.name: getattr(repo, f.name) for f in fields(Repository) if f.init}
        return cls(**values, today=today, history=history or FileHistory(), limits=limits, files=files)

    @cached_property
    def _texts(self) -> dict[str, str | None]:
        return {}

    def source_bytes(self, path: str) -> bytes | None:
        """The bytes of a repo file, or None unless it is a regular file within the size limit.

        Findings can point at symbolic links, FIFOs or oversized files (REPO001, REPO002,
        YAML006); those are never opened, so reading for comments cannot escape the repo,
        block, or exhaust memory.
        """
        if self.files is not None:
            data = self.files.get(path)
            return data if data is not None and len(data) <= self.limits.max_file_bytes else None
        target = self.root / path
        try:
            info = os.lstat(target)
            if not stat.S_ISREG(info.st_mode) or info.st_size > self.limits.max_file_bytes:
                return None
            descriptor = os.open(target, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(descriptor, "rb") as handle:
                data = handle.read(self.limits.max_file_bytes + 1)
        except OSError:
            return None
        return data if len(data) <= self.limits.max_file_bytes else None

    def source_text(self, path: str) -> str | None:
        """The raw text of a repo file (for comments and positions inside multi-line values), cached."""
        cache = self._texts
        if path not in cache:
            data = self.source_bytes(path)
            try:
                text = data.decode("utf-8") if data is not None else None
            except UnicodeDecodeError:
                text = None
            cache[path] = text[1:] if text and text.startswith("\ufeff") else text
        return cache[path]
