"""Accounts on PostgreSQL: an account is a LOGIN role, changed only through the server's functions.

Part of `services.accounts` (the public API, which checks the permission matrix first). The SECURITY
DEFINER functions ej_create_login / ej_set_password / ej_lock_login / ej_unlock_login /
ej_change_own_password (store/server/06_accounts.sql) create and change the role and check the
permission rule again on the server. The client sends a SCRAM-SHA-256 verifier computed here by
libpq — never the cleartext password, so it cannot appear in the server's log or in an error's
CONTEXT line. The audit rows are written by the server's triggers.
"""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError

from ejournal_desktop.domain.errors import DomainError, ValidationError
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store.engine import make_engine
from ejournal_desktop.store.server.server_init import scram_verifier

SERVER_NOT_SET_UP = (
    "База на сервере не настроена командой «ejournal server init»: учётные записи сервера "
    "создаются только на настроенном сервере"
)


def require_functions(conn: Connection) -> None:
    present = conn.execute(text("SELECT to_regprocedure('ej_create_login(text, text, text, integer)') IS NOT NULL"))
    if not present.scalar():
        raise DomainError(SERVER_NOT_SET_UP)


def role_names(conn: Connection) -> set[str]:
    """Every role of the cluster: roles are global, a login taken in another database is taken here too."""
    return set(conn.execute(text("SELECT rolname FROM pg_roles")).scalars())


def create_login(conn: Connection, login: str, role: str, password: str, person_id: int) -> int:
    """The LOGIN role and its account row (ej_create_login); returns the account id."""
    require_functions(conn)
    verifier = scram_verifier(password, conn, login)
    account_id = conn.execute(
        text("SELECT ej_create_login(:login, :role, :verifier, :person)"),
        {"login": login, "role": role, "verifier": verifier, "person": person_id},
    ).scalar()
    return int(account_id)


def set_password(conn: Connection, login: str, password: str) -> None:
    """A new temporary password (the server sets must_change_password)."""
    require_functions(conn)
    verifier = scram_verifier(password, conn, login)
    conn.execute(text("SELECT ej_set_password(:login, :verifier)"), {"login": login, "verifier": verifier})


def set_active(conn: Connection, login: str, active: bool) -> None:
    require_functions(conn)
    function = "ej_unlock_login" if active else "ej_lock_login"
    conn.execute(text(f"SELECT {function}(:login)"), {"login": login})


def change_own_password(session: UserSession, old_password: str, new_password: str) -> None:
    """Check the current password with a fresh connection (the server verifies it), then store the new one.

    The session's engine is replaced by one with the new password, so the connections it opens next
    still authenticate.
    """
    url = session.engine.url
    probe = make_engine(url.set(password=old_password))
    try:
        with probe.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        if "password authentication failed" in str(exc.orig or exc):
            raise ValidationError("Текущий пароль введён неверно", field="old_password") from exc
        raise DomainError("Не удалось проверить текущий пароль: нет связи с сервером") from exc
    finally:
        probe.dispose()
    with transaction(session) as conn:
        require_functions(conn)
        verifier = scram_verifier(new_password, conn, session.user.login)
        conn.execute(text("SELECT ej_change_own_password(:verifier)"), {"verifier": verifier})
    old_engine = session.engine
    session.engine = make_engine(url.set(password=new_password))
    old_engine.dispose()
