"""«Дневник»: a student's marks, attendance, homework and timetable — for the student and the parents.

Read-only. For the chosen period, per discipline of the student's group (and subgroup): every mark
with its date and the lesson's topic, the average, the final marks when set, the hours missed and how
many of them are excused; the homework of the coming lessons; the week's timetable. A parent sees it
per child, and a short «что нового» since their last visit: new marks, absences, unread messages.

Who reads whose diary (diary.read): a student their own (SELF), a parent their children (CHILDREN),
a curator the students of the curated group, admin and deputy everyone. On a PostgreSQL server the
row-level security of the journal tables keeps the same rule for any client.

A diary opens in a constant number of queries (`DIARY_QUERIES`), whatever the number of marks.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Connection,
    Date,
    Integer,
    String,
    and_,
    cast,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    union_all,
    update,
)

from ejournal_desktop.domain import marks as mk
from ejournal_desktop.domain.calendar import PAIR_TIMES, current_period
from ejournal_desktop.domain.errors import NotFound, PermissionDenied
from ejournal_desktop.domain.names import full_name, russian_sort_key, short_name
from ejournal_desktop.domain.permissions import Action, Scope, allowed_scopes, require
from ejournal_desktop.domain.statistics import average_mark
from ejournal_desktop.services.audience import utc_now
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.journal_access import period_info
from ejournal_desktop.services.journal_types import PeriodInfo
from ejournal_desktop.services.messages import unread_total_query
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m

DIARY_QUERIES = 8  # the most a diary takes, with «что нового» (tests and the benchmark count them)
HOMEWORK_LOOKBACK_DAYS = 14
WEEKDAYS = ("Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота")
EXCUSING = ("excused", "sick")


@dataclass(frozen=True)
class DiaryStudent:
    student_id: int
    name: str
    group_name: str


@dataclass(frozen=True)
class DiaryMark:
    held_on: dt.date
    value: str
    topic: str
    lesson_kind: str


@dataclass(frozen=True)
class DiaryAbsence:
    held_on: dt.date
    hours: int
    reason: str
    late: bool


@dataclass
class DiaryDiscipline:
    assignment_id: int
    code: str
    name: str
    teacher: str
    marks: list[DiaryMark] = field(default_factory=list)
    absences: list[DiaryAbsence] = field(default_factory=list)
    finals: dict[str, str] = field(default_factory=dict)

    @property
    def average(self) -> float | None:
        return average_mark(x.value for x in self.marks)

    @property
    def absent_hours(self) -> int:
        return sum(a.hours for a in self.absences)

    @property
    def excused_hours(self) -> int:
        return sum(a.hours for a in self.absences if a.reason in EXCUSING)

    @property
    def marks_text(self) -> str:
        return " ".join(x.value for x in self.marks)

    @property
    def finals_text(self) -> str:
        return ", ".join(f"{mk.FINAL_KIND_LABELS.get(k, k)}: {v}" for k, v in self.finals.items())


@dataclass(frozen=True)
class HomeworkItem:
    given_on: dt.date
    due_on: dt.date | None  # the next lesson by the timetable (or the planned lesson's date)
    discipline: str
    homework: str


@dataclass(frozen=True)
class TimetableEntry:
    weekday: int
    pair_no: int
    discipline: str
    teacher: str
    room: str

    @property
    def weekday_name(self) -> str:
        return WEEKDAYS[self.weekday]

    @property
    def time_text(self) -> str:
        if self.pair_no not in PAIR_TIMES:
            return ""
        start, end = PAIR_TIMES[self.pair_no]
        return f"{start:%H:%M}–{end:%H:%M}"


@dataclass(frozen=True)
class WhatsNew:
    since: dt.datetime | None  # None: the first visit
    marks: list[tuple[dt.date, str, str]]  # date, discipline, value
    absences: list[tuple[dt.date, str, int]]  # date, discipline, hours
    unread_messages: int

    @property
    def is_empty(self) -> bool:
        return not self.marks and not self.absences and not self.unread_messages


@dataclass
class Diary:
    student: DiaryStudent
    period: PeriodInfo | None
    periods: list[PeriodInfo]
    disciplines: list[DiaryDiscipline]
    homework: list[HomeworkItem]
    timetable: list[TimetableEntry]
    whats_new: WhatsNew | None

    @property
    def absent_hours(self) -> int:
        return sum(d.absent_hours for d in self.disciplines)

    @property
    def excused_hours(self) -> int:
        return sum(d.excused_hours for d in self.disciplines)

    @property
    def average(self) -> float | None:
        return average_mark(x.value for d in self.disciplines for x in d.marks)


def _name(last: str | None, first: str | None, middle: str | None) -> str:
    return short_name(last, first or "", middle) if last else "—"


def diary_students(session: UserSession) -> list[DiaryStudent]:
    """The students whose diary this user opens from the navigation: self, or the children."""
    require(session.user.roles, Action.DIARY_READ)
    found = students_where(session, self_and_children(session))
    return sorted(found, key=lambda s: russian_sort_key(s.name))


def self_and_children(session: UserSession) -> list[ColumnElement[bool]]:
    """Conditions on `student`: the user themself (a student), their children (a parent)."""
    me = session.user.person_id
    conditions: list[ColumnElement[bool]] = []
    if "student" in session.user.roles:
        conditions.append(m.Student.person_id == me)
    if "parent" in session.user.roles:
        conditions.append(m.Student.id.in_(select(m.GuardianLink.student_id).where(m.GuardianLink.guardian_id == me)))
    return conditions


def students_where(session: UserSession, conditions: list[ColumnElement[bool]]) -> list[DiaryStudent]:
    """The students meeting any of `conditions` (none: nobody), with full names and groups, unsorted."""
    if not conditions:
        return []
    with session.engine.connect() as conn:
        rows = conn.execute(
            select(m.Student.id, m.Person.last_name, m.Person.first_name, m.Person.middle_name, m.StudyGroup.name)
            .join(m.Person, m.Person.id == m.Student.person_id)
            .join(m.StudyGroup, m.StudyGroup.id == m.Student.group_id)
            .where(or_(*conditions))
        ).all()
    return [DiaryStudent(r.id, full_name(r.last_name, r.first_name, r.middle_name), r.name) for r in rows]


def _check_access(session: UserSession, row: object) -> None:
    scopes = allowed_scopes(session.user.roles, Action.DIARY_READ)
    user = session.user
    if Scope.ALL in scopes:
        return
    if Scope.SELF in scopes and row.person_id == user.person_id:  # type: ignore[attr-defined]
        return
    if Scope.CHILDREN in scopes and row.is_child:  # type: ignore[attr-defined]
        return
    if Scope.CURATED_GROUP in scopes and row.group_id in user.curated_group_ids:  # type: ignore[attr-defined]
        return
    raise PermissionDenied("Недостаточно прав: дневник другого обучающегося недоступен")


def _choose_period(periods: list[PeriodInfo], period_id: int | None, today: dt.date) -> PeriodInfo | None:
    if period_id is not None:
        chosen = next((p for p in periods if p.id == period_id), None)
        if chosen is None:
            raise NotFound("Учебный период не найден")
        return chosen
    return current_period(periods, today)


def diary(
    session: UserSession,
    student_id: int,
    *,
    period_id: int | None = None,
    today: dt.date | None = None,
    with_news: bool = True,
) -> Diary:
    """The diary of a student for a period (default: the one containing today)."""
    require(session.user.roles, Action.DIARY_READ)
    today = today or dt.date.today()
    me = session.user.person_id
    with session.engine.connect() as conn:
        is_child = (
            select(func.count())
            .select_from(m.GuardianLink)
            .where(m.GuardianLink.student_id == m.Student.id, m.GuardianLink.guardian_id == me)
            .scalar_subquery()
        )
        row = conn.execute(
            select(
                m.Student.id,
                m.Student.person_id,
                m.Student.group_id,
                m.Student.subgroup,
                m.Person.last_name,
                m.Person.first_name,
                m.Person.middle_name,
                m.StudyGroup.name.label("group_name"),
                (is_child > 0).label("is_child"),
            )
            .join(m.Person, m.Person.id == m.Student.person_id)
            .join(m.StudyGroup, m.StudyGroup.id == m.Student.group_id)
            .where(m.Student.id == student_id)
        ).first()
        if row is None:
            raise NotFound("Обучающийся не найден")
        _check_access(session, row)
        student = DiaryStudent(row.id, full_name(row.last_name, row.first_name, row.middle_name), row.group_name)
        periods = [period_info(p) for p in conn.execute(select(m.Period).order_by(m.Period.starts_on))]
        period = _choose_period(periods, period_id, today)
        news = _whats_new(conn, session, student_id) if with_news else None
        if period is None:
            return Diary(student, None, periods, [], [], [], news)
        return _fill(conn, student, row.group_id, row.subgroup, student_id, period, periods, today, news)


def _fill(
    conn: Connection,
    student: DiaryStudent,
    group_id: int,
    subgroup: int | None,
    student_id: int,
    period: PeriodInfo,
    periods: list[PeriodInfo],
    today: dt.date,
    news: WhatsNew | None,
) -> Diary:
    """Three statements: the disciplines with their timetable, the student's journal, the homework."""
    ta = m.TeachingAssignment
    slot = m.TimetableSlot
    mine = and_(
        ta.group_id == group_id,
        ta.period_id == period.id,
        or_(ta.subgroup.is_(None), ta.subgroup == subgroup) if subgroup is not None else ta.subgroup.is_(None),
    )
    disciplines: dict[int, DiaryDiscipline] = {}
    slots: dict[int, list[int]] = defaultdict(list)
    timetable: list[TimetableEntry] = []
    for r in conn.execute(
        select(
            ta.id,
            m.Discipline.code,
            m.Discipline.name,
            m.Person.last_name,
            m.Person.first_name,
            m.Person.middle_name,
            slot.weekday,
            slot.pair_no,
            slot.room,
        )
        .join(m.Discipline, m.Discipline.id == ta.discipline_id)
        .outerjoin(m.Person, m.Person.id == ta.teacher_id)
        .outerjoin(slot, slot.assignment_id == ta.id)
        .where(mine)
    ):
        d = disciplines.get(r.id)
        if d is None:
            d = disciplines[r.id] = DiaryDiscipline(
                r.id, r.code, r.name, _name(r.last_name, r.first_name, r.middle_name)
            )
        if r.weekday is not None:
            slots[r.id].append(r.weekday)
            timetable.append(TimetableEntry(r.weekday, r.pair_no, d.name, d.teacher, r.room or ""))
    timetable.sort(key=lambda t: (t.weekday, t.pair_no))
    # The student's marks, absences and final marks in the period: one UNION ALL, tagged by kind.
    in_period = select(ta.id).where(ta.period_id == period.id)
    text_ = String(16)
    marks_part = (
        select(
            cast(literal("mark"), text_).label("kind"),
            m.Lesson.assignment_id,
            m.Lesson.held_on,
            m.Lesson.pair_no,
            m.Mark.slot.label("slot"),
            m.Lesson.topic,
            m.Lesson.lesson_kind,
            cast(m.Mark.value, text_).label("value"),
            cast(null(), Integer).label("hours"),
            cast(null(), text_).label("reason"),
            cast(null(), Boolean).label("late"),
        )
        .join(m.Lesson, m.Lesson.id == m.Mark.lesson_id)
        .where(m.Mark.student_id == student_id, m.Lesson.assignment_id.in_(in_period))
    )
    absence_part = (
        select(
            cast(literal("absence"), text_),
            m.Lesson.assignment_id,
            m.Lesson.held_on,
            m.Lesson.pair_no,
            cast(literal(0), Integer),
            m.Lesson.topic,
            m.Lesson.lesson_kind,
            cast(null(), text_),
            cast(m.Attendance.absent_hours, Integer),
            cast(m.Attendance.reason, text_),
            m.Attendance.late,
        )
        .join(m.Lesson, m.Lesson.id == m.Attendance.lesson_id)
        .where(m.Attendance.student_id == student_id, m.Lesson.assignment_id.in_(in_period))
    )
    final_part = select(
        cast(literal("final"), text_),
        m.FinalMark.assignment_id,
        cast(null(), Date),
        cast(null(), Integer),
        cast(literal(0), Integer),
        cast(null(), String(1000)),
        cast(m.FinalMark.kind, text_),
        cast(m.FinalMark.value, text_),
        cast(null(), Integer),
        cast(null(), text_),
        cast(null(), Boolean),
    ).where(m.FinalMark.student_id == student_id, m.FinalMark.assignment_id.in_(in_period))
    rows = conn.execute(union_all(marks_part, absence_part, final_part)).all()
    rows.sort(key=lambda r: (r.held_on or dt.date.max, r.pair_no or 0, r.slot or 0))
    for r in rows:
        d = disciplines.get(r.assignment_id)
        if d is None:
            continue  # a discipline of a group the student has left
        if r.kind == "mark":
            d.marks.append(DiaryMark(r.held_on, r.value, r.topic or "", r.lesson_kind))
        elif r.kind == "absence":
            d.absences.append(DiaryAbsence(r.held_on, int(r.hours or 0), r.reason, bool(r.late)))
        else:
            d.finals[r.lesson_kind] = r.value
    homework = _homework(conn, disciplines, slots, today, period)
    ordered = sorted(disciplines.values(), key=lambda d: (russian_sort_key(d.code), russian_sort_key(d.name)))
    return Diary(student, period, periods, ordered, homework, timetable, news)


def _next_lesson_day(after: dt.date, weekdays: list[int], limit: dt.date) -> dt.date | None:
    if not weekdays:
        return None
    day = after + dt.timedelta(days=1)
    for _ in range(14):
        if day > limit:
            return None
        if day.weekday() in weekdays:
            return day
        day += dt.timedelta(days=1)
    return None


def _homework(
    conn: Connection,
    disciplines: dict[int, DiaryDiscipline],
    slots: dict[int, list[int]],
    today: dt.date,
    period: PeriodInfo,
) -> list[HomeworkItem]:
    """The homework due at the coming lessons: the last one given per discipline, and planned ones ahead."""
    if not disciplines:
        return []
    rows = conn.execute(
        select(m.Lesson.assignment_id, m.Lesson.held_on, m.Lesson.homework)
        .where(
            m.Lesson.assignment_id.in_(sorted(disciplines)),
            m.Lesson.held_on >= today - dt.timedelta(days=HOMEWORK_LOOKBACK_DAYS),
            m.Lesson.homework.is_not(None),
            m.Lesson.homework != "",
        )
        .order_by(m.Lesson.held_on)
    ).all()
    last_given: dict[int, tuple[dt.date, str]] = {}
    items: list[HomeworkItem] = []
    for r in rows:
        if r.held_on <= today:
            last_given[r.assignment_id] = (r.held_on, r.homework)
        else:  # a lesson planned ahead with its homework
            items.append(HomeworkItem(r.held_on, r.held_on, disciplines[r.assignment_id].name, r.homework))
    for assignment_id, (given, work) in last_given.items():
        due = _next_lesson_day(max(given, today - dt.timedelta(days=1)), slots.get(assignment_id, []), period.ends_on)
        if due is None and given < today:
            continue  # no coming lesson of this discipline: nothing to prepare
        items.append(HomeworkItem(given, due, disciplines[assignment_id].name, work))
    return sorted(items, key=lambda h: (h.due_on or dt.date.max, russian_sort_key(h.discipline)))


# --- «что нового» ------------------------------------------------------------------------------------


def _whats_new(conn: Connection, session: UserSession, student_id: int) -> WhatsNew:
    """New marks and absences of the student since this user's last visit, and unread messages (2 queries)."""
    me = session.user.person_id
    since = conn.execute(
        select(m.DiaryVisit.visited_at).where(m.DiaryVisit.person_id == me, m.DiaryVisit.student_id == student_id)
    ).scalar()
    unread = _unread_messages(conn, me)
    if since is None:
        return WhatsNew(None, [], [], unread)
    marks: list[tuple[dt.date, str, str]] = []
    absences: list[tuple[dt.date, str, int]] = []
    mark_rows = (
        select(
            m.Lesson.held_on,
            m.Discipline.name,
            m.Mark.value.label("value"),
            cast(literal(0), Integer).label("hours"),
            m.Mark.updated_at,
        )
        .join(m.Lesson, m.Lesson.id == m.Mark.lesson_id)
        .join(m.TeachingAssignment, m.TeachingAssignment.id == m.Lesson.assignment_id)
        .join(m.Discipline, m.Discipline.id == m.TeachingAssignment.discipline_id)
        .where(m.Mark.student_id == student_id, m.Mark.updated_at > since)
    )
    absence_rows = (
        select(
            m.Lesson.held_on,
            m.Discipline.name,
            cast(null(), String(4)).label("value"),
            m.Attendance.absent_hours.label("hours"),
            m.Attendance.updated_at,
        )
        .join(m.Lesson, m.Lesson.id == m.Attendance.lesson_id)
        .join(m.TeachingAssignment, m.TeachingAssignment.id == m.Lesson.assignment_id)
        .join(m.Discipline, m.Discipline.id == m.TeachingAssignment.discipline_id)
        .where(m.Attendance.student_id == student_id, m.Attendance.updated_at > since, m.Attendance.absent_hours > 0)
    )
    for r in conn.execute(mark_rows.union_all(absence_rows)):
        if r.value is not None:
            marks.append((r.held_on, r.name, r.value))
        else:
            absences.append((r.held_on, r.name, int(r.hours)))
    marks.sort(key=lambda x: (x[0], russian_sort_key(x[1])))
    absences.sort(key=lambda x: (x[0], russian_sort_key(x[1])))
    return WhatsNew(since, marks, absences, unread)


def _unread_messages(conn: Connection, me: int) -> int:
    value = conn.execute(unread_total_query(me)).scalar()
    return int(value or 0)


def mark_visited(session: UserSession, student_id: int, at: dt.datetime | None = None) -> None:
    """Remember this visit of the student's diary: the next «что нового» starts here."""
    require(session.user.roles, Action.DIARY_READ)
    me = session.user.person_id
    moment = at or utc_now()
    with transaction(session) as conn:
        changed = conn.execute(
            update(m.DiaryVisit)
            .where(m.DiaryVisit.person_id == me, m.DiaryVisit.student_id == student_id)
            .values(visited_at=moment)
        ).rowcount
        if not changed:
            conn.execute(insert(m.DiaryVisit).values(person_id=me, student_id=student_id, visited_at=moment))
