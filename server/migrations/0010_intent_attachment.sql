-- Files an investor attaches to an intent (PDF or images, type checked by content). The content
-- is kept as base64 text so that both engines store and return it through the same text
-- parameters.
CREATE TABLE intent_attachment (
    id {{pk}},
    intent_id BIGINT NOT NULL REFERENCES intent (id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    content_base64 TEXT NOT NULL,
    uploaded_by BIGINT NOT NULL REFERENCES user_account (id),
    created_at TEXT NOT NULL
);
CREATE INDEX intent_attachment_intent_idx ON intent_attachment (intent_id);
