"""«Портфолио»: a student's achievements; entered by the student or the curator, confirmed by the curator, PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Slot
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

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.domain.permissions import Section
from ejournal_desktop.reports import portfolio_pdf
from ejournal_desktop.services import messages, portfolio
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.i18n import tr, tr_label
from ejournal_desktop.ui.lesson_panel import from_qdate, to_qdate
from ejournal_desktop.ui.main_window import register_page
from ejournal_desktop.ui.partials.rows_view import rows_view
from ejournal_desktop.ui.partials.table_model import Column, RowsModel


class AchievementDialog(QDialog):
    def __init__(self, session: UserSession, student_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.student_id = student_id
        self.file: messages.NewAttachment | None = None
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
        choose = QPushButton(tr("Выбрать файл…"))
        choose.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(choose)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Дата:"), self.date)
        form.addRow(tr("Вид:"), self.kind)
        form.addRow(tr("Название:"), self.title)
        form.addRow(tr("Уровень:"), self.level)
        form.addRow(tr("Результат:"), self.result)
        form.addRow(tr("Файл (скан):"), file_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Добавить"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Отмена"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    @Slot()
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Скан документа"))
        if path:
            self.file = messages.NewAttachment.from_path(path)
            self.file_label.setText(self.file.name)

    @Slot()
    def save(self) -> None:
        try:
            portfolio.add_item(
                self.session,
                self.student_id,
                achieved_on=from_qdate(self.date.date()),
                kind=self.kind.currentData(),
                title=self.title.text(),
                level=self.level.currentData(),
                result=self.result.text(),
                file=self.file,
            )
        except DomainError as exc:
            self.error.setText(exc.message)
            return
        self.accept()


@register_page("portfolio")
class PortfolioScreen(QWidget):
    def __init__(self, session: UserSession, section: Section | None = None) -> None:
        super().__init__()
        self.session = session
        self.student_combo = QComboBox()
        self.student_combo.setMinimumWidth(320)
        self.student_combo.currentIndexChanged.connect(self.refresh)
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
        self.view.doubleClicked.connect(lambda _i: self.save_file())
        self.add_button = QPushButton(tr("Добавить… (Ctrl+N)"))
        self.add_button.clicked.connect(self.add)
        self.confirm_button = QPushButton(tr("Подтвердить"))
        self.confirm_button.clicked.connect(self.confirm)
        self.delete_button = QPushButton(tr("Удалить"))
        self.delete_button.clicked.connect(self.delete)
        self.pdf_button = QPushButton("PDF… (Ctrl+P)")
        self.pdf_button.clicked.connect(self.export_pdf)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Обучающийся:")))
        top.addWidget(self.student_combo)
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
        try:
            students = portfolio.portfolio_students(session)
        except DomainError as exc:
            QMessageBox.warning(self, tr("Портфолио"), exc.message)
            students = []
        self.student_combo.blockSignals(True)
        for s in students:
            self.student_combo.addItem(f"{s.name} ({s.group_name})", s.student_id)
        self.student_combo.blockSignals(False)
        self.refresh()

    def student_id(self) -> int | None:
        value = self.student_combo.currentData()
        return int(value) if value is not None else None

    def current(self) -> portfolio.PortfolioEntry | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    @Slot()
    def refresh(self) -> None:
        student_id = self.student_id()
        if student_id is None:
            self.model.set_rows([])
            for button in (self.add_button, self.confirm_button, self.delete_button, self.pdf_button):
                button.setEnabled(False)
            return
        try:
            items = portfolio.list_items(self.session, student_id)
            writable = portfolio.can_write(self.session, student_id)
            confirmable = portfolio.can_confirm(self.session, student_id)
        except DomainError as exc:
            QMessageBox.warning(self, tr("Портфолио"), exc.message)
            return
        self.model.set_rows(items)
        for column, width in enumerate((90, 170, 330, 80, 150, 90)):
            self.view.setColumnWidth(column, width)
        self.add_button.setVisible(writable)
        self.delete_button.setVisible(writable)
        self.add_button.setEnabled(writable)
        self.confirm_button.setVisible(confirmable)
        self.pdf_button.setEnabled(True)
        confirmed = sum(1 for i in items if i.confirmed)
        self.summary.setText(tr("Достижений: {0}, подтверждено: {1}").format(len(items), confirmed))

    @Slot()
    def add(self) -> None:
        student_id = self.student_id()
        if student_id is None or not self.add_button.isVisible():
            return
        if AchievementDialog(self.session, student_id, self).exec():
            self.refresh()

    def _act(self, action: object) -> None:
        item = self.current()
        if item is None:
            QMessageBox.information(self, tr("Портфолио"), tr("Выберите достижение в таблице"))
            return
        try:
            action(self.session, item.id)  # type: ignore[operator]
        except DomainError as exc:
            QMessageBox.warning(self, tr("Портфолио"), exc.message)
        self.refresh()

    @Slot()
    def confirm(self) -> None:
        self._act(portfolio.confirm)

    @Slot()
    def delete(self) -> None:
        item = self.current()
        if item is not None and QMessageBox.question(
            self, tr("Портфолио"), tr("Удалить «{0}»?").format(item.title)
        ) == (QMessageBox.StandardButton.Yes):
            self._act(portfolio.delete_item)

    @Slot()
    def save_file(self) -> None:
        item = self.current()
        if item is None or not item.file_name:
            return
        try:
            file = portfolio.item_file(self.session, item.id)
        except DomainError as exc:
            QMessageBox.warning(self, tr("Портфолио"), exc.message)
            return
        path, _ = QFileDialog.getSaveFileName(self, tr("Сохранить файл"), file.name)
        if path:
            Path(path).write_bytes(file.content)

    @Slot()
    def export_pdf(self) -> None:
        student_id = self.student_id()
        if student_id is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, tr("Портфолио в PDF"), tr("портфолио.pdf"), "PDF (*.pdf)")
        if not path:
            return
        try:
            portfolio_pdf.render_pdf(portfolio.portfolio_report(self.session, student_id), path)
        except DomainError as exc:
            QMessageBox.warning(self, tr("Портфолио"), exc.message)
            return
        QMessageBox.information(self, tr("Портфолио"), tr("Сохранено: {0}").format(path))
