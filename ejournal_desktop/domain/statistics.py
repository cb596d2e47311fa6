"""Performance statistics for a group, a course, a teacher or the whole college.

Everything is counted by students, not by marks: in a group of 20 where one student has three
«2», абсолютная успеваемость is 95 %. The input is, per student, their final marks across the
disciplines of the period. Students who left before the period's end (expelled, transferred,
on academic leave) are excluded by the caller, who knows the movements: every student passed in
is counted.

One deliberate extension of the written definitions: «нз» (незачёт) is an academic debt just like
«2», so it fails a student everywhere a «2» does. The definitions name only «2» and «н/а» because
they were written for graded marks.

Percentages and СОУ come rounded to one decimal (half up), as reports print them. The average
mark comes unrounded, because `round_mark` must see the exact value: 3.495 rounded to 3.50 first
would wrongly forecast a «4».
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from ejournal_desktop.domain.errors import ValidationError
from ejournal_desktop.domain.marks import FAIL, FINAL_MARK_VALUES, NOT_ATTESTED, NUMERIC

SOU_WEIGHTS: dict[str, int] = {"5": 100, "4": 64, "3": 36, "2": 16, NOT_ATTESTED: 7}


class Category(StrEnum):
    """Where a student stands by their final marks; members are in report column order."""

    EXCELLENT = "excellent"
    ONE_FOUR = "one_four"
    GOOD = "good"
    ONE_THREE = "one_three"
    TROIKA = "troika"
    FAILING = "failing"
    NOT_ATTESTED = "not_attested"
    NO_MARKS = "no_marks"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS: dict[Category, str] = {
    Category.EXCELLENT: "отличники",
    Category.ONE_FOUR: "с одной «4»",
    Category.GOOD: "хорошисты",
    Category.ONE_THREE: "с одной «3»",
    Category.TROIKA: "троечники",
    Category.FAILING: "неуспевающие",
    Category.NOT_ATTESTED: "не аттестованные",
    Category.NO_MARKS: "нет оценок",
}

_UNSUCCESSFUL = frozenset({Category.FAILING, Category.NOT_ATTESTED})
_QUALITY = frozenset({Category.EXCELLENT, Category.ONE_FOUR, Category.GOOD})


def categorize(marks: Sequence[str]) -> Category:
    """Place one student by their final marks. The first rule that matches wins:

    1. NOT_ATTESTED — any «н/а» (even with a «2» too: the missing attestation is the first thing
       to sort out);
    2. FAILING — any «2» or «нз»;
    3. NO_MARKS — no graded mark at all (only «зч»/«осв», or nothing): there is nothing to call
       excellent or good, yet nothing is failed either;
    4. EXCELLENT — all graded marks are «5»;
    5. ONE_FOUR — exactly one «4», the rest «5»;
    6. GOOD — only «4» and «5»;
    7. ONE_THREE — exactly one «3», the rest «4»/«5»;
    8. TROIKA — two or more «3».

    «зч» and «осв» are neutral: 5, 4, зч is still ONE_FOUR.
    """
    counts = Counter(_checked(marks))
    if counts[NOT_ATTESTED]:
        return Category.NOT_ATTESTED
    if counts["2"] or counts[FAIL]:
        return Category.FAILING
    if not any(counts[value] for value in NUMERIC):
        return Category.NO_MARKS
    if counts["3"] == 0:
        if counts["4"] == 0:
            return Category.EXCELLENT
        return Category.ONE_FOUR if counts["4"] == 1 else Category.GOOD
    return Category.ONE_THREE if counts["3"] == 1 else Category.TROIKA


def count_categories(students: Sequence[Sequence[str]]) -> dict[Category, int]:
    """How many students fall in each category; every category is present, zeros included."""
    counts = Counter(categorize(marks) for marks in _students(students))
    return {category: counts[category] for category in Category}


def absolute_performance(students: Sequence[Sequence[str]]) -> float | None:
    """Абсолютная успеваемость, %: students with no «2» and no «н/а» (nor «нз») / all × 100.

    A student with no graded marks (only «зч»/«осв») counts as successful. None for no students.
    """
    categories = [categorize(marks) for marks in _students(students)]
    successful = sum(1 for category in categories if category not in _UNSUCCESSFUL)
    return percent(successful, len(categories))


def quality(students: Sequence[Sequence[str]]) -> float | None:
    """Качество знаний, %: students with only «4» and «5» / all × 100.

    «зч» and «осв» are neutral (5, 4, зч is quality); «3», «2», «нз», «н/а» each rule a student
    out; a student with no graded mark at all is not counted as quality: they showed no «4» or
    «5». None for no students.
    """
    categories = [categorize(marks) for marks in _students(students)]
    good = sum(1 for category in categories if category in _QUALITY)
    return percent(good, len(categories))


def average_mark(marks: Iterable[str]) -> float | None:
    """Средний балл: the mean of numeric marks only (зч, нз, осв, н/а left out), unrounded.

    None when there is no numeric mark.
    """
    numbers = [int(mark) for mark in _checked(marks) if mark in NUMERIC]
    if not numbers:
        return None
    return sum(numbers) / len(numbers)


def sou_from_counts(n5: int, n4: int, n3: int, n2: int, nna: int) -> float | None:
    """СОУ (степень обученности), %: (100·n5 + 64·n4 + 36·n3 + 16·n2 + 7·nн/а) / N,

    where N = n5 + n4 + n3 + n2 + nн/а is the number of marks. None when N is 0.
    """
    counts = (n5, n4, n3, n2, nna)
    if any(count < 0 for count in counts):
        raise ValueError(f"negative mark count: {counts}")
    total = sum(counts)
    if total == 0:
        return None
    weights = (SOU_WEIGHTS[value] for value in (*NUMERIC, NOT_ATTESTED))
    weighted = sum(weight * count for weight, count in zip(weights, counts, strict=True))
    return _to_float(Decimal(weighted) / Decimal(total), 1)


def sou(marks: Iterable[str]) -> float | None:
    """СОУ over a list of marks; «зч», «нз», «осв» have no weight and are left out of N."""
    counts = Counter(mark for mark in _checked(marks) if mark in SOU_WEIGHTS)
    return sou_from_counts(counts["5"], counts["4"], counts["3"], counts["2"], counts[NOT_ATTESTED])


def round_half_up(value: float, digits: int = 0) -> float:
    """Round as a Russian teacher does, .5 always up; Python's round() sends 2.5 to 2.

    The float goes through its shortest repr, so 4.345 rounds to 4.35 as it reads, not to 4.34
    as its binary value would.
    """
    return _to_float(Decimal(repr(value)), digits)


def round_mark(average: float) -> int:
    """The mark a current average forecasts: 3.5 → 4, 2.5 → 3, 4.49 → 4."""
    return int(round_half_up(average))


def percent(n: int, total: int) -> float | None:
    """n of total as a percentage rounded half up to one decimal; None when total is 0."""
    if total == 0:
        return None
    return _to_float(Decimal(n) * 100 / Decimal(total), 1)


def _to_float(value: Decimal, digits: int) -> float:
    return float(value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def _checked(marks: Iterable[str]) -> list[str]:
    values = list(marks)
    for value in values:
        if value not in FINAL_MARK_VALUES:
            raise ValidationError(f"Неизвестная оценка «{value}» в данных для статистики")
    return values


def _students(students: Sequence[Sequence[str]]) -> Sequence[Sequence[str]]:
    # A bare list of marks is also a sequence of sequences (strings); catch that mix-up loudly
    # instead of counting every mark as a student.
    if any(isinstance(marks, str) for marks in students):
        raise TypeError("expected one sequence of marks per student, got bare strings")
    return students
