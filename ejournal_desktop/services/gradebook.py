"""The teacher's journal: list the journals, open one, save what is typed into its cells.

Opening a journal costs four SQL statements whatever the group size (header, students with their
movements, lessons, and every cell and final mark in one UNION ALL). Saving a cell names the state
the teacher saw (`expected`); when the database holds something else, somebody changed it first and
nothing is overwritten: `Conflict` carries the current state and who set it.

Rights come from the permission matrix: a teacher writes only the journals of their own teaching
assignments, only while the period is open; corrections of lessons older than the edit window need a
reason, kept with the audit row (the electronic «запись ошибочна» with a signature).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from sqlalchemy import (
    Connection,
    Date,
    Integer,
    String,
    and_,
    bindparam,
    case,
    cast,
    delete,
    exists,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    text,
    union_all,
    update,
)
from sqlalchemy.exc import DBAPIError, IntegrityError

from ejournal_desktop.domain import marks as mk
from ejournal_desktop.domain.attendance import UNEXCUSED, is_excused
from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.errors import Conflict, DomainError, NotFound, PermissionDenied, ValidationError
from ejournal_desktop.domain.marks import CellEntry
from ejournal_desktop.domain.membership import Interval, belongs_on, membership_intervals, overlaps
from ejournal_desktop.domain.names import russian_sort_key, short_name
from ejournal_desktop.domain.permissions import Action, Scope, allowed_scopes
from ejournal_desktop.domain.statistics import average_mark
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.movement_rows import fold, in_or_through_group, with_movements
from ejournal_desktop.store import models as m

DEFAULT_EDIT_WINDOW_DAYS = 7
FINAL_KINDS_BY_CONTROL_FORM: dict[str, tuple[str, ...]] = {
    "exam": (mk.FINAL_SEMESTER, mk.FINAL_EXAM),
    "diff_credit": (mk.FINAL_DIFF_CREDIT,),
    "credit": (mk.FINAL_CREDIT,),
    "other": (mk.FINAL_SEMESTER,),
}


class EditReasonRequired(ValidationError):
    """The lesson is older than the edit window: save again with a reason."""


class ConnectionLost(DomainError):
    """The database did not answer; the edit is kept by the client and sent again later."""


# --- what the screens receive ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PeriodInfo:
    id: int
    academic_year: str
    number: int
    starts_on: dt.date
    ends_on: dt.date
    is_closed: bool

    @property
    def code(self) -> str:
        return f"{self.academic_year}-{self.number}"

    @property
    def label(self) -> str:
        return f"{self.number} семестр {self.academic_year}" + (" (закрыт)" if self.is_closed else "")

    def contains(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True, slots=True)
class JournalSummary:
    assignment_id: int
    group_id: int
    group_name: str
    discipline_code: str
    discipline_name: str
    subgroup: int | None
    teacher_id: int
    teacher_name: str
    period_id: int
    control_form: str
    planned_hours: int
    given_hours: int
    last_entry_on: dt.date | None
    lessons_without_marks: int
    can_write: bool

    @property
    def title(self) -> str:
        sub = f", подгруппа {self.subgroup}" if self.subgroup else ""
        return f"{self.group_name} — {self.discipline_code} {self.discipline_name}{sub}"


@dataclass(frozen=True, slots=True)
class StudentRow:
    student_id: int
    number: int
    full_name: str
    short_name: str
    subgroup: int | None
    intervals: tuple[Interval, ...]

    def belongs_on(self, day: dt.date) -> bool:
        return belongs_on(self.intervals, day)


@dataclass(frozen=True, slots=True)
class LessonColumn:
    lesson_id: int
    held_on: dt.date
    pair_no: int
    hours: int
    topic: str | None
    homework: str | None
    lesson_kind: str
    plan_topic_id: int | None


class CellState(NamedTuple):
    """What one cell holds. A NamedTuple, not a dataclass: a journal builds thousands at once."""

    marks: tuple[str, ...] = ()
    mark_versions: tuple[int, ...] = ()
    absent_hours: int = 0
    reason: str | None = None
    late: bool = False
    attendance_version: int | None = None
    updated_by: str | None = None

    @property
    def entry(self) -> CellEntry:
        return CellEntry(marks=self.marks, absent_hours=self.absent_hours, late=self.late)

    @property
    def is_empty(self) -> bool:
        return not self.marks and self.attendance_version is None

    def text(self, lesson_hours: int) -> str:
        return mk.format_cell(self.marks, self.absent_hours, lesson_hours)

    def same_as(self, other: CellState) -> bool:
        """Same stored rows and versions (who wrote it does not matter)."""
        return (self.marks, self.mark_versions, self.attendance_version, self.absent_hours, self.reason) == (
            other.marks,
            other.mark_versions,
            other.attendance_version,
            other.absent_hours,
            other.reason,
        )


EMPTY_CELL_STATE = CellState()


@dataclass(frozen=True, slots=True)
class FinalState:
    value: str
    version: int
    updated_by: str | None = None


@dataclass(frozen=True, slots=True)
class PlanTopicInfo:
    id: int
    position: int
    title: str
    hours: int
    lesson_kind: str
    homework: str | None


@dataclass
class Journal:
    summary: JournalSummary
    period: PeriodInfo
    students: list[StudentRow]
    lessons: list[LessonColumn]
    cells: dict[tuple[int, int], CellState]
    finals: dict[tuple[int, str], FinalState]
    final_kinds: tuple[str, ...]
    read_only_reason: str | None
    edit_window_days: int = DEFAULT_EDIT_WINDOW_DAYS
    statements: int = field(default=0, compare=False)  # how many SQL statements opening took

    def cell(self, student_id: int, lesson_id: int) -> CellState:
        return self.cells.get((student_id, lesson_id), EMPTY_CELL_STATE)


@dataclass(frozen=True, slots=True)
class StudentStats:
    average: float | None
    marks_count: int
    absent_hours: int
    excused_hours: int


# --- plumbing ---------------------------------------------------------------------------------


@contextmanager
def _connection(session: UserSession, *, write: bool = False) -> Iterator[Connection]:
    """One transaction; a lost connection becomes ConnectionLost, a broken constraint a Russian message."""
    try:
        with session.engine.begin() as connection:
            yield connection
    except DomainError:
        raise
    except IntegrityError as exc:
        detail = str(exc.orig).splitlines()[0] if exc.orig else ""
        if "Пропуск больше часов занятия" in detail:
            raise ValidationError("Пропуск больше часов занятия") from exc
        raise ValidationError(f"Запись не сохранена: данные не прошли проверку базы ({detail})") from exc
    except DBAPIError as exc:
        if exc.connection_invalidated or _looks_like_lost_connection(exc):
            raise ConnectionLost("Нет связи с базой данных: изменения будут отправлены, когда связь появится") from exc
        message = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
        if "permission denied" in message or "row-level security" in message:
            raise PermissionDenied("Сервер отказал в доступе: недостаточно прав") from exc
        raise


def _looks_like_lost_connection(exc: DBAPIError) -> bool:
    text_ = str(exc.orig or exc).lower()
    return any(
        marker in text_
        for marker in (
            "server closed the connection",
            "connection refused",
            "terminating connection",
            "timeout",
            "could not connect",
            "the connection is closed",
            "connection failed",
            "consuming input failed",
        )
    )


def _name(last: str | None, first: str | None, middle: str | None = None) -> str | None:
    return short_name(last, first or "", middle) if last else None


def _today() -> dt.date:
    return dt.date.today()


def _period_info(row: m.Period | object) -> PeriodInfo:
    return PeriodInfo(
        id=row.id,  # type: ignore[attr-defined]
        academic_year=row.academic_year,  # type: ignore[attr-defined]
        number=row.number,  # type: ignore[attr-defined]
        starts_on=row.starts_on,  # type: ignore[attr-defined]
        ends_on=row.ends_on,  # type: ignore[attr-defined]
        is_closed=row.closed_at is not None,  # type: ignore[attr-defined]
    )


def _read_scope_allows(session: UserSession, teacher_id: int, group_id: int) -> bool:
    scopes = allowed_scopes(session.user.roles, Action.JOURNAL_READ)
    if Scope.ALL in scopes:
        return True
    if Scope.OWN_ASSIGNMENTS in scopes and teacher_id == session.user.person_id:
        return True
    return Scope.CURATED_GROUP in scopes and group_id in session.user.curated_group_ids


def _write_refusal(session: UserSession, teacher_id: int, period_closed: bool) -> str | None:
    """Why this person may not write this journal, or None when they may."""
    scopes = allowed_scopes(session.user.roles, Action.JOURNAL_WRITE)
    own = Scope.OWN_ASSIGNMENTS in scopes and teacher_id == session.user.person_id
    if not (Scope.ALL in scopes or own):
        return "Только просмотр: журнал ведёт другой преподаватель"
    if period_closed:
        return "Период закрыт: исправления возможны после открытия периода заместителем директора по УПР"
    return None


# --- periods and the list of journals --------------------------------------------------------


def list_periods(session: UserSession) -> list[PeriodInfo]:
    with _connection(session) as connection:
        rows = connection.execute(select(m.Period).order_by(m.Period.starts_on)).all()
    return [_period_info(row) for row in rows]


def current_period_id(session: UserSession, today: dt.date | None = None) -> int | None:
    """The period containing today; else the last one that has started; else the first one."""
    periods = list_periods(session)
    day = today or _today()
    for period in periods:
        if period.contains(day):
            return period.id
    started = [p for p in periods if p.starts_on <= day]
    if started:
        return started[-1].id
    return periods[0].id if periods else None


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
    totals = _lesson_totals(today or _today(), m.Lesson.assignment_id.in_(in_period))
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

    with _connection(session) as connection, Session(bind=connection) as orm:
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
                teacher_name=_name(last, first, middle) or "",
                period_id=a.period_id,
                control_form=a.control_form,
                planned_hours=a.planned_hours,
                given_hours=int(given or 0),
                last_entry_on=last_on,
                lessons_without_marks=int(without or 0),
                can_write=_write_refusal(session, a.teacher_id, closed_at is not None) is None,
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
    with _connection(session) as connection:
        header = connection.execute(
            _header_statement(), {"assignment_id": assignment_id, "today": today or _today()}
        ).first()
        if header is None:
            raise NotFound("Журнал не найден: возможно, нагрузка была изменена")
        h = header._mapping
        if not _read_scope_allows(session, h["teacher_id"], h["group_id"]):
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
        cells, finals = _load_cells(connection, assignment_id, [lesson.lesson_id for lesson in lessons])
    refusal = _write_refusal(session, h["teacher_id"], period.is_closed)
    summary = JournalSummary(
        assignment_id=assignment_id,
        group_id=h["group_id"],
        group_name=h["group_name"],
        discipline_code=h["discipline_code"],
        discipline_name=h["discipline_name"],
        subgroup=h["subgroup"],
        teacher_id=h["teacher_id"],
        teacher_name=_name(h["last_name"], h["first_name"], h["middle_name"]) or "",
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
        edit_window_days=_window_days(h["window"]),
        statements=4,
    )


def _window_days(value: str | None) -> int:
    try:
        return max(0, int(value)) if value is not None else DEFAULT_EDIT_WINDOW_DAYS
    except ValueError:
        return DEFAULT_EDIT_WINDOW_DAYS


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


def _cell_parts(mark_filter: object, attendance_filter: object):  # type: ignore[no-untyped-def]
    """Marks and absences as rows of one shape: part, lesson, student, slot, value, version, hours,
    reason, late, updater's surname and name — so one UNION ALL brings a whole journal."""
    who = m.Person.__table__
    marks_part = (
        select(
            literal("m").label("part"),
            m.Mark.lesson_id.label("lesson_id"),
            m.Mark.student_id.label("student_id"),
            m.Mark.slot.label("slot"),
            m.Mark.value.label("value"),
            m.Mark.version.label("version"),
            literal(0).label("hours"),
            cast(null(), String).label("reason"),
            literal(0).label("late"),
            who.c.last_name,
            who.c.first_name,
        )
        .outerjoin(who, who.c.id == m.Mark.updated_by)
        .where(mark_filter)
    )
    absence_part = (
        select(
            literal("a"),
            m.Attendance.lesson_id,
            m.Attendance.student_id,
            literal(0),
            cast(null(), String),
            m.Attendance.version,
            m.Attendance.absent_hours,
            m.Attendance.reason,
            case((m.Attendance.late, 1), else_=0),
            who.c.last_name,
            who.c.first_name,
        )
        .outerjoin(who, who.c.id == m.Attendance.updated_by)
        .where(attendance_filter)
    )
    return marks_part, absence_part


def _fold_cells(
    rows: Sequence[tuple],  # type: ignore[type-arg]
) -> tuple[dict[tuple[int, int], CellState], dict[tuple[int, str], FinalState]]:
    names: dict[tuple[str, str], str | None] = {}

    def name(last: str | None, first: str | None) -> str | None:
        key = (last or "", first or "")
        if key not in names:
            names[key] = _name(last, first)
        return names[key]

    marks: dict[tuple[int, int], list[tuple[int, str, int]]] = {}
    absences: dict[tuple[int, int], tuple[int, str, bool, int]] = {}
    by: dict[tuple[int, int], str | None] = {}
    finals: dict[tuple[int, str], FinalState] = {}
    for part, lesson_id, student_id, slot, value, version, hours, reason, late, last, first in rows:
        if part == "f":
            finals[(student_id, reason)] = FinalState(value, version, name(last, first))
            continue
        key = (student_id, lesson_id)
        if part == "m":
            marks.setdefault(key, []).append((slot, value, version))
        else:
            absences[key] = (hours, reason, bool(late), version)
        if by.get(key) is None:
            by[key] = name(last, first)
    cells = {}
    no_absence = (0, None, False, None)
    for key in marks.keys() | absences.keys():
        slots = marks.get(key)
        if not slots:
            values: tuple[str, ...] = ()
            versions: tuple[int, ...] = ()
        elif len(slots) == 1:
            values, versions = (slots[0][1],), (slots[0][2],)
        else:
            slots.sort()
            values = tuple(value for _slot, value, _v in slots)
            versions = tuple(version for _slot, _value, version in slots)
        cells[key] = CellState(values, versions, *absences.get(key, no_absence), by.get(key))
    return cells, finals


@cache
def _cells_statement():  # type: ignore[no-untyped-def]
    """Marks, absences and final marks of one journal (:assignment_id, :lesson_ids) in one UNION ALL."""
    assignment_id = bindparam("assignment_id", type_=Integer)
    who = m.Person.__table__
    # The journal's lesson ids are already known (the lessons came first), and naming them lets
    # PostgreSQL walk the (lesson_id, …) index: with IN (SELECT … WHERE assignment_id = …) it
    # over-estimated the lessons and scanned all of `mark` (60–80 ms instead of ~1 ms).
    lesson_ids = bindparam("lesson_ids", expanding=True)
    marks_part, absence_part = _cell_parts(m.Mark.lesson_id.in_(lesson_ids), m.Attendance.lesson_id.in_(lesson_ids))
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
    connection: Connection, assignment_id: int, lesson_ids: list[int]
) -> tuple[dict[tuple[int, int], CellState], dict[tuple[int, str], FinalState]]:
    parameters = {"assignment_id": assignment_id, "lesson_ids": lesson_ids}
    return _fold_cells(connection.execute(_cells_statement(), parameters).all())


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


# --- saving cells ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _LessonContext:
    lesson_id: int
    assignment_id: int
    group_id: int
    subgroup: int | None
    held_on: dt.date
    hours: int
    window_days: int


def _require_reason(connection: Connection, ctx: _LessonContext, reason: str | None, today: dt.date) -> None:
    """Corrections of lessons older than the edit window need a reason (kept with the audit row)."""
    if (today - ctx.held_on).days > ctx.window_days and not (reason and reason.strip()):
        raise EditReasonRequired(
            f"Исправление записи занятия {format_date(ctx.held_on)} (старше {ctx.window_days} дн.): "
            "укажите причину исправления",
            field="reason",
        )
    if connection.dialect.name == "postgresql" and reason:
        # The server's audit trigger stores it with the row it writes (ej.reason, this transaction only).
        connection.execute(text("SELECT set_config('ej.reason', :r, true)"), {"r": reason.strip()})


def _lesson_context(session: UserSession, connection: Connection, lesson_id: int) -> _LessonContext:
    row = connection.execute(
        select(
            m.Lesson.id,
            m.Lesson.assignment_id,
            m.Lesson.held_on,
            m.Lesson.hours,
            m.TeachingAssignment.group_id,
            m.TeachingAssignment.subgroup,
            m.TeachingAssignment.teacher_id,
            m.Period.closed_at,
            select(m.AppSetting.value).where(m.AppSetting.key == "edit_window_days").scalar_subquery(),
        )
        .join(m.TeachingAssignment, m.TeachingAssignment.id == m.Lesson.assignment_id)
        .join(m.Period, m.Period.id == m.TeachingAssignment.period_id)
        .where(m.Lesson.id == lesson_id)
    ).first()
    if row is None:
        raise NotFound("Занятие не найдено: возможно, его удалили")
    _lid, assignment_id, held_on, hours, group_id, subgroup, teacher_id, closed_at, window = row
    refusal = _write_refusal(session, teacher_id, closed_at is not None)
    if refusal:
        raise PermissionDenied(refusal)
    return _LessonContext(lesson_id, assignment_id, group_id, subgroup, held_on, hours, _window_days(window))


def _check_student(connection: Connection, ctx: _LessonContext, student_ids: Sequence[int]) -> dict[int, str]:
    """Names of the students; refuses anyone who was not in the group (or subgroup) that day."""
    query = with_movements(m.Student.subgroup, m.Person.last_name, m.Person.first_name, m.Person.middle_name)
    found = {
        sid: (short_name(last, first, middle), sub, moves)
        for sid, ((sub, last, first, middle), moves) in fold(
            connection.execute(query.where(m.Student.id.in_(student_ids)))
        ).items()
    }
    names = {}
    for sid in student_ids:
        if sid not in found:
            raise NotFound("Обучающийся не найден")
        name, sub, moves = found[sid]
        in_group = belongs_on(membership_intervals(moves, ctx.group_id), ctx.held_on)
        if not in_group or (ctx.subgroup is not None and sub != ctx.subgroup):
            raise ValidationError(
                f"{name} не числится в группе {format_date(ctx.held_on)}: ячейка закрыта для записи",
                row=sid,
            )
        names[sid] = name
    return names


def _current_cells(connection: Connection, lesson_id: int, student_ids: Sequence[int]) -> dict[int, CellState]:
    marks_part, absence_part = _cell_parts(
        and_(m.Mark.lesson_id == lesson_id, m.Mark.student_id.in_(student_ids)),
        and_(m.Attendance.lesson_id == lesson_id, m.Attendance.student_id.in_(student_ids)),
    )
    cells, _finals = _fold_cells(connection.execute(union_all(marks_part, absence_part)).all())
    return {sid: state for (sid, _lesson), state in cells.items()}


def _excuse_reasons(connection: Connection, student_ids: Sequence[int], day: dt.date) -> dict[int, str]:
    """A document (справка) covering the day makes a new absence excused from the start."""
    rows = connection.execute(
        select(m.Excuse.student_id, m.Excuse.reason).where(
            m.Excuse.student_id.in_(student_ids), m.Excuse.from_date <= day, m.Excuse.to_date >= day
        )
    ).all()
    return {sid: reason for sid, reason in rows}


def _write_cell(
    connection: Connection,
    session: UserSession,
    ctx: _LessonContext,
    student_id: int,
    entry: CellEntry,
    current: CellState,
    excuse_reason: str | None,
    reason: str | None,
    now: dt.datetime,
) -> None:
    me = session.user.person_id
    audit: list[dict[str, object]] = []
    current_marks = dict(enumerate(current.marks, start=1))
    wanted = dict(enumerate(entry.marks, start=1))
    for slot in (1, 2):
        before, after = current_marks.get(slot), wanted.get(slot)
        where = and_(m.Mark.lesson_id == ctx.lesson_id, m.Mark.student_id == student_id, m.Mark.slot == slot)
        if before == after:
            continue
        if after is None:
            connection.execute(delete(m.Mark).where(where))
        elif before is None:
            connection.execute(
                insert(m.Mark).values(
                    lesson_id=ctx.lesson_id,
                    student_id=student_id,
                    slot=slot,
                    value=after,
                    updated_by=me,
                    updated_at=now,
                    version=1,
                )
            )
        else:
            connection.execute(
                update(m.Mark)
                .where(where)
                .values(value=after, updated_by=me, updated_at=now, version=m.Mark.version + 1)
            )
        audit.append(
            {"table_name": "mark", "old": {"slot": slot, "value": before}, "new": {"slot": slot, "value": after}}
        )
    where = and_(m.Attendance.lesson_id == ctx.lesson_id, m.Attendance.student_id == student_id)
    had = current.attendance_version is not None
    wants = entry.absent_hours > 0 or entry.late
    if had and not wants:
        connection.execute(delete(m.Attendance).where(where))
    elif wants and not had:
        connection.execute(
            insert(m.Attendance).values(
                lesson_id=ctx.lesson_id,
                student_id=student_id,
                absent_hours=entry.absent_hours,
                reason=excuse_reason or UNEXCUSED,
                late=entry.late,
                updated_by=me,
                updated_at=now,
                version=1,
            )
        )
    elif wants and (current.absent_hours, current.late) != (entry.absent_hours, entry.late):
        connection.execute(
            update(m.Attendance)
            .where(where)
            .values(
                absent_hours=entry.absent_hours,
                late=entry.late,
                updated_by=me,
                updated_at=now,
                version=m.Attendance.version + 1,
            )
        )
    else:
        wants = had  # nothing changed in attendance
    if had != wants or (wants and current.absent_hours != entry.absent_hours):
        audit.append(
            {
                "table_name": "attendance",
                "old": {"absent_hours": current.absent_hours},
                "new": {"absent_hours": entry.absent_hours},
            }
        )
    if audit and connection.dialect.name == "sqlite":
        # The embedded file has no triggers: the service writes the audit itself (the server's
        # triggers do it on PostgreSQL, with session_user).
        connection.execute(
            insert(m.AuditLog),
            [
                {
                    "at": now,
                    "db_user": session.user.login,
                    "table_name": row["table_name"],
                    "row_id": ctx.lesson_id,
                    "action": "UPDATE",
                    "old": {**row["old"], "student_id": student_id},  # type: ignore[dict-item]
                    "new": {**row["new"], "student_id": student_id},  # type: ignore[dict-item]
                    "reason": reason or None,
                }
                for row in audit
            ],
        )


def save_cells(
    session: UserSession,
    lesson_id: int,
    edits: Sequence[tuple[int, CellEntry, CellState]],
    *,
    reason: str | None = None,
    today: dt.date | None = None,
) -> dict[int, CellState]:
    """Save several cells of one lesson in one transaction; all or nothing."""
    if not edits:
        return {}
    day = today or _today()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    student_ids = [sid for sid, _e, _x in edits]
    if len(set(student_ids)) != len(student_ids):
        raise ValidationError("Одна ячейка встречается дважды в одном сохранении")
    with _connection(session, write=True) as connection:
        ctx = _lesson_context(session, connection, lesson_id)
        for sid, entry, _expected in edits:
            if entry.absent_hours > ctx.hours:
                raise ValidationError(f"Пропуск не может быть больше {ctx.hours} ч. занятия", row=sid)
            for value in entry.marks:
                if value not in mk.LESSON_MARK_VALUES:
                    raise ValidationError(f"Недопустимая оценка «{value}»", row=sid)
        names = _check_student(connection, ctx, student_ids)
        _require_reason(connection, ctx, reason, day)
        current = _current_cells(connection, lesson_id, student_ids)
        for sid, _entry, expected in edits:
            now_state = current.get(sid, EMPTY_CELL_STATE)
            if not now_state.same_as(expected):
                shown = now_state.text(ctx.hours) or "пусто"
                by = now_state.updated_by or "другой пользователь"
                raise Conflict(
                    f"Ячейку «{names[sid]}, {format_date(ctx.held_on)}» уже изменил(а) {by}: сейчас там «{shown}». "
                    "Ничего не перезаписано.",
                    current_value=now_state,
                    changed_by=now_state.updated_by,
                    row=sid,
                )
        excuses = _excuse_reasons(connection, student_ids, ctx.held_on)
        for sid, entry, _expected in edits:
            _write_cell(
                connection, session, ctx, sid, entry, current.get(sid, EMPTY_CELL_STATE), excuses.get(sid), reason, now
            )
        saved = _current_cells(connection, lesson_id, student_ids)
    return {sid: saved.get(sid, EMPTY_CELL_STATE) for sid in student_ids}


def save_cell(
    session: UserSession,
    lesson_id: int,
    student_id: int,
    entry: CellEntry,
    expected: CellState,
    *,
    reason: str | None = None,
    today: dt.date | None = None,
) -> CellState:
    """Save what was typed into one cell; see the module docstring for conflicts and reasons."""
    return save_cells(session, lesson_id, [(student_id, entry, expected)], reason=reason, today=today)[student_id]


def save_final(
    session: UserSession,
    assignment_id: int,
    student_id: int,
    kind: str,
    value: str | None,
    expected_version: int | None,
) -> FinalState | None:
    """Set (or clear, value None) a final mark; the version guards against a silent overwrite."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with _connection(session, write=True) as connection:
        row = connection.execute(
            select(m.TeachingAssignment.teacher_id, m.TeachingAssignment.control_form, m.Period.closed_at)
            .join(m.Period, m.Period.id == m.TeachingAssignment.period_id)
            .where(m.TeachingAssignment.id == assignment_id)
        ).first()
        if row is None:
            raise NotFound("Журнал не найден")
        teacher_id, control_form, closed_at = row
        scopes = allowed_scopes(session.user.roles, Action.FINAL_MARK_WRITE)
        if not (Scope.ALL in scopes or (Scope.OWN_ASSIGNMENTS in scopes and teacher_id == session.user.person_id)):
            raise PermissionDenied("Недостаточно прав: выставление итоговых оценок")
        if closed_at is not None:
            raise PermissionDenied("Период закрыт: итоговые оценки не изменяются")
        kinds = FINAL_KINDS_BY_CONTROL_FORM.get(control_form, (mk.FINAL_SEMESTER,))
        if kind not in kinds:
            raise ValidationError(f"Для этой формы контроля нет итоговой оценки «{mk.FINAL_KIND_LABELS[kind]}»")
        if value is not None and value not in mk.FINAL_VALUES_BY_KIND[kind]:
            allowed = ", ".join(sorted(mk.FINAL_VALUES_BY_KIND[kind]))
            raise ValidationError(f"Недопустимая итоговая оценка «{value}»: допустимы {allowed}", field=kind)
        where = and_(
            m.FinalMark.assignment_id == assignment_id, m.FinalMark.student_id == student_id, m.FinalMark.kind == kind
        )
        current = connection.execute(select(m.FinalMark.value, m.FinalMark.version).where(where)).first()
        current_version = current.version if current else None
        if current_version != expected_version:
            raise Conflict(
                f"Итоговую оценку уже изменили: сейчас «{current.value if current else 'пусто'}». "
                "Ничего не перезаписано.",
                current_value=current.value if current else None,
            )
        me = session.user.person_id
        if value is None:
            connection.execute(delete(m.FinalMark).where(where))
            return None
        if current is None:
            connection.execute(
                insert(m.FinalMark).values(
                    assignment_id=assignment_id,
                    student_id=student_id,
                    kind=kind,
                    value=value,
                    updated_by=me,
                    updated_at=now,
                    version=1,
                )
            )
            return FinalState(value, 1, session.user.login)
        connection.execute(
            update(m.FinalMark)
            .where(where)
            .values(value=value, updated_by=me, updated_at=now, version=current.version + 1)
        )
        return FinalState(value, current.version + 1, session.user.login)


# --- lessons and the КТП ----------------------------------------------------------------------


def _assignment_for_write(session: UserSession, connection: Connection, assignment_id: int):  # type: ignore[no-untyped-def]
    row = connection.execute(
        select(m.TeachingAssignment.teacher_id, m.Period.starts_on, m.Period.ends_on, m.Period.closed_at)
        .join(m.Period, m.Period.id == m.TeachingAssignment.period_id)
        .where(m.TeachingAssignment.id == assignment_id)
    ).first()
    if row is None:
        raise NotFound("Журнал не найден")
    refusal = _write_refusal(session, row.teacher_id, row.closed_at is not None)
    if refusal:
        raise PermissionDenied(refusal)
    return row


def next_plan_topic(session: UserSession, assignment_id: int) -> PlanTopicInfo | None:
    """The first КТП topic after the last one a lesson already covers."""
    with _connection(session) as connection:
        return _next_plan_topic(connection, assignment_id)


def _next_plan_topic(connection: Connection, assignment_id: int) -> PlanTopicInfo | None:
    used = (
        select(func.coalesce(func.max(m.PlanTopic.position), 0))
        .join(m.Lesson, m.Lesson.plan_topic_id == m.PlanTopic.id)
        .where(m.Lesson.assignment_id == assignment_id)
        .scalar_subquery()
    )
    row = connection.execute(
        select(m.PlanTopic)
        .where(m.PlanTopic.assignment_id == assignment_id, m.PlanTopic.position > used)
        .order_by(m.PlanTopic.position)
        .limit(1)
    ).first()
    if row is None:
        return None
    return PlanTopicInfo(row.id, row.position, row.title, row.hours, row.lesson_kind, row.homework)


def _lesson_column(row: object) -> LessonColumn:
    return LessonColumn(
        lesson_id=row.id,  # type: ignore[attr-defined]
        held_on=row.held_on,  # type: ignore[attr-defined]
        pair_no=row.pair_no,  # type: ignore[attr-defined]
        hours=row.hours,  # type: ignore[attr-defined]
        topic=row.topic,  # type: ignore[attr-defined]
        homework=row.homework,  # type: ignore[attr-defined]
        lesson_kind=row.lesson_kind,  # type: ignore[attr-defined]
        plan_topic_id=row.plan_topic_id,  # type: ignore[attr-defined]
    )


def _check_lesson_fields(held_on: dt.date, pair_no: int, hours: int, lesson_kind: str, period: object) -> None:
    starts, ends = period.starts_on, period.ends_on  # type: ignore[attr-defined]
    if not starts <= held_on <= ends:
        raise ValidationError(
            f"Дата занятия {format_date(held_on)} вне периода ({format_date(starts)} — {format_date(ends)})",
            field="held_on",
        )
    if not 1 <= pair_no <= 8:
        raise ValidationError("Номер пары — от 1 до 8", field="pair_no")
    if not 1 <= hours <= 4:
        raise ValidationError("Часов в занятии — от 1 до 4", field="hours")
    if lesson_kind not in m.LESSON_KINDS:
        raise ValidationError(f"Неизвестный вид занятия «{lesson_kind}»", field="lesson_kind")


def add_lesson(
    session: UserSession,
    assignment_id: int,
    held_on: dt.date,
    pair_no: int,
    hours: int = 2,
    lesson_kind: str | None = None,
) -> LessonColumn:
    """A new lesson; its topic, homework and kind come from the next КТП topic when there is one."""
    with _connection(session, write=True) as connection:
        period = _assignment_for_write(session, connection, assignment_id)
        topic = _next_plan_topic(connection, assignment_id)
        kind = lesson_kind or (topic.lesson_kind if topic else "theory")
        _check_lesson_fields(held_on, pair_no, hours, kind, period)
        taken = connection.execute(
            select(m.Lesson.id).where(
                m.Lesson.assignment_id == assignment_id, m.Lesson.held_on == held_on, m.Lesson.pair_no == pair_no
            )
        ).first()
        if taken:
            raise ValidationError(f"{format_date(held_on)} на {pair_no}-й паре уже есть занятие", field="pair_no")
        lesson_id = connection.execute(
            insert(m.Lesson)
            .values(
                assignment_id=assignment_id,
                held_on=held_on,
                pair_no=pair_no,
                hours=hours,
                lesson_kind=kind,
                topic=topic.title if topic else None,
                homework=topic.homework if topic else None,
                plan_topic_id=topic.id if topic else None,
                created_by=session.user.person_id,
                created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
            )
            .returning(m.Lesson.id)
        ).scalar_one()
        row = connection.execute(select(m.Lesson).where(m.Lesson.id == lesson_id)).one()
    return _lesson_column(row)


_LESSON_FIELDS = ("topic", "homework", "lesson_kind", "held_on", "pair_no", "hours", "plan_topic_id")


def update_lesson(session: UserSession, lesson_id: int, **changes: object) -> LessonColumn:
    unknown = set(changes) - set(_LESSON_FIELDS)
    if unknown:
        raise ValueError(f"unknown lesson fields: {sorted(unknown)}")
    with _connection(session, write=True) as connection:
        current = connection.execute(select(m.Lesson).where(m.Lesson.id == lesson_id)).first()
        if current is None:
            raise NotFound("Занятие не найдено: возможно, его удалили")
        period = _assignment_for_write(session, connection, current.assignment_id)
        merged = {name: changes.get(name, getattr(current, name)) for name in _LESSON_FIELDS}
        _check_lesson_fields(merged["held_on"], merged["pair_no"], merged["hours"], merged["lesson_kind"], period)  # type: ignore[arg-type]
        for name in ("topic", "homework"):
            if isinstance(merged[name], str):
                merged[name] = merged[name].strip() or None  # type: ignore[union-attr]
        clash = connection.execute(
            select(m.Lesson.id).where(
                m.Lesson.assignment_id == current.assignment_id,
                m.Lesson.held_on == merged["held_on"],
                m.Lesson.pair_no == merged["pair_no"],
                m.Lesson.id != lesson_id,
            )
        ).first()
        if clash:
            raise ValidationError(
                f"{format_date(merged['held_on'])} на {merged['pair_no']}-й паре уже есть занятие",  # type: ignore[arg-type]
                field="pair_no",
            )
        connection.execute(update(m.Lesson).where(m.Lesson.id == lesson_id).values(**merged))
        row = connection.execute(select(m.Lesson).where(m.Lesson.id == lesson_id)).one()
    return _lesson_column(row)


def delete_lesson(session: UserSession, lesson_id: int, *, force: bool = False) -> None:
    """Delete a lesson; one with marks or absences only with `force` (the user confirmed; audited)."""
    with _connection(session, write=True) as connection:
        current = connection.execute(select(m.Lesson.assignment_id).where(m.Lesson.id == lesson_id)).first()
        if current is None:
            return
        _assignment_for_write(session, connection, current.assignment_id)
        filled = connection.execute(
            select(
                select(func.count()).where(m.Mark.lesson_id == lesson_id).scalar_subquery(),
                select(func.count()).where(m.Attendance.lesson_id == lesson_id).scalar_subquery(),
            )
        ).one()
        if (filled[0] or filled[1]) and not force:
            raise ValidationError(
                f"Занятие не пустое: оценок {filled[0]}, отметок о пропусках {filled[1]}. Удалить вместе с ними?"
            )
        connection.execute(delete(m.Mark).where(m.Mark.lesson_id == lesson_id))
        connection.execute(delete(m.Attendance).where(m.Attendance.lesson_id == lesson_id))
        connection.execute(delete(m.Lesson).where(m.Lesson.id == lesson_id))
        if connection.dialect.name == "sqlite":
            connection.execute(
                insert(m.AuditLog).values(
                    at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                    db_user=session.user.login,
                    table_name="lesson",
                    row_id=lesson_id,
                    action="DELETE",
                    old={"marks": filled[0], "absences": filled[1]},
                )
            )
