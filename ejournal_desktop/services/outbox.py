"""The journal's on-disk outbox: cell edits and final marks not saved yet survive a restart.

A small SQLite file in the user's data folder (`outbox.sqlite3`), one row per pending cell, keyed by
(the database the user works with, their login, lesson, student). A row holds only the edit itself:
the text typed, the lesson's hours (to read the text back), whether the student was late, the cell
as the teacher saw it before typing (the `expected` state, so a change made meanwhile by someone else
is still reported as a conflict), the reason for correcting an old lesson, and when it was queued.
Final marks (семестровая, экзамен, зачёт) have their own table, one row per (journal, student,
kind): the value typed (NULL: cleared) and the version the teacher saw (NULL: there was none).
Never a password: the profile key names the server and database (or the file), nothing more.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ejournal_desktop import paths
from ejournal_desktop.domain.marks import CellEntry, format_cell, parse_cell
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.journal_types import CellState

FILE_NAME = "outbox.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pending_cell (
    profile TEXT NOT NULL,
    login TEXT NOT NULL,
    lesson_id INTEGER NOT NULL,
    student_id INTEGER NOT NULL,
    assignment_id INTEGER,
    text TEXT NOT NULL,
    lesson_hours INTEGER NOT NULL,
    late INTEGER NOT NULL DEFAULT 0,
    expected TEXT NOT NULL,
    reason TEXT,
    queued_at TEXT NOT NULL,
    PRIMARY KEY (profile, login, lesson_id, student_id)
)
"""
_FINALS_SCHEMA = """
CREATE TABLE IF NOT EXISTS pending_final (
    profile TEXT NOT NULL,
    login TEXT NOT NULL,
    assignment_id INTEGER NOT NULL,
    student_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    value TEXT,
    expected_version INTEGER,
    queued_at TEXT NOT NULL,
    PRIMARY KEY (profile, login, assignment_id, student_id, kind)
)
"""


def state_to_json(state: CellState) -> str:
    return json.dumps(state._asdict(), ensure_ascii=False)


def state_from_json(text: str) -> CellState:
    data = json.loads(text)
    return CellState(
        marks=tuple(data.get("marks") or ()),
        mark_versions=tuple(data.get("mark_versions") or ()),
        absent_hours=int(data.get("absent_hours") or 0),
        reason=data.get("reason"),
        late=bool(data.get("late")),
        attendance_version=data.get("attendance_version"),
        updated_by=data.get("updated_by"),
    )


@dataclass(frozen=True)
class PendingEdit:
    """One cell typed but not saved yet."""

    lesson_id: int
    student_id: int
    text: str
    lesson_hours: int
    expected: CellState
    assignment_id: int | None = None
    late: bool = False
    reason: str | None = None
    queued_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))

    @classmethod
    def of(
        cls,
        lesson_id: int,
        student_id: int,
        entry: CellEntry,
        lesson_hours: int,
        expected: CellState,
        *,
        assignment_id: int | None = None,
        reason: str | None = None,
    ) -> PendingEdit:
        text = format_cell(entry.marks, entry.absent_hours, lesson_hours)
        return cls(lesson_id, student_id, text, lesson_hours, expected, assignment_id, entry.late, reason)

    @property
    def entry(self) -> CellEntry:
        parsed = parse_cell(self.text, max(1, self.lesson_hours))
        return CellEntry(parsed.marks, parsed.absent_hours, self.late)


@dataclass(frozen=True)
class PendingFinal:
    """One final mark typed but not saved yet (`value` None: the teacher cleared it)."""

    assignment_id: int
    student_id: int
    kind: str
    value: str | None
    expected_version: int | None  # the version the teacher saw; None: there was no final mark
    queued_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))


class Outbox:
    """The pending edits of one user on one database."""

    def __init__(self, profile_key: str, login: str, path: Path | None = None) -> None:
        self.profile_key = profile_key
        self.login = login
        self.path = path or paths.data_dir() / FILE_NAME
        self._schema_ready = False  # the tables exist in the file (checked once per instance)

    @classmethod
    def for_session(cls, session: UserSession) -> Outbox:
        return cls(session.profile.keyring_service(), session.user.login)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        fresh = not self._schema_ready or not self.path.exists()
        with closing(sqlite3.connect(self.path, timeout=10)) as conn:
            if fresh:
                # DDL outside a transaction (sqlite3 opens one only for DML): the tables stay even
                # when the edit below fails.
                conn.execute(_SCHEMA)
                conn.execute(_FINALS_SCHEMA)
                self._schema_ready = True
            with conn:  # one transaction, committed on success
                yield conn

    def put(self, edit: PendingEdit) -> None:
        """Keep (or replace) the pending edit of one cell."""
        with self._db() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO pending_cell (profile, login, lesson_id, student_id, assignment_id, text,"
                " lesson_hours, late, expected, reason, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    self.profile_key,
                    self.login,
                    edit.lesson_id,
                    edit.student_id,
                    edit.assignment_id,
                    edit.text,
                    edit.lesson_hours,
                    int(edit.late),
                    state_to_json(edit.expected),
                    edit.reason,
                    edit.queued_at.isoformat(),
                ),
            )

    def remove(self, lesson_id: int, student_id: int) -> None:
        with self._db() as conn:
            conn.execute(
                "DELETE FROM pending_cell WHERE profile = ? AND login = ? AND lesson_id = ? AND student_id = ?",
                (self.profile_key, self.login, lesson_id, student_id),
            )

    def pending(self, assignment_id: int | None = None) -> list[PendingEdit]:
        """The pending edits, oldest first (of one journal when `assignment_id` is given)."""
        with self._db() as conn:
            return self._pending_cells(conn, assignment_id)

    def kept(self, assignment_id: int) -> tuple[list[PendingEdit], list[PendingFinal]]:
        """One journal's pending cells and final marks, oldest first, read at once."""
        with self._db() as conn:
            return self._pending_cells(conn, assignment_id), self._pending_finals(conn, assignment_id)

    def _pending_cells(self, conn: sqlite3.Connection, assignment_id: int | None) -> list[PendingEdit]:
        rows = self._oldest_first(
            conn,
            "SELECT lesson_id, student_id, text, lesson_hours, expected, assignment_id, late, reason, queued_at"
            " FROM pending_cell",
            assignment_id,
        )
        return [
            PendingEdit(
                lesson_id=lesson_id,
                student_id=student_id,
                text=text,
                lesson_hours=hours,
                expected=state_from_json(expected),
                assignment_id=aid,
                late=bool(late),
                reason=reason,
                queued_at=dt.datetime.fromisoformat(queued_at),
            )
            for lesson_id, student_id, text, hours, expected, aid, late, reason, queued_at in rows
        ]

    def _oldest_first(self, conn: sqlite3.Connection, select_from: str, assignment_id: int | None) -> list[Any]:
        """The rows of `select_from` (SELECT … FROM a pending table) of this user on this database,
        oldest first (of one journal when `assignment_id` is given)."""
        sql = select_from + " WHERE profile = ? AND login = ?"
        args: list[object] = [self.profile_key, self.login]
        if assignment_id is not None:
            sql += " AND assignment_id = ?"
            args.append(assignment_id)
        return conn.execute(sql + " ORDER BY queued_at, rowid", args).fetchall()

    def put_final(self, final: PendingFinal) -> None:
        """Keep (or replace) the pending final mark of one student and kind."""
        with self._db() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO pending_final (profile, login, assignment_id, student_id, kind, value,"
                " expected_version, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    self.profile_key,
                    self.login,
                    final.assignment_id,
                    final.student_id,
                    final.kind,
                    final.value,
                    final.expected_version,
                    final.queued_at.isoformat(),
                ),
            )

    def remove_final(self, assignment_id: int, student_id: int, kind: str) -> None:
        with self._db() as conn:
            conn.execute(
                "DELETE FROM pending_final WHERE profile = ? AND login = ? AND assignment_id = ? AND student_id = ?"
                " AND kind = ?",
                (self.profile_key, self.login, assignment_id, student_id, kind),
            )

    def pending_finals(self, assignment_id: int | None = None) -> list[PendingFinal]:
        """The pending final marks, oldest first (of one journal when `assignment_id` is given)."""
        with self._db() as conn:
            return self._pending_finals(conn, assignment_id)

    def _pending_finals(self, conn: sqlite3.Connection, assignment_id: int | None) -> list[PendingFinal]:
        rows = self._oldest_first(
            conn,
            "SELECT assignment_id, student_id, kind, value, expected_version, queued_at FROM pending_final",
            assignment_id,
        )
        return [
            PendingFinal(aid, sid, kind, value, version, dt.datetime.fromisoformat(queued_at))
            for aid, sid, kind, value, version, queued_at in rows
        ]

    def count(self) -> int:
        """Pending cells and final marks of this user on this database."""
        with self._db() as conn:
            row = conn.execute(
                "SELECT (SELECT count(*) FROM pending_cell WHERE profile = ?1 AND login = ?2)"
                " + (SELECT count(*) FROM pending_final WHERE profile = ?1 AND login = ?2)",
                (self.profile_key, self.login),
            ).fetchone()
        return int(row[0])
