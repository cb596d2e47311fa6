-- ЭЖ server, step 5 of 7: NOTIFY for open clients. Run as ej_owner. Idempotent.
--
-- After a change of a mark, an absence, a lesson or a final mark the server sends on channel
-- `ej_journal` the payload {"table": …, "assignment_id": …, "id": …}. Channels have no privileges
-- (anyone may LISTEN), so the payload is a hint only — which journal to re-query, under RLS — and
-- never data (no values, no names).

CREATE OR REPLACE FUNCTION ej_notify_journal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    doc jsonb;
    assignment integer;
BEGIN
    IF ej_bulk_mode() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        doc := to_jsonb(OLD);
    ELSE
        doc := to_jsonb(NEW);
    END IF;
    IF doc ? 'assignment_id' THEN
        assignment := (doc ->> 'assignment_id')::integer;
    ELSE
        SELECT l.assignment_id INTO assignment FROM lesson l WHERE l.id = (doc ->> 'lesson_id')::integer;
    END IF;
    PERFORM pg_notify('ej_journal', json_build_object(
        'table', TG_TABLE_NAME, 'assignment_id', assignment, 'id', (doc ->> 'id')::integer)::text);
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER ej_notify AFTER INSERT OR UPDATE OR DELETE ON mark
    FOR EACH ROW EXECUTE FUNCTION ej_notify_journal();
CREATE OR REPLACE TRIGGER ej_notify AFTER INSERT OR UPDATE OR DELETE ON attendance
    FOR EACH ROW EXECUTE FUNCTION ej_notify_journal();
CREATE OR REPLACE TRIGGER ej_notify AFTER INSERT OR UPDATE OR DELETE ON lesson
    FOR EACH ROW EXECUTE FUNCTION ej_notify_journal();
CREATE OR REPLACE TRIGGER ej_notify AFTER INSERT OR UPDATE OR DELETE ON final_mark
    FOR EACH ROW EXECUTE FUNCTION ej_notify_journal();
