"""Who sees and writes what, straight through SQL as each person's own login (no services in between).

What the matrix allows works; what it forbids is refused (permission error) or sees zero rows.
"""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from psycopg import errors

from ejournal_desktop.domain.permissions import Action, can
from ejournal_desktop.domain.roles import Role
from tests.server.college import College

pytestmark = pytest.mark.pg


def ids_of(conn: psycopg.Connection, sql: str, *params: Any) -> set[int]:
    return {row[0] for row in conn.execute(sql, params).fetchall()}


def refused(conn: psycopg.Connection, sql: str, *params: Any) -> str:
    with pytest.raises(errors.InsufficientPrivilege) as caught:
        conn.execute(sql, params)
    return str(caught.value)


def affected(conn: psycopg.Connection, sql: str, *params: Any) -> int:
    cursor = conn.execute(sql, params)
    return cursor.rowcount


# --- reading ------------------------------------------------------------------------------------


def test_student_reads_own_marks_and_nothing_of_a_classmate(college: College) -> None:
    i = college.ids
    with college.connect_as("s1") as s1:
        assert ids_of(s1, "SELECT id FROM mark") == {i["m1"], i["m3"], i["m6"]}
        assert ids_of(s1, "SELECT id FROM mark WHERE student_id = %s", i["st_s2"]) == set()
        assert ids_of(s1, "SELECT id FROM attendance") == {i["at2"]}
        assert ids_of(s1, "SELECT id FROM final_mark") == {i["fm1"]}
        assert ids_of(s1, "SELECT id FROM excuse") == set()  # the excuse is the classmate's
        # the lessons (topics, homework) of the own group, in every discipline and period
        assert ids_of(s1, "SELECT id FROM lesson") == {i["l1"], i["l2"], i["l4"]}
        assert ids_of(s1, "SELECT id FROM student") == {i["st_s1"]}
        # own person, own parent, the group's teachers and curator — not classmates, not other families
        assert ids_of(s1, "SELECT id FROM person") == {i["s1"], i["p1"], i["t1"], i["t2"]}
        assert ids_of(s1, "SELECT id FROM guardian_link") == {i["gl1"]}
        assert len(ids_of(s1, "SELECT id FROM student_movement")) == 1
        assert ids_of(s1, "SELECT person_id FROM account") == {i["s1"]}
        assert ids_of(s1, "SELECT id FROM teaching_assignment") == {i["a1"], i["a2"], i["a4"]}
        refused(s1, "SELECT * FROM audit_log")
        refused(s1, "SELECT * FROM backup_record")


def test_parent_reads_own_child_only(college: College) -> None:
    i = college.ids
    with college.connect_as("p1") as p1:
        assert ids_of(p1, "SELECT id FROM mark") == {i["m1"], i["m3"], i["m6"]}
        assert ids_of(p1, "SELECT id FROM mark WHERE student_id = %s", i["st_s3"]) == set()
        assert ids_of(p1, "SELECT id FROM student") == {i["st_s1"]}
        assert ids_of(p1, "SELECT id FROM lesson") == {i["l1"], i["l2"], i["l4"]}
        assert ids_of(p1, "SELECT id FROM person") == {i["p1"], i["s1"], i["t1"], i["t2"]}
        assert ids_of(p1, "SELECT id FROM attendance") == {i["at2"]}
    with college.connect_as("p2") as p2:
        assert ids_of(p2, "SELECT id FROM mark") == {i["m5"], i["m7"]}
        assert ids_of(p2, "SELECT id FROM person WHERE id IN (%s, %s)", i["s1"], i["p1"]) == set()
        assert ids_of(p2, "SELECT id FROM final_mark") == set()


def test_teacher_reads_own_journals_and_as_curator_the_whole_group(college: College) -> None:
    i = college.ids
    with college.connect_as("t1") as t1:
        # own: a1, a4 (closed period), a5 (in g2); curated g1: a2 as well. Not a3 (t2 in g2).
        assert ids_of(t1, "SELECT id FROM lesson") == {i["l1"], i["l2"], i["l4"], i["l5"]}
        assert ids_of(t1, "SELECT id FROM mark") == {i["m1"], i["m2"], i["m3"], i["m4"], i["m6"], i["m7"]}
        assert ids_of(t1, "SELECT id FROM attendance") == {i["at1"], i["at2"]}
        # the contingent of the groups taught (g1, g2); guardians of the curated group only
        assert ids_of(t1, "SELECT id FROM student") == {i["st_s1"], i["st_s2"], i["st_s3"]}
        assert ids_of(t1, "SELECT id FROM guardian_link") == {i["gl1"]}
        persons = ids_of(t1, "SELECT id FROM person")
        assert {i["s1"], i["s2"], i["s3"], i["p1"], i["t2"], i["deputy"]} <= persons
        assert i["p2"] not in persons
        assert ids_of(t1, "SELECT id FROM excuse") == {i["ex1"]}
        refused(t1, "SELECT * FROM audit_log")
    with college.connect_as("t2") as t2:
        # own a2, a3; curated g2 adds a5. Not a1, a4.
        assert ids_of(t2, "SELECT id FROM mark") == {i["m3"], i["m4"], i["m5"], i["m7"]}
        assert ids_of(t2, "SELECT id FROM final_mark") == set()


def test_deputy_and_admin_read_everything_secretary_no_journal(college: College) -> None:
    i = college.ids
    all_marks = {i[f"m{n}"] for n in range(1, 8)}
    with college.connect_as("deputy") as deputy:
        assert all_marks <= ids_of(deputy, "SELECT id FROM mark")
        assert len(ids_of(deputy, "SELECT id FROM audit_log")) > 0
        assert {i["st_s1"], i["st_s2"], i["st_s3"]} <= ids_of(deputy, "SELECT id FROM student")
    with college.connect_as("admin") as admin:
        assert all_marks <= ids_of(admin, "SELECT id FROM mark")
        assert len(ids_of(admin, "SELECT id FROM account")) >= 10
        assert len(ids_of(admin, "SELECT id FROM audit_log")) > 0
    with college.connect_as("secretary") as secretary:
        refused(secretary, "SELECT * FROM mark")
        refused(secretary, "SELECT * FROM attendance")
        refused(secretary, "SELECT * FROM lesson")
        refused(secretary, "SELECT * FROM audit_log")
        assert {i["st_s1"], i["st_s2"], i["st_s3"]} <= ids_of(secretary, "SELECT id FROM student")
        assert {i["p1"], i["p2"]} <= ids_of(secretary, "SELECT id FROM person")
        assert ids_of(secretary, "SELECT person_id FROM account") == {i["secretary"]}


# --- writing the journal ----------------------------------------------------------------------


def test_teacher_writes_own_open_journal(college: College) -> None:
    i = college.ids
    with college.connect_as("t1") as t1:
        mark = t1.execute(
            "INSERT INTO mark (lesson_id, student_id, slot, value, version) VALUES (%s, %s, 2, '4', 1) RETURNING id",
            (i["l1"], i["st_s1"]),
        ).fetchone()
        assert mark is not None
        assert affected(t1, "UPDATE mark SET value = '3', version = version + 1 WHERE id = %s", mark[0]) == 1
        assert affected(t1, "DELETE FROM mark WHERE id = %s", mark[0]) == 1
        lesson = t1.execute(
            "INSERT INTO lesson (assignment_id, held_on, pair_no, hours, topic, lesson_kind) "
            "VALUES (%s, '2026-09-14', 2, 2, %s, 'theory') RETURNING id",
            (i["a1"], "Тема'); DROP TABLE mark; --"),
        ).fetchone()
        assert lesson is not None
        # a topic that looks like SQL is stored as text
        assert t1.execute("SELECT topic FROM lesson WHERE id = %s", (lesson[0],)).fetchone() == (
            "Тема'); DROP TABLE mark; --",
        )
        t1.execute(
            "INSERT INTO attendance (lesson_id, student_id, absent_hours, reason, late, version) "
            "VALUES (%s, %s, 1, 'unexcused', true, 1)",
            (lesson[0], i["st_s2"]),
        )
        t1.execute(
            "INSERT INTO final_mark (assignment_id, student_id, kind, value, version) VALUES (%s, %s, 'exam', '4', 1)",
            (i["a1"], i["st_s2"]),
        )
        t1.execute(
            "INSERT INTO plan_topic (assignment_id, position, title, hours, lesson_kind) "
            "VALUES (%s, 1, 'Введение', 2, 'theory')",
            (i["a1"],),
        )


def test_teacher_cannot_touch_another_teachers_discipline(college: College) -> None:
    i = college.ids
    with college.connect_as("t1") as t1:
        # m3 is t2's mark in the curated group: t1 reads it but may not change it
        assert affected(t1, "UPDATE mark SET value = '2' WHERE id = %s", i["m3"]) == 0
        assert affected(t1, "DELETE FROM mark WHERE id = %s", i["m3"]) == 0
        assert affected(t1, "UPDATE mark SET value = '2' WHERE id = %s", i["m5"]) == 0  # invisible: a3
        refused(
            t1,
            "INSERT INTO mark (lesson_id, student_id, slot, value) VALUES (%s, %s, 2, '2')",
            i["l2"],
            i["st_s2"],
        )
        refused(
            t1,
            "INSERT INTO lesson (assignment_id, held_on, pair_no, hours, lesson_kind) "
            "VALUES (%s, '2026-09-15', 3, 2, 'theory')",
            i["a2"],
        )
        # moving an own mark into another teacher's lesson
        refused(t1, "UPDATE mark SET lesson_id = %s WHERE id = %s", i["l2"], i["m1"])
        refused(
            t1,
            "INSERT INTO final_mark (assignment_id, student_id, kind, value) VALUES (%s, %s, 'semester', '5')",
            i["a2"],
            i["st_s1"],
        )
    with college.superuser() as su:
        assert su.execute("SELECT value FROM mark WHERE id = %s", (i["m3"],)).fetchone() == ("3",)


def test_teacher_cannot_write_in_a_closed_period(college: College) -> None:
    i = college.ids
    with college.connect_as("t1") as t1:
        assert affected(t1, "UPDATE mark SET value = '2' WHERE id = %s", i["m6"]) == 0
        assert affected(t1, "DELETE FROM mark WHERE id = %s", i["m6"]) == 0
        assert affected(t1, "UPDATE final_mark SET value = '2' WHERE id = %s", i["fm1"]) == 0
        assert affected(t1, "UPDATE lesson SET topic = 'x' WHERE id = %s", i["l4"]) == 0
        refused(
            t1, "INSERT INTO mark (lesson_id, student_id, slot, value) VALUES (%s, %s, 2, '4')", i["l4"], i["st_s1"]
        )
        refused(
            t1,
            "INSERT INTO lesson (assignment_id, held_on, pair_no, hours, lesson_kind) "
            "VALUES (%s, '2026-03-09', 1, 2, 'theory')",
            i["a4"],
        )
    with college.superuser() as su:
        assert su.execute("SELECT value FROM mark WHERE id = %s", (i["m6"],)).fetchone() == ("5",)


@pytest.mark.parametrize("who", ["s1", "p1", "secretary", "deputy", "admin"])
def test_nobody_but_the_teacher_writes_marks(college: College, who: str) -> None:
    i = college.ids
    with college.connect_as(who) as conn:
        refused(conn, "UPDATE mark SET value = '2' WHERE id = %s", i["m1"])
        refused(conn, "DELETE FROM mark WHERE id = %s", i["m1"])
        refused(
            conn, "INSERT INTO mark (lesson_id, student_id, slot, value) VALUES (%s, %s, 2, '5')", i["l1"], i["st_s1"]
        )
        refused(conn, "UPDATE attendance SET absent_hours = 0, late = true WHERE id = %s", i["at1"])
        refused(conn, "UPDATE final_mark SET value = '2' WHERE id = %s", i["fm1"])


# --- periods, contingent, curator ---------------------------------------------------------------


def test_deputy_closes_and_reopens_periods_only(college: College) -> None:
    i = college.ids
    with college.connect_as("deputy") as deputy:
        assert affected(deputy, "UPDATE period SET closed_at = now() WHERE id = %s", i["period_open"]) == 1
        assert affected(deputy, "UPDATE period SET closed_at = NULL WHERE id = %s", i["period_open"]) == 1
        refused(deputy, "UPDATE period SET ends_on = '2026-12-30' WHERE id = %s", i["period_open"])
        refused(deputy, "INSERT INTO student (person_id, group_id) VALUES (%s, %s)", i["deputy"], i["g1"])
    with college.connect_as("secretary") as secretary:
        refused(secretary, "UPDATE period SET closed_at = NULL WHERE id = %s", i["period_closed"])


def test_secretary_writes_contingent_load_and_periods(college: College) -> None:
    i = college.ids
    with college.connect_as("secretary") as sec, sec.transaction():
        person = sec.execute(
            "INSERT INTO person (last_name, first_name, search_name) VALUES ('Новиков', 'Ной', 'новиков ной') "
            "RETURNING id"
        ).fetchone()
        assert person is not None
        student = sec.execute(
            "INSERT INTO student (person_id, group_id, status) VALUES (%s, %s, 'studying') RETURNING id",
            (person[0], i["g2"]),
        ).fetchone()
        assert student is not None
        sec.execute(
            "INSERT INTO student_movement (student_id, kind, to_group_id, order_no, order_date, effective_date) "
            "VALUES (%s, 'enrol', %s, '13-к', '2026-09-01', '2026-09-01')",
            (student[0], i["g2"]),
        )
        sec.execute(
            "INSERT INTO teaching_assignment (group_id, discipline_id, teacher_id, period_id, subgroup, "
            "planned_hours, control_form) VALUES (%s, %s, %s, %s, 1, 36, 'credit')",
            (i["g2"], i["da"], i["t2"], i["period_open"]),
        )
        sec.execute(
            "INSERT INTO period (academic_year, number, starts_on, ends_on) VALUES ('2027/2028', 1, "
            "'2027-09-01', '2027-12-31')"
        )
        refused(
            sec,
            "INSERT INTO period (academic_year, number, starts_on, ends_on, closed_at) "
            "VALUES ('2028/2029', 1, '2028-09-01', '2028-12-31', now())",
        )


def test_a_teacher_sees_a_colleague_once_the_load_names_them(college: College) -> None:
    """Teachers read the names of all staff; the staff list (ej_rls.staff_person) follows the load."""
    i = college.ids
    with college.connect_as("secretary") as sec:
        with sec.transaction():
            row = sec.execute(
                "INSERT INTO person (last_name, first_name, search_name) VALUES ('Зимин', 'Олег', 'зимин олег') "
                "RETURNING id"
            ).fetchone()
        assert row is not None
        newcomer = row[0]
        with college.connect_as("t1") as t1:
            assert ids_of(t1, "SELECT id FROM person WHERE id = %s", newcomer) == set()
            with sec.transaction():
                load = sec.execute(
                    "INSERT INTO teaching_assignment (group_id, discipline_id, teacher_id, period_id, subgroup, "
                    "planned_hours, control_form) VALUES (%s, %s, %s, %s, 2, 36, 'credit') RETURNING id",
                    (i["g2"], i["db"], newcomer, i["period_open"]),
                ).fetchone()
            assert load is not None
            assert ids_of(t1, "SELECT id FROM person WHERE id = %s", newcomer) == {newcomer}
            with sec.transaction():
                sec.execute("DELETE FROM teaching_assignment WHERE id = %s", (load[0],))
            assert ids_of(t1, "SELECT id FROM person WHERE id = %s", newcomer) == set()
        with sec.transaction():
            sec.execute("DELETE FROM person WHERE id = %s", (newcomer,))


def test_curator_writes_excuses_and_guardian_contacts_of_own_group_only(college: College) -> None:
    i = college.ids
    with college.connect_as("t1") as t1:
        t1.execute(
            "INSERT INTO excuse (student_id, from_date, to_date, reason, document) "
            "VALUES (%s, '2026-09-08', '2026-09-08', 'excused', 'заявление')",
            (i["st_s1"],),
        )
        refused(
            t1,
            "INSERT INTO excuse (student_id, from_date, to_date, reason, document) "
            "VALUES (%s, '2026-09-08', '2026-09-08', 'excused', 'заявление')",
            i["st_s3"],
        )
        # an absence in t2's lesson, curated group: the reason may change, the hours may not
        assert affected(t1, "UPDATE attendance SET reason = 'excused' WHERE id = %s", i["at2"]) == 1
        refused(t1, "UPDATE attendance SET absent_hours = 1 WHERE id = %s", i["at2"])
        assert affected(t1, "UPDATE attendance SET reason = 'excused' WHERE id = %s", i["at3"]) == 0
        assert affected(t1, "UPDATE person SET phone = '+7 901 111-11-11' WHERE id = %s", i["p1"]) == 1
        assert affected(t1, "UPDATE person SET phone = '+7 901 111-11-11' WHERE id = %s", i["p2"]) == 0
        refused(t1, "UPDATE person SET last_name = 'Другая' WHERE id = %s", i["p1"])
        assert affected(t1, "UPDATE guardian_link SET relation = 'опекун' WHERE id = %s", i["gl1"]) == 1
    with college.connect_as("t2") as t2:
        refused(
            t2,
            "INSERT INTO excuse (student_id, from_date, to_date, reason, document) "
            "VALUES (%s, '2026-09-08', '2026-09-08', 'sick', '')",
            i["st_s1"],
        )


def test_a_locked_session_loses_its_rows(college: College) -> None:
    with college.connect_as("s2") as s2:
        assert len(ids_of(s2, "SELECT id FROM mark")) == 2
        with college.connect_as("admin") as admin:
            admin.execute("SELECT ej_lock_login(%s)", (college.login("s2"),))
        try:
            assert ids_of(s2, "SELECT id FROM mark") == set()
        finally:
            with college.connect_as("admin") as admin:
                admin.execute("SELECT ej_unlock_login(%s)", (college.login("s2"),))


# --- the grants follow the permission matrix ---------------------------------------------------

PROBES: dict[Action, list[str]] = {
    Action.JOURNAL_READ: ["has_table_privilege(%(r)s, 'mark', 'SELECT')"],
    Action.JOURNAL_WRITE: [f"has_table_privilege(%(r)s, '{t}', 'INSERT')" for t in ("lesson", "mark", "attendance")],
    Action.FINAL_MARK_WRITE: ["has_table_privilege(%(r)s, 'final_mark', 'INSERT')"],
    Action.KTP_WRITE: ["has_table_privilege(%(r)s, 'plan_topic', 'INSERT')"],
    Action.CONTINGENT_READ: ["has_table_privilege(%(r)s, 'student', 'SELECT')"],
    Action.CONTINGENT_WRITE: [
        f"has_table_privilege(%(r)s, '{t}', 'INSERT')" for t in ("specialty", "study_group", "student", "discipline")
    ],
    Action.GUARDIAN_WRITE: ["has_table_privilege(%(r)s, 'guardian_link', 'INSERT')"],
    Action.EXCUSE_WRITE: ["has_table_privilege(%(r)s, 'excuse', 'INSERT')"],
    Action.MOVEMENT_WRITE: ["has_table_privilege(%(r)s, 'student_movement', 'INSERT')"],
    Action.LOAD_WRITE: ["has_table_privilege(%(r)s, 'teaching_assignment', 'INSERT')"],
    Action.PERIOD_WRITE: ["has_column_privilege(%(r)s, 'period', 'starts_on', 'INSERT')"],
    Action.PERIOD_CLOSE: ["has_column_privilege(%(r)s, 'period', 'closed_at', 'UPDATE')"],
    Action.AUDIT_READ: ["has_table_privilege(%(r)s, 'audit_log', 'SELECT')"],
    Action.BACKUP_MANAGE: ["has_table_privilege(%(r)s, 'backup_record', 'INSERT')"],
    Action.SETTINGS_MANAGE: ["has_table_privilege(%(r)s, 'app_setting', 'INSERT')"],
    Action.ACCOUNTS_MANAGE: [
        "has_function_privilege(%(r)s, 'ej_create_login(text, text, text, integer)', 'EXECUTE')",
        "has_function_privilege(%(r)s, 'ej_set_password(text, text)', 'EXECUTE')",
    ],
}


@pytest.mark.parametrize("role", list(Role))
def test_group_grants_follow_the_permission_matrix(college: College, role: Role) -> None:
    mismatches = []
    with college.superuser() as su:
        for action, probes in PROBES.items():
            expected = can(role, action)
            for probe in probes:
                row = su.execute(f"SELECT {probe}", {"r": f"ej_{role.value}"}).fetchone()
                assert row is not None
                if row[0] != expected:
                    mismatches.append(f"{role.value} {action.value}: {probe} = {row[0]}, matrix says {expected}")
    assert mismatches == []


def test_personal_data_consents_secretary_all_curator_own_group_students_nothing(college: College) -> None:
    i = college.ids
    with college.connect_as("secretary") as secretary:
        secretary.execute(
            "INSERT INTO pd_consent (person_id, signed_on, document) VALUES (%s, '2026-09-01', 'согласие'), "
            "(%s, '2026-09-01', 'согласие')",
            (i["s1"], i["s3"]),
        )
        secretary.commit()
    with college.connect_as("t1") as curator:  # curator of g1, where s1 studies; s3 is in g2
        assert ids_of(curator, "SELECT person_id FROM pd_consent") == {i["s1"]}
        insert = "INSERT INTO pd_consent (person_id, signed_on, document) VALUES (%s, '2026-09-02', 'с')"
        curator.execute(insert, (i["p1"],))
        with pytest.raises(errors.InsufficientPrivilege):
            curator.execute(insert, (i["s3"],))
        curator.rollback()
    with college.connect_as("s1") as student:
        refused(student, "SELECT * FROM pd_consent")
    with college.superuser() as su:
        su.execute("DELETE FROM pd_consent")
        su.commit()


def test_the_rls_views_show_each_login_only_its_own_ids(college: College) -> None:
    """The policies read ej_rls views (owned by ej_owner); a login reading them directly learns nothing new."""
    i = college.ids
    with college.connect_as("s1") as s1:
        assert ids_of(s1, "SELECT id FROM ej_rls.diary_student_ids") == {i["st_s1"]}
        assert ids_of(s1, "SELECT id FROM ej_rls.journal_assignment_ids") == set()
        diary = ids_of(s1, "SELECT id FROM ej_rls.diary_assignment_ids")
        assert {i["a1"], i["a2"], i["a4"]} <= diary and not {i["a3"], i["a5"]} & diary
        assert ids_of(s1, "SELECT person_id FROM ej_rls.me") == {i["s1"]}
        with pytest.raises(psycopg.Error):  # neither granted nor updatable
            s1.execute("INSERT INTO ej_rls.diary_student_ids VALUES (%s)", (i["st_s3"],))
        # The ej_rls functions run as the caller: the caller can create nothing to shadow what they use.
        refused(s1, "CREATE TEMP TABLE me (person_id integer, role text)")
        refused(s1, "CREATE FUNCTION public.texteq_evil(text, text) RETURNS boolean LANGUAGE sql AS 'SELECT true'")
        refused(s1, "CREATE VIEW ej_rls.me2 AS SELECT 1")
    with college.connect_as("p2") as p2:
        assert ids_of(p2, "SELECT id FROM ej_rls.diary_student_ids") == {i["st_s3"]}
    with college.connect_as("t1") as t1:
        # (other tests of the module add rows: compare with what this test knows)
        journals = ids_of(t1, "SELECT id FROM ej_rls.journal_assignment_ids")
        assert {i["a1"], i["a2"], i["a4"], i["a5"]} <= journals and i["a3"] not in journals
        lessons = ids_of(t1, "SELECT id FROM ej_rls.journal_lesson_ids")
        assert {i["l1"], i["l2"], i["l4"], i["l5"]} <= lessons and i["l3"] not in lessons
        assert ids_of(t1, "SELECT id FROM ej_rls.diary_student_ids") == set()
    with college.connect_as("secretary") as secretary:
        assert ids_of(secretary, "SELECT role FROM ej_rls.me") == {"secretary"}
        assert ids_of(secretary, "SELECT id FROM ej_rls.lesson_assignment_ids") == set()
