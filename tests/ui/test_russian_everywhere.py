"""Russian everywhere: every screen of every role, walked offscreen on a copy of the demo college.

For each demo login the main window is opened and every navigation section shown; the visible texts
of labels, buttons, headers, menus, tabs, placeholders and tooltips are collected, and any English
word left fails the test (only proper names — PostgreSQL, SQLite, XLSX, PDF … — and key caps are
allowed). The table cells shown must carry dates as дд.мм.гггг, and the journal's averages a decimal
comma. Qt's own dialogs speak Russian too (qtbase_ru is loaded).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

from ejournal_desktop.app import install_qt_translation
from ejournal_desktop.services.auth import Profile
from tests.ui.conftest import open_demo_window

DEMO_LOGINS = ("prepod", "kurator", "zamdir", "sekretar", "admin", "student", "roditel")

# Proper names of products and formats, and the caps of keys (printed in Latin on every keyboard).
ALLOWED = {
    "PostgreSQL",
    "SQLite",
    "XLSX",
    "PDF",
    "CSV",
    "ZIP",
    "SSL",
    "SHA",  # SHA-256, the checksum of a backup
    "Excel",
    "Qt",
    "Python",
    "IP",
    "E-mail",
    "e-mail",
    "Email",
    "Ctrl",
    "Shift",
    "Alt",
    "Enter",
    "Esc",
    "Del",
    "Tab",
    "Backspace",
    "Home",
    "End",
    "PgUp",
    "PgDown",
    # PostgreSQL's own names of the SSL modes, shown in brackets beside the Russian ones: the DBA's
    # notes and pg_hba.conf use them.
    "disable",
    "allow",
    "prefer",
    "require",
    "verify-ca",
    "verify-full",
    # The mail protocol and its encryptions, as every mail provider's instructions name them.
    "SMTP",
    "STARTTLS",
    "TLS",
}
WORD = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]")
PATH_LIKE = re.compile(r"(?:[A-Za-z]:\\|/)[^\s«»,;()]+|[\w.-]+\.(?:sqlite3|sqlite|db|xlsx|pdf|zip|html)\b|\S+@\S+")
LOGIN_LIKE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")  # a login shown as an example (ivanov_ii) is data
HOST_LIKE = re.compile(r"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:ru|com|net|org|example)\b")  # smtp.yandex.ru is data
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# A number with a decimal point: 4.25, 4.5, 85.5, 100.0 — but not a date (29.11, 29.11.2026) or a version.
DECIMAL_POINT = re.compile(r"(?<![\d.])(?:\d\.\d{1,2}|\d{2,3}\.\d)(?![\d.])")
ROWS_TO_READ = 40


def english_words(text: str, login: str) -> list[str]:
    text = HOST_LIKE.sub(" ", LOGIN_LIKE.sub(" ", PATH_LIKE.sub(" ", text.replace(login, " "))))
    return [word for word in WORD.findall(text) if word not in ALLOWED and not re.fullmatch(r"F\d{1,2}", word)]


def plain(text: str) -> str:
    if "<" in text and ">" in text:
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    for action in menu.actions():
        yield from action_texts(action, where)


def action_texts(action: QAction, where: str) -> Iterator[tuple[str, str]]:
    if action.isSeparator() or not action.isVisible():
        return
    yield f"{where} › пункт меню", action.text().replace("&", "")
    if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
        yield f"{where} › подсказка пункта «{action.text()}»", action.toolTip()
    if action.menu() is not None:
        yield from menu_texts(action.menu(), f"{where} › {action.text()}")


def widget_texts(root: QWidget, where: str) -> Iterator[tuple[str, str]]:
    """(where, text) for every visible text a person sees in `root` (without table cells)."""
    yield f"{where} › заголовок окна", root.windowTitle()
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        name = f"{where} › {type(widget).__name__} {widget.objectName()}".rstrip()
        if widget.toolTip():
            yield f"{name} (подсказка)", plain(widget.toolTip())
        if isinstance(widget, QLabel):
            yield name, plain(widget.text())
        elif isinstance(widget, QAbstractButton):
            yield name, widget.text().replace("&", "")
        elif isinstance(widget, QLineEdit):
            yield f"{name} (подсказка в поле)", widget.placeholderText()
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                yield f"{name} (вариант)", widget.itemText(index)
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                yield f"{name} (вкладка)", widget.tabText(index).replace("&", "")
        elif isinstance(widget, QListWidget):
            for index in range(widget.count()):
                yield f"{name} (строка)", widget.item(index).text()
        if isinstance(widget, (QTableView, QTreeView)) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount(QModelIndex())):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.headerData(column, Qt.Orientation.Horizontal, role)
                    if value:
                        yield f"{name} (заголовок столбца)", str(value)
        for action in widget.actions():
            yield from action_texts(action, name)


def cell_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    for view in root.findChildren(QTableView) + root.findChildren(QTreeView):
        if not view.isVisible() or view.model() is None:
            continue
        model = view.model()
        for row in range(min(model.rowCount(QModelIndex()), ROWS_TO_READ)):
            for column in range(model.columnCount(QModelIndex())):
                value = model.index(row, column, QModelIndex()).data(Qt.ItemDataRole.DisplayRole)
                if value is not None:
                    yield f"{type(view).__name__} [{row}, {column}]", str(value)


def settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Let the screens' background queries come back and fill the tables."""
    for _ in range(6):
        qtbot.wait(60)


def test_qt_speaks_russian(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert install_qt_translation(app)
    box = QMessageBox(QMessageBox.Icon.Question, "Вопрос", "Удалить?", QMessageBox.StandardButton.Yes)
    box.addButton(QMessageBox.StandardButton.No)
    box.addButton(QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    texts = {
        box.button(b).text().replace("&", "") for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No)
    }
    assert texts == {"Да", "Нет"}
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Close).text().replace("&", "") == "Закрыть"


@pytest.mark.parametrize("login", DEMO_LOGINS)
def test_every_screen_of_every_role_is_in_russian(qtbot, demo_file: Path, login: str) -> None:  # type: ignore[no-untyped-def]
    install_qt_translation(QApplication.instance())
    window = open_demo_window(qtbot, demo_file, login)
    found: list[str] = []
    iso_dates: list[str] = []
    decimal_points: list[str] = []
    try:
        assert window.section_keys(), f"{login}: no sections"
        for entry in window.menuBar().actions():
            found += [f"{w}: {t!r}" for w, t in action_texts(entry, "меню") if english_words(t, login)]
        for key in window.section_keys():
            window.open_section(key)
            settle(qtbot)
            where = f"{login} › {key}"
            for place, text in widget_texts(window, where):
                words = english_words(text, login)
                if words:
                    found.append(f"{place}: {text!r} → {words}")
            for place, text in cell_texts(window.page(key)):
                if ISO_DATE.search(text):
                    iso_dates.append(f"{where} › {place}: {text!r}")
                if DECIMAL_POINT.search(text):
                    decimal_points.append(f"{where} › {place}: {text!r}")
    finally:
        window.close()
    assert found == [], "English left on screen:\n" + "\n".join(dict.fromkeys(found))
    assert iso_dates == [], "dates not as дд.мм.гггг:\n" + "\n".join(iso_dates)
    assert decimal_points == [], "numbers with a decimal point, not a comma:\n" + "\n".join(decimal_points)


def test_the_checks_would_see_english_iso_dates_and_decimal_points() -> None:
    assert english_words("Сохранить (Save)", "prepod") == ["Save"]
    assert english_words("файл /tmp/demo.sqlite3, логин prepod, Ctrl+S, PDF", "prepod") == []
    assert ISO_DATE.search("с 2026-11-29")
    assert [m.group() for m in DECIMAL_POINT.finditer("4.25 85.5 4,25 29.11 29.11.2026 0.1.0")] == ["4.25", "85.5"]


def test_the_journal_shows_averages_with_a_decimal_comma(qtbot, demo_file: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_demo_window(qtbot, demo_file, "prepod")
    try:
        window.open_section("journals")
        screen = window.page("journals")
        qtbot.waitUntil(lambda: screen.list.model.rowCount() > 0, timeout=10_000)
        view = screen.open_journal(screen.list.journals()[0].assignment_id)
        qtbot.waitUntil(lambda: view.model is not None and view.model.rowCount() > 0, timeout=10_000)
        settle(qtbot)
        model = view.model
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        column = headers.index("Ср. балл")
        values = [model.index(r, column).data() for r in range(model.rowCount())]
        assert any(v != "—" for v in values)
        assert all(re.fullmatch(r"\d,\d\d|—", v) for v in values), values
        assert window.findChildren(QWidget)  # the grid is on screen
        for place, text in widget_texts(view, "журнал"):
            assert not english_words(text, "prepod"), f"{place}: {text!r}"
    finally:
        window.close()


def test_the_dialogs_are_in_russian_too(qtbot, demo_file: Path) -> None:  # type: ignore[no-untyped-def]
    """The login window, the connection editor, the settings (every tab, as the admin) and the help."""
    from ejournal_desktop.ui.help_browser import HelpBrowser
    from ejournal_desktop.ui.login_dialog import LoginDialog, ProfileEditor
    from ejournal_desktop.ui.profiles import ProfileStore
    from ejournal_desktop.ui.settings_dialog import SettingsDialog

    install_qt_translation(QApplication.instance())
    store = ProfileStore()
    store.save(Profile(name="Демо", kind="embedded", path=str(demo_file)))
    window = open_demo_window(qtbot, demo_file, "admin")
    dialogs: list[QWidget] = [LoginDialog(store), ProfileEditor(None, set()), HelpBrowser()]
    settings = SettingsDialog(window.session, parent=window)
    dialogs.append(settings)
    found = []
    try:
        for dialog in dialogs:
            dialog.show()
            qtbot.waitExposed(dialog)
            tabs = dialog.findChild(QTabWidget)
            for index in range(tabs.count() if tabs is not None else 1):
                if tabs is not None:
                    tabs.setCurrentIndex(index)
                for place, text in widget_texts(dialog, type(dialog).__name__):
                    if english_words(text, "admin"):
                        found.append(f"{place}: {text!r}")
            if isinstance(dialog, ProfileEditor):  # the server's rows are hidden until chosen
                dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("server"))
                for place, text in widget_texts(dialog, "ProfileEditor (сервер)"):
                    if english_words(text, "admin"):
                        found.append(f"{place}: {text!r}")
            dialog.close()
    finally:
        window.close()
    assert settings.college is not None  # the admin has the college's tab
    assert found == [], "English left on screen:\n" + "\n".join(dict.fromkeys(found))
