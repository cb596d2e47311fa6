"""Backups on PostgreSQL: `pg_dump -Fc` and `pg_restore` as background processes, with progress and cancel.

Dumps see every row despite row-level security: the administrator runs `pg_dump --role=ej_backup`
with their own login (ej_backup is NOLOGIN, BYPASSRLS, SELECT on every table, granted to ej_admin —
see store/server/01_roles.sql and 07_grants.sql). Without such a role pg_dump under RLS would either
fail or, with --enable-row-security, silently dump only the visible rows; we never use that flag.

A dump shares a snapshot with our own connection (`pg_export_snapshot()` → `pg_dump --snapshot`), so
the row counts written into the manifest are those of the very moment the dump shows.

Passwords go to the child processes through the environment (PGPASSWORD), never on a command line
and never in a file.
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import URL

from ejournal_desktop.services.backup_files import (
    PG_MAGIC,
    BackupCancelled,
    BackupError,
    CancelToken,
    Progress,
    file_magic,
    no_progress,
)
from ejournal_desktop.services.backup_tools import PgTools, _no_window
from ejournal_desktop.store.pg_admin import create_database_sql, drop_database_sql, quote_ident

BACKUP_ROLE = "ej_backup"
OWNER_ROLE = "ej_owner"
GROUP_ROLES = ("ej_admin", "ej_deputy", "ej_secretary", "ej_teacher", "ej_student", "ej_parent")
DATA_LINE = re.compile(r'(?:dumping contents of table|processing data for table) "?([\w.]+)"?')
TABLE_QUERY = """
    SELECT c.relname, pg_relation_size(c.oid) + 8192
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname
"""


@dataclass(frozen=True)
class PgConn:
    """Where to connect: taken from a SQLAlchemy URL (the session's engine or a URL typed at the CLI)."""

    host: str
    port: int
    user: str
    password: str | None
    database: str
    sslmode: str | None = None

    @classmethod
    def from_url(cls, url: URL) -> PgConn:
        sslmode = url.query.get("sslmode")
        return cls(
            host=url.host or "localhost",
            port=url.port or 5432,
            user=url.username or os.environ.get("PGUSER", "") or _os_user(),
            password=url.password if url.password else None,
            database=url.database or "postgres",
            sslmode=sslmode if isinstance(sslmode, str) or sslmode is None else sslmode[-1],
        )

    def env(self, database: str | None = None) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            PGHOST=self.host,
            PGPORT=str(self.port),
            PGUSER=self.user,
            PGDATABASE=database or self.database,
            PGAPPNAME="ejournal backup",
            PGCONNECT_TIMEOUT="10",
            LC_ALL="C",  # the tools' messages in English: we read them to tell the person in Russian
            LC_MESSAGES="C",
        )
        if self.password:
            env["PGPASSWORD"] = self.password
        if self.sslmode:
            env["PGSSLMODE"] = self.sslmode
        return env

    def connect(self, database: str | None = None, *, autocommit: bool = False) -> psycopg.Connection:
        kwargs: dict[str, Any] = {
            "host": self.host,
            "port": self.port,
            "user": self.user,
            "dbname": database or self.database,
            "connect_timeout": 10,
            "application_name": "ejournal backup",
        }
        if self.password:
            kwargs["password"] = self.password
        if self.sslmode:
            kwargs["sslmode"] = self.sslmode
        return psycopg.connect(**kwargs, autocommit=autocommit)


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:
        return ""


@dataclass
class DumpInfo:
    tables: dict[str, int] = field(default_factory=dict)
    schema_revision: str | None = None
    college: str = ""
    server_version_num: int = 0
    role: str | None = None


# --- running a tool ---------------------------------------------------------------------------------


def run_tool(
    args: list[str], env: dict[str, str], cancel: CancelToken, on_line: Callable[[str], None] | None = None
) -> tuple[int, list[str]]:
    """Run pg_dump/pg_restore; stderr lines go to `on_line`; «Отмена» terminates the process."""
    try:
        proc = subprocess.Popen(
            args,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            **_no_window(),
        )
    except OSError as exc:
        raise BackupError(f"Не удалось запустить {Path(args[0]).name}: {exc.strerror or exc}") from exc
    lines: list[str] = []
    finished = threading.Event()

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line.rstrip("\n"))
            if on_line is not None:
                on_line(line)

    def watch() -> None:
        while not finished.wait(0.1):
            if cancel.cancelled and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                return

    reader = threading.Thread(target=read, daemon=True)
    watcher = threading.Thread(target=watch, daemon=True)
    reader.start()
    watcher.start()
    try:
        code = proc.wait()
    finally:
        finished.set()
        reader.join(10)
        watcher.join(10)
    if cancel.cancelled:
        raise BackupCancelled()
    return code, lines


def error_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if ": error:" in line or "FATAL" in line or ": fatal:" in line] or lines[-3:]


def tool_failure_message(tool: str, lines: list[str], conn: PgConn, folder: Path | None = None) -> str:
    """What pg_dump/pg_restore said, in Russian words a college administrator can act upon."""
    from ejournal_desktop.services.auth import connection_error_message

    errors = error_lines(lines)
    text = "\n".join(errors).lower()
    where = f"«{folder}»" if folder else "папку копии"
    if "no space left" in text or "disk full" in text:
        return f"Не удалось записать копию: на диске {where} закончилось место. Неполный файл удалён."
    if "read-only file system" in text:
        return f"Не удалось записать копию: папка {where} только для чтения."
    if "could not open output file" in text and "permission denied" in text:
        return f"Не удалось записать копию: нет права записи в папку {where}."
    if tool == "pg_restore":
        detail = errors[-1].strip() if errors else "без сообщения"
        if "connection to server" in text or "password authentication failed" in text:
            return connection_error_message(Exception(text), conn.host, conn.port, conn.database)
        return f"pg_restore завершился с ошибкой, новая база удалена: {detail}"
    if "row-level security" in text or "row security" in text:
        return (
            f"Учётная запись «{conn.user}» не может прочитать все строки базы (действует защита строк). "
            f"Копию делает член роли {BACKUP_ROLE} (администратор ЭЖ) — см. db/README.md."
        )
    if "server version mismatch" in text:
        return (
            f"{tool} старее сервера и не может сделать копию: установите клиентские программы PostgreSQL "
            "той же или более новой версии и укажите их папку в настройках."
        )
    if "connection to server" in text or "password authentication failed" in text or "could not connect" in text:
        return connection_error_message(Exception(text), conn.host, conn.port, conn.database)
    if "permission denied" in text:
        return (
            f"У учётной записи «{conn.user}» нет права читать все таблицы ({errors[-1].strip()}). "
            f"Копию делает член роли {BACKUP_ROLE} — см. db/README.md."
        )
    detail = errors[-1].strip() if errors else "без сообщения"
    return f"{tool} завершился с ошибкой: {detail}"


# --- dump -------------------------------------------------------------------------------------------


def dump(
    conn: PgConn,
    tools: PgTools,
    part: Path,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> DumpInfo:
    """`pg_dump -Fc` of `conn.database` into `part`; returns the row counts of the same snapshot."""
    cancel = cancel or CancelToken()
    info = DumpInfo()
    progress("Подключение к серверу", 0.0)
    try:
        snapshot_conn = conn.connect()
    except psycopg.OperationalError as exc:
        from ejournal_desktop.services.auth import connection_error_message

        raise BackupError(connection_error_message(exc, conn.host, conn.port, conn.database)) from exc
    try:
        snapshot_conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        snapshot_conn.read_only = True
        info.server_version_num = snapshot_conn.info.server_version
        warning = tools.warning(info.server_version_num)
        if warning:
            raise BackupError(warning)
        info.role = _dump_role(snapshot_conn, conn.user)
        if info.role:
            snapshot_conn.execute(f"SET ROLE {info.role}")
        snapshot_row = snapshot_conn.execute("SELECT pg_export_snapshot()").fetchone()
        assert snapshot_row is not None
        tables = [(str(name), int(size)) for name, size in snapshot_conn.execute(TABLE_QUERY)]
        info.schema_revision = _scalar(snapshot_conn, "SELECT version_num FROM alembic_version", "alembic_version")
        info.college = (
            _scalar(snapshot_conn, "SELECT value FROM app_setting WHERE key = 'college_name'", "app_setting") or ""
        )
        args = [str(tools.pg_dump), "-Fc", "--verbose", "--no-password", f"--snapshot={snapshot_row[0]}"]
        if info.role:
            args.append(f"--role={info.role}")
        args += ["-f", str(part)]

        weights = {f"public.{name}": size for name, size in tables}
        total = sum(weights.values()) or 1
        done = {"weight": 0, "lines": 0}

        def on_line(line: str) -> None:
            found = DATA_LINE.search(line)
            if found and found.group(1) in weights:
                done["weight"] += weights[found.group(1)]
                progress(f"Копирование таблицы {found.group(1).removeprefix('public.')}",
                         0.1 + 0.85 * done["weight"] / total)  # fmt: skip
            elif not done["weight"]:  # the bar never goes back once the data is being copied
                done["lines"] += 1
                progress("Чтение схемы базы данных", min(0.1, done["lines"] / 4000))

        cancel.check()
        counting_failed: list[BaseException] = []

        def count() -> None:
            try:
                info.tables.update(_count_rows(snapshot_conn, tables))
            except BaseException as exc:
                counting_failed.append(exc)

        counter = threading.Thread(target=count)
        code, lines = 0, []
        counter.start()  # the counts run in our snapshot while pg_dump reads the same one
        try:
            code, lines = run_tool(args, conn.env(), cancel, on_line)
        finally:
            counter.join()
        if code != 0:
            raise BackupError(tool_failure_message("pg_dump", lines, conn, part.parent))
        if counting_failed:
            raise counting_failed[0]
        snapshot_conn.rollback()
        return info
    except psycopg.Error as exc:
        raise BackupError(f"Сервер отказал при подготовке копии: {str(exc).strip().splitlines()[0]}") from exc
    finally:
        snapshot_conn.close()


def _scalar(connection: psycopg.Connection, sql: str, table: str) -> Any:
    exists = connection.execute("SELECT to_regclass(%s) IS NOT NULL", (f"public.{table}",)).fetchone()
    if not exists or not exists[0]:
        return None
    row = connection.execute(sql).fetchone()
    return row[0] if row else None


def _count_rows(connection: psycopg.Connection, tables: list[tuple[str, int]]) -> dict[str, int]:
    if not tables:
        return {}
    sql = "SELECT " + ", ".join(f"(SELECT count(*) FROM public.{quote_ident(name)})" for name, _ in tables)
    row = connection.execute(sql).fetchone()
    assert row is not None
    return {name: int(count) for (name, _), count in zip(tables, row, strict=True)}


def _dump_role(connection: psycopg.Connection, login: str) -> str | None:
    """ej_backup when this login may use it; None for a superuser or a database without row security."""
    row = connection.execute(
        "SELECT rolsuper, EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %s) "
        "FROM pg_roles WHERE rolname = current_user",
        (BACKUP_ROLE,),
    ).fetchone()
    is_super, has_backup_role = bool(row and row[0]), bool(row and row[1])
    if is_super:
        return None
    if has_backup_role:
        member = connection.execute("SELECT pg_has_role(current_user, %s, 'MEMBER')", (BACKUP_ROLE,)).fetchone()
        if member and member[0]:
            return BACKUP_ROLE
    protected = connection.execute(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relrowsecurity"
    ).fetchone()
    if protected and protected[0]:
        raise BackupError(
            f"Учётная запись «{login}» не может сделать полную копию: в базе действует защита строк, а эта "
            f"учётная запись не входит в роль {BACKUP_ROLE}. Копию делает администратор ЭЖ — см. db/README.md."
        )
    return None


# --- check ------------------------------------------------------------------------------------------


@dataclass
class ArchiveInfo:
    entries: int
    tables: list[str]


def check_archive(tools: PgTools, path: Path, cancel: CancelToken | None = None, *, full: bool = True) -> ArchiveInfo:
    """The archive's table of contents is ЭЖ's; with `full`, pg_restore also reads every data block to the end.

    Right after pg_dump wrote a file (exit code 0) the table of contents is enough, and its SHA-256 from
    then on proves the bytes; «Проверить», and a restore of a file without its .sha256, read it all.
    """
    cancel = cancel or CancelToken()
    if file_magic(path)[:5] != PG_MAGIC:
        raise BackupError(f"Файл «{path.name}» — не копия базы ЭЖ (не архив pg_dump): это файл другой программы.")
    env = dict(os.environ, LC_ALL="C", LC_MESSAGES="C")
    listing = subprocess.run(
        [str(tools.pg_restore), "--list", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        **_no_window(),
    )
    if listing.returncode != 0:
        reason = (error_lines(listing.stderr.splitlines()) or ["?"])[-1]
        if "version" in reason and "not supported" in reason:
            raise BackupError(f"Копия «{path.name}» сделана более новой версией pg_dump, чем {tools.version}: {reason}")
        raise BackupError(f"Копия «{path.name}» повреждена или обрезана: оглавление не читается ({reason.strip()}).")
    toc = [line for line in listing.stdout.splitlines() if line and not line.startswith(";")]
    tables = sorted({m.group(1) for line in toc if (m := re.search(r"TABLE DATA public (\S+)", line))})
    if "alembic_version" not in tables or "account" not in tables:
        raise BackupError(f"Файл «{path.name}» — архив PostgreSQL, но не базы ЭЖ: это копия другой программы.")
    cancel.check()
    if not full:
        return ArchiveInfo(entries=len(toc), tables=tables)
    code, lines = run_tool([str(tools.pg_restore), "-f", os.devnull, str(path)], env, cancel)
    if code != 0:
        reason = error_lines(lines)[-1].strip() if lines else "без сообщения"
        raise BackupError(f"Копия «{path.name}» повреждена или обрезана: данные не читаются до конца ({reason}).")
    return ArchiveInfo(entries=len(toc), tables=tables)


# --- restore ----------------------------------------------------------------------------------------


def ensure_cluster_roles(connection: psycopg.Connection) -> bool:
    """The group roles are cluster-wide and not in a dump: create them (01_roles.sql) if missing."""
    needed = (OWNER_ROLE, BACKUP_ROLE, *GROUP_ROLES)
    row = connection.execute("SELECT count(*) FROM pg_roles WHERE rolname = ANY(%s)", (list(needed),)).fetchone()
    if row and row[0] == len(needed):
        return False
    from ejournal_desktop.store.server.server_init import sql_text

    connection.execute(sql_text("01_roles.sql"))
    return True


def _require_superuser(connection: psycopg.Connection, login: str) -> None:
    row = connection.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
    if not row or not row[0]:
        raise BackupError(
            f"Восстановление на сервер выполняет суперпользователь PostgreSQL (например, postgres), а «{login}» им "
            "не является: роли, владельцы и права базы восстанавливаются только с его правами."
        )


def restore_new(
    tools: PgTools,
    archive: Path,
    server: PgConn,
    new_db: str,
    *,
    expected: dict[str, int] | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    entries: int = 0,
) -> dict[str, int]:
    """pg_restore into a NEW database `new_db`; on any failure (or cancel) the new database is dropped."""
    cancel = cancel or CancelToken()
    if not new_db or len(new_db.encode()) > 63:
        raise BackupError("Имя новой базы данных пусто или длиннее 63 байт.")
    try:
        admin = server.connect("postgres", autocommit=True)
    except psycopg.OperationalError as exc:
        from ejournal_desktop.services.auth import connection_error_message

        raise BackupError(connection_error_message(exc, server.host, server.port, "postgres")) from exc
    with admin:
        _require_superuser(admin, server.user)
        warning = tools.warning(admin.info.server_version)
        if warning:
            raise BackupError(warning)
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (new_db,)).fetchone():
            raise BackupError(f"База данных «{new_db}» уже есть на сервере: выберите другое имя.")
        progress("Роли сервера", 0.01)
        ensure_cluster_roles(admin)
        admin.execute(create_database_sql(new_db, owner=OWNER_ROLE))
    counted: dict[str, int] = {}
    counter: threading.Thread | None = None
    try:
        done = {"n": 0, "data": 0}
        total = max(entries, 1)

        def count_loaded() -> None:
            # The data is committed table by table; while pg_restore builds indexes and constraints (one
            # core) the rows are counted on the other. One statement per table: no lock held for long.
            try:
                with server.connect(new_db, autocommit=True) as target:
                    names = [str(name) for name, _ in target.execute(TABLE_QUERY)]
                    for name in names:
                        row = target.execute(f"SELECT count(*) FROM public.{quote_ident(name)}").fetchone()
                        counted[name] = int(row[0]) if row else 0
            except psycopg.Error:
                counted.clear()  # counted again below, after pg_restore

        def on_line(line: str) -> None:
            nonlocal counter
            if "processing data for table" in line:
                done["data"] += 1
            elif "pg_restore: creating" in line and done["data"] and counter is None:
                counter = threading.Thread(target=count_loaded, daemon=True)
                counter.start()
            if "pg_restore: creating" in line or "processing data for table" in line:
                done["n"] += 1
                found = DATA_LINE.search(line)
                stage = f"Загрузка таблицы {found.group(1).removeprefix('public.')}" if found else "Создание объектов"
                progress(stage, 0.03 + 0.87 * min(1.0, done["n"] / total))

        args = [str(tools.pg_restore), "--verbose", "--exit-on-error", "--no-password", "-d", new_db, str(archive)]
        code, lines = run_tool(args, server.env(new_db), cancel, on_line)
        if code != 0:
            raise BackupError(tool_failure_message("pg_restore", lines, server))
        progress("Права доступа к базе", 0.92)
        with server.connect(new_db, autocommit=True) as target:
            target.execute(f"REVOKE ALL ON DATABASE {quote_ident(new_db)} FROM PUBLIC")
            target.execute(
                f"GRANT CONNECT ON DATABASE {quote_ident(new_db)} TO {', '.join(GROUP_ROLES)}, {BACKUP_ROLE}"
            )
            progress("Сверка числа строк", 0.95)
            if counter is not None:
                counter.join()
            tables = [(str(name), int(size)) for name, size in target.execute(TABLE_QUERY)]
            if counted and set(counted) == {name for name, _ in tables}:
                counts = dict(counted)
            else:
                counts = _count_rows(target, tables)
        if expected is not None:
            check_counts(expected, counts)
        progress("Готово", 1.0)
        return counts
    except BaseException:
        if counter is not None:
            counter.join(30)
        drop_database(server, new_db)
        raise


def check_counts(expected: dict[str, int], actual: dict[str, int]) -> None:
    wrong = [
        f"{table}: в копии {count}, восстановлено {actual.get(table, 0)}"
        for table, count in sorted(expected.items())
        if actual.get(table, 0) != count
    ]
    if wrong:
        raise BackupError("Восстановлено не всё: " + "; ".join(wrong[:5]))


def drop_database(server: PgConn, name: str) -> None:
    try:
        with server.connect("postgres", autocommit=True) as admin:
            admin.execute(drop_database_sql(name))
    except psycopg.Error:
        pass  # the original error is what the person needs to read


def swap_in(server: PgConn, live_db: str, restored_db: str, stamp: str) -> None:
    """Put `restored_db` in the place of `live_db` (renames; the old one is dropped after the swap)."""
    old = f"{live_db[:40]}_old_{stamp}"
    with server.connect("postgres", autocommit=True) as admin:
        admin.execute(f"ALTER DATABASE {quote_ident(live_db)} WITH ALLOW_CONNECTIONS false")
        try:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (live_db,),
            )
            admin.execute(f"ALTER DATABASE {quote_ident(live_db)} RENAME TO {quote_ident(old)}")
        except psycopg.Error as exc:
            admin.execute(f"ALTER DATABASE {quote_ident(live_db)} WITH ALLOW_CONNECTIONS true")
            raise BackupError(f"Не удалось заменить действующую базу: {exc}. Она не изменена.") from exc
        try:
            admin.execute(f"ALTER DATABASE {quote_ident(restored_db)} RENAME TO {quote_ident(live_db)}")
        except psycopg.Error as exc:
            admin.execute(f"ALTER DATABASE {quote_ident(old)} RENAME TO {quote_ident(live_db)}")
            admin.execute(f"ALTER DATABASE {quote_ident(live_db)} WITH ALLOW_CONNECTIONS true")
            raise BackupError(f"Не удалось заменить действующую базу: {exc}. Она не изменена.") from exc
        admin.execute(drop_database_sql(old))
