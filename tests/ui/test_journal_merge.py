"""Taking in somebody else's changes (what a NOTIFY hint triggers), on SQLite and PostgreSQL: cells
merge in place, the cursor and a half-typed value stay, new lessons wait for the editor to close."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QAbstractItemView

from ejournal_desktop.domain.marks import CellEntry
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.ui.journal_view import JournalView
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import type_text

WAIT_MS = 10_000


def test_a_refresh_merges_cells_and_keeps_typing(qtbot, act_as) -> None:  # type: ignore[no-untyped-def]
    mine, other = act_as("prepod"), act_as("prepod")
    aid = gb.my_journals(mine, gb.current_period_id(mine, DEMO_TODAY), today=DEMO_TODAY)[0].assignment_id
    lesson = gb.add_lesson(mine, aid, DEMO_TODAY - dt.timedelta(days=1), 8)
    view = JournalView(mine, aid, today=DEMO_TODAY, retry_ms=100)
    qtbot.addWidget(view)
    view.resize(1300, 760)
    view.show()
    qtbot.waitUntil(lambda: view.model is not None, timeout=WAIT_MS)
    view.stop_listening()  # the hints are simulated here: _refresh_from_hint is what a hint runs
    model, grid = view.model, view.grid
    column = model.column_of_lesson(lesson.lesson_id)
    rows = [r for r in range(model.rowCount()) if model.is_editable(model.index(r, column))]
    columns = len(model.lessons)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))

    grid.setCurrentIndex(model.index(rows[0], column))
    grid.setFocus()
    type_text(qtbot, grid.focus_target(), "4")
    theirs = model.students[rows[1]].student_id
    gb.save_cell(other, lesson.lesson_id, theirs, CellEntry(("5",)), gb.EMPTY_CELL_STATE, today=DEMO_TODAY)
    # Also the very cell I am typing in: it keeps my text; my save will meet theirs as a conflict.
    mine_id = model.students[rows[0]].student_id
    gb.save_cell(other, lesson.lesson_id, mine_id, CellEntry(("2",)), gb.EMPTY_CELL_STATE, today=DEMO_TODAY)
    with qtbot.waitSignal(view.refreshed, timeout=WAIT_MS):
        view._refresh_from_hint()
    assert not resets
    assert model.text_at(model.index(rows[1], column)) == "5"
    assert grid.state() == QAbstractItemView.State.EditingState and grid.focus_target().text() == "4"
    assert grid.currentIndex() == model.index(rows[0], column)
    conflicts: list[str] = []
    view.ask_conflict = lambda text: conflicts.append(text) or False  # keep theirs
    qtbot.keyClick(grid.focus_target(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(conflicts), timeout=WAIT_MS)
    assert "«2»" in conflicts[0] and "«4»" in conflicts[0]
    qtbot.waitUntil(view.queue.is_idle, timeout=WAIT_MS)
    assert model.text_at(model.index(rows[0], column)) == "2"

    # A lesson added elsewhere while I type: the reset waits until my cell is committed.
    grid.setCurrentIndex(model.index(rows[2], column))
    grid.setFocus()
    type_text(qtbot, grid.focus_target(), "3")
    gb.add_lesson(other, aid, DEMO_TODAY - dt.timedelta(days=2), 8)
    view._refresh_from_hint()
    qtbot.wait(800)
    assert len(model.lessons) == columns and grid.focus_target().text() == "3"
    with qtbot.waitSignal(view.refreshed, timeout=WAIT_MS):
        qtbot.keyClick(grid.focus_target(), Qt.Key.Key_Return)
    assert len(model.lessons) == columns + 1
    qtbot.waitUntil(view.queue.is_idle, timeout=WAIT_MS)
    key = (model.students[rows[2]].student_id, lesson.lesson_id)
    assert gb.open_journal(other, aid, today=DEMO_TODAY).cell(*key).marks == ("3",)
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


def test_closing_the_journal_stops_its_listener(qtbot, act_as, backend) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication, QEvent

    from ejournal_desktop.ui.journals_screen import JournalsScreen

    session = act_as("prepod")
    aid = gb.my_journals(session, gb.current_period_id(session, DEMO_TODAY), today=DEMO_TODAY)[0].assignment_id
    screen = JournalsScreen(session, None, today=DEMO_TODAY)
    qtbot.addWidget(screen)
    screen.show()
    view = screen.open_journal(aid)
    qtbot.waitUntil(lambda: view.model is not None, timeout=WAIT_MS)
    if backend == "sqlite":
        assert view.listener is None  # no NOTIFY on the embedded file
        return
    qtbot.waitUntil(lambda: view.listener is not None, timeout=WAIT_MS)  # once the journal is on screen
    listener = view.listener
    assert listener is not None
    qtbot.waitUntil(lambda: listener.is_listening, timeout=WAIT_MS)
    screen.back_to_list()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.waitUntil(listener.isFinished, timeout=WAIT_MS)
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
