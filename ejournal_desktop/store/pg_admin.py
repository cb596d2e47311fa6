"""Creating and dropping PostgreSQL databases (server set-up, tests, restore into a new database)."""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL

from ejournal_desktop.store.engine import make_engine, normalize_url


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def database_url(server_url: str | URL, database: str) -> URL:
    return normalize_url(server_url).set(database=database)


def database_exists(admin: Engine, name: str) -> bool:
    with admin.connect() as connection:
        found = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        return found.first() is not None


def create_database_sql(name: str, *, owner: str | None = None, template: str | None = None) -> str:
    """CREATE DATABASE; a fresh one gets ICU Russian collation so that «Ёлкин» sorts where expected."""
    clauses = [f"CREATE DATABASE {quote_ident(name)}"]
    if owner:
        clauses.append(f"OWNER {quote_ident(owner)}")
    if template:
        clauses.append(f"TEMPLATE {quote_ident(template)}")
    else:
        clauses.append("TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'ru-RU' LOCALE 'C.UTF-8'")
    return " ".join(clauses)


def drop_database_sql(name: str) -> str:
    return f"DROP DATABASE IF EXISTS {quote_ident(name)} WITH (FORCE)"


def create_database(admin: Engine, name: str, *, owner: str | None = None, template: str | None = None) -> None:
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(create_database_sql(name, owner=owner, template=template)))


def drop_database(admin: Engine, name: str) -> None:
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(drop_database_sql(name)))


def admin_engine(server_url: str | URL) -> Engine:
    """An engine on the maintenance database of the server that `server_url` points at."""
    return make_engine(database_url(server_url, "postgres"))
