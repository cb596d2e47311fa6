"""Fixtures of the Qt tests: a small college in an embedded file, a profile store, typing helpers."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import Engine, insert

from ejournal_desktop.domain.names import search_key
from ejournal_desktop.services import auth
from ejournal_desktop.services.auth import Profile
from ejournal_desktop.services.database_setup import prepare_embedded_database
from ejournal_desktop.services.passwords import hash_password
from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import make_engine
from ejournal_desktop.ui.login_dialog import LoginDialog
from ejournal_desktop.ui.main_window import MainWindow
from ejournal_desktop.ui.profiles import ProfileStore
from tests.conftest import DEMO_PASSWORD

PASSWORD = "Верный пароль 'с кавычкой'"
LOGIN_TIMEOUT_MS = 10_000


@dataclass(frozen=True)
class Person:
    login: str
    last_name: str
    first_name: str
    middle_name: str
    roles: tuple[str, ...]  # the first is the account's main role
    curator: bool = False


PEOPLE = (
    Person("prepod", "Иванов", "Иван", "Иванович", ("teacher",)),
    Person("kurator", "Петрова", "Мария", "Сергеевна", ("teacher",), curator=True),
    Person("secretar", "Сидорова", "Ольга", "Николаевна", ("secretary",)),
    Person("admin", "Кузнецов", "Алексей", "Викторович", ("admin",)),
    Person("zam", "Смирнова", "Елена", "Павловна", ("teacher", "deputy")),
)


def add_person(engine: Engine, person: Person, *, password: str | None = PASSWORD) -> int:
    """A person with an account (scrypt hash on SQLite; None leaves it to the server's role)."""
    with engine.begin() as connection:
        person_id = connection.execute(
            insert(m.Person)
            .values(
                last_name=person.last_name,
                first_name=person.first_name,
                middle_name=person.middle_name,
                search_name=search_key(f"{person.last_name} {person.first_name} {person.middle_name}"),
            )
            .returning(m.Person.id)
        ).scalar_one()
        account_id = connection.execute(
            insert(m.Account)
            .values(
                person_id=person_id,
                login=person.login,
                role=person.roles[0],
                must_change_password=False,
                password_hash=hash_password(password) if password else None,
            )
            .returning(m.Account.id)
        ).scalar_one()
        for role in person.roles[1:]:
            connection.execute(insert(m.AccountRole).values(account_id=account_id, role=role))
        if person.curator:
            specialty_id = connection.execute(
                insert(m.Specialty)
                .values(
                    code="35.02.16", name="Эксплуатация и ремонт сельскохозяйственной техники", qualification="Техник"
                )
                .returning(m.Specialty.id)
            ).scalar_one()
            connection.execute(
                insert(m.StudyGroup).values(
                    name="21-ТО", specialty_id=specialty_id, course=3, admission_year=2023, curator_id=person_id
                )
            )
    return person_id


@pytest.fixture
def college(tmp_path: Path) -> Profile:
    """An embedded file with the people of PEOPLE, all with the password PASSWORD."""
    prepared = prepare_embedded_database(tmp_path / "college.sqlite3")
    profile = Profile(name="Техникум", kind="embedded", path=prepared.path)
    engine = make_engine(profile.url())
    try:
        for person in PEOPLE:
            add_person(engine, person)
    finally:
        engine.dispose()
    return profile


@pytest.fixture
def store(college: Profile) -> ProfileStore:
    """The settings file (in the test's EJOURNAL_HOME) with the college as the only profile."""
    profiles = ProfileStore()
    profiles.save(college)
    return profiles


@pytest.fixture
def login_dialog(qtbot, store: ProfileStore) -> Iterator[LoginDialog]:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    if dialog.session is not None:
        dialog.session.close()


@pytest.fixture
def demo_file(sqlite_demo_file: Path, tmp_path: Path) -> Path:
    """This test's own copy of the small demo college (filled once per session: tests/conftest.py)."""
    target = tmp_path / "demo.sqlite3"
    shutil.copyfile(sqlite_demo_file, target)
    return target


def open_demo_window(qtbot, demo_file: Path, login: str) -> MainWindow:  # type: ignore[no-untyped-def]
    """The main window of `login` (password DEMO_PASSWORD) on the demo copy, shown on screen."""
    session = auth.login(Profile(name="Демо", kind="embedded", path=str(demo_file)), login, DEMO_PASSWORD)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Key presses for each character. QTest's keyClicks aborts the process on non-ASCII
    characters (an assertion in qasciikey.cpp), so Cyrillic ones are sent as key events with text.
    """
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def type_credentials(qtbot, dialog: LoginDialog, login: str, password: str) -> None:  # type: ignore[no-untyped-def]
    """Type into the fields like a person: clear, type, and press Enter in the password field."""
    dialog.login_edit.clear()
    type_text(qtbot, dialog.login_edit, login)
    dialog.password_edit.clear()
    type_text(qtbot, dialog.password_edit, password)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)


def log_in(qtbot, dialog: LoginDialog, login: str, password: str = PASSWORD) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.accepted, timeout=LOGIN_TIMEOUT_MS):
        type_credentials(qtbot, dialog, login, password)
    assert dialog.session is not None


def fail_login(qtbot, dialog: LoginDialog, login: str, password: str) -> str:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.login_failed, timeout=LOGIN_TIMEOUT_MS) as blocker:
        type_credentials(qtbot, dialog, login, password)
    return blocker.args[0]


@dataclass
class Gate:
    """A service function held at a gate: each call records the thread it ran on and its keyword
    arguments, then waits until `open()` (or `timeout_s`) before doing the real work. Shows that a
    widget calls the service off the GUI thread and what it shows meanwhile."""

    timeout_s: float
    calls: list[tuple[threading.Thread, dict[str, object]]]
    event: threading.Event

    def open(self) -> None:
        self.event.set()


def hold_at_gate(monkeypatch, owner: object, name: str, timeout_ms: int) -> Gate:  # type: ignore[no-untyped-def]
    """Replace `owner.name` (a service function) by the real one held at a gate."""
    real = getattr(owner, name)
    gate = Gate(timeout_ms / 1000, [], threading.Event())

    def gated(*args, **kwargs):  # type: ignore[no-untyped-def]
        gate.calls.append((threading.current_thread(), kwargs))
        gate.event.wait(gate.timeout_s)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, gated)
    return gate
