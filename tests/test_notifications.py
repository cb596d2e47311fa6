"""E-mail notifications to parents against a real SMTP server started by the test (aiosmtpd, 127.0.0.1 only).

On a copy of the small demo college (SQLite and PostgreSQL): the teacher «prepod» puts real marks and
absences into the journal through the journal service; the admin runs `send_notifications` (what
`ejournal notify send` runs). The parents and their addresses are set up with plain SQL of the test's
own. At the end, the same straight through SQL as each login on a server set up by `init_server`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from email.header import decode_header, make_header
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import text

from ejournal_desktop.cli import main
from ejournal_desktop.domain.errors import PermissionDenied, ValidationError
from ejournal_desktop.domain.marks import CellEntry, parse_cell
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services import mailer, notifications
from ejournal_desktop.services.auth import UserSession
from tests.conftest import DEMO_TODAY
from tests.test_mailer import Inbox, _free_port

SENDER = "ej@zarechny-agro.example"
REASON = "запись ошибочна"  # lessons older than the edit window need one


@contextmanager
def smtp_on(port: int) -> Iterator[Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    port = _free_port()
    with smtp_on(port) as inbox:
        yield inbox, port


def configure(admin: UserSession, port: int) -> None:
    mailer.save_smtp_settings(admin, mailer.SmtpSettings(host="127.0.0.1", port=port, security="none", sender=SENDER))


@dataclass
class Pupil:
    student_id: int
    name: str
    parent_id: int
    address: str


@dataclass
class Cast:
    teacher: UserSession
    admin: UserSession
    journal: gb.Journal
    lesson: gb.LessonColumn
    pupils: list[Pupil]

    def put(self, pupil: Pupil, typed: str) -> None:
        before = gb.open_journal(self.teacher, self.journal.summary.assignment_id, today=DEMO_TODAY)
        gb.save_cell(
            self.teacher,
            self.lesson.lesson_id,
            pupil.student_id,
            parse_cell(typed, self.lesson.hours) if typed == "н" else CellEntry((typed,)),
            before.cell(pupil.student_id, self.lesson.lesson_id),
            reason=REASON,
            today=DEMO_TODAY,
        )


def cast(act_as, count: int = 3) -> Cast:  # type: ignore[no-untyped-def]
    """The teacher's latest lesson with `count` students whose cells are empty, each with a parent of
    their own, the parent given an address of the test's (a plain SQL update)."""
    teacher = act_as("prepod")
    admin = act_as("admin")
    period_id = gb.current_period_id(teacher, DEMO_TODAY)
    journals = [j for j in gb.my_journals(teacher, period_id, today=DEMO_TODAY) if j.can_write]
    journal = gb.open_journal(teacher, journals[0].assignment_id, today=DEMO_TODAY)
    with admin.engine.begin() as conn:
        links = conn.execute(text("SELECT student_id, guardian_id FROM guardian_link ORDER BY student_id, id")).all()
        parent_of: dict[int, int] = {}
        children_of: dict[int, int] = {}
        for sid, gid in links:
            parent_of.setdefault(sid, gid)
            children_of[gid] = children_of.get(gid, 0) + 1
        for lesson in reversed(journal.lessons):
            if lesson.held_on > DEMO_TODAY:
                continue
            chosen = [
                s
                for s in journal.students
                if s.belongs_on(lesson.held_on)
                and journal.cell(s.student_id, lesson.lesson_id).is_empty
                and s.student_id in parent_of
                and children_of[parent_of[s.student_id]] == 1
            ][:count]
            if len(chosen) == count:
                break
        else:
            raise AssertionError("no lesson with enough empty cells")
        pupils = []
        for student in chosen:
            parent = parent_of[student.student_id]
            address = f"parent{parent}@example.net"
            conn.execute(text("UPDATE person SET email = :e WHERE id = :p"), {"e": address, "p": parent})
            pupils.append(Pupil(student.student_id, student.full_name, parent, address))
    return Cast(teacher, admin, journal, lesson, pupils)


def log_rows(session: UserSession) -> list[tuple[str, str, int, str]]:
    with session.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text("SELECT kind, event_key, recipient_id, status FROM notification_log ORDER BY id")
            ).all()
        ]


def subject(message: Message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def body(message: Message) -> str:
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode(message.get_content_charset() or "utf-8")


def test_a_two_mails_that_childs_parent_only_and_once(act_as, smtp) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    people = cast(act_as, 3)
    configure(people.admin, port)
    told, other, unsubscribed = people.pupils
    for pupil in (told, other):
        notifications.set_subscription(
            people.admin, pupil.parent_id, bad_marks=True, absences=False, weekly_digest=False
        )
    people.put(told, "2")
    people.put(other, "5")  # a subscribed parent whose child got a «5»: nothing
    people.put(unsubscribed, "2")  # a «2» whose parent did not subscribe: nothing

    report = notifications.send_notifications(people.admin)
    assert report.ok and report.error is None
    assert [letter.address for letter in report.sent] == [told.address]
    assert len(inbox.messages) == 1
    rcpt, message = inbox.messages[0]
    assert rcpt == [told.address] and message["From"] == SENDER
    text_ = body(message)
    assert told.name in text_ and "оценка «2»" in text_
    assert people.lesson.held_on.strftime("%d.%m.%Y") in text_
    assert people.journal.summary.discipline_name in text_
    assert other.name not in text_ and unsubscribed.name not in text_
    assert [(kind, parent, status) for kind, _key, parent, status in log_rows(people.admin)] == [
        ("bad_mark", told.parent_id, "sent")
    ]

    again = notifications.send_notifications(people.admin)
    assert again.sent == [] and again.failed == [] and len(inbox.messages) == 1
    assert len(log_rows(people.admin)) == 1


def test_an_unexcused_absence_and_a_two_come_in_one_letter(act_as, smtp) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    people = cast(act_as, 2)
    configure(people.admin, port)
    pupil, marks_only = people.pupils
    notifications.set_subscription(people.admin, pupil.parent_id, bad_marks=True, absences=True, weekly_digest=False)
    notifications.set_subscription(
        people.admin, marks_only.parent_id, bad_marks=True, absences=False, weekly_digest=False
    )
    people.put(pupil, "н")
    people.put(marks_only, "н")  # subscribed to marks only: an absence is not mailed
    second = next(
        lesson
        for lesson in reversed(people.journal.lessons)
        if lesson.held_on <= DEMO_TODAY
        and lesson.lesson_id != people.lesson.lesson_id
        and people.journal.cell(pupil.student_id, lesson.lesson_id).is_empty
    )
    before = gb.open_journal(people.teacher, people.journal.summary.assignment_id, today=DEMO_TODAY)
    gb.save_cell(
        people.teacher,
        second.lesson_id,
        pupil.student_id,
        CellEntry(("2",)),
        before.cell(pupil.student_id, second.lesson_id),
        reason=REASON,
        today=DEMO_TODAY,
    )
    report = notifications.send_notifications(people.admin)
    assert [letter.address for letter in report.sent] == [pupil.address]
    assert len(inbox.messages) == 1
    text_ = body(inbox.messages[0][1])
    assert f"пропуск {people.lesson.hours} ч. без уважительной причины" in text_ and "оценка «2»" in text_
    assert sorted(kind for kind, *_rest in log_rows(people.admin)) == ["absence", "bad_mark"]
    assert "пропуск" in subject(inbox.messages[0][1])


def test_without_a_subscription_nothing_and_old_news_are_not_mailed(act_as, smtp) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    people = cast(act_as, 1)
    configure(people.admin, port)
    (pupil,) = people.pupils
    people.put(pupil, "2")  # before the parent subscribed
    assert notifications.send_notifications(people.admin).sent == []
    notifications.set_subscription(people.admin, pupil.parent_id, bad_marks=True, absences=True, weekly_digest=True)
    report = notifications.send_notifications(people.admin)
    assert report.sent == [] and inbox.messages == [] and log_rows(people.admin) == []
    # Switched off: a new «2» is not mailed either.
    notifications.set_subscription(people.admin, pupil.parent_id, bad_marks=False, absences=False, weekly_digest=False)
    people.put(pupil, "н")
    assert notifications.send_notifications(people.admin).sent == [] and inbox.messages == []


def test_a_parent_whose_address_is_gone_is_skipped_and_told_later(act_as, smtp) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    people = cast(act_as, 1)
    configure(people.admin, port)
    (pupil,) = people.pupils
    notifications.set_subscription(people.admin, pupil.parent_id, bad_marks=True, absences=False, weekly_digest=False)
    with people.admin.engine.begin() as conn:
        conn.execute(text("UPDATE person SET email = '' WHERE id = :p"), {"p": pupil.parent_id})
        parent_name = conn.execute(
            text("SELECT last_name FROM person WHERE id = :p"), {"p": pupil.parent_id}
        ).scalar_one()
    people.put(pupil, "2")
    report = notifications.send_notifications(people.admin)
    assert report.sent == [] and len(report.without_address) == 1 and parent_name in report.without_address[0]
    assert "пропущено (нет адреса e-mail): 1" in report.lines()[0]
    assert inbox.messages == [] and log_rows(people.admin) == []
    with people.admin.engine.begin() as conn:
        conn.execute(text("UPDATE person SET email = :e WHERE id = :p"), {"e": pupil.address, "p": pupil.parent_id})
    assert [letter.address for letter in notifications.send_notifications(people.admin).sent] == [pupil.address]


def test_the_weekly_digest_has_the_weeks_marks_and_absences(act_as, smtp) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    people = cast(act_as, 1)
    configure(people.admin, port)
    (pupil,) = people.pupils
    notifications.set_subscription(people.admin, pupil.parent_id, bad_marks=False, absences=False, weekly_digest=True)
    monday, sunday = notifications.digest_week(DEMO_TODAY)
    assert (monday, sunday) == (dt.date(2026, 11, 23), dt.date(2026, 11, 29))  # a Sunday: this week
    assert notifications.digest_week(dt.date(2026, 11, 30)) == (monday, sunday)  # Monday: the week before
    with people.admin.engine.connect() as conn:
        marks = conn.execute(
            text(
                "SELECT d.name, l.held_on, mk.value FROM mark mk JOIN lesson l ON l.id = mk.lesson_id "
                "JOIN teaching_assignment t ON t.id = l.assignment_id JOIN discipline d ON d.id = t.discipline_id "
                "WHERE mk.student_id = :s AND l.held_on BETWEEN :a AND :b"
            ),
            {"s": pupil.student_id, "a": monday, "b": sunday},
        ).all()
        hours = conn.execute(
            text(
                "SELECT coalesce(sum(a.absent_hours), 0) FROM attendance a JOIN lesson l ON l.id = a.lesson_id "
                "WHERE a.student_id = :s AND l.held_on BETWEEN :a AND :b"
            ),
            {"s": pupil.student_id, "a": monday, "b": sunday},
        ).scalar_one()
    assert marks, "the demo child has marks this week"

    # Without --digest only instant notices go: none here.
    assert notifications.send_notifications(people.admin, today=DEMO_TODAY).sent == []
    report = notifications.send_notifications(people.admin, digest=True, today=DEMO_TODAY)
    assert len(report.sent) == 1 and len(inbox.messages) == 1
    message = inbox.messages[0][1]
    assert "итоги недели 23.11.2026 – 29.11.2026" in subject(message)
    text_ = body(message)
    assert pupil.name in text_
    for discipline, held_on, value in marks:
        day = held_on if isinstance(held_on, dt.date) else dt.date.fromisoformat(held_on)
        line = next(line for line in text_.splitlines() if line.strip().startswith(f"{discipline}:"))
        assert f"{value} ({day.strftime('%d.%m')})" in line
    assert (f"Пропуски за неделю: {hours} ч." in text_) if hours else ("Пропусков за неделю нет." in text_)
    assert log_rows(people.admin) == [("digest", f"2026-11-23:{pupil.student_id}", pupil.parent_id, "sent")]
    # The same week again: nothing; the next week: a new digest.
    assert notifications.send_notifications(people.admin, digest=True, today=DEMO_TODAY).sent == []
    later = notifications.send_notifications(people.admin, digest=True, today=dt.date(2026, 12, 5))
    assert len(later.sent) == 1 and "30.11.2026 – 06.12.2026" in later.sent[0].subject


def test_smtp_down_records_nothing_as_sent_and_the_next_run_sends(act_as) -> None:  # type: ignore[no-untyped-def]
    port = _free_port()  # nothing listens there yet
    people = cast(act_as, 1)
    configure(people.admin, port)
    (pupil,) = people.pupils
    notifications.set_subscription(people.admin, pupil.parent_id, bad_marks=True, absences=False, weekly_digest=False)
    people.put(pupil, "2")

    down = notifications.send_notifications(people.admin)
    assert down.error is not None and "Не удалось подключиться к почтовому серверу" in down.error
    assert down.sent == [] and len(down.failed) == 1 and not down.ok
    assert [status for *_rest, status in log_rows(people.admin)] == ["failed"]

    with smtp_on(port) as inbox:
        up = notifications.send_notifications(people.admin)
        assert up.ok and [letter.address for letter in up.sent] == [pupil.address]
        assert len(inbox.messages) == 1
        assert [status for *_rest, status in log_rows(people.admin)] == ["sent"]
        assert notifications.send_notifications(people.admin).sent == [] and len(inbox.messages) == 1


class Refusing(Inbox):
    """A mail server that refuses one mailbox (550) and takes the rest."""

    def __init__(self, refused: str) -> None:
        super().__init__()
        self.refused = refused

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # type: ignore[no-untyped-def]
        if address == self.refused:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_a_refused_address_fails_alone_and_is_tried_again(act_as) -> None:  # type: ignore[no-untyped-def]
    people = cast(act_as, 2)
    refused, fine = people.pupils
    for pupil in people.pupils:
        notifications.set_subscription(
            people.admin, pupil.parent_id, bad_marks=True, absences=False, weekly_digest=False
        )
        people.put(pupil, "2")
    inbox = Refusing(refused.address)
    port = _free_port()
    configure(people.admin, port)
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        report = notifications.send_notifications(people.admin)
        assert report.error is None and not report.ok
        assert [letter.address for letter in report.sent] == [fine.address]
        assert [(letter.address, reason) for letter, reason in report.failed] == [
            (refused.address, "сервер не принял адрес получателя")
        ]
        assert [rcpt for rcpt, _m in inbox.messages] == [[fine.address]]
        statuses = {parent: status for _k, _e, parent, status in log_rows(people.admin)}
        assert statuses == {refused.parent_id: "failed", fine.parent_id: "sent"}
        inbox.refused = ""  # the mailbox is back
        again = notifications.send_notifications(people.admin)
        assert [letter.address for letter in again.sent] == [refused.address] and again.ok
        assert [rcpt for rcpt, _m in inbox.messages] == [[fine.address], [refused.address]]
    finally:
        controller.stop()


@pytest.mark.parametrize("how", ["drop", "421"])
def test_a_connection_cut_mid_run_marks_sent_exactly_what_the_server_took(act_as, how: str) -> None:  # type: ignore[no-untyped-def]
    """Four letters: the server refuses the first mailbox, takes the second and third, and cuts the
    connection at the fourth (dropped in DATA, or 421). Only the two it took are 'sent'; the refused
    one and the cut one fail and go out with the next run."""
    from tests.test_mailer import cutting_off

    people = cast(act_as, 4)
    for pupil in people.pupils:
        notifications.set_subscription(
            people.admin, pupil.parent_id, bad_marks=True, absences=False, weekly_digest=False
        )
        people.put(pupil, "2")
    order = [letter.address for letter in notifications.send_notifications(people.admin, dry_run=True).planned]
    assert sorted(order) == sorted(p.address for p in people.pupils)
    parent_of = {p.address: p.parent_id for p in people.pupils}
    with cutting_off(keep=2, how=how, refused=(order[0],)) as (inbox, port):
        configure(people.admin, port)
        report = notifications.send_notifications(people.admin)
        assert report.error is not None and "Почтовый сервер" in report.error
        assert [letter.address for letter in report.sent] == order[1:3]
        assert [(letter.address, reason) for letter, reason in report.failed] == [
            (order[0], "сервер не принял адрес получателя"),
            (order[3], report.error),
        ]
        assert [rcpt for rcpt, _m in inbox.messages] == [[order[1]], [order[2]]]
        statuses = {parent: status for _k, _e, parent, status in log_rows(people.admin)}
        assert statuses == {
            parent_of[order[0]]: "failed",
            parent_of[order[1]]: "sent",
            parent_of[order[2]]: "sent",
            parent_of[order[3]]: "failed",
        }
        inbox.keep, inbox.refused = 100, ()  # the server is well again
        again = notifications.send_notifications(people.admin)
        assert again.ok and sorted(letter.address for letter in again.sent) == sorted([order[0], order[3]])
        assert sorted(rcpt[0] for rcpt, _m in inbox.messages) == sorted(order)  # each parent exactly once
        assert set(statuses) == {parent for _k, _e, parent, status in log_rows(people.admin) if status == "sent"}


def test_a_run_issues_the_same_number_of_statements_for_one_parent_or_many(act_as, smtp) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import event

    inbox, port = smtp
    people = cast(act_as, 3)
    configure(people.admin, port)
    for pupil in people.pupils:
        notifications.set_subscription(people.admin, pupil.parent_id, bad_marks=True, absences=True, weekly_digest=True)

    def counted(**kwargs: object) -> tuple[int, notifications.NotifyReport]:
        statements: list[str] = []

        def count(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
            statements.append(statement)

        event.listen(people.admin.engine, "before_cursor_execute", count)
        try:
            report = notifications.send_notifications(people.admin, today=DEMO_TODAY, **kwargs)  # type: ignore[arg-type]
        finally:
            event.remove(people.admin.engine, "before_cursor_execute", count)
        return len(statements), report

    people.put(people.pupils[0], "2")
    one, report = counted()
    assert len(report.sent) == 1
    for pupil in people.pupils:
        people.put(pupil, "н")
    people.put(people.pupils[1], "2")
    many, report = counted(digest=True)
    assert len(report.sent) == 6 and len(inbox.messages) == 7  # 3 notices + 3 digests now
    assert many == one + 3  # the digest's own three queries, whatever the number of parents


def test_a_claimed_event_is_never_mailed_twice_even_after_a_crash(act_as, smtp) -> None:  # type: ignore[no-untyped-def]
    """A run that died after claiming (row 'sending') leaves the event alone: reported, not resent."""
    inbox, port = smtp
    people = cast(act_as, 1)
    configure(people.admin, port)
    (pupil,) = people.pupils
    notifications.set_subscription(people.admin, pupil.parent_id, bad_marks=True, absences=False, weekly_digest=False)
    people.put(pupil, "2")
    planned = notifications.send_notifications(people.admin, dry_run=True)
    assert [letter.address for letter in planned.planned] == [pupil.address] and inbox.messages == []
    assert log_rows(people.admin) == []  # a dry run writes nothing
    (claim,) = planned.planned[0].claims
    long_ago = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(hours=2)
    with people.admin.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO notification_log (kind, event_key, recipient_id, address, status, sent_at) "
                "VALUES (:k, :e, :r, :a, 'sending', :t)"
            ),
            {"k": claim.kind, "e": claim.key, "r": claim.parent_id, "a": pupil.address, "t": long_ago},
        )
    report = notifications.send_notifications(people.admin)
    assert report.sent == [] and inbox.messages == [] and report.interrupted == 1
    assert any("Прерванных" in line for line in report.lines())


def test_subscriptions_a_parent_for_themselves_the_admin_for_anyone(act_as) -> None:  # type: ignore[no-untyped-def]
    parent = act_as("roditel")
    mine = notifications.get_subscription(parent)
    assert mine.person_id == parent.user.person_id and not mine.any  # default: off
    with parent.engine.begin() as conn:
        conn.execute(text("UPDATE person SET email = NULL WHERE id = :p"), {"p": parent.user.person_id})
    with pytest.raises(ValidationError, match="адрес электронной почты"):
        notifications.set_subscription(parent, bad_marks=True, absences=False, weekly_digest=False)
    with parent.engine.begin() as conn:
        conn.execute(
            text("UPDATE person SET email = 'roditel@example.net' WHERE id = :p"), {"p": parent.user.person_id}
        )
    stored = notifications.set_subscription(parent, bad_marks=True, absences=False, weekly_digest=True)
    assert stored.bad_marks and not stored.absences and stored.weekly_digest and stored.has_address
    assert notifications.get_subscription(parent) == stored

    admin = act_as("admin")
    assert notifications.get_subscription(admin, parent.user.person_id) == stored
    cleared = notifications.set_subscription(
        admin, parent.user.person_id, bad_marks=False, absences=False, weekly_digest=False
    )
    assert not cleared.any

    with admin.engine.connect() as conn:
        other_parent = conn.execute(
            text("SELECT guardian_id FROM guardian_link WHERE guardian_id <> :p ORDER BY id LIMIT 1"),
            {"p": parent.user.person_id},
        ).scalar_one()
    with pytest.raises(PermissionDenied):
        notifications.get_subscription(parent, other_parent)
    with pytest.raises(PermissionDenied):
        notifications.set_subscription(parent, other_parent, bad_marks=True, absences=True, weekly_digest=True)
    for login in ("kurator", "student", "zamdir"):
        someone = act_as(login)
        with pytest.raises(PermissionDenied):
            notifications.set_subscription(someone, bad_marks=True, absences=False, weekly_digest=False)
        with pytest.raises(PermissionDenied):
            notifications.send_notifications(someone, dry_run=True)
    teacher_id = act_as("prepod").user.person_id
    with pytest.raises(ValidationError, match="не указан"):
        notifications.set_subscription(admin, teacher_id, bad_marks=True, absences=False, weekly_digest=False)


def test_unconfigured_smtp_is_said_before_anything_is_claimed(act_as) -> None:  # type: ignore[no-untyped-def]
    people = cast(act_as, 1)
    (pupil,) = people.pupils
    notifications.set_subscription(people.admin, pupil.parent_id, bad_marks=True, absences=False, weekly_digest=False)
    people.put(pupil, "2")
    with pytest.raises(mailer.MailError, match="не настроена"):
        notifications.send_notifications(people.admin)
    assert log_rows(people.admin) == []


def run_cli(*argv: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_command_line_sends_says_how_many_and_fails_in_russian(act_as, demo_db_url) -> None:  # type: ignore[no-untyped-def]
    port = _free_port()
    people = cast(act_as, 2)
    configure(people.admin, port)
    first, second = people.pupils
    for pupil in people.pupils:
        notifications.set_subscription(
            people.admin, pupil.parent_id, bad_marks=True, absences=False, weekly_digest=False
        )
    people.put(first, "2")

    code, out, _err = run_cli("notify", "send", "--url", demo_db_url, "--dry-run")
    assert code == 0 and "писем к отправке 1" in out and first.address in out

    code, out, err = run_cli("notify", "send", "--url", demo_db_url)
    assert code == 1 and "ejournal: ошибка: Не удалось подключиться к почтовому серверу" in err
    assert "Отправлено писем: 0" in out

    people.put(second, "2")
    with smtp_on(port) as inbox:
        code, out, err = run_cli("notify", "send", "--url", demo_db_url, "--digest")
        assert code == 0, err
        assert "Отправлено писем: 2 (событий: 2)" in out
        assert sorted(r[0] for r, _m in inbox.messages) == sorted([first.address, second.address])
        code, out, _err = run_cli("notify", "send", "--url", demo_db_url)
        assert code == 0 and "Отправлено писем: 0" in out and len(inbox.messages) == 2


# --- straight through SQL on a server set up by `init_server`, as each login ---------------------

SERVER_PASSWORD = "Демо-пароль 'почта'"


@dataclass
class Server:
    server_url: str
    db: str

    def connect(self, login: str | None = None):  # type: ignore[no-untyped-def]
        import psycopg

        from ejournal_desktop.store.engine import normalize_url

        url = normalize_url(self.server_url)
        return psycopg.connect(
            host=url.host,
            port=url.port,
            user=login or url.username,
            password=SERVER_PASSWORD if login else url.password,
            dbname=self.db,
            autocommit=True,
        )

    def session(self, login: str) -> UserSession:
        from ejournal_desktop.services import auth
        from ejournal_desktop.store.engine import normalize_url

        url = normalize_url(self.server_url)
        profile = auth.Profile(kind="server", host=url.host, port=url.port, database=self.db, sslmode="disable")
        return auth.login(profile, login, SERVER_PASSWORD)

    def url_of(self, login: str) -> str:
        from ejournal_desktop.store.engine import normalize_url

        url = normalize_url(self.server_url)
        return f"postgresql://{login}@{url.host}:{url.port}/{self.db}"


@pytest.fixture(scope="module")
def server(pg_server) -> Iterator[Server]:  # type: ignore[no-untyped-def]
    from ejournal_desktop.services.demo_on_server import fill_demo_on_server
    from ejournal_desktop.store.pg_admin import admin_engine, drop_database
    from ejournal_desktop.store.server.server_init import init_server
    from tests.server.college import drop_logins
    from tests.server.conftest import unique_db

    db = unique_db("ej_notify")
    init_server(pg_server.url, db, "admin_ntf", SERVER_PASSWORD)
    fill_demo_on_server(pg_server.url, db, today=DEMO_TODAY, password=SERVER_PASSWORD)
    built = Server(pg_server.url, db)
    with built.connect() as conn:
        logins = [row[0] for row in conn.execute("SELECT login FROM account")]
    yield built
    admin = admin_engine(pg_server.url)
    drop_database(admin, db)
    admin.dispose()
    drop_logins(pg_server.url, logins)


@pytest.mark.pg
def test_on_the_server_a_parent_reads_and_writes_only_their_own_subscription(server: Server) -> None:
    import psycopg

    with server.connect() as conn:
        me = conn.execute("SELECT person_id FROM account WHERE login = 'roditel'").fetchone()[0]
        other = conn.execute(
            "SELECT guardian_id FROM guardian_link WHERE guardian_id <> %s ORDER BY id LIMIT 1", (me,)
        ).fetchone()[0]
        conn.execute("UPDATE person SET email = 'roditel@example.net' WHERE id = %s", (me,))
        conn.execute("UPDATE person SET email = 'other@example.net' WHERE id = %s", (other,))
        demo = {r[0] for r in conn.execute("SELECT person_id FROM notification_subscription")}  # the demo's own
    assert demo and me not in demo
    parent = server.session("roditel")
    admin = server.session("admin")
    try:
        assert notifications.set_subscription(parent, bad_marks=True, absences=False, weekly_digest=False).bad_marks
        notifications.set_subscription(admin, other, bad_marks=False, absences=True, weekly_digest=True)
        with pytest.raises(PermissionDenied):
            notifications.set_subscription(parent, other, bad_marks=True, absences=True, weekly_digest=True)
    finally:
        parent.close()
        admin.close()
    with server.connect("roditel") as conn:
        assert [r[0] for r in conn.execute("SELECT person_id FROM notification_subscription")] == [me]
        # Another parent's row: invisible to UPDATE, refused to INSERT.
        changed = conn.execute(
            "UPDATE notification_subscription SET weekly_digest = false WHERE person_id = %s", (other,)
        ).rowcount
        assert changed == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO notification_subscription (person_id, weekly_digest) VALUES (%s, true)", (other,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT count(*) FROM notification_log")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO notification_log (kind, event_key, recipient_id, address, status) "
                "VALUES ('bad_mark', '1', %s, 'x@example.net', 'sent')",
                (me,),
            )
    for login in ("prepod", "kurator", "student"):
        with server.connect(login) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT count(*) FROM notification_subscription")
    with server.connect("admin") as conn:
        assert {r[0] for r in conn.execute("SELECT person_id FROM notification_subscription")} == {me, other} | demo
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM notification_log")


@pytest.mark.pg
def test_on_the_server_the_admins_login_sends_from_the_command_line(server: Server, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    port = _free_port()
    with server.connect() as conn:
        me = conn.execute("SELECT person_id FROM account WHERE login = 'roditel'").fetchone()[0]
        conn.execute("UPDATE person SET email = 'roditel@example.net' WHERE id = %s", (me,))
        conn.execute("DELETE FROM notification_subscription")
    parent = server.session("roditel")
    admin = server.session("admin")
    try:
        configure(admin, port)
        notifications.set_subscription(parent, bad_marks=True, absences=False, weekly_digest=False)
    finally:
        parent.close()
        admin.close()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with server.connect() as conn:  # a teacher's new «2» for one of the children (set up as the superuser)
        child, mark_id = conn.execute(
            "SELECT mk.student_id, mk.id FROM mark mk JOIN guardian_link g ON g.student_id = mk.student_id "
            "WHERE g.guardian_id = %s ORDER BY mk.id DESC LIMIT 1",
            (me,),
        ).fetchone()
        conn.execute("UPDATE mark SET value = '2', updated_at = %s WHERE id = %s", (now, mark_id))
        child_name = conn.execute(
            "SELECT p.last_name FROM student s JOIN person p ON p.id = s.person_id WHERE s.id = %s", (child,)
        ).fetchone()[0]

    code, _out, err = run_cli(
        "notify", "send", "--url", server.url_of("roditel"), "--password-stdin",
        stdin=SERVER_PASSWORD + "\n", monkeypatch=monkeypatch,
    )  # fmt: skip
    assert code == 1 and "Недостаточно прав" in err
    with smtp_on(port) as inbox:
        code, out, err = run_cli(
            "notify", "send", "--url", server.url_of("admin"), "--password-stdin",
            stdin=SERVER_PASSWORD + "\n", monkeypatch=monkeypatch,
        )  # fmt: skip
        assert code == 0, err
        assert "Отправлено писем: 1 (событий: 1)" in out and SERVER_PASSWORD not in out + err
        assert [rcpt for rcpt, _m in inbox.messages] == [["roditel@example.net"]]
        assert child_name in body(inbox.messages[0][1])
        code, out, _err = run_cli(
            "notify", "send", "--url", server.url_of("admin"), "--password-stdin",
            stdin=SERVER_PASSWORD + "\n", monkeypatch=monkeypatch,
        )  # fmt: skip
        assert code == 0 and "Отправлено писем: 0" in out and len(inbox.messages) == 1
    with server.connect("admin") as conn:
        rows = conn.execute("SELECT kind, event_key, recipient_id, status FROM notification_log").fetchall()
    assert rows == [("bad_mark", str(mark_id), me, "sent")]
