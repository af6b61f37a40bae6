-- Published information (A04, A11–A13, A16–A18): policies, news, enterprise fee regulations,
-- investment cost tables, service directory entries, international lounge pages and FAQs, in
-- one table so that the portal, search and consultation name them the same way. A unit
-- publishes in its own region (a unit code; the city's for city-wide documents). body_html is
-- sanitised against an allow-list before it is stored. `details` holds the type's own fields
-- as JSON (a directory entry's address and phone, a cost table's rows, a lounge page's economy
-- and desk, an FAQ's context).
CREATE TABLE documents (
    id {{pk}},
    type TEXT NOT NULL CHECK (type IN ('policy', 'news', 'regulation', 'cost_table',
                                       'directory_entry', 'lounge_page', 'faq')),
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    region TEXT NOT NULL,
    dimension TEXT CHECK (dimension IS NULL OR dimension IN ('investment_policy',
                                                             'investment_cost', 'talent')),
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    body_html TEXT NOT NULL DEFAULT '',
    title_en TEXT,
    summary_en TEXT,
    body_html_en TEXT,
    issued_on TEXT,
    effective_on TEXT,
    expires_on TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'pending_review', 'published', 'expired',
                                           'withdrawn')),
    version INTEGER NOT NULL DEFAULT 1,
    details TEXT NOT NULL DEFAULT '{}',
    -- an FAQ's page (also in details): what the consultation it came from was asked on
    context_type TEXT,
    context_id BIGINT,
    -- demo content loaded with --demo: figures and entries are illustrative
    illustrative INTEGER NOT NULL DEFAULT 0,
    created_by BIGINT NOT NULL REFERENCES user_account (id),
    created_at TEXT NOT NULL,
    updated_by BIGINT NOT NULL REFERENCES user_account (id),
    updated_at TEXT NOT NULL,
    published_at TEXT,
    published_by BIGINT REFERENCES user_account (id)
);
CREATE INDEX documents_type_status_idx ON documents (type, status);
CREATE INDEX documents_unit_idx ON documents (unit_id);
CREATE INDEX documents_region_idx ON documents (region);
CREATE INDEX documents_expiry_idx ON documents (status, expires_on);
CREATE INDEX documents_context_idx ON documents (context_type, context_id);

-- The chain codes a document concerns (the industry filter of lists and search).
CREATE TABLE document_industries (
    document_id BIGINT NOT NULL REFERENCES documents (id),
    industry_code TEXT NOT NULL REFERENCES industry (code),
    PRIMARY KEY (document_id, industry_code)
);
CREATE INDEX document_industries_code_idx ON document_industries (industry_code);

-- Each edit keeps the version it replaces, whole, as JSON (the same fields as the public
-- document), with who wrote it and when.
CREATE TABLE document_versions (
    document_id BIGINT NOT NULL REFERENCES documents (id),
    version INTEGER NOT NULL,
    snapshot TEXT NOT NULL,
    written_by BIGINT NOT NULL REFERENCES user_account (id),
    written_at TEXT NOT NULL,
    PRIMARY KEY (document_id, version)
);

-- Files attached to a document, checked and stored like an intent's.
CREATE TABLE document_attachments (
    id {{pk}},
    document_id BIGINT NOT NULL REFERENCES documents (id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    content_base64 TEXT NOT NULL,
    uploaded_by BIGINT NOT NULL REFERENCES user_account (id),
    created_at TEXT NOT NULL
);
CREATE INDEX document_attachments_document_idx ON document_attachments (document_id);
