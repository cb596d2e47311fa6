"""«Резервные копии» driven like an admin would: real clicks, a real copy, the history row appears."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from ejournal_desktop.services import backup
from ejournal_desktop.ui.backup_dialog import BackupPage, RestoreDialog
from ejournal_desktop.ui.main_window import MainWindow
from tests.test_backup import restored_dbs  # noqa: F401 - the fixture that drops restored databases

TIMEOUT_MS = 60_000


def make_page(qtbot, session, folder: Path) -> BackupPage:  # type: ignore[no-untyped-def]
    page = BackupPage(session)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.folder_edit.setText(str(folder))
    return page


def test_create_a_copy_and_see_it_in_the_history(qtbot, act_as, tmp_path: Path, backend: str) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, act_as("admin"), tmp_path / "usb")
    assert page.banner.isVisible() and "ещё не было" in page.banner.text()
    assert page.model.rowCount() == 0
    assert ("pg_dump 1" in page.tools_label.text()) == (backend == "postgresql")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert page.busy and page.cancel_button.isEnabled() and not page.create_button.isEnabled()
    qtbot.waitUntil(lambda: not page.busy, timeout=TIMEOUT_MS)
    assert "Копия создана и проверена" in page.status.text(), page.status.text()
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
    assert page.model.index(0, 3).data().startswith("ошибка")


def test_restore_dialog_needs_the_typed_name_to_go_over_the_live_database(qtbot, act_as, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import type_text

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


def test_the_main_window_reminds_the_admin(qtbot, act_as) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(act_as("admin"))
    qtbot.addWidget(window)
    assert window.backup_reminder is not None and "ещё не было" in window.backup_reminder.toolTip()
    window.backup_reminder.linkActivated.emit("backup")
    assert isinstance(window.stack.currentWidget(), BackupPage)
    teacher = MainWindow(act_as("prepod"))
    qtbot.addWidget(teacher)
    assert teacher.backup_reminder is None


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
