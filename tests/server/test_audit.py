"""The audit log names the real login, keeps the reason of a correction and cannot be edited; NOTIFY hints."""

from __future__ import annotations

import json

import pytest
from psycopg import errors

from tests.server.college import College

pytestmark = pytest.mark.pg


def last_audit(college: College, table: str, row_id: int) -> tuple:
    with college.superuser() as su:
        row = su.execute(
            "SELECT db_user, action, old, new, reason FROM audit_log WHERE table_name = %s AND row_id = %s "
            "ORDER BY id DESC LIMIT 1",
            (table, row_id),
        ).fetchone()
    assert row is not None
    return row


def test_a_mark_change_is_audited_as_the_real_user_with_the_reason(college: College) -> None:
    i = college.ids
    # The client lies about who it is: application_name says admin, and it tries to change identity.
    with college.connect_as("t1", application_name=college.admin_login) as t1:
        with pytest.raises(errors.InsufficientPrivilege):
            t1.execute("SET ROLE ej_owner")
        with pytest.raises(errors.InsufficientPrivilege):
            t1.execute(f"SET SESSION AUTHORIZATION {college.login('t2')}")
        with pytest.raises(errors.InsufficientPrivilege):
            t1.execute("SET ROLE ej_admin")
        t1.execute("SET ROLE ej_teacher")  # a group it belongs to: allowed, changes nothing
        with t1.transaction():
            t1.execute("SET LOCAL ej.reason = 'Запись ошибочна: оценка выставлена не тому студенту'")
            t1.execute("UPDATE mark SET value = '4', version = version + 1 WHERE id = %s", (i["m1"],))
    db_user, action, old, new, reason = last_audit(college, "mark", i["m1"])
    assert db_user == college.login("t1")
    assert action == "UPDATE"
    assert old["value"] == "5" and new["value"] == "4"
    assert reason == "Запись ошибочна: оценка выставлена не тому студенту"


def test_insert_and_delete_are_audited_and_a_no_op_update_is_not(college: College) -> None:
    i = college.ids
    with college.connect_as("t1") as t1:
        row = t1.execute(
            "INSERT INTO mark (lesson_id, student_id, slot, value, version) VALUES (%s, %s, 2, '3', 1) RETURNING id",
            (i["l1"], i["st_s2"]),
        ).fetchone()
        assert row is not None
        mark_id = row[0]
        assert last_audit(college, "mark", mark_id)[:2] == (college.login("t1"), "INSERT")
        t1.execute("UPDATE mark SET value = value WHERE id = %s", (mark_id,))
        assert last_audit(college, "mark", mark_id)[1] == "INSERT"
        t1.execute("DELETE FROM mark WHERE id = %s", (mark_id,))
    db_user, action, old, new, _ = last_audit(college, "mark", mark_id)
    assert (db_user, action, old["value"], new) == (college.login("t1"), "DELETE", "3", None)


@pytest.mark.parametrize("who", ["admin", "deputy", "t1", "s1"])
def test_nobody_edits_or_deletes_the_audit(college: College, who: str) -> None:
    with college.superuser() as su:
        before = su.execute("SELECT count(*), max(id) FROM audit_log").fetchone()
    with college.connect_as(who) as conn:
        for sql in (
            "DELETE FROM audit_log",
            "UPDATE audit_log SET db_user = 'someone'",
            "TRUNCATE audit_log",
            "INSERT INTO audit_log (db_user, table_name, action) VALUES ('someone', 'mark', 'DELETE')",
        ):
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(sql)
    with college.superuser() as su:
        assert su.execute("SELECT count(*), max(id) FROM audit_log").fetchone() == before


def test_login_is_recorded_through_the_security_definer_function(college: College) -> None:
    with college.connect_as("s3") as s3:
        with pytest.raises(errors.InsufficientPrivilege):
            s3.execute("UPDATE account SET last_login_at = now()")
        account_id = s3.execute("SELECT ej_record_login()").fetchone()
        assert account_id is not None and account_id[0] is not None
    db_user, action, *_ = last_audit(college, "account", account_id[0])
    assert (db_user, action) == (college.login("s3"), "LOGIN")


def test_services_login_on_the_server_works_under_rls(college: College) -> None:
    from ejournal_desktop.services import auth
    from tests.server.college import PASSWORD

    url = college.url
    profile = auth.Profile(kind="server", host=url.host or "", port=url.port or 5432, database=college.db)
    session = auth.login(profile, college.login("p1"), PASSWORD)
    try:
        assert session.user.roles == frozenset({"parent"})
        assert session.user.person_id == college.ids["p1"]
    finally:
        auth.logout(session)
    with college.superuser() as su:
        last = su.execute("SELECT last_login_at FROM account WHERE login = %s", (college.login("p1"),)).fetchone()
    assert last is not None and last[0] is not None


def test_journal_changes_are_notified_as_hints_only(college: College) -> None:
    i = college.ids
    with college.connect_as("t2") as listener, college.connect_as("t1") as t1:
        listener.execute("LISTEN ej_journal")
        t1.execute("UPDATE mark SET value = '5', version = version + 1 WHERE id = %s", (i["m2"],))
        notes = list(listener.notifies(timeout=2, stop_after=1))
    assert len(notes) == 1
    payload = json.loads(notes[0].payload)
    assert payload == {"table": "mark", "assignment_id": i["a1"], "id": i["m2"]}
