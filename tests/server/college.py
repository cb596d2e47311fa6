"""A small college on a server set up by `init_server`, and logins for each of its people.

2 groups, 2 teachers (each the curator of one group), 3 students, 2 parents, a deputy, a secretary
and the first admin; 2 periods, one of them closed. Every login has a password with quotes and
Cyrillic letters. Roles are cluster-wide and shared by the whole test session, so each college gets
its own login suffix and drops its roles when done.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

import psycopg
from sqlalchemy.engine import URL

from ejournal_desktop.store.engine import normalize_url
from ejournal_desktop.store.pg_admin import admin_engine, drop_database
from ejournal_desktop.store.server.server_init import init_server, scram_verifier

PASSWORD = 'Пар\'оль "ЭЖ" 1'


@dataclass
class College:
    server_url: str
    db: str
    suffix: str
    admin_login: str
    ids: dict[str, int] = field(default_factory=dict)
    logins: dict[str, str] = field(default_factory=dict)  # person key → login

    @property
    def url(self) -> URL:
        return normalize_url(self.server_url)

    def connect_as(self, key_or_login: str, password: str = PASSWORD, **kwargs: Any) -> psycopg.Connection:
        login = self.logins.get(key_or_login, key_or_login)
        url = self.url
        kwargs.setdefault("autocommit", True)
        return psycopg.connect(
            host=url.host, port=url.port, user=login, password=password, dbname=self.db, connect_timeout=5, **kwargs
        )

    def superuser(self, **kwargs: Any) -> psycopg.Connection:
        url = self.url
        kwargs.setdefault("autocommit", True)
        return psycopg.connect(
            host=url.host, port=url.port, user=url.username, password=url.password, dbname=self.db, **kwargs
        )

    def login(self, key: str) -> str:
        return self.logins[key]


def build_college(server_url: str, db: str) -> College:
    suffix = secrets.token_hex(3)
    college = College(server_url=server_url, db=db, suffix=suffix, admin_login=f"admin_{suffix}")
    init_server(server_url, db, college.admin_login, PASSWORD)
    college.logins["admin"] = college.admin_login
    ids = college.ids
    with college.superuser() as conn, conn.transaction():
        conn.execute("SET LOCAL ROLE ej_owner")

        def one(sql: str, *params: Any) -> int:
            row = conn.execute(sql, params).fetchone()
            assert row is not None
            return int(row[0])

        def person(key: str, last: str, first: str) -> None:
            ids[key] = one(
                "INSERT INTO person (last_name, first_name, search_name, phone) VALUES (%s, %s, %s, %s) RETURNING id",
                last,
                first,
                f"{last} {first}".lower(),
                "+7 900 000-00-00",
            )

        ids["admin"] = one("SELECT person_id FROM account WHERE login = %s", college.admin_login)
        for key, last, first in (
            ("deputy", "Завучева", "Зоя"),
            ("secretary", "Секретарёва", "Света"),
            ("t1", "Петров", "Пётр"),
            ("t2", "Сидорова", "Анна"),
            ("s1", "Иванов", "Иван"),
            ("s2", "Ёлкин", "Егор"),
            ("s3", "Кузнецова", "Мария"),
            ("p1", "Иванова", "Ольга"),
            ("p2", "Кузнецов", "Олег"),
        ):
            person(key, last, first)
        ids["spec"] = one(
            "INSERT INTO specialty (code, name, qualification) VALUES ('35.02.16', 'Эксплуатация техники', 'Техник') "
            "RETURNING id"
        )
        ids["g1"] = one(
            "INSERT INTO study_group (name, specialty_id, course, admission_year, curator_id, base_grade, is_archived) "
            "VALUES ('21-ТО', %s, 2, 2025, %s, 9, false) RETURNING id",
            ids["spec"],
            ids["t1"],
        )
        ids["g2"] = one(
            "INSERT INTO study_group (name, specialty_id, course, admission_year, curator_id, base_grade, is_archived) "
            "VALUES ('22-ТО', %s, 1, 2026, %s, 9, false) RETURNING id",
            ids["spec"],
            ids["t2"],
        )
        for key, group in (("s1", "g1"), ("s2", "g1"), ("s3", "g2")):
            ids[f"st_{key}"] = one(
                "INSERT INTO student (person_id, group_id, record_book_no, status) VALUES (%s, %s, %s, 'studying') "
                "RETURNING id",
                ids[key],
                ids[group],
                f"{key}-{suffix}",
            )
        ids["gl1"] = one(
            "INSERT INTO guardian_link (student_id, guardian_id, relation) VALUES (%s, %s, 'мать') RETURNING id",
            ids["st_s1"],
            ids["p1"],
        )
        ids["gl2"] = one(
            "INSERT INTO guardian_link (student_id, guardian_id, relation) VALUES (%s, %s, 'отец') RETURNING id",
            ids["st_s3"],
            ids["p2"],
        )
        conn.execute(
            "INSERT INTO student_movement (student_id, kind, to_group_id, order_no, order_date, effective_date) "
            "VALUES (%s, 'enrol', %s, '12-к', '2025-08-25', '2025-09-01')",
            (ids["st_s1"], ids["g1"]),
        )
        ids["period_open"] = one(
            "INSERT INTO period (academic_year, number, starts_on, ends_on) "
            "VALUES ('2026/2027', 1, '2026-09-01', '2026-12-31') RETURNING id"
        )
        ids["period_closed"] = one(
            "INSERT INTO period (academic_year, number, starts_on, ends_on, closed_at) "
            "VALUES ('2025/2026', 2, '2026-01-09', '2026-06-30', '2026-07-01') RETURNING id"
        )
        ids["da"] = one(
            "INSERT INTO discipline (code, name, kind) VALUES ('ОП.01', 'Инженерная графика', 'ОП') RETURNING id"
        )
        ids["db"] = one(
            "INSERT INTO discipline (code, name, kind) VALUES ('ОП.02', 'Техническая механика', 'ОП') RETURNING id"
        )
        # a1: t1 teaches g1 (open); a2: t2 teaches g1 (open); a3: t2 teaches g2 (open);
        # a4: t1 taught g1 in the closed period; a5: t1 teaches g2 (open), where t2 is the curator.
        for key, group, disc, teacher, period in (
            ("a1", "g1", "da", "t1", "period_open"),
            ("a2", "g1", "db", "t2", "period_open"),
            ("a3", "g2", "db", "t2", "period_open"),
            ("a4", "g1", "da", "t1", "period_closed"),
            ("a5", "g2", "da", "t1", "period_open"),
        ):
            ids[key] = one(
                "INSERT INTO teaching_assignment (group_id, discipline_id, teacher_id, period_id, planned_hours, "
                "control_form) VALUES (%s, %s, %s, %s, 72, 'exam') RETURNING id",
                ids[group],
                ids[disc],
                ids[teacher],
                ids[period],
            )
        for n, assignment, day in ((1, "a1", "2026-09-07"), (2, "a2", "2026-09-08"), (3, "a3", "2026-09-08"),
                                   (4, "a4", "2026-03-02"), (5, "a5", "2026-09-09")):  # fmt: skip
            ids[f"l{n}"] = one(
                "INSERT INTO lesson (assignment_id, held_on, pair_no, hours, topic, homework, lesson_kind) "
                "VALUES (%s, %s, 1, 2, %s, '§ 1, упр. 3', 'theory') RETURNING id",
                ids[assignment],
                day,
                f"Тема {n}",
            )
        for key, lesson, student, value in (
            ("m1", "l1", "s1", "5"),
            ("m2", "l1", "s2", "4"),
            ("m3", "l2", "s1", "3"),
            ("m4", "l2", "s2", "5"),
            ("m5", "l3", "s3", "4"),
            ("m6", "l4", "s1", "5"),
            ("m7", "l5", "s3", "3"),
        ):
            ids[key] = one(
                "INSERT INTO mark (lesson_id, student_id, slot, value, version) VALUES (%s, %s, 1, %s, 1) RETURNING id",
                ids[lesson],
                ids[f"st_{student}"],
                value,
            )
        for key, lesson, student in (("at1", "l1", "s2"), ("at2", "l2", "s1"), ("at3", "l3", "s3")):
            ids[key] = one(
                "INSERT INTO attendance (lesson_id, student_id, absent_hours, reason, late, version) "
                "VALUES (%s, %s, 2, 'unexcused', false, 1) RETURNING id",
                ids[lesson],
                ids[f"st_{student}"],
            )
        ids["fm1"] = one(
            "INSERT INTO final_mark (assignment_id, student_id, kind, value, version) "
            "VALUES (%s, %s, 'semester', '5', 1) RETURNING id",
            ids["a4"],
            ids["st_s1"],
        )
        ids["ex1"] = one(
            "INSERT INTO excuse (student_id, from_date, to_date, reason, document) "
            "VALUES (%s, '2026-09-07', '2026-09-07', 'sick', 'справка 1') RETURNING id",
            ids["st_s2"],
        )
    # The logins are created the way the admin creates them: through ej_create_login.
    roles = {"deputy": "deputy", "secretary": "secretary", "t1": "teacher", "t2": "teacher",
             "s1": "student", "s2": "student", "s3": "student", "p1": "parent", "p2": "parent"}  # fmt: skip
    with college.connect_as("admin") as admin:
        verifier = scram_verifier(PASSWORD, admin)
        for key, role in roles.items():
            login = f"{key}_{suffix}"
            admin.execute("SELECT ej_create_login(%s, %s, %s, %s)", (login, role, verifier, ids[key]))
            college.logins[key] = login
    return college


def drop_college(college: College) -> None:
    admin = admin_engine(college.server_url)
    drop_database(admin, college.db)
    admin.dispose()
    drop_logins(college.server_url, college.logins.values())


def drop_logins(server_url: str, logins: Any) -> None:
    url = normalize_url(server_url)
    with psycopg.connect(
        host=url.host, port=url.port, user=url.username, password=url.password, dbname="postgres", autocommit=True
    ) as conn:
        for login in logins:
            conn.execute(psycopg.sql.SQL("DROP ROLE IF EXISTS {}").format(psycopg.sql.Identifier(login)))
