"""Hints that a journal changed, from the server's NOTIFY (store/server/05_notify.sql).

The server sends {"table", "assignment_id", "id"} on channel `ej_journal` after each change of a
mark, an absence, a lesson or a final mark. A payload is only a hint — which journal to re-query
under row-level security — never data. `JournalHints` listens on a connection of its own (made
with the session's engine's address and login, outside its pool, so the person's own login and
password are used and the pool keeps its connections), and drops the hints the session's own connections caused: the
screen already shows what it saved itself.

No Qt here: the screen runs `wait` in a thread of its own. SQLite has no NOTIFY: `supported` says so.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, event

from ejournal_desktop.services.unit_of_work import HasEngine
from ejournal_desktop.store.engine import dedicated_connection

CHANNEL = "ej_journal"


@dataclass(frozen=True, slots=True)
class JournalHint:
    table: str
    assignment_id: int | None
    row_id: int | None


def supported(session: HasEngine) -> bool:
    return session.engine.dialect.name == "postgresql"


def parse_hint(payload: str) -> JournalHint | None:
    try:
        doc = json.loads(payload)
        return JournalHint(str(doc.get("table") or ""), doc.get("assignment_id"), doc.get("id"))
    except (ValueError, TypeError, AttributeError):
        return None


class JournalHints:
    """LISTEN ej_journal on a dedicated connection; `wait` returns the hints that came from others."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.own_pids: set[int] = set()
        event.listen(engine, "checkout", self._remember_pid)
        self._connection: Any = None
        try:
            connection = dedicated_connection(engine)
            connection.execute(f"LISTEN {CHANNEL}")
            self._connection = connection
        except BaseException:
            self.close()
            raise

    def _remember_pid(self, dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        pid = getattr(getattr(dbapi_connection, "info", None), "backend_pid", None)
        if pid:
            self.own_pids.add(pid)

    @property
    def backend_pid(self) -> int:
        return int(self._connection.info.backend_pid)

    def wait(self, timeout: float) -> list[JournalHint]:
        """The hints that arrive within `timeout` seconds (returns early once some came).

        Raises the driver's error when the connection is lost: the caller reconnects."""
        hints = []
        for notify in self._connection.notifies(timeout=timeout, stop_after=1):
            if notify.pid in self.own_pids:
                continue
            hint = parse_hint(notify.payload)
            if hint is not None:
                hints.append(hint)
        # Whatever else is already queued, without waiting again.
        for notify in self._connection.notifies(timeout=0):
            if notify.pid not in self.own_pids and (hint := parse_hint(notify.payload)) is not None:
                hints.append(hint)
        return hints

    def close(self) -> None:
        if event.contains(self.engine, "checkout", self._remember_pid):
            event.remove(self.engine, "checkout", self._remember_pid)
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(Exception):  # closing a broken connection: nothing more to do
                connection.close()
