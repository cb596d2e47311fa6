"""The teacher's journal: list the journals, open one — and, re-exported here for the screens, the
types (journal_types), the saving of cells (journal_cells) and the lessons (lessons).

Opening a journal costs four SQL statements whatever the group size (header, students with their
movements, lessons, and every cell and final mark in one UNION ALL). Saving a cell names the state
the teacher saw (`expected`); when the database holds something else, somebody changed it first and
nothing is overwritten: `Conflict` carries the current state and who set it.

Rights come from the permission matrix: a teacher writes only the journals of their own teaching
assignments, only while the period is open; corrections of lessons older than the edit window need a
reason, kept with the audit row (the electronic «запись ошибочна» with a signature)."""

from __future__ import annotations

import datetime as dt
from contextlib import closing
from functools import cache

from sqlalchemy import (
    Connection,
    Date,
    Integer,
    and_,
    bindparam,
    case,
    exists,
    func,
    literal,
    or_,
    select,
    union_all,
)

from ejournal_desktop.domain import marks as mk
from ejournal_desktop.domain.attendance import is_excused
from ejournal_desktop.domain.calendar import current_period
from ejournal_desktop.domain.errors import NotFound, PermissionDenied
from ejournal_desktop.domain.membership import membership_intervals, overlaps
from ejournal_desktop.domain.names import russian_sort_key, short_name
from ejournal_desktop.domain.permissions import Action, Scope, allowed_scopes
from ejournal_desktop.domain.statistics import average_mark
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.journal_access import (
    period_info,
    person_short_name,
    read_allowed,
    today_date,
    window_days,
    write_refusal,
)
from ejournal_desktop.services.journal_cells import cell_parts, fold_cells, save_cell, save_cells, save_final  # noqa: F401

# The journal API in one place for the screens: the types and the writes live in their own modules.
from ejournal_desktop.services.journal_types import (  # noqa: F401
    DEFAULT_EDIT_WINDOW_DAYS,
    EMPTY_CELL_STATE,
    FINAL_KINDS_BY_CONTROL_FORM,
    CellState,
    EditReasonRequired,
    FinalState,
    Journal,
    JournalSummary,
    LessonColumn,
    PeriodInfo,
    PlanTopicInfo,
    StudentRow,
    StudentStats,
)
from ejournal_desktop.services.lessons import add_lesson, delete_lesson, next_plan_topic, update_lesson  # noqa: F401
from ejournal_desktop.services.movement_rows import fold, in_or_through_group, with_movements
from ejournal_desktop.services.unit_of_work import ConnectionLost, transaction  # noqa: F401 (ConnectionLost: API)
from ejournal_desktop.store import models as m

# --- periods and the list of journals --------------------------------------------------------


def list_periods(session: UserSession) -> list[PeriodInfo]:
    with transaction(session) as connection:
        rows = connection.execute(select(m.Period).order_by(m.Period.starts_on)).all()
    return [period_info(row) for row in rows]


def current_period_id(session: UserSession, today: dt.date | None = None) -> int | None:
    """The period containing today; else the last one that has started; else the first one."""
    return periods_and_current(session, today)[1]


def periods_and_current(session: UserSession, today: dt.date | None = None) -> tuple[list[PeriodInfo], int | None]:
    """Every period (oldest first) and the current one's id, in one query: a screen's period picker."""
    periods = list_periods(session)
    current = current_period(periods, today or today_date())
    return periods, current.id if current else None


def _lesson_totals(today: dt.date, *assignment_filter: object):  # type: ignore[no-untyped-def]
    """Per assignment: hours given, the last lesson date, past lessons with no mark and no absence.

    `assignment_filter` narrows the lessons scanned (one journal, one period): without it every
    lesson of the college would be aggregated to show one row."""
    empty_past = and_(
        m.Lesson.held_on <= today,
        ~exists().where(m.Mark.lesson_id == m.Lesson.id),
        ~exists().where(m.Attendance.lesson_id == m.Lesson.id),
    )
    return (
        select(
            m.Lesson.assignment_id.label("assignment_id"),
            func.sum(m.Lesson.hours).label("given_hours"),
            func.max(m.Lesson.held_on).label("last_entry_on"),
            func.sum(case((empty_past, 1), else_=0)).label("without_marks"),
        )
        .where(*assignment_filter)
        .group_by(m.Lesson.assignment_id)
        .subquery()
    )


def my_journals(
    session: UserSession, period_id: int, *, scope: str = "own", today: dt.date | None = None
) -> list[JournalSummary]:
    """The journals of a period: «own» — the teacher's assignments and their curated groups';
    «all» — every journal the person may read (deputy, admin). One query."""
    in_period = select(m.TeachingAssignment.id).where(m.TeachingAssignment.period_id == period_id)
    totals = _lesson_totals(today or today_date(), m.Lesson.assignment_id.in_(in_period))
    teacher = m.Person.__table__.alias("teacher")
    query = (
        select(
            m.TeachingAssignment,
            m.StudyGroup.name,
            m.Discipline.code,
            m.Discipline.name,
            teacher.c.last_name,
            teacher.c.first_name,
            teacher.c.middle_name,
            m.Period.closed_at,
            totals.c.given_hours,
            totals.c.last_entry_on,
            totals.c.without_marks,
        )
        .join(m.StudyGroup, m.StudyGroup.id == m.TeachingAssignment.group_id)
        .join(m.Discipline, m.Discipline.id == m.TeachingAssignment.discipline_id)
        .join(teacher, teacher.c.id == m.TeachingAssignment.teacher_id)
        .join(m.Period, m.Period.id == m.TeachingAssignment.period_id)
        .outerjoin(totals, totals.c.assignment_id == m.TeachingAssignment.id)
        .where(m.TeachingAssignment.period_id == period_id)
        .order_by(m.StudyGroup.name, m.Discipline.code, m.TeachingAssignment.subgroup)
    )
    user = session.user
    read_scopes = allowed_scopes(user.roles, Action.JOURNAL_READ)
    if scope == "own" or Scope.ALL not in read_scopes:
        mine = m.TeachingAssignment.teacher_id == user.person_id
        if user.curated_group_ids and Scope.CURATED_GROUP in read_scopes:
            mine = or_(mine, m.TeachingAssignment.group_id.in_(user.curated_group_ids))
        query = query.where(mine)
    from sqlalchemy.orm import Session

    with transaction(session) as connection, Session(bind=connection) as orm:
        rows = orm.execute(query).all()
    result = []
    for a, group_name, code, name, last, first, middle, closed_at, given, last_on, without in rows:
        result.append(
            JournalSummary(
                assignment_id=a.id,
                group_id=a.group_id,
                group_name=group_name,
                discipline_code=code,
                discipline_name=name,
                subgroup=a.subgroup,
                teacher_id=a.teacher_id,
                teacher_name=person_short_name(last, first, middle) or "",
                period_id=a.period_id,
                control_form=a.control_form,
                planned_hours=a.planned_hours,
                given_hours=int(given or 0),
                last_entry_on=last_on,
                lessons_without_marks=int(without or 0),
                can_write=write_refusal(session, a.teacher_id, closed_at is not None) is None,
            )
        )
    return result


# --- opening a journal -----------------------------------------------------------------------


@cache
def _header_statement():  # type: ignore[no-untyped-def]
    """The journal's header: built once, run with :assignment_id and :today."""
    assignment_id = bindparam("assignment_id", type_=Integer)
    totals = _lesson_totals(bindparam("today", type_=Date), m.Lesson.assignment_id == assignment_id)
    teacher = m.Person.__table__.alias("teacher")
    edit_window = (
        select(m.AppSetting.value).where(m.AppSetting.key == "edit_window_days").scalar_subquery().label("window")
    )
    return (
        select(
            m.TeachingAssignment.__table__,
            m.StudyGroup.name.label("group_name"),
            m.Discipline.code.label("discipline_code"),
            m.Discipline.name.label("discipline_name"),
            teacher.c.last_name,
            teacher.c.first_name,
            teacher.c.middle_name,
            m.Period.academic_year,
            m.Period.number,
            m.Period.starts_on,
            m.Period.ends_on,
            m.Period.closed_at,
            totals.c.given_hours,
            totals.c.last_entry_on,
            totals.c.without_marks,
            edit_window,
        )
        .join(m.StudyGroup, m.StudyGroup.id == m.TeachingAssignment.group_id)
        .join(m.Discipline, m.Discipline.id == m.TeachingAssignment.discipline_id)
        .join(teacher, teacher.c.id == m.TeachingAssignment.teacher_id)
        .join(m.Period, m.Period.id == m.TeachingAssignment.period_id)
        .outerjoin(totals, totals.c.assignment_id == m.TeachingAssignment.id)
        .where(m.TeachingAssignment.id == assignment_id)
    )


@cache
def _lessons_statement():  # type: ignore[no-untyped-def]
    return (
        select(m.Lesson)
        .where(m.Lesson.assignment_id == bindparam("assignment_id", type_=Integer))
        .order_by(m.Lesson.held_on, m.Lesson.pair_no)
    )


def open_journal(session: UserSession, assignment_id: int, *, today: dt.date | None = None) -> Journal:
    """Everything the grid shows, in four SQL statements (built once, so opening costs little Python)."""
    with transaction(session) as connection:
        header = connection.execute(
            _header_statement(), {"assignment_id": assignment_id, "today": today or today_date()}
        ).first()
        if header is None:
            raise NotFound("Журнал не найден: возможно, нагрузка была изменена")
        h = header._mapping
        if not read_allowed(session, h["teacher_id"], h["group_id"]):
            raise PermissionDenied("Недостаточно прав: просмотр журнала другой группы")
        period = PeriodInfo(
            id=h["period_id"],
            academic_year=h["academic_year"],
            number=h["number"],
            starts_on=h["starts_on"],
            ends_on=h["ends_on"],
            is_closed=h["closed_at"] is not None,
        )
        students = _load_students(connection, h["group_id"], h["subgroup"], period)
        lessons = [
            LessonColumn(
                lesson_id=row.id,
                held_on=row.held_on,
                pair_no=row.pair_no,
                hours=row.hours,
                topic=row.topic,
                homework=row.homework,
                lesson_kind=row.lesson_kind,
                plan_topic_id=row.plan_topic_id,
            )
            for row in connection.execute(_lessons_statement(), {"assignment_id": assignment_id})
        ]
        cells, finals = _load_cells(connection, assignment_id)
    refusal = write_refusal(session, h["teacher_id"], period.is_closed)
    summary = JournalSummary(
        assignment_id=assignment_id,
        group_id=h["group_id"],
        group_name=h["group_name"],
        discipline_code=h["discipline_code"],
        discipline_name=h["discipline_name"],
        subgroup=h["subgroup"],
        teacher_id=h["teacher_id"],
        teacher_name=person_short_name(h["last_name"], h["first_name"], h["middle_name"]) or "",
        period_id=h["period_id"],
        control_form=h["control_form"],
        planned_hours=h["planned_hours"],
        given_hours=int(h["given_hours"] or 0),
        last_entry_on=h["last_entry_on"],
        lessons_without_marks=int(h["without_marks"] or 0),
        can_write=refusal is None,
    )
    return Journal(
        summary=summary,
        period=period,
        students=students,
        lessons=lessons,
        cells=cells,
        finals=finals,
        final_kinds=FINAL_KINDS_BY_CONTROL_FORM.get(h["control_form"], (mk.FINAL_SEMESTER,)),
        read_only_reason=refusal,
        edit_window_days=window_days(h["window"]),
        statements=4,
    )


@cache
def _students_statement():  # type: ignore[no-untyped-def]
    """Students now in the group or moved into/out of it, with all their movements; :group_id."""
    group_id = bindparam("group_id", type_=Integer)
    columns = (m.Student.subgroup, m.Person.last_name, m.Person.first_name, m.Person.middle_name)
    return with_movements(*columns).where(in_or_through_group(group_id))


def _load_students(connection: Connection, group_id: int, subgroup: int | None, period: PeriodInfo) -> list[StudentRow]:
    """Students who belonged to the group on any day of the period, with their movements (one query)."""
    folded = fold(connection.execute(_students_statement(), {"group_id": group_id}).all())
    rows = []
    for sid, ((sub, last, first, middle), moves) in folded.items():
        if subgroup is not None and sub != subgroup:
            continue
        intervals = membership_intervals(moves, group_id)
        if not overlaps(intervals, period.starts_on, period.ends_on):
            continue
        rows.append((russian_sort_key(f"{last} {first} {middle or ''}"), sid, sub, last, first, middle, intervals))
    rows.sort(key=lambda r: r[0])
    return [
        StudentRow(
            student_id=sid,
            number=number,
            full_name=" ".join(p for p in (last, first, middle) if p),
            short_name=short_name(last, first, middle),
            subgroup=sub,
            intervals=intervals,
        )
        for number, (_key, sid, sub, last, first, middle, intervals) in enumerate(rows, start=1)
    ]


@cache
def _cells_statement():  # type: ignore[no-untyped-def]
    """Marks, absences and final marks of one journal (:assignment_id) in one UNION ALL, each found
    by its own assignment (one index; and on the server, the teacher's row-level security checks
    the same column)."""
    assignment_id = bindparam("assignment_id", type_=Integer)
    who = m.Person.__table__
    marks_part, absence_part = cell_parts(
        m.Mark.assignment_id == assignment_id, m.Attendance.assignment_id == assignment_id
    )
    finals_part = (
        select(
            literal("f"),
            literal(0),
            m.FinalMark.student_id,
            literal(0),
            m.FinalMark.value,
            m.FinalMark.version,
            literal(0),
            m.FinalMark.kind,
            literal(0),
            who.c.last_name,
            who.c.first_name,
        )
        .outerjoin(who, who.c.id == m.FinalMark.updated_by)
        .where(m.FinalMark.assignment_id == assignment_id)
    )
    return union_all(marks_part, absence_part, finals_part)


def _load_cells(
    connection: Connection, assignment_id: int
) -> tuple[dict[tuple[int, int], CellState], dict[tuple[int, str], FinalState]]:
    result = connection.execute(_cells_statement(), {"assignment_id": assignment_id})
    with closing(result):
        # Thousands of rows of plain values, nothing to convert: the driver's own tuples, not Row
        # objects (a fifth of the time to read them on the embedded file).
        return fold_cells(result.cursor.fetchall())


def student_stats(journal: Journal) -> dict[int, StudentStats]:
    """Per student: average of numeric marks, number of marks, hours absent and of them excused."""
    collected: dict[int, tuple[list[str], int, int]] = {s.student_id: ([], 0, 0) for s in journal.students}
    for (student_id, _lesson_id), cell in journal.cells.items():
        if student_id not in collected:
            continue
        values, absent, excused = collected[student_id]
        values.extend(cell.marks)
        absent += cell.absent_hours
        if cell.absent_hours and cell.reason and is_excused(cell.reason):
            excused += cell.absent_hours
        collected[student_id] = (values, absent, excused)
    return {
        sid: StudentStats(average_mark(values), len(values), absent, excused)
        for sid, (values, absent, excused) in collected.items()
    }
