"""E-mail from the journal: the admin's SMTP settings, and the parent letters sent as PDF attachments.

The SMTP settings live in `app_setting` (host, port, security, user, sender) — everyone reads
them, the admin writes them (settings.manage). The SMTP password is never written to the
database, a file or a log: the admin stores it in the operating system's keyring on the PC that
sends (`remember_smtp_password`), and where it is not stored, whoever sends is asked for it each
time. Where no real keyring exists (a headless Linux box), `remember_smtp_password` says False.

`send_parent_letters` builds the «Информационное письмо для родителей» of each student of the
group (reports.catalog, so the same rights apply: the curator of the group, the deputy, the admin),
renders it to PDF and sends it to every parent whose e-mail is known, over one SMTP connection.
What was sent, what failed and who has no e-mail comes back as a `SendReport`, and each sending is
written to the program's log (addresses and the student, never the password).
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from ejournal_desktop.domain.errors import DomainError, ValidationError
from ejournal_desktop.domain.names import russian_sort_key
from ejournal_desktop.domain.permissions import Action, require
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.contingent_common import is_email
from ejournal_desktop.services.credentials import forget_secret, recall_secret, remember_secret
from ejournal_desktop.services.settings import _write_in
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m

if TYPE_CHECKING:
    from ejournal_desktop.reports.parent_letter import LetterRecipient

log = logging.getLogger(__name__)

SMTP_KEYS = {
    "host": "smtp_host",
    "port": "smtp_port",
    "security": "smtp_security",
    "user": "smtp_user",
    "sender": "smtp_sender",
}
SECURITY_CHOICES: tuple[tuple[str, str], ...] = (
    ("STARTTLS (порт 587)", "starttls"),
    ("SSL/TLS (порт 465)", "ssl"),
    ("без шифрования (только внутри сети техникума)", "none"),
)
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
TIMEOUT_S = 20


class MailError(DomainError):
    """The SMTP server could not be reached or refused us; the message says why in Russian."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str = ""
    port: int = 587
    security: str = "starttls"  # starttls | ssl | none
    user: str = ""  # empty: the server needs no login
    sender: str = ""  # the From address

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender)

    def keyring_service(self) -> str:
        return f"ЭЖ:smtp:{self.host}:{self.port}"


def smtp_settings(session: UserSession) -> SmtpSettings:
    """The stored settings (one query); unset ones take the defaults."""
    with session.engine.connect() as conn:
        rows = dict(
            conn.execute(
                select(m.AppSetting.key, m.AppSetting.value).where(m.AppSetting.key.in_(SMTP_KEYS.values()))
            ).all()
        )
    security = rows.get(SMTP_KEYS["security"]) or "starttls"
    try:
        port = int(rows.get(SMTP_KEYS["port"]) or DEFAULT_PORTS.get(security, 587))
    except ValueError:
        port = DEFAULT_PORTS.get(security, 587)
    return SmtpSettings(
        host=rows.get(SMTP_KEYS["host"], "") or "",
        port=port,
        security=security if security in DEFAULT_PORTS else "starttls",
        user=rows.get(SMTP_KEYS["user"], "") or "",
        sender=rows.get(SMTP_KEYS["sender"], "") or "",
    )


def check_smtp_settings(new: SmtpSettings) -> SmtpSettings:
    host = new.host.strip()
    if not host or any(c.isspace() for c in host):
        raise ValidationError("Укажите адрес SMTP-сервера, например smtp.yandex.ru", field="smtp_host")
    if not 1 <= int(new.port) <= 65535:
        raise ValidationError("Порт SMTP — число от 1 до 65535", field="smtp_port")
    if new.security not in DEFAULT_PORTS:
        raise ValidationError("Шифрование: STARTTLS, SSL/TLS или без шифрования", field="smtp_security")
    sender = new.sender.strip()
    if not is_email(sender):
        raise ValidationError("Адрес отправителя — электронная почта, например ej@college.ru", field="smtp_sender")
    return SmtpSettings(host=host, port=int(new.port), security=new.security, user=new.user.strip(), sender=sender)


def save_smtp_settings(session: UserSession, new: SmtpSettings) -> SmtpSettings:
    """Check and store the settings in one transaction (the admin). The password is not among them."""
    require(session.user.roles, Action.SETTINGS_MANAGE)
    clean = check_smtp_settings(new)
    with transaction(session) as conn:
        for name, key in SMTP_KEYS.items():
            _write_in(conn, session, key, str(getattr(clean, name)))
    return smtp_settings(session)


# -- the password: the OS keyring only -----------------------------------------------------------


def _key(settings: SmtpSettings) -> str:
    return settings.user or settings.sender


def remember_smtp_password(settings: SmtpSettings, password: str) -> bool:
    """Keep the SMTP password in this PC's keyring; False when there is no keyring (ask each time)."""
    return remember_secret(settings.keyring_service(), _key(settings), password)


def recall_smtp_password(settings: SmtpSettings) -> str | None:
    return recall_secret(settings.keyring_service(), _key(settings)) if settings.configured else None


def forget_smtp_password(settings: SmtpSettings) -> None:
    forget_secret(settings.keyring_service(), _key(settings))


# -- sending -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mime: str = "application/pdf"


@dataclass(frozen=True)
class OutgoingMail:
    to: str
    subject: str
    body: str
    to_name: str = ""
    attachments: tuple[Attachment, ...] = ()


def _message(settings: SmtpSettings, mail: OutgoingMail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = formataddr((mail.to_name, mail.to)) if mail.to_name else mail.to
    message["Subject"] = mail.subject
    message["Message-ID"] = make_msgid(domain=settings.sender.rsplit("@", 1)[-1])
    message.set_content(mail.body)
    for attachment in mail.attachments:
        maintype, subtype = attachment.mime.split("/", 1)
        message.add_attachment(attachment.content, maintype=maintype, subtype=subtype, filename=attachment.filename)
    return message


def _connect(settings: SmtpSettings, password: str | None) -> smtplib.SMTP:
    """An open, logged-in connection; any failure closes it and becomes a `MailError` in Russian."""
    if settings.user and not password:
        raise MailError("Введите пароль почтового сервера", field="smtp_password")
    where = f"{settings.host}:{settings.port}"
    client: smtplib.SMTP | None = None
    try:
        if settings.security == "ssl":
            context = ssl.create_default_context()
            client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=TIMEOUT_S, context=context)
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_S)
            if settings.security == "starttls":
                client.starttls(context=ssl.create_default_context())
        if settings.user:
            client.login(settings.user, password or "")
        return client
    except Exception as exc:
        if client is not None:
            client.close()
        raise _mail_error(exc, where) from exc


def _mail_error(exc: Exception, where: str) -> Exception:
    if isinstance(exc, UnicodeEncodeError):  # smtplib sends the login and password as ASCII only
        return MailError(
            "Логин или пароль почтового сервера содержит русские буквы или другие символы, которые smtplib "
            "не передаёт: задайте на почтовом сервере пароль из латинских букв, цифр и знаков"
        )
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return MailError(f"Почтовый сервер {where} не принял логин или пароль")
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return MailError(f"Почтовый сервер {where} не поддерживает выбранное шифрование (STARTTLS)")
    if isinstance(exc, ssl.SSLError):
        return MailError(f"Не удалось установить защищённое соединение с {where}: проверьте порт и шифрование")
    if isinstance(exc, OSError | smtplib.SMTPException):
        return MailError(f"Не удалось подключиться к почтовому серверу {where}: сервер недоступен")
    return exc


def _closes(exc: smtplib.SMTPException) -> bool:
    """A 421 reply: the server is closing the connection (smtplib has closed it already)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return any(code == 421 for code, _text in exc.recipients.values())
    return isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code == 421


def send_mails(
    settings: SmtpSettings,
    password: str | None,
    mails: Sequence[OutgoingMail],
    *,
    progress: Callable[[str, float], None] | None = None,
    on_result: Callable[[int, OutgoingMail, str | None], None] | None = None,
) -> list[tuple[OutgoingMail, str | None]]:
    """Send over one connection; per message None (sent) or the Russian reason it was refused.

    `on_result(index, mail, error)` is called for each message as soon as the server has answered
    for it: None when it accepted the message, else the reason. If the connection is lost in the
    middle (dropped, or the server answers 421 and closes it) a `MailError` is raised: the messages
    `on_result` was told about are settled, the one in flight and the rest were not accepted.
    """
    if not settings.configured:
        raise MailError("Отправка почты не настроена: администратор указывает SMTP-сервер в настройках")
    results: list[tuple[OutgoingMail, str | None]] = []
    if not mails:
        return results
    client = _connect(settings, password)
    try:
        for number, mail in enumerate(mails, start=1):
            if progress is not None:
                progress(f"Отправка {number} из {len(mails)}: {mail.to}", (number - 1) / len(mails))
            error: str | None
            try:
                client.send_message(_message(settings, mail))
            except smtplib.SMTPServerDisconnected as exc:
                raise MailError("Почтовый сервер разорвал соединение во время отправки") from exc
            except smtplib.SMTPException as exc:
                if _closes(exc):
                    raise MailError("Почтовый сервер прекратил приём писем и закрыл соединение (код 421)") from exc
                if isinstance(exc, smtplib.SMTPRecipientsRefused):
                    error = "сервер не принял адрес получателя"
                else:
                    error = f"сервер отказал: {exc}"
            except OSError as exc:  # reset by the peer, a timeout: the connection is gone
                raise MailError("Соединение с почтовым сервером прервалось во время отправки") from exc
            else:
                error = None
            results.append((mail, error))
            if on_result is not None:
                on_result(number - 1, mail, error)
    finally:
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            client.close()
    return results


def check_connection(settings: SmtpSettings, password: str | None) -> None:
    """Connect and log in (if a login is set), send nothing: the settings dialog's «Проверить»."""
    client = _connect(check_smtp_settings(settings), password)
    try:
        client.noop()
    finally:
        client.quit()


# -- the parent letters ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    student_id: int
    student_name: str
    parent_name: str
    email: str


@dataclass
class SendReport:
    sent: list[Recipient] = field(default_factory=list)
    failed: list[tuple[Recipient, str]] = field(default_factory=list)
    without_email: list[str] = field(default_factory=list)  # students none of whose parents has an e-mail

    def summary(self) -> str:
        parts = [f"Отправлено писем: {len(self.sent)}"]
        if self.failed:
            parts.append(f"не отправлено: {len(self.failed)}")
        if self.without_email:
            parts.append(f"нет адреса родителей: {len(self.without_email)}")
        return "; ".join(parts)


def letter_addresses(letters: Sequence[LetterRecipient]) -> tuple[list[Recipient], list[str]]:
    """The parents with a valid e-mail of each letter's student (each address once per student),
    and the students none of whose parents has one."""
    recipients: list[Recipient] = []
    without: list[str] = []
    for letter in letters:
        seen: set[str] = set()
        for parent_name, _relation, email in letter.guardians:
            address = email.strip()
            if is_email(address) and address.casefold() not in seen:
                seen.add(address.casefold())
                recipients.append(Recipient(letter.student_id, letter.student_name, parent_name, address))
        if not seen:
            without.append(letter.student_name)
    without.sort(key=russian_sort_key)
    recipients.sort(key=lambda r: (russian_sort_key(r.student_name), r.email))
    return recipients, without


def send_parent_letters(
    session: UserSession,
    params: object,
    *,
    password: str | None,
    settings: SmtpSettings | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> SendReport:
    """Send each parent with a known e-mail their child's letter as a PDF (params: a ReportParams).
    The letters are built as one report (its statements once for the whole group), then each
    family's sheet is written to its own PDF."""
    from ejournal_desktop.reports.catalog import ReportParams, checked_spec
    from ejournal_desktop.reports.parent_letter import build_letters_with_recipients, single_letter
    from ejournal_desktop.reports.render_pdf import write_pdf

    assert isinstance(params, ReportParams)
    if params.group_id is None:
        raise ValidationError("Выберите группу", field="group")
    settings = settings or smtp_settings(session)
    if not settings.configured:
        raise MailError("Отправка почты не настроена: администратор указывает SMTP-сервер в настройках")
    checked_spec(session, "parent-letter", params)  # the report's own rights: the group's curator, deputy, admin
    letters_report, letters = build_letters_with_recipients(session, params)
    recipients, without = letter_addresses(letters)
    report = SendReport(without_email=without)
    if not recipients:
        return report
    addressed_students = {r.student_id for r in recipients}
    to_send = [letter for letter in letters if letter.student_id in addressed_students]
    pdfs: dict[int, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="ej-letters-") as folder:
        for number, letter in enumerate(to_send, start=1):
            if progress is not None:
                progress(f"Письмо {number} из {len(to_send)}", 0.5 * (number - 1) / len(to_send))
            path = write_pdf(single_letter(letters_report, letter), Path(folder) / f"{letter.student_id}.pdf")
            pdfs[letter.student_id] = path.read_bytes()
    by_student: dict[int, list[Recipient]] = {}
    for recipient in recipients:
        by_student.setdefault(recipient.student_id, []).append(recipient)
    mails: list[OutgoingMail] = []
    addressed: list[Recipient] = []
    for sid, people in by_student.items():
        for recipient in people:
            surname = recipient.student_name.split(" ")[0]
            addressed.append(recipient)
            mails.append(
                OutgoingMail(
                    to=recipient.email,
                    to_name=recipient.parent_name,
                    subject=f"Информационное письмо об успеваемости: {recipient.student_name}",
                    body=_letter_body(session, recipient),
                    attachments=(Attachment(f"Письмо_{surname}.pdf", pdfs[sid]),),
                )
            )

    def sending(text: str, fraction: float) -> None:
        if progress is not None:
            progress(text, 0.5 + fraction / 2)

    results = send_mails(settings, password, mails, progress=sending)
    for recipient, (mail, error) in zip(addressed, results, strict=True):
        if error is None:
            report.sent.append(recipient)
            log.info("parent letter of student %s sent to %s by %s", recipient.student_id, mail.to, session.user.login)
        else:
            report.failed.append((recipient, error))
            log.warning("parent letter of student %s to %s refused: %s", recipient.student_id, mail.to, error)
    return report


def _letter_body(session: UserSession, recipient: Recipient) -> str:
    greeting = f"Здравствуйте, {recipient.parent_name}!" if recipient.parent_name else "Здравствуйте!"
    return (
        f"{greeting}\n\n"
        f"Направляем информационное письмо об успеваемости и посещаемости: {recipient.student_name}.\n"
        "Письмо во вложении (PDF).\n\n"
        f"С уважением,\n{session.user.full_name}\n"
        "Письмо отправлено из электронного журнала техникума; на него можно ответить."
    )
