"""F1 help, «Файл → Настройки…», «О программе», the support file, the keyboard: on the real window."""

from __future__ import annotations

import zipfile

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QWidget

from ejournal_desktop.domain.permissions import SECTIONS
from ejournal_desktop.domain.roles import Role
from ejournal_desktop.resources_path import resource
from ejournal_desktop.services.auth import Profile
from ejournal_desktop.ui.app_settings import AppSettings
from ejournal_desktop.ui.help_browser import HelpBrowser, topic_for
from ejournal_desktop.ui.login_dialog import LoginDialog
from ejournal_desktop.ui.main_window import MainWindow
from ejournal_desktop.ui.main_window_extras import menu_of
from ejournal_desktop.ui.partials.table_model import ROW_ROLE
from ejournal_desktop.ui.settings_dialog import SettingsDialog
from tests.ui.conftest import open_demo_window


def activate(qtbot, window: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Key shortcuts go to the active window only (waitActive is a context manager in pytest-qt)."""
    with qtbot.waitActive(window):
        window.activateWindow()


def help_window(window: QWidget) -> HelpBrowser | None:
    return window.findChild(HelpBrowser)


# -- help ---------------------------------------------------------------------------------------


def test_every_section_and_role_has_a_help_page_in_russian() -> None:
    for section in SECTIONS:
        for role in Role:
            page = resource("help", topic_for(section.key, [role.value]))
            assert page.is_file(), (section.key, role)
    for page in resource("help").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<title>" in text, page.name
        assert "Содержание" in text or page.name == "index.html", page.name


@pytest.mark.parametrize(
    ("login", "section", "topic", "title"),
    [
        ("prepod", "journals", "journal.html", "Как заполнять журнал"),
        ("admin", "accounts", "credentials.html", "Как выдать логины и пароли"),
        ("admin", "backup", "backup.html", "Как сделать резервную копию"),
        ("sekretar", "contingent", "import.html", "Импорт списков обучающихся"),
        ("zamdir", "audit", "control.html", "Контроль журналов"),
        ("roditel", "diary", "diary.html", "Дневник"),
    ],
)
def test_f1_opens_the_guide_of_the_open_screen(qtbot, demo_file, login, section, topic, title) -> None:  # type: ignore[no-untyped-def]
    window = open_demo_window(qtbot, demo_file, login)
    try:
        window.open_section(section)
        activate(qtbot, window)
        qtbot.keyClick(window, Qt.Key.Key_F1)
        browser = help_window(window)
        assert browser is not None and browser.isVisible()
        assert browser.topic() == topic
        assert browser.windowTitle() == f"Справка ЭЖ — {title}"
        assert title in browser.browser.toPlainText()
        # A link inside the guide works, and «Назад» comes back.
        browser.browser.setSource(browser.browser.source().resolved("index.html"))
        assert browser.topic() == "index.html"
        qtbot.mouseClick(browser.back_button, Qt.MouseButton.LeftButton)
        assert browser.topic() == topic
        # F1 again on another screen: the same window, the new topic.
        others = [k for k in window.section_keys() if topic_for(k, window.session.user.roles) != topic]
        if others:
            window.open_section(others[0])
            activate(qtbot, window)
            qtbot.keyClick(window, Qt.Key.Key_F1)
            assert window.findChildren(HelpBrowser) == [browser]
            assert browser.topic() == topic_for(others[0], window.session.user.roles)
    finally:
        window.close()


def test_f1_on_the_login_window_opens_the_contents(qtbot, demo_file) -> None:  # type: ignore[no-untyped-def]
    from ejournal_desktop.app import Shell
    from ejournal_desktop.ui.profiles import ProfileStore

    store = ProfileStore()
    store.save(Profile(name="Демо", kind="embedded", path=str(demo_file)))
    shell = Shell(store, quit_app=lambda: None)
    dialog = shell.show_login()
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    qtbot.keyClick(dialog.login_edit, Qt.Key.Key_F1)
    browser = dialog.findChild(HelpBrowser)
    assert browser is not None and browser.topic() == "index.html"
    dialog.reject()


# -- settings -----------------------------------------------------------------------------------


def accept_when_shown(qtbot, on_shown) -> None:  # type: ignore[no-untyped-def]
    """The next modal dialog: call on_shown(dialog) once it is on screen (exec() blocks)."""

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            qtbot_timer()
            return
        on_shown(dialog)

    def qtbot_timer() -> None:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(50, check)

    qtbot_timer()


def test_the_admin_sets_the_college_and_the_font_through_the_menu(qtbot, demo_file) -> None:  # type: ignore[no-untyped-def]
    from ejournal_desktop.services import settings as college

    window = open_demo_window(qtbot, demo_file, "admin")
    app = QApplication.instance()
    base = app.font().pointSizeF()
    seen: dict[str, object] = {}

    def fill(dialog: SettingsDialog) -> None:
        seen["tabs"] = [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())]
        dialog.appearance.font_combo.setCurrentIndex(dialog.appearance.font_combo.findData(130))
        tab = dialog.college
        tab.director_edit.setText("Петров И. И.")
        tab.deputy_edit.setText("Смирнова А. А.")
        tab.reminder_spin.setValue(5)
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    try:
        accept_when_shown(qtbot, fill)
        activate(qtbot, window)
        qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)  # «Настройки…» Ctrl+,
        assert seen["tabs"] == ["Вид", "Подключения", "Техникум", "Почта"]
        stored = college.college_settings(window.session)
        assert (stored.director_name, stored.deputy_name, stored.backup_reminder_days) == (
            "Петров И. И.",
            "Смирнова А. А.",
            5,
        )
        assert stored.college_name == "ГБПОУ «Заречный аграрный техникум»"  # untouched
        assert app.font().pointSizeF() == pytest.approx(base * 1.3)
        assert AppSettings().font_scale == 130
        assert window.statusBar().currentMessage() == "Настройки сохранены"
    finally:
        from ejournal_desktop.ui.app_settings import apply_font_scale

        apply_font_scale(app, 100)
        window.close()


def test_a_teacher_has_no_college_tab_and_a_bad_value_is_refused(qtbot, demo_file) -> None:  # type: ignore[no-untyped-def]
    teacher = open_demo_window(qtbot, demo_file, "prepod")
    dialog = SettingsDialog(teacher.session, parent=teacher)
    qtbot.addWidget(dialog)
    assert dialog.college is None and dialog.tabs.count() == 2
    teacher.close()

    admin = open_demo_window(qtbot, demo_file, "admin")
    dialog = SettingsDialog(admin.session, parent=admin)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.college.name_edit.setText("Т" * 400)
    dialog.save()
    assert dialog.isVisible() and dialog.tabs.currentWidget() is dialog.college
    assert dialog.college.error_label.text() == "Название техникума: не длиннее 300 знаков"
    admin.close()


def open_settings_from_the_file_menu(qtbot, window: MainWindow, on_shown) -> None:  # type: ignore[no-untyped-def]
    """«Файл → Настройки…» through the menu bar: the action must sit in the «Файл» menu."""
    file_menu = next(action.menu() for action in window.menuBar().actions() if action.text().replace("&", "") == "Файл")
    assert window.settings_action in file_menu.actions()
    accept_when_shown(qtbot, on_shown)
    window.settings_action.trigger()


def test_the_admin_sets_up_the_mail_in_the_settings_and_a_teacher_has_no_mail_tab(qtbot, demo_file) -> None:  # type: ignore[no-untyped-def]
    from ejournal_desktop.services import mailer
    from ejournal_desktop.ui.smtp_settings import SmtpSettingsTab
    from tests.ui.conftest import type_text

    admin = open_demo_window(qtbot, demo_file, "admin")
    seen: dict[str, object] = {}

    def fill(dialog: SettingsDialog) -> None:
        seen["tabs"] = [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())]
        assert isinstance(dialog.mail, SmtpSettingsTab)
        dialog.tabs.setCurrentWidget(dialog.mail)
        for edit, value in (
            (dialog.mail.host_edit, "smtp.zarechny.example"),
            (dialog.mail.sender_edit, "ej@zarechny.example"),
        ):
            edit.clear()
            edit.setFocus()
            type_text(qtbot, edit, value)
        dialog.mail.security_combo.setCurrentIndex(dialog.mail.security_combo.findData("ssl"))
        seen["port"] = dialog.mail.port_spin.value()
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    try:
        assert not mailer.smtp_settings(admin.session).configured
        open_settings_from_the_file_menu(qtbot, admin, fill)
        assert seen["tabs"] == ["Вид", "Подключения", "Техникум", "Почта"] and seen["port"] == 465
        stored = mailer.smtp_settings(admin.session)
        assert (stored.host, stored.port, stored.security, stored.sender) == (
            "smtp.zarechny.example",
            465,
            "ssl",
            "ej@zarechny.example",
        )
    finally:
        admin.close()

    teacher = open_demo_window(qtbot, demo_file, "prepod")

    def look(dialog: SettingsDialog) -> None:
        seen["teacher"] = [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())]
        seen["mail"] = dialog.mail
        seen["smtp widgets"] = dialog.findChildren(SmtpSettingsTab)
        dialog.reject()

    try:
        open_settings_from_the_file_menu(qtbot, teacher, look)
        assert seen["teacher"] == ["Вид", "Подключения"]
        assert seen["mail"] is None and seen["smtp widgets"] == []
    finally:
        teacher.close()


def test_an_admin_who_never_set_up_the_mail_saves_the_other_tabs(qtbot, demo_file) -> None:  # type: ignore[no-untyped-def]
    """The untouched «Почта» tab writes nothing and does not block «Сохранить» with its empty server."""
    from ejournal_desktop.services import mailer

    admin = open_demo_window(qtbot, demo_file, "admin")
    dialog = SettingsDialog(admin.session, parent=admin)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.college.reminder_spin.setValue(9)
    qtbot.mouseClick(
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    try:
        assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Accepted
        assert mailer.smtp_settings(admin.session) == mailer.SmtpSettings()
        with admin.session.engine.connect() as conn:
            from sqlalchemy import text

            assert conn.execute(text("SELECT count(*) FROM app_setting WHERE key LIKE 'smtp%'")).scalar() == 0
    finally:
        admin.close()


def _edit_profiles(qtbot, dialog: SettingsDialog) -> None:  # type: ignore[no-untyped-def]
    """Rename «Демо» to «Кабинет 12», add «Сервер», remove «Старый» — each through its own modal window."""
    from ejournal_desktop.ui.login_dialog import ProfileEditor
    from tests.ui.conftest import type_text

    tab = dialog.profiles
    dialog.tabs.setCurrentWidget(tab)

    def rename(editor: ProfileEditor) -> None:
        editor.name_edit.clear()
        editor.name_edit.setFocus()
        type_text(qtbot, editor.name_edit, "Кабинет 12")
        qtbot.keyClick(editor.name_edit, Qt.Key.Key_Return)

    def add(editor: ProfileEditor) -> None:
        editor.name_edit.setFocus()
        type_text(qtbot, editor.name_edit, "Сервер")
        editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("server"))
        editor.host_edit.clear()
        editor.host_edit.setFocus()
        type_text(qtbot, editor.host_edit, "ej-server")
        qtbot.keyClick(editor.host_edit, Qt.Key.Key_Return)

    def yes(box: QWidget) -> None:
        from PySide6.QtWidgets import QMessageBox

        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()

    tab.list.setCurrentRow([tab.list.item(i).text() for i in range(tab.list.count())].index("Демо"))
    accept_when_shown(qtbot, rename)
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    accept_when_shown(qtbot, add)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    tab.list.setCurrentRow([tab.list.item(i).text() for i in range(tab.list.count())].index("Старый"))
    accept_when_shown(qtbot, yes)
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert [tab.list.item(i).text() for i in range(tab.list.count())] == ["Кабинет 12", "Сервер"]


@pytest.mark.parametrize("login", ["prepod", "admin"])
def test_cancel_leaves_the_connections_as_they_were_and_save_writes_them(qtbot, demo_file, login) -> None:  # type: ignore[no-untyped-def]
    from ejournal_desktop.services import settings as college
    from ejournal_desktop.ui.profiles import ProfileStore, settings_path

    store = ProfileStore()
    store.save(Profile(name="Демо", kind="embedded", path=str(demo_file)))
    store.save(Profile(name="Старый", kind="embedded", path=str(demo_file.with_name("old.sqlite3"))))
    store.set_last_used("Демо", login)
    before = store.profiles()
    window = open_demo_window(qtbot, demo_file, login)
    app_settings = AppSettings()  # (opening the settings file stamps its version: before the snapshot)
    file_before = settings_path().read_bytes()
    try:
        dialog = SettingsDialog(window.session, app_settings, parent=window)
        qtbot.addWidget(dialog)
        dialog.show()
        _edit_profiles(qtbot, dialog)
        dialog.appearance.font_combo.setCurrentIndex(dialog.appearance.font_combo.findData(130))
        if dialog.college is not None:
            dialog.college.director_edit.setText("Отменённый И. И.")
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
        )
        assert dialog.result() == dialog.DialogCode.Rejected and not dialog.isVisible()
        assert ProfileStore().profiles() == before and ProfileStore().last_profile_name() == "Демо"
        assert settings_path().read_bytes() == file_before
        assert AppSettings().font_scale == 100
        assert college.college_settings(window.session).director_name != "Отменённый И. И."

        # The same edits, then «Сохранить»: now they are written, in place, the last login kept.
        dialog = SettingsDialog(window.session, app_settings, parent=window)
        qtbot.addWidget(dialog)
        dialog.show()
        _edit_profiles(qtbot, dialog)
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
        assert dialog.result() == dialog.DialogCode.Accepted
        after = ProfileStore()
        assert [p.name for p in after.profiles()] == ["Кабинет 12", "Сервер"]
        assert after.find("Кабинет 12").path == str(demo_file) and after.find("Сервер").host == "ej-server"
        assert after.last_profile_name() == "Кабинет 12" and after.last_login("Кабинет 12") == login
    finally:
        window.close()


# -- about, support, keyboard -----------------------------------------------------------------


def test_about_tells_versions_database_and_paths(qtbot, demo_file) -> None:  # type: ignore[no-untyped-def]
    window = open_demo_window(qtbot, demo_file, "admin")
    try:
        text = window.about_text()
        for expected in ("Версия ЭЖ", "0.1.0", "SQLite 3.", "Схема базы данных", str(demo_file), "Журнал работы"):
            assert expected in text
    finally:
        window.close()


def test_support_file_has_the_log_and_versions_and_no_secrets(qtbot, demo_file, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import logging

    from ejournal_desktop import app as app_module
    from ejournal_desktop.ui.main_window_extras import save_support_file

    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == app_module.LOG_FILE]:
        root.removeHandler(handler)  # an earlier test's file, in its own EJOURNAL_HOME
        handler.close()
    app_module.setup_logging()
    logging.getLogger("test").error("login failed: postgresql://prepod:Секрет-123@10.0.0.5/ej, phone +7 912 345-67-89")
    for handler in logging.getLogger().handlers:
        handler.flush()
    window = open_demo_window(qtbot, demo_file, "prepod")
    target = tmp_path / "поддержка"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    try:
        path = save_support_file(window)
    finally:
        window.close()
    assert path == f"{target}.zip"
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        versions = archive.read("versions.txt").decode("utf-8")
        log_text = archive.read("logs/ejournal-desktop.log").decode("utf-8")
    assert "versions.txt" in names
    assert "SQLite 3." in versions and "Вошёл: prepod" in versions and "ЭЖ: 0.1.0" in versions
    assert "login failed" in log_text and "prepod:***@" in log_text
    assert "Секрет-123" not in log_text and "345-67-89" not in log_text


def test_menus_show_their_keys(qtbot, demo_file) -> None:  # type: ignore[no-untyped-def]
    window = open_demo_window(qtbot, demo_file, "prepod")
    try:
        titles = [entry.text() for entry in window.menuBar().actions()]
        assert titles == ["&Файл", "&Справка"] or all("&" in t for t in titles)
        for action in (window.settings_action, window.help_action, window.switch_user_action, window.quit_action):
            assert not action.shortcut().isEmpty(), action.text()
        assert window.help_action.shortcut().toString() == "F1"
        assert window.settings_action in menu_of(window, window.quit_action).actions()
        assert window.support_action in menu_of(window, window.about_action).actions()
        for action in menu_of(window, window.quit_action).actions() + menu_of(window, window.about_action).actions():
            if not action.isSeparator():
                assert "&" in action.text() or not action.shortcut().isEmpty(), action.text()
    finally:
        window.close()


def test_the_login_window_tab_order(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    """Tab walks the login window in reading order: connection, its button, login, password, remember, buttons."""
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    activate(qtbot, dialog)
    dialog.profile_combo.setFocus()
    order = [dialog.focusWidget()]
    for _ in range(7):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    expected = [
        dialog.profile_combo,
        dialog.configure_button,
        dialog.login_edit,
        dialog.password_edit,
        dialog.remember_check,
        dialog.login_button,
        dialog.cancel_button,
        dialog.profile_combo,
    ]
    assert [w.objectName() or type(w).__name__ for w in order] == [w.objectName() or type(w).__name__ for w in expected]
    assert order == expected


def test_window_geometry_and_last_journal_are_remembered_per_login(qtbot, demo_file) -> None:  # type: ignore[no-untyped-def]
    window = open_demo_window(qtbot, demo_file, "prepod")
    window.resize(720, 530)  # the offscreen screen is 800×600: restoreGeometry keeps a window inside it
    screen = window.page("journals")
    qtbot.waitUntil(lambda: screen.list.model.rowCount() > 1, timeout=10_000)
    second = screen.list.journals()[1].assignment_id
    screen.open_journal(second)
    window.close()
    settings = AppSettings()
    assert settings.last_journal("prepod") == second
    assert settings.window_geometry("prepod") is not None

    again = open_demo_window(qtbot, demo_file, "prepod")
    try:
        assert (again.width(), again.height()) == (720, 530)
        screen = again.page("journals")
        qtbot.waitUntil(lambda: screen.list.table.currentIndex().isValid(), timeout=10_000)
        qtbot.waitUntil(lambda: screen.list.table.currentIndex().data(ROW_ROLE).assignment_id == second, timeout=5000)
    finally:
        again.close()


def test_column_widths_come_back_after_the_next_login(qtbot, demo_file) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QTableView

    from ejournal_desktop.ui.main_window_extras import ColumnMemory

    window = open_demo_window(qtbot, demo_file, "admin")
    window.open_section("accounts")
    table = window.page("accounts").findChildren(QTableView)[0]
    qtbot.waitUntil(lambda: table.model().rowCount() > 0, timeout=10_000)
    [memory] = [m for m in window.findChildren(ColumnMemory) if m.table is table]
    table.horizontalHeader().resizeSection(0, 333)
    memory._dirty = True  # what a drag of the border by the mouse marks
    window.close()  # saves

    again = open_demo_window(qtbot, demo_file, "admin")
    try:
        again.open_section("accounts")
        table = again.page("accounts").findChildren(QTableView)[0]
        qtbot.waitUntil(lambda: table.model().rowCount() > 0, timeout=10_000)
        qtbot.waitUntil(lambda: table.horizontalHeader().sectionSize(0) == 333, timeout=3000)
    finally:
        again.close()
