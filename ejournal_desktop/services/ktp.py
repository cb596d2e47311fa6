"""The КТП (календарно-тематический план) of one teaching assignment: list, edit, insert, delete,
reorder its topics, replace it whole (the XLSX import), and compare it with the lessons given.

Rights: `Action.KTP_WRITE` — a teacher edits the КТП of their own assignments, only while the period
is open (the same rule the server's row-level security keeps on PostgreSQL). Anyone who may read the
journal may read its КТП.

Positions are 1..N without gaps. `plan_topic` has UNIQUE (assignment_id, position), checked row by
row, so a renumbering goes through negative positions first: two statements whatever the size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, bindparam, case, delete, func, insert, select, update

from ejournal_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from ejournal_desktop.domain.lessons import LESSON_KIND_LABELS, LESSON_KINDS
from ejournal_desktop.domain.permissions import Action
from ejournal_desktop.domain.plural import plural
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.journal_access import (
    assignment_for_write,
    person_short_name,
    read_allowed,
    write_refusal,
)
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m

MAX_TITLE = 1000
MAX_SECTION = 500
MIN_HOURS, MAX_HOURS = 1, 8
TOPIC_FIELDS = ("section", "title", "hours", "lesson_kind", "homework")


@dataclass(frozen=True, slots=True)
class TopicDraft:
    """A topic as typed or imported, before it has an id."""

    title: str
    hours: int = 2
    lesson_kind: str = "theory"
    homework: str | None = None
    section: str | None = None


@dataclass(frozen=True, slots=True)
class KtpTopic:
    id: int
    position: int
    section: str | None
    title: str
    hours: int
    lesson_kind: str
    homework: str | None
    given_on: dt.date | None = None  # the first lesson on this topic
    given_hours: int = 0  # hours of the lessons on this topic

    @property
    def draft(self) -> TopicDraft:
        return TopicDraft(self.title, self.hours, self.lesson_kind, self.homework, self.section)

    @property
    def kind_label(self) -> str:
        return LESSON_KIND_LABELS.get(self.lesson_kind, self.lesson_kind)


@dataclass(frozen=True, slots=True)
class Ktp:
    assignment_id: int
    group_name: str
    discipline_code: str
    discipline_name: str
    subgroup: int | None
    teacher_name: str
    period_code: str
    planned_hours: int  # by the teaching load
    delivered_hours: int  # hours of all the lessons given
    lessons_count: int
    topics: tuple[KtpTopic, ...] = field(default_factory=tuple)
    read_only_reason: str | None = None

    @property
    def title(self) -> str:
        sub = f", подгруппа {self.subgroup}" if self.subgroup else ""
        return f"{self.group_name} — {self.discipline_code} {self.discipline_name}{sub}"

    @property
    def plan_hours(self) -> int:
        return sum(topic.hours for topic in self.topics)

    @property
    def writable(self) -> bool:
        return self.read_only_reason is None

    @property
    def hours_line(self) -> str:
        load = f" (по нагрузке {self.planned_hours} ч.)" if self.planned_hours else ""
        topics, lessons = len(self.topics), self.lessons_count
        return (
            f"По КТП: {topics} {plural(topics, 'тема', 'темы', 'тем')}, {self.plan_hours} ч.{load} · "
            f"проведено: {lessons} {plural(lessons, 'занятие', 'занятия', 'занятий')}, {self.delivered_hours} ч."
        )

    @property
    def warnings(self) -> list[str]:
        """What the teacher should look at: lessons past the plan, a plan that differs from the load."""
        found = []
        if self.topics and self.delivered_hours > self.plan_hours:
            found.append(
                f"Занятия вышли за план: проведено {self.delivered_hours} ч., по КТП {self.plan_hours} ч. "
                f"(на {self.delivered_hours - self.plan_hours} ч. больше)"
            )
        elif not self.topics and self.lessons_count:
            found.append("КТП пуст, а занятия уже проводятся: темы занятий не из плана")
        if self.topics and self.planned_hours and self.plan_hours != self.planned_hours:
            found.append(f"Часы КТП ({self.plan_hours} ч.) не совпадают с учебной нагрузкой ({self.planned_hours} ч.)")
        return found


# --- checks -------------------------------------------------------------------------------------


def draft_problems(draft: TopicDraft) -> list[tuple[str, str]]:
    """(field, Russian message) for each thing wrong with a topic; empty when it is fine."""
    problems = []
    title = (draft.title or "").strip()
    if not title:
        problems.append(("title", "тема не указана"))
    elif len(title) > MAX_TITLE:
        problems.append(("title", f"тема длиннее {MAX_TITLE} знаков"))
    if draft.section and len(draft.section.strip()) > MAX_SECTION:
        problems.append(("section", f"название раздела длиннее {MAX_SECTION} знаков"))
    if isinstance(draft.hours, bool) or not isinstance(draft.hours, int) or not MIN_HOURS <= draft.hours <= MAX_HOURS:
        problems.append(("hours", f"часов должно быть от {MIN_HOURS} до {MAX_HOURS}, а не «{draft.hours}»"))
    if draft.lesson_kind not in LESSON_KINDS:
        problems.append(("lesson_kind", f"неизвестный вид занятия «{draft.lesson_kind}»"))
    return problems


FIELD_LABELS = {
    "section": "Раздел",
    "title": "Тема",
    "hours": "Часы",
    "lesson_kind": "Вид занятия",
    "homework": "Домашнее задание",
}


def _check(draft: TopicDraft) -> TopicDraft:
    problems = draft_problems(draft)
    if problems:
        name, message = problems[0]
        raise ValidationError(f"{FIELD_LABELS[name]}: {message}", field=name)
    return TopicDraft(
        title=draft.title.strip(),
        hours=draft.hours,
        lesson_kind=draft.lesson_kind,
        homework=(draft.homework or "").strip() or None,
        section=(draft.section or "").strip() or None,
    )


def _values(draft: TopicDraft) -> dict[str, object]:
    return {
        "section": draft.section,
        "title": draft.title,
        "hours": draft.hours,
        "lesson_kind": draft.lesson_kind,
        "homework": draft.homework,
    }


def _for_write(session: UserSession, connection: Connection, assignment_id: int) -> None:
    assignment_for_write(
        session, connection, assignment_id, Action.KTP_WRITE, missing="Нагрузка не найдена: возможно, её изменили"
    )


def _topic_assignment(connection: Connection, topic_id: int) -> int:
    assignment_id = connection.execute(
        select(m.PlanTopic.assignment_id).where(m.PlanTopic.id == topic_id)
    ).scalar_one_or_none()
    if assignment_id is None:
        raise NotFound("Тема КТП не найдена: возможно, её удалили")
    return assignment_id


# --- reading ------------------------------------------------------------------------------------


def load_ktp(session: UserSession, assignment_id: int) -> Ktp:
    """The КТП with the lessons given on each topic: two statements."""
    teacher = m.Person.__table__.alias("teacher")
    lessons = m.Lesson.assignment_id == assignment_id
    lessons_count = select(func.count(m.Lesson.id)).where(lessons).scalar_subquery()
    delivered = select(func.coalesce(func.sum(m.Lesson.hours), 0)).where(lessons).scalar_subquery()
    header_query = (
        select(
            m.TeachingAssignment.teacher_id,
            m.TeachingAssignment.group_id,
            m.TeachingAssignment.subgroup,
            m.TeachingAssignment.planned_hours,
            m.StudyGroup.name,
            m.Discipline.code,
            m.Discipline.name,
            teacher.c.last_name,
            teacher.c.first_name,
            teacher.c.middle_name,
            m.Period.academic_year,
            m.Period.number,
            m.Period.closed_at,
            lessons_count,
            delivered,
        )
        .join(m.StudyGroup, m.StudyGroup.id == m.TeachingAssignment.group_id)
        .join(m.Discipline, m.Discipline.id == m.TeachingAssignment.discipline_id)
        .join(teacher, teacher.c.id == m.TeachingAssignment.teacher_id)
        .join(m.Period, m.Period.id == m.TeachingAssignment.period_id)
        .where(m.TeachingAssignment.id == assignment_id)
    )
    given = (
        select(
            m.Lesson.plan_topic_id.label("topic_id"),
            func.min(m.Lesson.held_on).label("given_on"),
            func.sum(m.Lesson.hours).label("given_hours"),
        )
        .where(m.Lesson.assignment_id == assignment_id, m.Lesson.plan_topic_id.is_not(None))
        .group_by(m.Lesson.plan_topic_id)
        .subquery()
    )
    topics_query = (
        select(m.PlanTopic, given.c.given_on, given.c.given_hours)
        .outerjoin(given, given.c.topic_id == m.PlanTopic.id)
        .where(m.PlanTopic.assignment_id == assignment_id)
        .order_by(m.PlanTopic.position)
    )
    with transaction(session) as connection:
        header = connection.execute(header_query).first()
        if header is None:
            raise NotFound("Нагрузка не найдена: возможно, её изменили")
        (teacher_id, group_id, subgroup, planned, group_name, code, name, last, first, middle, year, number) = header[
            :12
        ]
        closed_at, lessons_count, delivered = header[12:15]
        if not read_allowed(session, teacher_id, group_id):
            raise PermissionDenied("Недостаточно прав: просмотр КТП другой группы")
        rows = connection.execute(topics_query).all()
    topics = tuple(
        KtpTopic(
            id=row.id,
            position=row.position,
            section=row.section,
            title=row.title,
            hours=row.hours,
            lesson_kind=row.lesson_kind,
            homework=row.homework,
            given_on=row.given_on,
            given_hours=int(row.given_hours or 0),
        )
        for row in rows
    )
    return Ktp(
        assignment_id=assignment_id,
        group_name=group_name,
        discipline_code=code,
        discipline_name=name,
        subgroup=subgroup,
        teacher_name=person_short_name(last, first, middle) or "",
        period_code=f"{year}-{number}",
        planned_hours=planned or 0,
        delivered_hours=int(delivered or 0),
        lessons_count=int(lessons_count or 0),
        topics=topics,
        read_only_reason=write_refusal(session, teacher_id, closed_at is not None, Action.KTP_WRITE),
    )


# --- writing ------------------------------------------------------------------------------------


def _ordered_ids(connection: Connection, assignment_id: int) -> list[int]:
    return list(
        connection.execute(
            select(m.PlanTopic.id).where(m.PlanTopic.assignment_id == assignment_id).order_by(m.PlanTopic.position)
        ).scalars()
    )


def _renumber(connection: Connection, assignment_id: int, ordered: Sequence[int]) -> None:
    """Give the topics positions 1..N in this order: two statements (negative first, then flipped)."""
    if not ordered:
        return
    new_position = case({topic_id: -(index + 1) for index, topic_id in enumerate(ordered)}, value=m.PlanTopic.id)
    connection.execute(
        update(m.PlanTopic)
        .where(m.PlanTopic.assignment_id == assignment_id, m.PlanTopic.id.in_(ordered))
        .values(position=new_position)
    )
    connection.execute(
        update(m.PlanTopic)
        .where(m.PlanTopic.assignment_id == assignment_id, m.PlanTopic.position < 0)
        .values(position=-m.PlanTopic.position)
    )


def _topic(connection: Connection, topic_id: int) -> KtpTopic:
    row = connection.execute(select(m.PlanTopic).where(m.PlanTopic.id == topic_id)).one()
    return KtpTopic(row.id, row.position, row.section, row.title, row.hours, row.lesson_kind, row.homework)


def update_topic(session: UserSession, topic_id: int, **changes: object) -> KtpTopic:
    """Change fields of one topic (section, title, hours, lesson_kind, homework)."""
    unknown = set(changes) - set(TOPIC_FIELDS)
    if unknown:
        raise ValueError(f"unknown topic fields: {sorted(unknown)}")
    with transaction(session) as connection:
        assignment_id = _topic_assignment(connection, topic_id)
        _for_write(session, connection, assignment_id)
        current = _topic(connection, topic_id)
        merged = {name: changes.get(name, getattr(current, name)) for name in TOPIC_FIELDS}
        draft = _check(TopicDraft(**merged))  # type: ignore[arg-type]
        connection.execute(update(m.PlanTopic).where(m.PlanTopic.id == topic_id).values(**_values(draft)))
        return _topic(connection, topic_id)


def insert_topic(session: UserSession, assignment_id: int, draft: TopicDraft, position: int | None = None) -> KtpTopic:
    """A new topic at `position` (1-based; the ones from there on move down), or at the end."""
    with transaction(session) as connection:
        _for_write(session, connection, assignment_id)
        clean = _check(draft)
        ordered = _ordered_ids(connection, assignment_id)
        at = len(ordered) if position is None else min(max(position, 1), len(ordered) + 1) - 1
        topic_id = connection.execute(
            insert(m.PlanTopic)
            .values(assignment_id=assignment_id, position=0, **_values(clean))
            .returning(m.PlanTopic.id)
        ).scalar_one()
        ordered.insert(at, topic_id)
        _renumber(connection, assignment_id, ordered)
        return _topic(connection, topic_id)


def delete_topic(session: UserSession, topic_id: int) -> None:
    """Remove a topic; the lessons given on it keep their topic text (the link is cleared)."""
    with transaction(session) as connection:
        assignment_id = _topic_assignment(connection, topic_id)
        _for_write(session, connection, assignment_id)
        connection.execute(update(m.Lesson).where(m.Lesson.plan_topic_id == topic_id).values(plan_topic_id=None))
        connection.execute(delete(m.PlanTopic).where(m.PlanTopic.id == topic_id))
        _renumber(connection, assignment_id, _ordered_ids(connection, assignment_id))


def move_topic(session: UserSession, topic_id: int, position: int) -> KtpTopic:
    """Move a topic to `position` (1-based, clamped to the plan); the others close up around it."""
    with transaction(session) as connection:
        assignment_id = _topic_assignment(connection, topic_id)
        _for_write(session, connection, assignment_id)
        ordered = _ordered_ids(connection, assignment_id)
        ordered.remove(topic_id)
        ordered.insert(min(max(position, 1), len(ordered) + 1) - 1, topic_id)
        _renumber(connection, assignment_id, ordered)
        return _topic(connection, topic_id)


def replace_ktp(session: UserSession, assignment_id: int, drafts: Sequence[TopicDraft]) -> int:
    """The whole КТП replaced by `drafts` (an import): all or nothing.

    Topics keep their ids position by position, so lessons already given stay linked to the topic
    now at their position; topics beyond the new plan's length are removed. Returns the count."""
    problems = [
        f"Тема {number}, {FIELD_LABELS[name].lower()}: {message}"
        for number, draft in enumerate(drafts, start=1)
        for name, message in draft_problems(draft)
    ]
    if problems:
        raise ValidationError("КТП не загружен, ничего не изменено:\n" + "\n".join(problems[:20]))
    clean = [_check(draft) for draft in drafts]
    with transaction(session) as connection:
        _for_write(session, connection, assignment_id)
        existing = _ordered_ids(connection, assignment_id)
        kept, surplus = existing[: len(clean)], existing[len(clean) :]
        if surplus:
            connection.execute(update(m.Lesson).where(m.Lesson.plan_topic_id.in_(surplus)).values(plan_topic_id=None))
            connection.execute(delete(m.PlanTopic).where(m.PlanTopic.id.in_(surplus)))
        if kept:
            connection.execute(
                update(m.PlanTopic).where(m.PlanTopic.id.in_(kept)).values(position=-m.PlanTopic.position)
            )
            connection.execute(
                update(m.PlanTopic).where(m.PlanTopic.id == bindparam("topic_id")),
                [
                    {"topic_id": topic_id, "position": index, **_values(draft)}
                    for index, (topic_id, draft) in enumerate(zip(kept, clean, strict=False), start=1)
                ],
            )
        added = clean[len(kept) :]
        if added:
            connection.execute(
                insert(m.PlanTopic),
                [
                    {"assignment_id": assignment_id, "position": index, **_values(draft)}
                    for index, draft in enumerate(added, start=len(kept) + 1)
                ],
            )
    return len(clean)
