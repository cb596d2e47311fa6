"""When a student belonged to a group, from the movements by order (приказы).

A movement's `effective_date` is the first day of the new state: a transfer effective 10 October
means the student is in the new group from 10 October and in the old one up to 9 October. A
student with no movement into the group at all is taken to have belonged to it from the start
(lists typed in before the journal was kept), until a movement takes them out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

# Movements that bring a student into `to_group_id` and that take them out of `from_group_id`.
INTO_GROUP = frozenset({"enrol", "transfer", "return", "reinstate"})
OUT_OF_GROUP = frozenset({"transfer", "academic_leave", "expel", "graduate"})
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Movement:
    kind: str
    effective_date: dt.date
    from_group_id: int | None
    to_group_id: int | None


@dataclass(frozen=True, slots=True)
class Interval:
    """Days a student belonged to a group: `start` and `end` inclusive; None means open."""

    start: dt.date | None
    end: dt.date | None

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def membership_intervals(movements: Iterable[Movement], group_id: int) -> tuple[Interval, ...]:
    """The intervals during which the student was in `group_id`, in date order."""
    ordered = sorted(movements, key=lambda mv: mv.effective_date)
    touching = [
        mv
        for mv in ordered
        if (mv.kind in INTO_GROUP and mv.to_group_id == group_id)
        or (mv.kind in OUT_OF_GROUP and mv.from_group_id in (group_id, None))
    ]
    intervals: list[Interval] = []
    # Unless the story starts with an entry into the group, the student was in it from the start.
    start: dt.date | None = None
    inside = not touching or not (touching[0].kind in INTO_GROUP and touching[0].to_group_id == group_id)
    for mv in ordered:
        if mv.kind in INTO_GROUP and mv.to_group_id == group_id:
            if not inside:
                start, inside = mv.effective_date, True
        elif mv.kind in OUT_OF_GROUP and inside and (mv.from_group_id in (group_id, None)):
            intervals.append(Interval(start, mv.effective_date - ONE_DAY))
            inside = False
    if inside:
        intervals.append(Interval(start, None))
    return tuple(intervals)


def belongs_on(intervals: Iterable[Interval], day: dt.date) -> bool:
    return any(interval.contains(day) for interval in intervals)


def overlaps(intervals: Iterable[Interval], start: dt.date, end: dt.date) -> bool:
    """Whether the student belonged to the group on any day of [start, end]."""
    return any((i.start is None or i.start <= end) and (i.end is None or i.end >= start) for i in intervals)
