"""E-mail to parents against a real SMTP server started by the test (aiosmtpd, 127.0.0.1 only).

On the demo college (both backends): the admin stores the SMTP settings (the password only in the
keyring), the curator of 23-ТЭ sends the parent letters; every parent with a known e-mail gets one
message with their child's letter as a PDF (whose text names the child), and the students with no
parent e-mail are reported. The expected recipients are read with a plain SQL query of their own.
"""

from __future__ import annotations

import datetime as dt
import email
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message
from io import BytesIO

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from pypdf import PdfReader
from sqlalchemy import text

from ejournal_desktop.domain.errors import PermissionDenied, ValidationError
from ejournal_desktop.reports.catalog import ReportParams
from ejournal_desktop.services import mailer
from tests.benchmarks.large_demo import count_statements

TODAY = dt.date(2026, 11, 29)
SMTP_PASSWORD = 'Pochta-Parol\'1 "q"'


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.content)))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_smtp(password: str | None = None) -> Iterator[tuple[Inbox, int]]:
    """A local SMTP server on 127.0.0.1 for the test's duration; with `password` it requires a login."""
    inbox = Inbox()
    port = _free_port()
    options: dict[str, object] = {}
    if password is not None:

        def check(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
            ok = isinstance(auth_data, LoginPassword) and auth_data.password.decode() == password
            return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself

        # The test server has no certificate and listens on 127.0.0.1 only: a login without TLS.
        options = {"authenticator": check, "auth_require_tls": False, "auth_required": True}
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    with running_smtp() as server:
        yield server


@pytest.fixture
def smtp_server_with_login() -> Iterator[tuple[Inbox, int]]:
    with running_smtp(SMTP_PASSWORD) as server:
        yield server


def expected_recipients(session, group_id: int) -> tuple[set[tuple[str, str]], set[str]]:  # type: ignore[no-untyped-def]
    """(student surname, e-mail) of every parent with an e-mail; surnames of students with none."""
    with session.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT sp.last_name, sp.first_name, sp.middle_name, gp.email FROM student s "
                "JOIN person sp ON sp.id = s.person_id "
                "LEFT JOIN guardian_link g ON g.student_id = s.id LEFT JOIN person gp ON gp.id = g.guardian_id "
                "WHERE s.group_id = :g AND s.status = 'studying'"
            ),
            {"g": group_id},
        ).all()
    with_mail = {(r[0], r[3]) for r in rows if r[3]}
    names = {" ".join(p for p in r[:3] if p) for r in rows}
    have = {r[0] for r in rows if r[3]}
    return with_mail, {n for n in names if n.split(" ")[0] not in have}


def pdf_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(payload)).pages)


def test_parent_letters_reach_every_parent_with_an_email(act_as, smtp_server) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp_server
    admin = act_as("admin")
    settings = mailer.save_smtp_settings(
        admin, mailer.SmtpSettings(host="127.0.0.1", port=port, security="none", sender="ej@zarechny-agro.example")
    )
    curator = act_as("kurator")
    assert mailer.smtp_settings(curator) == settings
    group_id = curator.user.curated_group_ids[0]
    with_mail, without = expected_recipients(curator, group_id)
    assert with_mail and without  # the demo has both kinds

    period_id = _current_period(curator)
    sent: list[mailer.SendReport] = []
    statements = count_statements(
        curator.engine,
        lambda: sent.append(
            mailer.send_parent_letters(
                curator, ReportParams(period_id=period_id, group_id=group_id, today=TODAY), password=None
            )
        ),
    )
    report = sent[0]
    assert report.failed == []
    assert {(r.student_name.split(" ")[0], r.email) for r in report.sent} == with_mail
    assert set(report.without_email) == without
    assert len(inbox.messages) == len(with_mail)
    for rcpt, message in inbox.messages:
        assert message["From"] == "ej@zarechny-agro.example"
        attachments = [part for part in message.walk() if part.get_filename()]
        assert len(attachments) == 1 and attachments[0].get_content_type() == "application/pdf"
        surname = attachments[0].get_filename().removeprefix("Письмо_").removesuffix(".pdf")
        assert (surname, rcpt[0]) in with_mail
        assert surname in pdf_text(attachments[0])
        assert "Тихомиров" in message.get_payload()[0].get_payload(decode=True).decode()  # signed by the curator

    # One student: only their parents.
    one = report.sent[0]
    inbox.messages.clear()
    singles: list[mailer.SendReport] = []
    one_statements = count_statements(
        curator.engine,
        lambda: singles.append(
            mailer.send_parent_letters(
                curator,
                ReportParams(period_id=period_id, group_id=group_id, student_id=one.student_id, today=TODAY),
                password=None,
            )
        ),
    )
    single = singles[0]
    assert {r.student_id for r in single.sent} == {one.student_id}
    assert single.without_email == []
    # The letters of a whole group are read as the letter of one student is: not once per student.
    assert statements == one_statements


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_smtp_login_password_from_the_keyring_never_from_the_database(act_as, smtp_server_with_login) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp_server_with_login
    admin = act_as("admin")
    settings = mailer.save_smtp_settings(
        admin,
        mailer.SmtpSettings(host="127.0.0.1", port=port, security="none", user="ej", sender="ej@zarechny-agro.example"),
    )
    with admin.engine.connect() as conn:
        stored = " ".join(v for (v,) in conn.execute(text("SELECT value FROM app_setting")).all())
    assert SMTP_PASSWORD not in stored
    assert mailer.recall_smtp_password(settings) is None
    with pytest.raises(mailer.MailError, match="пароль"):
        mailer.send_mails(settings, None, [mailer.OutgoingMail("a@example.net", "Тема", "Текст")])
    with pytest.raises(mailer.MailError, match="не принял логин или пароль"):
        mailer.send_mails(settings, "wrong", [mailer.OutgoingMail("a@example.net", "Тема", "Текст")])
    with pytest.raises(mailer.MailError, match="русские буквы"):
        mailer.send_mails(settings, "неверный", [mailer.OutgoingMail("a@example.net", "Тема", "Текст")])
    assert mailer.remember_smtp_password(settings, SMTP_PASSWORD)  # the test keyring (conftest)
    password = mailer.recall_smtp_password(settings)
    results = mailer.send_mails(settings, password, [mailer.OutgoingMail("a@example.net", "Тема", "Текст", "Иванова")])
    assert results[0][1] is None
    assert inbox.messages[0][0] == ["a@example.net"]
    mailer.forget_smtp_password(settings)
    assert mailer.recall_smtp_password(settings) is None


def test_smtp_settings_are_the_admins_and_are_checked(act_as) -> None:  # type: ignore[no-untyped-def]
    curator = act_as("kurator")
    with pytest.raises(PermissionDenied):
        mailer.save_smtp_settings(curator, mailer.SmtpSettings(host="smtp.example.net", sender="a@example.net"))
    admin = act_as("admin")
    with pytest.raises(ValidationError) as bad:
        mailer.save_smtp_settings(admin, mailer.SmtpSettings(host="smtp.example.net", sender="не адрес"))
    assert bad.value.field == "smtp_sender"
    with pytest.raises(ValidationError):
        mailer.save_smtp_settings(admin, mailer.SmtpSettings(host="", sender="a@example.net"))
    assert not mailer.smtp_settings(admin).configured
    with pytest.raises(mailer.MailError, match="не настроена"):
        mailer.send_parent_letters(curator, ReportParams(period_id=1, group_id=1), password=None)


def test_an_unreachable_server_is_said_in_russian(act_as) -> None:  # type: ignore[no-untyped-def]
    settings = mailer.SmtpSettings(host="127.0.0.1", port=_free_port(), security="none", sender="ej@example.net")
    with pytest.raises(mailer.MailError, match="Не удалось подключиться к почтовому серверу"):
        mailer.send_mails(settings, None, [mailer.OutgoingMail("a@example.net", "Тема", "Текст")])


def _current_period(session) -> int:  # type: ignore[no-untyped-def]
    from ejournal_desktop.services import gradebook

    period_id = gradebook.current_period_id(session, TODAY)
    assert period_id is not None
    return period_id


class CutsOff(Inbox):
    """A mail server that takes `keep` messages, refuses the mailboxes in `refused` (550), then on the
    next message either drops the connection in the middle of DATA or answers 421 (closing)."""

    def __init__(self, keep: int, how: str, refused: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.keep, self.how, self.refused = keep, how, refused

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # type: ignore[no-untyped-def]
        if address in self.refused:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        if len(self.messages) >= self.keep:
            if self.how == "drop":
                server.transport.close()
                return "250 OK"  # never reaches the client: the connection is gone
            return "421 4.3.2 Service shutting down"
        return await super().handle_DATA(server, session, envelope)


@contextmanager
def cutting_off(keep: int, how: str, refused: tuple[str, ...] = ()) -> Iterator[tuple[CutsOff, int]]:
    inbox = CutsOff(keep, how, refused)
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.mark.parametrize("how", ["drop", "421"])
def test_each_letter_is_answered_as_it_goes_and_a_cut_connection_leaves_the_rest_unanswered(how: str) -> None:
    mails = [mailer.OutgoingMail(f"p{n}@example.net", f"Письмо {n}", "Текст") for n in range(5)]
    answers: list[tuple[int, str, str | None]] = []
    with cutting_off(keep=2, how=how, refused=("p1@example.net",)) as (inbox, port):
        settings = mailer.SmtpSettings(host="127.0.0.1", port=port, security="none", sender="ej@example.net")
        with pytest.raises(mailer.MailError, match="Почтовый сервер"):
            mailer.send_mails(
                settings, None, mails, on_result=lambda i, mail, error: answers.append((i, mail.to, error))
            )
    # p0 accepted, p1 refused, p2 accepted (the server keeps two); p3 is cut off in flight, p4 never
    # tried: neither is answered.
    assert [rcpt for rcpt, _m in inbox.messages] == [["p0@example.net"], ["p2@example.net"]]
    assert answers == [
        (0, "p0@example.net", None),
        (1, "p1@example.net", "сервер не принял адрес получателя"),
        (2, "p2@example.net", None),
    ]


def test_the_results_list_is_unchanged_for_a_whole_run(smtp_server) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp_server
    settings = mailer.SmtpSettings(host="127.0.0.1", port=port, security="none", sender="ej@example.net")
    mails = [mailer.OutgoingMail(f"p{n}@example.net", "Тема", "Текст") for n in range(3)]
    answers: list[int] = []
    results = mailer.send_mails(settings, None, mails, on_result=lambda i, _mail, _error: answers.append(i))
    assert results == [(mail, None) for mail in mails] and answers == [0, 1, 2] and len(inbox.messages) == 3
