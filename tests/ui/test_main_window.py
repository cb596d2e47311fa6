"""The main window: only the sections of the person's roles; switching the user; the app loop."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ejournal_desktop.app import Shell
from ejournal_desktop.domain.permissions import sections_for
from ejournal_desktop.ui import main_window
from ejournal_desktop.ui.login_dialog import LoginDialog
from ejournal_desktop.ui.main_window import MainWindow, PlaceholderPage
from ejournal_desktop.ui.profiles import ProfileStore
from tests.ui.conftest import log_in

EXPECTED_SECTIONS = {
    "prepod": ["journals", "board", "messages"],
    "kurator": ["journals", "my_group", "portfolio", "reports", "board", "messages"],
    "secretar": ["contingent", "load", "reports", "board", "messages"],
    "admin": ["accounts", "backup", "audit", "reports", "board", "messages"],
    "zam": ["journals", "control", "audit", "reports", "board", "messages"],
}
EXPECTED_TITLES = {
    "prepod": "ЭЖ — Иванов Иван Иванович (Преподаватель)",
    "kurator": "ЭЖ — Петрова Мария Сергеевна (Преподаватель)",
    "secretar": "ЭЖ — Сидорова Ольга Николаевна (Секретарь учебной части)",
    "admin": "ЭЖ — Кузнецов Алексей Викторович (Администратор)",
    "zam": "ЭЖ — Смирнова Елена Павловна (Зам. директора по УПР, Преподаватель)",
}


def open_main_window(qtbot, dialog: LoginDialog, login: str) -> MainWindow:  # type: ignore[no-untyped-def]
    log_in(qtbot, dialog, login)
    window = MainWindow(dialog.session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def navigation_keys(window: MainWindow) -> list[str]:
    nav = window.navigation
    return [nav.item(row).data(Qt.ItemDataRole.UserRole) for row in range(nav.count())]


@pytest.mark.parametrize("login", sorted(EXPECTED_SECTIONS))
def test_the_window_shows_exactly_the_sections_of_the_roles(qtbot, login_dialog: LoginDialog, login: str) -> None:  # type: ignore[no-untyped-def]
    window = open_main_window(qtbot, login_dialog, login)
    try:
        assert navigation_keys(window) == EXPECTED_SECTIONS[login]
        user = window.session.user
        titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
        assert titles == [s.title_ru for s in sections_for(user.roles, is_curator=user.is_curator)]
        assert window.windowTitle() == EXPECTED_TITLES[login]
        assert window.stack.count() == len(EXPECTED_SECTIONS[login])
        # Every section opens; unwritten ones say so honestly.
        for row, key in enumerate(EXPECTED_SECTIONS[login]):
            window.navigation.setCurrentRow(row)
            page = window.stack.currentWidget()
            assert page is window.page(key)
            if key in main_window.PAGE_FACTORIES:
                continue  # a real screen: tested with its own module
            assert isinstance(page, PlaceholderPage)
            texts = [label.text() for label in page.findChildren(QLabel)]
            assert texts == [titles[row], "Раздел в разработке"]
    finally:
        window.close()


def test_the_status_bar_names_the_user_the_database_and_the_backend(qtbot, login_dialog, college) -> None:  # type: ignore[no-untyped-def]
    window = open_main_window(qtbot, login_dialog, "prepod")
    try:
        assert window.user_label.text() == "Иванов Иван Иванович (prepod)"
        assert window.profile_label.text() == college.describe()
        assert window.backend_label.text() == "SQLite (встроенная база)"
        assert "0.1.0" in window.about_text()
    finally:
        window.close()


def test_a_registered_screen_replaces_the_placeholder(qtbot, login_dialog, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    class JournalsPage(QWidget):
        def __init__(self, session, section) -> None:  # type: ignore[no-untyped-def]
            super().__init__()
            self.session, self.section = session, section

    monkeypatch.setitem(main_window.PAGE_FACTORIES, "journals", JournalsPage)
    monkeypatch.delitem(main_window.PAGE_FACTORIES, "board", raising=False)  # a section left without a screen
    window = open_main_window(qtbot, login_dialog, "prepod")
    try:
        page = window.stack.currentWidget()
        assert isinstance(page, JournalsPage)
        assert page.session is window.session
        assert page.section.key == "journals"
        window.open_section("board")
        assert isinstance(window.stack.currentWidget(), PlaceholderPage)
    finally:
        window.close()


class QuitSpy:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1


def shell_login(qtbot, shell: Shell, login: str) -> MainWindow:  # type: ignore[no-untyped-def]
    dialog = shell.login_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitExposed(dialog)
    log_in(qtbot, dialog, login)
    window = shell.main_window
    assert window is not None and window.isVisible()
    return window


def test_switch_user_closes_the_session_and_returns_to_the_login_dialog(qtbot, store: ProfileStore) -> None:  # type: ignore[no-untyped-def]
    quit_app = QuitSpy()
    shell = Shell(store, quit_app=quit_app)
    shell.show_login()
    window = shell_login(qtbot, shell, "prepod")
    old_session = window.session
    assert old_session.engine.pool.checkedin() > 0  # the login left a pooled connection

    window.switch_user_action.trigger()  # «Файл → Сменить пользователя»
    assert old_session.engine.pool.checkedin() == 0  # disposed: no connection of the old person
    assert not window.isVisible()
    assert shell.main_window is None
    assert quit_app.calls == 0
    dialog = shell.login_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.login_edit.text() == "prepod"  # the last login is offered again

    second = shell_login(qtbot, shell, "secretar")
    assert navigation_keys(second) == EXPECTED_SECTIONS["secretar"]
    second.quit_action.trigger()  # «Выход»
    assert quit_app.calls == 1
    assert second.session.engine.pool.checkedin() == 0


def test_the_switch_user_shortcut(qtbot, store: ProfileStore) -> None:  # type: ignore[no-untyped-def]
    shell = Shell(store, quit_app=QuitSpy())
    shell.show_login()
    window = shell_login(qtbot, shell, "prepod")
    assert window.switch_user_action.shortcut().toString() == "Ctrl+Shift+L"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: shell.main_window is None)
    assert shell.login_dialog is not None
    shell.login_dialog.reject()


def test_cancelling_the_login_dialog_quits(qtbot, store: ProfileStore) -> None:  # type: ignore[no-untyped-def]
    quit_app = QuitSpy()
    shell = Shell(store, quit_app=quit_app)
    dialog = shell.show_login()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert quit_app.calls == 1
    assert shell.main_window is None
