"""Movements of the contingent by order (приказ): enrol, transfer, leave, return, expel, reinstate, graduate.

Each call takes one order (number, date, effective date) and any number of students, checks every
student first (status allows the movement, the history stays chronological), then in one
transaction updates `student.status`/`group_id` with one set-based UPDATE and writes one
`student_movement` row per student with one executemany. Marks, absences and final marks are never
touched: a student who left keeps them, and the journal hides them only outside their dates.

Semantics of dates (the same as `domain.membership`): `effective_date` is the FIRST day of the new
state. A transfer effective 10.10 puts the student into the new group from 10.10 inclusive; in the
old group they were up to 09.10 inclusive. Expulsion, leave and graduation effective on a day mean
the student is not in the group on that day any more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select, update

from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.errors import ValidationError
from ejournal_desktop.domain.membership import Interval, Movement, belongs_on
from ejournal_desktop.domain.membership import membership_intervals as intervals_of
from ejournal_desktop.domain.names import full_name, russian_sort_key
from ejournal_desktop.domain.permissions import Action
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.contingent_common import (
    clean,
    connection,
    readable_group_ids,
    require_action,
)
from ejournal_desktop.services.contingent_reference import person_values
from ejournal_desktop.services.movement_rows import fold, in_or_through_group, with_movements
from ejournal_desktop.store import models as m

KIND_LABELS = {
    "enrol": "зачисление",
    "transfer": "перевод",
    "academic_leave": "академический отпуск",
    "return": "выход из академического отпуска",
    "expel": "отчисление",
    "reinstate": "восстановление",
    "graduate": "выпуск",
}

# kind → (statuses a student may have before it, status after it)
_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    # An order of enrolment for a student typed into the list before the order was recorded.
    "enrol": (frozenset({"studying"}), "studying"),
    "transfer": (frozenset({"studying"}), "studying"),
    "academic_leave": (frozenset({"studying"}), "academic_leave"),
    "return": (frozenset({"academic_leave"}), "studying"),
    "expel": (frozenset({"studying", "academic_leave"}), "expelled"),
    "reinstate": (frozenset({"expelled"}), "studying"),
    "graduate": (frozenset({"studying"}), "graduated"),
}
_STATUS_RU = {
    "studying": "обучается",
    "academic_leave": "в академическом отпуске",
    "expelled": "отчислен",
    "graduated": "выпущен",
}


@dataclass(frozen=True, slots=True)
class Order:
    """A приказ: its number, the date it was signed, and the first day it takes effect."""

    order_no: str
    order_date: dt.date
    effective_date: dt.date
    note: str | None = None

    def checked(self) -> Order:
        number = clean(self.order_no)
        if not number:
            raise ValidationError("Не указан номер приказа", field="order_no")
        if len(number) > 32:
            raise ValidationError("Номер приказа длиннее 32 символов", field="order_no")
        if self.effective_date < self.order_date:
            raise ValidationError(
                f"Дата вступления в силу {format_date(self.effective_date)} раньше даты приказа "
                f"{format_date(self.order_date)}",
                field="effective_date",
            )
        return Order(number, self.order_date, self.effective_date, clean(self.note) or None)


# Kinds whose order names the group the student goes into: required, optional.
TARGET_REQUIRED = frozenset({"transfer", "reinstate"})
TARGET_OPTIONAL = frozenset({"return"})


@dataclass(frozen=True, slots=True)
class RosterEntry:
    student_id: int
    full_name: str
    record_book_no: str | None
    status: str
    birth_date: dt.date | None = None


# -- the movements ------------------------------------------------------------------------------


def enrol(session: UserSession, person: Mapping[str, object], group_id: int, order: Order) -> int:
    """A new student (person fields, record_book_no) enrolled into a group by an order."""
    require_action(session, Action.MOVEMENT_WRITE)
    order = order.checked()
    values = person_values(person)
    record_book = clean(person.get("record_book_no")) or None
    with connection(session) as conn:
        _require_group(conn, group_id)
        person_id = conn.execute(insert(m.Person).values(**values).returning(m.Person.id)).scalar_one()
        student_id = int(
            conn.execute(
                insert(m.Student)
                .values(person_id=person_id, group_id=group_id, record_book_no=record_book, status="studying")
                .returning(m.Student.id)
            ).scalar_one()
        )
        _write_movements(conn, session, "enrol", [(student_id, None, group_id)], order)
        return student_id


def transfer(session: UserSession, student_ids: Sequence[int], to_group_id: int, order: Order) -> int:
    return _move(session, "transfer", student_ids, order, to_group_id)


def academic_leave(session: UserSession, student_ids: Sequence[int], order: Order) -> int:
    return _move(session, "academic_leave", student_ids, order)


def return_from_leave(
    session: UserSession, student_ids: Sequence[int], order: Order, to_group_id: int | None = None
) -> int:
    """Back from academic leave: into `to_group_id` (often a younger group) or the group they left."""
    return _move(session, "return", student_ids, order, to_group_id)


def expel(session: UserSession, student_ids: Sequence[int], order: Order) -> int:
    return _move(session, "expel", student_ids, order)


def reinstate(session: UserSession, student_ids: Sequence[int], to_group_id: int, order: Order) -> int:
    return _move(session, "reinstate", student_ids, order, to_group_id)


def graduate(session: UserSession, student_ids: Sequence[int], order: Order) -> int:
    return _move(session, "graduate", student_ids, order)


def record_enrolment(session: UserSession, student_ids: Sequence[int], order: Order) -> int:
    """The enrolment order of students already in a group's list (typed in or imported without it).

    Only for a student with no movement yet: from the effective date they belong to their group.
    """
    return _move(session, "enrol", student_ids, order)


def apply_order(
    session: UserSession, kind: str, student_ids: Sequence[int], order: Order, to_group_id: int | None = None
) -> int:
    """One order of any kind for the chosen students (the screens' single entry point)."""
    if kind not in _TRANSITIONS:
        raise ValidationError(f"Неизвестный вид движения «{kind}»", field="kind")
    if kind in TARGET_REQUIRED and not to_group_id:
        raise ValidationError(f"Не выбрана группа: для приказа «{KIND_LABELS[kind]}» она нужна", field="to_group_id")
    if kind not in TARGET_REQUIRED | TARGET_OPTIONAL:
        to_group_id = None
    return _move(session, kind, student_ids, order, to_group_id or None)


def _move(
    session: UserSession, kind: str, student_ids: Sequence[int], order: Order, to_group_id: int | None = None
) -> int:
    require_action(session, Action.MOVEMENT_WRITE)
    order = order.checked()
    ids = sorted(set(student_ids))
    if not ids:
        raise ValidationError("Не выбран ни один обучающийся", field="student_ids")
    with connection(session) as conn:
        if to_group_id is not None:
            _require_group(conn, to_group_id)
        return apply_movement(conn, session, kind, ids, order, to_group_id)


def apply_movement(
    conn: Connection, session: UserSession, kind: str, ids: Sequence[int], order: Order, to_group_id: int | None
) -> int:
    """The set-based core, also used by the new academic year inside its own transaction."""
    allowed, new_status = _TRANSITIONS[kind]
    rows = conn.execute(
        select(m.Student.id, m.Student.group_id, m.Student.status, m.Person.last_name, m.Person.first_name)
        .join(m.Person, m.Person.id == m.Student.person_id)
        .where(m.Student.id.in_(ids))
    ).all()
    found = {r[0]: r for r in rows}
    missing = [sid for sid in ids if sid not in found]
    if missing:
        raise ValidationError(f"Обучающиеся не найдены (id {', '.join(map(str, missing))}): возможно, их удалили")
    last = _last_effective(conn, ids)
    archived = _archived_groups(conn, {found[sid][1] for sid in ids}) if kind == "return" and not to_group_id else {}
    problems = []
    for sid in ids:
        _id, group_id, status, last_name, first_name = found[sid]
        who = f"{last_name} {first_name}"
        if status not in allowed:
            problems.append(f"{who}: {_STATUS_RU.get(status, status)}, {KIND_LABELS[kind]} невозможно")
        elif kind == "transfer" and group_id == to_group_id:
            problems.append(f"{who}: уже в этой группе")
        elif kind == "enrol" and sid in last:
            problems.append(f"{who}: уже есть движения по приказам, зачисление оформляется первым")
        elif group_id in archived:
            problems.append(f"{who}: группа {archived[group_id]} в архиве, укажите группу, в которую выходит")
        elif sid in last and last[sid] > order.effective_date:
            problems.append(
                f"{who}: последнее движение вступило в силу {format_date(last[sid])}, "
                f"позже {format_date(order.effective_date)}"
            )
    if problems:
        raise ValidationError("Приказ не проведён:\n" + "\n".join(problems))
    moves = []
    by_group: dict[int, list[int]] = {}
    for sid in ids:
        group_id = found[sid][1]
        target = to_group_id if to_group_id is not None else group_id
        if kind == "enrol":
            moves.append((sid, None, group_id))
        elif kind in ("transfer", "reinstate", "return"):
            from_group = group_id if kind == "transfer" else None
            moves.append((sid, from_group, target))
            by_group.setdefault(target, []).append(sid)
        else:
            moves.append((sid, group_id, None))
    values: dict[str, object] = {"status": new_status}
    if by_group:
        for target, members in by_group.items():
            conn.execute(
                update(m.Student).where(m.Student.id.in_(members)).values(group_id=target, subgroup=None, **values)
            )
    else:
        conn.execute(update(m.Student).where(m.Student.id.in_(ids)).values(**values))
    _write_movements(conn, session, kind, moves, order)
    return len(ids)


def _write_movements(
    conn: Connection, session: UserSession, kind: str, moves: Iterable[tuple[int, int | None, int | None]], order: Order
) -> None:
    rows = [
        {
            "student_id": sid,
            "kind": kind,
            "from_group_id": from_group,
            "to_group_id": to_group,
            "order_no": order.order_no,
            "order_date": order.order_date,
            "effective_date": order.effective_date,
            "note": order.note,
            "created_by": session.user.person_id,
        }
        for sid, from_group, to_group in moves
    ]
    if rows:
        conn.execute(insert(m.StudentMovement), rows)


def _last_effective(conn: Connection, ids: Sequence[int]) -> dict[int, dt.date]:
    from sqlalchemy import func

    query = (
        select(m.StudentMovement.student_id, func.max(m.StudentMovement.effective_date))
        .where(m.StudentMovement.student_id.in_(ids))
        .group_by(m.StudentMovement.student_id)
    )
    return {sid: day for sid, day in conn.execute(query)}


def _archived_groups(conn: Connection, group_ids: set[int]) -> dict[int, str]:
    query = select(m.StudyGroup.id, m.StudyGroup.name).where(
        m.StudyGroup.id.in_(sorted(group_ids)), m.StudyGroup.is_archived.is_(True)
    )
    return {gid: name for gid, name in conn.execute(query)}


def _require_group(conn: Connection, group_id: int) -> None:
    row = conn.execute(select(m.StudyGroup.is_archived).where(m.StudyGroup.id == group_id)).first()
    if row is None:
        raise ValidationError("Группа не найдена", field="group_id")
    if row[0]:
        raise ValidationError("Группа в архиве: в неё нельзя зачислять и переводить", field="group_id")


# -- who was in the group -----------------------------------------------------------------------


def _history(conn: Connection, group_id: int) -> dict[int, tuple[tuple, list[Movement]]]:
    """Everyone ever in the group (now, or by a movement) with all their movements: one query."""
    query = with_movements(
        m.Person.last_name,
        m.Person.first_name,
        m.Person.middle_name,
        m.Student.record_book_no,
        m.Student.status,
        m.Person.birth_date,
    ).where(in_or_through_group(group_id))
    return fold(conn.execute(query))


def _check_group_readable(session: UserSession, conn: Connection, group_id: int) -> None:
    require_action(session, Action.CONTINGENT_READ)
    groups = readable_group_ids(session, conn)
    if groups is not None and group_id not in groups:
        from ejournal_desktop.domain.errors import PermissionDenied

        raise PermissionDenied(f"Недостаточно прав: {Action.CONTINGENT_READ.label} (эта группа)")


def group_roster_on(session: UserSession, group_id: int, day: dt.date) -> list[RosterEntry]:
    """Who belonged to the group on `day` by the movement history (the list «на дату»)."""
    with connection(session) as conn:
        _check_group_readable(session, conn, group_id)
        history = _history(conn, group_id)
    roster = []
    for sid, ((last, first, middle, book, status, birth), moves) in history.items():
        if belongs_on(intervals_of(moves, group_id), day):
            roster.append(RosterEntry(sid, full_name(last, first, middle), book, status, birth))
    return sorted(roster, key=lambda r: russian_sort_key(r.full_name))


def membership_intervals(
    session: UserSession, group_id: int, date_from: dt.date, date_to: dt.date
) -> dict[int, tuple[Interval, ...]]:
    """Per student, the days of [date_from, date_to] they belonged to the group: one query.

    Intervals are inclusive on both ends and clipped to the asked range, so `start` and `end` are
    always dates. A student who was in the group on no day of the range is left out. A student
    with no movement into the group (lists typed in before the journal) belongs from the start
    until a movement takes them out; `effective_date` is the first day in the new group (the
    last day in the old one is the day before).
    """
    if date_to < date_from:
        raise ValidationError("Конец диапазона дат раньше начала", field="date_to")
    with connection(session) as conn:
        _check_group_readable(session, conn, group_id)
        history = _history(conn, group_id)
    result: dict[int, tuple[Interval, ...]] = {}
    for sid, (_person, moves) in history.items():
        clipped = []
        for interval in intervals_of(moves, group_id):
            start = max(interval.start or date_from, date_from)
            end = min(interval.end or date_to, date_to)
            if start <= end:
                clipped.append(Interval(start, end))
        if clipped:
            result[sid] = tuple(clipped)
    return result
