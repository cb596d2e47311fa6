"""How fast the demo college fills a database, against a bare bulk insert of as many rows.

    python -m tests.benchmarks.demo_fill [--size large] [--backend sqlite|postgresql|both]

For each backend: a fresh migrated database (SQLite in a temp folder; PostgreSQL in a throw-away
cluster started here), `fill_demo`, then as a baseline the same number of synthetic mark-shaped rows
written by `bulk_insert` (executemany on SQLite, COPY on PostgreSQL) into a scratch table with no
index but its key, no foreign key and no trigger. The ratio says what generation, constraints and
indexes cost on top of moving the bytes. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Column, DateTime, Engine, Integer, MetaData, SmallInteger, String, Table

from ejournal_desktop.services.demo_college import fill_demo
from ejournal_desktop.store.bulk import bulk_insert
from ejournal_desktop.store.engine import make_engine
from ejournal_desktop.store.migrate import upgrade
from ejournal_desktop.store.pg_admin import admin_engine, create_database, database_url, drop_database
from tests import pgcluster

BENCH_DB = "ej_bench_demo"


@dataclass
class Result:
    backend: str
    seconds: float
    rows: int
    journal_rows: int  # mark + attendance
    baseline_seconds: float

    @property
    def rate(self) -> float:
        return self.rows / self.seconds

    @property
    def baseline_rate(self) -> float:
        return self.rows / self.baseline_seconds

    @property
    def ratio(self) -> float:
        return self.seconds / self.baseline_seconds


def _scratch_table() -> Table:
    return Table(
        "bench_scratch_mark",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("lesson_id", Integer),
        Column("student_id", Integer),
        Column("slot", SmallInteger),
        Column("value", String(4)),
        Column("updated_by", Integer),
        Column("updated_at", DateTime),
        Column("version", Integer),
    )


def _baseline(engine: Engine, count: int) -> float:
    table = _scratch_table()
    table.metadata.create_all(engine)
    stamp = dt.datetime(2026, 11, 2, 10, 0)
    values = ("5", "4", "3", "2")
    rows = [(i, i // 25 + 1, i % 1500 + 1, 1, values[i % 4], 7, stamp, 1) for i in range(1, count + 1)]
    started = time.perf_counter()
    with engine.begin() as connection:
        bulk_insert(connection, table, [c.name for c in table.columns], rows)
    seconds = time.perf_counter() - started
    table.metadata.drop_all(engine)
    return seconds


def _measure(backend: str, engine: Engine, size: str, seed: int, today: dt.date) -> Result:
    def progress(stage: str, fraction: float, _last: list[str] = []) -> None:  # noqa: B006 - a small memo
        if not _last or _last[0] != stage:
            _last[:] = [stage]
            print(f"  [{backend}] {fraction:5.0%} {stage}", flush=True)

    summary = fill_demo(engine, size=size, seed=seed, today=today, progress=progress)
    journal = summary.rows.get("mark", 0) + summary.rows.get("attendance", 0)
    baseline = _baseline(engine, summary.total_rows)
    return Result(backend, summary.seconds, summary.total_rows, journal, baseline)


def _sqlite(size: str, seed: int, today: dt.date) -> Result:
    folder = Path(tempfile.mkdtemp(prefix="ej-bench-"))
    try:
        engine = make_engine(f"sqlite:///{folder / 'demo.sqlite3'}")
        upgrade(engine)
        result = _measure("sqlite", engine, size, seed, today)
        engine.dispose()
        return result
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _postgresql(size: str, seed: int, today: dt.date) -> Result:
    cluster = pgcluster.start_cluster()
    try:
        admin = admin_engine(cluster.url())
        drop_database(admin, BENCH_DB)
        create_database(admin, BENCH_DB)
        engine = make_engine(database_url(cluster.url(), BENCH_DB))
        upgrade(engine)
        result = _measure("postgresql", engine, size, seed, today)
        engine.dispose()
        drop_database(admin, BENCH_DB)
        admin.dispose()
        return result
    finally:
        pgcluster.remove_cluster(cluster)


def _table(results: list[Result]) -> str:
    header = ("backend", "fill s", "rows", "mark+att", "rows/s", "bare s", "bare rows/s", "fill/bare")
    lines = [header]
    for r in results:
        lines.append(
            (
                r.backend,
                f"{r.seconds:.1f}",
                f"{r.rows:,}",
                f"{r.journal_rows:,}",
                f"{r.rate:,.0f}",
                f"{r.baseline_seconds:.1f}",
                f"{r.baseline_rate:,.0f}",
                f"{r.ratio:.2f}",
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join("  ".join(cell.rjust(w) for cell, w in zip(line, widths, strict=True)) for line in lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.demo_fill", description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("small", "large"), default="large")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 11, 29))
    args = parser.parse_args(argv)
    runners: dict[str, Callable[[str, int, dt.date], Result]] = {"sqlite": _sqlite, "postgresql": _postgresql}
    chosen = list(runners) if args.backend == "both" else [args.backend]
    results = []
    for name in chosen:
        print(f"{name}: filling the {args.size} demo college (seed {args.seed}, today {args.today})", flush=True)
        results.append(runners[name](args.size, args.seed, args.today))
    print()
    print(_table(results))


if __name__ == "__main__":
    main()
