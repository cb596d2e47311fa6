"""«Мои журналы» and the gradebook grid, driven by real key presses, on SQLite and PostgreSQL.

Every test opens the small demo college (today = 29.11.2026) as the demo teacher `prepod`, opens a
journal through the screen, types into the grid and checks what reached the database by opening
the journal afresh through the service.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QThreadPool
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QToolTip
from sqlalchemy import select

from ejournal_desktop.domain.marks import CellEntry
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services.outbox import Outbox, PendingEdit
from ejournal_desktop.store import models as m
from ejournal_desktop.ui.journal_grid import JournalGrid
from ejournal_desktop.ui.journal_view import JournalView
from ejournal_desktop.ui.journals_screen import JournalsScreen
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import hold_at_gate, type_text

WAIT_MS = 10_000
CTRL = Qt.KeyboardModifier.ControlModifier


# -- helpers ----------------------------------------------------------------------------------


def recent(lesson: gb.LessonColumn, window: int = 7) -> bool:
    return (DEMO_TODAY - lesson.held_on).days <= window


def type_into(qtbot, grid: JournalGrid, text: str) -> None:  # type: ignore[no-untyped-def]
    """Each character goes where the keyboard is: the grid, or the cell editor the first one opened."""
    for char in text:
        type_text(qtbot, grid.focus_target(), char)


def press(qtbot, grid: JournalGrid, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(grid.focus_target(), key, modifier)


def settle(qtbot, view: JournalView) -> None:  # type: ignore[no-untyped-def]
    assert view.queue is not None
    qtbot.waitUntil(view.queue.is_idle, timeout=WAIT_MS)


def reopened(view: JournalView) -> gb.Journal:
    return gb.open_journal(view.session, view.assignment_id, today=DEMO_TODAY)


@dataclass
class Opened:
    screen: JournalsScreen
    view: JournalView

    @property
    def grid(self) -> JournalGrid:
        return self.view.grid

    @property
    def model(self):  # type: ignore[no-untyped-def]
        assert self.view.model is not None
        return self.view.model

    def go_to(self, row: int, column: int) -> None:
        self.grid.setCurrentIndex(self.model.index(row, column))
        self.grid.setFocus()

    def key(self, row: int, column: int) -> tuple[int, int]:
        return (self.model.students[row].student_id, self.model.lessons[column].lesson_id)


def open_screen(qtbot, session) -> JournalsScreen:  # type: ignore[no-untyped-def]
    screen = JournalsScreen(session, None, today=DEMO_TODAY)
    qtbot.addWidget(screen)
    screen.resize(1300, 760)
    with qtbot.waitSignal(screen.list.loaded, timeout=WAIT_MS):
        screen.show()
    if not screen.list.model.rows:  # the periods came first, the journals right after
        qtbot.waitUntil(lambda: bool(screen.list.model.rows), timeout=WAIT_MS)
    return screen


def open_view(qtbot, screen: JournalsScreen, assignment_id: int) -> JournalView:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(screen.journal_opened, timeout=WAIT_MS) as opened:
        screen.open_journal(assignment_id)
    view: JournalView = opened.args[0]
    qtbot.waitUntil(lambda: view.model is not None, timeout=WAIT_MS)
    view.queue.retry_ms = 100  # type: ignore[union-attr]
    return view


def _teaching(session) -> list[gb.JournalSummary]:  # type: ignore[no-untyped-def]
    return gb.my_journals(session, gb.current_period_id(session, DEMO_TODAY), today=DEMO_TODAY)


@pytest.fixture
def teacher(act_as):  # type: ignore[no-untyped-def]
    return act_as("prepod")


def _busiest_assignment(teacher) -> int:  # type: ignore[no-untyped-def]
    """The teacher's journal with the most lessons inside the edit window (at least two)."""
    candidates = []
    for summary in _teaching(teacher):
        journal = gb.open_journal(teacher, summary.assignment_id, today=DEMO_TODAY)
        candidates.append((sum(recent(lesson) for lesson in journal.lessons), summary.assignment_id))
    count, assignment_id = max(candidates)
    assert count >= 2
    return assignment_id


@pytest.fixture
def opened(qtbot, teacher) -> Iterator[Opened]:  # type: ignore[no-untyped-def]
    """The teacher's journal with at least two lessons inside the edit window (and locked cells)."""
    assignment_id = _busiest_assignment(teacher)
    screen = open_screen(qtbot, teacher)
    view = open_view(qtbot, screen, assignment_id)
    yield Opened(screen, view)
    if view.queue is not None:
        qtbot.waitUntil(view.queue.is_idle, timeout=WAIT_MS)
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


def free_rows(o: Opened, column: int, count: int) -> int:
    """The first row of `count` consecutive students with empty, open cells in this lesson column."""
    model = o.model
    for first in range(model.rowCount() - count + 1):
        rows = range(first, first + count)
        if all(model.is_editable(model.index(r, column)) and not model.text_at(model.index(r, column)) for r in rows):
            return first
    raise AssertionError("no free cells")


def last_recent_column(o: Opened) -> int:
    return max(c for c, lesson in enumerate(o.model.lessons) if recent(lesson))


# -- «Мои журналы» ----------------------------------------------------------------------------


def test_the_list_shows_the_teachers_journals_and_enter_opens_one(qtbot, teacher) -> None:  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, teacher)
    shown = screen.list.journals()
    assert shown and {j.assignment_id for j in shown} == {j.assignment_id for j in _teaching(teacher)}
    assert screen.list.period_combo.currentText() == "1 семестр 2026/2027"
    headers = [
        screen.list.model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(screen.list.model.columns))
    ]
    assert headers[:3] == ["Группа", "Индекс", "Дисциплина"]
    assert "Проведено / по плану, ч." in headers and "Занятий без оценок" in headers

    type_text(qtbot, screen.list.filter_edit, shown[-1].group_name)
    assert all(j.group_name == shown[-1].group_name for j in screen.list.journals())

    screen.list.table.setFocus()
    screen.list.table.setCurrentIndex(screen.list.proxy.index(0, 0))
    with qtbot.waitSignal(screen.journal_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClick(screen.list.table, Qt.Key.Key_Return)
    view: JournalView = opened.args[0]
    qtbot.waitUntil(lambda: view.model is not None, timeout=WAIT_MS)
    assert view.journal.summary.group_name == shown[-1].group_name
    assert screen.stack.currentWidget() is view
    qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
    assert screen.stack.currentWidget() is screen.list
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


# -- typing -----------------------------------------------------------------------------------


def test_typing_a_mark_and_enter_saves_it_and_moves_down(qtbot, opened: Opened) -> None:  # type: ignore[no-untyped-def]
    column = last_recent_column(opened)
    row = free_rows(opened, column, 3)
    opened.go_to(row, column)
    type_into(qtbot, opened.grid, "5")
    press(qtbot, opened.grid, Qt.Key.Key_Return)
    assert opened.grid.currentIndex().row() == row + 1
    assert opened.model.text_at(opened.model.index(row, column)) == "5"  # shown at once
    type_into(qtbot, opened.grid, "н")
    press(qtbot, opened.grid, Qt.Key.Key_Return)
    type_into(qtbot, opened.grid, "4/5")
    press(qtbot, opened.grid, Qt.Key.Key_Return)
    assert opened.grid.currentIndex().row() == row + 3
    settle(qtbot, opened.view)

    journal = reopened(opened.view)
    lesson = opened.model.lessons[column]
    cells = [journal.cell(*opened.key(r, column)) for r in range(row, row + 3)]
    assert cells[0].marks == ("5",)
    assert cells[1].marks == () and cells[1].absent_hours == lesson.hours
    assert cells[2].marks == ("4", "5")
    assert opened.view.pending_label.isHidden()
    assert opened.model.index(row, column).data(Qt.ItemDataRole.ToolTipRole).count("Запись:") == 1


def test_invalid_text_is_refused_with_a_russian_tooltip_and_nothing_is_written(qtbot, opened: Opened) -> None:  # type: ignore[no-untyped-def]
    column = last_recent_column(opened)
    row = free_rows(opened, column, 1)
    opened.go_to(row, column)
    type_into(qtbot, opened.grid, "6")
    press(qtbot, opened.grid, Qt.Key.Key_Return)
    message = "Недопустимая оценка «6»: допустимы 5, 4, 3, 2, зч, нз, н"
    assert opened.grid.last_message == message
    assert QToolTip.isVisible() and QToolTip.text() == message
    editor = opened.grid.focus_target()
    assert isinstance(editor, QLineEdit) and editor.text() == "6"  # kept for correcting
    assert opened.grid.currentIndex().row() == row  # the cursor did not move
    press(qtbot, opened.grid, Qt.Key.Key_Escape)
    type_into(qtbot, opened.grid, "абв")
    press(qtbot, opened.grid, Qt.Key.Key_Return)
    assert opened.grid.last_message.startswith("Непонятная запись «абв»")
    press(qtbot, opened.grid, Qt.Key.Key_Escape)
    settle(qtbot, opened.view)
    assert opened.view.queue.pending_count() == 0  # type: ignore[union-attr]
    assert reopened(opened.view).cell(*opened.key(row, column)).is_empty


def test_delete_clears_and_ctrl_z_restores_the_value_in_the_database(qtbot, opened: Opened) -> None:  # type: ignore[no-untyped-def]
    column = last_recent_column(opened)
    row = free_rows(opened, column, 1)
    key = opened.key(row, column)
    opened.go_to(row, column)
    type_into(qtbot, opened.grid, "зч")
    press(qtbot, opened.grid, Qt.Key.Key_Up)  # ↑ saves too
    opened.go_to(row, column)
    settle(qtbot, opened.view)
    assert reopened(opened.view).cell(*key).marks == ("зч",)

    press(qtbot, opened.grid, Qt.Key.Key_Delete)
    settle(qtbot, opened.view)
    assert reopened(opened.view).cell(*key).is_empty

    press(qtbot, opened.grid, Qt.Key.Key_Z, CTRL)
    settle(qtbot, opened.view)
    assert reopened(opened.view).cell(*key).marks == ("зч",)
    assert opened.model.text_at(opened.model.index(row, column)) == "зч"

    press(qtbot, opened.grid, Qt.Key.Key_Y, CTRL)
    settle(qtbot, opened.view)
    assert reopened(opened.view).cell(*key).is_empty


def test_paste_of_a_two_by_two_block_saves_one_batch_per_lesson(qtbot, opened: Opened, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    columns = sorted(c for c, lesson in enumerate(opened.model.lessons) if recent(lesson))[-2:]
    assert columns[1] == columns[0] + 1
    row = next(  # a block of open cells (filled or not: pasting replaces)
        r
        for r in range(opened.model.rowCount() - 1)
        if all(opened.model.is_editable(opened.model.index(r + i, c)) for i in (0, 1) for c in columns)
    )
    batches: list[int] = []
    real = gb.save_cells
    monkeypatch.setattr(
        gb, "save_cells", lambda s, lid, edits, **kw: batches.append(len(edits)) or real(s, lid, edits, **kw)
    )
    opened.go_to(row, columns[0])
    QGuiApplication.clipboard().setText("5\tн\n4/5\t3\n")
    press(qtbot, opened.grid, Qt.Key.Key_V, CTRL)
    settle(qtbot, opened.view)
    assert batches == [2, 2]
    journal = reopened(opened.view)
    texts = [
        [journal.cell(*opened.key(row + i, c)).text(opened.model.lessons[c].hours) for c in columns] for i in (0, 1)
    ]
    assert texts == [["5", "н"], ["4/5", "3"]]

    # A block with a wrong cell is refused whole, naming the cell.
    opened.go_to(row, columns[0])
    QGuiApplication.clipboard().setText("3\t7\n")
    press(qtbot, opened.grid, Qt.Key.Key_V, CTRL)
    assert "Ничего не вставлено" in opened.grid.last_message and "«7»" in opened.grid.last_message
    settle(qtbot, opened.view)
    assert reopened(opened.view).cell(*opened.key(row, columns[0])).marks == ("5",)


def test_all_present_clears_the_absences_of_a_lesson(qtbot, opened: Opened) -> None:  # type: ignore[no-untyped-def]
    column = last_recent_column(opened)
    rows = [r for r in range(opened.model.rowCount()) if opened.model.is_editable(opened.model.index(r, column))][:3]
    for row, text in zip(rows, ("н", "5 н1", "н"), strict=True):
        opened.go_to(row, column)
        type_into(qtbot, opened.grid, text)
        press(qtbot, opened.grid, Qt.Key.Key_Return)
    settle(qtbot, opened.view)
    lesson_id = opened.model.lessons[column].lesson_id
    assert any(c.absent_hours for (sid, lid), c in reopened(opened.view).cells.items() if lid == lesson_id)

    assert [text for text, _ in opened.view.column_actions(column)] == [
        "Все присутствуют",
        "Выставить оценку всем…",
        "Изменить занятие…",
        "Удалить занятие",
    ]
    dict(opened.view.column_actions(column))["Все присутствуют"]()
    settle(qtbot, opened.view)
    cells = {sid: c for (sid, lid), c in reopened(opened.view).cells.items() if lid == lesson_id}
    assert not any(c.absent_hours for c in cells.values())
    assert any(c.marks == ("5",) for c in cells.values())  # the mark of «5 н1» stayed


def test_a_cell_of_a_student_not_in_the_group_that_day_is_locked(qtbot, opened: Opened) -> None:  # type: ignore[no-untyped-def]
    model = opened.model
    locked = [
        (r, c)
        for r in range(model.rowCount())
        for c in range(len(model.lessons))
        if not model.students[r].belongs_on(model.lessons[c].held_on)
    ]
    assert locked, "the demo journal has a student who joined or left mid-period"
    row, column = locked[-1]
    index = model.index(row, column)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert index.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#e4e4e4"
    opened.go_to(row, column)
    type_into(qtbot, opened.grid, "5")
    assert "не числится в группе" in opened.grid.last_message
    assert opened.grid.focus_target() is opened.grid  # no editor opened
    press(qtbot, opened.grid, Qt.Key.Key_Delete)
    settle(qtbot, opened.view)
    assert reopened(opened.view).cell(*opened.key(row, column)).is_empty


def test_a_journal_of_a_closed_period_is_read_only(qtbot, teacher) -> None:  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, teacher)
    closed = next(p for p in gb.list_periods(teacher) if p.is_closed)
    with qtbot.waitSignal(screen.list.loaded, timeout=WAIT_MS):
        screen.list.period_combo.setCurrentIndex(screen.list.period_combo.findData(closed.id))
    summary = screen.list.journals()[0]
    assert not summary.can_write
    view = open_view(qtbot, screen, summary.assignment_id)
    assert view.banner.isVisibleTo(view) and "Период закрыт" in view.banner.text()
    assert not view.add_button.isEnabled()
    model = view.model
    assert model is not None
    row, column = 0, len(model.lessons) - 1
    before = model.text_at(model.index(row, column))
    assert not model.flags(model.index(row, column)) & Qt.ItemFlag.ItemIsEditable
    view.grid.setCurrentIndex(model.index(row, column))
    view.grid.setFocus()
    type_into(qtbot, view.grid, "2")
    press(qtbot, view.grid, Qt.Key.Key_Delete)
    assert "Период закрыт" in view.grid.last_message
    assert view.queue is not None and view.queue.is_idle()
    assert (
        gb.open_journal(teacher, summary.assignment_id, today=DEMO_TODAY)
        .cell(model.students[row].student_id, model.lessons[column].lesson_id)
        .text(model.lessons[column].hours)
        == before
    )
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


# -- the queue's questions --------------------------------------------------------------------


def test_an_old_lesson_asks_for_a_reason_before_saving(qtbot, opened: Opened) -> None:  # type: ignore[no-untyped-def]
    column = max(c for c, lesson in enumerate(opened.model.lessons) if not recent(lesson))
    row = free_rows(opened, column, 1)
    prompts: list[str] = []
    opened.view.ask_reason = lambda prompt: prompts.append(prompt) or "Запись ошибочна"
    opened.go_to(row, column)
    type_into(qtbot, opened.grid, "3")
    press(qtbot, opened.grid, Qt.Key.Key_Return)
    settle(qtbot, opened.view)
    assert len(prompts) == 1 and prompts[0].startswith("Исправление записи старше 7 дн.: укажите причину.")
    assert reopened(opened.view).cell(*opened.key(row, column)).marks == ("3",)
    if opened.view.session.backend == "sqlite":
        with opened.view.session.engine.connect() as connection:
            reasons = connection.execute(select(m.AuditLog.reason).where(m.AuditLog.reason.is_not(None))).scalars()
            assert "Запись ошибочна" in list(reasons)

    # The reason is asked once per lesson: the next correction of that lesson goes straight in.
    opened.go_to(row, column)
    type_into(qtbot, opened.grid, "4")
    press(qtbot, opened.grid, Qt.Key.Key_Return)
    settle(qtbot, opened.view)
    assert len(prompts) == 1
    assert reopened(opened.view).cell(*opened.key(row, column)).marks == ("4",)

    # Declining to give a reason keeps the database as it was and the cell shows it again.
    other = column - 1
    declined: list[str] = []
    opened.view.ask_reason = lambda prompt: declined.append(prompt)  # returns None: «Отмена»
    first = next(r for r in range(opened.model.rowCount()) if opened.model.is_editable(opened.model.index(r, other)))
    opened.go_to(first, other)
    before = opened.model.text_at(opened.model.index(first, other))
    type_into(qtbot, opened.grid, "2" if before != "2" else "3")
    press(qtbot, opened.grid, Qt.Key.Key_Return)
    settle(qtbot, opened.view)
    assert len(declined) == 1
    assert reopened(opened.view).cell(*opened.key(first, other)).text(opened.model.lessons[other].hours) == before
    assert opened.model.text_at(opened.model.index(first, other)) == before


def test_someone_elses_change_is_shown_and_nothing_is_overwritten(qtbot, opened: Opened, act_as) -> None:  # type: ignore[no-untyped-def]
    column = last_recent_column(opened)
    row = free_rows(opened, column, 2)
    other = act_as("prepod")  # the same teacher on another PC
    for r in (row, row + 1):
        gb.save_cell(other, opened.model.lessons[column].lesson_id, opened.key(r, column)[0], CellEntry(("4",)),
                     gb.EMPTY_CELL_STATE, today=DEMO_TODAY)  # fmt: skip
    questions: list[str] = []
    answers = iter([False, True])
    opened.view.ask_conflict = lambda text: questions.append(text) or next(answers)
    opened.go_to(row, column)
    type_into(qtbot, opened.grid, "3")
    press(qtbot, opened.grid, Qt.Key.Key_Return)
    type_into(qtbot, opened.grid, "2")
    press(qtbot, opened.grid, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(questions) == 2, timeout=WAIT_MS)
    settle(qtbot, opened.view)
    assert "«4»" in questions[0] and "«3»" in questions[0] and "Ничего не перезаписано" in questions[0]
    journal = reopened(opened.view)
    assert journal.cell(*opened.key(row, column)).marks == ("4",)  # kept theirs
    assert journal.cell(*opened.key(row + 1, column)).marks == ("2",)  # wrote mine
    assert opened.model.text_at(opened.model.index(row, column)) == "4"


def test_a_lost_connection_keeps_the_edit_pending_and_sends_it_later(qtbot, opened: Opened, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    column = last_recent_column(opened)
    row = free_rows(opened, column, 1)
    real = gb.save_cells
    outages = iter([True, True])

    def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
        if next(outages, False):
            raise gb.ConnectionLost("Нет связи с базой данных")
        return real(*args, **kwargs)

    monkeypatch.setattr(gb, "save_cells", flaky)
    opened.view.queue.retry_ms = 400  # type: ignore[union-attr]
    opened.go_to(row, column)
    type_into(qtbot, opened.grid, "5")
    press(qtbot, opened.grid, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: opened.view.offline_label.isVisibleTo(opened.view), timeout=WAIT_MS)
    assert opened.view.pending_label.text() == "Не сохранено: 1"
    assert opened.model.index(row, column).data(Qt.ItemDataRole.UserRole + 11) == "pending"
    settle(qtbot, opened.view)
    assert reopened(opened.view).cell(*opened.key(row, column)).marks == ("5",)
    assert opened.view.pending_label.isHidden() and opened.view.offline_label.isHidden()


def test_an_edit_kept_offline_is_sent_after_a_restart(qtbot, teacher, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assignment_id = _busiest_assignment(teacher)
    real = gb.save_cells

    def offline(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise gb.ConnectionLost("Нет связи с базой данных")

    monkeypatch.setattr(gb, "save_cells", offline)
    screen = open_screen(qtbot, teacher)
    first = Opened(screen, open_view(qtbot, screen, assignment_id))
    column = last_recent_column(first)
    row = free_rows(first, column, 1)
    key = first.key(row, column)
    first.go_to(row, column)
    type_into(qtbot, first.grid, "4")
    press(qtbot, first.grid, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: first.view.offline_label.isVisibleTo(first.view), timeout=WAIT_MS)
    outbox = Outbox.for_session(teacher)
    assert [(e.student_id, e.lesson_id, e.text) for e in outbox.pending(assignment_id)] == [(*key, "4")]

    # The program is closed while offline: the queue and the widgets are gone, the outbox stays.
    first.view.queue.stop()  # type: ignore[union-attr]
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
    screen.close()
    screen.deleteLater()
    qtbot.wait(10)
    assert reopened(first.view).cell(*key).marks == ()

    monkeypatch.setattr(gb, "save_cells", real)  # the connection is back
    view = JournalView(teacher, assignment_id, today=DEMO_TODAY, retry_ms=100)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model is not None, timeout=WAIT_MS)
    settle(qtbot, view)
    assert gb.open_journal(teacher, assignment_id, today=DEMO_TODAY).cell(*key).marks == ("4",)
    assert view.model.text_at(view.model.index_of(key)) == "4"  # type: ignore[union-attr]
    assert outbox.count() == 0
    assert view.pending_label.isHidden()


def test_an_edit_restored_from_the_outbox_is_shown_as_pending_and_counted(qtbot, teacher) -> None:  # type: ignore[no-untyped-def]
    assignment_id = _busiest_assignment(teacher)
    journal = gb.open_journal(teacher, assignment_id, today=DEMO_TODAY)
    lesson = max((x for x in journal.lessons if recent(x)), key=lambda x: (x.held_on, x.pair_no))
    student = next(
        s
        for s in journal.students
        if s.belongs_on(lesson.held_on) and journal.cell(s.student_id, lesson.lesson_id).is_empty
    )
    Outbox.for_session(teacher).put(
        PendingEdit.of(lesson.lesson_id, student.student_id, CellEntry(("5",)), lesson.hours, gb.EMPTY_CELL_STATE,
                       assignment_id=assignment_id)
    )  # fmt: skip
    view = JournalView(teacher, assignment_id, today=DEMO_TODAY, retry_ms=100)
    qtbot.addWidget(view)
    shown: list[str] = []

    def on_loaded() -> None:  # before the restored edit came back from the database
        index = view.model.index_of((student.student_id, lesson.lesson_id))  # type: ignore[union-attr]
        shown.extend([index.data(Qt.ItemDataRole.UserRole + 11), view.pending_label.text()])

    view.loaded.connect(on_loaded)
    qtbot.waitUntil(lambda: view.model is not None, timeout=WAIT_MS)
    settle(qtbot, view)
    assert shown == ["pending", "Не сохранено: 1"]
    saved = gb.open_journal(teacher, assignment_id, today=DEMO_TODAY)
    assert saved.cell(student.student_id, lesson.lesson_id).marks == ("5",)
    assert Outbox.for_session(teacher).count() == 0


def test_lessons_are_added_and_their_topic_is_edited_in_the_side_panel(qtbot, opened: Opened) -> None:  # type: ignore[no-untyped-def]
    view = opened.view
    count = len(opened.model.lessons)
    lesson = gb.add_lesson(view.session, view.assignment_id, DEMO_TODAY - dt.timedelta(days=1), 8)
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        view._after_reload_go_to(lesson.lesson_id)
    assert len(opened.model.lessons) == count + 1
    assert opened.model.lesson_at(opened.grid.currentIndex().column()).lesson_id == lesson.lesson_id  # type: ignore[union-attr]
    panel = view.panel
    assert panel is not None and panel.lesson is not None and panel.lesson.lesson_id == lesson.lesson_id
    panel.topic_edit.setFocus()
    panel.topic_edit.selectAll()
    type_text(qtbot, panel.topic_edit, "Практическая работа № 9")
    with qtbot.waitSignal(panel.lesson_changed, timeout=WAIT_MS):  # saved off the GUI thread
        qtbot.keyClick(panel.topic_edit, Qt.Key.Key_Return)
    saved = next(x for x in reopened(view).lessons if x.lesson_id == lesson.lesson_id)
    assert saved.topic == "Практическая работа № 9"
    assert opened.model.lesson_at(opened.grid.currentIndex().column()).topic == "Практическая работа № 9"  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not panel.saving, timeout=WAIT_MS)
    view.confirm = lambda text: True
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        view.delete_lesson(opened.model.column_of_lesson(lesson.lesson_id))  # type: ignore[arg-type]
    assert len(opened.model.lessons) == count


def _panel_on_new_lesson(qtbot, opened: Opened, pair_no: int) -> gb.LessonColumn:  # type: ignore[no-untyped-def]
    """A new lesson yesterday at `pair_no` without a topic, current in the grid and shown in the side panel."""
    view = opened.view
    added = gb.add_lesson(view.session, view.assignment_id, DEMO_TODAY - dt.timedelta(days=1), pair_no)
    lesson = gb.update_lesson(view.session, added.lesson_id, topic=None, homework=None, plan_topic_id=None)
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        view._after_reload_go_to(lesson.lesson_id)
    assert view.panel.lesson is not None and view.panel.lesson.lesson_id == lesson.lesson_id
    return lesson


def test_the_side_panel_saves_off_the_gui_thread_and_its_latest_value_wins(qtbot, opened: Opened, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The save is held in the worker: Enter has come back, «Сохранение…» shows, the typed topic
    stays in the field; a topic typed again meanwhile waits its turn and is the one stored, and the
    grid's header gets it. Were the save made on the GUI thread, Enter would block on the gate and
    the call would be seen on the main thread."""
    lesson = _panel_on_new_lesson(qtbot, opened, 8)
    panel = opened.view.panel
    gate = hold_at_gate(monkeypatch, gb, "update_lesson", WAIT_MS)
    calls = gate.calls
    for topic in ("Черновик темы", "Окончательная тема"):
        panel.topic_edit.setFocus()
        panel.topic_edit.selectAll()
        type_text(qtbot, panel.topic_edit, topic)
        qtbot.keyClick(panel.topic_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: bool(calls), timeout=WAIT_MS)  # the first save has started, in a worker
        assert calls[0][0] is not threading.main_thread()
        assert panel.saving and panel.busy_label.isVisibleTo(panel) and panel.busy_label.text() == "Сохранение…"
        assert panel.topic_edit.text() == topic  # nothing typed is thrown away
        assert next(x for x in reopened(opened.view).lessons if x.lesson_id == lesson.lesson_id).topic is None
    assert len(calls) == 1  # the second save waits for the first

    changed: list[gb.LessonColumn] = []
    panel.lesson_changed.connect(changed.append)
    gate.open()
    qtbot.waitUntil(lambda: not panel.saving, timeout=WAIT_MS)
    assert [kwargs for _thread, kwargs in calls] == [{"topic": "Черновик темы"}, {"topic": "Окончательная тема"}]
    assert [x.topic for x in changed] == ["Черновик темы", "Окончательная тема"]
    assert next(x for x in reopened(opened.view).lessons if x.lesson_id == lesson.lesson_id).topic == (
        "Окончательная тема"
    )
    assert panel.topic_edit.text() == "Окончательная тема" and panel.busy_label.isHidden()
    column = opened.model.column_of_lesson(lesson.lesson_id)
    assert opened.model.lessons[column].topic == "Окончательная тема"  # type: ignore[index]


def test_a_refused_lesson_edit_goes_back_with_the_reason(qtbot, opened: Opened) -> None:  # type: ignore[no-untyped-def]
    view = opened.view
    gb.add_lesson(view.session, view.assignment_id, DEMO_TODAY - dt.timedelta(days=1), 7)
    lesson = _panel_on_new_lesson(qtbot, opened, 8)
    panel = view.panel
    panel.pair_spin.setFocus()
    panel.pair_spin.selectAll()
    type_text(qtbot, panel.pair_spin, "7")  # the 7th pair of that day is taken
    qtbot.keyClick(panel.pair_spin, Qt.Key.Key_Return)
    assert panel.saving  # the key press came back before the answer
    qtbot.waitUntil(lambda: "уже есть занятие" in panel.error_label.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not panel.saving, timeout=WAIT_MS)
    assert panel.pair_spin.value() == 8  # the refused value went back
    assert next(x for x in reopened(view).lessons if x.lesson_id == lesson.lesson_id).pair_no == 8

    # «Тема из КТП» is taken off the GUI thread too, and only once while it is on its way.
    assert panel.plan_button.isEnabled()
    qtbot.mouseClick(panel.plan_button, Qt.MouseButton.LeftButton)
    assert not panel.plan_button.isEnabled() and panel.saving
    with qtbot.waitSignal(panel.lesson_changed, timeout=WAIT_MS) as changed:
        pass
    saved = changed.args[0]
    assert saved.plan_topic_id is not None and panel.topic_edit.text() == saved.topic
    assert not panel.plan_button.isEnabled()  # the lesson has its КТП topic now


def test_repainting_only_the_empty_space_past_the_last_row_and_column(qtbot, opened: Opened) -> None:  # type: ignore[no-untyped-def]
    """A big window over a small journal: a repaint of the space below the last student or right of
    the last column (a tooltip hiding there, another window uncovering it) paints it blank, and the
    grid paints its cells again afterwards (a failed paint would leave the painter open)."""
    grid = opened.view.grid
    opened.view.resize(2600, 1400)
    qtbot.waitUntil(lambda: grid.viewport().width() > 1500, timeout=WAIT_MS)
    model = opened.model
    last_row, last_column = model.rowCount() - 1, model.columnCount() - 1
    below = grid.rowViewportPosition(last_row) + grid.rowHeight(last_row) + 5
    right = grid.columnViewportPosition(last_column) + grid.columnWidth(last_column) + 5
    assert below < grid.viewport().height() and right < grid.viewport().width()
    grid.viewport().repaint()  # nothing else left to paint: the next paints are just these rectangles
    grid.viewport().repaint(QRect(0, below, 100, 20))
    grid.viewport().repaint(QRect(right, 0, 40, 40))
    grid.clearSelection()
    grid.viewport().repaint()  # the whole grid again, after the two partial paints
    image = grid.viewport().grab().toImage()
    assert image.pixelColor(right + 10, below + 10) == grid.palette().base().color()
    coloured = next(
        (r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if model.cell_look(r, c).background is not None and grid.visualRect(model.index(r, c)).right() < right
    )
    cell = grid.visualRect(model.index(*coloured))
    corner = cell.topLeft() + QPoint(3, 3)  # off the text and the current cell's frame
    assert image.pixelColor(corner) == model.cell_look(*coloured).background
