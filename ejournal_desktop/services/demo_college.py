"""The demo college «Заречный аграрный техникум»: a realistic, reproducible journal to try ЭЖ on.

`fill_demo` writes a whole college into an empty, migrated database in one transaction: specialties,
groups, staff, students with their parents, the study plan and teaching load, the КТП, the weekly
timetable, and every lesson, mark and absence of the previous academic year (closed, with final
marks) and of the current semester up to `today`.

Reproducible: everything comes from `random.Random(seed)` and `today`, every id is assigned here,
nothing iterates a set or a str-keyed hash in an order that could change between runs. The same
seed and `today` give the same rows on SQLite and on PostgreSQL.

Fast: rows are tuples streamed through `store.bulk.bulk_insert` (COPY on PostgreSQL), the per-lesson
loop is flat, and the one expensive thing — the scrypt hash of the demo password — is done once.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Connection, Engine, select, text

from ejournal_desktop.domain.calendar import (
    PAIR_TIMES,
    academic_year_of,
    format_date,
    is_school_day,
    parse_academic_year,
    semester_bounds,
    semester_of,
)
from ejournal_desktop.domain.errors import ValidationError
from ejournal_desktop.domain.names import russian_sort_key, search_key, translit
from ejournal_desktop.resources_path import resource
from ejournal_desktop.services.demo_communication import write_communication
from ejournal_desktop.services.passwords import hash_password
from ejournal_desktop.store import models as m
from ejournal_desktop.store.bulk import bulk_insert, reset_sequences
from ejournal_desktop.store.migrate import schema_state

DEMO_PASSWORD = "demo2026"
SIZES = ("small", "large")

# The fixed demo logins (README): role or kind of person → login.
DEMO_LOGINS = {
    "admin": "admin",
    "deputy": "zamdir",
    "secretary": "sekretar",
    "teacher": "prepod",
    "curator": "kurator",
    "student": "student",
    "parent": "roditel",
}

COLLEGE_NAME = "ГБПОУ «Заречный аграрный техникум»"
NOT_EMPTY = "База данных уже содержит данные: демо-техникум заполняется только в пустую базу"

ProgressCallback = Callable[[str, float], None]

_WEEKLY_LOAD = 16  # pairs a week per teacher when staffing a subject: 32 hours, a heavy but usual load
_TEACHER_CAP = 20  # above this a teacher is only chosen when nobody else in the subject is free
_PAIRS = (1, 2, 3, 4)
_EXTRA_PAIRS = (5, 6)  # evening pairs, used only when the day pairs of a group and teacher never meet
_FLUSH_ROWS = 150_000  # marks + absences buffered before they go to the database

# Share of present students who get a mark, by lesson kind: practical lessons assess everyone.
_MARK_DENSITY = {
    "theory": 0.6,
    "practice": 0.95,
    "lab": 0.95,
    "seminar": 0.8,
    "test": 1.0,
    "excursion": 0.3,
    "consultation": 0.0,
    "exam": 0.0,
}
_SECOND_MARK = {"practice": 0.06, "lab": 0.06, "test": 0.05}  # a cell with two marks («4/5»)
_LATE_SHARE = 0.005
_PARTIAL_ABSENCE = 0.1  # of absences, the student missed one hour of the pair (came late, left early)
_NOT_ATTESTED_ABSENCE = 0.4  # missed this share of an assignment's lessons → «н/а»

# Cumulative chances of «5», «4», «3» (the rest is «2») per kind of student.
_LEVELS = (
    ("excellent", 0.06, (0.70, 0.97, 1.0)),
    ("good", 0.34, (0.25, 0.80, 0.985)),
    ("average", 0.45, (0.08, 0.42, 0.93)),
    ("weak", 0.15, (0.02, 0.20, 0.74)),
)
_AT_RISK_LEVEL = (0.0, 0.08, 0.55)

_SIZE_PARAMS = {
    # students per group (before attrition by course), sibling pairs, at-risk students, late enrolments
    "small": {"group_size": (24, 28), "siblings": 3, "at_risk": 2, "late": 1, "split_every": 0},
    "large": {"group_size": (25, 31), "siblings": 30, "at_risk": 15, "late": 3, "split_every": 4},
}


@dataclass(frozen=True)
class DemoSummary:
    """What `fill_demo` wrote: rows per table, the demo logins by role, and how long it took."""

    rows: dict[str, int]
    logins: dict[str, str]
    seconds: float

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def fill_demo(
    engine: Engine,
    *,
    size: str = "small",
    seed: int = 1,
    today: dt.date | None = None,
    password: str = DEMO_PASSWORD,
    progress: ProgressCallback | None = None,
) -> DemoSummary:
    """Fill an empty, migrated database with the demo college; raises ValidationError otherwise."""
    if size not in SIZES:
        raise ValidationError(f"Неизвестный размер демо-техникума «{size}»: допустимы small и large", field="size")
    started = time.perf_counter()
    report = progress or (lambda _stage, _fraction: None)
    report("Проверка базы данных", 0.0)
    state = schema_state(engine)
    if not state.is_up_to_date:
        raise ValidationError("Схема базы данных не создана или устарела: сначала выполните «ejournal db upgrade»")
    builder = _College(size=size, seed=seed, today=today or dt.date.today(), password=password, report=report)
    with engine.begin() as connection:
        if connection.execute(select(m.Person.id).limit(1)).first() is not None:
            raise ValidationError(NOT_EMPTY)
        if connection.dialect.name == "postgresql":
            # On a server set up by `ejournal server init` the audit and NOTIFY triggers skip a bulk
            # load by a superuser (ej_bulk_mode); elsewhere the setting is an unused custom variable.
            connection.execute(text("SET LOCAL ej.bulk = 'on'"))
        rows = builder.write(connection)
    report("Готово", 1.0)
    return DemoSummary(rows=rows, logins=dict(DEMO_LOGINS), seconds=time.perf_counter() - started)


# --------------------------------------------------------------------------------------------
# Reference data


@cache
def _names() -> dict[str, Any]:
    return json.loads(resource("demo", "names.json").read_text(encoding="utf-8"))


@cache
def _curriculum() -> dict[str, Any]:
    return json.loads(resource("demo", "curriculum.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------------
# The model of the college in memory


@dataclass(slots=True)
class _Specialty:
    id: int
    code: str
    name: str
    qualification: str
    abbr: str
    family: str
    courses: int
    male_share: float
    op: list[tuple[str, str, list[str]]]
    mdk: list[tuple[str, str, list[str]]]


@dataclass(slots=True)
class _Group:
    id: int
    name: str
    spec: _Specialty
    course: int
    admission_year: int
    base_grade: int
    split: bool = False
    curator_id: int | None = None
    students: list[_Student] = field(default_factory=list)

    def stage_in(self, year_start: int) -> int:
        """The plan stage the group studies in the academic year starting `year_start` (0 = not yet)."""
        course = year_start - self.admission_year + 1
        if course < 1:
            return 0
        return course + (1 if self.base_grade == 11 else 0)


@dataclass(slots=True)
class _Person:
    id: int
    last: str
    first: str
    middle: str | None
    male: bool
    birth: dt.date | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    position: str | None = None
    role: str = "student"
    login: str = ""
    created_at: dt.datetime | None = None


@dataclass(slots=True)
class _Family:
    surname: tuple[str, str]  # masculine, feminine
    father: tuple[str, str, str]  # name, patronymic forms
    kind: str  # both, mother, father, guardian
    address: str
    children: list[_Student] = field(default_factory=list)
    guardians: list[tuple[_Person, str]] = field(default_factory=list)


@dataclass(slots=True)
class _Student:
    id: int
    person: _Person
    group: _Group  # the current group
    family: _Family
    record_book: str = ""
    status: str = "studying"
    subgroup: int | None = None
    thresholds: tuple[float, float, float] = (0.08, 0.42, 0.93)
    absence: float = 0.05
    at_risk: bool = False
    enrolled_on: dt.date | None = None
    # (group, first day, first day no longer in it or None): what student_movement says.
    stays: list[list[Any]] = field(default_factory=list)


@dataclass(slots=True)
class _Teacher:
    person: _Person
    area: str
    room: str
    index: int


@dataclass(slots=True)
class _Period:
    id: int
    year: str
    number: int
    starts: dt.date
    ends: dt.date
    closed: bool
    lessons_until: dt.date | None  # last day with lessons, None = none yet

    @property
    def year_start(self) -> int:
        return parse_academic_year(self.year)


@dataclass(slots=True)
class _Assignment:
    id: int
    group: _Group
    period: _Period
    discipline_id: int
    area: str
    kind_group: str  # general, pe, op, mdk, practice
    themes: list[str]
    pairs: int
    control_form: str
    subgroup: int | None = None
    teacher: _Teacher | None = None
    slots: list[tuple[int, int]] = field(default_factory=list)
    planned_lessons: int = 0
    # The КТП: (plan_topic id, title, lesson kind, homework) per lesson in order.
    topics: list[tuple[int, str, str, str | None]] = field(default_factory=list)


@dataclass(slots=True)
class _Excuse:
    id: int
    student: _Student
    start: dt.date
    end: dt.date
    reason: str
    document: str
    created_by: int
    created_at: dt.datetime


# --------------------------------------------------------------------------------------------


class _College:
    def __init__(self, *, size: str, seed: int, today: dt.date, password: str, report: ProgressCallback) -> None:
        self.size = size
        self.params = _SIZE_PARAMS[size]
        self.rng = random.Random(seed)
        self.today = today
        self.password = password
        self.report = report
        self.counts: dict[str, int] = {}
        self.persons: list[_Person] = []
        self.specialties: list[_Specialty] = []
        self.groups: list[_Group] = []
        self.students: list[_Student] = []
        self.families: list[_Family] = []
        self.teachers: list[_Teacher] = []
        self.teachers_by_area: dict[str, list[_Teacher]] = {}
        self.periods: list[_Period] = []
        self.assignments: list[_Assignment] = []
        self.disciplines: dict[tuple[str, str], int] = {}
        self.movements: list[tuple[Any, ...]] = []
        self.excuses: list[_Excuse] = []
        self.special: dict[str, _Person] = {}
        self.account_roles: list[tuple[int, str]] = []

    # ---------------------------------------------------------------- the plan of the run

    def write(self, conn: Connection) -> dict[str, int]:
        self.report("Учебный план и нагрузка", 0.02)
        self._make_periods()
        self._make_specialties_and_groups()
        self._make_plan()
        self._make_staff()
        self.report("Обучающиеся и родители", 0.05)
        self._make_students()
        self._make_timetables()
        self._choose_special_staff()
        self._make_movements()
        self._make_logins()
        self._make_excuses()
        self.report("Справочники, контингент, нагрузка и КТП", 0.08)
        self._write_reference(conn)
        self._write_journal(conn)
        # Issue 8: the board, conversations and portfolios (services/demo_communication.py).
        self.report("Объявления, сообщения и портфолио", 0.98)
        write_communication(self, conn)
        self.report("Завершение", 0.99)
        self._insert(conn, m.AppSetting, ("key", "value"), self._settings())
        tables = [table for table in m.Base.metadata.sorted_tables if table.name in self.counts]
        reset_sequences(conn, tables)
        return {
            table.name: self.counts[table.name] for table in m.Base.metadata.sorted_tables if table.name in self.counts
        }

    def _insert(self, conn: Connection, model: Any, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        table = model.__table__
        self.counts[table.name] = self.counts.get(table.name, 0) + bulk_insert(conn, table, columns, rows)

    # ---------------------------------------------------------------- calendar

    def _make_periods(self) -> None:
        today = self.today
        current_year = academic_year_of(today)
        number = semester_of(today)
        if number is None:
            # July and August lead to the autumn semester, 1–11 January to the spring one.
            number = 1 if today.month >= 7 else 2
        start = parse_academic_year(current_year)
        keys = [(start - 1, 1), (start - 1, 2)]
        if number == 2:
            keys.append((start, 1))
        keys.append((start, number))
        for index, (year_start, sem) in enumerate(keys, start=1):
            year = f"{year_start}/{year_start + 1}"
            starts, ends = semester_bounds(year, sem)
            closed = index < len(keys)
            if closed:
                until: dt.date | None = ends
            else:
                until = min(today, ends) if today >= starts else None
            self.periods.append(_Period(index, year, sem, starts, ends, closed, until))
        self.current = self.periods[-1]
        self.year_start = self.current.year_start
        # The last 1 September on or before today: when a student could have joined an older group.
        self.last_september = dt.date(
            self.year_start if today >= dt.date(self.year_start, 9, 1) else self.year_start - 1, 9, 1
        )

    # ---------------------------------------------------------------- specialties, groups, plan

    def _make_specialties_and_groups(self) -> None:
        data = _curriculum()
        wanted = data["groups"][self.size]
        used_abbr = [abbr for abbr, _course, _base in wanted]
        by_abbr: dict[str, _Specialty] = {}
        for spec in data["specialties"]:
            if spec["abbr"] not in used_abbr:
                continue
            item = _Specialty(
                id=len(self.specialties) + 1,
                code=spec["code"],
                name=spec["name"],
                qualification=spec["qualification"],
                abbr=spec["abbr"],
                family=spec["family"],
                courses=spec["courses"],
                male_share=spec["male_share"],
                op=[(c, n, t) for c, n, t in spec["op"]],
                mdk=[(c, n, t) for c, n, t in spec["mdk"]],
            )
            self.specialties.append(item)
            by_abbr[item.abbr] = item
        seen: dict[str, int] = {}
        for abbr, course, base in wanted:
            spec = by_abbr[abbr]
            if not 1 <= course <= spec.courses - (1 if base == 11 else 0):
                raise ValueError(f"demo data: no course {course} (base {base}) in specialty {spec.code}")
            admission = self.year_start - course + 1
            stem = f"{admission % 100:02d}-{abbr}"
            seen[stem] = seen.get(stem, 0) + 1
            name = stem if seen[stem] == 1 else f"{stem}-{seen[stem]}"
            self.groups.append(_Group(len(self.groups) + 1, name, spec, course, admission, base))

    def _discipline(self, code: str, name: str) -> int:
        key = (code, name)
        if key not in self.disciplines:
            self.disciplines[key] = len(self.disciplines) + 1
        return self.disciplines[key]

    def _resolve(self, spec: _Specialty, ref: str) -> tuple[str, str, str, str, list[str]]:
        """(code, name, area, kind group, themes) of a plan row's discipline for a specialty."""
        data = _curriculum()
        generic = data["generic_themes"]
        if ref.startswith(("ОП:", "МДК:")):
            prefix, index = ref.split(":")
            code, name, themes = (spec.op if prefix == "ОП" else spec.mdk)[int(index)]
            return code, name, f"prof:{spec.abbr}", "op" if prefix == "ОП" else "mdk", themes or generic
        if ref in data["practice"]:
            practice = data["practice"][ref]
            themes = [t for i in practice["modules"] for t in spec.mdk[i][2]]
            if not themes:
                themes = [spec.mdk[i][1] for i in practice["modules"]]
            return ref, practice["name"], f"practice:{spec.family}", "practice", themes
        common = data["common"][ref]
        kind_group = "pe" if common["area"] == "pe" else "general"
        return ref, common["name"], common["area"], kind_group, common["themes"]

    def _make_plan(self) -> None:
        stages = _curriculum()["stages"]
        every = self.params["split_every"]
        for index, group in enumerate(self.groups):
            # Foreign language in halves: the first group with history in small, every n-th in large.
            group.split = (index % every == 2) if every else False
        if not any(g.split for g in self.groups):
            older = [g for g in self.groups if g.course >= 2]
            (older[0] if older else self.groups[0]).split = True
        for period in self.periods:
            for group in self.groups:
                stage = group.stage_in(period.year_start)
                if stage < 1:
                    continue
                for ref, pairs, forms in stages[str(stage)]:
                    weekly = pairs[period.number - 1]
                    if not weekly:
                        continue
                    code, name, area, kind_group, themes = self._resolve(group.spec, ref)
                    discipline_id = self._discipline(code, name)
                    halves: tuple[int | None, ...] = (1, 2) if group.split and area == "foreign" else (None,)
                    for subgroup in halves:
                        self.assignments.append(
                            _Assignment(
                                id=len(self.assignments) + 1,
                                group=group,
                                period=period,
                                discipline_id=discipline_id,
                                area=area,
                                kind_group=kind_group,
                                themes=list(themes),
                                pairs=weekly,
                                control_form=forms[period.number - 1],
                                subgroup=subgroup,
                            )
                        )

    # ---------------------------------------------------------------- people

    def _new_person(self, last: str, first: str, middle: str | None, male: bool, **extra: Any) -> _Person:
        person = _Person(len(self.persons) + 1, last, first, middle, male, **extra)
        self.persons.append(person)
        return person

    def _phone(self) -> str:
        r = self.rng.randrange
        return f"+7 9{r(10)}{r(10)} {r(1000):03d}-{r(100):02d}-{r(100):02d}"

    def _birth(self, year_from: int, year_to: int) -> dt.date:
        first = dt.date(year_from, 1, 1)
        return first + dt.timedelta(days=self.rng.randrange((dt.date(year_to, 12, 31) - first).days + 1))

    def _adult_name(self, male: bool) -> tuple[str, str, str]:
        names = _names()
        surname = self.rng.choice(names["surnames"])
        father = self.rng.choice(names["male_adult"])
        if male:
            return surname[0], self.rng.choice(names["male_adult"])[0], father[1]
        return surname[1], self.rng.choice(names["female_adult"]), father[2]

    def _make_staff(self) -> None:
        rng = self.rng
        staff_created = dt.datetime.combine(self.periods[0].starts - dt.timedelta(days=10), dt.time(9, 0))
        y = self.today.year

        def staff(role: str, position: str, male: bool, age: tuple[int, int]) -> _Person:
            last, first, middle = self._adult_name(male)
            return self._new_person(
                last,
                first,
                middle,
                male,
                birth=self._birth(y - age[1], y - age[0]),
                phone=self._phone(),
                position=position,
                role=role,
                created_at=staff_created,
            )

        self.director = staff("deputy", "директор", True, (48, 62))
        self.special["deputy"] = staff(
            "deputy", "заместитель директора по учебно-производственной работе", False, (40, 58)
        )
        self.special["secretary"] = staff("secretary", "секретарь учебной части", False, (25, 55))
        self.special["admin"] = staff("admin", "инженер-программист", True, (24, 45))

        # Staff by demand: each subject gets as many teachers as its weekly pairs need.
        demand: dict[str, dict[int, int]] = {}
        for a in self.assignments:
            per_period = demand.setdefault(a.area, {})
            per_period[a.period.id] = per_period.get(a.period.id, 0) + a.pairs
        classrooms = 0
        practice_rooms = {
            "mech": "Мастерская № {}",
            "agro": "Учебное хозяйство, участок {}",
            "vet": "Ветеринарная лаборатория {}",
            "econ": "Учебная бухгалтерия {}",
            "food": "Учебный кулинарный цех {}",
        }
        for area, per_period in demand.items():
            count = max(-(-load // _WEEKLY_LOAD) for load in per_period.values())
            if area == "foreign":
                count = max(count, 2)  # a group in halves needs two teachers at the same pair
            team: list[_Teacher] = []
            for k in range(count):
                if area.startswith("practice:"):
                    family = area.split(":")[1]
                    male = rng.random() < (0.85 if family == "mech" else 0.4)
                    person = staff("teacher", "мастер производственного обучения", male, (28, 62))
                    room = practice_rooms[family].format(k + 1)
                elif area == "pe":
                    position = "руководитель физического воспитания" if k == 0 else "преподаватель"
                    person = staff("teacher", position, rng.random() < 0.6, (25, 60))
                    room = "Спортивный зал"
                else:
                    male_share = 0.7 if area in ("prof:ТЭ", "prof:ТО", "prof:ЭС", "safety") else 0.25
                    position = "преподаватель-организатор ОБЗР" if area == "safety" and k == 0 else "преподаватель"
                    person = staff("teacher", position, rng.random() < male_share, (24, 66))
                    classrooms += 1
                    room = f"{1 + (classrooms - 1) // 30}{(classrooms - 1) % 30 + 1:02d}"  # 101 … 130, 201 …
                team.append(_Teacher(person, area, room, len(self.teachers) + len(team)))
            self.teachers.extend(team)
            self.teachers_by_area[area] = team

    def _make_students(self) -> None:
        rng = self.rng
        names = _names()
        low, high = self.params["group_size"]
        # Slots first (group, sex), then families, so that siblings can be placed across groups.
        slots: list[tuple[_Group, bool, bool]] = []  # group, male, joined later
        late_left = self.params["late"]
        for group in self.groups:
            count = rng.randint(low, high) - (group.course - 1)
            for _ in range(count):
                slots.append((group, rng.random() < group.spec.male_share, False))
        older = [g for g in self.groups if g.admission_year < self.last_september.year]
        for k in range(min(late_left, len(older))):
            group = older[(k * 7) % len(older)]
            slots.append((group, rng.random() < group.spec.male_share, True))

        families: list[_Family] = []
        slot_family: list[int] = []
        for _slot in slots:
            kind = rng.choices(("both", "mother", "father", "guardian"), (0.55, 0.35, 0.04, 0.06))[0]
            settlement = rng.choice(names["settlements"])
            address = f"{settlement}, {rng.choice(names['streets'])}, д. {rng.randint(1, 60)}"
            if settlement.startswith("г."):
                address += f", кв. {rng.randint(1, 120)}"
            families.append(
                _Family(
                    surname=tuple(rng.choice(names["surnames"])),  # type: ignore[arg-type]
                    father=tuple(rng.choice(names["male_adult"])),  # type: ignore[arg-type]
                    kind=kind,
                    address=address,
                )
            )
            slot_family.append(len(families) - 1)
        # Siblings: the second child of a pair joins the first one's family (another group).
        sibling_pairs: list[tuple[int, int]] = []
        taken: set[int] = set()
        attempts = 0
        while len(sibling_pairs) < self.params["siblings"] and attempts < 10_000:
            attempts += 1
            i, j = rng.randrange(len(slots)), rng.randrange(len(slots))
            if i == j or i in taken or j in taken or slots[i][0] is slots[j][0] or slots[i][2] or slots[j][2]:
                continue
            taken.update((i, j))
            sibling_pairs.append((i, j))
            families[slot_family[i]].kind = "both"  # the demo parent of two must be a mother with a father
            slot_family[j] = slot_family[i]
        self.sibling_slots = taken

        # Names, group by group in alphabetical order, the way a list of a group is kept.
        created_by_group: dict[int, list[tuple[_Person, int, bool, int]]] = {}
        twins_birth: dict[tuple[int, int], dt.date] = {}
        family_names: dict[int, list[str]] = {}
        for index, (group, male, late) in enumerate(slots):
            family = families[slot_family[index]]
            used = family_names.setdefault(slot_family[index], [])
            first = rng.choice(names["male_young" if male else "female_young"])
            while first in used:  # brothers and sisters are never namesakes
                first = rng.choice(names["male_young" if male else "female_young"])
            used.append(first)
            last = family.surname[0 if male else 1]
            middle = family.father[1 if male else 2]
            key = (slot_family[index], group.admission_year)
            if key in twins_birth:
                birth = twins_birth[key]
            else:
                age = 15 + (2 if group.base_grade == 11 else 0) + (1 if rng.random() < 0.12 else 0)
                september = dt.date(group.admission_year - age, 9, 1)
                birth = september - dt.timedelta(days=1 + rng.randrange(365))
                twins_birth[key] = birth
            person = _Person(0, last, first, middle, male, birth=birth, phone=self._phone(), address=family.address)
            created_by_group.setdefault(group.id, []).append((person, slot_family[index], late, index))

        book_numbers: dict[int, int] = {}
        student_of_slot: dict[int, _Student] = {}
        for group in self.groups:
            members = created_by_group.get(group.id, [])
            # Latecomers stay at the end of the list: they came with a later order.
            members.sort(
                key=lambda item: (item[2], russian_sort_key(f"{item[0].last} {item[0].first} {item[0].middle}"))
            )
            for person, family_index, late, slot_index in members:
                person.id = len(self.persons) + 1
                self.persons.append(person)
                enrolled = self.last_september if late else dt.date(group.admission_year, 9, 1)
                year = enrolled.year
                book_numbers[year] = book_numbers.get(year, 0) + 1
                student = _Student(
                    id=len(self.students) + 1,
                    person=person,
                    group=group,
                    family=families[family_index],
                    record_book=f"{year % 100:02d}-{book_numbers[year]:04d}",
                    enrolled_on=enrolled,
                )
                student.stays.append([group, enrolled, None])
                families[family_index].children.append(student)
                self.students.append(student)
                group.students.append(student)
                student_of_slot[slot_index] = student
            if group.split:
                half = (len(group.students) + 1) // 2
                for position, student in enumerate(group.students):
                    student.subgroup = 1 if position < half else 2
        self.sibling_students = [(student_of_slot[i], student_of_slot[j]) for i, j in sibling_pairs]

        # Ability and attendance habits.
        weights = [w for _n, w, _t in _LEVELS]
        for student in self.students:
            level = rng.choices(_LEVELS, weights)[0]
            student.thresholds = level[2]
            student.absence = 0.02 + rng.random() * 0.06 if rng.random() < 0.88 else 0.1 + rng.random() * 0.1
        plain = [s for s in self.students if not self._is_sibling(s)]
        for student in rng.sample(plain, min(self.params["at_risk"], len(plain))):
            student.at_risk = True
            student.thresholds = _AT_RISK_LEVEL
            student.absence = 0.38 + rng.random() * 0.08

        # Parents: after all students, family by family in the order of their first child.
        seen: set[int] = set()
        for student in self.students:
            family = student.family
            if id(family) in seen:
                continue
            seen.add(id(family))
            self._make_guardians(family)

    def _is_sibling(self, student: _Student) -> bool:
        return len(student.family.children) > 1

    def _make_guardians(self, family: _Family) -> None:
        rng = self.rng
        names = _names()
        eldest = min(c.person.birth for c in family.children if c.person.birth)
        created = min(c.enrolled_on for c in family.children if c.enrolled_on)
        created_at = dt.datetime.combine(created - dt.timedelta(days=5), dt.time(14, 0))

        def parent(last: str, first: str, middle: str, male: bool, years: tuple[int, int], relation: str) -> None:
            birth = self._birth(eldest.year - years[1], eldest.year - years[0])
            person = self._new_person(
                last,
                first,
                middle,
                male,
                birth=birth,
                phone=self._phone(),
                address=family.address,
                role="parent",
                created_at=created_at,
            )
            family.guardians.append((person, relation))

        grandfather = rng.choice(names["male_adult"])
        if family.kind in ("both", "mother"):
            surname = family.surname[1] if rng.random() < 0.9 else rng.choice(names["surnames"])[1]
            parent(surname, rng.choice(names["female_adult"]), grandfather[2], False, (20, 36), "мать")
        if family.kind in ("both", "father"):
            other = rng.choice(names["male_adult"])
            parent(family.surname[0], family.father[0], other[1], True, (22, 40), "отец")
        if family.kind == "guardian":
            surname = family.surname[1] if rng.random() < 0.6 else rng.choice(names["surnames"])[1]
            parent(surname, rng.choice(names["female_adult"]), grandfather[2], False, (42, 56), "опекун")

    # ---------------------------------------------------------------- timetable and КТП

    def _make_timetables(self) -> None:
        continuity: dict[tuple[int, str, int], _Teacher] = {}
        for period in self.periods:
            items = [a for a in self.assignments if a.period is period]
            # Units: one whole-group assignment, or the two halves that share the group's pairs.
            units: list[list[_Assignment]] = []
            halves: dict[tuple[int, int], list[_Assignment]] = {}
            for a in items:
                if a.subgroup is None:
                    units.append([a])
                else:
                    key = (a.group.id, a.discipline_id)
                    if key not in halves:
                        halves[key] = []
                        units.append(halves[key])
                    halves[key].append(a)
            units.sort(key=lambda unit: -unit[0].pairs)  # stable: ties keep the plan order
            load: dict[int, int] = {}
            teacher_busy: dict[int, set[tuple[int, int]]] = {}
            group_busy: dict[int, set[tuple[int, int]]] = {}
            group_day: dict[int, list[int]] = {}
            for unit in units:
                group = unit[0].group
                chosen: list[_Teacher] = []
                for a in unit:
                    team = self.teachers_by_area[a.area]
                    key = (group.id, a.area, a.subgroup or 0)
                    previous = continuity.get(key)
                    if (
                        previous is not None
                        and previous not in chosen
                        and load.get(previous.index, 0) + a.pairs <= _TEACHER_CAP
                    ):
                        teacher = previous
                    else:
                        teacher = min(
                            (t for t in team if t not in chosen),
                            key=lambda t, n=a.pairs: (
                                load.get(t.index, 0) + n > _TEACHER_CAP,
                                load.get(t.index, 0),
                                t.index,
                            ),
                        )
                    chosen.append(teacher)
                slots = self._place(unit[0].pairs, group, chosen, teacher_busy, group_busy, group_day)
                if slots is None:
                    # The usual teacher has no pair free when the group has: try the colleagues.
                    for a_index, a in enumerate(unit):
                        for other in sorted(
                            self.teachers_by_area[a.area], key=lambda t: (load.get(t.index, 0), t.index)
                        ):
                            if other in chosen:
                                continue
                            trial = [*chosen[:a_index], other, *chosen[a_index + 1 :]]
                            slots = self._place(unit[0].pairs, group, trial, teacher_busy, group_busy, group_day)
                            if slots is not None:
                                chosen = trial
                                break
                        if slots is not None:
                            break
                if slots is None:
                    slots = self._place(unit[0].pairs, group, chosen, teacher_busy, group_busy, group_day, extra=True)
                assert slots is not None, "no free pair for a group even in the evening"
                for a, teacher in zip(unit, chosen, strict=True):
                    a.teacher = teacher
                    a.slots = slots
                    continuity[(group.id, a.area, a.subgroup or 0)] = teacher
                    load[teacher.index] = load.get(teacher.index, 0) + a.pairs
                    teacher_busy.setdefault(teacher.index, set()).update(slots)
                group_busy.setdefault(group.id, set()).update(slots)
                days = group_day.setdefault(group.id, [0] * 6)
                for weekday, _pair in slots:
                    days[weekday] += 1
            # Planned lessons over the whole semester: the timetable on every study day.
            weekday_days = [0] * 7
            day = period.starts
            while day <= period.ends:
                if is_school_day(day):
                    weekday_days[day.weekday()] += 1
                day += dt.timedelta(days=1)
            for a in items:
                a.planned_lessons = sum(weekday_days[w] for w, _p in a.slots)

    def _place(
        self,
        pairs: int,
        group: _Group,
        teachers: list[_Teacher],
        teacher_busy: dict[int, set[tuple[int, int]]],
        group_busy: dict[int, set[tuple[int, int]]],
        group_day: dict[int, list[int]],
        *,
        extra: bool = False,
    ) -> list[tuple[int, int]] | None:
        busy = set(group_busy.get(group.id, ()))
        for t in teachers:
            busy |= teacher_busy.get(t.index, set())
        numbers = _PAIRS + _EXTRA_PAIRS if extra else _PAIRS
        free = [(w, p) for w in range(6) for p in numbers if (w, p) not in busy]
        if len(free) < pairs:
            return None
        days = group_day.get(group.id, [0] * 6)
        noise = {slot: self.rng.random() for slot in free}
        chosen: list[tuple[int, int]] = []
        used_days: list[int] = []
        for _ in range(pairs):
            # Day pairs first, a discipline on different days, the group's days evenly filled.
            best = min(
                (s for s in free if s not in chosen),
                key=lambda s: (s[1] > 4, s[1] > 3, s[0] in used_days, s[1], days[s[0]], noise[s]),
            )
            chosen.append(best)
            used_days.append(best[0])
        return sorted(chosen)

    def _build_ktp(self, a: _Assignment, next_id: int) -> int:
        """The КТП of an assignment: one line per planned lesson; returns the next free id."""
        rng = self.rng
        n = a.planned_lessons
        finals = {
            "exam": ("Консультация перед экзаменом", "consultation", "Подготовиться к экзамену"),
            "diff_credit": ("Дифференцированный зачёт", "test", None),
            "credit": ("Зачёт", "test", None),
            "other": ("Итоговое занятие. Обобщение и систематизация знаний", "seminar", "Повторить материал семестра"),
        }
        body = n - 1 if n >= 2 else n
        themes = a.themes[: max(1, min(len(a.themes), body // 2))]
        per_theme = [body // len(themes) + (1 if i < body % len(themes) else 0) for i in range(len(themes))]
        patterns = {
            "general": ("theory", "practice"),
            "pe": ("practice",),
            "op": ("theory", "lab", "theory", "practice"),
            "mdk": ("theory", "practice", "practice", "lab"),
            "practice": ("practice",),
        }
        pattern = patterns[a.kind_group]
        topics: list[tuple[int, str | None, str, str, str | None]] = []
        counters = {"practice": 0, "lab": 0, "test": 0}
        pe_steps = ("обучение технике", "совершенствование техники", "развитие физических качеств", "учебная игра")
        theory_homework = (
            "Конспект, ответить на вопросы",
            "Учебник, § {}",
            "Выучить основные понятия",
            "Подготовить сообщение по теме",
            "Решить задания по карточке",
        )
        for s, (theme, count) in enumerate(zip(themes, per_theme, strict=True), start=1):
            section = f"Раздел {s}. {theme}"
            for j in range(count):
                kind = pattern[j % len(pattern)]
                if a.kind_group in ("general", "op", "mdk", "pe") and count >= 3 and j == count - 1 and s % 2 == 0:
                    kind = "test"
                homework: str | None
                if a.kind_group == "practice":
                    if s == 1 and j == 0:
                        title = "Вводное занятие. Инструктаж по охране труда и технике безопасности"
                    else:
                        title = f"Выполнение работ по теме «{theme}»"
                    homework = "Заполнить дневник практики"
                elif kind == "test":
                    counters["test"] += 1
                    if a.kind_group == "pe":
                        title = f"Сдача контрольных нормативов: {theme}"
                    else:
                        title = f"Контрольная работа № {counters['test']} по разделу «{theme}»"
                    homework = None
                elif a.kind_group == "pe":
                    title = f"Тема {s}.{j + 1}. {theme}: {pe_steps[j % len(pe_steps)]}"
                    homework = None
                elif kind == "practice":
                    counters["practice"] += 1
                    title = f"Практическое занятие № {counters['practice']}. {theme}"
                    homework = f"Оформить отчёт по практическому занятию № {counters['practice']}"
                elif kind == "lab":
                    counters["lab"] += 1
                    title = f"Лабораторная работа № {counters['lab']}. {theme}"
                    homework = f"Оформить отчёт по лабораторной работе № {counters['lab']}"
                else:
                    title = f"Тема {s}.{j + 1}. {theme}" + (" (продолжение)" if j else "")
                    homework = rng.choice(theory_homework).format(2 * s + j)
                topics.append((len(topics) + 1, section, title, kind, homework))
        if n >= 2:
            title, kind, homework = finals[a.control_form]
            topics.append(
                (len(topics) + 1, f"Раздел {len(themes) + 1}. Промежуточная аттестация", title, kind, homework)
            )
        a.topics = []
        for position, section, title, kind, homework in topics:
            self._plan_rows.append((next_id, a.id, position, section, title, 2, kind, homework))
            a.topics.append((next_id, title, kind, homework))
            next_id += 1
        return next_id

    # ---------------------------------------------------------------- special people

    def _teaching(self, period: _Period) -> dict[int, dict[int, int]]:
        """teacher person id → group id → weekly pairs, in the given period."""
        result: dict[int, dict[int, int]] = {}
        for a in self.assignments:
            if a.period is period and a.teacher is not None:
                groups = result.setdefault(a.teacher.person.id, {})
                groups[a.group.id] = groups.get(a.group.id, 0) + a.pairs
        return result

    def _choose_special_staff(self) -> None:
        teaching = self._teaching(self.current)
        ordinary = [t for t in self.teachers if not t.area.startswith("practice:")]
        # prepod: a classroom teacher of most groups; never a curator, so the demo shows a plain teacher.
        classroom = [t for t in ordinary if t.area != "pe"]
        prepod = max(classroom, key=lambda t: (len(teaching.get(t.person.id, {})), -t.index))
        self.special["teacher"] = prepod.person
        # The demo student and parent: a family with two children in the college.
        first_child, second_child = self.sibling_students[0]
        elder = first_child if first_child.group.course >= second_child.group.course else second_child
        self.special["student"] = elder.person
        mother = next(p for p, relation in elder.family.guardians if relation == "мать")
        self.special["parent"] = mother
        self.demo_family = elder.family
        # Curators: a teacher of the group with most pairs in it, the demo student's group first.
        order = [elder.group] + [g for g in self.groups if g is not elder.group]
        busy = {prepod.person.id}
        for group in order:
            candidates = [
                (pairs, -t.index, t)
                for t in self.teachers
                if t.person.id not in busy and (pairs := teaching.get(t.person.id, {}).get(group.id, 0)) > 0
            ]
            if candidates:
                teacher = max(candidates, key=lambda c: (c[0], c[1]))[2]
            else:
                teacher = next(t for t in self.teachers if t.person.id not in busy)
            group.curator_id = teacher.person.id
            busy.add(teacher.person.id)
            if group is elder.group:
                self.special["curator"] = teacher.person
        # A teacher who is also a deputy (заведующий отделением): neither prepod nor kurator.
        kurator = self.special["curator"]
        head = next(t for t in ordinary if t.person is not prepod.person and t.person is not kurator)
        head.person.position = "преподаватель, заведующий отделением"
        self.account_roles.append((head.person.id, "deputy"))

    # ---------------------------------------------------------------- movements

    def _movement_days(self) -> list[dt.date]:
        """Study days in the middle of the current semester, or of the last closed one."""
        current = self.current
        for period in (current, self.periods[-2]):
            if period.lessons_until is None:
                continue
            days = [
                period.starts + dt.timedelta(days=k)
                for k in range((period.lessons_until - period.starts).days + 1)
                if is_school_day(period.starts + dt.timedelta(days=k))
            ]
            if len(days) >= 30:
                return days[len(days) // 3 : len(days) - 5]
        return []

    def _make_movements(self) -> None:
        rng = self.rng
        secretary = self.special["secretary"].id
        order_numbers: dict[int, int] = {}

        def order_no(year: int) -> str:
            order_numbers[year] = order_numbers.get(year, rng.randint(95, 140)) + rng.randint(1, 6)
            return f"{order_numbers[year]}-к"

        def created(on: dt.date) -> dt.datetime:
            return dt.datetime.combine(on, dt.time(11, 0))

        # Enrolment: one order per group and year (latecomers by a later order of their own).
        orders: dict[tuple[int, dt.date], tuple[str, dt.date]] = {}
        for student in self.students:
            assert student.enrolled_on is not None
            effective = student.enrolled_on
            key = (student.group.id, effective)
            if key not in orders:
                order_date = dt.date(effective.year, 8, rng.randint(24, 29))
                if order_date.weekday() == 6:
                    order_date -= dt.timedelta(days=1)
                order_date = min(order_date, self.today)
                orders[key] = (order_no(order_date.year), order_date)
            number, order_date = orders[key]
            note = (
                "В порядке перевода из другой образовательной организации"
                if effective.year != student.group.admission_year
                else None
            )
            self.movements.append(
                (
                    student,
                    "enrol",
                    None,
                    student.group.id,
                    number,
                    order_date,
                    effective,
                    note,
                    secretary,
                    created(order_date),
                )
            )

        days = self._movement_days()
        if not days:
            return
        picks = sorted(rng.sample(days, 3))
        eligible = [s for s in self.students if not self._is_sibling(s) and s.stays[0][1] < picks[0]]

        def order_for(effective: dt.date) -> tuple[str, dt.date]:
            order_date = effective - dt.timedelta(days=rng.randint(0, 3))
            if order_date.weekday() == 6:
                order_date -= dt.timedelta(days=1)  # the office does not sign orders on Sundays
            return order_no(order_date.year), order_date

        # A transfer between two groups of one course (neither taught in halves, both there already).
        by_course: dict[int, list[_Group]] = {}
        for group in self.groups:
            if not group.split and dt.date(group.admission_year, 9, 1) < picks[0]:
                by_course.setdefault(group.course, []).append(group)
        pairs = [(c, gs) for c, gs in sorted(by_course.items()) if len(gs) >= 2]
        mover = None
        if pairs:
            _course, gs = pairs[0]
            source, target = gs[0], gs[1]
            mover = next((s for s in eligible if s.group is source and not s.at_risk), None)
        if mover is not None:
            number, order_date = order_for(picks[0])
            self.movements.append(
                (
                    mover,
                    "transfer",
                    source.id,
                    target.id,
                    number,
                    order_date,
                    picks[0],
                    "По личному заявлению",
                    secretary,
                    created(order_date),
                )
            )
            mover.stays[-1][2] = picks[0]
            mover.stays.append([target, picks[0], None])
            source.students.remove(mover)
            target.students.append(mover)
            mover.group = target
            mover.subgroup = None
            eligible.remove(mover)
        # An expulsion: a student at risk, for academic debt.
        leaver = next((s for s in eligible if s.at_risk), eligible[0])
        number, order_date = order_for(picks[1])
        self.movements.append(
            (
                leaver,
                "expel",
                leaver.group.id,
                None,
                number,
                order_date,
                picks[1],
                "За невыполнение учебного плана",
                secretary,
                created(order_date),
            )
        )
        leaver.stays[-1][2] = picks[1]
        leaver.status = "expelled"
        eligible.remove(leaver)
        # An academic leave, on medical grounds.
        resting = next(s for s in eligible if not s.at_risk and s.group is not leaver.group)
        number, order_date = order_for(picks[2])
        self.movements.append(
            (
                resting,
                "academic_leave",
                resting.group.id,
                None,
                number,
                order_date,
                picks[2],
                "По медицинским показаниям",
                secretary,
                created(order_date),
            )
        )
        resting.stays[-1][2] = picks[2]
        resting.status = "academic_leave"

    # ---------------------------------------------------------------- logins

    def _make_logins(self) -> None:
        taken: set[str] = set(DEMO_LOGINS.values())
        for kind, login in DEMO_LOGINS.items():
            self.special[kind].login = login
        for person in self.persons:
            if person.login:
                continue
            initials = "".join(translit(part)[:1] for part in (person.first, person.middle or "") if part)
            stem = f"{translit(person.last)[:50]}_{initials}".strip("_") or "user"
            if not stem[0].isalpha() or stem.startswith("pg_"):
                stem = "u" + stem  # a PostgreSQL role name: a letter first, never the reserved pg_
            login, n = stem, 1
            while login in taken:
                n += 1
                login = f"{stem}{n}"
            taken.add(login)
            person.login = login
        # Addresses under the reserved .example names (RFC 2606): no letter can reach a real mailbox.
        rng = self.rng
        for person in self.persons:
            if person.role not in ("student", "parent"):
                person.email = f"{person.login.replace('_', '.')}@zarechny-agro.example"
            elif rng.random() < (0.45 if person.role == "student" else 0.3):
                person.email = (
                    f"{person.login.replace('_', '.')}@{rng.choice(('example.com', 'example.org', 'example.net'))}"
                )

    # ---------------------------------------------------------------- excuses (справки)

    def _curator_of(self, group: _Group) -> int:
        assert group.curator_id is not None
        return group.curator_id

    def _make_excuses(self) -> None:
        """Illness and leave spells, planned ahead so that the absences of those days follow them."""
        rng = self.rng
        self.excused_days: dict[dt.date, dict[int, tuple[int, str, int, dt.datetime]]] = {}
        hospitals = ("ГБУЗ «Заречная ЦРБ»", "ГБУЗ «Заречногорская городская поликлиника»", "ФАП с. Покровское")
        leave_docs = (
            "Заявление родителей (семейные обстоятельства)",
            "Приказ о направлении на соревнования",
            "Повестка военного комиссариата",
            "Заявление родителей (санаторно-курортное лечение)",
        )
        for period in self.periods:
            if period.lessons_until is None:
                continue
            last = period.lessons_until
            if not period.closed:
                last = min(last, self.today - dt.timedelta(days=1))
            for student in self.students:
                if student.at_risk:
                    continue
                start = max(period.starts, student.stays[0][1])
                end = last
                if student.stays[-1][2] is not None:
                    end = min(end, student.stays[-1][2] - dt.timedelta(days=1))
                if (end - start).days < 12:
                    continue
                spells: list[tuple[str, int]] = []
                roll = rng.random()
                spells += [("sick", rng.randint(3, 10))] * (2 if roll < 0.1 else 1 if roll < 0.45 else 0)
                if rng.random() < 0.15:
                    spells.append(("excused", rng.randint(1, 3)))
                covered: list[tuple[dt.date, dt.date]] = []
                for reason, length in spells:
                    first = start + dt.timedelta(days=rng.randrange((end - start).days - length + 1))
                    final = first + dt.timedelta(days=length - 1)
                    if any(first <= b and a <= final for a, b in covered):
                        continue
                    covered.append((first, final))
                    group = self._group_on(student, first)
                    if group is None:
                        continue
                    issued = min(final + dt.timedelta(days=1), self.today)
                    if reason == "sick":
                        document = (
                            f"Справка {rng.choice(hospitals)} № {rng.randint(100, 9999)} от {format_date(issued)}"
                        )
                    else:
                        document = rng.choice(leave_docs)
                    excuse = _Excuse(
                        len(self.excuses) + 1,
                        student,
                        first,
                        final,
                        reason,
                        document,
                        self._curator_of(group),
                        dt.datetime.combine(issued, dt.time(9, 30)),
                    )
                    self.excuses.append(excuse)
                    day = first
                    while day <= final:
                        self.excused_days.setdefault(day, {})[student.id] = (
                            excuse.id,
                            reason,
                            excuse.created_by,
                            excuse.created_at,
                        )
                        day += dt.timedelta(days=1)

    @staticmethod
    def _group_on(student: _Student, day: dt.date) -> _Group | None:
        for group, first, end in student.stays:
            if first <= day and (end is None or day < end):
                return group
        return None

    # ---------------------------------------------------------------- writing

    def _write_reference(self, conn: Connection) -> None:
        self._insert(
            conn,
            m.Specialty,
            ("id", "code", "name", "qualification"),
            ((s.id, s.code, s.name, s.qualification) for s in self.specialties),
        )
        self._insert(
            conn,
            m.Person,
            (
                "id",
                "last_name",
                "first_name",
                "middle_name",
                "birth_date",
                "phone",
                "email",
                "address",
                "search_name",
                "position",
            ),
            (
                (
                    p.id,
                    p.last,
                    p.first,
                    p.middle,
                    p.birth,
                    p.phone,
                    p.email,
                    p.address,
                    search_key(f"{p.last} {p.first} {p.middle or ''}"),
                    p.position,
                )
                for p in self.persons
            ),
        )
        self._insert(
            conn,
            m.StudyGroup,
            ("id", "name", "specialty_id", "course", "admission_year", "curator_id", "base_grade", "is_archived"),
            (
                (g.id, g.name, g.spec.id, g.course, g.admission_year, g.curator_id, g.base_grade, False)
                for g in self.groups
            ),
        )
        # scrypt costs ~50 ms a hash: one hash for every demo account, not one per person. Its salt
        # comes from the seed, so that the same seed gives the same rows (the password is public).
        password_hash = hash_password(self.password, salt=self.rng.randbytes(16))
        student_created = {
            s.person.id: dt.datetime.combine(s.enrolled_on, dt.time(12, 0)) for s in self.students if s.enrolled_on
        }
        self._insert(
            conn,
            m.Account,
            (
                "id",
                "person_id",
                "login",
                "role",
                "is_active",
                "must_change_password",
                "last_login_at",
                "created_at",
                "password_hash",
                "failed_logins",
            ),
            (
                (
                    p.id,
                    p.id,
                    p.login,
                    p.role,
                    True,
                    False,
                    None,
                    p.created_at or student_created[p.id],
                    password_hash,
                    0,
                )
                for p in self.persons
            ),
        )
        self._insert(conn, m.AccountRole, ("account_id", "role"), self.account_roles)
        self._insert(
            conn,
            m.Student,
            ("id", "person_id", "group_id", "record_book_no", "status", "subgroup"),
            ((s.id, s.person.id, s.group.id, s.record_book, s.status, s.subgroup) for s in self.students),
        )
        links: list[tuple[int, int, int, str]] = []
        for student in self.students:
            for guardian, relation in student.family.guardians:
                links.append((len(links) + 1, student.id, guardian.id, relation))
        self._insert(conn, m.GuardianLink, ("id", "student_id", "guardian_id", "relation"), links)
        self._insert(
            conn,
            m.Discipline,
            ("id", "code", "name", "kind"),
            ((i, code, name, code.split(".")[0]) for (code, name), i in self.disciplines.items()),
        )
        deputy = self.special["deputy"].id
        self._insert(
            conn,
            m.Period,
            ("id", "academic_year", "number", "starts_on", "ends_on", "closed_at", "closed_by"),
            (
                (
                    p.id,
                    p.year,
                    p.number,
                    p.starts,
                    p.ends,
                    dt.datetime.combine(min(p.ends + dt.timedelta(days=5), self.today), dt.time(10, 0))
                    if p.closed
                    else None,
                    deputy if p.closed else None,
                )
                for p in self.periods
            ),
        )
        self._insert(
            conn,
            m.TeachingAssignment,
            ("id", "group_id", "discipline_id", "teacher_id", "period_id", "subgroup", "planned_hours", "control_form"),
            (
                (
                    a.id,
                    a.group.id,
                    a.discipline_id,
                    a.teacher.person.id,
                    a.period.id,
                    a.subgroup,
                    2 * a.planned_lessons,
                    a.control_form,
                )
                for a in self.assignments
                if a.teacher is not None
            ),
        )
        slot_rows: list[tuple[int, int, int, int, str]] = []
        for a in self.assignments:
            assert a.teacher is not None
            for weekday, pair in a.slots:
                slot_rows.append((len(slot_rows) + 1, a.id, weekday, pair, a.teacher.room))
        self._insert(conn, m.TimetableSlot, ("id", "assignment_id", "weekday", "pair_no", "room"), slot_rows)
        self._plan_rows: list[tuple[Any, ...]] = []
        next_id = 1
        for a in self.assignments:
            next_id = self._build_ktp(a, next_id)
        self._insert(
            conn,
            m.PlanTopic,
            ("id", "assignment_id", "position", "section", "title", "hours", "lesson_kind", "homework"),
            self._plan_rows,
        )
        del self._plan_rows
        self._insert(
            conn,
            m.StudentMovement,
            (
                "id",
                "student_id",
                "kind",
                "from_group_id",
                "to_group_id",
                "order_no",
                "order_date",
                "effective_date",
                "note",
                "created_by",
                "created_at",
            ),
            ((i, row[0].id, *row[1:]) for i, row in enumerate(self.movements, start=1)),
        )
        self._insert(
            conn,
            m.Excuse,
            ("id", "student_id", "from_date", "to_date", "reason", "document", "created_by", "created_at"),
            (
                (e.id, e.student.id, e.start, e.end, e.reason, e.document, e.created_by, e.created_at)
                for e in self.excuses
            ),
        )

    def _write_journal(self, conn: Connection) -> None:
        lesson_columns = (
            "id",
            "assignment_id",
            "held_on",
            "pair_no",
            "hours",
            "topic",
            "plan_topic_id",
            "homework",
            "lesson_kind",
            "created_by",
            "created_at",
        )
        mark_columns = (
            "id",
            "lesson_id",
            "student_id",
            "slot",
            "value",
            "updated_by",
            "updated_at",
            "version",
            "assignment_id",
        )
        absence_columns = (
            "id",
            "lesson_id",
            "student_id",
            "absent_hours",
            "reason",
            "late",
            "excuse_id",
            "updated_by",
            "updated_at",
            "version",
            "assignment_id",
        )
        final_columns = ("id", "assignment_id", "student_id", "kind", "value", "updated_by", "updated_at", "version")
        lessons: list[tuple[Any, ...]] = []
        marks: list[tuple[Any, ...]] = []
        absences: list[tuple[Any, ...]] = []

        def flush() -> None:
            # Lessons first: marks and absences refer to them.
            self._insert(conn, m.Lesson, lesson_columns, lessons)
            self._insert(conn, m.Mark, mark_columns, marks)
            self._insert(conn, m.Attendance, absence_columns, absences)
            lessons.clear()
            marks.clear()
            absences.clear()

        self._ids = [0, 0, 0, 0]  # lesson, mark, attendance, final mark
        steps = sum(1 for p in self.periods if p.lessons_until is not None) * len(self.groups) or 1
        done = 0
        for period in self.periods:
            if period.lessons_until is None:
                continue
            label = f"Занятия, оценки и пропуски: {period.year}, {period.number}-й семестр"
            by_group: dict[int, list[_Assignment]] = {}
            for a in self.assignments:
                if a.period is period:
                    by_group.setdefault(a.group.id, []).append(a)
            stats: dict[int, dict[int, list[int]]] | None = {} if period.closed else None
            for group in self.groups:
                self.report(label, 0.1 + 0.85 * done / steps)
                done += 1
                items = by_group.get(group.id)
                if not items:
                    continue
                self._journal_of_group(period, group, items, lessons, marks, absences, stats)
                if len(marks) + len(absences) >= _FLUSH_ROWS:
                    flush()
            flush()
            if stats is not None:
                self._insert(conn, m.FinalMark, final_columns, self._final_marks(period, by_group, stats))
        flush()
        for table in ("lesson", "mark", "attendance", "final_mark"):
            self.counts.setdefault(table, 0)

    def _members(
        self, group: _Group, period: _Period
    ) -> tuple[list[dt.date], list[tuple[_Student, dt.date, dt.date | None]]]:
        """The group's students over the period with their first and end days, and the days the list changes."""
        stays: list[tuple[_Student, dt.date, dt.date | None]] = []
        for student in self.students:
            for g, first, end in student.stays:
                if g is group and first <= period.ends and (end is None or end > period.starts):
                    stays.append((student, first, end))
        changes = sorted({d for _s, first, end in stays for d in (first, end) if d is not None and d > period.starts})
        return changes, stays

    def _journal_of_group(
        self,
        period: _Period,
        group: _Group,
        items: list[_Assignment],
        lessons: list[tuple[Any, ...]],
        marks: list[tuple[Any, ...]],
        absences: list[tuple[Any, ...]],
        stats: dict[int, dict[int, list[int]]] | None,
    ) -> None:
        assert period.lessons_until is not None
        rnd = self.rng.random
        lesson_append = lessons.append
        mark_append = marks.append
        absence_append = absences.append
        excused_days = self.excused_days
        no_excuses: dict[int, tuple[int, str, int, dt.datetime]] = {}
        lesson_id, mark_id, absence_id, _final = self._ids
        values = ("5", "4", "3", "2")

        # The week: weekday → [(pair, assignment)], in pair order (two halves share a pair).
        week: list[list[tuple[int, _Assignment]]] = [[] for _ in range(7)]
        for a in items:
            for weekday, pair in a.slots:
                week[weekday].append((pair, a))
        for day_items in week:
            day_items.sort(key=lambda item: (item[0], item[1].id))
        ordinal = {a.id: 0 for a in items}
        changes, stays = self._members(group, period)
        change_index = -1
        members: dict[int | None, list[tuple[int, float, float, float, float]]] = {}

        day = period.starts
        last = period.lessons_until
        one_day = dt.timedelta(days=1)
        while day <= last:
            if not is_school_day(day):
                day += one_day
                continue
            day_items = week[day.weekday()]
            if not day_items:
                day += one_day
                continue
            position = sum(1 for c in changes if c <= day) - 1
            if position != change_index or not members:
                change_index = position
                everyone = [
                    (s.id, s.absence, *s.thresholds, s.subgroup)
                    for s, first, end in stays
                    if first <= day and (end is None or day < end)
                ]
                members = {
                    None: [row[:5] for row in everyone],
                    1: [row[:5] for row in everyone if row[5] == 1],
                    2: [row[:5] for row in everyone if row[5] == 2],
                }
            day_excuses = excused_days.get(day, no_excuses)
            for pair, a in day_items:
                aid = a.id
                teacher = a.teacher.person.id  # type: ignore[union-attr]
                topic_id, title, kind, homework = a.topics[ordinal[a.id]]
                ordinal[a.id] += 1
                lesson_id += 1
                start, end_time = PAIR_TIMES[pair]
                lesson_append(
                    (
                        lesson_id,
                        a.id,
                        day,
                        pair,
                        2,
                        title,
                        topic_id,
                        homework,
                        kind,
                        teacher,
                        dt.datetime.combine(day, start),
                    )
                )
                stamp = dt.datetime.combine(day, end_time)
                density = _MARK_DENSITY[kind]
                second = _SECOND_MARK.get(kind, 0.02)
                pass_fail = kind == "test" and a.control_form == "credit"
                sheet = stats.setdefault(a.id, {}) if stats is not None else None
                for sid, absence, t5, t4, t3 in members[a.subgroup]:
                    excuse = day_excuses.get(sid)
                    if excuse is not None:
                        absence_id += 1
                        # Entered as «н» by the teacher, then excused by the curator with the document.
                        absence_append(
                            (absence_id, lesson_id, sid, 2, excuse[1], False, excuse[0], excuse[2], excuse[3], 2, aid)
                        )
                        if sheet is not None:
                            entry = sheet.get(sid)
                            if entry is None:
                                entry = sheet[sid] = [0, 0, 0]
                            entry[2] += 1
                        continue
                    r = rnd()
                    if r < absence:
                        absence_id += 1
                        if r < absence * (1 - _PARTIAL_ABSENCE):
                            absence_append(
                                (absence_id, lesson_id, sid, 2, "unexcused", False, None, teacher, stamp, 1, aid)
                            )
                            if sheet is not None:
                                entry = sheet.get(sid)
                                if entry is None:
                                    entry = sheet[sid] = [0, 0, 0]
                                entry[2] += 1
                            continue
                        absence_append(
                            (absence_id, lesson_id, sid, 1, "unexcused", False, None, teacher, stamp, 1, aid)
                        )
                    elif r > 1 - _LATE_SHARE:
                        absence_id += 1
                        absence_append((absence_id, lesson_id, sid, 0, "unexcused", True, None, teacher, stamp, 1, aid))
                    if rnd() >= density:
                        continue
                    r = rnd()
                    score = 5 if r < t5 else 4 if r < t4 else 3 if r < t3 else 2
                    mark_id += 1
                    if pass_fail:
                        mark_append((mark_id, lesson_id, sid, 1, "зч" if score > 2 else "нз", teacher, stamp, 1, aid))
                        continue
                    mark_append((mark_id, lesson_id, sid, 1, values[5 - score], teacher, stamp, 1, aid))
                    if sheet is not None:
                        entry = sheet.get(sid)
                        if entry is None:
                            entry = sheet[sid] = [0, 0, 0]
                        entry[0] += score
                        entry[1] += 1
                    if rnd() < second:
                        r = rnd()
                        score = 5 if r < t5 else 4 if r < t4 else 3 if r < t3 else 2
                        mark_id += 1
                        mark_append((mark_id, lesson_id, sid, 2, values[5 - score], teacher, stamp, 1, aid))
                        if sheet is not None:
                            entry[0] += score
                            entry[1] += 1
            day += one_day
        self._ids = [lesson_id, mark_id, absence_id, self._ids[3]]

    def _final_marks(
        self, period: _Period, by_group: dict[int, list[_Assignment]], stats: dict[int, dict[int, list[int]]]
    ) -> list[tuple[Any, ...]]:
        """Final marks by control form, from each student's marks and absences of the semester."""
        rng = self.rng
        rows: list[tuple[Any, ...]] = []
        final_id = self._ids[3]
        stamp = dt.datetime.combine(period.ends - dt.timedelta(days=2), dt.time(15, 0))
        # Only who is in the group at the end of the semester is attested there.
        at_end: dict[int, list[_Student]] = {}
        for student in self.students:
            group_then = self._group_on(student, period.ends)
            if group_then is not None:
                at_end.setdefault(group_then.id, []).append(student)
        for group in self.groups:
            for a in by_group.get(group.id, []):
                sheet = stats.get(a.id, {})
                lessons = max(1, a.planned_lessons)
                teacher = a.teacher.person.id  # type: ignore[union-attr]
                for student in at_end.get(group.id, []):
                    if a.subgroup is not None and student.subgroup != a.subgroup:
                        continue
                    total, count, missed = sheet.get(student.id, (0, 0, 0))
                    not_attested = missed / lessons >= _NOT_ATTESTED_ABSENCE or count == 0
                    semester = "н/а" if not_attested else str(max(2, min(5, int(total / count + 0.5))))
                    if a.control_form == "exam":
                        exam = semester
                        if semester != "н/а":
                            shift = rng.choices((-1, 0, 1), (0.2, 0.65, 0.15))[0]
                            exam = str(max(2, min(5, int(semester) + shift)))
                        kinds = (("semester", semester), ("exam", exam))
                    elif a.control_form == "diff_credit":
                        kinds = (("diff_credit", semester),)
                    elif a.control_form == "credit":
                        value = "н/а" if not_attested else ("зч" if total / count >= 2.75 else "нз")
                        kinds = (("credit", value),)
                    else:
                        kinds = (("semester", semester),)
                    for kind, value in kinds:
                        final_id += 1
                        rows.append((final_id, a.id, student.id, kind, value, teacher, stamp, 1))
        self._ids[3] = final_id
        return rows

    def _settings(self) -> list[tuple[str, str]]:
        def full(p: _Person) -> str:
            return " ".join(x for x in (p.last, p.first, p.middle) if x)

        return [
            ("backup_interval_days", "7"),
            ("college_name", COLLEGE_NAME),
            ("deputy", full(self.special["deputy"])),
            ("director", full(self.director)),
        ]
