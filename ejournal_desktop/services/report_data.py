"""The figures behind the reports, read set-based: a constant number of queries per report.

Every function here takes an open connection (the builder runs one `transaction(session)` for the
whole report) and returns plain dataclasses or dicts. Sums and counts come from the database
(GROUP BY with SUM(CASE …)); Python only places students in groups by their movements
(domain.membership) and applies the formulas of domain.statistics.

Who is counted: a report for a period [start, end] lists and counts the students who belonged to
the group on `end` — those who left before the period's end are left out of the statistics (and
named in a footnote); those who came during the period are counted, with what they got here.

The decisive final mark of a discipline (the one statistics count) is the exam mark when there is
one, else the differentiated credit, else the credit, else the semester mark (FINAL_PRIORITY).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    Integer,
    String,
    and_,
    bindparam,
    case,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.sql import ColumnElement

from ejournal_desktop.domain import marks as mk
from ejournal_desktop.domain.attendance import EXCUSED, SICK
from ejournal_desktop.domain.calendar import current_period, parse_period_code
from ejournal_desktop.domain.errors import NotFound, ValidationError
from ejournal_desktop.domain.membership import Interval, belongs_on, membership_intervals, overlaps
from ejournal_desktop.domain.names import full_name, russian_sort_key, search_key, short_name
from ejournal_desktop.domain.statistics import average_mark
from ejournal_desktop.services.journal_access import PERIOD_COLUMNS
from ejournal_desktop.services.journal_types import PeriodInfo
from ejournal_desktop.services.movement_rows import fold, in_or_through_group, with_movements
from ejournal_desktop.store import models as m

FINAL_PRIORITY: tuple[str, ...] = (mk.FINAL_EXAM, mk.FINAL_DIFF_CREDIT, mk.FINAL_CREDIT, mk.FINAL_SEMESTER)
FINAL_SHORT: dict[str, str] = {
    mk.FINAL_SEMESTER: "сем.",
    mk.FINAL_EXAM: "экз.",
    mk.FINAL_CREDIT: "зач.",
    mk.FINAL_DIFF_CREDIT: "д/з",
}
KIND_ORDER: tuple[str, ...] = (mk.FINAL_SEMESTER, mk.FINAL_DIFF_CREDIT, mk.FINAL_CREDIT, mk.FINAL_EXAM)
CONTROL_KINDS: dict[str, tuple[str, ...]] = {
    "exam": (mk.FINAL_SEMESTER, mk.FINAL_EXAM),
    "diff_credit": (mk.FINAL_DIFF_CREDIT,),
    "credit": (mk.FINAL_CREDIT,),
    "other": (mk.FINAL_SEMESTER,),
}
SIGNATURE_KEYS = ("college_name", "director", "deputy")
MARK_VALUES_COUNTED: tuple[str, ...] = (*mk.NUMERIC, mk.PASS, mk.FAIL)


# --- the things a report is about --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GroupRef:
    id: int
    name: str
    course: int
    specialty_code: str
    specialty_name: str
    curator_id: int | None = None
    curator_full: str = ""
    curator_short: str = ""
    curator_phone: str = ""
    curator_email: str = ""


@dataclass(frozen=True, slots=True)
class StudentRef:
    id: int
    full_name: str
    short_name: str
    subgroup: int | None
    intervals: tuple[Interval, ...]
    left_on: dt.date | None = None  # the last day in the group, when they left before the end
    came_on: dt.date | None = None  # the first day in the group, when they came during the period
    number: int = 0


@dataclass(frozen=True, slots=True)
class DisciplineRef:
    """One discipline of the group in the period (its assignments — subgroups — taken together)."""

    id: int
    code: str
    name: str
    kinds: tuple[str, ...]  # final mark kinds by the control form, in column order
    teachers: tuple[str, ...]
    planned_hours: int
    assignment_ids: tuple[int, ...]
    subgroups: tuple[int | None, ...]

    @property
    def title(self) -> str:
        return f"{self.code} {self.name}".strip()


@dataclass(slots=True)
class GroupContext:
    group: GroupRef
    period: PeriodInfo
    students: list[StudentRef]  # everyone who belonged to the group on some day of the period
    disciplines: list[DisciplineRef]
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def counted(self) -> list[StudentRef]:
        """Students in the group at the period's end: the ones the statistics count."""
        return [s for s in self.students if s.left_on is None]

    @property
    def left(self) -> list[StudentRef]:
        return [s for s in self.students if s.left_on is not None]

    def counted_on(self, day: dt.date) -> list[StudentRef]:
        return [s for s in self.students if belongs_on(s.intervals, day)]


@dataclass(frozen=True, slots=True)
class Absence:
    total: int = 0
    excused: int = 0  # of them excused (справка, заявление, приказ), illness NOT included
    sick: int = 0  # of them for illness
    late: int = 0  # lessons the student came late to

    @property
    def unexcused(self) -> int:
        return self.total - self.excused - self.sick

    @property
    def respectful(self) -> int:
        """Excused hours in the wide sense: illness is an excused reason too."""
        return self.excused + self.sick

    def __add__(self, other: Absence) -> Absence:
        return Absence(
            self.total + other.total, self.excused + other.excused, self.sick + other.sick, self.late + other.late
        )


@dataclass(frozen=True, slots=True)
class MarkCounts:
    """Current (lesson) marks of a student in a discipline, counted in the database."""

    n5: int = 0
    n4: int = 0
    n3: int = 0
    n2: int = 0
    n_pass: int = 0
    n_fail: int = 0

    def values(self) -> list[str]:
        """The marks themselves (in no particular order): what domain.statistics takes."""
        return (
            ["5"] * self.n5
            + ["4"] * self.n4
            + ["3"] * self.n3
            + ["2"] * self.n2
            + [mk.PASS] * self.n_pass
            + [mk.FAIL] * self.n_fail
        )

    @property
    def numeric(self) -> int:
        return self.n5 + self.n4 + self.n3 + self.n2

    @property
    def average(self) -> float | None:
        return average_mark(self.values())

    def __add__(self, other: MarkCounts) -> MarkCounts:
        return MarkCounts(
            self.n5 + other.n5,
            self.n4 + other.n4,
            self.n3 + other.n3,
            self.n2 + other.n2,
            self.n_pass + other.n_pass,
            self.n_fail + other.n_fail,
        )


# --- lookups for the command line and the screens -----------------------------------------------


def list_periods(conn: Connection) -> list[PeriodInfo]:
    rows = conn.execute(select(*PERIOD_COLUMNS).order_by(m.Period.starts_on)).all()
    return [_period_info(row) for row in rows]


def find_period(conn: Connection, text: str) -> PeriodInfo:
    """A period by its code «2026/2027-1»; a Russian error naming the known ones otherwise."""
    year, number = parse_period_code(text)
    row = conn.execute(select(*PERIOD_COLUMNS).where(m.Period.academic_year == year, m.Period.number == number)).first()
    if row is None:
        known = ", ".join(p.code for p in list_periods(conn)) or "нет ни одного"
        raise NotFound(f"Период «{text}» не найден. Есть периоды: {known}")
    return _period_info(row)


def period_containing(conn: Connection, day: dt.date) -> PeriodInfo | None:
    return current_period(list_periods(conn), day)


def list_groups(
    conn: Connection, only: Sequence[int] | None = None, *, with_archived: bool = False
) -> list[tuple[int, str]]:
    """(id, name) of the groups in name order, not archived (unless `with_archived`); `only`
    narrows to these ids. The group filters of the screens."""
    query = select(m.StudyGroup.id, m.StudyGroup.name)
    if not with_archived:
        query = query.where(m.StudyGroup.is_archived.is_(False))
    if only is not None:
        query = query.where(m.StudyGroup.id.in_(list(only)))
    rows = conn.execute(query).all()
    return sorted(((gid, name) for gid, name in rows), key=lambda row: russian_sort_key(row[1]))


def find_group(conn: Connection, name: str) -> GroupRef:
    """A group by its name («21-ТО»), case and ё/е forgiven."""
    wanted = search_key(name)
    rows = conn.execute(select(m.StudyGroup.id, m.StudyGroup.name)).all()
    for group_id, group_name in rows:
        if search_key(group_name) == wanted:
            return load_group(conn, group_id)
    raise NotFound(f"Группа «{name}» не найдена")


def find_student(conn: Connection, group_id: int, text: str) -> int:
    """A student of the group by id or by (the start of) the full name."""
    folded = fold(
        conn.execute(
            with_movements(m.Person.last_name, m.Person.first_name, m.Person.middle_name).where(
                in_or_through_group(group_id)
            )
        ).all()
    )
    if text.strip().isdigit() and int(text) in folded:
        return int(text)
    wanted = search_key(text)
    found = [
        sid
        for sid, ((last, first, middle), _moves) in folded.items()
        if search_key(full_name(last, first, middle)).startswith(wanted)
    ]
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFound(f"Обучающийся «{text}» в группе не найден")
    raise ValidationError(f"Под «{text}» подходят {len(found)} обучающихся: уточните ФИО или укажите номер (id)")


def load_group(conn: Connection, group_id: int) -> GroupRef:
    curator = m.Person.__table__.alias("curator")
    row = conn.execute(
        select(*_head_columns(curator))
        .join(m.Specialty, m.Specialty.id == m.StudyGroup.specialty_id)
        .outerjoin(curator, curator.c.id == m.StudyGroup.curator_id)
        .where(m.StudyGroup.id == group_id)
    ).first()
    if row is None:
        raise NotFound("Группа не найдена: возможно, её удалили")
    return _group_ref(row)


def load_period(conn: Connection, period_id: int) -> PeriodInfo:
    row = conn.execute(select(*PERIOD_COLUMNS).where(m.Period.id == period_id)).first()
    if row is None:
        raise NotFound("Период не найден: возможно, его удалили")
    return _period_info(row)


def load_settings(conn: Connection) -> dict[str, str]:
    rows = conn.execute(select(m.AppSetting.key, m.AppSetting.value).where(m.AppSetting.key.in_(SIGNATURE_KEYS)))
    return {key: value or "" for key, value in rows}


def _period_info(row: Sequence[Any]) -> PeriodInfo:
    """From the values of PERIOD_COLUMNS, in their order."""
    pid, year, number, starts_on, ends_on, closed_at = row
    return PeriodInfo(pid, year, number, _as_date(starts_on), _as_date(ends_on), closed_at is not None)


# --- a group in a period -------------------------------------------------------------------------


def load_context(conn: Connection, group_id: int, period_id: int) -> GroupContext:
    """The group, the period, the signature settings and the disciplines (1 statement), then the
    students with their membership (1 statement)."""
    group, period, settings, disciplines = _header_and_disciplines(conn, group_id, period_id)
    return GroupContext(
        group=group,
        period=period,
        students=load_students(conn, group_id, period.starts_on, period.ends_on),
        disciplines=disciplines,
        settings=settings,
    )


@cache
def _header_statement() -> Any:
    """The statement of `_header_and_disciplines`, built once: :group_id, :period_id."""
    curator = m.Person.__table__.alias("curator")
    settings = [
        select(m.AppSetting.value).where(m.AppSetting.key == key).scalar_subquery().label(f"s_{i}")
        for i, key in enumerate(SIGNATURE_KEYS)
    ]
    return (
        select(*_head_columns(curator), *PERIOD_COLUMNS, *settings, *_DISCIPLINE_COLUMNS)
        .join(m.Specialty, m.Specialty.id == m.StudyGroup.specialty_id)
        .outerjoin(curator, curator.c.id == m.StudyGroup.curator_id)
        .outerjoin(m.Period, m.Period.id == bindparam("period_id", type_=Integer))
        .outerjoin(
            m.TeachingAssignment,
            and_(m.TeachingAssignment.group_id == m.StudyGroup.id, m.TeachingAssignment.period_id == m.Period.id),
        )
        .outerjoin(m.Discipline, m.Discipline.id == m.TeachingAssignment.discipline_id)
        .outerjoin(_TEACHER, _TEACHER.c.id == m.TeachingAssignment.teacher_id)
        .where(m.StudyGroup.id == bindparam("group_id", type_=Integer))
        .order_by(m.Discipline.code, m.Discipline.name, m.TeachingAssignment.subgroup)
    )


def _head_columns(curator: Any) -> tuple[Any, ...]:
    return (
        m.StudyGroup.id,
        m.StudyGroup.name,
        m.StudyGroup.course,
        m.Specialty.code,
        m.Specialty.name,
        m.StudyGroup.curator_id,
        curator.c.last_name,
        curator.c.first_name,
        curator.c.middle_name,
        curator.c.phone,
        curator.c.email,
    )


def _group_ref(head: Any) -> GroupRef:
    """The group from the values of `_head_columns`."""
    gid, name, course, code, spec, curator_id, last, first, middle, phone, email = head
    return GroupRef(
        id=gid,
        name=name,
        course=course,
        specialty_code=code,
        specialty_name=spec,
        curator_id=curator_id,
        curator_full=full_name(last, first, middle) if last else "",
        curator_short=short_name(last, first or "", middle) if last else "",
        curator_phone=phone or "",
        curator_email=email or "",
    )


def _header_and_disciplines(
    conn: Connection, group_id: int, period_id: int
) -> tuple[GroupRef, PeriodInfo, dict[str, str], list[DisciplineRef]]:
    """The group with its curator, the period, the settings of the signatures and, one row per
    teaching assignment (none: one row of NULLs), the disciplines — in one statement: on a server
    every statement is a round trip."""
    rows = conn.execute(_header_statement(), {"group_id": group_id, "period_id": period_id}).all()
    head = 11
    settings = SIGNATURE_KEYS
    if not rows:
        raise NotFound("Группа не найдена: возможно, её удалили")
    row = rows[0]
    at = head
    period_values = row[at : at + len(PERIOD_COLUMNS)]
    if period_values[0] is None:
        raise NotFound("Период не найден: возможно, его удалили")
    at += len(PERIOD_COLUMNS)
    found = {key: value for key, value in zip(SIGNATURE_KEYS, row[at : at + len(settings)], strict=True) if value}
    at += len(settings)
    group = _group_ref(row[:head])
    disciplines = _fold_disciplines(r[at:] for r in rows if r[at] is not None)
    return group, _period_info(period_values), found, disciplines


@cache
def _students_statement() -> Any:
    columns = (m.Student.subgroup, m.Person.last_name, m.Person.first_name, m.Person.middle_name)
    return with_movements(*columns).where(in_or_through_group(bindparam("group_id", type_=Integer)))


def load_students(conn: Connection, group_id: int, start: dt.date, end: dt.date) -> list[StudentRef]:
    """Students who belonged to the group on any day of [start, end], in Russian order (1 query)."""
    folded = fold(conn.execute(_students_statement(), {"group_id": group_id}).all())
    found = []
    for sid, ((sub, last, first, middle), moves) in folded.items():
        intervals = membership_intervals(moves, group_id)
        if not overlaps(intervals, start, end):
            continue
        inside = [i for i in intervals if (i.start is None or i.start <= end) and (i.end is None or i.end >= start)]
        left_on = None if belongs_on(intervals, end) else max(i.end for i in inside if i.end is not None)
        first_start = inside[0].start
        came_on = first_start if first_start is not None and first_start > start else None
        name = full_name(last, first, middle)
        found.append(
            (russian_sort_key(name), sid, sub, name, short_name(last, first, middle), intervals, left_on, came_on)
        )
    found.sort(key=lambda item: item[0])
    return [
        StudentRef(sid, name, short, sub, intervals, left_on, came_on, number)
        for number, (_key, sid, sub, name, short, intervals, left_on, came_on) in enumerate(found, start=1)
    ]


_TEACHER = m.Person.__table__.alias("teacher")
_DISCIPLINE_COLUMNS = (
    m.Discipline.id,
    m.Discipline.code,
    m.Discipline.name,
    m.TeachingAssignment.id,
    m.TeachingAssignment.subgroup,
    m.TeachingAssignment.control_form,
    m.TeachingAssignment.planned_hours,
    _TEACHER.c.last_name,
    _TEACHER.c.first_name,
    _TEACHER.c.middle_name,
)


def _fold_disciplines(rows: Iterable[Sequence[Any]]) -> list[DisciplineRef]:
    """Rows of _DISCIPLINE_COLUMNS (one per assignment, in order) → one DisciplineRef per discipline."""
    by_id: dict[int, dict[str, Any]] = {}
    for did, code, name, aid, sub, form, planned, last, first, middle in rows:
        entry = by_id.setdefault(
            did, {"code": code, "name": name, "kinds": set(), "teachers": [], "planned": 0, "aids": [], "subs": []}
        )
        entry["kinds"].update(CONTROL_KINDS.get(form, CONTROL_KINDS["other"]))
        teacher_name = short_name(last, first, middle)
        if teacher_name not in entry["teachers"]:
            entry["teachers"].append(teacher_name)
        # Subgroups study the same hours each: the discipline's plan is one subgroup's plan.
        entry["planned"] = max(entry["planned"], planned or 0)
        entry["aids"].append(aid)
        entry["subs"].append(sub)
    return [
        DisciplineRef(
            id=did,
            code=e["code"],
            name=e["name"],
            kinds=tuple(kind for kind in KIND_ORDER if kind in e["kinds"]),
            teachers=tuple(e["teachers"]),
            planned_hours=e["planned"],
            assignment_ids=tuple(e["aids"]),
            subgroups=tuple(e["subs"]),
        )
        for did, e in by_id.items()
    ]


def _assignments_of(ctx: GroupContext) -> list[int]:
    return [aid for d in ctx.disciplines for aid in d.assignment_ids]


@cache
def _finals_and_absences_statement() -> Any:
    """Built once (statement construction costs more Python than the rows): :aids, :start, :end.

    Keyed by assignment, not discipline: the caller knows each assignment's discipline, and the
    database is spared joining teaching_assignment for it (per final mark, per lesson)."""
    aids = bindparam("aids", expanding=True)
    zero = literal(0)
    finals_part = select(
        literal("f").label("part"),
        m.FinalMark.student_id,
        m.FinalMark.assignment_id,
        m.FinalMark.kind,
        m.FinalMark.value,
        zero,
        zero,
        zero,
        zero,
    ).where(m.FinalMark.assignment_id.in_(aids))
    absence_part = (
        select(
            literal("a"),
            m.Attendance.student_id,
            m.Lesson.assignment_id,
            literal(None, String),
            literal(None, String),
            *_absence_columns(),
        )
        .join(m.Lesson, m.Lesson.id == m.Attendance.lesson_id)
        .where(
            m.Lesson.assignment_id.in_(aids),
            m.Lesson.held_on.between(bindparam("start", type_=Date), bindparam("end", type_=Date)),
        )
        .group_by(m.Attendance.student_id, m.Lesson.assignment_id)
    )
    return union_all(finals_part, absence_part)


def finals_and_absences(
    conn: Connection, ctx: GroupContext, end: dt.date | None = None
) -> tuple[dict[tuple[int, int], dict[str, str]], dict[tuple[int, int], Absence]]:
    """(student, discipline) → {kind: value} of the period's final marks, and → hours missed from the
    period's start to `end` (its end by default), summed in SQL: one UNION ALL statement (on a
    server every statement is a round trip)."""
    discipline_of = {aid: d.id for d in ctx.disciplines for aid in d.assignment_ids}
    if not discipline_of:
        return {}, {}
    parameters = {"aids": list(discipline_of), "start": ctx.period.starts_on, "end": end or ctx.period.ends_on}
    finals: dict[tuple[int, int], dict[str, str]] = defaultdict(dict)
    absent: dict[tuple[int, int], Absence] = {}
    for part, sid, aid, kind, value, total, excused, sick, late in conn.execute(
        _finals_and_absences_statement(), parameters
    ):
        key = (sid, discipline_of[aid])
        if part == "f":
            finals[key][kind] = value
        else:
            hours = Absence(int(total), int(excused), int(sick), int(late))
            # A discipline taught in subgroups has an assignment each: a student's hours add up.
            before = absent.get(key)
            absent[key] = hours if before is None else before + hours
    return dict(finals), absent


def decisive(finals: dict[str, str] | None) -> str | None:
    """The final mark the statistics count: exam, else diff. credit, else credit, else semester."""
    if not finals:
        return None
    for kind in FINAL_PRIORITY:
        if kind in finals:
            return finals[kind]
    return None


def _absence_columns() -> tuple[Any, ...]:
    hours = m.Attendance.absent_hours
    return (
        func.coalesce(func.sum(hours), 0),
        func.coalesce(func.sum(case((m.Attendance.reason == EXCUSED, hours), else_=0)), 0),
        func.coalesce(func.sum(case((m.Attendance.reason == SICK, hours), else_=0)), 0),
        func.coalesce(func.sum(case((m.Attendance.late.is_(True), 1), else_=0)), 0),
    )


def absences_by_month(
    conn: Connection, ctx: GroupContext, months: Sequence[tuple[int, int]]
) -> dict[tuple[int, int], dict[int, Absence]]:
    """(year, month) → student → hours missed that month; one query for all the months."""
    aids = _assignments_of(ctx)
    if not aids or not months:
        return {month: {} for month in months}
    bounds = [month_bounds(year, month) for year, month in months]
    index = case(*[(m.Lesson.held_on.between(a, b), i) for i, (a, b) in enumerate(bounds)], else_=-1)
    rows = conn.execute(
        select(index.label("month_index"), m.Attendance.student_id, *_absence_columns())
        .join(m.Lesson, m.Lesson.id == m.Attendance.lesson_id)
        .where(m.Lesson.assignment_id.in_(aids), m.Lesson.held_on.between(bounds[0][0], bounds[-1][1]))
        .group_by(index, m.Attendance.student_id)
    ).all()
    result: dict[tuple[int, int], dict[int, Absence]] = {month: {} for month in months}
    for i, sid, t, e, s, late in rows:
        if 0 <= i < len(months):
            result[months[i]][sid] = Absence(int(t), int(e), int(s), int(late))
    return result


def total_absence(
    absence: dict[tuple[int, int], Absence], student_ids: Iterable[int], disciplines: Iterable[DisciplineRef]
) -> Absence:
    """The hours of these students in these disciplines added up."""
    total = excused = sick = late = 0
    dids = [d.id for d in disciplines]
    for sid in student_ids:
        for did in dids:
            a = absence.get((sid, did))
            if a is not None:
                total, excused, sick, late = total + a.total, excused + a.excused, sick + a.sick, late + a.late
    return Absence(total, excused, sick, late)


def lesson_hours_by_day(
    conn: Connection, ctx: GroupContext, start: dt.date, end: dt.date
) -> dict[tuple[dt.date, int | None], int]:
    """(day, subgroup) → hours of lessons held: what a student was due to attend (1 query)."""
    aids = _assignments_of(ctx)
    if not aids:
        return {}
    rows = conn.execute(
        select(m.Lesson.held_on, m.TeachingAssignment.subgroup, func.sum(m.Lesson.hours))
        .join(m.TeachingAssignment, m.TeachingAssignment.id == m.Lesson.assignment_id)
        .where(m.Lesson.assignment_id.in_(aids), m.Lesson.held_on.between(start, end))
        .group_by(m.Lesson.held_on, m.TeachingAssignment.subgroup)
    ).all()
    return {(_as_date(day), sub): int(hours or 0) for day, sub, hours in rows}


def lessons_held(conn: Connection, ctx: GroupContext, until: dt.date) -> dict[tuple[int, int | None], tuple[int, int]]:
    """(discipline, subgroup) → (lessons, hours) held from the period's start up to `until` (1 query)."""
    aids = _assignments_of(ctx)
    if not aids:
        return {}
    rows = conn.execute(
        select(
            m.TeachingAssignment.discipline_id,
            m.TeachingAssignment.subgroup,
            func.count(),
            func.coalesce(func.sum(m.Lesson.hours), 0),
        )
        .join(m.TeachingAssignment, m.TeachingAssignment.id == m.Lesson.assignment_id)
        .where(m.Lesson.assignment_id.in_(aids), m.Lesson.held_on.between(ctx.period.starts_on, until))
        .group_by(m.TeachingAssignment.discipline_id, m.TeachingAssignment.subgroup)
    ).all()
    return {(did, sub): (int(n), int(h)) for did, sub, n, h in rows}


def held_for(
    held: dict[tuple[int, int | None], tuple[int, int]], discipline_id: int, subgroup: int | None
) -> tuple[int, int]:
    """(lessons, hours) of a discipline a student of `subgroup` was due at: the whole group's and
    their subgroup's lessons."""
    lessons = hours = 0
    for (did, sub), (n, h) in held.items():
        if did == discipline_id and (sub is None or sub == subgroup):
            lessons, hours = lessons + n, hours + h
    return lessons, hours


def due_hours(student: StudentRef, hours: dict[tuple[dt.date, int | None], int], start: dt.date, end: dt.date) -> int:
    """Hours of the group's lessons in [start, end] a student had to attend: their subgroup's and the
    whole group's, on the days they belonged to the group."""
    return sum(
        h
        for (day, sub), h in hours.items()
        if start <= day <= end and (sub is None or sub == student.subgroup) and belongs_on(student.intervals, day)
    )


def _mark_count_columns() -> tuple[Any, ...]:
    return tuple(func.coalesce(func.sum(case((m.Mark.value == value, 1), else_=0)), 0) for value in MARK_VALUES_COUNTED)


def current_marks(conn: Connection, ctx: GroupContext, end: dt.date | None = None) -> dict[tuple[int, int], MarkCounts]:
    """(student, discipline) → counts of the lesson marks of the period up to `end` (1 query)."""
    aids = _assignments_of(ctx)
    if not aids:
        return {}
    rows = conn.execute(
        select(m.Mark.student_id, m.TeachingAssignment.discipline_id, *_mark_count_columns())
        .join(m.Lesson, m.Lesson.id == m.Mark.lesson_id)
        .join(m.TeachingAssignment, m.TeachingAssignment.id == m.Lesson.assignment_id)
        .where(
            m.Lesson.assignment_id.in_(aids),
            m.Lesson.held_on.between(ctx.period.starts_on, end or ctx.period.ends_on),
        )
        .group_by(m.Mark.student_id, m.TeachingAssignment.discipline_id)
    ).all()
    return {(sid, did): MarkCounts(*(int(v) for v in values)) for sid, did, *values in rows}


def mark_lists(
    conn: Connection, ctx: GroupContext, student_ids: Iterable[int] | None = None
) -> dict[tuple[int, int], list[tuple[dt.date, str]]]:
    """(student, discipline) → the lesson marks of the period in date order (for parents' letters)."""
    aids = _assignments_of(ctx)
    if not aids:
        return {}
    query = (
        select(m.Mark.student_id, m.TeachingAssignment.discipline_id, m.Lesson.held_on, m.Mark.value)
        .join(m.Lesson, m.Lesson.id == m.Mark.lesson_id)
        .join(m.TeachingAssignment, m.TeachingAssignment.id == m.Lesson.assignment_id)
        .where(m.Lesson.assignment_id.in_(aids), m.Lesson.held_on.between(ctx.period.starts_on, ctx.period.ends_on))
        .order_by(m.Mark.student_id, m.Lesson.held_on, m.Lesson.pair_no, m.Mark.slot)
    )
    if student_ids is not None:
        query = query.where(m.Mark.student_id.in_(list(student_ids)))
    result: dict[tuple[int, int], list[tuple[dt.date, str]]] = defaultdict(list)
    for sid, did, day, value in conn.execute(query):
        result[(sid, did)].append((_as_date(day), value))
    return dict(result)


def guardians(conn: Connection, student_ids: Sequence[int]) -> dict[int, list[tuple[str, str, str]]]:
    """student → [(parent's full name, relation, e-mail)] (1 query)."""
    if not student_ids:
        return {}
    rows = conn.execute(
        select(
            m.GuardianLink.student_id,
            m.Person.last_name,
            m.Person.first_name,
            m.Person.middle_name,
            m.GuardianLink.relation,
            m.Person.email,
        )
        .join(m.Person, m.Person.id == m.GuardianLink.guardian_id)
        .where(m.GuardianLink.student_id.in_(list(student_ids)))
        .order_by(m.GuardianLink.student_id, m.GuardianLink.id)
    ).all()
    result: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for sid, last, first, middle, relation, email in rows:
        result[sid].append((full_name(last, first, middle), relation or "", email or ""))
    return dict(result)


@dataclass(frozen=True, slots=True)
class MovementRow:
    student_name: str
    kind: str
    effective_date: dt.date
    order_no: str
    order_date: dt.date
    from_group: str
    to_group: str


def movements_in(conn: Connection, group_id: int, start: dt.date, end: dt.date) -> list[MovementRow]:
    """Orders that moved students into or out of the group in [start, end] (1 query)."""
    src = m.StudyGroup.__table__.alias("src")
    dst = m.StudyGroup.__table__.alias("dst")
    rows = conn.execute(
        select(
            m.Person.last_name,
            m.Person.first_name,
            m.Person.middle_name,
            m.StudentMovement.kind,
            m.StudentMovement.effective_date,
            m.StudentMovement.order_no,
            m.StudentMovement.order_date,
            src.c.name,
            dst.c.name,
        )
        .join(m.Student, m.Student.id == m.StudentMovement.student_id)
        .join(m.Person, m.Person.id == m.Student.person_id)
        .outerjoin(src, src.c.id == m.StudentMovement.from_group_id)
        .outerjoin(dst, dst.c.id == m.StudentMovement.to_group_id)
        .where(
            or_(m.StudentMovement.from_group_id == group_id, m.StudentMovement.to_group_id == group_id),
            m.StudentMovement.effective_date.between(start, end),
        )
        .order_by(m.StudentMovement.effective_date, m.StudentMovement.id)
    ).all()
    return [
        MovementRow(full_name(last, first, middle), kind, _as_date(eff), order_no, _as_date(od), fg or "", tg or "")
        for last, first, middle, kind, eff, order_no, od, fg, tg in rows
    ]


# --- the whole college --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GroupRow:
    id: int
    name: str
    course: int
    specialty_code: str
    specialty_name: str


@dataclass(slots=True)
class StudentTotals:
    """A counted student of a group: decisive final marks counted, hours missed."""

    marks: dict[str, int] = field(default_factory=dict)  # value → count
    absent_hours: int = 0

    def values(self) -> list[str]:
        return [value for value, count in self.marks.items() for _ in range(count)]


def college_groups(conn: Connection, period_id: int) -> list[GroupRow]:
    """Groups with teaching in the period, by course and name (1 query)."""
    taught = select(m.TeachingAssignment.group_id).where(m.TeachingAssignment.period_id == period_id)
    rows = conn.execute(
        select(m.StudyGroup.id, m.StudyGroup.name, m.StudyGroup.course, m.Specialty.code, m.Specialty.name)
        .join(m.Specialty, m.Specialty.id == m.StudyGroup.specialty_id)
        .where(m.StudyGroup.id.in_(taught))
        .order_by(m.StudyGroup.course, m.StudyGroup.name)
    ).all()
    return [GroupRow(*row) for row in rows]


def _priority() -> ColumnElement[int]:
    return case(
        *[(m.FinalMark.kind == kind, len(FINAL_PRIORITY) - i) for i, kind in enumerate(FINAL_PRIORITY)], else_=0
    )


def decisive_counts_sql(period_id: Any) -> Any:
    """SELECT group_id, student_id, value, n: how many decisive final marks of each value every student
    has in each group's assignments of the period. The decisive mark per (assignment, student) is
    picked with ROW_NUMBER() over the kind's priority; the counting is a GROUP BY."""
    ranked = (
        select(
            m.TeachingAssignment.group_id.label("group_id"),
            m.FinalMark.student_id.label("student_id"),
            m.FinalMark.value.label("value"),
            func.row_number()
            .over(partition_by=(m.FinalMark.assignment_id, m.FinalMark.student_id), order_by=_priority().desc())
            .label("rn"),
        )
        .join(m.TeachingAssignment, m.TeachingAssignment.id == m.FinalMark.assignment_id)
        .where(m.TeachingAssignment.period_id == period_id)
    )
    sub = ranked.subquery()
    return (
        select(sub.c.group_id, sub.c.student_id, sub.c.value, func.count().label("n"))
        .where(sub.c.rn == 1)
        .group_by(sub.c.group_id, sub.c.student_id, sub.c.value)
    )


@cache
def _college_students_statement() -> Any:
    """Students now in the groups or moved into/out of them, with their movements: :group_ids."""
    group_ids = bindparam("group_ids", expanding=True)
    moved = select(m.StudentMovement.student_id).where(
        or_(m.StudentMovement.from_group_id.in_(group_ids), m.StudentMovement.to_group_id.in_(group_ids))
    )
    return with_movements(m.Student.group_id).where(or_(m.Student.group_id.in_(group_ids), m.Student.id.in_(moved)))


@cache
def _college_figures_statement() -> Any:
    """Per group and student of the period (:period_id) in one UNION ALL: the decisive final marks
    counted by value ('m', group, student, value, count) and the hours missed ('a', …, NULL, hours)."""
    period_id = bindparam("period_id", type_=Integer)
    marks = decisive_counts_sql(period_id).subquery()
    absent = (
        select(
            literal("a"),
            m.TeachingAssignment.group_id,
            m.Attendance.student_id,
            literal(None, String),
            func.sum(m.Attendance.absent_hours),
        )
        .join(m.Lesson, m.Lesson.id == m.Attendance.lesson_id)
        .join(m.TeachingAssignment, m.TeachingAssignment.id == m.Lesson.assignment_id)
        .where(m.TeachingAssignment.period_id == period_id)
        .group_by(m.TeachingAssignment.group_id, m.Attendance.student_id)
    )
    return union_all(select(literal("m"), *marks.c), absent)


def college_student_totals(
    conn: Connection, period: PeriodInfo, groups: Sequence[GroupRow]
) -> dict[int, dict[int, StudentTotals]]:
    """group → counted student → decisive marks and hours missed; 2 statements for the whole college.

    Counted: the students who belonged to the group on the period's last day (movements)."""
    group_ids = [g.id for g in groups]
    if not group_ids:
        return {}
    students = fold(conn.execute(_college_students_statement(), {"group_ids": group_ids}).all())
    result: dict[int, dict[int, StudentTotals]] = {gid: {} for gid in group_ids}
    for sid, ((current_group,), moves) in students.items():
        candidates = {current_group} | {g for mv in moves for g in (mv.from_group_id, mv.to_group_id) if g is not None}
        for gid in candidates:
            if gid in result and belongs_on(membership_intervals(moves, gid), period.ends_on):
                result[gid][sid] = StudentTotals()
    rows = conn.execute(_college_figures_statement(), {"period_id": period.id})
    for part, gid, sid, value, n in rows:
        totals = result.get(gid, {}).get(sid)
        if totals is None:
            continue
        if part == "m":
            totals.marks[value] = totals.marks.get(value, 0) + int(n)
        else:
            totals.absent_hours += int(n or 0)
    return result


# --- the deputy's control ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class JournalFill:
    assignment_id: int
    teacher_id: int
    teacher_name: str
    group_name: str
    discipline: str
    subgroup: int | None
    planned_hours: int
    lessons: int  # lessons entered
    given_hours: int  # hours of lessons held up to the day
    last_entry_on: dt.date | None
    without_topic: int  # past lessons with no topic
    without_marks: int  # past lessons with no mark and no absence
    late_lessons: int  # lessons entered more than `days` after they were held
    marks: int  # lesson marks entered
    corrections: int  # changes of marks and final marks after they were first set (versions)


def _days_late(late_days: int) -> ColumnElement[bool]:
    """A lesson entered (created) more than `late_days` days after the day it was held."""
    return func.julianday(func.date(m.Lesson.created_at)) - func.julianday(m.Lesson.held_on) > late_days


def _days_late_pg(late_days: int) -> ColumnElement[bool]:
    from sqlalchemy import Date, cast

    return cast(m.Lesson.created_at, Date) - m.Lesson.held_on > late_days


def journal_fill(conn: Connection, period_id: int, today: dt.date, late_days: int) -> list[JournalFill]:
    """Every journal of the period with its filling figures; 1 query (lessons, marks, finals each
    aggregated per assignment in a subquery)."""
    postgres = conn.dialect.name == "postgresql"
    late = (_days_late_pg if postgres else _days_late)(late_days)
    past = m.Lesson.held_on <= today
    no_topic = and_(past, or_(m.Lesson.topic.is_(None), func.trim(m.Lesson.topic) == ""))
    has_mark = select(m.Mark.id).where(m.Mark.lesson_id == m.Lesson.id).exists()
    has_absence = select(m.Attendance.id).where(m.Attendance.lesson_id == m.Lesson.id).exists()
    in_period = select(m.TeachingAssignment.id).where(m.TeachingAssignment.period_id == period_id)
    lessons = (
        select(
            m.Lesson.assignment_id.label("aid"),
            func.count().label("lessons"),
            func.coalesce(func.sum(case((past, m.Lesson.hours), else_=0)), 0).label("given"),
            func.max(case((past, m.Lesson.held_on))).label("last_on"),
            func.sum(case((no_topic, 1), else_=0)).label("no_topic"),
            func.sum(case((and_(past, ~has_mark, ~has_absence), 1), else_=0)).label("no_marks"),
            func.sum(case((late, 1), else_=0)).label("late"),
        )
        .where(m.Lesson.assignment_id.in_(in_period))
        .group_by(m.Lesson.assignment_id)
        .subquery()
    )
    marks = (
        select(
            m.Lesson.assignment_id.label("aid"),
            func.count().label("marks"),
            func.sum(m.Mark.version - 1).label("corrections"),
        )
        .join(m.Lesson, m.Lesson.id == m.Mark.lesson_id)
        .where(m.Lesson.assignment_id.in_(in_period))
        .group_by(m.Lesson.assignment_id)
        .subquery()
    )
    finals = (
        select(m.FinalMark.assignment_id.label("aid"), func.sum(m.FinalMark.version - 1).label("corrections"))
        .where(m.FinalMark.assignment_id.in_(in_period))
        .group_by(m.FinalMark.assignment_id)
        .subquery()
    )
    teacher = m.Person.__table__.alias("teacher")
    rows = conn.execute(
        select(
            m.TeachingAssignment.id,
            m.TeachingAssignment.teacher_id,
            teacher.c.last_name,
            teacher.c.first_name,
            teacher.c.middle_name,
            m.StudyGroup.name,
            m.Discipline.code,
            m.Discipline.name,
            m.TeachingAssignment.subgroup,
            m.TeachingAssignment.planned_hours,
            lessons.c.lessons,
            lessons.c.given,
            lessons.c.last_on,
            lessons.c.no_topic,
            lessons.c.no_marks,
            lessons.c.late,
            marks.c.marks,
            marks.c.corrections,
            finals.c.corrections,
        )
        .join(teacher, teacher.c.id == m.TeachingAssignment.teacher_id)
        .join(m.StudyGroup, m.StudyGroup.id == m.TeachingAssignment.group_id)
        .join(m.Discipline, m.Discipline.id == m.TeachingAssignment.discipline_id)
        .outerjoin(lessons, lessons.c.aid == m.TeachingAssignment.id)
        .outerjoin(marks, marks.c.aid == m.TeachingAssignment.id)
        .outerjoin(finals, finals.c.aid == m.TeachingAssignment.id)
        .where(m.TeachingAssignment.period_id == period_id, m.TeachingAssignment.is_draft.is_(False))
    ).all()
    return [
        JournalFill(
            assignment_id=aid,
            teacher_id=tid,
            teacher_name=short_name(last, first, middle),
            group_name=group,
            discipline=f"{code} {name}".strip(),
            subgroup=sub,
            planned_hours=int(planned or 0),
            lessons=int(n or 0),
            given_hours=int(given or 0),
            last_entry_on=_as_date(last_on) if last_on is not None else None,
            without_topic=int(no_topic or 0),
            without_marks=int(no_marks or 0),
            late_lessons=int(late_n or 0),
            marks=int(n_marks or 0),
            corrections=int(mark_fix or 0) + int(final_fix or 0),
        )
        for (
            aid,
            tid,
            last,
            first,
            middle,
            group,
            code,
            name,
            sub,
            planned,
            n,
            given,
            last_on,
            no_topic,
            no_marks,
            late_n,
            n_marks,
            mark_fix,
            final_fix,
        ) in rows
    ]


# --- usage of the journal ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AccountUsage:
    login: str
    name: str
    role: str
    is_active: bool
    created_at: dt.datetime | None
    last_login_at: dt.datetime | None
    logins: int  # in the range


def logins_by_role_and_day(conn: Connection, start: dt.date, end: dt.date) -> dict[tuple[dt.date, str], int]:
    """(day, main role) → logins recorded in the audit (action LOGIN) in [start, end] (1 query)."""
    day = func.date(m.AuditLog.at)
    rows = conn.execute(
        select(day, m.Account.role, func.count())
        .join(m.Account, m.Account.login == m.AuditLog.db_user)
        .where(
            m.AuditLog.action == "LOGIN",
            m.AuditLog.table_name == "account",
            m.AuditLog.at >= dt.datetime.combine(start, dt.time()),
            m.AuditLog.at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time()),
        )
        .group_by(day, m.Account.role)
    ).all()
    return {(_as_date(d), role): int(n) for d, role, n in rows}


def account_usage(conn: Connection, start: dt.date, end: dt.date) -> list[AccountUsage]:
    """Every account with its logins in [start, end] (1 query)."""
    logins = (
        select(m.AuditLog.db_user.label("login"), func.count().label("n"))
        .where(
            m.AuditLog.action == "LOGIN",
            m.AuditLog.table_name == "account",
            m.AuditLog.at >= dt.datetime.combine(start, dt.time()),
            m.AuditLog.at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time()),
        )
        .group_by(m.AuditLog.db_user)
        .subquery()
    )
    rows = conn.execute(
        select(
            m.Account.login,
            m.Person.last_name,
            m.Person.first_name,
            m.Person.middle_name,
            m.Account.role,
            m.Account.is_active,
            m.Account.created_at,
            m.Account.last_login_at,
            func.coalesce(logins.c.n, 0),
        )
        .join(m.Person, m.Person.id == m.Account.person_id)
        .outerjoin(logins, logins.c.login == m.Account.login)
    ).all()
    return [
        AccountUsage(login, full_name(last, first, middle), role, bool(active), created, last_at, int(n or 0))
        for login, last, first, middle, role, active, created, last_at, n in rows
    ]


# --- helpers -----------------------------------------------------------------------------------


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, month, 1)
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return start, following - dt.timedelta(days=1)


def _as_date(value: Any) -> dt.date:
    """SQLite hands back date() results as text."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
