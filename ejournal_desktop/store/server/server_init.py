"""`ejournal server init`: set up (or upgrade) the journal database on the college's PostgreSQL.

Run once by the DBA with a superuser URL; run again after installing a newer program: it upgrades the
schema, re-applies grants, policies, triggers and functions (converging to the same catalogue), and
changes nothing else — the first admin, once there, is left alone.

Steps (the SQL is in the numbered files beside this module):

1. cluster roles (`01_roles.sql`, as the superuser): ej_owner, the ej_* groups, ej_backup;
2. the database (ICU Russian collation), owned by ej_owner; objects a plain `ejournal db upgrade`
   left owned by someone else are handed to ej_owner;
3. the Alembic migrations, as ej_owner (`-c role=ej_owner`), so every table is the owner's;
4. helpers, policies, audit, NOTIFY, account functions, grants (`02_…`–`07_….sql`, as ej_owner,
   one transaction);
5. the first admin: a LOGIN role in ej_admin with a SCRAM verifier computed here, on the client —
   the cleartext password never travels to the server, so it is in no log and no error CONTEXT.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import psycopg
from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import URL

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.domain.names import search_key
from ejournal_desktop.domain.roles import Role
from ejournal_desktop.store.engine import make_engine, normalize_url
from ejournal_desktop.store.migrate import schema_state, upgrade
from ejournal_desktop.store.pg_admin import create_database, database_exists, database_url

Progress = Callable[[str, float], None]

OWNER_ROLE = "ej_owner"
BACKUP_ROLE = "ej_backup"
GROUP_ROLES: dict[str, str] = {role.value: f"ej_{role.value}" for role in Role}
SQL_FILES = (
    "01_roles.sql",
    "02_helpers.sql",
    "03_policies.sql",
    "04_audit.sql",
    "05_notify.sql",
    "06_accounts.sql",
    "07_grants.sql",
    "08_settings.sql",
    "09_communication.sql",
    "10_backup.sql",
    "11_notifications.sql",
    "12_journal_save.sql",
)
LOGIN_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,62}$")
RESERVED_LOGINS = frozenset({"postgres", "public", "none", "current_user", "session_user", "current_role"})


class ServerInitError(DomainError):
    """The set-up cannot go on; the message says why in Russian."""


@dataclass
class InitReport:
    database: str
    database_created: bool = False
    schema_before: str | None = None
    schema_after: str | None = None
    first_admin: str = ""
    admin_role_created: bool = False
    admin_account_created: bool = False
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"База данных «{self.database}»: " + ("создана." if self.database_created else "уже была."),
            "Схема: "
            + (
                f"обновлена {self.schema_before or 'пусто'} → {self.schema_after}."
                if self.schema_before != self.schema_after
                else f"актуальна (версия {self.schema_after})."
            ),
            "Роли, права, политики строк, аудит, уведомления и функции учётных записей применены.",
        ]
        if self.admin_role_created:
            out.append(f"Первый администратор «{self.first_admin}» создан.")
        elif self.admin_account_created:
            out.append(f"Роль «{self.first_admin}» уже была на сервере (пароль не изменён); учётная запись создана.")
        else:
            out.append(f"Администратор «{self.first_admin}» уже был; его пароль не изменён.")
        out.extend(self.notes)
        out.append(f"Готово за {self.seconds:.1f} с.")
        return out


def sql_text(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def check_login(login: str) -> str:
    """The same rule as ej_check_login() on the server, so the client can say it first."""
    if not LOGIN_PATTERN.fullmatch(login or ""):
        raise ServerInitError(
            "Недопустимый логин: только строчные латинские буквы, цифры и «_», от 2 до 63 знаков, первая — буква",
            field="login",
        )
    if login.startswith(("ej_", "pg_")) or login in RESERVED_LOGINS:
        raise ServerInitError(f"Логин «{login}» зарезервирован сервером, выберите другой", field="login")
    return login


# --- SCRAM verifiers ---------------------------------------------------------------------------


def scram_verifier(password: str, conn: Any = None, login: str = "") -> str:
    """A SCRAM-SHA-256 verifier of `password`, computed here so the cleartext never reaches the server.

    With a connection (psycopg, or a SQLAlchemy Connection/Engine on psycopg) libpq computes it
    (PQencryptPasswordConn); without one, the same algorithm in Python (RFC 5802/7677, 4096
    iterations, SASLprep approximated by NFKC — exact for ordinary Latin and Cyrillic passwords).
    """
    raw = _psycopg_connection(conn) if conn is not None else None
    if raw is not None:
        return raw.pgconn.encrypt_password(password.encode("utf-8"), login.encode("utf-8"), b"scram-sha-256").decode()
    return _python_scram_verifier(password)


def _python_scram_verifier(password: str, *, iterations: int = 4096, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else secrets.token_bytes(16)
    prepared = unicodedata.normalize("NFKC", password).encode("utf-8")
    salted = hashlib.pbkdf2_hmac("sha256", prepared, salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
    b64 = base64.b64encode
    return f"SCRAM-SHA-256${iterations}:{b64(salt).decode()}${b64(stored_key).decode()}:{b64(server_key).decode()}"


def _psycopg_connection(conn: Any) -> psycopg.Connection | None:
    if isinstance(conn, psycopg.Connection):
        return conn
    if isinstance(conn, Connection):
        driver = conn.connection.driver_connection
        return driver if isinstance(driver, psycopg.Connection) else None
    return None


# --- connections ----------------------------------------------------------------------------------


def _connect(url: URL, database: str | None = None, *, autocommit: bool = False) -> psycopg.Connection:
    kwargs: dict[str, Any] = {
        "host": url.host,
        "port": url.port,
        "user": url.username,
        "password": url.password,
        "dbname": database or url.database or "postgres",
        "connect_timeout": 10,
        "application_name": "ejournal server init",
    }
    for key, value in url.query.items():
        kwargs[key] = value if isinstance(value, str) else value[-1]
    return psycopg.connect(**{k: v for k, v in kwargs.items() if v is not None}, autocommit=autocommit)


def owner_engine(admin_url: str | URL, db_name: str, *, bulk: bool = False, **kwargs: Any) -> Engine:
    """An engine on the journal database acting as ej_owner (RLS does not apply to the owner).

    For the DBA's tools only (migrations, the demo college, a restore): `admin_url` is a superuser's.
    With `bulk`, the audit and NOTIFY triggers stand aside (honoured for a superuser session only).
    """
    options = f"-c role={OWNER_ROLE}" + (" -c ej.bulk=on" if bulk else "")
    return make_engine(database_url(admin_url, db_name), connect_args={"options": options}, **kwargs)


def _server_url(admin_url: str | URL) -> URL:
    url = normalize_url(admin_url)
    if url.get_backend_name() != "postgresql":
        raise ServerInitError("Настройка сервера нужна только для PostgreSQL: укажите адрес postgresql://…")
    return url


# --- the set-up -----------------------------------------------------------------------------------


def init_server(
    admin_url: str | URL,
    db_name: str,
    first_admin_login: str,
    first_admin_password: str,
    *,
    progress: Progress | None = None,
    first_admin_name: tuple[str, str] = ("Администратор", "ЭЖ"),
) -> InitReport:
    """Create or upgrade the journal database; idempotent. See the module docstring."""
    started = time.monotonic()
    url = _server_url(admin_url)
    check_login(first_admin_login)
    if not first_admin_password:
        raise ServerInitError("Пароль первого администратора пуст", field="password")
    if not db_name or len(db_name) > 63:
        raise ServerInitError("Имя базы данных пусто или длиннее 63 знаков", field="db")
    report = InitReport(database=db_name, first_admin=first_admin_login)

    def step(stage: str, fraction: float) -> None:
        if progress:
            progress(stage, fraction)

    step("Роли сервера", 0.0)
    with _connect(url) as conn:
        is_super = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
        if not is_super or not is_super[0]:
            raise ServerInitError(
                "Для настройки сервера нужен суперпользователь PostgreSQL (например, postgres) в --admin-url"
            )
        version = conn.info.server_version
        if version < 150000:
            raise ServerInitError(f"Нужен PostgreSQL 15 или новее; на сервере {version // 10000}")
        conn.execute(sql_text("01_roles.sql"))
        conn.commit()
        verifier = scram_verifier(first_admin_password, conn, first_admin_login)

    step("База данных", 0.15)
    admin = make_engine(url)
    try:
        if not database_exists(admin, db_name):
            create_database(admin, db_name, owner=OWNER_ROLE)
            report.database_created = True
    finally:
        admin.dispose()
    with _connect(url, db_name) as conn:
        _adopt(conn, db_name)
        conn.commit()

    step("Схема базы данных", 0.3)
    engine = owner_engine(url, db_name)
    try:
        report.schema_before = schema_state(engine).current
        report.schema_after = upgrade(engine).current
    finally:
        engine.dispose()

    step("Права, политики строк, аудит", 0.6)
    with _connect(url, db_name) as conn, conn.transaction():
        conn.execute(f"SET LOCAL ROLE {OWNER_ROLE}")
        for name in SQL_FILES[1:]:
            conn.execute(sql_text(name))
        step("Первый администратор", 0.9)
        created = conn.execute(
            "SELECT ej_provision_login(%s, 'admin', %s, false)", (first_admin_login, verifier)
        ).fetchone()
        report.admin_role_created = bool(created and created[0])
        has_account = conn.execute("SELECT 1 FROM account WHERE login = %s", (first_admin_login,)).fetchone()
        if has_account is None:
            last, first = first_admin_name
            person = conn.execute(
                "INSERT INTO person (last_name, first_name, search_name, position) VALUES (%s, %s, %s, %s) "
                "RETURNING id",
                (last, first, search_key(f"{last} {first}"), "администратор ЭЖ"),
            ).fetchone()
            assert person is not None
            conn.execute(
                "INSERT INTO account (person_id, login, role, is_active, must_change_password, failed_logins) "
                "VALUES (%s, %s, 'admin', true, false, 0)",
                (person[0], first_admin_login),
            )
            report.admin_account_created = True
    report.seconds = time.monotonic() - started
    step("Готово", 1.0)
    return report


def _adopt(conn: psycopg.Connection, db_name: str) -> None:
    """Hand the database and whatever an earlier `db upgrade` created to ej_owner."""
    conn.execute(f'ALTER DATABASE "{db_name.replace(chr(34), chr(34) * 2)}" OWNER TO {OWNER_ROLE}')
    conn.execute(
        """
        DO $adopt$
        DECLARE
            obj record;
        BEGIN
            FOR obj IN
                SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                  AND c.relowner <> 'ej_owner'::regrole
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'a'
                                  AND c.relkind = 'S')
            LOOP
                EXECUTE format('ALTER %s %s OWNER TO ej_owner',
                               CASE obj.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                                    WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, obj.name);
            END LOOP;
            FOR obj IN
                SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = 'public' AND p.proowner <> 'ej_owner'::regrole
            LOOP
                EXECUTE format('ALTER FUNCTION %s OWNER TO ej_owner', obj.name);
            END LOOP;
        END
        $adopt$
        """
    )


# --- logins for data loaded by the DBA (the demo college) -------------------------------------------


def server_initialised(engine_or_conn: Engine | Connection) -> bool:
    """Whether this PostgreSQL database was set up by `ejournal server init` (roles, functions)."""

    def probe(connection: Connection) -> bool:
        if connection.dialect.name != "postgresql":
            return False
        row = connection.execute(
            text(
                "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ej_owner') "
                "AND to_regprocedure('ej_provision_login(text, text, text, boolean)') IS NOT NULL"
            )
        ).scalar()
        return bool(row)

    if isinstance(engine_or_conn, Engine):
        with engine_or_conn.connect() as connection:
            return probe(connection)
    return probe(engine_or_conn)


def create_login_roles(
    engine_or_conn: Engine | Connection, accounts: Iterable[tuple[str, str]], scram_verifier: str
) -> int:
    """Give each (login, role) a LOGIN role in its ej_* group, with the given SCRAM verifier.

    For the demo college on an initialised server: `fill_demo` writes the account rows, this makes
    the logins able to connect. Existing login roles get the verifier (the demo password) again; the
    extra roles of `account_role` are granted too. Needs a superuser (or ej_owner) connection.
    Returns the number of login roles created.
    """
    items = [(check_login(login), role) for login, role in accounts]

    def run(connection: Connection) -> int:
        created = 0
        for login, role in items:
            result = connection.execute(
                text("SELECT ej_provision_login(:login, :role, :verifier, true)"),
                {"login": login, "role": role, "verifier": scram_verifier},
            ).scalar()
            created += bool(result)
        logins = [login for login, _ in items]
        if logins:
            extra = connection.execute(
                text(
                    "SELECT a.login, ar.role FROM account a JOIN account_role ar ON ar.account_id = a.id "
                    "WHERE a.login = ANY(:logins)"
                ),
                {"logins": logins},
            ).all()
            for login, role in extra:
                connection.execute(
                    text("SELECT ej_provision_login(:login, :role, :verifier, false)"),
                    {"login": login, "role": role, "verifier": scram_verifier},
                )
        return created

    if isinstance(engine_or_conn, Engine):
        with engine_or_conn.begin() as connection:
            return run(connection)
    return run(engine_or_conn)
