"""Sizes of files as a Russian reader expects them: «15,6 МБ» — binary units, a decimal comma."""

from __future__ import annotations

_UNITS = ((1 << 30, "ГБ"), (1 << 20, "МБ"), (1 << 10, "КБ"))


def format_size(size: int) -> str:
    """«512 Б», «12 КБ», «15,6 МБ», «1,2 ГБ»: kilobytes whole, larger units with one decimal."""
    for factor, unit in _UNITS:
        if size >= factor:
            if unit == "КБ":
                return f"{round(size / factor)} {unit}"
            return f"{size / factor:.1f} {unit}".replace(".", ",")
    return f"{max(0, size)} Б"
