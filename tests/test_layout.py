"""The layout shows the architecture: layers import downwards only, and the README names every module.

A newcomer finds the room for a change from the tree and the README's layout table; these tests keep
the two in step and keep the layers from leaking (a page builder importing the CLI, say).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: Each top-level group with its layer, lowest first. A module may import its own group and lower layers.
LAYERS = {
    "findings": 0, "terminal_text": 0, "words": 0, "calc": 0,
    "yamltext": 1,
    "schemas": 2,
    "loading": 3,
    "model": 4,
    "lint": 5,  # with the policy pack: the catalog loads policies/, policies/ builds on lint.policy
    "scorecard": 6, "workflows": 6,
    "handbook": 7,
    "impact": 8,  # the impact of a change: lint, scorecards and workflows compared, escaped like the pages
    "integrations": 9,
    "cli": 10, "plugins": 10,
    "__main__": 11,
}


def _modules() -> list[tuple[Path, str]]:
    found = []
    for folder, prefix in (("sre_docs", "sre_docs"), ("policies", "sre_docs.policies"), ("plugins", "sre_docs.plugins")):
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = list(path.relative_to(ROOT / folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found.append((path, ".".join([prefix, *parts])))
    return found


def _group(module: str) -> str:
    parts = module.split(".")
    group = parts[1] if len(parts) > 1 else "sre_docs"
    return "lint" if group == "policies" else group


def _imports(path: Path) -> list[tuple[int, str]]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            names.extend((node.lineno, alias.name) for alias in node.names)
    return [(line, name) for line, name in names if name.split(".")[0] == "sre_docs" and name != "sre_docs"]


def test_every_group_has_a_layer() -> None:
    groups = {_group(module) for _, module in _modules()} - {"sre_docs"}
    assert groups == set(LAYERS)


def test_layers_import_downwards_only() -> None:
    wrong = []
    for path, module in _modules():
        group = _group(module)
        for line, target in _imports(path):
            other = _group(target)
            if other != group and LAYERS[other] >= LAYERS[group]:
                wrong.append(f"{path.relative_to(ROOT)}:{line} ({group}) imports {target} ({other})")
    assert wrong == []


def _readme_layout() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Layout of the code"):]
    return re.search(r"```\n(.*?)```", section, re.S).group(1)


def _listed(rel: Path) -> bool:
    """Whether the README's layout table names this file (per-kind schemas and per-policy modules by pattern)."""
    layout = _readme_layout()
    if rel.parent.name == "schemas" and rel.stem not in ("fields", "types", "vocabulary", "validate", "__init__"):
        return "<kind>.py" in layout
    if rel.parts[0] == "policies" and re.fullmatch(r"[a-z]+\d{3}", rel.stem):
        return "<id>.py" in layout
    if rel.name == "__init__.py" and rel.parent not in (Path("sre_docs/cli"), Path("plugins/handbook")):
        return "/".join(rel.parts[:-1]) + "/" in layout
    return re.search(rf"(?<![\w]){re.escape(rel.name)}(?!\w)", layout) is not None


@pytest.mark.parametrize("path", [path for path, _ in _modules()], ids=[module for _, module in _modules()])
def test_the_readme_layout_names_every_module(path: Path) -> None:
    assert _listed(path.relative_to(ROOT)), f"{path.relative_to(ROOT)} is missing from the README's layout table"


def test_the_readme_layout_names_no_module_that_is_gone() -> None:
    existing = {path.name for path, _ in _modules()} | {"<kind>.py", "<id>.py", "<command>.py"}
    existing |= {path.name for path in (ROOT / "benchmarks").glob("*.py")}  # the table's benchmarks/ line names its scripts
    named = set(re.findall(r"(?<![\w])(<?[a-z_]+>?\.py)(?!\w)", _readme_layout()))
    assert named - existing == set()
