"""«Статистика работы с ЭЖ» for the administrator: logins per role and per day, accounts that never
logged in.

A login is the audit row «LOGIN» that services/auth writes at every successful login (on the
server through ej_record_login(), with session_user): counted per day and per the account's main
role in SQL. The range is the chosen period, or the last 30 days up to today without one.
«Ни разу не входили»: accounts with no recorded login at all (account.last_login_at is empty).
"""

from __future__ import annotations

import datetime as dt

from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.names import russian_sort_key
from ejournal_desktop.domain.roles import ROLE_LABELS, Role
from ejournal_desktop.reports.catalog import REPORTS, ReportParams
from ejournal_desktop.reports.common import hc, made_on
from ejournal_desktop.reports.table import Column, ColumnKind, Report, ReportSheet, Row, RowStyle
from ejournal_desktop.services import report_data as rd
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.unit_of_work import transaction

DEFAULT_DAYS = 30
ROLES: tuple[Role, ...] = tuple(Role)


def usage_range(conn: object, params: ReportParams) -> tuple[dt.date, dt.date]:
    today = params.on()
    if params.period_id is not None:
        period = rd.load_period(conn, params.period_id)  # type: ignore[arg-type]
        return period.starts_on, period.clamp(today)
    return today - dt.timedelta(days=DEFAULT_DAYS - 1), today


def build_usage_stats(session: UserSession, params: ReportParams) -> Report:
    with transaction(session) as conn:
        start, end = usage_range(conn, params)
        per_day = rd.logins_by_role_and_day(conn, start, end)
        accounts = rd.account_usage(conn, start, end)
        settings = rd.load_settings(conn)
    subtitle = f"С {format_date(start)} по {format_date(end)}"
    role_names = [ROLE_LABELS[role] for role in ROLES]

    days = sorted({day for day, _role in per_day})
    day_rows = []
    for day in days:
        counts = [per_day.get((day, role.value), 0) for role in ROLES]
        day_rows.append(Row([day, *counts, sum(counts)]))
    role_totals = [sum(per_day.get((day, role.value), 0) for day in days) for role in ROLES]
    by_day = ReportSheet(
        title="Входы в ЭЖ по дням",
        name="По дням",
        columns=[
            Column("day", ColumnKind.DATE, 12),
            *[Column(role.value, ColumnKind.INT, 12) for role in ROLES],
            Column("total", ColumnKind.INT, 9),
        ],
        header_rows=[
            [hc("Дата", rows=2), hc("Входов по ролям", cols=len(ROLES)), hc("Всего", rows=2)],
            [hc(name) for name in role_names],
        ],
        body=day_rows,
        totals=[Row(["Итого", *role_totals, sum(role_totals)], RowStyle.TOTAL)],
        subtitle_lines=[subtitle],
        footnotes=["Дни без входов не показаны. Роль — основная роль учётной записи."],
        landscape=True,
    )

    role_rows = []
    for role, name in zip(ROLES, role_names, strict=True):
        mine = [a for a in accounts if a.role == role.value]
        role_rows.append(
            Row(
                [
                    name,
                    len(mine),
                    sum(a.is_active for a in mine),
                    sum(a.logins > 0 for a in mine),
                    sum(a.logins for a in mine),
                    sum(a.last_login_at is None for a in mine),
                ]
            )
        )
    by_role = ReportSheet(
        title="Работа с ЭЖ по ролям",
        name="По ролям",
        columns=[
            Column("role", ColumnKind.TEXT, 24),
            Column("accounts", ColumnKind.INT, 12),
            Column("active", ColumnKind.INT, 12),
            Column("users", ColumnKind.INT, 14),
            Column("logins", ColumnKind.INT, 12),
            Column("never", ColumnKind.INT, 14),
        ],
        header_rows=[
            [
                hc("Роль"),
                hc("Учётных записей"),
                hc("из них активных"),
                hc("Входили за период"),
                hc("Входов за период"),
                hc("Ни разу не входили"),
            ]
        ],
        body=role_rows,
        totals=[
            Row(
                [
                    "Итого",
                    len(accounts),
                    sum(a.is_active for a in accounts),
                    sum(a.logins > 0 for a in accounts),
                    sum(a.logins for a in accounts),
                    sum(a.last_login_at is None for a in accounts),
                ],
                RowStyle.TOTAL,
            )
        ],
        subtitle_lines=[subtitle],
    )

    labels = {role.value: name for role, name in zip(ROLES, role_names, strict=True)}
    never = sorted(
        (a for a in accounts if a.last_login_at is None),
        key=lambda a: (ROLES.index(Role(a.role)) if a.role in labels else 99, russian_sort_key(a.name)),
    )
    never_sheet = ReportSheet(
        title="Учётные записи, ни разу не входившие в ЭЖ",
        name="Не входили",
        columns=[
            Column("n", ColumnKind.INT, 5),
            Column("login", ColumnKind.TEXT, 16),
            Column("name", ColumnKind.TEXT, 34),
            Column("role", ColumnKind.TEXT, 22),
            Column("created", ColumnKind.DATE, 12),
            Column("active", ColumnKind.TEXT, 10),
        ],
        header_rows=[[hc("№"), hc("Логин"), hc("ФИО"), hc("Роль"), hc("Создана"), hc("Активна")]],
        body=[
            Row(
                [
                    i,
                    a.login,
                    a.name,
                    labels.get(a.role, a.role),
                    a.created_at.date() if a.created_at else None,
                    "да" if a.is_active else "заблокирована",
                ]
            )
            for i, a in enumerate(never, start=1)
        ],
        subtitle_lines=[f"На {format_date(params.on())}"],
        signatures=[made_on(params.on())],
    )
    return Report(
        key="usage-stats",
        title=REPORTS["usage-stats"].title,
        sheets=[by_role, by_day, never_sheet],
        college=settings.get("college_name", ""),
    )
