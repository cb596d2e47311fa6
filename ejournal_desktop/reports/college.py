"""«Итоги по техникуму» for a period: every group, then totals per course, per specialty and overall.

Three queries for the whole college (report_data.college_student_totals): the students with their
movements, the decisive final marks counted per student in SQL, the hours missed summed per
student in SQL. A total pools the students of its groups (it is not an average of the groups'
percentages): абсолютная успеваемость of a course is its successful students / all its students.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ejournal_desktop.domain.statistics import Category, categorize
from ejournal_desktop.reports.catalog import REPORTS, ReportParams
from ejournal_desktop.reports.common import (
    DEFINITIONS,
    FINAL_RULE,
    GroupStats,
    deputy_signature,
    hc,
    made_on,
    period_subtitle,
    rounded,
    section,
)
from ejournal_desktop.reports.table import Column, ColumnKind, Report, ReportSheet, Row, RowStyle
from ejournal_desktop.services import report_data as rd
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.unit_of_work import transaction

COLUMNS = [
    Column("group", ColumnKind.TEXT, 16),
    Column("specialty", ColumnKind.TEXT, 11),
    Column("students", ColumnKind.INT, 11),
    Column("excellent", ColumnKind.INT, 9),
    Column("good", ColumnKind.INT, 9),
    Column("failing", ColumnKind.INT, 11),
    Column("absolute", ColumnKind.PERCENT, 12, 1),
    Column("quality", ColumnKind.PERCENT, 10, 1),
    Column("average", ColumnKind.DECIMAL, 8, 2),
    Column("sou", ColumnKind.PERCENT, 9, 1),
    Column("missed", ColumnKind.INT, 10),
    Column("per_student", ColumnKind.DECIMAL, 10, 1),
]


def figures(
    label: str,
    specialty: str | None,
    students: Iterable[rd.StudentTotals],
    style: RowStyle,
    placed: dict[int, Category],
) -> Row:
    pool = list(students)
    counts: Counter[str] = Counter()
    for s in pool:
        counts.update(s.marks)
    stats = GroupStats.placed({id(s): placed[id(s)] for s in pool}, counts)
    missed = sum(s.absent_hours for s in pool)
    good = len(stats.of(Category.ONE_FOUR)) + len(stats.of(Category.GOOD))
    failing = len(stats.of(Category.FAILING)) + len(stats.of(Category.NOT_ATTESTED))
    return Row(
        [
            label,
            specialty,
            stats.count,
            len(stats.of(Category.EXCELLENT)),
            good,
            failing,
            stats.absolute,
            stats.quality,
            rounded(stats.average),
            stats.sou,
            missed,
            rounded(missed / stats.count, 1) if stats.count else None,
        ],
        style,
    )


def build_college_results(session: UserSession, params: ReportParams) -> Report:
    assert params.period_id is not None
    with transaction(session) as conn:
        period = rd.load_period(conn, params.period_id)
        groups = rd.college_groups(conn, period.id)
        totals = rd.college_student_totals(conn, period, groups)
        settings = rd.load_settings(conn)
    width = len(COLUMNS)
    # Each student placed once; the totals pool the same objects.
    placed = {id(s): categorize(s.values()) for per_group in totals.values() for s in per_group.values()}
    body: list[Row] = []
    courses = sorted({g.course for g in groups})
    for course in courses:
        body.append(section(f"{course} курс", width))
        in_course = [g for g in groups if g.course == course]
        for g in in_course:
            body.append(figures(g.name, g.specialty_code, totals[g.id].values(), RowStyle.NORMAL, placed))
        pooled = [s for g in in_course for s in totals[g.id].values()]
        body.append(figures(f"Итого по {course} курсу", None, pooled, RowStyle.TOTAL, placed))
    specialties = sorted({(g.specialty_code, g.specialty_name) for g in groups})
    if specialties:
        body.append(section("По специальностям", width))
    for code, _name in specialties:
        pooled = [s for g in groups if g.specialty_code == code for s in totals[g.id].values()]
        body.append(figures(f"Итого по {code}", code, pooled, RowStyle.TOTAL, placed))
    everyone = [s for g in groups for s in totals[g.id].values()]
    grand = [figures("По техникуму", None, everyone, RowStyle.TOTAL, placed)]
    legend = "; ".join(f"{code} — {name}" for code, name in specialties)
    sheet = ReportSheet(
        title=REPORTS["college-results"].title,
        name="Итоги по техникуму",
        columns=COLUMNS,
        header_rows=[
            [
                hc("Группа", rows=2),
                hc("Специальность", rows=2),
                hc("Обучающихся", rows=2),
                hc("Из них", cols=3),
                hc("Абсолютная успеваемость, %", rows=2),
                hc("Качество знаний, %", rows=2),
                hc("Средний балл", rows=2),
                hc("СОУ, %", rows=2),
                hc("Пропущено часов", cols=2),
            ],
            [
                hc("отличники"),
                hc("на «4» и «5»"),
                hc("неуспевающие и н/а"),
                hc("всего"),
                hc("на одного обучающегося"),
            ],
        ],
        body=body,
        totals=grand,
        subtitle_lines=[period_subtitle(period)],
        footnotes=[
            *DEFINITIONS,
            FINAL_RULE,
            "Итоги по курсу, специальности и техникуму считаются по всем обучающимся входящих групп, "
            "а не как среднее показателей групп.",
            *([f"Специальности: {legend}."] if legend else []),
        ],
        signatures=[deputy_signature(settings), made_on(params.on())],
        landscape=True,
    )
    return Report(
        key="college-results",
        title=REPORTS["college-results"].title,
        sheets=[sheet],
        college=settings.get("college_name", ""),
    )
