"""«Контингент»: the secretary's lists — groups, students, parents, staff, specialties, disciplines, periods.

Every tab is a `ListTab` (filter as you type, sort by any column, export to XLSX) over one service
call; edits go through a form dialog that calls the service and shows its Russian refusal.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QMessageBox, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ejournal_desktop.domain.errors import ValidationError
from ejournal_desktop.domain.permissions import Action, Section, can
from ejournal_desktop.services import consents
from ejournal_desktop.services import contingent as ct
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.main_window import register_page
from ejournal_desktop.ui.partials.form_dialog import Field, FormDialog, date_text
from ejournal_desktop.ui.partials.list_tab import ListTab
from ejournal_desktop.ui.partials.table_model import ROW_ROLE, Column
from ejournal_desktop.ui.partials.title_label import title_label

PERSON_FIELDS = (
    Field("last_name", tr("Фамилия")),
    Field("first_name", tr("Имя")),
    Field("middle_name", tr("Отчество")),
)
CONTACT_FIELDS = (Field("phone", tr("Телефон")), Field("email", "E-mail"), Field("address", tr("Адрес")))
# A new student may come with the enrolment order (зачисление): then the history starts with it.
ENROL_FIELDS = (
    Field("order_no", tr("Приказ о зачислении: №")),
    Field("order_date", tr("дата приказа (дд.мм.гггг)")),
    Field("effective_date", tr("вступает в силу (дд.мм.гггг)")),
)


@register_page("contingent")
class ContingentScreen(QWidget):
    def __init__(self, session: UserSession, section: Section | None = None) -> None:
        super().__init__()
        self.session = session
        self.writable = can(session.user.roles, Action.CONTINGENT_WRITE)
        self.consents: dict[int, consents.ConsentInfo] = {}  # person id → latest consent
        title = title_label(tr("Контингент"))
        self.tabs = QTabWidget()
        self.groups = self._groups_tab()
        self.students = self._students_tab()
        self.parents = ListTab(
            tr("Родители"),
            [
                Column(tr("ФИО"), lambda p: p.full_name),
                Column(tr("Телефон"), lambda p: p.phone),
                Column("E-mail", lambda p: p.email),
                Column(tr("Дети (группа)"), lambda p: p.children),
                Column(tr("Согласие ПД"), lambda p: self._consent(p.id)),
            ],
            self._load_parents,
            edit=self._edit_parent,
        )
        self.staff = ListTab(
            tr("Сотрудники"),
            [
                Column(tr("ФИО"), lambda s: s.full_name),
                Column(tr("Должность"), lambda s: s.position),
                Column(tr("Роли в ЭЖ"), lambda s: s.roles),
                Column(tr("Логин"), lambda s: s.login),
                Column(tr("Телефон"), lambda s: s.phone),
                Column("E-mail", lambda s: s.email),
            ],
            lambda: ct.list_staff(session),
            edit=self._edit_staff if self.writable else None,
        )
        self.specialties = ListTab(
            tr("Специальности"),
            [
                Column(tr("Код"), lambda s: s.code),
                Column(tr("Наименование"), lambda s: s.name),
                Column(tr("Квалификация"), lambda s: s.qualification),
                Column(tr("Групп"), lambda s: s.group_count),
            ],
            lambda: ct.list_specialties(session),
            edit=self._edit_specialty if self.writable else None,
            remove=(lambda s: ct.delete_specialty(session, s.id)) if self.writable else None,
        )
        self.disciplines = ListTab(
            tr("Дисциплины"),
            [
                Column(tr("Индекс"), lambda d: d.code),
                Column(tr("Наименование"), lambda d: d.name),
                Column(tr("Вид"), lambda d: d.kind),
            ],
            lambda: ct.list_disciplines(session),
            edit=self._edit_discipline if self.writable else None,
            remove=(lambda d: ct.delete_discipline(session, d.id)) if self.writable else None,
        )
        self.periods = ListTab(
            tr("Периоды"),
            [
                Column(tr("Учебный год"), lambda p: p.academic_year),
                Column(tr("Семестр"), lambda p: p.number),
                Column(tr("Начало"), lambda p: p.starts_on),
                Column(tr("Окончание"), lambda p: p.ends_on),
                Column(tr("Закрыт"), lambda p: p.is_closed),
            ],
            lambda: ct.list_periods(session),
            edit=self._edit_period if can(session.user.roles, Action.PERIOD_WRITE) else None,
            remove=(lambda p: ct.delete_period(session, p.id))
            if can(session.user.roles, Action.PERIOD_WRITE)
            else None,
        )
        for tab, name in (
            (self.groups, tr("Группы")),
            (self.students_page, tr("Обучающиеся")),
            (self.parents, tr("Родители")),
            (self.staff, tr("Сотрудники")),
            (self.specialties, tr("Специальности")),
            (self.disciplines, tr("Дисциплины")),
            (self.periods, tr("Периоды")),
        ):
            self.tabs.addTab(tab, name)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs)
        self.refresh()

    def refresh(self) -> None:
        for tab in (self.groups, self.students, self.parents, self.staff, self.specialties, self.disciplines):
            tab.refresh()
        self.periods.refresh()
        self._fill_group_filter()

    # -- tabs -----------------------------------------------------------------------------------

    def _groups_tab(self) -> ListTab:
        tab = ListTab(
            tr("Группы"),
            [
                Column(tr("Группа"), lambda g: g.name),
                Column(tr("Специальность"), lambda g: g.specialty_code),
                Column(tr("Курс"), lambda g: g.course),
                Column(tr("Год набора"), lambda g: g.admission_year),
                Column(tr("База"), lambda g: tr("{0} кл.").format(g.base_grade)),
                Column(tr("Куратор"), lambda g: g.curator_name),
                Column(tr("Обучающихся"), lambda g: g.student_count),
                Column(tr("В архиве"), lambda g: g.is_archived),
            ],
            lambda: ct.list_groups(self.session),
            edit=self._edit_group if self.writable else None,
            remove=(lambda g: ct.delete_group(self.session, g.id)) if self.writable else None,
        )
        self.roster_button = QPushButton(tr("Список на дату…"))
        self.roster_button.setToolTip(tr("Список группы на выбранную дату по приказам: PDF или Excel (Ctrl+P)"))
        self.roster_button.setShortcut(QKeySequence("Ctrl+P"))
        self.roster_button.clicked.connect(self.open_roster)
        tab.toolbar.addWidget(self.roster_button)
        year_actions = (Action.PERIOD_WRITE, Action.MOVEMENT_WRITE, Action.CONTINGENT_WRITE, Action.LOAD_WRITE)
        if all(can(self.session.user.roles, a) for a in year_actions):
            self.new_year_button = QPushButton(tr("Новый учебный год…"))
            self.new_year_button.clicked.connect(self.open_new_year)
            tab.toolbar.addWidget(self.new_year_button)
        return tab

    def _students_tab(self) -> ListTab:
        tab = ListTab(
            tr("Обучающиеся"),
            [
                Column(tr("ФИО"), lambda s: s.full_name),
                Column(tr("Группа"), lambda s: s.group_name),
                Column(tr("Дата рождения"), lambda s: s.birth_date),
                Column(tr("№ зачётной книжки"), lambda s: s.record_book_no),
                Column(tr("Статус"), lambda s: s.status_label),
                Column(tr("Подгруппа"), lambda s: s.subgroup),
                Column(tr("Телефон"), lambda s: s.phone),
                Column(tr("Родители"), lambda s: s.parents),
                Column(tr("Согласие ПД"), lambda s: self._consent(s.person_id)),
            ],
            self._load_students,
            edit=self._edit_student,
            placeholder=tr("Поиск по ФИО, группе, номеру книжки: начните вводить…"),
        )
        self.group_filter = QComboBox()
        self.group_filter.currentIndexChanged.connect(self._apply_group_filter)
        tab.toolbar.insertWidget(0, self.group_filter)
        self.no_consent = QCheckBox(tr("без согласия"))
        self.no_consent.setToolTip(tr("Только обучающиеся без согласия на обработку персональных данных"))
        self.no_consent.toggled.connect(self._apply_group_filter)
        tab.toolbar.insertWidget(1, self.no_consent)
        self.card_button = QPushButton(tr("Карточка…"))
        self.card_button.setShortcut(QKeySequence("Ctrl+K"))
        self.card_button.clicked.connect(self.open_card)
        tab.toolbar.addWidget(self.card_button)
        if can(self.session.user.roles, Action.MOVEMENT_WRITE):
            self.move_button = QPushButton(tr("Движение…"))
            self.move_button.setToolTip(tr("Приказ для выбранных: перевод, отпуск, отчисление, выпуск… (Ctrl+M)"))
            self.move_button.setShortcut(QKeySequence("Ctrl+M"))
            self.move_button.clicked.connect(self.open_movement)
            tab.toolbar.addWidget(self.move_button)
        if can(self.session.user.roles, Action.IMPORT_CONTINGENT):
            self.import_button = QPushButton(tr("Импорт из Excel…"))
            self.import_button.clicked.connect(self.open_import)
            tab.toolbar.addWidget(self.import_button)
        self.students_page = tab
        return tab

    def _fill_group_filter(self) -> None:
        current = self.group_filter.currentData()
        self.group_filter.blockSignals(True)
        self.group_filter.clear()
        self.group_filter.addItem(tr("Все группы"), None)
        for group in self.groups.model.rows:
            self.group_filter.addItem(group.name, group.id)
        self.group_filter.setCurrentIndex(max(self.group_filter.findData(current), 0))
        self.group_filter.blockSignals(False)
        self._apply_group_filter()

    def _apply_group_filter(self) -> None:
        group_id = self.group_filter.currentData()
        missing = self.no_consent.isChecked()
        if group_id is None and not missing:
            self.students.proxy.set_row_filter(None)
            return

        def keep(s: ct.StudentRow) -> bool:
            if group_id is not None and s.group_id != group_id:
                return False
            return not (missing and (s.person_id in self.consents or s.status not in ("studying", "academic_leave")))

        self.students.proxy.set_row_filter(keep)

    # -- loads: the list and the consents on file (two queries) --------------------------------

    def _load_students(self) -> list[ct.StudentRow]:
        rows = ct.list_students(self.session)
        self.consents = consents.consents_on_file(self.session)
        return rows

    def _load_parents(self) -> list[ct.ParentRow]:
        rows = ct.list_parents(self.session)
        self.consents = consents.consents_on_file(self.session)
        return rows

    def _consent(self, person_id: int) -> object:
        info = self.consents.get(person_id)
        return info.signed_on if info else tr("нет")

    def selected_students(self) -> list[ct.StudentRow]:
        view = self.students.view
        rows = [index.data(ROW_ROLE) for index in view.selectionModel().selectedRows()]
        if not rows and (current := self.students.current_row()) is not None:
            rows = [current]
        return [r for r in rows if r is not None]

    # -- dialogs --------------------------------------------------------------------------------

    def _form(self, title: str, fields: Any, values: dict[str, object], save: Any) -> bool:
        dialog = FormDialog(title, fields, values, save, self)
        return bool(dialog.exec())

    def _edit_specialty(self, row: ct.SpecialtyRow | None) -> bool:
        fields = (
            Field("code", tr("Код")),
            Field("name", tr("Наименование")),
            Field("qualification", tr("Квалификация")),
        )
        values = {"code": row.code, "name": row.name, "qualification": row.qualification} if row else {}
        return self._form(
            tr("Специальность"), fields, values, lambda v: ct.save_specialty(self.session, v, row and row.id)
        )

    def _edit_group(self, row: ct.GroupRow | None) -> bool:
        specialties = [(f"{s.code} {s.name}", s.id) for s in self.specialties.model.rows]
        curators = [(tr("— нет —"), None)] + [(s.full_name, s.id) for s in self.staff.model.rows]
        fields = (
            Field("name", tr("Группа")),
            Field("specialty_id", tr("Специальность"), "choice", specialties),
            Field("course", tr("Курс"), "int", minimum=1, maximum=4),
            Field("admission_year", tr("Год набора"), "int", minimum=1990, maximum=2100),
            Field("base_grade", tr("База"), "choice", ((tr("9 классов"), 9), (tr("11 классов"), 11))),
            Field("curator_id", tr("Куратор"), "choice", curators),
            Field("is_archived", tr("В архиве"), "choice", ((tr("нет"), False), (tr("да"), True))),
        )
        values: dict[str, object] = {"course": 1, "admission_year": 2026}
        if row:
            values = {f.key: getattr(row, f.key) for f in fields}
        return self._form(tr("Группа"), fields, values, lambda v: ct.save_group(self.session, v, row and row.id))

    def _edit_staff(self, row: ct.StaffRow | None) -> bool:
        fields = (
            *PERSON_FIELDS,
            Field("position", tr("Должность")),
            Field("phone", tr("Телефон")),
            Field("email", "E-mail"),
        )
        values = {f.key: getattr(row, f.key) for f in fields} if row else {}
        return self._form(tr("Сотрудник"), fields, values, lambda v: ct.save_staff(self.session, v, row and row.id))

    def _edit_discipline(self, row: ct.DisciplineRow | None) -> bool:
        kinds = [(k, k) for k in ct.DISCIPLINE_KINDS]
        fields = (
            Field("code", tr("Индекс")),
            Field("name", tr("Наименование")),
            Field("kind", tr("Вид"), "choice", kinds),
        )
        values = {"code": row.code, "name": row.name, "kind": row.kind} if row else {}
        return self._form(
            tr("Дисциплина"), fields, values, lambda v: ct.save_discipline(self.session, v, row and row.id)
        )

    def _edit_period(self, row: ct.PeriodRow | None) -> bool:
        fields = (
            Field("academic_year", tr("Учебный год (2026/2027)")),
            Field("number", tr("Семестр"), "choice", (("1", 1), ("2", 2))),
            Field("starts_on", tr("Начало (дд.мм.гггг)")),
            Field("ends_on", tr("Окончание (дд.мм.гггг)")),
        )
        values: dict[str, object] = {}
        if row:
            values = {
                "academic_year": row.academic_year,
                "number": row.number,
                "starts_on": date_text(row.starts_on),
                "ends_on": date_text(row.ends_on),
            }
        return self._form(tr("Период"), fields, values, lambda v: ct.save_period(self.session, v, row and row.id))

    def _edit_student(self, row: ct.StudentRow | None) -> bool:
        if not self.writable:
            if row is None:
                return False
            values = {"phone": row.phone, "email": row.email, "address": row.address}
            return self._form(
                tr("Контакты обучающегося"),
                CONTACT_FIELDS,
                values,
                lambda v: ct.update_student(self.session, row.id, v),
            )
        groups = [(g.name, g.id) for g in self.groups.model.rows if not g.is_archived]
        fields = (
            *PERSON_FIELDS,
            Field("birth_date", tr("Дата рождения")),
            Field("record_book_no", tr("№ зачётной книжки")),
            *CONTACT_FIELDS,
        )
        if row is None:
            fields = (*fields, Field("group_id", tr("Группа"), "choice", groups))
            if can(self.session.user.roles, Action.MOVEMENT_WRITE):
                fields = (*fields, *ENROL_FIELDS)
            return self._form(tr("Новый обучающийся"), fields, {}, self._create_student)
        values = {f.key: getattr(row, f.key) for f in fields}
        values["birth_date"] = date_text(row.birth_date)
        return self._form(tr("Обучающийся"), fields, values, lambda v: ct.update_student(self.session, row.id, v))

    def _create_student(self, values: dict[str, object]) -> int:
        """A new student: by an enrolment order when its number is given, else just into the list."""
        from ejournal_desktop.services import movements as mv
        from ejournal_desktop.services.contingent_common import to_date

        number = str(values.pop("order_no", "") or "").strip()
        order_day = to_date(values.pop("order_date", None), tr("Дата приказа"), "order_date")
        effective = to_date(values.pop("effective_date", None), tr("Вступает в силу"), "effective_date")
        if not number and order_day is None and effective is None:
            return ct.create_student(self.session, values)
        if order_day is None:
            raise ValidationError(tr("Не заполнено поле «Дата приказа»"), field="order_date")
        group_id = values.pop("group_id", None)
        if not group_id:
            raise ValidationError(tr("Не выбрана группа"), field="group_id")
        order = mv.Order(number, order_day, effective or order_day)
        return mv.enrol(self.session, values, int(group_id), order)  # type: ignore[call-overload]

    def _edit_parent(self, row: ct.ParentRow | None) -> bool:
        if row is None:
            student = self.students.current_row()
            if student is None:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.information(self, tr("Родители"), tr("Нового родителя добавляют из карточки обучающегося"))
                return False
            return self.add_parent_to(student.id)
        fields = (*PERSON_FIELDS, *CONTACT_FIELDS)
        values = {f.key: getattr(row, f.key) for f in fields}
        return self._form(tr("Родитель"), fields, values, lambda v: ct.save_parent(self.session, v, row.id))

    def add_parent_to(self, student_id: int) -> bool:
        fields = (*PERSON_FIELDS, *CONTACT_FIELDS, Field("relation", tr("Кем приходится")))
        values = {"relation": tr("мать")}

        def save(v: dict[str, object]) -> object:
            relation = str(v.pop("relation") or tr("родитель"))
            return ct.save_parent(self.session, v, student_id=student_id, relation=relation)

        saved = self._form(tr("Новый родитель"), fields, values, save)
        if saved:
            self.parents.refresh()
        return saved

    def open_card(self) -> None:
        from ejournal_desktop.ui.student_card import StudentCardDialog

        row = self.students.current_row()
        if row is None:
            QMessageBox.information(self, tr("Карточка"), tr("Выберите обучающегося в таблице"))
            return
        card = StudentCardDialog(self.session, row.id, self)
        card.exec()
        if card.changed:
            self.refresh()

    def open_movement(self) -> bool:
        """One order for the selected students (several rows: a group-wide order)."""
        from ejournal_desktop.ui.movement_dialog import MovementDialog, Mover

        chosen = self.selected_students()
        if not chosen:
            QMessageBox.information(self, tr("Движение по приказу"), tr("Выберите обучающихся в таблице"))
            return False
        groups = [(g.name, g.id) for g in self.groups.model.rows if not g.is_archived]
        movers = [Mover(s.id, s.full_name, s.group_id, s.group_name, s.status) for s in chosen]
        dialog = MovementDialog(self.session, movers, groups, self)
        self.movement_dialog = dialog
        if dialog.exec():
            self.refresh()
            return True
        return False

    def open_roster(self) -> None:
        from ejournal_desktop.ui.roster_dialog import RosterDialog

        groups = [(g.name, g.id) for g in self.groups.model.rows]
        current = self.groups.current_row()
        RosterDialog(self.session, groups, current.id if current else None, self).exec()

    def open_new_year(self) -> None:
        from ejournal_desktop.ui.new_year_dialog import NewYearDialog

        dialog = NewYearDialog(self.session, self)
        dialog.exec()
        if dialog.result_plan is not None:
            self.refresh()

    def open_import(self) -> None:
        from ejournal_desktop.ui.import_wizard import ImportWizard

        wizard = ImportWizard(self.session, self)
        wizard.exec()
        if wizard.imported:
            self.refresh()
