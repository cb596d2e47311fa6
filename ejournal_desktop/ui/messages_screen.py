"""«Сообщения»: conversations with unread badges, a thread in plain text, compose, attach, search.

Text is plain text everywhere: the thread is a read-only QPlainTextEdit, the list shows plain
strings — `<b>` or `<script>` typed by someone appear literally. New messages arrive live: on
PostgreSQL a thread of its own LISTENs on `ej_message` (services.messages.MessageListener in a
ui.listen_thread, which listens again after a lost connection and then re-reads the count); on
SQLite the unread count is polled. `UnreadWatcher` feeds the navigation badge and refreshes an open screen.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.domain.names import search_key
from ejournal_desktop.domain.permissions import Section
from ejournal_desktop.services import messages
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.background import run_in_background
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.listen_thread import ListenThread
from ejournal_desktop.ui.main_window import register_page

log = logging.getLogger(__name__)
POLL_MS = 10_000  # SQLite: how often the unread count is asked
ID_ROLE = Qt.ItemDataRole.UserRole


def _when(moment: object) -> str:
    if moment is None:
        return ""
    return f"{format_date(moment.date())} {moment:%H:%M}"  # type: ignore[attr-defined]


# --- live updates ------------------------------------------------------------------------------------


class UnreadWatcher(QObject):
    """The unread count of the session's person, refreshed on NOTIFY (PostgreSQL) or by polling."""

    changed = Signal(int)  # the total unread
    arrived = Signal(list)  # conversation ids with news (hints)

    def __init__(self, session: UserSession, window: QWidget) -> None:
        super().__init__(window)
        self.session = session
        self.count = 0
        self._thread: ListenThread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.refresh)
        window.installEventFilter(self)

    def start(self) -> None:
        self.refresh()
        if self.session.backend == "postgresql":
            session = self.session
            self._thread = ListenThread(lambda: messages.MessageListener(session), "message hints")
            self._thread.received.connect(self._notified)
            self._thread.reconnected.connect(self.refresh)  # news may have come while the line was down
            self._thread.start()
        else:
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._thread is not None:
            self._thread.stop()
            self._thread = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.stop()
        return False

    @Slot(list)
    def _notified(self, ids: list) -> None:
        self.arrived.emit(ids)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        session = self.session
        run_in_background(lambda: messages.unread_total(session), self._counted, lambda _e: None, context=self)

    def _counted(self, count: int) -> None:
        if count != self.count:
            grew = count > self.count
            self.count = count
            self.changed.emit(count)
            if grew and self.session.backend != "postgresql":
                self.arrived.emit([])
        elif count == 0:
            self.changed.emit(0)


# --- the new-conversation picker -------------------------------------------------------------------------


class NewConversationDialog(QDialog):
    """Only the people the permission matrix allows; one person → a one-to-one conversation."""

    def __init__(self, session: UserSession, contacts: list[messages.Contact], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(tr("Новая беседа"))
        self.resize(560, 560)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(tr("Поиск по фамилии, группе…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.people = QListWidget()
        for contact in contacts:
            item = QListWidgetItem(f"{contact.name} — {contact.detail}")
            item.setData(ID_ROLE, contact.person_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.people.itemDoubleClicked.connect(self._toggle)
        self.topic = QLineEdit()
        self.topic.setPlaceholderText(tr("Тема (для беседы нескольких человек)"))
        self.topic.setMaxLength(messages.MAX_TITLE)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Начать беседу"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Отмена"))
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Кому (отметьте одного или нескольких):")))
        layout.addWidget(self.filter)
        layout.addWidget(self.people, 1)
        layout.addWidget(self.topic)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.conversation_id: int | None = None

    def _filter(self, text: str) -> None:
        words = search_key(text).split()
        for row in range(self.people.count()):
            item = self.people.item(row)
            item.setHidden(not all(w in search_key(item.text()) for w in words))

    def _toggle(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def chosen(self) -> list[int]:
        return [
            int(self.people.item(r).data(ID_ROLE))
            for r in range(self.people.count())
            if self.people.item(r).checkState() == Qt.CheckState.Checked
        ]

    @Slot()
    def start(self) -> None:
        try:
            self.conversation_id = messages.start_conversation(self.session, self.chosen(), self.topic.text())
        except DomainError as exc:
            self.error.setText(exc.message)
            return
        self.accept()


# --- the screen --------------------------------------------------------------------------------------------


@register_page("messages")
class MessagesScreen(QWidget):
    def __init__(self, session: UserSession, section: Section | None = None) -> None:
        super().__init__()
        self.session = session
        self.conversation_id: int | None = None
        self.pending: list[messages.NewAttachment] = []
        self.thread_data: messages.Thread | None = None

        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Поиск в сообщениях…"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.run_search)
        self.search.textChanged.connect(lambda text: self.refresh() if not text.strip() else None)
        self.new_button = QPushButton(tr("Новая беседа… (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_conversation)
        self.conversations = QListWidget()
        self.conversations.setWordWrap(True)
        self.conversations.setAlternatingRowColors(True)
        self.conversations.currentItemChanged.connect(self._chosen)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.new_button)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.conversations, 1)

        self.header = QLabel(tr("Выберите беседу слева"))
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        font = self.header.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.header.setFont(font)
        self.members = QLabel("")
        self.members.setTextFormat(Qt.TextFormat.PlainText)
        self.members.setWordWrap(True)
        self.thread_view = QPlainTextEdit()  # plain text: no markup is ever interpreted
        self.thread_view.setReadOnly(True)
        self.files = QListWidget()
        self.files.setMaximumHeight(70)
        self.files.itemDoubleClicked.connect(self.save_attachment)
        self.files.hide()
        self.compose = QPlainTextEdit()
        self.compose.setPlaceholderText(tr("Сообщение… (Ctrl+Enter — отправить)"))
        self.compose.setMaximumHeight(110)
        self.attach_button = QPushButton(tr("Прикрепить файл…"))
        self.attach_button.clicked.connect(self.attach)
        self.attached = QLabel("")
        self.attached.setTextFormat(Qt.TextFormat.PlainText)
        self.send_button = QPushButton(tr("Отправить"))
        self.send_button.clicked.connect(self.send)
        compose_row = QHBoxLayout()
        compose_row.addWidget(self.attach_button)
        compose_row.addWidget(self.attached, 1)
        compose_row.addWidget(self.send_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.header)
        right_layout.addWidget(self.members)
        right_layout.addWidget(self.thread_view, 1)
        right_layout.addWidget(self.files)
        right_layout.addWidget(self.compose)
        right_layout.addLayout(compose_row)
        self._enable_compose(False)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([330, 620])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_conversation)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.send)
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=self.send)
        QShortcut(QKeySequence("F5"), self, activated=self.refresh)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        self._watching = False
        self.refresh()

    def _watch(self, watcher: UnreadWatcher | None) -> None:
        if watcher is not None:
            watcher.arrived.connect(self._arrived)

    def showEvent(self, event: QEvent) -> None:  # type: ignore[override]
        # The page is built before it is put in the window: find the watcher once shown.
        if not self._watching:
            watcher = getattr(self.window(), "unread_watcher", None)
            if watcher is not None:
                self._watch(watcher)
                self._watching = True
        super().showEvent(event)  # type: ignore[arg-type]

    def _enable_compose(self, enabled: bool) -> None:
        for widget in (self.compose, self.attach_button, self.send_button):
            widget.setEnabled(enabled)

    # -- the list ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        session = self.session
        run_in_background(lambda: messages.inbox(session), self._show_inbox, self._failed, context=self)

    def _failed(self, error: Exception) -> None:
        message = error.message if isinstance(error, DomainError) else tr("Ошибка: {0}").format(error)
        QMessageBox.warning(self, tr("Сообщения"), message)

    def _show_inbox(self, rows: list[messages.ConversationRow]) -> None:
        self.conversations.blockSignals(True)
        self.conversations.clear()
        keep = None
        for row in rows:
            badge = f"  ({row.unread})" if row.unread else ""
            preview = f"{row.last_sender}: {row.last_preview}" if row.last_sender else row.last_preview
            item = QListWidgetItem(f"{row.title}{badge}\n{_when(row.last_at)} · {preview}")
            item.setData(ID_ROLE, row.id)
            if row.unread:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.conversations.addItem(item)
            if row.id == self.conversation_id:
                keep = item
        if keep is not None:
            self.conversations.setCurrentItem(keep)
        self.conversations.blockSignals(False)

    def item_for(self, conversation_id: int) -> QListWidgetItem | None:
        for row in range(self.conversations.count()):
            item = self.conversations.item(row)
            if item.data(ID_ROLE) == conversation_id:
                return item
        return None

    @Slot()
    def run_search(self) -> None:
        text = self.search.text().strip()
        if not text:
            self.refresh()
            return
        session = self.session
        run_in_background(lambda: (text, messages.search(session, text)), self._show_hits, self._failed, context=self)

    def _show_hits(self, found: tuple[str, list[messages.SearchHit]]) -> None:
        text, hits = found
        if self.search.text().strip() != text:  # typed on or cleared meanwhile: this answer is stale
            return
        self.conversations.blockSignals(True)
        self.conversations.clear()
        for hit in hits:
            item = QListWidgetItem(f"{hit.sender_name}, {_when(hit.sent_at)}\n{hit.snippet}")
            item.setData(ID_ROLE, hit.conversation_id)
            self.conversations.addItem(item)
        if not hits:
            self.conversations.addItem(QListWidgetItem(tr("Ничего не найдено")))
        self.conversations.blockSignals(False)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _chosen(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is None or current.data(ID_ROLE) is None:
            return
        self.open_conversation(int(current.data(ID_ROLE)))

    # -- a thread --------------------------------------------------------------------------------

    def open_conversation(self, conversation_id: int) -> None:
        if conversation_id != self.conversation_id:
            self.pending = []
            self.attached.setText("")
        self.conversation_id = conversation_id
        session = self.session
        run_in_background(
            lambda: messages.thread(session, conversation_id), self._show_thread, self._failed, context=self
        )

    def _show_thread(self, thread: messages.Thread) -> None:
        if thread.conversation.id != self.conversation_id:
            return
        self.thread_data = thread
        self.header.setText(thread.conversation.title)
        self.members.setText(tr("Участники: ") + ", ".join(thread.member_names))
        lines: list[str] = []
        for message in thread.messages:
            who = tr("Вы") if message.mine else message.sender_name
            lines.append(f"{who} · {_when(message.sent_at)}")
            lines.append(message.body)
            for file in message.attachments:
                lines.append(tr("[вложение] {0} ({1})").format(file.name, messages.format_size(file.size)))
            lines.append("")
        self.thread_view.setPlainText("\n".join(lines))
        bar = self.thread_view.verticalScrollBar()
        bar.setValue(bar.maximum())
        self.files.clear()
        for message in thread.messages:
            for file in message.attachments:
                item = QListWidgetItem(
                    tr("Вложение: {0} ({1}) — двойной щелчок: сохранить").format(
                        file.name, messages.format_size(file.size)
                    )
                )
                item.setData(ID_ROLE, file.id)
                self.files.addItem(item)
        self.files.setVisible(self.files.count() > 0)
        self._enable_compose(True)
        item = self.item_for(thread.conversation.id)
        if item is not None and not self.search.text().strip():
            first_line = thread.conversation.title
            rest = item.text().split("\n", 1)[1] if "\n" in item.text() else ""
            item.setText(f"{first_line}\n{rest}")
            font = item.font()
            font.setBold(False)
            item.setFont(font)
        watcher = getattr(self.window(), "unread_watcher", None)
        if watcher is not None:
            watcher.refresh()

    @Slot(list)
    def _arrived(self, ids: list) -> None:
        if self.search.text().strip():
            return
        self.refresh()
        if self.conversation_id is not None and (not ids or self.conversation_id in ids):
            self.open_conversation(self.conversation_id)

    # -- writing -----------------------------------------------------------------------------------

    @Slot()
    def attach(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Прикрепить файл"))
        if path:
            self.add_attachment(Path(path))

    def add_attachment(self, path: Path) -> bool:
        try:
            item = messages.NewAttachment.from_path(path)
        except OSError as exc:
            QMessageBox.warning(
                self, tr("Сообщения"), tr("Не удалось прочитать файл «{0}»: {1}").format(path.name, exc.strerror)
            )
            return False
        limit = messages.attachment_limit(self.session)
        if len(item.content) > limit:
            QMessageBox.warning(
                self,
                tr("Сообщения"),
                tr("Файл «{0}» ({1}) больше допустимого размера вложения ({2}).").format(
                    item.name, messages.format_size(len(item.content)), messages.format_size(limit)
                ),
            )
            return False
        self.pending.append(item)
        self.attached.setText(tr("Вложения: ") + ", ".join(p.name for p in self.pending))
        return True

    @Slot()
    def send(self) -> None:
        if self.conversation_id is None or not self.send_button.isEnabled():
            return
        try:
            messages.send_message(self.session, self.conversation_id, self.compose.toPlainText(), self.pending)
        except DomainError as exc:
            QMessageBox.warning(self, tr("Сообщения"), exc.message)
            return
        self.compose.clear()
        self.pending = []
        self.attached.setText("")
        self.open_conversation(self.conversation_id)
        self.refresh()

    @Slot()
    def new_conversation(self) -> None:
        try:
            people = messages.contacts(self.session)
        except DomainError as exc:
            self._failed(exc)
            return
        dialog = NewConversationDialog(self.session, people, self)
        if dialog.exec() and dialog.conversation_id is not None:
            self.conversation_id = dialog.conversation_id
            self.refresh()
            self.open_conversation(dialog.conversation_id)
            self.compose.setFocus()

    @Slot(QListWidgetItem)
    def save_attachment(self, item: QListWidgetItem) -> None:
        attachment_id = item.data(ID_ROLE)
        if attachment_id is None:
            return
        try:
            file = messages.attachment_content(self.session, int(attachment_id))
        except DomainError as exc:
            self._failed(exc)
            return
        path, _ = QFileDialog.getSaveFileName(self, tr("Сохранить вложение"), file.name)
        if path:
            Path(path).write_bytes(file.content)
