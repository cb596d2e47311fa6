"""«Смена пароля»: the person changes their own password — forced after a temporary one, or from the menu.

Forced (the account's must_change_password): shown right after the login, before the main window;
«Выйти» there ends the session. The service checks the current password and the rules (≥ 8 characters,
not the login) and says what is wrong in Russian; the field at fault is outlined. A password remembered
in the OS keyring is replaced by the new one, so the next login does not fail with the old.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.errors import DomainError, ValidationError
from ejournal_desktop.services import accounts, credentials
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.i18n import tr

ERROR_STYLE = "color: #b00020;"
BAD_FIELD_STYLE = "border: 1px solid #b00020;"
FORCED_NOTE = tr(
    "Вы вошли с временным паролем. Придумайте свой пароль — не короче "
    "{0} знаков и не совпадающий с логином. Временный пароль больше не понадобится."
).format(accounts.MIN_PASSWORD_LENGTH)
RULES_NOTE = tr("Новый пароль: не короче {0} знаков и не совпадающий с логином.").format(accounts.MIN_PASSWORD_LENGTH)


class ChangePasswordDialog(QDialog):
    def __init__(self, session: UserSession, *, forced: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.forced = forced
        self.setWindowTitle(tr("Смена пароля"))
        self.setMinimumWidth(440)

        note = QLabel(FORCED_NOTE if forced else RULES_NOTE)
        note.setWordWrap(True)
        who = QLabel(tr("{0} (логин {1})").format(session.user.full_name, session.user.login))
        self.old_edit = self._password_edit()
        self.new_edit = self._password_edit()
        self.repeat_edit = self._password_edit()
        self.fields = {"old_password": self.old_edit, "new_password": self.new_edit, "repeat": self.repeat_edit}
        form = QFormLayout()
        form.addRow(tr("Текущий пароль:"), self.old_edit)
        form.addRow(tr("Новый пароль:"), self.new_edit)
        form.addRow(tr("Повторите новый:"), self.repeat_edit)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("Сменить пароль"))
        self.ok_button.setDefault(True)
        # Forced: there is no way into the journal without a new password, only out of it.
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Выйти") if forced else tr("Отмена"))
        self.buttons.accepted.connect(self.try_change)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.old_edit.setFocus()

    @staticmethod
    def _password_edit() -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def show_error(self, message: str, field: str | None) -> None:
        self.error_label.setText(message)
        bad = self.fields.get(field or "")
        if bad is not None:
            bad.setStyleSheet(BAD_FIELD_STYLE)
            bad.selectAll()
            bad.setFocus()

    @Slot()
    def try_change(self) -> None:
        for edit in self.fields.values():
            edit.setStyleSheet("")
        old, new = self.old_edit.text(), self.new_edit.text()
        try:
            if new != self.repeat_edit.text():
                raise ValidationError(tr("Новый пароль и повтор не совпадают"), field="repeat")
            accounts.change_own_password(self.session, old, new)
        except DomainError as exc:
            self.show_error(exc.message, exc.field)
            return
        self._update_keyring(new)
        self.accept()

    def _update_keyring(self, new: str) -> None:
        """A remembered password must follow the change, or the next login would fail with the old one."""
        profile, login = self.session.profile, self.session.user.login
        if credentials.recall_password(profile, login) is not None:
            credentials.remember_password(profile, login, new)
