"""What the report builders share: titles, definitions, signature lines, small number helpers."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence

from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.marks import NOT_ATTESTED, NUMERIC
from ejournal_desktop.domain.names import short_name
from ejournal_desktop.domain.statistics import (
    Category,
    average_mark,
    categorize,
    percent,
    round_half_up,
    sou_from_counts,
)
from ejournal_desktop.reports.table import Column, ColumnKind, HeaderCell, Row, RowStyle
from ejournal_desktop.services.journal_types import PeriodInfo
from ejournal_desktop.services.report_data import GroupContext, StudentRef

SIGN_LINE = "____________________"
# As domain.statistics counts them (absolute_performance, quality).
UNSUCCESSFUL = frozenset({Category.FAILING, Category.NOT_ATTESTED})
QUALITY = frozenset({Category.EXCELLENT, Category.ONE_FOUR, Category.GOOD})

DEFINITIONS: tuple[str, ...] = (
    "Абсолютная успеваемость — доля обучающихся без оценок «2», «нз» и «н/а», %.",
    "Качество знаний — доля обучающихся, имеющих только оценки «4» и «5» (зачёт не мешает), %.",
    "Средний балл — среднее числовых оценок; «зч», «нз», «осв», «н/а» не учитываются.",
    "СОУ (степень обученности) = (100·n5 + 64·n4 + 36·n3 + 16·n2 + 7·nн/а) / N, где N — число оценок, %.",
    "Считаются обучающиеся, состоящие в группе на конец периода; выбывшие до его окончания не учитываются.",
)
FINAL_RULE = "Итоговая оценка дисциплины: экзаменационная, иначе дифф. зачёт, иначе зачёт, иначе семестровая."


def group_subtitle(ctx: GroupContext) -> list[str]:
    g = ctx.group
    lines = [f"Группа {g.name}, {g.course} курс, {ctx.period.long_label}"]
    lines.append(f"Специальность {g.specialty_code} {g.specialty_name}".strip())
    return lines


def period_subtitle(period: PeriodInfo) -> str:
    return f"{period.long_label} ({format_date(period.starts_on)} – {format_date(period.ends_on)})"


def left_note(students: Iterable[StudentRef]) -> list[str]:
    left = [s for s in students if s.left_on is not None]
    if not left:
        return []
    names = "; ".join(f"{s.full_name} (по {format_date(s.left_on)})" for s in left if s.left_on)
    return [f"Выбыли до окончания периода и не учитываются: {names}."]


def _short(full: str) -> str:
    parts = full.split()
    if not parts:
        return ""
    return short_name(parts[0], parts[1] if len(parts) > 1 else "", " ".join(parts[2:]) or None)


def curator_signature(ctx: GroupContext) -> str:
    return f"Классный руководитель {SIGN_LINE} {ctx.group.curator_short}".rstrip()


def deputy_signature(settings: dict[str, str]) -> str:
    return f"Заместитель директора по УПР {SIGN_LINE} {_short(settings.get('deputy', ''))}".rstrip()


def made_on(today: dt.date) -> str:
    return f"Дата составления: {format_date(today)}"


def number_columns() -> list[Column]:
    return [Column("n", ColumnKind.INT, 4.5), Column("name", ColumnKind.TEXT, 30)]


def rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round_half_up(value, digits)


def section(title: str, width: int) -> Row:
    return Row([title, *([None] * (width - 1))], RowStyle.SECTION)


def hc(text: str, cols: int = 1, rows: int = 1, vertical: bool = False) -> HeaderCell:
    return HeaderCell(text, cols, rows, vertical)


class GroupStats:
    """The figures of a set of students from each one's final (or forecast) marks, by domain.statistics:
    each student placed once by `categorize`; абсолютная успеваемость and качество are the shares of
    the successful and of the «4 and 5» categories (`percent`), exactly as `absolute_performance` and
    `quality` count them; СОУ and the average over all the marks (`sou_from_counts`, `average_mark`).
    """

    def __init__(self, marks_by_student: dict[int, list[str]]) -> None:
        counts: Counter[str] = Counter()
        for values in marks_by_student.values():
            counts.update(values)
        self._set({sid: categorize(v) for sid, v in marks_by_student.items()}, counts)

    @classmethod
    def placed(cls, categories: dict[int, Category], counts: Counter[str]) -> GroupStats:
        """From students already placed and their marks already counted (the college's totals pool
        the same students by group, course and specialty)."""
        stats = cls.__new__(cls)
        stats._set(categories, counts)
        return stats

    def _set(self, categories: dict[int, Category], counts: Counter[str]) -> None:
        self.categories = categories
        self.count = len(categories)
        self.absolute = percent(self.successful(), self.count)
        self.quality = percent(self.good(), self.count)
        self.sou = sou_from_counts(counts["5"], counts["4"], counts["3"], counts["2"], counts[NOT_ATTESTED])
        self.average = average_mark([value for value in NUMERIC for _ in range(counts[value])])

    def of(self, category: Category) -> list[int]:
        return [sid for sid, c in self.categories.items() if c is category]

    def successful(self) -> int:
        return sum(1 for c in self.categories.values() if c not in UNSUCCESSFUL)

    def good(self) -> int:
        return sum(1 for c in self.categories.values() if c in QUALITY)

    def share(self, n: int) -> float | None:
        return percent(n, self.count)


def attendance_percent(due: int, missed: int) -> float | None:
    """Посещаемость, %: hours attended of hours due."""
    return percent(max(due - missed, 0), due)


def join_nonempty(parts: Sequence[str], sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)
