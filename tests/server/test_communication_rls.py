"""The board, messages, the diary and the portfolio straight through SQL on a real server, as each login.

The small demo college on a database set up by `init_server` (every demo account a LOGIN role):
row-level security keeps each login to what is theirs whatever client it uses; the services work
under it; NOTIFY wakes a listening client. See 09_communication.sql.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest

from ejournal_desktop.domain.errors import NotFound, PermissionDenied
from ejournal_desktop.services import auth, board, diary, messages
from ejournal_desktop.services.demo_on_server import fill_demo_on_server
from ejournal_desktop.store.engine import make_engine, normalize_url
from ejournal_desktop.store.pg_admin import admin_engine, database_url, drop_database
from ejournal_desktop.store.server.server_init import init_server
from tests.conftest import DEMO_TODAY
from tests.server.college import drop_logins
from tests.server.conftest import unique_db

pytestmark = pytest.mark.pg

PASSWORD = "Демо-пароль 'связь'"


@dataclass
class Server:
    server_url: str
    db: str

    def connect(self, login: str | None = None) -> psycopg.Connection:
        url = normalize_url(self.server_url)
        return psycopg.connect(
            host=url.host,
            port=url.port,
            user=login or url.username,
            password=PASSWORD if login else url.password,
            dbname=self.db,
            autocommit=True,
        )

    def session(self, login: str) -> auth.UserSession:
        url = normalize_url(self.server_url)
        profile = auth.Profile(kind="server", host=url.host, port=url.port, database=self.db, sslmode="disable")
        return auth.login(profile, login, PASSWORD)

    def one(self, sql: str, *params: object) -> object:
        with self.connect() as conn:
            row = conn.execute(sql, params).fetchone()
        return row[0] if row else None


@pytest.fixture(scope="module")
def server(pg_server) -> Iterator[Server]:  # type: ignore[no-untyped-def]
    db = unique_db("ej_comm")
    init_server(pg_server.url, db, "admin_srv", PASSWORD)
    fill_demo_on_server(pg_server.url, db, today=DEMO_TODAY, password=PASSWORD)
    built = Server(pg_server.url, db)
    with built.connect() as conn:
        logins = [row[0] for row in conn.execute("SELECT login FROM account")]
    yield built
    admin = admin_engine(pg_server.url)
    drop_database(admin, db)
    admin.dispose()
    drop_logins(pg_server.url, logins)


def _student_of_other_group(server: Server) -> str:
    return str(
        server.one(
            "SELECT a.login FROM account a JOIN student s ON s.person_id = a.person_id "
            "WHERE s.status = 'studying' AND s.group_id <> (SELECT s2.group_id FROM student s2 JOIN account a2 "
            "ON a2.person_id = s2.person_id WHERE a2.login = 'student') ORDER BY a.login LIMIT 1"
        )
    )


def test_a_student_reads_only_the_conversations_they_are_in(server: Server) -> None:
    with server.connect("student") as conn:
        mine = {r[0] for r in conn.execute("SELECT conversation_id FROM conversation_member")}
        seen = {r[0] for r in conn.execute("SELECT DISTINCT conversation_id FROM message")}
        conversations = {r[0] for r in conn.execute("SELECT id FROM conversation")}
        attachments = conn.execute("SELECT count(*) FROM attachment").fetchone()[0]
    with server.connect() as conn:
        expected = {
            r[0]
            for r in conn.execute(
                "SELECT cm.conversation_id FROM conversation_member cm JOIN account a ON a.person_id = cm.person_id "
                "WHERE a.login = 'student'"
            )
        }
    assert mine == conversations == expected and seen <= expected and seen
    assert attachments == 0  # the demo's attachment is in the parent's conversation with the curator
    foreign = server.one(
        "SELECT id FROM conversation WHERE id NOT IN (SELECT cm.conversation_id FROM conversation_member cm "
        "JOIN account a ON a.person_id = cm.person_id WHERE a.login = 'student') ORDER BY id LIMIT 1"
    )
    me = server.one("SELECT person_id FROM account WHERE login = 'student'")
    with server.connect("student") as conn:
        assert conn.execute("SELECT count(*) FROM message WHERE conversation_id = %s", (foreign,)).fetchone()[0] == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO message (conversation_id, sender_id, body, search_body) VALUES (%s, %s, 'x', 'x')",
                (foreign, me),
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO conversation_member (conversation_id, person_id) VALUES (%s, %s)", (foreign, me))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO conversation (kind, created_by) VALUES ('direct', %s)", (me,))


def test_a_parent_sees_only_the_childrens_diary_and_portfolio(server: Server) -> None:
    with server.connect() as conn:
        children = {
            r[0]
            for r in conn.execute(
                "SELECT g.student_id FROM guardian_link g JOIN account a ON a.person_id = g.guardian_id "
                "WHERE a.login = 'roditel'"
            )
        }
    assert len(children) == 2
    with server.connect("roditel") as conn:
        marks = {r[0] for r in conn.execute("SELECT DISTINCT student_id FROM mark")}
        absences = {r[0] for r in conn.execute("SELECT DISTINCT student_id FROM attendance")}
        items = {r[0] for r in conn.execute("SELECT DISTINCT student_id FROM portfolio_item")}
        visits = {r[0] for r in conn.execute("SELECT student_id FROM diary_visit")}
    assert marks == children and absences <= children and items <= children and items and visits == children
    session = server.session("roditel")
    try:
        for child in diary.diary_students(session):
            book = diary.diary(session, child.student_id, today=DEMO_TODAY)
            assert book.disciplines and any(d.marks for d in book.disciplines) and book.timetable
            assert all(d.teacher != "—" for d in book.disciplines)
            assert book.whats_new is not None and book.whats_new.unread_messages >= 2
        other = server.one("SELECT min(id) FROM student WHERE id <> ALL(%s)", sorted(children))
        with pytest.raises((PermissionDenied, NotFound)):  # under RLS the stranger's row is simply not there
            diary.diary(session, other, today=DEMO_TODAY)
    finally:
        session.close()


def test_an_announcement_for_group_a_does_not_reach_group_b(server: Server) -> None:
    curator = server.session("kurator")
    try:
        group_id = curator.user.curated_group_ids[0]
        new = board.publish(
            curator, title="Консультация группы", body="Суббота, 10:00", audience="group", target_group_id=group_id
        )
    finally:
        curator.close()
    with server.connect("student") as conn:
        assert conn.execute("SELECT count(*) FROM announcement WHERE id = %s", (new,)).fetchone()[0] == 1
    other = _student_of_other_group(server)
    with server.connect(other) as conn:
        assert conn.execute("SELECT count(*) FROM announcement WHERE id = %s", (new,)).fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM announcement WHERE audience = 'group_parents'").fetchone()[0] == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO announcement (author_name, audience, title, body, publish_on, pinned) "
                "VALUES ('x', 'everyone', 'x', '', current_date, false)"
            )
    with server.connect("prepod") as conn:
        me = conn.execute("SELECT ej_my_person_id()").fetchone()[0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO announcement (author_id, author_name, audience, title, body, publish_on, pinned) "
                "VALUES (%s, 'x', 'everyone', 'Всем', '', current_date, false)",
                (me,),
            )
    student = server.session("student")
    try:
        assert new in {a.id for a in board.list_announcements(student)}
    finally:
        student.close()


def test_starting_conversations_follows_the_matrix_on_the_server(server: Server) -> None:
    kurator = server.one("SELECT person_id FROM account WHERE login = 'kurator'")
    stranger = server.one(
        "SELECT s.person_id FROM student s WHERE s.id NOT IN (SELECT g.student_id FROM guardian_link g "
        "JOIN account a ON a.person_id = g.guardian_id WHERE a.login = 'roditel') ORDER BY s.id LIMIT 1"
    )
    with server.connect("roditel") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT ej_start_conversation('', ARRAY[%s])", (stranger,))
        existing = conn.execute("SELECT ej_start_conversation('', ARRAY[%s])", (kurator,)).fetchone()[0]
        assert (
            conn.execute("SELECT count(*) FROM conversation_member WHERE conversation_id = %s", (existing,)).fetchone()[
                0
            ]
            == 2
        )
    # The server's rule and the services' (run here as the superuser, no RLS) give the same people.
    engine = make_engine(database_url(server.server_url, server.db))
    try:
        with engine.connect() as conn:
            for login in ("roditel", "student", "kurator", "prepod", "zamdir", "sekretar"):
                person_id = server.one("SELECT person_id FROM account WHERE login = %s", login)
                roles = frozenset(
                    conn.exec_driver_sql(
                        "SELECT role FROM account WHERE login = %(l)s UNION SELECT ar.role FROM account_role ar "
                        "JOIN account a ON a.id = ar.account_id WHERE a.login = %(l)s",
                        {"l": login},
                    ).scalars()
                )
                with server.connect(login) as own:
                    on_server = {r[0] for r in own.execute("SELECT ej_contact_person_ids()")}
                    named = {r[0] for r in own.execute("SELECT person_id FROM ej_my_contacts()")}
                assert on_server == named == messages.contact_ids(conn, person_id, roles), login
    finally:
        engine.dispose()


def test_services_under_rls_send_read_and_refuse_big_attachments(server: Server) -> None:
    parent = server.session("roditel")
    curator = server.session("kurator")
    try:
        conversation = messages.start_conversation(parent, [curator.user.person_id])
        before = messages.unread_total(curator)
        body = "<b>Справка</b><script>alert(1)</script>"
        messages.send_message(parent, conversation, body, [messages.NewAttachment("справка.txt", b"scan")])
        assert messages.unread_total(curator) == before + 1
        shown = messages.thread(curator, conversation).messages[-1]
        assert shown.body == body and shown.attachments[0].name == "справка.txt"
        assert messages.attachment_content(curator, shown.attachments[0].id).content == b"scan"
        assert any(c.id == conversation for c in messages.inbox(curator))
        assert messages.search(curator, "справка")[0].conversation_id == conversation
        # The limit holds on the server too, for a client that skips the program's check.
        me = parent.user.person_id
        with server.connect("roditel") as conn:
            message_id = conn.execute(
                "INSERT INTO message (conversation_id, sender_id, body, search_body) VALUES (%s, %s, 'x', 'x') "
                "RETURNING id",
                (conversation, me),
            ).fetchone()[0]
            with pytest.raises(psycopg.errors.InvalidParameterValue, match="больше допустимого"):
                conn.execute(
                    "INSERT INTO attachment (message_id, name, mime, size, content) VALUES (%s, 'big.bin', 'x', 1, %s)",
                    (message_id, b"z" * (messages.DEFAULT_ATTACHMENT_LIMIT + 1)),
                )
            # sent_at comes from the server's clock, not the client.
            dated = conn.execute(
                "INSERT INTO message (conversation_id, sender_id, body, search_body, sent_at) "
                "VALUES (%s, %s, 'y', 'y', '2001-01-01') RETURNING sent_at",
                (conversation, me),
            ).fetchone()[0]
            assert dated.year >= 2026
    finally:
        parent.close()
        curator.close()


def test_a_new_message_reaches_a_listening_client(server: Server) -> None:
    curator = server.session("kurator")
    parent = server.session("roditel")
    listener = messages.open_listener(parent)
    assert listener is not None
    received: list[int] = []
    try:
        conversation = messages.start_conversation(curator, [parent.user.person_id])

        def listen() -> None:
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline and conversation not in received:
                received.extend(listener.wait(0.2))

        thread = threading.Thread(target=listen)
        thread.start()
        time.sleep(0.1)
        messages.send_message(curator, conversation, "Проверка связи")
        thread.join()
        assert conversation in received
    finally:
        listener.close()
        parent.close()
        curator.close()


def test_the_inbox_listens_again_after_its_connection_is_killed(server: Server, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The messages screen's listening thread (ui.listen_thread, as the journal's): its connection
    killed on the server, it listens again, says so (`reconnected`: the badge is re-read) and the
    next message reaches it."""
    from ejournal_desktop.ui import listen_thread

    monkeypatch.setattr(listen_thread, "RECONNECT_SECONDS", 0.2)
    curator = server.session("kurator")
    parent = server.session("roditel")
    thread = listen_thread.ListenThread(lambda: messages.MessageListener(parent), "test inbox")
    received: list[int] = []
    thread.received.connect(received.extend)
    try:
        conversation = messages.start_conversation(curator, [parent.user.person_id])
        with qtbot.waitSignal(thread.listening, timeout=10_000):
            thread.start()
        first_pid = thread.backend_pid
        assert first_pid
        with qtbot.waitSignal(thread.reconnected, timeout=10_000), server.connect() as admin:
            assert admin.execute("SELECT pg_terminate_backend(%s)", (first_pid,)).fetchone() == (True,)
        assert thread.backend_pid not in (None, first_pid)  # a new connection
        messages.send_message(curator, conversation, "После обрыва связи")
        qtbot.waitUntil(lambda: conversation in received, timeout=10_000)
    finally:
        thread.stop()
        parent.close()
        curator.close()
