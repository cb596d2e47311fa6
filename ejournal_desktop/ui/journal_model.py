"""The gradebook grid as a Qt table model: students × (lessons, final marks, totals).

The model keeps three layers per cell: what the database holds as far as we know (`confirmed`, from
the opened journal and from every save that came back), what the teacher typed and is being saved
(`pending`, shown at once — optimistic), and what could not be saved (`failed`, shown with a red
border and the reason). Typed text is parsed with `domain.marks.parse_cell`; refused text never
reaches the database: `setData` returns False and `invalid_input` carries the Russian message.

Every accepted edit goes through the `QUndoStack` (one command per keystroke-commit, paste or
column action), and the command hands the cells to the `SaveQueue`, one batch per lesson.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Iterable
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QUndoCommand, QUndoStack

from ejournal_desktop.domain import marks as mk
from ejournal_desktop.domain.calendar import format_date, month_name
from ejournal_desktop.domain.errors import Conflict, ValidationError
from ejournal_desktop.domain.lessons import LESSON_KIND_LABELS
from ejournal_desktop.domain.marks import CellEntry
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.ui.i18n import tr, tr_label
from ejournal_desktop.ui.save_queue import CellKey, FinalKey, SaveQueue

Index = QModelIndex | QPersistentModelIndex
Key = CellKey | FinalKey

GROUP_ROLE = Qt.ItemDataRole.UserRole + 10  # the header's upper band: month name, «Итог», «Итоги»
STATE_ROLE = Qt.ItemDataRole.UserRole + 11  # "pending", "failed", "locked" or None
LATE_ROLE = Qt.ItemDataRole.UserRole + 12  # True when the student was late (опоздание) to the lesson

LOCKED_COLOR = QColor("#e4e4e4")
LOW_MARK_COLOR = QColor("#f8d2d0")
TOP_MARK_COLOR = QColor("#d5eed6")
ABSENT_COLOR = QColor("#fff0bd")
PENDING_COLOR = QColor("#d3e6ff")
FAILED_COLOR = QColor("#ffe3e3")
TOTALS_COLOR = QColor("#f4f6f8")
LOCKED_TEXT = QColor("#8a8a8a")
_LOW_VALUES = frozenset(("2", mk.FAIL, mk.NOT_ATTESTED))

FINAL_SHORT: dict[str, str] = {
    mk.FINAL_SEMESTER: tr("Сем."),
    mk.FINAL_EXAM: tr("Экз."),
    mk.FINAL_CREDIT: tr("Зачёт"),
    mk.FINAL_DIFF_CREDIT: tr("Диф. з."),
}
STATS_TITLES: tuple[tuple[str, str], ...] = (
    (tr("Ср. балл"), tr("Средний балл (числовые оценки)")),
    (tr("Оценок"), tr("Количество оценок за занятия")),
    (tr("Пропущ. ч."), tr("Пропущено часов (в скобках — по уважительной причине)")),
)


_STATE_COLORS = {"pending": PENDING_COLOR, "failed": FAILED_COLOR}


class CellLook(NamedTuple):
    """What one cell shows: its text and colours (None: the view's own), and its saving state."""

    text: str
    background: QColor | None
    foreground: QColor | None
    late: bool
    state: str | None  # "locked", "pending", "failed" or None


def _value_color(values: tuple[str, ...], absent: int) -> QColor | None:
    """A «2» (or «незачёт», «н/а») red, all fives green, an absence yellow."""
    if any(v in _LOW_VALUES for v in values):
        return LOW_MARK_COLOR
    if values and not absent and all(v == "5" for v in values):
        return TOP_MARK_COLOR
    return ABSENT_COLOR if absent else None


@functools.cache
def _month_title(month: int) -> str:
    return month_name(month).capitalize()


@functools.cache
def _shown(values: tuple[str, ...], absent: int, hours: int) -> tuple[str, QColor | None]:
    """A cell's text and colour by what it holds: a journal has thousands of cells and a few dozen
    distinct contents, so each is worked out once."""
    return mk.format_cell(values, absent, hours), _value_color(values, absent)


@functools.cache
def _plain_look(values: tuple[str, ...], absent: int, hours: int, late: bool) -> CellLook:
    """The look of a cell saved as it shows (neither being saved nor failed): one per content."""
    text, color = _shown(values, absent, hours)
    return CellLook(text, color, None, late, None)


def entry_text(entry: CellEntry, hours: int) -> str:
    return mk.format_cell(entry.marks, entry.absent_hours, hours)


class EditCommand(QUndoCommand):
    """One user action on the grid: cell key → (value before, value after); undo writes «before»."""

    def __init__(self, model: JournalModel, label: str, changes: dict[Key, tuple[object, object]]) -> None:
        super().__init__(label)
        self.model = model
        self.changes = changes

    def redo(self) -> None:
        self.model.apply({key: after for key, (_before, after) in self.changes.items()})

    def undo(self) -> None:
        self.model.apply({key: before for key, (before, _after) in self.changes.items()})


class JournalModel(QAbstractTableModel):
    invalid_input = Signal(str, QModelIndex)
    conflict_found = Signal(object, object, object)  # key, my value (CellEntry | str | None), Conflict
    totals_changed = Signal()

    def __init__(self, journal: gb.Journal, queue: SaveQueue | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.pending: dict[Key, object] = {}  # CellEntry for lessons, str | None for finals
        self.failed: dict[Key, tuple[object, str]] = {}
        self.queue: SaveQueue | None = None
        # What each cell shows, computed once per cell and dropped on any change: the grid repaints
        # often while typing and scrolling.
        self._looks: dict[tuple[int, int], CellLook] = {}
        self._headers: dict[tuple[bool, int], dict[int, Any]] = {}  # (vertical, section) → role → value
        for signal in (
            self.dataChanged,
            self.headerDataChanged,
            self.modelReset,
            self.layoutChanged,
            self.rowsInserted,
            self.rowsRemoved,
            self.columnsInserted,
            self.columnsRemoved,
        ):
            signal.connect(self._forget_looks)
        self._load(journal)
        if queue is not None:
            self.attach_queue(queue)

    # -- the journal ----------------------------------------------------------------------

    def _load(self, journal: gb.Journal) -> None:
        self.journal = journal
        self.confirmed: dict[CellKey, gb.CellState] = dict(journal.cells)
        self.finals: dict[FinalKey, gb.FinalState] = dict(journal.finals)
        self.students = journal.students
        self.lessons = journal.lessons
        self.final_kinds = journal.final_kinds
        self._row_of = {s.student_id: row for row, s in enumerate(self.students)}
        # Most students belong to the group the whole period: their cells need no date check.
        self._partly = [not _belongs_whole_period(s, journal.period) for s in self.students]
        self._column_of = {lesson.lesson_id: col for col, lesson in enumerate(self.lessons)}
        self._stats: dict[int, gb.StudentStats] | None = None
        known_lessons = set(self._column_of)
        for layer in (self.pending, self.failed):
            for key in [k for k in layer if isinstance(k[1], int) and k[1] not in known_lessons]:
                layer.pop(key)

    def set_journal(self, journal: gb.Journal) -> None:
        """A fresh copy from the database (after a lesson was added, or a refresh): keeps what is
        still being saved or failed, so nothing typed disappears."""
        self.beginResetModel()
        self._load(journal)
        self.endResetModel()
        self.totals_changed.emit()

    def merge_journal(self, journal: gb.Journal, keep: Key | None = None) -> bool:
        """Take in a fresh copy after somebody else changed the journal, cell by cell: no reset, so
        the cursor, the selection and an open cell editor stay. What is being typed or saved stays
        on top (the pending and failed layers). Returns False when the students or the lessons
        themselves changed: then only `set_journal` will do (the caller picks a quiet moment).

        `keep`: the cell whose editor is open stays as it was — the half-typed value is not
        replaced; its save then meets the other value as a conflict, and the teacher chooses."""
        same_students = [s.student_id for s in journal.students] == [s.student_id for s in self.students]
        same_lessons = [x.lesson_id for x in journal.lessons] == [x.lesson_id for x in self.lessons]
        if not (same_students and same_lessons and journal.final_kinds == self.final_kinds):
            return False
        for column, (old, new) in enumerate(zip(self.lessons, journal.lessons, strict=True)):
            if old != new:
                self.lessons[column] = new
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)
        changed: list[Key] = []
        for key in self.confirmed.keys() | journal.cells.keys():
            if key == keep:
                continue
            old_state = self.confirmed.get(key, gb.EMPTY_CELL_STATE)
            new_state = journal.cells.get(key, gb.EMPTY_CELL_STATE)
            if not new_state.same_as(old_state) or new_state.late != old_state.late:
                if new_state.is_empty:
                    self.confirmed.pop(key, None)
                else:
                    self.confirmed[key] = new_state
                changed.append(key)
        for key in self.finals.keys() | journal.finals.keys():
            if key == keep:
                continue
            old_final, new_final = self.finals.get(key), journal.finals.get(key)
            if (old_final and (old_final.value, old_final.version)) != (
                new_final and (new_final.value, new_final.version)
            ):
                if new_final is None:
                    self.finals.pop(key, None)
                else:
                    self.finals[key] = new_final
                changed.append(key)
        lessons = self.lessons
        self.journal = dataclasses.replace(journal, lessons=lessons)
        self.lessons = lessons
        if changed:
            self._changed(changed)
        return True

    def attach_queue(self, queue: SaveQueue) -> None:
        self.queue = queue
        queue.cell_saved.connect(self._cell_saved)
        queue.final_saved.connect(self._final_saved)
        queue.failed.connect(self._failed)
        queue.conflict.connect(self._conflict)

    @property
    def writable(self) -> bool:
        return self.journal.read_only_reason is None

    # -- geometry -------------------------------------------------------------------------

    @property
    def first_final_column(self) -> int:
        return len(self.lessons)

    @property
    def first_stats_column(self) -> int:
        return len(self.lessons) + len(self.final_kinds)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.students)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lessons) + len(self.final_kinds) + len(STATS_TITLES)

    def lesson_at(self, column: int) -> gb.LessonColumn | None:
        return self.lessons[column] if 0 <= column < len(self.lessons) else None

    def final_kind_at(self, column: int) -> str | None:
        offset = column - self.first_final_column
        return self.final_kinds[offset] if 0 <= offset < len(self.final_kinds) else None

    def column_of_lesson(self, lesson_id: int) -> int | None:
        return self._column_of.get(lesson_id)

    def row_of_student(self, student_id: int) -> int | None:
        return self._row_of.get(student_id)

    def key_at(self, index: Index) -> Key | None:
        if not index.isValid():
            return None
        student = self.students[index.row()]
        lesson = self.lesson_at(index.column())
        if lesson is not None:
            return (student.student_id, lesson.lesson_id)
        kind = self.final_kind_at(index.column())
        return (student.student_id, kind) if kind is not None else None

    def index_of(self, key: Key) -> QModelIndex:
        row = self._row_of.get(key[0])
        if row is None:
            return QModelIndex()
        if isinstance(key[1], int):
            column = self._column_of.get(key[1])
        else:
            column = self.first_final_column + self.final_kinds.index(key[1]) if key[1] in self.final_kinds else None
        return QModelIndex() if column is None else self.index(row, column)

    def is_locked(self, row: int, column: int) -> bool:
        lesson = self.lesson_at(column)
        return lesson is not None and self._partly[row] and not self.students[row].belongs_on(lesson.held_on)

    def is_editable(self, index: Index) -> bool:
        if not index.isValid() or not self.writable:
            return False
        if self.lesson_at(index.column()) is not None:
            return not self.is_locked(index.row(), index.column())
        return self.final_kind_at(index.column()) is not None

    # -- values ---------------------------------------------------------------------------

    def shown_entry(self, key: CellKey) -> CellEntry:
        if key in self.pending:
            return self.pending[key]  # type: ignore[return-value]
        if key in self.failed:
            return self.failed[key][0]  # type: ignore[return-value]
        return self.confirmed.get(key, gb.EMPTY_CELL_STATE).entry

    def shown_final(self, key: FinalKey) -> str | None:
        if key in self.pending:
            return self.pending[key]  # type: ignore[return-value]
        if key in self.failed:
            return self.failed[key][0]  # type: ignore[return-value]
        state = self.finals.get(key)
        return state.value if state else None

    def current_value(self, key: Key) -> object:
        return self.shown_entry(key) if isinstance(key[1], int) else self.shown_final(key)  # type: ignore[arg-type]

    def _stored_value(self, key: Key) -> object:
        if isinstance(key[1], int):
            return self.confirmed.get(key, gb.EMPTY_CELL_STATE).entry  # type: ignore[call-overload]
        state = self.finals.get(key)  # type: ignore[arg-type]
        return state.value if state else None

    def text_at(self, index: Index) -> str:
        key = self.key_at(index)
        if key is None:
            return ""
        lesson = self.lesson_at(index.column())
        if lesson is not None:
            return entry_text(self.shown_entry(key), lesson.hours)  # type: ignore[arg-type]
        return self.shown_final(key) or ""  # type: ignore[arg-type]

    def stats(self) -> dict[int, gb.StudentStats]:
        if self._stats is None:
            cells = dict(self.confirmed)
            for key in self.pending.keys() | self.failed.keys():
                if isinstance(key[1], int):
                    entry = self.shown_entry(key)  # type: ignore[arg-type]
                    before = self.confirmed.get(key, gb.EMPTY_CELL_STATE)  # type: ignore[call-overload]
                    reason = before.reason or ("unexcused" if entry.absent_hours else None)
                    cells[key] = gb.CellState(entry.marks, (), entry.absent_hours, reason, entry.late)  # type: ignore[index]
            self._stats = gb.student_stats(dataclasses.replace(self.journal, cells=cells))
        return self._stats

    def _stats_text(self, row: int, which: int) -> str:
        stats = self.stats().get(self.students[row].student_id)
        if stats is None:
            return ""
        if which == 0:
            return "—" if stats.average is None else f"{stats.average:.2f}".replace(".", ",")
        if which == 1:
            return str(stats.marks_count)
        if not stats.absent_hours:
            return "0"
        return f"{stats.absent_hours} ({stats.excused_hours})" if stats.excused_hours else str(stats.absent_hours)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.ToolTipRole:  # asked rarely, and only when hovering
            return None if column >= self.first_stats_column else self._tooltip(self.key_at(index), row, column)
        look = self.cell_look(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return look.text
        if role == Qt.ItemDataRole.EditRole:
            return look.text if column < self.first_stats_column else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            return None if look.background is None else QBrush(look.background)
        if role == Qt.ItemDataRole.ForegroundRole:
            return None if look.foreground is None else QBrush(look.foreground)
        if role == STATE_ROLE:
            return look.state
        if role == LATE_ROLE:
            return look.late
        return None

    def cell_look(self, row: int, column: int) -> CellLook:
        """What a cell shows (the grid paints from it), from the cache."""
        look = self._looks.get((row, column))
        if look is None:
            look = self._looks[(row, column)] = self._look(row, column)
        return look

    def _forget_looks(self, *_args: object) -> None:
        self._looks.clear()
        self._headers.clear()

    def _look(self, row: int, column: int) -> CellLook:
        lessons = self.lessons
        if column >= len(lessons) + len(self.final_kinds):
            return CellLook(self._stats_text(row, column - self.first_stats_column), TOTALS_COLOR, None, False, None)
        student = self.students[row]
        if column < len(lessons):
            lesson = lessons[column]
            key: Key = (student.student_id, lesson.lesson_id)
            edited = bool(self.pending or self.failed) and (key in self.pending or key in self.failed)
            shown: CellEntry | gb.CellState = (
                self.shown_entry(key)  # type: ignore[arg-type]
                if edited
                else self.confirmed.get(key, gb.EMPTY_CELL_STATE)  # type: ignore[call-overload]
            )
            if self._partly[row] and not student.belongs_on(lesson.held_on):
                text = _shown(shown.marks, shown.absent_hours, lesson.hours)[0]
                return CellLook(text, LOCKED_COLOR, LOCKED_TEXT, shown.late, "locked")
            if not edited:
                return _plain_look(shown.marks, shown.absent_hours, lesson.hours, shown.late)
            text, color = _shown(shown.marks, shown.absent_hours, lesson.hours)
            late = shown.late
        else:
            key = (student.student_id, self.final_kinds[column - len(lessons)])
            value = self.shown_final(key)  # type: ignore[arg-type]
            text, color = _shown((value,) if value else (), 0, 0)
            late = False
        state = "failed" if key in self.failed else "pending" if key in self.pending else None
        return CellLook(text, _STATE_COLORS[state] if state else color, None, late, state)

    def locked_reason(self, row: int, column: int) -> str | None:
        """Why a lesson cell is closed (the student was not in the group that day), or None."""
        lesson = self.lesson_at(column)
        if lesson is None or not self.is_locked(row, column):
            return None
        return tr("{0} не числится в группе {1}: ячейка закрыта").format(
            self.students[row].short_name, format_date(lesson.held_on)
        )

    def _tooltip(self, key: Key | None, row: int, column: int) -> str | None:
        student = self.students[row]
        lesson = self.lesson_at(column)
        if key in self.failed:
            return tr("Не сохранено: {0}").format(self.failed[key][1])  # type: ignore[index]
        locked = self.locked_reason(row, column)
        if locked:
            return locked
        lines = [student.full_name]
        if lesson is not None:
            lines.append(
                tr("{0}, {1}-я пара: {2}").format(
                    format_date(lesson.held_on), lesson.pair_no, lesson.topic or tr("тема не указана")
                )
            )
            state = self.confirmed.get(key, gb.EMPTY_CELL_STATE)  # type: ignore[call-overload]
            if state.absent_hours and state.reason:
                lines.append(tr("Пропуск {0} ч., причина: {1}").format(state.absent_hours, _reason_label(state.reason)))
            if self.shown_entry(key).late:  # type: ignore[arg-type]
                lines.append(tr("Опоздание"))
            if state.updated_by:
                lines.append(tr("Запись: {0}").format(state.updated_by))
        else:
            kind = self.final_kind_at(column) or ""
            lines.append(tr("Итоговая: {0}").format(tr_label(mk.FINAL_KIND_LABELS.get(kind, kind))))
            final = self.finals.get(key)  # type: ignore[arg-type]
            if final and final.updated_by:
                lines.append(tr("Выставил(а): {0}").format(final.updated_by))
        if key in self.pending:
            lines.append(tr("Сохраняется…"))
        return "\n".join(lines)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Headers are asked for half a dozen roles per section on every paint: answered from a
        # cache of each section's roles, dropped with the looks.
        vertical = orientation == Qt.Orientation.Vertical
        if role == Qt.ItemDataRole.ToolTipRole and not vertical:  # only when hovering: not cached
            return self._column_tooltip(section) if 0 <= section < self.columnCount() else None
        roles = self._headers.get((vertical, section))
        if roles is None:
            if not 0 <= section < (self.rowCount() if vertical else self.columnCount()):
                return None
            roles = self._headers[(vertical, section)] = (
                self._row_header(section) if vertical else self._column_header(section)
            )
        return roles.get(role)

    def _column_header(self, section: int) -> dict[int, Any]:
        lesson = self.lesson_at(section)
        kind = self.final_kind_at(section)
        if lesson is not None:
            day = lesson.held_on
            return {
                Qt.ItemDataRole.DisplayRole: f"{day.day:02d}.{day.month:02d}",
                GROUP_ROLE: _month_title(day.month),
            }
        if kind is not None:
            return {
                Qt.ItemDataRole.DisplayRole: FINAL_SHORT.get(kind, kind),
                GROUP_ROLE: tr("Итоговые") if len(self.final_kinds) > 1 else tr("Итог"),
            }
        return {
            Qt.ItemDataRole.DisplayRole: STATS_TITLES[section - self.first_stats_column][0],
            GROUP_ROLE: tr("Итоги"),
        }

    def _column_tooltip(self, section: int) -> str:
        lesson = self.lesson_at(section)
        if lesson is not None:
            return lesson_description(lesson)
        kind = self.final_kind_at(section)
        if kind is not None:
            return tr("Итоговая оценка: {0}").format(tr_label(mk.FINAL_KIND_LABELS.get(kind, kind)))
        return STATS_TITLES[section - self.first_stats_column][1]

    def _row_header(self, row: int) -> dict[int, Any]:
        student = self.students[row]
        roles: dict[int, Any] = {
            Qt.ItemDataRole.DisplayRole: f"{student.number}. {student.short_name}",
            Qt.ItemDataRole.TextAlignmentRole: Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            Qt.ItemDataRole.ToolTipRole: student.full_name,
        }
        if self._partly[row]:
            font = QFont()
            font.setItalic(True)
            roles[Qt.ItemDataRole.ToolTipRole] += tr("\nВ группе: ") + "; ".join(
                _interval_text(i) for i in student.intervals
            )
            roles[Qt.ItemDataRole.ForegroundRole] = QBrush(LOCKED_TEXT)
            roles[Qt.ItemDataRole.FontRole] = font
        return roles

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_editable(index):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # -- editing --------------------------------------------------------------------------

    def parse(self, index: Index, text: str) -> object:
        """The value `text` means in that cell; raises ValidationError (Russian) when it is wrong."""
        lesson = self.lesson_at(index.column())
        if lesson is not None:
            return mk.parse_cell(text, lesson.hours)
        kind = self.final_kind_at(index.column())
        if kind is None:
            raise ValidationError(tr("В этой колонке ничего не вводится"))
        return mk.parse_final_mark(text, kind)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.is_editable(index):
            return False
        try:
            parsed = self.parse(index, str(value))
        except ValidationError as exc:
            self.invalid_input.emit(exc.message, QModelIndex(index))
            return False
        key = self.key_at(index)
        assert key is not None
        lesson = self.lesson_at(index.column())
        # Lateness is toggled, not typed: a typed mark keeps it while the student was there.
        if (
            isinstance(parsed, CellEntry)
            and not parsed.is_empty
            and lesson is not None
            and self.shown_entry(key).late  # type: ignore[arg-type]
            and parsed.absent_hours < lesson.hours
        ):
            parsed = CellEntry(parsed.marks, parsed.absent_hours, True)
        self.edit({key: parsed}, tr("Ввод в ячейку"))
        return True

    def toggle_late(self, indexes: Iterable[Index]) -> tuple[int, str | None]:
        """«Опоздание» on or off for these lesson cells, one undo step: on when any of them is off.

        Returns (cells changed, why some could not be: a student absent for the whole lesson)."""
        cells = []
        for index in indexes:
            lesson = self.lesson_at(index.column())
            if lesson is None or not self.is_editable(index):
                continue
            key = self.key_at(index)
            assert key is not None
            cells.append((key, lesson, self.shown_entry(key)))  # type: ignore[arg-type]
        if not cells:
            return 0, None
        turn_on = not all(entry.late for _key, _lesson, entry in cells)
        values: dict[Key, object] = {}
        refusal = None
        for key, lesson, entry in cells:
            if turn_on and entry.absent_hours >= lesson.hours:
                refusal = tr("Отсутствовавший всё занятие не может опоздать: сначала снимите «н»")
                continue
            if entry.late != turn_on:
                values[key] = CellEntry(entry.marks, entry.absent_hours, turn_on)
        changed = len(values) if self.edit(values, tr("Опоздание")) else 0
        return changed, refusal

    def edit(self, values: dict[Key, object], label: str) -> bool:
        """A user's edit of one or many cells: one undo step; unchanged cells are left alone."""
        changes = {}
        for key, value in values.items():
            if key in self.failed:  # retyping a refused value sends it again; undo goes back to the database's
                changes[key] = (self._stored_value(key), value)
            elif self.current_value(key) != value:
                changes[key] = (self.current_value(key), value)
        if not changes:
            return False
        self.undo_stack.push(EditCommand(self, label, changes))
        return True

    def apply(self, values: dict[Key, object]) -> None:
        """Show the values now and send them to the queue (one batch per lesson)."""
        by_lesson: dict[int, dict[int, CellEntry]] = {}
        for key, value in values.items():
            self.pending[key] = value
            self.failed.pop(key, None)
            if isinstance(key[1], int):
                by_lesson.setdefault(key[1], {})[key[0]] = value  # type: ignore[assignment]
            elif self.queue is not None:
                self.queue.submit_final(key[0], key[1], value)  # type: ignore[arg-type]
        if self.queue is not None:
            for lesson_id, entries in by_lesson.items():
                self.queue.submit_cells(lesson_id, entries)
        self._changed(values.keys())

    def show_pending(self, values: dict[CellKey, CellEntry]) -> None:
        """Edits taken back from the outbox (typed before a restart): shown as being saved."""
        for key, value in values.items():
            self.pending[key] = value
            self.failed.pop(key, None)
        self._changed(values.keys())

    def lesson_hours(self, lesson_id: int) -> int:
        column = self._column_of.get(lesson_id)
        return self.lessons[column].hours if column is not None else 2

    def forget(self, keys: Iterable[Key]) -> None:
        """Forget what was typed in these cells (the save was declined): show the database's value."""
        keys = list(keys)
        for key in keys:
            self.pending.pop(key, None)
            self.failed.pop(key, None)
        self._changed(keys)

    # -- the queue's answers -------------------------------------------------------------

    def expected_cell(self, key: CellKey) -> gb.CellState:
        return self.confirmed.get(key, gb.EMPTY_CELL_STATE)

    def expected_final_version(self, key: FinalKey) -> int | None:
        state = self.finals.get(key)
        return state.version if state else None

    def _settled(self, key: Key) -> None:
        if self.queue is None or not self.queue.has_pending(key):
            self.pending.pop(key, None)

    def _cell_saved(self, key: CellKey, state: gb.CellState) -> None:
        if state.is_empty:
            self.confirmed.pop(key, None)
        else:
            self.confirmed[key] = state
        self._settled(key)
        self._changed([key])

    def _final_saved(self, key: FinalKey, state: gb.FinalState | None) -> None:
        if state is None:
            self.finals.pop(key, None)
        else:
            self.finals[key] = state
        self._settled(key)
        self._changed([key])

    def _failed(self, key: Key, message: str) -> None:
        value = self.pending.get(key, self.current_value(key))
        self._settled(key)
        if key not in self.pending:
            self.failed[key] = (value, message)
        self._changed([key])

    def _conflict(self, key: Key, error: Conflict) -> None:
        mine = self.pending.pop(key, self.current_value(key))
        if isinstance(key[1], int) and isinstance(error.current_value, gb.CellState):
            theirs = error.current_value
            if theirs.is_empty:
                self.confirmed.pop(key, None)  # type: ignore[arg-type]
            else:
                self.confirmed[key] = theirs  # type: ignore[index]
        self.failed[key] = (mine, error.message)
        self._changed([key])
        self.conflict_found.emit(key, mine, error)

    def keep_theirs(self, key: Key) -> None:
        self.forget([key])

    def write_mine(self, key: Key, mine: object) -> None:
        """Save my value over theirs: the expected state is now theirs, so it goes through."""
        self.failed.pop(key, None)
        self.apply({key: mine})

    # -- lessons --------------------------------------------------------------------------

    def replace_lesson(self, lesson: gb.LessonColumn) -> None:
        column = self._column_of.get(lesson.lesson_id)
        if column is None:
            return
        self.lessons[column] = lesson
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)

    def _changed(self, keys: Iterable[Key]) -> None:
        self._stats = None
        rows = []
        for key in keys:
            index = self.index_of(key)
            if index.isValid():
                self.dataChanged.emit(index, index)
                rows.append(index.row())
        if rows:
            first, last = min(rows), max(rows)
            self.dataChanged.emit(self.index(first, self.first_stats_column), self.index(last, self.columnCount() - 1))
        self.totals_changed.emit()


def lesson_description(lesson: gb.LessonColumn) -> str:
    lines = [
        tr("{0}, {1}-я пара, {2} ч.").format(format_date(lesson.held_on), lesson.pair_no, lesson.hours),
        tr_label(LESSON_KIND_LABELS.get(lesson.lesson_kind, lesson.lesson_kind)),
        tr("Тема: {0}").format(lesson.topic or "—"),
    ]
    if lesson.homework:
        lines.append(tr("Домашнее задание: {0}").format(lesson.homework))
    return "\n".join(lines)


def _reason_label(reason: str) -> str:
    from ejournal_desktop.domain.attendance import REASON_LABELS

    return tr_label(REASON_LABELS.get(reason, reason))


def _belongs_whole_period(student: gb.StudentRow, period: gb.PeriodInfo) -> bool:
    return any(
        (i.start is None or i.start <= period.starts_on) and (i.end is None or i.end >= period.ends_on)
        for i in student.intervals
    )


def _interval_text(interval: Any) -> str:
    start: dt.date | None = interval.start
    end: dt.date | None = interval.end
    if start and end:
        return tr("с {0} по {1}").format(format_date(start), format_date(end))
    if start:
        return tr("с {0}").format(format_date(start))
    if end:
        return tr("по {0}").format(format_date(end))
    return tr("весь период")
