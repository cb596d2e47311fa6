"""The forecast of a discipline's final mark from the current marks («предварительные итоги»).

The same rule as the curator's dashboard (services/group_dashboard): a final mark already set is
the result; otherwise more than half of the hours held missed forecasts «н/а»; otherwise the
average of the current numeric marks rounded as the college rounds (statistics.round_mark:
2.5 → 3, 3.49 → 3); with no mark at all after `MIN_LESSONS_FOR_NA` lessons, «н/а». A discipline
assessed by credit only (зч/нз at the lessons) forecasts «зч» unless «нз» outnumber «зч».
"""

from __future__ import annotations

from ejournal_desktop.domain import marks as mk
from ejournal_desktop.domain.statistics import round_half_up, round_mark

MIN_LESSONS_FOR_NA = 4  # lessons held with no mark at all → forecast «н/а»
NA_ABSENCE_SHARE = 0.5  # more than half the hours held missed → forecast «н/а»
FAILING = frozenset({"2", mk.FAIL, mk.NOT_ATTESTED})


def forecast(
    final: str | None,
    average: float | None,
    marks: int,
    absent: int,
    lessons_held: int,
    hours_held: int,
    *,
    passes: int = 0,
    fails: int = 0,
) -> tuple[str | None, str | None]:
    """(forecast mark or None when nothing can be said yet, why it is a risk or None)."""
    if final is not None:
        return final, (f"итоговая «{final}»" if final in FAILING else None)
    if hours_held and absent > hours_held * NA_ABSENCE_SHARE:
        return mk.NOT_ATTESTED, f"прогноз «н/а»: пропущено {absent} ч из {hours_held}"
    if average is not None:
        mark = str(round_mark(average))
        if mark == "2":
            shown = f"{round_half_up(average, 2):.2f}".replace(".", ",")
            return mark, f"прогноз «2» (средний балл {shown})"
        return mark, None
    if passes or fails:
        if fails > passes:
            return mk.FAIL, f"прогноз «нз»: «нз» {fails}, «зч» {passes}"
        return mk.PASS, None
    if marks == 0 and lessons_held >= MIN_LESSONS_FOR_NA:
        return mk.NOT_ATTESTED, f"прогноз «н/а»: нет оценок за {lessons_held} занятий"
    return None, None
