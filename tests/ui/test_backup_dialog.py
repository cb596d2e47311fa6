"""«Резервные копии» driven like an admin would: real clicks, a real copy, the history row appears."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QLabel

from ejournal_desktop.services import backup
from ejournal_desktop.ui.backup_dialog import BackupPage, RestoreDialog
from ejournal_desktop.ui.main_window import MainWindow
from tests.test_backup import restored_dbs  # noqa: F401 - the fixture that drops restored databases
from tests.ui.conftest import hold_at_gate, type_text

TIMEOUT_MS = 60_000
WAIT_MS = 15_000


def loaded(qtbot, page: BackupPage) -> BackupPage:  # type: ignore[no-untyped-def]
    """Wait until the history, the reminder and the tool line, read off the GUI thread, are shown."""
    qtbot.waitUntil(lambda: not page.loading, timeout=TIMEOUT_MS)
    assert page.loading_label.text() == ""
    return page


def make_page(qtbot, session, folder: Path, *, wait: bool = True) -> BackupPage:  # type: ignore[no-untyped-def]
    page = BackupPage(session)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.folder_edit.setText(str(folder))
    return loaded(qtbot, page) if wait else page


def test_create_a_copy_and_see_it_in_the_history(qtbot, act_as, tmp_path: Path, backend: str) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, act_as("admin"), tmp_path / "usb")
    assert page.banner.isVisible() and "ещё не было" in page.banner.text()
    assert page.model.rowCount() == 0
    assert ("pg_dump 1" in page.tools_label.text()) == (backend == "postgresql")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert page.busy and page.cancel_button.isEnabled() and not page.create_button.isEnabled()
    qtbot.waitUntil(lambda: not page.busy, timeout=TIMEOUT_MS)
    assert "Копия создана и проверена" in page.status.text(), page.status.text()
    loaded(qtbot, page)
    assert page.model.rowCount() == 1
    row = page.selected_row()
    assert row is not None and row.verified and Path(row.path).is_file() and row.made_by == "admin"
    assert page.model.index(0, 3).data() == "проверена"
    assert not page.banner.isVisible()
    assert sorted(p.suffix for p in (tmp_path / "usb").iterdir()) == sorted([Path(row.path).suffix, ".json", ".sha256"])


def test_cancel_leaves_no_file(qtbot, act_as, tmp_path: Path, backend: str) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, act_as("admin"), tmp_path / "copies")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert page.job is not None
    page.job.signals.progress.connect(lambda *_: qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton))
    qtbot.waitUntil(lambda: not page.busy, timeout=TIMEOUT_MS)
    assert "Отменено" in page.status.text(), page.status.text()
    assert list((tmp_path / "copies").iterdir()) == []
    loaded(qtbot, page)
    assert page.model.rowCount() == 0  # a cancelled copy is no history


def test_verify_finds_a_damaged_copy(qtbot, act_as, tmp_path: Path, backend: str) -> None:  # type: ignore[no-untyped-def]
    admin = act_as("admin")
    made = backup.create(admin, tmp_path / "copies")
    page = make_page(qtbot, admin, tmp_path / "copies")
    assert page.selected_row() is not None
    with made.path.open("r+b") as handle:
        handle.truncate(made.size_bytes // 2)
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=TIMEOUT_MS)
    assert "повреждена" in page.status.text()
    loaded(qtbot, page)
    assert page.model.index(0, 3).data().startswith("ошибка")


def test_restore_dialog_needs_the_typed_name_to_go_over_the_live_database(qtbot, act_as, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    admin = act_as("admin")
    made = backup.create(admin, tmp_path / "copies")
    dialog = RestoreDialog(admin, str(made.path), str(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.new_radio.isChecked() and dialog.target_edit.text()  # a new database is the default
    qtbot.mouseClick(dialog.over_radio, Qt.MouseButton.LeftButton)
    type_text(qtbot, dialog.confirm_edit, "не то")
    dialog.check_and_accept()
    assert "введите имя" in dialog.error.text() and dialog.result() == 0
    dialog.confirm_edit.clear()
    type_text(qtbot, dialog.confirm_edit, backup.live_name(admin))
    dialog.check_and_accept()
    assert dialog.result() == 1 and dialog.choice()["over_live"]


def test_the_main_window_reminds_the_admin(qtbot, act_as, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The window opens without reading: the reminder is read in a worker (held at a gate here) and
    its banner comes into the status bar when the read is back. A teacher's window reads nothing."""
    gate = hold_at_gate(monkeypatch, backup, "reminder_state", WAIT_MS)
    window = MainWindow(act_as("admin"))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(gate.calls), timeout=WAIT_MS)
    assert gate.calls[0][0] is not threading.main_thread()
    assert window.backup_reminder is None and window.statusBar().findChild(QLabel, "backupReminder") is None
    gate.open()
    qtbot.waitUntil(lambda: window.backup_reminder is not None, timeout=WAIT_MS)
    assert "ещё не было" in window.backup_reminder.toolTip()
    assert window.statusBar().findChild(QLabel, "backupReminder") is window.backup_reminder
    window.backup_reminder.linkActivated.emit("backup")
    page = window.stack.currentWidget()
    assert isinstance(page, BackupPage)
    loaded(qtbot, page)
    teacher = MainWindow(act_as("prepod"))
    qtbot.addWidget(teacher)
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
    qtbot.wait(20)
    assert len(gate.calls) == 2  # the admin's window and the page; none for the teacher
    assert teacher.backup_reminder is None and teacher.statusBar().findChild(QLabel, "backupReminder") is None


def test_the_history_is_read_off_the_gui_thread_and_the_freshest_read_wins(  # type: ignore[no-untyped-def]
    qtbot, act_as, tmp_path: Path, monkeypatch
) -> None:
    """The page opens while the history is held in a worker: «Загрузка…» shows and the folder field
    takes typing. A copy made meanwhile and two F5 presses: when the gate opens the first read (made
    before the copy) is dropped, ONE more read runs, and the grid shows the copy, selected. Were the
    history read on the GUI thread, the page would not be built before the gate opened."""
    admin = act_as("admin")
    gate = hold_at_gate(monkeypatch, backup, "history", WAIT_MS)
    page = make_page(qtbot, admin, tmp_path / "copies", wait=False)
    qtbot.waitUntil(lambda: bool(gate.calls), timeout=WAIT_MS)
    assert gate.calls[0][0] is not threading.main_thread()
    assert page.loading and page.loading_label.isVisible() and page.loading_label.text() == "Загрузка…"
    assert page.model.rowCount() == 0 and not page.banner.isVisible()
    page.folder_edit.clear()
    type_text(qtbot, page.folder_edit, "Флешка")  # the GUI answers while the read is held
    assert page.folder_edit.text() == "Флешка"

    backup.create(admin, tmp_path / "copies")
    shown: list[int] = []
    page.model.modelReset.connect(lambda: shown.append(page.model.rowCount()))
    with qtbot.waitActive(page):  # key shortcuts go to the active window only
        page.activateWindow()
    page.table.setFocus()
    asked: list[bool] = []
    page.refresh_button.clicked.connect(lambda: asked.append(True))
    for presses in (1, 2):  # a button's shortcut clicks it after a short animation
        qtbot.keyClick(page.table, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: len(asked) == presses, timeout=WAIT_MS)  # noqa: B023
    assert len(gate.calls) == 1 and page.loading  # asked again: waits for the running read
    gate.open()
    loaded(qtbot, page)
    assert len(gate.calls) == 2 and all(thread is not threading.main_thread() for thread, _ in gate.calls)
    assert shown == [1]  # the stale empty history never reached the grid
    row = page.selected_row()
    assert row is not None and row.verified and not page.banner.isVisible()


def test_the_tool_line_is_read_off_the_gui_thread(qtbot, act_as, tmp_path: Path, monkeypatch, backend: str) -> None:  # type: ignore[no-untyped-def]
    gate = hold_at_gate(monkeypatch, backup, "server_version_line", WAIT_MS)
    page = make_page(qtbot, act_as("admin"), tmp_path / "copies", wait=False)
    qtbot.waitUntil(lambda: bool(gate.calls), timeout=WAIT_MS)
    assert gate.calls[0][0] is not threading.main_thread()
    assert page.tools_label.text() == "Загрузка…" and page.loading
    gate.open()
    loaded(qtbot, page)
    assert ("pg_dump 1" in page.tools_label.text()) == (backend == "postgresql"), page.tools_label.text()
    if backend == "postgresql":  # a folder without pg_dump: the Russian refusal, in red
        page.tools_edit.setText(str(tmp_path))
        page.refresh_tools()
        loaded(qtbot, page)
        assert "нет работающих pg_dump" in page.tools_label.text(), page.tools_label.text()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


def test_after_a_restore_into_a_new_database_the_profile_can_be_switched(  # type: ignore[no-untyped-def]
    qtbot, act_as, tmp_path: Path, monkeypatch, backend: str, request
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ejournal_desktop.ui.profiles import ProfileStore
    from tests.test_backup import new_db_name

    admin = act_as("admin")
    made = backup.create(admin, tmp_path / "copies")
    if backend == "sqlite":
        target = str(tmp_path / "restored.sqlite3")
    else:
        target = new_db_name()
        request.getfixturevalue("restored_dbs").append(target)
    result = backup.restore_new(admin, made.path, target)
    assert result.profile is not None and result.target == target
    assert (result.profile.path if backend == "sqlite" else result.profile.database) == target
    page = make_page(qtbot, admin, tmp_path / "copies")
    switched: list[bool] = []
    monkeypatch.setattr(page, "_switch_user", lambda: switched.append(True))
    # The admin answers «Да» to «Переключить программу на восстановленную базу?».
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page._restored(result)
    store = ProfileStore()
    assert store.find(result.profile.name) == result.profile
    assert store.last_profile_name() == result.profile.name and switched == [True]
    assert "Восстановлено в новую базу" in page.status.text()
