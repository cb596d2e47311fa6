"""Run a service call off the GUI thread and get its result back on the GUI thread.

`run_in_background(fn, on_result, on_error, context=widget)` starts `fn()` in the global
QThreadPool; the result or the exception comes back through a queued signal, so the callbacks run
on the GUI thread — and not at all once `context` has been destroyed (the screen was closed).
`SerialJobs` queues a widget's saves so they reach the database one at a time, in the order made;
`LatestRead` runs a widget's readings one at a time and shows only the freshest result.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QLabel
from shiboken6 import isValid

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.ui.i18n import tr

BUSY_STYLE = "color: #555; font-style: italic;"  # what runs now, beside the widget's own text
SAVING = tr("Сохранение…")
LOADING = tr("Загрузка…")

_running: set[BackgroundTask] = set()  # a task lives until it has reported


class _Signals(QObject):
    finished = Signal(object, object)  # result, exception (one of them is None)


class _Relay(QObject):
    """Lives on the GUI thread: a bound slot makes the worker's signal a queued call."""

    def __init__(self, callback: Callable[[object, object], None]) -> None:
        super().__init__()
        self._callback = callback

    @Slot(object, object)
    def deliver(self, result: object, error: object) -> None:
        self._callback(result, error)


class BackgroundTask(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = _Signals()
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # reported to the GUI thread, which decides what to show
            self.signals.finished.emit(None, exc)
        else:
            self.signals.finished.emit(result, None)


def run_in_background(
    fn: Callable[[], Any],
    on_result: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    *,
    context: QObject | None = None,
) -> BackgroundTask:
    task = BackgroundTask(fn)
    _running.add(task)

    def finished(result: object, error: object) -> None:
        _running.discard(task)
        if context is not None and not isValid(context):
            return
        if isinstance(error, Exception):
            on_error(error)
        else:
            on_result(result)

    task.relay = _Relay(finished)  # type: ignore[attr-defined]
    task.signals.finished.connect(task.relay.deliver)  # type: ignore[attr-defined]
    QThreadPool.globalInstance().start(task)
    return task


class SerialJobs:
    """The service calls of one widget, run off the GUI thread one at a time, in the order asked.

    `add(fn, on_result, on_error, label)` queues `fn` (it must not touch widgets: capture the values
    first); its callbacks run on the GUI thread, and the next job starts only after them, so two
    saves of one field reach the database in the order they were made. `on_busy(label)` tells the
    widget what runs now ("" when idle). Jobs already queued still run when the widget is gone
    (nothing typed is lost); only their callbacks are dropped then.
    """

    def __init__(self, owner: QObject, on_busy: Callable[[str], None]) -> None:
        self._owner = owner
        self._on_busy = on_busy
        self._queue: deque[tuple[Callable[[], Any], Callable[[Any], None], Callable[[Exception], None], str]]
        self._queue = deque()
        self._running = False

    @property
    def busy(self) -> bool:
        return self._running or bool(self._queue)

    def add(
        self,
        fn: Callable[[], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        label: str = SAVING,
    ) -> None:
        self._queue.append((fn, on_result, on_error, label))
        if not self._running:
            self._start_next()

    def _start_next(self) -> None:
        if not self._queue:
            self._report("")
            return
        fn, on_result, on_error, label = self._queue.popleft()
        self._running = True
        self._report(label)
        run_in_background(
            fn, lambda result: self._finished(on_result, result), lambda exc: self._finished(on_error, exc)
        )

    def _finished(self, callback: Callable[[Any], None], value: Any) -> None:
        self._running = False
        try:
            if isValid(self._owner):
                callback(value)
        finally:
            self._start_next()

    def _report(self, label: str) -> None:
        if isValid(self._owner):
            self._on_busy(label)


class LatestRead:
    """One reading at a time off the GUI thread, and only the freshest result is shown.

    `ask(make, on_result, on_error)`: `make()` runs on the GUI thread when the reading starts (it
    captures the widgets' values and returns the function for the worker). Asked again while a
    reading runs, nothing new starts at once: when the running one comes back its result is dropped
    (it may predate what changed) and the last request runs instead. `on_busy(True/False)` tells
    the widget to show or hide its «Загрузка…».
    """

    def __init__(self, owner: QObject, on_busy: Callable[[bool], None]) -> None:
        self._owner = owner
        self._on_busy = on_busy
        self._again: tuple[Callable[[], Callable[[], Any]], Callable[[Any], None], Callable[[Exception], None]] | None
        self._again = None
        self.running = False

    def ask(
        self,
        make: Callable[[], Callable[[], Any]],
        on_result: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        if self.running:
            self._again = (make, on_result, on_error)
            return
        self._start(make, on_result, on_error)

    def _start(
        self,
        make: Callable[[], Callable[[], Any]],
        on_result: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        self.running = True
        self._on_busy(True)
        run_in_background(
            make(),
            lambda result: self._finished(on_result, result),
            lambda error: self._finished(on_error, error),
            context=self._owner,
        )

    def _finished(self, callback: Callable[[Any], None], value: Any) -> None:
        self.running = False
        if self._again is not None:  # asked again meanwhile: this result is stale
            again, self._again = self._again, None
            self._start(*again)
            return
        self._on_busy(False)
        callback(value)


def error_message(error: Exception) -> str:
    """The Russian message of a refusal; anything else is a bug and goes on up, as it did before."""
    if isinstance(error, DomainError):
        return error.message
    raise error


def busy_label() -> QLabel:
    """The small grey label a widget shows what runs now in (`SerialJobs`' `on_busy`)."""
    label = QLabel()
    label.setStyleSheet(BUSY_STYLE)
    return label
