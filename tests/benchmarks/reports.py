"""Reports on the large demo college: one group's summary sheet and «Итоги по техникуму».

    python -m tests.benchmarks.reports [--repeat 7] [--sqlite] [--url URL ...]

On a throw-away PostgreSQL cluster (tests.pgcluster) filled with the large demo (and, with
--sqlite, on an SQLite file too) — or, with --url, on databases already filled with
`ejournal demo --size large --seed 1 --today 2026-11-29` — it prints, for the last closed
semester (final marks set):
- `grades-summary` of the largest group (target < 300 ms), built through the catalog as the GUI
  does (permission, the queries, the statistics), and the same report's data from ONE hand-written
  SQL statement (the students' final marks per discipline, their averages and hours missed);
- `college-results` over every group (target < 3 s) and ONE hand-written SQL statement returning
  the same figures per group (students, categories, абсолютная успеваемость, качество, средний
  балл, СОУ, hours missed), with the decisive final mark picked by a window function;
- each ratio report / bare query (target ≤ 2×), medians of `--repeat` runs after a warm-up, the
  report and its bare query taking turns (a burst of load on a shared machine hits both), and the
  number of statements each report issued;
- whether the bare queries return the report's figures: they count the same students, those in the
  group on the period's last day by the movements (tests/benchmarks/bare_sql.py), as the reports do.
Prints figures, asserts nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, text

from ejournal_desktop.reports.catalog import ReportParams, build_report
from ejournal_desktop.services import report_data as rd
from ejournal_desktop.services.auth import CurrentUser, Profile, UserSession
from ejournal_desktop.services.unit_of_work import transaction
from tests.benchmarks import bare_sql
from tests.benchmarks.large_demo import count_statements, main, paired_ms
from tests.conftest import DEMO_TODAY

SUMMARY_SQL = f"""
WITH a AS (SELECT id, discipline_id FROM teaching_assignment WHERE group_id = :g AND period_id = :p),
s AS (SELECT st.id, pe.last_name, pe.first_name, pe.middle_name
      FROM student st JOIN person pe ON pe.id = st.person_id
      WHERE {bare_sql.candidates(":g")} AND {bare_sql.member_on("st.id", ":g", ":end")}),
f AS (SELECT fm.student_id, a.discipline_id, fm.kind, fm.value,
             ROW_NUMBER() OVER (PARTITION BY fm.assignment_id, fm.student_id
                                ORDER BY CASE fm.kind WHEN 'exam' THEN 4 WHEN 'diff_credit' THEN 3
                                                      WHEN 'credit' THEN 2 ELSE 1 END DESC) AS rn
      FROM final_mark fm JOIN a ON a.id = fm.assignment_id),
avg_ AS (SELECT student_id, AVG(CASE WHEN value IN ('5','4','3','2') THEN CAST(value AS INTEGER) END) AS average
         FROM f WHERE rn = 1 GROUP BY student_id),
ab AS (SELECT at.student_id, SUM(at.absent_hours) AS total,
              SUM(CASE WHEN at.reason <> 'unexcused' THEN at.absent_hours ELSE 0 END) AS respectful
       FROM attendance at
       WHERE at.lesson_id IN (SELECT l.id FROM lesson l JOIN a ON a.id = l.assignment_id
                              WHERE l.held_on BETWEEN :start AND :end)
       GROUP BY at.student_id)
SELECT s.id, s.last_name, s.first_name, s.middle_name, f.discipline_id, f.kind, f.value,
       avg_.average, ab.total, ab.respectful
FROM s LEFT JOIN f ON f.student_id = s.id LEFT JOIN avg_ ON avg_.student_id = s.id
       LEFT JOIN ab ON ab.student_id = s.id
ORDER BY s.last_name, s.first_name, f.discipline_id, f.kind
"""

COLLEGE_SQL = f"""
WITH ta AS (SELECT id, group_id FROM teaching_assignment WHERE period_id = :p),
ranked AS (
  SELECT ta.group_id, fm.student_id, fm.value,
         ROW_NUMBER() OVER (PARTITION BY fm.assignment_id, fm.student_id
                            ORDER BY CASE fm.kind WHEN 'exam' THEN 4 WHEN 'diff_credit' THEN 3
                                                  WHEN 'credit' THEN 2 ELSE 1 END DESC) AS rn
  FROM final_mark fm JOIN ta ON ta.id = fm.assignment_id),
per_student AS (
  SELECT group_id, student_id,
         SUM(CASE WHEN value = '5' THEN 1 ELSE 0 END) AS n5, SUM(CASE WHEN value = '4' THEN 1 ELSE 0 END) AS n4,
         SUM(CASE WHEN value = '3' THEN 1 ELSE 0 END) AS n3, SUM(CASE WHEN value = '2' THEN 1 ELSE 0 END) AS n2,
         SUM(CASE WHEN value = 'н/а' THEN 1 ELSE 0 END) AS nna, SUM(CASE WHEN value = 'нз' THEN 1 ELSE 0 END) AS nnz
  FROM ranked WHERE rn = 1 GROUP BY group_id, student_id),
absent AS (
  SELECT ta.group_id, at.student_id, SUM(at.absent_hours) AS h
  FROM attendance at JOIN lesson l ON l.id = at.lesson_id JOIN ta ON ta.id = l.assignment_id
  GROUP BY ta.group_id, at.student_id),
pairs AS (
  SELECT id AS student_id, group_id FROM student
  UNION SELECT student_id, from_group_id FROM student_movement WHERE from_group_id IS NOT NULL
  UNION SELECT student_id, to_group_id FROM student_movement WHERE to_group_id IS NOT NULL),
members AS (
  SELECT pr.student_id, pr.group_id FROM pairs pr
  WHERE pr.group_id IN (SELECT group_id FROM ta)
    AND {bare_sql.member_on("pr.student_id", "pr.group_id", "(SELECT ends_on FROM period WHERE id = :p)")}),
cat AS (
  SELECT m.group_id, COALESCE(p.n5, 0) AS n5, COALESCE(p.n4, 0) AS n4, COALESCE(p.n3, 0) AS n3,
         COALESCE(p.n2, 0) AS n2, COALESCE(p.nna, 0) AS nna, COALESCE(a.h, 0) AS h,
         CASE WHEN COALESCE(p.nna, 0) > 0 THEN 'na'
              WHEN COALESCE(p.n2, 0) + COALESCE(p.nnz, 0) > 0 THEN 'fail'
              WHEN COALESCE(p.n5, 0) + COALESCE(p.n4, 0) + COALESCE(p.n3, 0) = 0 THEN 'none'
              WHEN COALESCE(p.n3, 0) = 0 AND COALESCE(p.n4, 0) = 0 THEN 'excellent'
              WHEN COALESCE(p.n3, 0) = 0 THEN 'good'
              ELSE 'three' END AS category
  FROM members m
  LEFT JOIN per_student p ON p.group_id = m.group_id AND p.student_id = m.student_id
  LEFT JOIN absent a ON a.group_id = m.group_id AND a.student_id = m.student_id)
SELECT g.name, g.course, COUNT(*) AS students,
       SUM(CASE WHEN category = 'excellent' THEN 1 ELSE 0 END) AS excellent,
       SUM(CASE WHEN category = 'good' THEN 1 ELSE 0 END) AS good,
       SUM(CASE WHEN category IN ('fail', 'na') THEN 1 ELSE 0 END) AS failing,
       ROUND(100.0 * SUM(CASE WHEN category NOT IN ('fail', 'na') THEN 1 ELSE 0 END) / COUNT(*), 1) AS absolute,
       ROUND(100.0 * SUM(CASE WHEN category IN ('excellent', 'good') THEN 1 ELSE 0 END) / COUNT(*), 1) AS quality,
       ROUND(SUM(5 * n5 + 4 * n4 + 3 * n3 + 2 * n2) * 1.0 / NULLIF(SUM(n5 + n4 + n3 + n2), 0), 2) AS average,
       ROUND((100.0 * SUM(n5) + 64 * SUM(n4) + 36 * SUM(n3) + 16 * SUM(n2) + 7 * SUM(nna))
             / NULLIF(SUM(n5 + n4 + n3 + n2 + nna), 0), 1) AS sou,
       SUM(h) AS missed
FROM cat JOIN study_group g ON g.id = cat.group_id
GROUP BY g.name, g.course ORDER BY g.course, g.name
"""


def _same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-9  # type: ignore[arg-type]


def bench(engine: Engine, label: str, repeat: int) -> None:
    user = CurrentUser(0, 0, "bench", "Замов", "Зам", None, frozenset({"deputy"}))
    session = UserSession(profile=Profile(kind="server"), engine=engine, user=user)
    with transaction(session) as conn:
        current = rd.period_containing(conn, DEMO_TODAY)
        assert current is not None
        period = [p for p in rd.list_periods(conn) if p.ends_on < current.starts_on][-1]
        biggest = conn.execute(
            text(
                "SELECT s.group_id, g.name, COUNT(*) FROM student s JOIN study_group g ON g.id = s.group_id "
                "WHERE s.group_id IN (SELECT group_id FROM teaching_assignment WHERE period_id = :p) "
                "GROUP BY s.group_id, g.name ORDER BY COUNT(*) DESC, g.name LIMIT 1"
            ),
            {"p": period.id},
        ).one()
        groups = len(rd.college_groups(conn, period.id))
        students = conn.execute(text("SELECT COUNT(*) FROM student")).scalar_one()
        finals = conn.execute(text("SELECT COUNT(*) FROM final_mark")).scalar_one()
        marks = conn.execute(text("SELECT COUNT(*) FROM mark")).scalar_one()
    group_id, group_name, size = biggest
    print(
        f"{label}: demo college, {students} students, {marks} marks, {finals} final marks; "
        f"period {period.code}, {groups} groups"
    )
    params = ReportParams(period.id, group_id, today=DEMO_TODAY)

    def summary() -> Any:
        return build_report(session, "grades-summary", params)

    def bare_summary() -> Any:
        with engine.connect() as conn:
            values = {"g": group_id, "p": period.id, "start": period.starts_on, "end": period.ends_on}
            return conn.execute(text(SUMMARY_SQL), values).all()

    report_ms, bare_ms = paired_ms(summary, bare_summary, repeat)
    n = count_statements(engine, summary)
    print(
        f"  grades-summary {group_name} ({size} students): {report_ms:.1f} ms ({n} statements); "
        f"one bare query {bare_ms:.1f} ms; ratio {report_ms / bare_ms:.1f}× (targets < 300 ms, ≤ 2×)"
    )
    # The same students with the same average and hours missed (movements respected by both).
    sheet = summary().sheets[0]
    keys = [column.key for column in sheet.columns]
    built = {row.values[1]: row.values for row in sheet.body}
    bare = {}
    for row in bare_summary():
        bare[" ".join(part for part in row[1:4] if part)] = (row[7], row[8] or 0, row[9] or 0)
    same = sum(
        1
        for name, (average, total, respectful) in bare.items()
        if name in built
        and _same(built[name][keys.index("average")], None if average is None else round(float(average) + 1e-9, 2))
        and built[name][keys.index("missed")] == total
        and built[name][keys.index("respectful")] == respectful
    )
    print(f"    same students, averages and hours missed: {same} of {len(bare)} (report lists {len(built)})")

    college = ReportParams(period.id, None, today=DEMO_TODAY)

    def results() -> Any:
        return build_report(session, "college-results", college)

    def bare_results() -> Any:
        with engine.connect() as conn:
            return conn.execute(text(COLLEGE_SQL), {"p": period.id}).all()

    report_ms, bare_ms = paired_ms(results, bare_results, repeat)
    n = count_statements(engine, results)
    print(
        f"  college-results ({groups} groups): {report_ms:.0f} ms ({n} statements); "
        f"one bare query {bare_ms:.0f} ms; ratio {report_ms / bare_ms:.1f}× (targets < 3 s, ≤ 2×)"
    )
    # Every figure of every group: students, excellent, good, failing, absolute, quality, average, СОУ, missed.
    built = {row.values[0]: row.values for row in results().sheets[0].body}
    rows = bare_results()
    same = sum(
        1
        for row in rows
        if row[0] in built
        and all(
            _same(built[row[0]][i], row[j]) for i, j in zip((2, 3, 4, 5, 6, 7, 8, 9, 10), range(2, 11), strict=True)
        )
    )
    print(f"    every figure equal in {same} of {len(rows)} groups")


if __name__ == "__main__":
    main(bench, "bench_reports")
