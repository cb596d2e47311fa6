"""Run a service call off the GUI thread and get its result back on the GUI thread.

`run_in_background(fn, on_result, on_error, context=widget)` starts `fn()` in the global
QThreadPool; the result or the exception comes back through a queued signal, so the callbacks run
on the GUI thread — and not at all once `context` has been destroyed (the screen was closed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from shiboken6 import isValid

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
