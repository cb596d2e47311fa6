"""The board («Доска объявлений»): notices addressed to everyone, a role, a group or its parents.

Who reads a notice (between its publish and expiry dates): `everyone` — all; `role` — holders of
that role; `group` — the group's students and the teachers who teach or curate it;
`group_parents` — the parents of the group's students and those teachers. The author always sees
their own notices (also scheduled and expired ones); the admin and the deputy may list all of them
(moderation). Who publishes (board.publish): admin, deputy and secretary to anyone; a teacher to
the groups they teach or curate. On a PostgreSQL server the same rule is the row-level security of
`announcement` (09_communication.sql).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, and_, delete, false, insert, or_, select, true

from ejournal_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from ejournal_desktop.domain.names import short_name
from ejournal_desktop.domain.permissions import Action, Scope, allowed_scopes, can, require
from ejournal_desktop.domain.roles import ROLE_LABELS, Role
from ejournal_desktop.services.audience import circle_of, utc_now
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m

AUDIENCE_LABELS = {
    "everyone": "Все",
    "role": "Роль",
    "group": "Группа",
    "group_parents": "Родители группы",
}
ROLE_PLURALS = {
    "admin": "администраторы",
    "deputy": "администрация (зам. директора)",
    "secretary": "учебная часть",
    "teacher": "преподаватели",
    "student": "обучающиеся",
    "parent": "родители",
}
MAX_TITLE = 200
MAX_BODY = 10_000


@dataclass(frozen=True)
class AnnouncementRow:
    id: int
    title: str
    body: str
    author_id: int | None
    author_name: str
    audience: str
    target_role: str | None
    target_group_id: int | None
    target_group_name: str | None
    publish_on: dt.date
    expires_on: dt.date | None
    pinned: bool
    is_read: bool
    mine: bool

    @property
    def audience_label(self) -> str:
        if self.audience == "role" and self.target_role:
            return "Всем: " + ROLE_PLURALS.get(self.target_role, self.target_role)
        if self.audience == "group":
            return f"Группа {self.target_group_name}"
        if self.audience == "group_parents":
            return f"Родители группы {self.target_group_name}"
        return "Всем"

    def is_active(self, today: dt.date) -> bool:
        return self.publish_on <= today and (self.expires_on is None or self.expires_on >= today)


@dataclass(frozen=True)
class PublishTargets:
    """What the user may address: everything, or only these groups."""

    anyone: bool
    roles: tuple[tuple[str, str], ...]  # (code, label)
    groups: tuple[tuple[int, str], ...]  # (id, name)


def _reads_all(session: UserSession) -> bool:
    """Those who read every journal (admin, deputy) list every notice, as the server's read policy
    does with ej_reads_all_journals()."""
    return Scope.ALL in allowed_scopes(session.user.roles, Action.JOURNAL_READ)


def list_announcements(
    session: UserSession, *, today: dt.date | None = None, include_all: bool = False
) -> list[AnnouncementRow]:
    """Notices for this reader: pinned first, then the newest; `include_all` for admin/deputy moderation."""
    require(session.user.roles, Action.BOARD_READ)
    today = today or dt.date.today()
    me = session.user.person_id
    roles = sorted(session.user.roles)
    with session.engine.connect() as conn:
        circle = circle_of(conn, me, frozenset(session.user.roles))
        group_ids = sorted(circle.own | circle.taught)
        parent_group_ids = sorted(circle.children | circle.taught)
        a = m.Announcement
        addressed = and_(
            a.publish_on <= today,
            or_(a.expires_on.is_(None), a.expires_on >= today),
            or_(
                a.audience == "everyone",
                and_(a.audience == "role", a.target_role.in_(roles)),
                and_(a.audience == "group", a.target_group_id.in_(group_ids)) if group_ids else false(),
                and_(a.audience == "group_parents", a.target_group_id.in_(parent_group_ids))
                if parent_group_ids
                else false(),
            ),
        )
        visible = or_(a.author_id == me, addressed, true() if include_all and _reads_all(session) else false())
        read = m.AnnouncementRead
        rows = conn.execute(
            select(*m.Announcement.__table__.c, m.StudyGroup.name.label("group_name"), read.person_id.label("read_by"))
            .outerjoin(m.StudyGroup, m.StudyGroup.id == a.target_group_id)
            .outerjoin(read, and_(read.announcement_id == a.id, read.person_id == me))
            .where(visible)
            .order_by(a.pinned.desc(), a.publish_on.desc(), a.id.desc())
        ).all()
    return [
        AnnouncementRow(
            id=r.id,
            title=r.title,
            body=r.body,
            author_id=r.author_id,
            author_name=r.author_name,
            audience=r.audience,
            target_role=r.target_role,
            target_group_id=r.target_group_id,
            target_group_name=r.group_name,
            publish_on=r.publish_on,
            expires_on=r.expires_on,
            pinned=bool(r.pinned),
            is_read=r.read_by is not None or r.author_id == me,
            mine=r.author_id == me,
        )
        for r in rows
    ]


def publish_targets(session: UserSession) -> PublishTargets:
    """The audiences this user may publish to (empty when they may not publish)."""
    scopes = allowed_scopes(session.user.roles, Action.BOARD_PUBLISH)
    if not scopes:
        return PublishTargets(False, (), ())
    with session.engine.connect() as conn:
        if Scope.ALL in scopes:
            groups = conn.execute(
                select(m.StudyGroup.id, m.StudyGroup.name)
                .where(m.StudyGroup.is_archived.is_(False))
                .order_by(m.StudyGroup.name)
            ).all()
            return PublishTargets(
                True, tuple((r.value, ROLE_PLURALS[r.value]) for r in Role), tuple(map(tuple, groups))
            )
        circle = circle_of(conn, session.user.person_id, frozenset(session.user.roles))
        groups = conn.execute(
            select(m.StudyGroup.id, m.StudyGroup.name)
            .where(m.StudyGroup.id.in_(sorted(circle.taught)))
            .order_by(m.StudyGroup.name)
        ).all()
    return PublishTargets(False, (), tuple(map(tuple, groups)))


def publish(
    session: UserSession,
    *,
    title: str,
    body: str,
    audience: str = "everyone",
    target_role: str | None = None,
    target_group_id: int | None = None,
    publish_on: dt.date | None = None,
    expires_on: dt.date | None = None,
    pinned: bool = False,
) -> int:
    require(session.user.roles, Action.BOARD_PUBLISH)
    title = (title or "").strip()
    body = (body or "").replace("\r\n", "\n").strip()
    if not title:
        raise ValidationError("Укажите заголовок объявления", field="title")
    if len(title) > MAX_TITLE:
        raise ValidationError(f"Заголовок длиннее {MAX_TITLE} знаков", field="title")
    if len(body) > MAX_BODY:
        raise ValidationError(f"Текст объявления длиннее {MAX_BODY} знаков", field="body")
    if audience not in AUDIENCE_LABELS:
        raise ValidationError(f"Неизвестная аудитория «{audience}»", field="audience")
    publish_on = publish_on or dt.date.today()
    if expires_on is not None and expires_on < publish_on:
        raise ValidationError("Дата снятия раньше даты публикации", field="expires_on")
    if audience == "role":
        if target_role not in ROLE_LABELS.keys() | {r.value for r in Role}:
            raise ValidationError("Выберите роль, которой адресовано объявление", field="target_role")
        target_group_id = None
    elif audience in ("group", "group_parents"):
        if target_group_id is None:
            raise ValidationError("Выберите группу, которой адресовано объявление", field="target_group_id")
        target_role = None
    else:
        target_role, target_group_id = None, None
    scopes = allowed_scopes(session.user.roles, Action.BOARD_PUBLISH)
    user = session.user
    with transaction(session) as conn:
        if Scope.ALL not in scopes:
            if audience not in ("group", "group_parents"):
                raise PermissionDenied("Недостаточно прав: преподаватель публикует объявления только своим группам")
            circle = circle_of(conn, user.person_id, frozenset(user.roles))
            if target_group_id not in circle.taught:
                raise PermissionDenied("Недостаточно прав: эта группа не ваша")
        elif target_group_id is not None:
            _group_exists(conn, target_group_id)
        return int(
            conn.execute(
                insert(m.Announcement)
                .values(
                    author_id=user.person_id,
                    author_name=short_name(user.last_name, user.first_name, user.middle_name),
                    audience=audience,
                    target_role=target_role,
                    target_group_id=target_group_id,
                    title=title,
                    body=body,
                    publish_on=publish_on,
                    expires_on=expires_on,
                    pinned=bool(pinned),
                    created_at=utc_now(),
                )
                .returning(m.Announcement.id)
            ).scalar_one()
        )


def _group_exists(conn: Connection, group_id: int) -> None:
    if conn.execute(select(m.StudyGroup.id).where(m.StudyGroup.id == group_id)).first() is None:
        raise NotFound("Группа не найдена")


def mark_read(session: UserSession, announcement_ids: list[int]) -> None:
    """Remember that the user has read these notices (ids they cannot see are ignored)."""
    require(session.user.roles, Action.BOARD_READ)
    me = session.user.person_id
    visible = {row.id for row in list_announcements(session) if not row.is_read}
    wanted = sorted(set(announcement_ids) & visible)
    if not wanted:
        return
    with transaction(session) as conn:
        now = utc_now()
        conn.execute(
            insert(m.AnnouncementRead), [{"announcement_id": i, "person_id": me, "read_at": now} for i in wanted]
        )


def delete_announcement(session: UserSession, announcement_id: int) -> None:
    require(session.user.roles, Action.BOARD_PUBLISH)
    with transaction(session) as conn:
        author = conn.execute(select(m.Announcement.author_id).where(m.Announcement.id == announcement_id)).first()
        if author is None:
            raise NotFound("Объявление не найдено")
        if author[0] != session.user.person_id and not can(session.user.roles, Action.BOARD_MODERATE):
            raise PermissionDenied("Удалить объявление может только его автор или администратор")
        conn.execute(delete(m.Announcement).where(m.Announcement.id == announcement_id))
