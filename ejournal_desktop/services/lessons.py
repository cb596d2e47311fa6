"""Lessons of a journal: add (the next КТП topic proposed), edit, delete."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Connection,
    delete,
    func,
    insert,
    select,
    update,
)

from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.errors import NotFound, ValidationError
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.journal_access import assignment_for_write
from ejournal_desktop.services.journal_types import LessonColumn, PeriodInfo, PlanTopicInfo
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m

# --- lessons and the КТП ----------------------------------------------------------------------


def next_plan_topic(session: UserSession, assignment_id: int) -> PlanTopicInfo | None:
    """The first КТП topic after the last one a lesson already covers."""
    with transaction(session) as connection:
        return _next_plan_topic(connection, assignment_id)


def _next_plan_topic(connection: Connection, assignment_id: int) -> PlanTopicInfo | None:
    topics = remaining_topics(connection, assignment_id, 1)
    return topics[0] if topics else None


def remaining_topics(connection: Connection, assignment_id: int, limit: int) -> list[PlanTopicInfo]:
    """The КТП topics after the last one a lesson already covers, in order (at most `limit`): the
    topics new lessons take, one each."""
    used = (
        select(func.coalesce(func.max(m.PlanTopic.position), 0))
        .join(m.Lesson, m.Lesson.plan_topic_id == m.PlanTopic.id)
        .where(m.Lesson.assignment_id == assignment_id)
        .scalar_subquery()
    )
    rows = connection.execute(
        select(m.PlanTopic)
        .where(m.PlanTopic.assignment_id == assignment_id, m.PlanTopic.position > used)
        .order_by(m.PlanTopic.position)
        .limit(limit)
    ).all()
    return [PlanTopicInfo(r.id, r.position, r.title, r.hours, r.lesson_kind, r.homework) for r in rows]


def lesson_values(
    session: UserSession,
    assignment_id: int,
    held_on: dt.date,
    pair_no: int,
    hours: int,
    topic: PlanTopicInfo | None,
    lesson_kind: str | None = None,
) -> dict[str, object]:
    """A new lesson's row: its topic, homework and kind from its КТП topic when it has one."""
    return {
        "assignment_id": assignment_id,
        "held_on": held_on,
        "pair_no": pair_no,
        "hours": hours,
        "lesson_kind": lesson_kind or (topic.lesson_kind if topic else "theory"),
        "topic": topic.title if topic else None,
        "homework": topic.homework if topic else None,
        "plan_topic_id": topic.id if topic else None,
        "created_by": session.user.person_id or None,
        "created_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
    }


def _lesson_column(row: object) -> LessonColumn:
    return LessonColumn(
        lesson_id=row.id,  # type: ignore[attr-defined]
        held_on=row.held_on,  # type: ignore[attr-defined]
        pair_no=row.pair_no,  # type: ignore[attr-defined]
        hours=row.hours,  # type: ignore[attr-defined]
        topic=row.topic,  # type: ignore[attr-defined]
        homework=row.homework,  # type: ignore[attr-defined]
        lesson_kind=row.lesson_kind,  # type: ignore[attr-defined]
        plan_topic_id=row.plan_topic_id,  # type: ignore[attr-defined]
    )


def _check_lesson_fields(held_on: dt.date, pair_no: int, hours: int, lesson_kind: str, period: PeriodInfo) -> None:
    starts, ends = period.starts_on, period.ends_on
    if not starts <= held_on <= ends:
        raise ValidationError(
            f"Дата занятия {format_date(held_on)} вне периода ({format_date(starts)} — {format_date(ends)})",
            field="held_on",
        )
    if not 1 <= pair_no <= 8:
        raise ValidationError("Номер пары — от 1 до 8", field="pair_no")
    if not 1 <= hours <= 4:
        raise ValidationError("Часов в занятии — от 1 до 4", field="hours")
    if lesson_kind not in m.LESSON_KINDS:
        raise ValidationError(f"Неизвестный вид занятия «{lesson_kind}»", field="lesson_kind")


def add_lesson(
    session: UserSession,
    assignment_id: int,
    held_on: dt.date,
    pair_no: int,
    hours: int = 2,
    lesson_kind: str | None = None,
) -> LessonColumn:
    """A new lesson; its topic, homework and kind come from the next КТП topic when there is one."""
    with transaction(session) as connection:
        period = assignment_for_write(session, connection, assignment_id).period
        topic = _next_plan_topic(connection, assignment_id)
        kind = lesson_kind or (topic.lesson_kind if topic else "theory")
        _check_lesson_fields(held_on, pair_no, hours, kind, period)
        taken = connection.execute(
            select(m.Lesson.id).where(
                m.Lesson.assignment_id == assignment_id, m.Lesson.held_on == held_on, m.Lesson.pair_no == pair_no
            )
        ).first()
        if taken:
            raise ValidationError(f"{format_date(held_on)} на {pair_no}-й паре уже есть занятие", field="pair_no")
        lesson_id = connection.execute(
            insert(m.Lesson)
            .values(lesson_values(session, assignment_id, held_on, pair_no, hours, topic, kind))
            .returning(m.Lesson.id)
        ).scalar_one()
        row = connection.execute(select(m.Lesson).where(m.Lesson.id == lesson_id)).one()
    return _lesson_column(row)


_LESSON_FIELDS = ("topic", "homework", "lesson_kind", "held_on", "pair_no", "hours", "plan_topic_id")


def update_lesson(session: UserSession, lesson_id: int, **changes: object) -> LessonColumn:
    unknown = set(changes) - set(_LESSON_FIELDS)
    if unknown:
        raise ValueError(f"unknown lesson fields: {sorted(unknown)}")
    with transaction(session) as connection:
        current = connection.execute(select(m.Lesson).where(m.Lesson.id == lesson_id)).first()
        if current is None:
            raise NotFound("Занятие не найдено: возможно, его удалили")
        period = assignment_for_write(session, connection, current.assignment_id).period
        merged = {name: changes.get(name, getattr(current, name)) for name in _LESSON_FIELDS}
        _check_lesson_fields(merged["held_on"], merged["pair_no"], merged["hours"], merged["lesson_kind"], period)  # type: ignore[arg-type]
        for name in ("topic", "homework"):
            if isinstance(merged[name], str):
                merged[name] = merged[name].strip() or None  # type: ignore[union-attr]
        clash = connection.execute(
            select(m.Lesson.id).where(
                m.Lesson.assignment_id == current.assignment_id,
                m.Lesson.held_on == merged["held_on"],
                m.Lesson.pair_no == merged["pair_no"],
                m.Lesson.id != lesson_id,
            )
        ).first()
        if clash:
            raise ValidationError(
                f"{format_date(merged['held_on'])} на {merged['pair_no']}-й паре уже есть занятие",  # type: ignore[arg-type]
                field="pair_no",
            )
        connection.execute(update(m.Lesson).where(m.Lesson.id == lesson_id).values(**merged))
        row = connection.execute(select(m.Lesson).where(m.Lesson.id == lesson_id)).one()
    return _lesson_column(row)


def delete_lesson(session: UserSession, lesson_id: int, *, force: bool = False) -> None:
    """Delete a lesson; one with marks or absences only with `force` (the user confirmed; audited)."""
    with transaction(session) as connection:
        current = connection.execute(select(m.Lesson.assignment_id).where(m.Lesson.id == lesson_id)).first()
        if current is None:
            return
        assignment_for_write(session, connection, current.assignment_id)
        filled = connection.execute(
            select(
                select(func.count()).where(m.Mark.lesson_id == lesson_id).scalar_subquery(),
                select(func.count()).where(m.Attendance.lesson_id == lesson_id).scalar_subquery(),
            )
        ).one()
        if (filled[0] or filled[1]) and not force:
            raise ValidationError(
                f"Занятие не пустое: оценок {filled[0]}, отметок о пропусках {filled[1]}. Удалить вместе с ними?"
            )
        connection.execute(delete(m.Mark).where(m.Mark.lesson_id == lesson_id))
        connection.execute(delete(m.Attendance).where(m.Attendance.lesson_id == lesson_id))
        connection.execute(delete(m.Lesson).where(m.Lesson.id == lesson_id))
        if connection.dialect.name == "sqlite":
            connection.execute(
                insert(m.AuditLog).values(
                    at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                    db_user=session.user.login,
                    table_name="lesson",
                    row_id=lesson_id,
                    action="DELETE",
                    old={"marks": filled[0], "absences": filled[1]},
                )
            )
