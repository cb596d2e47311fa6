"""What the benchmarks on the large demo college share: the timing of a piece of work against its
bare baseline, the statements it issues, and the command line that runs a `bench(engine, label,
repeat)` on a throw-away PostgreSQL cluster (and, with --sqlite, an SQLite file) filled with
the large demo, or on databases given with --url.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, text

from ejournal_desktop.services.demo_college import fill_demo
from ejournal_desktop.store.engine import make_engine
from ejournal_desktop.store.migrate import upgrade
from ejournal_desktop.store.pg_admin import admin_engine, create_database, database_url
from tests import pgcluster
from tests.conftest import DEMO_TODAY

Bench = Callable[[Engine, str, int], None]


def paired_ms(work: Callable[[], object], bare: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Medians of `repeat` runs of each after a warm-up, the two taking turns: on a shared machine
    a burst of load falls on both alike."""
    work(), bare()  # warm-up: caches, the plans (psycopg prepares a statement from its 5th run)
    ours, theirs = [], []
    for _ in range(repeat):
        for fn, samples in ((work, ours), (bare, theirs)):
            started = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(ours), statistics.median(theirs)


def captured_statements(engine: Engine, work: Callable[[], object]) -> list[tuple[str, Any]]:
    """The statements `work` sends through `engine`, with their parameters (to count or to replay)."""
    seen: list[tuple[str, Any]] = []

    def listener(_conn: object, _cursor: object, statement: str, parameters: Any, *_rest: object) -> None:
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", listener)
    try:
        work()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return seen


def count_statements(engine: Engine, work: Callable[[], object]) -> int:
    """How many statements `work` sends through `engine`."""
    return len(captured_statements(engine, work))


def main(bench: Bench, database: str) -> None:
    """The command line: `bench` on each --url, or on a fresh large demo (PostgreSQL database
    `database`, and with --sqlite an SQLite file)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sqlite", action="store_true", help="also on an SQLite file")
    parser.add_argument(
        "--url",
        action="append",
        default=[],
        help="a database already filled with 'ejournal demo --size large --seed 1 --today 2026-11-29' "
        "(PostgreSQL or SQLite; may be repeated): no cluster and no fill",
    )
    args = parser.parse_args()
    if args.url:
        for url in args.url:
            engine = make_engine(url)
            bench(engine, engine.dialect.name, args.repeat)
            engine.dispose()
        return
    cluster = pgcluster.start_cluster()
    try:
        admin = admin_engine(cluster.url())
        create_database(admin, database)
        admin.dispose()
        engine = make_engine(database_url(cluster.url(), database))
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
