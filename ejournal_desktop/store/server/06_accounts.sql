-- ЭЖ server, step 6 of 7: accounts. Run as ej_owner. Idempotent (CREATE OR REPLACE).
--
-- An account is a PostgreSQL LOGIN role named as account.login, a member of the ej_* group roles of
-- its roles. These SECURITY DEFINER functions (owner ej_owner, who has CREATEROLE and is NOLOGIN) let
-- the administrator — and a curator, for the students and parents of the curated group — manage them
-- without superuser rights:
--
--   ej_create_login(login, role, scram_verifier [, person_id])  → account id (NULL without person_id)
--   ej_set_password(login, scram_verifier)     reset by admin/curator; the user must change it
--   ej_change_own_password(scram_verifier)     any user, for themselves
--   ej_lock_login(login) / ej_unlock_login(login)   NOLOGIN/LOGIN and account.is_active
--   ej_grant_role(login, role) / ej_revoke_role(login, role)   extra roles (account_role), admin only
--   ej_record_login()                          last_login_at and a LOGIN row in the audit
--
-- Safety rules:
--   * the login is checked against ^[a-z][a-z0-9_]{1,62}$ BEFORE any dynamic SQL, and every
--     identifier is quoted with format('%I') anyway;
--   * a password is never sent: only a SCRAM-SHA-256 verifier computed by the client (libpq's
--     PQencryptPasswordConn), so the cleartext cannot appear in the server log or in an error's
--     CONTEXT line; anything that does not look like a verifier is refused without being echoed;
--   * only the ej_* group roles are ever granted, and only to login roles the journal manages
--     (not superuser, no CREATEROLE/BYPASSRLS/REPLICATION, member of an ej_* group, with an account).

CREATE OR REPLACE FUNCTION ej_check_login(p_login text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = public, pg_temp AS $$
BEGIN
    IF p_login IS NULL OR (p_login COLLATE "C") !~ '^[a-z][a-z0-9_]{1,62}$' THEN
        RAISE EXCEPTION 'Недопустимый логин: только строчные латинские буквы, цифры и «_», от 2 до 63 знаков, первая — буква'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_login LIKE 'ej\_%' OR p_login LIKE 'pg\_%'
       OR p_login IN ('postgres', 'public', 'none', 'current_user', 'session_user', 'current_role') THEN
        RAISE EXCEPTION 'Логин «%» зарезервирован сервером, выберите другой', p_login
            USING ERRCODE = 'reserved_name';
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION ej_check_role(p_role text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = public, pg_temp AS $$
BEGIN
    IF p_role IS NULL OR p_role NOT IN ('admin', 'deputy', 'secretary', 'teacher', 'student', 'parent') THEN
        RAISE EXCEPTION 'Неизвестная роль: допустимы admin, deputy, secretary, teacher, student, parent'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION ej_check_verifier(p_verifier text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = public, pg_temp AS $$
BEGIN
    -- Never echo the value: if a client sent a cleartext password here, it must not reach the log.
    IF p_verifier IS NULL
       OR p_verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*:[A-Za-z0-9+/]+=*$' THEN
        RAISE EXCEPTION 'Пароль передаётся на сервер только в виде проверочного значения SCRAM-SHA-256, вычисленного программой ЭЖ'
            USING ERRCODE = 'invalid_password';
    END IF;
END
$$;

-- The login must be one the journal manages; returns its account id.
CREATE OR REPLACE FUNCTION ej_managed_account(p_login text) RETURNS integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_account integer;
BEGIN
    PERFORM ej_check_login(p_login);
    IF NOT EXISTS (
        SELECT 1 FROM pg_roles r
        WHERE r.rolname = p_login AND NOT r.rolsuper AND NOT r.rolcreaterole AND NOT r.rolbypassrls
          AND NOT r.rolreplication AND NOT r.rolcreatedb
          AND EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                      WHERE m.member = r.oid AND g.rolname IN ('ej_admin', 'ej_deputy', 'ej_secretary',
                                                               'ej_teacher', 'ej_student', 'ej_parent'))
    ) THEN
        RAISE EXCEPTION 'Логин «%» не является учётной записью ЭЖ', p_login USING ERRCODE = 'undefined_object';
    END IF;
    SELECT a.id INTO v_account FROM account a WHERE a.login = p_login;
    IF v_account IS NULL THEN
        RAISE EXCEPTION 'Для логина «%» нет учётной записи ЭЖ в этой базе', p_login USING ERRCODE = 'undefined_object';
    END IF;
    RETURN v_account;
END
$$;

-- accounts.manage: the admin for anyone; a curator only for students and parents of the curated group.
CREATE OR REPLACE FUNCTION ej_require_account_rights(p_role text, p_person_id integer) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF ej_has_role('admin') THEN
        RETURN;
    END IF;
    IF ej_has_role('teacher') AND p_role IN ('student', 'parent') AND p_person_id IS NOT NULL
       AND p_person_id IN (SELECT ej_curated_person_ids()) THEN
        RETURN;
    END IF;
    RAISE EXCEPTION 'Недостаточно прав: управление учётными записями' USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Create the login role if missing (or reset its password when asked) and make it a member of the
-- role's group. The owner's tool, for the server init and the demo college; not granted to anyone.
CREATE OR REPLACE FUNCTION ej_provision_login(p_login text, p_role text, p_verifier text,
                                              p_reset_password boolean DEFAULT false) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_created boolean := false;
BEGIN
    PERFORM ej_check_login(p_login);
    PERFORM ej_check_role(p_role);
    PERFORM ej_check_verifier(p_verifier);
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
            EXECUTE format('CREATE ROLE %I LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION '
                           'NOBYPASSRLS PASSWORD %L', p_login, p_verifier);
            v_created := true;
        ELSE
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login
                       AND (rolsuper OR rolcreaterole OR rolbypassrls OR rolreplication)) THEN
                RAISE EXCEPTION 'Логин «%» принадлежит служебной роли сервера', p_login
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF p_reset_password THEN
                EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_verifier);
            END IF;
        END IF;
        IF NOT pg_has_role(p_login, 'ej_' || p_role, 'MEMBER') THEN
            EXECUTE format('GRANT %I TO %I', 'ej_' || p_role, p_login);
        END IF;
    EXCEPTION WHEN OTHERS THEN
        -- Re-raised without the failing statement in CONTEXT: it would carry the verifier.
        RAISE EXCEPTION '%', SQLERRM USING ERRCODE = SQLSTATE;
    END;
    RETURN v_created;
END
$$;

CREATE OR REPLACE FUNCTION ej_create_login(p_login text, p_role text, p_scram_verifier text,
                                           p_person_id integer DEFAULT NULL) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_account integer;
BEGIN
    PERFORM ej_check_login(p_login);
    PERFORM ej_check_role(p_role);
    PERFORM ej_check_verifier(p_scram_verifier);
    PERFORM ej_require_account_rights(p_role, p_person_id);
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) OR EXISTS (SELECT 1 FROM account WHERE login = p_login) THEN
        RAISE EXCEPTION 'Логин «%» уже занят', p_login USING ERRCODE = 'duplicate_object';
    END IF;
    IF p_person_id IS NOT NULL THEN
        IF NOT EXISTS (SELECT 1 FROM person WHERE id = p_person_id) THEN
            RAISE EXCEPTION 'Человек с кодом % не найден', p_person_id USING ERRCODE = 'foreign_key_violation';
        END IF;
        IF EXISTS (SELECT 1 FROM account WHERE person_id = p_person_id) THEN
            RAISE EXCEPTION 'У этого человека уже есть учётная запись' USING ERRCODE = 'unique_violation';
        END IF;
    END IF;
    PERFORM ej_provision_login(p_login, p_role, p_scram_verifier, false);
    IF p_person_id IS NOT NULL THEN
        INSERT INTO account (person_id, login, role, is_active, must_change_password, failed_logins)
        VALUES (p_person_id, p_login, p_role, true, true, 0)
        RETURNING id INTO v_account;
    END IF;
    RETURN v_account;
END
$$;

CREATE OR REPLACE FUNCTION ej_set_password(p_login text, p_scram_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_account integer;
    v_role text;
    v_person integer;
BEGIN
    PERFORM ej_check_login(p_login);
    PERFORM ej_check_verifier(p_scram_verifier);
    v_account := ej_managed_account(p_login);
    SELECT a.role, a.person_id INTO v_role, v_person FROM account a WHERE a.id = v_account;
    PERFORM ej_require_account_rights(v_role, v_person);
    BEGIN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_scram_verifier);
    EXCEPTION WHEN OTHERS THEN
        RAISE EXCEPTION '%', SQLERRM USING ERRCODE = SQLSTATE;
    END;
    UPDATE account SET must_change_password = true WHERE id = v_account;
END
$$;

CREATE OR REPLACE FUNCTION ej_change_own_password(p_scram_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_account integer;
BEGIN
    PERFORM ej_check_verifier(p_scram_verifier);
    v_account := ej_managed_account(session_user);
    BEGIN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', session_user, p_scram_verifier);
    EXCEPTION WHEN OTHERS THEN
        RAISE EXCEPTION '%', SQLERRM USING ERRCODE = SQLSTATE;
    END;
    UPDATE account SET must_change_password = false WHERE id = v_account;
END
$$;

CREATE OR REPLACE FUNCTION ej_set_login_enabled(p_login text, p_enabled boolean) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_account integer;
    v_role text;
    v_person integer;
BEGIN
    PERFORM ej_check_login(p_login);
    v_account := ej_managed_account(p_login);
    SELECT a.role, a.person_id INTO v_role, v_person FROM account a WHERE a.id = v_account;
    PERFORM ej_require_account_rights(v_role, v_person);
    IF NOT p_enabled AND p_login = session_user THEN
        RAISE EXCEPTION 'Нельзя заблокировать собственную учётную запись' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_enabled THEN
        EXECUTE format('ALTER ROLE %I LOGIN', p_login);
    ELSE
        EXECUTE format('ALTER ROLE %I NOLOGIN', p_login);
    END IF;
    UPDATE account SET is_active = p_enabled, failed_logins = 0 WHERE id = v_account AND is_active IS DISTINCT FROM p_enabled;
END
$$;

CREATE OR REPLACE FUNCTION ej_lock_login(p_login text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT ej_set_login_enabled(p_login, false)
$$;

CREATE OR REPLACE FUNCTION ej_unlock_login(p_login text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT ej_set_login_enabled(p_login, true)
$$;

CREATE OR REPLACE FUNCTION ej_grant_role(p_login text, p_role text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_account integer;
BEGIN
    PERFORM ej_check_login(p_login);
    PERFORM ej_check_role(p_role);
    IF NOT ej_has_role('admin') THEN
        RAISE EXCEPTION 'Недостаточно прав: управление учётными записями' USING ERRCODE = 'insufficient_privilege';
    END IF;
    v_account := ej_managed_account(p_login);
    IF NOT pg_has_role(p_login, 'ej_' || p_role, 'MEMBER') THEN
        EXECUTE format('GRANT %I TO %I', 'ej_' || p_role, p_login);
    END IF;
    INSERT INTO account_role (account_id, role) SELECT v_account, p_role
    WHERE NOT EXISTS (SELECT 1 FROM account WHERE id = v_account AND role = p_role)
    ON CONFLICT DO NOTHING;
END
$$;

CREATE OR REPLACE FUNCTION ej_revoke_role(p_login text, p_role text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_account integer;
BEGIN
    PERFORM ej_check_login(p_login);
    PERFORM ej_check_role(p_role);
    IF NOT ej_has_role('admin') THEN
        RAISE EXCEPTION 'Недостаточно прав: управление учётными записями' USING ERRCODE = 'insufficient_privilege';
    END IF;
    v_account := ej_managed_account(p_login);
    IF EXISTS (SELECT 1 FROM account WHERE id = v_account AND role = p_role) THEN
        RAISE EXCEPTION 'Основную роль учётной записи так не снять: измените основную роль' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    DELETE FROM account_role WHERE account_id = v_account AND role = p_role;
    IF pg_has_role(p_login, 'ej_' || p_role, 'MEMBER') THEN
        EXECUTE format('REVOKE %I FROM %I', 'ej_' || p_role, p_login);
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION ej_record_login() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_account integer;
BEGIN
    UPDATE account SET last_login_at = now() AT TIME ZONE 'UTC', failed_logins = 0
    WHERE login = session_user::text COLLATE "default" AND is_active
    RETURNING id INTO v_account;
    IF v_account IS NOT NULL THEN
        INSERT INTO audit_log (at, db_user, table_name, row_id, action)
        VALUES (now() AT TIME ZONE 'UTC', session_user, 'account', v_account, 'LOGIN');
    END IF;
    RETURN v_account;
END
$$;
