-- ЭЖ server, step 4 of 7: the audit log. Run as ej_owner. Idempotent.
--
-- One audit_log row per inserted, updated or deleted row of the journal, the contingent and the
-- accounts: when (UTC), session_user (the login whose password the server checked — SET ROLE does
-- not change it, application_name is not looked at), table, row id, action, old and new as jsonb.
-- A client may give the reason of a correction with  SET LOCAL ej.reason = '…'  in the same
-- transaction («запись ошибочна»); it is stored in audit_log.reason.
--
-- The trigger function is SECURITY DEFINER (owner ej_owner): nobody else has INSERT on audit_log,
-- and nobody but the owner UPDATE or DELETE — the log is append-only for every login, admin included.
-- An UPDATE that changes nothing (or, on account, only last_login_at/failed_logins) writes no row.
-- Password hashes (account.password_hash, SQLite only) never enter the log.

CREATE OR REPLACE FUNCTION ej_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    ignored text[] := coalesce(TG_ARGV::text[], '{}');
    old_doc jsonb;
    new_doc jsonb;
BEGIN
    IF ej_bulk_mode() THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        old_doc := to_jsonb(OLD) - 'password_hash';
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_doc := to_jsonb(NEW) - 'password_hash';
    END IF;
    IF TG_OP = 'UPDATE' AND (old_doc - ignored) = (new_doc - ignored) THEN
        RETURN NULL;
    END IF;
    INSERT INTO audit_log (at, db_user, table_name, row_id, action, old, new, reason)
    VALUES (now() AT TIME ZONE 'UTC', session_user, TG_TABLE_NAME,
            coalesce(coalesce(new_doc, old_doc) ->> 'id', coalesce(new_doc, old_doc) ->> 'account_id')::integer,
            TG_OP, old_doc, new_doc, nullif(current_setting('ej.reason', true), ''));
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER ej_audit AFTER INSERT OR UPDATE OR DELETE ON mark
    FOR EACH ROW EXECUTE FUNCTION ej_audit();
CREATE OR REPLACE TRIGGER ej_audit AFTER INSERT OR UPDATE OR DELETE ON attendance
    FOR EACH ROW EXECUTE FUNCTION ej_audit();
CREATE OR REPLACE TRIGGER ej_audit AFTER INSERT OR UPDATE OR DELETE ON final_mark
    FOR EACH ROW EXECUTE FUNCTION ej_audit();
CREATE OR REPLACE TRIGGER ej_audit AFTER INSERT OR UPDATE OR DELETE ON lesson
    FOR EACH ROW EXECUTE FUNCTION ej_audit();
CREATE OR REPLACE TRIGGER ej_audit AFTER INSERT OR UPDATE OR DELETE ON excuse
    FOR EACH ROW EXECUTE FUNCTION ej_audit();
CREATE OR REPLACE TRIGGER ej_audit AFTER INSERT OR UPDATE OR DELETE ON student
    FOR EACH ROW EXECUTE FUNCTION ej_audit();
CREATE OR REPLACE TRIGGER ej_audit AFTER INSERT OR UPDATE OR DELETE ON student_movement
    FOR EACH ROW EXECUTE FUNCTION ej_audit();
CREATE OR REPLACE TRIGGER ej_audit AFTER INSERT OR UPDATE OR DELETE ON account
    FOR EACH ROW EXECUTE FUNCTION ej_audit('last_login_at', 'failed_logins');
CREATE OR REPLACE TRIGGER ej_audit AFTER INSERT OR UPDATE OR DELETE ON account_role
    FOR EACH ROW EXECUTE FUNCTION ej_audit();
-- Personal data (152-ФЗ) and the rows that decide access: who changed them is worth knowing too.
CREATE OR REPLACE TRIGGER ej_audit AFTER INSERT OR UPDATE OR DELETE ON person
    FOR EACH ROW EXECUTE FUNCTION ej_audit();
CREATE OR REPLACE TRIGGER ej_audit AFTER INSERT OR UPDATE OR DELETE ON guardian_link
    FOR EACH ROW EXECUTE FUNCTION ej_audit();
CREATE OR REPLACE TRIGGER ej_audit AFTER INSERT OR UPDATE OR DELETE ON period
    FOR EACH ROW EXECUTE FUNCTION ej_audit();
CREATE OR REPLACE TRIGGER ej_audit AFTER INSERT OR UPDATE OR DELETE ON teaching_assignment
    FOR EACH ROW EXECUTE FUNCTION ej_audit();
