"""Where the journal lives (`Profile`) and why a login failed (`LoginError`), without the database
libraries: the login window needs these before anything heavy is imported (a fast start).
`services.auth` re-exports both; SQLAlchemy is imported only when a URL is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ejournal_desktop.domain.errors import DomainError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

# Shown on the login dialog of the demo file: the demo is for trying, its password is public.
DEMO_HINT = "Демо-пароль: demo2026. Логины: prepod, kurator, zamdir, sekretar, admin, student, roditel"


class LoginError(DomainError):
    """Login failed; the message says why in words a teacher understands."""


@dataclass(frozen=True)
class Profile:
    """Where the journal lives: the embedded file on this PC or the college's server."""

    name: str = "Локальная база"
    kind: str = "embedded"  # "embedded" | "server"
    path: str = ""  # embedded: the SQLite file
    host: str = "localhost"
    port: int = 5432
    database: str = "ejournal"
    sslmode: str = "prefer"

    @property
    def is_server(self) -> bool:
        return self.kind == "server"

    def url(self, login: str = "", password: str = "") -> URL:
        from sqlalchemy.engine import URL

        if self.is_server:
            return URL.create(
                "postgresql+psycopg",
                username=login or None,
                password=password or None,
                host=self.host,
                port=self.port,
                database=self.database,
                query={"sslmode": self.sslmode},
            )
        return URL.create("sqlite", database=self.path)

    def keyring_service(self) -> str:
        """The key under which «Запомнить пароль» keeps a password: one per server and database."""
        if self.is_server:
            return f"ЭЖ:{self.host}:{self.port}/{self.database}"
        return f"ЭЖ:file:{self.path}"

    def describe(self) -> str:
        if self.is_server:
            return f"сервер {self.host}:{self.port}, база «{self.database}»"
        return f"файл {self.path}"


def is_demo_profile(profile: Profile) -> bool:
    from ejournal_desktop import paths

    return not profile.is_server and Path(profile.path) == paths.demo_database_path()
