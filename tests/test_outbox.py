"""The journal's on-disk outbox: pending cell edits survive a restart, per database and login, no secrets."""

from __future__ import annotations

import datetime as dt
import sqlite3
from types import SimpleNamespace

from ejournal_desktop import paths
from ejournal_desktop.domain.marks import CellEntry
from ejournal_desktop.services.auth import Profile
from ejournal_desktop.services.journal_types import EMPTY_CELL_STATE, CellState
from ejournal_desktop.services.outbox import FILE_NAME, Outbox, PendingEdit

SEEN = CellState(marks=("4",), mark_versions=(3,), absent_hours=1, attendance_version=7, updated_by="Иванова А. Б.")


def session(login: str = "prepod", path: str = "/data/college.sqlite3", password: str = "secret-2026"):  # type: ignore[no-untyped-def]
    profile = Profile(kind="embedded", path=path)
    return SimpleNamespace(profile=profile, user=SimpleNamespace(login=login), password=password)


def edit(lesson_id: int, student_id: int, entry: CellEntry, **kwargs) -> PendingEdit:  # type: ignore[no-untyped-def]
    return PendingEdit.of(lesson_id, student_id, entry, 2, kwargs.pop("expected", EMPTY_CELL_STATE), **kwargs)


def test_an_edit_put_is_read_back_after_a_restart_with_the_state_the_teacher_saw() -> None:
    Outbox.for_session(session()).put(
        edit(10, 1, CellEntry(("5", "4"), 1, late=True), expected=SEEN, assignment_id=3, reason="ошибка")
    )
    again = Outbox.for_session(session())  # a new program run: a new object on the same file
    [kept] = again.pending()
    assert (kept.lesson_id, kept.student_id, kept.assignment_id) == (10, 1, 3)
    assert kept.text == "5/4 н1" and kept.lesson_hours == 2
    assert kept.entry == CellEntry(("5", "4"), 1, late=True)
    assert kept.expected == SEEN and isinstance(kept.expected.marks, tuple)
    assert kept.reason == "ошибка"
    assert isinstance(kept.queued_at, dt.datetime)
    assert (paths.data_dir() / FILE_NAME).exists()


def test_one_row_per_cell_the_latest_edit_wins_and_remove_forgets_it() -> None:
    box = Outbox.for_session(session())
    box.put(edit(10, 1, CellEntry(("5",)), assignment_id=3))
    box.put(edit(10, 1, CellEntry(("3",)), assignment_id=3))
    box.put(edit(10, 2, CellEntry(absent_hours=2), assignment_id=3))
    assert box.count() == 2
    assert {(e.student_id, e.text) for e in box.pending()} == {(1, "3"), (2, "н")}
    box.remove(10, 1)
    assert [e.student_id for e in box.pending()] == [2]
    box.remove(10, 99)  # nothing there: no error
    assert box.count() == 1


def test_a_cleared_cell_is_kept_as_an_empty_edit() -> None:
    box = Outbox.for_session(session())
    box.put(edit(10, 1, CellEntry(), expected=SEEN, assignment_id=3))
    [kept] = box.pending()
    assert kept.text == "" and kept.entry == CellEntry() and kept.expected == SEEN


def test_pending_filters_by_journal_and_is_separate_per_database_and_login() -> None:
    mine = Outbox.for_session(session())
    mine.put(edit(10, 1, CellEntry(("5",)), assignment_id=3))
    mine.put(edit(20, 1, CellEntry(("4",)), assignment_id=4))
    Outbox.for_session(session(login="other")).put(edit(10, 2, CellEntry(("2",)), assignment_id=3))
    Outbox.for_session(session(path="/data/another.sqlite3")).put(edit(10, 3, CellEntry(("2",)), assignment_id=3))
    assert [e.lesson_id for e in mine.pending(3)] == [10]
    assert [e.lesson_id for e in mine.pending(4)] == [20]
    assert mine.count() == 2
    assert Outbox.for_session(session(login="other")).count() == 1
    mine.remove(10, 2)  # another login's row is not mine to remove
    assert Outbox.for_session(session(login="other")).count() == 1


def test_the_file_holds_no_password() -> None:
    box = Outbox.for_session(session(password="Pa$$-never-stored"))
    box.put(edit(10, 1, CellEntry(("5",)), assignment_id=3))
    raw = (paths.data_dir() / FILE_NAME).read_bytes()
    assert b"Pa$$-never-stored" not in raw
    with sqlite3.connect(paths.data_dir() / FILE_NAME) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(pending_cell)")}
    assert not any("pass" in column for column in columns)
