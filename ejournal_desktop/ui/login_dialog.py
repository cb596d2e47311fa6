"""«Вход в ЭЖ»: choose where the journal lives, give login and password, get a `UserSession`.

The check itself (`services.auth.login`) runs in a QThreadPool worker: a server that does not
answer takes up to the connect timeout, and the window must keep repainting meanwhile. Every
failure is a Russian sentence in a red label inside the dialog, never a traceback.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop import APP_TITLE
from ejournal_desktop.services.connection import DEMO_HINT, LoginError, Profile, is_demo_profile
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.partials.title_label import title_label
from ejournal_desktop.ui.profiles import ProfileStore

if TYPE_CHECKING:  # services.auth brings the database libraries: imported when logging in, not at start
    from types import ModuleType

    from ejournal_desktop.services.auth import UserSession


def _credentials() -> ModuleType:
    """services.credentials, imported when first needed: `keyring` and its backend search cost more
    than the rest of the login window (a fast start — see LoginDialog's `defer_keyring`)."""
    from ejournal_desktop.services import credentials

    return credentials


log = logging.getLogger(__name__)

UNEXPECTED_ERROR = tr(
    "Не удалось войти из-за внутренней ошибки программы. Подробности записаны в журнал работы программы."
)
NO_PROFILE = tr("Не настроено ни одного подключения: нажмите «Настроить…».")
ERROR_STYLE = "color: #b00020;"

KIND_LABELS = {"embedded": tr("Файл на этом компьютере"), "server": tr("Сервер техникума (PostgreSQL)")}
SSL_MODES = {
    "disable": tr("без шифрования (disable)"),
    "allow": tr("если сервер требует (allow)"),
    "prefer": tr("по возможности (prefer)"),
    "require": tr("обязательно (require)"),
    "verify-ca": tr("с проверкой сертификата (verify-ca)"),
    "verify-full": tr("с проверкой сертификата и имени (verify-full)"),
}
DATABASE_FILTER = tr("База ЭЖ (*.sqlite3 *.sqlite *.db);;Все файлы (*)")


# -- the worker ------------------------------------------------------------------------------


class _LoginSignals(QObject):
    succeeded = Signal(int, object)  # attempt, UserSession
    failed = Signal(int, str, str)  # attempt, message, field ("login", "password" or "")


class _LoginTask(QRunnable):
    """One login attempt off the GUI thread; reports through `signals` (queued to the GUI)."""

    def __init__(self, attempt: int, profile: Profile, login: str, password: str) -> None:
        super().__init__()
        self.signals = _LoginSignals()
        self._attempt, self._profile, self._login, self._password = attempt, profile, login, password

    def run(self) -> None:
        try:
            from ejournal_desktop.services import auth

            session = auth.login(self._profile, self._login, self._password)
        except LoginError as exc:
            self.signals.failed.emit(self._attempt, str(exc), exc.field or "")
        except Exception:
            log.exception("unexpected error while logging in to %s", self._profile.describe())
            self.signals.failed.emit(self._attempt, UNEXPECTED_ERROR, "")
        else:
            self.signals.succeeded.emit(self._attempt, session)
        finally:
            self._password = ""


# -- the profile editor ----------------------------------------------------------------------


class ProfileEditor(QDialog):
    """Name and place of one connection: the embedded file, or the server's address."""

    def __init__(self, profile: Profile | None, taken_names: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Подключение к базе ЭЖ"))
        self.setMinimumWidth(480)
        profile = profile or Profile(name="")
        self._taken = taken_names - {profile.name}

        self.name_edit = QLineEdit(profile.name)
        self.kind_combo = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.kind_combo.addItem(label, kind)

        self.path_edit = QLineEdit(profile.path)
        self.path_edit.setPlaceholderText(tr("например, C:\\ЭЖ\\journal.sqlite3"))
        browse = QPushButton(tr("Обзор…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)

        self.host_edit = QLineEdit(profile.host)
        self.host_edit.setPlaceholderText(tr("имя или IP-адрес сервера"))
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(profile.port)
        self.port_spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.database_edit = QLineEdit(profile.database)
        self.ssl_combo = QComboBox()
        for mode, label in SSL_MODES.items():
            self.ssl_combo.addItem(label, mode)
        self.ssl_combo.setCurrentIndex(max(0, self.ssl_combo.findData(profile.sslmode)))

        # One form, so that all labels line up; the rows of the other kind are hidden.
        self.form = QFormLayout()
        self.form.addRow(tr("Название:"), self.name_edit)
        self.form.addRow(tr("Где база:"), self.kind_combo)
        self.form.addRow(tr("Файл базы:"), file_row)
        self.form.addRow(tr("Сервер:"), self.host_edit)
        self.form.addRow(tr("Порт:"), self.port_spin)
        self.form.addRow(tr("База данных:"), self.database_edit)
        self.form.addRow(tr("Шифрование (SSL):"), self.ssl_combo)
        self._file_rows = [file_row]
        self._server_rows = [self.host_edit, self.port_spin, self.database_edit, self.ssl_combo]
        self.kind_combo.setCurrentIndex(1 if profile.is_server else 0)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Сохранить"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Отмена"))
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def profile(self) -> Profile:
        return Profile(
            name=self.name_edit.text().strip(),
            kind=self.kind_combo.currentData(),
            path=self.path_edit.text().strip(),
            host=self.host_edit.text().strip(),
            port=self.port_spin.value(),
            database=self.database_edit.text().strip(),
            sslmode=self.ssl_combo.currentData(),
        )

    @Slot()
    def _kind_changed(self) -> None:
        server = self.kind_combo.currentData() == "server"
        for row in self._file_rows:
            self.form.setRowVisible(row, not server)
        for row in self._server_rows:
            self.form.setRowVisible(row, server)
        self.adjustSize()

    def _problem(self) -> str:
        profile = self.profile()
        if not profile.name:
            return tr("Введите название подключения.")
        if profile.name in self._taken:
            return tr("Подключение «{0}» уже есть: выберите другое название.").format(profile.name)
        if profile.is_server and not profile.host:
            return tr("Укажите адрес сервера.")
        if profile.is_server and not profile.database:
            return tr("Укажите имя базы данных на сервере.")
        if not profile.is_server and not profile.path:
            return tr("Укажите файл базы данных.")
        return ""

    @Slot()
    def _save(self) -> None:
        problem = self._problem()
        if problem:
            self.error_label.setText(problem)
            self.error_label.show()
            return
        self.accept()

    @Slot()
    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Файл базы ЭЖ"), self.path_edit.text(), DATABASE_FILTER)
        if path:
            self.path_edit.setText(path)


# -- the login dialog ------------------------------------------------------------------------


class LoginDialog(QDialog):
    """After `exec()`/`accepted`, `session` holds the logged-in `UserSession`."""

    login_failed = Signal(str)  # the message shown

    def __init__(
        self,
        store: ProfileStore | None = None,
        parent: QWidget | None = None,
        *,
        profile_name: str | None = None,
        login: str | None = None,
        thread_pool: QThreadPool | None = None,
        defer_keyring: bool = False,
    ) -> None:
        """`defer_keyring`: ask the OS keyring (is it there, a remembered password) off the GUI thread
        after the window is shown, instead of before — the program's start does, to show it sooner."""
        super().__init__(parent)
        self.setWindowTitle(tr("Вход в ЭЖ"))
        self.setMinimumWidth(460)
        self.store = store or ProfileStore()
        self.session: UserSession | None = None
        self._pool = thread_pool or QThreadPool.globalInstance()
        self._attempt = 0
        self._task: _LoginTask | None = None
        self._pending: tuple[Profile, str, str] | None = None
        self._prefill_login = login
        self._keyring_ready = not defer_keyring

        self._build()
        self._fill_profiles(profile_name or self.store.last_profile_name())
        if defer_keyring:
            QTimer.singleShot(0, self._check_keyring)

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        title = title_label(APP_TITLE)
        subtitle = QLabel(tr("Войдите под своей учётной записью."))

        self.profile_combo = QComboBox()
        self.profile_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.profile_combo.setMinimumContentsLength(20)
        self.profile_combo.currentIndexChanged.connect(self._profile_changed)
        self.configure_button = QToolButton()
        self.configure_button.setText(tr("Настроить…"))
        self.configure_button.setToolTip(tr("Изменить выбранное подключение"))
        self.configure_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.configure_button.clicked.connect(self.edit_profile)
        menu = QMenu(self.configure_button)
        menu.addAction(tr("Изменить подключение…"), self.edit_profile)
        menu.addAction(tr("Новое подключение…"), self.new_profile)
        menu.addAction(tr("Удалить подключение"), self.remove_profile)
        self.configure_button.setMenu(menu)
        self.profile_hint = QLabel()
        self.profile_hint.setWordWrap(True)
        self.profile_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        profile_row = QHBoxLayout()
        profile_row.addWidget(self.profile_combo, 1)
        profile_row.addWidget(self.configure_button)
        profile_box = QVBoxLayout()
        profile_box.setSpacing(2)
        profile_box.addLayout(profile_row)
        profile_box.addWidget(self.profile_hint)
        self.profile_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.login_edit = QLineEdit()
        self.login_edit.setPlaceholderText(tr("например, ivanov_ii"))
        self.login_edit.editingFinished.connect(self._login_edited)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_check = QCheckBox(tr("Запомнить пароль"))
        if self._keyring_ready:
            self._show_keyring_state(*_credentials().keyring_available())
        else:
            self.remember_check.setEnabled(False)
            self.remember_check.setToolTip(tr("Проверяется хранилище паролей операционной системы…"))

        form = QFormLayout()
        form.addRow(tr("Подключение:"), profile_box)
        form.addRow(tr("Логин:"), self.login_edit)
        form.addRow(tr("Пароль:"), self.password_edit)
        form.addRow("", self.remember_check)

        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # indeterminate
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(12)
        self.busy_label = QLabel(tr("Подключение…"))
        self.busy_row = QWidget()
        busy_layout = QHBoxLayout(self.busy_row)
        busy_layout.setContentsMargins(0, 0, 0, 0)
        busy_layout.addWidget(self.busy_label)
        busy_layout.addWidget(self.busy_bar, 1)
        self.busy_row.hide()

        self.buttons = QDialogButtonBox()
        self.login_button = self.buttons.addButton(tr("Войти"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(tr("Отмена"), QDialogButtonBox.ButtonRole.RejectRole)
        self.login_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy_row)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    # -- profiles -------------------------------------------------------------------------

    def _fill_profiles(self, select: str | None) -> None:
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        for profile in self.store.profiles():
            self.profile_combo.addItem(profile.name, profile.name)
        index = self.profile_combo.findData(select) if select else -1
        self.profile_combo.setCurrentIndex(index if index >= 0 else 0)
        self.profile_combo.blockSignals(False)
        self._profile_changed()

    def current_profile(self) -> Profile | None:
        name = self.profile_combo.currentData()
        return self.store.find(name) if name else None

    @Slot()
    def _profile_changed(self) -> None:
        profile = self.current_profile()
        hint = profile.describe() if profile else NO_PROFILE
        if profile is not None and is_demo_profile(profile):
            hint += "\n" + DEMO_HINT
        self.profile_hint.setText(hint)
        self.profile_combo.setToolTip(profile.describe() if profile else "")
        if profile is None:
            return
        login = self._prefill_login or self.store.last_login(profile.name)
        self._prefill_login = None
        self.login_edit.setText(login)
        self._recall_password()
        self._focus_first_empty()

    def _focus_first_empty(self) -> None:
        target = self.password_edit if self.login_edit.text() else self.login_edit
        target.setFocus()
        target.selectAll()

    def _show_keyring_state(self, available: bool, reason: str) -> None:
        self.remember_check.setEnabled(available and not self.is_busy())
        self.remember_check.setToolTip(
            reason if not available else tr("Пароль будет храниться в хранилище паролей операционной системы.")
        )

    @Slot()
    def _check_keyring(self) -> None:
        from ejournal_desktop.ui.background import run_in_background

        def failed(_error: Exception) -> None:
            self._keyring_checked((False, _credentials().KEYRING_BROKEN_REASON))

        run_in_background(lambda: _credentials().keyring_available(), self._keyring_checked, failed, context=self)

    def _keyring_checked(self, state: tuple[bool, str]) -> None:
        self._keyring_ready = True
        self._show_keyring_state(*state)
        if state[0] and not self.password_edit.text() and not self.is_busy():
            self._recall_password()

    def _recall_password(self) -> None:
        if not self._keyring_ready:
            return
        profile = self.current_profile()
        remembered = _credentials().recall_password(profile, self.login_edit.text()) if profile else None
        self.password_edit.setText(remembered or "")
        self.remember_check.setChecked(remembered is not None)

    @Slot()
    def _login_edited(self) -> None:
        if not self.password_edit.text():
            self._recall_password()

    def _edit(self, profile: Profile | None) -> None:
        editor = ProfileEditor(profile, {p.name for p in self.store.profiles()}, self)
        if editor.exec() != QDialog.DialogCode.Accepted:
            return
        edited = editor.profile()
        self.store.save(edited, old_name=profile.name if profile else None)
        self._fill_profiles(edited.name)

    @Slot()
    def edit_profile(self) -> None:
        self._edit(self.current_profile())

    @Slot()
    def new_profile(self) -> None:
        self._edit(None)

    @Slot()
    def remove_profile(self) -> None:
        profile = self.current_profile()
        if profile is None:
            return
        answer = QMessageBox.question(
            self,
            tr("Удалить подключение"),
            tr("Удалить подключение «{0}»? Сама база данных не удаляется.").format(profile.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.store.remove(profile.name)
            self._fill_profiles(None)

    # -- logging in -----------------------------------------------------------------------

    def show_error(self, message: str, field: str = "") -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        if message:
            target = self.login_edit if field == "login" else self.password_edit
            target.setFocus()
            target.selectAll()
            self.login_failed.emit(message)

    def is_busy(self) -> bool:
        return self._pending is not None

    def _set_busy(self, busy: bool) -> None:
        self.busy_row.setVisible(busy)
        for widget in (self.login_button, self.profile_combo, self.configure_button, self.login_edit):
            widget.setEnabled(not busy)
        self.password_edit.setReadOnly(busy)
        self.remember_check.setEnabled(not busy and self._keyring_ready and _credentials().keyring_available()[0])

    @Slot()
    def submit(self) -> None:
        """Start a login attempt with what is typed (Enter or «Войти»)."""
        if self.is_busy():
            return
        profile = self.current_profile()
        if profile is None:
            self.show_error(NO_PROFILE)
            return
        self.show_error("")
        self._attempt += 1
        login, password = self.login_edit.text().strip(), self.password_edit.text()
        self._pending = (profile, login, password)
        self._set_busy(True)
        task = _LoginTask(self._attempt, profile, login, password)
        task.signals.succeeded.connect(self._succeeded)
        task.signals.failed.connect(self._failed)
        self._task = task  # the Python wrapper must outlive the run
        self._pool.start(task)

    @Slot(int, object)
    def _succeeded(self, attempt: int, session: UserSession) -> None:
        if attempt != self._attempt or self._pending is None:
            from ejournal_desktop.services import auth

            auth.logout(session)  # the dialog was cancelled meanwhile: drop the connection
            return
        profile, login, password = self._pending
        self._pending = None
        self._set_busy(False)
        if self.remember_check.isChecked():
            _credentials().remember_password(profile, login, password)
        else:
            _credentials().forget_password(profile, login)
        self.store.set_last_used(profile.name, login)
        self.session = session
        self.accept()

    @Slot(int, str, str)
    def _failed(self, attempt: int, message: str, field: str) -> None:
        if attempt != self._attempt or self._pending is None:
            return
        self._pending = None
        self._set_busy(False)
        self.show_error(message, field)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.is_busy() and not self.error_label.isVisible():
            self._focus_first_empty()

    def reject(self) -> None:
        self._pending = None  # a login still running is dropped when it reports
        self._attempt += 1
        super().reject()
