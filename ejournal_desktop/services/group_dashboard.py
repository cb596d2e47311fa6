"""«Моя группа»: the curator's view of the group for a period — averages, absences, who is at risk.

Three SQL statements whatever the group size, each built once: the header with the group's journals
and the hours held so far; the students with their movements; and, in one UNION ALL, the marks
aggregated per student × journal, the absences aggregated the same way and the final marks. Every
sum and count is made by the database, Python only folds the rows.

Who is shown: the students in the group on the reference day (today, or the period's last day
when the period is over; its first day when it has not begun). Students who left before are
counted in `left` and not listed: the statistics exclude them (DESIGN.md).

At risk, with the reason named (`StudentLine.risks`), when any of:
- a final mark «2», «нз» or «н/а» is already set in a discipline;
- otherwise the forecast of a discipline (domain.forecast — the same rule as the preliminary
  report) is «2», «нз» or «н/а»;
- unexcused absences over the period exceed `threshold_hours` (default 30).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Date, Integer, String, and_, bindparam, case, func, literal, select, union_all

from ejournal_desktop.domain import marks as mk
from ejournal_desktop.domain.attendance import EXCUSED, SICK
from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.errors import NotFound, PermissionDenied
from ejournal_desktop.domain.forecast import forecast as forecast_mark
from ejournal_desktop.domain.membership import belongs_on, membership_intervals, overlaps
from ejournal_desktop.domain.names import full_name, russian_sort_key, short_name
from ejournal_desktop.domain.permissions import Action, Scope, allowed_scopes, require
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.journal_access import today_date
from ejournal_desktop.services.journal_types import PeriodInfo
from ejournal_desktop.services.movement_rows import fold, in_or_through_group, with_movements
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m

DEFAULT_THRESHOLD_HOURS = 30  # unexcused hours over the period that put a student at risk
# Which final mark decides a discipline when several are set: the exam over the semester mark.
_FINAL_PRIORITY = {mk.FINAL_EXAM: 0, mk.FINAL_DIFF_CREDIT: 1, mk.FINAL_CREDIT: 2, mk.FINAL_SEMESTER: 3}


@dataclass(frozen=True, slots=True)
class DisciplineState:
    """One student in one journal: current marks, absences, and what they forecast."""

    assignment_id: int
    code: str
    name: str
    average: float | None  # current numeric marks, unrounded
    marks: int
    absent_hours: int
    final: str | None  # the decisive final mark when set
    forecast: str | None  # «5» … «2», «н/а», or None when nothing can be said yet
    risk: str | None  # why this discipline puts the student at risk


@dataclass(frozen=True, slots=True)
class StudentLine:
    student_id: int
    number: int
    full_name: str
    short_name: str
    average: float | None  # all numeric lesson marks of the period, unrounded
    marks: int  # lesson marks of every kind
    absent_hours: int
    excused_hours: int  # «уважительная» and «болезнь» together
    sick_hours: int
    disciplines: tuple[DisciplineState, ...]
    risks: tuple[str, ...]

    @property
    def unexcused_hours(self) -> int:
        return self.absent_hours - self.excused_hours

    @property
    def at_risk(self) -> bool:
        return bool(self.risks)

    @property
    def risk_text(self) -> str:
        return "; ".join(self.risks)


@dataclass(frozen=True, slots=True)
class GroupDashboard:
    group_id: int
    group_name: str
    curator_name: str
    period: PeriodInfo
    on: dt.date  # the reference day
    threshold_hours: int
    students: list[StudentLine]
    journals: int  # the group's journals in the period
    left: int  # students of the period who are no longer in the group
    numeric_sum: int = 0
    numeric_count: int = 0
    statements: int = 3
    notes: list[str] = field(default_factory=list)

    @property
    def at_risk(self) -> list[StudentLine]:
        return [s for s in self.students if s.at_risk]

    @property
    def average(self) -> float | None:
        """The group's mean of numeric marks (every mark weighs the same), unrounded."""
        return self.numeric_sum / self.numeric_count if self.numeric_count else None

    @property
    def absent_hours(self) -> int:
        return sum(s.absent_hours for s in self.students)

    @property
    def excused_hours(self) -> int:
        return sum(s.excused_hours for s in self.students)


def _check(session: UserSession, group_id: int) -> None:
    roles = session.user.roles
    require(roles, Action.REPORTS_GROUP)
    scopes = allowed_scopes(roles, Action.REPORTS_GROUP)
    if Scope.ALL not in scopes and group_id not in session.user.curated_group_ids:
        raise PermissionDenied("Недостаточно прав: «Моя группа» показывает куратору только его группу")


@cache
def _head_statement() -> Any:
    """The group, its curator, the period and, one row per journal of the group in the period (none:
    one row of NULLs), the lessons and hours held up to the reference day — the period's day
    nearest to :day. Binds :group_id, :period_id, :day."""
    group_id = bindparam("group_id", type_=Integer)
    period_id = bindparam("period_id", type_=Integer)
    day = bindparam("day", type_=Date)
    curator = m.Person.__table__.alias("curator")
    on = case((day < m.Period.starts_on, m.Period.starts_on), (day > m.Period.ends_on, m.Period.ends_on), else_=day)
    held = (
        select(
            m.Lesson.assignment_id,
            func.count(m.Lesson.id).label("lessons"),
            func.coalesce(func.sum(m.Lesson.hours), 0).label("hours"),
        )
        .join(m.TeachingAssignment, m.TeachingAssignment.id == m.Lesson.assignment_id)
        .join(m.Period, m.Period.id == m.TeachingAssignment.period_id)
        .where(
            m.TeachingAssignment.group_id == group_id,
            m.TeachingAssignment.period_id == period_id,
            m.Lesson.held_on <= on,
        )
        .group_by(m.Lesson.assignment_id)
        .subquery()
    )
    return (
        select(
            m.StudyGroup.name,
            curator.c.last_name,
            curator.c.first_name,
            curator.c.middle_name,
            m.Period.academic_year,
            m.Period.number,
            m.Period.starts_on,
            m.Period.ends_on,
            m.Period.closed_at,
            m.TeachingAssignment.id,
            m.TeachingAssignment.subgroup,
            m.Discipline.code,
            m.Discipline.name,
            func.coalesce(held.c.lessons, 0),
            func.coalesce(held.c.hours, 0),
        )
        .select_from(m.StudyGroup)
        .join(m.Period, m.Period.id == period_id)
        .outerjoin(curator, curator.c.id == m.StudyGroup.curator_id)
        .outerjoin(
            m.TeachingAssignment,
            and_(m.TeachingAssignment.group_id == m.StudyGroup.id, m.TeachingAssignment.period_id == m.Period.id),
        )
        .outerjoin(m.Discipline, m.Discipline.id == m.TeachingAssignment.discipline_id)
        .outerjoin(held, held.c.assignment_id == m.TeachingAssignment.id)
        .where(m.StudyGroup.id == group_id)
        .order_by(m.Discipline.code, m.TeachingAssignment.subgroup)
    )


@cache
def _students_statement() -> Any:
    columns = (m.Student.subgroup, m.Person.last_name, m.Person.first_name, m.Person.middle_name)
    return with_movements(*columns).where(in_or_through_group(bindparam("group_id", type_=Integer)))


@cache
def _figures_statement() -> Any:
    """Per student × journal of the group in the period, in one UNION ALL (binds :group_id,
    :period_id): 'm' — marks: all, numeric, their sum, «зч», «нз»; 'a' — hours absent: all,
    excused (any reason but unexcused), of them sick; 'f' — each final mark (kind, value)."""
    journals = select(m.TeachingAssignment.id).where(
        m.TeachingAssignment.group_id == bindparam("group_id", type_=Integer),
        m.TeachingAssignment.period_id == bindparam("period_id", type_=Integer),
    )
    numeric = case(
        (m.Mark.value == "5", 5), (m.Mark.value == "4", 4), (m.Mark.value == "3", 3), (m.Mark.value == "2", 2), else_=0
    )
    no_text = literal(None, String)
    marks = (
        select(
            literal("m"),
            m.Mark.student_id,
            m.Lesson.assignment_id,
            func.count(m.Mark.id),
            func.sum(case((m.Mark.value.in_(mk.NUMERIC), 1), else_=0)),
            func.sum(numeric),
            func.sum(case((m.Mark.value == mk.PASS, 1), else_=0)),
            func.sum(case((m.Mark.value == mk.FAIL, 1), else_=0)),
            no_text,
            no_text,
        )
        .join(m.Lesson, m.Lesson.id == m.Mark.lesson_id)
        .where(m.Lesson.assignment_id.in_(journals))
        .group_by(m.Mark.student_id, m.Lesson.assignment_id)
    )
    hours = m.Attendance.absent_hours
    zero = literal(0)
    absences = (
        select(
            literal("a"),
            m.Attendance.student_id,
            m.Lesson.assignment_id,
            func.sum(hours),
            func.sum(case((m.Attendance.reason.in_((EXCUSED, SICK)), hours), else_=0)),
            func.sum(case((m.Attendance.reason == SICK, hours), else_=0)),
            zero,
            zero,
            no_text,
            no_text,
        )
        .join(m.Lesson, m.Lesson.id == m.Attendance.lesson_id)
        .where(m.Lesson.assignment_id.in_(journals), hours > 0)
        .group_by(m.Attendance.student_id, m.Lesson.assignment_id)
    )
    finals = select(
        literal("f"),
        m.FinalMark.student_id,
        m.FinalMark.assignment_id,
        zero,
        zero,
        zero,
        zero,
        zero,
        m.FinalMark.kind,
        m.FinalMark.value,
    ).where(m.FinalMark.assignment_id.in_(journals))
    return union_all(marks, absences, finals)


def group_dashboard(
    session: UserSession,
    group_id: int,
    period_id: int,
    *,
    threshold_hours: int = DEFAULT_THRESHOLD_HOURS,
    today: dt.date | None = None,
) -> GroupDashboard:
    _check(session, group_id)
    threshold_hours = max(0, int(threshold_hours))
    day = today or today_date()
    ids = {"group_id": group_id, "period_id": period_id}
    with transaction(session) as conn:
        # 1. the header and the group's journals with the lessons held so far
        rows = conn.execute(_head_statement(), {**ids, "day": day}).all()
        if not rows:
            raise NotFound("Группа или период не найдены")
        # 2. the students with their movements
        folded = fold(conn.execute(_students_statement(), ids).all())
        # 3. marks and absences per student × journal, final marks
        figures = conn.execute(_figures_statement(), ids).all()

    group_name, c_last, c_first, c_middle, year, number, starts_on, ends_on, closed_at = rows[0][:9]
    period = PeriodInfo(period_id, year, number, _day(starts_on), _day(ends_on), closed_at is not None)
    on = min(max(day, period.starts_on), period.ends_on)
    journals = [tuple(row[9:]) for row in rows if row[9] is not None]
    mark_stats: dict[tuple[int, int], tuple[int, int, int, int, int]] = {}
    absence_stats: dict[tuple[int, int], tuple[int, int, int]] = {}
    decisive: dict[tuple[int, int], tuple[int, str]] = {}
    for part, sid, aid, a, b, c, d, e, kind, value in figures:
        if part == "m":
            mark_stats[(sid, aid)] = (int(a), int(b or 0), int(c or 0), int(d or 0), int(e or 0))
        elif part == "a":
            absence_stats[(sid, aid)] = (int(a or 0), int(b or 0), int(c or 0))
        else:
            rank = _FINAL_PRIORITY.get(kind, 9)
            if (sid, aid) not in decisive or rank < decisive[(sid, aid)][0]:
                decisive[(sid, aid)] = (rank, value)

    members = []
    left = 0
    for sid, ((subgroup, last, first, middle), moves) in folded.items():
        intervals = membership_intervals(moves, group_id)
        if not overlaps(intervals, period.starts_on, period.ends_on):
            continue
        if not belongs_on(intervals, on):
            left += 1
            continue
        members.append((russian_sort_key(f"{last} {first} {middle or ''}"), sid, subgroup, last, first, middle))
    members.sort(key=lambda row: row[0])

    lines: list[StudentLine] = []
    numeric_count = numeric_sum = 0
    for number, (_key, sid, subgroup, last, first, middle) in enumerate(members, start=1):
        states = []
        total_marks = total_numeric = total_sum = 0
        absent = excused = sick = 0
        for aid, sub, code, name, lessons_held, hours_held in journals:
            if sub is not None and sub != subgroup:
                continue
            count, n_numeric, n_sum, passes, fails = mark_stats.get((sid, aid), (0, 0, 0, 0, 0))
            a_all, a_exc, a_sick = absence_stats.get((sid, aid), (0, 0, 0))
            total_marks += count
            total_numeric += n_numeric
            total_sum += n_sum
            absent, excused, sick = absent + a_all, excused + a_exc, sick + a_sick
            average = n_sum / n_numeric if n_numeric else None
            final = decisive.get((sid, aid), (0, None))[1]
            forecast, risk = forecast_mark(
                final, average, count, a_all, int(lessons_held), int(hours_held), passes=passes, fails=fails
            )
            states.append(DisciplineState(aid, code, name, average, count, a_all, final, forecast, risk))
        risks = [f"{state.code} {state.name}: {state.risk}" for state in states if state.risk]
        if absent - excused > threshold_hours:
            risks.append(f"пропуски без уважительной причины: {absent - excused} ч (порог {threshold_hours} ч)")
        numeric_count, numeric_sum = numeric_count + total_numeric, numeric_sum + total_sum
        lines.append(
            StudentLine(
                student_id=sid,
                number=number,
                full_name=full_name(last, first, middle),
                short_name=short_name(last, first, middle),
                average=total_sum / total_numeric if total_numeric else None,
                marks=total_marks,
                absent_hours=absent,
                excused_hours=excused,
                sick_hours=sick,
                disciplines=tuple(states),
                risks=tuple(risks),
            )
        )
    notes = []
    if on < day:
        notes.append(f"Период окончен: данные на {format_date(on)}")
    return GroupDashboard(
        group_id=group_id,
        group_name=group_name,
        curator_name=full_name(c_last, c_first, c_middle) if c_last else "",
        period=period,
        on=on,
        threshold_hours=threshold_hours,
        students=lines,
        journals=len(journals),
        left=left,
        notes=notes,
        numeric_sum=numeric_sum,
        numeric_count=numeric_count,
    )


def _day(value: Any) -> dt.date:
    """A date from the database (SQLite may hand back the text of one)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
