"""The services behind «Моя группа» and «Контроль журналов», on SQLite and PostgreSQL.

A small hand-made group (tiny enough to compute every figure by hand, below), then:
the dashboard's figures and risks, its constant number of statements, an excuse turning exactly the
absences of its dates into excused ones and its deletion reverting them, the refusals (a teacher
who is not the curator, overlapping dates, a closed period), closing and reopening a period.

The group 21-ТО, curator «kur» (Куратова), period 01.09–31.12.2026, today 20.10.2026:
  ОП.01 (teacher «prep»): lessons 07.09, 14.09, 21.09, 28.09, 05.10 (2 h each; 10 h held) and 26.10
        (after today: not held yet).
  ОП.02 (teacher «kur»): lessons 08.09, 15.09 (4 h held).
  Антонов: ОП.01 5, 4, зч; absent 28.09 (2 h, unexcused), 05.10 (2 h, sick). ОП.02: 3; final «5».
  Борисов: ОП.01 2, 2, 3 (average 2,33 → forecast «2»); ОП.02 absent 08.09 and 15.09 (4 of 4 h:
        forecast «н/а»).
  Волков: ОП.01 4; expelled from 01.10.2026 → not listed, counted as left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from sqlalchemy import Engine, event, insert, select

from ejournal_desktop.domain.errors import PermissionDenied, ValidationError
from ejournal_desktop.services import auth, excuses, periods
from ejournal_desktop.services import group_dashboard as gd
from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import make_engine

TODAY = dt.date(2026, 10, 20)


@dataclass
class Group:
    engine: Engine
    ids: dict[str, int] = field(default_factory=dict)

    def session(self, login: str) -> auth.UserSession:
        user, _account = auth._load_user(self.engine, login)
        kind = "server" if self.engine.dialect.name == "postgresql" else "embedded"
        return auth.UserSession(profile=auth.Profile(kind=kind), engine=self.engine, user=user)

    def attendance(self) -> dict[int, tuple[str, int | None]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(m.Attendance.id, m.Attendance.reason, m.Attendance.excuse_id)).all()
        return {row.id: (row.reason, row.excuse_id) for row in rows}


def _one(conn, table, **values) -> int:  # type: ignore[no-untyped-def]
    return conn.execute(insert(table).values(**values).returning(table.id)).scalar_one()


def build_group(engine: Engine) -> Group:
    group = Group(engine)
    ids = group.ids
    with engine.begin() as conn:
        for key, last, first, login, role in (
            ("kur", "Куратова", "Анна", "kur", "teacher"),
            ("prep", "Преподавателев", "Пётр", "prep", "teacher"),
            ("zam", "Завучева", "Зоя", "zam", "deputy"),
        ):
            ids[key] = _one(conn, m.Person, last_name=last, first_name=first, search_name=f"{last} {first}".lower())
            _one(conn, m.Account, person_id=ids[key], login=login, role=role, must_change_password=False)
        ids["spec"] = _one(conn, m.Specialty, code="35.02.16", name="Эксплуатация техники", qualification="Техник")
        ids["group"] = _one(
            conn, m.StudyGroup, name="21-ТО", specialty_id=ids["spec"], course=2, admission_year=2025,
            curator_id=ids["kur"],
        )  # fmt: skip
        for key, last in (("a", "Антонов"), ("b", "Борисов"), ("c", "Волков")):
            person = _one(conn, m.Person, last_name=last, first_name="Иван", search_name=f"{last} иван".lower())
            ids[key] = _one(conn, m.Student, person_id=person, group_id=ids["group"], record_book_no=f"{key}-1")
        conn.execute(
            insert(m.StudentMovement).values(
                student_id=ids["c"], kind="expel", from_group_id=ids["group"], order_no="5-к",
                order_date=dt.date(2026, 9, 30), effective_date=dt.date(2026, 10, 1),
            )
        )  # fmt: skip
        ids["period"] = _one(
            conn, m.Period, academic_year="2026/2027", number=1, starts_on=dt.date(2026, 9, 1),
            ends_on=dt.date(2026, 12, 31),
        )  # fmt: skip
        for key, code, name, teacher in (("x", "ОП.01", "Графика", "prep"), ("y", "ОП.02", "Механика", "kur")):
            discipline = _one(conn, m.Discipline, code=code, name=name, kind="ОП")
            ids[key] = _one(
                conn, m.TeachingAssignment, group_id=ids["group"], discipline_id=discipline, teacher_id=ids[teacher],
                period_id=ids["period"], planned_hours=36, control_form="exam",
            )  # fmt: skip
        days = {
            "x": ["09-07", "09-14", "09-21", "09-28", "10-05", "10-26"],
            "y": ["09-08", "09-15"],
        }
        for key, dates in days.items():
            for n, day in enumerate(dates, start=1):
                ids[f"{key}{n}"] = _one(
                    conn, m.Lesson, assignment_id=ids[key], held_on=dt.date.fromisoformat(f"2026-{day}"), pair_no=1,
                    hours=2, topic=f"Тема {n}",
                )  # fmt: skip
        for lesson, student, value in (
            ("x1", "a", "5"), ("x2", "a", "4"), ("x3", "a", "зч"), ("y1", "a", "3"),
            ("x1", "b", "2"), ("x2", "b", "2"), ("x3", "b", "3"), ("x1", "c", "4"),
        ):  # fmt: skip
            _one(conn, m.Mark, lesson_id=ids[lesson], student_id=ids[student], slot=1, value=value)
        for key, lesson, student, reason in (
            ("abs_a4", "x4", "a", "unexcused"),
            ("abs_a5", "x5", "a", "sick"),
            ("abs_b1", "y1", "b", "unexcused"),
            ("abs_b2", "y2", "b", "unexcused"),
        ):
            ids[key] = _one(
                conn, m.Attendance, lesson_id=ids[lesson], student_id=ids[student], absent_hours=2, reason=reason
            )
        _one(conn, m.FinalMark, assignment_id=ids["y"], student_id=ids["a"], kind="semester", value="5")
    return group


@pytest.fixture
def group(db_url: str) -> Iterator[Group]:
    engine = make_engine(db_url)
    try:
        yield build_group(engine)
    finally:
        engine.dispose()


def count_statements(engine: Engine) -> list[str]:
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    return statements


# -- the dashboard ---------------------------------------------------------------------------------


def test_dashboard_figures_by_hand(group: Group) -> None:
    board = gd.group_dashboard(group.session("kur"), group.ids["group"], group.ids["period"], today=TODAY)
    assert board.group_name == "21-ТО"
    assert board.curator_name == "Куратова Анна"
    assert board.on == TODAY
    assert [s.full_name for s in board.students] == ["Антонов Иван", "Борисов Иван"]
    assert board.left == 1  # Волков, expelled from 01.10
    a, b = board.students
    assert a.average == pytest.approx(4.0)  # 5, 4, 3 (зч is not a number)
    assert a.marks == 4
    assert (a.absent_hours, a.excused_hours, a.sick_hours, a.unexcused_hours) == (4, 2, 2, 2)
    assert a.risks == ()
    by_code = {state.code: state for state in a.disciplines}
    assert by_code["ОП.01"].forecast == "5"  # 4,5 → 5
    assert by_code["ОП.02"].final == "5" and by_code["ОП.02"].forecast == "5"
    assert b.average == pytest.approx(7 / 3)
    assert (b.marks, b.absent_hours, b.excused_hours) == (3, 4, 0)
    assert b.risks == (
        "ОП.01 Графика: прогноз «2» (средний балл 2,33)",
        "ОП.02 Механика: прогноз «н/а»: пропущено 4 ч из 4",
    )
    assert board.average == pytest.approx((5 + 4 + 3 + 2 + 2 + 3) / 6)
    assert (board.absent_hours, board.excused_hours) == (8, 2)
    assert [s.full_name for s in board.at_risk] == ["Борисов Иван"]

    low = gd.group_dashboard(
        group.session("kur"), group.ids["group"], group.ids["period"], today=TODAY, threshold_hours=3
    )
    assert low.students[1].risks[-1] == "пропуски без уважительной причины: 4 ч (порог 3 ч)"
    assert low.students[0].risks == ()  # 2 unexcused hours: under the threshold


def test_dashboard_issues_a_constant_number_of_statements(group: Group) -> None:
    session = group.session("kur")
    statements = count_statements(group.engine)
    gd.group_dashboard(session, group.ids["group"], group.ids["period"], today=TODAY)
    small = len(statements)
    with group.engine.begin() as conn:  # ten more students with marks and absences
        for n in range(10):
            person = _one(conn, m.Person, last_name=f"Новиков{n}", first_name="Ян", search_name=f"новиков{n} ян")
            sid = _one(conn, m.Student, person_id=person, group_id=group.ids["group"], record_book_no=f"n-{n}")
            _one(conn, m.Mark, lesson_id=group.ids["x1"], student_id=sid, slot=1, value="4")
            _one(conn, m.Attendance, lesson_id=group.ids["y1"], student_id=sid, absent_hours=2, reason="unexcused")
    statements.clear()
    board = gd.group_dashboard(session, group.ids["group"], group.ids["period"], today=TODAY)
    assert len(board.students) == 12
    assert len(statements) == small == board.statements


def test_dashboard_is_the_curators_own(group: Group) -> None:
    with pytest.raises(PermissionDenied):
        gd.group_dashboard(group.session("prep"), group.ids["group"], group.ids["period"], today=TODAY)
    board = gd.group_dashboard(group.session("zam"), group.ids["group"], group.ids["period"], today=TODAY)
    assert len(board.students) == 2  # the deputy reads every group


# -- excuses ---------------------------------------------------------------------------------------


def test_excuse_turns_exactly_the_absences_of_its_dates_and_deletion_reverts(group: Group) -> None:
    ids = group.ids
    session = group.session("kur")
    before = group.attendance()
    result = excuses.create_excuse(
        session, ids["a"], dt.date(2026, 9, 28), dt.date(2026, 10, 5), "excused", "  справка №  7 "
    )
    assert (result.lessons, result.hours) == (1, 2)  # 28.09 only: 05.10 was already «болезнь»
    after = group.attendance()
    assert after[ids["abs_a4"]] == ("excused", result.excuse_id)
    assert after[ids["abs_a5"]] == ("sick", None)  # a teacher's own mark stays, unlinked
    assert {k: v for k, v in after.items() if k != ids["abs_a4"]} == {
        k: v for k, v in before.items() if k != ids["abs_a4"]
    }
    board = gd.group_dashboard(session, ids["group"], ids["period"], today=TODAY)
    assert (board.students[0].excused_hours, board.students[0].unexcused_hours) == (4, 0)

    listed = excuses.list_excuses(session, ids["group"])
    assert [(e.student_name, e.document, e.lessons, e.hours, e.reason_label) for e in listed] == [
        ("Антонов Иван", "справка № 7", 1, 2, "уважительная")
    ]
    assert listed[0].dates_label == "28.09.2026 – 05.10.2026"

    assert excuses.delete_excuse(session, result.excuse_id) == 1
    assert group.attendance() == before
    assert excuses.list_excuses(session, ids["group"]) == []


def test_sick_excuse_over_two_lessons(group: Group) -> None:
    ids = group.ids
    result = excuses.create_excuse(
        group.session("kur"), ids["b"], dt.date(2026, 9, 8), dt.date(2026, 9, 15), "sick", "справка ЦРБ № 12"
    )
    assert (result.lessons, result.hours) == (2, 4)
    state = group.attendance()
    assert state[ids["abs_b1"]] == state[ids["abs_b2"]] == ("sick", result.excuse_id)
    board = gd.group_dashboard(group.session("kur"), ids["group"], ids["period"], today=TODAY)
    assert board.students[1].sick_hours == 4


def test_excuse_refusals(group: Group) -> None:
    ids = group.ids
    kur = group.session("kur")
    day = dt.date(2026, 9, 28)
    with pytest.raises(PermissionDenied, match="куратор"):
        excuses.create_excuse(group.session("prep"), ids["a"], day, day, "sick", "справка")
    with pytest.raises(PermissionDenied):
        excuses.create_excuse(group.session("zam"), ids["a"], day, day, "sick", "справка")
    with pytest.raises(ValidationError, match="раньше"):
        excuses.create_excuse(kur, ids["a"], day, day - dt.timedelta(days=1), "sick", "справка")
    with pytest.raises(ValidationError) as missing:
        excuses.create_excuse(kur, ids["a"], day, day, "sick", "  ")
    assert missing.value.field == "document"
    with pytest.raises(ValidationError):
        excuses.create_excuse(kur, ids["a"], day, day, "unexcused", "справка")
    first = excuses.create_excuse(kur, ids["a"], day, day, "sick", "справка 1")
    with pytest.raises(ValidationError, match="пересекаться"):
        excuses.create_excuse(kur, ids["a"], dt.date(2026, 9, 20), day, "sick", "справка 2")
    with pytest.raises(PermissionDenied):
        excuses.delete_excuse(group.session("prep"), first.excuse_id)
    with pytest.raises(PermissionDenied):
        excuses.list_excuses(group.session("prep"), ids["group"])
    assert group.attendance()[ids["abs_a4"]] == ("sick", first.excuse_id)


# -- periods ---------------------------------------------------------------------------------------


def test_period_close_and_reopen(group: Group) -> None:
    ids = group.ids
    zam = group.session("zam")
    with pytest.raises(PermissionDenied, match="закрытие"):
        periods.close_period(group.session("kur"), ids["period"])
    closed = periods.close_period(zam, ids["period"])
    assert closed.is_closed
    with group.engine.connect() as conn:
        row = conn.execute(select(m.Period.closed_at, m.Period.closed_by).where(m.Period.id == ids["period"])).one()
    assert row.closed_at is not None and row.closed_by == ids["zam"]
    with pytest.raises(ValidationError, match="уже закрыт"):
        periods.close_period(zam, ids["period"])
    # A closed period freezes its absences: a справка may not change them.
    day = dt.date(2026, 9, 28)
    with pytest.raises(PermissionDenied, match="Период закрыт"):
        excuses.create_excuse(group.session("kur"), ids["a"], day, day, "sick", "справка")
    assert group.attendance()[ids["abs_a4"]] == ("unexcused", None)
    opened = periods.reopen_period(zam, ids["period"])
    assert not opened.is_closed
    with pytest.raises(ValidationError, match="не закрыт"):
        periods.reopen_period(zam, ids["period"])
    excuses.create_excuse(group.session("kur"), ids["a"], day, day, "sick", "справка")
    if group.engine.dialect.name == "sqlite":  # PostgreSQL's triggers audit on a server set up by `server init`
        with group.engine.connect() as conn:
            audited = conn.execute(
                select(m.AuditLog.table_name, m.AuditLog.action, m.AuditLog.db_user).order_by(m.AuditLog.id)
            ).all()
        assert [tuple(r) for r in audited] == [
            ("period", "UPDATE", "zam"),
            ("period", "UPDATE", "zam"),
            ("excuse", "INSERT", "kur"),
            ("attendance", "UPDATE", "kur"),
        ]
