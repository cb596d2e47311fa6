"""Fast start: nothing heavy is imported before the login window is on screen.

A fresh interpreter (a subprocess: this test process has imported everything already) imports the
application module, builds the QApplication, the settings and the login window as `main()` does, shows
it, and reports `sys.modules`. The database libraries, the main window with its screens, the report
code, openpyxl, reportlab and the demo generator must not be among them; they come after the login.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

HEAVY_PREFIXES = (
    "openpyxl",
    "reportlab",
    "PIL",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "ejournal_desktop.reports",
    "ejournal_desktop.store",
    "ejournal_desktop.services.auth",
    "ejournal_desktop.services.demo_college",
    "ejournal_desktop.services.gradebook",
    "ejournal_desktop.ui.main_window",
    "ejournal_desktop.ui.journals_screen",
)

SCRIPT = """
import json, sys
from ejournal_desktop import app
imported_by_module = sorted(sys.modules)
qt = app.create_application([])
settings = app.AppSettings()
app.apply_font_scale(qt, settings.font_scale)
store = settings.profiles()
store.save(app.Profile(name="Файл", kind="embedded", path=sys.argv[1]))
dialog = app.LoginDialog(store, defer_keyring=True)  # as Shell.show_login makes it
dialog.show()
qt.processEvents()
assert dialog.isVisible()
print(json.dumps({"module": imported_by_module, "window": sorted(sys.modules)}))
"""


def heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == p or m.startswith(p + ".") for p in HEAVY_PREFIXES)]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    home = tmp_path_factory.mktemp("fast-start-home")
    env = {**os.environ, "EJOURNAL_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(home / "journal.sqlite3")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_importing_the_app_module_imports_nothing_heavy(imported: dict[str, list[str]]) -> None:
    assert heavy(imported["module"]) == []


def test_the_login_window_on_screen_has_imported_nothing_heavy(imported: dict[str, list[str]]) -> None:
    assert heavy(imported["window"]) == []
    assert "PySide6.QtWidgets" in imported["window"]
    assert "ejournal_desktop.ui.login_dialog" in imported["window"]


def test_the_check_would_see_a_heavy_import() -> None:
    assert heavy(["sqlalchemy.orm", "openpyxl", "ejournal_desktop.reports.list_export", "json"]) == [
        "sqlalchemy.orm",
        "openpyxl",
        "ejournal_desktop.reports.list_export",
    ]


def test_the_main_window_and_its_screens_load_no_file_renderer() -> None:
    """After «Войти» the main window and every screen module are imported on the GUI thread: the
    XLSX and PDF libraries must wait until a file is actually written (a report preview included)."""
    script = (
        "import json, sys; import ejournal_desktop.ui.main_window; "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('openpyxl', 'reportlab'))))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
