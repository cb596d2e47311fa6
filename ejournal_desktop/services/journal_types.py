"""What the journal screens receive from the services: periods, journals, students, lessons, cells."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from ejournal_desktop.domain import marks as mk
from ejournal_desktop.domain.errors import ValidationError
from ejournal_desktop.domain.marks import CellEntry
from ejournal_desktop.domain.membership import Interval, belongs_on

DEFAULT_EDIT_WINDOW_DAYS = 7
FINAL_KINDS_BY_CONTROL_FORM: dict[str, tuple[str, ...]] = {
    "exam": (mk.FINAL_SEMESTER, mk.FINAL_EXAM),
    "diff_credit": (mk.FINAL_DIFF_CREDIT,),
    "credit": (mk.FINAL_CREDIT,),
    "other": (mk.FINAL_SEMESTER,),
}


class EditReasonRequired(ValidationError):
    """The lesson is older than the edit window: save again with a reason."""


# --- what the screens receive ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PeriodInfo:
    id: int
    academic_year: str
    number: int
    starts_on: dt.date
    ends_on: dt.date
    is_closed: bool

    @property
    def code(self) -> str:
        return f"{self.academic_year}-{self.number}"

    @property
    def label(self) -> str:
        return f"{self.number} семестр {self.academic_year}" + (" (закрыт)" if self.is_closed else "")

    @property
    def long_label(self) -> str:
        """As the reports name it: «2026/2027 учебный год, 1 семестр»."""
        return f"{self.academic_year} учебный год, {self.number} семестр"

    def contains(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def clamp(self, day: dt.date) -> dt.date:
        """The period's day nearest to `day`: the day itself inside the period, else its first or last."""
        return max(min(day, self.ends_on), self.starts_on)


@dataclass(frozen=True, slots=True)
class JournalSummary:
    assignment_id: int
    group_id: int
    group_name: str
    discipline_code: str
    discipline_name: str
    subgroup: int | None
    teacher_id: int
    teacher_name: str
    period_id: int
    control_form: str
    planned_hours: int
    given_hours: int
    last_entry_on: dt.date | None
    lessons_without_marks: int
    can_write: bool

    @property
    def title(self) -> str:
        sub = f", подгруппа {self.subgroup}" if self.subgroup else ""
        return f"{self.group_name} — {self.discipline_code} {self.discipline_name}{sub}"


@dataclass(frozen=True, slots=True)
class StudentRow:
    student_id: int
    number: int
    full_name: str
    short_name: str
    subgroup: int | None
    intervals: tuple[Interval, ...]

    def belongs_on(self, day: dt.date) -> bool:
        return belongs_on(self.intervals, day)


@dataclass(frozen=True, slots=True)
class LessonColumn:
    lesson_id: int
    held_on: dt.date
    pair_no: int
    hours: int
    topic: str | None
    homework: str | None
    lesson_kind: str
    plan_topic_id: int | None


class CellState(NamedTuple):
    """What one cell holds. A NamedTuple, not a dataclass: a journal builds thousands at once."""

    marks: tuple[str, ...] = ()
    mark_versions: tuple[int, ...] = ()
    absent_hours: int = 0
    reason: str | None = None
    late: bool = False
    attendance_version: int | None = None
    updated_by: str | None = None

    @property
    def entry(self) -> CellEntry:
        return CellEntry(marks=self.marks, absent_hours=self.absent_hours, late=self.late)

    @property
    def is_empty(self) -> bool:
        return not self.marks and self.attendance_version is None

    def text(self, lesson_hours: int) -> str:
        return mk.format_cell(self.marks, self.absent_hours, lesson_hours)

    def same_as(self, other: CellState) -> bool:
        """Same stored rows and versions (who wrote it does not matter)."""
        return (self.marks, self.mark_versions, self.attendance_version, self.absent_hours, self.reason) == (
            other.marks,
            other.mark_versions,
            other.attendance_version,
            other.absent_hours,
            other.reason,
        )


EMPTY_CELL_STATE = CellState()


@dataclass(frozen=True, slots=True)
class FinalState:
    value: str
    version: int
    updated_by: str | None = None


@dataclass(frozen=True, slots=True)
class PlanTopicInfo:
    id: int
    position: int
    title: str
    hours: int
    lesson_kind: str
    homework: str | None


@dataclass
class Journal:
    summary: JournalSummary
    period: PeriodInfo
    students: list[StudentRow]
    lessons: list[LessonColumn]
    cells: dict[tuple[int, int], CellState]
    finals: dict[tuple[int, str], FinalState]
    final_kinds: tuple[str, ...]
    read_only_reason: str | None
    edit_window_days: int = DEFAULT_EDIT_WINDOW_DAYS
    statements: int = field(default=0, compare=False)  # how many SQL statements opening took

    def cell(self, student_id: int, lesson_id: int) -> CellState:
        return self.cells.get((student_id, lesson_id), EMPTY_CELL_STATE)


@dataclass(frozen=True, slots=True)
class StudentStats:
    average: float | None
    marks_count: int
    absent_hours: int
    excused_hours: int
