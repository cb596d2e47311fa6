from itertools import product

import pytest

from ejournal_desktop.domain.errors import ValidationError
from ejournal_desktop.domain.marks import (
    FINAL_CREDIT,
    FINAL_EXAM,
    FINAL_KIND_LABELS,
    FINAL_KINDS,
    FINAL_MARK_VALUES,
    FINAL_VALUES_BY_KIND,
    LESSON_MARK_VALUES,
    CellEntry,
    format_cell,
    numeric_value,
    parse_cell,
    parse_final_mark,
)


@pytest.mark.parametrize(
    ("text", "hours", "expected"),
    [
        ("", 2, CellEntry()),
        ("   ", 2, CellEntry()),
        ("5", 2, CellEntry(("5",))),
        (" 2 ", 2, CellEntry(("2",))),
        ("4/5", 2, CellEntry(("4", "5"))),
        ("4 / 5", 2, CellEntry(("4", "5"))),
        ("зч/зч", 2, CellEntry(("зч", "зч"))),
        ("3/нз", 2, CellEntry(("3", "нз"))),
        ("ЗЧ", 2, CellEntry(("зч",))),
        ("Нз", 2, CellEntry(("нз",))),
        ("н", 2, CellEntry(absent_hours=2)),
        ("Н", 1, CellEntry(absent_hours=1)),
        ("н1", 2, CellEntry(absent_hours=1)),
        ("н2", 2, CellEntry(absent_hours=2)),
        ("н3", 4, CellEntry(absent_hours=3)),
        ("n", 2, CellEntry(absent_hours=2)),
        ("N1", 2, CellEntry(absent_hours=1)),
        ("H", 2, CellEntry(absent_hours=2)),
        ("y", 2, CellEntry(absent_hours=2)),
        ("5 н1", 2, CellEntry(("5",), 1)),
        ("5н1", 2, CellEntry(("5",), 1)),
        ("н1 5", 2, CellEntry(("5",), 1)),
        ("4/5 н1", 2, CellEntry(("4", "5"), 1)),
        ("зч n1", 2, CellEntry(("зч",), 1)),
    ],
)
def test_parse_cell_accepts(text: str, hours: int, expected: CellEntry) -> None:
    assert parse_cell(text, hours) == expected


@pytest.mark.parametrize(
    ("text", "hours", "message"),
    [
        ("6", 2, "Недопустимая оценка «6»: допустимы 5, 4, 3, 2, зч, нз, н"),
        ("1", 2, "Недопустимая оценка «1»"),
        ("55", 2, "Недопустимая оценка «55»"),
        ("абв", 2, "Непонятная запись «абв»"),
        ("3ч", 2, "Непонятная запись «3ч»"),
        ("+", 2, "Непонятная запись «+»"),
        ("/5", 2, "Непонятная запись «/5»"),
        ("н9", 2, "Пропуск не может быть больше 2 ч. занятия"),
        ("н15", 2, "Пропуск не может быть больше 2 ч. занятия"),
        ("н2", 1, "Пропуск не может быть больше 1 ч. занятия"),
        ("н0", 2, "Пропуск не может быть меньше 1 ч."),
        ("4/5/3", 2, "не больше двух оценок"),
        ("5/", 2, "После «/» нужна вторая оценка"),
        ("5/6", 2, "Недопустимая оценка «6»"),
        ("5 4", 2, "через «/»"),
        ("5/н", 2, "Пропуск пишется через пробел"),
        ("н н1", 2, "Пропуск указан дважды"),
        ("5 н", 2, "пропущенное целиком («5 н»): укажите часы пропуска"),
        ("5 н2", 2, "пропущенное целиком"),
        ("5 н", 1, "пропущенное целиком («5 н»)"),
        ("н/а", 2, "Оценка «н/а» ставится только как итоговая"),
        ("ОСВ", 2, "Оценка «ОСВ» ставится только как итоговая"),
    ],
)
def test_parse_cell_rejects_with_russian_message(text: str, hours: int, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_cell(text, hours)
    assert message in str(caught.value)
    assert caught.value.message == str(caught.value)


def test_whole_lesson_absence_with_mark_has_no_hour_hint_on_one_hour_lesson() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_cell("5 н", 1)
    assert "н1" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "hours", "normalised"),
    [
        (" 5 ", 2, "5"),
        ("ЗЧ", 2, "зч"),
        ("4 / 5", 2, "4/5"),
        ("n", 2, "н"),
        ("н2", 2, "н"),
        ("н1", 2, "н1"),
        ("н1 5", 2, "5 н1"),
        ("5н1", 2, "5 н1"),
        ("   ", 2, ""),
    ],
)
def test_format_of_parse_normalises(text: str, hours: int, normalised: str) -> None:
    entry = parse_cell(text, hours)
    assert format_cell(entry.marks, entry.absent_hours, hours) == normalised


def _all_entries(lesson_hours: int) -> list[CellEntry]:
    values = sorted(LESSON_MARK_VALUES)
    mark_tuples = [(), *((v,) for v in values), *product(values, repeat=2)]
    entries = []
    for marks, absent in product(mark_tuples, range(lesson_hours + 1)):
        if marks and absent == lesson_hours:
            continue  # a mark for a missed lesson is not a valid entry
        entries.append(CellEntry(tuple(marks), absent))
    return entries


@pytest.mark.parametrize("lesson_hours", [1, 2, 3, 4])
def test_parse_of_format_round_trips_every_valid_entry(lesson_hours: int) -> None:
    entries = _all_entries(lesson_hours)
    # 1 + 6 + 36 mark combinations × (hours + 1) absences, minus 42 marked full absences.
    assert len(entries) == 43 * (lesson_hours + 1) - 42
    for entry in entries:
        text = format_cell(entry.marks, entry.absent_hours, lesson_hours)
        assert parse_cell(text, lesson_hours) == entry, text


def test_format_shows_overlong_absence_as_whole_lesson() -> None:
    # The lesson was shortened from 2 hours to 1 after the absence was recorded.
    assert format_cell((), 2, 1) == "н"


def test_cell_entry_is_empty() -> None:
    assert CellEntry().is_empty
    assert not CellEntry(("5",)).is_empty
    assert not CellEntry(absent_hours=1).is_empty
    assert not CellEntry(late=True).is_empty


def test_parse_never_sets_late() -> None:
    assert parse_cell("5 н1", 2).late is False


@pytest.mark.parametrize("marks", [("6",), ("5", "4", "3"), ("н/а",)])
def test_cell_entry_rejects_impossible_marks(marks: tuple[str, ...]) -> None:
    with pytest.raises(ValueError):
        CellEntry(marks)


def test_lesson_must_last_at_least_one_hour() -> None:
    with pytest.raises(ValueError):
        parse_cell("5", 0)


@pytest.mark.parametrize(("value", "expected"), [("5", 5), ("4", 4), ("3", 3), ("2", 2), ("зч", None), ("н/а", None)])
def test_numeric_value(value: str, expected: int | None) -> None:
    assert numeric_value(value) == expected


def test_final_values_by_kind() -> None:
    assert set(FINAL_VALUES_BY_KIND) == set(FINAL_KINDS) == set(FINAL_KIND_LABELS)
    assert FINAL_VALUES_BY_KIND[FINAL_CREDIT] == {"зч", "нз", "н/а", "осв"}
    assert FINAL_VALUES_BY_KIND[FINAL_EXAM] == {"5", "4", "3", "2", "н/а", "осв"}
    assert all(values <= FINAL_MARK_VALUES for values in FINAL_VALUES_BY_KIND.values())
    assert LESSON_MARK_VALUES | {"н/а", "осв"} == FINAL_MARK_VALUES


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("5", FINAL_EXAM, "5"),
        ("Н/А", FINAL_EXAM, "н/а"),
        ("на", FINAL_CREDIT, "н/а"),
        ("ЗЧ", FINAL_CREDIT, "зч"),
        (" осв ", FINAL_CREDIT, "осв"),
        ("", FINAL_EXAM, None),
    ],
)
def test_parse_final_mark(text: str, kind: str, expected: str | None) -> None:
    assert parse_final_mark(text, kind) == expected


def test_parse_final_mark_rejects_value_foreign_to_the_form() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_final_mark("5", FINAL_CREDIT)
    assert str(caught.value) == "Недопустимая итоговая оценка «5» (Зачёт): допустимы зч, нз, н/а, осв"
    with pytest.raises(ValidationError, match="Экзамен"):
        parse_final_mark("зч", FINAL_EXAM)
