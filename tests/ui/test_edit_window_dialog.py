"""«Журнал → Срок исправлений…»: the deputy sets the edit window with the keyboard; a teacher has no such menu."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from ejournal_desktop.services import settings
from ejournal_desktop.ui.edit_window_dialog import EditWindowDialog, install_menu
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import type_text


def _window(qtbot) -> QMainWindow:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    window.menuBar().addMenu("&Файл")
    window.menuBar().addMenu("&Справка")
    qtbot.addWidget(window)
    return window


def test_the_deputy_sets_the_edit_window_from_the_menu(qtbot, act_as) -> None:  # type: ignore[no-untyped-def]
    deputy = act_as("zamdir")
    window = _window(qtbot)
    action = install_menu(window, deputy)
    assert action is not None and action.shortcut().toString() == "Ctrl+Shift+E"
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&Файл", "&Журнал", "&Справка"]

    dialog = EditWindowDialog(deputy, window, today=DEMO_TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.days_spin.value() == settings.edit_window_days(deputy) == 7
    assert "22.11.2026" in dialog.hint_label.text()
    dialog.days_spin.selectAll()
    type_text(qtbot, dialog.days_spin, "12")
    assert dialog.days_spin.value() == 12 and dialog.days_spin.suffix() == " дней"
    assert "17.11.2026" in dialog.hint_label.text()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.days_spin, Qt.Key.Key_Return)
    assert settings.edit_window_days(act_as("prepod")) == 12  # the teachers' grids use it now
    dialog.days_spin.setValue(1)
    assert dialog.days_spin.suffix() == " день"


def test_the_admin_has_the_menu_and_a_teacher_has_not(qtbot, act_as) -> None:  # type: ignore[no-untyped-def]
    assert install_menu(_window(qtbot), act_as("admin")) is not None
    teacher_window = _window(qtbot)
    assert install_menu(teacher_window, act_as("prepod")) is None
    assert [a.text() for a in teacher_window.menuBar().actions()] == ["&Файл", "&Справка"]


def test_a_refusal_is_shown_in_the_dialog_and_nothing_changes(qtbot, act_as) -> None:  # type: ignore[no-untyped-def]
    teacher = act_as("prepod")  # the dialog opened past the menu: the service still refuses
    dialog = EditWindowDialog(teacher, today=dt.date(2026, 11, 29))
    qtbot.addWidget(dialog)
    dialog.days_spin.setValue(30)
    dialog.accept()
    assert dialog.error_label.isVisibleTo(dialog) and "Недостаточно прав" in dialog.error_label.text()
    assert dialog.result() == 0 and settings.edit_window_days(teacher) == 7
