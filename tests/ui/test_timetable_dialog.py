"""The journal's timetable dialog: tick pairs with the keyboard, create a month of lessons, see them.

The dialog reads, saves and creates off the GUI thread: the tests wait for it (`_idle`), and one
holds a save in the worker to see that the key press came back at once.
"""

from __future__ import annotations

import datetime as dt
import os
import threading

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services import timetable as tt
from ejournal_desktop.ui.journal_view import JournalView
from ejournal_desktop.ui.timetable_dialog import TimetableDialog
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import hold_at_gate

WAIT_MS = 10_000


def _idle(qtbot, dialog: TimetableDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert dialog.busy_label.text() == ""


def _open(qtbot, session, aid: int) -> tuple[JournalView, TimetableDialog]:  # type: ignore[no-untyped-def]
    view = JournalView(session, aid, today=DEMO_TODAY)
    qtbot.addWidget(view)
    view.resize(1300, 760)
    view.show()
    qtbot.waitUntil(lambda: view.model is not None, timeout=WAIT_MS)
    view.grid.setFocus()
    qtbot.keyClick(view.grid, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.timetable_dialog is not None and view.timetable_dialog.isVisible(), timeout=WAIT_MS)
    dialog = view.timetable_dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
    _idle(qtbot, dialog)  # the timetable was read in the background
    return view, dialog


def _assignment(session) -> int:  # type: ignore[no-untyped-def]
    return gb.my_journals(session, gb.current_period_id(session, DEMO_TODAY), today=DEMO_TODAY)[0].assignment_id


def test_tick_pairs_and_create_december(qtbot, act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    aid = _assignment(session)
    tt.save_timetable(session, aid, [])
    view, dialog = _open(qtbot, session, aid)
    lessons_before = len(view.model.lessons)  # type: ignore[union-attr]
    assert dialog.month_combo.currentData() == 202611
    assert dialog.create_button.isEnabled()

    # Tuesday 6th pair and Thursday 6th pair, ticked with Space.
    for weekday in (1, 3):
        dialog.view.setCurrentIndex(dialog.model.index(5, weekday))
        dialog.view.setFocus()
        qtbot.keyClick(dialog.view, Qt.Key.Key_Space)
    _idle(qtbot, dialog)
    assert tt.load_timetable(session, aid).slots == (tt.Slot(1, 6), tt.Slot(3, 6))
    assert "Вт, 6-я пара; Чт, 6-я пара" in dialog.summary.text()
    if os.environ.get("EJOURNAL_SHOTS"):
        dialog.grab().save(os.path.join(os.environ["EJOURNAL_SHOTS"], "timetable.png"))

    dialog.month_combo.setCurrentIndex(dialog.month_combo.findData(202612))
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        assert not dialog.create_button.isEnabled()  # no second one while this one is on its way
    december = [dt.date(2026, 12, d) for d in (1, 3, 8, 10, 15, 17, 22, 24, 29, 31)]
    assert f"Создано занятий за декабрь 2026: {len(december)}" in dialog.result_label.text()
    new = [lesson for lesson in view.model.lessons if lesson.pair_no == 6 and lesson.held_on.month == 12]  # type: ignore[union-attr]
    assert [lesson.held_on for lesson in new] == december
    assert len(view.model.lessons) == lessons_before + len(december)  # type: ignore[union-attr]
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Создано занятий за декабрь 2026: 0" in dialog.result_label.text(), timeout=WAIT_MS)
    _idle(qtbot, dialog)
    assert "уже были — 10" in dialog.result_label.text()
    dialog.close()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


def test_a_tick_is_saved_off_the_gui_thread_and_the_last_week_wins(qtbot, act_as, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The save is held in the worker: Space has come back, the tick and «Сохранение…» show; a
    second tick meanwhile waits its turn, and «Создать занятия» queued behind them uses both. Were
    the save made on the GUI thread, Space would block on the gate and be seen on the main thread."""
    session = act_as("prepod")
    aid = _assignment(session)
    tt.save_timetable(session, aid, [])
    view, dialog = _open(qtbot, session, aid)
    gate = hold_at_gate(monkeypatch, tt, "save_timetable", WAIT_MS)
    calls = gate.calls
    dialog.view.setFocus()
    for weekday in (0, 2):  # Monday and Wednesday, 7th pair
        dialog.view.setCurrentIndex(dialog.model.index(6, weekday))
        qtbot.keyClick(dialog.view, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: bool(calls), timeout=WAIT_MS)  # the first save has started, in a worker
        assert calls[0][0] is not threading.main_thread()
        assert dialog.model.index(6, weekday).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        assert dialog.busy and dialog.busy_label.text() == "Сохранение…"
        assert tt.load_timetable(session, aid).slots == ()  # still held at the gate
    assert len(calls) == 1 and "Пн, 7-я пара; Ср, 7-я пара (2)" in dialog.summary.text()

    dialog.month_combo.setCurrentIndex(dialog.month_combo.findData(202612))
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)  # queued behind the saves
    created: list[tt.CreatedLessons] = []
    dialog.lessons_created.connect(created.append)
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):  # the journal re-reads when lessons were created
        gate.open()
    assert tt.load_timetable(session, aid).slots == (tt.Slot(0, 7), tt.Slot(2, 7))
    assert len(created) == 1 and {day.weekday() for day, pair in created[0].created} == {0, 2}
    shown = {(lesson.held_on, lesson.pair_no) for lesson in view.model.lessons}  # type: ignore[union-attr]
    assert set(created[0].created) <= shown
    _idle(qtbot, dialog)
    dialog.close()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
