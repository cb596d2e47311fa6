-- ЭЖ server, step 3 of 7: row-level security. Run as ej_owner. Idempotent: every policy of the schema
-- is dropped and created again in the same transaction, so a re-run converges to exactly this list.
--
-- RLS is ENABLEd on every table (but alembic_version): a table with no policy for a role shows that
-- role nothing — also a table a later migration adds before its policies are written.
-- It is NOT FORCEd: the owner ej_owner stays exempt. That is what lets the SECURITY DEFINER helpers
-- and the ej_rls views (step 2), the audit and NOTIFY triggers (steps 4, 5) and the account functions
-- (step 6) read the tables they need without recursing into the policies, and lets the DBA run the
-- migrations and bulk loads (demo college, restore) as the owner. Nobody logs in as ej_owner (NOLOGIN;
-- only a superuser, who bypasses RLS anyway, can SET ROLE to it), so exempting it opens nothing to a
-- client.
--
-- The read policies of the journal, the teaching load and the contingent call the ej_rls functions
-- (step 2: the fast path, no SECURITY DEFINER call per statement); the rest call the ej_* helpers.
--
-- A teacher's write policies are FOR INSERT/UPDATE/DELETE, not FOR ALL: a FOR ALL policy is also a
-- SELECT policy, and its sub-query would be evaluated on every read of the journal.
--
-- Policies name the group roles (TO ej_…) and also check the account's roles in USING, so a locked
-- account's open session loses its rows at once. Scopes follow domain/permissions.py:
--   admin      reads everything; writes accounts, settings, backups; no journal writes (no GRANT).
--   deputy     reads everything and the audit; updates period.closed_at/closed_by only.
--   secretary  reads and writes contingent, movements, load, periods; reads the КТП; no journal.
--   teacher    reads the journals of own assignments, writes them only while the period is open;
--              reads the contingent of the groups taught; as curator reads every journal of the
--              curated group and writes excuses, guardian links and guardian contacts there.
--   student    reads own marks, attendance, finals and the lessons (topics, homework) of own group.
--   parent     the same for each linked child.

DO $reset$
DECLARE
    pol record;
    tbl record;
BEGIN
    FOR pol IN SELECT policyname, tablename FROM pg_policies WHERE schemaname = 'public' LOOP
        EXECUTE format('DROP POLICY %I ON %I', pol.policyname, pol.tablename);
    END LOOP;
    FOR tbl IN
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'alembic_version'
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tbl.relname);
        EXECUTE format('ALTER TABLE %I NO FORCE ROW LEVEL SECURITY', tbl.relname);
    END LOOP;
END
$reset$;

-- Gone helpers, once their policies are (the teacher's marks and absences are checked by their own
-- assignment since migration 0007, not by their lesson among all the lessons of the reader's journals).
DROP FUNCTION IF EXISTS ej_rls.journal_lesson_set();

-- Reference data everyone reads; the secretary keeps it.
CREATE POLICY read_all ON specialty FOR SELECT
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent USING (true);
CREATE POLICY secretary_write ON specialty FOR ALL TO ej_secretary
    USING ((SELECT ej_has_role('secretary'))) WITH CHECK ((SELECT ej_has_role('secretary')));

CREATE POLICY read_all ON discipline FOR SELECT
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent USING (true);
CREATE POLICY secretary_write ON discipline FOR ALL TO ej_secretary
    USING ((SELECT ej_has_role('secretary'))) WITH CHECK ((SELECT ej_has_role('secretary')));

CREATE POLICY read_all ON study_group FOR SELECT
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent USING (true);
CREATE POLICY secretary_write ON study_group FOR ALL TO ej_secretary
    USING ((SELECT ej_has_role('secretary'))) WITH CHECK ((SELECT ej_has_role('secretary')));

-- Periods: the secretary sets them up (column GRANTs keep closed_at out of reach), the deputy closes.
CREATE POLICY read_all ON period FOR SELECT
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent USING (true);
CREATE POLICY secretary_write ON period FOR ALL TO ej_secretary
    USING ((SELECT ej_has_role('secretary'))) WITH CHECK ((SELECT ej_has_role('secretary')));
CREATE POLICY deputy_close ON period FOR UPDATE TO ej_deputy
    USING ((SELECT ej_has_role('deputy'))) WITH CHECK ((SELECT ej_has_role('deputy')));

CREATE POLICY read_all ON app_setting FOR SELECT
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent USING (true);
CREATE POLICY admin_write ON app_setting FOR ALL TO ej_admin
    USING ((SELECT ej_has_role('admin'))) WITH CHECK ((SELECT ej_has_role('admin')));

CREATE POLICY admin_all ON backup_record FOR ALL TO ej_admin
    USING ((SELECT ej_has_role('admin'))) WITH CHECK ((SELECT ej_has_role('admin')));

-- The audit: read by admin and deputy; nobody writes it but the SECURITY DEFINER trigger (no GRANT).
CREATE POLICY audit_read ON audit_log FOR SELECT TO ej_admin, ej_deputy
    USING ((SELECT ej_my_roles()) && ARRAY['admin', 'deputy']);

CREATE POLICY read ON stored_file FOR SELECT
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent
    USING ((SELECT ej_rls.has_role('{admin,deputy,secretary}')) OR uploaded_by = (SELECT ej_my_person_id()));
CREATE POLICY own_insert ON stored_file FOR INSERT TO ej_admin, ej_deputy, ej_secretary, ej_teacher
    WITH CHECK (uploaded_by = (SELECT ej_my_person_id()));
CREATE POLICY own_delete ON stored_file FOR DELETE TO ej_admin, ej_deputy, ej_secretary, ej_teacher
    USING (uploaded_by = (SELECT ej_my_person_id()) OR (SELECT ej_has_role('admin')));

-- Persons: see ej_rls.teacher_person_ids and ej_rls.diary_person_ids (step 2) for who sees whom.
CREATE POLICY read_all ON person FOR SELECT TO ej_admin, ej_deputy, ej_secretary
    USING ((SELECT ej_rls.has_role('{admin,deputy,secretary}')));
-- The staff first: the arms of an OR are evaluated in order, and each set only when first needed.
CREATE POLICY read_colleagues ON person FOR SELECT TO ej_teacher
    USING (id IN (SELECT ej_rls.staff_person_set()) OR id IN (SELECT ej_rls.teacher_person_set()));
CREATE POLICY read_diary ON person FOR SELECT TO ej_student, ej_parent
    USING (id IN (SELECT ej_rls.diary_person_set()));
CREATE POLICY secretary_write ON person FOR ALL TO ej_secretary
    USING ((SELECT ej_has_role('secretary'))) WITH CHECK ((SELECT ej_has_role('secretary')));
CREATE POLICY curator_guardian_contacts ON person FOR UPDATE TO ej_teacher
    USING (id = ANY(ARRAY(SELECT ej_curated_guardian_ids())))
    WITH CHECK (id = ANY(ARRAY(SELECT ej_curated_guardian_ids())));

-- Accounts: the admin manages them; everyone reads their own; a curator sees those of the group.
CREATE POLICY read ON account FOR SELECT TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent
    USING ((SELECT ej_my_roles()) && ARRAY['admin', 'deputy'] OR login = session_user::text COLLATE "default"
           OR person_id = ANY(ARRAY(SELECT ej_curated_person_ids())));
CREATE POLICY admin_write ON account FOR ALL TO ej_admin
    USING ((SELECT ej_has_role('admin'))) WITH CHECK ((SELECT ej_has_role('admin')));

CREATE POLICY read ON account_role FOR SELECT
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent
    USING ((SELECT ej_my_roles()) && ARRAY['admin', 'deputy']
           OR account_id IN (SELECT a.id FROM account a WHERE a.login = session_user::text COLLATE "default"));
CREATE POLICY admin_write ON account_role FOR ALL TO ej_admin
    USING ((SELECT ej_has_role('admin'))) WITH CHECK ((SELECT ej_has_role('admin')));

-- Contingent.
CREATE POLICY read_all ON student FOR SELECT TO ej_admin, ej_deputy, ej_secretary
    USING ((SELECT ej_rls.has_role('{admin,deputy,secretary}')));
CREATE POLICY read_diary ON student FOR SELECT TO ej_student, ej_parent
    USING (id = ANY((SELECT ej_rls.diary_student_set())::integer[]));
CREATE POLICY read_contingent ON student FOR SELECT TO ej_teacher
    USING (group_id = ANY((SELECT ej_rls.contingent_group_set())::integer[]));
CREATE POLICY secretary_write ON student FOR ALL TO ej_secretary
    USING ((SELECT ej_has_role('secretary'))) WITH CHECK ((SELECT ej_has_role('secretary')));

CREATE POLICY read ON guardian_link FOR SELECT
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent
    USING ((SELECT ej_rls.has_role('{admin,deputy,secretary}'))
           OR student_id = ANY((SELECT ej_rls.diary_student_set())::integer[])
           OR student_id = ANY(ARRAY(SELECT ej_curated_student_ids())));
CREATE POLICY secretary_write ON guardian_link FOR ALL TO ej_secretary
    USING ((SELECT ej_has_role('secretary'))) WITH CHECK ((SELECT ej_has_role('secretary')));
CREATE POLICY curator_insert ON guardian_link FOR INSERT TO ej_teacher
    WITH CHECK (student_id = ANY(ARRAY(SELECT ej_curated_student_ids())));
CREATE POLICY curator_update ON guardian_link FOR UPDATE TO ej_teacher
    USING (student_id = ANY(ARRAY(SELECT ej_curated_student_ids())))
    WITH CHECK (student_id = ANY(ARRAY(SELECT ej_curated_student_ids())));
CREATE POLICY curator_delete ON guardian_link FOR DELETE TO ej_teacher
    USING (student_id = ANY(ARRAY(SELECT ej_curated_student_ids())));

-- Personal-data consents (152-ФЗ): the secretary keeps them all, a curator those of the group's
-- students and their parents (the curator collects the signed forms at the parents' meeting).
CREATE POLICY read ON pd_consent FOR SELECT TO ej_admin, ej_deputy, ej_secretary, ej_teacher
    USING ((SELECT ej_rls.has_role('{admin,deputy,secretary}'))
           OR person_id IN (SELECT s.person_id FROM student s
                            WHERE s.id = ANY(ARRAY(SELECT ej_curated_student_ids()))
                            UNION ALL
                            SELECT g.guardian_id FROM guardian_link g
                            WHERE g.student_id = ANY(ARRAY(SELECT ej_curated_student_ids()))));
CREATE POLICY secretary_write ON pd_consent FOR ALL TO ej_secretary
    USING ((SELECT ej_has_role('secretary'))) WITH CHECK ((SELECT ej_has_role('secretary')));
CREATE POLICY curator_insert ON pd_consent FOR INSERT TO ej_teacher
    WITH CHECK (person_id IN (SELECT s.person_id FROM student s
                              WHERE s.id = ANY(ARRAY(SELECT ej_curated_student_ids()))
                              UNION ALL
                              SELECT g.guardian_id FROM guardian_link g
                              WHERE g.student_id = ANY(ARRAY(SELECT ej_curated_student_ids()))));

CREATE POLICY read_all ON student_movement FOR SELECT TO ej_admin, ej_deputy, ej_secretary
    USING ((SELECT ej_rls.has_role('{admin,deputy,secretary}')));
CREATE POLICY read_diary ON student_movement FOR SELECT TO ej_student, ej_parent
    USING (student_id = ANY((SELECT ej_rls.diary_student_set())::integer[]));
-- A teacher reads the movements of the students of the groups they teach or curate, and every
-- movement into or out of those groups: the journal places each student in the group by date from
-- them (greys and locks the days a student was not in the group; the saves refuse those days).
CREATE POLICY read_contingent ON student_movement FOR SELECT TO ej_teacher
    USING (from_group_id = ANY((SELECT ej_rls.contingent_group_set())::integer[])
           OR to_group_id = ANY((SELECT ej_rls.contingent_group_set())::integer[])
           OR student_id IN (SELECT ej_rls.contingent_student_set()));
CREATE POLICY secretary_write ON student_movement FOR ALL TO ej_secretary
    USING ((SELECT ej_has_role('secretary'))) WITH CHECK ((SELECT ej_has_role('secretary')));

CREATE POLICY read ON excuse FOR SELECT TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent
    USING ((SELECT ej_rls.has_role('{admin,deputy,secretary}'))
           OR student_id = ANY((SELECT ej_rls.diary_student_set())::integer[])
           OR student_id IN (SELECT s.id FROM student s WHERE s.group_id IN (SELECT ej_contingent_group_ids())));
CREATE POLICY curator_insert ON excuse FOR INSERT TO ej_teacher
    WITH CHECK (student_id = ANY(ARRAY(SELECT ej_curated_student_ids())));
CREATE POLICY curator_update ON excuse FOR UPDATE TO ej_teacher
    USING (student_id = ANY(ARRAY(SELECT ej_curated_student_ids())))
    WITH CHECK (student_id = ANY(ARRAY(SELECT ej_curated_student_ids())));
CREATE POLICY curator_delete ON excuse FOR DELETE TO ej_teacher
    USING (student_id = ANY(ARRAY(SELECT ej_curated_student_ids())));

-- Teaching load and the КТП.
CREATE POLICY read_all ON teaching_assignment FOR SELECT TO ej_admin, ej_deputy, ej_secretary
    USING ((SELECT ej_rls.has_role('{admin,deputy,secretary}')));
CREATE POLICY read_journal ON teaching_assignment FOR SELECT TO ej_teacher
    USING (id = ANY((SELECT ej_rls.journal_assignment_set())::integer[]));
CREATE POLICY read_diary ON teaching_assignment FOR SELECT TO ej_student, ej_parent
    USING (id = ANY((SELECT ej_rls.diary_assignment_set())::integer[]));
CREATE POLICY secretary_write ON teaching_assignment FOR ALL TO ej_secretary
    USING ((SELECT ej_has_role('secretary'))) WITH CHECK ((SELECT ej_has_role('secretary')));

CREATE POLICY read ON timetable_slot FOR SELECT
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent
    USING ((SELECT ej_rls.has_role('{admin,deputy,secretary}'))
           OR assignment_id = ANY((SELECT ej_rls.lesson_assignment_set())::integer[]));
CREATE POLICY secretary_write ON timetable_slot FOR ALL TO ej_secretary
    USING ((SELECT ej_has_role('secretary'))) WITH CHECK ((SELECT ej_has_role('secretary')));
CREATE POLICY teacher_insert ON timetable_slot FOR INSERT TO ej_teacher
    WITH CHECK (assignment_id = ANY(ARRAY(SELECT ej_my_open_assignment_ids())));
CREATE POLICY teacher_update ON timetable_slot FOR UPDATE TO ej_teacher
    USING (assignment_id = ANY(ARRAY(SELECT ej_my_open_assignment_ids())))
    WITH CHECK (assignment_id = ANY(ARRAY(SELECT ej_my_open_assignment_ids())));
CREATE POLICY teacher_delete ON timetable_slot FOR DELETE TO ej_teacher
    USING (assignment_id = ANY(ARRAY(SELECT ej_my_open_assignment_ids())));

CREATE POLICY read ON plan_topic FOR SELECT
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent
    USING ((SELECT ej_rls.has_role('{admin,deputy,secretary}'))
           OR assignment_id = ANY((SELECT ej_rls.lesson_assignment_set())::integer[]));
CREATE POLICY teacher_insert ON plan_topic FOR INSERT TO ej_teacher
    WITH CHECK (assignment_id = ANY(ARRAY(SELECT ej_my_open_assignment_ids())));
CREATE POLICY teacher_update ON plan_topic FOR UPDATE TO ej_teacher
    USING (assignment_id = ANY(ARRAY(SELECT ej_my_open_assignment_ids())))
    WITH CHECK (assignment_id = ANY(ARRAY(SELECT ej_my_open_assignment_ids())));
CREATE POLICY teacher_delete ON plan_topic FOR DELETE TO ej_teacher
    USING (assignment_id = ANY(ARRAY(SELECT ej_my_open_assignment_ids())));

-- The journal. Read policies are split by role: PostgreSQL applies only the policies whose TO names
-- a role of the current user, so a teacher's query does not evaluate the diary's helpers and back.
CREATE POLICY read_all ON lesson FOR SELECT TO ej_admin, ej_deputy
    USING ((SELECT ej_rls.has_role('{admin,deputy}')));
CREATE POLICY read_journal ON lesson FOR SELECT TO ej_teacher
    USING (assignment_id = ANY((SELECT ej_rls.journal_assignment_set())::integer[]));
CREATE POLICY read_diary ON lesson FOR SELECT TO ej_student, ej_parent
    USING (assignment_id = ANY((SELECT ej_rls.diary_assignment_set())::integer[]));
CREATE POLICY teacher_insert ON lesson FOR INSERT TO ej_teacher
    WITH CHECK (assignment_id = ANY(ARRAY(SELECT ej_my_open_assignment_ids())));
CREATE POLICY teacher_update ON lesson FOR UPDATE TO ej_teacher
    USING (assignment_id = ANY(ARRAY(SELECT ej_my_open_assignment_ids())))
    WITH CHECK (assignment_id = ANY(ARRAY(SELECT ej_my_open_assignment_ids())));
CREATE POLICY teacher_delete ON lesson FOR DELETE TO ej_teacher
    USING (assignment_id = ANY(ARRAY(SELECT ej_my_open_assignment_ids())));

CREATE POLICY read_all ON mark FOR SELECT TO ej_admin, ej_deputy
    USING ((SELECT ej_rls.has_role('{admin,deputy}')));
CREATE POLICY read_diary ON mark FOR SELECT TO ej_student, ej_parent
    USING (student_id = ANY((SELECT ej_rls.diary_student_set())::integer[]));
CREATE POLICY read_journal ON mark FOR SELECT TO ej_teacher
    USING (assignment_id = ANY((SELECT ej_rls.journal_assignment_set())::integer[]));
CREATE POLICY teacher_insert ON mark FOR INSERT TO ej_teacher
    WITH CHECK (lesson_id IN (SELECT ej_my_open_lesson_ids()));
CREATE POLICY teacher_update ON mark FOR UPDATE TO ej_teacher
    USING (lesson_id IN (SELECT ej_my_open_lesson_ids()))
    WITH CHECK (lesson_id IN (SELECT ej_my_open_lesson_ids()));
CREATE POLICY teacher_delete ON mark FOR DELETE TO ej_teacher
    USING (lesson_id IN (SELECT ej_my_open_lesson_ids()));

CREATE POLICY read_all ON attendance FOR SELECT TO ej_admin, ej_deputy
    USING ((SELECT ej_rls.has_role('{admin,deputy}')));
CREATE POLICY read_diary ON attendance FOR SELECT TO ej_student, ej_parent
    USING (student_id = ANY((SELECT ej_rls.diary_student_set())::integer[]));
CREATE POLICY read_journal ON attendance FOR SELECT TO ej_teacher
    USING (assignment_id = ANY((SELECT ej_rls.journal_assignment_set())::integer[]));
CREATE POLICY teacher_insert ON attendance FOR INSERT TO ej_teacher
    WITH CHECK (lesson_id IN (SELECT ej_my_open_lesson_ids()));
CREATE POLICY teacher_update ON attendance FOR UPDATE TO ej_teacher
    USING (lesson_id IN (SELECT ej_my_open_lesson_ids()))
    WITH CHECK (lesson_id IN (SELECT ej_my_open_lesson_ids()));
CREATE POLICY teacher_delete ON attendance FOR DELETE TO ej_teacher
    USING (lesson_id IN (SELECT ej_my_open_lesson_ids()));
-- A curator marks absences of the curated group excused (справка) in any discipline; the trigger
-- below keeps such an update to the reason columns and to an open period.
CREATE POLICY curator_excuse ON attendance FOR UPDATE TO ej_teacher
    USING (student_id = ANY(ARRAY(SELECT ej_curated_student_ids())))
    WITH CHECK (student_id = ANY(ARRAY(SELECT ej_curated_student_ids())));

CREATE POLICY read_all ON final_mark FOR SELECT TO ej_admin, ej_deputy
    USING ((SELECT ej_rls.has_role('{admin,deputy}')));
CREATE POLICY read_diary ON final_mark FOR SELECT TO ej_student, ej_parent
    USING (student_id = ANY((SELECT ej_rls.diary_student_set())::integer[]));
CREATE POLICY read_journal ON final_mark FOR SELECT TO ej_teacher
    USING (assignment_id = ANY((SELECT ej_rls.journal_assignment_set())::integer[]));
CREATE POLICY teacher_insert ON final_mark FOR INSERT TO ej_teacher
    WITH CHECK (assignment_id = ANY(ARRAY(SELECT ej_my_open_assignment_ids())));
CREATE POLICY teacher_update ON final_mark FOR UPDATE TO ej_teacher
    USING (assignment_id = ANY(ARRAY(SELECT ej_my_open_assignment_ids())))
    WITH CHECK (assignment_id = ANY(ARRAY(SELECT ej_my_open_assignment_ids())));
CREATE POLICY teacher_delete ON final_mark FOR DELETE TO ej_teacher
    USING (assignment_id = ANY(ARRAY(SELECT ej_my_open_assignment_ids())));

CREATE OR REPLACE FUNCTION ej_attendance_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    kept CONSTANT text[] := ARRAY['reason', 'excuse_id', 'updated_by', 'updated_at', 'version'];
BEGIN
    -- Owner and superuser sessions (migrations, bulk loads) have no account: not guarded here.
    IF ej_my_person_id() IS NULL OR NEW.lesson_id IN (SELECT ej_my_open_lesson_ids()) THEN
        RETURN NEW;
    END IF;
    IF (to_jsonb(NEW) - kept) IS DISTINCT FROM (to_jsonb(OLD) - kept) THEN
        RAISE EXCEPTION 'Куратор меняет только причину пропуска; часы и опоздания отмечает преподаватель'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT 1 FROM lesson l JOIN teaching_assignment t ON t.id = l.assignment_id
               JOIN period p ON p.id = t.period_id WHERE l.id = NEW.lesson_id AND p.closed_at IS NOT NULL) THEN
        RAISE EXCEPTION 'Период закрыт: причину пропуска изменить нельзя'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER ej_attendance_guard BEFORE UPDATE ON attendance
    FOR EACH ROW EXECUTE FUNCTION ej_attendance_guard();
