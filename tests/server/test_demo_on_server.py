"""`ejournal demo` on a server set up by `server init`: every demo account is a real login role."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text

from ejournal_desktop import cli
from ejournal_desktop.services import auth
from ejournal_desktop.store.engine import normalize_url
from ejournal_desktop.store.pg_admin import admin_engine, database_url, drop_database
from ejournal_desktop.store.server.server_init import init_server
from tests.server.college import drop_logins
from tests.server.conftest import unique_db

pytestmark = pytest.mark.pg

PASSWORD = "Демо 'пароль'"


def test_demo_accounts_log_in_as_themselves_and_see_only_their_rows(pg_server, capsys) -> None:  # type: ignore[no-untyped-def]
    db = unique_db("ej_demo")
    url = normalize_url(pg_server.url)
    init_server(pg_server.url, db, "admin", "Первый-админ'1")
    db_url = database_url(pg_server.url, db).render_as_string(hide_password=False)
    logins: list[str] = []
    try:
        code = cli.main(["demo", "--url", db_url, "--today", "2026-11-29", "--password", PASSWORD, "--quiet"])
        out = capsys.readouterr()
        assert code == 0, out.err
        # The server's own administrator kept the login «admin»; the demo's one was renamed.
        assert "admin_demo" in out.out
        with psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password, dbname=db) as c:
            logins = [row[0] for row in c.execute("SELECT login FROM account")]
            student_id, classmates = c.execute(
                "SELECT s.id, (SELECT count(*) FROM mark mk JOIN student o ON o.id = mk.student_id "
                "WHERE o.group_id = s.group_id AND o.id <> s.id) "
                "FROM student s JOIN account a ON a.person_id = s.person_id WHERE a.login = 'student'"
            ).fetchone()
        assert classmates > 0
        # The first admin still logs in with the password given to server init.
        admin = auth.login(
            auth.Profile(kind="server", host=url.host, port=url.port, database=db), "admin", "Первый-админ'1"
        )
        assert "admin" in admin.user.roles
        admin.close()

        profile = auth.Profile(kind="server", host=url.host, port=url.port, database=db, sslmode="disable")
        session = auth.login(profile, "student", PASSWORD)
        try:
            assert session.user.roles == {"student"}
            with session.engine.connect() as connection:
                students = connection.execute(text("SELECT DISTINCT student_id FROM mark")).scalars().all()
            assert students == [student_id]
        finally:
            session.close()
        teacher = auth.login(profile, "prepod", PASSWORD)
        assert teacher.user.roles == {"teacher"}
        teacher.close()
        with pytest.raises(auth.LoginError, match="Неверный логин или пароль"):
            auth.login(profile, "prepod", "demo2026")
    finally:
        admin_db = admin_engine(pg_server.url)
        drop_database(admin_db, db)
        admin_db.dispose()
        drop_logins(pg_server.url, [*logins, "admin_demo"])
