"""Final marks typed while the database cannot be reached survive a restart of the program: they are
kept in the on-disk outbox, shown as pending when the journal is opened again, and sent — on SQLite
and PostgreSQL, driven by real key presses in the grid."""

from __future__ import annotations

from PySide6.QtCore import Qt, QThreadPool

from ejournal_desktop.domain import marks as mk
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services.outbox import Outbox, PendingFinal
from ejournal_desktop.ui.journal_view import JournalView
from tests.conftest import DEMO_TODAY
from tests.ui.test_journal_screen import (
    WAIT_MS,
    Opened,
    _busiest_assignment,
    open_screen,
    open_view,
    press,
    settle,
    type_into,
)

STATE_ROLE = Qt.ItemDataRole.UserRole + 11


def _final_value(kind: str, *not_these: str | None) -> str:
    """A value allowed for this kind of final mark, other than `not_these`."""
    allowed = sorted(mk.FINAL_VALUES_BY_KIND[kind], key=lambda v: (not v.isdigit(), v))
    return next(v for v in allowed if v not in not_these)


def _offline(*args, **kwargs):  # type: ignore[no-untyped-def]
    raise gb.ConnectionLost("Нет связи с базой данных")


def test_a_final_mark_typed_offline_is_sent_after_a_restart(qtbot, act_as, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    teacher = act_as("prepod")
    assignment_id = _busiest_assignment(teacher)
    real = gb.save_final
    monkeypatch.setattr(gb, "save_final", _offline)
    screen = open_screen(qtbot, teacher)
    first = Opened(screen, open_view(qtbot, screen, assignment_id))
    model = first.model
    column = model.first_final_column + len(model.final_kinds) - 1
    kind = model.final_kind_at(column)
    row = 0
    sid = model.students[row].student_id
    before = model.finals.get((sid, kind))
    value = _final_value(kind, before.value if before else None)
    first.go_to(row, column)
    type_into(qtbot, first.grid, value)
    press(qtbot, first.grid, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: first.view.offline_label.isVisibleTo(first.view), timeout=WAIT_MS)
    assert first.view.pending_label.text() == "Не сохранено: 1"
    outbox = Outbox.for_session(teacher)
    [kept] = outbox.pending_finals(assignment_id)
    assert (kept.student_id, kept.kind, kept.value) == (sid, kind, value)
    assert kept.expected_version == (before.version if before else None)

    # The program is closed while offline: the queue and the widgets are gone, the outbox stays.
    first.view.queue.stop()  # type: ignore[union-attr]
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
    screen.close()
    screen.deleteLater()
    qtbot.wait(10)
    stored = gb.open_journal(teacher, assignment_id, today=DEMO_TODAY).finals.get((sid, kind))
    assert (stored.value if stored else None) == (before.value if before else None)

    monkeypatch.setattr(gb, "save_final", real)  # the connection is back
    view = JournalView(teacher, assignment_id, today=DEMO_TODAY, retry_ms=100)
    qtbot.addWidget(view)
    shown: list[object] = []

    def on_loaded() -> None:  # the restored value, before it came back from the database
        index = view.model.index_of((sid, kind))  # type: ignore[union-attr]
        shown.extend([index.data(Qt.ItemDataRole.DisplayRole), index.data(STATE_ROLE), view.pending_label.text()])

    view.loaded.connect(on_loaded)
    qtbot.waitUntil(lambda: view.model is not None, timeout=WAIT_MS)
    settle(qtbot, view)
    assert shown == [value, "pending", "Не сохранено: 1"]
    saved = gb.open_journal(teacher, assignment_id, today=DEMO_TODAY).finals[(sid, kind)]
    assert saved.value == value and saved.version == (before.version + 1 if before else 1)
    index = view.model.index_of((sid, kind))  # type: ignore[union-attr]
    assert index.data(Qt.ItemDataRole.DisplayRole) == value and index.data(STATE_ROLE) is None
    assert outbox.count() == 0
    assert view.pending_label.isHidden()


def test_a_kept_final_mark_changed_meanwhile_by_someone_else_is_a_conflict(qtbot, act_as, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The outbox row names the version the teacher saw: a value set meanwhile is not overwritten."""
    teacher = act_as("prepod")
    assignment_id = _busiest_assignment(teacher)
    journal = gb.open_journal(teacher, assignment_id, today=DEMO_TODAY)
    kind = journal.final_kinds[-1]
    sid = journal.students[-1].student_id
    before = journal.finals.get((sid, kind))
    seen = before.version if before else None
    mine = _final_value(kind, before.value if before else None)
    theirs = _final_value(kind, before.value if before else None, mine)
    Outbox.for_session(teacher).put_final(PendingFinal(assignment_id, sid, kind, mine, seen))
    other = act_as("prepod")  # the same teacher on another PC, meanwhile
    gb.save_final(other, assignment_id, sid, kind, theirs, seen)

    told: list[str] = []
    monkeypatch.setattr(
        "ejournal_desktop.ui.journal_view.QMessageBox.information", lambda _parent, _title, text: told.append(text)
    )
    view = JournalView(teacher, assignment_id, today=DEMO_TODAY, retry_ms=100)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(told), timeout=WAIT_MS)
    settle(qtbot, view)
    assert "Итоговую оценку уже изменил(а)" in told[0] and f"сейчас «{theirs}»" in told[0]
    stored = gb.open_journal(teacher, assignment_id, today=DEMO_TODAY).finals[(sid, kind)]
    assert stored.value == theirs  # nothing overwritten
    # The journal keeps their value (the screen tells and re-reads): nothing is left to send.
    qtbot.waitUntil(lambda: view.model.shown_final((sid, kind)) == theirs, timeout=WAIT_MS)  # type: ignore[union-attr]
    assert Outbox.for_session(teacher).count() == 0
