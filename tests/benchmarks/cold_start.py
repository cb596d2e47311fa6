"""Start-up: cold start to the login window, and from login to the first journal on screen.

    python -m tests.benchmarks.cold_start [--repeat 7] [--large-db PATH] [--skip-journal]

1. Cold start: a fresh interpreter runs `ejournal-desktop`'s real `main()` until the login window is
   shown (then leaves at once), against a bare PySide6 program that shows an empty QDialog — the same
   interpreter, the same offscreen platform, measured in the same run, alternating. Target ≤ 1.3×.
   Also printed: the same for the built bundle, when installer/dist/ejournal exists.
2. Login → first journal: on the large demo college (a temp SQLite file, filled once, or --large-db),
   the teacher with the most journals logs in; the main window opens on «Мои журналы», the list
   loads, the first journal opens and its grid has its rows. Against the bare service calls doing the
   same work (login, my_journals, open_journal) in the same run.
Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 29)

# "Shown" = the window's first paint: an event filter on it prints and leaves at once (os._exit).
PAINTED = """
import os
from PySide6.QtCore import QEvent, QObject

class _Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("shown", flush=True)
            os._exit(0)
        return False

def exit_on_first_paint(widget):
    widget._painted = _Painted(widget)
    widget.installEventFilter(widget._painted)
"""

APP_CHILD = (
    PAINTED
    + """
from ejournal_desktop import app

show_login = app.Shell.show_login

def shown(self):
    dialog = show_login(self)
    exit_on_first_paint(dialog)
    return dialog

app.Shell.show_login = shown
app.main([])
"""
)

# The baseline: a bare PySide6 program showing the same kind of window — a login form with the same
# widgets (title, connection combo and button, login, password, a check box, two buttons), no logic.
BARE_CHILD = (
    PAINTED
    + """
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
    QLabel, QLineEdit, QToolButton, QVBoxLayout)
app = QApplication([])
dialog = QDialog()
dialog.setWindowTitle("Вход")
layout = QVBoxLayout(dialog)
title = QLabel("Программа")
font = title.font()
font.setBold(True)
title.setFont(font)
layout.addWidget(title)
form = QFormLayout()
combo = QComboBox()
combo.addItem("Подключение")
form.addRow("Подключение:", combo)
form.addRow("", QToolButton(text="Настроить…"))
form.addRow("Логин:", QLineEdit())
password = QLineEdit()
password.setEchoMode(QLineEdit.EchoMode.Password)
form.addRow("Пароль:", password)
form.addRow("", QCheckBox("Запомнить"))
layout.addLayout(form)
buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
layout.addWidget(buttons)
exit_on_first_paint(dialog)
dialog.show()
app.exec()
"""
)

# For information: the least a PySide6 program can show (an empty dialog).
EMPTY_CHILD = (
    PAINTED
    + """
from PySide6.QtWidgets import QApplication, QDialog
app = QApplication([])
dialog = QDialog()
exit_on_first_paint(dialog)
dialog.show()
app.exec()
"""
)


def time_to_shown(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == "shown":
            elapsed = time.perf_counter() - started
            process.wait(timeout=30)
            return elapsed
    process.wait(timeout=30)
    raise RuntimeError(f"{command[0]}: the window was not shown: {process.stderr.read() if process.stderr else ''}")


def cold_start(repeat: int) -> None:
    with tempfile.TemporaryDirectory(prefix="ej-cold-") as home:
        env = {**os.environ, "EJOURNAL_HOME": home, "QT_QPA_PLATFORM": "offscreen"}
        # An installed program has its .pyc files (the bundle too): a CI or sandbox environment with
        # PYTHONDONTWRITEBYTECODE would compile every module of ours at each start. Cache them aside.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(home) / "pycache")
        # The first start creates the local journal file; what is measured is every start after it.
        subprocess.run([sys.executable, "-m", "ejournal_desktop.app", "--smoke-test"], env=env, check=True, cwd=ROOT)
        commands = {
            "app": [sys.executable, "-c", APP_CHILD],
            "bare": [sys.executable, "-c", BARE_CHILD],
            "empty": [sys.executable, "-c", EMPTY_CHILD],
        }
        for command in commands.values():
            time_to_shown(command, env)  # warm the OS file cache and write the .pyc files
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(repeat):  # alternating, so that a busy moment hits all alike
            for name, command in commands.items():
                samples[name].append(time_to_shown(command, env))
        ms = {name: statistics.median(values) * 1000 for name, values in samples.items()}
        print(f"cold start to the login window (median of {repeat}, process start → window shown):")
        print(f"  ejournal-desktop (main(), real settings and profile)   {ms['app']:7.0f} ms")
        print(f"  bare PySide6 login form (same widgets, no logic)       {ms['bare']:7.0f} ms")
        print(
            f"  ratio                                                  {ms['app'] / ms['bare']:7.2f}×  (target ≤ 1.3×)"
        )
        print(f"  for information: an empty PySide6 dialog {ms['empty']:.0f} ms (ratio {ms['app'] / ms['empty']:.2f}×)")
        frozen = ROOT / "installer" / "dist" / "ejournal" / "ejournal-desktop"
        if frozen.exists():
            samples = []
            for _ in range(max(3, repeat // 2)):
                started = time.perf_counter()
                subprocess.run([str(frozen), "--version"], env=env, check=True, capture_output=True)
                samples.append(time.perf_counter() - started)
            bundle_ms = statistics.median(samples) * 1000
            print(f"  for information: the bundle's ejournal-desktop --version, start to exit: {bundle_ms:.0f} ms")


def _large_db(path: str | None) -> Path:
    from ejournal_desktop.services.demo_college import fill_demo
    from ejournal_desktop.store.engine import make_engine
    from ejournal_desktop.store.migrate import upgrade

    target = Path(path) if path else Path(tempfile.gettempdir()) / "ejournal-bench-large.sqlite3"
    if target.exists():
        return target
    print(f"filling the large demo college into {target} (once)…", flush=True)
    engine = make_engine(f"sqlite:///{target}")
    upgrade(engine)
    fill_demo(engine, size="large", today=TODAY)
    engine.dispose()
    return target


def _busiest_teacher(db: Path) -> str:
    from sqlalchemy import func, select

    from ejournal_desktop.store import models as m
    from ejournal_desktop.store.engine import make_engine

    engine = make_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        login = conn.execute(
            select(m.Account.login)
            .join(m.TeachingAssignment, m.TeachingAssignment.teacher_id == m.Account.person_id)
            .group_by(m.Account.login)
            .order_by(func.count().desc(), m.Account.login)
            .limit(1)
        ).scalar_one()
    engine.dispose()
    return str(login)


def login_to_journal(db_path: str | None, repeat: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("EJOURNAL_HOME", tempfile.mkdtemp(prefix="ej-bench-home-"))
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from ejournal_desktop.services import auth
    from ejournal_desktop.services import gradebook as gb
    from ejournal_desktop.services.demo_college import DEMO_PASSWORD

    db = _large_db(db_path)
    login = _busiest_teacher(db)
    profile = auth.Profile(name="Большой демо", kind="embedded", path=str(db))
    app = QApplication.instance() or QApplication([])

    def wait_for(condition, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
        deadline = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError("the screen did not fill in time")
            QCoreApplication.processEvents()
            time.sleep(0.001)

    def on_screen() -> tuple[float, int, int]:
        from ejournal_desktop.ui.main_window import MainWindow

        started = time.perf_counter()
        session = auth.login(profile, login, DEMO_PASSWORD)
        window = MainWindow(session)
        window.show()
        screen = window.page("journals")
        wait_for(lambda: screen.list.model.rowCount() > 0)
        first = screen.list.journals()[0].assignment_id
        view = screen.open_journal(first)
        wait_for(lambda: view.model is not None and view.model.rowCount() > 0)
        QCoreApplication.processEvents()
        elapsed = time.perf_counter() - started
        rows, columns = view.model.rowCount(), view.model.columnCount()
        window.close()
        QCoreApplication.processEvents()
        return elapsed, rows, columns

    def bare() -> float:
        started = time.perf_counter()
        session = auth.login(profile, login, DEMO_PASSWORD)
        period = gb.current_period_id(session, None)
        journals = gb.my_journals(session, period, scope="own") if period is not None else []
        if journals:
            gb.open_journal(session, journals[0].assignment_id)
        elapsed = time.perf_counter() - started
        session.close()
        return elapsed

    on_screen(), bare()  # warm
    ui_s, bare_s, shape = [], [], (0, 0)
    for _ in range(repeat):
        elapsed, rows, columns = on_screen()
        ui_s.append(elapsed)
        shape = (rows, columns)
        bare_s.append(bare())
    ui_ms, bare_ms = statistics.median(ui_s) * 1000, statistics.median(bare_s) * 1000
    print(f"login → first journal on screen, large demo college, teacher {login} (median of {repeat}):")
    print(f"  on screen (login, main window, list, grid {shape[0]}×{shape[1]})  {ui_ms:7.0f} ms")
    print(f"  bare service calls (login, my_journals, open_journal)   {bare_ms:7.0f} ms")
    print(f"  ratio                                                    {ui_ms / bare_ms:7.2f}×")
    del app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--large-db", help="a large demo college already filled (SQLite file)")
    parser.add_argument("--skip-journal", action="store_true", help="only the cold start")
    args = parser.parse_args(argv)
    cold_start(args.repeat)
    if not args.skip_journal:
        login_to_journal(args.large_db, max(3, args.repeat // 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
