"""A form dialog for one record: fields from a spec, saved through a callback that may refuse.

The callback gets the values as a dict and calls a service; a `DomainError` keeps the dialog open
with the Russian message under the fields and the offending field focused and outlined.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.ui.i18n import tr

ERROR_STYLE = "color: #b00020;"
BAD_FIELD_STYLE = "border: 1px solid #b00020;"


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = "text"  # text | int | choice
    choices: Sequence[tuple[str, object]] = field(default_factory=tuple)  # (label, value)
    minimum: int = 0
    maximum: int = 100_000


class FormDialog(QDialog):
    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        values: Mapping[str, object],
        save: Callable[[dict[str, object]], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.fields = list(fields)
        self._save = save
        self.widgets: dict[str, QWidget] = {}
        self.result_value: object = None
        form = QFormLayout()
        for spec in self.fields:
            widget = self._make(spec, values.get(spec.key))
            self.widgets[spec.key] = widget
            form.addRow(spec.label, widget)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Сохранить"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Отмена"))
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def _make(self, spec: Field, value: object) -> QWidget:
        if spec.kind == "choice":
            combo = QComboBox()
            for label, choice in spec.choices:
                combo.addItem(label, choice)
            index = combo.findData(value)
            combo.setCurrentIndex(max(index, 0))
            return combo
        if spec.kind == "int":
            spin = QSpinBox()
            spin.setRange(spec.minimum, spec.maximum)
            spin.setValue(int(value) if value not in (None, "") else spec.minimum)  # type: ignore[call-overload]
            return spin
        edit = QLineEdit("" if value is None else str(value))
        return edit

    def values(self) -> dict[str, object]:
        result: dict[str, object] = {}
        for key, widget in self.widgets.items():
            if isinstance(widget, QComboBox):
                result[key] = widget.currentData()
            elif isinstance(widget, QSpinBox):
                result[key] = widget.value()
            elif isinstance(widget, QLineEdit):
                result[key] = widget.text()
        return result

    def try_save(self) -> None:
        for widget in self.widgets.values():
            widget.setStyleSheet("")
        try:
            self.result_value = self._save(self.values())
        except DomainError as exc:
            self.error_label.setText(exc.message)
            bad = self.widgets.get(exc.field or "")
            if bad is not None:
                bad.setStyleSheet(BAD_FIELD_STYLE)
                bad.setFocus()
            return
        self.accept()


def date_text(value: Any) -> str:
    from ejournal_desktop.domain.calendar import format_date

    return format_date(value) if value else ""
