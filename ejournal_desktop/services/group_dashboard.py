"""«Моя группа»: the curator's view of the group for a period — averages, absences, who is at risk.

Six SQL statements whatever the group size (header, students with movements, the group's journals
with the hours held so far, marks aggregated per student × journal, absences aggregated the same
way, final marks); every sum and count is made by the database, Python only folds the rows.

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

from sqlalchemy import case, func, select

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
    statements: int = 6
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


def _statements():  # type: ignore[no-untyped-def]
    numeric = case(
        (m.Mark.value == "5", 5), (m.Mark.value == "4", 4), (m.Mark.value == "3", 3), (m.Mark.value == "2", 2), else_=0
    )
    is_numeric = case((m.Mark.value.in_(mk.NUMERIC), 1), else_=0)
    return numeric, is_numeric


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
    curator = m.Person.__table__.alias("curator")
    with transaction(session) as conn:
        # 1. the header
        head = conn.execute(
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
            )
            .select_from(m.StudyGroup)
            .join(m.Period, m.Period.id == period_id)
            .outerjoin(curator, curator.c.id == m.StudyGroup.curator_id)
            .where(m.StudyGroup.id == group_id)
        ).first()
        if head is None:
            raise NotFound("Группа или период не найдены")
        period = PeriodInfo(
            period_id, head.academic_year, head.number, head.starts_on, head.ends_on, head.closed_at is not None
        )
        on = min(max(day, period.starts_on), period.ends_on)
        # 2. the students with their movements
        columns = (m.Student.subgroup, m.Person.last_name, m.Person.first_name, m.Person.middle_name)
        folded = fold(conn.execute(with_movements(*columns).where(in_or_through_group(group_id))).all())
        # 3. the group's journals of the period with the lessons held so far
        in_group = (m.TeachingAssignment.group_id == group_id, m.TeachingAssignment.period_id == period_id)
        held = (
            select(
                m.Lesson.assignment_id,
                func.count(m.Lesson.id).label("lessons"),
                func.coalesce(func.sum(m.Lesson.hours), 0).label("hours"),
            )
            .join(m.TeachingAssignment, m.TeachingAssignment.id == m.Lesson.assignment_id)
            .where(*in_group, m.Lesson.held_on <= on)
            .group_by(m.Lesson.assignment_id)
            .subquery()
        )
        journals = conn.execute(
            select(
                m.TeachingAssignment.id,
                m.TeachingAssignment.subgroup,
                m.Discipline.code,
                m.Discipline.name,
                func.coalesce(held.c.lessons, 0),
                func.coalesce(held.c.hours, 0),
            )
            .join(m.Discipline, m.Discipline.id == m.TeachingAssignment.discipline_id)
            .outerjoin(held, held.c.assignment_id == m.TeachingAssignment.id)
            .where(*in_group)
            .order_by(m.Discipline.code, m.TeachingAssignment.subgroup)
        ).all()
        lesson_in_group = (
            select(m.Lesson.id)
            .join(m.TeachingAssignment, m.TeachingAssignment.id == m.Lesson.assignment_id)
            .where(*in_group)
        )
        # 4. marks per student × journal
        numeric, is_numeric = _statements()
        marks = conn.execute(
            select(
                m.Mark.student_id,
                m.Lesson.assignment_id,
                func.count(m.Mark.id),
                func.sum(is_numeric),
                func.sum(numeric),
                func.sum(case((m.Mark.value == mk.PASS, 1), else_=0)),
                func.sum(case((m.Mark.value == mk.FAIL, 1), else_=0)),
            )
            .join(m.Lesson, m.Lesson.id == m.Mark.lesson_id)
            .where(m.Mark.lesson_id.in_(lesson_in_group))
            .group_by(m.Mark.student_id, m.Lesson.assignment_id)
        ).all()
        # 5. absences per student × journal: all, excused (any reason but unexcused), of them sick
        hours = m.Attendance.absent_hours
        absences = conn.execute(
            select(
                m.Attendance.student_id,
                m.Lesson.assignment_id,
                func.sum(hours),
                func.sum(case((m.Attendance.reason.in_((EXCUSED, SICK)), hours), else_=0)),
                func.sum(case((m.Attendance.reason == SICK, hours), else_=0)),
            )
            .join(m.Lesson, m.Lesson.id == m.Attendance.lesson_id)
            .where(m.Attendance.lesson_id.in_(lesson_in_group), hours > 0)
            .group_by(m.Attendance.student_id, m.Lesson.assignment_id)
        ).all()
        # 6. final marks
        finals = conn.execute(
            select(m.FinalMark.student_id, m.FinalMark.assignment_id, m.FinalMark.kind, m.FinalMark.value).where(
                m.FinalMark.assignment_id.in_(select(m.TeachingAssignment.id).where(*in_group))
            )
        ).all()

    mark_stats = {
        (r[0], r[1]): (int(r[2]), int(r[3] or 0), int(r[4] or 0), int(r[5] or 0), int(r[6] or 0)) for r in marks
    }
    absence_stats = {(r[0], r[1]): (int(r[2] or 0), int(r[3] or 0), int(r[4] or 0)) for r in absences}
    decisive: dict[tuple[int, int], tuple[int, str]] = {}
    for sid, aid, kind, value in finals:
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
    numeric_counts: dict[int, int] = {}
    numeric_sums: dict[int, int] = {}
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
        numeric_counts[sid], numeric_sums[sid] = total_numeric, total_sum
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
        group_name=head.name,
        curator_name=full_name(head.last_name, head.first_name, head.middle_name) if head.last_name else "",
        period=period,
        on=on,
        threshold_hours=threshold_hours,
        students=lines,
        journals=len(journals),
        left=left,
        notes=notes,
        numeric_sum=sum(numeric_sums.values()),
        numeric_count=sum(numeric_counts.values()),
    )
