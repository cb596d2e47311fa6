"""Excused absences from a document (справка, заявление, приказ), entered by the group's curator.

An excuse names a student, the dates it covers (both inclusive), the reason (`sick` or
`excused`) and the document. Creating one turns, in the same transaction, that student's
*unexcused* absences on lessons of those dates into absences of the excuse's reason, linked to
it (`attendance.excuse_id`). Absences a teacher had already marked excused or sick stay as they
are and are not linked: deleting the excuse then reverts exactly the absences it changed back to
unexcused, and nothing else.

Rights: `excuse.write`, which the matrix gives a teacher in the CURATED_GROUP scope: a curator
enters excuses for the students of their own group only. On PostgreSQL the server checks the same
(policies `curator_insert` on excuse and `curator_excuse` on attendance, 03_policies.sql; the
trigger `ej_attendance_guard` lets a curator change only the reason columns, in an open period).
A closed period freezes the absences in it: an excuse that would change one is refused.

Two excuses of one student may not overlap: which one an absence belongs to would be ambiguous.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, delete, func, insert, select, update

from ejournal_desktop.domain.attendance import EXCUSED, REASON_LABELS, SICK, UNEXCUSED
from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from ejournal_desktop.domain.names import full_name, russian_sort_key
from ejournal_desktop.domain.permissions import Action, Scope, allowed_scopes, require
from ejournal_desktop.services import audit
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m

EXCUSE_REASONS: tuple[str, ...] = (SICK, EXCUSED)
MAX_DOCUMENT = 255
MAX_EXCUSE_DAYS = 366


@dataclass(frozen=True, slots=True)
class ExcuseRow:
    id: int
    student_id: int
    student_name: str
    from_date: dt.date
    to_date: dt.date
    reason: str
    document: str
    lessons: int  # absences linked to this excuse
    hours: int  # their hours
    created_at: dt.datetime | None = None

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)

    @property
    def dates_label(self) -> str:
        if self.from_date == self.to_date:
            return format_date(self.from_date)
        return f"{format_date(self.from_date)} – {format_date(self.to_date)}"


@dataclass(frozen=True, slots=True)
class ExcuseResult:
    excuse_id: int
    lessons: int  # absences turned excused
    hours: int


def _may_write(session: UserSession, group_id: int) -> bool:
    scopes = allowed_scopes(session.user.roles, Action.EXCUSE_WRITE)
    return Scope.ALL in scopes or (Scope.CURATED_GROUP in scopes and group_id in session.user.curated_group_ids)


def _student_group(conn: Connection, student_id: int) -> tuple[int, str]:
    row = conn.execute(
        select(m.Student.group_id, m.Person.last_name, m.Person.first_name, m.Person.middle_name)
        .join(m.Person, m.Person.id == m.Student.person_id)
        .where(m.Student.id == student_id)
    ).first()
    if row is None:
        raise NotFound("Обучающийся не найден", field="student")
    return row.group_id, full_name(row.last_name, row.first_name, row.middle_name)


def _check_group(session: UserSession, group_id: int) -> None:
    require(session.user.roles, Action.EXCUSE_WRITE)
    if not _may_write(session, group_id):
        raise PermissionDenied("Недостаточно прав: справки об уважительных причинах вносит куратор группы")


def _clean(student_id: object, from_date: object, to_date: object, reason: str, document: str) -> tuple:
    if not isinstance(student_id, int):
        raise ValidationError("Выберите обучающегося", field="student")
    if not isinstance(from_date, dt.date) or not isinstance(to_date, dt.date):
        raise ValidationError("Укажите даты справки: с какого и по какое число", field="from_date")
    if to_date < from_date:
        raise ValidationError(
            f"Дата окончания ({format_date(to_date)}) раньше даты начала ({format_date(from_date)})", field="to_date"
        )
    if (to_date - from_date).days >= MAX_EXCUSE_DAYS:
        raise ValidationError("Справка не может охватывать больше года", field="to_date")
    if reason not in EXCUSE_REASONS:
        raise ValidationError("Причина: «болезнь» или «уважительная»", field="reason")
    document = " ".join((document or "").split())
    if not document:
        raise ValidationError("Укажите документ: например, «справка № 15 от 03.10.2026»", field="document")
    if len(document) > MAX_DOCUMENT:
        raise ValidationError(f"Документ: не длиннее {MAX_DOCUMENT} символов", field="document")
    return student_id, from_date, to_date, reason, document


def _unexcused_in(student_id: int, from_date: dt.date, to_date: dt.date):  # type: ignore[no-untyped-def]
    """The ids of the student's unexcused, unlinked absences on lessons held in [from_date, to_date].

    Over an alias of attendance, so that inside `UPDATE attendance … WHERE id IN (…)` the subquery is
    not correlated with the table being updated."""
    att = m.Attendance.__table__.alias("excusable")
    return (
        select(att.c.id)
        .join(m.Lesson, m.Lesson.id == att.c.lesson_id)
        .where(
            att.c.student_id == student_id,
            att.c.absent_hours > 0,
            att.c.reason == UNEXCUSED,
            att.c.excuse_id.is_(None),
            m.Lesson.held_on.between(from_date, to_date),
        )
    )


def create_excuse(
    session: UserSession,
    student_id: int,
    from_date: dt.date,
    to_date: dt.date,
    reason: str,
    document: str,
) -> ExcuseResult:
    """Record the excuse and turn the student's unexcused absences of those dates into `reason`."""
    student_id, from_date, to_date, reason, document = _clean(student_id, from_date, to_date, reason, document)
    require(session.user.roles, Action.EXCUSE_WRITE)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with transaction(session) as conn:
        group_id, name = _student_group(conn, student_id)
        _check_group(session, group_id)
        overlapping = conn.execute(
            select(m.Excuse.from_date, m.Excuse.to_date, m.Excuse.document).where(
                m.Excuse.student_id == student_id, m.Excuse.from_date <= to_date, m.Excuse.to_date >= from_date
            )
        ).first()
        if overlapping is not None:
            raise ValidationError(
                f"У обучающегося {name} уже есть документ на даты {format_date(overlapping.from_date)} – "
                f"{format_date(overlapping.to_date)} («{overlapping.document}»): даты справок не должны пересекаться",
                field="from_date",
            )
        targets = _unexcused_in(student_id, from_date, to_date)
        closed = _first_closed_day(conn, m.Attendance.id.in_(targets))
        if closed is not None:
            raise PermissionDenied(
                f"Период закрыт: пропуск {format_date(closed)} изменить нельзя. "
                "Сначала заместитель директора по УПР открывает период"
            )
        excuse_id = conn.execute(
            insert(m.Excuse)
            .values(
                student_id=student_id,
                from_date=from_date,
                to_date=to_date,
                reason=reason,
                document=document,
                created_by=session.user.person_id,
                created_at=now,
            )
            .returning(m.Excuse.id)
        ).scalar_one()
        changed = _set_reason(conn, session, m.Attendance.id.in_(targets), reason, excuse_id, now)
        _audit(conn, session, excuse_id, "INSERT", changed, reason, student_id, from_date, to_date, document)
    return ExcuseResult(excuse_id, len(changed), sum(int(row.absent_hours) for row in changed))


def _first_closed_day(conn: Connection, absences: ColumnElement[bool]) -> dt.date | None:
    """The earliest day of the `absences` (a condition on attendance) that lies in a closed period."""
    return conn.execute(
        select(func.min(m.Lesson.held_on))
        .select_from(m.Attendance)
        .join(m.Lesson, m.Lesson.id == m.Attendance.lesson_id)
        .join(m.TeachingAssignment, m.TeachingAssignment.id == m.Lesson.assignment_id)
        .join(m.Period, m.Period.id == m.TeachingAssignment.period_id)
        .where(absences, m.Period.closed_at.is_not(None))
    ).scalar()


def _set_reason(
    conn: Connection,
    session: UserSession,
    absences: ColumnElement[bool],
    reason: str,
    excuse_id: int | None,
    now: dt.datetime,
) -> list[Any]:
    """Give the `absences` (a condition on attendance) this reason and excuse, as the user's edit;
    returns their ids and hours."""
    return list(
        conn.execute(
            update(m.Attendance)
            .where(absences)
            .values(
                reason=reason,
                excuse_id=excuse_id,
                updated_by=session.user.person_id,
                updated_at=now,
                version=m.Attendance.version + 1,
            )
            .returning(m.Attendance.id, m.Attendance.absent_hours)
        ).all()
    )


def delete_excuse(session: UserSession, excuse_id: int) -> int:
    """Delete the excuse; the absences it had excused become unexcused again. Returns their number."""
    require(session.user.roles, Action.EXCUSE_WRITE)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with transaction(session) as conn:
        row = conn.execute(
            select(m.Excuse.student_id, m.Excuse.from_date, m.Excuse.to_date, m.Excuse.reason, m.Excuse.document).where(
                m.Excuse.id == excuse_id
            )
        ).first()
        if row is None:
            raise NotFound("Справка не найдена: возможно, её уже удалили")
        group_id, _name = _student_group(conn, row.student_id)
        _check_group(session, group_id)
        closed = _first_closed_day(conn, m.Attendance.excuse_id == excuse_id)
        if closed is not None:
            raise PermissionDenied(
                f"Период закрыт: пропуск {format_date(closed)} изменить нельзя, справку удалить невозможно"
            )
        reverted = _set_reason(conn, session, m.Attendance.excuse_id == excuse_id, UNEXCUSED, None, now)
        conn.execute(delete(m.Excuse).where(m.Excuse.id == excuse_id))
        _audit(
            conn, session, excuse_id, "DELETE", reverted, UNEXCUSED, row.student_id, row.from_date, row.to_date,
            row.document, old_reason=row.reason,
        )  # fmt: skip
    return len(reverted)


def list_excuses(session: UserSession, group_id: int) -> list[ExcuseRow]:
    """The excuses of the group's current students, newest first, with what each one excused (one query)."""
    require(session.user.roles, Action.EXCUSE_WRITE)
    if not _may_write(session, group_id):
        raise PermissionDenied("Недостаточно прав: справки группы видит её куратор")
    linked = (
        select(
            m.Attendance.excuse_id.label("excuse_id"),
            func.count(m.Attendance.id).label("lessons"),
            func.sum(m.Attendance.absent_hours).label("hours"),
        )
        .where(m.Attendance.excuse_id.is_not(None))
        .where(m.Attendance.student_id.in_(select(m.Student.id).where(m.Student.group_id == group_id)))
        .group_by(m.Attendance.excuse_id)
        .subquery()
    )
    query = (
        select(
            m.Excuse,
            m.Person.last_name,
            m.Person.first_name,
            m.Person.middle_name,
            func.coalesce(linked.c.lessons, 0),
            func.coalesce(linked.c.hours, 0),
        )
        .join(m.Student, m.Student.id == m.Excuse.student_id)
        .join(m.Person, m.Person.id == m.Student.person_id)
        .outerjoin(linked, linked.c.excuse_id == m.Excuse.id)
        .where(m.Student.group_id == group_id)
    )
    from sqlalchemy.orm import Session

    with transaction(session) as conn, Session(bind=conn) as orm:
        rows = orm.execute(query).all()
    result = [
        ExcuseRow(
            id=e.id,
            student_id=e.student_id,
            student_name=full_name(last, first, middle),
            from_date=e.from_date,
            to_date=e.to_date,
            reason=e.reason,
            document=e.document,
            lessons=int(lessons),
            hours=int(hours),
            created_at=e.created_at,
        )
        for e, last, first, middle, lessons, hours in rows
    ]
    result.sort(key=lambda r: (-r.from_date.toordinal(), russian_sort_key(r.student_name)))
    return result


def _audit(
    conn: Connection,
    session: UserSession,
    excuse_id: int,
    action: str,
    changed: list,  # type: ignore[type-arg]
    reason: str,
    student_id: int,
    from_date: dt.date,
    to_date: dt.date,
    document: str,
    *,
    old_reason: str | None = None,
) -> None:
    """SQLite only (PostgreSQL's triggers audit every row): the excuse and each absence it changed."""
    if conn.dialect.name == "postgresql":
        return
    doc = {"student_id": student_id, "from_date": from_date, "to_date": to_date, "document": document}
    if action == "INSERT":
        audit.record(conn, session, "excuse", excuse_id, "INSERT", new={**doc, "reason": reason})
    else:
        audit.record(conn, session, "excuse", excuse_id, "DELETE", old={**doc, "reason": old_reason})
    if not changed:
        return
    before = UNEXCUSED if action == "INSERT" else old_reason
    at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    conn.execute(
        insert(m.AuditLog),
        [
            {
                "at": at,
                "db_user": session.user.login,
                "table_name": "attendance",
                "row_id": row.id,
                "action": "UPDATE",
                "old": {"reason": before, "excuse_id": None if action == "INSERT" else excuse_id},
                "new": {"reason": reason, "excuse_id": excuse_id if action == "INSERT" else None},
                "reason": None,
            }
            for row in changed
        ],
    )


# Referenced by the tests and the dialog: what the reason combo offers, in order.
REASON_CHOICES: tuple[tuple[str, str], ...] = tuple((REASON_LABELS[r], r) for r in EXCUSE_REASONS)

__all__ = [
    "EXCUSE_REASONS",
    "REASON_CHOICES",
    "ExcuseResult",
    "ExcuseRow",
    "create_excuse",
    "delete_excuse",
    "list_excuses",
]
