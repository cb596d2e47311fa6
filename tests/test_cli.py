"""`ejournal db upgrade`: creates and upgrades on both backends; every failure is one clear line."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import inspect, text

from ejournal_desktop import cli
from ejournal_desktop.store.engine import make_engine, normalize_url
from ejournal_desktop.store.migrate import head_revision


def test_db_upgrade_creates_then_changes_nothing(empty_db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["db", "upgrade", "--url", empty_db_url]) == 0
    assert f"пусто → {head_revision()}" in capsys.readouterr().out
    assert cli.main(["db", "upgrade", "--url", empty_db_url]) == 0
    assert "актуальна" in capsys.readouterr().out
    assert cli.main(["db", "status", "--url", empty_db_url]) == 0
    engine = make_engine(empty_db_url)
    assert "mark" in inspect(engine).get_table_names()
    engine.dispose()


def test_db_upgrade_refuses_a_newer_schema_and_changes_nothing(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    engine = make_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
        tables_before = sorted(inspect(connection).get_table_names())
    assert cli.main(["db", "upgrade", "--url", db_url]) == 1
    err = capsys.readouterr().err
    assert "более новой версией программы" in err
    assert "Traceback" not in err
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999_future"
        assert sorted(inspect(connection).get_table_names()) == tables_before
    engine.dispose()


@pytest.mark.pg
def test_db_upgrade_with_a_wrong_password(pg_server, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    url = normalize_url(pg_server.url).set(password="неверный").render_as_string(hide_password=False)
    assert cli.main(["db", "upgrade", "--url", url]) == 1
    err = capsys.readouterr().err.strip()
    assert err == "ejournal: ошибка: Неверный логин или пароль."


def test_db_upgrade_when_the_server_does_not_answer(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert cli.main(["db", "upgrade", "--url", f"postgresql://u:p@127.0.0.1:{port}/ej"]) == 1
    err = capsys.readouterr().err
    assert f"Не удалось подключиться к серверу 127.0.0.1:{port}" in err
    assert len(err.strip().splitlines()) == 1


def test_unsupported_database_and_no_traceback_from_the_console() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ejournal_desktop.cli", "db", "upgrade", "--url", "mysql://host/db"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Неподдерживаемая СУБД «mysql»" in result.stderr
    assert "Traceback" not in result.stderr
