"""The period chooser of a screen's top bar."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QComboBox


def fill_period_combo(combo: QComboBox, periods: Sequence[Any], current: int | None) -> None:
    """The periods (objects with `id` and `label`), newest on top, `current` chosen — without
    announcing the change: the caller loads what the chosen period shows."""
    combo.blockSignals(True)
    combo.clear()
    for period in reversed(periods):
        combo.addItem(period.label, period.id)
    if current is not None:
        combo.setCurrentIndex(combo.findData(current))
    combo.blockSignals(False)
