"""Logging in on the embedded file: the hash is checked, failures are counted, nothing else is cached."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert, select, update

from ejournal_desktop.services import auth
from ejournal_desktop.services.database_setup import prepare_embedded_database
from ejournal_desktop.services.passwords import hash_password
from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import make_engine


@pytest.fixture
def embedded(tmp_path: Path) -> auth.Profile:
    profile = prepare_embedded_database(tmp_path / "college.sqlite3")
    engine = make_engine(profile.url())
    with engine.begin() as connection:
        connection.execute(
            insert(m.Person),
            [{"id": 1, "last_name": "Соколова", "first_name": "Анна", "middle_name": "Петровна", "search_name": "x"}],
        )
        connection.execute(
            insert(m.Specialty), [{"id": 1, "code": "35.02.05", "name": "Агрономия", "qualification": "Агроном"}]
        )
        connection.execute(
            insert(m.StudyGroup),
            [{"id": 7, "name": "25-АГ", "specialty_id": 1, "course": 2, "admission_year": 2025, "curator_id": 1}],
        )
        connection.execute(
            insert(m.Account),
            [
                {
                    "id": 1,
                    "person_id": 1,
                    "login": "sokolova_ap",
                    "role": "teacher",
                    "must_change_password": False,
                    "password_hash": hash_password("Пароль 'с кавычкой'"),
                }
            ],
        )
        connection.execute(insert(m.AccountRole), [{"account_id": 1, "role": "deputy"}])
    engine.dispose()
    return profile


def test_login_gives_the_person_their_roles_and_curated_group(embedded: auth.Profile) -> None:
    session = auth.login(embedded, " sokolova_ap ", "Пароль 'с кавычкой'")
    try:
        assert session.user.full_name == "Соколова Анна Петровна"
        assert session.user.roles == {"teacher", "deputy"}
        assert session.user.curated_group_ids == (7,)
        assert session.user.is_curator
        with session.engine.connect() as connection:
            last_login_at = connection.execute(select(m.Account.last_login_at).where(m.Account.id == 1)).scalar()
            logins = connection.execute(select(m.AuditLog).where(m.AuditLog.action == "LOGIN")).all()
        assert last_login_at is not None
        assert len(logins) == 1
    finally:
        auth.logout(session)


@pytest.mark.parametrize(
    ("login", "password", "message"),
    [
        ("sokolova_ap", "неверный", "Неверный логин или пароль."),
        ("nobody", "Пароль 'с кавычкой'", "Неверный логин или пароль."),
        ("", "x", "Введите логин."),
        ("sokolova_ap", "", "Введите пароль."),
    ],
)
def test_bad_credentials_get_a_clear_message(embedded: auth.Profile, login: str, password: str, message: str) -> None:
    with pytest.raises(auth.LoginError) as caught:
        auth.login(embedded, login, password)
    assert str(caught.value) == message


def test_too_many_wrong_passwords_lock_the_account(embedded: auth.Profile) -> None:
    for _ in range(auth.MAX_FAILED_LOGINS):
        with pytest.raises(auth.LoginError):
            auth.login(embedded, "sokolova_ap", "неверный")
    with pytest.raises(auth.LoginError, match="заблокирована"):
        auth.login(embedded, "sokolova_ap", "Пароль 'с кавычкой'")


def test_a_locked_account_cannot_log_in(embedded: auth.Profile) -> None:
    engine = make_engine(embedded.url())
    with engine.begin() as connection:
        connection.execute(update(m.Account).values(is_active=False))
    engine.dispose()
    with pytest.raises(auth.LoginError, match="заблокирована"):
        auth.login(embedded, "sokolova_ap", "Пароль 'с кавычкой'")


def test_missing_file_and_empty_schema(tmp_path: Path) -> None:
    with pytest.raises(auth.LoginError, match="Файл базы данных не найден"):
        auth.login(auth.Profile(path=str(tmp_path / "nope.sqlite3")), "a", "b")
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    with pytest.raises(auth.LoginError, match="схема не создана"):
        auth.login(auth.Profile(path=str(empty)), "a", "b")
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(auth.LoginError, match="повреждён"):
        auth.login(auth.Profile(path=str(junk)), "a", "b")


def test_an_older_embedded_file_is_upgraded_at_login(embedded: auth.Profile) -> None:
    from alembic import command

    from ejournal_desktop.store.migrate import _config, head_revision, schema_state

    engine = make_engine(embedded.url())
    config = _config()
    with engine.begin() as connection:  # the file as an older version of the program left it
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    assert schema_state(engine).current == "0002"
    session = auth.login(embedded, "sokolova_ap", "Пароль 'с кавычкой'")
    session.close()
    assert schema_state(engine).current == head_revision()
    engine.dispose()
