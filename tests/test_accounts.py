"""Accounts through the services, on SQLite and on a PostgreSQL server set up by `init_server`."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from ejournal_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from ejournal_desktop.services import accounts, auth
from ejournal_desktop.services.auth import LoginError
from tests.accounts_world import World


def can_log_in(world: World, login: str, password: str) -> bool:
    try:
        session = auth.login(world.profile, login, password)
    except LoginError:
        return False
    session.close()
    return True


def test_admin_creates_an_account_that_logs_in_and_must_change_its_password(world: World) -> None:
    admin = world.session("admin")
    student, _parent = world.add_family("g1", "Смирнов")
    issued = accounts.create_account(admin, student, "student")
    world.track(issued.login)
    assert issued.login.startswith("smirnov_s")
    assert len(issued.password) >= 8 and issued.group_name == "21-ТО"
    session = auth.login(world.profile, issued.login, issued.password)
    try:
        assert session.user.must_change_password
        assert session.user.roles == frozenset({"student"})
    finally:
        session.close()
    listed = {row.login: row for row in accounts.list_accounts(admin, search="смирнов")}
    assert listed[issued.login].must_change_password and listed[issued.login].is_active
    assert listed[issued.login].groups == "21-ТО"
    assert listed[issued.login].last_login_at is not None


def test_on_the_server_the_new_login_really_connects_with_psycopg(world: World) -> None:
    if world.college is None:
        pytest.skip("PostgreSQL only")
    admin = world.session("admin")
    student, _ = world.add_family("g2", "Орлов", with_parent=False)
    issued = accounts.create_account(admin, student, "student", login=f"orlov_{world.college.suffix}")
    world.track(issued.login)
    with world.college.connect_as(issued.login, issued.password) as conn:
        assert conn.execute("SELECT session_user").fetchone() == (issued.login,)
        # RLS: the new student sees own person row and nobody else's marks
        assert conn.execute("SELECT count(*) FROM mark").fetchone() == (0,)


def test_bulk_creation_for_a_group_covers_students_and_parents_once(world: World) -> None:
    admin = world.session("admin")
    group = world.new_group("t1")
    kids = [world.add_family_in(group, name) for name in ("Белов", "Алексеев", "Ёжиков")]
    seen: list[float] = []
    issued = accounts.bulk_create_for_group(admin, group, progress=lambda _text, f: seen.append(f))
    for credential in issued:
        world.track(credential.login)
    assert [c.role for c in issued] == ["student"] * 3 + ["parent"] * 3
    assert [c.person_name.split()[0] for c in issued[:3]] == ["Алексеев", "Белов", "Ёжиков"]
    assert len({c.login for c in issued}) == 6
    assert all(c.children for c in issued if c.role == "parent")
    assert seen[-1] == 1.0
    assert len(kids) == 3
    again = accounts.bulk_create_for_group(admin, group)
    assert again == []  # everyone has an account now
    assert can_log_in(world, issued[4].login, issued[4].password)


def test_bulk_creation_is_all_or_nothing(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    admin = world.session("admin")
    group = world.new_group("t2")
    for name in ("Гусев", "Дроздов"):
        world.add_family_in(group, name)
    calls = {"n": 0}
    original = accounts._create

    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise ValidationError("сбой посреди создания")
        return original(*args, **kwargs)

    monkeypatch.setattr(accounts, "_create", failing)
    with pytest.raises(ValidationError):
        accounts.bulk_create_for_group(admin, group)
    monkeypatch.undo()
    assert accounts.list_accounts(admin, group_id=group) == []
    assert len(accounts.list_candidates(admin, group_id=group)) == 4


def test_reset_lock_and_unlock(world: World) -> None:
    admin = world.session("admin")
    student, _ = world.add_family("g1", "Сбросов", with_parent=False)
    issued = accounts.create_account(admin, student, "student")
    world.track(issued.login)
    reset = accounts.reset_password(admin, issued.account_id or 0)
    assert reset.password != issued.password and reset.login == issued.login
    assert not can_log_in(world, issued.login, issued.password)
    assert can_log_in(world, issued.login, reset.password)
    accounts.lock(admin, accounts.account_id_by_login(admin, issued.login))
    with pytest.raises(LoginError, match="заблокирована"):
        auth.login(world.profile, issued.login, reset.password)
    row = next(r for r in accounts.list_accounts(admin) if r.login == issued.login)
    assert not row.is_active
    accounts.unlock(admin, row.account_id)
    assert can_log_in(world, issued.login, reset.password)


def test_the_admin_cannot_lock_themselves(world: World) -> None:
    admin = world.session("admin")
    with pytest.raises(ValidationError, match="собственную"):
        accounts.lock(admin, admin.user.account_id)


def test_change_own_password_with_quotes_and_cyrillic(world: World) -> None:
    admin = world.session("admin")
    student, _ = world.add_family("g1", "Паролев", with_parent=False)
    issued = accounts.create_account(admin, student, "student")
    world.track(issued.login)
    session = auth.login(world.profile, issued.login, issued.password)
    try:
        new = 'Ёжик\'в "тумане" 7'
        with pytest.raises(ValidationError) as wrong_old:
            accounts.change_own_password(session, "не тот", new)
        assert wrong_old.value.field == "old_password"
        with pytest.raises(ValidationError) as short:
            accounts.change_own_password(session, issued.password, "коротк")
        assert short.value.field == "new_password"
        with pytest.raises(ValidationError, match="логином"):
            accounts.change_own_password(session, issued.password, issued.login.upper())
        accounts.change_own_password(session, issued.password, new)
        assert not session.user.must_change_password
        with session.engine.connect():  # the session keeps working with the new password
            pass
    finally:
        session.close()
    assert not can_log_in(world, issued.login, issued.password)
    again = auth.login(world.profile, issued.login, new)
    try:
        assert not again.user.must_change_password
    finally:
        again.close()


def test_a_curator_manages_the_own_group_only(world: World) -> None:
    curator = world.session("t1")  # curates g1
    own_student, own_parent = world.add_family("g1", "Своих")
    other_student, _ = world.add_family("g2", "Чужих", with_parent=False)
    issued = accounts.create_account(curator, own_student, "student")
    world.track(issued.login)
    assert own_parent is not None
    parent = accounts.create_account(curator, own_parent, "parent")
    world.track(parent.login)
    assert "Своих" in parent.children
    with pytest.raises(PermissionDenied):
        accounts.create_account(curator, other_student, "student")
    with pytest.raises(PermissionDenied):
        accounts.create_account(curator, world.ids["deputy"], "teacher")
    with pytest.raises(PermissionDenied):
        accounts.bulk_create_for_group(curator, world.ids["g2"])
    # Another group's account: refused on SQLite; on the server row-level security hides it altogether.
    with pytest.raises((PermissionDenied, NotFound)):
        accounts.reset_password(curator, accounts.account_id_by_login(world.session("admin"), world.logins["s3"]))
    listed = {row.login for row in accounts.list_accounts(curator)}
    assert issued.login in listed and world.logins["s1"] in listed
    assert world.logins["s3"] not in listed and world.logins["admin"] not in listed


def test_a_student_manages_nothing(world: World) -> None:
    student = world.session("s1")
    with pytest.raises(PermissionDenied):
        accounts.list_accounts(student)
    with pytest.raises(PermissionDenied):
        accounts.create_account(student, world.ids["s2"], "student")
    with pytest.raises(PermissionDenied):
        accounts.reset_password(student, 1)


@pytest.mark.parametrize(
    "login",
    ['x"; DROP TABLE mark; --', "x'; DROP TABLE account; --", "Robert", "ёжик", "a", "1abc", "ej_admin", "postgres"],
)
def test_a_bad_login_is_refused_naming_the_field(world: World, login: str) -> None:
    admin = world.session("admin")
    student, _ = world.add_family("g1", "Инъекцев", with_parent=False)
    with pytest.raises(ValidationError) as caught:
        accounts.create_account(admin, student, "student", login=login)
    assert caught.value.field == "login"
    assert accounts.list_accounts(admin, search="инъекцев") == []


def test_a_taken_login_and_a_second_account_are_refused(world: World) -> None:
    admin = world.session("admin")
    student, _ = world.add_family("g1", "Дублев", with_parent=False)
    with pytest.raises(ValidationError, match="занят") as caught:
        accounts.create_account(admin, student, "student", login=world.logins["s1"])
    assert caught.value.field == "login"
    with pytest.raises(ValidationError, match="уже есть учётная запись"):
        accounts.create_account(admin, world.ids["s1"], "student")
    with pytest.raises(ValidationError, match="родителем") as wrong_role:
        accounts.create_account(admin, student, "parent")
    assert wrong_role.value.field == "role"


def test_suggested_logins_are_valid_role_names() -> None:
    taken = {"ivanov_ii"}
    assert accounts.suggest_login("Иванов", "Иван", "Иванович", taken) == "ivanov_ii2"
    assert accounts.suggest_login("Ёлкина-Щукина", "Юлия", None, set()) == "elkinashchukina_y"
    assert accounts.suggest_login("Ь", "", None, set()) == "user"
    for login in ("ivanov_ii2", "elkinashchukina_y", "user"):
        assert accounts.check_login(login) == login


def test_psycopg_connection_refused_for_a_locked_login(world: World) -> None:
    if world.college is None:
        pytest.skip("PostgreSQL only")
    admin = world.session("admin")
    student, _ = world.add_family("g2", "Замков", with_parent=False)
    issued = accounts.create_account(admin, student, "student")
    world.track(issued.login)
    accounts.lock(admin, issued.account_id or 0)
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        world.college.connect_as(issued.login, issued.password)


def test_slips_of_a_group_name_everyone_and_where_to_log_in(world: World, tmp_path: Path) -> None:
    from pypdf import PdfReader

    admin = world.session("admin")
    group = world.new_group("t2")
    world.add_family_in(group, "Листков")
    issued = accounts.bulk_create_for_group(admin, group)
    for credential in issued:
        world.track(credential.login)
    path = accounts.save_slips(admin, issued, tmp_path / "slips.pdf")
    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    for credential in issued:
        assert credential.person_name in text and credential.login in text and credential.password in text
    assert ("сервер" in text) == (world.college is not None)
    with pytest.raises(ValidationError):
        accounts.save_slips(admin, [], tmp_path / "empty.pdf")
