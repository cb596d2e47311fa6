"""SQLAlchemy 2.0 models of the journal: the core schema of DESIGN.md and what it needs besides.

The names of the core tables and columns are a contract (reports, backups, the server set-up and
outside tools rely on them): add, never rename. Every check the database can keep on its own is
declared here, so that a client that bypasses the services still cannot store a mark «6».
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ejournal_desktop.domain import attendance, lessons, marks
from ejournal_desktop.domain.roles import Role

# Stable constraint names: migrations and error messages refer to them on both backends.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# The value sets come from the domain (one source of truth); the order here is the order in the CHECKs.
ROLES = tuple(role.value for role in Role)
STUDENT_STATUSES = ("studying", "academic_leave", "expelled", "graduated")
MOVEMENT_KINDS = ("enrol", "transfer", "academic_leave", "return", "expel", "reinstate", "graduate")
LESSON_MARK_VALUES = (*marks.NUMERIC, marks.PASS, marks.FAIL)
FINAL_MARK_VALUES = (*LESSON_MARK_VALUES, marks.NOT_ATTESTED, marks.EXEMPT)
FINAL_KINDS = marks.FINAL_KINDS
ABSENCE_REASONS = attendance.REASONS
CONTROL_FORMS = ("exam", "diff_credit", "credit", "other")
DISCIPLINE_KINDS = ("ОУД", "СГ", "ОП", "ЕН", "МДК", "ПМ", "УП", "ПП")
LESSON_KINDS = lessons.LESSON_KINDS

# JSON on SQLite, JSONB on PostgreSQL (indexable, compact).
JsonDoc = JSON().with_variant(postgresql.JSONB(), "postgresql")


def _in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
    return f"{column} IN ({quoted})"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Specialty(Base):
    __tablename__ = "specialty"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    qualification: Mapped[str] = mapped_column(String(255), default="")


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    middle_name: Mapped[str | None] = mapped_column(String(100))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(255))
    address: Mapped[str | None] = mapped_column(String(500))
    # Casefolded «фамилия имя отчество» with ё→е: SQLite's upper()/ILIKE do not fold Cyrillic,
    # so search on both backends goes through this column (domain.names.search_key).
    search_name: Mapped[str] = mapped_column(String(320), default="", index=True)
    # Staff position (преподаватель, мастер п/о …); empty for students and parents.
    position: Mapped[str | None] = mapped_column(String(100))

    __table_args__ = (
        CheckConstraint("length(last_name) > 0", name="last_name_not_empty"),
        CheckConstraint("length(first_name) > 0", name="first_name_not_empty"),
    )


class StudyGroup(Base):
    __tablename__ = "study_group"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)
    specialty_id: Mapped[int] = mapped_column(ForeignKey("specialty.id", ondelete="RESTRICT"), index=True)
    course: Mapped[int] = mapped_column(SmallInteger)
    admission_year: Mapped[int] = mapped_column(SmallInteger)
    curator_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    # Admitted after 9 or 11 school classes: decides whether ОУД disciplines are taught.
    base_grade: Mapped[int] = mapped_column(SmallInteger, default=9)
    is_archived: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        CheckConstraint("course BETWEEN 1 AND 4", name="course_range"),
        CheckConstraint("base_grade IN (9, 11)", name="base_grade_9_or_11"),
        CheckConstraint("admission_year BETWEEN 1990 AND 2100", name="admission_year_range"),
    )


class Account(Base):
    __tablename__ = "account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), unique=True)
    # On PostgreSQL the login is the person's own login role: the server checks the password.
    login: Mapped[str] = mapped_column(String(63), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())
    # SQLite only: a scrypt hash (domain-independent format "scrypt$n$r$p$salt$hash").
    # Stays NULL on PostgreSQL, where the server keeps the SCRAM verifier.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        CheckConstraint(_in("role", ROLES), name="role_known"),
        CheckConstraint("length(login) BETWEEN 1 AND 63", name="login_length"),
    )


class AccountRole(Base):
    """Extra roles of an account besides its main one (a teacher who is also deputy)."""

    __tablename__ = "account_role"

    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)

    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role_known"),)


class Student(Base):
    __tablename__ = "student"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), unique=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("study_group.id", ondelete="RESTRICT"), index=True)
    record_book_no: Mapped[str | None] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="studying")
    # Subgroup within the group (1–3) for disciplines taught to halves of a group; NULL = not split.
    subgroup: Mapped[int | None] = mapped_column(SmallInteger)

    __table_args__ = (
        CheckConstraint(_in("status", STUDENT_STATUSES), name="status_known"),
        CheckConstraint("subgroup IS NULL OR subgroup BETWEEN 1 AND 3", name="subgroup_range"),
    )


class GuardianLink(Base):
    __tablename__ = "guardian_link"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    guardian_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    relation: Mapped[str] = mapped_column(String(32), default="родитель")

    __table_args__ = (UniqueConstraint("student_id", "guardian_id"),)


class StudentMovement(Base):
    __tablename__ = "student_movement"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    from_group_id: Mapped[int | None] = mapped_column(ForeignKey("study_group.id", ondelete="RESTRICT"))
    to_group_id: Mapped[int | None] = mapped_column(ForeignKey("study_group.id", ondelete="RESTRICT"))
    order_no: Mapped[str] = mapped_column(String(32))
    order_date: Mapped[dt.date] = mapped_column(Date)
    effective_date: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())

    __table_args__ = (
        CheckConstraint(_in("kind", MOVEMENT_KINDS), name="kind_known"),
        CheckConstraint("effective_date >= order_date", name="effective_after_order"),
        Index("ix_student_movement_to_group_effective", "to_group_id", "effective_date"),
        Index("ix_student_movement_from_group_effective", "from_group_id", "effective_date"),
    )


class Discipline(Base):
    __tablename__ = "discipline"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Codes repeat across specialties (ОП.02 is a different subject in each): unique with the name.
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(8))

    __table_args__ = (
        UniqueConstraint("code", "name"),
        CheckConstraint(_in("kind", DISCIPLINE_KINDS), name="kind_known"),
    )


class Period(Base):
    __tablename__ = "period"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    academic_year: Mapped[str] = mapped_column(String(9))
    number: Mapped[int] = mapped_column(SmallInteger)
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))

    __table_args__ = (
        UniqueConstraint("academic_year", "number"),
        CheckConstraint("number IN (1, 2)", name="number_1_or_2"),
        CheckConstraint("starts_on < ends_on", name="starts_before_ends"),
    )


class TeachingAssignment(Base):
    __tablename__ = "teaching_assignment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("study_group.id", ondelete="RESTRICT"), index=True)
    discipline_id: Mapped[int] = mapped_column(ForeignKey("discipline.id", ondelete="RESTRICT"), index=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id", ondelete="RESTRICT"), index=True)
    subgroup: Mapped[int | None] = mapped_column(SmallInteger)
    planned_hours: Mapped[int] = mapped_column(Integer, default=0)
    control_form: Mapped[str] = mapped_column(String(16), default="other")
    # Migration 0002: a load copied into a new academic year stays a draft until the secretary approves it.
    is_draft: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))

    __table_args__ = (
        CheckConstraint("subgroup IS NULL OR subgroup BETWEEN 1 AND 3", name="subgroup_range"),
        CheckConstraint("planned_hours >= 0", name="planned_hours_not_negative"),
        CheckConstraint(_in("control_form", CONTROL_FORMS), name="control_form_known"),
        # COALESCE: two whole-group assignments of one discipline would both have subgroup NULL.
        Index(
            "uq_teaching_assignment_slot",
            "group_id",
            "discipline_id",
            "period_id",
            text("COALESCE(subgroup, 0)"),
            unique=True,
        ),
    )


class TimetableSlot(Base):
    """The weekly timetable of an assignment: lessons are created from it month by month."""

    __tablename__ = "timetable_slot"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("teaching_assignment.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(SmallInteger)  # 0 = Monday, as date.weekday()
    pair_no: Mapped[int] = mapped_column(SmallInteger)
    room: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 5", name="weekday_mon_sat"),
        CheckConstraint("pair_no BETWEEN 1 AND 8", name="pair_range"),
        UniqueConstraint("assignment_id", "weekday", "pair_no"),
    )


class PlanTopic(Base):
    """A line of the КТП (calendar-thematic plan)."""

    __tablename__ = "plan_topic"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("teaching_assignment.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    section: Mapped[str | None] = mapped_column(String(500))
    title: Mapped[str] = mapped_column(String(1000))
    hours: Mapped[int] = mapped_column(SmallInteger, default=2)
    lesson_kind: Mapped[str] = mapped_column(String(16), default="theory")
    homework: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("assignment_id", "position"),
        CheckConstraint("hours BETWEEN 1 AND 8", name="hours_range"),
        CheckConstraint(_in("lesson_kind", LESSON_KINDS), name="lesson_kind_known"),
    )


class Lesson(Base):
    __tablename__ = "lesson"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("teaching_assignment.id", ondelete="RESTRICT"))
    held_on: Mapped[dt.date] = mapped_column(Date)
    pair_no: Mapped[int] = mapped_column(SmallInteger)
    hours: Mapped[int] = mapped_column(SmallInteger, default=2)
    topic: Mapped[str | None] = mapped_column(String(1000))
    plan_topic_id: Mapped[int | None] = mapped_column(ForeignKey("plan_topic.id", ondelete="SET NULL"))
    homework: Mapped[str | None] = mapped_column(Text)
    lesson_kind: Mapped[str] = mapped_column(String(16), default="theory")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())

    __table_args__ = (
        UniqueConstraint("assignment_id", "held_on", "pair_no"),
        CheckConstraint("pair_no BETWEEN 1 AND 8", name="pair_range"),
        CheckConstraint("hours BETWEEN 1 AND 4", name="hours_range"),
        CheckConstraint(_in("lesson_kind", LESSON_KINDS), name="lesson_kind_known"),
    )


class Mark(Base):
    __tablename__ = "mark"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lesson.id", ondelete="RESTRICT"))
    # Found by student through ix_mark_student_updated (student_id, updated_at), created with the diary.
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="RESTRICT"))
    # The lesson's assignment, kept with the mark (migration 0007): a journal is read by it, and the
    # server's row-level security checks it against the reader's ~20 assignments instead of ~1,000 lessons.
    assignment_id: Mapped[int] = mapped_column(ForeignKey("teaching_assignment.id", ondelete="RESTRICT"), index=True)
    slot: Mapped[int] = mapped_column(SmallInteger, default=1)
    value: Mapped[str] = mapped_column(String(4))
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())
    # Optimistic concurrency: a save names the version it read; a mismatch is a conflict.
    version: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (
        UniqueConstraint("lesson_id", "student_id", "slot"),
        CheckConstraint("slot IN (1, 2)", name="slot_1_or_2"),
        CheckConstraint(_in("value", LESSON_MARK_VALUES), name="value_known"),
    )


class Attendance(Base):
    """An absence (or lateness) of a student at a lesson, in academic hours; presence has no row."""

    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lesson.id", ondelete="RESTRICT"))
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="RESTRICT"))  # ix_…_student_updated
    assignment_id: Mapped[int] = mapped_column(ForeignKey("teaching_assignment.id", ondelete="RESTRICT"), index=True)
    absent_hours: Mapped[int] = mapped_column(SmallInteger, default=0)
    reason: Mapped[str] = mapped_column(String(16), default="unexcused")
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    excuse_id: Mapped[int | None] = mapped_column(ForeignKey("excuse.id", ondelete="SET NULL"))
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())
    version: Mapped[int] = mapped_column(Integer, default=1)

    # absent_hours ≤ lesson.hours spans two tables: kept by triggers (see migrations).
    __table_args__ = (
        UniqueConstraint("lesson_id", "student_id"),
        CheckConstraint("absent_hours >= 0 AND absent_hours <= 8", name="absent_hours_range"),
        CheckConstraint("absent_hours > 0 OR late", name="absent_or_late"),
        CheckConstraint(_in("reason", ABSENCE_REASONS), name="reason_known"),
    )


class FinalMark(Base):
    __tablename__ = "final_mark"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("teaching_assignment.id", ondelete="RESTRICT"))
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(4))
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())
    version: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (
        UniqueConstraint("assignment_id", "student_id", "kind"),
        CheckConstraint(_in("kind", FINAL_KINDS), name="kind_known"),
        CheckConstraint(_in("value", FINAL_MARK_VALUES), name="value_known"),
    )


class Excuse(Base):
    """A document (справка, заявление, приказ) that excuses a student's absences over dates."""

    __tablename__ = "excuse"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    from_date: Mapped[dt.date] = mapped_column(Date)
    to_date: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(16), default="excused")
    document: Mapped[str] = mapped_column(String(255), default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())

    __table_args__ = (
        CheckConstraint("from_date <= to_date", name="from_before_to"),
        CheckConstraint("reason IN ('excused', 'sick')", name="reason_excusing"),
    )


class AuditLog(Base):
    """Append-only: on PostgreSQL written by triggers with session_user, which no client can forge."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now(), index=True)
    db_user: Mapped[str] = mapped_column(String(63))
    table_name: Mapped[str] = mapped_column(String(63))
    row_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(8))
    old: Mapped[Any | None] = mapped_column(JsonDoc)
    new: Mapped[Any | None] = mapped_column(JsonDoc)
    # «запись ошибочна»: why a teacher corrected an old entry.
    reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint("action IN ('INSERT', 'UPDATE', 'DELETE', 'LOGIN')", name="action_known"),
        Index("ix_audit_log_table_row", "table_name", "row_id"),
    )


class AppSetting(Base):
    """Settings that matter to everyone (college name, backup interval): in the database, not on one PC."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


BACKUP_KINDS = ("manual", "scheduled", "safety")


class BackupRecord(Base):
    """A backup copy made by the dialog, the command line or automatically (migration 0003: kind …)."""

    __tablename__ = "backup_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    made_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now(), index=True)
    made_by: Mapped[str] = mapped_column(String(63))
    path: Mapped[str] = mapped_column(String(1000))
    # BIGINT on PostgreSQL (0003); SQLite's INTEGER is 64-bit anyway.
    size_bytes: Mapped[int] = mapped_column(Integer().with_variant(BigInteger(), "postgresql"), default=0)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    verified_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), default="manual", server_default="manual")
    backend: Mapped[str] = mapped_column(String(16), default="", server_default="")
    database: Mapped[str] = mapped_column(String(255), default="", server_default="")
    schema_revision: Mapped[str | None] = mapped_column(String(32))
    verified: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    error: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (CheckConstraint(_in("kind", BACKUP_KINDS), name="kind_known"),)


class StoredFile(Base):
    """Small files kept in the database so that a backup holds them (attachments, scans)."""

    __tablename__ = "stored_file"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())


class PdConsent(Base):
    """Migration 0002: a signed consent to personal-data processing (согласие на обработку ПД)."""

    __tablename__ = "pd_consent"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    signed_on: Mapped[dt.date] = mapped_column(Date)
    document: Mapped[str] = mapped_column(String(255), default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())


# Migration 0002, PostgreSQL only: name prefixes as an index range scan in code-point order (the
# database's ICU collation is not); SQLite's BINARY index on search_name already serves it.
Index("ix_person_search_name_c", Person.search_name.collate("C")).ddl_if(dialect="postgresql")

# Migration 0006, PostgreSQL only: the lesson ids of an assignment from the index alone, for the
# row-level security policies of mark and attendance (SQLite has no RLS and no INCLUDE).
Index("ix_lesson_assignment_id_covering", Lesson.assignment_id, postgresql_include=["id"]).ddl_if(dialect="postgresql")

# The unique constraints above already index the grid's hot paths (an assignment's lessons by
# date, a lesson's cells); these serve the excuse look-up of absences by dates.
Index("ix_excuse_student_dates", Excuse.student_id, Excuse.from_date, Excuse.to_date)

CORE_TABLES = (
    "specialty",
    "study_group",
    "person",
    "account",
    "student",
    "guardian_link",
    "student_movement",
    "discipline",
    "period",
    "teaching_assignment",
    "plan_topic",
    "lesson",
    "mark",
    "attendance",
    "final_mark",
    "excuse",
    "audit_log",
)


# ================================================================================================
# Migration 0004: communication — the board, messages with attachments, the e-portfolio, the
# parents' «что нового» visits and the log of notifications (issue 8). Attachments and portfolio
# files are kept in the database so that a backup holds them.

ANNOUNCEMENT_AUDIENCES = ("everyone", "role", "group", "group_parents")
PORTFOLIO_KINDS = ("olympiad", "competition", "certificate", "practice_report", "other")
PORTFOLIO_LEVELS = ("college", "district", "region", "country")


class Announcement(Base):
    """A notice on the board, addressed to everyone, a role, a group or the parents of a group."""

    __tablename__ = "announcement"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    # The author's name as signed: readers need not see the author's person row.
    author_name: Mapped[str] = mapped_column(String(320), default="")
    audience: Mapped[str] = mapped_column(String(16), default="everyone")
    target_role: Mapped[str | None] = mapped_column(String(16))
    target_group_id: Mapped[int | None] = mapped_column(ForeignKey("study_group.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    publish_on: Mapped[dt.date] = mapped_column(Date)
    expires_on: Mapped[dt.date | None] = mapped_column(Date)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())

    __table_args__ = (
        CheckConstraint(_in("audience", ANNOUNCEMENT_AUDIENCES), name="audience_known"),
        CheckConstraint("(audience = 'role') = (target_role IS NOT NULL)", name="role_target"),
        CheckConstraint(
            "(audience IN ('group', 'group_parents')) = (target_group_id IS NOT NULL)", name="group_target"
        ),
        CheckConstraint("target_role IS NULL OR " + _in("target_role", ROLES), name="target_role_known"),
        CheckConstraint("expires_on IS NULL OR expires_on >= publish_on", name="expires_after_publish"),
        CheckConstraint("length(title) > 0", name="title_not_empty"),
        Index("ix_announcement_target_group_publish", "target_group_id", "publish_on"),
        Index("ix_announcement_publish_on", "publish_on"),
    )


class AnnouncementRead(Base):
    __tablename__ = "announcement_read"

    announcement_id: Mapped[int] = mapped_column(ForeignKey("announcement.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    read_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())

    __table_args__ = (Index("ix_announcement_read_person_id", "person_id"),)


class Conversation(Base):
    """A conversation: one-to-one (`direct`) or a group (a curator with the parents, the staff room)."""

    __tablename__ = "conversation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), default="direct")
    title: Mapped[str | None] = mapped_column(String(200))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())

    __table_args__ = (CheckConstraint("kind IN ('direct', 'group')", name="kind_known"),)


class ConversationMember(Base):
    __tablename__ = "conversation_member"

    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    # Messages sent after this moment by others are unread; NULL = nothing read yet.
    last_read_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    joined_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())

    # The inbox: a person's conversations.
    __table_args__ = (Index("ix_conversation_member_person_id", "person_id", "conversation_id"),)


class Message(Base):
    __tablename__ = "message"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"))
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text, default="")  # plain text, shown as such
    # Casefolded with ё→е (domain.names.search_key): search works alike on both backends.
    search_body: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())

    __table_args__ = (
        CheckConstraint("length(body) <= 20000", name="body_length"),
        # A thread in order, the last message and the unread count of a conversation.
        Index("ix_message_conversation_sent", "conversation_id", "sent_at"),
        Index("ix_message_sender_id", "sender_id"),
    )


class Attachment(Base):
    """A small file of a message, in the database (the size limit is the admin's setting)."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("message.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer, default=0)
    content: Mapped[bytes] = mapped_column(LargeBinary)

    __table_args__ = (CheckConstraint("size >= 0", name="size_not_negative"),)


class PortfolioItem(Base):
    """An achievement of a student: olympiad, competition, certificate, practice report."""

    __tablename__ = "portfolio_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    achieved_on: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(16), default="other")
    title: Mapped[str] = mapped_column(String(500))
    level: Mapped[str] = mapped_column(String(16), default="college")
    result: Mapped[str] = mapped_column(String(200), default="")
    file_name: Mapped[str | None] = mapped_column(String(255))
    file_mime: Mapped[str | None] = mapped_column(String(100))
    file_content: Mapped[bytes | None] = mapped_column(LargeBinary)
    confirmed_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())

    __table_args__ = (
        CheckConstraint(_in("kind", PORTFOLIO_KINDS), name="kind_known"),
        CheckConstraint(_in("level", PORTFOLIO_LEVELS), name="level_known"),
        CheckConstraint("length(title) > 0", name="title_not_empty"),
        CheckConstraint("(confirmed_by IS NULL) = (confirmed_at IS NULL)", name="confirmed_both"),
    )


class DiaryVisit(Base):
    """When a person last opened a student's diary: the start of «что нового»."""

    __tablename__ = "diary_visit"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), primary_key=True)
    visited_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())


class NotificationLog(Base):
    """Notifications sent (e-mail to parents): one row per event and recipient, never sent twice."""

    __tablename__ = "notification_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    event_key: Mapped[str] = mapped_column(String(200))
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    address: Mapped[str] = mapped_column(String(255), default="")
    status: Mapped[str] = mapped_column(String(16), default="sent")
    detail: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())

    __table_args__ = (
        UniqueConstraint("kind", "event_key", "recipient_id"),
        Index("ix_notification_log_sent_at", "sent_at"),
    )


class NotificationSubscription(Base):
    """A parent's e-mail subscription (migration 0005); no row = everything off.

    An instant notice is on while its `*_since` is set: events before that moment are never sent
    (subscribing does not mail the past). The weekly digest is a flag.
    """

    __tablename__ = "notification_subscription"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    bad_marks_since: Mapped[dt.datetime | None] = mapped_column(DateTime)
    absences_since: Mapped[dt.datetime | None] = mapped_column(DateTime)
    weekly_digest: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())


# Marks and absences of a student since a moment: «что нового» in the parent's diary.
Index("ix_mark_student_updated", Mark.student_id, Mark.updated_at)
Index("ix_attendance_student_updated", Attendance.student_id, Attendance.updated_at)
