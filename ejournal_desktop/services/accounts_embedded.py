"""Accounts in the embedded SQLite file: the account row holds a scrypt hash (`services.passwords`).

Part of `services.accounts` (the public API, which checks the permission matrix first). SQLite has
no triggers: every change writes its audit row here, in the same transaction (`audit.record`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, update

from ejournal_desktop.domain.errors import ValidationError
from ejournal_desktop.services import audit
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.passwords import hash_password, verify_password
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m


def create_account_row(
    conn: Connection, session: UserSession, person_id: int, role: str, login: str, password: str
) -> int:
    values = {
        "person_id": person_id,
        "login": login,
        "role": role,
        "is_active": True,
        "must_change_password": True,
        "failed_logins": 0,
    }
    account_id = conn.execute(
        m.Account.__table__.insert().values(**values, password_hash=hash_password(password)).returning(m.Account.id)
    ).scalar_one()
    audit.record(conn, session, "account", account_id, "INSERT", new={"id": account_id, **values})
    return int(account_id)


def set_password(
    conn: Connection, session: UserSession, account_id: int, before: dict[str, Any], password: str
) -> None:
    """A new temporary password: to be changed at the next login; failed attempts forgotten."""
    conn.execute(
        update(m.Account)
        .where(m.Account.id == account_id)
        .values(password_hash=hash_password(password), must_change_password=True, failed_logins=0)
    )
    audit.record(
        conn, session, "account", account_id, "UPDATE", old=before, new={**before, "must_change_password": True}
    )


def set_active(conn: Connection, session: UserSession, account_id: int, before: dict[str, Any], active: bool) -> None:
    if before["is_active"] == active:
        return
    conn.execute(update(m.Account).where(m.Account.id == account_id).values(is_active=active, failed_logins=0))
    audit.record(conn, session, "account", account_id, "UPDATE", old=before, new={**before, "is_active": active})


def change_own_password(session: UserSession, old_password: str, new_password: str) -> None:
    with transaction(session) as conn:
        stored = conn.execute(select(m.Account.password_hash).where(m.Account.id == session.user.account_id)).scalar()
        if not verify_password(old_password, stored):
            raise ValidationError("Текущий пароль введён неверно", field="old_password")
        conn.execute(
            update(m.Account)
            .where(m.Account.id == session.user.account_id)
            .values(password_hash=hash_password(new_password), must_change_password=False)
        )
        audit.record(
            conn,
            session,
            "account",
            session.user.account_id,
            "UPDATE",
            old={"must_change_password": session.user.must_change_password},
            new={"must_change_password": False, "password": "изменён владельцем"},
        )
