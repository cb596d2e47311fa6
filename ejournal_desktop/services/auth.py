"""Logging in and out: who is working now, with which roles, on which database.

On PostgreSQL the client connects *as the person* (their own login role, password checked by the
server with SCRAM): no shared database password exists on a client. On the embedded SQLite file the
account holds a scrypt hash and this module checks it. Either way the result is a `UserSession`
that every service call receives; nothing of it outlives `logout()`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Engine, select, text, update
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from ejournal_desktop.domain.errors import DomainError

# Profile and LoginError live in services.connection (no database libraries: the login window imports
# them before anything heavy); re-exported here, where the rest of the program looks for them.
from ejournal_desktop.services.connection import LoginError, Profile
from ejournal_desktop.services.passwords import verify_password
from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import make_engine
from ejournal_desktop.store.migrate import SchemaTooNew, schema_state

MAX_FAILED_LOGINS = 10  # embedded backend: lock after this many wrong passwords in a row


@dataclass(frozen=True)
class CurrentUser:
    account_id: int
    person_id: int
    login: str
    last_name: str
    first_name: str
    middle_name: str | None
    roles: frozenset[str]
    curated_group_ids: tuple[int, ...] = ()
    must_change_password: bool = False

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def is_curator(self) -> bool:
        return bool(self.curated_group_ids)


@dataclass
class UserSession:
    profile: Profile
    engine: Engine
    user: CurrentUser
    started_at: dt.datetime = field(default_factory=lambda: dt.datetime.now())

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        # Pooled connections carry the person's credentials: drop them all, cache nothing.
        self.engine.dispose()


def _server_error_message(exc: BaseException, profile: Profile) -> str:
    return connection_error_message(exc, profile.host, profile.port, profile.database)


def connection_error_message(exc: BaseException, host: str | None, port: int | None, database: str | None) -> str:
    """A Russian sentence for a failed connection to PostgreSQL (libpq's messages are English)."""
    text_ = str(exc).lower()
    where = f"{host or 'localhost'}:{port or 5432}"
    if "password authentication failed" in text_ or "no password supplied" in text_:
        return "Неверный логин или пароль."
    if "does not exist" in text_ and "database" in text_:
        return f"На сервере нет базы данных «{database}». Проверьте настройки подключения."
    if "role" in text_ and "does not exist" in text_:
        return "Неверный логин или пароль."
    if "not permitted to log in" in text_ or "rolcanlogin" in text_:
        return "Учётная запись заблокирована. Обратитесь к администратору ЭЖ."
    if "timeout" in text_ or "timed out" in text_:
        return f"Сервер {where} не отвечает (истекло время ожидания)."
    if "connection refused" in text_ or "could not connect" in text_ or "connection failed" in text_:
        return f"Не удалось подключиться к серверу {where}: сервер не запущен или недоступен."
    if "name or service not known" in text_ or "could not translate host name" in text_:
        return f"Сервер «{host}» не найден в сети. Проверьте адрес сервера."
    if "permission denied" in text_:
        return f"Недостаточно прав на сервере {where}: {str(exc).strip().splitlines()[0]}"
    return f"Не удалось подключиться к серверу {where}."


def _load_user(engine: Engine, login: str) -> tuple[CurrentUser, m.Account]:
    with Session(engine) as connection:
        row = connection.execute(
            select(m.Account, m.Person)
            .join(m.Person, m.Person.id == m.Account.person_id)
            .where(m.Account.login == login)
        ).first()
        if row is None:
            raise LoginError("Неверный логин или пароль.")
        account, person = row
        extra = connection.execute(select(m.AccountRole.role).where(m.AccountRole.account_id == account.id)).scalars()
        curated = connection.execute(
            select(m.StudyGroup.id).where(m.StudyGroup.curator_id == person.id).order_by(m.StudyGroup.name)
        ).scalars()
        user = CurrentUser(
            account_id=account.id,
            person_id=person.id,
            login=account.login,
            last_name=person.last_name,
            first_name=person.first_name,
            middle_name=person.middle_name,
            roles=frozenset({account.role, *extra}),
            curated_group_ids=tuple(curated),
            must_change_password=account.must_change_password,
        )
    return user, account


def login(profile: Profile, login_name: str, password: str) -> UserSession:
    """Check the credentials and open a session; raises LoginError with a Russian message."""
    login_name = login_name.strip()
    if not login_name:
        raise LoginError("Введите логин.", field="login")
    if not password:
        raise LoginError("Введите пароль.", field="password")
    if profile.is_server:
        return _login_server(profile, login_name, password)
    return _login_embedded(profile, login_name, password)


def _check_schema(engine: Engine, *, upgrade_older: bool = False) -> None:
    """Refuse an empty or newer schema; an older one is upgraded when it is this PC's own file."""
    try:
        state = schema_state(engine)
    except SchemaTooNew as exc:
        raise LoginError(str(exc)) from exc
    if state.is_empty:
        raise LoginError("База данных пуста: схема не создана. Администратор выполняет «ejournal db upgrade».")
    if not state.is_up_to_date and upgrade_older:
        # The embedded file belongs to this PC: a newer program brings its schema up to date, as on
        # the first start. (A server's schema is the DBA's: `ejournal server init` / `db upgrade`.)
        # A verified safety copy is taken first; if it cannot be, the upgrade does not start.
        from ejournal_desktop.services.backup import upgrade_with_safety_copy

        try:
            upgrade_with_safety_copy(engine, made_by="обновление схемы")
        except DomainError as exc:
            raise LoginError(str(exc)) from exc
        return
    if not state.is_up_to_date:
        raise LoginError("Схема базы данных устарела. Администратор выполняет «ejournal db upgrade».")


def _login_embedded(profile: Profile, login_name: str, password: str) -> UserSession:
    from pathlib import Path

    if not profile.path or not Path(profile.path).exists():
        raise LoginError(f"Файл базы данных не найден: {profile.path or '(не задан)'}")
    engine = make_engine(profile.url())
    try:
        _check_schema(engine, upgrade_older=True)
        user, account = _load_user(engine, login_name)
        if not account.is_active:
            raise LoginError("Учётная запись заблокирована. Обратитесь к администратору ЭЖ.")
        if not verify_password(password, account.password_hash):
            with engine.begin() as connection:
                failed = account.failed_logins + 1
                values: dict[str, object] = {"failed_logins": failed}
                if failed >= MAX_FAILED_LOGINS:
                    values["is_active"] = False
                connection.execute(update(m.Account).where(m.Account.id == account.id).values(**values))
            raise LoginError("Неверный логин или пароль.")
        _record_login(engine, account.id, login_name)
        return UserSession(profile=profile, engine=engine, user=user)
    except LoginError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        raise LoginError(f"Не удалось открыть базу данных {profile.path}: файл повреждён или занят.") from exc


def _login_server(profile: Profile, login_name: str, password: str) -> UserSession:
    engine = make_engine(profile.url(login_name, password))
    try:
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except OperationalError as exc:
            raise LoginError(_server_error_message(exc.orig or exc, profile)) from exc
        _check_schema(engine)
        with engine.connect() as connection:
            db_login = connection.execute(text("SELECT session_user")).scalar_one()
        try:
            user, account = _load_user(engine, db_login)
        except LoginError as exc:
            raise LoginError(
                f"Для пользователя «{db_login}» нет учётной записи в ЭЖ. Обратитесь к администратору."
            ) from exc
        if not account.is_active:
            raise LoginError("Учётная запись заблокирована. Обратитесь к администратору ЭЖ.")
        _record_login(engine, account.id, db_login)
        return UserSession(profile=profile, engine=engine, user=user)
    except LoginError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        raise LoginError(_server_error_message(exc.orig or exc, profile)) from exc


def _record_login(engine: Engine, account_id: int, login_name: str) -> None:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # On a server set up by `ejournal server init` an ordinary login may neither update
            # account nor write audit_log (row-level security): a SECURITY DEFINER function does
            # both for session_user. A database without it (plain `db upgrade`) takes the path below.
            has_function = connection.execute(text("SELECT to_regprocedure('ej_record_login()') IS NOT NULL"))
            if has_function.scalar():
                connection.execute(text("SELECT ej_record_login()"))
                return
        connection.execute(
            update(m.Account).where(m.Account.id == account_id).values(last_login_at=now, failed_logins=0)
        )
        # Usage statistics (logins per role and day) read these rows; on PostgreSQL the server's
        # triggers will write the audit of data changes themselves.
        connection.execute(
            m.AuditLog.__table__.insert().values(
                at=now, db_user=login_name, table_name="account", row_id=account_id, action="LOGIN"
            )
        )


def logout(session: UserSession) -> None:
    session.close()


def session_for_url(url: str | URL) -> UserSession:
    """The command line's session for a database URL (`ejournal account …`).

    SQLite: the local administrator — whoever can open the file on this PC administers it; no login.
    PostgreSQL: the URL's own login, looked up by session_user as at an interactive login, so the
    server's functions and row-level security judge it exactly as they judge the person in the GUI.
    """
    engine = make_engine(url)
    try:
        if engine.dialect.name != "postgresql":
            _check_schema(engine)
            admin = CurrentUser(
                account_id=0,
                person_id=0,
                login="ejournal-cli",
                last_name="Администратор",
                first_name="(командная строка)",
                middle_name=None,
                roles=frozenset({"admin"}),
            )
            return UserSession(
                profile=Profile(kind="embedded", path=str(engine.url.database)), engine=engine, user=admin
            )
        with engine.connect() as connection:
            db_login = connection.execute(text("SELECT session_user")).scalar_one()
        _check_schema(engine)
        try:
            user, _account = _load_user(engine, db_login)
        except LoginError as exc:
            raise LoginError(f"Для пользователя «{db_login}» нет учётной записи в ЭЖ.") from exc
        parsed = engine.url
        profile = Profile(
            name="Командная строка",
            kind="server",
            host=parsed.host or "localhost",
            port=parsed.port or 5432,
            database=parsed.database or "",
        )
        return UserSession(profile=profile, engine=engine, user=user)
    except BaseException:
        engine.dispose()
        raise
