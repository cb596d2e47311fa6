"""The database's refusals come out of a service transaction as Russian domain errors."""

from __future__ import annotations

import socket
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, insert, text
from sqlalchemy.exc import DBAPIError

from ejournal_desktop.domain.errors import ValidationError
from ejournal_desktop.services.unit_of_work import ConnectionLost, transaction
from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import make_engine


@dataclass
class Holder:
    engine: Engine


def test_a_server_that_does_not_answer_is_a_lost_connection() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    engine = make_engine(f"postgresql://u:p@127.0.0.1:{port}/ej", connect_timeout=2)
    with pytest.raises(ConnectionLost, match="Нет связи с базой данных"), transaction(Holder(engine)) as connection:
        connection.execute(text("SELECT 1"))
    engine.dispose()


def test_a_broken_constraint_is_named_and_nothing_is_written(engine: Engine) -> None:
    row = {"code": "35.02.05", "name": "Агрономия", "qualification": "Агроном"}
    with transaction(Holder(engine)) as connection:
        connection.execute(insert(m.Specialty), [row])
    with (
        pytest.raises(ValidationError, match="Специальность с таким кодом уже есть"),
        transaction(Holder(engine)) as connection,
    ):
        connection.execute(insert(m.Specialty), [{**row, "code": "36.02.01"}])
        connection.execute(insert(m.Specialty), [row])
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM specialty")).scalar() == 1


def test_a_server_connection_probes_a_silent_link(engine: Engine, backend: str) -> None:
    """A pulled cable drops packets without a reset: the socket itself must notice (keepalives and a
    TCP user timeout), or a save in flight hangs for the system's timeout before going to the outbox."""
    if backend != "postgresql":
        pytest.skip("a file needs no network")
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        sock = socket.socket(fileno=raw.fileno())  # type: ignore[union-attr]
        try:
            assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) == 1
            assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE) == 30
            assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT) == 30_000
        finally:
            sock.detach()  # the connection keeps its socket


def test_a_pooled_connection_killed_while_idle_is_replaced(
    engine: Engine, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server restart kills the connections waiting in the pool. One idle long enough is pinged at
    checkout and replaced; one used seconds ago is handed out unpinged (a save is one round trip), and
    if it is dead the failure reaches the caller once, then the pool has let it go."""
    if backend != "postgresql":
        pytest.skip("a file has no server to restart")
    from ejournal_desktop.store import engine as engine_module

    def pooled_pid() -> int:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())

    def kill(pid: int) -> None:
        killer = make_engine(engine.url)
        with killer.connect() as connection:
            assert connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar_one()
        killer.dispose()

    kill(pooled_pid())
    monkeypatch.setattr(engine_module, "IDLE_PING_SECONDS", 0.0)  # every pooled connection counts as idle
    assert pooled_pid() > 0  # the dead one was pinged and replaced: no error

    monkeypatch.setattr(engine_module, "IDLE_PING_SECONDS", 3600.0)  # a connection used just now
    kill(pooled_pid())
    with pytest.raises(DBAPIError), engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    assert pooled_pid() > 0  # the failure invalidated it; the next checkout connects afresh
