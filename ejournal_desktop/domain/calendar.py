"""The academic calendar: years, semesters, bell schedule, study days, Russian dates.

These are the college's defaults. The `period` table stores each semester's real dates, and the
services trust it over the constants here (a year may start on 2 September when the 1st is a
Sunday); the constants fill the period dialog and classify dates nobody has set up yet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, time, timedelta
from typing import Protocol, TypeVar

from ejournal_desktop.domain.attendance import HOURS_PER_PAIR
from ejournal_desktop.domain.errors import ValidationError

# (month, day) boundaries. Semester 2 starts after the winter holidays (1–11 January), so dates
# from 1 to 11 January, like July and August, belong to no semester.
YEAR_START: tuple[int, int] = (9, 1)
YEAR_END: tuple[int, int] = (6, 30)
SEMESTER_BOUNDS: dict[int, tuple[tuple[int, int], tuple[int, int]]] = {
    1: ((9, 1), (12, 31)),
    2: ((1, 12), (6, 30)),
}
SEMESTERS: tuple[int, ...] = (1, 2)

# July and August already belong to the coming year: admission and group forming happen then.
_FIRST_MONTH_OF_NEXT_YEAR = 7

MONTH_NAMES: tuple[str, ...] = (
    "Январь", "Февраль", "Март", "Апрель", "Май", "Июнь",
    "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь",
)  # fmt: skip
MONTH_NAMES_GENITIVE: tuple[str, ...] = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip

# A typical college bell schedule: a pair is two 45-minute academic hours without a break,
# 10-minute breaks, a 40-minute lunch after the second pair.
PAIR_TIMES: dict[int, tuple[time, time]] = {
    1: (time(8, 30), time(10, 0)),
    2: (time(10, 10), time(11, 40)),
    3: (time(12, 20), time(13, 50)),
    4: (time(14, 0), time(15, 30)),
    5: (time(15, 40), time(17, 10)),
    6: (time(17, 20), time(18, 50)),
    7: (time(19, 0), time(20, 30)),
}
PAIR_HOURS = HOURS_PER_PAIR

# Non-working public holidays (Labour Code art. 112) that fall within the academic year. The
# government's yearly day-off transfers are not modelled: they change every year and the college
# marks such days itself.
PUBLIC_HOLIDAYS: frozenset[tuple[int, int]] = frozenset(
    {(11, 4), *((1, day) for day in range(1, 9)), (2, 23), (3, 8), (5, 1), (5, 9), (6, 12)}
)

_YEAR_PATTERN = re.compile(r"(\d{4})/(\d{4})")
_PERIOD_PATTERN = re.compile(r"(\d{4}/\d{4})-(\d)")
_RUSSIAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def academic_year_of(d: date) -> str:
    """The academic year a date belongs to, e.g. "2026/2027"; July and August join the next one."""
    start = d.year if d.month >= _FIRST_MONTH_OF_NEXT_YEAR else d.year - 1
    return f"{start}/{start + 1}"


def parse_academic_year(text: str) -> int:
    """The first calendar year of an academic year written as "2026/2027"."""
    match = _YEAR_PATTERN.fullmatch(text.strip())
    if match is None:
        raise ValidationError(f"Неверный учебный год «{text}»: ожидается вид 2026/2027")
    first, second = int(match[1]), int(match[2])
    if second != first + 1:
        raise ValidationError(f"Неверный учебный год «{text}»: годы должны идти подряд, например 2026/2027")
    return first


def semester_of(d: date) -> int | None:
    """The semester (1 or 2) a date falls in by the default bounds; None in the holidays."""
    for number, (start, end) in SEMESTER_BOUNDS.items():
        if start <= (d.month, d.day) <= end:
            return number
    return None


def semester_bounds(academic_year: str, number: int) -> tuple[date, date]:
    """First and last day of a semester by the default bounds, both inclusive."""
    first_year = parse_academic_year(academic_year)
    _check_semester(number)
    (start_month, start_day), (end_month, end_day) = SEMESTER_BOUNDS[number]
    # Autumn months lie in the first calendar year, spring months in the second.
    start_year = first_year if start_month >= _FIRST_MONTH_OF_NEXT_YEAR else first_year + 1
    end_year = first_year if end_month >= _FIRST_MONTH_OF_NEXT_YEAR else first_year + 1
    return date(start_year, start_month, start_day), date(end_year, end_month, end_day)


def period_code(academic_year: str, number: int) -> str:
    """ "2026/2027-1": the short code of a semester used in file names and the command line."""
    parse_academic_year(academic_year)
    _check_semester(number)
    return f"{academic_year.strip()}-{number}"


def parse_period_code(code: str) -> tuple[str, int]:
    """ "2026/2027-1" → ("2026/2027", 1)."""
    match = _PERIOD_PATTERN.fullmatch(code.strip())
    if match is None:
        raise ValidationError(f"Неверный код периода «{code}»: ожидается вид 2026/2027-1")
    year, number = match[1], int(match[2])
    parse_academic_year(year)
    _check_semester(number)
    return year, number


class _Dated(Protocol):
    @property
    def starts_on(self) -> date: ...

    @property
    def ends_on(self) -> date: ...


_P = TypeVar("_P", bound=_Dated)


def current_period(periods: Sequence[_P], day: date) -> _P | None:
    """The period containing `day`; else the last one that has started; else the first one (none
    for no periods). `periods` oldest first."""
    for period in periods:
        if period.starts_on <= day <= period.ends_on:
            return period
    started = [p for p in periods if p.starts_on <= day]
    return started[-1] if started else (periods[0] if periods else None)


def months_of(start: date, end: date) -> list[tuple[int, int]]:
    """(year, month) of every month touched by the inclusive range; empty when end < start."""
    months: list[tuple[int, int]] = []
    if end < start:
        return months
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_name(month: int) -> str:
    """ "Сентябрь": for column headers and month selectors."""
    return MONTH_NAMES[month - 1]


def month_name_genitive(month: int) -> str:
    """ "сентября": for dates written out, «1 сентября 2026 г.»."""
    return MONTH_NAMES_GENITIVE[month - 1]


def format_date(d: date) -> str:
    """дд.мм.гггг, built by hand: strftime pads years below 1000 differently per platform."""
    return f"{d.day:02d}.{d.month:02d}.{d.year:04d}"


def format_date_long(d: date) -> str:
    """«1 сентября 2026 г.»: the form orders and report signatures use."""
    return f"{d.day} {month_name_genitive(d.month)} {d.year} г."


def parse_date(text: str) -> date:
    """Read дд.мм.гггг (also д.м.гггг) or ISO гггг-мм-дд."""
    source = text.strip()
    if match := _RUSSIAN_DATE.fullmatch(source):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    elif match := _ISO_DATE.fullmatch(source):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    else:
        raise ValidationError(f"Неверная дата «{text}»: ожидается дд.мм.гггг")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(f"Неверная дата «{text}»: такого дня в календаре нет") from None


def pair_time(pair_no: int) -> tuple[time, time]:
    """Start and end of a pair by the bell schedule."""
    if pair_no not in PAIR_TIMES:
        raise ValidationError(f"Нет пары №{pair_no}: в расписании пары с 1 по {max(PAIR_TIMES)}")
    return PAIR_TIMES[pair_no]


def is_public_holiday(d: date) -> bool:
    return (d.month, d.day) in PUBLIC_HOLIDAYS


def is_school_day(d: date) -> bool:
    """Monday to Saturday except public holidays.

    Many colleges study six days a week, so only Sunday is off. Semester bounds are not checked
    here: they come from the `period` table, which the caller already has.
    """
    return d.weekday() != 6 and not is_public_holiday(d)


def school_days(start: date, end: date) -> list[date]:
    """Every study day in the inclusive range, for the journal's date pickers and fill control."""
    return [
        start + timedelta(days=offset)
        for offset in range((end - start).days + 1)
        if is_school_day(start + timedelta(days=offset))
    ]


def _check_semester(number: int) -> None:
    if number not in SEMESTER_BOUNDS:
        raise ValidationError(f"Неверный номер семестра «{number}»: допустимы 1 и 2")
