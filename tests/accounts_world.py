"""The same small college on both backends, with real logins, for the accounts and audit service tests.

PostgreSQL: the college of tests/server/college.py (a server set up by `init_server`; every person a
LOGIN role made through ej_create_login). SQLite: the same people in an embedded file, with scrypt
hashes. Either way `session(key)` logs in for real with the password, and `add_family` adds people
who have no account yet (as the owner: the secretary's work is not under test here).
"""

from __future__ import annotations

import itertools
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, text

from ejournal_desktop.domain.names import search_key
from ejournal_desktop.services import auth
from ejournal_desktop.services.passwords import hash_password
from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import make_engine
from ejournal_desktop.store.migrate import upgrade
from tests.server.college import PASSWORD, College

_names = itertools.count(1)

# key → (last, first, main role); t1 curates g1 (21-ТО: s1, s2), t2 curates g2 (22-ТО: s3).
PEOPLE = {
    "admin": ("Админов", "Алексей", "admin"),
    "deputy": ("Завучева", "Зоя", "deputy"),
    "secretary": ("Секретарёва", "Света", "secretary"),
    "t1": ("Петров", "Пётр", "teacher"),
    "t2": ("Сидорова", "Анна", "teacher"),
    "s1": ("Иванов", "Иван", "student"),
    "s2": ("Ёлкин", "Егор", "student"),
    "s3": ("Кузнецова", "Мария", "student"),
    "p1": ("Иванова", "Ольга", "parent"),
    "p2": ("Кузнецов", "Олег", "parent"),
}


@dataclass
class World:
    backend: str
    profile: auth.Profile
    owner: Engine  # writes past every check: the fixtures' hand
    ids: dict[str, int]
    logins: dict[str, str]
    college: College | None = None
    sessions: list[auth.UserSession] = field(default_factory=list)

    def session(self, key: str, password: str = PASSWORD) -> auth.UserSession:
        session = auth.login(self.profile, self.logins.get(key, key), password)
        self.sessions.append(session)
        return session

    def track(self, login: str) -> None:
        """A login a test created: on PostgreSQL its role is dropped with the college."""
        if self.college is not None:
            self.college.logins[f"created_{login}"] = login

    def add_family(self, group_key: str, last: str, *, with_parent: bool = True) -> tuple[int, int | None]:
        """A new student of the group (and a parent), both without accounts; unique names per call."""
        return self.add_family_in(self.ids[group_key], last, with_parent=with_parent)

    def add_family_in(self, group_id: int, last: str, *, with_parent: bool = True) -> tuple[int, int | None]:
        n = next(_names)
        with self.owner.begin() as conn:
            if self.backend == "postgresql":
                conn.execute(text("SET LOCAL ROLE ej_owner"))
            student_person = _person(conn, f"{last}", f"Студент{n}")
            student_id = conn.execute(
                insert(m.Student)
                .values(person_id=student_person, group_id=group_id, status="studying")
                .returning(m.Student.id)
            ).scalar_one()
            parent_person = None
            if with_parent:
                parent_person = _person(conn, f"{last}а", f"Родитель{n}")
                conn.execute(
                    insert(m.GuardianLink).values(student_id=student_id, guardian_id=parent_person, relation="мать")
                )
        return student_person, parent_person

    def new_group(self, curator_key: str) -> int:
        n = next(_names)
        with self.owner.begin() as conn:
            if self.backend == "postgresql":
                conn.execute(text("SET LOCAL ROLE ej_owner"))
            return conn.execute(
                insert(m.StudyGroup)
                .values(name=f"Г{n}-{id(self) % 1000}", specialty_id=self.ids["spec"], course=1,
                        admission_year=2026, curator_id=self.ids[curator_key])
                .returning(m.StudyGroup.id)
            ).scalar_one()  # fmt: skip

    def close(self) -> None:
        for session in self.sessions:
            session.close()
        self.owner.dispose()


def _person(conn: Any, last: str, first: str) -> int:
    return conn.execute(
        insert(m.Person)
        .values(last_name=last, first_name=first, search_name=search_key(f"{last} {first}"))
        .returning(m.Person.id)
    ).scalar_one()


def build_sqlite_template(path: Path) -> dict[str, int]:
    """The college in an embedded file; returns the ids. Copied per test (the scrypt hashes cost)."""
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    ids: dict[str, int] = {}
    digest = hash_password(PASSWORD)
    with engine.begin() as conn:
        for key, (last, first, _role) in PEOPLE.items():
            ids[key] = _person(conn, last, first)
        ids["spec"] = conn.execute(
            insert(m.Specialty).values(code="35.02.16", name="Эксплуатация техники", qualification="Техник")
            .returning(m.Specialty.id)
        ).scalar_one()  # fmt: skip
        for key, name, curator in (("g1", "21-ТО", "t1"), ("g2", "22-ТО", "t2")):
            ids[key] = conn.execute(
                insert(m.StudyGroup)
                .values(name=name, specialty_id=ids["spec"], course=2, admission_year=2025, curator_id=ids[curator])
                .returning(m.StudyGroup.id)
            ).scalar_one()
        for key, group in (("s1", "g1"), ("s2", "g1"), ("s3", "g2")):
            ids[f"st_{key}"] = conn.execute(
                insert(m.Student).values(person_id=ids[key], group_id=ids[group], status="studying")
                .returning(m.Student.id)
            ).scalar_one()  # fmt: skip
        for parent, child in (("p1", "s1"), ("p2", "s3")):
            conn.execute(insert(m.GuardianLink).values(student_id=ids[f"st_{child}"], guardian_id=ids[parent]))
        for key, (_last, _first, role) in PEOPLE.items():
            conn.execute(
                insert(m.Account).values(
                    person_id=ids[key], login=key, role=role, must_change_password=False, password_hash=digest
                )
            )
    engine.dispose()
    return ids


def sqlite_world(template: Path, ids: dict[str, int], tmp_path: Path) -> World:
    target = tmp_path / "accounts.sqlite3"
    shutil.copyfile(template, target)
    profile = auth.Profile(kind="embedded", path=str(target))
    return World("sqlite", profile, make_engine(profile.url()), dict(ids), {k: k for k in PEOPLE})


def pg_world(college: College) -> World:
    url = college.url
    profile = auth.Profile(kind="server", host=url.host or "", port=url.port or 5432, database=college.db)
    owner = make_engine(url.set(database=college.db))
    return World("postgresql", profile, owner, college.ids, college.logins, college=college)
