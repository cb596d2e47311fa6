"""The parent's screens with real key presses: log in as «roditel», switch children, open a message."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ejournal_desktop.services import messages
from ejournal_desktop.services.auth import Profile
from ejournal_desktop.ui.board_screen import BoardScreen
from ejournal_desktop.ui.diary_screen import DiaryScreen
from ejournal_desktop.ui.login_dialog import LoginDialog
from ejournal_desktop.ui.main_window import MainWindow
from ejournal_desktop.ui.messages_screen import MessagesScreen
from ejournal_desktop.ui.profiles import ProfileStore
from tests.conftest import DEMO_PASSWORD
from tests.ui.conftest import log_in, type_text


def _demo_window(qtbot, demo_file: Path, login: str) -> MainWindow:  # type: ignore[no-untyped-def]
    store = ProfileStore()
    store.save(Profile(name="Демо", kind="embedded", path=str(demo_file)))
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    log_in(qtbot, dialog, login, DEMO_PASSWORD)
    window = MainWindow(dialog.session)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_parent_switches_children_and_opens_a_message(qtbot, demo_file: Path) -> None:  # type: ignore[no-untyped-def]
    window = _demo_window(qtbot, demo_file, "roditel")
    try:
        assert window.section_keys()[:2] == ["diary", "portfolio"]
        # The unread badge on the navigation (the demo leaves 3 messages unread for the parent).
        messages_row = window.section_keys().index("messages")
        qtbot.waitUntil(lambda: window.navigation.item(messages_row).text() == "Сообщения (3)", timeout=5000)

        diary_page = window.page("diary")
        assert isinstance(diary_page, DiaryScreen)
        qtbot.waitUntil(lambda: diary_page.current is not None, timeout=5000)
        first = diary_page.current
        assert diary_page.child_combo.count() == 2 and diary_page.child_combo.isVisible()
        assert "Что нового с" in diary_page.news.text() and "новые оценки" in diary_page.news.text()
        # Switch to the other child with the keyboard.
        diary_page.child_combo.setFocus()
        qtbot.keyClick(diary_page.child_combo, Qt.Key.Key_Down)
        qtbot.waitUntil(
            lambda: diary_page.current is not None and diary_page.current.student != first.student, timeout=5000
        )
        second = diary_page.current
        assert second.student.name in diary_page.title.text()
        assert diary_page.disciplines.rowCount() == len(second.disciplines) > 0
        assert diary_page.marks.rowCount() == len(second.disciplines[0].marks)

        window.open_section("messages")
        page = window.page("messages")
        assert isinstance(page, MessagesScreen)
        qtbot.waitUntil(lambda: page.conversations.count() > 0, timeout=5000)
        unread_row = next(r for r in range(page.conversations.count()) if page.conversations.item(r).font().bold())
        page.conversations.setFocus()
        page.conversations.setCurrentRow(unread_row)
        qtbot.waitUntil(lambda: page.thread_data is not None, timeout=5000)
        assert page.thread_data.conversation.id == page.conversations.item(unread_row).data(Qt.ItemDataRole.UserRole)
        assert page.thread_data.messages[-1].body in page.thread_view.toPlainText()
        # Reading the conversation brings the badge down.
        qtbot.waitUntil(lambda: window.navigation.item(messages_row).text() != "Сообщения (3)", timeout=5000)

        # Reply with markup: it is shown literally, as plain text.
        page.compose.setFocus()
        type_text(qtbot, page.compose, "<b>Спасибо</b> <script>x</script>")
        qtbot.keyClick(page.compose, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "<b>Спасибо</b> <script>x</script>" in page.thread_view.toPlainText(), timeout=5000)
        assert page.compose.toPlainText() == ""
        sent = messages.thread(window.session, page.conversation_id).messages[-1]
        assert sent.body == "<b>Спасибо</b> <script>x</script>" and sent.mine
    finally:
        window.close()
        QApplication.processEvents()


def test_the_board_shows_the_notices_of_the_reader(qtbot, demo_file: Path) -> None:  # type: ignore[no-untyped-def]
    window = _demo_window(qtbot, demo_file, "student")
    try:
        window.open_section("board")
        page = window.page("board")
        assert isinstance(page, BoardScreen)
        qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
        titles = [row.title for row in page.model.rows]
        assert "Классный час" in titles and not any(t.startswith("Родительское собрание группы") for t in titles)
        assert not page.publish_button.isVisible()
        qtbot.waitUntil(lambda: page.heading.text() == page.model.rows[0].title, timeout=5000)
    finally:
        window.close()
        QApplication.processEvents()
