"""Backup and restore of the large demo college, against bare pg_dump / pg_restore of the same database.

    python -m tests.benchmarks.backup_roundtrip [--size large] [--repeat 3] [--skip-sqlite]

PostgreSQL: a throw-away cluster started here, `server init` (roles, RLS), the demo college filled
once, then — alternating, `--repeat` times, medians reported:
  * ours:  `backup.create_backup` as the first admin's own login (`pg_dump -Fc --role=ej_backup` in an
           exported snapshot, row counts of that snapshot, the copy read back whole by pg_restore,
           SHA-256, manifest) and `backup.restore_backup` into a new database (verify, create database,
           pg_restore, grants, count check);
  * bare:  `pg_dump -Fc -f FILE DB` as the superuser, and `CREATE DATABASE` + `pg_restore -d NEW FILE`.
SQLite: the same demo in a file; ours vs one `sqlite3.Connection.backup()` call each way.
The round trip is checked too (every table's row count equal). Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ejournal_desktop.services import backup
from ejournal_desktop.services.backup_tools import find_pg_tools
from ejournal_desktop.store.engine import make_engine, normalize_url
from ejournal_desktop.store.migrate import upgrade
from ejournal_desktop.store.pg_admin import admin_engine, create_database, database_url, drop_database
from ejournal_desktop.store.server.server_init import init_server
from tests import pgcluster

DB = "ej_bench_backup"
ADMIN = "bench_admin"
ADMIN_PASSWORD = "Бенч-пароль'1"


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _line(label: str, ours: float, bare: float) -> str:
    return f"  {label:<28} ours {ours:7.2f} s   bare {bare:7.2f} s   ratio {ours / bare:5.2f}×"


def bench_postgresql(size: str, repeat: int, work: Path) -> None:
    from ejournal_desktop import cli

    cluster = pgcluster.start_cluster()
    try:
        url = normalize_url(cluster.url())
        init_server(url, DB, ADMIN, ADMIN_PASSWORD)
        db_url = database_url(url, DB).render_as_string(hide_password=False)
        started = time.perf_counter()
        code = cli.main(["demo", "--url", db_url, "--size", size, "--today", "2026-11-29", "--quiet"])
        assert code == 0
        print(f"PostgreSQL {size} demo filled in {time.perf_counter() - started:.1f} s")
        tools = find_pg_tools()
        print(f"  {tools.describe()}")
        as_admin = url.set(username=ADMIN, password=ADMIN_PASSWORD, database=DB)
        env = dict(os.environ, PGPASSWORD=url.password or "", PGHOST=url.host or "", PGPORT=str(url.port),
                   PGUSER=url.username or "")  # fmt: skip
        admin = admin_engine(url)
        ours_dump: list[float] = []
        bare_dump: list[float] = []
        ours_restore: list[float] = []
        bare_restore: list[float] = []
        verify_times: list[float] = []
        results: list[backup.BackupResult] = []
        for n in range(repeat):
            bare_file = work / f"bare_{n}.dump"
            folder = work / f"ours_{n}"

            def bare() -> None:
                subprocess.run([str(tools.pg_dump), "-Fc", "-f", str(bare_file), DB], env=env, check=True)  # noqa: B023

            def ours() -> None:
                results.append(backup.create_backup(as_admin, folder, made_by=ADMIN))  # noqa: B023

            pair = [(bare, bare_dump), (ours, ours_dump)]
            for fn, sink in pair if n % 2 == 0 else reversed(pair):
                sink.append(_timed(fn))
            copy = results[-1]
            verify_times.append(_timed(lambda: backup.verify_file(copy.path)))  # noqa: B023

            bare_db, our_db = f"bench_bare_{n}", f"bench_ours_{n}"

            def bare_restore_run() -> None:
                create_database(admin, bare_db, owner="ej_owner")  # noqa: B023
                subprocess.run([str(tools.pg_restore), "-d", bare_db, str(bare_file)], env=env, check=True)  # noqa: B023

            def ours_restore_run() -> None:
                restored = backup.restore_backup(copy.path, into=our_db, server_url=url)  # noqa: B023
                assert restored.tables == copy.tables  # noqa: B023

            pair = [(bare_restore_run, bare_restore), (ours_restore_run, ours_restore)]
            for fn, sink in pair if n % 2 == 0 else reversed(pair):
                sink.append(_timed(fn))
            drop_database(admin, bare_db)
            drop_database(admin, our_db)
        admin.dispose()
        copy = results[-1]
        size_mb = copy.size_bytes / 1048576
        print(f"  dump file {size_mb:.1f} MB (bare {bare_file.stat().st_size / 1048576:.1f} MB), "
              f"{copy.total_rows} rows, {len(copy.tables)} tables, median of {repeat}")  # fmt: skip
        print(_line("backup (create+verify+sha)", _median(ours_dump), _median(bare_dump)))
        print(_line("restore (new database)", _median(ours_restore), _median(bare_restore)))
        print(f"  «Проверить» (checksum + pg_restore reads it all): {_median(verify_times):.2f} s")
    finally:
        pgcluster.remove_cluster(cluster)


def bench_sqlite(size: str, repeat: int, work: Path) -> None:
    from ejournal_desktop.services.demo_college import fill_demo

    live = work / "journal.sqlite3"
    engine = make_engine(f"sqlite:///{live}")
    upgrade(engine)
    started = time.perf_counter()
    fill_demo(engine, size=size, seed=1)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    print(
        f"SQLite {size} demo filled in {time.perf_counter() - started:.1f} s ({live.stat().st_size / 1048576:.1f} MB)"
    )
    ours_b, bare_b, ours_r, bare_r = [], [], [], []
    for n in range(repeat):
        bare_file = work / f"bare_{n}.sqlite3"
        results: list[backup.BackupResult] = []

        def bare() -> None:
            with sqlite3.connect(live) as source, sqlite3.connect(bare_file) as target:  # noqa: B023
                source.backup(target)

        def ours() -> None:
            results.append(backup.create_backup(f"sqlite:///{live}", work / f"ours_{n}", made_by="bench"))  # noqa: B023

        pair = [(bare, bare_b), (ours, ours_b)]
        for fn, sink in pair if n % 2 == 0 else reversed(pair):
            sink.append(_timed(fn))
        copy = results[-1]

        def bare_restore() -> None:
            with sqlite3.connect(bare_file) as source, sqlite3.connect(work / f"bare_r{n}.sqlite3") as target:  # noqa: B023
                source.backup(target)

        def ours_restore() -> None:
            restored = backup.restore_backup(copy.path, into=f"sqlite:///{work / f'ours_r{n}.sqlite3'}")  # noqa: B023
            assert restored.tables == copy.tables  # noqa: B023

        pair = [(bare_restore, bare_r), (ours_restore, ours_r)]
        for fn, sink in pair if n % 2 == 0 else reversed(pair):
            sink.append(_timed(fn))
    print(f"  copy {copy.size_bytes / 1048576:.1f} MB, {copy.total_rows} rows, median of {repeat}")
    print(_line("backup (copy+check+sha)", _median(ours_b), _median(bare_b)))
    print(_line("restore (new file)", _median(ours_r), _median(bare_r)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("small", "large"), default="large")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-postgresql", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ej-bench-backup-"))
    os.environ.setdefault("EJOURNAL_HOME", str(work / "home"))
    try:
        if not args.skip_postgresql:
            (work / "pg").mkdir(parents=True, exist_ok=True)
            bench_postgresql(args.size, args.repeat, work / "pg")
        if not args.skip_sqlite:
            (work / "sqlite").mkdir(parents=True, exist_ok=True)
            bench_sqlite(args.size, args.repeat, work / "sqlite")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
