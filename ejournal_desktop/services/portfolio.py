"""«Портфолио»: a student's achievements — olympiads, competitions, certificates, practice reports.

Entered by the student (portfolio.write SELF; only while unconfirmed) or the curator (CURATED_GROUP),
confirmed by the curator or the deputy (portfolio.confirm). Read as the student's contingent data is
(contingent.read: the student SELF, the parents CHILDREN, the teachers of the group OWN_GROUPS and
CURATED_GROUP, admin, deputy and secretary ALL — the server's `read` policy on portfolio_item uses the
same contingent helpers). A file (a scan of the diploma) is kept in the database under the same size
limit as message attachments. Printable as a PDF (`portfolio_report` → reports/portfolio_pdf.py).
A screen opens a student with `student_portfolio`: the items and the person's rights on them, read in
one transaction.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import os
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select, update

from ejournal_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from ejournal_desktop.domain.names import full_name, russian_sort_key, short_name
from ejournal_desktop.domain.permissions import Action, Scope, allowed_scopes, require
from ejournal_desktop.services import messages, settings
from ejournal_desktop.services.audience import circle_of, utc_now
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.diary import DiaryStudent, self_and_children, students_where
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m

KIND_LABELS = {
    "olympiad": "Олимпиада",
    "competition": "Конкурс, соревнование",
    "certificate": "Сертификат, удостоверение",
    "practice_report": "Отчёт по практике",
    "other": "Другое",
}
LEVEL_LABELS = {"college": "техникум", "district": "район", "region": "край", "country": "Россия"}


@dataclass(frozen=True)
class PortfolioEntry:
    id: int
    student_id: int
    achieved_on: dt.date
    kind: str
    title: str
    level: str
    result: str
    file_name: str | None
    confirmed_by: str | None
    confirmed_at: dt.datetime | None
    created_by: str | None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS.get(self.level, self.level)

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


@dataclass(frozen=True)
class StudentPortfolio:
    """One student's portfolio as a screen shows it: the items and what the person may do with them."""

    student_id: int
    items: list[PortfolioEntry]
    writable: bool  # add items, delete them (portfolio.write)
    confirmable: bool  # confirm them (portfolio.confirm)

    @property
    def confirmed_count(self) -> int:
        return sum(1 for i in self.items if i.confirmed)


@dataclass(frozen=True)
class PortfolioReport:
    """The data of the printed portfolio: a builder's output, rendered by reports/portfolio_pdf."""

    college: str
    student_name: str
    group_name: str
    specialty: str
    made_on: dt.date
    items: list[PortfolioEntry]


def _student_row(conn: Connection, student_id: int) -> object:
    row = conn.execute(
        select(
            m.Student.id,
            m.Student.person_id,
            m.Student.group_id,
            m.Person.last_name,
            m.Person.first_name,
            m.Person.middle_name,
            m.StudyGroup.name.label("group_name"),
            m.Specialty.code,
            m.Specialty.name.label("specialty"),
        )
        .join(m.Person, m.Person.id == m.Student.person_id)
        .join(m.StudyGroup, m.StudyGroup.id == m.Student.group_id)
        .join(m.Specialty, m.Specialty.id == m.StudyGroup.specialty_id)
        .where(m.Student.id == student_id)
    ).first()
    if row is None:
        raise NotFound("Обучающийся не найден")
    return row


def _may_read(conn: Connection, session: UserSession, row: object) -> bool:
    """contingent.read on this student: ALL, or the scope that reaches them (one query for the circle)."""
    scopes = allowed_scopes(session.user.roles, Action.CONTINGENT_READ)
    if Scope.ALL in scopes:
        return True
    if not scopes:
        return False
    circle = circle_of(conn, session.user.person_id, frozenset(session.user.roles))
    return (
        (Scope.SELF in scopes and row.id in circle.own_student_ids)  # type: ignore[attr-defined]
        or (Scope.CHILDREN in scopes and row.id in circle.child_student_ids)  # type: ignore[attr-defined]
        or (Scope.OWN_GROUPS in scopes and row.group_id in circle.taught)  # type: ignore[attr-defined]
        or (Scope.CURATED_GROUP in scopes and row.group_id in circle.curated)  # type: ignore[attr-defined]
    )


def _check_read(conn: Connection, session: UserSession, row: object) -> None:
    if not _may_read(conn, session, row):
        raise PermissionDenied("Недостаточно прав: портфолио другого обучающегося недоступно")


def _may_write(session: UserSession, row: object) -> bool:
    scopes = allowed_scopes(session.user.roles, Action.PORTFOLIO_WRITE)
    if Scope.SELF in scopes and row.person_id == session.user.person_id:  # type: ignore[attr-defined]
        return True
    return Scope.CURATED_GROUP in scopes and row.group_id in session.user.curated_group_ids  # type: ignore[attr-defined]


def _may_confirm(session: UserSession, group_id: int) -> bool:
    scopes = allowed_scopes(session.user.roles, Action.PORTFOLIO_CONFIRM)
    return Scope.ALL in scopes or (Scope.CURATED_GROUP in scopes and group_id in session.user.curated_group_ids)


def _curates(session: UserSession, group_id: int) -> bool:
    """portfolio.write in the CURATED_GROUP scope, on this group: the curator's rights, beyond a student's own."""
    scopes = allowed_scopes(session.user.roles, Action.PORTFOLIO_WRITE)
    return Scope.CURATED_GROUP in scopes and group_id in session.user.curated_group_ids


def portfolio_students(session: UserSession) -> list[DiaryStudent]:
    """Whose portfolio this user opens: self, the children, the curated groups' students."""
    conditions = self_and_children(session)
    if session.user.curated_group_ids:
        conditions.append((m.Student.group_id.in_(session.user.curated_group_ids)) & (m.Student.status == "studying"))
    found = students_where(session, conditions)
    return sorted(found, key=lambda s: (russian_sort_key(s.group_name), russian_sort_key(s.name)))


def _entries(conn: Connection, student_id: int) -> list[PortfolioEntry]:
    confirmer = m.Person.__table__.alias("confirmer")
    creator = m.Person.__table__.alias("creator")
    p = m.PortfolioItem
    rows = conn.execute(
        select(
            p.id,
            p.student_id,
            p.achieved_on,
            p.kind,
            p.title,
            p.level,
            p.result,
            p.file_name,
            p.confirmed_at,
            confirmer.c.last_name.label("c_last"),
            confirmer.c.first_name.label("c_first"),
            confirmer.c.middle_name.label("c_middle"),
            creator.c.last_name.label("a_last"),
            creator.c.first_name.label("a_first"),
            creator.c.middle_name.label("a_middle"),
        )
        .outerjoin(confirmer, confirmer.c.id == p.confirmed_by)
        .outerjoin(creator, creator.c.id == p.created_by)
        .where(p.student_id == student_id)
        .order_by(p.achieved_on.desc(), p.id.desc())
    ).all()
    return [
        PortfolioEntry(
            id=r.id,
            student_id=r.student_id,
            achieved_on=r.achieved_on,
            kind=r.kind,
            title=r.title,
            level=r.level,
            result=r.result or "",
            file_name=r.file_name,
            confirmed_by=short_name(r.c_last, r.c_first or "", r.c_middle) if r.c_last else None,
            confirmed_at=r.confirmed_at,
            created_by=short_name(r.a_last, r.a_first or "", r.a_middle) if r.a_last else None,
        )
        for r in rows
    ]


def list_items(session: UserSession, student_id: int) -> list[PortfolioEntry]:
    with transaction(session) as conn:
        _check_read(conn, session, _student_row(conn, student_id))
        return _entries(conn, student_id)


def student_portfolio(session: UserSession, student_id: int) -> StudentPortfolio:
    """The student's items and the person's rights on them, in one transaction."""
    with transaction(session) as conn:
        row = _student_row(conn, student_id)
        _check_read(conn, session, row)
        items = _entries(conn, student_id)
    return StudentPortfolio(
        student_id=student_id,
        items=items,
        writable=_may_write(session, row),
        confirmable=_may_confirm(session, row.group_id),  # type: ignore[attr-defined]
    )


def add_item(
    session: UserSession,
    student_id: int,
    *,
    achieved_on: dt.date,
    kind: str,
    title: str,
    level: str,
    result: str = "",
    file: messages.NewAttachment | None = None,
) -> int:
    require(session.user.roles, Action.PORTFOLIO_WRITE)
    title = (title or "").strip()
    result = (result or "").strip()
    if not title:
        raise ValidationError("Укажите название достижения", field="title")
    if len(title) > 500:
        raise ValidationError("Название достижения длиннее 500 знаков", field="title")
    if len(result) > 200:
        raise ValidationError("Результат длиннее 200 знаков", field="result")
    if kind not in KIND_LABELS:
        raise ValidationError(f"Неизвестный вид достижения «{kind}»", field="kind")
    if level not in LEVEL_LABELS:
        raise ValidationError(f"Неизвестный уровень «{level}»: техникум, район, край или Россия", field="level")
    if achieved_on is None or achieved_on > dt.date.today():
        raise ValidationError("Дата достижения не указана или ещё не наступила", field="achieved_on")
    values: dict[str, object] = {}
    if file is not None:
        limit = messages.attachment_limit(session)
        name = os.path.basename(file.name.replace("\\", "/"))[:255] or "файл"
        if len(file.content) > limit:
            raise ValidationError(
                f"Файл «{name}» ({messages.format_size(len(file.content))}) больше допустимого размера "
                f"({messages.format_size(limit)})",
                field="file",
            )
        values = {
            "file_name": name,
            "file_mime": (file.mime or mimetypes.guess_type(name)[0] or "application/octet-stream")[:100],
            "file_content": bytes(file.content),
        }
    with transaction(session) as conn:
        row = _student_row(conn, student_id)
        if not _may_write(session, row):
            raise PermissionDenied("Недостаточно прав: портфолио ведёт сам обучающийся или куратор группы")
        return int(
            conn.execute(
                insert(m.PortfolioItem)
                .values(
                    student_id=student_id,
                    achieved_on=achieved_on,
                    kind=kind,
                    title=title,
                    level=level,
                    result=result,
                    created_by=session.user.person_id,
                    created_at=utc_now(),
                    **values,
                )
                .returning(m.PortfolioItem.id)
            ).scalar_one()
        )


def _item(conn: Connection, item_id: int) -> object:
    row = conn.execute(
        select(m.PortfolioItem.id, m.PortfolioItem.student_id, m.PortfolioItem.confirmed_at).where(
            m.PortfolioItem.id == item_id
        )
    ).first()
    if row is None:
        raise NotFound("Запись портфолио не найдена")
    return row


def confirm(session: UserSession, item_id: int) -> None:
    require(session.user.roles, Action.PORTFOLIO_CONFIRM)
    with transaction(session) as conn:
        item = _item(conn, item_id)
        student = _student_row(conn, item.student_id)  # type: ignore[attr-defined]
        if not _may_confirm(session, student.group_id):  # type: ignore[attr-defined]
            raise PermissionDenied("Недостаточно прав: подтверждает куратор группы или заместитель директора")
        conn.execute(
            update(m.PortfolioItem)
            .where(m.PortfolioItem.id == item_id)
            .values(confirmed_by=session.user.person_id, confirmed_at=utc_now())
        )


def delete_item(session: UserSession, item_id: int) -> None:
    require(session.user.roles, Action.PORTFOLIO_WRITE)
    with transaction(session) as conn:
        item = _item(conn, item_id)
        student = _student_row(conn, item.student_id)  # type: ignore[attr-defined]
        if not _may_write(session, student):
            raise PermissionDenied("Недостаточно прав: портфолио ведёт сам обучающийся или куратор группы")
        if item.confirmed_at is not None and not _curates(session, student.group_id):  # type: ignore[attr-defined]
            raise PermissionDenied("Подтверждённое достижение удаляет только куратор")
        conn.execute(delete(m.PortfolioItem).where(m.PortfolioItem.id == item_id))


def item_file(session: UserSession, item_id: int) -> messages.NewAttachment:
    with transaction(session) as conn:
        row = conn.execute(
            select(
                m.PortfolioItem.student_id,
                m.PortfolioItem.file_name,
                m.PortfolioItem.file_mime,
                m.PortfolioItem.file_content,
            ).where(m.PortfolioItem.id == item_id)
        ).first()
        if row is None or row.file_content is None:
            raise NotFound("У записи портфолио нет файла")
        _check_read(conn, session, _student_row(conn, row.student_id))
    return messages.NewAttachment(row.file_name or "файл", bytes(row.file_content), row.file_mime or "")


def portfolio_report(session: UserSession, student_id: int, today: dt.date | None = None) -> PortfolioReport:
    with transaction(session) as conn:
        row = _student_row(conn, student_id)
        _check_read(conn, session, row)
        items = _entries(conn, student_id)
    return PortfolioReport(
        college=settings.college_name(session),
        student_name=full_name(row.last_name, row.first_name, row.middle_name),  # type: ignore[attr-defined]
        group_name=row.group_name,  # type: ignore[attr-defined]
        specialty=f"{row.code} {row.specialty}",  # type: ignore[attr-defined]
        made_on=today or dt.date.today(),
        items=sorted(items, key=lambda i: (i.achieved_on, i.id)),
    )
