"""The journal's timetable dialog: tick pairs with the keyboard, create a month of lessons, see them."""

from __future__ import annotations

import datetime as dt
import os

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services import timetable as tt
from ejournal_desktop.ui.journal_view import JournalView
from tests.conftest import DEMO_TODAY

WAIT_MS = 10_000


def test_tick_pairs_and_create_december(qtbot, act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    aid = gb.my_journals(session, gb.current_period_id(session, DEMO_TODAY), today=DEMO_TODAY)[0].assignment_id
    tt.save_timetable(session, aid, [])
    view = JournalView(session, aid, today=DEMO_TODAY)
    qtbot.addWidget(view)
    view.resize(1300, 760)
    view.show()
    qtbot.waitUntil(lambda: view.model is not None, timeout=WAIT_MS)
    lessons_before = len(view.model.lessons)  # type: ignore[union-attr]
    view.grid.setFocus()
    qtbot.keyClick(view.grid, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.timetable_dialog is not None and view.timetable_dialog.isVisible(), timeout=WAIT_MS)
    dialog = view.timetable_dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
    assert dialog.month_combo.currentData() == 202611

    # Tuesday 6th pair and Thursday 6th pair, ticked with Space.
    for weekday in (1, 3):
        dialog.view.setCurrentIndex(dialog.model.index(5, weekday))
        dialog.view.setFocus()
        qtbot.keyClick(dialog.view, Qt.Key.Key_Space)
    assert tt.load_timetable(session, aid).slots == (tt.Slot(1, 6), tt.Slot(3, 6))
    assert "Вт, 6-я пара; Чт, 6-я пара" in dialog.summary.text()
    if os.environ.get("EJOURNAL_SHOTS"):
        dialog.grab().save(os.path.join(os.environ["EJOURNAL_SHOTS"], "timetable.png"))

    dialog.month_combo.setCurrentIndex(dialog.month_combo.findData(202612))
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    december = [dt.date(2026, 12, d) for d in (1, 3, 8, 10, 15, 17, 22, 24, 29, 31)]
    assert f"Создано занятий за декабрь 2026: {len(december)}" in dialog.result_label.text()
    new = [lesson for lesson in view.model.lessons if lesson.pair_no == 6 and lesson.held_on.month == 12]  # type: ignore[union-attr]
    assert [lesson.held_on for lesson in new] == december
    assert len(view.model.lessons) == lessons_before + len(december)  # type: ignore[union-attr]
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "Создано занятий за декабрь 2026: 0" in dialog.result_label.text()
    assert "уже были — 10" in dialog.result_label.text()
    dialog.close()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
