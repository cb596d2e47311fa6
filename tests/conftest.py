"""Shared fixtures: a database on SQLite and on a real PostgreSQL, an offscreen Qt, a test keyring.

`db_url` is parametrised over both backends. PostgreSQL comes from `EJOURNAL_TEST_PG_URL` (an
existing server, superuser or CREATEDB rights) or from a throw-away cluster started once per test
session when initdb/pg_ctl are on the machine. Without either the PostgreSQL cases skip — unless
`EJOURNAL_REQUIRE_PG=1`, which turns that into a failure (CI sets it).
"""

from __future__ import annotations

import os

# Qt must know before any QApplication exists, or a machine with no display aborts the process.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import Engine

from ejournal_desktop.store.engine import make_engine
from ejournal_desktop.store.migrate import upgrade
from ejournal_desktop.store.pg_admin import admin_engine, create_database, database_url, drop_database
from tests import pgcluster

TEMPLATE_DB = "ej_test_template"
DEMO_TEMPLATE_DB = "ej_test_demo_template"
DEMO_TODAY = __import__("datetime").date(2026, 11, 29)
DEMO_PASSWORD = "demo2026"
_counter = itertools.count(1)


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in memory, so that no test touches the system keychain."""

    priority = -1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings, data and logs of the app go to a temp folder, never to the real user's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("EJOURNAL_HOME", str(home))
    return home


@dataclass
class PgServer:
    url: str  # the maintenance database, as a role that may create databases
    cluster: pgcluster.PgCluster | None


def _require_pg() -> bool:
    return os.environ.get("EJOURNAL_REQUIRE_PG") == "1"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    external = os.environ.get("EJOURNAL_TEST_PG_URL")
    cluster = None
    if external:
        url = external
    else:
        try:
            cluster = pgcluster.start_cluster()
        except (FileNotFoundError, RuntimeError) as exc:
            if _require_pg():
                pytest.fail(f"EJOURNAL_REQUIRE_PG=1, but no PostgreSQL for the tests: {exc}")
            pytest.skip(f"no PostgreSQL for the tests: {exc}")
        url = cluster.url()
    admin = admin_engine(url)
    drop_database(admin, TEMPLATE_DB)
    create_database(admin, TEMPLATE_DB)
    template = make_engine(database_url(url, TEMPLATE_DB))
    upgrade(template)
    template.dispose()
    admin.dispose()
    yield PgServer(url=url, cluster=cluster)
    if cluster is not None:
        pgcluster.remove_cluster(cluster)


def _new_pg_database(server: PgServer, *, migrated: bool = True) -> tuple[str, Engine]:
    name = f"ej_test_{os.getpid()}_{next(_counter)}"
    admin = admin_engine(server.url)
    create_database(admin, name, template=TEMPLATE_DB if migrated else None)
    admin.dispose()
    return name, make_engine(database_url(server.url, name))


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        request.applymarker(pytest.mark.pg)
    return request.param


@pytest.fixture
def empty_db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of a database with no schema at all, on each backend."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name, engine = _new_pg_database(server, migrated=False)
    engine.dispose()
    yield str(database_url(server.url, name).render_as_string(hide_password=False))
    _drop(server, name)


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of a freshly migrated, empty database, on each backend."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'journal.db'}"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name, engine = _new_pg_database(server)
    engine.dispose()
    yield str(database_url(server.url, name).render_as_string(hide_password=False))
    _drop(server, name)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def _drop(server: PgServer, name: str) -> None:
    admin = admin_engine(server.url)
    drop_database(admin, name)
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small demo college on SQLite, filled once per test session (copied for each test)."""
    from ejournal_desktop.services.demo_college import fill_demo

    path = tmp_path_factory.mktemp("demo-template") / "demo.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    fill_demo(engine, size="small", seed=1, today=DEMO_TODAY, password=DEMO_PASSWORD)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_demo_template(pg_server: PgServer) -> str:
    """The small demo college in a PostgreSQL template database, filled once per test session."""
    from ejournal_desktop.services.demo_college import fill_demo

    admin = admin_engine(pg_server.url)
    drop_database(admin, DEMO_TEMPLATE_DB)
    create_database(admin, DEMO_TEMPLATE_DB, template=TEMPLATE_DB)
    admin.dispose()
    engine = make_engine(database_url(pg_server.url, DEMO_TEMPLATE_DB))
    fill_demo(engine, size="small", seed=1, today=DEMO_TODAY, password=DEMO_PASSWORD)
    engine.dispose()
    return DEMO_TEMPLATE_DB


@pytest.fixture
def demo_db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A private copy of the small demo college (today = 29.11.2026), on each backend."""
    if backend == "sqlite":
        import shutil

        source: Path = request.getfixturevalue("sqlite_demo_file")
        target = tmp_path / "demo.sqlite3"
        shutil.copyfile(source, target)
        yield f"sqlite:///{target}"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    template = request.getfixturevalue("pg_demo_template")
    name = f"ej_test_{os.getpid()}_{next(_counter)}"
    admin = admin_engine(server.url)
    create_database(admin, name, template=template)
    admin.dispose()
    yield str(database_url(server.url, name).render_as_string(hide_password=False))
    _drop(server, name)


@pytest.fixture
def act_as(demo_db_url: str) -> Iterator[object]:
    """`act_as(login)` → a UserSession of that demo person on the test database.

    SQLite: a real login with the demo password. PostgreSQL: the test database is a plain migrated
    one (no `server init`, so no login roles): the session uses the test superuser's connection with
    the person's account loaded — the services' own permission checks are what is under test here;
    the server's row-level security has its own tests in tests/server.
    """
    from ejournal_desktop.services import auth

    sessions: list[auth.UserSession] = []

    def make(login: str) -> auth.UserSession:
        if demo_db_url.startswith("sqlite"):
            profile = auth.Profile(kind="embedded", path=demo_db_url.removeprefix("sqlite:///"))
            session = auth.login(profile, login, DEMO_PASSWORD)
        else:
            engine = make_engine(demo_db_url)
            user, _account = auth._load_user(engine, login)
            session = auth.UserSession(profile=auth.Profile(kind="server"), engine=engine, user=user)
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        session.close()


# --- the small accounts college (tests of accounts, audit and their CLI), on both backends -------


@pytest.fixture(scope="module")
def accounts_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    from tests.accounts_world import build_sqlite_template

    path = tmp_path_factory.mktemp("accounts") / "template.sqlite3"
    return path, build_sqlite_template(path)


@pytest.fixture(scope="module")
def accounts_server_college(pg_server: PgServer) -> Iterator[object]:
    from tests.server.college import build_college, drop_college
    from tests.server.conftest import unique_db

    college = build_college(pg_server.url, unique_db("ej_acc"))
    yield college
    drop_college(college)


@pytest.fixture
def world(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    """A copy of the accounts college's SQLite template per test, or the module's server college."""
    from tests.accounts_world import pg_world, sqlite_world

    if backend == "sqlite":
        path, ids = request.getfixturevalue("accounts_template")
        built = sqlite_world(path, ids, tmp_path)
    else:
        built = pg_world(request.getfixturevalue("accounts_server_college"))
    yield built
    built.close()
