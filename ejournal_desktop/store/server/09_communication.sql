-- ЭЖ server, step 9: the board, messages, the portfolio, diary visits (issue 8). Run as ej_owner,
-- after the policies of step 3 (which drop every policy) and the grants of step 7 (which revoke every
-- table and ej_* function): this file creates its policies and grants its privileges again, so a
-- re-run converges. Follows services/messages.py, board.py, portfolio.py and domain/permissions.py.
--
-- Who may start a conversation with whom (the permission matrix of the issue; both directions):
--   administration (admin, deputy)  ↔ everyone with an active account;
--   teacher                         ↔ the students of the groups they teach or curate and their parents;
--   staff (teacher, secretary)      ↔ staff (the staff room);
--   student / parent                ↔ the teachers of their (children's) group and its curator.
-- Conversations are created only through ej_start_conversation() (no INSERT grant on conversation or
-- conversation_member), which checks every member against ej_contact_person_ids(). Only members read
-- a conversation, its members, messages and attachments; a member writes messages as themselves.
-- A new message sends NOTIFY ej_message with the conversation id only: a hint to re-query under RLS.

-- The conversations of the login.
CREATE OR REPLACE FUNCTION ej_my_conversation_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN QUERY SELECT cm.conversation_id FROM conversation_member cm WHERE cm.person_id = ej_my_person_id();
END
$$;

-- The other members of those conversations: their names are readable (person policy below).
CREATE OR REPLACE FUNCTION ej_conversation_peer_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me integer := ej_my_person_id();
BEGIN
    RETURN QUERY SELECT DISTINCT other.person_id
                 FROM conversation_member mine JOIN conversation_member other
                      ON other.conversation_id = mine.conversation_id
                 WHERE mine.person_id = me;
END
$$;

-- Whom the login may start a conversation with (see the head of this file).
CREATE OR REPLACE FUNCTION ej_contact_person_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me record := ej_me();
    taught integer[];
    diary_groups integer[];
BEGIN
    IF me.person_id IS NULL THEN
        RETURN;
    END IF;
    taught := ARRAY(SELECT ej_contingent_group_ids());
    diary_groups := ARRAY(SELECT ej_diary_group_ids());
    RETURN QUERY
        WITH active AS (
            SELECT a.person_id, a.role FROM account a WHERE a.is_active
            UNION
            SELECT a.person_id, ar.role FROM account a JOIN account_role ar ON ar.account_id = a.id WHERE a.is_active
        ), candidate AS (
            SELECT x.person_id FROM active x WHERE me.roles && ARRAY['admin', 'deputy']
            UNION
            SELECT x.person_id FROM active x WHERE x.role IN ('admin', 'deputy')
            UNION
            SELECT x.person_id FROM active x
            WHERE x.role IN ('admin', 'deputy', 'secretary', 'teacher') AND me.roles && ARRAY['teacher', 'secretary']
            UNION
            SELECT s.person_id FROM student s WHERE s.group_id = ANY(taught) AND s.status = 'studying'
            UNION
            SELECT g.guardian_id FROM guardian_link g JOIN student s ON s.id = g.student_id
            WHERE s.group_id = ANY(taught) AND s.status = 'studying'
            UNION
            SELECT t.teacher_id FROM teaching_assignment t WHERE t.group_id = ANY(diary_groups)
            UNION
            SELECT sg.curator_id FROM study_group sg WHERE sg.id = ANY(diary_groups) AND sg.curator_id IS NOT NULL
        )
        SELECT c.person_id FROM candidate c
        WHERE c.person_id <> me.person_id AND EXISTS (SELECT 1 FROM active x WHERE x.person_id = c.person_id);
END
$$;

-- The new-conversation picker: the contacts with their names and a line about who they are.
CREATE OR REPLACE FUNCTION ej_my_contacts()
RETURNS TABLE (person_id integer, last_name text, first_name text, middle_name text, detail text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN QUERY
        SELECT p.id, p.last_name::text, p.first_name::text, p.middle_name::text,
               CASE
                   WHEN st.group_name IS NOT NULL THEN 'обучающийся, группа ' || st.group_name
                   WHEN ch.children IS NOT NULL THEN 'родитель: ' || ch.children
                   ELSE coalesce(nullif(p.position, ''), 'сотрудник')
               END::text
        FROM person p
        LEFT JOIN LATERAL (SELECT sg.name::text AS group_name FROM student s JOIN study_group sg ON sg.id = s.group_id
                           WHERE s.person_id = p.id ORDER BY s.id LIMIT 1) st ON true
        LEFT JOIN LATERAL (SELECT string_agg(c.last_name || ' ' || left(c.first_name, 1) || '. (' || sg.name || ')',
                                             ', ' ORDER BY c.last_name, c.first_name) AS children
                           FROM guardian_link gl JOIN student s ON s.id = gl.student_id
                           JOIN person c ON c.id = s.person_id JOIN study_group sg ON sg.id = s.group_id
                           WHERE gl.guardian_id = p.id) ch ON true
        WHERE p.id = ANY(ARRAY(SELECT ej_contact_person_ids()));
END
$$;

-- Board audiences: the groups whose «group» notices reach the login (own group as a student, the
-- groups taught or curated as a teacher) and whose «parents of the group» notices do (the children's
-- groups as a parent, the groups taught or curated as a teacher).
CREATE OR REPLACE FUNCTION ej_board_group_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me record := ej_me();
BEGIN
    RETURN QUERY
        SELECT s.group_id FROM student s WHERE s.person_id = me.person_id AND 'student' = ANY(me.roles)
        UNION
        SELECT ej_contingent_group_ids();
END
$$;

CREATE OR REPLACE FUNCTION ej_board_parent_group_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me record := ej_me();
BEGIN
    RETURN QUERY
        SELECT s.group_id FROM guardian_link g JOIN student s ON s.id = g.student_id
        WHERE g.guardian_id = me.person_id AND 'parent' = ANY(me.roles)
        UNION
        SELECT ej_contingent_group_ids();
END
$$;

-- Starting a conversation: the only way to create one (and its members) on the server.
CREATE OR REPLACE FUNCTION ej_start_conversation(p_title text, p_members integer[]) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me record := ej_me();
    others integer[];
    conv integer;
    title text := nullif(btrim(coalesce(p_title, '')), '');
    moment timestamp := now() AT TIME ZONE 'UTC';
BEGIN
    IF me.person_id IS NULL OR cardinality(me.roles) = 0 THEN
        RAISE EXCEPTION 'Недостаточно прав: сообщения' USING ERRCODE = 'insufficient_privilege';
    END IF;
    others := ARRAY(SELECT DISTINCT x FROM unnest(p_members) x WHERE x IS NOT NULL AND x <> me.person_id ORDER BY x);
    IF cardinality(others) = 0 THEN
        RAISE EXCEPTION 'Выберите хотя бы одного собеседника' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF length(title) > 200 THEN
        RAISE EXCEPTION 'Тема беседы длиннее 200 знаков' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT others <@ ARRAY(SELECT ej_contact_person_ids()) THEN
        RAISE EXCEPTION 'Недостаточно прав: начать беседу с этим человеком нельзя' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF cardinality(others) = 1 AND title IS NULL THEN
        SELECT c.id INTO conv FROM conversation c
        JOIN conversation_member a ON a.conversation_id = c.id AND a.person_id = me.person_id
        JOIN conversation_member b ON b.conversation_id = c.id AND b.person_id = others[1]
        WHERE c.kind = 'direct' ORDER BY c.id LIMIT 1;
        IF conv IS NOT NULL THEN
            RETURN conv;
        END IF;
    END IF;
    INSERT INTO conversation (kind, title, created_by, created_at)
    VALUES (CASE WHEN cardinality(others) = 1 AND title IS NULL THEN 'direct' ELSE 'group' END, title, me.person_id,
            moment)
    RETURNING id INTO conv;
    INSERT INTO conversation_member (conversation_id, person_id, joined_at, last_read_at)
    SELECT conv, x, moment, NULL FROM unnest(others || me.person_id) x;
    RETURN conv;
END
$$;

-- A message gets the server's time (no client can date it back) and wakes the open clients.
CREATE OR REPLACE FUNCTION ej_message_stamp() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT ej_bulk_mode() AND ej_my_person_id() IS NOT NULL THEN
        NEW.sent_at := clock_timestamp() AT TIME ZONE 'UTC';
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION ej_notify_message() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT ej_bulk_mode() THEN
        PERFORM pg_notify('ej_message', NEW.conversation_id::text);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER ej_message_stamp BEFORE INSERT ON message
    FOR EACH ROW EXECUTE FUNCTION ej_message_stamp();
CREATE OR REPLACE TRIGGER ej_notify AFTER INSERT ON message
    FOR EACH ROW EXECUTE FUNCTION ej_notify_message();

-- The attachment limit of the admin (app_setting attachment_max_bytes, default 5 MB), also for a
-- client that bypasses the program; the size column is the content's real size.
CREATE OR REPLACE FUNCTION ej_attachment_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    limit_bytes bigint;
BEGIN
    NEW.size := octet_length(NEW.content);
    IF ej_bulk_mode() THEN
        RETURN NEW;
    END IF;
    SELECT CASE WHEN s.value ~ '^[0-9]{1,12}$' THEN s.value::bigint END INTO limit_bytes
    FROM app_setting s WHERE s.key = 'attachment_max_bytes';
    IF NEW.size > coalesce(limit_bytes, 5 * 1024 * 1024) THEN
        RAISE EXCEPTION 'Файл «%» больше допустимого размера вложения', NEW.name
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER ej_attachment_guard BEFORE INSERT OR UPDATE ON attachment
    FOR EACH ROW EXECUTE FUNCTION ej_attachment_guard();

-- --- policies ------------------------------------------------------------------------------------

CREATE POLICY read ON conversation FOR SELECT
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent
    USING (id = ANY(ARRAY(SELECT ej_my_conversation_ids())));

CREATE POLICY read ON conversation_member FOR SELECT
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent
    USING (conversation_id = ANY(ARRAY(SELECT ej_my_conversation_ids())));
CREATE POLICY own_read_mark ON conversation_member FOR UPDATE
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent
    USING (person_id = (SELECT ej_my_person_id())) WITH CHECK (person_id = (SELECT ej_my_person_id()));

CREATE POLICY read ON message FOR SELECT
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent
    USING (conversation_id = ANY(ARRAY(SELECT ej_my_conversation_ids())));
CREATE POLICY member_insert ON message FOR INSERT
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent
    WITH CHECK (sender_id = (SELECT ej_my_person_id())
                AND conversation_id = ANY(ARRAY(SELECT ej_my_conversation_ids())));

CREATE POLICY read ON attachment FOR SELECT
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent
    USING (message_id IN (SELECT m.id FROM message m
                          WHERE m.conversation_id = ANY(ARRAY(SELECT ej_my_conversation_ids()))));
CREATE POLICY sender_insert ON attachment FOR INSERT
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent
    WITH CHECK (message_id IN (SELECT m.id FROM message m WHERE m.sender_id = (SELECT ej_my_person_id())));

-- The names of the other members of one's conversations (a teacher and a parent of a group they
-- only teach, a student and the deputy …): one more permissive policy beside the person policy of step 3.
-- A set, not an array: a row the other person policies refuse is looked up in a hash, not compared
-- with every peer (a journal's student list walks thousands of persons).
CREATE POLICY conversation_peers ON person FOR SELECT TO ej_teacher, ej_student, ej_parent
    USING (id IN (SELECT ej_conversation_peer_ids()));

-- The board: admin and deputy read every notice (moderation); the author reads their own; everyone
-- else what is addressed to them, between the publish and the expiry date.
CREATE POLICY read ON announcement FOR SELECT
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent
    USING ((SELECT ej_reads_all_journals())
           OR author_id = (SELECT ej_my_person_id())
           OR (publish_on <= current_date AND (expires_on IS NULL OR expires_on >= current_date)
               AND (audience = 'everyone'
                    OR (audience = 'role' AND ARRAY[target_role::text] <@ (SELECT ej_my_roles()))
                    OR (audience = 'group' AND target_group_id = ANY(ARRAY(SELECT ej_board_group_ids())))
                    OR (audience = 'group_parents'
                        AND target_group_id = ANY(ARRAY(SELECT ej_board_parent_group_ids()))))));
-- board.publish: admin, deputy, secretary to anyone; a teacher to the groups they teach or curate.
CREATE POLICY publish ON announcement FOR INSERT TO ej_admin, ej_deputy, ej_secretary, ej_teacher
    WITH CHECK (author_id = (SELECT ej_my_person_id())
                AND ((SELECT ej_my_roles()) && ARRAY['admin', 'deputy', 'secretary']
                     OR (audience IN ('group', 'group_parents')
                         AND target_group_id = ANY(ARRAY(SELECT ej_contingent_group_ids())))));
CREATE POLICY author_update ON announcement FOR UPDATE TO ej_admin, ej_deputy, ej_secretary, ej_teacher
    USING (author_id = (SELECT ej_my_person_id()) OR (SELECT ej_has_role('admin')))
    WITH CHECK (author_id = (SELECT ej_my_person_id()) OR (SELECT ej_has_role('admin')));
CREATE POLICY author_delete ON announcement FOR DELETE TO ej_admin, ej_deputy, ej_secretary, ej_teacher
    USING (author_id = (SELECT ej_my_person_id()) OR (SELECT ej_has_role('admin')));

CREATE POLICY own ON announcement_read FOR ALL
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent
    USING (person_id = (SELECT ej_my_person_id())) WITH CHECK (person_id = (SELECT ej_my_person_id()));

CREATE POLICY own ON diary_visit FOR ALL
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent
    USING (person_id = (SELECT ej_my_person_id()))
    WITH CHECK (person_id = (SELECT ej_my_person_id()) AND student_id = ANY(ARRAY(SELECT ej_diary_student_ids())));

-- The portfolio: the student their own, a parent the children's, a teacher the groups taught or
-- curated, admin/deputy/secretary all. Written by the student (unconfirmed items only) and the
-- curator; confirmed by the curator or the deputy.
CREATE POLICY read ON portfolio_item FOR SELECT
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent
    USING ((SELECT ej_reads_all_contingent())
           OR student_id = ANY(ARRAY(SELECT ej_diary_student_ids()))
           OR student_id IN (SELECT s.id FROM student s WHERE s.group_id = ANY(ARRAY(SELECT ej_contingent_group_ids()))));
CREATE POLICY student_insert ON portfolio_item FOR INSERT TO ej_student
    WITH CHECK (student_id = ANY(ARRAY(SELECT ej_my_student_ids())) AND confirmed_by IS NULL
                AND created_by = (SELECT ej_my_person_id()));
CREATE POLICY student_update ON portfolio_item FOR UPDATE TO ej_student
    USING (student_id = ANY(ARRAY(SELECT ej_my_student_ids())) AND confirmed_by IS NULL)
    WITH CHECK (student_id = ANY(ARRAY(SELECT ej_my_student_ids())) AND confirmed_by IS NULL);
CREATE POLICY student_delete ON portfolio_item FOR DELETE TO ej_student
    USING (student_id = ANY(ARRAY(SELECT ej_my_student_ids())) AND confirmed_by IS NULL);
CREATE POLICY curator_insert ON portfolio_item FOR INSERT TO ej_teacher
    WITH CHECK (student_id = ANY(ARRAY(SELECT ej_curated_student_ids())) AND created_by = (SELECT ej_my_person_id()));
CREATE POLICY curator_update ON portfolio_item FOR UPDATE TO ej_teacher
    USING (student_id = ANY(ARRAY(SELECT ej_curated_student_ids())))
    WITH CHECK (student_id = ANY(ARRAY(SELECT ej_curated_student_ids())));
CREATE POLICY curator_delete ON portfolio_item FOR DELETE TO ej_teacher
    USING (student_id = ANY(ARRAY(SELECT ej_curated_student_ids())));
CREATE POLICY deputy_confirm ON portfolio_item FOR UPDATE TO ej_deputy
    USING ((SELECT ej_has_role('deputy'))) WITH CHECK ((SELECT ej_has_role('deputy')));

CREATE POLICY admin_read ON notification_log FOR SELECT TO ej_admin USING ((SELECT ej_has_role('admin')));

-- --- grants --------------------------------------------------------------------------------------

GRANT SELECT ON conversation, conversation_member, message, attachment, announcement, announcement_read,
    portfolio_item, diary_visit
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent;
GRANT INSERT (conversation_id, sender_id, body, search_body, sent_at) ON message
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent;
GRANT INSERT (message_id, name, mime, size, content) ON attachment
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent;
GRANT UPDATE (last_read_at) ON conversation_member
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent;
GRANT INSERT, UPDATE, DELETE ON announcement TO ej_admin, ej_deputy, ej_secretary, ej_teacher;
GRANT INSERT, DELETE ON announcement_read TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent;
GRANT INSERT, UPDATE, DELETE ON diary_visit TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent;
GRANT INSERT, UPDATE, DELETE ON portfolio_item TO ej_teacher, ej_student;
GRANT UPDATE (confirmed_by, confirmed_at) ON portfolio_item TO ej_deputy;
GRANT SELECT ON notification_log TO ej_admin;
-- Students and parents write messages and portfolio items: new ids (step 7 gives sequences to staff only).
GRANT USAGE, SELECT ON SEQUENCE message_id_seq, attachment_id_seq, portfolio_item_id_seq TO ej_student, ej_parent;

REVOKE ALL ON FUNCTION ej_my_conversation_ids(), ej_conversation_peer_ids(), ej_contact_person_ids(),
    ej_my_contacts(), ej_board_group_ids(), ej_board_parent_group_ids(), ej_start_conversation(text, integer[]),
    ej_message_stamp(), ej_notify_message(), ej_attachment_guard()
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ej_my_conversation_ids(), ej_conversation_peer_ids(), ej_contact_person_ids(),
    ej_my_contacts(), ej_board_group_ids(), ej_board_parent_group_ids(), ej_start_conversation(text, integer[])
    TO ej_admin, ej_deputy, ej_secretary, ej_teacher, ej_student, ej_parent;
