-- ЭЖ server, step 2 of 7: who is asking — the helpers (views, functions) of the row-level security policies.
-- Run as ej_owner (the tables' owner) inside the journal database. Idempotent (CREATE OR REPLACE).
--
-- Every helper is STABLE SECURITY DEFINER, written in PL/pgSQL (which keeps its query plans for the
-- session; a SQL-language function that cannot be inlined — SECURITY DEFINER never is — is planned
-- again on every call) and flat: it asks ej_me() once and runs one query, instead of calling the
-- other helpers (each call costs tens of microseconds, on every statement). It matches on
-- session_user: the login the server checked the password of. current_user changes with SET ROLE
-- and inside SECURITY DEFINER functions; session_user changes only with SET SESSION AUTHORIZATION,
-- which needs a superuser.
-- SECURITY DEFINER (owner ej_owner, who is not subject to RLS: it is not FORCEd) lets the helpers read
-- account, student, guardian_link … without recursing into those tables' own policies.
--
-- Policies call them as `(SELECT fn())` and compare with sets as `col = ANY(ARRAY(SELECT fn()))`: the
-- planner then computes each helper once per statement (an InitPlan) instead of once per row —
-- measured 640 ms vs 17 ms on the development machines.
--
-- A person's roles are account.role plus account_role, AND membership in the matching ej_* group:
-- both have to agree, so an account row edited by hand cannot widen what a login may do.
-- A locked account (is_active = false) has no roles: its open sessions lose all rows at once.

-- The hot read paths (lessons, marks, attendance, finals, teaching load, contingent) do not call the
-- SECURITY DEFINER helpers: their policies call the small functions of the schema ej_rls, which read
-- the views of that schema. Measured on the large demo college (a curator teaching 18 journals):
-- - a view owned by ej_owner reads its tables with the owner's rights (RLS does not apply: not
--   FORCEd), like a SECURITY DEFINER function, without the identity and search_path switch of each
--   call; the views are security_barrier (a caller's leaky function cannot see the rows they filter
--   out) and show the caller only their own ids;
-- - the policies do not name the views directly: a view is inlined into every policy that names it,
--   and planning the nested views cost more than running them (+2 ms per diary statement when the
--   statement is not prepared); an ej_rls function is opaque to the planner and PL/pgSQL keeps the
--   plan of its query for the session. They are SECURITY INVOKER without a SET clause (the rights
--   come from the views; every name in them is schema-qualified);
-- - the SECURITY DEFINER helpers below that compute the same sets read the same views, so every
--   scope has one definition.
--
-- session_user is of type name (collation "C"): compared with account.login (ICU collation) as is, the
-- unique index on login is not used and every look-up scans all accounts (0.5 ms with 4 000
-- accounts, in every helper, on every statement). `session_user::text COLLATE "default"` uses it.
--
-- CREATE OR REPLACE VIEW replaces a changed definition on the next `server init`; a view whose
-- columns change must be dropped here first (policies that use it are dropped and re-created by step 3).

CREATE SCHEMA IF NOT EXISTS ej_rls;
REVOKE ALL ON SCHEMA ej_rls FROM PUBLIC;

-- The caller: one row per role of session_user's active account (main role and account_role), each
-- confirmed by membership in its ej_* group.
CREATE OR REPLACE VIEW ej_rls.me WITH (security_barrier) AS
    SELECT a.id AS account_id, a.person_id, r.role
    FROM public.account a
    CROSS JOIN LATERAL (SELECT a.role::text AS role
                        UNION
                        SELECT ar.role::text FROM public.account_role ar WHERE ar.account_id = a.id) r
    WHERE a.login = session_user::text COLLATE "default" AND a.is_active
      AND r.role IN ('admin', 'deputy', 'secretary', 'teacher', 'student', 'parent')
      AND pg_has_role(session_user, 'ej_' || r.role, 'MEMBER');

-- A login has one account, so each role yields at most one person: the views compare with a scalar
-- sub-query (an InitPlan and an index scan), never with IN over a set (a hash join over a whole table).

-- The students whose diary this login reads: self (student) and the linked children (parent).
CREATE OR REPLACE VIEW ej_rls.diary_student_ids WITH (security_barrier) AS
    SELECT s.id FROM public.student s
    WHERE s.person_id = (SELECT me.person_id FROM ej_rls.me WHERE me.role = 'student')
    UNION
    SELECT g.student_id FROM public.guardian_link g
    WHERE g.guardian_id = (SELECT me.person_id FROM ej_rls.me WHERE me.role = 'parent');

-- Journal read scope of a teacher: own assignments and every assignment of the curated groups.
CREATE OR REPLACE VIEW ej_rls.journal_assignment_ids WITH (security_barrier) AS
    WITH teacher AS MATERIALIZED (SELECT me.person_id FROM ej_rls.me WHERE me.role = 'teacher')
    SELECT t.id FROM public.teaching_assignment t
    WHERE t.teacher_id = (SELECT person_id FROM teacher)
       OR t.group_id = ANY(ARRAY(SELECT g.id FROM public.study_group g
                                 WHERE g.curator_id = (SELECT person_id FROM teacher)));

-- The lessons of those journals (a teacher's marks and attendance are found through them).
CREATE OR REPLACE VIEW ej_rls.journal_lesson_ids WITH (security_barrier) AS
    SELECT l.id FROM public.lesson l
    WHERE l.assignment_id = ANY(ARRAY(SELECT id FROM ej_rls.journal_assignment_ids));

-- Every assignment of the groups of the diary students: a student reads the lessons (date, topic,
-- homework) of their own group, a parent those of the children's groups.
CREATE OR REPLACE VIEW ej_rls.diary_assignment_ids WITH (security_barrier) AS
    SELECT t.id FROM public.teaching_assignment t
    WHERE t.group_id = ANY(ARRAY(SELECT s.group_id FROM public.student s
                                 WHERE s.id = ANY(ARRAY(SELECT id FROM ej_rls.diary_student_ids))));

-- Lessons readable: the teacher's journals plus the diary's.
CREATE OR REPLACE VIEW ej_rls.lesson_assignment_ids WITH (security_barrier) AS
    SELECT id FROM ej_rls.journal_assignment_ids
    UNION
    SELECT id FROM ej_rls.diary_assignment_ids;

-- The policies call these small functions rather than name the views: a function call is opaque to
-- the planner (a view is inlined into every policy that names it, and planning the nested views cost
-- more than running them: +2 ms per statement for the diary when not prepared), and PL/pgSQL keeps
-- the plan of its query for the session. They are SECURITY INVOKER with no SET clause (no identity
-- or search_path switch per call): the rights come from the views they read, and every name in them
-- is schema-qualified, operators too, so a caller's search_path changes nothing (and the ej_* roles
-- can create no object anywhere: no CREATE on a schema, no TEMP on the database). Policies call them
-- as `(SELECT ej_rls.f())`: once per statement, an InitPlan.
CREATE OR REPLACE FUNCTION ej_rls.has_role(p_roles text[]) RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM ej_rls.me WHERE me.role OPERATOR(pg_catalog.=) ANY(p_roles));
END
$$;

CREATE OR REPLACE FUNCTION ej_rls.diary_student_set() RETURNS integer[]
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
    RETURN ARRAY(SELECT v.id FROM ej_rls.diary_student_ids v);
END
$$;

CREATE OR REPLACE FUNCTION ej_rls.journal_assignment_set() RETURNS integer[]
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
    RETURN ARRAY(SELECT v.id FROM ej_rls.journal_assignment_ids v);
END
$$;

CREATE OR REPLACE FUNCTION ej_rls.diary_assignment_set() RETURNS integer[]
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
    RETURN ARRAY(SELECT v.id FROM ej_rls.diary_assignment_ids v);
END
$$;

CREATE OR REPLACE FUNCTION ej_rls.lesson_assignment_set() RETURNS integer[]
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
    RETURN ARRAY(SELECT v.id FROM ej_rls.lesson_assignment_ids v);
END
$$;

-- The groups a teacher teaches or curates, and the students now in them: the contingent a teacher
-- reads (the journal's students and their movements).
CREATE OR REPLACE VIEW ej_rls.contingent_group_ids WITH (security_barrier) AS
    WITH teacher AS MATERIALIZED (SELECT me.person_id FROM ej_rls.me WHERE me.role = 'teacher')
    SELECT t.group_id AS id FROM public.teaching_assignment t WHERE t.teacher_id = (SELECT person_id FROM teacher)
    UNION
    SELECT g.id FROM public.study_group g WHERE g.curator_id = (SELECT person_id FROM teacher);

CREATE OR REPLACE VIEW ej_rls.contingent_student_ids WITH (security_barrier) AS
    SELECT s.id FROM public.student s WHERE s.group_id = ANY(ARRAY(SELECT id FROM ej_rls.contingent_group_ids));

CREATE OR REPLACE FUNCTION ej_rls.contingent_group_set() RETURNS integer[]
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
    RETURN ARRAY(SELECT v.id FROM ej_rls.contingent_group_ids v);
END
$$;

CREATE OR REPLACE FUNCTION ej_rls.contingent_student_set() RETURNS SETOF integer
LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 300 AS $$
BEGIN
    RETURN QUERY SELECT v.id FROM ej_rls.contingent_student_ids v;
END
$$;

-- Persons. The person policy is on every statement that shows a name (a journal's header, its
-- students, who wrote a mark): it has to cost little. Who sees whom (admin, deputy and secretary see
-- everyone, by their own policy):
--   student/parent: themselves, the diary students, the student's own guardians, the teachers of the
--     diary groups' assignments and those groups' curators (names in the diary, whom to write to);
--   teacher: themselves, the students of the groups they teach or curate, the guardians of the
--     curated groups' students, and the staff (anyone who teaches or curates, or holds a staff account).
-- The staff are the same for every teacher and change only with the teaching load, a curator or an
-- account: kept in a small table by statement triggers (below), not gathered from the whole load and
-- all accounts on every statement (that was 2 ms of every statement a teacher ran with a name in it).
CREATE TABLE IF NOT EXISTS ej_rls.staff_person (person_id integer PRIMARY KEY);

CREATE OR REPLACE FUNCTION ej_rls.sync_staff_person() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    -- One refresh at a time: a second one waits for the first to commit and then sees its changes
    -- (each statement below takes a new snapshot), so two concurrent edits of the load cannot leave
    -- the list as neither of them wrote it.
    LOCK TABLE ej_rls.staff_person IN SHARE ROW EXCLUSIVE MODE;
    WITH staff AS (
        SELECT t.teacher_id AS person_id FROM public.teaching_assignment t
        UNION SELECT g.curator_id FROM public.study_group g WHERE g.curator_id IS NOT NULL
        UNION SELECT a.person_id FROM public.account a
              WHERE a.person_id IS NOT NULL AND a.role IN ('admin', 'deputy', 'secretary', 'teacher')
    ), gone AS (
        DELETE FROM ej_rls.staff_person sp
        WHERE NOT EXISTS (SELECT 1 FROM staff WHERE staff.person_id = sp.person_id)
    )
    INSERT INTO ej_rls.staff_person (person_id) SELECT person_id FROM staff ON CONFLICT DO NOTHING;
END
$$;

CREATE OR REPLACE FUNCTION ej_rls.refresh_staff_person() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM ej_rls.sync_staff_person();
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS ej_staff_person ON public.teaching_assignment;
CREATE TRIGGER ej_staff_person AFTER INSERT OR DELETE OR UPDATE OF teacher_id OR TRUNCATE
    ON public.teaching_assignment FOR EACH STATEMENT EXECUTE FUNCTION ej_rls.refresh_staff_person();
DROP TRIGGER IF EXISTS ej_staff_person ON public.study_group;
CREATE TRIGGER ej_staff_person AFTER INSERT OR DELETE OR UPDATE OF curator_id OR TRUNCATE
    ON public.study_group FOR EACH STATEMENT EXECUTE FUNCTION ej_rls.refresh_staff_person();
DROP TRIGGER IF EXISTS ej_staff_person ON public.account;
CREATE TRIGGER ej_staff_person AFTER INSERT OR DELETE OR UPDATE OF role, person_id OR TRUNCATE
    ON public.account FOR EACH STATEMENT EXECUTE FUNCTION ej_rls.refresh_staff_person();

-- Filled (or corrected) on every `server init`: an upgrade starts from the load as it is.
SELECT ej_rls.sync_staff_person();

-- A teacher's persons are checked in two steps, cheap first: the staff (the names in a journal's
-- header and of who wrote each mark), then the students and guardians of their groups.
CREATE OR REPLACE VIEW ej_rls.staff_person_ids WITH (security_barrier) AS
    SELECT sp.person_id AS id FROM ej_rls.staff_person sp
    WHERE EXISTS (SELECT 1 FROM ej_rls.me WHERE me.role = 'teacher');

CREATE OR REPLACE VIEW ej_rls.teacher_person_ids WITH (security_barrier) AS
    WITH teacher AS MATERIALIZED (SELECT me.person_id FROM ej_rls.me WHERE me.role = 'teacher')
    SELECT person_id AS id FROM teacher
    UNION
    SELECT s.person_id FROM public.student s
    WHERE s.group_id = ANY(ARRAY(SELECT id FROM ej_rls.contingent_group_ids))
    UNION
    SELECT gl.guardian_id FROM public.study_group g
        JOIN public.student s ON s.group_id = g.id
        JOIN public.guardian_link gl ON gl.student_id = s.id
    WHERE g.curator_id = (SELECT person_id FROM teacher);

CREATE OR REPLACE VIEW ej_rls.diary_person_ids WITH (security_barrier) AS
    WITH students AS MATERIALIZED (
        SELECT s.person_id, s.group_id FROM public.student s
        WHERE s.id = ANY(ARRAY(SELECT id FROM ej_rls.diary_student_ids)))
    SELECT me.person_id AS id FROM ej_rls.me WHERE me.role IN ('student', 'parent')
    UNION
    SELECT person_id FROM students
    UNION
    SELECT gl.guardian_id FROM public.guardian_link gl JOIN public.student s ON s.id = gl.student_id
    WHERE s.person_id = (SELECT me.person_id FROM ej_rls.me WHERE me.role = 'student')
    UNION
    SELECT t.teacher_id FROM public.teaching_assignment t WHERE t.group_id IN (SELECT group_id FROM students)
    UNION
    SELECT g.curator_id FROM public.study_group g
    WHERE g.curator_id IS NOT NULL AND g.id IN (SELECT group_id FROM students);

-- Sets, not arrays: a teacher sees hundreds of persons; the policy looks each row up in a hash.
CREATE OR REPLACE FUNCTION ej_rls.staff_person_set() RETURNS SETOF integer
LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 200 AS $$
BEGIN
    RETURN QUERY SELECT v.id FROM ej_rls.staff_person_ids v;
END
$$;

CREATE OR REPLACE FUNCTION ej_rls.teacher_person_set() RETURNS SETOF integer
LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 500 AS $$
BEGIN
    RETURN QUERY SELECT v.id FROM ej_rls.teacher_person_ids v;
END
$$;

CREATE OR REPLACE FUNCTION ej_rls.diary_person_set() RETURNS SETOF integer
LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 100 AS $$
BEGIN
    RETURN QUERY SELECT v.id FROM ej_rls.diary_person_ids v;
END
$$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ej_rls FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ej_rls
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent;

-- Every group role reads the views (they show the caller's own ids only); the backup role dumps them.
GRANT USAGE ON SCHEMA ej_rls TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent, ej_backup;
GRANT SELECT ON ALL TABLES IN SCHEMA ej_rls
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent, ej_backup;
-- The staff list is read through the views (the owner's rights); clients need not read it themselves.
REVOKE ALL ON ej_rls.staff_person FROM ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent;
REVOKE ALL ON FUNCTION ej_rls.sync_staff_person() FROM ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student,
    ej_parent;

-- Who is asking: the person and the roles of session_user's active account, in one look-up.
CREATE OR REPLACE FUNCTION ej_me(OUT person_id integer, OUT roles text[])
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    SELECT a.person_id,
           ARRAY(SELECT r.role
                 FROM (SELECT a.role UNION SELECT ar.role FROM account_role ar WHERE ar.account_id = a.id) r
                 WHERE r.role IN ('admin', 'deputy', 'secretary', 'teacher', 'student', 'parent')
                   AND pg_has_role(session_user, 'ej_' || r.role, 'MEMBER')
                 ORDER BY r.role)
    INTO person_id, roles
    FROM account a WHERE a.login = session_user::text COLLATE "default" AND a.is_active;
    roles := coalesce(roles, '{}'::text[]);
END
$$;

CREATE OR REPLACE FUNCTION ej_my_person_id() RETURNS integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN (SELECT a.person_id FROM account a WHERE a.login = session_user::text COLLATE "default" AND a.is_active);
END
$$;

CREATE OR REPLACE FUNCTION ej_my_roles() RETURNS text[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN (SELECT m.roles FROM ej_me() m);
END
$$;

CREATE OR REPLACE FUNCTION ej_has_role(p_role text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN p_role = ANY((ej_me()).roles);
END
$$;

-- Journal read scope ALL of the matrix: admin, deputy.
CREATE OR REPLACE FUNCTION ej_reads_all_journals() RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN (ej_me()).roles && ARRAY['admin', 'deputy'];
END
$$;

-- Contingent read scope ALL: admin, deputy, secretary.
CREATE OR REPLACE FUNCTION ej_reads_all_contingent() RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN (ej_me()).roles && ARRAY['admin', 'deputy', 'secretary'];
END
$$;

-- student: self
CREATE OR REPLACE FUNCTION ej_my_student_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me record := ej_me();
BEGIN
    RETURN QUERY SELECT s.id FROM student s WHERE s.person_id = me.person_id AND 'student' = ANY(me.roles);
END
$$;

-- parent: the linked children
CREATE OR REPLACE FUNCTION ej_my_child_student_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me record := ej_me();
BEGIN
    RETURN QUERY SELECT g.student_id FROM guardian_link g
                 WHERE g.guardian_id = me.person_id AND 'parent' = ANY(me.roles);
END
$$;

-- The students whose diary this login reads: self (student) and children (parent).
CREATE OR REPLACE FUNCTION ej_diary_student_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN QUERY SELECT v.id FROM ej_rls.diary_student_ids v;
END
$$;

-- The groups of those students (their lessons, topics and homework are readable).
CREATE OR REPLACE FUNCTION ej_diary_group_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me record := ej_me();
BEGIN
    RETURN QUERY
        SELECT s.group_id FROM student s WHERE s.person_id = me.person_id AND 'student' = ANY(me.roles)
        UNION
        SELECT s.group_id FROM guardian_link g JOIN student s ON s.id = g.student_id
        WHERE g.guardian_id = me.person_id AND 'parent' = ANY(me.roles);
END
$$;

-- teacher: the teaching assignments they teach
CREATE OR REPLACE FUNCTION ej_my_assignment_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me record := ej_me();
BEGIN
    RETURN QUERY SELECT t.id FROM teaching_assignment t
                 WHERE t.teacher_id = me.person_id AND 'teacher' = ANY(me.roles);
END
$$;

-- … of them, those whose period is open: the only journals a teacher may write.
CREATE OR REPLACE FUNCTION ej_my_open_assignment_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me record := ej_me();
BEGIN
    RETURN QUERY SELECT t.id FROM teaching_assignment t JOIN period p ON p.id = t.period_id
                 WHERE t.teacher_id = me.person_id AND p.closed_at IS NULL AND 'teacher' = ANY(me.roles);
END
$$;

CREATE OR REPLACE FUNCTION ej_my_open_lesson_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me record := ej_me();
BEGIN
    RETURN QUERY SELECT l.id FROM teaching_assignment t JOIN period p ON p.id = t.period_id
                 JOIN lesson l ON l.assignment_id = t.id
                 WHERE t.teacher_id = me.person_id AND p.closed_at IS NULL AND 'teacher' = ANY(me.roles);
END
$$;

-- curator: the groups whose curator_id is this teacher
CREATE OR REPLACE FUNCTION ej_my_curated_group_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me record := ej_me();
BEGIN
    RETURN QUERY SELECT g.id FROM study_group g WHERE g.curator_id = me.person_id AND 'teacher' = ANY(me.roles);
END
$$;

-- teacher: the groups they teach (contingent read scope OWN_GROUPS)
CREATE OR REPLACE FUNCTION ej_my_taught_group_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me record := ej_me();
BEGIN
    RETURN QUERY SELECT DISTINCT t.group_id FROM teaching_assignment t
                 WHERE t.teacher_id = me.person_id AND 'teacher' = ANY(me.roles);
END
$$;

-- Contingent a teacher reads: the groups they teach and the groups they curate.
CREATE OR REPLACE FUNCTION ej_contingent_group_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me record := ej_me();
BEGIN
    RETURN QUERY
        SELECT t.group_id FROM teaching_assignment t WHERE t.teacher_id = me.person_id AND 'teacher' = ANY(me.roles)
        UNION
        SELECT g.id FROM study_group g WHERE g.curator_id = me.person_id AND 'teacher' = ANY(me.roles);
END
$$;

CREATE OR REPLACE FUNCTION ej_curated_student_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me record := ej_me();
BEGIN
    RETURN QUERY SELECT s.id FROM study_group g JOIN student s ON s.group_id = g.id
                 WHERE g.curator_id = me.person_id AND 'teacher' = ANY(me.roles);
END
$$;

-- The guardians (persons) of the students of the curated groups: the curator keeps their contacts.
CREATE OR REPLACE FUNCTION ej_curated_guardian_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me record := ej_me();
BEGIN
    RETURN QUERY SELECT DISTINCT gl.guardian_id
                 FROM study_group g JOIN student s ON s.group_id = g.id JOIN guardian_link gl ON gl.student_id = s.id
                 WHERE g.curator_id = me.person_id AND 'teacher' = ANY(me.roles);
END
$$;

-- The persons whose accounts a curator manages (matrix: accounts.manage in CURATED_GROUP).
CREATE OR REPLACE FUNCTION ej_curated_person_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me record := ej_me();
BEGIN
    RETURN QUERY
        SELECT s.person_id FROM study_group g JOIN student s ON s.group_id = g.id
        WHERE g.curator_id = me.person_id AND 'teacher' = ANY(me.roles)
        UNION
        SELECT gl.guardian_id
        FROM study_group g JOIN student s ON s.group_id = g.id JOIN guardian_link gl ON gl.student_id = s.id
        WHERE g.curator_id = me.person_id AND 'teacher' = ANY(me.roles);
END
$$;

-- Journal read scope of a teacher: own assignments and every assignment of the curated groups.
CREATE OR REPLACE FUNCTION ej_journal_assignment_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN QUERY SELECT v.id FROM ej_rls.journal_assignment_ids v;
END
$$;

-- Lessons (date, topic, homework) readable: the teacher's journals plus every assignment of the
-- groups of the diary students (a student reads the lessons of their own group).
CREATE OR REPLACE FUNCTION ej_lesson_assignment_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN QUERY SELECT v.id FROM ej_rls.lesson_assignment_ids v;
END
$$;

-- The persons this login may see besides what admin, deputy and secretary see by their own policy:
-- the union of the teacher's and the diary's persons above (one definition for both).
CREATE OR REPLACE FUNCTION ej_visible_person_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN QUERY SELECT v.id FROM ej_rls.staff_person_ids v
                 UNION SELECT v.id FROM ej_rls.teacher_person_ids v
                 UNION SELECT v.id FROM ej_rls.diary_person_ids v
                 UNION SELECT me.person_id FROM ej_rls.me;
END
$$;

-- Bulk loads (the demo college, a restore) may switch the audit and NOTIFY triggers off with
-- `SET ej.bulk = 'on'` — honoured for a superuser session only, so no client can hide its edits.
CREATE OR REPLACE FUNCTION ej_bulk_mode() RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN coalesce(current_setting('ej.bulk', true), '') = 'on'
       AND EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = session_user AND r.rolsuper);
END
$$;
