-- Messages leaving the system (live pushes, SMS, e-mail), written in the same transaction as
-- the change that causes them and delivered after commit, at least once.
CREATE TABLE outbox_message (
    id {{pk}},
    idempotency_key TEXT NOT NULL UNIQUE,
    channel TEXT NOT NULL CHECK (channel IN ('push', 'sms', 'email')),
    recipient TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    delivered_at TEXT,
    last_error TEXT
);
CREATE INDEX outbox_message_pending_idx ON outbox_message (delivered_at, next_attempt_at);
