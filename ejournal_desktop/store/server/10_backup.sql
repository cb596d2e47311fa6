-- ЭЖ server, step 10: the history of backup copies (issue 7). Run as ej_owner, after the grants.
--
-- A copy is made by the admin's own login (`pg_dump --role=ej_backup`) or, unattended, by a login that
-- is only a member of ej_backup (db/README.md: `ej_dump`). ej_backup reads and never writes, yet the
-- scheduled copy must land in backup_record, or the admin's reminder would nag about copies that exist.
-- This one function writes exactly one history row, with made_by = session_user (no client can forge
-- it); it is the only write ej_backup can do.

CREATE OR REPLACE FUNCTION ej_record_backup(
    p_made_at timestamp, p_path text, p_size bigint, p_sha256 text, p_kind text, p_backend text,
    p_database text, p_schema_revision text, p_verified boolean, p_error text
) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    new_id integer;
BEGIN
    IF NOT (pg_has_role(session_user, 'ej_backup', 'MEMBER') OR pg_has_role(session_user, 'ej_admin', 'MEMBER')) THEN
        RAISE EXCEPTION 'Записывать резервные копии может только администратор ЭЖ или роль копирования'
            USING ERRCODE = '42501';
    END IF;
    INSERT INTO backup_record (made_at, made_by, path, size_bytes, sha256, verified_at, kind, backend, database,
                               schema_revision, verified, error)
    VALUES (coalesce(p_made_at, now() AT TIME ZONE 'UTC'), session_user, left(p_path, 1000), coalesce(p_size, 0),
            coalesce(p_sha256, ''), CASE WHEN p_verified THEN coalesce(p_made_at, now() AT TIME ZONE 'UTC') END,
            p_kind, coalesce(p_backend, ''), left(coalesce(p_database, ''), 255), p_schema_revision,
            coalesce(p_verified, false), p_error)
    RETURNING id INTO new_id;
    RETURN new_id;
END
$$;

REVOKE ALL ON FUNCTION ej_record_backup(timestamp, text, bigint, text, text, text, text, text, boolean, text)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ej_record_backup(timestamp, text, bigint, text, text, text, text, text, boolean, text)
    TO ej_admin, ej_backup;
