"""Attendance of a group: the monthly report (a sheet per month) and the period's summary sheet.

Hours come summed from the database (services/report_data); «по уважительной причине» includes
illness (domain.attendance.is_excused), «в т. ч. по болезни» is its part, «без уважительной
причины» the rest. Посещаемость = hours attended / hours of the group's lessons the student was due
at (their subgroup's and the whole group's, on the days they were in the group) × 100.
"""

from __future__ import annotations

from ejournal_desktop.domain.calendar import format_date, month_name
from ejournal_desktop.domain.errors import ValidationError
from ejournal_desktop.reports.catalog import REPORTS, ReportParams
from ejournal_desktop.reports.common import (
    attendance_percent,
    curator_signature,
    group_subtitle,
    hc,
    left_note,
    made_on,
    number_columns,
)
from ejournal_desktop.reports.table import Column, ColumnKind, Report, ReportSheet, Row, RowStyle
from ejournal_desktop.services import report_data as rd
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.unit_of_work import transaction

ATTENDANCE_NOTES = (
    "«По уважительной причине» — по справкам, заявлениям, приказам, включая болезнь; «в т. ч. по болезни» — её часть.",
    "Посещаемость — доля посещённых часов от часов занятий группы (подгруппы) за время пребывания "
    "обучающегося в группе, %.",
)


def build_attendance_month(session: UserSession, params: ReportParams) -> Report:
    assert params.group_id is not None and params.period_id is not None
    with transaction(session) as conn:
        ctx = rd.load_context(conn, params.group_id, params.period_id)
        months = sorted(set(params.months))
        for year, month in months:
            start, end = rd.month_bounds(year, month)
            if end < ctx.period.starts_on or start > ctx.period.ends_on:
                raise ValidationError(
                    f"Месяц {month:02d}.{year} вне периода «{ctx.period.long_label}» "
                    f"({format_date(ctx.period.starts_on)} – {format_date(ctx.period.ends_on)})",
                    field="month",
                )
        by_month = rd.absences_by_month(conn, ctx, months)
        first = max(rd.month_bounds(*months[0])[0], ctx.period.starts_on)
        last = min(rd.month_bounds(*months[-1])[1], ctx.period.ends_on)
        hours = rd.lesson_hours_by_day(conn, ctx, first, last)
    sheets = []
    for year, month in months:
        start, end = rd.month_bounds(year, month)
        start, end = max(start, ctx.period.starts_on), min(end, ctx.period.ends_on)
        students = ctx.counted_on(end)
        rows = []
        due_total = missed_total = resp_total = sick_total = unexc_total = 0
        for number, student in enumerate(students, start=1):
            absence = by_month[(year, month)].get(student.id, rd.Absence())
            due = rd.due_hours(student, hours, start, end)
            rows.append(
                Row(
                    [
                        number,
                        student.full_name,
                        absence.total,
                        absence.respectful,
                        absence.sick,
                        absence.unexcused,
                        due,
                        attendance_percent(due, absence.total),
                    ]
                )
            )
            due_total += due
            missed_total += absence.total
            resp_total += absence.respectful
            sick_total += absence.sick
            unexc_total += absence.unexcused
        totals = [
            Row(
                [
                    None,
                    "Итого по группе",
                    missed_total,
                    resp_total,
                    sick_total,
                    unexc_total,
                    due_total,
                    attendance_percent(due_total, missed_total),
                ],
                RowStyle.TOTAL,
            )
        ]
        left = [s for s in ctx.students if not any(s.id == c.id for c in students) and s.left_on is not None]
        sheets.append(
            ReportSheet(
                title=f"{REPORTS['attendance-month'].title}: {month_name(month).lower()} {year} г.",
                name=f"{month_name(month)} {year}",
                columns=[
                    *number_columns(),
                    Column("missed", ColumnKind.INT, 10),
                    Column("respectful", ColumnKind.INT, 12),
                    Column("sick", ColumnKind.INT, 10),
                    Column("unexcused", ColumnKind.INT, 12),
                    Column("due", ColumnKind.INT, 10),
                    Column("attendance", ColumnKind.PERCENT, 14, 1),
                ],
                header_rows=[
                    [
                        hc("№", rows=2),
                        hc("ФИО обучающегося", rows=2),
                        hc("Пропущено часов", cols=4),
                        hc("Часов занятий", rows=2),
                        hc("Посещаемость, %", rows=2),
                    ],
                    [
                        hc("всего"),
                        hc("по уважительной причине"),
                        hc("в т. ч. по болезни"),
                        hc("без уважительной причины"),
                    ],
                ],
                body=rows,
                totals=totals,
                subtitle_lines=[
                    *group_subtitle(ctx),
                    f"Месяц: {month_name(month).lower()} {year} г. ({format_date(start)} – {format_date(end)})",
                ],
                footnotes=[*ATTENDANCE_NOTES, *left_note(left)],
                signatures=[curator_signature(ctx), made_on(params.on())],
            )
        )
    return Report(
        key="attendance-month",
        title=REPORTS["attendance-month"].title,
        sheets=sheets,
        college=ctx.settings.get("college_name", ""),
    )


def build_attendance_summary(session: UserSession, params: ReportParams) -> Report:
    assert params.group_id is not None and params.period_id is not None
    with transaction(session) as conn:
        ctx = rd.load_context(conn, params.group_id, params.period_id)
        _finals, absence = rd.finals_and_absences(conn, ctx)
    students = ctx.counted
    disciplines = ctx.disciplines
    columns = [*number_columns()]
    top = [hc("№", rows=2), hc("ФИО обучающегося", rows=2)]
    second = []
    for d in disciplines:
        columns += [Column(f"d{d.id}_resp", ColumnKind.INT, 4.5), Column(f"d{d.id}_unexc", ColumnKind.INT, 4.5)]
        top.append(hc(d.code or d.name, cols=2))
        second += [hc("ув."), hc("неув.")]
    columns += [
        Column("total", ColumnKind.INT, 7),
        Column("resp", ColumnKind.INT, 7),
        Column("unexc", ColumnKind.INT, 7),
    ]
    top.append(hc("Всего часов", cols=3))
    second += [hc("всего"), hc("ув."), hc("неув.")]

    body = []
    per_discipline = {d.id: rd.Absence() for d in disciplines}
    grand = rd.Absence()
    for number, student in enumerate(students, start=1):
        values: list[object] = [number, student.full_name]
        mine = rd.Absence()
        for d in disciplines:
            a = absence.get((student.id, d.id), rd.Absence())
            values += [a.respectful, a.unexcused]
            mine = mine + a
            per_discipline[d.id] = per_discipline[d.id] + a
        values += [mine.total, mine.respectful, mine.unexcused]
        grand = grand + mine
        body.append(Row(values))  # type: ignore[arg-type]
    total_values: list[object] = [None, "Итого по группе"]
    for d in disciplines:
        total_values += [per_discipline[d.id].respectful, per_discipline[d.id].unexcused]
    total_values += [grand.total, grand.respectful, grand.unexcused]
    legend = "; ".join(f"{d.code} — {d.name}" for d in disciplines if d.code)
    sheet = ReportSheet(
        title=REPORTS["attendance-summary"].title,
        columns=columns,
        header_rows=[top, second],
        body=body,
        totals=[Row(total_values, RowStyle.TOTAL)],  # type: ignore[arg-type]
        subtitle_lines=group_subtitle(ctx),
        footnotes=[
            "Пропущено часов: «ув.» — по уважительной причине (включая болезнь), «неув.» — без уважительной причины.",
            *([f"Дисциплины: {legend}."] if legend else []),
            *left_note(ctx.students),
        ],
        signatures=[curator_signature(ctx), made_on(params.on())],
        landscape=True,
        name="Посещаемость",
    )
    return Report(
        key="attendance-summary",
        title=REPORTS["attendance-summary"].title,
        sheets=[sheet],
        college=ctx.settings.get("college_name", ""),
    )
