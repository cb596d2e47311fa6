"""Long work off the GUI thread with a progress dialog: `run_with_progress(parent, title, work, on_done)`.

`work(progress)` runs in the global QThreadPool and reports through `progress(text, fraction)`; the
dialog repaints meanwhile. Its result (or the exception) comes back on the GUI thread through queued
signals. The work here is one database transaction, which cannot be stopped halfway safely, so the
dialog has no «Отмена» button: all or nothing happens, and the screen says which.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ejournal_desktop.ui.i18n import tr

Work = Callable[[Callable[[str, float], None]], Any]

_running: set[ProgressTask] = set()  # kept alive until reported


class _Signals(QObject):
    progress = Signal(str, float)
    done = Signal(object)
    failed = Signal(object)


class ProgressTask(QRunnable):
    def __init__(self, work: Work) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = _Signals()
        self._work = work

    def run(self) -> None:
        try:
            result = self._work(self.signals.progress.emit)
        except Exception as exc:  # the GUI thread decides what to tell
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class _Receiver(QObject):
    """Lives on the GUI thread, so the worker's signals arrive as queued calls here."""

    def __init__(self, dialog: QProgressDialog, on_done: Callable[[Any], None], on_error: Callable[[Any], None]):
        super().__init__(dialog)
        self.dialog, self.on_done, self.on_error = dialog, on_done, on_error

    @Slot(str, float)
    def progress(self, text: str, fraction: float) -> None:
        self.dialog.setLabelText(text)
        self.dialog.setValue(int(max(0.0, min(1.0, fraction)) * 100))

    @Slot(object)
    def done(self, result: object) -> None:
        self.dialog.close()
        self.on_done(result)

    @Slot(object)
    def failed(self, error: object) -> None:
        self.dialog.close()
        self.on_error(error)


def run_with_progress(
    parent: QWidget, title: str, work: Work, on_done: Callable[[Any], None], on_error: Callable[[Any], None]
) -> ProgressTask:
    dialog = QProgressDialog(tr("Подготовка…"), "", 0, 100, parent)
    dialog.setWindowTitle(title)
    dialog.setCancelButton(None)  # type: ignore[arg-type]  # one transaction: nothing to stop halfway
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(200)
    dialog.setMinimumWidth(420)
    dialog.setValue(0)
    task = ProgressTask(work)
    receiver = _Receiver(dialog, on_done, on_error)
    task.signals.progress.connect(receiver.progress)
    _running.add(task)

    def finish(callback: Callable[[Any], None]) -> Callable[[Any], None]:
        def call(value: Any) -> None:
            _running.discard(task)
            callback(value)

        return call

    task.signals.done.connect(receiver.done)
    task.signals.failed.connect(receiver.failed)
    receiver.on_done, receiver.on_error = finish(on_done), finish(on_error)
    QThreadPool.globalInstance().start(task)
    return task
