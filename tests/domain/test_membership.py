"""Membership intervals from movements: effective_date is the first day of the new state."""

from __future__ import annotations

import datetime as dt

from ejournal_desktop.domain.membership import Interval, Movement, belongs_on, membership_intervals, overlaps

D = dt.date


def test_enrolled_then_transferred_out() -> None:
    moves = [Movement("enrol", D(2024, 9, 1), None, 7), Movement("transfer", D(2026, 10, 10), 7, 8)]
    assert membership_intervals(moves, 7) == (Interval(D(2024, 9, 1), D(2026, 10, 9)),)
    assert membership_intervals(moves, 8) == (Interval(D(2026, 10, 10), None),)
    assert belongs_on(membership_intervals(moves, 7), D(2026, 10, 9))
    assert not belongs_on(membership_intervals(moves, 7), D(2026, 10, 10))


def test_no_entry_means_from_the_start_and_leave_then_return() -> None:
    moves = [Movement("academic_leave", D(2026, 3, 1), 7, None), Movement("return", D(2026, 9, 1), None, 7)]
    intervals = membership_intervals(moves, 7)
    assert intervals == (Interval(None, D(2026, 2, 28)), Interval(D(2026, 9, 1), None))
    assert not belongs_on(intervals, D(2026, 5, 1))
    assert overlaps(intervals, D(2026, 1, 12), D(2026, 6, 30))
    assert not overlaps(intervals, D(2026, 3, 1), D(2026, 8, 31))


def test_unordered_input_and_expel_without_group() -> None:
    moves = [Movement("expel", D(2026, 11, 2), None, None), Movement("enrol", D(2025, 9, 1), None, 3)]
    assert membership_intervals(moves, 3) == (Interval(D(2025, 9, 1), D(2026, 11, 1)),)
    assert membership_intervals([], 3) == (Interval(None, None),)
