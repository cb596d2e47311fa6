"""Account functions: injection through a login, bad verifiers, lock/unlock, passwords, curator scope."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors

from ejournal_desktop.store.server.server_init import _python_scram_verifier, scram_verifier
from tests.server.college import PASSWORD, College, drop_logins

pytestmark = pytest.mark.pg


def role_names(college: College) -> set[str]:
    with college.superuser() as su:
        return {row[0] for row in su.execute("SELECT rolname FROM pg_roles").fetchall()}


def table_names(college: College) -> set[str]:
    with college.superuser() as su:
        return {row[0] for row in su.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}


@pytest.mark.parametrize(
    "login",
    [
        'x"; DROP TABLE mark; --',
        "x'; DROP TABLE mark; --",
        "Robert",
        "ёжик",
        "a",
        "1abc",
        "ej_admin",
        "pg_read_server_files",
        "postgres",
        "x" * 64,
        "",
    ],
)
def test_a_bad_login_is_refused_with_a_clear_message_and_changes_nothing(college: College, login: str) -> None:
    roles_before, tables_before = role_names(college), table_names(college)
    with college.connect_as("admin") as admin:
        verifier = scram_verifier("Секрет'1", admin)
        with pytest.raises(psycopg.Error) as caught:
            admin.execute("SELECT ej_create_login(%s, 'student', %s)", (login, verifier))
    message = caught.value.diag.message_primary or ""
    assert "Недопустимый логин" in message or "зарезервирован" in message
    assert role_names(college) == roles_before
    assert table_names(college) == tables_before


@pytest.mark.parametrize("role", ["superuser", "owner", "backup", "pg_execute_server_program", "ADMIN", "admin; --"])
def test_only_the_journal_roles_can_be_granted(college: College, role: str) -> None:
    with college.connect_as("admin") as admin:
        verifier = scram_verifier("Секрет'1", admin)
        with pytest.raises(errors.InvalidParameterValue, match="Неизвестная роль"):
            admin.execute("SELECT ej_create_login(%s, %s, %s)", (f"bad_{college.suffix}", role, verifier))
        with pytest.raises(errors.InvalidParameterValue, match="Неизвестная роль"):
            admin.execute("SELECT ej_grant_role(%s, %s)", (college.login("t1"), role))


def test_a_cleartext_password_is_refused_and_not_echoed(college: College) -> None:
    secret = "Открытый'пароль\"42"
    with college.connect_as("admin") as admin:
        with pytest.raises(errors.InvalidPassword) as caught:
            admin.execute("SELECT ej_create_login(%s, 'student', %s)", (f"clear_{college.suffix}", secret))
        with pytest.raises(errors.InvalidPassword):
            admin.execute("SELECT ej_set_password(%s, %s)", (college.login("s1"), secret))
    assert secret not in str(caught.value)
    assert secret not in (caught.value.diag.context or "")
    assert f"clear_{college.suffix}" not in role_names(college)


def test_create_lock_unlock_and_password_reset(college: College) -> None:
    login = f"newbie_{college.suffix}"
    password = "Ёжик'в\"тумане 1"
    with college.superuser() as su:
        row = su.execute(
            "INSERT INTO person (last_name, first_name, search_name) VALUES ('Новенький', 'Нил', 'новенький нил') "
            "RETURNING id"
        ).fetchone()
    assert row is not None
    try:
        with college.connect_as("admin") as admin:
            account = admin.execute(
                "SELECT ej_create_login(%s, 'teacher', %s, %s)", (login, scram_verifier(password, admin), row[0])
            ).fetchone()
            assert account is not None and account[0] is not None
            with pytest.raises(errors.DuplicateObject, match="уже занят"):
                admin.execute("SELECT ej_create_login(%s, 'teacher', %s)", (login, scram_verifier(password, admin)))
        with college.connect_as(login, password) as me:
            assert me.execute("SELECT session_user, ej_my_roles()").fetchone() == (login, ["teacher"])
            assert me.execute("SELECT must_change_password FROM account").fetchone() == (True,)
            # A verifier computed in Python works just as libpq's.
            me.execute("SELECT ej_change_own_password(%s)", (_python_scram_verifier(password + "2"),))
            assert me.execute("SELECT must_change_password FROM account").fetchone() == (False,)
        with pytest.raises(psycopg.OperationalError):
            college.connect_as(login, password)
        college.connect_as(login, password + "2").close()

        with college.connect_as("admin") as admin:
            admin.execute("SELECT ej_lock_login(%s)", (login,))
        with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
            college.connect_as(login, password + "2")
        with college.superuser() as su:
            assert su.execute("SELECT is_active FROM account WHERE login = %s", (login,)).fetchone() == (False,)
        with college.connect_as("admin") as admin:
            admin.execute("SELECT ej_unlock_login(%s)", (login,))
            admin.execute("SELECT ej_set_password(%s, %s)", (login, scram_verifier(password, admin)))
            with pytest.raises(errors.InvalidParameterValue, match="собственную"):
                admin.execute("SELECT ej_lock_login(%s)", (college.admin_login,))
        with college.connect_as(login, password) as me:
            assert me.execute("SELECT must_change_password, is_active FROM account").fetchone() == (True, True)
    finally:
        drop_logins(college.server_url, [login])


def test_the_functions_refuse_server_roles_and_other_users(college: College) -> None:
    superuser = college.url.username
    with college.connect_as("admin") as admin:
        verifier = scram_verifier("x'1", admin)
        for target in (superuser, "ej_owner", "ej_backup"):
            with pytest.raises(psycopg.Error, match=r"учётной записью ЭЖ|зарезервирован|Недопустимый"):
                admin.execute("SELECT ej_set_password(%s, %s)", (target, verifier))
        # even with a forged account row, the superuser's password stays out of reach
        with college.superuser() as su:
            forged = su.execute(
                "INSERT INTO person (last_name, first_name, search_name) "
                "VALUES ('Подлог', 'П', 'подлог п') RETURNING id"
            ).fetchone()
        assert forged is not None
        if superuser and superuser.islower():
            with (
                pytest.raises(psycopg.Error, match=r"не является учётной записью ЭЖ|зарезервирован"),
                admin.transaction(),
            ):
                admin.execute(
                    "INSERT INTO account (person_id, login, role, is_active, must_change_password, failed_logins) "
                    "VALUES (%s, %s, 'student', true, false, 0)",
                    (forged[0], superuser),
                )
                admin.execute("SELECT ej_set_password(%s, %s)", (superuser, verifier))
    for who in ("s1", "p1", "deputy", "secretary"):
        with college.connect_as(who) as conn, pytest.raises(errors.InsufficientPrivilege):
            conn.execute("SELECT ej_create_login('intruder_x', 'admin', %s)", (verifier,))
        with college.connect_as(who) as conn, pytest.raises(errors.InsufficientPrivilege):
            conn.execute("SELECT ej_provision_login('intruder_x', 'admin', %s, true)", (verifier,))


def test_a_curator_manages_accounts_of_the_own_group_only(college: College) -> None:
    i = college.ids
    with college.superuser() as su:
        su.execute("DELETE FROM account WHERE login = %s", (college.login("s2"),))
    login = f"s2b_{college.suffix}"
    try:
        with college.connect_as("t1") as t1:
            verifier = scram_verifier(PASSWORD, t1)
            t1.execute("SELECT ej_create_login(%s, 'student', %s, %s)", (login, verifier, i["s2"]))
            t1.execute("SELECT ej_set_password(%s, %s)", (college.login("s1"), verifier))
            for sql, args in (
                ("SELECT ej_create_login(%s, 'teacher', %s, %s)", (f"x_{college.suffix}", verifier, i["deputy"])),
                ("SELECT ej_create_login(%s, 'student', %s)", (f"y_{college.suffix}", verifier)),
                ("SELECT ej_set_password(%s, %s)", (college.login("s3"), verifier)),
                ("SELECT ej_set_password(%s, %s)", (college.login("t2"), verifier)),
                ("SELECT ej_lock_login(%s)", (college.login("p2"),)),
            ):
                with pytest.raises(errors.InsufficientPrivilege, match="Недостаточно прав"):
                    t1.execute(sql, args)
        with college.connect_as(login) as s2:
            assert s2.execute("SELECT ej_my_roles()").fetchone() == (["student"],)
    finally:
        drop_logins(college.server_url, [login])
