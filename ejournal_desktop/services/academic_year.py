"""A new academic year in one guided step: periods, courses up, graduation by one order, load as a draft.

`plan_new_year` is the dry run: it says what `apply_new_year` would do and what stops it, writing
nothing. `apply_new_year` does all of it in one transaction:

1. creates both semesters of the year with the default bounds (kept when they exist already);
2. graduates the students of the final-course groups by one order and archives those groups;
3. moves every other active group one course up;
4. copies last year's load (semester 1 → 1, 2 → 2) into the new periods as a draft, without the
   graduated groups.

Students on academic leave in a graduating group are not graduated (they have not finished): the
plan names them (`on_leave`) so the secretary sees before and after that they stay on leave in an
archived group, and returns them later into a younger group (`movements.return_from_leave`).

The final course of a group is not stored in the schema (the specialty's term is not in the core
tables): by default a group admitted after 9 classes finishes on course 4 and after 11 classes on
course 3; the caller may name the graduating groups explicitly (the wizard shows the default as
ticks the secretary can change).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, insert, select, update

from ejournal_desktop.domain.calendar import parse_academic_year, semester_bounds
from ejournal_desktop.domain.errors import ValidationError
from ejournal_desktop.domain.names import full_name, russian_sort_key
from ejournal_desktop.domain.permissions import Action
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.contingent_common import connection, require_action
from ejournal_desktop.services.load import copy_load_in
from ejournal_desktop.services.movements import Order, apply_movement
from ejournal_desktop.store import models as m

ACTIONS = (Action.PERIOD_WRITE, Action.MOVEMENT_WRITE, Action.CONTINGENT_WRITE, Action.LOAD_WRITE)


@dataclass(frozen=True, slots=True)
class GroupChange:
    group_id: int
    name: str
    course: int
    students: int  # studying or on leave
    graduates: bool


@dataclass
class YearPlan:
    academic_year: str
    new_periods: list[tuple[int, str, str]] = field(default_factory=list)  # (number, starts, ends) дд.мм.гггг
    groups: list[GroupChange] = field(default_factory=list)
    load_to_copy: dict[int, int] = field(default_factory=dict)  # semester → rows
    problems: list[str] = field(default_factory=list)
    # Students on academic leave in the graduating groups: (group name, full name); not graduated.
    on_leave: list[tuple[str, str]] = field(default_factory=list)

    @property
    def graduating(self) -> list[GroupChange]:
        return [g for g in self.groups if g.graduates]

    @property
    def moving_up(self) -> list[GroupChange]:
        return [g for g in self.groups if not g.graduates]

    def lines_ru(self) -> list[str]:
        lines = [f"Новый учебный год {self.academic_year}:"]
        lines += [f"  создать период: семестр {n}, {a} – {b}" for n, a, b in self.new_periods]
        for g in self.graduating:
            away = sum(1 for group, _name in self.on_leave if group == g.name)
            count = f"{g.students - away} обуч." + (f", ещё {away} в академ. отпуске" if away else "")
            lines.append(f"  выпустить группу {g.name} ({count}) и перенести в архив")
        lines += [f"  перевести группу {g.name} с {g.course} на {g.course + 1} курс" for g in self.moving_up]
        lines += [
            f"  скопировать нагрузку семестра {n} как черновик: {c} записей" for n, c in self.load_to_copy.items()
        ]
        lines += [f"  внимание: {line}" for line in self.warnings_ru()]
        lines += [f"  препятствие: {p}" for p in self.problems]
        return lines

    def warnings_ru(self) -> list[str]:
        return [
            f"{name} ({group}) в академическом отпуске: не выпускается, остаётся в отпуске в архивной группе; "
            "выход из отпуска — приказом в другую группу"
            for group, name in self.on_leave
        ]


def default_final_course(base_grade: int) -> int:
    return 3 if base_grade == 11 else 4


def _previous_year(year: str) -> str:
    first = parse_academic_year(year)
    return f"{first - 1}/{first}"


def _plan(conn: Connection, year: str, graduating_ids: Iterable[int] | None) -> tuple[YearPlan, dict[int, int]]:
    from sqlalchemy import func

    from ejournal_desktop.domain.calendar import format_date

    plan = YearPlan(year)
    periods = {
        (y, n): pid
        for pid, y, n in conn.execute(
            select(m.Period.id, m.Period.academic_year, m.Period.number).where(
                m.Period.academic_year.in_((year, _previous_year(year)))
            )
        )
    }
    for number in (1, 2):
        if (year, number) not in periods:
            start, end = semester_bounds(year, number)
            plan.new_periods.append((number, format_date(start), format_date(end)))
    studying = (
        select(func.count(m.Student.id))
        .where(m.Student.group_id == m.StudyGroup.id, m.Student.status.in_(("studying", "academic_leave")))
        .correlate(m.StudyGroup)
        .scalar_subquery()
    )
    rows = conn.execute(
        select(m.StudyGroup.id, m.StudyGroup.name, m.StudyGroup.course, m.StudyGroup.base_grade, studying).where(
            m.StudyGroup.is_archived.is_(False)
        )
    ).all()
    chosen = set(graduating_ids) if graduating_ids is not None else None
    for gid, name, course, base, count in sorted(rows, key=lambda r: (r[2], russian_sort_key(r[1]))):
        graduates = gid in chosen if chosen is not None else course >= default_final_course(base)
        plan.groups.append(GroupChange(gid, name, course, count, graduates))
        if not graduates and course >= 4:
            plan.problems.append(f"группа {name} на {course} курсе: старше курса нет, отметьте её как выпускную")
    skip = {g.group_id for g in plan.graduating}
    if skip:
        leave = conn.execute(
            select(m.StudyGroup.name, m.Person.last_name, m.Person.first_name, m.Person.middle_name)
            .join(m.Student, m.Student.group_id == m.StudyGroup.id)
            .join(m.Person, m.Person.id == m.Student.person_id)
            .where(m.Student.group_id.in_(sorted(skip)), m.Student.status == "academic_leave")
        ).all()
        plan.on_leave = sorted(
            ((group, full_name(last, first, middle)) for group, last, first, middle in leave),
            key=lambda x: (russian_sort_key(x[0]), russian_sort_key(x[1])),
        )
    for number in (1, 2):
        source = periods.get((_previous_year(year), number))
        if source is None:
            continue
        query = select(func.count(m.TeachingAssignment.id)).where(m.TeachingAssignment.period_id == source)
        if skip:
            query = query.where(m.TeachingAssignment.group_id.not_in(sorted(skip)))
        plan.load_to_copy[number] = int(conn.execute(query).scalar() or 0)
    sources = {n: periods[(_previous_year(year), n)] for n in (1, 2) if (_previous_year(year), n) in periods}
    return plan, sources


def plan_new_year(
    session: UserSession, academic_year: str, graduating_group_ids: Iterable[int] | None = None
) -> YearPlan:
    """The dry run: what would change; nothing is written."""
    for action in ACTIONS:
        require_action(session, action)
    parse_academic_year(academic_year)
    with connection(session) as conn:
        return _plan(conn, academic_year.strip(), graduating_group_ids)[0]


def apply_new_year(
    session: UserSession,
    academic_year: str,
    graduation_order: Order | None,
    graduating_group_ids: Iterable[int] | None = None,
) -> YearPlan:
    """Do what the plan says, in one transaction; refuses (writing nothing) while the plan has problems."""
    for action in ACTIONS:
        require_action(session, action)
    year = academic_year.strip()
    parse_academic_year(year)
    with connection(session) as conn:
        plan, sources = _plan(conn, year, graduating_group_ids)
        if plan.problems:
            raise ValidationError("Новый учебный год не начат:\n" + "\n".join(plan.problems))
        graduating = [g.group_id for g in plan.graduating]
        for number in (1, 2):
            if any(n == number for n, _a, _b in plan.new_periods):
                start, end = semester_bounds(year, number)
                conn.execute(insert(m.Period).values(academic_year=year, number=number, starts_on=start, ends_on=end))
        if graduating:
            students = list(
                conn.execute(
                    select(m.Student.id).where(m.Student.group_id.in_(graduating), m.Student.status == "studying")
                ).scalars()
            )
            if students:
                if graduation_order is None:
                    raise ValidationError("Для выпуска нужен приказ: номер, дата и дата вступления в силу")
                apply_movement(conn, session, "graduate", students, graduation_order.checked(), None)
            conn.execute(update(m.StudyGroup).where(m.StudyGroup.id.in_(graduating)).values(is_archived=True))
        moving = [g.group_id for g in plan.moving_up]
        if moving:
            conn.execute(update(m.StudyGroup).where(m.StudyGroup.id.in_(moving)).values(course=m.StudyGroup.course + 1))
        new_periods = dict(
            conn.execute(select(m.Period.number, m.Period.id).where(m.Period.academic_year == year)).all()
        )
        for number, source in sources.items():
            copy_load_in(conn, source, new_periods[number], as_draft=True, skip_group_ids=set(graduating))
    return plan
