"""Backups on both backends: round trip, history, reminder, every bad case, safety copies, RLS.

Real databases, real files, real pg_dump/pg_restore. A full disk is a real 64 KB tmpfs and a folder
without write permission a real read-only mount (tests run as root, and root ignores permission
bits: chmod 555 would prove nothing). Both need `mount`; where it is not allowed the case skips
and says why.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, func, select, text

from ejournal_desktop.domain.errors import PermissionDenied, ValidationError
from ejournal_desktop.services import backup, backup_tools
from ejournal_desktop.services.backup_files import BackupCancelled, BackupError, CancelToken
from ejournal_desktop.services.passwords import hash_password
from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import make_engine, normalize_url
from ejournal_desktop.store.migrate import schema_state, upgrade
from ejournal_desktop.store.pg_admin import admin_engine, database_url, drop_database

# --- helpers ------------------------------------------------------------------------------------------


def table_fingerprints(url: str) -> dict[str, tuple[int, str]]:
    """Every table of the models: (row count, SHA-256 of its rows in primary-key order)."""
    engine = make_engine(url)
    try:
        out = {}
        with engine.connect() as connection:
            for table in m.Base.metadata.sorted_tables:
                order = list(table.primary_key.columns) or list(table.columns)
                digest = hashlib.sha256()
                count = 0
                for row in connection.execute(select(table).order_by(*order)):
                    digest.update(repr(tuple(_plain(v) for v in row)).encode())
                    count += 1
                out[table.name] = (count, digest.hexdigest())
        return out
    finally:
        engine.dispose()


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat()
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def new_db_name() -> str:
    return f"ej_restored_{os.getpid()}_{time.monotonic_ns() % 10**9}"


@pytest.fixture
def restored_dbs(request: pytest.FixtureRequest) -> Iterator[list[str]]:
    names: list[str] = []
    yield names
    if names:
        server = request.getfixturevalue("pg_server")
        admin = admin_engine(server.url)
        for name in names:
            drop_database(admin, name)
        admin.dispose()


def restore_target(backend: str, request: pytest.FixtureRequest, tmp_path: Path, names: list[str]) -> dict:
    if backend == "sqlite":
        return {"into": f"sqlite:///{tmp_path / 'restored' / 'journal.sqlite3'}"}
    server = request.getfixturevalue("pg_server")
    name = new_db_name()
    names.append(name)
    return {"into": name, "server_url": server.url}


def restored_url(backend: str, target: dict, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return target["into"]
    server = request.getfixturevalue("pg_server")
    return database_url(server.url, target["into"]).render_as_string(hide_password=False)


def live_counts(url: str) -> dict[str, int]:
    return {name: count for name, (count, _) in table_fingerprints(url).items()}


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.fixture
def tiny_mount(tmp_path: Path) -> Iterator[callable]:
    """mount(options) → a fresh tmpfs folder (64 KB; add ',ro' for read-only); unmounted afterwards."""
    mounted: list[Path] = []

    def mount(options: str) -> Path:
        point = tmp_path / f"mnt{len(mounted)}"
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({done.stderr.decode().strip()}); the case needs a real device")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


# --- round trip --------------------------------------------------------------------------------------


def test_round_trip_restores_every_row_identically(
    backend: str, demo_db_url: str, tmp_path: Path, request: pytest.FixtureRequest, restored_dbs: list[str]
) -> None:
    before = table_fingerprints(demo_db_url)
    folder = tmp_path / "copies"
    stages: list[float] = []
    result = backup.create_backup(demo_db_url, folder, made_by="test", progress=lambda s, f: stages.append(f))
    assert result.verified and result.size_bytes == result.path.stat().st_size
    assert stages and stages == sorted(stages) and stages[-1] == 1.0
    # One copy, its checksum and its manifest; nothing else (no .part left over).
    assert files_in(folder) == sorted([result.path.name, result.path.name + ".sha256", result.path.name + ".json"])
    assert "ЭЖ_" in result.path.name and result.path.name.endswith(".dump" if backend == "postgresql" else ".sqlite3")
    assert result.path.with_name(result.path.name + ".sha256").read_text().split()[0] == result.sha256
    assert {k: v for k, v in result.tables.items() if k in before} == {k: c for k, (c, _) in before.items()}

    target = restore_target(backend, request, tmp_path, restored_dbs)
    restored = backup.restore_backup(result.path, **target)
    assert restored.tables == result.tables
    after = table_fingerprints(restored_url(backend, target, request))
    assert after == before
    assert before["mark"][0] > 0 and before["lesson"][0] > 0
    assert table_fingerprints(demo_db_url) == before  # the live database was only read


def test_restore_refuses_an_existing_target(
    backend: str, demo_db_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    result = backup.create_backup(demo_db_url, tmp_path, made_by="test")
    if backend == "sqlite":
        existing = tmp_path / "existing.sqlite3"
        existing.write_bytes(b"x" * 10)
        target = {"into": f"sqlite:///{existing}"}
    else:
        target = {"into": normalize_url(demo_db_url).database, "server_url": request.getfixturevalue("pg_server").url}
    with pytest.raises(BackupError, match="уже"):
        backup.restore_backup(result.path, **target)


# --- history, verify, reminder -------------------------------------------------------------------------


def test_history_verify_and_reminder(act_as, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    admin = act_as("admin")
    assert "ещё не было" in (backup.reminder(admin) or "")
    result = backup.create(admin, tmp_path / "usb")
    rows = backup.history(admin)
    assert rows[0].path == str(result.path) and rows[0].verified and rows[0].made_by == "admin"
    assert rows[0].size_bytes == result.size_bytes and rows[0].sha256 == result.sha256 and rows[0].kind == "manual"
    assert backup.reminder(admin) is None
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=backup.interval_days(admin) + 2)
    assert "дн. назад" in (backup.reminder(admin, now=later) or "")

    checked = backup.verify(admin, result.path)
    assert checked.ok, checked.message
    with result.path.open("r+b") as handle:  # damage it: the next «Проверить» marks the history row
        handle.seek(result.size_bytes // 2)
        handle.write(b"\x00garbage\x00")
    checked = backup.verify(admin, result.path)
    assert not checked.ok and "повреждена" in checked.message
    row = backup.history(admin)[0]
    assert not row.verified and "повреждена" in (row.error or "")


def test_only_the_admin_makes_copies(act_as, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    teacher = act_as("prepod")
    with pytest.raises(PermissionDenied):
        backup.create(teacher, tmp_path / "copies")
    with pytest.raises(PermissionDenied):
        backup.history(teacher)
    assert backup.reminder(teacher) is None
    assert files_in(tmp_path / "copies") == []


def test_a_failed_copy_is_recorded_with_its_reason(act_as, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    admin = act_as("admin")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(BackupError, match="не папка"):
        backup.create(admin, blocker / "copies")
    row = backup.history(admin)[0]
    assert not row.verified and "не папка" in (row.error or "")
    assert "ещё не было" in (backup.reminder(admin) or "")  # a failure is no backup


# --- bad files ---------------------------------------------------------------------------------------------


@pytest.fixture
def good_copy(demo_db_url: str, tmp_path: Path) -> backup.BackupResult:
    return backup.create_backup(demo_db_url, tmp_path / "good", made_by="test")


def test_truncated_copy_is_refused_even_without_its_checksum(good_copy: backup.BackupResult, tmp_path: Path) -> None:
    path = good_copy.path
    with path.open("r+b") as handle:
        handle.truncate(good_copy.size_bytes * 2 // 3)
    checked = backup.verify_file(path)
    assert not checked.ok and "повреждена" in checked.message and "контрольная сумма" in checked.message
    path.with_name(path.name + ".sha256").unlink()
    checked = backup.verify_file(path)
    assert not checked.ok and ("повреждена" in checked.message or "обрезана" in checked.message), checked.message
    # A damaged copy is not restored: nothing is created.
    target = tmp_path / "never.sqlite3"
    with pytest.raises(BackupError, match="Восстановление не начато"):
        backup.restore_backup(path, into=f"sqlite:///{target}", server_url=None)
    assert not target.exists()


def test_foreign_files_are_told_apart(backend: str, good_copy: backup.BackupResult, tmp_path: Path) -> None:
    text_file = tmp_path / "report.dump"
    text_file.write_text("Это не копия, а отчёт.\n" * 100, encoding="utf-8")
    assert "другой программы" in backup.verify_file(text_file).message
    import sqlite3

    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    assert "другой программы" in backup.verify_file(other).message
    empty = tmp_path / "empty.dump"
    empty.write_bytes(b"")
    assert "пуст" in backup.verify_file(empty).message


@pytest.mark.pg
def test_a_pg_dump_of_another_database_is_foreign(pg_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tools = backup_tools.find_pg_tools()
    url = normalize_url(pg_server.url)
    name = new_db_name()
    admin = admin_engine(pg_server.url)
    try:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        other = make_engine(database_url(pg_server.url, name))
        with other.begin() as connection:
            connection.execute(text("CREATE TABLE invoices (id int PRIMARY KEY, total numeric)"))
            connection.execute(text("INSERT INTO invoices VALUES (1, 10.5)"))
        other.dispose()
        file = tmp_path / "other.dump"
        env = dict(os.environ, PGPASSWORD=url.password or "")
        subprocess.run(
            [str(tools.pg_dump), "-Fc", "-h", url.host, "-p", str(url.port), "-U", url.username, "-f", str(file), name],
            check=True,
            env=env,
        )
        checked = backup.verify_file(file)
        assert not checked.ok and "другой программы" in checked.message
    finally:
        drop_database(admin, name)
        admin.dispose()


# --- write failures: the live database untouched, nothing half-written ------------------------------------


def test_full_disk(backend: str, demo_db_url: str, tiny_mount) -> None:  # type: ignore[no-untyped-def]
    before = live_counts(demo_db_url)
    folder = tiny_mount("size=64k")
    with pytest.raises(BackupError, match="закончилось место"):
        backup.create_backup(demo_db_url, folder, made_by="test")
    assert files_in(folder) == []
    assert live_counts(demo_db_url) == before


def test_folder_without_write_permission(backend: str, demo_db_url: str, tiny_mount, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = live_counts(demo_db_url)
    if os.geteuid() == 0:  # root ignores permission bits: a read-only medium is the honest case
        folder = tiny_mount("size=1m,ro")
        expected = "только для чтения"
    else:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o555)
        expected = "нет права записи"
    with pytest.raises(BackupError, match=expected):
        backup.create_backup(demo_db_url, folder, made_by="test")
    assert files_in(folder) == []
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(BackupError, match="не папка"):
        backup.create_backup(demo_db_url, blocker / "copies", made_by="test")
    assert live_counts(demo_db_url) == before


def test_cancel_leaves_nothing(backend: str, demo_db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "copies"
    cancel = CancelToken()

    def progress(stage: str, fraction: float) -> None:
        if fraction > 0.02:
            cancel.cancel()

    with pytest.raises(BackupCancelled):
        backup.create_backup(demo_db_url, folder, made_by="test", progress=progress, cancel=cancel)
    assert files_in(folder) == []


@pytest.mark.pg
def test_missing_pg_dump(pg_demo_template, pg_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    url = database_url(pg_server.url, pg_demo_template)
    empty = tmp_path / "bin"
    empty.mkdir()
    with pytest.raises(backup_tools.ToolsNotFound, match="указанной в настройках"):
        backup.create_backup(url, tmp_path / "copies", made_by="test", tools_dir=empty)
    # A PC without PostgreSQL's client programs: nothing on PATH, nothing in the usual folders.
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(backup_tools, "standard_dirs", lambda: [empty])
    with pytest.raises(backup_tools.ToolsNotFound, match="Не найдены программы pg_dump"):
        backup.create_backup(url, tmp_path / "copies", made_by="test")
    assert files_in(tmp_path / "copies") == []


def test_tools_are_found_with_their_version(tmp_path: Path) -> None:
    tools = backup_tools.find_pg_tools()
    assert tools.pg_dump.name.startswith("pg_dump") and tools.major >= 15
    assert "pg_dump" in tools.describe(150004) and "Внимание" not in tools.describe(150004)
    assert "старее сервера" in tools.describe((tools.major + 1) * 10000 + 2)
    assert backup_tools.find_pg_tools(tools.folder).source == "папка из настроек"


# --- restore over the live database ---------------------------------------------------------------------


def test_restore_over_live_after_a_safety_copy(act_as, backend: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    admin = act_as("admin")
    copy = backup.create(admin, tmp_path / "copies")
    with admin.engine.begin() as connection:
        marks_then = connection.execute(select(func.count()).select_from(m.Mark)).scalar_one()
        connection.execute(text("DELETE FROM mark WHERE id IN (SELECT id FROM mark ORDER BY id LIMIT 50)"))
    with pytest.raises(ValidationError, match="введите имя"):
        backup.restore_over_live(admin, copy.path, "не то имя", safety_folder=tmp_path / "safety")
    assert files_in(tmp_path / "safety") == []
    result = backup.restore_over_live(admin, copy.path, backup.live_name(admin), safety_folder=tmp_path / "safety")
    assert result.safety is not None and result.safety.verified and result.safety.kind == "safety"
    assert backup.verify_file(result.safety.path).ok
    with admin.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(m.Mark)).scalar_one() == marks_then
    # The safety copy holds the state before the restore (50 marks fewer), and is in the history.
    assert result.safety.tables["mark"] == marks_then - 50
    assert any(row.kind == "safety" and row.verified for row in backup.history(admin))


# --- schema upgrade: a safety copy first, or no upgrade ------------------------------------------------


OLD_PASSWORD = "Старый-пароль'1"


def _old_schema_db(empty_db_url: str) -> Engine:
    engine = make_engine(empty_db_url)
    upgrade(engine, "0002")
    with engine.begin() as connection:  # plain SQL: the models describe the newest schema, not 0002
        connection.execute(
            text("INSERT INTO person (last_name, first_name, search_name) VALUES ('Иванов', 'Иван', 'иванов иван')")
        )
        connection.execute(
            text(
                "INSERT INTO account (person_id, login, role, is_active, must_change_password, failed_logins, "
                "password_hash) SELECT id, 'admin', 'admin', true, false, 0, :hash FROM person"
            ),
            {"hash": hash_password(OLD_PASSWORD)},
        )
    return engine


def test_upgrade_takes_a_verified_safety_copy_first(empty_db_url: str, tmp_path: Path) -> None:
    engine = _old_schema_db(empty_db_url)
    try:
        safety = backup.upgrade_with_safety_copy(engine, made_by="test", folder=tmp_path / "safety")
        assert safety is not None and safety.verified and safety.schema_revision == "0002"
        assert schema_state(engine).is_up_to_date
        assert backup.verify_file(safety.path).ok
        with engine.connect() as connection:
            kinds = connection.execute(select(m.BackupRecord.kind, m.BackupRecord.verified)).all()
        assert kinds == [("safety", True)]
        # Up to date now: no second copy.
        assert backup.upgrade_with_safety_copy(engine, made_by="test", folder=tmp_path / "safety") is None
    finally:
        engine.dispose()


def test_upgrade_does_not_start_when_the_copy_fails(empty_db_url: str, tmp_path: Path) -> None:
    engine = _old_schema_db(empty_db_url)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    try:
        with pytest.raises(BackupError, match="Схема базы данных не обновлена"):
            backup.upgrade_with_safety_copy(engine, made_by="test", folder=blocker / "safety")
        assert schema_state(engine).current == "0002"
    finally:
        engine.dispose()


def test_login_upgrades_an_old_embedded_file_only_after_its_safety_copy(tmp_path: Path) -> None:
    from ejournal_desktop.services import auth

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = _old_schema_db(url)
    engine.dispose()
    profile = auth.Profile(kind="embedded", path=str(tmp_path / "old.sqlite3"))
    folder = backup.default_backup_dir()
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the backup folder should be")  # the copy cannot be written
    with pytest.raises(auth.LoginError, match="не обновлена"):
        auth.login(profile, "admin", OLD_PASSWORD)
    engine = make_engine(url)
    assert schema_state(engine).current == "0002"
    engine.dispose()
    folder.unlink()
    session = auth.login(profile, "admin", OLD_PASSWORD)
    try:
        assert schema_state(session.engine).is_up_to_date
        (safety,) = [p for p in folder.iterdir() if p.suffix == ".sqlite3"]
        assert "страховочная" in safety.name and backup.verify_file(safety).ok
        rows = backup.history(session)
        assert [(r.kind, r.verified, r.path) for r in rows] == [("safety", True, str(safety))]
    finally:
        session.close()


# --- PostgreSQL: concurrent writers, RLS and the backup role -------------------------------------------------


@pytest.mark.pg
def test_backup_during_concurrent_writers_is_consistent(  # type: ignore[no-untyped-def]
    pg_server, pg_demo_template, tmp_path: Path, restored_dbs: list[str], request: pytest.FixtureRequest
) -> None:
    """Teachers keep writing lessons with their marks while pg_dump runs: the copy is one moment."""
    from tests.conftest import _counter

    name = f"ej_test_{os.getpid()}_{next(_counter)}"
    admin = admin_engine(pg_server.url)
    from ejournal_desktop.store.pg_admin import create_database

    create_database(admin, name, template=pg_demo_template)
    url = database_url(pg_server.url, name).render_as_string(hide_password=False)
    engine = make_engine(url, pool_size=4)
    stop = threading.Event()
    written: list[int] = []
    errors: list[BaseException] = []
    with engine.connect() as connection:
        assignment, students = connection.execute(
            text(
                "SELECT ta.id, array_agg(s.id ORDER BY s.id) FROM teaching_assignment ta "
                "JOIN student s ON s.group_id = ta.group_id GROUP BY ta.id ORDER BY ta.id LIMIT 1"
            )
        ).one()
    per_lesson = len(students)

    def writer(worker: int) -> None:
        n = 0
        try:
            while not stop.is_set():
                n += 1
                with engine.begin() as connection:
                    lesson = connection.execute(
                        text(
                            "INSERT INTO lesson (assignment_id, held_on, pair_no, hours, topic, lesson_kind) "
                            "VALUES (:a, :d, :p, 2, :t, 'theory') RETURNING id"
                        ),
                        {"a": assignment, "d": dt.date(2026, 12, 1) + dt.timedelta(days=n), "p": 1 + worker * 4,
                         "t": f"writer-{worker}-{n}"},
                    ).scalar_one()  # fmt: skip
                    for student in students:
                        connection.execute(
                            text("INSERT INTO mark (lesson_id, student_id, slot, value, version) "
                                 "VALUES (:l, :s, 1, '5', 1)"),
                            {"l": lesson, "s": student},
                        )  # fmt: skip
                written.append(lesson)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(2)]
    try:
        for thread in threads:
            thread.start()

        def wait_for(count: int) -> None:  # a writer that died stops the wait, and so does a minute
            deadline = time.monotonic() + 60
            while len(written) < count and not errors and time.monotonic() < deadline:
                time.sleep(0.02)
            assert not errors and len(written) >= count, (errors, len(written))

        wait_for(10)
        result = backup.create_backup(url, tmp_path / "copies", made_by="test")
        at_dump = len(written)
        wait_for(at_dump + 5)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        engine.dispose()
    assert not errors
    target = {"into": new_db_name(), "server_url": pg_server.url}
    restored_dbs.append(target["into"])
    restored = backup.restore_backup(result.path, **target)
    assert restored.tables == result.tables  # exactly the counts of the dump's snapshot
    live = live_counts(url)
    assert live["lesson"] > result.tables["lesson"]  # the writers went on after the snapshot
    check = make_engine(restored_url("postgresql", target, request))
    with check.connect() as connection:
        orphans = connection.execute(
            text("SELECT count(*) FROM mark mk LEFT JOIN lesson l ON l.id = mk.lesson_id WHERE l.id IS NULL")
        ).scalar_one()
        partial = connection.execute(
            text(
                "SELECT count(*) FROM lesson l WHERE l.topic LIKE 'writer-%' "
                "AND (SELECT count(*) FROM mark mk WHERE mk.lesson_id = l.id) <> :n"
            ),
            {"n": per_lesson},
        ).scalar_one()
        copied = connection.execute(text("SELECT count(*) FROM lesson WHERE topic LIKE 'writer-%'")).scalar_one()
    check.dispose()
    assert orphans == 0 and partial == 0 and copied >= 10
    drop_database(admin, name)
    admin.dispose()


@pytest.mark.pg
def test_admin_login_dumps_every_row_despite_rls(pg_server, tmp_path: Path, restored_dbs: list[str]) -> None:  # type: ignore[no-untyped-def]
    from tests.server.college import PASSWORD, build_college, drop_college
    from tests.server.conftest import unique_db

    college = build_college(pg_server.url, unique_db("ej_bk"))
    try:
        server = normalize_url(pg_server.url)
        as_admin = server.set(username=college.admin_login, password=PASSWORD, database=college.db)
        with college.superuser() as su:
            all_marks = su.execute("SELECT count(*) FROM mark").fetchone()[0]
            all_accounts = su.execute("SELECT count(*) FROM account").fetchone()[0]
        # Straight SQL as the admin's own login: RLS narrows ej_admin, ej_backup sees all.
        with college.connect_as("admin") as own:
            own.execute("SET ROLE ej_backup")
            assert own.execute("SELECT count(*) FROM mark").fetchone()[0] == all_marks
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                own.execute("DELETE FROM mark")
        result = backup.create_backup(as_admin, tmp_path / "copies", made_by=college.admin_login)
        assert result.tables["mark"] == all_marks and result.tables["account"] == all_accounts
        # The unattended job's login (db/README.md: a LOGIN member of ej_backup, nothing else) dumps every
        # row too, and records its copy through ej_record_backup() with made_by = its own login.
        dump_login = f"ej_dump_{college.suffix}"
        with college.superuser() as su:
            su.execute(f"CREATE ROLE {dump_login} LOGIN IN ROLE ej_backup PASSWORD 'dump-пароль'")
        try:
            as_job = server.set(username=dump_login, password="dump-пароль", database=college.db)
            job = backup.create_backup(as_job, tmp_path / "nightly", made_by=dump_login, kind="scheduled")
            assert job.tables["mark"] == all_marks
            job_engine = make_engine(as_job)
            backup.record(job_engine, job)
            with pytest.raises(Exception, match="permission denied"), job_engine.begin() as connection:
                connection.execute(text("DELETE FROM backup_record"))
            job_engine.dispose()
            with college.superuser() as su:
                rows = su.execute("SELECT made_by, kind, verified FROM backup_record").fetchall()
            assert rows == [(dump_login, "scheduled", True)]
        finally:
            with college.superuser() as su:
                su.execute(f"DROP ROLE {dump_login}")
        # A teacher's login cannot make a (silently partial) copy.
        as_teacher = server.set(username=college.login("t1"), password=PASSWORD, database=college.db)
        with pytest.raises(BackupError, match="ej_backup"):
            backup.create_backup(as_teacher, tmp_path / "teacher", made_by="t1")
        assert files_in(tmp_path / "teacher") == []
        # Restored by the DBA into a new database: same rows, the same owner, grants and policies.
        name = new_db_name()
        restored_dbs.append(name)
        restored = backup.restore_backup(result.path, into=name, server_url=pg_server.url)
        assert restored.tables == result.tables
        restored_admin = psycopg.connect(
            host=server.host, port=server.port, user=college.admin_login, password=PASSWORD, dbname=name
        )
        with restored_admin:
            assert restored_admin.execute("SELECT count(*) FROM account").fetchone()[0] == all_accounts
            owner = restored_admin.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'mark'").fetchone()[0]
            assert owner == "ej_owner"
            policies = restored_admin.execute("SELECT count(*) FROM pg_policies").fetchone()[0]
            assert policies > 10
    finally:
        drop_college(college)
