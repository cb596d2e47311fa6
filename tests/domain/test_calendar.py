from datetime import date, time

import pytest

from ejournal_desktop.domain.calendar import (
    MONTH_NAMES,
    MONTH_NAMES_GENITIVE,
    PAIR_HOURS,
    PAIR_TIMES,
    academic_year_of,
    format_date,
    format_date_long,
    is_school_day,
    month_name,
    month_name_genitive,
    months_of,
    pair_time,
    parse_academic_year,
    parse_date,
    parse_period_code,
    period_code,
    school_days,
    semester_bounds,
    semester_of,
)
from ejournal_desktop.domain.errors import ValidationError


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2026, 9, 1), "2026/2027"),
        (date(2026, 12, 31), "2026/2027"),
        (date(2027, 1, 5), "2026/2027"),
        (date(2027, 6, 30), "2026/2027"),
        (date(2027, 7, 1), "2027/2028"),
        (date(2027, 8, 31), "2027/2028"),
    ],
)
def test_academic_year_of(day: date, year: str) -> None:
    assert academic_year_of(day) == year


@pytest.mark.parametrize(
    ("day", "semester"),
    [
        (date(2026, 9, 1), 1),
        (date(2026, 12, 31), 1),
        (date(2027, 1, 1), None),
        (date(2027, 1, 11), None),
        (date(2027, 1, 12), 2),
        (date(2027, 6, 30), 2),
        (date(2027, 7, 15), None),
        (date(2027, 8, 31), None),
    ],
)
def test_semester_of(day: date, semester: int | None) -> None:
    assert semester_of(day) == semester


def test_semester_bounds() -> None:
    assert semester_bounds("2026/2027", 1) == (date(2026, 9, 1), date(2026, 12, 31))
    assert semester_bounds("2026/2027", 2) == (date(2027, 1, 12), date(2027, 6, 30))


def test_every_bounds_date_lies_in_its_semester_and_year() -> None:
    for number in (1, 2):
        start, end = semester_bounds("2030/2031", number)
        for day in (start, end):
            assert semester_of(day) == number
            assert academic_year_of(day) == "2030/2031"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-2027", "ожидается вид 2026/2027"),
        ("2026/2028", "годы должны идти подряд"),
        ("26/27", "ожидается вид 2026/2027"),
    ],
)
def test_parse_academic_year_rejects(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_academic_year(text)


def test_period_code_round_trip() -> None:
    assert period_code("2026/2027", 2) == "2026/2027-2"
    assert parse_period_code(" 2026/2027-1 ") == ("2026/2027", 1)
    assert parse_period_code(period_code("2031/2032", 2)) == ("2031/2032", 2)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("2026/2027", "Неверный код периода «2026/2027»: ожидается вид 2026/2027-1"),
        ("2026/2027-3", "Неверный номер семестра «3»: допустимы 1 и 2"),
        ("2026/2025-1", "годы должны идти подряд"),
        ("осень", "Неверный код периода"),
    ],
)
def test_parse_period_code_rejects(code: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_period_code(code)


def test_period_code_rejects_bad_semester() -> None:
    with pytest.raises(ValidationError):
        period_code("2026/2027", 0)


def test_months_of() -> None:
    assert months_of(date(2026, 11, 20), date(2027, 2, 1)) == [
        (2026, 11),
        (2026, 12),
        (2027, 1),
        (2027, 2),
    ]
    assert months_of(date(2026, 9, 1), date(2026, 9, 30)) == [(2026, 9)]
    assert months_of(date(2026, 9, 2), date(2026, 9, 1)) == []
    assert len(months_of(*semester_bounds("2026/2027", 1))) == 4


def test_month_names() -> None:
    assert len(MONTH_NAMES) == len(MONTH_NAMES_GENITIVE) == 12
    assert month_name(9) == "Сентябрь"
    assert month_name(1) == "Январь"
    assert month_name_genitive(9) == "сентября"
    assert month_name_genitive(5) == "мая"


def test_format_date() -> None:
    assert format_date(date(2026, 9, 1)) == "01.09.2026"
    assert format_date(date(987, 3, 4)) == "04.03.0987"
    assert format_date_long(date(2026, 9, 1)) == "1 сентября 2026 г."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01.09.2026", date(2026, 9, 1)),
        ("1.9.2026", date(2026, 9, 1)),
        (" 31.12.2026 ", date(2026, 12, 31)),
        ("2026-09-01", date(2026, 9, 1)),
        ("29.02.2028", date(2028, 2, 29)),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == expected
    assert parse_date(format_date(expected)) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31.02.2026", "Неверная дата «31.02.2026»: такого дня в календаре нет"),
        ("29.02.2027", "такого дня в календаре нет"),
        ("2026/09/01", "ожидается дд.мм.гггг"),
        ("01.09.26", "ожидается дд.мм.гггг"),
        ("", "ожидается дд.мм.гггг"),
    ],
)
def test_parse_date_rejects(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_date(text)


def test_pair_times_are_ordered_two_hour_pairs() -> None:
    assert sorted(PAIR_TIMES) == list(range(1, 8))
    assert PAIR_HOURS == 2
    assert pair_time(1) == (time(8, 30), time(10, 0))
    previous_end = time(0, 0)
    for number in sorted(PAIR_TIMES):
        start, end = PAIR_TIMES[number]
        assert previous_end < start < end
        minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
        assert minutes == 90  # two 45-minute academic hours
        previous_end = end


def test_pair_time_rejects_unknown_pair() -> None:
    with pytest.raises(ValidationError, match="Нет пары №8: в расписании пары с 1 по 7"):
        pair_time(8)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 9, 1), True),  # Tuesday
        (date(2026, 9, 5), True),  # Saturday: six-day study week
        (date(2026, 9, 6), False),  # Sunday
        (date(2026, 11, 4), False),  # Day of National Unity
        (date(2027, 1, 8), False),
        (date(2027, 2, 23), False),
        (date(2027, 3, 8), False),
        (date(2027, 5, 1), False),
        (date(2027, 5, 10), True),  # Monday after Victory Day
        (date(2027, 5, 9), False),
        (date(2027, 6, 12), False),
    ],
)
def test_is_school_day(day: date, expected: bool) -> None:
    assert is_school_day(day) is expected


def test_school_days_of_a_week_with_a_holiday() -> None:
    # Mon 2 Nov 2026 .. Sun 8 Nov 2026: Wednesday 4 Nov is a holiday, Sunday is off.
    assert school_days(date(2026, 11, 2), date(2026, 11, 8)) == [
        date(2026, 11, 2),
        date(2026, 11, 3),
        date(2026, 11, 5),
        date(2026, 11, 6),
        date(2026, 11, 7),
    ]


def test_the_current_period_is_todays_else_the_last_started_else_the_first() -> None:
    from dataclasses import dataclass

    from ejournal_desktop.domain.calendar import current_period

    @dataclass(frozen=True)
    class Period:
        starts_on: date
        ends_on: date

    autumn = Period(date(2026, 9, 1), date(2026, 12, 31))
    spring = Period(date(2027, 1, 12), date(2027, 6, 30))
    periods = [autumn, spring]
    assert current_period(periods, date(2026, 11, 29)) is autumn
    assert current_period(periods, date(2027, 1, 5)) is autumn  # the holidays between: the last one started
    assert current_period(periods, date(2027, 8, 1)) is spring
    assert current_period(periods, date(2026, 8, 1)) is autumn  # before them all: the first
    assert current_period([], date(2026, 11, 29)) is None
