"""«Моя группа» on the large demo college: the curator's dashboard of the largest group.

    python -m tests.benchmarks.group_dashboard [--repeat 7] [--sqlite] [--url URL ...]

On a throw-away PostgreSQL cluster (tests.pgcluster) filled once with the large demo (and, with
--sqlite, an SQLite file too) — or, with --url, on databases already filled with
`ejournal demo --size large --seed 1 --today 2026-11-29` — it prints, for the current semester
(29.11.2026): the time of `group_dashboard` for the largest group (its statements counted), and of
ONE hand-written SQL statement returning the same figures per student × journal (marks: all,
numeric, their sum, «зч», «нз»; hours absent, excused, sick; the decisive final mark; lessons and
hours held so far) for the students in the group on the reference day by the movements
(tests/benchmarks/bare_sql.py) — medians of `--repeat` runs after a warm-up, the two taking turns —
and the ratio; then whether both give each student the same marks, average and hours.
Prints figures, asserts nothing. (The dashboard also forecasts each discipline in Python.)
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, text

from ejournal_desktop.services import group_dashboard as gd
from ejournal_desktop.services.auth import CurrentUser, Profile, UserSession
from tests.benchmarks import bare_sql
from tests.benchmarks.large_demo import count_statements, main, paired_ms
from tests.conftest import DEMO_TODAY

BARE_SQL = f"""
WITH a AS (SELECT id, subgroup FROM teaching_assignment WHERE group_id = :g AND period_id = :p),
held AS (SELECT l.assignment_id, COUNT(*) AS lessons, SUM(l.hours) AS hours
         FROM lesson l JOIN a ON a.id = l.assignment_id WHERE l.held_on <= :on GROUP BY l.assignment_id),
mk AS (SELECT mark.student_id, l.assignment_id, COUNT(*) AS n,
              SUM(CASE WHEN mark.value IN ('5','4','3','2') THEN 1 ELSE 0 END) AS numeric_n,
              SUM(CASE WHEN mark.value IN ('5','4','3','2') THEN CAST(mark.value AS INTEGER) ELSE 0 END) AS numeric_sum,
              SUM(CASE WHEN mark.value = 'зч' THEN 1 ELSE 0 END) AS passes,
              SUM(CASE WHEN mark.value = 'нз' THEN 1 ELSE 0 END) AS fails
       FROM a CROSS JOIN lesson l CROSS JOIN mark  -- CROSS: SQLite keeps this order, PostgreSQL plans freely
       WHERE l.assignment_id = a.id AND mark.lesson_id = l.id
       GROUP BY mark.student_id, l.assignment_id),
ab AS (SELECT at.student_id, l.assignment_id, SUM(at.absent_hours) AS hours,
              SUM(CASE WHEN at.reason <> 'unexcused' THEN at.absent_hours ELSE 0 END) AS excused,
              SUM(CASE WHEN at.reason = 'sick' THEN at.absent_hours ELSE 0 END) AS sick
       FROM a CROSS JOIN lesson l CROSS JOIN attendance at
       WHERE l.assignment_id = a.id AND at.lesson_id = l.id AND at.absent_hours > 0
       GROUP BY at.student_id, l.assignment_id),
fm AS (SELECT fm.student_id, fm.assignment_id, fm.value,
              ROW_NUMBER() OVER (PARTITION BY fm.assignment_id, fm.student_id
                                 ORDER BY CASE fm.kind WHEN 'exam' THEN 4 WHEN 'diff_credit' THEN 3
                                                       WHEN 'credit' THEN 2 ELSE 1 END DESC) AS rn
       FROM final_mark fm JOIN a ON a.id = fm.assignment_id),
s AS (SELECT st.id, st.subgroup, pe.last_name
      FROM student st JOIN person pe ON pe.id = st.person_id
      WHERE {bare_sql.candidates(":g")} AND {bare_sql.member_on("st.id", ":g", ":on")})
SELECT 's' AS part, s.id, s.subgroup, 0, 0, 0, 0, 0, s.last_name FROM s
UNION ALL
SELECT 'h', NULL, held.assignment_id, held.lessons, held.hours, 0, 0, 0, NULL FROM held
UNION ALL
SELECT 'm', mk.student_id, mk.assignment_id, mk.n, mk.numeric_n, mk.numeric_sum, mk.passes, mk.fails, NULL
FROM mk WHERE mk.student_id IN (SELECT id FROM s)
UNION ALL
SELECT 'a', ab.student_id, ab.assignment_id, ab.hours, ab.excused, ab.sick, 0, 0, NULL
FROM ab WHERE ab.student_id IN (SELECT id FROM s)
UNION ALL
SELECT 'f', fm.student_id, fm.assignment_id, 0, 0, 0, 0, 0, fm.value
FROM fm WHERE fm.rn = 1 AND fm.student_id IN (SELECT id FROM s)
"""


def bench(engine: Engine, label: str, repeat: int) -> None:
    with engine.connect() as conn:
        period_id = conn.execute(
            text("SELECT id FROM period WHERE starts_on <= :d AND ends_on >= :d"), {"d": DEMO_TODAY}
        ).scalar_one()
        group_id, name, size = conn.execute(
            text(
                "SELECT g.id, g.name, COUNT(s.id) FROM study_group g JOIN student s ON s.group_id = g.id "
                "WHERE s.status = 'studying' GROUP BY g.id, g.name ORDER BY COUNT(s.id) DESC, g.name LIMIT 1"
            )
        ).one()
        marks = conn.execute(text("SELECT COUNT(*) FROM mark")).scalar_one()
    deputy = CurrentUser(0, 0, "bench", "Бенч", "Зам", None, frozenset({"deputy"}))
    session = UserSession(profile=Profile(), engine=engine, user=deputy)

    def dashboard() -> gd.GroupDashboard:
        return gd.group_dashboard(session, group_id, period_id, today=DEMO_TODAY)

    on = dashboard().on  # the reference day: today within the period

    def bare() -> Any:
        with engine.connect() as conn:
            return conn.execute(text(BARE_SQL), {"g": group_id, "p": period_id, "on": on}).all()

    ours, base = paired_ms(dashboard, bare, repeat)
    n = count_statements(engine, dashboard)
    print(f"{label}: large demo, {marks} marks; group {name} ({size} students)")
    print(f"  group_dashboard {ours:.1f} ms ({n} statements); one bare query {base:.1f} ms; ratio {ours / base:.1f}×")
    # The same students with the same marks, averages and hours (per student over their journals).
    per_student: dict[int, list[int]] = {}
    for part, sid, _aid, a, b, c, _d, _e, _text in bare():
        if part == "s":
            per_student.setdefault(sid, [0, 0, 0, 0, 0])
        elif part in ("m", "a"):
            totals = per_student.setdefault(sid, [0, 0, 0, 0, 0])
            values = (int(a), int(b or 0), int(c or 0)) if part == "m" else (int(a or 0), int(b or 0))
            for i, value in zip((0, 1, 2) if part == "m" else (3, 4), values, strict=True):
                totals[i] += value
    board = dashboard()
    same = sum(
        1
        for line in board.students
        if (totals := per_student.get(line.student_id)) is not None
        and totals[0] == line.marks
        and totals[3] == line.absent_hours
        and totals[4] == line.excused_hours
        and (line.average is None if not totals[1] else abs(line.average - totals[2] / totals[1]) < 1e-9)
    )
    listed = len(board.students)
    print(f"    same students, marks, averages and hours: {same} of {len(per_student)} (dashboard lists {listed})")


if __name__ == "__main__":
    main(bench, "bench_dashboard")
