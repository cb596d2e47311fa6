"""Every report of the journal by its CLI name: who may build it, what it needs, how it is built.

The screens («Моя группа», «Отчёты», «Контроль журналов») and `ejournal report` both go through
here: `available_reports(session)` lists what the person may build, `build_report` checks the
permission once more (a curator builds group reports for their own group only) and calls the
builder, which returns a neutral `Report` (reports/table.py) for the preview and the renderers.

Builders are imported lazily: listing the catalog costs no SQLAlchemy import in a screen.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ejournal_desktop.domain.errors import PermissionDenied, ValidationError
from ejournal_desktop.domain.permissions import Action, Scope, can, require

if TYPE_CHECKING:
    from ejournal_desktop.reports.table import Report
    from ejournal_desktop.services.auth import UserSession
    from ejournal_desktop.services.journal_types import PeriodInfo

DEFAULT_LATE_DAYS = 7


@dataclass(frozen=True, slots=True)
class ReportParams:
    """What a report is built for. `months` are (year, month) pairs for the monthly report."""

    period_id: int | None
    group_id: int | None
    months: tuple[tuple[int, int], ...] = ()
    student_id: int | None = None
    days: int = DEFAULT_LATE_DAYS
    today: dt.date | None = None

    def on(self) -> dt.date:
        return self.today or dt.date.today()


Builder = Callable[["UserSession", ReportParams], "Report"]


class _Lazy:
    """A builder named by module and function, imported at the first call."""

    __slots__ = ("function", "module")

    def __init__(self, module: str, function: str) -> None:
        self.module = module
        self.function = function

    def __call__(self, session: UserSession, params: ReportParams) -> Report:
        builder = getattr(importlib.import_module(f"ejournal_desktop.reports.{self.module}"), self.function)
        return builder(session, params)

    def __repr__(self) -> str:
        return f"<builder reports.{self.module}.{self.function}>"


@dataclass(frozen=True, slots=True)
class ReportSpec:
    key: str  # the CLI name
    title: str
    needs_group: bool
    needs_month: bool
    per_student: bool
    action: Action
    build: Builder
    needs_period: bool = True
    description: str = ""


def _spec(key: str, title: str, module: str, function: str, action: Action, **flags: object) -> ReportSpec:
    return ReportSpec(
        key=key,
        title=title,
        needs_group=bool(flags.get("group", False)),
        needs_month=bool(flags.get("month", False)),
        per_student=bool(flags.get("student", False)),
        action=action,
        build=_Lazy(module, function),
        needs_period=bool(flags.get("period", True)),
        description=str(flags.get("description", "")),
    )


_GROUP = Action.REPORTS_GROUP
_COLLEGE = Action.REPORTS_COLLEGE

REPORTS: dict[str, ReportSpec] = {
    spec.key: spec
    for spec in (
        _spec(
            "attendance-month",
            "Отчёт о посещаемости группы за месяц",
            "attendance",
            "build_attendance_month",
            _GROUP,
            group=True,
            month=True,
            description="Пропущено часов по каждому обучающемуся: по уважительной причине, по болезни, "
            "без уважительной причины; процент посещаемости. Лист на каждый месяц.",
        ),
        _spec(
            "attendance-summary",
            "Сводная ведомость учёта посещаемости",
            "attendance",
            "build_attendance_summary",
            _GROUP,
            group=True,
            description="Обучающиеся × дисциплины: пропущено часов (уважительно / неуважительно) за период.",
        ),
        _spec(
            "grades-summary",
            "Сводная ведомость учёта успеваемости",
            "grades",
            "build_grades_summary",
            _GROUP,
            group=True,
            description="Итоговые оценки по дисциплинам, количество 5/4/3/2/н/а, успеваемость, качество, средний балл.",
        ),
        _spec(
            "group-results",
            "Итоги успеваемости группы за период",
            "grades",
            "build_group_results",
            _GROUP,
            group=True,
            description="Отличники, хорошисты, троечники, неуспевающие; успеваемость, качество, СОУ.",
        ),
        _spec(
            "curator-preliminary",
            "Предварительный отчёт классного руководителя",
            "curator",
            "build_curator_preliminary",
            _GROUP,
            group=True,
            description="Прогноз итогов по текущим оценкам; кто в зоне риска и по какой дисциплине.",
        ),
        _spec(
            "curator-report",
            "Отчёт классного руководителя за период",
            "curator",
            "build_curator_report",
            _GROUP,
            group=True,
            description="Итоги успеваемости, посещаемость, движение контингента, замечания куратора.",
        ),
        _spec(
            "parent-letter",
            "Информационное письмо для родителей",
            "parent_letter",
            "build_parent_letters",
            _GROUP,
            group=True,
            student=True,
            description="Оценки по каждой дисциплине, средний балл и пропуски; письмо на страницу.",
        ),
        _spec(
            "filling-control",
            "Своевременность заполнения журналов",
            "control",
            "build_filling_control",
            _COLLEGE,
            description="Последняя запись, дней без записей, занятия без темы и без оценок, выполнение плана часов.",
        ),
        _spec(
            "college-results",
            "Итоги успеваемости по техникуму",
            "college",
            "build_college_results",
            _COLLEGE,
            description="Все группы: успеваемость, качество, средний балл, СОУ, пропуски; итоги по курсам "
            "и специальностям.",
        ),
        _spec(
            "teacher-stats",
            "Статистика работы преподавателей",
            "control",
            "build_teacher_stats",
            _COLLEGE,
            description="Журналы, заполненные в срок; записи, записи с опозданием, исправления.",
        ),
        _spec(
            "usage-stats",
            "Статистика работы с ЭЖ",
            "usage",
            "build_usage_stats",
            Action.ACCOUNTS_MANAGE,
            period=False,
            description="Входы по ролям и по дням; учётные записи, ни разу не входившие в ЭЖ.",
        ),
        _spec(
            "consents-missing",
            "Нет согласия на обработку ПД",
            "consents",
            "build_consents_missing",
            Action.CONTINGENT_READ,
            period=False,
            description="Обучающиеся и родители без зарегистрированного согласия на обработку ПД, по группам.",
        ),
    )
}


def _may(session: UserSession, spec: ReportSpec) -> bool:
    roles = session.user.roles
    if spec.action is _GROUP:
        # A curator (teacher) reaches their own group only: the screen asks them for no other.
        return can(roles, _GROUP, Scope.ALL) or (can(roles, _GROUP) and session.user.is_curator)
    if spec.action is Action.ACCOUNTS_MANAGE:
        return can(roles, Action.ACCOUNTS_MANAGE, Scope.ALL)
    if spec.action is Action.CONTINGENT_READ:
        # The secretary and the admin see every group, a curator their own (the service narrows the rows).
        return can(roles, Action.CONTINGENT_READ, Scope.ALL) or (
            can(roles, Action.CONTINGENT_READ) and session.user.is_curator
        )
    return can(roles, spec.action, Scope.ALL)


def available_reports(session: UserSession) -> list[ReportSpec]:
    """The reports the person's roles may build, in catalog order."""
    return [spec for spec in REPORTS.values() if _may(session, spec)]


def group_choices(session: UserSession) -> list[tuple[int, str]]:
    """(id, name) of the groups the person may build group reports for: a curator's own, or all."""
    from ejournal_desktop.services import report_data
    from ejournal_desktop.services.unit_of_work import transaction

    roles = session.user.roles
    if not can(roles, _GROUP):
        return []
    only = None if can(roles, _GROUP, Scope.ALL) else list(session.user.curated_group_ids)
    with transaction(session) as conn:
        return report_data.list_groups(conn, only)


def period_choices(session: UserSession) -> list[PeriodInfo]:
    """Every period, oldest first (PeriodInfo: id, long_label, code, starts_on, ends_on, is_closed)."""
    from ejournal_desktop.services import report_data
    from ejournal_desktop.services.unit_of_work import transaction

    with transaction(session) as conn:
        return report_data.list_periods(conn)


def report_spec(key: str) -> ReportSpec:
    try:
        return REPORTS[key]
    except KeyError:
        known = ", ".join(REPORTS)
        raise ValidationError(f"Неизвестный отчёт «{key}». Доступные отчёты: {known}") from None


def check_access(session: UserSession, spec: ReportSpec, params: ReportParams) -> None:
    """PermissionDenied unless the person may build this report with these parameters."""
    roles = session.user.roles
    if spec.action is _GROUP:
        require(roles, _GROUP)
        if not can(roles, _GROUP, Scope.ALL) and params.group_id not in session.user.curated_group_ids:
            raise PermissionDenied("Недостаточно прав: отчёты по группе доступны куратору только по своей группе")
    elif spec.action is Action.ACCOUNTS_MANAGE:
        require(roles, Action.ACCOUNTS_MANAGE, Scope.ALL)
    elif spec.action is Action.CONTINGENT_READ:
        if not _may(session, spec):
            raise PermissionDenied("Недостаточно прав: список согласий доступен секретарю, администратору и куратору")
    else:
        require(roles, spec.action, Scope.ALL)


def build_report(session: UserSession, key: str, params: ReportParams) -> Report:
    """Check the permission and the parameters, then build the report."""
    return checked_spec(session, key, params).build(session, params)


def checked_spec(session: UserSession, key: str, params: ReportParams) -> ReportSpec:
    """The report's spec once the session may build it with these parameters (else a Russian error)."""
    spec = report_spec(key)
    if spec.needs_group and params.group_id is None:
        raise ValidationError(f"Для отчёта «{spec.title}» выберите группу", field="group")
    if spec.needs_period and params.period_id is None:
        raise ValidationError(f"Для отчёта «{spec.title}» выберите период", field="period")
    if spec.needs_month and not params.months:
        raise ValidationError(f"Для отчёта «{spec.title}» выберите хотя бы один месяц", field="month")
    if params.days < 0:
        raise ValidationError("Порог в днях не может быть отрицательным", field="days")
    check_access(session, spec, params)
    return spec
