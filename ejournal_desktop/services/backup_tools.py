"""Finding `pg_dump` / `pg_restore` on this PC and telling which version they are.

Looked for, in this order: the folder set in the settings (the administrator's explicit choice wins),
PATH, the usual install folders — Linux `/usr/lib/postgresql/*/bin` (Debian, Ubuntu), `/usr/pgsql-*/bin`
(RHEL), Windows `C:\\Program Files\\PostgreSQL\\*\\bin` — and, in an installed copy of the program, a
`pgsql\\bin` folder shipped beside it. Among automatic finds the newest version wins: pg_dump can dump
a server of its own major version or older, never a newer one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ejournal_desktop.domain.errors import DomainError

VERSION_PATTERN = re.compile(r"\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?")


class ToolsNotFound(DomainError):
    """pg_dump / pg_restore are not on this PC (or not in the folder the settings name)."""


@dataclass(frozen=True)
class PgTools:
    pg_dump: Path
    pg_restore: Path
    major: int
    minor: int
    source: str  # how it was found, in Russian: «папка из настроек», «PATH», «стандартная папка установки»

    @property
    def version(self) -> str:
        return f"{self.major}.{self.minor}"

    @property
    def folder(self) -> Path:
        return self.pg_dump.parent

    def describe(self, server_version_num: int | None = None) -> str:
        """«pg_dump 15.18 (/usr/lib/postgresql/15/bin, PATH); сервер 15.4» plus a warning when older."""
        line = f"pg_dump {self.version} ({self.folder}, {self.source})"
        if server_version_num:
            line += f"; сервер PostgreSQL {format_server_version(server_version_num)}"
            warning = self.warning(server_version_num)
            if warning:
                line += f". {warning}"
        return line

    def warning(self, server_version_num: int) -> str | None:
        server_major = server_version_num // 10000
        if self.major < server_major:
            return (
                f"Внимание: pg_dump {self.version} старее сервера ({server_major}) и не сможет сделать копию — "
                f"установите клиентские программы PostgreSQL {server_major} или новее и укажите их папку в настройках"
            )
        return None


def format_server_version(num: int) -> str:
    return f"{num // 10000}.{num % 10000}"


def _exe(name: str) -> str:
    return name + ".exe" if os.name == "nt" else name


def _versioned_dirs(pattern_root: Path, glob: str) -> list[Path]:
    if not pattern_root.is_dir():
        return []
    try:
        return sorted(pattern_root.glob(glob), reverse=True)
    except OSError:
        return []


def standard_dirs() -> list[Path]:
    """The usual install folders of PostgreSQL's client programs on Linux and Windows."""
    dirs: list[Path] = []
    dirs += [p / "bin" for p in _versioned_dirs(Path("/usr/lib/postgresql"), "*")]
    dirs += [p / "bin" for p in _versioned_dirs(Path("/usr"), "pgsql-*")]
    dirs += [Path("/usr/local/pgsql/bin"), Path("/opt/homebrew/bin"), Path("/usr/local/bin")]
    for env in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
        root = os.environ.get(env)
        if root:
            dirs += [p / "bin" for p in _versioned_dirs(Path(root) / "PostgreSQL", "*")]
    if os.name == "nt":
        dirs += [p / "bin" for p in _versioned_dirs(Path("C:/Program Files/PostgreSQL"), "*")]
    if getattr(sys, "frozen", False):  # an installed copy may ship the client programs beside itself
        dirs.append(Path(sys.executable).resolve().parent / "pgsql" / "bin")
    return dirs


def tool_version(path: Path) -> tuple[int, int] | None:
    """(major, minor) of a pg_dump/pg_restore binary; None if it does not run or says nothing usable."""
    try:
        done = subprocess.run([str(path), "--version"], capture_output=True, text=True, timeout=15, **_no_window())
    except (OSError, subprocess.SubprocessError):
        return None
    found = VERSION_PATTERN.search(done.stdout or "")
    if done.returncode != 0 or not found:
        return None
    return int(found.group(1)), int(found.group(2) or 0)


def _no_window() -> dict[str, int]:
    """On Windows a console program started from the GUI must not flash a black window."""
    if os.name == "nt":
        return {"creationflags": getattr(subprocess, "CREATE_NO_WINDOW", 0)}
    return {}


def _tools_in(folder: Path, source: str) -> PgTools | None:
    dump, restore = folder / _exe("pg_dump"), folder / _exe("pg_restore")
    if not (dump.is_file() and restore.is_file()):
        return None
    version = tool_version(dump)
    if version is None:
        return None
    return PgTools(pg_dump=dump, pg_restore=restore, major=version[0], minor=version[1], source=source)


_found: dict[tuple[str, str], PgTools] = {}  # (settings folder, PATH) → what was found, for this process


def forget_found_tools() -> None:
    """The dialog's folder changed or PostgreSQL was just installed: look again next time."""
    _found.clear()


def find_pg_tools(settings_dir: str | Path | None = None, *, search_path: str | None = None) -> PgTools:
    """pg_dump and pg_restore to use; raises ToolsNotFound with a Russian message saying where we looked.

    A successful find is remembered for the process (each look runs `--version`), a failure is not.
    """
    key = (str(settings_dir or ""), search_path if search_path is not None else os.environ.get("PATH", ""))
    cached = _found.get(key)
    if cached is not None and cached.pg_dump.is_file():
        return cached
    tools = _find_pg_tools(settings_dir, search_path=search_path)
    _found[key] = tools
    return tools


def _find_pg_tools(settings_dir: str | Path | None, *, search_path: str | None) -> PgTools:
    if settings_dir:
        folder = Path(settings_dir).expanduser()
        tools = _tools_in(folder, "папка из настроек")
        if tools is None:
            raise ToolsNotFound(
                f"В папке «{folder}», указанной в настройках, нет работающих pg_dump и pg_restore. "
                "Укажите папку bin клиентских программ PostgreSQL (например, C:\\Program Files\\PostgreSQL\\16\\bin)."
            )
        return tools
    found: list[PgTools] = []
    seen: set[Path] = set()
    on_path = shutil.which(_exe("pg_dump"), path=search_path)
    candidates = ([(Path(on_path).parent, "PATH")] if on_path else []) + [
        (folder, "стандартная папка установки") for folder in standard_dirs()
    ]
    wrappers: list[tuple[Path, str]] = []
    for folder, source in candidates:
        try:
            key = folder.resolve()
        except OSError:
            continue
        if key in seen:
            continue
        seen.add(key)
        if _is_wrapper(folder / _exe("pg_dump")):
            wrappers.append((folder, source))  # Debian's /usr/bin: only if no real binary is found
            continue
        tools = _tools_in(folder, source)
        if tools is not None:
            found.append(tools)
    for folder, source in wrappers if not found else []:
        tools = _tools_in(folder, source)
        if tools is not None:
            found.append(tools)
    if not found:
        raise ToolsNotFound(
            "Не найдены программы pg_dump и pg_restore (клиентские программы PostgreSQL). Установите их "
            "(в Windows — вместе с PostgreSQL, компонент «Command Line Tools»; в Linux — пакет postgresql-client) "
            "или укажите их папку в настройках резервного копирования."
        )
    # Newest first; on a tie the earlier find (PATH before the standard folders). Debian's pg_wrapper
    # (a Perl script in /usr/bin, ~80 ms a call) is used only when no real binary was found.
    return max(found, key=lambda t: (t.major, t.minor, -found.index(t)))


def _is_wrapper(path: Path) -> bool:
    try:
        return path.is_file() and path.resolve().name == "pg_wrapper"
    except OSError:
        return False
