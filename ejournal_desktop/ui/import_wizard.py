"""«Импорт из Excel…»: choose a file → map the columns → preview with every problem on its row → import.

The mapping is remembered in the settings file (by header text, per field). The import itself runs
in a worker thread with progress and a safe cancel (the service rolls back its one transaction).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.services import contingent_import as imp
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.contingent_sheet import COLUMNS, Sheet, auto_mapping, header_key, read_sheet
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.partials.table_model import Column, RowsModel
from ejournal_desktop.ui.profiles import open_settings

ERROR_STYLE = "color: #b00020;"
SETTINGS_GROUP = "contingent_import_mapping"
SKIP = tr("— не загружать —")
ACTION_LABELS = {"new": tr("добавить"), "update": tr("обновить"), "same": tr("без изменений")}


class ImportWorker(QThread):
    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, session: UserSession, path: str, mapping: dict[str, str | None], only_clean: bool) -> None:
        super().__init__()
        self.session, self.path, self.mapping, self.only_clean = session, path, mapping, only_clean

    def run(self) -> None:
        try:
            result = imp.import_students(
                self.session,
                self.path,
                self.mapping,
                only_clean_rows=self.only_clean,
                progress=lambda fraction, stage: self.progressed.emit(fraction, stage),
                cancelled=self.isInterruptionRequested,
            )
        except DomainError as exc:
            self.failed.emit(exc.message)
        except Exception as exc:  # a lost connection must not kill the GUI thread's wizard
            self.failed.emit(tr("Импорт не выполнен: {0}").format(exc))
        else:
            self.succeeded.emit(result)


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("Файл со списком"))
        self.setSubTitle(
            tr("Книга Excel (XLSX): первая строка — заголовки столбцов (Фамилия, Имя, Дата рождения, Группа …)")
        )
        self.path_edit = QLineEdit()
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton(tr("Обзор…"))
        browse.clicked.connect(self.browse)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Список обучающихся"), "", tr("Книга Excel (*.xlsx)"))
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        try:
            self.owner.sheet = read_sheet(self.path_edit.text().strip())
        except DomainError as exc:
            self.error.setText(exc.message)
            return False
        self.owner.path = self.path_edit.text().strip()
        self.error.clear()
        return True


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("Сопоставление столбцов"))
        self.setSubTitle(tr("Какой столбец файла что содержит. Выбор запоминается для следующих файлов."))
        self.form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        for column in COLUMNS:
            combo = QComboBox()
            self.combos[column.field] = combo
            self.form.addRow(column.title + (" *" if column.required else ""), combo)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)

    def initializePage(self) -> None:
        sheet = self.owner.sheet
        assert sheet is not None
        try:
            guess = auto_mapping(sheet.headers)
        except DomainError:
            guess = {}
        remembered = self.owner.remembered_mapping()
        keys = [header_key(h) for h in sheet.headers]
        for field, combo in self.combos.items():
            combo.clear()
            combo.addItem(SKIP, None)
            for header in sheet.headers:
                if header:
                    combo.addItem(header, header)
            choice = None
            if field in guess:
                choice = sheet.headers[guess[field]]
            wanted = remembered.get(field)
            if wanted and header_key(wanted) in keys:
                choice = sheet.headers[keys.index(header_key(wanted))]
            combo.setCurrentIndex(max(combo.findData(choice), 0) if choice else 0)

    def mapping(self) -> dict[str, str | None]:
        return {field: combo.currentData() for field, combo in self.combos.items()}

    def validatePage(self) -> bool:
        mapping = self.mapping()
        try:
            self.owner.preview = imp.preview_import(self.owner.session, self.owner.path, mapping)
        except DomainError as exc:
            self.error.setText(exc.message)
            return False
        self.owner.mapping = mapping
        self.owner.remember_mapping(mapping)
        self.error.clear()
        return True


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("Проверка строк"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = RowsModel(
            [
                Column(tr("Строка"), lambda r: r.row_number),
                Column(tr("Фамилия"), lambda r: r.last_name),
                Column(tr("Имя"), lambda r: r.first_name),
                Column(tr("Отчество"), lambda r: r.middle_name),
                Column(tr("Дата рождения"), lambda r: r.birth_date),
                Column(tr("Группа"), lambda r: r.group_name),
                Column(tr("№ книжки"), lambda r: r.record_book_no),
                Column(tr("Родитель"), lambda r: r.parent_name),
                Column(tr("Действие"), lambda r: tr("ошибка") if r.problems else ACTION_LABELS[r.action]),
                Column(tr("Ошибки"), lambda r: "; ".join(f"{p.column_name}: {p.message_ru}" for p in r.problems)),
            ],
            self,
        )
        self.model.highlight = lambda r: "\n".join(str(p) for p in r.problems) or None
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().hide()  # the «Строка» column is the spreadsheet's own row number
        self.only_clean = QCheckBox(tr("Загрузить только строки без ошибок (строки с ошибками будут пропущены)"))
        self.only_clean.toggled.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)
        layout.addWidget(self.only_clean)

    def initializePage(self) -> None:
        preview = self.owner.preview
        assert preview is not None
        self.model.set_rows(preview.rows)
        self.view.resizeColumnsToContents()
        bad = len(preview.rows) - len(preview.clean_rows)
        text = tr("Строк: {0}. Будет добавлено: {1}, обновлено: {2}, без изменений: {3}.").format(
            len(preview.rows), preview.count("new"), preview.count("update"), preview.count("same")
        )
        if bad:
            text += tr(" <span style='{0}'>Строк с ошибками: {1} — они выделены; наведите на строку.</span>").format(
                ERROR_STYLE, bad
            )
            text += tr(" Исправьте файл или явно выберите загрузку только строк без ошибок.")
        self.summary.setText(text)
        self.only_clean.setVisible(bool(bad))
        self.only_clean.setChecked(False)

    def isComplete(self) -> bool:
        preview = self.owner.preview
        return preview is not None and (not preview.problems or self.only_clean.isChecked())


class RunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("Импорт"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.cancel_button = QPushButton(tr("Прервать"))
        self.cancel_button.clicked.connect(self.cancel)
        self.done = False
        self.worker: ImportWorker | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.cancel_button)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.done = False
        preview_page = self.owner.preview_page
        self.worker = ImportWorker(
            self.owner.session, self.owner.path, self.owner.mapping, preview_page.only_clean.isChecked()
        )
        self.worker.progressed.connect(self._progress)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.status.setText(tr("Идёт импорт…"))
        self.cancel_button.setEnabled(True)
        self.worker.start()

    def _progress(self, fraction: float, stage: str) -> None:
        self.bar.setValue(int(fraction * 100))
        self.status.setText(stage)

    def _finish(self, text: str) -> None:
        self.status.setText(text)
        self.cancel_button.setEnabled(False)
        self.done = True
        self.completeChanged.emit()
        self.owner.import_finished.emit()

    def _succeeded(self, result: imp.ImportResult) -> None:
        self.bar.setValue(100)
        self.owner.imported = result
        self._finish(result.summary_ru())

    def _failed(self, message: str) -> None:
        self._finish(f"<span style='{ERROR_STYLE}'>{message}</span>")

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.requestInterruption()

    def isComplete(self) -> bool:
        return self.done


class ImportWizard(QWizard):
    import_finished = Signal()

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(tr("Импорт обучающихся из Excel"))
        self.setButtonText(QWizard.WizardButton.NextButton, tr("Далее >"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("< Назад"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("Готово"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("Отмена"))
        self.path = ""
        self.sheet: Sheet | None = None
        self.mapping: dict[str, str | None] = {}
        self.preview: imp.ImportPreview | None = None
        self.imported: imp.ImportResult | None = None
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.run_page = RunPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.run_page):
            self.addPage(page)
        self.resize(980, 620)

    def remembered_mapping(self) -> dict[str, str]:
        settings = open_settings()
        settings.beginGroup(SETTINGS_GROUP)
        result = {key: str(settings.value(key, "")) for key in settings.childKeys()}
        settings.endGroup()
        return result

    def remember_mapping(self, mapping: dict[str, str | None]) -> None:
        settings = open_settings()
        settings.beginGroup(SETTINGS_GROUP)
        for field, header in mapping.items():
            settings.setValue(field, header or "")
        settings.endGroup()
        settings.sync()

    def open_file(self, path: str | Path) -> None:
        """Start on a given file (a dropped file, a test)."""
        self.file_page.path_edit.setText(str(path))

    def reject(self) -> None:
        worker = self.run_page.worker
        if worker is not None and worker.isRunning():
            worker.requestInterruption()
            worker.wait()
        super().reject()
