"""Communication (issue 8): the board, messages with attachments, the e-portfolio, diary visits, notifications.

- `announcement` (+ `announcement_read`): a notice addressed to everyone, a role, a group or the
  parents of a group, with publish and expiry dates and pinning; who has read it.
- `conversation`, `conversation_member` (with `last_read_at`: the unread count), `message`,
  `attachment` (the file's bytes in the database, so a backup holds them).
- `portfolio_item`: a student's achievement with level, result, a file, and the curator's confirmation.
- `diary_visit`: when a parent (or the student) last opened a diary — the start of «что нового».
- `notification_log`: e-mails sent to parents, one row per event and recipient (never twice).
- Indexes for the inbox (member by person), a thread in order and the unread count (message by
  conversation and time), and «что нового» (marks and absences of a student by update time).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "portfolio_item",
    "diary_visit",
    "attachment",
    "announcement_read",
    "message",
    "conversation_member",
    "announcement",
    "notification_log",
    "conversation",
)


def upgrade() -> None:
    op.create_table(
        "conversation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.CheckConstraint("kind IN ('direct', 'group')", name=op.f("ck_conversation_kind_known")),
        sa.ForeignKeyConstraint(
            ["created_by"], ["person.id"], name=op.f("fk_conversation_created_by_person"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation")),
    )
    op.create_table(
        "notification_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("event_key", sa.String(length=200), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["recipient_id"], ["person.id"], name=op.f("fk_notification_log_recipient_id_person"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_log")),
        sa.UniqueConstraint(
            "kind", "event_key", "recipient_id", name=op.f("uq_notification_log_kind_event_key_recipient_id")
        ),
    )
    op.create_index("ix_notification_log_sent_at", "notification_log", ["sent_at"], unique=False)
    op.create_table(
        "announcement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sa.String(length=320), nullable=False),
        sa.Column("audience", sa.String(length=16), nullable=False),
        sa.Column("target_role", sa.String(length=16), nullable=True),
        sa.Column("target_group_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("publish_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.CheckConstraint("(audience = 'role') = (target_role IS NOT NULL)", name=op.f("ck_announcement_role_target")),
        sa.CheckConstraint(
            "(audience IN ('group', 'group_parents')) = (target_group_id IS NOT NULL)",
            name=op.f("ck_announcement_group_target"),
        ),
        sa.CheckConstraint(
            "audience IN ('everyone', 'role', 'group', 'group_parents')", name=op.f("ck_announcement_audience_known")
        ),
        sa.CheckConstraint(
            "target_role IS NULL OR target_role IN ('admin', 'deputy', 'secretary', 'teacher', 'student', 'parent')",
            name=op.f("ck_announcement_target_role_known"),
        ),
        sa.CheckConstraint(
            "expires_on IS NULL OR expires_on >= publish_on", name=op.f("ck_announcement_expires_after_publish")
        ),
        sa.CheckConstraint("length(title) > 0", name=op.f("ck_announcement_title_not_empty")),
        sa.ForeignKeyConstraint(
            ["author_id"], ["person.id"], name=op.f("fk_announcement_author_id_person"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["target_group_id"],
            ["study_group.id"],
            name=op.f("fk_announcement_target_group_id_study_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announcement")),
    )
    op.create_index(op.f("ix_announcement_author_id"), "announcement", ["author_id"], unique=False)
    op.create_index("ix_announcement_publish_on", "announcement", ["publish_on"], unique=False)
    op.create_index(
        "ix_announcement_target_group_publish", "announcement", ["target_group_id", "publish_on"], unique=False
    )
    op.create_table(
        "conversation_member",
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("last_read_at", sa.DateTime(), nullable=True),
        sa.Column("joined_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
            name=op.f("fk_conversation_member_conversation_id_conversation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_conversation_member_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("conversation_id", "person_id", name=op.f("pk_conversation_member")),
    )
    op.create_index(
        "ix_conversation_member_person_id", "conversation_member", ["person_id", "conversation_id"], unique=False
    )
    op.create_table(
        "message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("search_body", sa.Text(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.CheckConstraint("length(body) <= 20000", name=op.f("ck_message_body_length")),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
            name=op.f("fk_message_conversation_id_conversation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sender_id"], ["person.id"], name=op.f("fk_message_sender_id_person"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message")),
    )
    op.create_index("ix_message_conversation_sent", "message", ["conversation_id", "sent_at"], unique=False)
    op.create_index("ix_message_sender_id", "message", ["sender_id"], unique=False)
    op.create_table(
        "announcement_read",
        sa.Column("announcement_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("read_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["announcement_id"],
            ["announcement.id"],
            name=op.f("fk_announcement_read_announcement_id_announcement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_announcement_read_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("announcement_id", "person_id", name=op.f("pk_announcement_read")),
    )
    op.create_index("ix_announcement_read_person_id", "announcement_read", ["person_id"], unique=False)
    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("mime", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint("size >= 0", name=op.f("ck_attachment_size_not_negative")),
        sa.ForeignKeyConstraint(
            ["message_id"], ["message.id"], name=op.f("fk_attachment_message_id_message"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    op.create_index(op.f("ix_attachment_message_id"), "attachment", ["message_id"], unique=False)
    op.create_table(
        "diary_visit",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("visited_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_diary_visit_person_id_person"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["student_id"], ["student.id"], name=op.f("fk_diary_visit_student_id_student"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("person_id", "student_id", name=op.f("pk_diary_visit")),
    )
    op.create_table(
        "portfolio_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("achieved_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("result", sa.String(length=200), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=True),
        sa.Column("file_mime", sa.String(length=100), nullable=True),
        sa.Column("file_content", sa.LargeBinary(), nullable=True),
        sa.Column("confirmed_by", sa.Integer(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.CheckConstraint(
            "kind IN ('olympiad', 'competition', 'certificate', 'practice_report', 'other')",
            name=op.f("ck_portfolio_item_kind_known"),
        ),
        sa.CheckConstraint(
            "level IN ('college', 'district', 'region', 'country')", name=op.f("ck_portfolio_item_level_known")
        ),
        sa.CheckConstraint(
            "(confirmed_by IS NULL) = (confirmed_at IS NULL)", name=op.f("ck_portfolio_item_confirmed_both")
        ),
        sa.CheckConstraint("length(title) > 0", name=op.f("ck_portfolio_item_title_not_empty")),
        sa.ForeignKeyConstraint(
            ["confirmed_by"], ["person.id"], name=op.f("fk_portfolio_item_confirmed_by_person"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["person.id"], name=op.f("fk_portfolio_item_created_by_person"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["student_id"], ["student.id"], name=op.f("fk_portfolio_item_student_id_student"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portfolio_item")),
    )
    op.create_index(op.f("ix_portfolio_item_student_id"), "portfolio_item", ["student_id"], unique=False)
    op.create_index("ix_attendance_student_updated", "attendance", ["student_id", "updated_at"], unique=False)
    op.create_index("ix_mark_student_updated", "mark", ["student_id", "updated_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_mark_student_updated", table_name="mark")
    op.drop_index("ix_attendance_student_updated", table_name="attendance")
    for table in TABLES:
        op.drop_table(table)
