"""Opening a catalog report in a preview window, and sending the parent letters from one.

Shared by «Моя группа», «Отчёты» and «Контроль журналов»: `open_catalog_report` builds the report
off the GUI thread in a `ReportWindow`; for the parent letter the window gets «Отправить
родителям», which asks for the SMTP password when this PC's keyring does not hold it, sends with
a progress dialog and then says who got a letter, whom it failed to reach and who has no e-mail.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.reports.catalog import ReportParams, build_report, report_spec
from ejournal_desktop.services import mailer
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.partials.progress_task import run_with_progress
from ejournal_desktop.ui.report_preview import ReportPreview, ReportWindow, open_report_window

log = logging.getLogger(__name__)

PARENT_LETTER = "parent-letter"


def open_catalog_report(parent: QWidget, session: UserSession, key: str, params: ReportParams) -> ReportWindow:
    spec = report_spec(key)
    window = open_report_window(parent, spec.title, lambda: build_report(session, key, params))
    if key == PARENT_LETTER:
        add_send_button(window.preview, session, params)
    return window


def add_send_button(preview: ReportPreview, session: UserSession, params: ReportParams) -> None:
    sender = ParentMailer(preview, session, params)
    button = preview.add_button(
        tr("Отправить родителям…"), sender.send, tr("Отправить каждому родителю с известной эл. почтой письмо в PDF")
    )
    preview.send_button = button  # type: ignore[attr-defined]
    preview.parent_mailer = sender  # type: ignore[attr-defined]


class ParentMailer:
    """The «Отправить родителям» flow; `ask_password` and `show_result` are replaceable in tests."""

    def __init__(self, owner: QWidget, session: UserSession, params: ReportParams) -> None:
        self.owner = owner
        self.session = session
        self.params = params
        self.last_report: mailer.SendReport | None = None
        self.ask_password = self._ask_password
        self.show_result = self._show_result
        self.show_error = self._show_error

    def _ask_password(self, settings: mailer.SmtpSettings) -> str | None:
        text, ok = QInputDialog.getText(
            self.owner,
            tr("Пароль почтового сервера"),
            tr("Пароль для {0} на {1} (не сохраняется):").format(settings.user, settings.host),
            QLineEdit.EchoMode.Password,
        )
        return text if ok and text else None

    def send(self) -> None:
        try:
            settings = mailer.smtp_settings(self.session)
        except DomainError as exc:
            self.show_error(exc.message)
            return
        if not settings.configured:
            self.show_error(tr("Отправка почты не настроена: администратор указывает SMTP-сервер в «Настройках»."))
            return
        password = None
        if settings.user:
            password = mailer.recall_smtp_password(settings) or self.ask_password(settings)
            if not password:
                return
        session, params = self.session, self.params

        def work(progress):  # type: ignore[no-untyped-def]
            return mailer.send_parent_letters(session, params, password=password, settings=settings, progress=progress)

        run_with_progress(self.owner, tr("Отправка писем родителям"), work, self._done, self._failed)

    def _done(self, report: mailer.SendReport) -> None:
        self.last_report = report
        self.show_result(report)

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, DomainError):
            log.error("sending parent letters failed", exc_info=error)
        self.show_error(
            error.message if isinstance(error, DomainError) else tr("Письма не отправлены: {0}").format(error)
        )

    def _show_error(self, text: str) -> None:
        QMessageBox.warning(self.owner, tr("Письма не отправлены"), text)

    def _show_result(self, report: mailer.SendReport) -> None:
        lines = [report.summary() + "."]
        if report.failed:
            lines.append("")
            lines.append(tr("Не удалось отправить:"))
            lines.extend(f"• {r.student_name} — {r.email}: {reason}" for r, reason in report.failed)
        if report.without_email:
            lines.append("")
            lines.append(tr("Нет адреса эл. почты родителей (письмо нужно распечатать):"))
            lines.extend(f"• {name}" for name in report.without_email)
        QMessageBox.information(self.owner, tr("Письма родителям"), "\n".join(lines))
