"""The on-disk outbox keeps final marks too: per database and login, the latest value per student and
kind, a cleared mark as NULL, the version the teacher saw; read back after a restart."""

from __future__ import annotations

import datetime as dt

from ejournal_desktop.domain.marks import CellEntry
from ejournal_desktop.services.journal_types import EMPTY_CELL_STATE
from ejournal_desktop.services.outbox import Outbox, PendingEdit, PendingFinal
from tests.test_outbox import session


def test_a_final_mark_put_is_read_back_after_a_restart() -> None:
    Outbox.for_session(session()).put_final(PendingFinal(3, 1, "exam", "5", 2))
    again = Outbox.for_session(session())  # a new program run: a new object on the same file
    [kept] = again.pending_finals()
    assert (kept.assignment_id, kept.student_id, kept.kind, kept.value, kept.expected_version) == (3, 1, "exam", "5", 2)
    assert isinstance(kept.queued_at, dt.datetime)


def test_one_row_per_student_and_kind_a_cleared_mark_is_kept_and_removed() -> None:
    box = Outbox.for_session(session())
    box.put_final(PendingFinal(3, 1, "semester", "4", None))
    box.put_final(PendingFinal(3, 1, "semester", None, None))  # cleared: the latest wins
    box.put_final(PendingFinal(3, 1, "exam", "5", 1))
    box.put_final(PendingFinal(4, 1, "semester", "3", 7))
    assert {(f.kind, f.value) for f in box.pending_finals(3)} == {("semester", None), ("exam", "5")}
    assert [(f.assignment_id, f.value, f.expected_version) for f in box.pending_finals(4)] == [(4, "3", 7)]
    box.remove_final(3, 1, "semester")
    box.remove_final(3, 99, "exam")  # nothing there: no error
    assert [(f.assignment_id, f.kind) for f in box.pending_finals()] == [(3, "exam"), (4, "semester")]


def test_count_holds_cells_and_finals_separately_per_login_and_database() -> None:
    mine = Outbox.for_session(session())
    mine.put(PendingEdit.of(10, 1, CellEntry(("5",)), 2, EMPTY_CELL_STATE, assignment_id=3))
    mine.put_final(PendingFinal(3, 1, "exam", "4", None))
    Outbox.for_session(session(login="other")).put_final(PendingFinal(3, 2, "exam", "2", None))
    Outbox.for_session(session(path="/data/another.sqlite3")).put_final(PendingFinal(3, 3, "exam", "2", None))
    assert mine.count() == 2
    assert [f.student_id for f in mine.pending_finals(3)] == [1]
    mine.remove_final(3, 2, "exam")  # another login's row is not mine to remove
    assert Outbox.for_session(session(login="other")).count() == 1
