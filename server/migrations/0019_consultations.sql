-- Consultations (咨询): a question asked from a page (a policy, a news item, a project, …) or in
-- general, routed to the unit that answers it, with a deadline on the working calendar and the
-- same reminder, overdue and escalation ladder as intents. The context is kept as it was when
-- asked (type, id, version, title), so that a later edit of the page does not change it.
CREATE TABLE consultation (
    id {{pk}},
    question TEXT NOT NULL,
    context_type TEXT NOT NULL CHECK (context_type IN ('policy', 'news', 'regulation', 'cost_table',
                                                       'directory_entry', 'lounge_page', 'park',
                                                       'project', 'general')),
    context_id BIGINT,
    context_version INTEGER,
    context_title TEXT,
    asked_by BIGINT NOT NULL REFERENCES user_account (id),
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    -- how the unit was found: context (the page's unit), routing (intake's routing of the
    -- text), bureau (nothing matched), transfer
    routed_by TEXT NOT NULL CHECK (routed_by IN ('context', 'routing', 'bureau', 'transfer')),
    routed_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'answered')),
    due_at TEXT NOT NULL,
    reminded_at TEXT,
    overdue_since TEXT,
    escalation_level INTEGER NOT NULL DEFAULT 0,
    answer TEXT,
    answered_by BIGINT REFERENCES user_account (id),
    answered_by_name TEXT,
    answered_at TEXT,
    answered_on_time INTEGER,
    -- the FAQ document published from it (documents, migration 0015)
    faq_document_id BIGINT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX consultation_unit_idx ON consultation (unit_id, status);
CREATE INDEX consultation_asked_by_idx ON consultation (asked_by);
CREATE INDEX consultation_due_idx ON consultation (status, due_at);

-- What happened to a consultation, in order: asked, routed, reminded, overdue, escalated,
-- transferred, answered, published.
CREATE TABLE consultation_event (
    id {{pk}},
    consultation_id BIGINT NOT NULL REFERENCES consultation (id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    actor_name TEXT,  -- the audit trail names the account
    unit_id BIGINT REFERENCES unit (id),
    text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consultation_event_idx ON consultation_event (consultation_id, id);
