"""«Портфолио»: a student's achievements; entered by the student or the curator, confirmed by the curator, PDF.

Every service call runs off the GUI thread (ui/background.py): the student list, one student's
portfolio (items and rights in one call), confirming and deleting (the change and the portfolio read
back in one call), adding (in the dialog), saving an attached file and writing the PDF. While a call
runs, a grey label says what runs and the buttons it would clash with are disabled. Only the answer
to the latest load is shown: a student chosen meanwhile is never overwritten by the one before.

The dialogs a test cannot press are attributes (`confirm`, `choose_pdf_file`, `choose_save_file`,
`warn`, `inform`; the add dialog's `choose_scan`), as in ui/ktp_editor.py; the add dialog is opened
window-modal (`open`, not `exec`) and kept as `add_dialog`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.permissions import Action, Section, can
from ejournal_desktop.reports import portfolio_pdf
from ejournal_desktop.services import messages, portfolio
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.diary import DiaryStudent
from ejournal_desktop.ui.background import LOADING, SAVING, busy_label, error_message, run_in_background
from ejournal_desktop.ui.i18n import tr, tr_label
from ejournal_desktop.ui.lesson_panel import from_qdate, to_qdate
from ejournal_desktop.ui.main_window import register_page
from ejournal_desktop.ui.partials.rows_view import rows_view
from ejournal_desktop.ui.partials.table_model import Column, RowsModel

READING_FILE = tr("Чтение файла…")
WRITING_PDF = tr("Запись PDF…")
COLUMN_WIDTHS = (90, 170, 330, 80, 150, 90)


def _failure(error: Exception, file_problem: str) -> str:
    """A refusal's Russian message; a file that could not be read or written, in words."""
    if isinstance(error, OSError):
        return file_problem.format(error.strerror or error)
    return error_message(error)


class AchievementDialog(QDialog):
    """A new achievement; «Добавить» saves it off the GUI thread (the scan is read there too)."""

    saved = Signal(int)  # the new item's id, before the dialog is accepted

    def __init__(self, session: UserSession, student_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.student_id = student_id
        self.file_path: str | None = None
        self.item_id: int | None = None
        self.choose_scan: Callable[[], str | None] = self._scan_dialog
        self._saving = False
        self.setWindowTitle(tr("Новое достижение"))
        self.resize(520, 300)
        today = dt.date.today()
        self.date = QDateEdit(to_qdate(today))
        self.date.setDisplayFormat("dd.MM.yyyy")
        self.date.setCalendarPopup(True)
        self.kind = QComboBox()
        for code, label in portfolio.KIND_LABELS.items():
            self.kind.addItem(tr_label(label), code)
        self.title = QLineEdit()
        self.level = QComboBox()
        for code, label in portfolio.LEVEL_LABELS.items():
            self.level.addItem(tr_label(label), code)
        self.result = QLineEdit()
        self.result.setPlaceholderText(tr("победитель, призёр, участник…"))
        self.file_label = QLabel(tr("файл не выбран"))
        self.choose_button = QPushButton(tr("Выбрать файл…"))
        self.choose_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose_button)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.busy_label = busy_label()
        form = QFormLayout()
        form.addRow(tr("Дата:"), self.date)
        form.addRow(tr("Вид:"), self.kind)
        form.addRow(tr("Название:"), self.title)
        form.addRow(tr("Уровень:"), self.level)
        form.addRow(tr("Результат:"), self.result)
        form.addRow(tr("Файл (скан):"), file_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("Добавить"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Отмена"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.busy_label, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(bottom)

    @property
    def saving(self) -> bool:
        return self._saving

    def _scan_dialog(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Скан документа"))
        return path or None

    @Slot()
    def choose_file(self) -> None:
        path = self.choose_scan()
        if path:
            self.file_path = path
            self.file_label.setText(Path(path).name)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.busy_label.setText(SAVING if saving else "")
        self.buttons.setEnabled(not saving)
        self.choose_button.setEnabled(not saving)

    @Slot()
    def save(self) -> None:
        if self._saving:
            return
        session, student_id, path = self.session, self.student_id, self.file_path
        values = {
            "achieved_on": from_qdate(self.date.date()),
            "kind": self.kind.currentData(),
            "title": self.title.text(),
            "level": self.level.currentData(),
            "result": self.result.text(),
        }

        def job() -> int:
            file = messages.NewAttachment.from_path(path) if path else None
            return portfolio.add_item(session, student_id, file=file, **values)  # type: ignore[arg-type]

        self.error.clear()
        self._set_saving(True)
        run_in_background(job, self._saved, self._failed, context=self)

    def _saved(self, item_id: int) -> None:
        self._set_saving(False)
        self.item_id = item_id
        self.saved.emit(item_id)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._set_saving(False)
        self.error.setText(_failure(error, tr("Файл не прочитан: {0}")))

    def reject(self) -> None:
        if self._saving:  # the save is on its way: its answer decides (Esc waits for it)
            return
        super().reject()


@register_page("portfolio")
class PortfolioScreen(QWidget):
    def __init__(self, session: UserSession, section: Section | None = None) -> None:
        super().__init__()
        self.session = session
        self.shown: portfolio.StudentPortfolio | None = None  # what the table holds, once read
        self.add_dialog: AchievementDialog | None = None
        self._students: dict[int, DiaryStudent] = {}
        self._running: dict[str, str] = {}  # what runs now (students, load, change, file, pdf) → its label
        self._request = 0  # the latest load; the answer to an earlier one is dropped
        self.confirm: Callable[[str], bool] = self._confirm_dialog
        self.choose_pdf_file: Callable[[str], str | None] = self._pdf_dialog
        self.choose_save_file: Callable[[str], str | None] = self._save_dialog
        self.warn: Callable[[str], None] = self._warn_dialog
        self.inform: Callable[[str], None] = self._inform_dialog
        self.student_combo = QComboBox()
        self.student_combo.setMinimumWidth(320)
        self.student_combo.currentIndexChanged.connect(lambda _index: self.refresh())
        self.model = RowsModel(
            [
                Column(tr("Дата"), lambda i: i.achieved_on),
                Column(tr("Вид"), lambda i: i.kind_label),
                Column(tr("Достижение"), lambda i: i.title),
                Column(tr("Уровень"), lambda i: i.level_label),
                Column(tr("Результат"), lambda i: i.result),
                Column(tr("Файл"), lambda i: i.file_name or ""),
                Column(tr("Подтверждено"), lambda i: i.confirmed_by if i.confirmed else tr("нет")),
            ],
            self,
        )
        self.view = rows_view(self.model)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.view.setColumnWidth(column, width)
        self.view.doubleClicked.connect(lambda _i: self.save_file())
        self.add_button = QPushButton(tr("Добавить… (Ctrl+N)"))
        self.add_button.clicked.connect(self.add)
        self.confirm_button = QPushButton(tr("Подтвердить"))
        self.confirm_button.clicked.connect(self.confirm_item)
        self.delete_button = QPushButton(tr("Удалить"))
        self.delete_button.clicked.connect(self.delete)
        self.pdf_button = QPushButton("PDF… (Ctrl+P)")
        self.pdf_button.clicked.connect(self.export_pdf)
        self.busy_label = busy_label()
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Обучающийся:")))
        top.addWidget(self.student_combo)
        top.addWidget(self.busy_label)
        top.addStretch(1)
        for button in (self.add_button, self.confirm_button, self.delete_button, self.pdf_button):
            top.addWidget(button)
        self.summary = QLabel("")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.add)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self.export_pdf)
        # Until a portfolio is read, the buttons are those the matrix could ever allow, disabled.
        self.add_button.setVisible(can(session.user.roles, Action.PORTFOLIO_WRITE))
        self.delete_button.setVisible(can(session.user.roles, Action.PORTFOLIO_WRITE))
        self.confirm_button.setVisible(can(session.user.roles, Action.PORTFOLIO_CONFIRM))
        self._load_students()

    # -- state ---------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """Some service call of this screen is on its way."""
        return bool(self._running)

    def _begin(self, kind: str, label: str) -> None:
        self._running[kind] = label
        self._update()

    def _end(self, kind: str) -> None:
        self._running.pop(kind, None)
        self._update()

    def _ready(self) -> bool:
        """The table holds the chosen student's portfolio and nothing changes it now."""
        shown = self.shown
        return (
            shown is not None
            and shown.student_id == self.student_id()
            and not {"students", "load", "change"} & self._running.keys()
        )

    def _update(self) -> None:
        self.busy_label.setText(" ".join(dict.fromkeys(self._running.values())))
        self.student_combo.setEnabled(not {"students", "change"} & self._running.keys())
        shown, ready = self.shown, self._ready()
        if shown is not None:
            self.add_button.setVisible(shown.writable)
            self.delete_button.setVisible(shown.writable)
            self.confirm_button.setVisible(shown.confirmable)
        writable = shown is not None and shown.writable
        self.add_button.setEnabled(ready and writable)
        self.delete_button.setEnabled(ready and writable)
        self.confirm_button.setEnabled(ready and shown is not None and shown.confirmable)
        self.pdf_button.setEnabled(self.student_id() is not None and "pdf" not in self._running)

    def student_id(self) -> int | None:
        value = self.student_combo.currentData()
        return int(value) if value is not None else None

    def current(self) -> portfolio.PortfolioEntry | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    # -- loading ---------------------------------------------------------------------------------

    def _load_students(self) -> None:
        session = self.session
        self._begin("students", LOADING)
        run_in_background(
            lambda: portfolio.portfolio_students(session), self._take_students, self._students_failed, context=self
        )

    def _take_students(self, students: list[DiaryStudent]) -> None:
        self._students = {s.student_id: s for s in students}
        self.student_combo.blockSignals(True)
        self.student_combo.clear()
        for s in students:
            self.student_combo.addItem(f"{s.name} ({s.group_name})", s.student_id)
        self.student_combo.blockSignals(False)
        self._end("students")
        if not students:
            self.summary.setText(tr("Нет обучающихся, чьё портфолио вам доступно"))
        self.refresh()

    def _students_failed(self, error: Exception) -> None:
        self._end("students")
        self.warn(error_message(error))

    @Slot()
    def refresh(self, select_id: int | None = None) -> None:
        """Read the chosen student's portfolio again (off the GUI thread); keep the selected item."""
        self._request += 1
        request = self._request
        student_id = self.student_id()
        if self.shown is not None and self.shown.student_id != student_id:
            # Another student: the rows of the one before go at once, so that no action reaches them.
            self.shown = None
            self.model.set_rows([])
            self.summary.clear()
        if student_id is None:
            self._end("load")
            return
        if select_id is None and (item := self.current()) is not None:
            select_id = item.id
        session = self.session
        self._begin("load", LOADING)
        run_in_background(
            lambda: portfolio.student_portfolio(session, student_id),
            lambda book: self._loaded(request, book, select_id),
            lambda error: self._load_failed(request, error),
            context=self,
        )

    def _loaded(self, request: int, book: portfolio.StudentPortfolio, select_id: int | None) -> None:
        if request != self._request:  # another student (or a fresher read) was asked for since
            return
        self._running.pop("load", None)
        self._show(book, select_id)

    def _load_failed(self, request: int, error: Exception) -> None:
        if request != self._request:
            return
        self._end("load")
        self.warn(error_message(error))

    def _show(self, book: portfolio.StudentPortfolio, select_id: int | None = None) -> None:
        self.shown = book
        self.model.set_rows(book.items)
        row = next((n for n, item in enumerate(book.items) if item.id == select_id), None)
        if row is not None:
            self.view.selectRow(row)
        self.summary.setText(tr("Достижений: {0}, подтверждено: {1}").format(len(book.items), book.confirmed_count))
        self._update()

    # -- actions ---------------------------------------------------------------------------------

    @Slot()
    def add(self) -> None:
        student_id = self.student_id()
        if student_id is None or not self.add_button.isEnabled() or self.add_dialog is not None:
            return
        dialog = AchievementDialog(self.session, student_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda item_id: self.refresh(select_id=item_id))
        dialog.finished.connect(self._dialog_closed)
        self.add_dialog = dialog
        dialog.open()

    def _dialog_closed(self, _result: int) -> None:
        self.add_dialog = None

    def _change(self, work: Callable[[UserSession, int], object]) -> None:
        """A change of the selected item and the portfolio read back, in one call off the GUI thread."""
        item = self.current()
        if item is None:
            self.inform(tr("Выберите достижение в таблице"))
            return
        session, student_id, item_id = self.session, item.student_id, item.id

        def job() -> portfolio.StudentPortfolio:
            work(session, item_id)
            return portfolio.student_portfolio(session, student_id)

        def done(book: portfolio.StudentPortfolio) -> None:
            self._request += 1  # nothing else was asked for meanwhile (the list is locked): this is the latest
            self._running.pop("change", None)
            self._show(book, item_id)

        def failed(error: Exception) -> None:
            self._end("change")
            self.warn(error_message(error))
            self.refresh()

        self._begin("change", SAVING)
        run_in_background(job, done, failed, context=self)

    @Slot()
    def confirm_item(self) -> None:
        if self.confirm_button.isEnabled():
            self._change(lambda session, item_id: portfolio.confirm(session, item_id))

    @Slot()
    def delete(self) -> None:
        item = self.current()
        if item is None or not self.delete_button.isEnabled():
            return
        if self.confirm(tr("Удалить «{0}»?").format(item.title)):
            self._change(lambda session, item_id: portfolio.delete_item(session, item_id))

    @Slot()
    def save_file(self) -> None:
        """The selected item's scan into a file the user names: read and written off the GUI thread."""
        item = self.current()
        if item is None or not item.file_name or "file" in self._running:
            return
        path = self.choose_save_file(item.file_name)
        if not path:
            return
        session, item_id = self.session, item.id

        def job() -> str:
            Path(path).write_bytes(portfolio.item_file(session, item_id).content)
            return path

        self._write_file("file", READING_FILE, job)

    @Slot()
    def export_pdf(self) -> None:
        student_id = self.student_id()
        if student_id is None or "pdf" in self._running:
            return
        student = self._students.get(student_id)
        path = self.choose_pdf_file(tr("Портфолио {0}.pdf").format(student.name if student else ""))
        if not path:
            return
        session = self.session

        def job() -> str:
            portfolio_pdf.render_pdf(portfolio.portfolio_report(session, student_id), path)
            return path

        self._write_file("pdf", WRITING_PDF, job)

    def _write_file(self, key: str, label: str, job: Callable[[], str]) -> None:
        """Write a file off the GUI thread (`job` returns its path), `label` shown meanwhile."""

        def done(written: str) -> None:
            self._end(key)
            self.inform(tr("Сохранено: {0}").format(written))

        def failed(error: Exception) -> None:
            self._end(key)
            self.warn(_failure(error, tr("Файл не записан: {0}")))

        self._begin(key, label)
        run_in_background(job, done, failed, context=self)

    # -- default dialogs -------------------------------------------------------------------------

    def _confirm_dialog(self, text: str) -> bool:
        return QMessageBox.question(self, tr("Портфолио"), text) == QMessageBox.StandardButton.Yes

    def _pdf_dialog(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Портфолио в PDF"), suggested, "PDF (*.pdf)")
        return path or None

    def _save_dialog(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Сохранить файл"), suggested)
        return path or None

    def _warn_dialog(self, text: str) -> None:
        QMessageBox.warning(self, tr("Портфолио"), text)

    def _inform_dialog(self, text: str) -> None:
        QMessageBox.information(self, tr("Портфолио"), text)
