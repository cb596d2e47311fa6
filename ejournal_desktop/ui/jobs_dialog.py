"""A dialog whose service calls run off the GUI thread, one at a time (`ui.background.SerialJobs`).

`busy_label` says what runs now («Загрузка…», «Сохранение…»); closing waits for the jobs on their
way, so nothing typed is lost, and a second close does not wait. `_lock_for_closing` is where a
dialog makes itself read-only while it waits.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QWidget

from ejournal_desktop.ui.background import SerialJobs, busy_label
from ejournal_desktop.ui.i18n import tr


class JobsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.busy_label: QLabel = busy_label()
        self.jobs = SerialJobs(self, self._show_busy)
        self._closing: int | None = None  # the result to close with once the jobs are done

    def _show_busy(self, label: str) -> None:
        self.busy_label.setText(label)
        if not label and self._closing is not None:
            super().done(self._closing)

    def done(self, result: int) -> None:
        if self.jobs.busy and self._closing is None:
            self._closing = result
            self.busy_label.setText(tr("Сохранение… окно закроется само"))
            self._lock_for_closing()
            return
        super().done(result)

    def _lock_for_closing(self) -> None:
        """Nothing more is started while the dialog waits to close."""
