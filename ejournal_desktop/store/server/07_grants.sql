-- ЭЖ server, step 7 of 7: table privileges of the group roles (what each role may touch at all;
-- the policies of step 3 then decide which rows). Run as ej_owner. Idempotent: everything is revoked
-- and granted again inside one transaction, so a re-run converges to exactly this list.
-- Follows the permission matrix of ejournal_desktop/domain/permissions.py (tests compare them).

DO $grants$
DECLARE
    rel record;
    db text := current_database();
BEGIN
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', db);
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, '
                   'ej_parent, ej_backup', db);
    FOR rel IN
        SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
    LOOP
        IF rel.relkind = 'S' THEN
            EXECUTE format('REVOKE ALL ON SEQUENCE %s FROM PUBLIC, ej_admin, ej_deputy, ej_secretary, ej_teacher, '
                           'ej_student, ej_parent, ej_backup', rel.name);
            -- New ids for any table a role may INSERT into; nextval reveals nothing but a counter.
            EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %s TO ej_admin, ej_deputy, ej_secretary, ej_teacher',
                           rel.name);
        ELSE
            EXECUTE format('REVOKE ALL ON TABLE %s FROM PUBLIC, ej_admin, ej_deputy, ej_secretary, ej_teacher, '
                           'ej_student, ej_parent, ej_backup', rel.name);
        END IF;
        -- The backup role reads every table and sequence (with BYPASSRLS), and nothing more.
        EXECUTE format('GRANT SELECT ON %s TO ej_backup', rel.name);
    END LOOP;
END
$grants$;

-- Every login reads these to start: the schema version, its own account and person, the groups.
GRANT SELECT ON alembic_version, account, account_role, person, study_group, specialty, discipline, period,
    app_setting
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent;

-- Contingent and teaching load (rows narrowed by the policies).
GRANT SELECT ON student, guardian_link, student_movement, teaching_assignment, timetable_slot, plan_topic
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent;

-- The journal: admin and deputy read all, teacher own, student/parent the diary. Not the secretary.
GRANT SELECT ON lesson, mark, attendance, final_mark, excuse
    TO ej_admin, ej_deputy, ej_teacher, ej_student, ej_parent;
GRANT SELECT ON excuse TO ej_secretary;
GRANT SELECT ON pd_consent TO ej_admin, ej_deputy, ej_secretary, ej_teacher;
GRANT INSERT, UPDATE, DELETE ON pd_consent TO ej_secretary;
GRANT INSERT ON pd_consent TO ej_teacher;

-- admin: accounts, settings, backups, audit, files.
GRANT INSERT, UPDATE, DELETE ON account, account_role, app_setting TO ej_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON backup_record TO ej_admin;
GRANT SELECT ON audit_log TO ej_admin, ej_deputy;
GRANT SELECT ON stored_file TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent;
GRANT INSERT, DELETE ON stored_file TO ej_admin, ej_deputy, ej_secretary, ej_teacher;

-- deputy: closes and reopens periods — only these two columns.
GRANT UPDATE (closed_at, closed_by) ON period TO ej_deputy;

-- secretary: contingent, movements, teaching load, periods (not their closing).
GRANT INSERT, UPDATE, DELETE ON specialty, study_group, person, student, guardian_link, student_movement,
    discipline, teaching_assignment, timetable_slot
    TO ej_secretary;
GRANT INSERT (id, academic_year, number, starts_on, ends_on) ON period TO ej_secretary;
GRANT UPDATE (academic_year, number, starts_on, ends_on), DELETE ON period TO ej_secretary;

-- teacher: the journal of their assignments, the КТП, finals; as curator excuses and guardians.
GRANT INSERT, UPDATE, DELETE ON lesson, mark, attendance, final_mark, plan_topic, timetable_slot
    TO ej_teacher;
GRANT INSERT, UPDATE, DELETE ON excuse, guardian_link TO ej_teacher;
GRANT UPDATE (phone, email, address) ON person TO ej_teacher;

-- Functions: nothing for PUBLIC; the RLS helpers for every group (policies run them as the user).
DO $functions$
DECLARE
    fn record;
BEGIN
    FOR fn IN
        SELECT p.oid::regprocedure AS sig, p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.proname LIKE 'ej\_%'
    LOOP
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC, ej_admin, ej_deputy, ej_secretary, ej_teacher, '
                       'ej_student, ej_parent, ej_backup', fn.sig);
        IF fn.proname IN ('ej_my_person_id', 'ej_my_roles', 'ej_has_role', 'ej_reads_all_journals',
                          'ej_reads_all_contingent', 'ej_my_student_ids', 'ej_my_child_student_ids',
                          'ej_diary_student_ids', 'ej_diary_group_ids', 'ej_my_assignment_ids',
                          'ej_my_open_assignment_ids', 'ej_my_open_lesson_ids', 'ej_my_curated_group_ids',
                          'ej_my_taught_group_ids', 'ej_contingent_group_ids', 'ej_curated_student_ids',
                          'ej_curated_guardian_ids', 'ej_curated_person_ids', 'ej_journal_assignment_ids',
                          'ej_lesson_assignment_ids', 'ej_me', 'ej_visible_person_ids',
                          'ej_bulk_mode',
                          'ej_record_login', 'ej_change_own_password') THEN
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO ej_admin, ej_deputy, ej_secretary, ej_teacher, '
                           'ej_student, ej_parent', fn.sig);
        ELSIF fn.proname IN ('ej_create_login', 'ej_set_password', 'ej_lock_login', 'ej_unlock_login') THEN
            -- accounts.manage: admin (ALL) and curator (CURATED_GROUP, checked inside the function).
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO ej_admin, ej_teacher', fn.sig);
        ELSIF fn.proname IN ('ej_grant_role', 'ej_revoke_role') THEN
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO ej_admin', fn.sig);
        END IF;
        -- Anything else (ej_audit, ej_notify_journal, ej_provision_login …) stays the owner's.
    END LOOP;
END
$functions$;

ALTER DEFAULT PRIVILEGES FOR ROLE ej_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
