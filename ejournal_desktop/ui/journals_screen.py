"""«Мои журналы»: the teacher's journals of a period with their state; opening one shows its grid.

The list and the open journal share one page (a stacked widget): «← Мои журналы» comes back to the
list, refreshed. A deputy or an admin may switch to every journal of the college; everyone has a
filter box. A journal left with saves still on their way keeps its queue running until it is done.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.domain.permissions import Action, Scope, Section, allowed_scopes
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.background import run_in_background
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.journal_view import JournalView
from ejournal_desktop.ui.main_window import register_page
from ejournal_desktop.ui.partials.period_combo import fill_period_combo
from ejournal_desktop.ui.partials.table_model import ROW_ROLE, Column, RowsModel, SearchProxy
from ejournal_desktop.ui.partials.title_label import title_label

log = logging.getLogger(__name__)


def _hours(j: gb.JournalSummary) -> str:
    return f"{j.given_hours} / {j.planned_hours}"


def _problem(j: gb.JournalSummary) -> str | None:
    if j.lessons_without_marks:
        return tr("Прошедших занятий без оценок и отметок: {0}").format(j.lessons_without_marks)
    return None


OWN_COLUMNS = [
    Column(tr("Группа"), lambda j: j.group_name),
    Column(tr("Индекс"), lambda j: j.discipline_code),
    Column(tr("Дисциплина"), lambda j: j.discipline_name),
    Column(tr("Подгруппа"), lambda j: j.subgroup or tr("вся группа")),
    Column(tr("Проведено / по плану, ч."), _hours),
    Column(tr("Последняя запись"), lambda j: j.last_entry_on),
    Column(tr("Занятий без оценок"), lambda j: j.lessons_without_marks),
    Column(tr("Доступ"), lambda j: tr("ведение") if j.can_write else tr("просмотр")),
]
ALL_COLUMNS = [*OWN_COLUMNS[:4], Column(tr("Преподаватель"), lambda j: j.teacher_name), *OWN_COLUMNS[4:]]


class JournalList(QWidget):
    """The list page: period, scope, filter, table."""

    open_requested = Signal(int)  # assignment_id
    loaded = Signal()

    def __init__(self, session: UserSession, today: dt.date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.today = today
        self.may_see_all = Scope.ALL in allowed_scopes(session.user.roles, Action.JOURNAL_READ)
        self.period_combo = QComboBox()
        self.period_combo.setMinimumWidth(260)
        self.scope_combo = QComboBox()
        self.scope_combo.addItem(tr("Мои журналы"), "own")
        self.scope_combo.addItem(tr("Все журналы техникума"), "all")
        self.scope_combo.setVisible(self.may_see_all)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(tr("Фильтр: группа, дисциплина, преподаватель…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.model = RowsModel(OWN_COLUMNS, self)
        self.model.highlight = _problem
        self.proxy = SearchProxy(self.model, self)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.activated.connect(self._activated)
        self.note = QLabel()
        self.note.setStyleSheet("color: #555;")

        title = title_label(tr("Мои журналы"))
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Период:")))
        top.addWidget(self.period_combo)
        top.addWidget(self.scope_combo)
        top.addWidget(self.filter_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

        self.period_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.scope_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self._load_periods()

    def _load_periods(self) -> None:
        session, today = self.session, self.today

        def fetch() -> tuple[list[gb.PeriodInfo], int | None]:
            return gb.periods_and_current(session, today)

        run_in_background(fetch, self._show_periods, self._show_error, context=self)

    def _show_periods(self, result: tuple[list[gb.PeriodInfo], int | None]) -> None:
        periods, current = result
        fill_period_combo(self.period_combo, periods, current)
        if not periods:
            self.note.setText(tr("Периоды обучения ещё не созданы: обратитесь к секретарю учебной части"))
            self.loaded.emit()
            return
        self.refresh()

    def period_id(self) -> int | None:
        return self.period_combo.currentData()

    def scope(self) -> str:
        return str(self.scope_combo.currentData()) if self.may_see_all else "own"

    def refresh(self) -> None:
        period_id = self.period_id()
        if period_id is None:
            return
        session, scope, today = self.session, self.scope(), self.today
        self.note.setText(tr("Загрузка…"))
        run_in_background(
            lambda: gb.my_journals(session, period_id, scope=scope, today=today),
            self._show_journals,
            self._show_error,
            context=self,
        )

    def _show_journals(self, journals: list[gb.JournalSummary]) -> None:
        columns = ALL_COLUMNS if self.scope() == "all" else OWN_COLUMNS
        if self.model.columns != columns:
            self.model.columns = columns
        self.model.set_rows(journals)
        header = self.table.horizontalHeader()
        header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        discipline = 2
        header.resizeSection(discipline, min(max(header.sectionSize(discipline), 220), 420))
        missing = sum(1 for j in journals if j.lessons_without_marks)
        text = tr("Журналов: {0}").format(len(journals))
        if missing:
            text += tr(" · с незаполненными занятиями: {0} (выделены цветом)").format(missing)
        if not journals:
            text = tr("В этом периоде журналов нет")
        self.note.setText(text + tr(" · Открыть журнал — двойной щелчок или Enter"))
        if journals and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self.loaded.emit()

    def _show_error(self, error: Exception) -> None:
        if not isinstance(error, DomainError):
            log.error("listing journals failed", exc_info=error)
        self.note.setText(
            error.message if isinstance(error, DomainError) else tr("Не удалось получить список журналов")
        )
        self.loaded.emit()

    def journals(self) -> list[gb.JournalSummary]:
        return self.proxy.visible_rows()

    def _activated(self, index: QModelIndex) -> None:
        summary = index.data(ROW_ROLE)
        if summary is not None:
            self.open_requested.emit(summary.assignment_id)


@register_page("journals")
class JournalsScreen(QWidget):
    journal_opened = Signal(object)  # JournalView

    def __init__(self, session: UserSession, section: Section | None = None, *, today: dt.date | None = None) -> None:
        super().__init__()
        self.session = session
        self.today = today
        self.list = JournalList(session, today)
        self.list.open_requested.connect(self.open_journal)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.view: JournalView | None = None
        self._draining: list[JournalView] = []  # closed journals still sending their saves
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def open_journal(self, assignment_id: int) -> JournalView:
        self.close_journal()
        for old in [v for v in self._draining if v.assignment_id == assignment_id]:
            # The new view restores this journal's unsent edits from the outbox and sends them;
            # the old one must not send the same edits a second time.
            if old.queue is not None:
                old.queue.stop()
            self._draining.remove(old)
            old.deleteLater()
        view = JournalView(self.session, assignment_id, today=self.today)
        view.back_requested.connect(self.back_to_list)
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        self.view = view
        self.journal_opened.emit(view)
        return view

    def back_to_list(self) -> None:
        self.close_journal()
        self.stack.setCurrentWidget(self.list)
        self.list.refresh()
        self.list.table.setFocus()

    def close_journal(self) -> None:
        view, self.view = self.view, None
        if view is None:
            return
        self.stack.removeWidget(view)
        if view.has_unsaved() and view.queue is not None:
            # Its saves are still on their way (or waiting for the connection): let them finish.
            self._draining.append(view)
            view.queue.idle.connect(lambda: self._drained(view))
        else:
            view.deleteLater()

    def _drained(self, view: JournalView) -> None:
        if view in self._draining:
            self._draining.remove(view)
            view.deleteLater()
