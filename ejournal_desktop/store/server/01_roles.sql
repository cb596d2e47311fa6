-- ЭЖ server, step 1 of 7: the cluster-wide roles.
-- Run by `ejournal server init` as a superuser, in one transaction. Idempotent: a role that exists
-- is brought back to the attributes below and nothing else is touched.
--
--   ej_owner      NOLOGIN. Owns the tables and the SECURITY DEFINER functions. Has CREATEROLE so that
--                 the account functions can create login roles; kept NOLOGIN because in PostgreSQL 15 a
--                 CREATEROLE role can grant itself the dangerous built-in roles (pg_execute_server_program
--                 …): nobody may ever run free SQL as this role. Only a superuser reaches it (SET ROLE).
--   ej_admin … ej_parent   NOLOGIN group roles, one per role of the permission matrix; they carry the
--                 GRANTs. A person's login role is a member of the groups of their roles.
--   ej_backup     NOLOGIN, BYPASSRLS, explicit SELECT on every table (not pg_read_all_data, which
--                 would read password hashes). pg_dump runs as a member with `--role=ej_backup`.

DO $roles$
DECLARE
    group_role text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ej_owner') THEN
        CREATE ROLE ej_owner NOLOGIN;
    END IF;
    ALTER ROLE ej_owner NOLOGIN NOSUPERUSER NOCREATEDB CREATEROLE NOREPLICATION NOBYPASSRLS INHERIT;

    FOREACH group_role IN ARRAY ARRAY['ej_admin', 'ej_deputy', 'ej_secretary', 'ej_teacher', 'ej_student',
                                      'ej_parent']
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = group_role) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', group_role);
        END IF;
        EXECUTE format('ALTER ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT',
                       group_role);
        -- PostgreSQL 16+ lets a CREATEROLE role grant only roles it administers: say so now.
        IF NOT EXISTS (SELECT 1 FROM pg_auth_members m
                       WHERE m.roleid = group_role::regrole AND m.member = 'ej_owner'::regrole AND m.admin_option) THEN
            EXECUTE format('GRANT %I TO ej_owner WITH ADMIN OPTION', group_role);
        END IF;
    END LOOP;

    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ej_backup') THEN
        CREATE ROLE ej_backup NOLOGIN BYPASSRLS;
    END IF;
    -- LOGIN is left as the DBA set it (see db/README.md); the rest is enforced.
    ALTER ROLE ej_backup NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION BYPASSRLS INHERIT;

    -- The administrator makes backups from the GUI: `pg_dump --role=ej_backup` as their own login.
    IF NOT EXISTS (SELECT 1 FROM pg_auth_members m
                   WHERE m.roleid = 'ej_backup'::regrole AND m.member = 'ej_admin'::regrole) THEN
        GRANT ej_backup TO ej_admin;
    END IF;
END
$roles$;
