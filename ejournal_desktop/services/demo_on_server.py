"""The demo college on a server set up by `ejournal server init`: real login roles for every account.

`server init` already created the first administrator (person + account), so the database is not
empty in `fill_demo`'s sense. The administrator's rows are set aside, the demo college is filled
with its own ids, and the administrator is put back after it under new ids — keeping their login
and password (a demo account with the same login is renamed with a «_demo» suffix).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, delete, func, insert, select, update

from ejournal_desktop.domain.errors import ValidationError
from ejournal_desktop.services.demo_college import NOT_EMPTY, DemoSummary, ProgressCallback, fill_demo
from ejournal_desktop.store import models as m
from ejournal_desktop.store.bulk import reset_sequences
from ejournal_desktop.store.server.server_init import create_login_roles, owner_engine, scram_verifier


def _set_aside(connection: Connection) -> tuple[list[dict], list[dict], list[dict]]:
    if connection.execute(select(m.StudyGroup.id).limit(1)).first() is not None:
        raise ValidationError(NOT_EMPTY)
    persons = [dict(r._mapping) for r in connection.execute(select(m.Person.__table__))]
    accounts = [dict(r._mapping) for r in connection.execute(select(m.Account.__table__))]
    extra_roles = [dict(r._mapping) for r in connection.execute(select(m.AccountRole.__table__))]
    connection.execute(delete(m.AccountRole))
    connection.execute(delete(m.Account))
    connection.execute(delete(m.Person))
    return persons, accounts, extra_roles


def _put_back(connection: Connection, persons: list[dict], accounts: list[dict], extra_roles: list[dict]) -> list[str]:
    """Re-insert the set-aside rows after the demo's ids; returns demo logins that had to be renamed."""
    renamed: list[str] = []
    person_base = connection.execute(select(func.max(m.Person.id))).scalar() or 0
    account_base = connection.execute(select(func.max(m.Account.id))).scalar() or 0
    person_ids = {p["id"]: person_base + i for i, p in enumerate(persons, start=1)}
    account_ids = {a["id"]: account_base + i for i, a in enumerate(accounts, start=1)}
    for account in accounts:
        taken = connection.execute(select(m.Account.id).where(m.Account.login == account["login"])).scalar()
        if taken is not None:
            connection.execute(update(m.Account).where(m.Account.id == taken).values(login=account["login"] + "_demo"))
            renamed.append(account["login"])
    if persons:
        connection.execute(insert(m.Person), [{**p, "id": person_ids[p["id"]]} for p in persons])
    if accounts:
        connection.execute(
            insert(m.Account),
            [{**a, "id": account_ids[a["id"]], "person_id": person_ids[a["person_id"]]} for a in accounts],
        )
    if extra_roles:
        connection.execute(
            insert(m.AccountRole), [{**r, "account_id": account_ids[r["account_id"]]} for r in extra_roles]
        )
    reset_sequences(connection, [m.Person.__table__, m.Account.__table__])
    return renamed


def fill_demo_on_server(
    admin_url: str,
    database: str,
    *,
    size: str = "small",
    seed: int = 1,
    today: dt.date | None = None,
    password: str,
    progress: ProgressCallback | None = None,
) -> tuple[DemoSummary, list[str]]:
    """Fill the demo college as ej_owner and make every demo account a LOGIN role with `password`.

    `admin_url` is a superuser's (the DBA's). Returns the summary and the demo logins renamed because
    the server's own administrator already had them.
    """
    owner = owner_engine(admin_url, database, bulk=True)
    try:
        with owner.begin() as connection:
            kept = _set_aside(connection)
        try:
            summary = fill_demo(owner, size=size, seed=seed, today=today, password=password, progress=progress)
        except Exception:
            with owner.begin() as connection:
                _put_back(connection, *kept)
            raise
        with owner.begin() as connection:
            renamed = _put_back(connection, *kept)
            kept_logins = {a["login"] for a in kept[1]}
            demo_accounts = [
                (login, role)
                for login, role in connection.execute(select(m.Account.login, m.Account.role))
                if login not in kept_logins
            ]
        if progress:
            progress("Учётные записи сервера", 0.99)
        create_login_roles(owner, demo_accounts, scram_verifier(password))
    finally:
        owner.dispose()
    return summary, renamed
