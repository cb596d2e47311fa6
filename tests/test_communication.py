"""The diary, the board, messages and the portfolio through the services, on SQLite and PostgreSQL.

On the small demo college (today = 29.11.2026). The server's own row-level security for the same
rules is tested straight through SQL in tests/server/test_communication_rls.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import event, text

from ejournal_desktop.domain.errors import PermissionDenied, ValidationError
from ejournal_desktop.reports import portfolio_pdf
from ejournal_desktop.services import board, diary, messages, portfolio
from tests.conftest import DEMO_TODAY


def _scalar(session, sql: str, **params):  # type: ignore[no-untyped-def]
    with session.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def _login_of_student_in_other_group(session, group_name: str) -> str:  # type: ignore[no-untyped-def]
    return _scalar(
        session,
        "SELECT a.login FROM account a JOIN student s ON s.person_id = a.person_id "
        "JOIN study_group g ON g.id = s.group_id WHERE g.name <> :g AND s.status = 'studying' ORDER BY a.login LIMIT 1",
        g=group_name,
    )


class QueryCounter:
    def __init__(self, engine) -> None:  # type: ignore[no-untyped-def]
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)
        self.engine = engine

    def _seen(self, *args) -> None:  # type: ignore[no-untyped-def]
        self.count += 1

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)


# --- the diary ------------------------------------------------------------------------------------


def test_a_parent_reads_each_childs_diary_and_no_one_elses(act_as) -> None:  # type: ignore[no-untyped-def]
    parent = act_as("roditel")
    children = diary.diary_students(parent)
    assert len(children) == 2
    for child in children:
        book = diary.diary(parent, child.student_id, today=DEMO_TODAY)
        assert book.student == child
        assert book.period is not None and book.period.contains(DEMO_TODAY)
        assert book.disciplines and any(d.marks for d in book.disciplines)
        marked = next(d for d in book.disciplines if d.marks)
        assert all(x.held_on <= DEMO_TODAY and x.topic for x in marked.marks)
        assert marked.average is not None and 2 <= marked.average <= 5
        assert book.timetable and book.homework
        assert book.absent_hours >= book.excused_hours >= 0
    stranger = _scalar(
        parent,
        "SELECT s.id FROM student s WHERE s.id NOT IN (SELECT student_id FROM guardian_link g "
        "JOIN account a ON a.person_id = g.guardian_id WHERE a.login = 'roditel') ORDER BY s.id LIMIT 1",
    )
    with pytest.raises(PermissionDenied, match="дневник другого"):
        diary.diary(parent, stranger, today=DEMO_TODAY)


def test_a_student_reads_only_their_own_diary_with_final_marks_of_a_closed_period(act_as) -> None:  # type: ignore[no-untyped-def]
    student = act_as("student")
    [me] = diary.diary_students(student)
    current = diary.diary(student, me.student_id, today=DEMO_TODAY)
    closed = [p for p in current.periods if p.is_closed]
    assert closed
    last = diary.diary(student, me.student_id, period_id=closed[-1].id, today=DEMO_TODAY)
    assert any(d.finals for d in last.disciplines)
    sibling = next(c for c in diary.diary_students(act_as("roditel")) if c.student_id != me.student_id)
    with pytest.raises(PermissionDenied):
        diary.diary(student, sibling.student_id, today=DEMO_TODAY)


def test_the_diary_takes_a_constant_number_of_queries(act_as) -> None:  # type: ignore[no-untyped-def]
    parent = act_as("roditel")
    counts = []
    for child in diary.diary_students(parent):
        for period_id in (None, diary.diary(parent, child.student_id, today=DEMO_TODAY).periods[0].id):
            counter = QueryCounter(parent.engine)
            try:
                diary.diary(parent, child.student_id, period_id=period_id, today=DEMO_TODAY)
            finally:
                counter.close()
            counts.append(counter.count)
    assert max(counts) <= diary.DIARY_QUERIES
    assert len(set(counts)) == 1, counts


def test_whats_new_since_the_parents_last_visit(act_as) -> None:  # type: ignore[no-untyped-def]
    parent = act_as("roditel")
    child = diary.diary_students(parent)[0]
    news = diary.diary(parent, child.student_id, today=DEMO_TODAY).whats_new
    assert news is not None and news.since is not None  # the demo parent visited three days ago
    assert news.marks, "marks were given since"
    assert news.unread_messages >= 2
    later = news.since + dt.timedelta(days=30)
    diary.mark_visited(parent, child.student_id, at=later)
    again = diary.diary(parent, child.student_id, today=DEMO_TODAY).whats_new
    assert again is not None and again.since == later and not again.marks and not again.absences


# --- the board ------------------------------------------------------------------------------------


def test_an_announcement_for_group_a_does_not_reach_group_b(act_as) -> None:  # type: ignore[no-untyped-def]
    curator = act_as("kurator")
    student = act_as("student")
    group_name = diary.diary_students(student)[0].group_name
    group_id = curator.user.curated_group_ids[0]
    new = board.publish(
        curator, title="Консультация", body="В субботу в 10:00", audience="group", target_group_id=group_id
    )
    parents_only = board.publish(
        curator, title="Собрание", body="Для родителей", audience="group_parents", target_group_id=group_id
    )
    seen = {a.id: a for a in board.list_announcements(student)}
    assert new in seen and not seen[new].is_read and parents_only not in seen
    assert seen[new].audience_label == f"Группа {group_name}"
    other = act_as(_login_of_student_in_other_group(curator, group_name))
    others_view = {a.id for a in board.list_announcements(other)}
    assert new not in others_view and parents_only not in others_view
    assert parents_only in {a.id for a in board.list_announcements(act_as("roditel"))}
    board.mark_read(student, [new])
    assert next(a for a in board.list_announcements(student) if a.id == new).is_read


def test_who_may_publish_and_where(act_as) -> None:  # type: ignore[no-untyped-def]
    teacher = act_as("prepod")
    with pytest.raises(PermissionDenied):
        board.publish(teacher, title="Всем", body="", audience="everyone")
    targets = board.publish_targets(teacher)
    assert not targets.anyone and targets.groups
    curator_group = act_as("kurator").user.curated_group_ids[0]
    taught = {g for g, _name in targets.groups}
    foreign = _scalar(teacher, "SELECT max(id) FROM study_group") + 1000  # no such group: not theirs either
    with pytest.raises(PermissionDenied, match="не ваша"):
        board.publish(teacher, title="Чужой группе", body="", audience="group", target_group_id=foreign)
    assert foreign not in taught
    with pytest.raises(PermissionDenied):
        board.publish(act_as("student"), title="Я", body="", audience="everyone")
    with pytest.raises(ValidationError, match="Дата снятия"):
        board.publish(
            act_as("zamdir"),
            title="Ошибка дат",
            body="",
            publish_on=DEMO_TODAY,
            expires_on=DEMO_TODAY - dt.timedelta(days=1),
        )
    assert curator_group  # the curator's group exists for the other tests


# --- messages -------------------------------------------------------------------------------------


def test_a_student_cannot_read_a_conversation_they_are_not_in(act_as) -> None:  # type: ignore[no-untyped-def]
    student = act_as("student")
    curator = act_as("kurator")
    mine = {c.id for c in messages.inbox(student)}
    foreign = [c.id for c in messages.inbox(curator) if c.id not in mine]
    assert foreign
    with pytest.raises(PermissionDenied, match="не её участник"):
        messages.thread(student, foreign[0])
    with pytest.raises(PermissionDenied):
        messages.send_message(student, foreign[0], "Можно к вам?")
    assert all(hit.conversation_id in mine for hit in messages.search(student, "а"))


def test_markup_is_kept_as_plain_text(act_as) -> None:  # type: ignore[no-untyped-def]
    parent = act_as("roditel")
    curator = act_as("kurator")
    conversation = messages.start_conversation(parent, [curator.user.person_id])
    body = "<b>Жирный?</b> <script>alert('x')</script> & «кавычки»"
    messages.send_message(parent, conversation, body)
    shown = messages.thread(curator, conversation).messages[-1]
    assert shown.body == body and shown.sender_name.startswith(parent.user.last_name)


def test_an_attachment_over_the_limit_is_refused_with_a_message(act_as, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    parent = act_as("roditel")
    curator = act_as("kurator")
    conversation = messages.start_conversation(parent, [curator.user.person_id])
    assert messages.attachment_limit(parent) == messages.DEFAULT_ATTACHMENT_LIMIT
    big = messages.NewAttachment("скан.pdf", b"x" * (messages.DEFAULT_ATTACHMENT_LIMIT + 1))
    with pytest.raises(ValidationError, match=r"Файл «скан\.pdf» .* больше допустимого размера вложения"):
        messages.send_message(parent, conversation, "Справка", [big])
    messages.set_attachment_limit(act_as("admin"), 1000)
    with pytest.raises(ValidationError, match="1000 Б"):
        messages.send_message(parent, conversation, "Справка", [messages.NewAttachment("a.txt", b"y" * 1001)])
    path = tmp_path / "справка.txt"
    path.write_bytes("Справка № 5".encode())
    sent = messages.send_message(parent, conversation, "Справка", [messages.NewAttachment.from_path(path)])
    last = messages.thread(curator, conversation).messages[-1]
    assert last.id == sent and [a.name for a in last.attachments] == ["справка.txt"]
    assert messages.attachment_content(curator, last.attachments[0].id).content == "Справка № 5".encode()
    with pytest.raises(Exception, match="Вложение не найдено"):
        messages.attachment_content(act_as("student"), last.attachments[0].id)


def test_who_may_start_a_conversation_with_whom(act_as) -> None:  # type: ignore[no-untyped-def]
    parent = act_as("roditel")
    student = act_as("student")
    curator = act_as("kurator")
    contacts = {c.person_id: c for c in messages.contacts(parent)}
    assert curator.user.person_id in contacts
    other_student = _scalar(
        parent,
        "SELECT s.person_id FROM student s WHERE s.id NOT IN (SELECT g.student_id FROM guardian_link g "
        "JOIN account a ON a.person_id = g.guardian_id WHERE a.login = 'roditel') ORDER BY s.id LIMIT 1",
    )
    assert other_student not in contacts
    with pytest.raises(PermissionDenied, match="начать беседу"):
        messages.start_conversation(parent, [other_student])
    with pytest.raises(PermissionDenied):
        messages.start_conversation(student, [other_student])
    # A one-to-one conversation with the curator already exists in the demo: it is reused.
    existing = [
        c.id for c in messages.inbox(parent) if c.kind == "direct" and c.title.startswith(curator.user.last_name)
    ]
    assert messages.start_conversation(parent, [curator.user.person_id]) == existing[0]
    assert contacts[curator.user.person_id].detail
    # Administration ↔ everyone; the staff room among staff.
    admin_contacts = {c.person_id for c in messages.contacts(act_as("admin"))}
    assert other_student in admin_contacts and parent.user.person_id in admin_contacts
    assert act_as("prepod").user.person_id in {c.person_id for c in messages.contacts(curator)}
    with pytest.raises(ValidationError, match="хотя бы одного"):
        messages.start_conversation(parent, [parent.user.person_id])


def test_unread_counts_and_search(act_as) -> None:  # type: ignore[no-untyped-def]
    parent = act_as("roditel")
    curator = act_as("kurator")
    before = messages.unread_total(parent)
    assert before >= 2  # the demo leaves two messages of the curator unread
    conversation = messages.start_conversation(curator, [parent.user.person_id])
    messages.send_message(curator, conversation, "Ёлка в пятницу: приходите!")
    assert messages.unread_total(parent) == before + 1
    row = next(c for c in messages.inbox(parent) if c.id == conversation)
    assert row.unread == 3 and row.last_preview.startswith("Ёлка")
    hits = messages.search(parent, "елка ПЯТНИЦУ")
    assert [h.conversation_id for h in hits][:1] == [conversation]
    messages.thread(parent, conversation)
    assert messages.unread_total(parent) == before - 2
    assert next(c for c in messages.inbox(parent) if c.id == conversation).unread == 0
    with pytest.raises(ValidationError, match="пустое"):
        messages.send_message(parent, conversation, "   ")


def test_group_conversation_and_staff_room(act_as) -> None:  # type: ignore[no-untyped-def]
    curator = act_as("kurator")
    teacher = act_as("prepod")
    deputy = act_as("zamdir")
    room = messages.start_conversation(curator, [teacher.user.person_id, deputy.user.person_id], "Методсовет")
    messages.send_message(curator, room, "Коллеги, в среду методсовет.")
    for session in (teacher, deputy):
        row = next(c for c in messages.inbox(session) if c.id == room)
        assert row.kind == "group" and row.title == "Методсовет" and row.unread == 1
    assert any(c.title == "Учительская" for c in messages.inbox(teacher))


# --- the portfolio --------------------------------------------------------------------------------


def test_portfolio_entered_by_the_student_confirmed_by_the_curator(act_as, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    student = act_as("student")
    curator = act_as("kurator")
    parent = act_as("roditel")
    [me] = portfolio.portfolio_students(student)
    item = portfolio.add_item(
        student,
        me.student_id,
        achieved_on=DEMO_TODAY - dt.timedelta(days=3),
        kind="olympiad",
        title="Олимпиада по физике",
        level="region",
        result="призёр, 2 место",
        file=messages.NewAttachment("диплом.txt", b"scan"),
    )
    assert me.student_id in {s.student_id for s in portfolio.portfolio_students(curator)}
    with pytest.raises(PermissionDenied):
        portfolio.confirm(student, item)
    portfolio.confirm(curator, item)
    entry = next(e for e in portfolio.list_items(parent, me.student_id) if e.id == item)
    assert entry.confirmed and entry.confirmed_by and entry.level_label == "край" and entry.file_name == "диплом.txt"
    assert portfolio.item_file(parent, item).content == b"scan"
    with pytest.raises(PermissionDenied, match="Подтверждённое"):
        portfolio.delete_item(student, item)
    other = act_as(_login_of_student_in_other_group(curator, me.group_name))
    with pytest.raises(PermissionDenied):
        portfolio.list_items(other, me.student_id)
    with pytest.raises(ValidationError, match="уровень"):
        portfolio.add_item(student, me.student_id, achieved_on=DEMO_TODAY, kind="other", title="x", level="мир")
    pdf = portfolio_pdf.render_pdf(portfolio.portfolio_report(parent, me.student_id, DEMO_TODAY), tmp_path / "p.pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 2000
