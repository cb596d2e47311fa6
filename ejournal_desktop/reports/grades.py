"""Performance of a group: the summary sheet of final marks and the group's results for a period.

Final marks come from the database as they are; the figures are domain.statistics' (categorize,
absolute_performance, quality, sou, average_mark), counted by students — a student's set of
marks is their decisive final mark in each discipline (report_data.decisive). `results_sheet` is
shared with the curator's reports, which feed it forecast marks instead of final ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache

from ejournal_desktop.domain import marks as mk
from ejournal_desktop.domain.statistics import CATEGORY_LABELS, Category, average_mark, categorize, percent
from ejournal_desktop.reports.catalog import REPORTS, ReportParams
from ejournal_desktop.reports.common import (
    DEFINITIONS,
    FINAL_RULE,
    QUALITY,
    UNSUCCESSFUL,
    GroupStats,
    curator_signature,
    group_subtitle,
    hc,
    left_note,
    made_on,
    number_columns,
    rounded,
    section,
)
from ejournal_desktop.reports.table import Column, ColumnKind, HeaderCell, Report, ReportSheet, Row, RowStyle
from ejournal_desktop.services import report_data as rd
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.unit_of_work import transaction

COUNTED_VALUES: tuple[str, ...] = (*mk.NUMERIC, mk.NOT_ATTESTED, mk.PASS, mk.FAIL)


def discipline_header(
    disciplines: Sequence[rd.DisciplineRef], first: Sequence[HeaderCell], after: Sequence[HeaderCell]
) -> tuple[list[Column], list[list[HeaderCell]]]:
    """Columns and the two header rows of a students × disciplines sheet: each discipline's name
    (rotated) over its final mark kinds («сем.», «экз.»)."""
    columns: list[Column] = []
    top = list(first)
    second: list[HeaderCell] = []
    for d in disciplines:
        top.append(hc(d.title, cols=len(d.kinds), vertical=True))
        for kind in d.kinds:
            columns.append(Column(f"d{d.id}_{kind}", ColumnKind.MARK, 5.5))
            second.append(hc(rd.FINAL_SHORT[kind]))
    top.extend(after)
    return columns, [top, second]


def build_grades_summary(session: UserSession, params: ReportParams) -> Report:
    assert params.group_id is not None and params.period_id is not None
    with transaction(session) as conn:
        ctx = rd.load_context(conn, params.group_id, params.period_id)
        finals, absence = rd.finals_and_absences(conn, ctx)
    students = ctx.counted
    disciplines = ctx.disciplines
    mark_columns, header = discipline_header(
        disciplines,
        [hc("№", rows=2), hc("ФИО обучающегося", rows=2)],
        [hc("Средний балл", rows=2), hc("Пропущено часов", cols=2)],
    )
    header[1] += [hc("всего"), hc("по уваж. причине")]
    columns = [
        *number_columns(),
        *mark_columns,
        Column("average", ColumnKind.DECIMAL, 8, 2),
        Column("missed", ColumnKind.INT, 8),
        Column("respectful", ColumnKind.INT, 8),
    ]
    body = []
    decisive_by_student: dict[int, list[str]] = {}
    for number, student in enumerate(students, start=1):
        values: list[object] = [number, student.full_name]
        decisive = []
        for d in disciplines:
            mine = finals.get((student.id, d.id), {})
            values += [mine.get(kind) for kind in d.kinds]
            chosen = rd.decisive(mine)
            if chosen is not None:
                decisive.append(chosen)
        decisive_by_student[student.id] = decisive
        missed = rd.total_absence(absence, [student.id], disciplines)
        values += [rounded(average_mark(decisive)), missed.total, missed.respectful]
        style = RowStyle.RISK if any(v in ("2", mk.FAIL, mk.NOT_ATTESTED) for v in decisive) else RowStyle.NORMAL
        body.append(Row(values, style))  # type: ignore[arg-type]

    width = len(columns)
    lead = 2
    tail = 3

    # Each column's marks, collected once: one mark per student who has one of this kind.
    column_marks: list[list[str]] = []
    for d in disciplines:
        for kind_name in d.kinds:
            held = (finals.get((s.id, d.id), {}).get(kind_name) for s in students)
            column_marks.append([mark for mark in held if mark is not None])

    def per_column(label: str, fn: Callable[[list[str]], object], kind: ColumnKind | None) -> Row:
        values: list[object] = [None, label, *(fn(marks) for marks in column_marks), *([None] * tail)]
        kinds: list[ColumnKind | None] = [None, None, *([kind] * len(column_marks)), *([None] * tail)]
        return Row(values, RowStyle.TOTAL, kinds)  # type: ignore[arg-type]

    totals = [section("Итоги по дисциплинам", width)]
    counted = [Counter(marks) for marks in column_marks]
    for value in COUNTED_VALUES:
        row = [None, f"Количество «{value}»", *(c[value] for c in counted), *([None] * tail)]
        kinds = [None, None, *([ColumnKind.INT] * len(counted)), *([None] * tail)]
        totals.append(Row(row, RowStyle.TOTAL, kinds))  # type: ignore[arg-type]
    totals.append(per_column("Абсолютная успеваемость, %", _column_absolute, ColumnKind.PERCENT))
    totals.append(per_column("Качество знаний, %", _column_quality, ColumnKind.PERCENT))
    totals.append(per_column("Средний балл", lambda ms: rounded(average_mark(ms)), ColumnKind.DECIMAL))
    stats = GroupStats(decisive_by_student)
    all_missed = rd.total_absence(absence, [s.id for s in students], disciplines)
    group_row: list[object] = [None, "По группе"] + [None] * (width - lead - tail)
    group_row += [rounded(stats.average), all_missed.total, all_missed.respectful]
    totals.append(Row(group_row, RowStyle.TOTAL))  # type: ignore[arg-type]

    summary = (
        f"По группе ({stats.count} обуч.): абсолютная успеваемость {_pct(stats.absolute)}, "
        f"качество знаний {_pct(stats.quality)}, СОУ {_pct(stats.sou)}, "
        f"средний балл {_dec(stats.average)}."
    )
    legend = "; ".join(f"{rd.FINAL_SHORT[k]} — {mk.FINAL_KIND_LABELS[k].lower()}" for k in rd.KIND_ORDER)
    sheet = ReportSheet(
        title=REPORTS["grades-summary"].title,
        name="Успеваемость",
        columns=columns,
        header_rows=header,
        body=body,
        totals=totals,
        subtitle_lines=group_subtitle(ctx),
        footnotes=[
            summary,
            f"Итоговые оценки: {legend}. {FINAL_RULE}",
            "Показатели по дисциплине считаются по обучающимся, имеющим оценку этого вида; "
            "средний балл обучающегося — по итоговым оценкам дисциплин.",
            *DEFINITIONS,
            *left_note(ctx.students),
        ],
        signatures=[curator_signature(ctx), made_on(params.on())],
        landscape=True,
    )
    return Report(
        key="grades-summary",
        title=REPORTS["grades-summary"].title,
        sheets=[sheet],
        college=ctx.settings.get("college_name", ""),
    )


@cache
def _placed(value: str) -> Category:
    """Where a student with this one mark stands (`categorize`), worked out once per value."""
    return categorize([value])


def _single_mark_students(marks: list[str]) -> tuple[Counter[str], dict[str, Category]]:
    """A column holds one mark per student: each distinct mark is placed by `categorize`."""
    counts = Counter(marks)
    return counts, {value: _placed(value) for value in counts}


def _column_absolute(marks: list[str]) -> float | None:
    counts, placed = _single_mark_students(marks)
    ok = sum(n for value, n in counts.items() if placed[value] not in UNSUCCESSFUL)
    return percent(ok, len(marks))


def _column_quality(marks: list[str]) -> float | None:
    # A credit column (зч/нз only) has no quality to speak of: «—», not 0 %.
    if not any(x in mk.NUMERIC for x in marks):
        return None
    counts, placed = _single_mark_students(marks)
    return percent(sum(n for value, n in counts.items() if placed[value] in QUALITY), len(marks))


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",") + " %"


def _dec(value: float | None) -> str:
    return "—" if value is None else f"{rounded(value):.2f}".replace(".", ",")


def results_sheet(
    title: str,
    ctx: rd.GroupContext,
    marks_by_student: dict[int, list[str]],
    *,
    reasons: dict[int, str] | None = None,
    name: str = "Итоги",
) -> ReportSheet:
    """Categories with counts, shares and names; then абсолютная успеваемость, качество, СОУ,
    средний балл. `marks_by_student` holds every counted student (an empty list: no marks)."""
    stats = GroupStats(marks_by_student)
    names = {s.id: s.short_name for s in ctx.students}
    columns = [
        Column("label", ColumnKind.TEXT, 34),
        Column("count", ColumnKind.INT, 13),
        Column("share", ColumnKind.PERCENT, 13, 1),
        Column("students", ColumnKind.TEXT, 62),
    ]
    header = [[hc("Показатель"), hc("Число обучающихся"), hc("% от числа обучающихся"), hc("Обучающиеся")]]
    body = [Row(["Обучающихся на конец периода", stats.count, None, None], RowStyle.TOTAL)]
    for category in Category:
        ids = stats.of(category)
        if category is Category.NO_MARKS and not ids:
            continue
        listed = ", ".join(names[sid] + (f" ({reasons[sid]})" if reasons and reasons.get(sid) else "") for sid in ids)
        label = CATEGORY_LABELS[category]
        style = RowStyle.RISK if category in (Category.FAILING, Category.NOT_ATTESTED) and ids else RowStyle.NORMAL
        body.append(Row([label[0].upper() + label[1:], len(ids), stats.share(len(ids)), listed or None], style))
    body.append(section("Показатели группы", 4))
    body.append(Row(["Абсолютная успеваемость", stats.successful(), stats.absolute, None]))
    body.append(Row(["Качество знаний", stats.good(), stats.quality, None]))
    body.append(Row(["СОУ (степень обученности)", None, stats.sou, None]))
    body.append(
        Row(
            ["Средний балл", None, rounded(stats.average), None],
            kinds=[None, None, ColumnKind.DECIMAL, None],
        )
    )
    return ReportSheet(
        title=title,
        name=name,
        columns=columns,
        header_rows=header,
        body=body,
        subtitle_lines=group_subtitle(ctx),
        footnotes=[*DEFINITIONS, FINAL_RULE, *left_note(ctx.students)],
        signatures=[curator_signature(ctx)],
    )


def decisive_marks(ctx: rd.GroupContext, finals: dict[tuple[int, int], dict[str, str]]) -> dict[int, list[str]]:
    """Every counted student → their decisive final marks across the disciplines."""
    result: dict[int, list[str]] = {}
    for student in ctx.counted:
        chosen = (rd.decisive(finals.get((student.id, d.id))) for d in ctx.disciplines)
        result[student.id] = [mark for mark in chosen if mark is not None]
    return result


def category_reasons(ctx: rd.GroupContext, finals: dict[tuple[int, int], dict[str, str]]) -> dict[int, str]:
    """For «с одной «4»/«3»» and the failing: the disciplines that put the student there."""
    reasons: dict[int, str] = {}
    for student in ctx.counted:
        found: dict[str, list[str]] = {}
        for d in ctx.disciplines:
            mark = rd.decisive(finals.get((student.id, d.id)))
            if mark is not None:
                found.setdefault(mark, []).append(d.code or d.name)
        parts = [f"«{v}»: {', '.join(found[v])}" for v in ("2", mk.FAIL, mk.NOT_ATTESTED) if v in found]
        if not parts and len(found.get("3", [])) == 1:
            parts = [found["3"][0]]
        elif not parts and not found.get("3") and len(found.get("4", [])) == 1:
            parts = [found["4"][0]]
        if parts:
            reasons[student.id] = "; ".join(parts)
    return reasons


def build_group_results(session: UserSession, params: ReportParams) -> Report:
    assert params.group_id is not None and params.period_id is not None
    with transaction(session) as conn:
        ctx = rd.load_context(conn, params.group_id, params.period_id)
        finals, _absences = rd.finals_and_absences(conn, ctx)
    sheet = results_sheet(
        REPORTS["group-results"].title, ctx, decisive_marks(ctx, finals), reasons=category_reasons(ctx, finals)
    )
    sheet.signatures = [*sheet.signatures, made_on(params.on())]
    return Report(
        key="group-results",
        title=REPORTS["group-results"].title,
        sheets=[sheet],
        college=ctx.settings.get("college_name", ""),
    )
