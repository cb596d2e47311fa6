-- ЭЖ server, step 11: e-mail notifications to parents (issue 8, item 5). Run as ej_owner, after the
-- policies of step 3 (which drop every policy), the grants of step 7 (which revoke every table) and
-- step 9 (which lets the admin read notification_log): a re-run converges. Follows
-- services/notifications.py.
--
-- notification_subscription: a parent reads and writes their own row only (a parent for themselves);
-- the admin reads and writes anyone's. Nobody else sees a subscription.
-- notification_log: `ejournal notify send` runs as an admin's login (it reads every subscribed
-- parent's children's marks and absences, which admin reads anyway). Before mailing it claims each
-- event with a row (status 'sending'), and afterwards sets 'sent' or 'failed'; the admin may insert and
-- update rows, never delete them, so no login can make an event be mailed twice by erasing its row.

CREATE POLICY own ON notification_subscription FOR ALL TO ej_parent
    USING (person_id = (SELECT ej_my_person_id()) AND (SELECT ej_has_role('parent')))
    WITH CHECK (person_id = (SELECT ej_my_person_id()) AND (SELECT ej_has_role('parent')));
CREATE POLICY admin_all ON notification_subscription FOR ALL TO ej_admin
    USING ((SELECT ej_has_role('admin'))) WITH CHECK ((SELECT ej_has_role('admin')));

CREATE POLICY admin_insert ON notification_log FOR INSERT TO ej_admin WITH CHECK ((SELECT ej_has_role('admin')));
CREATE POLICY admin_update ON notification_log FOR UPDATE TO ej_admin
    USING ((SELECT ej_has_role('admin'))) WITH CHECK ((SELECT ej_has_role('admin')));

GRANT SELECT, INSERT, UPDATE, DELETE ON notification_subscription TO ej_admin, ej_parent;
GRANT INSERT, UPDATE (status, detail, sent_at, address) ON notification_log TO ej_admin;
