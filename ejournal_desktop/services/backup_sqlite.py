"""Backups of the embedded SQLite file: sqlite3's online backup API, page by page, with progress.

The source is read inside one read transaction, so in WAL mode the copy is the state of one moment
even while the journal is being written; the copy is switched to a rollback journal so it is one
self-contained file. A copy is checked by opening it `immutable` (no lock, no WAL, never written):
`PRAGMA integrity_check`, the journal's own tables present, every table counted.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ejournal_desktop.services.backup_files import (
    SQLITE_MAGIC,
    BackupError,
    CancelToken,
    Progress,
    file_magic,
    no_progress,
    part_path,
    remove_quietly,
)

PAGES_PER_STEP = 2048  # 8 MB with 4 KB pages: a progress report every few milliseconds
REQUIRED_TABLES = ("alembic_version", "account", "person")
DISK_FULL = "database or disk is full"


@dataclass
class SqliteInfo:
    tables: dict[str, int] = field(default_factory=dict)
    schema_revision: str | None = None
    college: str = ""


def _connect_immutable(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path.resolve().as_uri() + "?immutable=1", uri=True)


def _raise_if_disk_full(exc: sqlite3.Error) -> None:
    """A full disk as the OSError the callers tell the user about, the SQLite error as its cause."""
    if DISK_FULL in str(exc).lower() or "no space" in str(exc).lower():
        raise OSError(28, "No space left on device") from exc


def _copy(
    source: sqlite3.Connection, target: sqlite3.Connection, progress: Progress, cancel: CancelToken, stage: str
) -> None:
    def step(_status: int, remaining: int, total: int) -> None:
        progress(stage, (total - remaining) / total if total else 1.0)
        cancel.check()

    source.backup(target, pages=PAGES_PER_STEP, progress=step)


def _copy_to_new_file(
    source: sqlite3.Connection, part: Path, progress: Progress, cancel: CancelToken, stage: str
) -> None:
    """Copy `source` page by page into the new file `part`, left with no journal beside it."""
    target = sqlite3.connect(str(part))
    try:
        _copy(source, target, progress, cancel, stage)
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()


def copy_live_file(
    database: Path, part: Path, *, progress: Progress = no_progress, cancel: CancelToken | None = None
) -> None:
    """Copy the live file into `part` (already created by the caller) as one consistent moment."""
    cancel = cancel or CancelToken()
    source = sqlite3.connect(str(database), timeout=10)
    try:
        source.execute("BEGIN")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the read transaction starts here
        _copy_to_new_file(source, part, progress, cancel, "Копирование базы данных")
        source.rollback()
    except sqlite3.Error as exc:
        _raise_if_disk_full(exc)
        raise BackupError(f"Не удалось прочитать базу данных {database}: {exc}") from exc
    finally:
        source.close()


def inspect(path: Path, *, quick: bool = False) -> SqliteInfo:
    """Integrity check, the journal's tables, the row count of each; BackupError (Russian) when bad.

    `quick` (PRAGMA quick_check, several times faster: no index-content check) is for a file just
    copied page by page from a backup that passed the full check.
    """
    if file_magic(path)[:16] != SQLITE_MAGIC:
        raise BackupError(f"Файл «{path.name}» — не копия встроенной базы ЭЖ: это файл другой программы.")
    try:
        connection = _connect_immutable(path)
    except sqlite3.Error as exc:
        raise BackupError(f"Файл «{path.name}» не открывается как база данных: {exc}") from exc
    try:
        check = "PRAGMA quick_check(20)" if quick else "PRAGMA integrity_check(20)"
        problems = [row[0] for row in connection.execute(check)]
        if problems != ["ok"]:
            raise BackupError(
                f"Копия «{path.name}» повреждена (проверка целостности SQLite: {'; '.join(problems[:3])})."
            )
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                "ORDER BY name"
            )
        ]
        if not set(REQUIRED_TABLES) <= set(names):
            raise BackupError(
                f"Файл «{path.name}» — база SQLite, но не журнала ЭЖ (нет его таблиц): это файл другой программы."
            )
        counts = connection.execute(
            "SELECT " + ", ".join(f'(SELECT count(*) FROM "{name}")' for name in names)
        ).fetchone()
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        college = None
        if "app_setting" in names:
            college = connection.execute("SELECT value FROM app_setting WHERE key = 'college_name'").fetchone()
        return SqliteInfo(
            tables=dict(zip(names, counts, strict=True)),
            schema_revision=revision[0] if revision else None,
            college=str(college[0] or "") if college else "",
        )
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"Копия «{path.name}» повреждена или обрезана: {exc}.") from exc
    finally:
        connection.close()


def restore_to_file(
    backup: Path, target: Path, *, progress: Progress = no_progress, cancel: CancelToken | None = None
) -> SqliteInfo:
    """Copy a checked backup into a NEW file `target` (through `target.part`, renamed when checked)."""
    cancel = cancel or CancelToken()
    if target.exists() and target.stat().st_size > 0:
        raise BackupError(f"Файл «{target}» уже существует: для восстановления укажите новый файл.")
    part = part_path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _restore_into(backup, part, progress, cancel)
        info = inspect(part, quick=True)
        os.replace(part, target)
        return info
    except BaseException:
        remove_quietly(part)
        raise


def _restore_into(backup: Path, part: Path, progress: Progress, cancel: CancelToken) -> None:
    remove_quietly(part)
    source = _connect_immutable(backup)
    try:
        _copy_to_new_file(source, part, progress, cancel, "Восстановление базы данных")
    except sqlite3.Error as exc:
        _raise_if_disk_full(exc)
        raise BackupError(f"Не удалось восстановить из «{backup.name}»: {exc}") from exc
    finally:
        source.close()


def restore_over_file(
    backup: Path, live: Path, *, progress: Progress = no_progress, cancel: CancelToken | None = None
) -> SqliteInfo:
    """Replace the live file's contents with the backup's — in one SQLite transaction, or not at all.

    The backup is first copied beside the live file and checked; then the online backup API writes it
    over the live database in a single step (one write transaction: readers of the live file see the
    old journal or the new one, never a mixture, and a failure rolls back).
    """
    cancel = cancel or CancelToken()
    staging = live.with_name(live.name + ".restore" + ".part")
    try:
        _restore_into(backup, staging, lambda s, f: progress(s, f * 0.8), cancel)
        info = inspect(staging, quick=True)
        cancel.check()
        progress("Замена действующей базы", 0.85)
        source = sqlite3.connect(str(staging))
        try:
            target = sqlite3.connect(str(live), timeout=30)
            try:
                source.backup(target)  # all pages in one step: atomic for the live file
            finally:
                target.close()
        except sqlite3.Error as exc:
            _raise_if_disk_full(exc)
            raise BackupError(f"Не удалось заменить действующую базу: {exc}. Она не изменена.") from exc
        finally:
            source.close()
        progress("Готово", 1.0)
        return info
    finally:
        remove_quietly(staging)
