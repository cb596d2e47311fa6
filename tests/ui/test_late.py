"""«Опоздание» in the grid: Ctrl+L and the cell menu set attendance.late, shown as «оп» in the cell."""

from __future__ import annotations

import datetime as dt
import os

from PySide6.QtCore import Qt, QThreadPool

from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.ui.journal_model import LATE_ROLE
from ejournal_desktop.ui.journal_view import JournalView
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import type_text

WAIT_MS = 10_000
CTRL = Qt.KeyboardModifier.ControlModifier


def _view(qtbot, session) -> JournalView:  # type: ignore[no-untyped-def]
    """The journal with a fresh empty lesson yesterday (inside the edit window)."""
    summary = gb.my_journals(session, gb.current_period_id(session, DEMO_TODAY), today=DEMO_TODAY)[0]
    gb.add_lesson(session, summary.assignment_id, DEMO_TODAY - dt.timedelta(days=1), 8)
    view = JournalView(session, summary.assignment_id, today=DEMO_TODAY, retry_ms=100)
    qtbot.addWidget(view)
    view.resize(1300, 760)
    view.show()
    qtbot.waitUntil(lambda: view.model is not None, timeout=WAIT_MS)
    return view


def _recent_cells(view: JournalView) -> tuple[int, list[int]]:
    """The fresh lesson's column and the rows whose cells there are open (and empty)."""
    model = view.model
    assert model is not None
    column = next(c for c, lesson in enumerate(model.lessons) if lesson.pair_no == 8)
    rows = [r for r in range(model.rowCount()) if model.is_editable(model.index(r, column))]
    assert len(rows) >= 2 and not any(model.text_at(model.index(r, column)) for r in rows)
    return column, rows


def test_ctrl_l_marks_lateness_kept_by_typing_and_saved(qtbot, act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    view = _view(qtbot, session)
    model = view.model
    assert model is not None and view.queue is not None
    column, rows = _recent_cells(view)
    row = rows[0]
    key = model.key_at(model.index(row, column))
    view.grid.setCurrentIndex(model.index(row, column))
    view.grid.setFocus()
    qtbot.keyClick(view.grid, Qt.Key.Key_L, CTRL)
    assert model.index(row, column).data(LATE_ROLE) is True
    qtbot.waitUntil(view.queue.is_idle, timeout=WAIT_MS)
    journal = gb.open_journal(session, view.assignment_id, today=DEMO_TODAY)
    cell = journal.cell(*key)  # type: ignore[misc]
    assert cell.late and cell.absent_hours == 0 and cell.marks == ()
    if os.environ.get("EJOURNAL_SHOTS"):
        view.grid.grab().save(os.path.join(os.environ["EJOURNAL_SHOTS"], "late.png"))

    # A mark typed into the cell keeps the lateness.
    view.grid.setCurrentIndex(model.index(row, column))
    type_text(qtbot, view.grid.focus_target(), "4")
    qtbot.keyClick(view.grid.focus_target(), Qt.Key.Key_Return)
    qtbot.waitUntil(view.queue.is_idle, timeout=WAIT_MS)
    cell = gb.open_journal(session, view.assignment_id, today=DEMO_TODAY).cell(*key)  # type: ignore[misc]
    assert cell.marks == ("4",) and cell.late
    assert "Опоздание" in model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)

    # Ctrl+L again: off, the mark stays. Undo brings it back.
    view.grid.setCurrentIndex(model.index(row, column))
    view.grid.setFocus()
    qtbot.keyClick(view.grid, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(view.queue.is_idle, timeout=WAIT_MS)
    cell = gb.open_journal(session, view.assignment_id, today=DEMO_TODAY).cell(*key)  # type: ignore[misc]
    assert cell.marks == ("4",) and not cell.late
    qtbot.keyClick(view.grid, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(view.queue.is_idle, timeout=WAIT_MS)
    assert gb.open_journal(session, view.assignment_id, today=DEMO_TODAY).cell(*key).late  # type: ignore[misc]

    # Absent for the whole lesson: refused, nothing sent.
    other = rows[1]
    view.grid.setCurrentIndex(model.index(other, column))
    type_text(qtbot, view.grid.focus_target(), "н")
    qtbot.keyClick(view.grid.focus_target(), Qt.Key.Key_Return)
    qtbot.waitUntil(view.queue.is_idle, timeout=WAIT_MS)
    view.grid.setCurrentIndex(model.index(other, column))
    view.grid.setFocus()
    qtbot.keyClick(view.grid, Qt.Key.Key_L, CTRL)
    assert "не может опоздать" in view.status.currentMessage()
    assert not model.index(other, column).data(LATE_ROLE)
    # Del clears everything, lateness too.
    view.grid.setCurrentIndex(model.index(row, column))
    qtbot.keyClick(view.grid, Qt.Key.Key_Delete)
    qtbot.waitUntil(view.queue.is_idle, timeout=WAIT_MS)
    assert gb.open_journal(session, view.assignment_id, today=DEMO_TODAY).cell(*key).is_empty  # type: ignore[misc]
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


def test_the_cell_menu_offers_lateness(qtbot, act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    view = _view(qtbot, session)
    model = view.model
    assert model is not None
    column, _rows = _recent_cells(view)
    actions = view.column_actions(column)
    assert actions and actions[0][0] != "Опоздание (Ctrl+L)"  # the header's menu: column actions only
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
