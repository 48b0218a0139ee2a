"""Every code sre-docs can report: the loader's checks, the suppression checks, the policies.

Policies come from three places, in this order:

1. the built-in pack, listed explicitly in ``sre_docs.policies.BUILTIN``;
2. modules dropped into the ``policies/`` folder that the registry does not list (an
   organisation's own policies shipped with its fork or install);
3. ``policy_paths:`` folders from the configuration, loaded by file path.

A module counts as a policy when it defines ``ID`` and ``check``; modules whose name starts
with ``_`` are helpers. Two policies with one ID are refused: configs, suppressions and
baselines would not know which one they mean.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import importlib.util
import pkgutil
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from sre_docs.findings import Severity
from sre_docs.lint.policy import Policy, PolicyDefinitionError
from sre_docs.lint.policy_docs import parse_doc
from sre_docs.lint.formatters import Rule


@dataclass(frozen=True)
class CoreCode:
    """A code reported by the loader or the suppression machinery rather than by a policy."""

    id: str
    name: str
    level: Severity
    summary: str
    help: str


def _core(code: str, name: str, level: str, summary: str, help_text: str) -> CoreCode:
    return CoreCode(code, name, Severity(level), summary, help_text)


CORE_CODES: dict[str, CoreCode] = {c.id: c for c in (
    _core("YAML001", "yaml-syntax", "error", "The file is not valid YAML.",
          "Fix the syntax at the reported position; the rest of the file is not read."),
    _core("YAML002", "duplicate-key", "error", "A key appears twice in one mapping.",
          "YAML tools disagree on which value wins; keep one of the two keys."),
    _core("YAML003", "yaml-tag", "error", "A YAML tag outside the core schema (or a value it cannot hold).",
          "Remove the tag: documents hold plain values, lists and mappings only."),
    _core("YAML004", "yaml-alias", "error", "Aliases expand beyond the limit.",
          "Write the values out; nested aliases can blow up to billions of nodes."),
    _core("YAML005", "yaml-depth", "error", "Nesting deeper than the limit.",
          "Flatten the document; raise `limits.max_depth` only if the depth is genuine."),
    _core("YAML006", "file-too-large", "error", "The file is larger than the limit.",
          "Split the file; raise `limits.max_file_bytes` only if the size is genuine."),
    _core("YAML007", "not-utf8", "error", "The file is not UTF-8.", "Save the file as UTF-8."),
    _core("YAML008", "yaml-directive", "error", "A %YAML or %TAG directive.",
          "Remove the directive; sre-docs reads every file as YAML 1.2."),
    _core("YAML009", "yaml11-surprise", "warning", "A plain value that YAML 1.1 tools read differently.",
          "Quote the value so that every tool reads the same text."),
    _core("YAML010", "hidden-characters", "error", "Control or bidirectional characters in a value.",
          "Remove the character; it can hide what the text really says."),
    _core("YAML011", "number-too-long", "error", "A plain number too long to read safely.",
          "Quote the value if it is an identifier, or shorten it; huge integers cost quadratic time to convert."),
    _core("YAML012", "complex-key", "error", "A mapping key that is not a plain scalar.",
          "Use plain text keys."),
    _core("DOC001", "document-shape", "error", "A document is not a mapping with one top-level key.",
          "Start each document with exactly one key naming its kind (`slo:`, `runbook:`, ...)."),
    _core("DOC002", "unknown-kind", "error", "The top-level key names no known kind.",
          "Use one of the kinds listed in the reference (the message suggests the closest)."),
    _core("DOC003", "empty-file", "warning", "The file holds no documents.", "Add documents or delete the file."),
    _core("DOC004", "kind-out-of-place", "error", "A kind outside the folder it belongs in.",
          "Move the document: service kinds live under services/<service>/, org kinds under org/."),
    _core("DOC005", "too-many-findings", "error", "A file has more findings than a file may report; the rest are counted.",
          "Fix the findings shown and lint again; `limits.max_findings_per_file` sets how many a file reports."),
    _core("SCH001", "unknown-field", "error", "A field the kind does not define.",
          "Fix the spelling (the message suggests the closest field) or remove the field."),
    _core("SCH002", "missing-field", "error", "A required field is missing.", "Add the field."),
    _core("SCH003", "wrong-type", "error", "A value of the wrong type.",
          "Write a value of the stated type; quote text that looks like a number or boolean."),
    _core("SCH004", "not-allowed", "error", "A value outside the field's allowed values.",
          "Use one of the listed values."),
    _core("SCH005", "out-of-range", "error", "A value outside its bounds.", "Bring the value within bounds."),
    _core("SCH006", "bad-format", "error", "A value that does not match its pattern.", "Follow the pattern."),
    _core("SCH007", "invalid-value", "error", "A value the schema rejects.", "Correct the value."),
    _core("REPO001", "symlink", "error", "A symbolic link in the repo tree.",
          "Replace the link with a regular file or folder; links can point outside the repo."),
    _core("REPO002", "unreadable", "error", "A file that is not a regular, readable file.",
          "Make it a regular readable file or remove it."),
    _core("REPO003", "misplaced", "error", "A file or folder where the layout does not allow it.",
          "Follow the layout: services/<service>/... and org/..."),
    _core("SUP001", "suppression-without-reason", "error",
          "A suppression comment without a reason.",
          "Say why after `--`: `# sre-docs: disable=SLO001 -- agreed with payments, see JIRA-12`."),
    _core("SUP002", "suppression-expired", "error",
          "A suppression past its `until=` date; it no longer applies.",
          "Fix the finding it covered, or renew the suppression with a new date and reason."),
    _core("SUP003", "suppression-unused", "warning",
          "A suppression that matches no finding.", "Remove the comment; the finding it covered is gone."),
    _core("SUP004", "suppression-malformed", "error",
          "A suppression comment that cannot be read (unknown id, bad date, nothing to disable).",
          "Write `# sre-docs: disable=ID[,ID...] [until=YYYY-MM-DD] -- reason`."),
)}

#: Codes a suppression comment may not silence (it would hide problems with suppressions).
UNSUPPRESSIBLE = frozenset(code for code in CORE_CODES if code.startswith("SUP"))


class Catalog:
    """All known codes: core codes plus loaded policies, by ID."""

    def __init__(self, policies: list[Policy]) -> None:
        self.policies: dict[str, Policy] = {}
        for policy in policies:
            if policy.id in CORE_CODES:
                raise PolicyDefinitionError(f"{policy.module}: ID {policy.id} is reserved for sre-docs itself")
            if policy.id in self.policies:
                other = self.policies[policy.id]
                raise PolicyDefinitionError(
                    f"{policy.module}: ID {policy.id} is already used by {other.module} ({other.origin})"
                )
            self.policies[policy.id] = policy

    @property
    def known_ids(self) -> list[str]:
        return [*CORE_CODES, *self.policies]

    def knows(self, code: str) -> bool:
        return code in CORE_CODES or code in self.policies

    def rules(self) -> list[Rule]:
        """Every code with its description, core codes first, for SARIF and JUnit."""
        rules = [Rule(c.id, c.name, c.summary, c.summary, c.help, c.level) for c in CORE_CODES.values()]
        for policy in self.policies.values():
            doc = parse_doc(policy.doc)
            rules.append(Rule(
                policy.id, policy.name, policy.summary,
                doc.sections.get("What it checks", "").strip() or policy.summary,
                inspect.cleandoc(policy.doc) or policy.summary, policy.level,
            ))
        return rules

    def default_level(self, code: str) -> Severity | None:
        if code in self.policies:
            return self.policies[code].level
        core = CORE_CODES.get(code)
        return core.level if core else None


def _policy_modules(package: ModuleType) -> list[ModuleType]:
    """The registry's modules, then any module dropped into the package folder unlisted."""
    listed: list[ModuleType] = list(getattr(package, "BUILTIN", ()))
    names = {module.__name__ for module in listed}
    extra = []
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_") or info.ispkg:
            continue
        qualified = f"{package.__name__}.{info.name}"
        if qualified in names:
            continue
        module = importlib.import_module(qualified)
        if hasattr(module, "ID") and hasattr(module, "check"):
            extra.append(module)
    return listed + extra


def builtin_policies() -> list[Policy]:
    """The pack shipped in ``sre_docs.policies`` (plus modules dropped into that folder)."""
    package = importlib.import_module("sre_docs.policies")
    listed = {module.__name__ for module in getattr(package, "BUILTIN", ())}
    return [
        Policy.from_module(module, origin="built-in" if module.__name__ in listed else "policies/ folder")
        for module in _policy_modules(package)
    ]


def load_policy_directory(folder: Path) -> list[Policy]:
    """Load every ``*.py`` policy module of ``folder`` by path (no package or sys.path needed).

    Each module gets a private name derived from the folder, so two folders may hold files
    of the same name. Errors while importing become ``PolicyDefinitionError``.
    """
    if not folder.is_dir():
        raise PolicyDefinitionError(f"{folder}: policy folder does not exist")
    tag = hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:10]
    policies = []
    for path in sorted(folder.glob("*.py")):
        if path.name.startswith("_"):
            continue
        name = f"sre_docs_local_policies_{tag}.{path.stem}"
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:  # pragma: no cover - a .py file always has a spec
            raise PolicyDefinitionError(f"{path}: cannot be imported")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as exc:  # noqa: BLE001 -- any import failure is a config problem
            sys.modules.pop(name, None)
            raise PolicyDefinitionError(f"{path}: cannot be imported: {type(exc).__name__}: {exc}") from None
        if hasattr(module, "ID") and hasattr(module, "check"):
            policies.append(Policy.from_module(module, origin=str(path)))
    return policies


def load_catalog(policy_paths: tuple[Path, ...] = ()) -> Catalog:
    policies = builtin_policies()
    for folder in policy_paths:
        policies.extend(load_policy_directory(folder))
    return Catalog(policies)
