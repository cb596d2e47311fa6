"""One open journal: the grid, the current lesson's panel, the column actions, the save status.

The journal is opened off the GUI thread (`loaded` when it is shown). Saves go through the
journal's `SaveQueue`; this widget answers the queue's questions — the reason for correcting an old
lesson, what to do when somebody else changed a cell first — through small dialogs. The dialogs
are attributes (`ask_reason`, `ask_conflict`, `ask_mark`, `confirm`) so that tests can answer them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QHideEvent, QKeySequence, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStatusBar,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain import marks as mk
from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.errors import Conflict, DomainError, ValidationError
from ejournal_desktop.domain.marks import CellEntry
from ejournal_desktop.reports import journal_export
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services import journal_notify
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.outbox import Outbox
from ejournal_desktop.ui.background import run_in_background
from ejournal_desktop.ui.color_legend import ColorLegend
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.journal_grid import JournalGrid
from ejournal_desktop.ui.journal_listener import JournalListener
from ejournal_desktop.ui.journal_model import (
    ABSENT_COLOR,
    FAILED_COLOR,
    LOCKED_COLOR,
    LOW_MARK_COLOR,
    PENDING_COLOR,
    TOP_MARK_COLOR,
    JournalModel,
    Key,
    entry_text,
)
from ejournal_desktop.ui.ktp_editor import KtpEditor
from ejournal_desktop.ui.lesson_panel import AddLessonDialog, LessonPanel
from ejournal_desktop.ui.partials.title_label import title_label
from ejournal_desktop.ui.save_queue import DEFAULT_RETRY_MS, KeptEdits, SaveQueue, read_kept
from ejournal_desktop.ui.timetable_dialog import TimetableDialog

log = logging.getLogger(__name__)
HINT_DELAY_MS = 300
EDITING_RETRY_MS = 700
LISTEN_DELAY_MS = 200  # after the journal is shown: its first paint does not share the CPU with a login
LOADING_SHOWN_AFTER_MS = 150  # a journal read faster than this is painted once, with its marks

BANNER_STYLE = "background: #fff4ce; border: 1px solid #e0c060; padding: 6px 10px;"
PENDING_STYLE = "color: #1d4f91; font-weight: bold;"
OFFLINE_STYLE = "color: #b3261e; font-weight: bold;"
HINT_COLOR = QColor("#555555")
LEGEND = (
    (TOP_MARK_COLOR, "5"),
    (LOW_MARK_COLOR, tr("2, нз")),
    (ABSENT_COLOR, tr("пропуск")),
    (PENDING_COLOR, tr("сохраняется")),
    (FAILED_COLOR, tr("не сохранено")),
    (LOCKED_COLOR, tr("не в группе")),
)


def _feminine(name: str | None) -> bool:
    surname = (name or "").split(" ")[0]
    return surname.endswith(("а", "ая", "я"))


class JournalView(QWidget):
    back_requested = Signal()
    loaded = Signal()
    load_failed = Signal(str)
    exported = Signal(str)  # the path of the XLSX or PDF written
    refreshed = Signal()  # somebody else's changes were taken in (LISTEN/NOTIFY)

    def __init__(
        self,
        session: UserSession,
        assignment_id: int,
        *,
        today: dt.date | None = None,
        retry_ms: int = DEFAULT_RETRY_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.assignment_id = assignment_id
        self.today = today
        self.retry_ms = retry_ms
        self.model: JournalModel | None = None
        self.outbox = Outbox.for_session(session)
        self.queue: SaveQueue | None = None
        self.ktp_editor: KtpEditor | None = None
        self.timetable_dialog: TimetableDialog | None = None
        self.listener: JournalListener | None = None
        self._hint_timer = QTimer(self)
        self._hint_timer.setSingleShot(True)
        self._hint_timer.setInterval(HINT_DELAY_MS)
        self._hint_timer.timeout.connect(self._refresh_from_hint)
        self._refreshing = False
        self._asking = False
        self._questions: list[Callable[[], None]] = []
        # Dialogs, replaceable by tests.
        self.ask_reason: Callable[[str], str | None] = self._ask_reason_dialog
        self.ask_conflict: Callable[[str], bool] = self._ask_conflict_dialog
        self.ask_mark: Callable[[], str | None] = self._ask_mark_dialog
        self.confirm: Callable[[str], bool] = self._confirm_dialog
        self.choose_export_path: Callable[[str, str], str | None] = self._choose_export_dialog
        if session.backend == "sqlite":
            # The embedded file is read by the interpreter itself, which building the widgets needs
            # too: reading while building only makes both wait their turn (2.7 ms more to the first
            # paint of a 30 × 80 journal). A server's answer is waited for without it, so there the
            # journal is asked for first and read while the widgets are built.
            self._build()
            self._fetch()
        else:
            self._fetch()
            self._build()
        self.refresh_button.setEnabled(False)
        # Not painted empty first: a journal that arrives within LOADING_SHOWN_AFTER_MS is painted
        # once, with its marks (no flash of an empty grid, no paint done for nothing on the GUI
        # thread while the journal is read); a slower one shows «Загрузка журнала…» after that.
        self.setUpdatesEnabled(False)
        QTimer.singleShot(LOADING_SHOWN_AFTER_MS, self, lambda: self.setUpdatesEnabled(True))

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.back_button = QPushButton(tr("← Мои журналы"))
        self.back_button.clicked.connect(self.back_requested)
        self.title = title_label(tr("Загрузка журнала…"), 1.25)
        self.subtitle = QLabel()
        self.add_button = QPushButton(tr("Добавить занятие…"))
        self.add_button.clicked.connect(self.add_lesson)
        self.undo_button = QPushButton(tr("Отменить"))
        self.undo_button.setToolTip(tr("Отменить последнее изменение (Ctrl+Z)"))
        self.redo_button = QPushButton(tr("Повторить"))
        self.redo_button.setToolTip(tr("Повторить отменённое (Ctrl+Y)"))
        self.refresh_button = QPushButton(tr("Обновить"))
        self.refresh_button.clicked.connect(self.reload)
        for button in (self.add_button, self.undo_button, self.redo_button, self.refresh_button):
            button.setEnabled(False)
        self.toolbar = self._build_toolbar()

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        top.addLayout(titles, 1)
        for button in (self.add_button, self.undo_button, self.redo_button, self.refresh_button):
            top.addWidget(button)

        self.banner = QLabel()
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()

        self.grid = JournalGrid()
        self.grid.message.connect(lambda text: self.status.showMessage(text.splitlines()[0], 8000))
        header = self.grid.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.sectionDoubleClicked.connect(self._edit_lesson_at)
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.grid.customContextMenuRequested.connect(self._cell_menu)

        self.panel = LessonPanel(self.session, self.assignment_id)
        self.panel.lesson_changed.connect(self._lesson_changed)
        self.panel.lesson_moved.connect(lambda _lesson: self.reload())
        self.splitter = QSplitter()
        self.splitter.addWidget(self.grid)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([900, 300])

        legend = QHBoxLayout()
        legend.setSpacing(10)
        legend.addWidget(ColorLegend(LEGEND))
        hint = QLabel(
            tr(
                "Ввод: 5 4 3 2 зч нз, 4/5, н, н1, 5 н1 · Enter — вниз · Del — очистить · Ctrl+V — вставить"
                " · Ctrl+L — опоздание («оп»)"
            )
        )
        palette = hint.palette()
        palette.setColor(QPalette.ColorRole.WindowText, HINT_COLOR)
        hint.setPalette(palette)  # a palette, not a style sheet: no style-sheet style for the whole row
        legend.addStretch(1)
        legend.addWidget(hint)

        self.status = QStatusBar()
        self.status.setSizeGripEnabled(False)
        self.pending_label = QLabel()
        self.pending_label.setStyleSheet(PENDING_STYLE)
        self.offline_label = QLabel(tr("Нет связи с базой данных — изменения сохранятся, когда связь появится"))
        self.offline_label.setStyleSheet(OFFLINE_STYLE)
        self.status.addPermanentWidget(self.offline_label)
        self.status.addPermanentWidget(self.pending_label)
        self.pending_label.hide()
        self.offline_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 0)
        layout.addLayout(top)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(legend)
        layout.addWidget(self.status)

    def _build_toolbar(self) -> QToolBar:
        """The journal's own tools: the КТП, the timetable, print and export."""
        toolbar = QToolBar(tr("Журнал"))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.ktp_action = QAction(tr("КТП…"), self)
        self.ktp_action.setShortcut(QKeySequence("Ctrl+K"))
        self.ktp_action.setToolTip(tr("Календарно-тематический план (Ctrl+K)"))
        self.ktp_action.triggered.connect(self.open_ktp)
        toolbar.addAction(self.ktp_action)
        self.timetable_action = QAction(tr("Расписание…"), self)
        self.timetable_action.setShortcut(QKeySequence("Ctrl+R"))
        self.timetable_action.setToolTip(tr("Расписание по дням недели и «Создать занятия по расписанию» (Ctrl+R)"))
        self.timetable_action.triggered.connect(self.open_timetable)
        toolbar.addAction(self.timetable_action)
        toolbar.addSeparator()
        self.xlsx_action = QAction(tr("Экспорт в XLSX…"), self)
        self.xlsx_action.setShortcut(QKeySequence("Ctrl+E"))
        self.xlsx_action.setToolTip(tr("Журнал в книгу Excel: оценки по месяцам и содержание занятий (Ctrl+E)"))
        self.xlsx_action.triggered.connect(lambda: self.export_file("xlsx"))
        self.pdf_action = QAction(tr("Печать в PDF…"), self)
        self.pdf_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.pdf_action.setToolTip(tr("Журнал для печати: страницы по месяцам, как бумажный журнал (Ctrl+P)"))
        self.pdf_action.triggered.connect(lambda: self.export_file("pdf"))
        toolbar.addAction(self.xlsx_action)
        toolbar.addAction(self.pdf_action)
        self.toolbar_actions: list[QAction] = [
            self.ktp_action,
            self.timetable_action,
            self.xlsx_action,
            self.pdf_action,
        ]
        for action in self.toolbar_actions:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setEnabled(False)
            self.addAction(action)
        return toolbar

    # -- the КТП, the timetable, print ------------------------------------------------------

    def open_ktp(self) -> KtpEditor:
        """The КТП editor over the journal (window-modal, not blocking; it loads the plan in the
        background and shows a refusal itself); the journal reloads after it."""
        editor = KtpEditor(self.session, self.assignment_id, self)
        self.ktp_editor = editor
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.finished.connect(lambda _result: self.reload())
        editor.open()
        return editor

    def open_timetable(self) -> TimetableDialog:
        """The weekly timetable (loaded in the background); the journal reloads when lessons were
        created from it."""
        dialog = TimetableDialog(self.session, self.assignment_id, self.today, self)
        self.timetable_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.lessons_created.connect(lambda result: self.status.showMessage(result.message, 10000))
        dialog.lessons_created.connect(lambda _result: self.reload())
        dialog.open()
        return dialog

    def export_file(self, fmt: str) -> None:
        """The journal as saved in the database, to XLSX or PDF, written off the GUI thread."""
        if self.model is None:
            return
        path = self.choose_export_path(fmt, journal_export.default_file_name(self.journal, fmt))
        if not path:
            return
        session, aid, today = self.session, self.assignment_id, self.today
        unsaved = self.queue.pending_count() if self.queue is not None else 0
        self.status.showMessage(tr("Сохранение журнала в файл…"))
        for action in (self.xlsx_action, self.pdf_action):
            action.setEnabled(False)

        def done(written: object) -> None:
            for action in (self.xlsx_action, self.pdf_action):
                action.setEnabled(True)
            note = tr(" Несохранённые изменения ({0}) в файл не вошли.").format(unsaved) if unsaved else ""
            self.status.showMessage(tr("Журнал сохранён: {0}.{1}").format(written, note), 10000)
            self.exported.emit(str(written))

        def failed(error: Exception) -> None:
            for action in (self.xlsx_action, self.pdf_action):
                action.setEnabled(True)
            if isinstance(error, DomainError):
                message = error.message
            elif isinstance(error, OSError):
                message = tr("Файл не записан: {0}").format(error.strerror or error)
            else:
                log.error("exporting a journal failed", exc_info=error)
                message = tr("Не удалось сохранить журнал в файл")
            self.status.showMessage(message, 10000)
            QMessageBox.warning(self, tr("Экспорт журнала"), message)

        run_in_background(
            lambda: journal_export.export_journal(session, aid, path, fmt, today=today), done, failed, context=self
        )

    def _choose_export_dialog(self, fmt: str, suggested: str) -> str | None:
        title, pattern = (
            (tr("Экспорт журнала в XLSX"), tr("Книга Excel (*.xlsx)"))
            if fmt == "xlsx"
            else (tr("Печать журнала в PDF"), "PDF (*.pdf)")
        )
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, pattern)
        return path or None

    # -- somebody else's changes (PostgreSQL LISTEN/NOTIFY) ----------------------------------

    def _start_listener(self) -> None:
        """Listen while the journal is on screen (a hidden journal re-reads itself when shown)."""
        if self.model is None or self.listener is not None or not self.isVisible():
            return
        if not journal_notify.supported(self.session):
            return
        listener = JournalListener(self.session, self.assignment_id)
        listener.changed.connect(self._on_hint)
        self.listener = listener
        listener.start()

    def stop_listening(self, *, wait: bool = True) -> None:
        listener, self.listener = self.listener, None
        if listener is None:
            return
        listener.changed.disconnect(self._on_hint)
        if wait:
            listener.stop()
        else:
            listener.requestInterruption()  # it finishes by itself within half a second

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.model is not None and self.listener is None and journal_notify.supported(self.session):
            self._start_listener()
            self._hint_timer.start(HINT_DELAY_MS)  # changes made while it was hidden

    def hideEvent(self, event: QHideEvent) -> None:
        self.stop_listening(wait=False)
        self._hint_timer.stop()  # a hidden journal re-reads when shown again, not now
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_listening()
        self._hint_timer.stop()
        super().closeEvent(event)

    def _on_hint(self, _table: str) -> None:
        self._hint_timer.start(HINT_DELAY_MS)  # a burst of hints (a pasted block) makes one refresh

    def _refresh_from_hint(self) -> None:
        if self.model is None or self._refreshing:
            self._hint_timer.start(HINT_DELAY_MS)
            return
        self._refreshing = True
        session, aid, today = self.session, self.assignment_id, self.today

        def done(journal: gb.Journal) -> None:
            self._refreshing = False
            self._take_in(journal)

        def failed(error: Exception) -> None:
            self._refreshing = False
            log.info("refreshing a journal after a hint failed: %s", error)

        run_in_background(lambda: gb.open_journal(session, aid, today=today), done, failed, context=self)

    def _take_in(self, journal: gb.Journal) -> None:
        """Cells merge in place; new or removed lessons or students need a reset, which waits
        until no cell editor is open (a half-typed value is never thrown away)."""
        assert self.model is not None
        editing = self.grid.state() == QAbstractItemView.State.EditingState
        keep = self.model.key_at(self.grid.currentIndex()) if editing else None
        if self.model.merge_journal(journal, keep=keep):
            self._show_header(journal)
        elif editing:
            self._hint_timer.start(EDITING_RETRY_MS)  # look again once the cell is likely committed
            return
        else:
            self._show_journal(journal)
        self.status.showMessage(tr("Журнал обновлён: изменения других пользователей"), 4000)
        self.refreshed.emit()

    # -- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        self.refresh_button.setEnabled(False)
        self._fetch()

    def _fetch(self) -> None:
        session, aid, today = self.session, self.assignment_id, self.today
        # The first opening also reads what the outbox kept of this journal (a file: not on the GUI thread).
        outbox = self.outbox if self.model is None else None

        def fetch() -> tuple[gb.Journal, KeptEdits | None]:
            return gb.open_journal(session, aid, today=today), read_kept(outbox, aid) if outbox else None

        run_in_background(fetch, lambda loaded: self._show_journal(*loaded), self._load_error, context=self)

    def _load_error(self, error: Exception) -> None:
        self.setUpdatesEnabled(True)
        self.refresh_button.setEnabled(True)
        message = error.message if isinstance(error, DomainError) else tr("Не удалось открыть журнал")
        if not isinstance(error, DomainError):
            log.error("opening a journal failed", exc_info=error)
        if self.model is None:
            self.title.setText(message)
        else:
            self.status.showMessage(message, 8000)
        self.load_failed.emit(message)

    def _show_journal(self, journal: gb.Journal, kept: KeptEdits | None = None) -> None:
        current_key = self.model.key_at(self.grid.currentIndex()) if self.model else None
        if self.model is None:
            self.model = JournalModel(journal, parent=self)
            self.queue = SaveQueue(
                self.session,
                self.assignment_id,
                self.model.expected_cell,
                self.model.expected_final_version,
                today=self.today,
                retry_ms=self.retry_ms,
                outbox=self.outbox,
                lesson_hours=self.model.lesson_hours,
                parent=self,
            )
            self.model.attach_queue(self.queue)
            self.model.conflict_found.connect(self._on_conflict)
            self.queue.reason_required.connect(self._on_reason_required)
            self.queue.pending_changed.connect(self._show_pending)
            self.queue.offline_changed.connect(self.offline_label.setVisible)
            self.queue.failed.connect(self._on_failed)
            self.grid.setModel(self.model)
            self.grid.selectionModel().currentChanged.connect(self._current_changed)
            self.undo_button.clicked.connect(self.model.undo_stack.undo)
            self.redo_button.clicked.connect(self.model.undo_stack.redo)
            self.model.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
            self.model.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
            self._add_shortcuts()
            if kept is not None:  # the first reading brings it
                self.model.show_pending(self.queue.restore(kept))  # typed before a restart, not saved yet
            self.queue.send_pending()
            # The listening connection (a new login to the server) is made once the journal is on
            # screen, not while it is painted the first time. A change somebody makes meanwhile is
            # shown at the next hint or refresh; saving over it is a conflict, never a silent loss.
            QTimer.singleShot(LISTEN_DELAY_MS, self, self._start_listener)
        else:
            self.model.set_journal(journal)
        self._show_header(journal)
        self.panel.set_journal(journal.period, journal.read_only_reason is None)
        self.refresh_button.setEnabled(True)
        self.add_button.setEnabled(journal.read_only_reason is None)
        for action in self.toolbar_actions:
            action.setEnabled(True)
        self._restore_position(current_key)
        self.setUpdatesEnabled(True)
        self.loaded.emit()

    def _add_shortcuts(self) -> None:
        assert self.model is not None
        for sequence, slot in (
            (QKeySequence.StandardKey.Undo, self.model.undo_stack.undo),
            (QKeySequence.StandardKey.Redo, self.model.undo_stack.redo),
            (QKeySequence("Ctrl+L"), self.toggle_late),
        ):
            action = QAction(self)
            action.setShortcut(sequence)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    def _show_header(self, journal: gb.Journal) -> None:
        s = journal.summary
        self.title.setText(s.title)
        self.subtitle.setText(
            tr("{0} · {1} · проведено {2} из {3} ч. · обучающихся: {4}, занятий: {5}").format(
                journal.period.label,
                s.teacher_name,
                s.given_hours,
                s.planned_hours,
                len(journal.students),
                len(journal.lessons),
            )
        )
        self.banner.setVisible(journal.read_only_reason is not None)
        self.banner.setText(tr("Только просмотр. {0}").format(journal.read_only_reason or ""))

    def _restore_position(self, key: Key | None) -> None:
        assert self.model is not None
        index = self.model.index_of(key) if key else QModelIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0, max(0, len(self.model.lessons) - 1))
        if index.isValid():
            self.grid.setCurrentIndex(index)
            self.grid.scrollTo(index)

    @property
    def journal(self) -> gb.Journal:
        assert self.model is not None
        return self.model.journal

    # -- the lesson panel -----------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.model is not None:
            lesson = self.model.lesson_at(current.column())
            if lesson is not None or current.column() >= self.model.first_final_column:
                self.panel.show_lesson(lesson)

    def _lesson_changed(self, lesson: gb.LessonColumn) -> None:
        assert self.model is not None
        self.model.replace_lesson(lesson)

    def _edit_lesson_at(self, column: int) -> None:
        if self.model is None or self.model.lesson_at(column) is None:
            return
        row = max(0, self.grid.currentIndex().row())
        self.grid.setCurrentIndex(self.model.index(row, column))
        self.panel.focus_topic()

    def add_lesson(self) -> None:
        if self.model is None:
            return
        taken = {(lesson.held_on, lesson.pair_no) for lesson in self.model.lessons}
        dialog = AddLessonDialog(
            self.session, self.assignment_id, self.journal.period, self.today or dt.date.today(), taken, self
        )
        if dialog.exec() and dialog.lesson is not None:
            self._after_reload_go_to(dialog.lesson.lesson_id)

    def _after_reload_go_to(self, lesson_id: int) -> None:
        def go() -> None:
            self.loaded.disconnect(go)
            assert self.model is not None
            column = self.model.column_of_lesson(lesson_id)
            if column is not None and self.model.rowCount():
                index = self.model.index(0, column)
                self.grid.setCurrentIndex(index)
                self.grid.scrollTo(index)
                self.grid.setFocus()

        self.loaded.connect(go)
        self.reload()

    def delete_lesson(self, column: int) -> None:
        assert self.model is not None
        lesson = self.model.lesson_at(column)
        if lesson is None:
            return
        what = tr("занятие {0}, {1}-я пара").format(format_date(lesson.held_on), lesson.pair_no)
        if not self.confirm(tr("Удалить {0}?").format(what)):
            return
        try:
            gb.delete_lesson(self.session, lesson.lesson_id)
        except ValidationError as exc:
            if not self.confirm(tr("{0}\n\nУдаление будет записано в журнал изменений.").format(exc.message)):
                return
            try:
                gb.delete_lesson(self.session, lesson.lesson_id, force=True)
            except DomainError as again:
                QMessageBox.warning(self, tr("Удаление занятия"), again.message)
                return
        except DomainError as exc:
            QMessageBox.warning(self, tr("Удаление занятия"), exc.message)
            return
        self.reload()

    # -- column actions -------------------------------------------------------------------

    def column_actions(self, column: int) -> list[tuple[str, Callable[[], object]]]:
        assert self.model is not None
        if self.model.lesson_at(column) is None or not self.model.writable:
            return []
        return [
            (tr("Все присутствуют"), lambda: self.all_present(column)),
            (tr("Выставить оценку всем…"), lambda: self.mark_all(column)),
            (tr("Изменить занятие…"), lambda: self._edit_lesson_at(column)),
            (tr("Удалить занятие"), lambda: self.delete_lesson(column)),
        ]

    def _header_menu(self, position: QPoint) -> None:
        column = self.grid.horizontalHeader().logicalIndexAt(position)
        self._show_menu(column, self.grid.horizontalHeader().mapToGlobal(position))

    def _cell_menu(self, position: QPoint) -> None:
        index = self.grid.indexAt(position)
        if index.isValid():
            self._show_menu(index.column(), self.grid.viewport().mapToGlobal(position), cell=True)

    def toggle_late(self) -> None:
        """«Опоздание» (Ctrl+L) on the selected lesson cells: on, or off when all of them have it."""
        if self.model is None:
            return
        changed, refusal = self.model.toggle_late(self.grid.selected_editable())
        if refusal:
            self.status.showMessage(refusal, 8000)
        elif changed:
            self.status.showMessage(tr("Опоздание отмечено или снято: {0}").format(changed), 5000)

    def _show_menu(self, column: int, where: QPoint, *, cell: bool = False) -> None:
        if self.model is None:
            return
        actions = self.column_actions(column)
        if cell and actions:
            actions = [(tr("Опоздание (Ctrl+L)"), self.toggle_late), *actions]
        if not actions:
            return
        menu = QMenu(self)
        for text, slot in actions:
            menu.addAction(text).triggered.connect(slot)
        menu.exec(where)

    def _column_cells(self, column: int) -> list[tuple[Key, CellEntry]]:
        assert self.model is not None
        cells = []
        for row in range(self.model.rowCount()):
            index = self.model.index(row, column)
            if self.model.is_editable(index):
                key = self.model.key_at(index)
                assert key is not None
                cells.append((key, self.model.shown_entry(key)))  # type: ignore[arg-type]
        return cells

    def all_present(self, column: int) -> None:
        """«Все присутствуют»: no absences left in the lesson (marks and lateness stay)."""
        assert self.model is not None
        cells = self._column_cells(column)
        values = {key: CellEntry(entry.marks, 0, entry.late) for key, entry in cells if entry.absent_hours}
        if self.model.edit(values, tr("Все присутствуют")):  # type: ignore[arg-type]
            self.status.showMessage(tr("Отметки о пропусках сняты: {0}").format(len(values)), 5000)

    def mark_all(self, column: int) -> None:
        """«Выставить оценку всем…»: the mark for everyone present who has no mark in this lesson."""
        assert self.model is not None
        lesson = self.model.lesson_at(column)
        value = self.ask_mark()
        if lesson is None or not value:
            return
        values = {
            key: CellEntry((value,), entry.absent_hours, entry.late)
            for key, entry in self._column_cells(column)
            if not entry.marks and entry.absent_hours < lesson.hours
        }
        if self.model.edit(values, tr("Оценка всем")):  # type: ignore[arg-type]
            self.status.showMessage(tr("Оценка «{0}» выставлена: {1}").format(value, len(values)), 5000)

    # -- the queue's questions ------------------------------------------------------------

    def _show_pending(self, count: int) -> None:
        self.pending_label.setText(tr("Не сохранено: {0}").format(count))
        self.pending_label.setVisible(count > 0)

    def _on_failed(self, key: object, message: str) -> None:
        self.status.showMessage(tr("Не сохранено: {0}").format(message), 10000)

    def _ask_later(self, question: Callable[[], None]) -> None:
        """Dialogs one at a time, outside the queue's signal handlers."""
        self._questions.append(question)
        QTimer.singleShot(0, self._next_question)

    def _next_question(self) -> None:
        if self._asking or not self._questions:
            return
        self._asking = True
        try:
            self._questions.pop(0)()
        finally:
            self._asking = False
        if self._questions:
            QTimer.singleShot(0, self._next_question)

    def _on_reason_required(self, lesson_id: int, message: str) -> None:
        self._ask_later(lambda: self._answer_reason(lesson_id, message))

    def _answer_reason(self, lesson_id: int, message: str) -> None:
        assert self.queue is not None and self.model is not None
        days = self.journal.edit_window_days
        reason = self.ask_reason(tr("Исправление записи старше {0} дн.: укажите причину.\n{1}").format(days, message))
        if reason and reason.strip():
            self.queue.provide_reason(lesson_id, reason.strip())
        else:
            self.model.forget(self.queue.discard_waiting())  # type: ignore[arg-type]
            self.status.showMessage(tr("Исправление отменено: причина не указана"), 8000)

    def _on_conflict(self, key: Key, mine: object, error: Conflict) -> None:
        self._ask_later(lambda: self._answer_conflict(key, mine, error))

    def _answer_conflict(self, key: Key, mine: object, error: Conflict) -> None:
        assert self.model is not None
        if not isinstance(key[1], int):
            # A final mark: the service tells the value, not its version — reopen to get both.
            QMessageBox.information(self, tr("Итоговая оценка"), error.message)
            self.model.keep_theirs(key)
            if self.queue is not None:
                self.queue.forget([key])
            self.reload()
            return
        lesson = self.model.lesson_at(self.model.column_of_lesson(key[1]) or 0)
        row = self.model.row_of_student(key[0])
        hours = lesson.hours if lesson else 2
        theirs = error.current_value.text(hours) if isinstance(error.current_value, gb.CellState) else ""
        who = error.changed_by or tr("Другой пользователь")
        verb = tr("поставила") if _feminine(error.changed_by) else tr("поставил")
        student = self.model.students[row].short_name if row is not None else ""
        day = format_date(lesson.held_on) if lesson else ""
        mine_text = entry_text(mine, hours) if isinstance(mine, CellEntry) else str(mine or "")
        text = tr("{0} {1} «{2}» ({3}, {4}), пока вы вводили «{5}».\nНичего не перезаписано.").format(
            who, verb, theirs or tr("пусто"), student, day, mine_text or tr("пусто")
        )
        if self.ask_conflict(text):
            self.model.write_mine(key, mine)
        else:
            self.model.keep_theirs(key)
            if self.queue is not None:
                self.queue.forget([key])

    # -- default dialogs ------------------------------------------------------------------

    def _ask_reason_dialog(self, prompt: str) -> str | None:
        text, ok = QInputDialog.getText(self, tr("Причина исправления"), prompt)
        return text if ok else None

    def _ask_conflict_dialog(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Ячейку изменили"), text, parent=self)
        her = tr("Оставить её значение") if tr("поставила") in text else tr("Оставить его значение")
        keep = box.addButton(her, QMessageBox.ButtonRole.RejectRole)
        mine = box.addButton(tr("Записать своё"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is mine

    def _ask_mark_dialog(self) -> str | None:
        values = [*mk.NUMERIC, mk.PASS, mk.FAIL]
        value, ok = QInputDialog.getItem(
            self, tr("Оценка всем"), tr("Оценка всем присутствующим без оценки:"), values, 0, False
        )
        return value if ok else None

    def _confirm_dialog(self, text: str) -> bool:
        answer = QMessageBox.question(self, tr("Журнал"), text)
        return answer == QMessageBox.StandardButton.Yes

    # -- state ----------------------------------------------------------------------------

    def has_unsaved(self) -> bool:
        return self.queue is not None and not self.queue.is_idle()
