"""A temporary password must be changed before the journal opens; anyone changes their own from the menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import update

from ejournal_desktop.app import Shell
from ejournal_desktop.services import auth, credentials
from ejournal_desktop.services.auth import Profile
from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import make_engine
from ejournal_desktop.ui.change_password_dialog import ChangePasswordDialog
from ejournal_desktop.ui.profiles import ProfileStore
from tests.ui.conftest import PASSWORD, log_in, type_text

NEW_PASSWORD = 'Новый "пароль" 2026'


class QuitSpy:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1


def must_change(profile: Profile, login: str) -> None:
    engine = make_engine(profile.url())
    with engine.begin() as conn:
        conn.execute(update(m.Account).where(m.Account.login == login).values(must_change_password=True))
    engine.dispose()


def fill(qtbot, dialog: ChangePasswordDialog, old: str, new: str, repeat: str) -> None:  # type: ignore[no-untyped-def]
    for edit, value in ((dialog.old_edit, old), (dialog.new_edit, new), (dialog.repeat_edit, repeat)):
        edit.clear()
        type_text(qtbot, edit, value)
    qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)


def test_a_temporary_password_is_changed_before_the_main_window(qtbot, store: ProfileStore, college: Profile) -> None:  # type: ignore[no-untyped-def]
    must_change(college, "prepod")
    shell = Shell(store, quit_app=QuitSpy())
    shell.show_login()
    assert shell.login_dialog is not None
    log_in(qtbot, shell.login_dialog, "prepod")
    dialog = shell.password_dialog
    assert dialog is not None and dialog.isVisible() and dialog.forced
    assert shell.main_window is None  # nothing of the journal before a new password
    assert dialog.buttons.button(dialog.buttons.StandardButton.Cancel).text() == "Выйти"

    fill(qtbot, dialog, PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x")
    assert "не совпадают" in dialog.error_label.text()
    assert dialog.repeat_edit.styleSheet()  # the field at fault is outlined
    fill(qtbot, dialog, "неверный пароль", NEW_PASSWORD, NEW_PASSWORD)
    assert "Текущий пароль" in dialog.error_label.text()
    fill(qtbot, dialog, PASSWORD, "prepod", "prepod")
    assert "коротк" in dialog.error_label.text() or "логином" in dialog.error_label.text()
    assert shell.main_window is None

    fill(qtbot, dialog, PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
    qtbot.waitUntil(lambda: shell.main_window is not None)
    window = shell.main_window
    assert window is not None and window.isVisible()
    assert not window.session.user.must_change_password
    window.switch_user_action.trigger()
    # The new password works, the old one does not, and it is not asked again.
    session = auth.login(college, "prepod", NEW_PASSWORD)
    assert not session.user.must_change_password
    session.close()
    assert shell.login_dialog is not None
    shell.login_dialog.reject()


def test_leaving_the_forced_dialog_logs_out(qtbot, store: ProfileStore, college: Profile) -> None:  # type: ignore[no-untyped-def]
    must_change(college, "prepod")
    shell = Shell(store, quit_app=QuitSpy())
    shell.show_login()
    assert shell.login_dialog is not None
    log_in(qtbot, shell.login_dialog, "prepod")
    dialog = shell.password_dialog
    assert dialog is not None
    session = dialog.session
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert shell.main_window is None
    assert shell.login_dialog is not None and shell.login_dialog.isVisible()
    assert session.engine.pool.checkedin() == 0  # the session was closed
    shell.login_dialog.reject()


def test_the_menu_changes_the_own_password_and_the_remembered_one(qtbot, store, college, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    session = auth.login(college, "admin", PASSWORD)
    credentials.remember_password(college, "admin", PASSWORD)
    from ejournal_desktop.ui.main_window import MainWindow

    window = MainWindow(session)
    qtbot.addWidget(window)
    assert window.change_password_action.text() == "Сменить пароль…"
    dialog = ChangePasswordDialog(session, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.buttons.button(dialog.buttons.StandardButton.Cancel).text() == "Отмена"
    with qtbot.waitSignal(dialog.accepted):
        fill(qtbot, dialog, PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
    assert credentials.recall_password(college, "admin") == NEW_PASSWORD
    window.close()
