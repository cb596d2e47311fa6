"""«Контингент»: the secretary's lists — groups, students, parents, staff, specialties, disciplines, periods.

Every tab is a `ListTab` (filter as you type, sort by any column, export to XLSX) over one service
call; edits go through a form dialog that calls the service and shows its Russian refusal.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ejournal_desktop.domain.permissions import Action, Section, can
from ejournal_desktop.services import contingent as ct
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.main_window import register_page
from ejournal_desktop.ui.partials.form_dialog import Field, FormDialog, date_text
from ejournal_desktop.ui.partials.list_tab import ListTab
from ejournal_desktop.ui.partials.table_model import Column

PERSON_FIELDS = (
    Field("last_name", "Фамилия"),
    Field("first_name", "Имя"),
    Field("middle_name", "Отчество"),
)
CONTACT_FIELDS = (Field("phone", "Телефон"), Field("email", "E-mail"), Field("address", "Адрес"))


@register_page("contingent")
class ContingentScreen(QWidget):
    def __init__(self, session: UserSession, section: Section | None = None) -> None:
        super().__init__()
        self.session = session
        self.writable = can(session.user.roles, Action.CONTINGENT_WRITE)
        title = QLabel("Контингент")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.tabs = QTabWidget()
        self.groups = self._groups_tab()
        self.students = self._students_tab()
        self.parents = ListTab(
            "Родители",
            [
                Column("ФИО", lambda p: p.full_name),
                Column("Телефон", lambda p: p.phone),
                Column("E-mail", lambda p: p.email),
                Column("Дети (группа)", lambda p: p.children),
            ],
            lambda: ct.list_parents(session),
            edit=self._edit_parent,
        )
        self.staff = ListTab(
            "Сотрудники",
            [
                Column("ФИО", lambda s: s.full_name),
                Column("Должность", lambda s: s.position),
                Column("Роли в ЭЖ", lambda s: s.roles),
                Column("Логин", lambda s: s.login),
                Column("Телефон", lambda s: s.phone),
                Column("E-mail", lambda s: s.email),
            ],
            lambda: ct.list_staff(session),
            edit=self._edit_staff if self.writable else None,
        )
        self.specialties = ListTab(
            "Специальности",
            [
                Column("Код", lambda s: s.code),
                Column("Наименование", lambda s: s.name),
                Column("Квалификация", lambda s: s.qualification),
                Column("Групп", lambda s: s.group_count),
            ],
            lambda: ct.list_specialties(session),
            edit=self._edit_specialty if self.writable else None,
            remove=(lambda s: ct.delete_specialty(session, s.id)) if self.writable else None,
        )
        self.disciplines = ListTab(
            "Дисциплины",
            [
                Column("Индекс", lambda d: d.code),
                Column("Наименование", lambda d: d.name),
                Column("Вид", lambda d: d.kind),
            ],
            lambda: ct.list_disciplines(session),
            edit=self._edit_discipline if self.writable else None,
            remove=(lambda d: ct.delete_discipline(session, d.id)) if self.writable else None,
        )
        self.periods = ListTab(
            "Периоды",
            [
                Column("Учебный год", lambda p: p.academic_year),
                Column("Семестр", lambda p: p.number),
                Column("Начало", lambda p: p.starts_on),
                Column("Окончание", lambda p: p.ends_on),
                Column("Закрыт", lambda p: p.is_closed),
            ],
            lambda: ct.list_periods(session),
            edit=self._edit_period if can(session.user.roles, Action.PERIOD_WRITE) else None,
            remove=(lambda p: ct.delete_period(session, p.id)) if self.writable else None,
        )
        for tab, name in (
            (self.groups, "Группы"),
            (self.students_page, "Обучающиеся"),
            (self.parents, "Родители"),
            (self.staff, "Сотрудники"),
            (self.specialties, "Специальности"),
            (self.disciplines, "Дисциплины"),
            (self.periods, "Периоды"),
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
        return ListTab(
            "Группы",
            [
                Column("Группа", lambda g: g.name),
                Column("Специальность", lambda g: g.specialty_code),
                Column("Курс", lambda g: g.course),
                Column("Год набора", lambda g: g.admission_year),
                Column("База", lambda g: f"{g.base_grade} кл."),
                Column("Куратор", lambda g: g.curator_name),
                Column("Обучающихся", lambda g: g.student_count),
                Column("В архиве", lambda g: g.is_archived),
            ],
            lambda: ct.list_groups(self.session),
            edit=self._edit_group if self.writable else None,
            remove=(lambda g: ct.delete_group(self.session, g.id)) if self.writable else None,
        )

    def _students_tab(self) -> ListTab:
        tab = ListTab(
            "Обучающиеся",
            [
                Column("ФИО", lambda s: s.full_name),
                Column("Группа", lambda s: s.group_name),
                Column("Дата рождения", lambda s: s.birth_date),
                Column("№ зачётной книжки", lambda s: s.record_book_no),
                Column("Статус", lambda s: s.status_label),
                Column("Подгруппа", lambda s: s.subgroup),
                Column("Телефон", lambda s: s.phone),
                Column("Родители", lambda s: s.parents),
            ],
            lambda: ct.list_students(self.session),
            edit=self._edit_student,
            placeholder="Поиск по ФИО, группе, номеру книжки: начните вводить…",
        )
        self.group_filter = QComboBox()
        self.group_filter.currentIndexChanged.connect(self._apply_group_filter)
        tab.toolbar.insertWidget(0, self.group_filter)
        self.card_button = QPushButton("Карточка…")
        self.card_button.clicked.connect(self.open_card)
        tab.toolbar.addWidget(self.card_button)
        if can(self.session.user.roles, Action.IMPORT_CONTINGENT):
            self.import_button = QPushButton("Импорт из Excel…")
            self.import_button.clicked.connect(self.open_import)
            tab.toolbar.addWidget(self.import_button)
        self.students_page = tab
        return tab

    def _fill_group_filter(self) -> None:
        current = self.group_filter.currentData()
        self.group_filter.blockSignals(True)
        self.group_filter.clear()
        self.group_filter.addItem("Все группы", None)
        for group in self.groups.model.rows:
            self.group_filter.addItem(group.name, group.id)
        self.group_filter.setCurrentIndex(max(self.group_filter.findData(current), 0))
        self.group_filter.blockSignals(False)
        self._apply_group_filter()

    def _apply_group_filter(self) -> None:
        group_id = self.group_filter.currentData()
        self.students.proxy.set_row_filter(None if group_id is None else (lambda s: s.group_id == group_id))

    # -- dialogs --------------------------------------------------------------------------------

    def _form(self, title: str, fields: Any, values: dict[str, object], save: Any) -> bool:
        dialog = FormDialog(title, fields, values, save, self)
        return bool(dialog.exec())

    def _edit_specialty(self, row: ct.SpecialtyRow | None) -> bool:
        fields = (Field("code", "Код"), Field("name", "Наименование"), Field("qualification", "Квалификация"))
        values = {"code": row.code, "name": row.name, "qualification": row.qualification} if row else {}
        return self._form("Специальность", fields, values, lambda v: ct.save_specialty(self.session, v, row and row.id))

    def _edit_group(self, row: ct.GroupRow | None) -> bool:
        specialties = [(f"{s.code} {s.name}", s.id) for s in self.specialties.model.rows]
        curators = [("— нет —", None)] + [(s.full_name, s.id) for s in self.staff.model.rows]
        fields = (
            Field("name", "Группа"),
            Field("specialty_id", "Специальность", "choice", specialties),
            Field("course", "Курс", "int", minimum=1, maximum=4),
            Field("admission_year", "Год набора", "int", minimum=1990, maximum=2100),
            Field("base_grade", "База", "choice", (("9 классов", 9), ("11 классов", 11))),
            Field("curator_id", "Куратор", "choice", curators),
        )
        values: dict[str, object] = {"course": 1, "admission_year": 2026}
        if row:
            values = {f.key: getattr(row, f.key) for f in fields}
        return self._form("Группа", fields, values, lambda v: ct.save_group(self.session, v, row and row.id))

    def _edit_staff(self, row: ct.StaffRow | None) -> bool:
        fields = (*PERSON_FIELDS, Field("position", "Должность"), Field("phone", "Телефон"), Field("email", "E-mail"))
        values = {f.key: getattr(row, f.key) for f in fields} if row else {}
        return self._form("Сотрудник", fields, values, lambda v: ct.save_staff(self.session, v, row and row.id))

    def _edit_discipline(self, row: ct.DisciplineRow | None) -> bool:
        kinds = [(k, k) for k in ct.DISCIPLINE_KINDS]
        fields = (Field("code", "Индекс"), Field("name", "Наименование"), Field("kind", "Вид", "choice", kinds))
        values = {"code": row.code, "name": row.name, "kind": row.kind} if row else {}
        return self._form("Дисциплина", fields, values, lambda v: ct.save_discipline(self.session, v, row and row.id))

    def _edit_period(self, row: ct.PeriodRow | None) -> bool:
        fields = (
            Field("academic_year", "Учебный год (2026/2027)"),
            Field("number", "Семестр", "choice", (("1", 1), ("2", 2))),
            Field("starts_on", "Начало (дд.мм.гггг)"),
            Field("ends_on", "Окончание (дд.мм.гггг)"),
        )
        values: dict[str, object] = {}
        if row:
            values = {
                "academic_year": row.academic_year,
                "number": row.number,
                "starts_on": date_text(row.starts_on),
                "ends_on": date_text(row.ends_on),
            }
        return self._form("Период", fields, values, lambda v: ct.save_period(self.session, v, row and row.id))

    def _edit_student(self, row: ct.StudentRow | None) -> bool:
        if not self.writable:
            if row is None:
                return False
            values = {"phone": row.phone, "email": row.email, "address": row.address}
            return self._form(
                "Контакты обучающегося", CONTACT_FIELDS, values, lambda v: ct.update_student(self.session, row.id, v)
            )
        groups = [(g.name, g.id) for g in self.groups.model.rows if not g.is_archived]
        fields = (
            *PERSON_FIELDS,
            Field("birth_date", "Дата рождения"),
            Field("record_book_no", "№ зачётной книжки"),
            *CONTACT_FIELDS,
        )
        if row is None:
            fields = (*fields, Field("group_id", "Группа", "choice", groups))
            return self._form("Новый обучающийся", fields, {}, lambda v: ct.create_student(self.session, v))
        values = {f.key: getattr(row, f.key) for f in fields}
        values["birth_date"] = date_text(row.birth_date)
        return self._form("Обучающийся", fields, values, lambda v: ct.update_student(self.session, row.id, v))

    def _edit_parent(self, row: ct.ParentRow | None) -> bool:
        if row is None:
            student = self.students.current_row()
            if student is None:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.information(self, "Родители", "Нового родителя добавляют из карточки обучающегося")
                return False
            return self.add_parent_to(student.id)
        fields = (*PERSON_FIELDS, *CONTACT_FIELDS)
        values = {f.key: getattr(row, f.key) for f in fields}
        return self._form("Родитель", fields, values, lambda v: ct.save_parent(self.session, v, row.id))

    def add_parent_to(self, student_id: int) -> bool:
        fields = (*PERSON_FIELDS, *CONTACT_FIELDS, Field("relation", "Кем приходится"))
        values = {"relation": "мать"}

        def save(v: dict[str, object]) -> object:
            relation = str(v.pop("relation") or "родитель")
            return ct.save_parent(self.session, v, student_id=student_id, relation=relation)

        saved = self._form("Новый родитель", fields, values, save)
        if saved:
            self.parents.refresh()
        return saved

    def open_card(self) -> None:
        from ejournal_desktop.ui.student_card import StudentCardDialog

        row = self.students.current_row()
        if row is None:
            return
        StudentCardDialog(self.session, row.id, self).exec()
        self.students.refresh()

    def open_import(self) -> None:
        from ejournal_desktop.ui.import_wizard import ImportWizard

        wizard = ImportWizard(self.session, self)
        wizard.exec()
        if wizard.imported:
            self.refresh()
