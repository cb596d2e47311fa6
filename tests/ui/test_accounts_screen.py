"""«Учётные записи»: the admin creates accounts for a group, sees them, resets, locks; slips are saved."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import insert, select

from ejournal_desktop.domain.names import search_key
from ejournal_desktop.services import accounts, auth
from ejournal_desktop.services.auth import Profile, UserSession
from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import make_engine
from ejournal_desktop.ui import accounts_screen
from ejournal_desktop.ui.accounts_screen import AccountsScreen, CredentialsDialog, GroupChooser
from ejournal_desktop.ui.audit_screen import AuditScreen
from tests.ui.conftest import PASSWORD, type_text

FAMILIES = (
    ("Белов", "Борис", "Белова", "Вера"),
    ("Алексеев", "Артём", "Алексеева", "Анна"),
    ("Ёжиков", "Егор", "", ""),
)


def add_families(profile: Profile) -> None:
    """Three students of 21-ТО, two of them with a parent; nobody has an account."""
    engine = make_engine(profile.url())
    with engine.begin() as conn:
        group = conn.execute(select(m.StudyGroup.id).where(m.StudyGroup.name == "21-ТО")).scalar_one()
        for last, first, parent_last, parent_first in FAMILIES:
            person = conn.execute(
                insert(m.Person)
                .values(last_name=last, first_name=first, search_name=search_key(f"{last} {first}"))
                .returning(m.Person.id)
            ).scalar_one()
            student = conn.execute(
                insert(m.Student).values(person_id=person, group_id=group).returning(m.Student.id)
            ).scalar_one()
            if parent_last:
                parent = conn.execute(
                    insert(m.Person)
                    .values(last_name=parent_last, first_name=parent_first,
                            search_name=search_key(f"{parent_last} {parent_first}"))
                    .returning(m.Person.id)
                ).scalar_one()  # fmt: skip
                conn.execute(insert(m.GuardianLink).values(student_id=student, guardian_id=parent))
    engine.dispose()


@pytest.fixture
def admin(college: Profile) -> Iterator[UserSession]:
    add_families(college)
    session = auth.login(college, "admin", PASSWORD)
    yield session
    session.close()


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[CredentialsDialog]:
    """Dialogs of new credentials, recorded instead of shown modally."""
    dialogs: list[CredentialsDialog] = []

    def record(self: CredentialsDialog) -> int:
        dialogs.append(self)
        return 1

    monkeypatch.setattr(CredentialsDialog, "exec", record)
    return dialogs


def test_the_admin_creates_accounts_for_a_group_and_sees_them(qtbot, admin, shown, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    screen = AccountsScreen(admin)
    qtbot.addWidget(screen)
    screen.resize(1100, 600)
    screen.show()
    assert {r.login for r in screen.visible_rows()} == {"prepod", "kurator", "secretar", "admin", "zam"}
    monkeypatch.setattr(GroupChooser, "exec", lambda self: 1)
    qtbot.mouseClick(screen.bulk_button, accounts_screen.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=20_000)
    issued = shown[0].issued
    assert [c.person_name for c in issued] == [
        "Алексеев Артём", "Белов Борис", "Ёжиков Егор", "Алексеева Анна", "Белова Вера",
    ]  # fmt: skip
    logins = {c.login for c in issued}
    assert logins <= {r.login for r in screen.visible_rows()}

    type_text(qtbot, screen.search, "АЛЕКСЕЕВ")  # filter as you type, Cyrillic, any case
    assert sorted(r.full_name for r in screen.visible_rows()) == ["Алексеев Артём", "Алексеева Анна"]
    screen.search.clear()
    screen.role_combo.setCurrentIndex(screen.role_combo.findData("parent"))
    assert {r.full_name for r in screen.visible_rows()} == {"Алексеева Анна", "Белова Вера"}
    assert all(r.must_change_password for r in screen.visible_rows())
    screen.role_combo.setCurrentIndex(0)

    path = shown[0].save_slips(str(tmp_path / "slips.pdf"))
    assert path is not None
    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    for credential in issued:
        assert credential.person_name in text and credential.password in text
    screen.grab().save("/tmp/accounts_screen.png")


def test_reset_lock_and_unlock_from_the_screen(qtbot, admin, college, shown, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    screen = AccountsScreen(admin)
    qtbot.addWidget(screen)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    screen.select_login("prepod")
    assert screen.current_row() is not None and screen.lock_button.isEnabled()
    screen.reset_button.click()
    assert len(shown) == 1
    new_password = shown[0].issued[0].password
    session = auth.login(college, "prepod", new_password)
    assert session.user.must_change_password
    session.close()

    screen.select_login("prepod")
    screen.lock_button.click()
    row = screen.current_row()
    assert row is not None and row.login == "prepod" and not row.is_active
    assert screen.unlock_button.isEnabled() and not screen.lock_button.isEnabled()
    with pytest.raises(auth.LoginError, match="заблокирована"):
        auth.login(college, "prepod", new_password)
    screen.unlock_button.click()
    auth.login(college, "prepod", new_password).close()

    screen.select_login("admin")  # nobody locks themselves out
    assert not screen.lock_button.isEnabled()


def test_creating_one_account_with_a_bad_login_names_the_field(qtbot, admin, shown) -> None:  # type: ignore[no-untyped-def]
    dialog = accounts_screen.CreateAccountDialog(admin, [], None)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.search, "белова")
    assert dialog.people.count() == 1
    dialog.people.setCurrentRow(0)
    assert dialog.role_combo.currentData() == "parent"
    type_text(qtbot, dialog.login_edit, "x'; DROP TABLE account; --")
    dialog.try_create()
    assert "Недопустимый логин" in dialog.error_label.text() and dialog.login_edit.styleSheet()
    dialog.login_edit.clear()
    type_text(qtbot, dialog.login_edit, "belova_v")
    dialog.try_create()
    assert dialog.issued is not None and dialog.issued.login == "belova_v"
    assert dialog.issued.children == "Белов Борис"


def test_the_audit_screen_shows_logins_and_account_changes(qtbot, admin) -> None:  # type: ignore[no-untyped-def]
    student = accounts.list_candidates(admin, search="ёжиков")[0]
    accounts.create_account(admin, student.person_id, "student")
    screen = AuditScreen(admin)
    qtbot.addWidget(screen)
    screen.resize(1200, 500)
    screen.show()
    actions = [(r.table_name, r.action) for r in screen.model.rows]
    assert ("account", "LOGIN") in actions and ("account", "INSERT") in actions
    index = screen.model.index(0, 4)
    assert screen.model.data(index) in ("добавление", "вход")
    type_text(qtbot, screen.user_edit, "nobody")
    screen.show_button.click()
    assert screen.model.rowCount() == 0
    screen.user_edit.clear()
    screen.show_button.click()
    screen.grab().save("/tmp/audit_screen.png")
