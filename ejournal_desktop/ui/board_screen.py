"""«Доска объявлений»: the notices addressed to the reader (unread marked), and a publish form for staff."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QItemSelection, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.domain.permissions import Action, Section, can
from ejournal_desktop.services import board
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.background import run_in_background
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.lesson_panel import from_qdate, to_qdate
from ejournal_desktop.ui.main_window import register_page
from ejournal_desktop.ui.partials.rows_view import rows_view
from ejournal_desktop.ui.partials.table_model import Column, RowsModel

DATE_FORMAT = "dd.MM.yyyy"


class PublishDialog(QDialog):
    """A new notice: title, text, audience, dates, pinning."""

    def __init__(self, session: UserSession, targets: board.PublishTargets, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(tr("Новое объявление"))
        self.resize(560, 480)
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(board.MAX_TITLE)
        self.body_edit = QPlainTextEdit()
        self.audience = QComboBox()
        if targets.anyone:
            self.audience.addItem(tr("Всем"), ("everyone", None, None))
            for code, label in targets.roles:
                self.audience.addItem(tr("Всем: {0}").format(label), ("role", code, None))
        for group_id, name in targets.groups:
            self.audience.addItem(tr("Группа {0}").format(name), ("group", None, group_id))
            self.audience.addItem(tr("Родители группы {0}").format(name), ("group_parents", None, group_id))
        today = dt.date.today()
        self.publish_on = QDateEdit(to_qdate(today))
        self.publish_on.setDisplayFormat(DATE_FORMAT)
        self.publish_on.setCalendarPopup(True)
        self.expires = QCheckBox(tr("Снять с доски"))
        self.expires_on = QDateEdit(to_qdate(today + dt.timedelta(days=14)))
        self.expires_on.setDisplayFormat(DATE_FORMAT)
        self.expires_on.setCalendarPopup(True)
        self.expires_on.setEnabled(False)
        self.expires.toggled.connect(self.expires_on.setEnabled)
        self.expires.setChecked(True)
        self.pinned = QCheckBox(tr("Закрепить вверху"))
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        expiry = QHBoxLayout()
        expiry.addWidget(self.expires)
        expiry.addWidget(self.expires_on)
        expiry.addStretch(1)
        form = QFormLayout()
        form.addRow(tr("Заголовок:"), self.title_edit)
        form.addRow(tr("Текст:"), self.body_edit)
        form.addRow(tr("Кому:"), self.audience)
        form.addRow(tr("Опубликовать:"), self.publish_on)
        form.addRow("", _wrap(expiry))
        form.addRow("", self.pinned)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Опубликовать"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Отмена"))
        buttons.accepted.connect(self.publish)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.published_id: int | None = None

    @Slot()
    def publish(self) -> None:
        audience, role, group_id = self.audience.currentData() or ("everyone", None, None)
        try:
            self.published_id = board.publish(
                self.session,
                title=self.title_edit.text(),
                body=self.body_edit.toPlainText(),
                audience=audience,
                target_role=role,
                target_group_id=group_id,
                publish_on=from_qdate(self.publish_on.date()),
                expires_on=from_qdate(self.expires_on.date()) if self.expires.isChecked() else None,
                pinned=self.pinned.isChecked(),
            )
        except DomainError as exc:
            self.error.setText(exc.message)
            return
        self.accept()


def _wrap(layout: QHBoxLayout) -> QWidget:
    holder = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    holder.setLayout(layout)
    return holder


@register_page("board")
class BoardScreen(QWidget):
    def __init__(self, session: UserSession, section: Section | None = None) -> None:
        super().__init__()
        self.session = session
        self.targets = board.publish_targets(session)
        self.model = RowsModel(
            [
                Column("", lambda a: "●" if not a.is_read else ""),
                Column("", lambda a: "★" if a.pinned else ""),
                Column(tr("Дата"), lambda a: a.publish_on),
                Column(tr("Заголовок"), lambda a: a.title),
                Column(tr("Кому"), lambda a: a.audience_label),
                Column(tr("Автор"), lambda a: a.author_name),
            ],
            self,
        )
        self.view = rows_view(self.model)
        self.view.selectionModel().selectionChanged.connect(self._chosen)
        self.heading = QLabel("")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.meta = QLabel("")
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.text = QPlainTextEdit()  # plain text: markup in a notice is shown as typed
        self.text.setReadOnly(True)
        reader = QWidget()
        reader_layout = QVBoxLayout(reader)
        reader_layout.setContentsMargins(0, 0, 0, 0)
        reader_layout.addWidget(self.heading)
        reader_layout.addWidget(self.meta)
        reader_layout.addWidget(self.text, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(reader)
        splitter.setSizes([300, 260])

        top = QHBoxLayout()
        self.counter = QLabel("")
        top.addWidget(self.counter)
        top.addStretch(1)
        self.publish_button = QPushButton(tr("Новое объявление… (Ctrl+N)"))
        self.publish_button.clicked.connect(self.new_announcement)
        self.delete_button = QPushButton(tr("Удалить"))
        self.delete_button.clicked.connect(self.delete_current)
        can_publish = self.targets.anyone or bool(self.targets.groups)
        for button in (self.publish_button, self.delete_button):
            button.setVisible(can_publish)
            top.addWidget(button)
        if can_publish:
            QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_announcement)
        QShortcut(QKeySequence("F5"), self, activated=self.refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.refresh()

    def refresh(self) -> None:
        session = self.session
        run_in_background(lambda: board.list_announcements(session), self._show, self._failed, context=self)

    def _failed(self, error: Exception) -> None:
        message = error.message if isinstance(error, DomainError) else str(error)
        QMessageBox.warning(self, tr("Доска объявлений"), message)

    def _show(self, rows: list[board.AnnouncementRow]) -> None:
        chosen = self.current()
        self.model.set_rows(rows)
        for column, width in enumerate((24, 28, 90, 360, 200)):
            self.view.setColumnWidth(column, width)
        unread = sum(1 for r in rows if not r.is_read)
        self.counter.setText(tr("Объявлений: {0}, непрочитанных: {1}").format(len(rows), unread))
        keep = next((i for i, r in enumerate(rows) if chosen is not None and r.id == chosen.id), None)
        if keep is None and chosen is None and rows:
            keep = 0  # the first visit: the top notice (pinned, or the newest) is open
        if keep is not None:
            self.view.selectRow(keep)

    def current(self) -> board.AnnouncementRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    @Slot(QItemSelection, QItemSelection)
    def _chosen(self, *_args: object) -> None:
        row = self.current()
        if row is None:
            return
        self.heading.setText(row.title)
        dates = tr("с {0}").format(format_date(row.publish_on)) + (
            tr(" по {0}").format(format_date(row.expires_on)) if row.expires_on else ""
        )
        self.meta.setText(f"{row.author_name} · {row.audience_label} · {dates}")
        self.text.setPlainText(row.body)
        self.delete_button.setEnabled(row.mine or can(self.session.user.roles, Action.BOARD_MODERATE))
        if not row.is_read:
            session = self.session
            run_in_background(
                lambda: board.mark_read(session, [row.id]),
                lambda _r: self._was_read(row.id),
                self._failed,
                context=self,
            )

    def _was_read(self, announcement_id: int) -> None:
        for index, row in enumerate(self.model.rows):
            if row.id == announcement_id:
                self.model.rows[index] = replace(row, is_read=True)
                self.model.dataChanged.emit(self.model.index(index, 0), self.model.index(index, 0))
        unread = sum(1 for r in self.model.rows if not r.is_read)
        self.counter.setText(tr("Объявлений: {0}, непрочитанных: {1}").format(len(self.model.rows), unread))

    @Slot()
    def new_announcement(self) -> None:
        dialog = PublishDialog(self.session, self.targets, self)
        if dialog.exec():
            self.refresh()

    @Slot()
    def delete_current(self) -> None:
        row = self.current()
        if row is None:
            return
        answer = QMessageBox.question(self, tr("Доска объявлений"), tr("Удалить объявление «{0}»?").format(row.title))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            board.delete_announcement(self.session, row.id)
        except DomainError as exc:
            QMessageBox.warning(self, tr("Доска объявлений"), exc.message)
        self.refresh()
