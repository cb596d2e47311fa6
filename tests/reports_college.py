"""A tiny hand-made college for the report tests: every figure of every report is computed by hand
from what is written here (see the comments), on SQLite and on PostgreSQL.

Period 2026/2027-1 (01.09–31.12.2026); «today» is 30.11.2026.
Group 21-ТО (2nd course, 35.02.16; curator Тихонов Сергей Петрович = teacher T1), five students:
    A Алексеев Андрей, B Борисова Вера, C Васильев Глеб, E Григорьева Дарья, F Дмитриев Егор;
    F is expelled from 01.11.2026 (in the group up to 31.10): out of the period's statistics.
Group 11-АГ (1st course, 35.02.05), one student Ж Жуков Иван.

Disciplines of 21-ТО: D1 ОП.01 Математика (exam: semester + exam marks, T1, 40 h planned),
D2 ОП.02 Информатика (other: semester mark, T2, 30 h), D3 ОП.03 Физическая культура (credit, T2,
20 h). 11-АГ: D1 by T2 (exam, 40 h).

Lessons (2 h each): D1 07.09, 05.10, 09.11 (no topic); D2 08.09, 06.10 (entered on 20.10: late);
D3 09.09, 25.11 (nobody marked: no mark, no absence); 11-АГ D1 27.11.

Lesson marks:  A: D1 5, 4 (05.10, version 3: two corrections), 5; D2 4, 4; D3 зч
               B: D1 3, 2; D2 4/5 (two marks in one cell), 5; D3 зч
               C: D1 2, 2; D2 3; D3 нз
               E: D1 4; D3 зч          F: D1 5          Ж: 4
Absences:      A: D1 05.10 1 h unexcused, late    B: D1 09.11 2 h sick
               C: D2 06.10 2 h excused            E: D2 08.09 2 h unexcused, D2 06.10 2 h sick
               F: D1 05.10 2 h unexcused
Final marks:   A: D1 sem 5 exam 5; D2 5; D3 зч      B: D1 sem 3 exam 3; D2 5; D3 зч
               C: D1 sem 2 exam 2; D2 3 (version 2); D3 нз
               E: D1 sem 4 exam 5; D2 н/а; D3 зч    F: D1 sem 5     Ж: D1 sem 4 exam 4
Accounts: kurator1 (T1, teacher; logins 02.11 10:00 and 12:00), prepod2 (T2, never), zam (deputy;
login 03.11 09:00), adm (admin, never).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, insert

from ejournal_desktop.domain.names import search_key
from ejournal_desktop.store import models as m
from ejournal_desktop.store.bulk import reset_sequences

TODAY = dt.date(2026, 11, 30)
D = dt.date


@dataclass(frozen=True)
class Ids:
    period: int = 1
    group: int = 1
    other_group: int = 2
    t1: int = 1
    t2: int = 2
    deputy: int = 3
    admin: int = 4
    a: int = 1
    b: int = 2
    c: int = 3
    e: int = 4
    f: int = 5
    zh: int = 6
    d1: int = 1
    d2: int = 2
    d3: int = 3


IDS = Ids()
NAMES = {
    1: "Алексеев Андрей Ильич",
    2: "Борисова Вера Николаевна",
    3: "Васильев Глеб Олегович",
    4: "Григорьева Дарья Павловна",
    5: "Дмитриев Егор Романович",
    6: "Жуков Иван Семёнович",
}


def _person(pid: int, full: str, **extra: object) -> dict[str, object]:
    last, first, middle = full.split()
    return {
        "id": pid,
        "last_name": last,
        "first_name": first,
        "middle_name": middle,
        "search_name": search_key(full),
        "phone": None,
        "email": None,
        **extra,
    }


def build_college(engine: Engine) -> Ids:
    people = [
        _person(1, "Тихонов Сергей Петрович", phone="+7 900 111-22-33", email="tikhonov@college.example"),
        _person(2, "Петрова Анна Викторовна"),
        _person(3, "Блинова Вера Кирилловна"),
        _person(4, "Админов Олег Олегович"),
        *[_person(10 + sid, name) for sid, name in NAMES.items()],
        _person(30, "Борисова Ольга Ивановна", email="olga@parents.example"),
    ]
    created = dt.datetime(2026, 8, 25, 9, 0)

    def lesson(lid: int, aid: int, day: dt.date, topic: str | None = "Тема", entered: dt.date | None = None) -> dict:
        return {
            "id": lid,
            "assignment_id": aid,
            "held_on": day,
            "pair_no": 1,
            "hours": 2,
            "topic": topic,
            "lesson_kind": "theory",
            "created_at": dt.datetime.combine(entered or day, dt.time(15, 0)),
        }

    lessons = [
        lesson(1, 1, D(2026, 9, 7)),
        lesson(2, 1, D(2026, 10, 5)),
        lesson(3, 1, D(2026, 11, 9), topic=None),
        lesson(4, 2, D(2026, 9, 8)),
        lesson(5, 2, D(2026, 10, 6), entered=D(2026, 10, 20)),
        lesson(6, 3, D(2026, 9, 9)),
        lesson(7, 3, D(2026, 11, 25)),
        lesson(8, 4, D(2026, 11, 27)),
    ]
    a, b, c, e, f, zh = 1, 2, 3, 4, 5, 6
    marks = [
        # (lesson, student, slot, value, version)
        (1, a, 1, "5", 1),
        (2, a, 1, "4", 3),
        (3, a, 1, "5", 1),
        (4, a, 1, "4", 1),
        (5, a, 1, "4", 1),
        (6, a, 1, "зч", 1),
        (1, b, 1, "3", 1),
        (2, b, 1, "2", 1),
        (4, b, 1, "4", 1),
        (4, b, 2, "5", 1),
        (5, b, 1, "5", 1),
        (6, b, 1, "зч", 1),
        (1, c, 1, "2", 1),
        (2, c, 1, "2", 1),
        (4, c, 1, "3", 1),
        (6, c, 1, "нз", 1),
        (1, e, 1, "4", 1),
        (6, e, 1, "зч", 1),
        (1, f, 1, "5", 1),
        (8, zh, 1, "4", 1),
    ]
    absences = [
        # (lesson, student, hours, reason, late)
        (2, a, 1, "unexcused", True),
        (3, b, 2, "sick", False),
        (5, c, 2, "excused", False),
        (4, e, 2, "unexcused", False),
        (5, e, 2, "sick", False),
        (2, f, 2, "unexcused", False),
    ]
    finals = [
        # (assignment, student, kind, value, version)
        (1, a, "semester", "5", 1),
        (1, a, "exam", "5", 1),
        (2, a, "semester", "5", 1),
        (3, a, "credit", "зч", 1),
        (1, b, "semester", "3", 1),
        (1, b, "exam", "3", 1),
        (2, b, "semester", "5", 1),
        (3, b, "credit", "зч", 1),
        (1, c, "semester", "2", 1),
        (1, c, "exam", "2", 1),
        (2, c, "semester", "3", 2),
        (3, c, "credit", "нз", 1),
        (1, e, "semester", "4", 1),
        (1, e, "exam", "5", 1),
        (2, e, "semester", "н/а", 1),
        (3, e, "credit", "зч", 1),
        (1, f, "semester", "5", 1),
        (4, zh, "semester", "4", 1),
        (4, zh, "exam", "4", 1),
    ]
    with engine.begin() as conn:
        conn.execute(insert(m.Person), people)
        conn.execute(
            insert(m.Specialty),
            [
                {"id": 1, "code": "35.02.16", "name": "Эксплуатация и ремонт сельскохозяйственной техники"},
                {"id": 2, "code": "35.02.05", "name": "Агрономия"},
            ],
        )
        conn.execute(
            insert(m.StudyGroup),
            [
                {"id": 1, "name": "21-ТО", "specialty_id": 1, "course": 2, "admission_year": 2025, "curator_id": 1},
                {"id": 2, "name": "11-АГ", "specialty_id": 2, "course": 1, "admission_year": 2026, "curator_id": None},
            ],
        )
        conn.execute(
            insert(m.Student),
            [
                {"id": sid, "person_id": 10 + sid, "group_id": 2 if sid == zh else 1, "status": "studying"}
                for sid in NAMES
            ],
        )
        conn.execute(
            m.Student.__table__.update().where(m.Student.id == f).values(status="expelled"),
        )
        conn.execute(
            insert(m.StudentMovement),
            [
                {
                    "id": 1,
                    "student_id": f,
                    "kind": "expel",
                    "from_group_id": 1,
                    "to_group_id": None,
                    "order_no": "12-к",
                    "order_date": D(2026, 10, 25),
                    "effective_date": D(2026, 11, 1),
                }
            ],
        )
        conn.execute(insert(m.GuardianLink), [{"id": 1, "student_id": b, "guardian_id": 30, "relation": "мать"}])
        conn.execute(
            insert(m.Discipline),
            [
                {"id": 1, "code": "ОП.01", "name": "Математика", "kind": "ОП"},
                {"id": 2, "code": "ОП.02", "name": "Информатика", "kind": "ОП"},
                {"id": 3, "code": "ОП.03", "name": "Физическая культура", "kind": "ОП"},
            ],
        )
        conn.execute(
            insert(m.Period),
            [
                {
                    "id": 1,
                    "academic_year": "2026/2027",
                    "number": 1,
                    "starts_on": D(2026, 9, 1),
                    "ends_on": D(2026, 12, 31),
                }
            ],
        )
        conn.execute(
            insert(m.TeachingAssignment),
            [
                {"id": 1, "group_id": 1, "discipline_id": 1, "teacher_id": 1, "period_id": 1, "planned_hours": 40,
                 "control_form": "exam"},
                {"id": 2, "group_id": 1, "discipline_id": 2, "teacher_id": 2, "period_id": 1, "planned_hours": 30,
                 "control_form": "other"},
                {"id": 3, "group_id": 1, "discipline_id": 3, "teacher_id": 2, "period_id": 1, "planned_hours": 20,
                 "control_form": "credit"},
                {"id": 4, "group_id": 2, "discipline_id": 1, "teacher_id": 2, "period_id": 1, "planned_hours": 40,
                 "control_form": "exam"},
            ],
        )  # fmt: skip
        conn.execute(insert(m.Lesson), lessons)
        conn.execute(
            insert(m.Mark),
            [
                {"id": i, "lesson_id": lid, "student_id": sid, "slot": slot, "value": v, "version": ver}
                for i, (lid, sid, slot, v, ver) in enumerate(marks, start=1)
            ],
        )
        conn.execute(
            insert(m.Attendance),
            [
                {"id": i, "lesson_id": lid, "student_id": sid, "absent_hours": h, "reason": r, "late": late}
                for i, (lid, sid, h, r, late) in enumerate(absences, start=1)
            ],
        )
        conn.execute(
            insert(m.FinalMark),
            [
                {"id": i, "assignment_id": aid, "student_id": sid, "kind": k, "value": v, "version": ver}
                for i, (aid, sid, k, v, ver) in enumerate(finals, start=1)
            ],
        )
        conn.execute(
            insert(m.Account),
            [
                {"id": 1, "person_id": 1, "login": "kurator1", "role": "teacher", "created_at": created,
                 "last_login_at": dt.datetime(2026, 11, 2, 12, 0)},
                {"id": 2, "person_id": 2, "login": "prepod2", "role": "teacher", "created_at": created,
                 "last_login_at": None},
                {"id": 3, "person_id": 3, "login": "zam", "role": "deputy", "created_at": created,
                 "last_login_at": dt.datetime(2026, 11, 3, 9, 0)},
                {"id": 4, "person_id": 4, "login": "adm", "role": "admin", "created_at": created,
                 "last_login_at": None},
            ],
        )  # fmt: skip
        conn.execute(
            insert(m.AuditLog),
            [
                {"at": dt.datetime(2026, 11, 2, 10, 0), "db_user": "kurator1", "table_name": "account", "row_id": 1,
                 "action": "LOGIN"},
                {"at": dt.datetime(2026, 11, 2, 12, 0), "db_user": "kurator1", "table_name": "account", "row_id": 1,
                 "action": "LOGIN"},
                {"at": dt.datetime(2026, 11, 3, 9, 0), "db_user": "zam", "table_name": "account", "row_id": 3,
                 "action": "LOGIN"},
            ],
        )  # fmt: skip
        conn.execute(
            insert(m.AppSetting),
            [
                {"key": "college_name", "value": "ГБПОУ «Тестовый техникум»"},
                {"key": "director", "value": "Директоров Иван Иванович"},
                {"key": "deputy", "value": "Блинова Вера Кирилловна"},
            ],
        )
    with engine.begin() as conn:
        reset_sequences(conn, m.Base.metadata.sorted_tables)
    return IDS
