"""The benchmarks' hand-written SQL is honest: it counts the students domain.membership counts (by the
movements) and returns the reports' own figures — on the hand-made college of the report tests, with
a few extra movements (transfers there and back, an academic leave and a return, an enrolment)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine, insert, text

from ejournal_desktop.domain.membership import belongs_on, membership_intervals
from ejournal_desktop.reports.catalog import ReportParams, build_report
from ejournal_desktop.services import group_dashboard as gd
from ejournal_desktop.services.auth import CurrentUser, Profile, UserSession
from ejournal_desktop.services.movement_rows import fold, with_movements
from ejournal_desktop.store import models as m
from tests.benchmarks import bare_sql
from tests.benchmarks.group_dashboard import BARE_SQL
from tests.benchmarks.reports import COLLEGE_SQL, SUMMARY_SQL
from tests.reports_college import IDS, TODAY, build_college

D = dt.date
DAYS = [D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 20), D(2026, 10, 14), D(2026, 10, 15), D(2026, 10, 31)]
DAYS += [D(2026, 11, 1), D(2026, 11, 19), D(2026, 11, 20), D(2026, 12, 31)]


@pytest.fixture
def college(engine: Engine) -> Engine:
    build_college(engine)
    moves = [
        # C goes to 11-АГ on 15.10 and comes back on 20.11; Ж takes a leave 20.09 – 09.10.
        ("transfer", IDS.c, IDS.group, IDS.other_group, D(2026, 10, 15)),
        ("transfer", IDS.c, IDS.other_group, IDS.group, D(2026, 11, 20)),
        ("academic_leave", IDS.zh, IDS.other_group, None, D(2026, 9, 20)),
        ("return", IDS.zh, None, IDS.other_group, D(2026, 10, 10)),
        # E was enrolled on 15.09: not in the group before.
        ("enrol", IDS.e, None, IDS.group, D(2026, 9, 15)),
    ]
    with engine.begin() as conn:
        conn.execute(
            insert(m.StudentMovement),
            [
                {
                    "id": 100 + i,
                    "student_id": sid,
                    "kind": kind,
                    "from_group_id": source,
                    "to_group_id": target,
                    "order_no": f"{i}-к",
                    "order_date": day,
                    "effective_date": day,
                }
                for i, (kind, sid, source, target, day) in enumerate(moves)
            ],
        )
    return engine


def _session(engine: Engine) -> UserSession:
    user = CurrentUser(IDS.deputy, IDS.deputy, "zam", "Замов", "Зам", None, frozenset({"deputy"}))
    return UserSession(profile=Profile(kind="embedded"), engine=engine, user=user)


def test_membership_in_sql_is_the_domains(college: Engine) -> None:
    member = (
        f"SELECT st.id FROM student st WHERE {bare_sql.candidates(':g')} AND {bare_sql.member_on('st.id', ':g', ':d')}"
    )
    with college.connect() as conn:
        stories = fold(conn.execute(with_movements(m.Student.group_id)).all())
        checked = 0
        for group in (IDS.group, IDS.other_group):
            for day in DAYS:
                bare = {row[0] for row in conn.execute(text(member), {"g": group, "d": day})}
                touched = {
                    sid
                    for sid, ((now,), moves) in stories.items()
                    if now == group or any(group in (mv.from_group_id, mv.to_group_id) for mv in moves)
                }
                domain = {sid for sid in touched if belongs_on(membership_intervals(stories[sid][1], group), day)}
                assert bare == domain, (group, day)
                checked += len(domain)
    assert checked > 20


def test_the_bare_queries_return_the_reports_figures(college: Engine) -> None:
    session = _session(college)
    period_end = D(2026, 12, 31)
    summary = build_report(session, "grades-summary", ReportParams(IDS.period, IDS.group, today=TODAY)).sheets[0]
    keys = [column.key for column in summary.columns]
    built = {row.values[1]: row.values for row in summary.body}
    values: dict[str, Any] = {"g": IDS.group, "p": IDS.period, "start": D(2026, 9, 1), "end": period_end}
    with college.connect() as conn:
        rows = conn.execute(text(SUMMARY_SQL), values).all()
        college_rows = conn.execute(text(COLLEGE_SQL), {"p": IDS.period}).all()
    bare = {" ".join(p for p in row[1:4] if p): (row[7], row[8] or 0, row[9] or 0) for row in rows}
    assert set(bare) == set(built)  # F (expelled) is out of both; C is back, E came in
    for name, (average, total, respectful) in bare.items():
        got = built[name]
        expected = None if average is None else round(float(average) + 1e-9, 2)
        assert got[keys.index("average")] == (None if expected is None else pytest.approx(expected)), name
        assert (got[keys.index("missed")], got[keys.index("respectful")]) == (total, respectful), name

    results = build_report(session, "college-results", ReportParams(IDS.period, None, today=TODAY)).sheets[0]
    by_group = {row.values[0]: row.values for row in results.body}
    assert college_rows
    for row in college_rows:
        for i in range(2, 11):
            expected = None if row[i] is None else float(row[i])
            assert by_group[row[0]][i] == (pytest.approx(expected) if expected is not None else None), (row[0], i)


def test_the_bare_dashboard_query_gives_each_student_the_dashboards_figures(college: Engine) -> None:
    board = gd.group_dashboard(_session(college), IDS.group, IDS.period, today=TODAY)
    with college.connect() as conn:
        rows = conn.execute(text(BARE_SQL), {"g": IDS.group, "p": IDS.period, "on": board.on}).all()
    listed = {sid for part, sid, *_rest in rows if part == "s"}
    assert listed == {line.student_id for line in board.students}
    for line in board.students:
        marks = [r for r in rows if r[0] == "m" and r[1] == line.student_id]
        absent = [r for r in rows if r[0] == "a" and r[1] == line.student_id]
        assert sum(int(r[3]) for r in marks) == line.marks
        numeric = sum(int(r[4]) for r in marks)
        assert (line.average is None) == (numeric == 0)
        if numeric:
            assert line.average == pytest.approx(sum(int(r[5]) for r in marks) / numeric)
        assert sum(int(r[3]) for r in absent) == line.absent_hours
        assert sum(int(r[4]) for r in absent) == line.excused_hours
