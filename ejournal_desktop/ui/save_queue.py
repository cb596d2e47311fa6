"""The journal's outbox: every edit is saved as it is made, in order, off the GUI thread.

One `SaveQueue` per open journal runs one save at a time in the QThreadPool, so two edits of one
cell reach the database in the order they were typed. What it sends as "expected" (the state the
teacher saw) is asked from the model at the moment the save starts, i.e. after the previous save of
that cell has come back — so quick retyping never conflicts with itself.

Outcomes, as signals on the GUI thread:
- `cell_saved(key, CellState)` / `final_saved(key, FinalState | None)`;
- `failed(key, message)` — refused for good (bad entry, no right, lesson deleted): the job is dropped;
- `conflict(key, Conflict)` — somebody else changed the cell first; later queued edits of that
  cell are dropped too (the model keeps the teacher's latest entry, the view asks what to keep); a
  cell that already holds what is sent (the answer to its own save lost with the connection) is saved;
- `reason_required(lesson_id, message)` — the lesson is older than the edit window: the queue
  waits until `provide_reason` (then retries with it) or `discard_waiting` (the teacher gave up);
- `ConnectionLost` keeps the job at the head and retries every `retry_ms`; `offline_changed`
  tells the view; `pending_changed(n)` counts the cells not saved yet.

Cell edits and final marks are also kept in the on-disk outbox (services/outbox.py) from the moment
they are queued until they are saved, refused for good, or the teacher gives them up (`forget`); a
journal opened later — after a restart too — takes them back with `restore` and sends them. Each kept
edit carries what the teacher saw (the cell's state, the final mark's version), so a change made
meanwhile by someone else is still a conflict.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal

from ejournal_desktop.domain.errors import Conflict, DomainError
from ejournal_desktop.domain.marks import CellEntry
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.outbox import Outbox, PendingEdit, PendingFinal
from ejournal_desktop.ui.background import run_in_background
from ejournal_desktop.ui.i18n import tr

log = logging.getLogger(__name__)

CellKey = tuple[int, int]  # (student_id, lesson_id)
FinalKey = tuple[int, str]  # (student_id, final kind)
DEFAULT_RETRY_MS = 3000


@dataclass
class CellsJob:
    """Cells of one lesson saved in one transaction (one cell, a pasted column, a column action)."""

    lesson_id: int
    entries: dict[int, CellEntry]  # student_id → entry
    reason: str | None = None
    expected: dict[int, gb.CellState] = field(default_factory=dict)  # restored edits: the state seen then

    def targets(self) -> list[CellKey]:
        return [(sid, self.lesson_id) for sid in self.entries]


@dataclass
class FinalJob:
    student_id: int
    kind: str
    value: str | None
    restored: bool = False  # taken back from the outbox: `expected_version` is what the teacher saw then
    expected_version: int | None = None

    def targets(self) -> list[FinalKey]:
        return [(self.student_id, self.kind)]


Job = CellsJob | FinalJob


@dataclass(frozen=True)
class KeptEdits:
    """What the outbox holds for one journal, read off the GUI thread with the journal itself."""

    cells: list[PendingEdit] = field(default_factory=list)
    finals: list[PendingFinal] = field(default_factory=list)


def read_kept(outbox: Outbox, assignment_id: int) -> KeptEdits:
    """The journal's edits still in the outbox; none when it cannot be read (the journal opens anyway)."""
    try:
        return KeptEdits(*outbox.kept(assignment_id))
    except Exception:  # an unreadable outbox must not keep the journal from opening
        log.exception("the journal's outbox could not be read")
        return KeptEdits()


@dataclass
class _Outcome:
    job: Job
    result: object = None
    error: Exception | None = None
    extra: dict[str, object] = field(default_factory=dict)


class SaveQueue(QObject):
    cell_saved = Signal(object, object)  # (student_id, lesson_id), CellState
    final_saved = Signal(object, object)  # (student_id, kind), FinalState | None
    failed = Signal(object, str)  # key, Russian message
    conflict = Signal(object, object)  # key, Conflict
    reason_required = Signal(int, str)  # lesson_id, message
    pending_changed = Signal(int)
    offline_changed = Signal(bool)
    idle = Signal()

    def __init__(
        self,
        session: UserSession,
        assignment_id: int,
        expected_cell: Callable[[CellKey], gb.CellState],
        expected_final_version: Callable[[FinalKey], int | None],
        *,
        today: dt.date | None = None,
        retry_ms: int = DEFAULT_RETRY_MS,
        outbox: Outbox | None = None,
        lesson_hours: Callable[[int], int] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.assignment_id = assignment_id
        self._expected_cell = expected_cell
        self._expected_final_version = expected_final_version
        self.today = today
        self.retry_ms = retry_ms
        self.reasons: dict[int, str] = {}  # lesson_id → the reason given once for this journal
        self._jobs: list[Job] = []
        self._running = False
        self._waiting_reason = False
        self.offline = False
        self.outbox = outbox
        self._lesson_hours = lesson_hours or (lambda _lesson_id: 2)
        self._kept_expected: dict[CellKey, gb.CellState] = {}  # what the outbox rows say was seen
        self._kept_final_version: dict[FinalKey, int | None] = {}  # … and for final marks
        self._stopped = False
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._next)

    # -- asking ---------------------------------------------------------------------------

    def submit_cells(self, lesson_id: int, entries: dict[int, CellEntry]) -> None:
        if entries:
            job = CellsJob(lesson_id, dict(entries), self.reasons.get(lesson_id))
            for sid in job.entries:
                key = (sid, lesson_id)
                if key not in self._kept_expected or not self.has_pending(key):
                    self._kept_expected[key] = self._expected_cell(key)
            self._jobs.append(job)
            for sid in job.entries:
                self._keep((sid, lesson_id))
            self._changed()

    def submit_final(self, student_id: int, kind: str, value: str | None) -> None:
        key = (student_id, kind)
        if key not in self._kept_final_version or not self.has_pending(key):
            self._kept_final_version[key] = self._expected_final_version(key)
        self._jobs.append(FinalJob(student_id, kind, value))
        self._keep_final(key)
        self._changed()

    def provide_reason(self, lesson_id: int, reason: str) -> None:
        """The teacher explained a correction of an old lesson: send the waiting saves with it."""
        self.reasons[lesson_id] = reason
        for job in self._jobs:
            if isinstance(job, CellsJob) and job.lesson_id == lesson_id:
                job.reason = reason
                for sid in job.entries:
                    self._keep((sid, lesson_id))
        self._waiting_reason = False
        self._next()

    def discard_waiting(self) -> list[object]:
        """The teacher declined to give a reason: drop the waiting job; returns its keys."""
        self._waiting_reason = False
        keys: list[object] = []
        if self._jobs:
            keys = list(self._jobs.pop(0).targets())
        self.forget(keys)
        self._changed()
        return keys

    def forget(self, keys: Iterable[object]) -> None:
        """The teacher gave these cells up (kept the other person's value, declined to give a reason):
        nothing of them is left in the outbox unless a later edit of the cell is still queued."""
        for key in keys:
            if self.has_pending(key):
                continue
            if isinstance(key[1], int):  # type: ignore[index]
                self._unkeep(key)  # type: ignore[arg-type]
            else:
                self._unkeep_final(key)  # type: ignore[arg-type]

    def restore(self, kept: KeptEdits) -> dict[CellKey | FinalKey, object]:
        """Take back the edits of this journal the outbox still held (`read_kept`, read off the GUI
        thread with the journal: typed before a restart or in another window): cells (→ CellEntry)
        and final marks (→ the value, None when cleared); returns them for the model to show as
        pending. `send_pending` sends them."""
        if self.outbox is None:
            return {}
        queued = self.pending_keys()
        restored: dict[CellKey | FinalKey, object] = {}
        jobs: dict[tuple[int, str | None], CellsJob] = {}
        for edit in kept.cells:
            key = (edit.student_id, edit.lesson_id)
            if key in queued:
                continue
            try:
                entry = edit.entry
            except (DomainError, ValueError):
                log.warning("dropping an unreadable outbox edit of lesson %s", edit.lesson_id)
                self.outbox.remove(edit.lesson_id, edit.student_id)
                continue
            job = jobs.setdefault((edit.lesson_id, edit.reason), CellsJob(edit.lesson_id, {}, edit.reason))
            job.entries[edit.student_id] = entry
            job.expected[edit.student_id] = edit.expected
            self._kept_expected[key] = edit.expected
            if edit.reason:
                self.reasons.setdefault(edit.lesson_id, edit.reason)
            restored[key] = entry
        self._jobs.extend(jobs.values())
        for final in kept.finals:
            final_key = (final.student_id, final.kind)
            if final_key in queued:
                continue
            self._jobs.append(FinalJob(final.student_id, final.kind, final.value, True, final.expected_version))
            self._kept_final_version[final_key] = final.expected_version
            restored[final_key] = final.value
        return restored

    def send_pending(self) -> None:
        self._changed()

    def stop(self) -> None:
        """The journal is closed: send nothing more (what is not saved stays in the outbox)."""
        self._stopped = True
        self._retry.stop()

    # -- state ----------------------------------------------------------------------------

    def pending_keys(self) -> set[object]:
        return {key for job in self._jobs for key in job.targets()}

    def has_pending(self, key: object) -> bool:
        return any(key in job.targets() for job in self._jobs)

    def pending_count(self) -> int:
        return len(self.pending_keys())

    def is_idle(self) -> bool:
        return not self._jobs and not self._running

    @property
    def waiting_for_reason(self) -> bool:
        return self._waiting_reason

    def retry_now(self) -> None:
        if self._retry.isActive():
            self._retry.stop()
            self._next()

    # -- running --------------------------------------------------------------------------

    def _changed(self) -> None:
        self.pending_changed.emit(self.pending_count())
        self._next()

    def _next(self) -> None:
        if self._stopped or self._running or self._waiting_reason or self._retry.isActive():
            return
        if not self._jobs:
            self.idle.emit()
            return
        job = self._jobs[0]
        self._running = True
        call = self._call_for(job)
        run_in_background(call, lambda result: self._done(job, result, None), lambda exc: self._done(job, None, exc))

    def _call_for(self, job: Job) -> Callable[[], object]:
        session, today = self.session, self.today
        if isinstance(job, CellsJob):
            edits = [
                (sid, entry, job.expected.get(sid) or self._expected_cell((sid, job.lesson_id)))
                for sid, entry in job.entries.items()
            ]
            lesson_id, reason = job.lesson_id, job.reason
            return lambda: gb.save_cells(session, lesson_id, edits, reason=reason, today=today)
        version = job.expected_version if job.restored else self._expected_final_version((job.student_id, job.kind))
        aid, sid, kind, value = self.assignment_id, job.student_id, job.kind, job.value
        return lambda: gb.save_final(session, aid, sid, kind, value, version)

    def _done(self, job: Job, result: object, error: Exception | None) -> None:
        self._running = False
        if isinstance(error, gb.ConnectionLost):
            self._set_offline(True)
            if not self._stopped:
                self._retry.start(self.retry_ms)
            self.pending_changed.emit(self.pending_count())
            return
        self._set_offline(False)
        if self._jobs and self._jobs[0] is job:
            self._jobs.pop(0)
        if error is None:
            self._report_saved(job, result)
        elif isinstance(error, gb.EditReasonRequired) and isinstance(job, CellsJob):
            self._jobs.insert(0, job)
            self._waiting_reason = True
            self.reason_required.emit(job.lesson_id, error.message)
        elif isinstance(error, Conflict):
            self._report_conflict(job, error)
        elif isinstance(error, DomainError):
            self._report_failed(job, error)
        else:
            log.error("unexpected error while saving a journal cell", exc_info=error)
            for key in job.targets():
                self.failed.emit(key, tr("Не сохранено: внутренняя ошибка ({0})").format(type(error).__name__))
            self.forget(job.targets())
        self.pending_changed.emit(self.pending_count())
        self._next()

    def _report_saved(self, job: Job, result: object) -> None:
        if isinstance(job, CellsJob):
            assert isinstance(result, dict)
            for sid, state in result.items():
                key = (sid, job.lesson_id)
                if self.has_pending(key):  # typed again meanwhile: that edit now expects what was saved
                    self._kept_expected[key] = state
                    self._keep(key)
                else:
                    self._unkeep(key)
                self.cell_saved.emit(key, state)
        else:
            key = (job.student_id, job.kind)
            if self.has_pending(key):  # typed again meanwhile: that edit now expects what was saved
                self._kept_final_version[key] = result.version if isinstance(result, gb.FinalState) else None
                self._keep_final(key)
            else:
                self._unkeep_final(key)
            self.final_saved.emit(key, result)

    def _report_conflict(self, job: Job, error: Conflict) -> None:
        if isinstance(job, FinalJob):
            key = (job.student_id, job.kind)
            self._drop_later(key)
            # As for cells: the outbox keeps the disputed value until the teacher chooses (`forget`).
            self._kept_final_version.pop(key, None)
            self.conflict.emit(key, error)
            return
        sid = error.row if isinstance(error.row, int) and error.row in job.entries else next(iter(job.entries))
        key = (sid, job.lesson_id)
        current = error.current_value
        if isinstance(current, gb.CellState) and current.entry == job.entries[sid]:
            # The cell already holds what this job writes: typically its own earlier send, saved by the
            # server while the connection broke before the answer came back. Saved, not a conflict.
            rest = {s: e for s, e in job.entries.items() if s != sid}
            if rest:
                expected = {s: v for s, v in job.expected.items() if s in rest}
                self._jobs.insert(0, CellsJob(job.lesson_id, rest, job.reason, expected))
            self._report_saved(CellsJob(job.lesson_id, {sid: job.entries[sid]}), {sid: current})
            return
        self._drop_later(key)
        # The outbox keeps the disputed edit until the teacher chooses (`forget` or a new edit), and
        # after a restart it is a conflict again; a new edit of the cell expects the other value.
        self._kept_expected.pop(key, None)
        rest = {s: e for s, e in job.entries.items() if s != sid}
        if rest:  # the other cells of the batch were fine: send them again without the disputed one
            expected = {s: v for s, v in job.expected.items() if s in rest}
            self._jobs.insert(0, CellsJob(job.lesson_id, rest, job.reason, expected))
        self.conflict.emit(key, error)

    def _report_failed(self, job: Job, error: DomainError) -> None:
        keys = job.targets()
        if isinstance(job, CellsJob) and isinstance(error.row, int) and error.row in job.entries and len(keys) > 1:
            # One student of a batch was refused (e.g. not in the group that day): save the others.
            bad = (error.row, job.lesson_id)
            rest = {s: e for s, e in job.entries.items() if s != error.row}
            expected = {s: v for s, v in job.expected.items() if s in rest}
            self._jobs.insert(0, CellsJob(job.lesson_id, rest, job.reason, expected))
            keys = [bad]
        for key in keys:
            self.failed.emit(key, error.message)
        self.forget(keys)

    def _drop_later(self, key: object) -> None:
        kept: list[Job] = []
        for job in self._jobs:
            if isinstance(job, CellsJob) and key[1] == job.lesson_id and key[0] in job.entries:  # type: ignore[index]
                job.entries.pop(key[0])  # type: ignore[index]
                if not job.entries:
                    continue
            elif isinstance(job, FinalJob) and key == (job.student_id, job.kind):
                continue
            kept.append(job)
        self._jobs = kept

    # -- the outbox -----------------------------------------------------------------------

    def _keep(self, key: CellKey) -> None:
        """Write the latest queued edit of this cell to the outbox."""
        if self.outbox is None:
            return
        sid, lesson_id = key
        job = next(
            j for j in reversed(self._jobs) if isinstance(j, CellsJob) and j.lesson_id == lesson_id and sid in j.entries
        )
        expected = self._kept_expected.get(key) or self._expected_cell(key)
        edit = PendingEdit.of(
            lesson_id,
            sid,
            job.entries[sid],
            self._lesson_hours(lesson_id),
            expected,
            assignment_id=self.assignment_id,
            reason=job.reason,
        )
        self._outbox_call(lambda: self.outbox.put(edit))  # type: ignore[union-attr]

    def _keep_final(self, key: FinalKey) -> None:
        """Write the latest queued value of this final mark to the outbox."""
        if self.outbox is None:
            return
        sid, kind = key
        job = next(j for j in reversed(self._jobs) if isinstance(j, FinalJob) and (j.student_id, j.kind) == key)
        expected = (
            self._kept_final_version[key] if key in self._kept_final_version else self._expected_final_version(key)
        )
        final = PendingFinal(self.assignment_id, sid, kind, job.value, expected)
        self._outbox_call(lambda: self.outbox.put_final(final))  # type: ignore[union-attr]

    def _unkeep_final(self, key: FinalKey) -> None:
        self._kept_final_version.pop(key, None)
        if self.outbox is not None:
            aid = self.assignment_id
            self._outbox_call(lambda: self.outbox.remove_final(aid, key[0], key[1]))  # type: ignore[union-attr]

    def _unkeep(self, key: CellKey) -> None:
        self._kept_expected.pop(key, None)
        if self.outbox is not None:
            self._outbox_call(lambda: self.outbox.remove(key[1], key[0]))  # type: ignore[union-attr]

    def _outbox_call(self, call: Callable[[], None]) -> None:
        try:
            call()
        except Exception:  # a full disk must not stop the journal: the edit is still in memory
            log.exception("the journal's outbox could not be written")

    def _set_offline(self, offline: bool) -> None:
        if offline != self.offline:
            self.offline = offline
            self.offline_changed.emit(offline)
