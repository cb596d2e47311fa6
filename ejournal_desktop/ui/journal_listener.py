"""The server's hints about one journal (PostgreSQL's LISTEN/NOTIFY), in a thread of their own.

`changed` is emitted (on the GUI thread, through a queued signal) when somebody else changed the
journal, with the table the hint names; after a lost connection the thread listens again and emits
`changed("")` once, since hints may have been missed meanwhile (ui.listen_thread does the waiting
and the reconnecting).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal

from ejournal_desktop.services import journal_notify
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.listen_thread import ListenThread


class JournalListener(ListenThread):
    changed = Signal(str)  # the table named by the hint ("" after a reconnect)

    def __init__(self, session: UserSession, assignment_id: int) -> None:
        super().__init__(lambda: journal_notify.JournalHints(session.engine), "journal hints")
        self.session = session
        self.assignment_id = assignment_id

    def _deliver(self, items: list[Any]) -> None:
        tables = {hint.table for hint in items if hint.assignment_id == self.assignment_id}
        for table in sorted(tables):
            self.changed.emit(table)

    def _reconnected(self) -> None:
        self.changed.emit("")
