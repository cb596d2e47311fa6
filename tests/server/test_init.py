"""`init_server`: idempotent, owner and RLS as designed, no password in the server log, backups see all rows."""

from __future__ import annotations

import shutil
import subprocess
import time
from typing import Any

import psycopg
import pytest
from sqlalchemy import text

from ejournal_desktop.store.engine import make_engine, normalize_url
from ejournal_desktop.store.migrate import upgrade
from ejournal_desktop.store.pg_admin import admin_engine, create_database, database_url, drop_database
from ejournal_desktop.store.server.server_init import (
    ServerInitError,
    create_login_roles,
    init_server,
    owner_engine,
    scram_verifier,
    server_initialised,
)
from tests import pgcluster
from tests.server.college import drop_logins
from tests.server.conftest import unique_db

pytestmark = pytest.mark.pg

SNAPSHOT_QUERIES = {
    "roles": """SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication,
                       rolbypassrls FROM pg_roles WHERE rolname LIKE 'ej\\_%%' OR rolname = %(admin)s ORDER BY 1""",
    "members": """SELECT r.rolname, m.rolname, a.admin_option FROM pg_auth_members a
                  JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
                  WHERE r.rolname LIKE 'ej\\_%%'
                    AND (m.rolname LIKE 'ej\\_%%' OR m.rolname = %(admin)s) ORDER BY 1, 2""",
    "relations": """SELECT c.relname, c.relkind, pg_get_userbyid(c.relowner), c.relacl::text, c.relrowsecurity,
                           c.relforcerowsecurity
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' ORDER BY 1""",
    "columns": """SELECT c.relname, a.attname, a.attacl::text FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'public' AND a.attacl IS NOT NULL ORDER BY 1, 2""",
    "policies": "SELECT tablename, policyname, cmd, roles::text, qual, with_check FROM pg_policies ORDER BY 1, 2",
    "functions": """SELECT p.oid::regprocedure::text, pg_get_userbyid(p.proowner), p.prosecdef, p.provolatile,
                           p.proacl::text, p.proconfig::text, md5(p.prosrc)
                    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                    WHERE n.nspname = 'public' ORDER BY 1""",
    "rls_views": """SELECT c.relname, c.relkind, pg_get_userbyid(c.relowner), c.relacl::text, c.reloptions::text,
                           pg_get_viewdef(c.oid)
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'ej_rls' ORDER BY 1""",
    "rls_functions": """SELECT p.oid::regprocedure::text, pg_get_userbyid(p.proowner), p.prosecdef, p.provolatile,
                               p.proacl::text, p.proconfig::text, md5(p.prosrc)
                        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                        WHERE n.nspname = 'ej_rls' ORDER BY 1""",
    "triggers": "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2",
    "database": """SELECT pg_get_userbyid(datdba), datacl::text, datlocprovider, daticulocale
                   FROM pg_database WHERE datname = current_database()""",
    "default_acl": "SELECT defaclrole::regrole::text, defaclobjtype, defaclacl::text FROM pg_default_acl ORDER BY 1, 2",
    "rows": """SELECT (SELECT count(*) FROM person), (SELECT count(*) FROM account),
                      (SELECT count(*) FROM audit_log), (SELECT version_num FROM alembic_version)""",
}


def catalogue(server_url: str, db: str, admin: str) -> dict[str, list[tuple[Any, ...]]]:
    url = normalize_url(server_url)
    with psycopg.connect(
        host=url.host, port=url.port, user=url.username, password=url.password, dbname=db, autocommit=True
    ) as conn:
        return {name: conn.execute(sql, {"admin": admin}).fetchall() for name, sql in SNAPSHOT_QUERIES.items()}


@pytest.fixture
def fresh_db(pg_server):  # type: ignore[no-untyped-def]
    name = unique_db("ej_init")
    logins: list[str] = []
    yield name, logins
    admin = admin_engine(pg_server.url)
    drop_database(admin, name)
    admin.dispose()
    drop_logins(pg_server.url, logins)


def test_init_twice_changes_nothing(pg_server, fresh_db) -> None:  # type: ignore[no-untyped-def]
    db, logins = fresh_db
    login = f"chief_{db[-12:]}".replace("-", "_")
    logins.append(login)
    stages: list[str] = []
    first = init_server(pg_server.url, db, login, "Пароль'1", progress=lambda stage, _f: stages.append(stage))
    assert first.database_created and first.admin_role_created and first.admin_account_created
    assert stages[-1] == "Готово"
    before = catalogue(pg_server.url, db, login)
    second = init_server(pg_server.url, db, login, "другой пароль")
    assert not second.database_created and not second.admin_role_created and not second.admin_account_created
    assert second.schema_before == second.schema_after == first.schema_after
    after = catalogue(pg_server.url, db, login)
    for key in SNAPSHOT_QUERIES:
        assert after[key] == before[key], key
    # the second run did not change the password
    url = normalize_url(pg_server.url)
    psycopg.connect(host=url.host, port=url.port, user=login, password="Пароль'1", dbname=db).close()
    assert any("Администратор" in line for line in second.lines())


def test_init_again_replaces_changed_views_policies_and_functions(pg_server, fresh_db) -> None:  # type: ignore[no-untyped-def]
    """A DBA's (or an attacker's) edit of the RLS objects is undone by the next `server init`."""
    db, logins = fresh_db
    login = f"chief_{db[-12:]}"
    logins.append(login)
    init_server(pg_server.url, db, login, "Пароль'1")
    before = catalogue(pg_server.url, db, login)
    url = normalize_url(pg_server.url)
    with psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password,
                         dbname=db, autocommit=True) as su:  # fmt: skip
        su.execute("SET ROLE ej_owner")
        su.execute(
            "CREATE OR REPLACE VIEW ej_rls.journal_assignment_ids WITH (security_barrier) AS "
            "SELECT t.id FROM public.teaching_assignment t"
        )
        su.execute("DROP POLICY read_journal ON mark")
        su.execute("CREATE POLICY read_journal ON mark FOR SELECT TO ej_teacher USING (true)")
        su.execute(
            "CREATE OR REPLACE FUNCTION ej_my_person_id() RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER "
            "SET search_path = public, pg_temp AS 'SELECT 1'"
        )
        su.execute(
            "CREATE OR REPLACE FUNCTION ej_rls.diary_student_set() RETURNS integer[] LANGUAGE plpgsql STABLE "
            "AS 'BEGIN RETURN ARRAY(SELECT id FROM public.student); END'"
        )
        su.execute("REVOKE USAGE ON SCHEMA ej_rls FROM ej_student")
    assert catalogue(pg_server.url, db, login) != before
    init_server(pg_server.url, db, login, "Пароль'1")
    after = catalogue(pg_server.url, db, login)
    for key in ("rls_views", "rls_functions", "policies", "functions"):
        assert after[key] == before[key], key
    with psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password, dbname=db) as su:
        granted = su.execute("SELECT has_schema_privilege('ej_student', 'ej_rls', 'USAGE')").fetchone()
    assert granted == (True,)


def test_owner_rls_and_ownership(pg_server, fresh_db) -> None:  # type: ignore[no-untyped-def]
    db, logins = fresh_db
    login = f"chief_{db[-12:]}"
    logins.append(login)
    init_server(pg_server.url, db, login, "Пароль'1")
    snap = catalogue(pg_server.url, db, login)
    for name, kind, owner, _acl, rls, force in snap["relations"]:
        if kind in ("r", "S"):
            assert owner == "ej_owner", name
        if kind == "r" and name != "alembic_version":
            assert rls and not force, name
    secdef = {sig: (owner, definer) for sig, owner, definer, *_ in snap["functions"]}
    assert secdef["ej_create_login(text,text,text,integer)"] == ("ej_owner", True)
    assert secdef["ej_my_person_id()"] == ("ej_owner", True)
    roles = {row[0]: row[1:] for row in snap["roles"]}
    # rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls
    assert roles["ej_owner"] == (False, True, True, False, False, False, False)
    assert roles["ej_backup"][-1] is True and roles["ej_backup"][0] is False
    for group in ("ej_admin", "ej_deputy", "ej_secretary", "ej_teacher", "ej_student", "ej_parent"):
        assert roles[group] == (False, True, False, False, False, False, False)
    assert snap["database"][0][0] == "ej_owner"
    assert snap["database"][0][2] == "i"  # ICU collation
    engine = make_engine(database_url(pg_server.url, db))
    try:
        assert server_initialised(engine)
    finally:
        engine.dispose()


def test_init_adopts_a_database_made_by_db_upgrade(pg_server, fresh_db) -> None:  # type: ignore[no-untyped-def]
    db, logins = fresh_db
    admin = admin_engine(pg_server.url)
    create_database(admin, db)
    admin.dispose()
    engine = make_engine(database_url(pg_server.url, db))
    upgrade(engine)
    assert not server_initialised(engine)
    engine.dispose()
    login = f"chief_{db[-12:]}"
    logins.append(login)
    report = init_server(pg_server.url, db, login, "Пароль'1")
    assert not report.database_created and report.schema_before == report.schema_after
    owners = {row[2] for row in catalogue(pg_server.url, db, login)["relations"]}
    assert owners == {"ej_owner"}


def test_bad_arguments_are_refused_before_touching_the_server(pg_server) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ServerInitError, match="Недопустимый логин"):
        init_server(pg_server.url, "ej_never", 'x"; DROP DATABASE postgres; --', "p")
    with pytest.raises(ServerInitError, match="пуст"):
        init_server(pg_server.url, "ej_never", "chief", "")
    with pytest.raises(ServerInitError, match="только для PostgreSQL"):
        init_server("sqlite:///x.db", "ej_never", "chief", "p")


def test_demo_logins_on_an_initialised_server(pg_server, fresh_db) -> None:  # type: ignore[no-untyped-def]
    db, logins = fresh_db
    suffix = db[-10:]
    admin_login, teacher, student = f"chief_{suffix}", f"teach_{suffix}", f"pupil_{suffix}"
    logins.extend([admin_login, teacher, student])
    init_server(pg_server.url, db, admin_login, "Пароль'1")
    engine = owner_engine(pg_server.url, db, bulk=True)
    try:
        with engine.begin() as conn:
            for n, (login, role) in enumerate(((teacher, "teacher"), (student, "student"))):
                person = conn.execute(
                    text(
                        "INSERT INTO person (last_name, first_name, search_name) "
                        "VALUES ('Демо', :n, 'демо') RETURNING id"
                    ),
                    {"n": str(n)},
                ).scalar_one()
                conn.execute(
                    text(
                        "INSERT INTO account (person_id, login, role, is_active, must_change_password, failed_logins) "
                        "VALUES (:p, :l, :r, true, false, 0)"
                    ),
                    {"p": person, "l": login, "r": role},
                )
            conn.execute(
                text("INSERT INTO account_role (account_id, role) SELECT id, 'deputy' FROM account WHERE login = :l"),
                {"l": teacher},
            )
            assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one() == 2  # init's own rows only
            verifier = scram_verifier("demo2026", conn)
            assert create_login_roles(conn, [(teacher, "teacher"), (student, "student")], verifier) == 2
        assert create_login_roles(engine, [(teacher, "teacher")], verifier) == 0  # idempotent
    finally:
        engine.dispose()
    url = normalize_url(pg_server.url)
    with psycopg.connect(host=url.host, port=url.port, user=teacher, password="demo2026", dbname=db) as conn:
        assert conn.execute("SELECT ej_my_roles()").fetchone() == (["deputy", "teacher"],)


def test_no_password_in_the_server_log(pg_server, fresh_db) -> None:  # type: ignore[no-untyped-def]
    if pg_server.cluster is None:
        pytest.skip("needs the test's own cluster to read its log")
    db, logins = fresh_db
    url = normalize_url(pg_server.url)
    secret, other = "Сверх'секретный\"пароль-1", "Второй'секрет\"2"
    login, user = f"chief_{db[-12:]}", f"user_{db[-12:]}"
    logins.extend([login, user])
    with psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password,
                         dbname="postgres", autocommit=True) as su:  # fmt: skip
        su.execute("ALTER SYSTEM SET log_statement = 'all'")
        su.execute("ALTER SYSTEM SET log_min_error_statement = 'error'")
        su.execute("SELECT pg_reload_conf()")
    time.sleep(0.3)
    try:
        init_server(pg_server.url, db, login, secret)
        with psycopg.connect(host=url.host, port=url.port, user=login, password=secret, dbname=db) as admin:
            admin.execute("SELECT ej_create_login(%s, 'teacher', %s)", (user, scram_verifier(other, admin)))
            admin.commit()
            activity = admin.execute("SELECT coalesce(string_agg(query, ' '), '') FROM pg_stat_activity").fetchone()
            assert activity is not None and secret not in activity[0]
            with pytest.raises(psycopg.Error):  # an error with CONTEXT lines in the log
                admin.execute("SELECT ej_create_login(%s, 'teacher', %s)", (user, scram_verifier(other, admin)))
    finally:
        with psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password,
                             dbname="postgres", autocommit=True) as su:  # fmt: skip
            su.execute("ALTER SYSTEM RESET log_statement")
            su.execute("ALTER SYSTEM RESET log_min_error_statement")
            su.execute("SELECT pg_reload_conf()")
    log = (pg_server.cluster.base_dir / "log").read_text(encoding="utf-8", errors="replace")
    assert "ej_create_login" in log  # the statements were logged …
    assert secret not in log and other not in log  # … but never a password


def test_backup_role_dumps_every_row(pg_server, fresh_db) -> None:  # type: ignore[no-untyped-def]
    bin_dir = pgcluster.find_pg_bin()
    pg_dump = (bin_dir / "pg_dump") if bin_dir else shutil.which("pg_dump")
    if not pg_dump:
        pytest.skip("pg_dump not found")
    db, logins = fresh_db
    login, dumper = f"chief_{db[-12:]}", f"dump_{db[-12:]}"
    logins.extend([login, dumper])
    init_server(pg_server.url, db, login, "Пароль'1")
    url = normalize_url(pg_server.url)
    with psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password,
                         dbname=db, autocommit=True) as su:  # fmt: skip
        verifier = scram_verifier("dump'пароль", su)
        su.execute(f"CREATE ROLE {dumper} LOGIN IN ROLE ej_backup PASSWORD '{verifier}'")
        persons = su.execute("SELECT count(*) FROM person").fetchone()
    env = {"PGPASSWORD": "dump'пароль", "PATH": "/usr/bin:/bin"}
    command = [str(pg_dump), "-h", str(url.host), "-p", str(url.port), "-U", dumper, "--role=ej_backup",
               "--data-only", "--table=person", "--table=account", db]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Администратор" in result.stdout and login in result.stdout
    assert persons == (1,)
    # without the backup role, RLS refuses the dump instead of silently dumping nothing
    command.remove("--role=ej_backup")
    assert subprocess.run(command, capture_output=True, text=True, env=env, timeout=60).returncode != 0


def test_a_server_database_goes_down_past_0007_and_up_again(pg_server, fresh_db) -> None:  # type: ignore[no-untyped-def]
    """Migration 0007 (marks carry their assignment) can be taken back on a server database, whose
    policies read the new column; `server init` then brings it all back."""
    from alembic import command

    from ejournal_desktop.store.migrate import _config, head_revision

    db, logins = fresh_db
    login = f"chief_{db[-12:]}"
    logins.append(login)
    init_server(pg_server.url, db, login, "Пароль'1")
    engine = make_engine(database_url(pg_server.url, db))
    try:
        config = _config()
        with engine.begin() as connection:
            connection.execute(text("SET LOCAL ROLE ej_owner"))
            config.attributes["connection"] = connection
            command.downgrade(config, "0006")
        with engine.connect() as connection:
            columns = connection.execute(
                text("SELECT column_name FROM information_schema.columns WHERE table_name = 'mark'")
            ).scalars()
            assert "assignment_id" not in set(columns)
        report = init_server(pg_server.url, db, login, "Пароль'1")
        assert report.schema_before == "0006" and report.schema_after == head_revision()
        with engine.connect() as connection:
            policy = connection.execute(
                text("SELECT qual FROM pg_policies WHERE tablename = 'mark' AND policyname = 'read_journal'")
            ).scalar_one()
            assert "assignment_id" in policy
    finally:
        engine.dispose()
