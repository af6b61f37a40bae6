-- The full key-project record: confidentiality, negotiation notes, the site video, the rating
-- light last swept, merges, contacts, procedures, investor accounts, sources and attachments.
ALTER TABLE project ADD COLUMN confidential INTEGER NOT NULL DEFAULT 0;
-- Negotiation notes: confidential like the amounts on a confidential project.
ALTER TABLE project ADD COLUMN notes TEXT;
ALTER TABLE project ADD COLUMN site_video_url TEXT;
-- The light the last sweep found (green, yellow, red), so that turning red is noticed once.
ALTER TABLE project ADD COLUMN swept_light TEXT;
-- A duplicate merged into the surviving project drops out of lists.
ALTER TABLE project ADD COLUMN merged_into BIGINT REFERENCES project (id);

-- The first planned date of a stage: a planned start moved later slips from it.
ALTER TABLE stage_history ADD COLUMN first_planned_on TEXT;
UPDATE stage_history SET first_planned_on = planned_on;

CREATE TABLE project_contact (
    id {{pk}},
    project_id BIGINT NOT NULL REFERENCES project (id),
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    phone TEXT,
    email TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX project_contact_project_idx ON project_contact (project_id, id);

-- Approval procedures of a project, one line per procedure type.
CREATE TABLE project_procedure (
    project_id BIGINT NOT NULL REFERENCES project (id),
    procedure_code TEXT NOT NULL REFERENCES procedure_type (code),
    status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'approved', 'rejected')),
    applied_on TEXT,
    approved_on TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (project_id, procedure_code)
);

-- Investor accounts the bureau provisions for a key project: they see that project's progress.
CREATE TABLE project_investor (
    project_id BIGINT NOT NULL REFERENCES project (id),
    user_id BIGINT NOT NULL REFERENCES user_account (id),
    created_by BIGINT NOT NULL REFERENCES user_account (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_investor_user_idx ON project_investor (user_id);

-- Every source a project came from, kept when duplicates merge: the first is credited.
CREATE TABLE project_source (
    id {{pk}},
    project_id BIGINT NOT NULL REFERENCES project (id),
    source TEXT NOT NULL CHECK (source IN ('meeting', 'event', 'intent', 'agency', 'unit')),
    source_id BIGINT,
    registered_at TEXT NOT NULL
);
CREATE INDEX project_source_project_idx ON project_source (project_id, registered_at);
INSERT INTO project_source (project_id, source, source_id, registered_at)
SELECT id, source, COALESCE(meeting_id, event_id, intent_id), created_at FROM project;

-- Files attached to a project, checked and stored like an intent's.
CREATE TABLE project_attachment (
    id {{pk}},
    project_id BIGINT NOT NULL REFERENCES project (id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    content_base64 TEXT NOT NULL,
    uploaded_by BIGINT NOT NULL REFERENCES user_account (id),
    created_at TEXT NOT NULL
);
CREATE INDEX project_attachment_project_idx ON project_attachment (project_id);
