-- ЭЖ server, step 12: saving journal cells in one round trip. Run as ej_owner, after the grants of
-- step 7 (which revoke every ej_* function; this file grants its own again). Idempotent.
--
-- services/journal_cells.save_cells does, on SQLite, five statements per save: the lesson with the
-- rights and the edit window, the students with their movements, the cells as they are now, the
-- excuses (справки) of the day, the writes. On the college LAN each is a round trip; this function
-- does all of it in one call, with the same rules, and the client runs it in autocommit (the call
-- is its own transaction: no BEGIN and COMMIT round trips).
--
-- SECURITY INVOKER: it runs with the caller's own rights, so every read and write below goes through
-- the caller's row-level security policies exactly as the separate statements did (a teacher sees and
-- writes only the lessons of their own open journals; a lesson they may not read is "not found").
-- The explicit checks (own journal, open period) are there to give the same Russian messages as the
-- embedded path; the policies would refuse the writes anyway.
--
-- The function does not raise for a refusal: it returns what was found ({"status": …}) and writes
-- nothing, and the client turns it into the same domain error with the same message (the message
-- needs the client's formatting of a cell, a date and a name). Statuses:
--   ok               written; "cells": per student the state BEFORE the write and, for a new absence,
--                    the reason of the excuse covering the day (the client derives the state after,
--                    as on SQLite);
--   no_account       session_user has no active account (a superuser or owner session): the client
--                    falls back to the separate statements;
--   not_found        the lesson does not exist or the caller may not read it;
--   refused          not the caller's journal, or the period is closed ("teacher_id", "closed");
--   too_many_hours   an absence longer than the lesson ("row", "hours");
--   student_not_found / not_in_group   ("row" and the student's name) — movements decide the date;
--   reason_required  the lesson is older than the edit window and no reason was given;
--   conflict         the cell is not what the teacher saw ("row", "current": the state and who set it).
-- The reason of a correction goes to the audit trigger through ej.reason, this transaction only.
-- Every statement in here pays for the caller's policies (0.2–1 ms each on the demo college; reading
-- `person` costs the most), so names are read only for a refusal, excuses only for a new absence.
--
-- p_edits: [{"s": student_id, "m": ["4", "5"], "h": absent_hours, "l": late,
--            "em": expected marks, "ev": expected versions, "ea": expected attendance version,
--            "eh": expected absent hours, "er": expected absence reason}, …]

-- A cell's state with the name of who set it ("by": a person id → "by_last", "by_first").
CREATE OR REPLACE FUNCTION ej_save_cells_named(p_cell jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = public, pg_temp AS $$
DECLARE
    who record;
BEGIN
    IF p_cell ->> 'by' IS NULL THEN
        RETURN p_cell;
    END IF;
    SELECT p.last_name, p.first_name INTO who FROM person p WHERE p.id = (p_cell ->> 'by')::integer;
    RETURN p_cell || jsonb_build_object('by_last', who.last_name, 'by_first', who.first_name);
END
$$;

-- Whether a student was in a group on a day, from their movements as the caller may read them: the
-- rule of domain.membership (a movement's effective_date is the first day of the new state; with no
-- movement into the group first, the student was in it from the start). Both are held to the same
-- cases by tests/server/test_membership_rule.py.
CREATE OR REPLACE FUNCTION ej_belongs_on(p_student_id integer, p_group_id integer, p_day date)
RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = public, pg_temp AS $$
DECLARE
    mv record;
    inside boolean := true;  -- unless the story starts with an entry into the group
    decided boolean := false;
    starts date;
    into_group CONSTANT text[] := ARRAY['enrol', 'transfer', 'return', 'reinstate'];
    out_of_group CONSTANT text[] := ARRAY['transfer', 'academic_leave', 'expel', 'graduate'];
BEGIN
    FOR mv IN SELECT m.kind::text AS kind, m.effective_date, m.from_group_id, m.to_group_id
                FROM student_movement m WHERE m.student_id = p_student_id
               ORDER BY m.effective_date, m.id LOOP
        IF NOT decided THEN
            IF mv.kind = ANY(into_group) AND mv.to_group_id = p_group_id THEN
                inside := false;
                decided := true;
            ELSIF mv.kind = ANY(out_of_group) AND (mv.from_group_id = p_group_id OR mv.from_group_id IS NULL) THEN
                decided := true;
            END IF;
        END IF;
        IF mv.kind = ANY(into_group) AND mv.to_group_id = p_group_id THEN
            IF NOT inside THEN
                starts := mv.effective_date;
                inside := true;
            END IF;
        ELSIF mv.kind = ANY(out_of_group) AND inside
              AND (mv.from_group_id = p_group_id OR mv.from_group_id IS NULL) THEN
            IF (starts IS NULL OR starts <= p_day) AND p_day <= mv.effective_date - 1 THEN
                RETURN true;
            END IF;
            inside := false;
        END IF;
    END LOOP;
    RETURN inside AND (starts IS NULL OR starts <= p_day);
END
$$;

CREATE OR REPLACE FUNCTION ej_save_cells(p_lesson_id integer, p_edits jsonb, p_reason text, p_today date)
RETURNS jsonb
LANGUAGE plpgsql SECURITY INVOKER SET search_path = public, pg_temp AS $$
DECLARE
    me_person integer;
    me_roles text[];
    ctx record;
    window_days integer;
    e jsonb;
    sid integer;
    st record;
    st_subgroup integer;
    cur jsonb;
    cur_marks text[];
    cur_versions integer[];
    cur_by integer;
    att record;
    written boolean;
    cells jsonb := '[]'::jsonb;
    befores jsonb := '{}'::jsonb;
    excuse_reason text;
    wanted text[];
    slot_no integer;
    before_value text;
    after_value text;
    wants boolean;
    now_utc timestamp := now() AT TIME ZONE 'UTC';
BEGIN
    SELECT m.person_id, m.roles INTO me_person, me_roles FROM ej_me() m;
    IF me_person IS NULL THEN
        RETURN jsonb_build_object('status', 'no_account');
    END IF;

    -- The lesson, its journal and period, the edit window (what the caller may read of them).
    SELECT l.id, l.held_on, l.hours, t.group_id, t.subgroup, t.teacher_id, p.closed_at IS NOT NULL AS closed,
           (SELECT s.value FROM app_setting s WHERE s.key = 'edit_window_days') AS window_text
      INTO ctx
      FROM lesson l JOIN teaching_assignment t ON t.id = l.assignment_id JOIN period p ON p.id = t.period_id
     WHERE l.id = p_lesson_id;
    IF NOT FOUND THEN
        RETURN jsonb_build_object('status', 'not_found');
    END IF;
    IF NOT ('teacher' = ANY(me_roles) AND ctx.teacher_id = me_person) OR ctx.closed THEN
        RETURN jsonb_build_object('status', 'refused', 'teacher_id', ctx.teacher_id, 'closed', ctx.closed);
    END IF;
    -- As journal_access.window_days: unset or unreadable means the default (7); negative means 0.
    window_days := CASE WHEN ctx.window_text ~ '^\s*[-+]?\d{1,9}\s*$'
                        THEN greatest(0, btrim(ctx.window_text)::integer) ELSE 7 END;

    FOR e IN SELECT * FROM jsonb_array_elements(p_edits) LOOP
        IF (e ->> 'h')::integer > ctx.hours THEN
            RETURN jsonb_build_object('status', 'too_many_hours', 'row', (e ->> 's')::integer, 'hours', ctx.hours);
        END IF;
    END LOOP;

    -- Each student must have been in the group (and the subgroup) on the lesson's day (ej_belongs_on).
    -- Names are read only for a refusal: every statement that reads `person` pays for its row-level
    -- security.
    FOR e IN SELECT * FROM jsonb_array_elements(p_edits) LOOP
        sid := (e ->> 's')::integer;
        SELECT s.subgroup INTO st_subgroup FROM student s WHERE s.id = sid;
        IF NOT FOUND THEN
            RETURN jsonb_build_object('status', 'student_not_found', 'row', sid);
        END IF;
        IF NOT ej_belongs_on(sid, ctx.group_id, ctx.held_on)
           OR (ctx.subgroup IS NOT NULL AND st_subgroup IS DISTINCT FROM ctx.subgroup) THEN
            SELECT p.last_name, p.first_name, p.middle_name INTO st
              FROM student s JOIN person p ON p.id = s.person_id WHERE s.id = sid;
            RETURN jsonb_build_object('status', 'not_in_group', 'row', sid, 'last', st.last_name,
                                      'first', st.first_name, 'middle', st.middle_name,
                                      'held_on', to_char(ctx.held_on, 'YYYY-MM-DD'));
        END IF;
    END LOOP;

    IF p_today - ctx.held_on > window_days AND coalesce(btrim(p_reason), '') = '' THEN
        RETURN jsonb_build_object('status', 'reason_required', 'held_on', to_char(ctx.held_on, 'YYYY-MM-DD'),
                                  'window', window_days);
    END IF;
    IF coalesce(btrim(p_reason), '') <> '' THEN
        PERFORM set_config('ej.reason', btrim(p_reason), true);
    END IF;

    -- The cells as they are now, locked until the end of this call: two saves of one cell do not
    -- both pass the version check. Who set a cell is named only when the client needs the name.
    FOR e IN SELECT * FROM jsonb_array_elements(p_edits) LOOP
        sid := (e ->> 's')::integer;
        SELECT coalesce(array_agg(x.value ORDER BY x.slot), '{}'), coalesce(array_agg(x.version ORDER BY x.slot), '{}'),
               (array_agg(x.updated_by ORDER BY x.slot) FILTER (WHERE x.updated_by IS NOT NULL))[1]
          INTO cur_marks, cur_versions, cur_by
          FROM (SELECT mk.slot, mk.value, mk.version, mk.updated_by FROM mark mk
                 WHERE mk.lesson_id = p_lesson_id AND mk.student_id = sid FOR UPDATE) x;
        SELECT a.absent_hours, a.reason, a.late, a.version, a.updated_by INTO att
          FROM attendance a WHERE a.lesson_id = p_lesson_id AND a.student_id = sid FOR UPDATE;
        cur := jsonb_build_object(
            'm', to_jsonb(cur_marks), 'v', to_jsonb(cur_versions),
            'h', coalesce(att.absent_hours, 0), 'r', att.reason, 'l', coalesce(att.late, false), 'a', att.version,
            'by', coalesce(cur_by, att.updated_by));
        IF NOT (cur -> 'm' = coalesce(e -> 'em', '[]'::jsonb)
                AND cur -> 'v' = coalesce(e -> 'ev', '[]'::jsonb)
                AND (cur ->> 'a')::integer IS NOT DISTINCT FROM (e ->> 'ea')::integer
                AND (cur ->> 'h')::integer = coalesce((e ->> 'eh')::integer, 0)
                AND (cur ->> 'r') IS NOT DISTINCT FROM (e ->> 'er')) THEN
            SELECT p.last_name, p.first_name, p.middle_name INTO st
              FROM student s JOIN person p ON p.id = s.person_id WHERE s.id = sid;
            RETURN jsonb_build_object('status', 'conflict', 'row', sid, 'current', ej_save_cells_named(cur),
                                      'student', jsonb_build_object('last', st.last_name, 'first', st.first_name,
                                                                    'middle', st.middle_name),
                                      'hours', ctx.hours, 'held_on', to_char(ctx.held_on, 'YYYY-MM-DD'));
        END IF;
        befores := befores || jsonb_build_object(sid::text, cur);
    END LOOP;

    -- The writes, as services/journal_cells._write_cell does them (the audit trigger logs each row).
    FOR e IN SELECT * FROM jsonb_array_elements(p_edits) LOOP
        sid := (e ->> 's')::integer;
        cur := befores -> sid::text;
        wanted := ARRAY(SELECT jsonb_array_elements_text(coalesce(e -> 'm', '[]'::jsonb)));
        cur_marks := ARRAY(SELECT jsonb_array_elements_text(cur -> 'm'));
        written := false;
        FOR slot_no IN 1..2 LOOP
            before_value := cur_marks[slot_no];
            after_value := wanted[slot_no];
            CONTINUE WHEN before_value IS NOT DISTINCT FROM after_value;
            written := true;
            IF after_value IS NULL THEN
                DELETE FROM mark WHERE lesson_id = p_lesson_id AND student_id = sid AND slot = slot_no;
            ELSIF before_value IS NULL THEN
                INSERT INTO mark (lesson_id, student_id, slot, value, updated_by, updated_at, version)
                VALUES (p_lesson_id, sid, slot_no, after_value, me_person, now_utc, 1);
            ELSE
                UPDATE mark SET value = after_value, updated_by = me_person, updated_at = now_utc,
                                version = version + 1
                 WHERE lesson_id = p_lesson_id AND student_id = sid AND slot = slot_no;
            END IF;
        END LOOP;
        excuse_reason := NULL;
        wants := (e ->> 'h')::integer > 0 OR coalesce((e ->> 'l')::boolean, false);
        IF cur ->> 'a' IS NOT NULL AND NOT wants THEN
            DELETE FROM attendance WHERE lesson_id = p_lesson_id AND student_id = sid;
            written := true;
        ELSIF wants AND cur ->> 'a' IS NULL THEN
            -- A document (справка) covering the day makes a new absence excused from the start.
            SELECT x.reason INTO excuse_reason FROM excuse x
             WHERE x.student_id = sid AND x.from_date <= ctx.held_on AND x.to_date >= ctx.held_on
             ORDER BY x.from_date DESC, x.id DESC LIMIT 1;
            written := true;
            INSERT INTO attendance (lesson_id, student_id, absent_hours, reason, late, updated_by, updated_at, version)
            VALUES (p_lesson_id, sid, (e ->> 'h')::integer, coalesce(excuse_reason, 'unexcused'),
                    coalesce((e ->> 'l')::boolean, false), me_person, now_utc, 1);
        ELSIF wants AND ((cur ->> 'h')::integer <> (e ->> 'h')::integer
                         OR (cur ->> 'l')::boolean <> coalesce((e ->> 'l')::boolean, false)) THEN
            UPDATE attendance SET absent_hours = (e ->> 'h')::integer, late = coalesce((e ->> 'l')::boolean, false),
                                  updated_by = me_person, updated_at = now_utc, version = version + 1
             WHERE lesson_id = p_lesson_id AND student_id = sid;
            written := true;
        END IF;
        IF NOT written THEN  -- nothing changed: the cell stays as it was, with who set it
            cur := ej_save_cells_named(cur);
        END IF;
        cells := cells || jsonb_build_array(jsonb_build_object('s', sid, 'current', cur, 'excuse', excuse_reason));
    END LOOP;
    RETURN jsonb_build_object('status', 'ok', 'cells', cells);
END
$$;

REVOKE ALL ON FUNCTION ej_belongs_on(integer, integer, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ej_belongs_on(integer, integer, date) TO ej_teacher;
REVOKE ALL ON FUNCTION ej_save_cells(integer, jsonb, text, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ej_save_cells(integer, jsonb, text, date) TO ej_teacher;
REVOKE ALL ON FUNCTION ej_save_cells_named(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ej_save_cells_named(jsonb) TO ej_teacher;

-- The movements these functions and the journal read for a teacher are opened by the policy
-- read_contingent ON student_movement (step 3).

-- A mark's and an absence's assignment is their lesson's: the trigger that sets it on every insert
-- (the functions above insert without it) is made by migration 0007, with the column.
