"""A real lost connection while a teacher types into the journal (PostgreSQL only).

The small demo college sits on a database set up by `server init` (every person a login role, row-level
security on). The teacher logs in as their own login role through a loopback proxy (tests/tcp_proxy.py)
that the test cuts — every open connection through it closed, new ones refused — and restores. Nothing
is faked in the program: the pool, the driver and the save queue meet a dead socket and a refused
connection as they would when the campus network or the server goes away. What reached the database
is checked through a separate superuser connection that does not go through the proxy.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QThreadPool

from ejournal_desktop.services import auth
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services.outbox import Outbox
from ejournal_desktop.ui.journal_model import STATE_ROLE
from ejournal_desktop.ui.journal_view import JournalView
from tests.conftest import DEMO_TODAY
from tests.server import demo_server
from tests.server.demo_server import PASSWORD, ServerDemo
from tests.tcp_proxy import CutProxy
from tests.ui.test_journal_screen import (
    WAIT_MS,
    Opened,
    _busiest_assignment,
    free_rows,
    last_recent_column,
    open_screen,
    open_view,
    press,
    settle,
    type_into,
)

pytestmark = pytest.mark.pg
server_demo = demo_server.server_demo  # the demo college on a `server init` database, once per module

RETRY_MS = 100


@pytest.fixture
def proxy(server_demo: ServerDemo) -> Iterator[CutProxy]:
    cut_proxy = CutProxy(server_demo.url.port, server_demo.url.host or "127.0.0.1")
    yield cut_proxy
    cut_proxy.close()


@pytest.fixture
def log_in(server_demo: ServerDemo, proxy: CutProxy) -> Iterator[object]:
    """`log_in(login)` → a session of that person's own login role, connected through the proxy."""
    sessions: list[auth.UserSession] = []
    profile = auth.Profile(kind="server", host="127.0.0.1", port=proxy.port, database=server_demo.db, sslmode="disable")

    def make(login: str) -> auth.UserSession:
        session = auth.login(profile, login, PASSWORD)
        sessions.append(session)
        return session

    yield make
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
    for session in sessions:
        session.close()


def stored_marks(demo: ServerDemo, key: tuple[int, int]) -> tuple[str, ...]:
    """The marks of one cell as the database holds them, read past the proxy as the superuser."""
    student_id, lesson_id = key
    with demo.superuser() as connection:
        rows = connection.execute(
            "SELECT value FROM mark WHERE lesson_id = %s AND student_id = %s ORDER BY slot", (lesson_id, student_id)
        ).fetchall()
    return tuple(row[0] for row in rows)


def enter(qtbot, o: Opened, text: str) -> None:  # type: ignore[no-untyped-def]
    type_into(qtbot, o.grid, text)
    press(qtbot, o.grid, Qt.Key.Key_Return)


def offline_shown(view: JournalView) -> bool:
    return view.offline_label.isVisibleTo(view)


def close_program(screen, view: JournalView, session: auth.UserSession) -> None:  # type: ignore[no-untyped-def]
    """What closing the window does to an open journal: no more sends, no listener, no connections."""
    assert view.queue is not None
    view.queue.stop()
    view.stop_listening()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
    screen.close()
    session.close()


def test_marks_typed_while_the_connection_is_cut_are_saved_when_it_comes_back(  # type: ignore[no-untyped-def]
    qtbot,
    server_demo: ServerDemo,
    proxy: CutProxy,
    log_in,
) -> None:
    teacher = log_in("prepod")
    assert teacher.backend == "postgresql" and teacher.user.login == "prepod"
    screen = open_screen(qtbot, teacher)
    o = Opened(screen, open_view(qtbot, screen, _busiest_assignment(teacher)))
    view, queue = o.view, o.view.queue
    assert queue is not None and queue.retry_ms == RETRY_MS
    column = last_recent_column(o)
    row = free_rows(o, column, 3)
    keys = [o.key(r, column) for r in (row, row + 1, row + 2)]

    o.go_to(row, column)
    enter(qtbot, o, "5")
    settle(qtbot, view)
    assert stored_marks(server_demo, keys[0]) == ("5",)
    assert view.pending_label.isHidden() and view.offline_label.isHidden()

    proxy.cut()  # the network goes away in the middle of the teacher's typing
    enter(qtbot, o, "4")
    enter(qtbot, o, "3")
    qtbot.waitUntil(lambda: offline_shown(view), timeout=WAIT_MS)
    # The cursor kept going down (it stays on the last row at the end): typing is not blocked.
    assert o.grid.currentIndex().row() == min(row + 3, o.model.rowCount() - 1)
    assert view.pending_label.isVisibleTo(view) and view.pending_label.text() == "Не сохранено: 2"
    for r, text in ((row + 1, "4"), (row + 2, "3")):
        index = o.model.index(r, column)
        assert o.model.text_at(index) == text and index.data(STATE_ROLE) == "pending"
    qtbot.waitUntil(lambda: proxy.refused >= 3, timeout=WAIT_MS)  # the queue kept trying, and was refused
    assert offline_shown(view) and view.pending_label.text() == "Не сохранено: 2"
    kept = Outbox.for_session(teacher).pending(view.assignment_id)
    assert sorted((e.student_id, e.lesson_id, e.text) for e in kept) == sorted([(*keys[1], "4"), (*keys[2], "3")])
    assert stored_marks(server_demo, keys[1]) == () and stored_marks(server_demo, keys[2]) == ()
    assert stored_marks(server_demo, keys[0]) == ("5",)

    accepted = proxy.accepted
    proxy.restore()  # the network is back: the next retry gets a fresh connection
    settle(qtbot, view)
    assert proxy.accepted > accepted
    assert [stored_marks(server_demo, key) for key in keys] == [("5",), ("4",), ("3",)]
    qtbot.waitUntil(lambda: view.offline_label.isHidden() and view.pending_label.isHidden(), timeout=WAIT_MS)
    assert [o.model.index(r, column).data(STATE_ROLE) for r in (row, row + 1, row + 2)] == [None, None, None]
    assert [o.model.text_at(o.model.index(r, column)) for r in (row, row + 1, row + 2)] == ["5", "4", "3"]
    assert Outbox.for_session(teacher).count() == 0

    # The session goes on working: a correction is saved straight away, with no conflict with itself.
    o.go_to(row + 2, column)
    enter(qtbot, o, "2")
    settle(qtbot, view)
    assert not queue.offline and stored_marks(server_demo, keys[2]) == ("2",)
    assert gb.open_journal(teacher, view.assignment_id, today=DEMO_TODAY).cell(*keys[1]).marks == ("4",)
    close_program(screen, view, teacher)


def test_a_mark_typed_offline_is_sent_when_the_program_is_opened_again(  # type: ignore[no-untyped-def]
    qtbot,
    server_demo: ServerDemo,
    proxy: CutProxy,
    log_in,
) -> None:
    teacher = log_in("prepod")
    assignment_id = _busiest_assignment(teacher)
    screen = open_screen(qtbot, teacher)
    first = Opened(screen, open_view(qtbot, screen, assignment_id))
    column = last_recent_column(first)
    row = free_rows(first, column, 1)
    key = first.key(row, column)

    proxy.cut()
    first.go_to(row, column)
    enter(qtbot, first, "4")
    qtbot.waitUntil(lambda: offline_shown(first.view), timeout=WAIT_MS)
    assert first.view.pending_label.text() == "Не сохранено: 1"
    outbox = Outbox.for_session(teacher)
    assert [(e.student_id, e.lesson_id, e.text) for e in outbox.pending(assignment_id)] == [(*key, "4")]

    # The program is closed while offline: the window, its queue and its connections are gone.
    close_program(screen, first.view, teacher)
    assert stored_marks(server_demo, key) == ()
    assert outbox.count() == 1

    proxy.restore()  # the server is reachable again; the teacher starts the program and logs in
    again = log_in("prepod")
    assert Outbox.for_session(again).count() == 1  # the same outbox: this server, this login
    view = JournalView(again, assignment_id, today=DEMO_TODAY, retry_ms=RETRY_MS)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model is not None, timeout=WAIT_MS)
    settle(qtbot, view)
    assert stored_marks(server_demo, key) == ("4",)
    assert view.model is not None and view.model.text_at(view.model.index_of(key)) == "4"
    assert view.model.index_of(key).data(STATE_ROLE) is None
    assert outbox.count() == 0
    assert view.pending_label.isHidden() and view.offline_label.isHidden()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


def test_a_save_whose_answer_was_lost_is_not_a_conflict_with_oneself(  # type: ignore[no-untyped-def]
    qtbot,
    server_demo: ServerDemo,
    proxy: CutProxy,
    log_in,
) -> None:
    """The worst moment: the server saved the mark (ej_save_cells runs in autocommit: its own
    transaction, committed before the answer leaves), and the connection broke before the client heard
    so. The retry finds the cell already holding what it sends: saved, not somebody else's change."""
    teacher = log_in("prepod")
    screen = open_screen(qtbot, teacher)
    o = Opened(screen, open_view(qtbot, screen, _busiest_assignment(teacher)))
    view = o.view
    questions: list[str] = []
    view.ask_conflict = lambda text: questions.append(text) or False  # «keep theirs», if ever asked
    column = last_recent_column(o)
    row = free_rows(o, column, 1)
    key = o.key(row, column)

    proxy.cut_before_reply(b"ej_save_cells", b'"status": "ok"')
    o.go_to(row, column)
    enter(qtbot, o, "5")
    assert proxy.trapped.wait(WAIT_MS / 1000)
    qtbot.waitUntil(lambda: offline_shown(view), timeout=WAIT_MS)
    assert stored_marks(server_demo, key) == ("5",)  # the server has it; the client does not know yet
    assert o.model.index(row, column).data(STATE_ROLE) == "pending"

    proxy.restore()
    settle(qtbot, view)
    qtbot.wait(50)  # a question would be asked on the next turn of the event loop
    assert questions == []
    assert stored_marks(server_demo, key) == ("5",)
    assert o.model.text_at(o.model.index(row, column)) == "5"
    assert o.model.index(row, column).data(STATE_ROLE) is None
    assert view.pending_label.isHidden() and view.offline_label.isHidden()
    assert Outbox.for_session(teacher).count() == 0
    close_program(screen, view, teacher)
