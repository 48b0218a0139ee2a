"""The lint configuration: one ``sre-docs.yaml`` at the repository root.

Read with the same hostile-input parser as the documents, and checked completely before
anything runs: a bad config stops the run with exit code 2 and one line,
``invalid config: <file>:<line>:<col>: <what>``. Example::

    extends: strict                  # or default, or a relative file; or a list of them
    fail_on: error                   # lowest level that fails the run (CLI --fail-on wins)
    today: 2026-11-20                # pin "today" for date-based policies (env SRE_DOCS_TODAY wins)
    policy_paths: [ci/policies]      # folders of the organisation's own policy modules
    limits: {max_file_bytes: 1048576, max_depth: 64, max_alias_nodes: 10000, max_findings_per_file: 100}
    paths: {exclude: ["services/legacy-*/**"]}
    services: {include: ["*"], exclude: [sandbox]}
    prometheus: {url: "https://prom.example.com/", timeout: 30, headers: {Authorization: PROM_AUTH},
                 rule_files: ["deploy/prometheus/*.rules.yaml"]}   # deployed rules that lint checks
    policies:
      RBK001: {options: {max_age_days: 60}}
      PM005: {level: error}
      CAP001: {enabled: false}
      SLO005: {services: {exclude: [internal-*]}}

Layers named by ``extends`` are read first and the file's own settings win over them. A
policy's ``level`` set anywhere in the chain applies to every problem of that policy. Each
file is read once, at most ``MAX_LAYERS`` layers in all, and ``extends`` and ``policy_paths``
stay inside the repository unless ``SRE_DOCS_CONFIG_OUTSIDE_REPO=1`` is set where sre-docs
runs (the repo's contents cannot set it).
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from sre_docs.lint.catalog import Catalog, builtin_policies, load_policy_directory
from sre_docs.findings import Severity
from sre_docs.yamltext.parse import DEFAULT_LIMITS, Limits, ParsedDocument, parse_bytes
from sre_docs.lint.policy import PolicyDefinitionError
from sre_docs.schemas.types import parse_date

CONFIG_FILE = "sre-docs.yaml"
TODAY_ENV = "SRE_DOCS_TODAY"
_MAX_EXTENDS_DEPTH = 10
#: Layers an ``extends`` chain may name in all (each file counts once).
MAX_LAYERS = 64
#: Set to 1 by whoever runs sre-docs to let ``extends`` and ``policy_paths`` leave the repo.
OUTSIDE_ENV = "SRE_DOCS_CONFIG_OUTSIDE_REPO"

PRESETS: dict[str, str] = {
    # Every policy on, at its default level and options.
    "default": "{}\n",
    # For repos that want the gate to hold the line: warnings fail, drafts of policy
    # thresholds are tighter, suppressions must stay in use.
    "strict": """\
fail_on: warning
policies:
  PM005: {level: error}
  SUP003: {level: error}
  YAML009: {level: error}
  DOC003: {level: error}
  RBK001: {options: {max_age_days: 60}}
  SLO001: {options: {min_buffer_points: 0.2}}
  CAP001: {options: {min_headroom_pct: 30.0}}
""",
}

# ``scorecard`` is read by sre_docs.scorecard.rules (evidence rules); accepted here so one file holds both.
_TOP_KEYS = ("extends", "fail_on", "today", "policy_paths", "limits", "paths", "services", "policies", "scorecard",
             "prometheus")
_PROMETHEUS_KEYS = ("url", "timeout", "headers", "tls_verify", "rule_files")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+\Z")
_POLICY_KEYS = ("enabled", "level", "options", "paths", "services")
_SCOPE_KEYS = ("include", "exclude")
_LIMIT_KEYS = ("max_file_bytes", "max_depth", "max_alias_nodes", "max_findings_per_file")
#: The most each limit may be raised to: beyond these a hostile file costs gigabytes of memory
#: or overflows Python's stack (nesting), whatever the repo's own files need.
_LIMIT_MAXIMA = {"max_file_bytes": 64 * 1024 * 1024, "max_depth": 200, "max_alias_nodes": 1_000_000,
                 "max_findings_per_file": 10_000}


class ConfigError(Exception):
    """The configuration is unusable; ``str()`` is the one line the CLI prints."""

    def __init__(self, file: str, line: int, column: int, what: str) -> None:
        super().__init__(f"invalid config: {file}:{line}:{column}: {what}")
        self.file, self.line, self.column, self.what = file, line, column, what


# --- scopes ----------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """Compile a path glob: ``*`` and ``?`` stay inside one folder, ``**`` crosses folders.

    ``services/*/slos.yaml`` matches one level; ``services/**`` everything below;
    ``**/runbooks/*.yaml`` runbooks at any depth; ``[ab]`` is a character class.
    """
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = pattern.find("]", index + 2)
            if end == -1:
                out.append(re.escape(char))
            else:
                body = pattern[index + 1:end].replace("\\", "\\\\")
                out.append("[^" + body[1:] + "]" if body.startswith("!") else "[" + body + "]")
                index = end
        else:
            out.append(re.escape(char))
        index += 1
    return re.compile("".join(out) + r"\Z")


@dataclass(frozen=True)
class Scope:
    """Glob include/exclude lists; an empty include list means everything."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def allows(self, value: str | None) -> bool:
        """Whether ``value`` is in scope. ``None`` (a finding outside any service) passes
        unless the scope has an include list."""
        if value is None:
            return not self.include
        if self.include and not any(glob_regex(p).match(value) for p in self.include):
            return False
        return not any(glob_regex(p).match(value) for p in self.exclude)


EVERYTHING = Scope()


# --- the result --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PolicySettings:
    enabled: bool = True
    level: Severity | None = None  # None: the policy's default (or its problem's hint)
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    paths: Scope = EVERYTHING
    services: Scope = EVERYTHING


_DEFAULT_SETTINGS = PolicySettings()


@dataclass(frozen=True)
class HeaderSetting:
    """An HTTP header whose value is read from an environment variable (never written in the repo)."""

    name: str
    env: str
    where: str  # "<file>:<line>:<col>" of the setting, for the error when the variable is unset


@dataclass(frozen=True)
class RuleGlob:
    """A glob of deployed Prometheus rule files, relative to the repo root, and where the config names it."""

    pattern: str
    file: str
    line: int
    column: int


@dataclass(frozen=True)
class PrometheusSettings:
    """``prometheus:`` in sre-docs.yaml: where ``sre-docs pull prometheus`` asks for measurements, and
    the rule files the teams deploy (``rule_files``), whose alerts ``sre-docs lint`` checks."""

    url: str | None = None
    timeout: float = 30.0
    headers: tuple[HeaderSetting, ...] = ()
    tls_verify: bool = True
    rule_files: tuple[RuleGlob, ...] = ()


@dataclass(frozen=True)
class Config:
    """The effective configuration after ``extends`` layers are merged."""

    file: str | None
    catalog: Catalog
    fail_on: Severity = Severity.ERROR
    today: dt.date | None = None
    limits: Limits = DEFAULT_LIMITS
    paths: Scope = EVERYTHING
    services: Scope = EVERYTHING
    policy_paths: tuple[Path, ...] = ()
    settings: Mapping[str, PolicySettings] = field(default_factory=lambda: MappingProxyType({}))
    prometheus: PrometheusSettings = PrometheusSettings()

    def for_code(self, code: str) -> PolicySettings:
        return self.settings.get(code, _DEFAULT_SETTINGS)

    def enabled(self, code: str) -> bool:
        return self.for_code(code).enabled

    def level(self, code: str, hint: Severity | None = None) -> Severity:
        """Configured level, else the problem's hint, else the code's default level."""
        configured = self.for_code(code).level
        if configured is not None:
            return configured
        if hint is not None:
            return hint
        return self.catalog.default_level(code) or Severity.ERROR

    def options(self, code: str) -> dict[str, Any]:
        policy = self.catalog.policies[code]
        return {**policy.default_options(), **self.for_code(code).options}

    def in_scope(self, code: str, path: str, service: str | None) -> bool:
        settings = self.for_code(code)
        return (
            self.paths.allows(path) and self.services.allows(service)
            and settings.paths.allows(path) and settings.services.allows(service)
        )


# --- reading ---------------------------------------------------------------------------------


@dataclass
class _Layer:
    file: str
    folder: Path | None
    doc: ParsedDocument | None
    data: dict[str, Any]

    def error(self, path: tuple[Any, ...], what: str, *, key: bool = False) -> ConfigError:
        line, column = self.doc.locate(path, key=key) if self.doc else (1, 1)
        return ConfigError(self.file, line, column, what)


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _read(path: Path, shown: str, limits: Limits = DEFAULT_LIMITS) -> _Layer:
    """Read one config file: a regular file within the size limit, never a FIFO or a device."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ConfigError(shown, 1, 1, f"cannot be read: {exc.strerror or exc}") from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise ConfigError(shown, 1, 1, "is not a regular file; the config must be a YAML file")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(limits.max_file_bytes + 1)
    except OSError as exc:
        raise ConfigError(shown, 1, 1, f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(descriptor)
    return _parse(data, shown, path.parent, limits)


def _parse(data: bytes, shown: str, folder: Path | None, limits: Limits = DEFAULT_LIMITS) -> _Layer:
    result = parse_bytes(data, shown, limits)
    if result.findings:
        first = min(result.findings, key=lambda f: (f.line, f.column))
        raise ConfigError(shown, first.line, first.column, first.message)
    if len(result.documents) > 1:
        second = result.documents[1]
        line, column = second.locate(())
        raise ConfigError(shown, line, column, "the config holds one YAML document; remove the '---' separator")
    doc = result.documents[0] if result.documents else None
    value = doc.value if doc else None
    if value is None:
        return _Layer(shown, folder, doc, {})
    if not isinstance(value, dict):
        raise ConfigError(shown, 1, 1, "the config must be a mapping of settings")
    layer = _Layer(shown, folder, doc, value)
    for key in value:
        if key not in _TOP_KEYS:
            raise layer.error((key,), f"unknown setting {key!r}{_suggest(key, _TOP_KEYS)}", key=True)
    return layer


def _suggest(word: Any, choices: Any) -> str:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


@dataclass
class _Walk:
    """The state of one walk through ``extends``: files read so far, where layers may come from."""

    root: Path
    allowed: tuple[Path, ...]
    read: dict[str, _Layer] = field(default_factory=dict)
    layers: int = 0


def _layers(layer: _Layer, walk: _Walk, chain: tuple[str, ...]) -> list[_Layer]:
    """The layers ``layer`` extends (depth first, in order), then ``layer`` itself.

    Each file is read once, and a layer that several others extend appears once, at its
    first place: a fan-out of configs that each extend the next several stays linear (it
    used to re-read every path, 12 wide and 5 deep took 22 s and 488 MB). At most
    ``MAX_LAYERS`` layers in all.
    """
    if len(chain) > _MAX_EXTENDS_DEPTH:
        raise layer.error(("extends",), f"extends is nested more than {_MAX_EXTENDS_DEPTH} deep")
    walk.layers += 1
    if walk.layers > MAX_LAYERS:
        raise layer.error(("extends",) if "extends" in layer.data else (), f"extends names more than {MAX_LAYERS} layers in all")
    extends = layer.data.get("extends")
    if extends is None:
        return [layer]
    items = extends if isinstance(extends, list) else [extends]
    paths = [("extends", i) for i in range(len(items))] if isinstance(extends, list) else [("extends",)]
    out: list[_Layer] = []
    for item, where in zip(items, paths, strict=True):
        if not isinstance(item, str) or not item:
            raise layer.error(where, "extends names a preset (default, strict) or a relative .yaml file")
        if item in PRESETS:
            key = f"<preset {item}>"
            if key not in walk.read:
                walk.read[key] = _parse(PRESETS[item].encode(), key, None)
                out.extend(_layers(walk.read[key], walk, chain + (item,)))
            continue
        if not item.endswith((".yaml", ".yml")):
            raise layer.error(
                where, f"extends: {item!r} is neither a preset ({', '.join(PRESETS)}) nor a .yaml file"
                + _suggest(item, PRESETS),
            )
        if layer.folder is None or os.path.isabs(item):
            raise layer.error(where, f"extends: {item!r} must be a path relative to the config file")
        target = (layer.folder / item)
        shown = _display(target, walk.root)
        key = str(target.resolve())
        if key in chain:
            raise layer.error(where, f"extends: {item!r} leads back to itself")
        if not target.is_file():
            raise layer.error(where, f"extends: {item!r} does not exist")
        _check_inside(layer, where, "extends", item, target, walk.allowed)
        if key in walk.read:
            continue  # already in the chain at its first place
        walk.read[key] = _read(target, shown)
        out.extend(_layers(walk.read[key], walk, chain + (key,)))
    out.append(layer)
    return out


def _trusted_folders(root: Path, explicit: Path | None, environ: Mapping[str, str]) -> tuple[Path, ...]:
    """Where config layers and policy folders may live: the repo (and an explicit ``--config``'s folder).

    ``SRE_DOCS_CONFIG_OUTSIDE_REPO=1`` (set by whoever runs sre-docs, never by the repo) lifts
    the rule, for an organisation that shares one config or policy folder between repos.
    """
    if environ.get(OUTSIDE_ENV, "").strip().lower() in ("1", "true", "yes", "on"):
        return (Path("/"),)
    folders = [root.resolve()]
    if explicit is not None:
        folders.append(explicit.resolve().parent)
    return tuple(folders)


def _check_inside(layer: _Layer, where: tuple[Any, ...], what: str, item: str, target: Path,
                  allowed: tuple[Path, ...]) -> None:
    resolved = target.resolve()
    if not any(resolved == folder or folder in resolved.parents for folder in allowed):
        raise layer.error(where, f"{what}: {item!r} leads outside the repository (to {resolved}); "
                                 f"set {OUTSIDE_ENV}=1 where sre-docs runs to allow a shared config")


def load_config(root: Path, explicit: Path | None = None, *, environ: Mapping[str, str] | None = None,
                custom_policies: bool = True) -> Config:
    """Read ``explicit`` or ``<root>/sre-docs.yaml`` (absent: defaults) and check it all.

    Importing the modules of ``policy_paths`` runs the repo's Python code, so only ``lint``
    and the site build ask for them; with ``custom_policies=False`` (every other command)
    they are not imported and settings of the codes they would define are passed over.
    """
    environ = os.environ if environ is None else environ
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(str(explicit), 1, 1, "config file does not exist")
        top = _read(explicit, _display(explicit, root))
    elif os.path.lexists(root / CONFIG_FILE):  # a folder, FIFO or link to a device is refused, not skipped
        top = _read(root / CONFIG_FILE, CONFIG_FILE)
        _check_inside(top, (), "the config", CONFIG_FILE, root / CONFIG_FILE, (root.resolve(),))
    else:
        top = _Layer("<defaults>", None, None, {})
    start = str((root / CONFIG_FILE).resolve()) if explicit is None else str(explicit.resolve())
    walk = _Walk(root, _trusted_folders(root, explicit, environ))
    layers = _layers(top, walk, (start,))
    for layer in layers:
        _check_structure(layer)
    policy_paths = _policy_paths(layers, walk.allowed)
    catalog = _catalog(policy_paths if custom_policies else [])
    config = Config(file=top.file if top.doc else None, catalog=catalog,
                    policy_paths=tuple(path for path, _, _ in policy_paths))
    for layer in layers:
        config = _apply(config, layer, catalog, custom_policies)
    today = environ.get(TODAY_ENV)
    if today:
        parsed = parse_date(today.strip())
        if parsed is None:
            raise ConfigError(f"${TODAY_ENV}", 1, 1, f"{today!r} is not a date (YYYY-MM-DD)")
        config = replace(config, today=parsed)
    return config


def utc_today() -> dt.date:
    """The real date in UTC, the zone every "today" of the tool is in when nothing pins it."""
    return dt.datetime.now(dt.timezone.utc).date()


def repo_today(root: Path, *, environ: Mapping[str, str] | None = None) -> dt.date:
    """The day the repository is evaluated for: ``$SRE_DOCS_TODAY``, else ``today:`` of its
    sre-docs.yaml (through ``extends``), else the real date (UTC).

    Every command that needs "today" asks here, so ``sre-docs lint``, the workflows, the
    scorecards and the handbook describe the same day. A bad ``$SRE_DOCS_TODAY`` raises
    :class:`ConfigError`; a configuration that is broken elsewhere is ``sre-docs lint``'s to
    report, and then only the environment or the real date can pin the day.
    """
    environ = os.environ if environ is None else environ
    text = environ.get(TODAY_ENV)
    if text:
        day = parse_date(text.strip())
        if day is None:
            raise ConfigError(f"${TODAY_ENV}", 1, 1, f"{text!r} is not a date (YYYY-MM-DD)")
        return day
    try:
        pinned = load_config(root, environ={}, custom_policies=False).today
    except ConfigError:
        pinned = None
    return pinned or utc_today()


def _catalog(policy_paths: list[tuple[Path, _Layer, tuple[Any, ...]]]) -> Catalog:
    """Built-in policies plus each configured folder; a broken module points at its folder's entry."""
    policies = builtin_policies()
    for folder, layer, where in policy_paths:
        try:
            policies.extend(load_policy_directory(folder))
            Catalog(policies)
        except PolicyDefinitionError as exc:
            raise layer.error(where, f"policy could not be loaded: {exc}") from None
    return Catalog(policies)


def _policy_paths(layers: list[_Layer], allowed: tuple[Path, ...]) -> list[tuple[Path, _Layer, tuple[Any, ...]]]:
    found: list[tuple[Path, _Layer, tuple[Any, ...]]] = []
    for layer in layers:
        for index, item in enumerate(layer.data.get("policy_paths") or []):
            assert layer.folder is not None  # presets have no policy_paths
            folder = (layer.folder / item)
            if not folder.is_dir():
                raise layer.error(("policy_paths", index), f"policy folder {item!r} does not exist")
            _check_inside(layer, ("policy_paths", index), "policy_paths", item, folder, allowed)
            if all(folder.resolve() != known.resolve() for known, _, _ in found):
                found.append((folder, layer, ("policy_paths", index)))
    return found


# --- checking --------------------------------------------------------------------------------


def _check_structure(layer: _Layer) -> None:
    data = layer.data
    if "fail_on" in data:
        _severity(layer, ("fail_on",), data["fail_on"])
    if "today" in data:
        value = data["today"]
        if not isinstance(value, str) or parse_date(value) is None:
            raise layer.error(("today",), f"today must be a date (YYYY-MM-DD), got {value!r}")
    if "policy_paths" in data:
        value = data["policy_paths"]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise layer.error(("policy_paths",), "policy_paths must be a list of folder paths")
        for index, item in enumerate(value):
            if os.path.isabs(item):
                raise layer.error(("policy_paths", index), "policy_paths are relative to the config file")
    if "limits" in data:
        limits = data["limits"]
        if not isinstance(limits, dict):
            raise layer.error(("limits",), "limits must be a mapping of " + ", ".join(_LIMIT_KEYS))
        for key, value in limits.items():
            if key not in _LIMIT_KEYS:
                raise layer.error(("limits", key), f"unknown limit {key!r}{_suggest(key, _LIMIT_KEYS)}", key=True)
            minimum = 0 if key == "max_alias_nodes" else 1
            maximum = _LIMIT_MAXIMA[key]
            if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
                raise layer.error(("limits", key),
                                  f"limits.{key} must be a whole number from {minimum} to {maximum:,}, got {value!r}")
    for key in ("paths", "services"):
        if key in data:
            _scope(layer, (key,), data[key])
    if "prometheus" in data:
        _prometheus(layer, data["prometheus"], PrometheusSettings())
    policies = data.get("policies")
    if "policies" in data and not isinstance(policies, dict):
        raise layer.error(("policies",), "policies must map policy IDs to their settings")
    for code, settings in (policies or {}).items():
        where = ("policies", code)
        if not isinstance(code, str):
            raise layer.error(where, f"{code!r} is not a policy ID (like SLO001)", key=True)
        if isinstance(settings, bool) or settings is None:
            continue
        if not isinstance(settings, dict):
            raise layer.error(where, f"settings of {code} must be a mapping (enabled, level, options, paths, services)")
        for key, value in settings.items():
            if key not in _POLICY_KEYS:
                raise layer.error(where + (key,), f"unknown setting {key!r} for {code}{_suggest(key, _POLICY_KEYS)}", key=True)
            if key == "enabled" and not isinstance(value, bool):
                raise layer.error(where + (key,), f"enabled must be true or false, got {value!r}")
            if key == "level":
                _severity(layer, where + (key,), value)
            if key in ("paths", "services"):
                _scope(layer, where + (key,), value)
            if key == "options" and not isinstance(value, dict):
                raise layer.error(where + (key,), f"options of {code} must be a mapping")


_LEVELS = ("error", "warning", "info")


def _severity(layer: _Layer, where: tuple[Any, ...], value: Any) -> Severity:
    if isinstance(value, str) and value.lower() in _LEVELS:
        return Severity.parse(value)
    raise layer.error(
        where, f"{'.'.join(map(str, where))} is {value!r}, not a level (error, warning, info){_suggest(value, _LEVELS)}"
    )


def _scope(layer: _Layer, where: tuple[Any, ...], value: Any) -> Scope:
    if not isinstance(value, dict):
        raise layer.error(where, f"{'.'.join(map(str, where))} must be a mapping with include and/or exclude globs")
    for key, globs in value.items():
        if key not in _SCOPE_KEYS:
            raise layer.error(where + (key,), f"unknown scope key {key!r}{_suggest(key, _SCOPE_KEYS)}", key=True)
        if not isinstance(globs, list) or not all(isinstance(g, str) and g for g in globs):
            raise layer.error(where + (key,), f"{key} must be a list of glob patterns")
        for index, glob in enumerate(globs):
            try:
                glob_regex(glob)
            except re.error as exc:
                raise layer.error(where + (key, index), f"{glob!r} is not a valid glob: {exc.msg}") from None
    return Scope(tuple(value.get("include") or ()), tuple(value.get("exclude") or ()))


def _prometheus(layer: _Layer, value: Any, base: PrometheusSettings) -> PrometheusSettings:
    """Check ``prometheus:`` and merge it over ``base`` (a later layer's keys win, key by key)."""
    where = ("prometheus",)
    if not isinstance(value, dict):
        raise layer.error(where, "prometheus must be a mapping of " + ", ".join(_PROMETHEUS_KEYS))
    changes: dict[str, Any] = {}
    for key, item in value.items():
        if key not in _PROMETHEUS_KEYS:
            raise layer.error(where + (key,), f"unknown setting {key!r} for prometheus{_suggest(key, _PROMETHEUS_KEYS)}",
                              key=True)
        if key == "url":
            if not isinstance(item, str) or not re.match(r"https?://[^\s/]+", item):
                raise layer.error(where + (key,), f"prometheus.url must be an http:// or https:// URL, got {item!r}")
            changes["url"] = item
        elif key == "timeout":
            if isinstance(item, bool) or not isinstance(item, (int, float)) or not 0 < item <= 3600:
                raise layer.error(where + (key,), f"prometheus.timeout is seconds, above 0 and at most 3600, got {item!r}")
            changes["timeout"] = float(item)
        elif key == "tls_verify":
            if not isinstance(item, bool):
                raise layer.error(where + (key,), f"prometheus.tls_verify must be true or false, got {item!r}")
            changes["tls_verify"] = item
        elif key == "rule_files":
            changes["rule_files"] = _rule_globs(layer, where + (key,), item)
        else:
            if not isinstance(item, dict):
                raise layer.error(where + (key,), "prometheus.headers maps header names to environment variable names")
            headers = []
            for name, env in item.items():
                spot = where + (key, name)
                if not isinstance(name, str) or not _HEADER_NAME.match(name):
                    raise layer.error(spot, f"{name!r} is not an HTTP header name", key=True)
                if not isinstance(env, str) or not _ENV_NAME.match(env):
                    raise layer.error(spot, f"prometheus.headers.{name} names the environment variable that holds the "
                                            f"value (like PROMETHEUS_TOKEN), never the value itself; got {env!r}")
                line, column = layer.doc.locate(spot) if layer.doc else (1, 1)
                headers.append(HeaderSetting(name, env, f"{layer.file}:{line}:{column}"))
            changes["headers"] = tuple(headers)
    return replace(base, **changes)


def _rule_globs(layer: _Layer, where: tuple[Any, ...], value: Any) -> tuple[RuleGlob, ...]:
    """``prometheus.rule_files``: globs inside the repo (a config must not make lint read files elsewhere)."""
    if not isinstance(value, list):
        raise layer.error(where, "prometheus.rule_files is a list of globs such as deploy/prometheus/*.rules.yaml")
    globs = []
    for index, pattern in enumerate(value):
        spot = where + (index,)
        if not isinstance(pattern, str) or not pattern.strip():
            raise layer.error(spot, f"prometheus.rule_files entries are globs (text), got {pattern!r}")
        if pattern.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", pattern) or ".." in re.split(r"[/\\]", pattern):
            raise layer.error(spot, f"{pattern!r} leaves the repository; rule_files globs are relative to the repo "
                                    "root (pass files elsewhere with sre-docs lint --rules)")
        line, column = layer.doc.locate(spot) if layer.doc else (1, 1)
        globs.append(RuleGlob(pattern, layer.file, line, column))
    return tuple(globs)


def _apply(config: Config, layer: _Layer, catalog: Catalog, custom_policies: bool = True) -> Config:
    """Merge one checked layer over ``config``: the layer's settings win."""
    data = layer.data
    changes: dict[str, Any] = {}
    if "prometheus" in data:
        changes["prometheus"] = _prometheus(layer, data["prometheus"], config.prometheus)
    if "fail_on" in data:
        changes["fail_on"] = Severity.parse(data["fail_on"])
    if "today" in data:
        changes["today"] = parse_date(data["today"])
    if "limits" in data:
        changes["limits"] = replace(config.limits, **data["limits"])
    for key in ("paths", "services"):
        if key in data:
            changes[key] = _merge_scope(getattr(config, key), _scope(layer, (key,), data[key]), data[key])
    settings = dict(config.settings)
    for code, raw in (data.get("policies") or {}).items():
        if not custom_policies and code not in catalog.known_ids:
            continue  # a code of a policy module not imported for this command (lint checks it)
        settings[code] = _merge_policy(layer, code, raw, settings.get(code, _DEFAULT_SETTINGS), catalog)
    changes["settings"] = MappingProxyType(settings)
    return replace(config, **changes)


def _merge_scope(base: Scope, new: Scope, raw: dict[str, Any]) -> Scope:
    return Scope(
        new.include if "include" in raw else base.include,
        new.exclude if "exclude" in raw else base.exclude,
    )


def _merge_policy(layer: _Layer, code: str, raw: Any, base: PolicySettings, catalog: Catalog) -> PolicySettings:
    where = ("policies", code)
    known = catalog.known_ids
    if code not in known:
        raise layer.error(where, f"unknown policy {code}{_suggest(code, known)}", key=True)
    if isinstance(raw, bool):
        return replace(base, enabled=raw)
    raw = raw or {}
    changes: dict[str, Any] = {}
    if "enabled" in raw:
        changes["enabled"] = raw["enabled"]
    if "level" in raw:
        changes["level"] = Severity.parse(raw["level"])
    for key in ("paths", "services"):
        if key in raw:
            changes[key] = _merge_scope(getattr(base, key), _scope(layer, where + (key,), raw[key]), raw[key])
    if "options" in raw:
        policy = catalog.policies.get(code)
        declared = policy.options if policy else {}
        options = dict(base.options)
        for name, value in raw["options"].items():
            spot = where + ("options", name)
            if name not in declared:
                listed = ", ".join(declared) or "none"
                raise layer.error(
                    spot, f"{code} has no option {name!r}{_suggest(name, declared)} (its options: {listed})", key=True
                )
            complaint = declared[name].problem_with(value)
            if complaint:
                raise layer.error(spot, f"{code} option {name} {complaint}")
            options[name] = value
        changes["options"] = MappingProxyType(options)
    return replace(base, **changes)

