"""The server's membership rule (ej_belongs_on, used by ej_save_cells) and domain.membership agree.

The journal places a student in the group by date twice: in Python when it is opened and when a
cell is saved through the separate statements (domain.membership), and on the server when a cell
is saved in one round trip (ej_belongs_on in store/server/12_journal_save.sql). Each story of
movements below is written into the database and both are asked about the same days.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ejournal_desktop.domain.membership import Movement, belongs_on, membership_intervals
from tests.server.college import College

pytestmark = pytest.mark.pg

D = dt.date
G, H = "g1", "g2"  # the group asked about, and another one
STORIES: dict[str, list[tuple[str, str | None, str | None, dt.date]]] = {
    "no movement at all": [],
    "enrolled into the group": [("enrol", None, G, D(2026, 9, 10))],
    "transferred out": [("transfer", G, H, D(2026, 10, 10))],
    "transferred in": [("transfer", H, G, D(2026, 10, 10))],
    "enrolled elsewhere, then in, leave and return": [
        ("enrol", None, H, D(2026, 9, 1)),
        ("transfer", H, G, D(2026, 10, 1)),
        ("academic_leave", G, None, D(2026, 11, 1)),
        ("return", None, G, D(2027, 1, 15)),
    ],
    "enrolled, then expelled": [("enrol", None, G, D(2026, 9, 1)), ("expel", G, None, D(2026, 10, 15))],
    "graduated from no named group": [("graduate", None, None, D(2026, 12, 1))],
    "leave first, then back": [("academic_leave", G, None, D(2026, 9, 20)), ("return", None, G, D(2026, 10, 20))],
    "out and back in": [
        ("enrol", None, G, D(2026, 9, 1)),
        ("transfer", G, H, D(2026, 10, 1)),
        ("transfer", H, G, D(2026, 11, 1)),
    ],
    "only ever in the other group": [("enrol", None, H, D(2026, 9, 1))],
}
DAYS = [
    D(2026, 8, 25), D(2026, 9, 1), D(2026, 9, 9), D(2026, 9, 10), D(2026, 9, 19), D(2026, 9, 20),
    D(2026, 9, 30), D(2026, 10, 1), D(2026, 10, 9), D(2026, 10, 10), D(2026, 10, 14), D(2026, 10, 15),
    D(2026, 10, 19), D(2026, 10, 20), D(2026, 10, 31), D(2026, 11, 1), D(2026, 11, 30), D(2026, 12, 1),
    D(2027, 1, 14), D(2027, 1, 15), D(2027, 2, 1),
]  # fmt: skip


@pytest.mark.parametrize("story", list(STORIES))
def test_the_server_and_the_domain_place_a_student_in_the_group_on_the_same_days(college: College, story: str) -> None:
    i = college.ids
    group_id = i[G]
    with college.superuser() as conn, conn.transaction(force_rollback=True):
        person = conn.execute(
            "INSERT INTO person (last_name, first_name, search_name) VALUES ('Проверочный', 'Тест', 'проверочный тест')"
            " RETURNING id"
        ).fetchone()
        assert person is not None
        student = conn.execute(
            "INSERT INTO student (person_id, group_id, status) VALUES (%s, %s, 'studying') RETURNING id",
            (person[0], group_id),
        ).fetchone()
        assert student is not None
        movements = []
        for number, (kind, source, target, day) in enumerate(STORIES[story], start=1):
            from_id, to_id = (i[source] if source else None), (i[target] if target else None)
            conn.execute(
                "INSERT INTO student_movement (student_id, kind, from_group_id, to_group_id, order_no, order_date, "
                "effective_date) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                (student[0], kind, from_id, to_id, f"{number}-к", day, day),
            )
            movements.append(Movement(kind, day, from_id, to_id))
        intervals = membership_intervals(movements, group_id)
        expected = [belongs_on(intervals, day) for day in DAYS]
        on_server = [
            conn.execute("SELECT ej_belongs_on(%s, %s, %s)", (student[0], group_id, day)).fetchone()[0]  # type: ignore[index]
            for day in DAYS
        ]
    disagree = [(day, want, got) for day, want, got in zip(DAYS, expected, on_server, strict=True) if want != got]
    assert not disagree, f"{story}: (day, domain, server) {disagree}"
