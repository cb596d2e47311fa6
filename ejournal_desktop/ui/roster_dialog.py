"""«Список на дату»: a group's students as of a chosen day (from the movements), previewed and saved.

The preview is the same `Roster` the files are made of (`reports.roster`); «PDF…» prints it with
the college, the group, the date and the signature lines, «Excel…» writes it as a workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.reports import roster as roster_report
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.partials.date_field import DateField
from ejournal_desktop.ui.partials.table_model import Column, RowsModel


class RosterDialog(QDialog):
    def __init__(
        self,
        session: UserSession,
        groups: Sequence[tuple[str, int]],
        group_id: int | None = None,
        parent: QWidget | None = None,
        *,
        day: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.roster: roster_report.Roster | None = None
        self.setWindowTitle(tr("Список группы на дату"))
        self.group_combo = QComboBox()
        for name, gid in groups:
            self.group_combo.addItem(name, gid)
        if group_id is not None:
            self.group_combo.setCurrentIndex(max(self.group_combo.findData(group_id), 0))
        self.date_edit = DateField(tr("Дата"), "day", day or dt.date.today())
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Группа:")))
        top.addWidget(self.group_combo, 1)
        top.addWidget(QLabel(tr("на дату:")))
        top.addWidget(self.date_edit)
        self.summary = QLabel()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.model = RowsModel(
            [
                Column("№", lambda r: r.number),
                Column(tr("ФИО"), lambda r: r.full_name),
                Column(tr("Дата рождения"), lambda r: r.birth_date),
                Column(tr("№ зачётной книжки"), lambda r: r.record_book_no),
            ],
            self,
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.pdf_button = QPushButton(tr("PDF для печати…"))
        self.pdf_button.setShortcut(QKeySequence("Ctrl+P"))
        self.pdf_button.clicked.connect(lambda: self.save_as("pdf"))
        self.xlsx_button = QPushButton("Excel…")
        self.xlsx_button.setShortcut(QKeySequence("Ctrl+E"))
        self.xlsx_button.clicked.connect(lambda: self.save_as("xlsx"))
        close = QPushButton(tr("Закрыть"))
        close.clicked.connect(self.reject)
        for button in (self.pdf_button, self.xlsx_button, close):
            button.setAutoDefault(False)  # Enter in the date field shows the list, it saves nothing
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.group_combo.currentIndexChanged.connect(self.refresh)
        self.date_edit.changed.connect(self.refresh)
        self.resize(640, 560)
        self.refresh()

    def day(self) -> dt.date:
        return self.date_edit.date()

    def refresh(self) -> None:
        group_id = self.group_combo.currentData()
        self.error.clear()
        self.roster = None
        if group_id is None:
            self.model.set_rows([])
            return
        try:
            self.roster = roster_report.build_roster(self.session, group_id, self.date_edit.date())
        except DomainError as exc:
            self.error.setText(exc.message)
            self.model.set_rows([])
            return
        self.model.set_rows(self.roster.lines)
        self.view.resizeColumnsToContents()
        self.summary.setText(
            tr("{0} {1}: {2} чел.").format(self.roster.title, self.roster.subtitle, len(self.roster.lines))
        )
        for button in (self.pdf_button, self.xlsx_button):
            button.setEnabled(True)

    def save_as(self, kind: str, path: str | Path | None = None) -> Path | None:
        if self.roster is None:
            return None
        if path is None:
            pattern = tr("Документ PDF (*.pdf)") if kind == "pdf" else tr("Книга Excel (*.xlsx)")
            suggested = f"{self.roster.file_stem()}.{kind}"
            chosen, _ = QFileDialog.getSaveFileName(self, tr("Сохранить список"), suggested, pattern)
            if not chosen:
                return None
            path = chosen
        try:
            render = roster_report.render_pdf if kind == "pdf" else roster_report.render_xlsx
            return render(self.roster, path)
        except OSError as exc:
            QMessageBox.warning(self, tr("Список на дату"), tr("Файл не сохранён: {0}").format(exc.strerror or exc))
            return None
