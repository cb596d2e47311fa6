"""The schema on both backends: migrations create it, and the database itself refuses bad rows."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, insert, inspect, text
from sqlalchemy.exc import IntegrityError, InternalError

from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import make_engine
from ejournal_desktop.store.migrate import SchemaTooNew, head_revision, schema_state, upgrade


def test_migrations_create_every_core_table(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    state = upgrade(engine)
    assert state.current == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert set(m.CORE_TABLES) <= tables
    assert set(m.Base.metadata.tables) <= tables
    # Upgrading an up-to-date database changes nothing.
    assert upgrade(engine).current == state.current
    engine.dispose()


def test_newer_schema_is_refused(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(SchemaTooNew, match="более новой версией"):
        schema_state(engine)
    with pytest.raises(SchemaTooNew):
        upgrade(engine)


def _journal(connection) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """One specialty, group, teacher, student, period, assignment and a 2-hour lesson."""
    ids = {"specialty": 1, "group": 1, "teacher": 1, "student_person": 2, "student": 1, "period": 1}
    connection.execute(
        insert(m.Specialty), [{"id": 1, "code": "35.02.16", "name": "Эксплуатация", "qualification": "Техник"}]
    )
    connection.execute(
        insert(m.Person),
        [
            {"id": 1, "last_name": "Петров", "first_name": "Пётр", "search_name": "петров петр"},
            {"id": 2, "last_name": "Иванов", "first_name": "Иван", "search_name": "иванов иван"},
        ],
    )
    connection.execute(
        insert(m.StudyGroup),
        [{"id": 1, "name": "24-ТЭ", "specialty_id": 1, "course": 3, "admission_year": 2024, "curator_id": 1}],
    )
    connection.execute(insert(m.Student), [{"id": 1, "person_id": 2, "group_id": 1, "record_book_no": "24-001"}])
    connection.execute(insert(m.Discipline), [{"id": 1, "code": "ОП.02", "name": "Техническая механика", "kind": "ОП"}])
    connection.execute(
        insert(m.Period),
        [
            {
                "id": 1,
                "academic_year": "2026/2027",
                "number": 1,
                "starts_on": dt.date(2026, 9, 1),
                "ends_on": dt.date(2026, 12, 31),
            }
        ],
    )
    connection.execute(
        insert(m.TeachingAssignment),
        [
            {
                "id": 1,
                "group_id": 1,
                "discipline_id": 1,
                "teacher_id": 1,
                "period_id": 1,
                "planned_hours": 72,
                "control_form": "exam",
            }
        ],
    )
    connection.execute(
        insert(m.Lesson), [{"id": 1, "assignment_id": 1, "held_on": dt.date(2026, 9, 2), "pair_no": 1, "hours": 2}]
    )
    return ids


@pytest.mark.parametrize(
    ("table", "row"),
    [
        (m.Mark, {"lesson_id": 1, "student_id": 1, "slot": 1, "value": "6"}),
        (m.Mark, {"lesson_id": 1, "student_id": 1, "slot": 3, "value": "5"}),
        (m.Attendance, {"lesson_id": 1, "student_id": 1, "absent_hours": 2, "reason": "прогул"}),
        (m.FinalMark, {"assignment_id": 1, "student_id": 1, "kind": "semester", "value": "отл"}),
        (m.StudyGroup, {"name": "24-ТЭ", "specialty_id": 1, "course": 1, "admission_year": 2026}),
        (m.StudyGroup, {"name": "25-ТЭ", "specialty_id": 1, "course": 5, "admission_year": 2025}),
        (m.Lesson, {"assignment_id": 1, "held_on": dt.date(2026, 9, 2), "pair_no": 1, "hours": 2}),
        (
            m.Period,
            {
                "academic_year": "2026/2027",
                "number": 2,
                "starts_on": dt.date(2027, 6, 1),
                "ends_on": dt.date(2027, 1, 1),
            },
        ),
        (
            m.TeachingAssignment,
            {"group_id": 1, "discipline_id": 1, "teacher_id": 1, "period_id": 1, "control_form": "exam"},
        ),
        (m.Account, {"person_id": 1, "login": "petrov", "role": "superuser"}),
    ],
)
def test_database_refuses_bad_rows(engine: Engine, table: type[m.Base], row: dict[str, object]) -> None:
    with engine.begin() as connection:
        _journal(connection)
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(insert(table), [row])


def test_one_mark_per_cell_slot_and_two_slots_allowed(engine: Engine) -> None:
    with engine.begin() as connection:
        _journal(connection)
        connection.execute(
            insert(m.Mark),
            [
                {"lesson_id": 1, "student_id": 1, "slot": 1, "value": "4"},
                {"lesson_id": 1, "student_id": 1, "slot": 2, "value": "5"},
            ],
        )
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(insert(m.Mark), [{"lesson_id": 1, "student_id": 1, "slot": 1, "value": "3"}])
    with engine.connect() as connection:
        values = connection.execute(text("SELECT value FROM mark ORDER BY slot")).scalars().all()
    assert values == ["4", "5"]


def test_absence_cannot_exceed_lesson_hours(engine: Engine) -> None:
    with engine.begin() as connection:
        _journal(connection)
        connection.execute(
            insert(m.Attendance), [{"lesson_id": 1, "student_id": 1, "absent_hours": 2, "reason": "sick"}]
        )
    with pytest.raises((IntegrityError, InternalError), match="Пропуск больше часов занятия"), engine.begin() as c:
        c.execute(text("UPDATE attendance SET absent_hours = 3"))
    with pytest.raises((IntegrityError, InternalError), match="Пропуск больше часов занятия"), engine.begin() as c:
        c.execute(text("UPDATE lesson SET hours = 1"))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT absent_hours FROM attendance")).scalar() == 2
        assert connection.execute(text("SELECT hours FROM lesson")).scalar() == 2


def test_the_covering_lesson_index_is_postgresql_only_and_goes_down_and_up(empty_db_url: str) -> None:
    """Migration 0006: lesson (assignment_id) INCLUDE (id) on PostgreSQL, nothing on SQLite; a downgrade
    to 0005 drops it and the upgrade makes it again; the models declare the same (for PostgreSQL only)."""
    from alembic import command

    from ejournal_desktop.store.migrate import _config

    def covering(engine: Engine) -> list[dict[str, object]]:
        return [i for i in inspect(engine).get_indexes("lesson") if i["name"] == "ix_lesson_assignment_id_covering"]

    engine = make_engine(empty_db_url)
    try:
        upgrade(engine)
        postgres = engine.dialect.name == "postgresql"
        found = covering(engine)
        if postgres:
            assert len(found) == 1 and found[0]["column_names"] == ["assignment_id"]
            assert found[0]["dialect_options"]["postgresql_include"] == ["id"] and not found[0]["unique"]
        else:
            assert found == []
        config = _config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0005")
        assert covering(engine) == [] and schema_state(engine).current == "0005"
        assert upgrade(engine).current == head_revision()
        assert len(covering(engine)) == (1 if postgres else 0)
        declared = next(i for i in m.Lesson.__table__.indexes if i.name == "ix_lesson_assignment_id_covering")
        assert declared.dialect_options["postgresql"]["include"] == ["id"]
    finally:
        engine.dispose()


def _second_assignment(connection) -> None:  # type: ignore[no-untyped-def]
    """Another assignment of the same group with its own lesson (id 2), to tell the two apart."""
    connection.execute(insert(m.Discipline), [{"id": 2, "code": "ОП.03", "name": "Материаловедение", "kind": "ОП"}])
    connection.execute(
        insert(m.TeachingAssignment),
        [{"id": 2, "group_id": 1, "discipline_id": 2, "teacher_id": 1, "period_id": 1, "planned_hours": 36,
          "control_form": "credit"}],
    )  # fmt: skip
    connection.execute(
        insert(m.Lesson), [{"id": 2, "assignment_id": 2, "held_on": dt.date(2026, 9, 3), "pair_no": 2, "hours": 2}]
    )


def test_a_mark_and_an_absence_carry_their_lessons_assignment_whoever_inserts(engine: Engine) -> None:
    """Migration 0007: a row written without the assignment (an outside tool, an older client, the
    server's own functions) gets its lesson's; on PostgreSQL a wrong one is corrected too."""
    with engine.begin() as connection:
        _journal(connection)
        _second_assignment(connection)
        connection.execute(insert(m.Mark), [{"lesson_id": 2, "student_id": 1, "slot": 1, "value": "4"}])
        connection.execute(insert(m.Attendance), [{"lesson_id": 1, "student_id": 1, "absent_hours": 2}])
    with engine.connect() as connection:
        assert connection.execute(text("SELECT assignment_id FROM mark")).scalar() == 2
        assert connection.execute(text("SELECT assignment_id FROM attendance")).scalar() == 1
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(insert(m.Mark), [{"lesson_id": 1, "student_id": 1, "slot": 2, "value": "5",
                                                 "assignment_id": 2}])  # fmt: skip
            connection.execute(text("UPDATE mark SET lesson_id = 1 WHERE lesson_id = 2"))
        with engine.connect() as connection:
            assert set(connection.execute(text("SELECT assignment_id FROM mark")).scalars()) == {1}


def test_the_migration_fills_the_assignment_of_existing_marks_and_goes_down_and_up(empty_db_url: str) -> None:
    from alembic import command

    from ejournal_desktop.store.migrate import _config

    engine = make_engine(empty_db_url)
    try:
        config = _config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0006")
        with engine.begin() as connection:  # rows as a 0006 database holds them: no assignment column
            _journal(connection)
            _second_assignment(connection)
            connection.execute(
                text("INSERT INTO mark (lesson_id, student_id, slot, value, version, updated_at) "
                     "VALUES (1, 1, 1, '5', 1, CURRENT_TIMESTAMP), (2, 1, 1, '3', 1, CURRENT_TIMESTAMP)")
            )  # fmt: skip
            connection.execute(
                text("INSERT INTO attendance (lesson_id, student_id, absent_hours, reason, late, version, updated_at)"
                     " VALUES (2, 1, 2, 'unexcused', false, 1, CURRENT_TIMESTAMP)")
            )  # fmt: skip
        assert upgrade(engine).current == head_revision()
        with engine.connect() as connection:
            marks = connection.execute(text("SELECT lesson_id, assignment_id FROM mark ORDER BY lesson_id")).all()
            absences = connection.execute(text("SELECT lesson_id, assignment_id FROM attendance")).all()
        assert [tuple(r) for r in marks] == [(1, 1), (2, 2)] and [tuple(r) for r in absences] == [(2, 2)]
        assert "assignment_id" in {c["name"] for c in inspect(engine).get_columns("mark")}
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0006")
        assert "assignment_id" not in {c["name"] for c in inspect(engine).get_columns("mark")}
        assert upgrade(engine).current == head_revision()
    finally:
        engine.dispose()
