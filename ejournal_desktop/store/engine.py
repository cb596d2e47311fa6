"""Engines and sessions for the two backends: the embedded SQLite file and the college's PostgreSQL."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool


class BadDatabaseUrl(ValueError):
    pass


def normalize_url(url: str | URL) -> URL:
    """Accept what a person types (`postgresql://…`, `sqlite:///file.db`, a bare file path)."""
    if isinstance(url, URL):
        parsed = url
    else:
        text = url.strip()
        if not text:
            raise BadDatabaseUrl("Адрес базы данных пуст")
        if "://" not in text:
            # A bare path means the embedded file.
            text = "sqlite:///" + str(Path(text).expanduser())
        try:
            parsed = make_url(text)
        except Exception as exc:  # sqlalchemy raises ArgumentError with English text
            raise BadDatabaseUrl(f"Неверный адрес базы данных: {text!r}") from exc
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return parsed.set(drivername="sqlite")
    raise BadDatabaseUrl(f"Неподдерживаемая СУБД «{backend}»: нужна PostgreSQL или SQLite")


def is_sqlite(engine_or_url: Engine | URL | str) -> bool:
    if isinstance(engine_or_url, Engine):
        return engine_or_url.dialect.name == "sqlite"
    return normalize_url(engine_or_url).get_backend_name() == "sqlite"


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # Foreign keys are off by default in SQLite; WAL lets a reader work while the grid saves.
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


TCP_LIVENESS = {
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
    "tcp_user_timeout": 30_000,  # milliseconds
}


def make_engine(url: str | URL, *, connect_timeout: int = 5, **kwargs: Any) -> Engine:
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    connect_args = dict(kwargs.pop("connect_args", {}))
    connect_args.setdefault("connect_timeout", connect_timeout)
    connect_args.setdefault("application_name", "ejournal")
    # A pulled cable or a dead Wi-Fi drops packets without a reset: without these a save in flight
    # would hang for the system's TCP timeout (~15 min) before the journal shows it offline and keeps
    # the edit in the outbox. With them an idle link is probed after 30 s and unacknowledged data
    # gives up after 30 s.
    for name, value in TCP_LIVENESS.items():
        connect_args.setdefault(name, value)
    engine = create_engine(parsed, connect_args=connect_args, **kwargs)
    event.listen(engine.pool, "checkin", _note_checkin)
    event.listen(engine.pool, "checkout", _ping_if_idle)
    return engine


def dedicated_connection(engine: Engine) -> Any:
    """A new driver connection in autocommit, with the engine's address, login and options, that
    never was and never will be in its pool: for a LISTEN kept open as long as a screen is. Taken
    from the pool instead, it would leave the pool one short, and the next statement of the screen
    would wait for a new connection and its password exchange (≈ 25 ms on the college LAN)."""
    single = make_engine(engine.url, poolclass=NullPool)
    try:
        raw = single.raw_connection()
        connection = raw.driver_connection
        raw.detach()  # closing it is the caller's: NullPool would close it on return
    finally:
        single.dispose()
    connection.autocommit = True
    return connection


# A connection that sat in the pool may have died with a server restart. SQLAlchemy's pool_pre_ping
# pings on every checkout, one more round trip for every save; the teacher types marks seconds apart,
# so only a connection idle longer than this is pinged (a dead one is replaced, as pre-ping would).
IDLE_PING_SECONDS = 30.0


def _note_checkin(_dbapi_connection: Any, record: Any) -> None:
    record.info["checked_in_at"] = time.monotonic()


def _ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    checked_in_at = record.info.get("checked_in_at")
    if checked_in_at is None or time.monotonic() - checked_in_at < IDLE_PING_SECONDS:
        return
    try:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        dbapi_connection.rollback()
    except Exception as exc:  # the pool invalidates it and checks out a fresh one
        raise DisconnectionError(str(exc)) from exc


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed on success, rolled back on any error."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session
