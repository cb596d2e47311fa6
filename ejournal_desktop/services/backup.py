"""Backups of the journal: create, verify, restore, history, rotation, the reminder.

One backup = three files in the chosen folder:
- `ЭЖ_<техникум>_<база>_<ГГГГ-ММ-ДД_ЧЧ-ММ-СС>.dump` (PostgreSQL, `pg_dump -Fc`) or `.sqlite3` (the embedded
  file, sqlite3's online backup API);
- `….sha256` beside it (`sha256sum -c` reads it);
- `….json`, the manifest: what was copied, and every table's row count at the moment of the copy.

A copy is written under a temporary name, read back whole (pg_restore reads every data block /
PRAGMA integrity_check), and only then renamed: a failure or «Отмена» leaves nothing half-written, and
the live database is only ever read. Every copy — and every failed attempt — is recorded in
`backup_record` (who, when, where, size, checksum, verified or why not).

Restoring goes into a NEW database (or file) by default. Over the live one only after an automatic,
verified safety copy of its current state; on PostgreSQL the restore goes into a new database first
and is swapped in by renaming, so a failed restore never touches the live database.

On PostgreSQL the dump runs as the person's own login with `--role=ej_backup` (BYPASSRLS, SELECT on
every table): see backup_pg.py and db/README.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, desc, select, text, update
from sqlalchemy.engine import URL

from ejournal_desktop import paths
from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.errors import DomainError, ValidationError
from ejournal_desktop.domain.permissions import Action, can, require
from ejournal_desktop.services import backup_pg, backup_sqlite
from ejournal_desktop.services.auth import Profile, UserSession
from ejournal_desktop.services.backup_files import (
    PG_MAGIC,
    PG_SUFFIX,
    SQLITE_MAGIC,
    SQLITE_SUFFIX,
    BackupCancelled,
    BackupError,
    CancelToken,
    Manifest,
    Progress,
    checksum_path,
    file_magic,
    manifest_path,
    no_progress,
    prepare_folder,
    read_checksum_file,
    remove_quietly,
    safe_name_part,
    sha256_of,
    write_text_atomically,
    writing,
)
from ejournal_desktop.services.backup_tools import PgTools, ToolsNotFound, find_pg_tools
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import normalize_url

# «Настройки» writes the first; the demo college (and older databases) the second.
INTERVAL_KEYS = ("backup_reminder_days", "backup_interval_days")
DEFAULT_INTERVAL_DAYS = 7
PREFIX = "ЭЖ"
SAFETY_MARK = "страховочная"
KIND_LABELS = {"manual": "вручную", "scheduled": "по расписанию", "safety": "страховочная"}


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def default_backup_dir() -> Path:
    """Where copies go when nobody chose a folder (and the safety copies before an upgrade)."""
    return paths.data_dir() / "backups"


@dataclass
class BackupResult:
    path: Path
    backend: str
    database: str
    college: str
    made_at: dt.datetime  # UTC
    made_by: str
    kind: str
    size_bytes: int = 0
    sha256: str = ""
    schema_revision: str | None = None
    tables: dict[str, int] = field(default_factory=dict)
    verified: bool = False
    error: str | None = None
    seconds: float = 0.0
    removed: list[Path] = field(default_factory=list)  # rotation

    @property
    def total_rows(self) -> int:
        return sum(self.tables.values())


@dataclass
class VerifyResult:
    path: Path
    ok: bool
    message: str
    backend: str | None = None
    sha256: str | None = None
    size_bytes: int = 0
    manifest: Manifest | None = None
    entries: int = 0  # PostgreSQL: items in the archive's table of contents (restore progress)


@dataclass
class RestoreResult:
    target: str  # the new database's name or the file's path
    backend: str
    tables: dict[str, int]
    seconds: float
    safety: BackupResult | None = None
    profile: Profile | None = None  # where to switch the program to (a new database)


@dataclass(frozen=True)
class BackupRow:
    """A line of the history, as the dialog shows it."""

    id: int
    made_at: dt.datetime  # UTC
    made_by: str
    kind: str
    path: str
    size_bytes: int
    sha256: str
    verified: bool
    verified_at: dt.datetime | None
    error: str | None
    backend: str
    database: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def status_label(self) -> str:
        if self.verified:
            return "проверена"
        return "ошибка: " + (self.error or "не проверена")


# --- names, rotation ----------------------------------------------------------------------------


def name_prefix(college: str, database: str, kind: str = "manual") -> str:
    parts = [PREFIX]
    if kind == "safety":
        parts.append(SAFETY_MARK)
    if college.strip():
        parts.append(safe_name_part(college))
    parts.append(safe_name_part(database, 40))
    return "_".join(parts) + "_"


def backup_name(college: str, database: str, when: dt.datetime, backend: str, kind: str = "manual") -> str:
    """`ЭЖ_<техникум>_<база>_2026-11-29_08-30-15.dump`; `when` is local time (what the admin reads)."""
    suffix = PG_SUFFIX if backend == "postgresql" else SQLITE_SUFFIX
    return name_prefix(college, database, kind) + when.strftime("%Y-%m-%d_%H-%M-%S") + suffix


def _free_name(folder: Path, name: str) -> Path:
    path = folder / name
    stem, suffix = name.rsplit(".", 1)
    n = 2
    while path.exists() or checksum_path(path).exists():
        path = folder / f"{stem}_{n}.{suffix}"
        n += 1
    return path


def rotate(folder: Path, prefix: str, keep: int) -> list[Path]:
    """Keep the newest `keep` copies whose names start with `prefix`; remove the rest with their .sha256/.json."""
    if keep < 1:
        raise ValidationError("Число хранимых копий — не меньше 1", field="keep")
    copies = sorted(
        (p for p in folder.iterdir() if p.name.startswith(prefix) and p.suffix in (PG_SUFFIX, SQLITE_SUFFIX)),
        key=lambda p: p.name,
        reverse=True,
    )
    removed = []
    for old in copies[keep:]:
        remove_quietly(old, checksum_path(old), manifest_path(old))
        removed.append(old)
    return removed


# --- create -------------------------------------------------------------------------------------------


def _backend(url: URL) -> str:
    return "sqlite" if url.get_backend_name() == "sqlite" else "postgresql"


def create_backup(
    url: str | URL,
    folder: str | Path,
    *,
    made_by: str,
    kind: str = "manual",
    tools_dir: str | Path | None = None,
    tools: PgTools | None = None,
    keep: int | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> BackupResult:
    """Copy the database at `url` into `folder`, verified; raises BackupError (Russian) on any failure."""
    started = time.monotonic()
    cancel = cancel or CancelToken()
    parsed = normalize_url(url)
    backend = _backend(parsed)
    if backend == "postgresql" and tools is None:
        tools = find_pg_tools(tools_dir)  # a missing pg_dump is told before anything is written
    if backend == "sqlite":
        live = Path(str(parsed.database))
        if not live.is_file():
            raise BackupError(f"Файл базы данных не найден: {live}")
        database = live.stem
    else:
        database = str(parsed.database)
    target = prepare_folder(Path(folder).expanduser())
    now, local_now = _utcnow(), dt.datetime.now()
    # Written under a provisional name; the final one carries the college's name read from the copy.
    provisional = _free_name(target, backup_name("", database, local_now, backend, kind))
    result = BackupResult(
        path=provisional, backend=backend, database=database, college="", made_at=now, made_by=made_by, kind=kind
    )
    with writing(provisional) as part:
        if backend == "sqlite":
            backup_sqlite.copy_live_file(live, part, progress=_scaled(progress, 0.0, 0.8), cancel=cancel)
            progress("Проверка копии", 0.85)
            info = backup_sqlite.inspect(part)
            result.tables, result.schema_revision, result.college = info.tables, info.schema_revision, info.college
        else:
            assert tools is not None
            dumped = backup_pg.dump(
                backup_pg.PgConn.from_url(parsed), tools, part, progress=_scaled(progress, 0.0, 0.85), cancel=cancel
            )
            result.tables, result.schema_revision, result.college = (
                dumped.tables,
                dumped.schema_revision,
                dumped.college,
            )
            progress("Проверка копии: оглавление архива", 0.87)
            backup_pg.check_archive(tools, part, cancel, full=False)
        cancel.check()
        progress("Контрольная сумма", 0.95)
        result.sha256 = sha256_of(part, cancel)
        result.size_bytes = part.stat().st_size
        cancel.check()
        final = _free_name(target, backup_name(result.college, database, local_now, backend, kind))
        os.replace(part, final)
        result.path = final
    try:
        write_text_atomically(checksum_path(final), f"{result.sha256}  {final.name}\n")
        manifest = Manifest(
            backend=backend,
            database=database,
            college=result.college,
            schema_revision=result.schema_revision,
            created_at=now.isoformat(timespec="seconds") + "Z",
            made_by=made_by,
            file=final.name,
            size_bytes=result.size_bytes,
            sha256=result.sha256,
            tables=result.tables,
        )
        write_text_atomically(manifest_path(final), manifest.to_json())
    except OSError as exc:
        from ejournal_desktop.services.backup_files import os_error_message

        remove_quietly(final, checksum_path(final), manifest_path(final))
        raise BackupError(os_error_message(exc, target)) from exc
    result.verified = True
    if keep:
        result.removed = rotate(target, name_prefix(result.college, database, kind), keep)
    result.seconds = time.monotonic() - started
    progress("Готово", 1.0)
    return result


def _scaled(progress: Progress, start: float, end: float) -> Progress:
    def report(stage: str, fraction: float) -> None:
        progress(stage, start + (end - start) * max(0.0, min(1.0, fraction)))

    return report


# --- verify -------------------------------------------------------------------------------------------


def verify_file(
    path: str | Path,
    *,
    tools_dir: str | Path | None = None,
    cancel: CancelToken | None = None,
    full_read: bool = True,
) -> VerifyResult:
    """Checksum + the copy read back whole; never raises for a bad file — `ok` and `message` say it.

    With `full_read=False` (before a restore) a PostgreSQL archive whose checksum matches is not read
    a second time: the matching SHA-256 already proves it is the file pg_dump wrote.
    """
    path = Path(path)
    try:
        return _verify(path, tools_dir, cancel or CancelToken(), full_read)
    except BackupCancelled:
        raise
    except DomainError as exc:  # BackupError, ToolsNotFound
        return VerifyResult(path=path, ok=False, message=str(exc))
    except OSError as exc:
        return VerifyResult(path=path, ok=False, message=f"Файл «{path}» не читается: {exc.strerror or exc}")


def _verify(path: Path, tools_dir: str | Path | None, cancel: CancelToken, full_read: bool) -> VerifyResult:
    if not path.is_file():
        return VerifyResult(path=path, ok=False, message=f"Файл не найден: {path}")
    size = path.stat().st_size
    if size == 0:
        return VerifyResult(path=path, ok=False, message=f"Файл «{path.name}» пуст: копия не записана до конца.")
    magic = file_magic(path)
    backend = "postgresql" if magic.startswith(PG_MAGIC) else "sqlite" if magic.startswith(SQLITE_MAGIC) else None
    if backend is None:
        return VerifyResult(
            path=path,
            ok=False,
            size_bytes=size,
            message=f"Файл «{path.name}» — не копия ЭЖ: это файл другой программы.",
        )
    actual = sha256_of(path, cancel)
    expected = read_checksum_file(path)
    base = VerifyResult(path=path, ok=False, message="", backend=backend, sha256=actual, size_bytes=size)
    if expected is not None and expected != actual:
        base.message = (
            f"Копия «{path.name}» повреждена: контрольная сумма не совпадает с записанной при создании "
            "(файл обрезан или изменён)."
        )
        return base
    manifest = Manifest.read(manifest_path(path))
    base.manifest = manifest
    if backend == "sqlite":
        info = backup_sqlite.inspect(path)
        if manifest is not None and manifest.tables and manifest.tables != info.tables:
            base.message = f"Копия «{path.name}» не совпадает со своим описанием (.json): число строк другое."
            return base
        rows = sum(info.tables.values())
    else:
        tools = find_pg_tools(tools_dir)
        archive = backup_pg.check_archive(tools, path, cancel, full=full_read or expected is None)
        base.entries = archive.entries
        rows = sum(manifest.tables.values()) if manifest else 0
        if manifest is not None and manifest.tables and set(manifest.tables) - set(archive.tables):
            missing = ", ".join(sorted(set(manifest.tables) - set(archive.tables)))
            base.message = f"В копии «{path.name}» нет данных таблиц: {missing}."
            return base
    base.ok = True
    base.message = f"Копия «{path.name}» в порядке: прочитана целиком"
    base.message += ", контрольная сумма совпадает" if expected else " (файла контрольной суммы .sha256 рядом нет)"
    if rows:
        base.message += f"; строк: {rows}"
    base.message += "."
    return base


# --- restore -------------------------------------------------------------------------------------------


def _verified_for_restore(path: Path, tools_dir: str | Path | None, cancel: CancelToken) -> VerifyResult:
    checked = verify_file(path, tools_dir=tools_dir, cancel=cancel, full_read=False)
    if not checked.ok:
        raise BackupError(checked.message + " Восстановление не начато; действующая база не изменена.")
    return checked


def restore_backup(
    path: str | Path,
    *,
    into: str,
    server_url: str | URL | None = None,
    tools_dir: str | Path | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> RestoreResult:
    """Restore into a NEW database: `into` is a new database's name on `server_url`, or `sqlite:///new/file`."""
    started = time.monotonic()
    cancel = cancel or CancelToken()
    path = Path(path)
    progress("Проверка копии", 0.0)
    checked = _verified_for_restore(path, tools_dir, cancel)
    expected = checked.manifest.tables if checked.manifest and checked.manifest.tables else None
    if checked.backend == "sqlite":
        if not into.startswith("sqlite:") and server_url is not None:
            raise BackupError("Это копия встроенной базы (SQLite): её восстанавливают в файл — --into sqlite:///путь.")
        target = Path(str(normalize_url(into).database)) if "://" in into else Path(into)
        info = backup_sqlite.restore_to_file(path, target, progress=_scaled(progress, 0.1, 1.0), cancel=cancel)
        if expected is not None:
            backup_pg.check_counts(expected, info.tables)
        profile = Profile(name=f"Восстановлена {format_date(dt.date.today())}", kind="embedded", path=str(target))
        return RestoreResult(str(target), "sqlite", info.tables, time.monotonic() - started, profile=profile)
    if server_url is None or into.startswith("sqlite:"):
        raise BackupError("Это копия базы PostgreSQL: укажите сервер (--url) и имя новой базы (--into).")
    tools = find_pg_tools(tools_dir)
    server_parsed = normalize_url(server_url)
    server = backup_pg.PgConn.from_url(server_parsed)
    entries = checked.entries
    tables = backup_pg.restore_new(
        tools, path, server, into, expected=expected, progress=_scaled(progress, 0.2, 1.0), cancel=cancel,
        entries=entries,
    )  # fmt: skip
    sslmode = server.sslmode or "prefer"
    profile = Profile(
        name=f"{into} (восстановлена {format_date(dt.date.today())})",
        kind="server",
        host=server.host,
        port=server.port,
        database=into,
        sslmode=sslmode,
    )
    return RestoreResult(into, "postgresql", tables, time.monotonic() - started, profile=profile)


# --- history ---------------------------------------------------------------------------------------------


def _insert(result: BackupResult):  # type: ignore[no-untyped-def]
    return m.BackupRecord.__table__.insert().values(
        made_at=result.made_at,
        made_by=result.made_by[:63],
        path=str(result.path)[:1000],
        size_bytes=result.size_bytes,
        sha256=result.sha256,
        verified=result.verified,
        verified_at=result.made_at if result.verified else None,
        error=result.error,
        kind=result.kind,
        backend=result.backend,
        database=result.database[:255],
        schema_revision=result.schema_revision,
    )


RECORD_FUNCTION = text(
    "SELECT ej_record_backup(:made_at, :path, :size, :sha256, :kind, :backend, :database, :revision, :verified, :error)"
)


def record(engine: Engine, result: BackupResult) -> None:
    """Write a history row; on PostgreSQL the database decides who may.

    On a server set up by `server init`, through ej_record_backup() (10_backup.sql): made_by is the
    session_user, and a backup-only login (a member of ej_backup) may record its scheduled copies.
    """
    with engine.begin() as connection:
        _write_record(connection, result)


def _write_record(connection, result: BackupResult) -> None:  # type: ignore[no-untyped-def]
    if (
        connection.dialect.name == "postgresql"
        and connection.execute(text("SELECT to_regproc('ej_record_backup') IS NOT NULL")).scalar()
    ):
        connection.execute(
            RECORD_FUNCTION,
            {
                "made_at": result.made_at,
                "path": str(result.path),
                "size": result.size_bytes,
                "sha256": result.sha256,
                "kind": result.kind,
                "backend": result.backend,
                "database": result.database,
                "revision": result.schema_revision,
                "verified": result.verified,
                "error": result.error,
            },
        )
        return
    connection.execute(_insert(result))


def cli_user(url: URL) -> str:
    """Who made a copy from the command line: the PostgreSQL login, or the OS user for a file."""
    if url.get_backend_name() != "sqlite" and url.username:
        return url.username
    try:
        return f"{getpass.getuser()} (командная строка)"
    except Exception:
        return "командная строка"


def create(
    session: UserSession,
    folder: str | Path,
    *,
    kind: str = "manual",
    tools_dir: str | Path | None = None,
    keep: int | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> BackupResult:
    """The dialog's «Создать копию»: the copy, verified, and its history row (a failure is recorded too)."""
    require(session.user.roles, Action.BACKUP_MANAGE)
    try:
        result = create_backup(
            session.engine.url,
            folder,
            made_by=session.user.login,
            kind=kind,
            tools_dir=tools_dir,
            keep=keep,
            progress=progress,
            cancel=cancel,
        )
    except BackupCancelled:
        raise
    except DomainError as exc:
        failed = BackupResult(
            path=Path(folder),
            backend=session.backend,
            database=_database_label(session),
            college="",
            made_at=_utcnow(),
            made_by=session.user.login,
            kind=kind,
            error=str(exc),
        )
        _record_quietly(session, failed)
        raise
    _record_session(session, result)
    return result


def _database_label(session: UserSession) -> str:
    database = str(session.engine.url.database or "")
    return Path(database).stem if session.backend == "sqlite" else database


def _record_session(session: UserSession, result: BackupResult) -> None:
    with transaction(session) as connection:
        _write_record(connection, result)


def _record_quietly(session: UserSession, result: BackupResult) -> None:
    with contextlib.suppress(Exception):  # the failure being reported matters more than its history row
        record(session.engine, result)


def history(session: UserSession, limit: int = 200) -> list[BackupRow]:
    require(session.user.roles, Action.BACKUP_MANAGE)
    t = m.BackupRecord
    with transaction(session) as connection:
        rows = connection.execute(
            select(
                t.id, t.made_at, t.made_by, t.kind, t.path, t.size_bytes, t.sha256, t.verified, t.verified_at,
                t.error, t.backend, t.database,
            ).order_by(desc(t.made_at), desc(t.id)).limit(limit)
        ).all()  # fmt: skip
    return [BackupRow(*row) for row in rows]


def verify(
    session: UserSession, path: str | Path, *, tools_dir: str | Path | None = None, cancel: CancelToken | None = None
) -> VerifyResult:
    """«Проверить»: re-verify a file; the history rows of that file get the outcome."""
    require(session.user.roles, Action.BACKUP_MANAGE)
    result = verify_file(path, tools_dir=tools_dir, cancel=cancel)
    now = _utcnow()
    values = {"verified": result.ok, "verified_at": now, "error": None if result.ok else result.message}
    with transaction(session) as connection:
        connection.execute(update(m.BackupRecord).where(m.BackupRecord.path == str(Path(path))).values(**values))
    return result


def interval_days(session: UserSession) -> int:
    """The reminder interval: the «Настройки» key, else the older demo key, else 7 days."""
    t = m.AppSetting
    with session.engine.connect() as connection:
        values = dict(connection.execute(select(t.key, t.value).where(t.key.in_(INTERVAL_KEYS))).all())
    for key in INTERVAL_KEYS:
        try:
            return max(1, int(values[key]))
        except (KeyError, ValueError, TypeError):
            continue
    return DEFAULT_INTERVAL_DAYS


def last_verified(session: UserSession) -> dt.datetime | None:
    t = m.BackupRecord
    with transaction(session) as connection:
        return connection.execute(
            select(t.made_at).where(t.verified.is_(True)).order_by(desc(t.made_at)).limit(1)
        ).scalar()


def reminder(session: UserSession, now: dt.datetime | None = None) -> str | None:
    """The banner's text when the last verified copy is older than the interval; None when all is well."""
    return reminder_state(session, now)[0]


def reminder_state(session: UserSession, now: dt.datetime | None = None) -> tuple[str | None, dt.datetime | None]:
    """`reminder`'s text and the time of the last verified copy it was judged by (None, None: not an admin)."""
    if not can(session.user.roles, Action.BACKUP_MANAGE):
        return None, None
    days = interval_days(session)
    last = last_verified(session)
    if last is None:
        return "Резервных копий базы ещё не было. Создайте копию в разделе «Резервные копии».", None
    age = (now or _utcnow()) - last
    if age <= dt.timedelta(days=days):
        return None, last
    local = last.replace(tzinfo=dt.UTC).astimezone()
    return (
        f"Последняя проверенная резервная копия сделана {format_date(local.date())} ({age.days} дн. назад), "
        f"а копировать нужно не реже раза в {days} дн. Создайте новую копию."
    ), last


# --- restore from the dialog ---------------------------------------------------------------------------------


def server_url_for(session: UserSession, login: str | None, password: str | None) -> URL:
    """The URL of the session's server for another login (the DBA's), or the session's own."""
    url = session.engine.url
    if login and login != url.username:
        return url.set(username=login, password=password or None, database="postgres")
    return url.set(password=password or url.password, database="postgres")


def restore_new(
    session: UserSession,
    path: str | Path,
    target: str,
    *,
    server_login: str | None = None,
    server_password: str | None = None,
    tools_dir: str | Path | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> RestoreResult:
    """Into a new database (PostgreSQL: its name on the same server) or a new file (SQLite: its path)."""
    require(session.user.roles, Action.BACKUP_MANAGE)
    target = target.strip()
    if not target:
        raise ValidationError("Укажите имя новой базы данных (или файл)", field="target")
    if session.backend == "sqlite" or Path(path).suffix == SQLITE_SUFFIX:
        into = target if target.startswith("sqlite:") else f"sqlite:///{Path(target).expanduser()}"
        return restore_backup(path, into=into, tools_dir=tools_dir, progress=progress, cancel=cancel)
    server_url = server_url_for(session, server_login, server_password)
    result = restore_backup(
        path, into=target, server_url=server_url, tools_dir=tools_dir, progress=progress, cancel=cancel
    )
    if result.profile is not None:
        own = session.profile
        result.profile = Profile(
            name=result.profile.name, kind="server", host=own.host, port=own.port, database=target,
            sslmode=own.sslmode,
        )  # fmt: skip
    return result


def live_name(session: UserSession) -> str:
    """What the admin types to confirm a restore over the live database: its name (or the file's name)."""
    database = str(session.engine.url.database or "")
    return Path(database).name if session.backend == "sqlite" else database


def restore_over_live(
    session: UserSession,
    path: str | Path,
    confirm: str,
    *,
    safety_folder: str | Path | None = None,
    server_login: str | None = None,
    server_password: str | None = None,
    tools_dir: str | Path | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> RestoreResult:
    """Replace the live database by the copy — after a verified safety copy of its current state.

    Everyone working in the journal is disconnected; the program's own session must log in again.
    """
    require(session.user.roles, Action.BACKUP_MANAGE)
    live = live_name(session)
    if confirm.strip() != live:
        raise ValidationError(f"Для подтверждения введите имя действующей базы: «{live}»", field="confirm")
    started = time.monotonic()
    cancel = cancel or CancelToken()
    path = Path(path)
    progress("Проверка копии", 0.0)
    checked = _verified_for_restore(path, tools_dir, cancel)
    if checked.backend != session.backend:
        raise BackupError(
            "Копия сделана с базы другого вида (SQLite / PostgreSQL): её нельзя восстановить поверх этой."
        )
    expected = checked.manifest.tables if checked.manifest and checked.manifest.tables else None
    tools = find_pg_tools(tools_dir) if session.backend == "postgresql" else None
    progress("Страховочная копия текущего состояния", 0.05)
    safety = create_backup(
        session.engine.url,
        safety_folder or default_backup_dir(),
        made_by=session.user.login,
        kind="safety",
        tools=tools,
        progress=_scaled(progress, 0.05, 0.4),
        cancel=cancel,
    )
    stamp = dt.datetime.now().strftime("%Y%m%d%H%M%S")
    if session.backend == "sqlite":
        live_path = Path(str(session.engine.url.database))
        session.engine.dispose()
        info = backup_sqlite.restore_over_file(path, live_path, progress=_scaled(progress, 0.4, 0.95), cancel=cancel)
        if expected is not None:
            backup_pg.check_counts(expected, info.tables)
        tables = info.tables
    else:
        assert tools is not None
        server = backup_pg.PgConn.from_url(normalize_url(server_url_for(session, server_login, server_password)))
        staging = f"{live[:40]}_restore_{stamp}"
        entries = checked.entries
        tables = backup_pg.restore_new(
            tools, path, server, staging, expected=expected, progress=_scaled(progress, 0.4, 0.9), cancel=cancel,
            entries=entries,
        )  # fmt: skip
        cancel.check()
        progress("Замена действующей базы", 0.95)
        session.engine.dispose()
        try:
            backup_pg.swap_in(server, live, staging, stamp)
        except BaseException:
            backup_pg.drop_database(server, staging)
            raise
    # The restored database has the history of its own time: the safety copy is recorded in it now.
    _record_quietly(session, safety)
    progress("Готово", 1.0)
    return RestoreResult(live, session.backend, tables, time.monotonic() - started, safety=safety)


# --- before a schema upgrade ------------------------------------------------------------------------------------


def upgrade_with_safety_copy(engine: Engine, *, made_by: str, folder: str | Path | None = None) -> BackupResult | None:
    """Upgrade the schema; when it changes an existing database, a verified safety copy is taken first.

    The upgrade does not start if the copy fails (BackupError). Returns the safety copy (None if none
    was needed: an up-to-date or a brand-new, empty database).
    """
    from ejournal_desktop.store.migrate import schema_state, upgrade

    state = schema_state(engine)
    if state.is_up_to_date or state.is_empty:
        upgrade(engine)
        return None
    try:
        safety = create_backup(engine.url, folder or default_backup_dir(), made_by=made_by, kind="safety")
    except DomainError as exc:
        raise BackupError(f"Схема базы данных не обновлена: не удалось сделать страховочную копию. {exc}") from exc
    upgrade(engine)
    with contextlib.suppress(Exception):  # the copy exists and is verified; its history row is a courtesy
        record(engine, safety)
    return safety


def server_version_line(session: UserSession, tools_dir: str | Path | None = None) -> str:
    """The tool line of the dialog: which pg_dump, which server, and a warning when it is too old."""
    if session.backend == "sqlite":
        return f"Встроенная база SQLite {sqlite3.sqlite_version}: копия — средствами SQLite, pg_dump не нужен."
    try:
        tools = find_pg_tools(tools_dir)
    except ToolsNotFound as exc:
        return str(exc)
    with session.engine.connect() as connection:
        num = int(connection.execute(text("SHOW server_version_num")).scalar_one())
    return tools.describe(num)
