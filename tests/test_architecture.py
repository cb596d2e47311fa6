"""The layers of DESIGN.md hold: imports point down only, and the code stays ruff-clean."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ejournal_desktop"

FORBIDDEN = {
    "domain": (
        "PySide6",
        "sqlalchemy",
        "psycopg",
        "alembic",
        "ejournal_desktop.store",
        "ejournal_desktop.services",
        "ejournal_desktop.ui",
        "ejournal_desktop.reports",
    ),
    "store": ("PySide6", "ejournal_desktop.services", "ejournal_desktop.ui", "ejournal_desktop.reports"),
    "services": ("PySide6", "ejournal_desktop.ui"),
    "reports": ("PySide6", "ejournal_desktop.ui"),
    "ui": ("sqlalchemy", "psycopg", "alembic", "ejournal_desktop.store"),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_down_only(layer: str) -> None:
    offences = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in _imports(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                offences.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    assert offences == []


def test_the_layers_exist() -> None:
    for layer in FORBIDDEN:
        assert (PACKAGE / layer / "__init__.py").exists(), layer


@pytest.mark.skipif(
    shutil.which("ruff") is None and not Path(sys.executable).with_name("ruff").exists(), reason="ruff is not installed"
)
def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    root = PACKAGE.parent
    result = subprocess.run([ruff, "check", "ejournal_desktop", "tests"], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
