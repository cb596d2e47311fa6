-- ЭЖ server, step 8: settings that a role other than the admin may change. Run as ej_owner, after the
-- grants of step 7 (which revoke every ej_* function; this file grants its own again). Idempotent.
--
-- app_setting is written by the admin only (settings.manage). One setting belongs to the deputy's job
-- of closing periods: the edit window — how many days after a lesson a teacher corrects a mark
-- without giving a reason («запись ошибочна»). Rather than a write policy on app_setting for the
-- deputy (which would open every key), this function writes that one key, checked and audited.

CREATE OR REPLACE FUNCTION ej_set_edit_window_days(p_days integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT ((ej_me()).roles && ARRAY['admin', 'deputy']) THEN
        RAISE EXCEPTION 'Недостаточно прав: срок исправлений задаёт заместитель директора по УПР'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_days IS NULL OR p_days < 0 OR p_days > 365 THEN
        RAISE EXCEPTION 'Срок исправлений — от 0 до 365 дней' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO app_setting (key, value) VALUES ('edit_window_days', p_days::text)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
END
$$;

REVOKE ALL ON FUNCTION ej_set_edit_window_days(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ej_set_edit_window_days(integer) TO ej_admin, ej_deputy;

-- Who changed a setting (the edit window, the college name …) is worth knowing: the key and the old
-- and new values are in the row's JSON (app_setting has no integer id, so row_id stays empty).
CREATE OR REPLACE TRIGGER ej_audit AFTER INSERT OR UPDATE OR DELETE ON app_setting
    FOR EACH ROW EXECUTE FUNCTION ej_audit();
