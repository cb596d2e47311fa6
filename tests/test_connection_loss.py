"""A connection dropped in the middle of a write, and SQL injection through the text fields.

Dropped connection (PostgreSQL only: an embedded file has no connection to lose): the service's
write is held on a table lock taken by a second connection, the server backend of the service is
killed with pg_terminate_backend from a superuser connection, and the lock is released. The service
must say so in Russian (`ConnectionLost`), nothing of the write may be left, and the next call of the
same session must work (the pool drops the dead connection).

Injection: names, topics, homework, logins and search words with quotes, semicolons and comments
reach the database as data — stored verbatim, matched literally, and every table is still there.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import psycopg
import pytest
from sqlalchemy import func, select, text

from ejournal_desktop.domain.errors import ValidationError
from ejournal_desktop.domain.marks import CellEntry
from ejournal_desktop.services import accounts, audit, contingent_people, lessons
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services.unit_of_work import CONNECTION_LOST, ConnectionLost
from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import normalize_url
from tests.accounts_world import World
from tests.conftest import DEMO_TODAY

ATTACKS = (
    "Robert'); DROP TABLE student; --",
    'x"; DROP TABLE mark; --',
    "' OR '1'='1",
    "%_\\'; SELECT pg_sleep(5); --",
    "$$; DELETE FROM person; $$",
)


def _psycopg(url: Any, **kwargs: Any) -> psycopg.Connection:
    url = normalize_url(url)
    return psycopg.connect(
        host=url.host, port=url.port, user=url.username, password=url.password, dbname=url.database, **kwargs
    )


def _kill_while_blocked(db_url: Any, table: str, write: Callable[[], Any]) -> BaseException | None:
    """Run `write` in a thread while `table` is locked; kill its backend once it waits; return what it raised."""
    outcome: dict[str, BaseException | None] = {"error": None}

    def run() -> None:
        try:
            write()
        except BaseException as exc:  # handed to the test thread
            outcome["error"] = exc

    with _psycopg(db_url) as locker, _psycopg(db_url, autocommit=True) as killer:
        locker.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")  # reads pass, writes wait
        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        victim = None
        deadline = time.monotonic() + 20
        while victim is None and time.monotonic() < deadline and worker.is_alive():
            row = killer.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
                "AND pid NOT IN (pg_backend_pid(), %s)",
                (locker.info.backend_pid,),
            ).fetchone()
            victim = row[0] if row else None
            time.sleep(0.02)
        assert victim is not None, "the service's write never waited on the lock"
        assert killer.execute("SELECT pg_terminate_backend(%s)", (victim,)).fetchone() == (True,)
        locker.rollback()
        worker.join(20)
        assert not worker.is_alive()
    return outcome["error"]


# --- a dropped connection ------------------------------------------------------------------------


@pytest.mark.pg
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_cell_save_cut_off_by_a_dropped_connection(act_as, demo_db_url: str) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    period_id = gb.current_period_id(session, DEMO_TODAY)
    journal = next(j for j in gb.my_journals(session, period_id, today=DEMO_TODAY) if j.can_write)
    opened = gb.open_journal(session, journal.assignment_id, today=DEMO_TODAY)
    lesson = opened.lessons[-1]
    student = next(
        s
        for s in opened.students
        if s.belongs_on(lesson.held_on) and opened.cell(s.student_id, lesson.lesson_id).is_empty
    )

    def save() -> Any:
        return gb.save_cell(
            session, lesson.lesson_id, student.student_id, CellEntry(("5",)), gb.EMPTY_CELL_STATE, today=DEMO_TODAY
        )

    error = _kill_while_blocked(demo_db_url, "mark", save)
    assert isinstance(error, ConnectionLost), repr(error)
    assert str(error) == CONNECTION_LOST  # «Нет связи с базой данных: изменения не сохранены»
    again = gb.open_journal(session, journal.assignment_id, today=DEMO_TODAY)
    assert again.cell(student.student_id, lesson.lesson_id).is_empty  # nothing half-written
    # The journal sends the kept edit again: the same session works on a fresh connection.
    assert save().marks == ("5",)


@pytest.mark.pg
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_an_account_creation_cut_off_by_a_dropped_connection(world: World) -> None:
    assert world.college is not None
    admin = world.session("admin")
    student_person, _parent = world.add_family("g1", "Обрывов")
    issued: list[accounts.IssuedCredential] = []
    error = _kill_while_blocked(
        world.college.url.set(database=world.college.db),
        "account",
        lambda: issued.append(accounts.create_account(admin, student_person, "student", login="obryvov_cut")),
    )
    assert isinstance(error, ConnectionLost), repr(error)
    assert str(error) == CONNECTION_LOST
    with world.owner.connect() as conn:
        assert conn.execute(select(m.Account.id).where(m.Account.person_id == student_person)).first() is None
        # the LOGIN role was created in the same transaction: rolled back with it
        assert conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = 'obryvov_cut'")).first() is None
    # Done again, it works on a fresh connection.
    world.track("obryvov_cut")
    made = accounts.create_account(admin, student_person, "student", login="obryvov_cut")
    assert made.login == "obryvov_cut" and not issued


# --- SQL injection through text fields -------------------------------------------------------------


def _table_counts(session: Any) -> dict[str, int]:
    with session.engine.connect() as conn:
        return {
            table.__tablename__: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (m.Person, m.Student, m.Mark, m.Lesson, m.Account)
        }


def test_topics_and_homework_are_stored_verbatim(act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    period_id = gb.current_period_id(session, DEMO_TODAY)
    journal = next(j for j in gb.my_journals(session, period_id, today=DEMO_TODAY) if j.can_write)
    lesson = gb.open_journal(session, journal.assignment_id, today=DEMO_TODAY).lessons[-1]
    before = _table_counts(session)
    for attack in ATTACKS:
        lessons.update_lesson(session, lesson.lesson_id, topic=attack, homework=attack)
        with session.engine.connect() as conn:
            stored = conn.execute(
                select(m.Lesson.topic, m.Lesson.homework).where(m.Lesson.id == lesson.lesson_id)
            ).one()
        assert tuple(stored) == (attack, attack)
    assert _table_counts(session) == before


def test_names_are_stored_verbatim_and_searched_literally(act_as) -> None:  # type: ignore[no-untyped-def]
    secretary = act_as("sekretar")
    group_id = contingent_people.list_students(secretary)[0].group_id
    before = _table_counts(secretary)
    made = []
    for n, attack in enumerate(ATTACKS):
        student_id = contingent_people.create_student(
            secretary, {"last_name": attack[:60], "first_name": f"Имя{n}", "group_id": group_id}
        )
        made.append((student_id, attack[:60]))
    with secretary.engine.connect() as conn:
        for student_id, name in made:
            stored = conn.execute(
                select(m.Person.last_name)
                .join(m.Student, m.Student.person_id == m.Person.id)
                .where(m.Student.id == student_id)
            ).scalar_one()
            assert stored == name
    after = _table_counts(secretary)
    assert after["student"] == before["student"] + len(ATTACKS) and after["mark"] == before["mark"]
    # A search for the quote-and-OR trick finds that one student, not everyone.
    found = contingent_people.search_students(secretary, "' OR '1'='1")
    assert [s.id for s in found] == [made[2][0]]


def test_logins_and_filters_with_sql_are_refused_or_matched_literally(act_as) -> None:  # type: ignore[no-untyped-def]
    admin = act_as("admin")
    before = _table_counts(admin)
    person = admin.user.person_id  # the login is checked before anything is looked up
    for attack in ATTACKS:
        with pytest.raises(ValidationError) as caught:
            accounts.create_account(admin, person, "teacher", login=attack)
        assert caught.value.field == "login" and "Недопустимый логин" in str(caught.value)
        assert accounts.list_accounts(admin, search=attack) == []
        assert audit.list_audit(admin, person_login=attack) == []
    assert _table_counts(admin) == before
