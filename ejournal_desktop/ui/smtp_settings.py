"""The admin's mail settings: SMTP server, port, encryption, login, sender — and the password.

`SmtpSettingsTab` is a page for the settings dialog (a «Почта» tab for the admin) and
`SmtpSettingsDialog` the same page in a window of its own. The settings go to the database
(services.mailer.save_smtp_settings); the password never does: with «Запомнить пароль на этом
компьютере» ticked it goes to the operating system's keyring, otherwise it is asked at each
sending. Where no keyring exists the box is disabled and says why. «Проверить соединение» connects
and logs in off the GUI thread, sending nothing.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.services import mailer
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.credentials import keyring_available
from ejournal_desktop.ui.background import run_in_background
from ejournal_desktop.ui.i18n import tr

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"


class SmtpSettingsTab(QWidget):
    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        current = mailer.smtp_settings(session)
        self.host_edit = QLineEdit(current.host)
        self.host_edit.setPlaceholderText("smtp.yandex.ru")
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(current.port)
        self.security_combo = QComboBox()
        for label, value in mailer.SECURITY_CHOICES:
            self.security_combo.addItem(label, value)
        self.security_combo.setCurrentIndex(max(self.security_combo.findData(current.security), 0))
        self.security_combo.currentIndexChanged.connect(self._security_changed)
        self.user_edit = QLineEdit(current.user)
        self.user_edit.setPlaceholderText(tr("пусто — сервер не требует входа"))
        self.sender_edit = QLineEdit(current.sender)
        self.sender_edit.setPlaceholderText("ej@college.ru")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        remembered = mailer.recall_smtp_password(current) if current.configured else None
        self.password_edit.setPlaceholderText(tr("сохранён на этом компьютере") if remembered else "")
        self.remember_box = QCheckBox(tr("Запомнить пароль на этом компьютере (хранилище паролей ОС)"))
        available, reason = keyring_available()
        self.remember_box.setEnabled(available)
        self.remember_box.setChecked(bool(remembered))
        self.loaded, self.remembered = current, bool(remembered)
        if not available:
            self.remember_box.setToolTip(reason)
        self.check_button = QPushButton(tr("Проверить соединение"))
        self.check_button.clicked.connect(self.check)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("SMTP-сервер:"), self.host_edit)
        form.addRow(tr("Порт:"), self.port_spin)
        form.addRow(tr("Шифрование:"), self.security_combo)
        form.addRow(tr("Логин:"), self.user_edit)
        form.addRow(tr("Пароль:"), self.password_edit)
        form.addRow("", self.remember_box)
        form.addRow(tr("Адрес отправителя:"), self.sender_edit)
        note = QLabel(
            tr(
                "Пароль не записывается ни в базу данных, ни в файлы. Если он не сохранён в хранилище паролей, "
                "его спросят при отправке писем."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def _security_changed(self) -> None:
        port = mailer.DEFAULT_PORTS.get(str(self.security_combo.currentData()))
        if port and self.port_spin.value() in mailer.DEFAULT_PORTS.values():
            self.port_spin.setValue(port)

    def values(self) -> mailer.SmtpSettings:
        return mailer.SmtpSettings(
            host=self.host_edit.text(),
            port=self.port_spin.value(),
            security=str(self.security_combo.currentData()),
            user=self.user_edit.text(),
            sender=self.sender_edit.text(),
        )

    def password(self) -> str | None:
        typed = self.password_edit.text()
        if typed:
            return typed
        return mailer.recall_smtp_password(self.values())

    def _say(self, text: str, ok: bool) -> None:
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message.setText(text)

    def changed(self) -> bool:
        """Anything to store: the settings, a typed password, or the «Запомнить пароль» box."""
        return (
            self.values() != self.loaded
            or bool(self.password_edit.text())
            or self.remember_box.isChecked() != self.remembered
        )

    def save(self) -> bool:
        """Store the settings (and the password in the keyring when asked); False with a message.

        Nothing changed: nothing is written (an admin who never set up the mail can still save the
        other tabs of the settings dialog)."""
        if not self.changed():
            return True
        try:
            saved = mailer.save_smtp_settings(self.session, self.values())
        except DomainError as exc:
            self._say(exc.message, False)
            return False
        self.loaded = saved
        typed = self.password_edit.text()
        if self.remember_box.isChecked() and typed:
            if not mailer.remember_smtp_password(saved, typed):
                self._say(
                    tr("Настройки сохранены, но пароль сохранить не удалось: он будет запрошен при отправке"), False
                )
                return True
        elif not self.remember_box.isChecked():
            mailer.forget_smtp_password(saved)
        self.remembered = self.remember_box.isChecked()
        self.password_edit.clear()
        self._say(tr("Настройки почты сохранены"), True)
        return True

    def check(self) -> None:
        settings, password = self.values(), self.password()
        self.check_button.setEnabled(False)
        self._say(tr("Проверка соединения…"), True)

        def done(_result: object) -> None:
            self.check_button.setEnabled(True)
            self._say(tr("Соединение с почтовым сервером установлено"), True)

        def failed(error: Exception) -> None:
            self.check_button.setEnabled(True)
            if not isinstance(error, DomainError):
                log.error("checking the SMTP connection failed", exc_info=error)
            self._say(error.message if isinstance(error, DomainError) else str(error), False)

        run_in_background(lambda: mailer.check_connection(settings, password), done, failed, context=self)


class SmtpSettingsDialog(QDialog):
    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Почта для писем родителям"))
        self.tab = SmtpSettingsTab(session, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Сохранить"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Отмена"))
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tab)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _save(self) -> None:
        if self.tab.save():
            self.accept()
