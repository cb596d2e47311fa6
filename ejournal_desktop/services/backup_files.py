"""What every backup step shares: errors in Russian, cancelling, checksums, the manifest, half files.

A copy is always written under a temporary name (`….part`) in the target folder and renamed only
when it is whole and verified; whatever goes wrong — a full disk, a folder without write permission,
«Отмена» — the `.part` is removed, so no half file is ever left looking like a backup.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ejournal_desktop.domain.errors import DomainError

Progress = Callable[[str, float], None]

PART_SUFFIX = ".part"
CHECKSUM_SUFFIX = ".sha256"
MANIFEST_SUFFIX = ".json"
PG_SUFFIX = ".dump"
SQLITE_SUFFIX = ".sqlite3"
PG_MAGIC = b"PGDMP"
SQLITE_MAGIC = b"SQLite format 3\x00"
MANIFEST_PROGRAM = "ЭЖ"


class BackupError(DomainError):
    """A backup, verification or restore failed; the message says why in Russian."""


class BackupCancelled(BackupError):
    def __init__(self, message: str = "Отменено: ничего не записано, действующая база не изменена.") -> None:
        super().__init__(message)


class CancelToken:
    """Set from the GUI thread («Отмена»), polled by the worker."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise BackupCancelled()


def no_progress(_stage: str, _fraction: float) -> None:
    return None


@dataclass
class Manifest:
    """The `.json` beside a copy: what it is, and the row count of every table at the moment it was taken."""

    backend: str
    database: str
    college: str = ""
    schema_revision: str | None = None
    created_at: str = ""  # ISO, UTC
    made_by: str = ""
    file: str = ""
    size_bytes: int = 0
    sha256: str = ""
    tables: dict[str, int] = field(default_factory=dict)
    program: str = MANIFEST_PROGRAM
    format: int = 1

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=1, sort_keys=True)

    @classmethod
    def read(cls, path: Path) -> Manifest | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("program") != MANIFEST_PROGRAM:
            return None
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        try:
            return cls(**known)
        except TypeError:
            return None


def checksum_path(path: Path) -> Path:
    return path.with_name(path.name + CHECKSUM_SUFFIX)


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + MANIFEST_SUFFIX)


def part_path(path: Path) -> Path:
    return path.with_name(path.name + PART_SUFFIX)


def sha256_of(path: Path, cancel: CancelToken | None = None) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            if cancel is not None:
                cancel.check()
    return digest.hexdigest()


def read_checksum_file(path: Path) -> str | None:
    """The hex digest written beside `path` (`sha256sum` format), or None when there is none or it is garbled."""
    try:
        text = checksum_path(path).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    found = re.match(r"^([0-9a-fA-F]{64})\b", text)
    return found.group(1).lower() if found else None


def write_text_atomically(path: Path, content: str) -> None:
    part = part_path(path)
    try:
        with part.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, path)
    except BaseException:
        remove_quietly(part)
        raise


def remove_quietly(*paths: Path) -> None:
    """Remove files and the SQLite side files a copy may have left beside them (-journal, -wal, -shm)."""
    for path in paths:
        for each in (path, *(path.with_name(path.name + side) for side in ("-journal", "-wal", "-shm"))):
            with contextlib.suppress(OSError):
                each.unlink()


def file_magic(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(16)


def os_error_message(exc: OSError, folder: Path, doing: str = "записать копию") -> str:
    """A Russian sentence for a failed write: full disk, no permission, read-only medium, not a folder."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return (
            f"Не удалось {doing}: на диске «{folder}» закончилось место. "
            "Освободите место или выберите другой диск; неполный файл удалён."
        )
    if code in (errno.EACCES, errno.EPERM):
        return f"Не удалось {doing}: нет права записи в папку «{folder}». Выберите другую папку."
    if code == errno.EROFS:
        return (
            f"Не удалось {doing}: папка «{folder}» только для чтения (защищённый от записи носитель?). "
            "Выберите другую папку."
        )
    if code in (errno.ENOTDIR, errno.EEXIST) or isinstance(exc, NotADirectoryError):
        return f"Не удалось {doing}: «{folder}» — не папка (на этом месте уже есть файл)."
    if code == errno.ENOENT:
        return f"Не удалось {doing}: папка «{folder}» не найдена (носитель отключён?)."
    return f"Не удалось {doing} в папку «{folder}»: {exc.strerror or exc}"


def prepare_folder(folder: Path) -> Path:
    """Create the target folder if needed; a Russian BackupError when it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(os_error_message(exc, folder)) from exc
    if not folder.is_dir():
        raise BackupError(f"Не удалось записать копию: «{folder}» — не папка (на этом месте уже есть файл).")
    return folder


@contextmanager
def writing(final: Path) -> Iterator[Path]:
    """Yield the `.part` path to write; on any failure (or cancel) remove it and let the error go up.

    The caller renames the part to `final` itself, once the copy is whole and verified.
    """
    part = part_path(final)
    try:
        # Create it now: a folder without write permission or a full disk show up here, in Python's words.
        with part.open("wb"):
            pass
    except OSError as exc:
        remove_quietly(part)
        raise BackupError(os_error_message(exc, final.parent)) from exc
    try:
        yield part
    except OSError as exc:
        remove_quietly(part)
        raise BackupError(os_error_message(exc, final.parent)) from exc
    except BaseException:
        remove_quietly(part)
        raise


def safe_name_part(text: str, limit: int = 60) -> str:
    """A piece of a file name that every file system (FAT32 on a USB stick included) accepts."""
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f«»“”„\']+', "", text).strip()
    cleaned = re.sub(r"\s+", "_", cleaned).strip("._")
    return cleaned[:limit] or "база"
