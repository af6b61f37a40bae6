-- The audit trail is append-only: no update ever, and no deletion of rows younger than 180 days.
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'audit_entry is append-only');
END;

CREATE TRIGGER audit_entry_no_early_delete BEFORE DELETE ON audit_entry
WHEN OLD.at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-180 days')
BEGIN
    SELECT RAISE(ABORT, 'audit_entry rows younger than 180 days cannot be purged');
END;
