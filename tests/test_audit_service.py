"""The audit log through the services (both backends), and the edit-window setting the deputy keeps."""

from __future__ import annotations

import datetime as dt

import pytest

from ejournal_desktop.domain.errors import PermissionDenied, ValidationError
from ejournal_desktop.services import accounts, audit, excuses, settings
from tests.accounts_world import World


def test_logins_and_account_changes_are_in_the_log_under_the_real_user(world: World) -> None:
    admin = world.session("admin")
    student, _ = world.add_family("g2", "Аудитов", with_parent=False)
    issued = accounts.create_account(admin, student, "student")
    world.track(issued.login)
    accounts.lock(admin, issued.account_id or 0)
    rows = audit.list_audit(admin, person_login=world.logins["admin"], table="account")
    kinds = [(r.action, r.row_id) for r in rows]
    assert ("LOGIN", admin.user.account_id) in kinds
    assert ("INSERT", issued.account_id) in kinds
    locked = next(r for r in rows if r.action == "UPDATE" and r.row_id == issued.account_id)
    assert locked.changed()[0].get("is_active") is True and locked.changed()[1].get("is_active") is False
    assert all(r.user_name == admin.user.full_name for r in rows)
    assert rows == sorted(rows, key=lambda r: (r.at, r.id), reverse=True)  # newest first
    assert all("password_hash" not in (r.new or {}) for r in rows)


def test_filters_by_date_table_and_group(world: World) -> None:
    admin = world.session("admin")
    tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    assert audit.list_audit(admin, date_from=tomorrow) == []
    assert audit.list_audit(admin, date_to=tomorrow, limit=1)
    with pytest.raises(ValidationError):
        audit.list_audit(admin, date_from=tomorrow, date_to=tomorrow - dt.timedelta(days=3))
    if world.college is None:  # SQLite: no triggers — write what a service would
        with world.owner.begin() as conn:
            for key in ("st_s1", "st_s3"):
                audit.record(conn, admin, "student", world.ids[key], "UPDATE", old={"status": "a"}, new={"status": "b"})
    in_g1 = audit.list_audit(admin, group_id=world.ids["g1"], table="student")
    ids = {r.row_id for r in in_g1}
    assert world.ids["st_s1"] in ids and world.ids["st_s3"] not in ids
    marks_g2 = audit.list_audit(admin, table="mark", group_id=world.ids["g2"])
    assert all(r.table_name == "mark" for r in marks_g2)
    if world.college is not None:  # the server logged the college's marks: m5, m7 are g2's, m1 is g1's
        logged = {r.row_id for r in marks_g2}
        assert {world.ids["m5"], world.ids["m7"]} <= logged and world.ids["m1"] not in logged


def test_the_group_filter_finds_rows_deleted_since(world: World) -> None:
    """The row is gone from the live tables: the group is found from the values the audit row carried."""
    admin, curator = world.session("admin"), world.session("t1")
    day = dt.date(2026, 10, 1)
    made = excuses.create_excuse(curator, world.ids["st_s1"], day, day, "sick", "справка № 7 (удалена)")
    excuses.delete_excuse(curator, made.excuse_id)
    in_g1 = audit.list_audit(admin, group_id=world.ids["g1"], table="excuse")
    actions = {(r.action, r.row_id) for r in in_g1}
    assert {("INSERT", made.excuse_id), ("DELETE", made.excuse_id)} <= actions
    deleted = next(r for r in in_g1 if r.action == "DELETE" and r.row_id == made.excuse_id)
    assert deleted.old and deleted.old["student_id"] == world.ids["st_s1"]
    in_g2 = audit.list_audit(admin, group_id=world.ids["g2"], table="excuse")
    assert made.excuse_id not in {r.row_id for r in in_g2}


def test_only_the_admin_and_the_deputy_read_the_log(world: World) -> None:
    assert audit.list_audit(world.session("deputy"), limit=5)
    for key in ("t1", "secretary", "s1"):
        with pytest.raises(PermissionDenied):
            audit.list_audit(world.session(key))


def test_the_edit_window_default_and_who_sets_it(world: World) -> None:
    deputy = world.session("deputy")
    teacher = world.session("t1")
    assert settings.edit_window_days(teacher) in (7, 10, 3)  # module-shared server: an earlier run may set it
    settings.set_edit_window_days(deputy, 10)
    assert settings.edit_window_days(teacher) == 10
    with pytest.raises(PermissionDenied):
        settings.set_edit_window_days(teacher, 30)
    with pytest.raises(PermissionDenied):
        settings.set_setting(deputy, "college_name", "Другой техникум")  # the deputy has this one key only
    with pytest.raises(ValidationError):
        settings.set_edit_window_days(deputy, -1)
    admin = world.session("admin")
    settings.set_setting(admin, "edit_window_days", "3")
    settings.set_setting(admin, "college_name", "ГБПОУ «Тестовый техникум»")
    assert settings.edit_window_days(deputy) == 3 and settings.college_name(teacher) == "ГБПОУ «Тестовый техникум»"
    changes = audit.list_audit(admin, table="app_setting")
    assert {r.db_user for r in changes} >= {world.logins["deputy"], world.logins["admin"]}


def test_a_fresh_database_has_the_default_edit_window(world: World) -> None:
    if world.college is not None:
        pytest.skip("the server college is shared by the module")
    assert settings.edit_window_days(world.session("t1")) == 7
