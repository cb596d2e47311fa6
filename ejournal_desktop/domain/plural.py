"""The Russian plural: «1 лист», «3 листа», «12 листов»."""

from __future__ import annotations


def plural(count: int, one: str, few: str, many: str) -> str:
    """The form for `count`: `one` (1, 21, 101…), `few` (2–4, 22–24…) or `many` (0, 5–20, 25…)."""
    if count % 10 == 1 and count % 100 != 11:
        return one
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return few
    return many
