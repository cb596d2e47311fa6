"""«Моя группа» on the large demo college: the curator's dashboard of the largest group.

    python -m tests.benchmarks.group_dashboard [--repeat 7] [--sqlite]

On a throw-away PostgreSQL cluster (tests.pgcluster) filled once with the large demo (and, with
--sqlite, an SQLite file too) it prints, for the current semester (29.11.2026): the time of
`group_dashboard` for the largest group (its statements counted), and of ONE hand-written SQL
statement returning the same per-student figures (average of numeric marks, number of marks,
hours missed, of them excused), medians of `--repeat` runs after a warm-up, and the ratio.
Prints figures, asserts nothing. The bare query takes the group from student.group_id (no
movements, no per-discipline forecast): less work than the dashboard does.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, event, text

from ejournal_desktop.services import group_dashboard as gd
from ejournal_desktop.services.auth import CurrentUser, Profile, UserSession
from ejournal_desktop.services.demo_college import fill_demo
from ejournal_desktop.store.engine import make_engine
from ejournal_desktop.store.migrate import upgrade
from ejournal_desktop.store.pg_admin import admin_engine, create_database, database_url
from tests import pgcluster
from tests.conftest import DEMO_TODAY

BARE_SQL = """
WITH a AS (SELECT id FROM teaching_assignment WHERE group_id = :g AND period_id = :p),
l AS (SELECT lesson.id FROM lesson JOIN a ON a.id = lesson.assignment_id),
mk AS (SELECT student_id, COUNT(*) AS n,
              AVG(CASE WHEN value IN ('5','4','3','2') THEN CAST(value AS INTEGER) END) AS average
       FROM mark WHERE lesson_id IN (SELECT id FROM l) GROUP BY student_id),
ab AS (SELECT student_id, SUM(absent_hours) AS hours,
              SUM(CASE WHEN reason <> 'unexcused' THEN absent_hours ELSE 0 END) AS excused
       FROM attendance WHERE lesson_id IN (SELECT id FROM l) AND absent_hours > 0 GROUP BY student_id)
SELECT s.id, p.last_name, mk.average, mk.n, ab.hours, ab.excused
FROM student s JOIN person p ON p.id = s.person_id
LEFT JOIN mk ON mk.student_id = s.id LEFT JOIN ab ON ab.student_id = s.id
WHERE s.group_id = :g AND s.status = 'studying'
"""


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _statements(engine: Engine, fn: Callable[[], object]) -> int:
    count = 0

    def before(*_args: object) -> None:
        nonlocal count
        count += 1

    event.listen(engine, "before_cursor_execute", before)
    try:
        fn()
    finally:
        event.remove(engine, "before_cursor_execute", before)
    return count


def bench(engine: Engine, label: str, repeat: int) -> None:
    with engine.connect() as conn:
        period_id = conn.execute(
            text("SELECT id FROM period WHERE starts_on <= :d AND ends_on >= :d"), {"d": DEMO_TODAY}
        ).scalar_one()
        group_id, name, size = conn.execute(
            text(
                "SELECT g.id, g.name, COUNT(s.id) FROM study_group g JOIN student s ON s.group_id = g.id "
                "WHERE s.status = 'studying' GROUP BY g.id, g.name ORDER BY COUNT(s.id) DESC, g.name LIMIT 1"
            )
        ).one()
        marks = conn.execute(text("SELECT COUNT(*) FROM mark")).scalar_one()
    deputy = CurrentUser(0, 0, "bench", "Бенч", "Зам", None, frozenset({"deputy"}))
    session = UserSession(profile=Profile(), engine=engine, user=deputy)

    def dashboard() -> object:
        return gd.group_dashboard(session, group_id, period_id, today=DEMO_TODAY)

    def bare() -> object:
        with engine.connect() as conn:
            return conn.execute(text(BARE_SQL), {"g": group_id, "p": period_id}).all()

    ours = _median_ms(dashboard, repeat)
    base = _median_ms(bare, repeat)
    n = _statements(engine, dashboard)
    print(f"{label}: large demo, {marks} marks; group {name} ({size} students)")
    print(f"  group_dashboard {ours:.1f} ms ({n} statements); one bare query {base:.1f} ms; ratio {ours / base:.1f}×")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sqlite", action="store_true", help="also on an SQLite file")
    args = parser.parse_args()
    cluster = pgcluster.start_cluster()
    try:
        admin = admin_engine(cluster.url())
        create_database(admin, "bench_dashboard")
        admin.dispose()
        engine = make_engine(database_url(cluster.url(), "bench_dashboard"))
        upgrade(engine)
        fill_demo(engine, size="large", seed=1, today=DEMO_TODAY)
        with engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
        bench(engine, "PostgreSQL", args.repeat)
        engine.dispose()
    finally:
        pgcluster.remove_cluster(cluster)
    if args.sqlite:
        with tempfile.TemporaryDirectory() as folder:
            engine = make_engine(f"sqlite:///{Path(folder) / 'large.db'}")
            upgrade(engine)
            fill_demo(engine, size="large", seed=1, today=DEMO_TODAY)
            bench(engine, "SQLite", args.repeat)
            engine.dispose()


if __name__ == "__main__":
    main()
