"""The deputy's control of the journals: timeliness of filling, and each teacher's work.

The reference day is today, or the period's last day when the period is over. Figures per
journal come from one aggregate query (report_data.journal_fill).

- «Дней без записей»: days from the last lesson entered (held on or before the reference day) to
  the reference day; a journal with no lesson at all counts from the period's first day.
- «Без темы»: past lessons with no topic; «без оценок и пропусков»: past lessons where nobody got
  a mark or an absence.
- «Выполнение плана»: hours of lessons held / planned hours × 100.
- «Записано с опозданием»: lessons entered more than N days after the day they were held (the
  date the row was created vs. the lesson's date); «исправления»: changes of marks and final
  marks after they were first set (each one raises the row's version).
- A journal is «в срок» when it has no late entry and its last entry is no older than N days.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.names import russian_sort_key
from ejournal_desktop.domain.statistics import percent
from ejournal_desktop.reports.catalog import REPORTS, ReportParams
from ejournal_desktop.reports.common import deputy_signature, hc, made_on, period_subtitle
from ejournal_desktop.reports.table import Column, ColumnKind, Report, ReportSheet, Row, RowStyle
from ejournal_desktop.services import report_data as rd
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.journal_types import PeriodInfo
from ejournal_desktop.services.unit_of_work import transaction


def days_since(journal: rd.JournalFill, period: PeriodInfo, day: dt.date) -> int:
    last = journal.last_entry_on or period.starts_on
    return max((day - last).days, 0)


def on_time(journal: rd.JournalFill, period: PeriodInfo, day: dt.date, threshold: int) -> bool:
    return journal.late_lessons == 0 and days_since(journal, period, day) <= threshold


def _load(
    session: UserSession, params: ReportParams
) -> tuple[PeriodInfo, dict[str, str], list[rd.JournalFill], dt.date]:
    assert params.period_id is not None
    with transaction(session) as conn:
        period = rd.load_period(conn, params.period_id)
        day = period.clamp(params.on())
        journals = rd.journal_fill(conn, period.id, day, params.days)
        settings = rd.load_settings(conn)
    return period, settings, journals, day


def build_filling_control(session: UserSession, params: ReportParams) -> Report:
    period, settings, journals, day = _load(session, params)
    threshold = params.days

    def worst_first(j: rd.JournalFill) -> tuple[object, ...]:
        return (
            -days_since(j, period, day),
            -(j.without_topic + j.without_marks),
            russian_sort_key(j.teacher_name),
            j.group_name,
            j.discipline,
        )

    rows = []
    late_count = 0
    for number, j in enumerate(sorted(journals, key=worst_first), start=1):
        since = days_since(j, period, day)
        late = since > threshold
        late_count += late
        rows.append(
            Row(
                [
                    number,
                    j.teacher_name,
                    j.group_name + (f" ({j.subgroup} подгр.)" if j.subgroup else ""),
                    j.discipline,
                    j.last_entry_on,
                    since,
                    j.without_topic,
                    j.without_marks,
                    j.planned_hours,
                    j.given_hours,
                    percent(j.given_hours, j.planned_hours),
                ],
                RowStyle.RISK if late else RowStyle.NORMAL,
                ref=j.assignment_id,
            )
        )
    totals = [
        Row(
            [
                None,
                "Итого",
                f"журналов: {len(journals)}",
                f"не заполнялись более {threshold} дн.: {late_count}",
                None,
                None,
                sum(j.without_topic for j in journals),
                sum(j.without_marks for j in journals),
                sum(j.planned_hours for j in journals),
                sum(j.given_hours for j in journals),
                percent(sum(j.given_hours for j in journals), sum(j.planned_hours for j in journals)),
            ],
            RowStyle.TOTAL,
        )
    ]
    sheet = ReportSheet(
        title=REPORTS["filling-control"].title,
        name="Своевременность",
        columns=[
            Column("n", ColumnKind.INT, 4.5),
            Column("teacher", ColumnKind.TEXT, 20),
            Column("group", ColumnKind.TEXT, 12),
            Column("discipline", ColumnKind.TEXT, 36),
            Column("last", ColumnKind.DATE, 11),
            Column("since", ColumnKind.INT, 9),
            Column("no_topic", ColumnKind.INT, 9),
            Column("no_marks", ColumnKind.INT, 11),
            Column("planned", ColumnKind.INT, 8),
            Column("given", ColumnKind.INT, 8),
            Column("done", ColumnKind.PERCENT, 10, 1),
        ],
        header_rows=[
            [
                hc("№", rows=2),
                hc("Преподаватель", rows=2),
                hc("Группа", rows=2),
                hc("Дисциплина", rows=2),
                hc("Последняя запись", rows=2),
                hc("Дней без записей", rows=2),
                hc("Прошедших занятий", cols=2),
                hc("Часов", cols=3),
            ],
            [hc("без темы"), hc("без оценок и пропусков"), hc("по плану"), hc("проведено"), hc("выполнение, %")],
        ],
        body=rows,
        totals=totals,
        subtitle_lines=[
            period_subtitle(period),
            f"На {format_date(day)}; порог — {threshold} дн. без записей (строки выделены)",
        ],
        footnotes=[
            "Последняя запись — дата последнего проведённого занятия в журнале; без занятий — считается от начала "
            "периода.",
            "Выполнение — проведено часов от запланированных в нагрузке, %. Сортировка: дольше всего без записей — "
            "первыми.",
        ],
        signatures=[deputy_signature(settings), made_on(params.on())],
        landscape=True,
    )
    return Report(
        key="filling-control",
        title=REPORTS["filling-control"].title,
        sheets=[sheet],
        college=settings.get("college_name", ""),
    )


def build_teacher_stats(session: UserSession, params: ReportParams) -> Report:
    period, settings, journals, day = _load(session, params)
    threshold = params.days
    by_teacher: dict[int, list[rd.JournalFill]] = defaultdict(list)
    for j in journals:
        by_teacher[j.teacher_id].append(j)
    ordered = sorted(by_teacher.values(), key=lambda js: russian_sort_key(js[0].teacher_name))
    rows = []
    sums = [0] * 6
    for number, js in enumerate(ordered, start=1):
        kept = sum(on_time(j, period, day, threshold) for j in js)
        figures = [
            len(js),
            kept,
            sum(j.lessons for j in js),
            sum(j.late_lessons for j in js),
            sum(j.marks for j in js),
            sum(j.corrections for j in js),
        ]
        sums = [a + b for a, b in zip(sums, figures, strict=True)]
        style = RowStyle.RISK if kept < len(js) else RowStyle.NORMAL
        rows.append(
            Row(
                [
                    number,
                    js[0].teacher_name,
                    figures[0],
                    figures[1],
                    percent(figures[1], figures[0]),
                    figures[2],
                    figures[3],
                    percent(figures[3], figures[2]),
                    figures[4],
                    figures[5],
                ],
                style,
            )
        )
    totals = [
        Row(
            [
                None,
                "Итого",
                sums[0],
                sums[1],
                percent(sums[1], sums[0]),
                sums[2],
                sums[3],
                percent(sums[3], sums[2]),
                sums[4],
                sums[5],
            ],
            RowStyle.TOTAL,
        )
    ]
    sheet = ReportSheet(
        title=REPORTS["teacher-stats"].title,
        name="Преподаватели",
        columns=[
            Column("n", ColumnKind.INT, 4.5),
            Column("teacher", ColumnKind.TEXT, 24),
            Column("journals", ColumnKind.INT, 9),
            Column("on_time", ColumnKind.INT, 9),
            Column("on_time_pct", ColumnKind.PERCENT, 9, 1),
            Column("lessons", ColumnKind.INT, 9),
            Column("late", ColumnKind.INT, 10),
            Column("late_pct", ColumnKind.PERCENT, 9, 1),
            Column("marks", ColumnKind.INT, 9),
            Column("corrections", ColumnKind.INT, 11),
        ],
        header_rows=[
            [
                hc("№", rows=2),
                hc("Преподаватель", rows=2),
                hc("Журналы", cols=3),
                hc("Занятия", cols=3),
                hc("Оценок выставлено", rows=2),
                hc("Исправлений оценок", rows=2),
            ],
            [
                hc("всего"),
                hc("в срок"),
                hc("в срок, %"),
                hc("записано"),
                hc(f"с опозданием > {threshold} дн."),
                hc("с опозданием, %"),
            ],
        ],
        body=rows,
        totals=totals,
        subtitle_lines=[period_subtitle(period), f"На {format_date(day)}; срок записи — {threshold} дн."],
        footnotes=[
            f"Журнал ведётся в срок, если ни одно занятие не записано позже {threshold} дн. после проведения "
            f"и последняя запись не старше {threshold} дн.",
            "Записано с опозданием — занятие внесено в журнал позже срока после даты проведения.",
            "Исправления — изменения текущих и итоговых оценок после их выставления (по версиям записей).",
        ],
        signatures=[deputy_signature(settings), made_on(params.on())],
        landscape=True,
    )
    return Report(
        key="teacher-stats",
        title=REPORTS["teacher-stats"].title,
        sheets=[sheet],
        college=settings.get("college_name", ""),
    )
