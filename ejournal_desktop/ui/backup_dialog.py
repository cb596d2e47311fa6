"""«Резервные копии» (admin): create, verify, restore, the history, the reminder banner.

Copying, verifying and restoring run off the GUI thread (QThreadPool) with a progress bar and
«Отмена»; a cancelled copy leaves no file behind (services/backup.py). Reading the history, the
reminder and pg_dump's version runs off the GUI thread too, with «Загрузка…» meanwhile. Results go
to the line under the buttons, not to message boxes, so the admin can keep working; only the
restore, which changes what the college works in, asks questions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.domain.permissions import Action, Section, can
from ejournal_desktop.domain.units import format_size
from ejournal_desktop.services import backup
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.backup import BackupRow
from ejournal_desktop.services.backup_files import BackupCancelled, CancelToken
from ejournal_desktop.ui.background import BUSY_STYLE, LOADING, LatestRead, busy_label, error_message, run_in_background
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.main_window import register_page
from ejournal_desktop.ui.partials.table_model import ROW_ROLE, Column, RowsModel
from ejournal_desktop.ui.partials.title_label import title_label

TITLE = tr("Резервные копии")
BANNER_STYLE = "QLabel { background: #fff3cd; color: #664d03; border: 1px solid #ffda6a; padding: 6px; }"
ERROR_STYLE = "color: #b02a37;"
OK_STYLE = "color: #146c43;"


def _local(when: dt.datetime | None) -> str:
    if when is None:
        return ""
    return when.replace(tzinfo=dt.UTC).astimezone().strftime("%d.%m.%Y %H:%M")


def human_size(size: int) -> str:
    return format_size(size) if size > 0 else ""


def _file_name(row: BackupRow) -> str:
    path = Path(row.path)
    return path.name if path.suffix in (".dump", ".sqlite3") else ""


def _folder(row: BackupRow) -> str:
    path = Path(row.path)
    return str(path.parent if path.suffix in (".dump", ".sqlite3") else path)


def _status(row: BackupRow) -> str:
    if row.verified:
        return tr("проверена")
    reason = (row.error or tr("не проверена")).removeprefix("Не удалось записать копию: ")
    reason = reason.replace(f"«{Path(row.path).name}» ", "").replace(f"«{row.path}»", "папка")
    return tr("ошибка: ") + (reason if len(reason) <= 70 else reason[:69] + "…")


COLUMNS = (
    Column(tr("Когда"), lambda r: _local(r.made_at)),
    Column(tr("Кто"), lambda r: r.made_by),
    Column(tr("Вид"), lambda r: r.kind_label),
    Column(tr("Проверка"), _status),
    Column(tr("Размер"), lambda r: human_size(r.size_bytes)),
    Column(tr("Файл"), _file_name),
    Column(tr("Папка"), _folder),
    Column("SHA-256", lambda r: r.sha256[:8] + "…" if r.sha256 else ""),
)
STATUS_COLUMN, FILE_COLUMN, FOLDER_COLUMN, SHA_COLUMN = 3, 5, 6, 7


class HistoryModel(RowsModel):
    """The history grid: failed or unverified copies in red, the path and checksum whole in tooltips."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)
        self.highlight = lambda row: None if row.verified else (row.error or tr("Копия не проверена"))

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            row: BackupRow = self.rows[index.row()]
            if index.column() in (FILE_COLUMN, FOLDER_COLUMN):
                return row.path
            if index.column() == SHA_COLUMN:
                return row.sha256 or None
            if index.column() == STATUS_COLUMN:
                checked = f" ({_local(row.verified_at)})" if row.verified_at else ""
                return (tr("Проверена") + checked) if row.verified else (row.error or tr("Копия не проверена"))
        return super().data(index, role)


# --- a job off the GUI thread ----------------------------------------------------------------------------


class _Signals(QObject):
    progress = Signal(str, float)
    done = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    """`work(progress, cancel)` in the thread pool; its signals arrive on the GUI thread (queued)."""

    def __init__(self, work: Callable[[Callable[[str, float], None], CancelToken], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = _Signals()
        self.cancel = CancelToken()
        self._work = work

    def run(self) -> None:
        last: list[object] = ["", -1.0]

        def progress(stage: str, fraction: float) -> None:
            # pg_dump prints hundreds of lines: tell the GUI only when something visible changes.
            if stage != last[0] or fraction - float(last[1]) >= 0.01 or fraction >= 1.0:  # type: ignore[arg-type]
                last[:] = [stage, fraction]
                self.signals.progress.emit(stage, fraction)

        try:
            result = self._work(progress, self.cancel)
        except Exception as exc:  # the GUI thread decides what to show
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


# --- the page ----------------------------------------------------------------------------------------------


@register_page("backup")
class BackupPage(QWidget):
    def __init__(self, session: UserSession, section: Section | None = None) -> None:
        super().__init__()
        self.session = session
        self.job: Job | None = None
        self._on_done: Callable[[Any], None] | None = None
        self._settings = _open_settings()

        title = title_label(TITLE)

        self.banner = QLabel()
        self.banner.setObjectName("backupBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()

        self.folder_edit = QLineEdit(self._setting("backup/folder", str(backup.default_backup_dir())))
        self.folder_edit.setToolTip(tr("Папка для копий: можно выбрать флешку или сетевой диск"))
        self.folder_button = QPushButton(tr("Выбрать…"))
        self.folder_button.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)

        self.tools_edit = QLineEdit(self._setting("backup/pg_bin", ""))
        self.tools_edit.setPlaceholderText(tr("найти самостоятельно (PATH, стандартные папки PostgreSQL)"))
        self.tools_button = QPushButton(tr("Выбрать…"))
        self.tools_button.clicked.connect(self.choose_tools)
        self.tools_edit.editingFinished.connect(self.refresh_tools)
        tools_row = QHBoxLayout()
        tools_row.addWidget(self.tools_edit, 1)
        tools_row.addWidget(self.tools_button)

        form = QFormLayout()
        form.addRow(tr("Папка для копий:"), folder_row)
        if session.backend == "postgresql":
            form.addRow(tr("Папка pg_dump:"), tools_row)
        else:
            for widget in (self.tools_edit, self.tools_button):
                widget.hide()
        self.tools_label = QLabel()
        self.tools_label.setObjectName("backupTools")
        self.tools_label.setWordWrap(True)
        self.tools_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(tr("Программа копирования:"), self.tools_label)

        self.create_button = QPushButton(tr("Создать копию"))
        self.create_button.setShortcut(QKeySequence("Ctrl+B"))
        self.create_button.setToolTip(tr("Создать и проверить копию (Ctrl+B)"))
        self.create_button.clicked.connect(self.create_copy)
        self.cancel_button = QPushButton(tr("Отмена"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.verify_button = QPushButton(tr("Проверить"))
        self.verify_button.setToolTip(
            tr("Проверить выбранную копию: контрольная сумма и чтение целиком (Ctrl+Shift+V)")
        )
        self.verify_button.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.verify_button.clicked.connect(self.verify_selected)
        self.restore_button = QPushButton(tr("Восстановить…"))
        self.restore_button.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.restore_button.setToolTip(tr("Восстановить из выбранной копии или из файла (Ctrl+Shift+R)"))
        self.restore_button.clicked.connect(self.restore)
        self.refresh_button = QPushButton(tr("Обновить"))
        self.refresh_button.setShortcut(QKeySequence("F5"))
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        for button in (self.create_button, self.cancel_button, self.verify_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        QShortcut(QKeySequence("Esc"), self, activated=self.cancel)

        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = HistoryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((STATUS_COLUMN, 300), (FOLDER_COLUMN, 140)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(FILE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.verify_selected())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.addWidget(title)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self.loading_label = busy_label()
        self.loading_label.setObjectName("backupLoading")
        history_row = QHBoxLayout()
        history_row.addWidget(QLabel(tr("История копий:")))
        history_row.addWidget(self.loading_label)
        history_row.addStretch(1)
        layout.addLayout(history_row)
        layout.addWidget(self.table, 1)

        self._history_read = LatestRead(self, self._show_history_loading)
        self._tools_read = LatestRead(self, self._show_tools_loading)
        self._select_first = False
        self.refresh_tools()
        self.refresh()

    # -- settings of this PC (the folder, pg_dump's folder) --------------------------------------------

    def _setting(self, key: str, default: str) -> str:
        if self._settings is None:
            return default
        return str(self._settings.value(key, default) or default)

    def _remember(self, key: str, value: str) -> None:
        if self._settings is not None:
            self._settings.setValue(key, value)
            self._settings.sync()

    def tools_dir(self) -> str | None:
        return self.tools_edit.text().strip() or None

    # -- reading ---------------------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """The history or the tool line is being read (off the GUI thread)."""
        return self._history_read.running or self._tools_read.running

    @Slot()
    def refresh(self) -> None:
        """Read the history and the reminder again, in one call off the GUI thread; row 0 is selected
        when it comes if nothing is (or, after a new copy, `_select_first`: the new copy)."""
        session = self.session

        def make() -> Callable[[], tuple[list[BackupRow], str | None]]:
            return lambda: (backup.history(session), backup.reminder(session))

        self._history_read.ask(make, self._take_history, self._history_failed)

    def _take_history(self, result: tuple[list[BackupRow], str | None]) -> None:
        rows, reminder = result
        select_first, self._select_first = self._select_first, False
        self.model.set_rows(rows)
        self.banner.setText(reminder or "")
        self.banner.setVisible(bool(reminder))
        if self.model.rows and (select_first or not self.table.selectionModel().hasSelection()):
            self.table.selectRow(0)

    def _history_failed(self, error: Exception) -> None:
        self._select_first = False
        self.show_status(error_message(error), ok=False)

    def _show_history_loading(self, loading: bool) -> None:
        self.loading_label.setText(LOADING if loading else "")

    @Slot()
    def refresh_tools(self) -> None:
        """Which pg_dump and which server: `pg_dump --version` and a query, off the GUI thread."""
        from ejournal_desktop.services.backup_tools import forget_found_tools

        self._remember("backup/pg_bin", self.tools_edit.text().strip())
        session = self.session

        def make() -> Callable[[], str]:
            forget_found_tools()  # the folder may have changed, or PostgreSQL was installed meanwhile
            tools_dir = self.tools_dir()
            return lambda: backup.server_version_line(session, tools_dir)

        self._tools_read.ask(make, self._take_tools_line, lambda error: self._take_tools_line(error_message(error)))

    def _take_tools_line(self, line: str) -> None:
        self.tools_label.setText(line)
        self.tools_label.setStyleSheet(ERROR_STYLE if "Не найдены" in line or "Внимание" in line else "")

    def _show_tools_loading(self, loading: bool) -> None:
        if loading:
            self.tools_label.setText(LOADING)
            self.tools_label.setStyleSheet(BUSY_STYLE)

    def selected_row(self) -> BackupRow | None:
        indexes = self.table.selectionModel().selectedRows()
        return indexes[0].data(ROW_ROLE) if indexes else None

    # -- actions ---------------------------------------------------------------------------------------

    @Slot()
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Папка для резервных копий"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)
            self._remember("backup/folder", folder)

    @Slot()
    def choose_tools(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Папка с pg_dump и pg_restore"), self.tools_edit.text())
        if folder:
            self.tools_edit.setText(folder)
            self.refresh_tools()

    @Slot()
    def create_copy(self) -> None:
        folder = self.folder_edit.text().strip()
        if not folder:
            self.show_status(tr("Выберите папку для копий."), ok=False)
            return
        self._remember("backup/folder", folder)
        tools_dir = self.tools_dir()
        session = self.session
        self.start(
            tr("Создание копии…"),
            lambda progress, cancel: backup.create(
                session, folder, tools_dir=tools_dir, progress=progress, cancel=cancel
            ),
            self._created,
        )

    def _created(self, result: backup.BackupResult) -> None:
        self.show_status(
            tr("Копия создана и проверена: {0} ({1}, строк {2}, {3:.1f} с).").format(
                result.path, human_size(result.size_bytes), result.total_rows, result.seconds
            ),
            ok=True,
        )
        self._select_first = True  # the new copy, once the history has come
        self.refresh()

    @Slot()
    def verify_selected(self) -> None:
        row = self.selected_row()
        path = row.path if row is not None else ""
        if not path or not Path(path).is_file():
            chosen, _ = QFileDialog.getOpenFileName(
                self, tr("Проверить копию"), self.folder_edit.text(), tr("Копии ЭЖ (*.dump *.sqlite3);;Все файлы (*)")
            )
            if not chosen:
                return
            path = chosen
        tools_dir = self.tools_dir()
        session = self.session
        self.start(
            tr("Проверка копии…"),
            lambda _progress, cancel: backup.verify(session, path, tools_dir=tools_dir, cancel=cancel),
            self._verified,
        )

    def _verified(self, result: backup.VerifyResult) -> None:
        self.show_status(result.message, ok=result.ok)
        self.refresh()

    @Slot()
    def restore(self) -> None:
        row = self.selected_row()
        path = row.path if row is not None and Path(row.path).is_file() else ""
        dialog = RestoreDialog(self.session, path, self.folder_edit.text(), parent=self)
        if not dialog.exec():
            return
        choice = dialog.choice()
        session = self.session
        tools_dir = self.tools_dir()
        if choice["over_live"]:

            def work(progress, cancel):  # type: ignore[no-untyped-def]
                return backup.restore_over_live(
                    session,
                    choice["path"],
                    choice["confirm"],
                    safety_folder=self.folder_edit.text().strip() or None,
                    server_login=choice["login"],
                    server_password=choice["password"],
                    tools_dir=tools_dir,
                    progress=progress,
                    cancel=cancel,
                )
        else:

            def work(progress, cancel):  # type: ignore[no-untyped-def]
                return backup.restore_new(
                    session,
                    choice["path"],
                    choice["target"],
                    server_login=choice["login"],
                    server_password=choice["password"],
                    tools_dir=tools_dir,
                    progress=progress,
                    cancel=cancel,
                )

        self.start(tr("Восстановление…"), work, self._restored)

    def _restored(self, result: backup.RestoreResult) -> None:
        rows = sum(result.tables.values())
        if result.safety is not None:
            self.show_status(
                tr(
                    "База восстановлена из копии ({0} строк). Страховочная копия прежнего состояния: "
                    "{1}. Войдите в программу заново."
                ).format(rows, result.safety.path),
                ok=True,
            )
            QMessageBox.information(self, TITLE, tr("База восстановлена. Все пользователи должны войти заново."))
            self._switch_user()
            return
        where = (
            tr("файл {0}").format(result.target)
            if result.backend == "sqlite"
            else tr("база «{0}»").format(result.target)
        )
        self.show_status(
            tr("Восстановлено в новую базу: {0}, {1} строк, {2:.1f} с.").format(where, rows, result.seconds), ok=True
        )
        if result.profile is None:
            return
        answer = QMessageBox.question(
            self,
            TITLE,
            tr("Восстановлено: {0}.\nПереключить программу на восстановленную базу (профиль «{1}»)?").format(
                where, result.profile.name
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            from ejournal_desktop.ui.profiles import ProfileStore

            store = ProfileStore()
            store.save(result.profile)
            store.set_last_used(result.profile.name, self.session.user.login)
            self._switch_user()

    def _switch_user(self) -> None:
        window = self.window()
        switch = getattr(window, "switch_user", None)
        if callable(switch):
            switch()

    # -- running a job -----------------------------------------------------------------------------------

    def start(self, text: str, work: Callable[..., Any], on_done: Callable[[Any], None]) -> None:
        if self.job is not None:
            return
        job = Job(work)
        self.job, self._on_done = job, on_done
        job.signals.progress.connect(self._progress)
        job.signals.done.connect(self._done)
        job.signals.failed.connect(self._failed)
        self.set_busy(True)
        self.show_status(text, ok=None)
        QThreadPool.globalInstance().start(job)

    def set_busy(self, busy: bool) -> None:
        for widget in (self.create_button, self.verify_button, self.restore_button, self.folder_button):
            widget.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setValue(0)

    @property
    def busy(self) -> bool:
        return self.job is not None

    @Slot()
    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel.cancel()
            self.show_status(tr("Отмена…"), ok=None)

    @Slot(str, float)
    def _progress(self, stage: str, fraction: float) -> None:
        self.progress.setValue(int(max(0.0, min(1.0, fraction)) * 100))
        self.progress.setFormat(f"{stage} — %p%")

    @Slot(object)
    def _done(self, result: object) -> None:
        callback = self._finish()
        if callback is not None:
            callback(result)

    @Slot(object)
    def _failed(self, error: object) -> None:
        self._finish()
        if isinstance(error, BackupCancelled):
            self.show_status(str(error), ok=None)
        elif isinstance(error, DomainError):
            self.show_status(str(error), ok=False)
        else:
            self.show_status(tr("Непредвиденная ошибка: {0}").format(error), ok=False)
        self.refresh()

    def _finish(self) -> Callable[[Any], None] | None:
        callback, self.job, self._on_done = self._on_done, None, None
        self.set_busy(False)
        return callback

    def show_status(self, text: str, *, ok: bool | None) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("" if ok is None else OK_STYLE if ok else ERROR_STYLE)


class RestoreDialog(QDialog):
    """Which file, and where to: a NEW database (default) or over the live one (typed name + safety copy)."""

    def __init__(self, session: UserSession, path: str, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(tr("Восстановление из копии"))
        self.setMinimumWidth(560)
        self.is_server = session.backend == "postgresql"
        live = backup.live_name(session)
        stamp = dt.date.today().strftime("%Y%m%d")

        self.file_edit = QLineEdit(path)
        browse = QPushButton(tr("Выбрать…"))
        browse.clicked.connect(lambda: self._browse(folder))
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)

        self.new_radio = QRadioButton(
            tr("В новую базу данных (рекомендуется)") if self.is_server else tr("В новый файл")
        )
        self.over_radio = QRadioButton(tr("Поверх действующей базы (сначала — страховочная копия)"))
        self.new_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.new_radio)
        group.addButton(self.over_radio)
        if self.is_server:
            default_target = f"{live}_restored_{stamp}"
        else:
            live_path = Path(str(session.engine.url.database))
            default_target = str(live_path.with_name(f"{live_path.stem}_restored_{stamp}{live_path.suffix}"))
        self.target_edit = QLineEdit(default_target)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setPlaceholderText(tr("введите «{0}» для подтверждения").format(live))
        self.login_edit = QLineEdit("postgres")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        form = QFormLayout(self)
        form.addRow(tr("Файл копии:"), file_row)
        form.addRow(self.new_radio)
        form.addRow(tr("Новая база:") if self.is_server else tr("Новый файл:"), self.target_edit)
        form.addRow(self.over_radio)
        form.addRow(tr("Имя действующей базы «{0}»:").format(live), self.confirm_edit)
        if self.is_server:
            hint = QLabel(
                tr("Восстановление на сервер выполняет суперпользователь PostgreSQL (администратор сервера).")
            )
            hint.setWordWrap(True)
            form.addRow(hint)
            form.addRow(tr("Логин сервера:"), self.login_edit)
            form.addRow(tr("Пароль:"), self.password_edit)
        self.error = QLabel("")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Восстановить"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Отмена"))
        self.buttons.accepted.connect(self.check_and_accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.new_radio.toggled.connect(self._sync)
        self._sync()

    def _browse(self, folder: str) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, tr("Файл копии"), folder, tr("Копии ЭЖ (*.dump *.sqlite3);;Все файлы (*)")
        )
        if chosen:
            self.file_edit.setText(chosen)

    @Slot()
    def _sync(self) -> None:
        new = self.new_radio.isChecked()
        self.target_edit.setEnabled(new)
        self.confirm_edit.setEnabled(not new)

    @Slot()
    def check_and_accept(self) -> None:
        if not Path(self.file_edit.text().strip()).is_file():
            self.error.setText(tr("Выберите файл копии."))
            return
        if self.new_radio.isChecked() and not self.target_edit.text().strip():
            self.error.setText(tr("Укажите новую базу данных."))
            return
        if self.over_radio.isChecked() and self.confirm_edit.text().strip() != backup.live_name(self.session):
            self.error.setText(
                tr("Для подтверждения введите имя действующей базы: «{0}».").format(backup.live_name(self.session))
            )
            return
        self.accept()

    def choice(self) -> dict[str, Any]:
        return {
            "path": self.file_edit.text().strip(),
            "over_live": self.over_radio.isChecked(),
            "target": self.target_edit.text().strip(),
            "confirm": self.confirm_edit.text().strip(),
            "login": self.login_edit.text().strip() if self.is_server else None,
            "password": self.password_edit.text() if self.is_server else None,
        }


def _open_settings():  # type: ignore[no-untyped-def]
    try:
        from ejournal_desktop.ui.profiles import open_settings

        return open_settings()
    except Exception:
        return None


def reminder_banner(window: Any) -> None:
    """For the main window's status bar: a link to «Резервные копии» when a copy is overdue (admins only).

    The last verified copy is read off the GUI thread, so the window opens at once; when the read
    comes back with an overdue copy, the label goes into `window.statusBar()` and is kept as
    `window.backup_reminder`. Nothing is read for those who may not make copies.
    """
    session: UserSession = window.session
    if not can(session.user.roles, Action.BACKUP_MANAGE):
        return

    def show(state: tuple[str | None, dt.datetime | None]) -> None:
        label = _reminder_label(window, *state)
        if label is not None:
            window.backup_reminder = label
            window.statusBar().insertPermanentWidget(0, label, 1)

    # one read of the last verified copy, not two; a reminder must never trouble the window: errors are dropped
    run_in_background(lambda: backup.reminder_state(session), show, lambda _error: None, context=window)


def _reminder_label(window: Any, text: str | None, last: dt.datetime | None) -> QLabel | None:
    if not text:
        return None
    when = _local(last)[:10] if last else ""
    short = tr("Последняя проверенная копия — {0}").format(when) if last else tr("Резервных копий ещё не было")
    label = QLabel(tr('⚠ {0}. <a href="backup">Создать копию…</a>').format(short))
    label.setObjectName("backupReminder")
    label.setStyleSheet(BANNER_STYLE.replace("padding: 6px", "padding: 1px 6px"))
    label.setToolTip(text)
    open_section = getattr(window, "open_section", None)
    if callable(open_section) and "backup" in getattr(window, "section_keys", list)():
        label.linkActivated.connect(lambda _link: open_section("backup"))
    return label
