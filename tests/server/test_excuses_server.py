"""Excuses and period closing on a real server: each person logs in as their own role, RLS applies.

The college of tests/server/college.py: t1 curates 21-ТО (students s1, s2), t2 curates 22-ТО and
teaches 21-ТО the discipline of lesson l2 (08.09.2026), where s1 has an unexcused absence (at2).
"""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest

from ejournal_desktop.domain.errors import PermissionDenied
from ejournal_desktop.services import auth, excuses, periods
from tests.server.college import PASSWORD, College

pytestmark = pytest.mark.pg

DAY = dt.date(2026, 9, 8)


def login(college: College, key: str) -> auth.UserSession:
    url = college.url
    profile = auth.Profile(
        kind="server", host=url.host or "", port=url.port or 5432, database=college.db, sslmode="disable"
    )
    return auth.login(profile, college.login(key), PASSWORD)


def absence(college: College, key: str) -> tuple[str, int | None, int]:
    with college.superuser() as conn:
        row = conn.execute(
            "SELECT reason, excuse_id, absent_hours FROM attendance WHERE id = %s", (college.ids[key],)
        ).fetchone()
    assert row is not None
    return row[0], row[1], row[2]


def test_the_curator_excuses_an_absence_in_another_teachers_lesson_and_deletes_it(college: College) -> None:
    curator = login(college, "t1")
    try:
        result = excuses.create_excuse(curator, college.ids["st_s1"], DAY, DAY, "sick", "справка № 3")
        assert (result.lessons, result.hours) == (1, 2)
        assert absence(college, "at2") == ("sick", result.excuse_id, 2)
        listed = excuses.list_excuses(curator, college.ids["g1"])
        assert {e.document for e in listed} >= {"справка № 3"}
        assert excuses.delete_excuse(curator, result.excuse_id) == 1
        assert absence(college, "at2") == ("unexcused", None, 2)
    finally:
        curator.close()
    with college.superuser() as conn:
        audited = conn.execute(
            "SELECT action, db_user FROM audit_log WHERE table_name = 'excuse' AND row_id = %s ORDER BY id",
            (result.excuse_id,),
        ).fetchall()
    assert [tuple(r) for r in audited] == [("INSERT", college.login("t1")), ("DELETE", college.login("t1"))]


def test_a_teacher_who_is_not_the_curator_is_refused_by_the_service_and_the_server(college: College) -> None:
    teacher = login(college, "t2")  # teaches 21-ТО, curates 22-ТО
    try:
        with pytest.raises(PermissionDenied):
            excuses.create_excuse(teacher, college.ids["st_s1"], DAY, DAY, "sick", "справка")
    finally:
        teacher.close()
    # Straight through SQL, bypassing the client: the policies say no.
    with college.connect_as("t2") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO excuse (student_id, from_date, to_date, reason, document) "
                "VALUES (%s, '2026-09-07', '2026-09-07', 'sick', 'поддельная')",
                (college.ids["st_s2"],),
            )
        # at1 is an absence in t1's lesson: invisible to t2, so not updated.
        changed = conn.execute("UPDATE attendance SET reason = 'excused' WHERE id = %s", (college.ids["at1"],))
        assert changed.rowcount == 0
    assert absence(college, "at1")[0] == "unexcused"
    # The curator may change the reason of an absence in t2's lesson, but not its hours.
    with college.connect_as("t1") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("UPDATE attendance SET absent_hours = 1 WHERE id = %s", (college.ids["at2"],))
    assert absence(college, "at2") == ("unexcused", None, 2)


def test_the_deputy_closes_and_reopens_a_period_and_a_closed_period_refuses_excuses(college: College) -> None:
    deputy, curator = login(college, "deputy"), login(college, "t1")
    try:
        with pytest.raises(PermissionDenied):
            periods.close_period(curator, college.ids["period_open"])
        assert periods.close_period(deputy, college.ids["period_open"]).is_closed
        with pytest.raises(PermissionDenied, match="Период закрыт"):
            excuses.create_excuse(curator, college.ids["st_s1"], DAY, DAY, "sick", "справка")
        assert absence(college, "at2")[0] == "unexcused"
        assert not periods.reopen_period(deputy, college.ids["period_open"]).is_closed
    finally:
        deputy.close()
        curator.close()
    with college.superuser() as conn:
        closed_at = conn.execute("SELECT closed_at FROM period WHERE id = %s", (college.ids["period_open"],)).fetchone()
        audited = conn.execute(
            "SELECT count(*) FROM audit_log WHERE table_name = 'period' AND row_id = %s AND db_user = %s",
            (college.ids["period_open"], college.login("deputy")),
        ).fetchone()
    assert closed_at == (None,)
    assert audited == (2,)
