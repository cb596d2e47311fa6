"""A thread that listens for the server's hints about one journal (PostgreSQL's LISTEN/NOTIFY).

`changed` is emitted (on the GUI thread, through a queued signal) when somebody else changed the
journal; after a lost connection the thread reconnects and emits `changed` once, since hints may
have been missed meanwhile. `requestInterruption()` ends it within half a second; `stop()` also
waits for that. A listener is kept referenced (`_running`) until its thread has finished.
"""

from __future__ import annotations

import atexit
import logging

from PySide6.QtCore import QThread, Signal

from ejournal_desktop.services import journal_notify
from ejournal_desktop.services.auth import UserSession

log = logging.getLogger(__name__)

POLL_SECONDS = 0.5
RECONNECT_SECONDS = 3.0
_running: set[JournalListener] = set()  # a listener lives until its thread has finished


class JournalListener(QThread):
    changed = Signal(str)  # the table named by the hint ("" after a reconnect)
    listening = Signal()  # the LISTEN is in place (tests wait for it)

    def __init__(self, session: UserSession, assignment_id: int) -> None:
        super().__init__()
        self.session = session
        self.assignment_id = assignment_id
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
                hints = journal_notify.JournalHints(self.session.engine)
            except Exception as exc:  # no connection now: try again a little later
                log.info("journal hints: cannot listen (%s)", exc.__class__.__name__)
                self._sleep(RECONNECT_SECONDS)
                continue
            try:
                self.backend_pid = hints.backend_pid
                self.is_listening = True
                self.listening.emit()
                if not first:
                    self.changed.emit("")  # hints may have been lost while disconnected
                first = False
                while not self.isInterruptionRequested():
                    tables = {h.table for h in hints.wait(POLL_SECONDS) if h.assignment_id == self.assignment_id}
                    for table in sorted(tables):
                        self.changed.emit(table)
            except Exception as exc:  # the connection broke: reconnect
                log.info("journal hints: connection lost (%s)", exc.__class__.__name__)
                self._sleep(RECONNECT_SECONDS)
            finally:
                self.is_listening = False
                hints.close()

    def _sleep(self, seconds: float) -> None:
        steps = int(seconds / 0.1)
        for _ in range(steps):
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
    """A thread still running when Python exits would abort the process: stop them all first."""
    for listener in list(_running):
        listener.stop()
    _running.clear()
