"""The weekly timetable of a teaching assignment and «Создать занятия по расписанию» for a month.

A timetable is a set of (weekday, pair) slots (`timetable_slot`: 0 = Monday … 5 = Saturday). For a
month the service creates a lesson on every date whose weekday has a slot, inside the period,
skipping public holidays (domain.calendar) and the (date, pair) places that already hold a lesson;
the new lessons take the КТП's next topics in order. All of it in one transaction, in a constant
number of statements; the result tells how many were created and why the others were skipped.

Rights: the teacher of the assignment while the period is open (as for lessons); the secretary may
set the timetable too (teaching load), but only the teacher creates lessons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select

from ejournal_desktop.domain.attendance import HOURS_PER_PAIR
from ejournal_desktop.domain.calendar import format_date, is_school_day, month_name
from ejournal_desktop.domain.errors import PermissionDenied, ValidationError
from ejournal_desktop.domain.permissions import Action, Scope, allowed_scopes
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.journal_access import assignment_for_write, assignment_info, read_allowed, write_refusal
from ejournal_desktop.services.journal_types import PeriodInfo
from ejournal_desktop.services.lessons import lesson_values, remaining_topics
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m

WEEKDAY_NAMES: tuple[str, ...] = ("Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота")
WEEKDAY_SHORT: tuple[str, ...] = ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб")
MAX_PAIR = 8


@dataclass(frozen=True, slots=True, order=True)
class Slot:
    weekday: int  # 0 = Monday … 5 = Saturday
    pair_no: int
    room: str | None = None

    @property
    def label(self) -> str:
        return f"{WEEKDAY_SHORT[self.weekday]}, {self.pair_no}-я пара"


@dataclass(frozen=True, slots=True)
class Timetable:
    assignment_id: int
    period: PeriodInfo
    slots: tuple[Slot, ...]
    read_only_reason: str | None  # may not change the timetable
    lessons_refusal: str | None  # may not create lessons

    @property
    def months(self) -> list[tuple[int, int]]:
        from ejournal_desktop.domain.calendar import months_of

        return months_of(self.period.starts_on, self.period.ends_on)


@dataclass(frozen=True, slots=True)
class CreatedLessons:
    year: int
    month: int
    created: tuple[tuple[dt.date, int], ...]  # (date, pair) of each new lesson
    existing: int  # places that already held a lesson
    holidays: tuple[dt.date, ...]  # dates skipped as public holidays
    outside: int  # slot dates of the month outside the period
    topics_used: int  # new lessons that got a КТП topic

    @property
    def message(self) -> str:
        month = f"{month_name(self.month).lower()} {self.year}"
        text = f"Создано занятий за {month}: {len(self.created)}"
        skipped = []
        if self.existing:
            skipped.append(f"уже были — {self.existing}")
        if self.holidays:
            days = ", ".join(format_date(d) for d in sorted(set(self.holidays)))
            skipped.append(f"праздники — {len(self.holidays)} ({days})")
        if self.outside:
            skipped.append(f"вне периода — {self.outside}")
        if skipped:
            text += ". Пропущено: " + "; ".join(skipped)
        if self.created:
            text += f". Темы из КТП: {self.topics_used}"
        return text


_MISSING = "Нагрузка не найдена: возможно, её изменили"


def _timetable_refusal(session: UserSession, teacher_id: int, period_closed: bool) -> str | None:
    if Scope.ALL in allowed_scopes(session.user.roles, Action.LOAD_WRITE):
        return None
    return write_refusal(session, teacher_id, period_closed)


def _slots(connection: Connection, assignment_id: int) -> tuple[Slot, ...]:
    rows = connection.execute(
        select(m.TimetableSlot.weekday, m.TimetableSlot.pair_no, m.TimetableSlot.room)
        .where(m.TimetableSlot.assignment_id == assignment_id)
        .order_by(m.TimetableSlot.weekday, m.TimetableSlot.pair_no)
    ).all()
    return tuple(Slot(w, p, r) for w, p, r in rows)


def load_timetable(session: UserSession, assignment_id: int) -> Timetable:
    with transaction(session) as connection:
        info = assignment_info(connection, assignment_id, missing=_MISSING)
        load_scopes = allowed_scopes(session.user.roles, Action.LOAD_WRITE)
        if not (read_allowed(session, info.teacher_id, info.group_id) or Scope.ALL in load_scopes):
            raise PermissionDenied("Недостаточно прав: расписание другой группы")
        slots = _slots(connection, assignment_id)
    closed = info.period.is_closed
    return Timetable(
        assignment_id=assignment_id,
        period=info.period,
        slots=slots,
        read_only_reason=_timetable_refusal(session, info.teacher_id, closed),
        lessons_refusal=write_refusal(session, info.teacher_id, closed),
    )


def save_timetable(session: UserSession, assignment_id: int, slots: Iterable[Slot]) -> Timetable:
    """Replace the assignment's weekly timetable with these slots."""
    wanted = sorted(set(slots))
    for slot in wanted:
        if not 0 <= slot.weekday <= 5:
            raise ValidationError("День недели — с понедельника по субботу", field="weekday")
        if not 1 <= slot.pair_no <= MAX_PAIR:
            raise ValidationError(f"Номер пары — от 1 до {MAX_PAIR}", field="pair_no")
    places = [(s.weekday, s.pair_no) for s in wanted]
    if len(places) != len(set(places)):
        raise ValidationError("Одна и та же пара указана в расписании дважды")
    with transaction(session) as connection:
        info = assignment_info(connection, assignment_id, missing=_MISSING)
        refusal = _timetable_refusal(session, info.teacher_id, info.period.is_closed)
        if refusal:
            raise PermissionDenied(refusal)
        connection.execute(delete(m.TimetableSlot).where(m.TimetableSlot.assignment_id == assignment_id))
        if wanted:
            connection.execute(
                insert(m.TimetableSlot),
                [
                    {"assignment_id": assignment_id, "weekday": s.weekday, "pair_no": s.pair_no, "room": s.room}
                    for s in wanted
                ],
            )
    return load_timetable(session, assignment_id)


def _month_days(year: int, month: int) -> list[dt.date]:
    first = dt.date(year, month, 1)
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return [first + dt.timedelta(days=n) for n in range((following - first).days)]


def create_month_lessons(
    session: UserSession, assignment_id: int, year: int, month: int, *, hours: int = HOURS_PER_PAIR
) -> CreatedLessons:
    """Lessons for every timetable slot of the month: see the module's note."""
    if not 1 <= month <= 12:
        raise ValidationError(f"Неверный месяц «{month}»")
    days = _month_days(year, month)
    with transaction(session) as connection:
        period = assignment_for_write(session, connection, assignment_id, missing=_MISSING).period
        slots = _slots(connection, assignment_id)
        if not slots:
            raise ValidationError("Расписание не задано: отметьте дни и пары, в которые идут занятия")
        taken = {
            (held_on, pair_no)
            for held_on, pair_no in connection.execute(
                select(m.Lesson.held_on, m.Lesson.pair_no).where(
                    m.Lesson.assignment_id == assignment_id,
                    m.Lesson.held_on >= days[0],
                    m.Lesson.held_on <= days[-1],
                )
            )
        }
        by_weekday: dict[int, list[int]] = {}
        for slot in slots:
            by_weekday.setdefault(slot.weekday, []).append(slot.pair_no)
        places: list[tuple[dt.date, int]] = []
        holidays: list[dt.date] = []
        existing = outside = 0
        for day in days:
            for pair_no in by_weekday.get(day.weekday(), ()):
                if not period.starts_on <= day <= period.ends_on:
                    outside += 1
                elif not is_school_day(day):
                    holidays.append(day)
                elif (day, pair_no) in taken:
                    existing += 1
                else:
                    places.append((day, pair_no))
        topics = remaining_topics(connection, assignment_id, len(places)) if places else []
        if places:
            connection.execute(
                insert(m.Lesson),
                [
                    lesson_values(session, assignment_id, day, pair_no, hours, topics[i] if i < len(topics) else None)
                    for i, (day, pair_no) in enumerate(places)
                ],
            )
    return CreatedLessons(
        year=year,
        month=month,
        created=tuple(places),
        existing=existing,
        holidays=tuple(holidays),
        outside=outside,
        topics_used=min(len(topics), len(places)),
    )
