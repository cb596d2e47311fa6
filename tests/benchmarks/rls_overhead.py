"""How much row-level security costs: `python -m tests.benchmarks.rls_overhead [--size large|small] [--runs N]`.

Starts a throw-away cluster, runs `init_server`, fills a large college, then times the same reads as
the person (RLS on, through their own login) and as the owner (ej_owner: RLS does not apply):

- a teacher's semester journal of one assignment: lessons + marks + attendance (3 queries; marks and
  absences by their own assignment, as the program reads them since migration 0007);
- a student's whole diary: lessons of their group, own marks, absences and final marks (4 queries).

And the same two reads as the program issues them: the statements of `gradebook.open_journal` (the
teacher opening that journal: header, students with movements, lessons, marks + absences + finals)
and of `diary.diary` (the student's semester diary, without «что нового», which reads the person's
own visits and messages and so differs by who asks), captured from the services and replayed.

Prints the median of each in ms and the ratio (target ≤ 1.3×). By default psycopg prepares a statement
after 5 runs, so the figures are of prepared statements; `--unprepared` plans every run again. The college comes from
`services.demo_on_server.fill_demo_on_server` when that module exists, otherwise from the SQL generator below
(40 groups × 25 students, 60 teachers, 960 assignments, 34 560 lessons, ≈ 345 000 marks).
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

import psycopg
from sqlalchemy import text

from ejournal_desktop.store.engine import normalize_url
from ejournal_desktop.store.server.server_init import create_login_roles, init_server, owner_engine, scram_verifier
from tests import pgcluster
from tests.benchmarks.large_demo import captured_statements

PASSWORD = "bench'пароль"

GENERATOR = """
INSERT INTO specialty (id, code, name, qualification) VALUES (1, '35.02.16', 'Эксплуатация техники', 'Техник');
INSERT INTO period (id, academic_year, number, starts_on, ends_on) VALUES
    (1, '2026/2027', 1, '2026-09-01', '2026-12-31'), (2, '2026/2027', 2, '2027-01-09', '2027-06-30');
INSERT INTO person (id, last_name, first_name, search_name)
    SELECT 100 + g, 'Преподаватель' || g, 'Имя', 'преподаватель' || g FROM generate_series(1, 60) g;
INSERT INTO person (id, last_name, first_name, search_name)
    SELECT 1000 + g, 'Студент' || g, 'Имя', 'студент' || g FROM generate_series(1, 1000) g;
INSERT INTO person (id, last_name, first_name, search_name)
    SELECT 3000 + g, 'Родитель' || g, 'Имя', 'родитель' || g FROM generate_series(1, 1000) g;
SELECT setval(pg_get_serial_sequence('person', 'id'), 5000);
INSERT INTO study_group (id, name, specialty_id, course, admission_year, curator_id, base_grade, is_archived)
    SELECT g, 'Г-' || g, 1, 1 + g % 4, 2026 - g % 4, 100 + g, 9, false FROM generate_series(1, 40) g;
INSERT INTO student (id, person_id, group_id, status)
    SELECT s, 1000 + s, 1 + (s - 1) / 25, 'studying' FROM generate_series(1, 1000) s;
INSERT INTO guardian_link (student_id, guardian_id, relation)
    SELECT s, 3000 + s, 'мать' FROM generate_series(1, 1000) s;
INSERT INTO discipline (id, code, name, kind)
    SELECT d, 'ОП.' || d, 'Дисциплина ' || d, 'ОП' FROM generate_series(1, 24) d;
INSERT INTO teaching_assignment (group_id, discipline_id, teacher_id, period_id, planned_hours, control_form)
    SELECT g, d, 101 + (g * 7 + d) % 60, CASE WHEN d <= 12 THEN 1 ELSE 2 END, 72, 'exam'
    FROM generate_series(1, 40) g, generate_series(1, 24) d;
INSERT INTO lesson (assignment_id, held_on, pair_no, hours, topic, homework, lesson_kind)
    SELECT t.id, p.starts_on + k * 3, 1 + t.discipline_id % 4, 2, 'Тема ' || k, '§ ' || k, 'theory'
    FROM teaching_assignment t JOIN period p ON p.id = t.period_id, generate_series(0, 35) k;
INSERT INTO mark (lesson_id, student_id, slot, value, version, updated_at)
    SELECT l.id, s.id, 1, (2 + floor(random() * 4))::int::text, 1, now()
    FROM lesson l JOIN teaching_assignment t ON t.id = l.assignment_id JOIN student s ON s.group_id = t.group_id
    WHERE random() < 0.4;
INSERT INTO attendance (lesson_id, student_id, absent_hours, reason, late, version, updated_at)
    SELECT l.id, s.id, 2, 'unexcused', false, 1, now()
    FROM lesson l JOIN teaching_assignment t ON t.id = l.assignment_id JOIN student s ON s.group_id = t.group_id
    WHERE random() < 0.08;
INSERT INTO final_mark (assignment_id, student_id, kind, value, version, updated_at)
    SELECT t.id, s.id, 'semester', (3 + floor(random() * 3))::int::text, 1, now()
    FROM teaching_assignment t JOIN student s ON s.group_id = t.group_id;
"""

JOURNAL = (
    "SELECT id, held_on, pair_no, hours, topic, homework FROM lesson WHERE assignment_id = %(a)s "
    "ORDER BY held_on, pair_no",
    "SELECT m.id, m.lesson_id, m.student_id, m.slot, m.value, m.version FROM mark m WHERE m.assignment_id = %(a)s",
    "SELECT a.id, a.lesson_id, a.student_id, a.absent_hours, a.reason FROM attendance a WHERE a.assignment_id = %(a)s",
)
DIARY = (
    "SELECT l.id, l.held_on, l.topic, l.homework, t.discipline_id FROM lesson l "
    "JOIN teaching_assignment t ON t.id = l.assignment_id WHERE t.group_id = %(g)s ORDER BY l.held_on",
    "SELECT m.id, m.lesson_id, m.value FROM mark m WHERE m.student_id = %(s)s",
    "SELECT a.id, a.lesson_id, a.absent_hours, a.reason FROM attendance a WHERE a.student_id = %(s)s",
    "SELECT f.id, f.assignment_id, f.kind, f.value FROM final_mark f WHERE f.student_id = %(s)s",
)


def fill(admin_url: str, db: str, size: str) -> str:
    try:
        from ejournal_desktop.services.demo_on_server import fill_demo_on_server
    except ImportError:  # an older tree: no demo college yet
        fill_demo_on_server = None  # type: ignore[assignment]
    if fill_demo_on_server is not None:
        # `init_server` created the first admin: the plain fill_demo refuses a non-empty database.
        fill_demo_on_server(admin_url, db, size=size, password=PASSWORD)
        source = f"services.demo_on_server.fill_demo_on_server(size={size!r})"
    engine = owner_engine(admin_url, db, bulk=True)
    try:
        if fill_demo_on_server is None:
            with engine.begin() as conn:
                conn.connection.driver_connection.execute(GENERATOR)  # type: ignore[union-attr]
            source = "SQL generator of this benchmark (services.demo_college is not in the tree yet)"
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    finally:
        engine.dispose()
    return source


def pick_people(admin_url: str, db: str) -> dict[str, Any]:
    """The teacher of the assignment with most marks, and the student with most marks; logins for both."""
    engine = owner_engine(admin_url, db)
    try:
        with engine.begin() as conn:
            assignment, teacher = conn.execute(
                text(
                    "SELECT t.id, t.teacher_id FROM mark m JOIN lesson l ON l.id = m.lesson_id "
                    "JOIN teaching_assignment t ON t.id = l.assignment_id GROUP BY t.id ORDER BY count(*) DESC LIMIT 1"
                )
            ).one()
            student, group = conn.execute(
                text(
                    "SELECT s.id, s.group_id FROM mark m JOIN student s ON s.id = m.student_id "
                    "GROUP BY s.id ORDER BY count(*) DESC LIMIT 1"
                )
            ).one()
            student_person = conn.execute(text("SELECT person_id FROM student WHERE id = :s"), {"s": student}).scalar()
            logins = {}
            for key, person, role in (("teacher", teacher, "teacher"), ("student", student_person, "student")):
                login = conn.execute(text("SELECT login FROM account WHERE person_id = :p"), {"p": person}).scalar()
                if login is None:
                    login = f"bench_{key}"
                    conn.execute(
                        text(
                            "INSERT INTO account (person_id, login, role, is_active, must_change_password, "
                            "failed_logins) VALUES (:p, :l, :r, true, false, 0)"
                        ),
                        {"p": person, "l": login, "r": role},
                    )
                logins[key] = (login, role)
            create_login_roles(conn, list(logins.values()), scram_verifier(PASSWORD, conn))
            counts = conn.execute(text("SELECT (SELECT count(*) FROM mark), (SELECT count(*) FROM lesson)")).one()
    finally:
        engine.dispose()
    return {
        "assignment": assignment,
        "student": student,
        "group": group,
        "teacher_login": logins["teacher"][0],
        "student_login": logins["student"][0],
        "marks": counts[0],
        "lessons": counts[1],
    }


Statements = list[tuple[str, Any]]  # SQL and its parameters


def _once(conn: psycopg.Connection, statements: Statements) -> float:
    started = time.perf_counter()
    for query, params in statements:
        conn.execute(query, params).fetchall()
    return (time.perf_counter() - started) * 1000


def program_reads(admin_url: str, db: str, people: dict[str, Any]) -> dict[str, Statements]:
    """The statements of the teacher's `open_journal` and of the student's `diary`, as sent."""
    from ejournal_desktop.services import auth, diary
    from ejournal_desktop.services import gradebook as gb

    url = normalize_url(admin_url)
    profile = auth.Profile(kind="server", host=url.host, port=url.port, database=db, sslmode="disable")
    teacher = auth.login(profile, people["teacher_login"], PASSWORD)
    student = auth.login(profile, people["student_login"], PASSWORD)
    try:
        return {
            "journal": captured_statements(teacher.engine, lambda: gb.open_journal(teacher, people["assignment"])),
            "diary": captured_statements(
                student.engine, lambda: diary.diary(student, people["student"], with_news=False)
            ),
        }
    finally:
        teacher.close()
        student.close()


def timed(
    owner: psycopg.Connection, person: psycopg.Connection, statements: Statements, runs: int
) -> tuple[float, int, float, int]:
    """Medians (ms) and row counts of the owner's and the person's runs, taken in turn.

    Alternating the two keeps a machine whose load changes during the run (other jobs on a shared
    box) from favouring whichever side ran while it was quiet.
    """
    rows = {}
    for side, conn in (("owner", owner), ("person", person)):  # warm-up (and the row count)
        rows[side] = sum(len(conn.execute(query, params).fetchall()) for query, params in statements)
        for _ in range(5):
            _once(conn, statements)
    owner_samples, person_samples = [], []
    for _ in range(runs):
        owner_samples.append(_once(owner, statements))
        person_samples.append(_once(person, statements))
    return statistics.median(owner_samples), rows["owner"], statistics.median(person_samples), rows["person"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("small", "large"), default="large")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument(
        "--unprepared",
        action="store_true",
        help="plan every statement again (psycopg prepares a statement run 5 times; a client's first reads are not)",
    )
    args = parser.parse_args(argv)

    cluster = pgcluster.start_cluster()
    try:
        admin_url, db = cluster.url(), "ej_bench"
        init_server(admin_url, db, "bench_admin", PASSWORD)
        started = time.perf_counter()
        source = fill(admin_url, db, args.size)
        people = pick_people(admin_url, db)
        print(f"College: {source}; filled in {time.perf_counter() - started:.1f} s")
        print(f"  {people['marks']} marks, {people['lessons']} lessons; runs per measurement: {args.runs}")
        url = normalize_url(admin_url)

        def connect(user: str | None = None, password: str | None = None) -> psycopg.Connection:
            conn = psycopg.connect(
                host=url.host, port=url.port, dbname=db, user=user or url.username,
                password=password or url.password, autocommit=True,
            )  # fmt: skip
            if args.unprepared:
                conn.prepare_threshold = None
            return conn

        journal_params, diary_params = {"a": people["assignment"]}, {"s": people["student"], "g": people["group"]}
        program = program_reads(admin_url, db, people)
        # The two reads carry the target; the program's own reads are wider (open_journal also
        # reads the header with its totals, the students with their movements and every name) and
        # are printed beside them.
        cases: list[tuple[str, str, Statements, bool]] = [
            ("teacher's semester journal", people["teacher_login"], [(q, journal_params) for q in JOURNAL], True),
            ("student's whole diary", people["student_login"], [(q, diary_params) for q in DIARY], True),
            (f"open_journal ({len(program['journal'])} stmts)", people["teacher_login"], program["journal"], False),
            (f"diary, semester ({len(program['diary'])} stmts)", people["student_login"], program["diary"], False),
        ]
        worst = 0.0
        for title, login, statements, targeted in cases:
            with connect() as owner, connect(login, PASSWORD) as person:
                owner.execute("SET ROLE ej_owner")
                owner_ms, owner_rows, person_ms, person_rows = timed(owner, person, statements, args.runs)
            ratio = person_ms / owner_ms if owner_ms else float("inf")
            if targeted:
                worst = max(worst, ratio)
            print(
                f"{title:<28} owner {owner_ms:7.2f} ms ({owner_rows} rows)   "
                f"{login} {person_ms:7.2f} ms ({person_rows} rows)   ratio {ratio:4.2f}×"
            )
            assert owner_rows == person_rows, "RLS hid rows the person should see"
        print(
            f"worst ratio of the journal and the diary {worst:.2f}× (target ≤ 1.30×): "
            f"{'OK' if worst <= 1.3 else 'OVER TARGET'}; the program's own reads above for comparison"
        )
    finally:
        pgcluster.remove_cluster(cluster)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
