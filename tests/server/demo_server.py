"""The small demo college on a database set up by `server init`, every person a login role.

`server_demo` is a module-scoped fixture: tests/server/conftest.py offers it to the server tests, and a
test module elsewhere (tests/ui) takes it with `server_demo = demo_server.server_demo`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest

from ejournal_desktop import cli
from ejournal_desktop.services import auth
from ejournal_desktop.store.engine import normalize_url
from ejournal_desktop.store.pg_admin import admin_engine, database_url, drop_database
from ejournal_desktop.store.server.server_init import init_server
from tests.server.college import drop_logins

PASSWORD = "demo-пароль-2"


@dataclass
class ServerDemo:
    db: str
    url: Any
    profile: auth.Profile

    def superuser(self) -> psycopg.Connection:
        u = self.url
        return psycopg.connect(
            host=u.host, port=u.port, user=u.username, password=u.password, dbname=self.db, autocommit=True
        )

    def connect_as(self, login: str) -> psycopg.Connection:
        u = self.url
        return psycopg.connect(host=u.host, port=u.port, user=login, password=PASSWORD, dbname=self.db, autocommit=True)


@pytest.fixture(scope="module")
def server_demo(pg_server) -> Iterator[ServerDemo]:  # type: ignore[no-untyped-def]
    """The small demo college on a database set up by `server init`: every person a login role."""
    from tests.server.conftest import unique_db

    db = unique_db("ej_demo")
    url = normalize_url(pg_server.url)
    init_server(pg_server.url, db, "admin", "Первый-админ'1")
    db_url = database_url(pg_server.url, db).render_as_string(hide_password=False)
    logins: list[str] = []
    try:
        assert cli.main(["demo", "--url", db_url, "--today", "2026-11-29", "--password", PASSWORD, "--quiet"]) == 0
        demo = ServerDemo(
            db, url, auth.Profile(kind="server", host=url.host, port=url.port, database=db, sslmode="disable")
        )
        with demo.superuser() as c:
            logins = [row[0] for row in c.execute("SELECT login FROM account")]
        yield demo
    finally:
        admin_db = admin_engine(pg_server.url)
        drop_database(admin_db, db)
        admin_db.dispose()
        drop_logins(pg_server.url, [*logins, "admin_demo"])
