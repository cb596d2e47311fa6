"""The main window: the sections the person's roles allow on the left, the open section on the right.

Screens plug in through `PAGE_FACTORIES` (section key → factory); a section without a screen yet
shows an honest placeholder. Pages are built on first visit, so opening the window costs nothing
for sections the person never opens.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.permissions import Section, sections_for
from ejournal_desktop.domain.roles import Role, parse_roles
from ejournal_desktop.services import auth
from ejournal_desktop.services.auth import CurrentUser, UserSession
from ejournal_desktop.ui.i18n import tr, tr_label
from ejournal_desktop.ui.partials.title_label import title_label

PageFactory = Callable[[UserSession, Section], QWidget]

# Section key → the screen of that section. Later modules add theirs:
#     PAGE_FACTORIES["journals"] = JournalsPage   # JournalsPage(session, section)
PAGE_FACTORIES: dict[str, PageFactory] = {}

NAVIGATION_STYLE = "QListWidget#navigation { outline: 0; } QListWidget#navigation::item { padding: 6px 8px; }"
BACKEND_LABELS = {"postgresql": tr("PostgreSQL (сервер)"), "sqlite": tr("SQLite (встроенная база)")}


def register_page(key: str) -> Callable[[PageFactory], PageFactory]:
    """Decorator form: `@register_page("journals")` over a QWidget subclass or a function."""

    def add(factory: PageFactory) -> PageFactory:
        PAGE_FACTORIES[key] = factory
        return factory

    return add


def role_labels(user: CurrentUser) -> str:
    """The person's roles in Russian, in the order of the role list (admin first)."""
    held = parse_roles(user.roles)
    return ", ".join(tr_label(role.label) for role in Role if role in held)


def window_title(user: CurrentUser) -> str:
    return tr("ЭЖ — {0} ({1})").format(user.full_name, role_labels(user))


class PlaceholderPage(QWidget):
    """A section whose screen is not written yet: says so plainly."""

    def __init__(self, session: UserSession, section: Section) -> None:
        super().__init__()
        title = title_label(tr_label(section.title_ru), 1.5)
        note = QLabel(tr("Раздел в разработке"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    """Owns the session: closing the window or switching the user closes it (and its connections)."""

    logout_requested = Signal()  # «Сменить пользователя»: the session is closed already
    closed = Signal()  # the window was closed otherwise («Выход», the title bar's ×)

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.sections = sections_for(session.user.roles, is_curator=session.user.is_curator)
        self._pages: dict[str, QWidget] = {}
        self._session_closed = False
        self._switching_user = False

        self.setWindowTitle(window_title(session.user))
        self.resize(1100, 700)
        self._build_navigation()
        self._build_menus()
        self._build_status_bar()
        self._install_extras()
        self._show_backup_reminder()
        self._install_message_badge()
        self._install_edit_window_menu()
        if self.sections:
            self.navigation.setCurrentRow(0)

    # -- building -------------------------------------------------------------------------

    def _build_navigation(self) -> None:
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setStyleSheet(NAVIGATION_STYLE)
        self.stack = QStackedWidget()
        for section in self.sections:
            item = QListWidgetItem(tr_label(section.title_ru))
            item.setData(Qt.ItemDataRole.UserRole, section.key)
            self.navigation.addItem(item)
            self.stack.addWidget(QWidget())  # replaced by the real page on first visit
        widest = max(
            (self.navigation.fontMetrics().horizontalAdvance(tr_label(s.title_ru)) for s in self.sections), default=100
        )
        self.navigation.setMinimumWidth(widest + 40)
        self.navigation.currentRowChanged.connect(self._show_section)

        splitter = QSplitter()
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.stack)
        splitter.setCollapsible(0, False)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([widest + 60, 900])
        self.setCentralWidget(splitter)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(tr("&Файл"))
        self.switch_user_action = QAction(tr("Сменить пользователя"), self)
        self.switch_user_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.switch_user_action.triggered.connect(self.switch_user)
        file_menu.addAction(self.switch_user_action)
        self.change_password_action = QAction(tr("Сменить пароль…"), self)
        self.change_password_action.triggered.connect(self.change_password)
        file_menu.addAction(self.change_password_action)
        file_menu.addSeparator()
        self.quit_action = QAction(tr("Выход"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        help_menu = self.menuBar().addMenu(tr("&Справка"))
        self.about_action = QAction(tr("О программе"), self)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        user = self.session.user
        self.user_label = QLabel(f"{user.full_name} ({user.login})")
        self.profile_label = QLabel(self.session.profile.describe())
        self.backend_label = QLabel(BACKEND_LABELS.get(self.session.backend, self.session.backend))
        for label in (self.user_label, self.profile_label, self.backend_label):
            label.setContentsMargins(6, 0, 6, 0)
            self.statusBar().addPermanentWidget(label)
        self.statusBar().setSizeGripEnabled(True)

    def _install_extras(self) -> None:
        """Settings, help (F1), the support file and the person's UI state: ui/main_window_extras.py."""
        from ejournal_desktop.ui.main_window_extras import install_extras

        install_extras(self)

    def _show_backup_reminder(self) -> None:
        """The admin's banner in the status bar when the last verified backup is too old (issue 7).

        Read off the GUI thread: the banner is put into the status bar (and here) when the read comes back."""
        from ejournal_desktop.ui.backup_dialog import reminder_banner

        self.backup_reminder: QLabel | None = None
        reminder_banner(self)

    # -- sections -------------------------------------------------------------------------

    def section_keys(self) -> list[str]:
        return [section.key for section in self.sections]

    def page(self, key: str) -> QWidget:
        """The page of a section, built now if it was not visited yet."""
        if key not in self._pages:
            index = self.section_keys().index(key)
            section = self.sections[index]
            factory = PAGE_FACTORIES.get(key, PlaceholderPage)
            page = factory(self.session, section)
            stub = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(stub)
            stub.deleteLater()
            self._pages[key] = page
        return self._pages[key]

    def open_section(self, key: str) -> None:
        self.navigation.setCurrentRow(self.section_keys().index(key))

    @Slot(int)
    def _show_section(self, row: int) -> None:
        if 0 <= row < len(self.sections):
            self.stack.setCurrentWidget(self.page(self.sections[row].key))

    # -- actions --------------------------------------------------------------------------

    def about_text(self) -> str:
        from ejournal_desktop.ui.main_window_extras import about_html

        return about_html(self)  # version, database and server versions, paths

    @Slot()
    def show_about(self) -> None:
        QMessageBox.about(self, tr("О программе"), self.about_text())

    @Slot()
    def change_password(self) -> None:
        from ejournal_desktop.ui.change_password_dialog import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.session, parent=self)
        if dialog.exec():
            self.statusBar().showMessage(tr("Пароль изменён"), 5000)

    def close_session(self) -> None:
        if not self._session_closed:
            self._session_closed = True
            auth.logout(self.session)

    @Slot()
    def switch_user(self) -> None:
        """Log out and ask the shell for the login dialog again."""
        self._switching_user = True
        self.close()
        self.logout_requested.emit()

    # -- unread badges (issue 8: messages) ---------------------------------------------------

    def _install_edit_window_menu(self) -> None:
        """«Журнал → Срок исправлений…» for the deputy and the admin: ui/edit_window_dialog.py."""
        from ejournal_desktop.ui.edit_window_dialog import install_menu

        self.edit_window_action = install_menu(self, self.session)

    def _install_message_badge(self) -> None:
        """The unread-messages count on «Сообщения», kept live: ui/messages_screen.UnreadWatcher."""
        if "messages" in self.section_keys():
            from ejournal_desktop.ui.messages_screen import UnreadWatcher

            self.unread_watcher = UnreadWatcher(self.session, self)
            self.unread_watcher.changed.connect(lambda count: self.set_section_badge("messages", count))
            self.unread_watcher.start()

    def set_section_badge(self, key: str, count: int) -> None:
        """Show «Title (N)» in bold on a navigation item while N > 0."""
        if key not in self.section_keys():
            return
        index = self.section_keys().index(key)
        item = self.navigation.item(index)
        title = tr_label(self.sections[index].title_ru)
        item.setText(f"{title} ({count})" if count > 0 else title)
        font = item.font()
        font.setBold(count > 0)
        item.setFont(font)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_session()
        super().closeEvent(event)
        if not self._switching_user:
            self.closed.emit()


# Screens register themselves with @register_page on import (kept last: they import this module).
from ejournal_desktop.ui import (  # noqa: E402, F401
    accounts_screen,
    audit_screen,
    backup_dialog,
    board_screen,
    contingent_screen,
    control_screen,
    diary_screen,
    journals_screen,
    load_screen,
    messages_screen,
    my_group_screen,
    portfolio_screen,
    reports_screen,
)
