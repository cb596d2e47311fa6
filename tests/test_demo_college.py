"""The demo college: plausible, consistent, reproducible, on both backends.

One small college is filled per backend and checked from many sides; a module-wide SQLite
reference fill gives the checksum that both must reproduce (same seed and day → same rows,
SQLite or PostgreSQL alike).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text

from ejournal_desktop.domain.errors import ValidationError
from ejournal_desktop.domain.names import search_key, translit
from ejournal_desktop.resources_path import resource
from ejournal_desktop.services.demo_college import DEMO_LOGINS, DEMO_PASSWORD, fill_demo
from ejournal_desktop.services.passwords import verify_password
from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import make_engine
from ejournal_desktop.store.migrate import upgrade
from tests.conftest import PgServer, _drop, _new_pg_database

TODAY = dt.date(2026, 11, 29)


# ------------------------------------------------------------------------------------------ helpers


def _normal(value: Any) -> Any:
    """One spelling of a value for both backends: dates in ISO, booleans as 0/1, JSON sorted."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def content_checksum(engine: Engine) -> str:
    """sha256 over every row of every table, rows ordered by primary key (in Python: no collation)."""
    digest = hashlib.sha256()
    with engine.connect() as connection:
        for table in m.Base.metadata.sorted_tables:
            key = [i for i, column in enumerate(table.columns) if column.primary_key]
            rows = [tuple(_normal(v) for v in row) for row in connection.execute(select(table))]
            rows.sort(key=lambda row: tuple(row[i] for i in key))
            digest.update(f"{table.name}:{len(rows)}\n".encode())
            for row in rows:
                digest.update(repr(row).encode())
                digest.update(b"\n")
    return digest.hexdigest()


def _sqlite_engine(path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    return engine


def _rows(engine: Engine, sql: str, **params: Any) -> list[Any]:
    with engine.connect() as connection:
        return list(connection.execute(text(sql), params))


def _scalar(engine: Engine, sql: str, **params: Any) -> Any:
    with engine.connect() as connection:
        return connection.execute(text(sql), params).scalar()


def _as_date(value: Any) -> dt.date:
    # Raw SQL on SQLite gives dates as text.
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


@pytest.fixture(scope="module")
def reference_checksum(tmp_path_factory: pytest.TempPathFactory) -> str:
    engine = _sqlite_engine(tmp_path_factory.mktemp("demo-ref") / "ref.sqlite3")
    fill_demo(engine, size="small", seed=1, today=TODAY)
    checksum = content_checksum(engine)
    engine.dispose()
    return checksum


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The small college on each backend, filled once: the checks below only read it."""
    if request.param == "sqlite":
        engine = _sqlite_engine(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
        name = None
    else:
        server: PgServer = request.getfixturevalue("pg_server")
        name, engine = _new_pg_database(server)
    stages: list[tuple[str, float]] = []
    summary = fill_demo(engine, size="small", seed=1, today=TODAY, progress=lambda s, f: stages.append((s, f)))
    fractions = [f for _s, f in stages]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert summary.logins == DEMO_LOGINS
    assert summary.rows["mark"] == _scalar(engine, "SELECT count(*) FROM mark")
    assert summary.total_rows == sum(summary.rows.values())
    yield engine
    engine.dispose()
    if name is not None:
        _drop(server, name)


# ------------------------------------------------------------------------------------------ tests


def test_small_college_has_plausible_size(demo: Engine) -> None:
    counts = {table: _scalar(demo, f"SELECT count(*) FROM {table}") for table in m.CORE_TABLES}
    assert counts["study_group"] == 6
    assert 130 <= counts["student"] <= 170
    assert counts["specialty"] >= 4
    assert 3000 <= counts["lesson"] <= 8000
    assert 50_000 <= counts["mark"] + counts["attendance"] <= 200_000
    assert counts["final_mark"] > 1000
    assert counts["excuse"] > 20
    assert counts["audit_log"] == 0
    courses = {row[0] for row in _rows(demo, "SELECT course FROM study_group")}
    assert courses == {1, 2, 3, 4}
    for name, course, admission in _rows(demo, "SELECT name, course, admission_year FROM study_group"):
        assert name.startswith(f"{admission % 100:02d}-")
        assert admission == 2026 - course + 1
    teachers = _scalar(demo, "SELECT count(*) FROM account WHERE role = 'teacher'")
    assert teachers >= 8
    # Marks: more 4s and 3s than 5s, few 2s.
    values = Counter(dict(_rows(demo, "SELECT value, count(*) FROM mark GROUP BY value")))
    assert values["4"] > values["5"] > values["2"] and values["3"] > values["2"]
    assert values["2"] < 0.15 * sum(values.values())
    assert _scalar(demo, "SELECT count(*) FROM mark WHERE slot = 2") > 0
    settings = dict(_rows(demo, "SELECT key, value FROM app_setting"))
    assert settings["college_name"] == "ГБПОУ «Заречный аграрный техникум»"
    assert settings["backup_interval_days"] == "7"
    assert settings["director"] and settings["deputy"]


def test_people_accounts_and_names(demo: Engine) -> None:
    people = _rows(demo, "SELECT id, last_name, first_name, middle_name, search_name, phone FROM person")
    accounts = {row[0]: row[1:] for row in _rows(demo, "SELECT person_id, login, role, is_active FROM account")}
    assert len(accounts) == len(people)
    for pid, last, first, middle, key, phone in people:
        assert key and key == search_key(f"{last} {first} {middle or ''}")
        assert phone.startswith("+7 9") and len(phone) == len("+7 900 000-00-00")
        login, _role, active = accounts[pid]
        assert active
        assert login.isascii() and len(login) <= 63 and login[0].isalpha()
        assert all(ch.isalnum() or ch == "_" for ch in login) and login == login.lower()
    # One hash for all, and it is the demo password's.
    hashes = {row[0] for row in _rows(demo, "SELECT DISTINCT password_hash FROM account")}
    assert len(hashes) == 1 and verify_password(DEMO_PASSWORD, hashes.pop())
    # Gender agreement: a student's patronymic and surname follow the father's.
    names = json.loads(resource("demo", "names.json").read_text(encoding="utf-8"))
    patronymics = {name: (male, female) for name, male, female in names["male_adult"]}
    for last, _first, middle, f_last, f_first in _rows(
        demo,
        """SELECT s.last_name, s.first_name, s.middle_name, f.last_name, f.first_name
           FROM student st JOIN person s ON s.id = st.person_id
           JOIN guardian_link g ON g.student_id = st.id AND g.relation = 'отец'
           JOIN person f ON f.id = g.guardian_id""",
    ):
        male_form, female_form = patronymics[f_first]
        assert middle in (male_form, female_form)
        if middle == male_form:
            assert last == f_last
    staff = _rows(demo, "SELECT p.position FROM person p JOIN account a ON a.person_id = p.id WHERE a.role = 'teacher'")
    positions = Counter(row[0] for row in staff)
    assert positions["преподаватель"] >= 5 and positions["мастер производственного обучения"] >= 1


def test_fixed_demo_logins(demo: Engine) -> None:
    fixed = set(DEMO_LOGINS.values())
    roles = {login: role for login, role in _rows(demo, "SELECT login, role FROM account") if login in fixed}
    assert roles == {
        "admin": "admin",
        "zamdir": "deputy",
        "sekretar": "secretary",
        "prepod": "teacher",
        "kurator": "teacher",
        "student": "student",
        "roditel": "parent",
    }
    current = _scalar(demo, "SELECT max(id) FROM period")

    def person(login: str) -> int:
        return _scalar(demo, "SELECT person_id FROM account WHERE login = :l", l=login)

    def groups_taught(pid: int) -> set[int]:
        rows = _rows(
            demo, "SELECT group_id FROM teaching_assignment WHERE teacher_id = :t AND period_id = :p", t=pid, p=current
        )
        return {row[0] for row in rows}

    prepod = person("prepod")
    assert len(groups_taught(prepod)) >= 2
    assert _scalar(demo, "SELECT count(*) FROM study_group WHERE curator_id = :p", p=prepod) == 0
    kurator = person("kurator")
    curated = {row[0] for row in _rows(demo, "SELECT id FROM study_group WHERE curator_id = :p", p=kurator)}
    assert curated and curated <= groups_taught(kurator)
    # Every group has a curator, each a different person.
    curators = [row[0] for row in _rows(demo, "SELECT curator_id FROM study_group")]
    assert None not in curators and len(set(curators)) == len(curators)
    # The demo student studies; the demo parent has two studying children in the college, the student among them.
    student = _rows(demo, "SELECT id, status FROM student WHERE person_id = :p", p=person("student"))[0]
    assert student[1] == "studying"
    children = _rows(
        demo,
        """SELECT s.id, s.status, s.group_id FROM guardian_link g JOIN student s ON s.id = g.student_id
           WHERE g.guardian_id = :p""",
        p=person("roditel"),
    )
    assert len(children) >= 2 and {c[1] for c in children} == {"studying"}
    assert student[0] in {c[0] for c in children}
    # A teacher who is also a deputy, through account_role.
    extra = _rows(demo, "SELECT a.role, r.role FROM account_role r JOIN account a ON a.id = r.account_id")
    assert ("teacher", "deputy") in extra


def test_guardians_and_siblings(demo: Engine) -> None:
    per_student = Counter(row[0] for row in _rows(demo, "SELECT student_id FROM guardian_link"))
    students = _scalar(demo, "SELECT count(*) FROM student")
    assert len(per_student) == students and set(per_student.values()) <= {1, 2}
    relations = {row[0] for row in _rows(demo, "SELECT DISTINCT relation FROM guardian_link")}
    assert relations <= {"мать", "отец", "опекун"} and {"мать", "отец"} <= relations
    parents_of_two = _scalar(
        demo, "SELECT count(*) FROM (SELECT guardian_id FROM guardian_link GROUP BY guardian_id HAVING count(*) >= 2) x"
    )
    assert parents_of_two >= 3


def test_split_group_marks_only_its_half(demo: Engine) -> None:
    halves = _rows(
        demo,
        """SELECT group_id, discipline_id, period_id, count(DISTINCT teacher_id), min(subgroup), max(subgroup)
           FROM teaching_assignment WHERE subgroup IS NOT NULL GROUP BY group_id, discipline_id, period_id""",
    )
    assert halves
    for _g, _d, _p, teachers, low, high in halves:
        assert (teachers, low, high) == (2, 1, 2)
    wrong = _scalar(
        demo,
        """SELECT count(*) FROM mark mk JOIN lesson l ON l.id = mk.lesson_id
           JOIN teaching_assignment a ON a.id = l.assignment_id JOIN student s ON s.id = mk.student_id
           WHERE a.subgroup IS NOT NULL AND (s.subgroup IS NULL OR s.subgroup <> a.subgroup)""",
    )
    assert wrong == 0
    split_marks = _scalar(
        demo,
        """SELECT count(*) FROM mark mk JOIN lesson l ON l.id = mk.lesson_id
           JOIN teaching_assignment a ON a.id = l.assignment_id WHERE a.subgroup IS NOT NULL""",
    )
    assert split_marks > 0
    # Both halves meet at the same pairs, each with its own teacher.
    slots = _rows(
        demo,
        """SELECT a.group_id, a.period_id, t.weekday, t.pair_no, count(*) FROM timetable_slot t
           JOIN teaching_assignment a ON a.id = t.assignment_id WHERE a.subgroup IS NOT NULL
           GROUP BY a.group_id, a.period_id, t.weekday, t.pair_no""",
    )
    assert {row[4] for row in slots} == {2}


def test_periods_final_marks_and_today(demo: Engine) -> None:
    periods = _rows(demo, "SELECT id, academic_year, number, closed_at FROM period ORDER BY id")
    assert [(p[1], p[2]) for p in periods] == [("2025/2026", 1), ("2025/2026", 2), ("2026/2027", 1)]
    assert periods[0][3] is not None and periods[1][3] is not None and periods[2][3] is None
    finals = dict(
        _rows(
            demo,
            """SELECT a.period_id, count(*) FROM final_mark f JOIN teaching_assignment a ON a.id = f.assignment_id
               GROUP BY a.period_id""",
        )
    )
    assert finals.get(1, 0) > 300 and finals.get(2, 0) > 300 and 3 not in finals
    kinds = {row[0] for row in _rows(demo, "SELECT DISTINCT kind FROM final_mark")}
    assert kinds == {"semester", "exam", "credit", "diff_credit"}
    assert _scalar(demo, "SELECT count(*) FROM final_mark WHERE value = 'н/а'") > 0
    # Final marks follow the control form.
    mismatched = _scalar(
        demo,
        """SELECT count(*) FROM final_mark f JOIN teaching_assignment a ON a.id = f.assignment_id
           WHERE NOT ((a.control_form = 'exam' AND f.kind IN ('semester', 'exam'))
                   OR (a.control_form = 'diff_credit' AND f.kind = 'diff_credit')
                   OR (a.control_form = 'credit' AND f.kind = 'credit' AND f.value IN ('зч', 'нз', 'н/а'))
                   OR (a.control_form = 'other' AND f.kind = 'semester'))""",
    )
    assert mismatched == 0
    last = _as_date(_scalar(demo, "SELECT max(held_on) FROM lesson"))
    assert TODAY - dt.timedelta(days=3) <= last <= TODAY
    # Lessons on study days only, never on a Sunday; hours are a pair.
    for (held_on,) in _rows(demo, "SELECT DISTINCT held_on FROM lesson"):
        assert _as_date(held_on).weekday() != 6
    assert _scalar(demo, "SELECT count(*) FROM lesson WHERE hours <> 2 OR plan_topic_id IS NULL OR topic IS NULL") == 0
    # The КТП covers the planned hours of each assignment.
    uncovered = _scalar(
        demo,
        """SELECT count(*) FROM teaching_assignment a
           WHERE a.planned_hours <> (SELECT coalesce(sum(hours), 0) FROM plan_topic t WHERE t.assignment_id = a.id)""",
    )
    assert uncovered == 0


def test_timetable_has_no_clashes(demo: Engine) -> None:
    slots = _rows(
        demo,
        """SELECT a.period_id, a.teacher_id, a.group_id, a.subgroup, t.weekday, t.pair_no
           FROM timetable_slot t JOIN teaching_assignment a ON a.id = t.assignment_id""",
    )
    teacher_slots = Counter((p, t, w, n) for p, t, _g, _s, w, n in slots)
    assert max(teacher_slots.values()) == 1
    group_slots = Counter((p, g, s, w, n) for p, _t, g, s, w, n in slots)
    assert max(group_slots.values()) == 1
    week = Counter((p, g) for p, _t, g, s, _w, _n in slots if s in (None, 1))
    assert set(week.values()) == {18}  # 36 hours a week


def test_marks_only_while_in_the_group(demo: Engine) -> None:
    stays: dict[int, list[list[Any]]] = defaultdict(list)
    for sid, source, target, effective in _rows(
        demo,
        """SELECT student_id, from_group_id, to_group_id, effective_date FROM student_movement
           ORDER BY effective_date, id""",
    ):
        effective = _as_date(effective)
        if source is not None:
            for stay in stays[sid]:
                if stay[0] == source and stay[2] is None:
                    stay[2] = effective
        if target is not None:
            stays[sid].append([target, effective, None])
    kinds = Counter(row[0] for row in _rows(demo, "SELECT kind FROM student_movement"))
    assert kinds["enrol"] == _scalar(demo, "SELECT count(*) FROM student")
    assert kinds["transfer"] == kinds["expel"] == kinds["academic_leave"] == 1
    statuses = Counter(row[0] for row in _rows(demo, "SELECT status FROM student"))
    assert statuses["expelled"] == statuses["academic_leave"] == 1
    # Current group follows the movements.
    for sid, group_id in _rows(demo, "SELECT id, group_id FROM student"):
        assert stays[sid][-1][0] == group_id

    def inside(sid: int, group: int, day: dt.date) -> bool:
        return any(g == group and first <= day and (end is None or day < end) for g, first, end in stays[sid])

    for table in ("mark", "attendance"):
        rows = _rows(
            demo,
            f"""SELECT x.student_id, a.group_id, l.held_on FROM {table} x JOIN lesson l ON l.id = x.lesson_id
                JOIN teaching_assignment a ON a.id = l.assignment_id""",
        )
        outside = [row for row in rows if not inside(row[0], row[1], _as_date(row[2]))]
        assert outside == [], f"{table}: {outside[:5]}"
    # Sick and excused absences are backed by a document covering the day.
    for student, reason, excuse_student, from_date, to_date, held_on in _rows(
        demo,
        """SELECT x.student_id, x.reason, e.student_id, e.from_date, e.to_date, l.held_on FROM attendance x
           JOIN lesson l ON l.id = x.lesson_id LEFT JOIN excuse e ON e.id = x.excuse_id
           WHERE x.reason <> 'unexcused'""",
    ):
        assert excuse_student == student
        assert _as_date(from_date) <= _as_date(held_on) <= _as_date(to_date), reason


def test_same_seed_same_rows_on_both_backends(demo: Engine, reference_checksum: str) -> None:
    assert content_checksum(demo) == reference_checksum


def test_refuses_a_filled_database(demo: Engine) -> None:
    with pytest.raises(
        ValidationError, match=r"^База данных уже содержит данные: демо-техникум заполняется только в пустую базу$"
    ):
        fill_demo(demo, size="small", today=TODAY)
    # Nothing half-written: still one college.
    assert _scalar(demo, "SELECT count(*) FROM study_group") == 6


def test_refuses_a_database_with_people(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(m.Person.__table__.insert().values(id=1, last_name="Петров", first_name="Пётр"))
    with pytest.raises(ValidationError, match="уже содержит данные"):
        fill_demo(engine, size="small", today=TODAY)
    assert _scalar(engine, "SELECT count(*) FROM study_group") == 0


def test_another_seed_gives_another_college(tmp_path: Path, reference_checksum: str) -> None:
    engine = _sqlite_engine(tmp_path / "other.sqlite3")
    fill_demo(engine, size="small", seed=2, today=TODAY)
    assert content_checksum(engine) != reference_checksum
    engine.dispose()


@pytest.mark.parametrize(
    ("today", "periods", "current"),
    [
        (dt.date(2027, 7, 20), 3, ("2027/2028", 1)),  # summer: the coming semester, no lessons yet
        (dt.date(2027, 1, 5), 4, ("2026/2027", 2)),  # winter holidays
        (dt.date(2027, 3, 10), 4, ("2026/2027", 2)),  # spring semester in progress
    ],
)
def test_other_days_of_the_year(tmp_path: Path, today: dt.date, periods: int, current: tuple[str, int]) -> None:
    engine = _sqlite_engine(tmp_path / "day.sqlite3")
    fill_demo(engine, size="small", today=today)
    rows = _rows(engine, "SELECT id, academic_year, number, closed_at FROM period ORDER BY id")
    assert len(rows) == periods
    assert (rows[-1][1], rows[-1][2]) == current and rows[-1][3] is None
    assert all(row[3] is not None for row in rows[:-1])
    last = _scalar(engine, "SELECT max(held_on) FROM lesson")
    assert _as_date(last) <= today
    current_lessons = _scalar(
        engine,
        "SELECT count(*) FROM lesson l JOIN teaching_assignment a ON a.id = l.assignment_id WHERE a.period_id = :p",
        p=rows[-1][0],
    )
    assert (current_lessons > 0) == (today.month == 3)
    for (day,) in _rows(engine, "SELECT effective_date FROM student_movement WHERE kind <> 'enrol'"):
        assert _as_date(day) <= today
    courses = {row[0] for row in _rows(engine, "SELECT course FROM study_group")}
    assert courses == {1, 2, 3, 4}
    assert _scalar(engine, "SELECT count(*) FROM student_movement WHERE kind = 'transfer'") == 1
    engine.dispose()


def test_unknown_size_is_refused(engine: Engine) -> None:
    with pytest.raises(ValidationError, match="Неизвестный размер"):
        fill_demo(engine, size="huge", today=TODAY)
    assert _scalar(engine, "SELECT count(*) FROM person") == 0


def test_translit_makes_role_names() -> None:
    assert translit("Щербаков") == "shcherbakov"
    assert translit("Ёлкина") == "elkina"
    assert translit("Юрьевич") == "yurevich"
    assert translit("Иванов-Петров") == "ivanovpetrov"


def test_the_login_hint_of_the_demo_names_its_real_logins_and_password() -> None:
    from ejournal_desktop.services.database_setup import DEMO_HINT
    from ejournal_desktop.services.demo_college import DEMO_LOGINS, DEMO_PASSWORD

    assert DEMO_PASSWORD in DEMO_HINT
    for login in DEMO_LOGINS.values():
        assert login in DEMO_HINT
