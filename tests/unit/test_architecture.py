"""The layers' import rules (docs/architecture.md), read from the source of every module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OURS = ("data", "geo", "dashboard", "layouts", "callbacks")
# What each layer may import of ours. The app factory (dashboard/app.py) sits above the others:
# it builds the layout and registers the callbacks.
ALLOWED = {
    "data": {"data"},
    "geo": {"geo"},
    "dashboard": {"dashboard", "data", "geo"},
    "layouts": {"layouts", "dashboard", "data"},
    "callbacks": {"callbacks", "layouts", "dashboard", "data"},
}
FACTORY = "dashboard/app.py"
# Layouts arrange and callbacks translate: neither opens the store nor reads Flask's globals.
FORBIDDEN = {
    "layouts": ("data.store", "data.importer", "sqlalchemy", "flask", "callbacks"),
    "callbacks": ("data.store", "sqlalchemy", "flask"),
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _modules(package: str) -> list[Path]:
    return sorted(p for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts or package != "data")


@pytest.mark.parametrize("package", OURS)
def test_each_layer_imports_only_what_it_may(package):
    wrong = []
    for path in _modules(package):
        rel = path.relative_to(ROOT).as_posix()
        for name in _imports(path):
            top = name.split(".")[0]
            if top in OURS and top not in ALLOWED[package] and rel != FACTORY:
                wrong.append(f"{rel}: {name}")
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN.get(package, ())):
                wrong.append(f"{rel}: {name}")
    assert not wrong, "imports across the layers' rules:\n" + "\n".join(wrong)


def test_the_rules_are_checked_on_real_code():
    """The parser sees imports inside functions too (most of ours are lazy)."""
    names = _imports(ROOT / "dashboard" / "app.py")
    assert "layouts.shell" in names and "callbacks" in names
