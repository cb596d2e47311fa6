"""What the main window gets beyond its sections: settings, help, support, and the person's UI state.

`install_extras(window)` (called once by MainWindow) adds
- «Файл → Настройки…» (Ctrl+,), «Справка → Справка по разделу» (F1), «Сохранить сведения для
  поддержки…»; the fuller «О программе» text is `about_html`;
- per login: the window's geometry, the column widths of the section tables, the last opened journal
  (selected again in «Мои журналы»).
Heavy modules (the settings dialog, the help browser, zip writing) are imported when first used.
"""

from __future__ import annotations

import datetime as dt
import logging
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QHeaderView, QMenu, QMessageBox, QTableView, QWidget

from ejournal_desktop import APP_TITLE, __version__
from ejournal_desktop.ui.app_settings import AppSettings, apply_font_scale
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.partials.table_model import ROW_ROLE

if TYPE_CHECKING:
    from ejournal_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def install_extras(window: MainWindow) -> None:
    window.app_settings = AppSettings()  # type: ignore[attr-defined]
    _add_actions(window)
    _restore_geometry(window)
    window.installEventFilter(_CloseWatcher(window))
    window.navigation.currentRowChanged.connect(lambda _row: _page_shown(window))


# -- menus ------------------------------------------------------------------------------------


def _add_actions(window: MainWindow) -> None:
    settings_action = QAction(tr("&Настройки…"), window)
    settings_action.setShortcut(QKeySequence("Ctrl+,"))
    settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    settings_action.triggered.connect(lambda: open_settings(window))
    file_menu = menu_of(window, window.quit_action)
    file_menu.insertAction(window.quit_action, settings_action)
    file_menu.insertSeparator(window.quit_action)
    window.settings_action = settings_action  # type: ignore[attr-defined]

    help_action = QAction(tr("&Справка по разделу"), window)
    help_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    help_action.triggered.connect(lambda: open_help(window))
    support_action = QAction(tr("Сохранить сведения для &поддержки…"), window)
    support_action.triggered.connect(lambda: save_support_file(window))
    help_menu = menu_of(window, window.about_action)
    help_menu.insertAction(window.about_action, help_action)
    help_menu.insertAction(window.about_action, support_action)
    help_menu.insertSeparator(window.about_action)
    window.help_action, window.support_action = help_action, support_action  # type: ignore[attr-defined]
    # Visible letters for the keyboard (Alt+Ф, then the letter); «Сменить пароль…» keeps its text and
    # gets a key shortcut shown in the menu instead.
    for action, text in (
        (window.switch_user_action, tr("Сменить &пользователя")),
        (window.quit_action, tr("&Выход")),
        (window.about_action, tr("&О программе")),
    ):
        if "&" not in action.text():
            action.setText(text)
    if window.change_password_action.shortcut().isEmpty():
        window.change_password_action.setShortcut(QKeySequence("Ctrl+Shift+P"))


def menu_of(window: MainWindow, action: QAction) -> QMenu:
    """The menu of the menu bar that holds the action."""
    for entry in window.menuBar().actions():
        menu = entry.menu()
        if isinstance(menu, QMenu) and action in menu.actions():
            return menu
    raise LookupError(action.text())


def current_section_key(window: MainWindow) -> str | None:
    row = window.navigation.currentRow()
    return window.sections[row].key if 0 <= row < len(window.sections) else None


def open_help(window: MainWindow) -> QWidget:
    from ejournal_desktop.ui.help_browser import show_help, topic_for

    return show_help(window, topic_for(current_section_key(window), window.session.user.roles))


def open_settings(window: MainWindow) -> None:
    from ejournal_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.session, window.app_settings, window)  # type: ignore[attr-defined]
    app = QApplication.instance()
    if isinstance(app, QApplication):
        dialog.font_scale_changed.connect(lambda percent: apply_font_scale(app, percent))
    if dialog.exec():
        window.statusBar().showMessage(tr("Настройки сохранены"), 5000)


def about_html(window: MainWindow) -> str:
    """Version, database and server versions and the paths (services.system_info gives them)."""
    from ejournal_desktop.services import system_info

    rows = [(tr("Версия ЭЖ"), __version__), ("Qt", qVersion())]
    try:
        info = system_info.database_info(window.session)
    except Exception as exc:
        log.warning("about: database info failed: %s", type(exc).__name__)
        rows.append((tr("База данных"), tr("сведения недоступны")))
    else:
        rows += [
            (tr("Сервер базы данных"), info.server_version),
            (tr("Схема базы данных"), info.schema_revision + ("" if info.schema_is_current else tr(" (устарела)"))),
            (tr("База"), info.location),
        ]
    versions = system_info.program_versions()
    rows += [(name, versions[name]) for name in ("Python", "SQLAlchemy", "psycopg", "libpq")]
    rows += list(system_info.program_paths().items())
    table = "".join(f"<tr><td>{escape(k)}:&nbsp;</td><td>{escape(str(v))}</td></tr>" for k, v in rows)
    return tr("<h3>{0}</h3><p>Электронный журнал успеваемости и посещаемости техникума.</p><table>{1}</table>").format(
        escape(APP_TITLE), table
    )


def save_support_file(window: MainWindow) -> str | None:
    from ejournal_desktop.services.support_bundle import write_support_zip

    default = tr("ЭЖ-сведения-{0:%Y%m%d-%H%M}.zip").format(dt.datetime.now())
    path, _ = QFileDialog.getSaveFileName(
        window, tr("Сохранить сведения для поддержки"), default, tr("Архив ZIP (*.zip)")
    )
    if not path:
        return None
    if not path.lower().endswith(".zip"):
        path += ".zip"
    try:
        write_support_zip(path, window.session, {"Qt": qVersion()})  # type: ignore[arg-type]
    except OSError as exc:
        QMessageBox.warning(
            window, tr("Сведения для поддержки"), tr("Не удалось записать файл {0}: {1}").format(path, exc.strerror)
        )
        return None
    window.statusBar().showMessage(tr("Сведения для поддержки сохранены: {0}").format(path), 8000)
    return path


# -- the person's UI state --------------------------------------------------------------------


def _login(window: MainWindow) -> str:
    return window.session.user.login


def _restore_geometry(window: MainWindow) -> None:
    geometry = window.app_settings.window_geometry(_login(window))  # type: ignore[attr-defined]
    if geometry is not None:
        window.restoreGeometry(geometry)


class _CloseWatcher(QObject):
    """Saves the geometry and the column widths when the window closes (any way it closes)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            settings: AppSettings = self.window.app_settings  # type: ignore[attr-defined]
            settings.set_window_geometry(_login(self.window), self.window.saveGeometry())
            for memory in self.window.findChildren(ColumnMemory):
                memory.save()
        return False


def _page_shown(window: MainWindow) -> None:
    key = current_section_key(window)
    if key is None:
        return
    page = window.page(key)
    if page.property("ejournal_extras"):
        return
    page.setProperty("ejournal_extras", True)
    settings: AppSettings = window.app_settings  # type: ignore[attr-defined]
    for index, table in enumerate(page.findChildren(QTableView)):
        ColumnMemory(table, settings, _login(window), f"{key}.{table.objectName() or index}")
    journal_opened = getattr(page, "journal_opened", None)
    if journal_opened is not None:
        journal_opened.connect(lambda view: settings.set_last_journal(_login(window), view.assignment_id))
        journal_list = getattr(page, "list", None)
        if journal_list is not None and hasattr(journal_list, "loaded"):
            journal_list.loaded.connect(
                lambda: select_last_journal(journal_list, settings.last_journal(_login(window)))
            )


def select_last_journal(journal_list: QWidget, assignment_id: int | None) -> bool:
    """Put the cursor on the journal opened last (Enter opens it again)."""
    if assignment_id is None:
        return False
    table: QTableView = journal_list.table  # type: ignore[attr-defined]
    model = table.model()
    for row in range(model.rowCount()):
        journal = model.index(row, 0).data(ROW_ROLE)
        if getattr(journal, "assignment_id", None) == assignment_id:
            table.setCurrentIndex(model.index(row, 0))
            table.scrollTo(model.index(row, 0))
            return True
    return False


class ColumnMemory(QObject):
    """Remembers a table's column widths per login; puts them back after each reload of the data
    (after the screen's own sizing), when the table has the same number of columns as before."""

    def __init__(self, table: QTableView, settings: AppSettings, login: str, key: str) -> None:
        super().__init__(table)
        self.table, self.settings, self.login, self.key = table, settings, login, key
        self.header = table.horizontalHeader()
        self._restoring = False
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(800)
        self._timer.timeout.connect(self.save)
        self.header.sectionResized.connect(self._resized)
        self.header.sectionCountChanged.connect(lambda _old, _new: QTimer.singleShot(0, self.restore))
        model = table.model()
        if model is not None:
            model.modelReset.connect(lambda: QTimer.singleShot(0, self.restore))
            model.layoutChanged.connect(lambda: QTimer.singleShot(0, self.restore))
        self.restore()

    def restore(self) -> None:
        widths = self.settings.column_widths(self.login, self.key)
        if not widths or len(widths) != self.header.count():
            return
        self._restoring = True
        try:
            for column, width in enumerate(widths):
                if self.header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
                    self.header.resizeSection(column, width)
        finally:
            self._restoring = False

    def _resized(self, _column: int, _old: int, _new: int) -> None:
        if not self._restoring and self.header.underMouse():
            self._dirty = True  # only what the person drags, not the screen's own sizing
            self._timer.start()

    def save(self) -> None:
        if self._dirty and self.header.count():
            widths = [self.header.sectionSize(column) for column in range(self.header.count())]
            self.settings.set_column_widths(self.login, self.key, widths)
            self._dirty = False
