"""What «О программе» and «Сведения для поддержки» tell: versions of the program, its libraries, the
database server and schema, and where the files are. No personal data beyond the login.
"""

from __future__ import annotations

import platform
import sqlite3
import sys
from dataclasses import dataclass
from importlib import metadata

from sqlalchemy import text

from ejournal_desktop import __version__, paths
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.store.migrate import head_revision

LIBRARIES = ("SQLAlchemy", "alembic", "psycopg", "openpyxl", "reportlab", "keyring", "platformdirs")


@dataclass(frozen=True)
class DatabaseInfo:
    backend: str  # "sqlite" | "postgresql"
    server_version: str  # «PostgreSQL 15.8» or «SQLite 3.40.1»
    schema_revision: str  # the Alembic revision in the database
    schema_head: str  # the newest revision this program knows
    location: str  # the file, or host:port/database
    login: str

    @property
    def schema_is_current(self) -> bool:
        return self.schema_revision == self.schema_head


def program_versions() -> dict[str, str]:
    """The program, Python and the libraries (a frozen bundle without metadata says «—»)."""
    versions = {"ЭЖ": __version__, "Python": platform.python_version(), "SQLite (библиотека)": sqlite3.sqlite_version}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "—"
    try:
        import psycopg

        number = psycopg.pq.version()  # 150008 → 15.8
        versions["libpq"] = f"{number // 10000}.{number % 100}"
    except Exception:  # no libpq on this PC: only the embedded file works
        versions["libpq"] = "—"
    versions["Система"] = f"{platform.system()} {platform.release()} ({platform.machine()})"
    return versions


def program_paths() -> dict[str, str]:
    return {
        "Программа": sys.executable,
        "Данные": str(paths.data_dir()),
        "Журнал работы": str(paths.log_dir()),
        "Настройки": str(paths.config_dir()),
    }


def database_info(session: UserSession) -> DatabaseInfo:
    """Two small queries: the server's version and the schema revision."""
    profile = session.profile
    with session.engine.connect() as conn:
        if session.backend == "postgresql":
            raw = str(conn.execute(text("SHOW server_version")).scalar() or "")
            server = f"PostgreSQL {raw.split()[0] if raw else '?'}"
        else:
            server = f"SQLite {conn.execute(text('SELECT sqlite_version()')).scalar()}"
        try:
            revision = str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar() or "")
        except Exception:
            revision = ""
    if profile.is_server:
        location = f"{profile.host}:{profile.port}/{profile.database}"
    else:
        location = profile.path or str(session.engine.url.database or "")
    return DatabaseInfo(
        backend=session.backend,
        server_version=server,
        schema_revision=revision or "—",
        schema_head=head_revision(),
        location=location,
        login=session.user.login,
    )
