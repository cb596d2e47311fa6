"""The diary, the inbox and live messages on the large demo college with 50,000 messages (PostgreSQL).

    python -m tests.benchmarks.diary_messages [--messages 50000] [--repeat 15]

A throw-away cluster, `init_server`, the large demo college with a LOGIN role for every account,
then 50,000 more messages (COPY) in conversations of curators with parents and in the staff room.
Everything below runs as the person's own login, under row-level security, through the services:
- a student's diary for the semester: SQL statements issued, median ms, against a bare single query
  that fetches the same marks (with dates and topics) in the same session;
- the inbox of the demo curator (conversations, last messages, unread counts): median ms, against
  a bare single query counting the messages of their conversations;
- a new message reaching a LISTENing client (NOTIFY ej_message): latency from the sender's call to
  the listener's wake-up, median and max of 20.
Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import threading
import time
from collections.abc import Callable

from sqlalchemy import event, func, select, text

from ejournal_desktop.domain.names import search_key
from ejournal_desktop.services import auth, diary, messages
from ejournal_desktop.services.demo_on_server import fill_demo_on_server
from ejournal_desktop.store import models as m
from ejournal_desktop.store.bulk import bulk_insert, reset_sequences
from ejournal_desktop.store.engine import normalize_url
from ejournal_desktop.store.server.server_init import init_server, owner_engine
from tests import pgcluster

TODAY = dt.date(2026, 11, 29)
PASSWORD = "bench-Пароль-1"
DB = "ej_bench_diary"
TEXTS = (
    "Добрый день! Напоминаю про собрание.",
    "Спасибо, будем.",
    "Сын болеет, справку принесём.",
    "Когда можно пересдать контрольную?",
    "Проверьте, пожалуйста, дневник.",
    "Коллеги, журналы заполнить до пятницы.",
)


def _median_ms(action: Callable[[], object], repeat: int) -> float:
    action()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def _add_messages(admin_url: str, count: int) -> dict[str, int]:
    """`count` messages: one-to-one conversations of each curator with the group's parents, the staff room."""
    rng = random.Random(8)
    engine = owner_engine(admin_url, DB, bulk=True)
    try:
        with engine.begin() as conn:
            pairs = conn.execute(
                select(m.StudyGroup.curator_id, m.GuardianLink.guardian_id)
                .join(m.Student, m.Student.group_id == m.StudyGroup.id)
                .join(m.GuardianLink, m.GuardianLink.student_id == m.Student.id)
                .where(m.StudyGroup.curator_id.is_not(None), m.Student.status == "studying")
                .order_by(m.StudyGroup.id, m.GuardianLink.guardian_id)
            ).all()
            staff_room = conn.execute(
                select(m.Conversation.id).where(m.Conversation.title == "Учительская")
            ).scalar_one()
            staff = [
                r[0]
                for r in conn.execute(
                    select(m.ConversationMember.person_id).where(m.ConversationMember.conversation_id == staff_room)
                )
            ]
            next_conv = (conn.execute(select(func.max(m.Conversation.id))).scalar() or 0) + 1
            next_msg = (conn.execute(select(func.max(m.Message.id))).scalar() or 0) + 1
            start = dt.datetime.combine(TODAY - dt.timedelta(days=85), dt.time(8))
            conversations, members, rows = [], [], []
            chosen = pairs[:: max(1, len(pairs) // 2500)]
            threads: list[tuple[int, list[int]]] = [(staff_room, staff)]
            for k, (curator, parent) in enumerate(chosen):
                cid = next_conv + k
                conversations.append((cid, "direct", None, curator, start))
                members.append((cid, curator, None, start))
                members.append((cid, parent, None, start))
                threads.append((cid, [curator, parent]))
            last: dict[int, dt.datetime] = {}
            for i in range(count):
                cid, people = threads[0] if i % 10 == 0 else threads[1 + rng.randrange(len(threads) - 1)]
                sent = start + dt.timedelta(minutes=i * (85 * 24 * 60) // count)
                body = rng.choice(TEXTS)
                rows.append((next_msg + i, cid, rng.choice(people), body, search_key(body), sent))
                last[cid] = sent
            bulk_insert(
                conn, m.Conversation.__table__, ("id", "kind", "title", "created_by", "created_at"), conversations
            )
            # Most read up to their last message; some a day behind (unread ones).
            members = [
                (c, p, (last.get(c, start) - dt.timedelta(days=rng.choice((0, 0, 0, 1)))), j) for c, p, _r, j in members
            ]
            bulk_insert(
                conn,
                m.ConversationMember.__table__,
                ("conversation_id", "person_id", "last_read_at", "joined_at"),
                members,
            )
            bulk_insert(
                conn,
                m.Message.__table__,
                ("id", "conversation_id", "sender_id", "body", "search_body", "sent_at"),
                rows,
            )
            reset_sequences(conn, [m.Conversation.__table__, m.Message.__table__])
            conn.execute(text("ANALYZE message"))
            conn.execute(text("ANALYZE conversation_member"))
            total = conn.execute(select(func.count()).select_from(m.Message)).scalar_one()
        return {"conversations": len(conversations), "messages": int(total)}
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    cluster = pgcluster.start_cluster()
    try:
        admin_url = cluster.url()
        started = time.perf_counter()
        init_server(admin_url, DB, "admin_bench", PASSWORD)
        fill_demo_on_server(admin_url, DB, size="large", today=TODAY, password=PASSWORD)
        added = _add_messages(admin_url, args.messages)
        print(
            f"Large demo college on PostgreSQL, {added['messages']} messages "
            f"({added['conversations']} more conversations): {time.perf_counter() - started:.0f} s to build"
        )
        url = normalize_url(admin_url)
        profile = auth.Profile(kind="server", host=url.host, port=url.port, database=DB, sslmode="disable")

        # --- the student's diary for the semester
        student = auth.login(profile, "student", PASSWORD)
        [me] = diary.diary_students(student)
        statements = [0]

        def seen(*_a: object) -> None:
            statements[0] += 1

        event.listen(student.engine, "before_cursor_execute", seen)
        book = diary.diary(student, me.student_id, today=TODAY)
        queries = statements[0]
        event.remove(student.engine, "before_cursor_execute", seen)
        marks = sum(len(d.marks) for d in book.disciplines)
        assert book.period is not None
        period_id = book.period.id
        bare = text(
            "SELECT l.held_on, l.topic, mk.value FROM mark mk JOIN lesson l ON l.id = mk.lesson_id "
            "JOIN teaching_assignment t ON t.id = l.assignment_id WHERE mk.student_id = :s AND t.period_id = :p"
        )

        def bare_diary() -> object:
            with student.engine.connect() as conn:
                return conn.execute(bare, {"s": me.student_id, "p": period_id}).all()

        diary_ms = _median_ms(lambda: diary.diary(student, me.student_id, today=TODAY), args.repeat)
        bare_ms = _median_ms(bare_diary, args.repeat)
        timings: list[tuple[float, str]] = []
        clock: dict[str, float] = {}

        def before(*_a: object) -> None:
            clock["t"] = time.perf_counter()

        def after(_c: object, _cur: object, statement: str, *_a: object) -> None:
            timings.append(((time.perf_counter() - clock["t"]) * 1000, " ".join(statement.split())[:40]))

        event.listen(student.engine, "before_cursor_execute", before)
        event.listen(student.engine, "after_cursor_execute", after)
        diary.diary(student, me.student_id, today=TODAY)
        event.remove(student.engine, "before_cursor_execute", before)
        event.remove(student.engine, "after_cursor_execute", after)
        print("  the diary's statements, ms: " + "; ".join(f"{ms:.1f} «{sql}…»" for ms, sql in timings))
        print(
            f"Diary of the student ({len(book.disciplines)} disciplines, {marks} marks, "
            f"{len(book.timetable)} timetable slots): {queries} statements "
            f"(limit {diary.DIARY_QUERIES}), median {diary_ms:.1f} ms; bare single query {bare_ms:.1f} ms; "
            f"ratio {diary_ms / bare_ms:.1f}×"
        )

        # --- the curator's inbox
        curator = auth.login(profile, "kurator", PASSWORD)
        rows = messages.inbox(curator)
        in_inbox = sum(1 for _ in rows)
        bare_inbox = text(
            "SELECT m.conversation_id, count(*) FROM message m JOIN conversation_member cm "
            "ON cm.conversation_id = m.conversation_id AND cm.person_id = :me GROUP BY m.conversation_id"
        )

        def bare_count() -> object:
            with curator.engine.connect() as conn:
                return conn.execute(bare_inbox, {"me": curator.user.person_id}).all()

        with curator.engine.connect() as conn:
            their = conn.execute(
                text(
                    "SELECT count(*) FROM message m JOIN conversation_member cm ON cm.conversation_id = "
                    "m.conversation_id AND cm.person_id = :me"
                ),
                {"me": curator.user.person_id},
            ).scalar()
        inbox_ms = _median_ms(lambda: messages.inbox(curator), args.repeat)
        unread_ms = _median_ms(lambda: messages.unread_total(curator), args.repeat)
        bare_inbox_ms = _median_ms(bare_count, args.repeat)
        print(
            f"Inbox of the curator ({in_inbox} conversations, {their} messages in them, "
            f"{messages.unread_total(curator)} unread): median {inbox_ms:.1f} ms; unread badge "
            f"{unread_ms:.1f} ms; bare single count query {bare_inbox_ms:.1f} ms; "
            f"ratio {inbox_ms / bare_inbox_ms:.1f}×"
        )

        # --- a new message reaching a listening client
        parent = auth.login(profile, "roditel", PASSWORD)
        conversation = messages.start_conversation(curator, [parent.user.person_id])
        listener = messages.open_listener(parent)
        assert listener is not None
        latencies = []
        for n in range(20):
            got = threading.Event()

            def listen(got: threading.Event = got) -> None:
                deadline = time.monotonic() + 5
                while time.monotonic() < deadline:
                    if conversation in listener.wait(0.05):
                        got.set()
                        return

            worker = threading.Thread(target=listen)
            worker.start()
            sent_at = time.perf_counter()
            messages.send_message(curator, conversation, f"Проверка связи {n}")
            got.wait(5)
            received = time.perf_counter()
            worker.join()
            latencies.append((received - sent_at) * 1000 if got.is_set() else float("inf"))
        listener.close()
        print(
            f"A new message reaching a LISTENing client (send call → wake-up, 20 messages): "
            f"median {statistics.median(latencies):.1f} ms, max {max(latencies):.1f} ms"
        )
        for session in (student, curator, parent):
            session.close()
    finally:
        pgcluster.remove_cluster(cluster)


if __name__ == "__main__":
    main()
