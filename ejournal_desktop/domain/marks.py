"""Mark codes and the little language of a gradebook cell.

What a teacher may type into a lesson cell (case does not matter, spaces around parts are free):

    ""              clear the cell
    5  4  3  2      a mark
    зч  нз          зачёт / незачёт
    4/5             two marks in one cell (slot 1 = 4, slot 2 = 5); any two lesson marks
    н               absent for the whole lesson
    н1, н2 …        absent that many academic hours, 1 .. the lesson's hours ("н2" on a 2-hour
                    lesson is the same as "н")
    5 н1, 5н1, н1 5 a mark together with a partial absence: the student came late or left early
                    and was still assessed. Written back as "5 н1". A mark with a whole-lesson
                    absence is refused: nobody is assessed at a lesson they missed.

The digits after "н" are read greedily, so "н15" is 15 hours (and refused on a 2-hour lesson), not
"н1" plus a mark 5: a space says what is meant.

Layout slips are forgiven only for "н", the one letter typed dozens of times a lesson: the Latin
"n" (transliteration habit), "H" (looks like "Н") and "y" (the key that carries "н" on ЙЦУКЕН) all
read as "н". Nothing else is guessed: "3ч" with a digit three is refused, because a wrongly
guessed mark costs more than a question.

Lateness is not typed into a cell; the grid toggles it separately, so `parse_cell` never sets
`late` and `format_cell` never shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ejournal_desktop.domain.errors import ValidationError

NUMERIC: tuple[str, ...] = ("5", "4", "3", "2")
PASS = "зч"
FAIL = "нз"
NOT_ATTESTED = "н/а"
EXEMPT = "осв"
ABSENT = "н"

LESSON_MARK_VALUES: frozenset[str] = frozenset((*NUMERIC, PASS, FAIL))
FINAL_MARK_VALUES: frozenset[str] = LESSON_MARK_VALUES | {NOT_ATTESTED, EXEMPT}

# One canonical order for every list shown to a user.
_DISPLAY_ORDER: tuple[str, ...] = (*NUMERIC, PASS, FAIL, NOT_ATTESTED, EXEMPT)

MARK_LABELS: dict[str, str] = {
    "5": "отлично",
    "4": "хорошо",
    "3": "удовлетворительно",
    "2": "неудовлетворительно",
    PASS: "зачтено",
    FAIL: "не зачтено",
    NOT_ATTESTED: "не аттестован",
    EXEMPT: "освобождён",
}

MAX_MARKS_PER_CELL = 2

FINAL_SEMESTER = "semester"
FINAL_EXAM = "exam"
FINAL_CREDIT = "credit"
FINAL_DIFF_CREDIT = "diff_credit"
FINAL_KINDS: tuple[str, ...] = (FINAL_SEMESTER, FINAL_EXAM, FINAL_CREDIT, FINAL_DIFF_CREDIT)
FINAL_KIND_LABELS: dict[str, str] = {
    FINAL_SEMESTER: "Семестровая",
    FINAL_EXAM: "Экзамен",
    FINAL_CREDIT: "Зачёт",
    FINAL_DIFF_CREDIT: "Дифференцированный зачёт",
}

# A зачёт is pass/fail; a семестровая, an экзамен and a дифзачёт are graded 2–5. «н/а» and «осв»
# fit every form: any attestation can be missed, any discipline can be exempted (перезачёт).
_ANY_FORM: frozenset[str] = frozenset({NOT_ATTESTED, EXEMPT})
FINAL_VALUES_BY_KIND: dict[str, frozenset[str]] = {
    FINAL_SEMESTER: frozenset(NUMERIC) | _ANY_FORM,
    FINAL_EXAM: frozenset(NUMERIC) | _ANY_FORM,
    FINAL_CREDIT: frozenset({PASS, FAIL}) | _ANY_FORM,
    FINAL_DIFF_CREDIT: frozenset(NUMERIC) | _ANY_FORM,
}

# Teachers type «н/а» in several ways; all of them mean the same thing.
_FINAL_ALIASES: dict[str, str] = {"на": NOT_ATTESTED, "н\\а": NOT_ATTESTED, "н.а.": NOT_ATTESTED}

_ABSENCE_LETTERS: frozenset[str] = frozenset({ABSENT, "n", "h", "y"})
_TOKEN = re.compile(r"\s+|\d+|[^\W\d_]+|.")
_SPACES_AROUND_SLASH = re.compile(r"\s*/\s*")

_ALLOWED_HINT = "допустимы 5, 4, 3, 2, зч, нз, н"


@dataclass(frozen=True, slots=True)
class CellEntry:
    """One student's cell for one lesson: up to two marks (in slot order) and absent hours."""

    marks: tuple[str, ...] = ()
    absent_hours: int = 0
    late: bool = False

    def __post_init__(self) -> None:
        # A programming error, not user input: no typed text can produce such an entry.
        if len(self.marks) > MAX_MARKS_PER_CELL or not set(self.marks) <= LESSON_MARK_VALUES:
            raise ValueError(f"invalid marks in a cell: {self.marks!r}")
        if self.absent_hours < 0:
            raise ValueError(f"negative absent hours: {self.absent_hours}")

    @property
    def is_empty(self) -> bool:
        return not self.marks and self.absent_hours == 0 and not self.late


EMPTY_CELL = CellEntry()


def parse_cell(text: str, lesson_hours: int) -> CellEntry:
    """Read what a teacher typed into a cell; raise ValidationError with a Russian message."""
    if lesson_hours < 1:
        raise ValueError(f"a lesson lasts at least one hour, got {lesson_hours}")
    source = " ".join(text.split())
    if not source:
        return EMPTY_CELL
    lowered = _SPACES_AROUND_SLASH.sub("/", source.casefold())
    if lowered in _FINAL_ALIASES or lowered in FINAL_MARK_VALUES - LESSON_MARK_VALUES:
        raise ValidationError(f"Оценка «{source}» ставится только как итоговая, а не за занятие")

    tokens = _TOKEN.findall(lowered)
    marks: tuple[str, ...] = ()
    absent: int | None = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.isspace():
            i += 1
        elif token in _ABSENCE_LETTERS:
            if absent is not None:
                raise ValidationError(f"Пропуск указан дважды: «{source}»")
            hours = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].isdecimal() else None
            absent = _absence_hours(hours, lesson_hours)
            i += 2 if hours is not None else 1
        elif token.isdecimal() or token in LESSON_MARK_VALUES:
            if marks:
                raise ValidationError(f"Две оценки в одной клетке пишутся через «/», например «4/5»: «{source}»")
            marks, i = _read_marks(tokens, i, source)
        else:
            raise _unclear(source)

    absent_hours = absent or 0
    if marks and absent_hours >= lesson_hours:
        hint = ": укажите часы пропуска, например «5 н1»" if lesson_hours > 1 else ""
        raise ValidationError(f"Нельзя поставить оценку за занятие, пропущенное целиком («{source}»){hint}")
    return CellEntry(marks=marks, absent_hours=absent_hours)


def format_cell(marks: tuple[str, ...] | list[str], absent_hours: int, lesson_hours: int) -> str:
    """Write a cell back as text; `parse_cell(format_cell(...))` gives the same entry.

    Absent hours at or above the lesson's hours show as "н": a lesson shortened after the
    attendance was taken still reads as "absent for all of it".
    """
    parts: list[str] = []
    if marks:
        parts.append("/".join(marks))
    if absent_hours > 0:
        parts.append(ABSENT if absent_hours >= lesson_hours else f"{ABSENT}{absent_hours}")
    return " ".join(parts)


def numeric_value(value: str) -> int | None:
    """The number behind a mark, or None for зч, нз, н/а, осв (they never enter an average)."""
    return int(value) if value in NUMERIC else None


def parse_final_mark(text: str, kind: str) -> str | None:
    """Read a final mark for a control form; None clears it."""
    if kind not in FINAL_VALUES_BY_KIND:
        raise ValueError(f"unknown final mark kind: {kind!r}")
    source = " ".join(text.split())
    if not source:
        return None
    value = _SPACES_AROUND_SLASH.sub("/", source.casefold())
    value = _FINAL_ALIASES.get(value, value)
    allowed = FINAL_VALUES_BY_KIND[kind]
    if value not in allowed:
        listed = ", ".join(v for v in _DISPLAY_ORDER if v in allowed)
        raise ValidationError(
            f"Недопустимая итоговая оценка «{source}» ({FINAL_KIND_LABELS[kind]}): допустимы {listed}"
        )
    return value


def _read_marks(tokens: list[str], i: int, source: str) -> tuple[tuple[str, ...], int]:
    marks = [_lesson_mark(tokens[i], source)]
    i += 1
    while i < len(tokens) and tokens[i] == "/":
        if i + 1 >= len(tokens):
            raise ValidationError(f"После «/» нужна вторая оценка: «{source}»")
        marks.append(_lesson_mark(tokens[i + 1], source))
        i += 2
    if len(marks) > MAX_MARKS_PER_CELL:
        raise ValidationError(f"В клетке может быть не больше двух оценок: «{source}»")
    return tuple(marks), i


def _lesson_mark(token: str, source: str) -> str:
    if token in LESSON_MARK_VALUES:
        return token
    if token in _ABSENCE_LETTERS:
        raise ValidationError(f"Пропуск пишется через пробел, а не через «/», например «5 н1»: «{source}»")
    if token.isdecimal() or token.isalpha():
        raise ValidationError(f"Недопустимая оценка «{token}»: {_ALLOWED_HINT}")
    raise _unclear(source)


def _absence_hours(hours: str | None, lesson_hours: int) -> int:
    if hours is None:
        return lesson_hours
    value = int(hours)
    if value > lesson_hours:
        raise ValidationError(f"Пропуск не может быть больше {lesson_hours} ч. занятия")
    if value < 1:
        raise ValidationError("Пропуск не может быть меньше 1 ч.")
    return value


def _unclear(source: str) -> ValidationError:
    return ValidationError(
        f"Непонятная запись «{source}»: введите оценку (5, 4, 3, 2, зч, нз), две оценки через «/» "
        "(4/5) или пропуск: «н» — всё занятие, «н1» — 1 ч."
    )
