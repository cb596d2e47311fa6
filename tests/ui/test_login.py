"""The login dialog: typing like a person, on the embedded file and on a real PostgreSQL server."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import chainer, fail, null
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox
from sqlalchemy import text

from ejournal_desktop import __version__, app
from ejournal_desktop.services import credentials
from ejournal_desktop.services.auth import Profile
from ejournal_desktop.store.engine import make_engine
from ejournal_desktop.store.pg_admin import admin_engine, create_database, database_url, drop_database, quote_ident
from ejournal_desktop.ui import profiles
from ejournal_desktop.ui.login_dialog import LoginDialog
from ejournal_desktop.ui.profiles import ProfileStore
from tests.conftest import TEMPLATE_DB
from tests.ui.conftest import PASSWORD, Person, add_person, fail_login, log_in, type_credentials

WRONG = "Неверный логин или пароль."


def new_dialog(qtbot, store: ProfileStore, **kwargs) -> LoginDialog:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(store, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def click_checkbox(qtbot, box: QCheckBox) -> None:  # type: ignore[no-untyped-def]
    """A click on the box itself (the widget's centre may be empty space right of the text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


# -- the embedded file ------------------------------------------------------------------------


def test_correct_password_logs_in_and_remembers_the_last_login(qtbot, login_dialog: LoginDialog, store) -> None:  # type: ignore[no-untyped-def]
    assert login_dialog.password_edit.echoMode() == login_dialog.password_edit.EchoMode.Password
    log_in(qtbot, login_dialog, "prepod")
    session = login_dialog.session
    assert session is not None
    assert session.user.full_name == "Иванов Иван Иванович"
    assert session.backend == "sqlite"
    assert store.last_profile_name() == "Техникум"
    assert store.last_login("Техникум") == "prepod"
    again = new_dialog(qtbot, store)
    assert again.login_edit.text() == "prepod"
    assert again.password_edit.text() == ""
    assert again.focusWidget() is again.password_edit


def test_wrong_password_shows_the_message_and_keeps_the_dialog_open(qtbot, login_dialog: LoginDialog) -> None:  # type: ignore[no-untyped-def]
    message = fail_login(qtbot, login_dialog, "prepod", "не тот пароль")
    assert message == WRONG
    assert login_dialog.error_label.text() == WRONG
    assert login_dialog.error_label.isVisible()
    assert login_dialog.isVisible()
    assert login_dialog.session is None
    assert login_dialog.focusWidget() is login_dialog.password_edit
    assert login_dialog.login_button.isEnabled()
    # The person corrects the password and gets in; the red line goes away.
    log_in(qtbot, login_dialog, "prepod")
    assert not login_dialog.error_label.isVisible()


def test_unknown_login_and_empty_fields(qtbot, login_dialog: LoginDialog) -> None:  # type: ignore[no-untyped-def]
    assert fail_login(qtbot, login_dialog, "nobody", PASSWORD) == WRONG
    assert fail_login(qtbot, login_dialog, "prepod", "") == "Введите пароль."
    assert fail_login(qtbot, login_dialog, "", "x") == "Введите логин."
    assert login_dialog.focusWidget() is login_dialog.login_edit


def test_missing_database_file_gets_a_clear_message(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = ProfileStore()
    missing = tmp_path / "нет такой" / "journal.sqlite3"
    store.save(Profile(name="Пропавший файл", path=str(missing)))
    dialog = new_dialog(qtbot, store)
    message = fail_login(qtbot, dialog, "prepod", PASSWORD)
    assert message == f"Файл базы данных не найден: {missing}"
    assert dialog.isVisible()


def test_an_unexpected_error_is_a_russian_sentence_not_a_crash(qtbot, login_dialog, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    def broken(*_args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("ejournal_desktop.services.auth.login", broken)
    message = fail_login(qtbot, login_dialog, "prepod", PASSWORD)
    assert message.startswith("Не удалось войти из-за внутренней ошибки программы")
    assert "boom" not in message
    assert any("boom" in (r.exc_text or str(r.exc_info)) for r in caplog.records)


def test_the_gui_is_busy_but_alive_while_the_login_runs(qtbot, login_dialog: LoginDialog, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import ejournal_desktop.services.auth as auth

    real_login = auth.login

    def slow_login(*args: object):  # type: ignore[no-untyped-def]
        time.sleep(0.5)
        return real_login(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(auth, "login", slow_login)
    type_credentials(qtbot, login_dialog, "prepod", PASSWORD)
    assert login_dialog.is_busy()
    assert not login_dialog.login_button.isEnabled()
    assert login_dialog.busy_row.isVisible()
    qtbot.wait(100)  # the event loop runs meanwhile (the GUI is not frozen)
    with qtbot.waitSignal(login_dialog.accepted, timeout=10_000):
        pass
    assert not login_dialog.is_busy()


def test_cancel_during_a_login_drops_the_late_session(qtbot, login_dialog: LoginDialog, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import ejournal_desktop.services.auth as auth

    real_login = auth.login
    sessions = []

    def slow_login(*args: object):  # type: ignore[no-untyped-def]
        time.sleep(0.3)
        session = real_login(*args)  # type: ignore[arg-type]
        sessions.append(session)
        return session

    monkeypatch.setattr(auth, "login", slow_login)
    type_credentials(qtbot, login_dialog, "prepod", PASSWORD)
    qtbot.mouseClick(login_dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(sessions) == 1, timeout=10_000)
    qtbot.wait(100)
    assert login_dialog.session is None
    assert sessions[0].engine.pool.checkedin() == 0  # disposed


# -- a server that is not there ---------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_server_on_a_closed_port_says_it_cannot_connect_quickly(qtbot) -> None:  # type: ignore[no-untyped-def]
    store = ProfileStore()
    store.save(Profile(name="Сервер", kind="server", host="127.0.0.1", port=_closed_port(), database="ejournal"))
    dialog = new_dialog(qtbot, store)
    started = time.monotonic()
    message = fail_login(qtbot, dialog, "ivanov_ii", "пароль")
    assert time.monotonic() - started < 5
    assert "не удалось подключиться" in message.lower()
    assert dialog.isVisible()


# -- «Запомнить пароль» -----------------------------------------------------------------------


def test_remember_password_goes_to_the_keyring_and_is_prefilled(
    qtbot, login_dialog, store, college, memory_keyring
) -> None:  # type: ignore[no-untyped-def]
    assert login_dialog.remember_check.isEnabled()
    assert not login_dialog.remember_check.isChecked()
    click_checkbox(qtbot, login_dialog.remember_check)
    assert login_dialog.remember_check.isChecked()
    log_in(qtbot, login_dialog, "prepod")
    login_dialog.session.close()
    assert memory_keyring.passwords == {(college.keyring_service(), "prepod"): PASSWORD}
    # Nowhere else: the settings file holds no password.
    assert PASSWORD not in profiles.settings_path().read_text(encoding="utf-8")

    again = new_dialog(qtbot, store)
    assert again.login_edit.text() == "prepod"
    assert again.password_edit.text() == PASSWORD
    assert again.remember_check.isChecked()
    # Unticking and logging in removes it.
    click_checkbox(qtbot, again.remember_check)
    with qtbot.waitSignal(again.accepted, timeout=10_000):
        qtbot.keyClick(again.password_edit, Qt.Key.Key_Return)
    again.session.close()
    assert memory_keyring.passwords == {}
    third = new_dialog(qtbot, store)
    assert third.password_edit.text() == ""
    assert not third.remember_check.isChecked()


def test_a_wrong_password_is_not_remembered(qtbot, login_dialog, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    login_dialog.remember_check.setChecked(True)
    fail_login(qtbot, login_dialog, "prepod", "не тот")
    assert memory_keyring.passwords == {}


@pytest.mark.parametrize("backend", [fail.Keyring, null.Keyring])
def test_without_a_keyring_the_checkbox_is_disabled_with_a_reason(qtbot, store, backend) -> None:  # type: ignore[no-untyped-def]
    keyring.set_keyring(backend())  # the autouse memory_keyring fixture restores its own afterwards
    available, reason = credentials.keyring_available()
    assert not available
    dialog = new_dialog(qtbot, store)
    assert not dialog.remember_check.isEnabled()
    assert dialog.remember_check.toolTip() == reason
    assert "нельзя запомнить" in reason
    log_in(qtbot, dialog, "prepod")  # logging in still works
    dialog.session.close()
    assert not dialog.remember_check.isEnabled()


def test_keyring_availability_is_decided_by_class(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert credentials.keyring_available() == (True, "")  # the test keyring has priority -1
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    keyring.set_keyring(chainer.ChainerBackend())
    assert credentials.keyring_available()[0] is False
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [fail.Keyring()])
    assert credentials.keyring_available()[0] is False


# -- profiles ---------------------------------------------------------------------------------


def test_profiles_are_kept_in_the_ini_file_under_ejournal_home(isolated_user_dirs: Path) -> None:
    store = ProfileStore()
    server = Profile(
        name="Сервер техникума", kind="server", host="10.0.0.5", port=5433, database="ej", sslmode="require"
    )
    store.save(Profile(name="Ноутбук", path="/tmp/a.sqlite3"))
    store.save(server)
    assert profiles.settings_path().is_relative_to(isolated_user_dirs)
    reread = ProfileStore()
    assert reread.profiles() == [Profile(name="Ноутбук", path="/tmp/a.sqlite3"), server]
    reread.set_last_used("Сервер техникума", "ivanov_ii")
    renamed = Profile(name="Сервер (корпус 2)", kind="server", host="10.0.0.6")
    reread.save(renamed, old_name="Сервер техникума")
    final = ProfileStore()
    assert [p.name for p in final.profiles()] == ["Ноутбук", "Сервер (корпус 2)"]
    assert final.last_profile_name() == "Сервер (корпус 2)"
    assert final.last_login("Сервер (корпус 2)") == "ivanov_ii"
    final.remove("Ноутбук")
    assert [p.name for p in ProfileStore().profiles()] == ["Сервер (корпус 2)"]


def test_no_profile_at_all_is_explained(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = new_dialog(qtbot, ProfileStore())
    with qtbot.waitSignal(dialog.login_failed) as blocker:
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert "Настроить" in blocker.args[0]


# -- the application entry --------------------------------------------------------------------


def test_version_prints_and_opens_no_window(capsys) -> None:  # type: ignore[no-untyped-def]
    assert app.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"ЭЖ {__version__}"


def test_smoke_test_on_first_start_creates_the_default_file(qtbot, isolated_user_dirs: Path) -> None:  # type: ignore[no-untyped-def]
    assert app.main(["--smoke-test"]) == 0
    store = ProfileStore()
    [profile] = store.profiles()
    assert profile.name == "Локальная база"
    assert Path(profile.path) == isolated_user_dirs / "data" / "journal.sqlite3"
    assert Path(profile.path).exists()


# -- PostgreSQL -------------------------------------------------------------------------------

PG_PASSWORD = "Пароль на сервере 'в кавычках'"


@pytest.fixture
def pg_college(pg_server) -> Iterator[tuple[Profile, str]]:  # type: ignore[no-untyped-def]
    """A migrated database on the test server and a login role that is a person of it."""
    name = f"ej_ui_{os.getpid()}_{time.monotonic_ns()}"
    login = f"ivanov_ii_{os.getpid()}"
    admin = admin_engine(pg_server.url)
    create_database(admin, name, template=TEMPLATE_DB)
    url = database_url(pg_server.url, name)
    engine = make_engine(url)
    literal = "'" + PG_PASSWORD.replace("'", "''") + "'"
    with engine.begin() as connection:
        connection.execute(text(f"DROP ROLE IF EXISTS {quote_ident(login)}"))
        connection.execute(text(f"CREATE ROLE {quote_ident(login)} LOGIN PASSWORD {literal}"))
        connection.execute(text(f"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {quote_ident(login)}"))
        connection.execute(
            text(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {quote_ident(login)}")
        )
    add_person(engine, Person(login, "Иванов", "Иван", "Ильич", ("teacher",)), password=None)
    engine.dispose()
    profile = Profile(name="Сервер", kind="server", host=url.host or "127.0.0.1", port=url.port or 5432, database=name)
    yield profile, login
    drop_database(admin, name)
    with admin.begin() as connection:
        connection.execute(text(f"DROP ROLE IF EXISTS {quote_ident(login)}"))
    admin.dispose()


@pytest.mark.pg
def test_login_on_postgresql_as_the_persons_own_role(qtbot, pg_college) -> None:  # type: ignore[no-untyped-def]
    profile, login = pg_college
    store = ProfileStore()
    store.save(profile)
    dialog = new_dialog(qtbot, store)
    assert fail_login(qtbot, dialog, login, "не тот пароль") == WRONG
    assert dialog.isVisible()
    log_in(qtbot, dialog, login, PG_PASSWORD)
    session = dialog.session
    try:
        assert session.backend == "postgresql"
        assert session.user.login == login
        assert session.user.full_name == "Иванов Иван Ильич"
        with session.engine.connect() as connection:
            assert connection.execute(text("SELECT session_user")).scalar_one() == login
    finally:
        session.close()


def test_demo_is_created_once_and_offers_the_teachers_login(qtbot, isolated_user_dirs: Path) -> None:  # type: ignore[no-untyped-def]
    from ejournal_desktop.services.demo_college import DEMO_PASSWORD

    store = ProfileStore()
    assert app.startup_profile(store, demo=True) == ("Демо-техникум", "prepod")
    [profile] = store.profiles()
    assert Path(profile.path) == isolated_user_dirs / "data" / "demo.sqlite3"
    size = Path(profile.path).stat().st_size
    dialog = new_dialog(qtbot, store, profile_name="Демо-техникум", login="prepod")
    assert dialog.login_edit.text() == "prepod"
    assert dialog.focusWidget() is dialog.password_edit
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        type_credentials(qtbot, dialog, "prepod", DEMO_PASSWORD)
    assert "teacher" in dialog.session.user.roles
    dialog.session.close()
    # The second start finds the demo filled and the profile there: nothing is added twice.
    assert app.main(["--demo", "--smoke-test"]) == 0
    assert [p.name for p in ProfileStore().profiles()] == ["Демо-техникум"]
    assert Path(profile.path).stat().st_size >= size


def test_the_profile_editor_checks_what_is_typed(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    from ejournal_desktop.ui.login_dialog import ProfileEditor

    editor = ProfileEditor(None, {"Локальная база"})
    qtbot.addWidget(editor)
    editor.show()
    save = editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert editor.error_label.text() == "Введите название подключения."
    qtbot.keyClicks(editor.name_edit, "Server")
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("server"))
    assert editor.host_edit.isVisible() and not editor.path_edit.isVisible()
    editor.host_edit.clear()
    qtbot.keyClicks(editor.host_edit, "10.0.0.5")
    editor.ssl_combo.setCurrentIndex(editor.ssl_combo.findData("require"))
    with qtbot.waitSignal(editor.accepted, timeout=1000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert editor.profile() == Profile(name="Server", kind="server", host="10.0.0.5", sslmode="require")
