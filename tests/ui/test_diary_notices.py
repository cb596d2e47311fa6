"""A parent's e-mail notices from the diary, with real clicks and key presses: «roditel» on a copy of the demo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from sqlalchemy import text

from ejournal_desktop.services import notifications
from ejournal_desktop.ui.diary_screen import DiaryScreen, NoticesDialog
from ejournal_desktop.ui.main_window import MainWindow
from tests.ui.conftest import open_demo_window


def when_shown(on_shown: Callable[[NoticesDialog], None], seen: list[NoticesDialog]) -> None:
    """Call on_shown with the next modal dialog once it is up (exec() blocks the test meanwhile)."""

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NoticesDialog):
            QTimer.singleShot(50, check)
            return
        seen.append(dialog)
        on_shown(dialog)

    QTimer.singleShot(50, check)


def press_save(qtbot, dialog: QWidget) -> None:  # type: ignore[no-untyped-def]
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def set_email(window: MainWindow, address: str | None) -> None:
    with window.session.engine.begin() as conn:
        conn.execute(
            text("UPDATE person SET email = :e WHERE id = :p"), {"e": address, "p": window.session.user.person_id}
        )


def test_a_parent_ticks_a_notice_saves_and_finds_it_ticked_again(qtbot, demo_file) -> None:  # type: ignore[no-untyped-def]
    window = open_demo_window(qtbot, demo_file, "roditel")
    try:
        page = window.page("diary")
        assert isinstance(page, DiaryScreen) and page.notices_button is not None
        assert page.notices_button.isVisible()
        seen: list[NoticesDialog] = []

        # No address: the note says so; ticking and saving is refused with the service's message.
        set_email(window, None)

        def refused(dialog: NoticesDialog) -> None:
            assert "не записан адрес электронной почты" in dialog.address.text()
            assert not (dialog.bad_marks_box.isChecked() or dialog.absences_box.isChecked())
            dialog.bad_marks_box.setFocus()
            qtbot.keyClick(dialog.bad_marks_box, Qt.Key.Key_Space)
            press_save(qtbot, dialog)
            assert dialog.isVisible() and dialog.error_label.isVisible()
            assert "не записан адрес электронной почты" in dialog.error_label.text()
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)

        when_shown(refused, seen)
        qtbot.mouseClick(page.notices_button, Qt.MouseButton.LeftButton)
        assert len(seen) == 1 and not notifications.get_subscription(window.session).any

        # With an address: it is shown; «2» ticked with the keyboard, saved.
        set_email(window, "roditel@example.net")

        def tick(dialog: NoticesDialog) -> None:
            assert dialog.address.text() == "Письма приходят на адрес: roditel@example.net"
            dialog.bad_marks_box.setFocus()
            qtbot.keyClick(dialog.bad_marks_box, Qt.Key.Key_Space)
            dialog.digest_box.setFocus()
            qtbot.keyClick(dialog.digest_box, Qt.Key.Key_Space)
            press_save(qtbot, dialog)

        when_shown(tick, seen)
        qtbot.mouseClick(page.notices_button, Qt.MouseButton.LeftButton)
        assert len(seen) == 2 and page.status.text() == "Уведомления включены"
        stored = notifications.get_subscription(window.session)
        assert (stored.bad_marks, stored.absences, stored.weekly_digest) == (True, False, True)

        # Reopened: the same boxes are ticked; the digest unticked and saved, the «2» stays.
        def reopen(dialog: NoticesDialog) -> None:
            assert dialog.bad_marks_box.isChecked() and dialog.digest_box.isChecked()
            assert not dialog.absences_box.isChecked()
            dialog.digest_box.setFocus()
            qtbot.keyClick(dialog.digest_box, Qt.Key.Key_Space)
            press_save(qtbot, dialog)

        when_shown(reopen, seen)
        qtbot.mouseClick(page.notices_button, Qt.MouseButton.LeftButton)

        def look(dialog: NoticesDialog) -> None:
            seen_boxes.append(
                (dialog.bad_marks_box.isChecked(), dialog.absences_box.isChecked(), dialog.digest_box.isChecked())
            )
            dialog.reject()

        seen_boxes: list[tuple[bool, bool, bool]] = []
        when_shown(look, seen)
        qtbot.mouseClick(page.notices_button, Qt.MouseButton.LeftButton)
        assert seen_boxes == [(True, False, False)] and len(seen) == 4
    finally:
        window.close()
        QApplication.processEvents()


def test_only_a_parent_has_the_notices_button(qtbot, demo_file) -> None:  # type: ignore[no-untyped-def]
    window = open_demo_window(qtbot, demo_file, "student")
    try:
        page = window.page("diary")
        assert isinstance(page, DiaryScreen) and page.notices_button is None
        assert page.findChild(NoticesDialog) is None
    finally:
        window.close()
        QApplication.processEvents()
