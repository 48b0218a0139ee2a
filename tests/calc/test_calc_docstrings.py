"""Contract of the calculations library: documented, worked examples everywhere, tables as frozen data."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
from types import ModuleType

import pytest

import sre_docs.calc as calc

MODULES = [importlib.import_module(f"sre_docs.calc.{info.name}") for info in pkgutil.iter_modules(calc.__path__)]


def test_every_module_is_listed_in_the_package_docstring() -> None:
    for module in MODULES:
        assert f"``{module.__name__.rsplit('.', 1)[1]}``" in (calc.__doc__ or "")


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.__name__)
def test_public_functions_have_a_worked_example(module: ModuleType) -> None:
    assert module.__doc__
    for name in module.__all__:
        obj = getattr(module, name)
        if inspect.isfunction(obj):
            assert "Example" in (inspect.getdoc(obj) or ""), f"{module.__name__}.{name} has no worked example"
        elif inspect.isclass(obj):
            assert inspect.getdoc(obj), f"{module.__name__}.{name} has no docstring"


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.__name__)
def test_result_and_table_dataclasses_are_frozen(module: ModuleType) -> None:
    for name in module.__all__:
        obj = getattr(module, name)
        if inspect.isclass(obj) and dataclasses.is_dataclass(obj):
            params = obj.__dataclass_params__  # type: ignore[attr-defined]  # set by @dataclass, not declared
            assert params.frozen, f"{module.__name__}.{name} is not frozen"


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.__name__)
def test_tables_are_tuples(module: ModuleType) -> None:
    for name in module.__all__:
        if name.isupper() and isinstance(getattr(module, name), (list, dict, set)):
            pytest.fail(f"{module.__name__}.{name} is mutable; tables are tuples or read-only mappings")
