"""Messages: conversations between participants, unread counts, search, small attachments.

Who may start a conversation with whom (both directions; only people with an active account):
- the administration (admin, deputy) with everyone, and everyone with the administration;
- a teacher with the students of the groups they teach or curate and with those students' parents;
- staff (teachers, the secretary) with staff — the staff room;
- a student or a parent with the teachers and the curator of their (children's) group.
On a PostgreSQL server the same rule is ej_contact_person_ids() (09_communication.sql), and a
conversation is created only through ej_start_conversation(), which checks it; row-level security
lets only the members read a conversation, its messages and attachments. On SQLite this module is
what enforces it. A one-to-one conversation with the same person is reused, not doubled.

Text is plain text: stored and shown as typed, never interpreted as markup. Attachments live in the
database (a backup holds them), each under the admin's size limit (app_setting
`attachment_max_bytes`, default 5 MB). New messages: NOTIFY `ej_message` with the conversation id on
PostgreSQL (`open_listener`), polling of `unread_total` on SQLite.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection, and_, func, insert, select, text, union, update

from ejournal_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from ejournal_desktop.domain.names import full_name, russian_sort_key, search_key, short_name
from ejournal_desktop.domain.permissions import Action, require
from ejournal_desktop.domain.units import format_size
from ejournal_desktop.services import settings
from ejournal_desktop.services.audience import ADMINISTRATION, STAFF_ROLES, circle_of, has_server_function, utc_now
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import dedicated_connection

ATTACHMENT_LIMIT_KEY = "attachment_max_bytes"
DEFAULT_ATTACHMENT_LIMIT = 5 * 1024 * 1024
MAX_BODY = 20_000
MAX_TITLE = 200
MAX_ATTACHMENTS = 10
THREAD_LIMIT = 1000  # the latest messages shown in a thread
EPOCH = dt.datetime(1900, 1, 1)  # «read up to» of a member who has read nothing yet
CHANNEL = "ej_message"
START_FUNCTION = "ej_start_conversation(text, integer[])"
CONTACTS_FUNCTION = "ej_my_contacts()"


@dataclass(frozen=True)
class Contact:
    person_id: int
    name: str  # «Фамилия Имя Отчество»
    detail: str  # who they are: «преподаватель», «обучающийся, группа 21-ТО», «родитель: …»


@dataclass(frozen=True)
class ConversationRow:
    id: int
    kind: str  # direct | group
    title: str
    members: tuple[str, ...]  # short names of the others
    last_at: dt.datetime | None
    last_preview: str
    last_sender: str
    unread: int


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    message_id: int
    name: str
    mime: str
    size: int


@dataclass(frozen=True)
class MessageRow:
    id: int
    sender_id: int | None
    sender_name: str
    body: str
    sent_at: dt.datetime
    mine: bool
    attachments: tuple[AttachmentInfo, ...] = ()


@dataclass(frozen=True)
class Thread:
    conversation: ConversationRow
    messages: list[MessageRow]
    member_names: tuple[str, ...]


@dataclass(frozen=True)
class NewAttachment:
    name: str
    content: bytes
    mime: str = ""

    @classmethod
    def from_path(cls, path: str | os.PathLike[str]) -> NewAttachment:
        with open(path, "rb") as handle:
            content = handle.read()
        name = os.path.basename(os.fspath(path))
        return cls(name=name, content=content, mime=mimetypes.guess_type(name)[0] or "")


@dataclass(frozen=True)
class SearchHit:
    conversation_id: int
    message_id: int
    sender_name: str
    sent_at: dt.datetime
    snippet: str


@dataclass
class _Names:
    by_id: dict[int, tuple[str, str, str | None]] = field(default_factory=dict)

    def full(self, person_id: int | None) -> str:
        if person_id is None or person_id not in self.by_id:
            return "—"
        last, first, middle = self.by_id[person_id]
        return full_name(last, first, middle)

    def short(self, person_id: int | None) -> str:
        if person_id is None or person_id not in self.by_id:
            return "—"
        last, first, middle = self.by_id[person_id]
        return short_name(last, first, middle)


# --- settings ------------------------------------------------------------------------------------


def attachment_limit(session: UserSession) -> int:
    """The admin's limit on one attachment in bytes (default 5 MB; never an error here)."""
    value = settings.get_setting(session, ATTACHMENT_LIMIT_KEY)
    try:
        return max(0, int(value)) if value is not None else DEFAULT_ATTACHMENT_LIMIT
    except ValueError:
        return DEFAULT_ATTACHMENT_LIMIT


def set_attachment_limit(session: UserSession, size_bytes: int) -> None:
    if not 0 < int(size_bytes) <= 100 * 1024 * 1024:
        raise ValidationError("Размер вложения — от 1 байта до 100 МБ", field=ATTACHMENT_LIMIT_KEY)
    settings.set_setting(session, ATTACHMENT_LIMIT_KEY, str(int(size_bytes)))


# --- contacts ------------------------------------------------------------------------------------


def _active_roles(conn: Connection) -> dict[int, set[str]]:
    query = union(
        select(m.Account.person_id, m.Account.role).where(m.Account.is_active),
        select(m.Account.person_id, m.AccountRole.role)
        .join(m.AccountRole, m.AccountRole.account_id == m.Account.id)
        .where(m.Account.is_active),
    )
    roles: dict[int, set[str]] = defaultdict(set)
    for person_id, role in conn.execute(query):
        roles[person_id].add(role)
    return roles


def contact_ids(conn: Connection, person_id: int, roles: frozenset[str]) -> set[int]:
    """Whom this person may start a conversation with (the rule of the module docstring)."""
    active = _active_roles(conn)
    circle = circle_of(conn, person_id, roles)
    ids: set[int] = set()
    if roles & ADMINISTRATION:
        ids |= set(active)
    ids |= {p for p, held in active.items() if held & ADMINISTRATION}
    if roles & {"teacher", "secretary"}:
        ids |= {p for p, held in active.items() if held & STAFF_ROLES}
    if circle.taught:
        students = conn.execute(
            select(m.Student.person_id, m.GuardianLink.guardian_id)
            .outerjoin(m.GuardianLink, m.GuardianLink.student_id == m.Student.id)
            .where(m.Student.group_id.in_(sorted(circle.taught)), m.Student.status == "studying")
        )
        for student_person, guardian in students:
            ids.add(student_person)
            if guardian is not None:
                ids.add(guardian)
    if circle.diary_groups:
        groups = sorted(circle.diary_groups)
        staff = union(
            select(m.TeachingAssignment.teacher_id).where(m.TeachingAssignment.group_id.in_(groups)),
            select(m.StudyGroup.curator_id).where(m.StudyGroup.id.in_(groups), m.StudyGroup.curator_id.is_not(None)),
        )
        ids |= {row[0] for row in conn.execute(staff)}
    ids &= set(active)
    ids.discard(person_id)
    return ids


def contacts(session: UserSession) -> list[Contact]:
    """The people this user may write to, in Russian alphabetical order."""
    require(session.user.roles, Action.MESSAGES_USE)
    with transaction(session) as conn:
        if has_server_function(conn, CONTACTS_FUNCTION):
            rows = conn.execute(
                text("SELECT person_id, last_name, first_name, middle_name, detail FROM ej_my_contacts()")
            )
            found = [Contact(pid, full_name(last, first, middle), detail) for pid, last, first, middle, detail in rows]
        else:
            found = _contacts_here(conn, session)
    return sorted(found, key=lambda c: russian_sort_key(c.name))


def _contacts_here(conn: Connection, session: UserSession) -> list[Contact]:
    ids = sorted(contact_ids(conn, session.user.person_id, frozenset(session.user.roles)))
    if not ids:
        return []
    persons = conn.execute(
        select(m.Person.id, m.Person.last_name, m.Person.first_name, m.Person.middle_name, m.Person.position).where(
            m.Person.id.in_(ids)
        )
    ).all()
    groups = dict(
        conn.execute(
            select(m.Student.person_id, m.StudyGroup.name)
            .join(m.StudyGroup, m.StudyGroup.id == m.Student.group_id)
            .where(m.Student.person_id.in_(ids))
            .order_by(m.Student.id.desc())
        ).all()
    )
    child = m.Person.__table__.alias("child")
    children: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for guardian, last, first, group in conn.execute(
        select(m.GuardianLink.guardian_id, child.c.last_name, child.c.first_name, m.StudyGroup.name)
        .join(m.Student, m.Student.id == m.GuardianLink.student_id)
        .join(child, child.c.id == m.Student.person_id)
        .join(m.StudyGroup, m.StudyGroup.id == m.Student.group_id)
        .where(m.GuardianLink.guardian_id.in_(ids))
    ):
        children[guardian].append((last, f"{last} {first[:1]}. ({group})"))
    found = []
    for pid, last, first, middle, position in persons:
        if pid in groups:
            detail = f"обучающийся, группа {groups[pid]}"
        elif children.get(pid):
            kids = sorted(children[pid], key=lambda k: russian_sort_key(k[1]))
            detail = "родитель: " + ", ".join(k[1] for k in kids)
        else:
            detail = position or "сотрудник"
        found.append(Contact(pid, full_name(last, first, middle), detail))
    return found


# --- conversations -------------------------------------------------------------------------------


def start_conversation(session: UserSession, member_ids: Iterable[int], title: str = "") -> int:
    """A conversation with these people (the user is added); a one-to-one one is reused."""
    require(session.user.roles, Action.MESSAGES_USE)
    me = session.user.person_id
    others = sorted({int(p) for p in member_ids if p is not None and int(p) != me})
    title = (title or "").strip()
    if not others:
        raise ValidationError("Выберите хотя бы одного собеседника", field="members")
    if len(title) > MAX_TITLE:
        raise ValidationError(f"Тема беседы длиннее {MAX_TITLE} знаков", field="title")
    with transaction(session) as conn:
        if has_server_function(conn, START_FUNCTION):
            return int(
                conn.execute(
                    text("SELECT ej_start_conversation(:title, CAST(:members AS integer[]))"),
                    {"title": title, "members": others},
                ).scalar_one()
            )
        allowed = contact_ids(conn, me, frozenset(session.user.roles))
        refused = [p for p in others if p not in allowed]
        if refused:
            raise PermissionDenied("Недостаточно прав: начать беседу с этим человеком нельзя")
        direct = len(others) == 1 and not title
        if direct:
            a = m.ConversationMember.__table__.alias("a")
            b = m.ConversationMember.__table__.alias("b")
            existing = conn.execute(
                select(m.Conversation.id)
                .join(a, and_(a.c.conversation_id == m.Conversation.id, a.c.person_id == me))
                .join(b, and_(b.c.conversation_id == m.Conversation.id, b.c.person_id == others[0]))
                .where(m.Conversation.kind == "direct")
                .order_by(m.Conversation.id)
                .limit(1)
            ).scalar()
            if existing is not None:
                return int(existing)
        now = utc_now()
        conversation_id = conn.execute(
            insert(m.Conversation)
            .values(kind="direct" if direct else "group", title=title or None, created_by=me, created_at=now)
            .returning(m.Conversation.id)
        ).scalar_one()
        conn.execute(
            insert(m.ConversationMember),
            [{"conversation_id": conversation_id, "person_id": p, "joined_at": now} for p in [*others, me]],
        )
        return int(conversation_id)


def _check_member(conn: Connection, conversation_id: int, person_id: int) -> dt.datetime | None:
    row = conn.execute(
        select(m.ConversationMember.last_read_at).where(
            m.ConversationMember.conversation_id == conversation_id, m.ConversationMember.person_id == person_id
        )
    ).first()
    if row is None:
        raise PermissionDenied("Эта беседа недоступна: вы не её участник")
    return row[0]


def _clean_body(body: str) -> str:
    # Plain text as typed: only line ends are normalised and outer blank space trimmed.
    return (body or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _check_attachments(session: UserSession, attachments: Sequence[NewAttachment]) -> list[NewAttachment]:
    if len(attachments) > MAX_ATTACHMENTS:
        raise ValidationError(f"Не больше {MAX_ATTACHMENTS} вложений в одном сообщении", field="attachment")
    if not attachments:
        return []
    limit = attachment_limit(session)
    checked = []
    for item in attachments:
        name = os.path.basename((item.name or "").replace("\\", "/")).strip()[:255] or "файл"
        if len(item.content) > limit:
            raise ValidationError(
                f"Файл «{name}» ({format_size(len(item.content))}) больше допустимого размера вложения "
                f"({format_size(limit)}). Уменьшите файл или отправьте его иначе",
                field="attachment",
            )
        mime = item.mime or mimetypes.guess_type(name)[0] or "application/octet-stream"
        checked.append(NewAttachment(name=name, content=bytes(item.content), mime=mime[:100]))
    return checked


def send_message(
    session: UserSession, conversation_id: int, body: str, attachments: Sequence[NewAttachment] = ()
) -> int:
    """Post a message (plain text, optional attachments) to a conversation the user is a member of."""
    require(session.user.roles, Action.MESSAGES_USE)
    text_ = _clean_body(body)
    if not text_ and not attachments:
        raise ValidationError("Сообщение пустое: напишите текст или приложите файл", field="body")
    if len(text_) > MAX_BODY:
        raise ValidationError(f"Сообщение длиннее {MAX_BODY} знаков", field="body")
    files = _check_attachments(session, attachments)
    me = session.user.person_id
    with transaction(session) as conn:
        _check_member(conn, conversation_id, me)
        message_id = conn.execute(
            insert(m.Message)
            .values(
                conversation_id=conversation_id,
                sender_id=me,
                body=text_,
                search_body=search_key(text_),
                sent_at=utc_now(),
            )
            .returning(m.Message.id)
        ).scalar_one()
        if files:
            conn.execute(
                insert(m.Attachment),
                [
                    {
                        "message_id": message_id,
                        "name": f.name,
                        "mime": f.mime,
                        "size": len(f.content),
                        "content": f.content,
                    }
                    for f in files
                ],
            )
        _mark_read(conn, conversation_id, me)
    return int(message_id)


def _mark_read(conn: Connection, conversation_id: int, person_id: int) -> None:
    """Everything in the conversation up to its latest message counts as read (server times only)."""
    latest = select(func.max(m.Message.sent_at)).where(m.Message.conversation_id == conversation_id).scalar_subquery()
    conn.execute(
        update(m.ConversationMember)
        .where(m.ConversationMember.conversation_id == conversation_id, m.ConversationMember.person_id == person_id)
        .values(last_read_at=latest)
    )


def _my_conversations(person_id: int) -> Any:
    return select(m.ConversationMember.conversation_id).where(m.ConversationMember.person_id == person_id)


def _unread_condition(person_id: int, member: Any) -> Any:
    """Messages of others after the member's last read: a range on ix_message_conversation_sent."""
    return and_(
        m.Message.conversation_id == member.conversation_id,
        m.Message.sent_at > func.coalesce(member.last_read_at, EPOCH),
        m.Message.sender_id.is_distinct_from(person_id),
    )


def unread_total_query(person_id: int) -> Any:
    """One statement: the unread messages of all the person's conversations (index ranges, no full scan)."""
    member = m.ConversationMember
    return (
        select(func.count())
        .select_from(member)
        .join(m.Message, _unread_condition(person_id, member))
        .where(member.person_id == person_id)
    )


def unread_total(session: UserSession) -> int:
    """Unread messages in all the user's conversations (the badge on the navigation): one query."""
    require(session.user.roles, Action.MESSAGES_USE)
    with session.engine.connect() as conn:
        value = conn.execute(unread_total_query(session.user.person_id)).scalar()
    return int(value or 0)


def inbox(session: UserSession) -> list[ConversationRow]:
    """The user's conversations, latest first, with the last message and the unread count (2 queries)."""
    require(session.user.roles, Action.MESSAGES_USE)
    me = session.user.person_id
    with session.engine.connect() as conn:
        return _inbox(conn, me)


def _inbox(conn: Connection, me: int, only: int | None = None) -> list[ConversationRow]:
    """Two statements: the conversations with their last message and unread count (per conversation
    index probes, not an aggregate over every message), then the members' names."""
    member = m.ConversationMember
    last = m.Message.__table__.alias("last_message")
    last_id = (
        select(m.Message.id)
        .where(m.Message.conversation_id == member.conversation_id)
        .order_by(m.Message.sent_at.desc(), m.Message.id.desc())
        .limit(1)
        .correlate(member)
        .scalar_subquery()
    )
    unread = (
        select(func.count())
        .select_from(m.Message)
        .where(_unread_condition(me, member))
        .correlate(member)
        .scalar_subquery()
    )
    convs = conn.execute(
        select(
            m.Conversation.id,
            m.Conversation.kind,
            m.Conversation.title,
            m.Conversation.created_at,
            last.c.id.label("last_id"),
            last.c.sent_at.label("last_at"),
            last.c.body.label("last_body"),
            last.c.sender_id.label("last_sender"),
            unread.label("unread"),
        )
        .select_from(member)
        .join(m.Conversation, m.Conversation.id == member.conversation_id)
        .outerjoin(last, last.c.id == last_id)
        .where(member.person_id == me, *([m.Conversation.id == only] if only is not None else []))
    ).all()
    if not convs:
        return []
    ids = [c.id for c in convs]
    members: dict[int, list[int]] = defaultdict(list)
    names = _Names()
    for conversation_id, person_id, last, first, middle in conn.execute(
        select(
            m.ConversationMember.conversation_id,
            m.ConversationMember.person_id,
            m.Person.last_name,
            m.Person.first_name,
            m.Person.middle_name,
        )
        .outerjoin(m.Person, m.Person.id == m.ConversationMember.person_id)
        .where(m.ConversationMember.conversation_id.in_(ids))
    ):
        members[conversation_id].append(person_id)
        if last is not None:
            names.by_id[person_id] = (last, first, middle)
    rows = []
    for c in convs:
        others = sorted((p for p in members[c.id] if p != me), key=lambda p: russian_sort_key(names.full(p)))
        body = c.last_body or ""
        title = c.title or (names.full(others[0]) if c.kind == "direct" and others else "")
        if not title:
            title = ", ".join(names.short(p) for p in others) or "Беседа"
        sender = ""
        if c.last_id is not None:
            sender = "Вы" if c.last_sender == me else names.short(c.last_sender)
        rows.append(
            ConversationRow(
                id=c.id,
                kind=c.kind,
                title=title,
                members=tuple(names.short(p) for p in others),
                last_at=c.last_at or c.created_at,
                last_preview=" ".join(body.split())[:120] or ("(вложение)" if c.last_id is not None else ""),
                last_sender=sender,
                unread=int(c.unread or 0),
            )
        )
    rows.sort(key=lambda r: (r.last_at or dt.datetime.min, r.id), reverse=True)
    return rows


def thread(session: UserSession, conversation_id: int, *, mark_read: bool = True) -> Thread:
    """The messages of a conversation in order (the latest THREAD_LIMIT), with attachment names."""
    require(session.user.roles, Action.MESSAGES_USE)
    me = session.user.person_id
    with transaction(session) as conn:
        _check_member(conn, conversation_id, me)
        header = _inbox(conn, me, only=conversation_id)
        if not header:
            raise NotFound("Беседа не найдена")
        rows = conn.execute(
            select(
                m.Message.id,
                m.Message.sender_id,
                m.Message.body,
                m.Message.sent_at,
                m.Person.last_name,
                m.Person.first_name,
                m.Person.middle_name,
            )
            .outerjoin(m.Person, m.Person.id == m.Message.sender_id)
            .where(m.Message.conversation_id == conversation_id)
            .order_by(m.Message.sent_at.desc(), m.Message.id.desc())
            .limit(THREAD_LIMIT)
        ).all()
        files: dict[int, list[AttachmentInfo]] = defaultdict(list)
        for a in conn.execute(
            select(m.Attachment.id, m.Attachment.message_id, m.Attachment.name, m.Attachment.mime, m.Attachment.size)
            .join(m.Message, m.Message.id == m.Attachment.message_id)
            .where(m.Message.conversation_id == conversation_id)
            .order_by(m.Attachment.id)
        ):
            files[a.message_id].append(AttachmentInfo(a.id, a.message_id, a.name, a.mime, a.size))
        if mark_read:
            _mark_read(conn, conversation_id, me)
    messages = [
        MessageRow(
            id=r.id,
            sender_id=r.sender_id,
            sender_name=" ".join(p for p in (r.last_name, r.first_name, r.middle_name) if p) or "—",
            body=r.body,
            sent_at=r.sent_at,
            mine=r.sender_id == me,
            attachments=tuple(files.get(r.id, ())),
        )
        for r in reversed(rows)
    ]
    conversation = header[0]
    if mark_read:
        conversation = replace(conversation, unread=0)
    return Thread(conversation=conversation, messages=messages, member_names=conversation.members)


def attachment_content(session: UserSession, attachment_id: int) -> NewAttachment:
    """The file of an attachment in a conversation the user is a member of."""
    require(session.user.roles, Action.MESSAGES_USE)
    with session.engine.connect() as conn:
        row = conn.execute(
            select(m.Attachment.name, m.Attachment.mime, m.Attachment.content)
            .join(m.Message, m.Message.id == m.Attachment.message_id)
            .join(m.ConversationMember, m.ConversationMember.conversation_id == m.Message.conversation_id)
            .where(m.Attachment.id == attachment_id, m.ConversationMember.person_id == session.user.person_id)
        ).first()
    if row is None:
        raise NotFound("Вложение не найдено или недоступно")
    return NewAttachment(name=row.name, content=bytes(row.content), mime=row.mime)


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search(session: UserSession, query: str, limit: int = 200) -> list[SearchHit]:
    """Messages of the user's conversations containing every word typed (case and «ё» folded)."""
    require(session.user.roles, Action.MESSAGES_USE)
    words = search_key(query or "").split()
    if not words:
        return []
    me = session.user.person_id
    with session.engine.connect() as conn:
        rows = conn.execute(
            select(
                m.Message.conversation_id,
                m.Message.id,
                m.Message.body,
                m.Message.sent_at,
                m.Person.last_name,
                m.Person.first_name,
                m.Person.middle_name,
            )
            .outerjoin(m.Person, m.Person.id == m.Message.sender_id)
            .where(
                m.Message.conversation_id.in_(_my_conversations(me)),
                *[m.Message.search_body.like(_like(w), escape="\\") for w in words],
            )
            .order_by(m.Message.sent_at.desc(), m.Message.id.desc())
            .limit(limit)
        ).all()
    return [
        SearchHit(
            conversation_id=r.conversation_id,
            message_id=r.id,
            sender_name=short_name(r.last_name, r.first_name, r.middle_name) if r.last_name else "—",
            sent_at=r.sent_at,
            snippet=" ".join(r.body.split())[:160],
        )
        for r in rows
    ]


# --- live updates --------------------------------------------------------------------------------


class MessageListener:
    """LISTEN ej_message on a connection of its own (PostgreSQL): `wait` returns conversation ids.

    The payload is a hint only; the caller re-reads its inbox (row-level security decides what it
    sees). Use from one thread: `wait` in a loop, then `close`.
    """

    def __init__(self, session: UserSession) -> None:
        conn: Any = dedicated_connection(session.engine)  # outside the pool: it only listens
        conn.execute(f"LISTEN {CHANNEL}")
        self._conn = conn

    @property
    def backend_pid(self) -> int:
        return int(self._conn.info.backend_pid)

    def wait(self, timeout: float = 0.5) -> list[int]:
        ids: list[int] = []
        for notify in self._conn.notifies(timeout=timeout, stop_after=1):
            if notify.payload.isdigit():
                ids.append(int(notify.payload))
        if ids:  # whatever else arrived meanwhile, without waiting again
            for notify in self._conn.notifies(timeout=0.01):
                if notify.payload.isdigit():
                    ids.append(int(notify.payload))
        return ids

    def close(self) -> None:
        self._conn.close()


def open_listener(session: UserSession) -> MessageListener | None:
    """A listener on PostgreSQL; None on SQLite (the caller polls `unread_total` instead)."""
    if session.backend != "postgresql":
        return None
    return MessageListener(session)


__all__ = [
    "ATTACHMENT_LIMIT_KEY",
    "DEFAULT_ATTACHMENT_LIMIT",
    "AttachmentInfo",
    "Contact",
    "ConversationRow",
    "MessageListener",
    "MessageRow",
    "NewAttachment",
    "SearchHit",
    "Thread",
    "attachment_content",
    "attachment_limit",
    "contact_ids",
    "contacts",
    "format_size",
    "inbox",
    "open_listener",
    "search",
    "send_message",
    "set_attachment_limit",
    "start_conversation",
    "thread",
    "unread_total",
]
