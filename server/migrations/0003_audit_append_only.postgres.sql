-- The audit trail is append-only: no update ever, and no deletion of rows younger than 180 days.
CREATE FUNCTION audit_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'audit_entry is append-only';
    END IF;
    IF OLD.at > to_char((now() AT TIME ZONE 'UTC') - interval '180 days',
                        'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') THEN
        RAISE EXCEPTION 'audit_entry rows younger than 180 days cannot be purged';
    END IF;
    RETURN OLD;
END;
$$;

CREATE TRIGGER audit_entry_guard BEFORE UPDATE OR DELETE ON audit_entry
FOR EACH ROW EXECUTE FUNCTION audit_entry_guard();
