"""A thread that waits for the server's NOTIFYs on a connection of its own (PostgreSQL's LISTEN).

`ListenThread(open_listener)` calls `open_listener()` for an object with `wait(timeout) -> list`
and `close()` (services.journal_notify.JournalHints, services.messages.MessageListener), and emits
what each `wait` returns through `received` (a queued signal: the slots run on the GUI thread).
A lost connection is opened again every few seconds; `reconnected` then says that notifications
may have been missed meanwhile. `requestInterruption()` ends the thread within half a second,
`stop()` also waits for it. A thread is kept referenced until it has finished, and all are stopped
before Python exits (a QThread still running then would abort the process).
"""

from __future__ import annotations

import atexit
import logging
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QThread, Signal

log = logging.getLogger(__name__)

POLL_SECONDS = 0.5
RECONNECT_SECONDS = 3.0
_running: set[ListenThread] = set()


class Listener(Protocol):
    def wait(self, timeout: float) -> list[Any]: ...

    def close(self) -> None: ...


class ListenThread(QThread):
    received = Signal(list)  # what one `wait` brought (never empty)
    listening = Signal()  # the LISTEN is in place (again)
    reconnected = Signal()  # listening again after a lost connection: notifications may have been missed

    def __init__(self, open_listener: Callable[[], Listener], name: str) -> None:
        super().__init__()
        self._open_listener = open_listener
        self.name = name  # for the log
        self.is_listening = False
        self.backend_pid: int | None = None  # the server process of the listening connection
        _running.add(self)
        self.finished.connect(self._forget)

    def _forget(self) -> None:
        _running.discard(self)

    def run(self) -> None:
        first = True
        while not self.isInterruptionRequested():
            try:
                listener = self._open_listener()
            except Exception as exc:  # no connection now: try again a little later
                log.info("%s: cannot listen (%s)", self.name, exc.__class__.__name__)
                self._sleep(RECONNECT_SECONDS)
                continue
            try:
                self.backend_pid = getattr(listener, "backend_pid", None)
                self.is_listening = True
                self.listening.emit()
                if not first:
                    self._reconnected()
                first = False
                while not self.isInterruptionRequested():
                    items = listener.wait(POLL_SECONDS)
                    if items:
                        self._deliver(items)
            except Exception as exc:  # the connection broke: listen again
                log.info("%s: connection lost (%s)", self.name, exc.__class__.__name__)
                self._sleep(RECONNECT_SECONDS)
            finally:
                self.is_listening = False
                listener.close()

    def _deliver(self, items: list[Any]) -> None:
        """In the listening thread: what `wait` brought (a subclass may filter it first)."""
        self.received.emit(items)

    def _reconnected(self) -> None:
        self.reconnected.emit()

    def _sleep(self, seconds: float) -> None:
        for _ in range(int(seconds / 0.1)):
            if self.isInterruptionRequested():
                return
            self.msleep(100)

    def stop(self) -> None:
        """Stop and wait for the thread (a connection attempt gives up after 5 s, see make_engine)."""
        self.requestInterruption()
        if self.isRunning():
            self.wait(8000)
        if not self.isRunning():
            _running.discard(self)


@atexit.register
def _stop_all() -> None:
    for thread in list(_running):
        thread.stop()
    _running.clear()
