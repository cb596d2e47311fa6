"""The curator's reports: the preliminary one (a forecast from the current marks) and the report
for the period (results, attendance, movement of students, the curator's comments).

The forecast of each discipline is domain.forecast: a final mark already set stands; otherwise
more than half the hours missed → «н/а»; otherwise the current average rounded by the college's
rule (statistics.round_mark); no marks after several lessons → «н/а». The current marks are
counted per student × discipline in the database (report_data.current_marks).
"""

from __future__ import annotations

import datetime as dt

from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.forecast import FAILING, MIN_LESSONS_FOR_NA, NA_ABSENCE_SHARE, forecast
from ejournal_desktop.reports.catalog import REPORTS, ReportParams
from ejournal_desktop.reports.common import (
    SIGN_LINE,
    attendance_percent,
    curator_signature,
    group_subtitle,
    hc,
    left_note,
    made_on,
    number_columns,
    rounded,
)
from ejournal_desktop.reports.grades import category_reasons, decisive_marks, results_sheet
from ejournal_desktop.reports.table import Column, ColumnKind, Report, ReportSheet, Row, RowStyle
from ejournal_desktop.services import report_data as rd
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.movements import KIND_LABELS
from ejournal_desktop.services.unit_of_work import transaction

FORECAST_NOTES = (
    "Прогноз по дисциплине: выставленная итоговая оценка; иначе «н/а», если пропущено больше "
    f"{int(NA_ABSENCE_SHARE * 100)} % проведённых часов; иначе средний балл текущих оценок, округлённый по "
    "правилу техникума (2,5 → 3; 3,49 → 3); при одних «зч»/«нз» — «зч», если «нз» не больше; "
    f"без оценок после {MIN_LESSONS_FOR_NA} и более занятий — «н/а».",
)


def build_curator_preliminary(session: UserSession, params: ReportParams) -> Report:
    assert params.group_id is not None and params.period_id is not None
    with transaction(session) as conn:
        ctx = rd.load_context(conn, params.group_id, params.period_id)
        day = ctx.period.clamp(params.on())
        finals, absence = rd.finals_and_absences(conn, ctx, day)
        current = rd.current_marks(conn, ctx, day)
        held = rd.lessons_held(conn, ctx, day)
    students, disciplines = ctx.counted, ctx.disciplines

    grid_columns = [
        *number_columns(),
        *[Column(f"d{d.id}", ColumnKind.MARK, 4.5) for d in disciplines],
        Column("average", ColumnKind.DECIMAL, 8, 2),
        Column("missed", ColumnKind.INT, 8),
        Column("risks", ColumnKind.INT, 7),
    ]
    grid_header = [
        [
            hc("№"),
            hc("ФИО обучающегося"),
            *[hc(d.title, vertical=True) for d in disciplines],
            hc("Средний балл текущих оценок"),
            hc("Пропущено часов"),
            hc("Дисциплин в зоне риска"),
        ]
    ]
    grid, risk_rows = [], []
    forecast_marks: dict[int, list[str]] = {}
    reasons: dict[int, str] = {}
    for number, student in enumerate(students, start=1):
        values: list[object] = [number, student.full_name]
        all_counts = rd.MarkCounts()
        missed = rd.Absence()
        mine: list[str] = []
        risky: list[str] = []
        for d in disciplines:
            counts = current.get((student.id, d.id), rd.MarkCounts())
            away = absence.get((student.id, d.id), rd.Absence())
            lessons, hours = rd.held_for(held, d.id, student.subgroup)
            mark, reason = forecast(
                rd.decisive(finals.get((student.id, d.id))),
                counts.average,
                counts.numeric + counts.n_pass + counts.n_fail,
                away.total,
                lessons,
                hours,
                passes=counts.n_pass,
                fails=counts.n_fail,
            )
            values.append(mark)
            if mark is not None:
                mine.append(mark)
            if reason is not None or mark in FAILING:
                risky.append(d.code or d.name)
                risk_rows.append(
                    Row(
                        [
                            len(risk_rows) + 1,
                            student.full_name,
                            d.title,
                            rounded(counts.average),
                            counts.numeric + counts.n_pass + counts.n_fail,
                            away.total,
                            hours,
                            mark,
                            reason,
                        ],
                        RowStyle.RISK,
                    )
                )
            all_counts = all_counts + counts
            missed = missed + away
        forecast_marks[student.id] = mine
        if risky:
            reasons[student.id] = ", ".join(risky)
        values += [rounded(all_counts.average), missed.total, len(risky)]
        grid.append(Row(values, RowStyle.RISK if risky else RowStyle.NORMAL))  # type: ignore[arg-type]

    legend = "; ".join(f"{d.code} — {d.name}" for d in disciplines if d.code)
    day_line = f"Прогноз по текущим оценкам на {format_date(day)}"
    grid_sheet = ReportSheet(
        title=f"{REPORTS['curator-preliminary'].title}: прогноз по дисциплинам",
        name="Прогноз",
        columns=grid_columns,
        header_rows=grid_header,
        body=grid,
        subtitle_lines=[*group_subtitle(ctx), day_line],
        footnotes=[*FORECAST_NOTES, *left_note(ctx.students)],
        landscape=True,
    )
    results = results_sheet(
        f"{REPORTS['curator-preliminary'].title}: предварительные итоги",
        ctx,
        forecast_marks,
        reasons=reasons,
        name="Предварительные итоги",
    )
    results.subtitle_lines = [*results.subtitle_lines, day_line]
    results.footnotes = [*FORECAST_NOTES, *results.footnotes]
    risk_sheet = ReportSheet(
        title="Обучающиеся в зоне риска",
        name="Зона риска",
        columns=[
            Column("n", ColumnKind.INT, 4.5),
            Column("name", ColumnKind.TEXT, 28),
            Column("discipline", ColumnKind.TEXT, 32),
            Column("average", ColumnKind.DECIMAL, 8, 2),
            Column("marks", ColumnKind.INT, 7),
            Column("missed", ColumnKind.INT, 8),
            Column("held", ColumnKind.INT, 8),
            Column("forecast", ColumnKind.MARK, 7),
            Column("reason", ColumnKind.TEXT, 34),
        ],
        header_rows=[
            [
                hc("№"),
                hc("ФИО обучающегося"),
                hc("Дисциплина"),
                hc("Средний балл"),
                hc("Оценок"),
                hc("Пропущено часов"),
                hc("Проведено часов"),
                hc("Прогноз"),
                hc("Причина"),
            ]
        ],
        body=risk_rows,
        subtitle_lines=[*group_subtitle(ctx), day_line],
        footnotes=[
            *([] if risk_rows else ["Обучающихся в зоне риска нет."]),
            *FORECAST_NOTES,
            *([f"Дисциплины: {legend}."] if legend else []),
        ],
        signatures=[curator_signature(ctx), made_on(params.on())],
        landscape=True,
    )
    return Report(
        key="curator-preliminary",
        title=REPORTS["curator-preliminary"].title,
        sheets=[grid_sheet, results, risk_sheet],
        college=ctx.settings.get("college_name", ""),
    )


def build_curator_report(session: UserSession, params: ReportParams) -> Report:
    assert params.group_id is not None and params.period_id is not None
    with transaction(session) as conn:
        ctx = rd.load_context(conn, params.group_id, params.period_id)
        finals, absence = rd.finals_and_absences(conn, ctx)
        hours = rd.lesson_hours_by_day(conn, ctx, ctx.period.starts_on, ctx.period.ends_on)
        moves = rd.movements_in(conn, ctx.group.id, ctx.period.starts_on, ctx.period.ends_on)
    title = REPORTS["curator-report"].title
    results = results_sheet(
        f"{title}: итоги успеваемости",
        ctx,
        decisive_marks(ctx, finals),
        reasons=category_reasons(ctx, finals),
        name="Успеваемость",
    )
    results.signatures = []

    rows = []
    grand = rd.Absence()
    due_total = 0
    for number, student in enumerate(ctx.counted, start=1):
        mine = sum((absence.get((student.id, d.id), rd.Absence()) for d in ctx.disciplines), rd.Absence())
        due = rd.due_hours(student, hours, ctx.period.starts_on, ctx.period.ends_on)
        rows.append(
            Row(
                [
                    number,
                    student.full_name,
                    mine.total,
                    mine.respectful,
                    mine.sick,
                    mine.unexcused,
                    mine.late,
                    attendance_percent(due, mine.total),
                ]
            )
        )
        grand, due_total = grand + mine, due_total + due
    n = len(ctx.counted)
    attendance = ReportSheet(
        title=f"{title}: посещаемость",
        name="Посещаемость",
        columns=[
            *number_columns(),
            Column("missed", ColumnKind.INT, 9),
            Column("respectful", ColumnKind.INT, 11),
            Column("sick", ColumnKind.INT, 9),
            Column("unexcused", ColumnKind.INT, 11),
            Column("late", ColumnKind.INT, 11),
            Column("attendance", ColumnKind.PERCENT, 14, 1),
        ],
        header_rows=[
            [
                hc("№", rows=2),
                hc("ФИО обучающегося", rows=2),
                hc("Пропущено часов", cols=4),
                hc("Опозданий", rows=2),
                hc("Посещаемость, %", rows=2),
            ],
            [hc("всего"), hc("по уважит. причине"), hc("в т. ч. по болезни"), hc("без уважит. причины")],
        ],
        body=rows,
        totals=[
            Row(
                [
                    None,
                    "Итого по группе",
                    grand.total,
                    grand.respectful,
                    grand.sick,
                    grand.unexcused,
                    grand.late,
                    attendance_percent(due_total, grand.total),
                ],
                RowStyle.TOTAL,
            ),
            Row(
                [
                    None,
                    "На одного обучающегося",
                    *(
                        rounded(v / n, 1) if n else None
                        for v in (grand.total, grand.respectful, grand.sick, grand.unexcused, grand.late)
                    ),
                    None,
                ],
                RowStyle.TOTAL,
                kinds=[None, None, *([Column("per_student", ColumnKind.DECIMAL, 9, 1)] * 5), None],
            ),
        ],
        subtitle_lines=group_subtitle(ctx),
        footnotes=[
            "«По уважительной причине» включает болезнь. Посещаемость — доля посещённых часов от часов занятий, %."
        ],
    )
    movement = ReportSheet(
        title=f"{title}: движение контингента",
        name="Движение",
        columns=[
            Column("n", ColumnKind.INT, 4.5),
            Column("name", ColumnKind.TEXT, 30),
            Column("kind", ColumnKind.TEXT, 20),
            Column("date", ColumnKind.DATE, 12),
            Column("order", ColumnKind.TEXT, 18),
            Column("from", ColumnKind.TEXT, 10),
            Column("to", ColumnKind.TEXT, 10),
        ],
        header_rows=[
            [
                hc("№"),
                hc("ФИО обучающегося"),
                hc("Движение"),
                hc("С даты"),
                hc("Приказ"),
                hc("Из группы"),
                hc("В группу"),
            ]
        ],
        body=[
            Row(
                [
                    i,
                    mv.student_name,
                    KIND_LABELS.get(mv.kind, mv.kind),
                    mv.effective_date,
                    f"№ {mv.order_no} от {format_date(mv.order_date)}",
                    mv.from_group or None,
                    mv.to_group or None,
                ]
            )
            for i, mv in enumerate(moves, start=1)
        ],
        totals=[
            Row(
                [
                    None,
                    "На начало периода",
                    None,
                    ctx.period.starts_on,
                    None,
                    None,
                    _count_on(ctx, ctx.period.starts_on),
                ],
                RowStyle.TOTAL,
                kinds=[None, None, None, None, None, None, ColumnKind.INT],
            ),
            Row(
                [None, "На конец периода", None, ctx.period.ends_on, None, None, len(ctx.counted)],
                RowStyle.TOTAL,
                kinds=[None, None, None, None, None, None, ColumnKind.INT],
            ),
        ],
        subtitle_lines=group_subtitle(ctx),
        footnotes=[
            *(["Движения контингента за период не было."] if not moves else []),
            "Замечания и предложения классного руководителя:",
            "_" * 110,
            "_" * 110,
            "_" * 110,
        ],
        signatures=[curator_signature(ctx), f"Отчёт принял(а) {SIGN_LINE}", made_on(params.on())],
    )
    return Report(
        key="curator-report",
        title=title,
        sheets=[results, attendance, movement],
        college=ctx.settings.get("college_name", ""),
    )


def _count_on(ctx: rd.GroupContext, day: dt.date) -> int:
    return len(ctx.counted_on(day))
