"""Absence reasons. An absence is not a mark: it is counted in academic hours per lesson."""

from __future__ import annotations

UNEXCUSED = "unexcused"
EXCUSED = "excused"
SICK = "sick"

REASONS: tuple[str, ...] = (UNEXCUSED, EXCUSED, SICK)
REASON_LABELS: dict[str, str] = {
    UNEXCUSED: "неуважительная",
    EXCUSED: "уважительная",
    SICK: "болезнь",
}

# A new absence is unexcused until a справка or an order says otherwise.
DEFAULT_REASON = UNEXCUSED

HOURS_PER_PAIR = 2


def is_excused(reason: str) -> bool:
    """Whether the hours count as excused in reports: illness is an excused reason too."""
    if reason not in REASON_LABELS:
        raise ValueError(f"unknown absence reason: {reason!r}")
    return reason != UNEXCUSED
