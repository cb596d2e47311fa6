import pytest

from ejournal_desktop.domain.errors import ValidationError
from ejournal_desktop.domain.statistics import (
    CATEGORY_LABELS,
    Category,
    absolute_performance,
    average_mark,
    categorize,
    count_categories,
    percent,
    quality,
    round_half_up,
    round_mark,
    sou,
    sou_from_counts,
)

# A group of five, final marks across the semester's disciplines:
#   A: 5 5 5 зч   → отличник         (успевает, качество)
#   B: 5 4 5 осв  → с одной «4»      (успевает, качество)
#   C: 4 4 3 зч   → с одной «3»      (успевает)
#   D: 5 2 3      → неуспевающий
#   E: н/а 4 5    → не аттестован
# Абсолютная успеваемость = 3/5 = 60.0 %; качество = 2/5 = 40.0 %.
# All marks: «5» ×7, «4» ×4, «3» ×2, «2» ×1, «н/а» ×1 (зч, осв ignored).
# Средний балл = (7·5 + 4·4 + 2·3 + 1·2) / 14 = 59/14 = 4.2142857…
# СОУ = (100·7 + 64·4 + 36·2 + 16·1 + 7·1) / 15 = 1051/15 = 70.0666… → 70.1
GROUP = [
    ["5", "5", "5", "зч"],
    ["5", "4", "5", "осв"],
    ["4", "4", "3", "зч"],
    ["5", "2", "3"],
    ["н/а", "4", "5"],
]
ALL_MARKS = [mark for student in GROUP for mark in student]


def test_group_of_five() -> None:
    assert absolute_performance(GROUP) == 60.0
    assert quality(GROUP) == 40.0
    assert average_mark(ALL_MARKS) == pytest.approx(59 / 14)
    assert sou(ALL_MARKS) == 70.1
    assert sou_from_counts(7, 4, 2, 1, 1) == 70.1
    assert [categorize(student) for student in GROUP] == [
        Category.EXCELLENT,
        Category.ONE_FOUR,
        Category.ONE_THREE,
        Category.FAILING,
        Category.NOT_ATTESTED,
    ]


def test_count_categories_lists_every_category() -> None:
    counts = count_categories(GROUP)
    assert list(counts) == list(Category)
    assert sum(counts.values()) == 5
    assert counts[Category.GOOD] == 0
    assert counts[Category.EXCELLENT] == counts[Category.FAILING] == 1


def test_counted_by_students_not_marks() -> None:
    # One student with three «2» among 20 students: 19/20 = 95 %.
    group = [["2", "2", "2"]] + [["4", "5"]] * 19
    assert absolute_performance(group) == 95.0
    assert quality(group) == 95.0


def test_no_students_gives_none() -> None:
    assert absolute_performance([]) is None
    assert quality([]) is None
    assert average_mark([]) is None
    assert average_mark(["зч", "осв", "нз"]) is None
    assert sou([]) is None
    assert sou(["зч", "нз"]) is None
    assert sou_from_counts(0, 0, 0, 0, 0) is None


def test_neutral_and_failed_credits() -> None:
    # нз is an academic debt like «2»; зч/осв neither help nor hurt.
    group = [["5", "нз"], ["4", "зч"], ["зч", "осв"]]
    # successful: 2nd and 3rd → 2/3 = 66.7; quality: only 2nd (3rd has no graded mark) → 33.3
    assert absolute_performance(group) == 66.7
    assert quality(group) == 33.3


def test_sou_extremes() -> None:
    assert sou(["5", "5"]) == 100.0
    assert sou(["2"]) == 16.0
    assert sou(["н/а"]) == 7.0
    # (64 + 36) / 2 = 50
    assert sou(["4", "3", "зч"]) == 50.0


@pytest.mark.parametrize(
    ("marks", "category"),
    [
        (["5", "5"], Category.EXCELLENT),
        (["5", "зч", "осв"], Category.EXCELLENT),
        (["5", "4"], Category.ONE_FOUR),
        (["4"], Category.ONE_FOUR),
        (["4", "4", "5"], Category.GOOD),
        (["5", "3"], Category.ONE_THREE),
        (["4", "4", "3"], Category.ONE_THREE),
        (["3", "3", "5"], Category.TROIKA),
        (["5", "2"], Category.FAILING),
        (["5", "нз"], Category.FAILING),
        (["2", "н/а"], Category.NOT_ATTESTED),
        (["5", "н/а"], Category.NOT_ATTESTED),
        (["зч", "осв"], Category.NO_MARKS),
        ([], Category.NO_MARKS),
    ],
)
def test_categorize(marks: list[str], category: Category) -> None:
    assert categorize(marks) is category


def test_every_category_has_a_russian_label() -> None:
    assert set(CATEGORY_LABELS) == set(Category)
    assert Category.ONE_FOUR.label == "с одной «4»"
    assert Category.NOT_ATTESTED.label == "не аттестованные"


def test_unknown_mark_is_rejected() -> None:
    with pytest.raises(ValidationError, match="Неизвестная оценка «6»"):
        categorize(["5", "6"])
    with pytest.raises(ValidationError):
        average_mark(["н"])


def test_bare_list_of_marks_is_not_mistaken_for_students() -> None:
    with pytest.raises(TypeError):
        absolute_performance(["5", "4"])


@pytest.mark.parametrize(
    ("average", "mark"),
    [(3.5, 4), (2.5, 3), (4.5, 5), (4.49, 4), (3.499, 3), (4.0, 4), (2.0, 2), (59 / 14, 4)],
)
def test_round_mark_rounds_half_up(average: float, mark: int) -> None:
    assert round_mark(average) == mark


def test_round_half_up_rounds_as_read() -> None:
    assert round_half_up(4.345, 2) == 4.35
    assert round_half_up(2.675, 2) == 2.68  # built-in round() gives 2.67
    assert round_half_up(0.125, 2) == 0.13


@pytest.mark.parametrize(
    ("n", "total", "expected"),
    [(1, 3, 33.3), (2, 3, 66.7), (1, 8, 12.5), (1, 16, 6.3), (1, 40, 2.5), (0, 7, 0.0), (7, 7, 100.0)],
)
def test_percent(n: int, total: int, expected: float) -> None:
    assert percent(n, total) == expected


def test_percent_of_nothing_is_none() -> None:
    assert percent(0, 0) is None
