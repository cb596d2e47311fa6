"""Importing a contingent file and searching students as you type: figures for the closing note.

    python -m tests.benchmarks.contingent_import [--students 1500] [--repeat 20]

On a throw-away PostgreSQL cluster (tests.pgcluster) it prints:
- the time to import a generated file of N students with parents (every fifth family has two
  children) into an empty migrated database with the groups, against the bare openpyxl read-only
  read of the same file (the physical floor), and their ratio; then the re-import (nothing changes);
- on the large demo college, the median time of `search_students` per keystroke while a surname is
  typed letter by letter (target under 50 ms), and the statements each keystroke issues.
Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import event, insert

from ejournal_desktop.domain.names import search_key
from ejournal_desktop.services import contingent as ct
from ejournal_desktop.services.contingent_import import automation_session, import_students
from ejournal_desktop.services.contingent_sample import generated_rows, write_students_file
from ejournal_desktop.services.demo_college import fill_demo
from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import make_engine
from ejournal_desktop.store.migrate import upgrade
from ejournal_desktop.store.pg_admin import admin_engine, create_database, database_url
from tests import pgcluster
from tests.conftest import DEMO_TODAY

GROUPS = [f"{year % 100:02d}-{abbr}" for year in (2023, 2024, 2025, 2026) for abbr in ("ТО", "ВЕТ", "АГ", "ЭК", "МХ")]


def _bare_read(path: Path) -> float:
    started = time.perf_counter()
    book = load_workbook(path, read_only=True, data_only=True)
    rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    assert rows
    return time.perf_counter() - started


def _new_db(server_url: str, name: str):  # type: ignore[no-untyped-def]
    admin = admin_engine(server_url)
    create_database(admin, name)
    admin.dispose()
    engine = make_engine(database_url(server_url, name))
    upgrade(engine)
    return engine


def bench_import(server_url: str, students: int) -> None:
    engine = _new_db(server_url, "bench_import")
    with engine.begin() as c:
        spec = c.execute(
            insert(m.Specialty)
            .values(code="35.02.16", name="Эксплуатация", qualification="Техник")
            .returning(m.Specialty.id)
        ).scalar_one()
        for name in GROUPS:
            c.execute(
                insert(m.StudyGroup).values(
                    name=name,
                    specialty_id=spec,
                    course=min(4, 2027 - 2000 - int(name[:2])),
                    admission_year=2000 + int(name[:2]),
                )
            )
    with tempfile.TemporaryDirectory() as folder:
        path = write_students_file(Path(folder) / "contingent.xlsx", generated_rows(students, GROUPS))
        floor = min(_bare_read(path) for _ in range(3))
        session = automation_session(engine)
        started = time.perf_counter()
        result = import_students(session, path)
        took = time.perf_counter() - started
        started = time.perf_counter()
        again = import_students(session, path)
        took_again = time.perf_counter() - started
        size_kb = path.stat().st_size // 1024
    print(f"import of {students} students ({size_kb} KB) into PostgreSQL:")
    print(f"  {result.summary_ru()}")
    print(f"  import {took:.2f} s; bare openpyxl read {floor:.2f} s; ratio {took / floor:.1f}×")
    print(f"  re-import {took_again:.2f} s (created {again.created}, unchanged {again.unchanged})")
    engine.dispose()


def bench_search(server_url: str, repeat: int) -> None:
    engine = _new_db(server_url, "bench_search")
    fill_demo(engine, size="large", seed=1, today=DEMO_TODAY)
    session = automation_session(engine)
    students = ct.list_students(session)
    statements = 0

    def count(*_args: object) -> None:
        nonlocal statements
        statements += 1

    event.listen(engine, "before_cursor_execute", count)
    for surname in ("Кузнецов", "Ёлкина", "Шевченко"):
        typed, per_key = "", []
        for letter in surname:
            typed += letter
            samples = []
            for _ in range(repeat):
                started = time.perf_counter()
                found = ct.search_students(session, typed)
                samples.append((time.perf_counter() - started) * 1000)
            per_key.append(f"{typed}:{statistics.median(samples):.1f}ms/{len(found)}")
        print(f"  {surname}: " + "  ".join(per_key))
    event.remove(engine, "before_cursor_execute", count)
    keystrokes = sum(len(s) for s in ("Кузнецов", "Ёлкина", "Шевченко")) * repeat
    print(
        f"search on the large demo ({len(students)} students): {statements / keystrokes:.1f} statements per keystroke"
    )
    with engine.connect() as c:
        plan = c.exec_driver_sql(
            'EXPLAIN SELECT id FROM person WHERE (search_name COLLATE "C") >= %(a)s '
            'AND (search_name COLLATE "C") < %(b)s ORDER BY search_name COLLATE "C" LIMIT 50',
            {"a": search_key("кузн"), "b": search_key("кузн") + "\U0010ffff"},
        ).scalars()
        print("  plan of the prefix part: " + " | ".join(line.strip() for line in plan))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    cluster = pgcluster.start_cluster()
    try:
        bench_import(cluster.url(), args.students)
        bench_search(cluster.url(), args.repeat)
    finally:
        pgcluster.remove_cluster(cluster)


if __name__ == "__main__":
    main()
