"""`ejournal server init`: the password comes from stdin (or a prompt), never from the command line."""

from __future__ import annotations

import io

import psycopg
import pytest

from ejournal_desktop import cli
from ejournal_desktop.store.engine import normalize_url
from ejournal_desktop.store.pg_admin import admin_engine, drop_database
from tests.server.college import drop_logins
from tests.server.conftest import unique_db

pytestmark = pytest.mark.pg


def test_server_init_reads_the_password_from_stdin(pg_server, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    db = unique_db("ej_cli")
    login = f"cli_{db[-10:]}"
    password = "Пароль 'из' \"stdin\""
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    try:
        code = cli.main(["server", "init", "--admin-url", pg_server.url, "--db", db, "--first-admin", login, "--quiet"])
        out = capsys.readouterr()
        assert code == cli.EXIT_OK, out.err
        assert f"Первый администратор «{login}» создан." in out.out
        assert password not in out.out + out.err
        url = normalize_url(pg_server.url)
        psycopg.connect(host=url.host, port=url.port, user=login, password=password, dbname=db).close()
    finally:
        admin = admin_engine(pg_server.url)
        drop_database(admin, db)
        admin.dispose()
        drop_logins(pg_server.url, [login])


def test_server_init_errors_are_one_russian_line(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = cli.main(["server", "init", "--admin-url", "postgresql://x@127.0.0.1:1/postgres", "--first-admin", "chief"])
    assert code == cli.EXIT_ERROR
    assert "Пароль не передан" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("пароль\n"))
    code = cli.main(["server", "init", "--admin-url", "postgresql://x@127.0.0.1:1/postgres", "--first-admin", "chief"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_ERROR
    assert "ejournal: ошибка: Не удалось подключиться" in err and "Traceback" not in err
