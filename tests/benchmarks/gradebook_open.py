"""Opening and filling a journal on the large demo college: statements, time, round trips, latency.

    python -m tests.benchmarks.gradebook_open [--backend sqlite|postgresql|both] [--repeat 15]

For the issue's journal of 30 students × 80 lessons on the large demo college (`_make_full_journal`),
in a temp SQLite file and in a throw-away PostgreSQL cluster set up by `server init`, where the
journal's teacher logs in as their own login role, so row-level security applies as in the college,
it prints:
- the number of SQL statements `open_journal` issues (target ≤ 4), for a small and a large journal;
- the median time to open it, against the bare SQL that fetches the same cells (target ≤ 1.5×), and
  the time to the first paint: a JournalView built, its model filled, shown offscreen and grabbed once;
- saving one mark: statements, round trips (counted at a loopback proxy) and median time, through
  ej_save_cells (one statement) and through the separate statements (five);
- whether 600 marks typed in a row slow down (the first 100 against the last 100);
- on PostgreSQL, the open time and the first paint through a loopback proxy that delays every
  packet by 5 ms (target: opens in under 150 ms).
Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import queue
import random
import shutil
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, func, insert, select

from ejournal_desktop.domain.marks import CellEntry
from ejournal_desktop.services import auth, journal_cells
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services.demo_college import fill_demo
from ejournal_desktop.services.demo_on_server import fill_demo_on_server
from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import make_engine
from ejournal_desktop.store.migrate import upgrade
from ejournal_desktop.store.pg_admin import database_url
from ejournal_desktop.store.server.server_init import init_server
from tests import pgcluster
from tests.benchmarks.large_demo import captured_statements, count_statements

TODAY = dt.date(2026, 11, 29)
PASSWORD = "Замер-2026"


def _median_ms(action: Callable[[], object], repeat: int) -> float:
    action()  # warm caches and the pool
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


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


JOURNAL_STUDENTS, JOURNAL_LESSONS = 30, 80  # the journal: 30 students × 80 lessons


def _make_full_journal(engine: Engine) -> int:
    """The issue's 30 × 80 journal on the large demo college: the heaviest whole-group journal of the
    current semester of a group of 30 students, topped up to 80 lessons (5th and 6th pairs of the
    weekdays so far) with marks and absences at that journal's own density. Returns its assignment."""
    rng = random.Random(2026)
    with engine.begin() as connection:
        sizes = connection.execute(
            select(m.Student.group_id, func.count())
            .where(m.Student.status == "studying")
            .group_by(m.Student.group_id)
            .having(func.count() >= JOURNAL_STUDENTS)
        ).all()
        group_id = min(sizes, key=lambda row: (row[1], row[0]))[0]  # exactly 30 if there is such a group
        assignment_id, teacher_id, starts_on = connection.execute(
            select(m.TeachingAssignment.id, m.TeachingAssignment.teacher_id, m.Period.starts_on)
            .join(m.Period, m.Period.id == m.TeachingAssignment.period_id)
            .join(m.Lesson, m.Lesson.assignment_id == m.TeachingAssignment.id)
            .where(
                m.TeachingAssignment.group_id == group_id,
                m.TeachingAssignment.subgroup.is_(None),
                m.Period.closed_at.is_(None),
            )
            .group_by(m.TeachingAssignment.id, m.TeachingAssignment.teacher_id, m.Period.starts_on)
            .order_by(func.count().desc(), m.TeachingAssignment.id)
            .limit(1)
        ).one()
        students = (
            connection.execute(
                select(m.Student.id).where(m.Student.group_id == group_id, m.Student.status == "studying")
            )
            .scalars()
            .all()
        )
        held = connection.execute(
            select(m.Lesson.held_on, m.Lesson.pair_no).where(m.Lesson.assignment_id == assignment_id)
        ).all()
        marks, absences = (
            connection.execute(
                select(func.count())
                .select_from(table)
                .join(m.Lesson, m.Lesson.id == table.lesson_id)
                .where(m.Lesson.assignment_id == assignment_id)
            ).scalar_one()
            for table in (m.Mark, m.Attendance)
        )
        cells = max(1, len(held) * len(students))
        mark_share, absence_share = marks / cells, absences / cells
        taken = set(held)
        free = [
            (day, pair)
            for day in (starts_on + dt.timedelta(days=k) for k in range((TODAY - starts_on).days))
            if day.weekday() < 5
            for pair in (5, 6)
            if (day, pair) not in taken
        ]
        new = sorted(rng.sample(free, max(0, JOURNAL_LESSONS - len(held))))
        lessons = [
            {"assignment_id": assignment_id, "held_on": day, "pair_no": pair, "hours": 2,
             "topic": f"Практическое занятие № {k + 1}", "homework": "Повторить конспект",
             "lesson_kind": "practice", "created_by": teacher_id}
            for k, (day, pair) in enumerate(new, start=len(held))
        ]  # fmt: skip
        if lessons:
            ids = (
                connection.execute(insert(m.Lesson).returning(m.Lesson.id, sort_by_parameter_order=True), lessons)
                .scalars()
                .all()
            )
            for lesson, lesson_id in zip(lessons, ids, strict=True):
                lesson["id"] = lesson_id
        mark_rows, absence_rows = [], []
        for lesson in lessons:
            for student_id in students:
                draw = rng.random()
                if draw < absence_share:
                    absence_rows.append({"lesson_id": lesson["id"], "assignment_id": assignment_id,
                                         "student_id": student_id, "absent_hours": 2,
                                         "reason": "unexcused", "late": False, "updated_by": teacher_id})  # fmt: skip
                elif draw < absence_share + mark_share:
                    mark_rows.append({"lesson_id": lesson["id"], "assignment_id": assignment_id,
                                      "student_id": student_id, "slot": 1,
                                      "value": rng.choice("5544433332"), "updated_by": teacher_id})  # fmt: skip
        for table, rows in ((m.Mark, mark_rows), (m.Attendance, absence_rows)):
            if rows:
                connection.execute(table.__table__.insert(), rows)
    return assignment_id


def _bare_replay(engine: Engine, action: Callable[[], object]) -> Callable[[], object]:
    """The floor: the very statements `action` issues, replayed through the raw driver cursor with
    fetchall and nothing built from the rows."""
    captured = captured_statements(engine, action)

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
        self.sent = 0  # chunks the clients sent to the server: ≈ round trips (libpq writes once per request)
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
            for a, b, counted in ((client, upstream, True), (upstream, client, False)):
                threading.Thread(target=self._pipe, args=(a, b, counted), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, counted: bool) -> None:
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
                if counted:
                    self.sent += 1
                chunks.put((time.monotonic() + half, chunk))
        except OSError:
            pass
        chunks.put((0.0, b""))

    def close(self) -> None:
        self.server.close()


def _first_paint_ms(session: auth.UserSession, assignment_id: int) -> tuple[float, float, float]:
    """A JournalView from nothing to its first paint: opened off the GUI thread, the model filled, the
    widget shown offscreen and grabbed once. The window is then closed (listener and queue stopped).
    Returns (total, building the empty widget, from built to the model filled) in ms.

    The grab is taken as the journal arrives (in the slot of `loaded`), before the event loop runs
    again: otherwise the loop would first paint the filled view itself and the grab would be a second
    paint, one more than the app does and than the floor (a table filled, shown and grabbed) pays."""
    from PySide6.QtCore import QEvent, QEventLoop, QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    from ejournal_desktop.ui.journal_view import JournalView

    started = time.perf_counter()
    view = JournalView(session, assignment_id, today=TODAY)
    view.resize(1400, 800)
    view.show()  # as «Мои журналы» does: the view is on screen while its journal loads
    built = time.perf_counter()
    filled: list[float] = []
    painted: list[tuple[float, object]] = []
    loop = QEventLoop()

    def first_paint() -> None:
        filled.append(time.perf_counter())
        image = view.grab()
        painted.append((time.perf_counter(), image))
        loop.quit()

    view.loaded.connect(first_paint)
    view.load_failed.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()
    assert painted, "the journal did not open"
    finished, image = painted[0]
    elapsed = (finished - started) * 1000
    assert view.model is not None and not image.isNull()  # type: ignore[attr-defined]
    view.stop_listening()
    if view.queue is not None:
        view.queue.stop()
    view.close()
    view.deleteLater()
    QThreadPool.globalInstance().waitForDone(10_000)
    QApplication.processEvents()
    # Deleted now, as the floor's table is: not while the next run's journal is being read.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return elapsed, (built - started) * 1000, (filled[0] - built) * 1000


def _bare_table_paint_ms(journal: gb.Journal) -> float:
    """The floor of a first paint: the journal's cell texts in a QStandardItemModel, a plain QTableView
    of the same size shown offscreen and grabbed once — no delegate, no colours, no frozen column."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    from ejournal_desktop.ui.journal_model import entry_text

    started = time.perf_counter()
    model = QStandardItemModel(len(journal.students), len(journal.lessons) + len(journal.final_kinds) + 3)
    for row, student in enumerate(journal.students):
        model.setVerticalHeaderItem(row, QStandardItem(student.short_name))
        for column, lesson in enumerate(journal.lessons):
            state = journal.cells.get((student.student_id, lesson.lesson_id))
            if state is not None:
                model.setItem(row, column, QStandardItem(entry_text(state.entry, lesson.hours)))
    view = QTableView()
    view.setModel(model)
    view.resize(1400, 800)
    view.show()
    view.grab()
    elapsed = (time.perf_counter() - started) * 1000
    view.close()
    view.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # not inside the next run's timing
    return elapsed


def _save_probe(session: auth.UserSession, journal: gb.Journal) -> Callable[[], object]:
    """Saving one mark over and over in the latest lesson's first cell (5 ↔ 4)."""
    lesson = journal.lessons[-1]
    student = next(s for s in journal.students if s.belongs_on(lesson.held_on))
    key = (student.student_id, lesson.lesson_id)

    def save_once() -> None:
        state = journal.cells.get(key, gb.EMPTY_CELL_STATE)
        value = "5" if state.marks[:1] != ("5",) else "4"
        journal.cells[key] = gb.save_cell(
            session, lesson.lesson_id, student.student_id, CellEntry((value,)), state, today=TODAY
        )

    return save_once


@contextlib.contextmanager
def _separate_statements(engine: Engine):  # type: ignore[no-untyped-def]
    """Save through the five separate statements even where ej_save_cells exists."""
    known = journal_cells._server_function.get(engine)
    journal_cells._server_function[engine] = False
    try:
        yield
    finally:
        if known is None:
            journal_cells._server_function.pop(engine, None)
        else:
            journal_cells._server_function[engine] = known


def _round_trips(proxy: DelayProxy, action: Callable[[], object]) -> int:
    action()  # warm: the pool's connection exists, the function is known
    before = proxy.sent
    action()
    time.sleep(0.05)  # the proxy's reader threads count what has arrived
    return proxy.sent - before


def measure(
    backend: str,
    session: auth.UserSession,
    large: int,
    small_session: auth.UserSession,
    small: int,
    repeat: int,
    slow: tuple[auth.UserSession, DelayProxy] | None,
) -> None:
    engine = session.engine
    journal = gb.open_journal(session, large, today=TODAY)
    small_journal = gb.open_journal(small_session, small, today=TODAY)
    print(
        f"\n[{backend}] journal {journal.summary.title}: {len(journal.students)} students × "
        f"{len(journal.lessons)} lessons, {len(journal.cells)} filled cells, as {session.user.login}"
        + (" (own login role, row-level security)" if backend == "postgresql" else "")
    )
    statements_large = count_statements(engine, lambda: gb.open_journal(session, large, today=TODAY))
    statements_small = count_statements(
        small_session.engine, lambda: gb.open_journal(small_session, small, today=TODAY)
    )
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
    _first_paint_ms(session, large)  # warm: Qt's fonts, styles and the pool
    _bare_table_paint_ms(journal)
    runs, floors = [], []
    for _ in range(max(9, repeat)):  # in turn, so a change in the machine's load touches both alike
        runs.append(_first_paint_ms(session, large))
        floors.append(_bare_table_paint_ms(journal))
    paint_ms = statistics.median(r[0] for r in runs)
    build_ms = statistics.median(r[1] for r in runs)
    fill_ms = statistics.median(r[2] for r in runs)
    floor_view_ms = statistics.median(floors)
    floor_ms = bare_ms + floor_view_ms
    print(
        f"  open + model filled + first paint (JournalView shown offscreen, grab()): median {paint_ms:.1f} ms "
        f"(min {min(r[0] for r in runs):.1f}); ratio to the bare SQL {paint_ms / bare_ms:.2f}\n"
        f"    of which: building the empty widget {build_ms:.1f} ms, opening off the GUI thread until the model "
        f"is filled {fill_ms:.1f} ms, showing and painting the rest\n"
        f"    floor with a paint: the bare SQL + a plain QTableView of the same texts painted once "
        f"({floor_view_ms:.1f} ms) = {floor_ms:.1f} ms; ratio {paint_ms / floor_ms:.2f}"
    )

    save_once = _save_probe(session, journal)
    save_once()  # the first save of a session also asks once whether ej_save_cells is there
    statements = count_statements(engine, save_once)
    save_ms = _median_ms(save_once, repeat * 3)
    with _separate_statements(engine):
        old_statements = count_statements(engine, save_once)
        old_ms = _median_ms(save_once, repeat * 3)
    line = f"  save_cell: {statements} statement(s), median {save_ms:.2f} ms"
    if backend == "postgresql":
        line += f"; through the separate statements: {old_statements}, median {old_ms:.2f} ms"
    print(line)
    if slow is not None:
        slow_session, proxy = slow
        slow_journal = gb.open_journal(slow_session, large, today=TODAY)
        slow_save = _save_probe(slow_session, slow_journal)
        trips = _round_trips(proxy, slow_save)
        slow_save_ms = _median_ms(slow_save, max(5, repeat // 2))
        with _separate_statements(slow_session.engine):
            old_trips = _round_trips(proxy, slow_save)
            old_slow_ms = _median_ms(slow_save, max(5, repeat // 2))
        print(
            f"  save_cell with +5 ms per round trip: {trips} round trip(s) (no ping: the pool pings only idle ones), "
            f"median {slow_save_ms:.1f} ms; through the separate statements {old_trips} round trips, "
            f"{old_slow_ms:.1f} ms"
        )
    journal = gb.open_journal(session, large, today=TODAY)  # the probes above changed a cell
    times = _typing_run(session, journal, 600)
    first, last = statistics.median(times[:100]), statistics.median(times[-100:])
    print(
        f"  600 marks in a row: median of the first 100 {first:.2f} ms, of the last 100 {last:.2f} ms "
        f"(ratio {last / first:.2f})"
    )
    if slow is not None:
        slow_session, proxy = slow
        slow_ms = _median_ms(lambda: gb.open_journal(slow_session, large, today=TODAY), max(5, repeat // 3))
        slow_paint = statistics.median([_first_paint_ms(slow_session, large)[0] for _ in range(3)])
        print(
            f"  with +5 ms per round trip: open_journal median {slow_ms:.1f} ms; "
            f"open + first paint median {slow_paint:.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["EJOURNAL_HOME"] = tempfile.mkdtemp(prefix="ej-bench-home-")  # the outbox, settings, logs
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    if args.backend in ("sqlite", "both"):
        folder = Path(tempfile.mkdtemp(prefix="ej-bench-"))
        path = folder / "large.sqlite3"
        engine = make_engine(f"sqlite:///{path}")
        upgrade(engine)
        print("sqlite: filling the large demo college…", flush=True)
        fill_demo(engine, size="large", today=TODAY, password=PASSWORD)
        large = _make_full_journal(engine)
        small = _journals_by_size(engine)[-1]
        logins = _login_of(engine, large), _login_of(engine, small)
        engine.dispose()
        profile = auth.Profile(kind="embedded", path=str(path))
        teacher = auth.login(profile, logins[0], PASSWORD)
        small_teacher = auth.login(profile, logins[1], PASSWORD)
        measure("sqlite", teacher, large, small_teacher, small, args.repeat, None)
        teacher.close()
        small_teacher.close()
        shutil.rmtree(folder, ignore_errors=True)
    if args.backend in ("postgresql", "both"):
        cluster = pgcluster.start_cluster()
        try:
            db = "ej_bench_journal"
            init_server(cluster.url(), db, "admin", PASSWORD)
            print("postgresql: filling the large demo college (server init, a login role per person)…", flush=True)
            fill_demo_on_server(cluster.url(), db, size="large", today=TODAY, password=PASSWORD)
            superuser = make_engine(database_url(cluster.url(), db))
            large = _make_full_journal(superuser)
            small = _journals_by_size(superuser)[-1]
            with superuser.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
            logins = _login_of(superuser, large), _login_of(superuser, small)
            superuser.dispose()
            profile = auth.Profile(kind="server", host="127.0.0.1", port=cluster.port, database=db, sslmode="disable")
            teacher = auth.login(profile, logins[0], PASSWORD)
            small_teacher = auth.login(profile, logins[1], PASSWORD)
            proxy = DelayProxy(cluster.port, 0.005)
            slow_profile = auth.Profile(
                kind="server", host="127.0.0.1", port=proxy.port, database=db, sslmode="disable"
            )
            slow_teacher = auth.login(slow_profile, logins[0], PASSWORD)
            measure("postgresql", teacher, large, small_teacher, small, args.repeat, (slow_teacher, proxy))
            for session in (teacher, small_teacher, slow_teacher):
                session.close()
            proxy.close()
        finally:
            pgcluster.remove_cluster(cluster)
    del app


def _login_of(engine: Engine, assignment_id: int) -> str:
    with engine.connect() as connection:
        return connection.execute(
            select(m.Account.login)
            .join(m.TeachingAssignment, m.TeachingAssignment.teacher_id == m.Account.person_id)
            .where(m.TeachingAssignment.id == assignment_id)
        ).scalar_one()


if __name__ == "__main__":
    main()
