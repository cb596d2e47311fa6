"""A screen's or a panel's title: the widget's own font, bold and larger."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

SCREEN_TITLE_SCALE = 1.4


def title_label(text: str = "", scale: float = SCREEN_TITLE_SCALE, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label
