"""Opening and filling a journal on the large demo college: statements, time, latency.

    python -m tests.benchmarks.gradebook_open [--backend sqlite|postgresql|both] [--repeat 15]

For the largest whole-group journal of the large demo college (a throw-away PostgreSQL cluster and
a temp SQLite file), it prints:
- the number of SQL statements `open_journal` issues (target ≤ 4), for a small and a large journal;
- the median time to open it, against the bare SQL that fetches the same cells (target ≤ 1.5×);
- the statements and median time of saving one mark, and whether 600 marks typed in a row slow down
  (the first 100 against the last 100);
- on PostgreSQL, the open time through a loopback proxy that delays every packet by 5 ms.
Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import queue
import shutil
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, event, func, select

from ejournal_desktop.domain.marks import CellEntry
from ejournal_desktop.services import auth
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services.demo_college import fill_demo
from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import make_engine, normalize_url
from ejournal_desktop.store.migrate import upgrade
from ejournal_desktop.store.pg_admin import admin_engine, create_database, database_url
from tests import pgcluster

TODAY = dt.date(2026, 11, 29)


def _median_ms(action: Callable[[], object], repeat: int) -> float:
    action()  # warm caches and the pool
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def _session_for(engine: Engine, assignment_id: int) -> auth.UserSession:
    with engine.connect() as connection:
        login = connection.execute(
            select(m.Account.login)
            .join(m.TeachingAssignment, m.TeachingAssignment.teacher_id == m.Account.person_id)
            .where(m.TeachingAssignment.id == assignment_id)
        ).scalar_one()
    user, _account = auth._load_user(engine, login)
    return auth.UserSession(profile=auth.Profile(), engine=engine, user=user)


def _journals_by_size(engine: Engine) -> list[int]:
    """Whole-group assignments of the current period, largest (lessons) first."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(m.Lesson.assignment_id, func.count())
            .join(m.TeachingAssignment, m.TeachingAssignment.id == m.Lesson.assignment_id)
            .join(m.Period, m.Period.id == m.TeachingAssignment.period_id)
            .where(m.TeachingAssignment.subgroup.is_(None), m.Period.closed_at.is_(None))
            .group_by(m.Lesson.assignment_id)
            .order_by(func.count().desc())
        ).all()
    return [aid for aid, _count in rows]


def _bare_replay(engine: Engine, action: Callable[[], object]) -> Callable[[], object]:
    """The floor: the very statements `action` issues, replayed through the raw driver cursor with
    fetchall and nothing built from the rows."""
    captured: list[tuple[str, object]] = []

    def listener(_conn: object, _cursor: object, statement: str, parameters: object, *_rest: object) -> None:
        captured.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", listener)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", listener)

    def run() -> object:
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            fetched = []
            for statement, parameters in captured:
                cursor.execute(statement, parameters)
                fetched.append(cursor.fetchall())
            raw.rollback()
            return fetched
        finally:
            raw.close()

    return run


def _count_statements(engine: Engine, action: Callable[[], object]) -> int:
    seen: list[str] = []

    def listener(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", listener)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return len(seen)


def _typing_run(session: auth.UserSession, journal: gb.Journal, count: int) -> list[float]:
    """Save `count` marks cell after cell down the columns, as a teacher types; ms per save."""
    cells = [
        (lesson, student)
        for lesson in reversed(journal.lessons)
        for student in journal.students
        if student.belongs_on(lesson.held_on)
    ]
    times = []
    for lesson, student in cells[:count]:
        expected = journal.cell(student.student_id, lesson.lesson_id)
        value = "4" if expected.marks[:1] != ("4",) else "5"
        started = time.perf_counter()
        saved = gb.save_cell(
            session,
            lesson.lesson_id,
            student.student_id,
            CellEntry((value,)),
            expected,
            reason="замер",
            today=TODAY,
        )
        times.append((time.perf_counter() - started) * 1000)
        journal.cells[(student.student_id, lesson.lesson_id)] = saved
    return times


class DelayProxy:
    """A loopback TCP proxy that holds every chunk for `delay` seconds in each direction."""

    def __init__(self, target_port: int, delay: float) -> None:
        self.target_port, self.delay = target_port, delay
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            for sock in (client, upstream):  # as libpq does: no Nagle delay on small packets
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        """Latency, not bandwidth: each chunk leaves `delay / 2` after it arrived, in order, so a
        long answer split into many packets is late once, not once per packet."""
        half = self.delay / 2  # half each way: `delay` per round trip
        chunks: queue.Queue[tuple[float, bytes]] = queue.Queue()

        def forward() -> None:
            while True:
                due, chunk = chunks.get()
                if not chunk:
                    break
                time.sleep(max(0.0, due - time.monotonic()))
                try:
                    sink.sendall(chunk)
                except OSError:
                    break
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

        threading.Thread(target=forward, daemon=True).start()
        try:
            while chunk := source.recv(65536):
                chunks.put((time.monotonic() + half, chunk))
        except OSError:
            pass
        chunks.put((0.0, b""))

    def close(self) -> None:
        self.server.close()


def measure(backend: str, engine: Engine, repeat: int, proxy_url: str | None) -> None:
    ids = _journals_by_size(engine)
    large, small = ids[0], ids[-1]
    session = _session_for(engine, large)
    journal = gb.open_journal(session, large, today=TODAY)
    small_session = _session_for(engine, small)
    small_journal = gb.open_journal(small_session, small, today=TODAY)
    print(
        f"\n[{backend}] journal {journal.summary.title}: {len(journal.students)} students × "
        f"{len(journal.lessons)} lessons, {len(journal.cells)} filled cells"
    )
    statements_large = _count_statements(engine, lambda: gb.open_journal(session, large, today=TODAY))
    statements_small = _count_statements(engine, lambda: gb.open_journal(small_session, small, today=TODAY))
    print(
        f"  open_journal statements: {statements_large} (large) / {statements_small} "
        f"(small: {len(small_journal.students)}×{len(small_journal.lessons)})"
    )
    open_ms = _median_ms(lambda: gb.open_journal(session, large, today=TODAY), repeat)
    bare_ms = _median_ms(_bare_replay(engine, lambda: gb.open_journal(session, large, today=TODAY)), repeat)
    print(
        f"  open_journal median {open_ms:.1f} ms; the same statements through the bare driver {bare_ms:.1f} ms; "
        f"ratio {open_ms / bare_ms:.2f}"
    )
    lesson = journal.lessons[-1]
    student = next(s for s in journal.students if s.belongs_on(lesson.held_on))
    state = journal.cell(student.student_id, lesson.lesson_id)

    def save_once() -> None:
        nonlocal state
        value = "5" if state.marks[:1] != ("5",) else "4"
        state = gb.save_cell(session, lesson.lesson_id, student.student_id, CellEntry((value,)), state, today=TODAY)
        journal.cells[(student.student_id, lesson.lesson_id)] = state

    print(
        f"  save_cell statements: {_count_statements(engine, save_once)}; "
        f"median {_median_ms(save_once, repeat * 3):.1f} ms"
    )
    times = _typing_run(session, journal, 600)
    first, last = statistics.median(times[:100]), statistics.median(times[-100:])
    print(
        f"  600 marks in a row: median of the first 100 {first:.1f} ms, of the last 100 {last:.1f} ms "
        f"(ratio {last / first:.2f})"
    )
    if proxy_url:
        slow = make_engine(proxy_url)
        slow_session = auth.UserSession(profile=auth.Profile(), engine=slow, user=session.user)
        slow_ms = _median_ms(lambda: gb.open_journal(slow_session, large, today=TODAY), max(5, repeat // 3))
        print(f"  open_journal with +5 ms per round trip: median {slow_ms:.1f} ms")
        slow.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    if args.backend in ("sqlite", "both"):
        folder = Path(tempfile.mkdtemp(prefix="ej-bench-"))
        engine = make_engine(f"sqlite:///{folder / 'large.sqlite3'}")
        upgrade(engine)
        print("sqlite: filling the large demo college…", flush=True)
        fill_demo(engine, size="large", today=TODAY)
        measure("sqlite", engine, args.repeat, None)
        engine.dispose()
        shutil.rmtree(folder, ignore_errors=True)
    if args.backend in ("postgresql", "both"):
        cluster = pgcluster.start_cluster()
        try:
            admin = admin_engine(cluster.url())
            create_database(admin, "ej_bench_journal")
            admin.dispose()
            url = database_url(cluster.url(), "ej_bench_journal")
            engine = make_engine(url)
            upgrade(engine)
            print("postgresql: filling the large demo college…", flush=True)
            fill_demo(engine, size="large", today=TODAY)
            with engine.connect() as connection:
                connection.exec_driver_sql("ANALYZE")
            proxy = DelayProxy(cluster.port, 0.005)
            proxy_url = normalize_url(url).set(port=proxy.port, query={"sslmode": "disable"})
            measure("postgresql", engine, args.repeat, proxy_url.render_as_string(hide_password=False))
            proxy.close()
            engine.dispose()
        finally:
            pgcluster.remove_cluster(cluster)


if __name__ == "__main__":
    main()
