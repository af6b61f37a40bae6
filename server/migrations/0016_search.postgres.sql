-- Full-text search (A14). One entry per published document or key project, with its analysed
-- tokens (see server/src/search/analyzer.hpp: CJK bigrams, whole words, folded Latin words,
-- separated by spaces) and the filters search offers. This file and 0016_search.sqlite.sql
-- differ only in the full-text index: a tsvector column here, an FTS5 table there.
CREATE TABLE search_entries (
    id {{pk}},
    source TEXT NOT NULL CHECK (source IN ('document', 'project')),
    source_id BIGINT NOT NULL,
    type TEXT NOT NULL,
    title TEXT NOT NULL,
    -- plain text for snippets; a confidential project's masked fields are never stored here
    body TEXT NOT NULL,
    title_tokens TEXT NOT NULL,
    body_tokens TEXT NOT NULL,
    region TEXT,
    dimension TEXT,
    unit_id BIGINT,
    effective_on TEXT,
    expires_on TEXT,
    source_updated_at TEXT NOT NULL,
    -- 'simple' keeps each token as it is (tokens are already folded); title weight A, body B
    tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title_tokens), 'A') ||
        setweight(to_tsvector('simple', body_tokens), 'B')) STORED,
    UNIQUE (source, source_id)
);
CREATE INDEX search_entries_type_idx ON search_entries (type);
CREATE INDEX search_entries_tsv_idx ON search_entries USING GIN (tsv);

CREATE TABLE search_entry_industries (
    entry_id BIGINT NOT NULL REFERENCES search_entries (id),
    industry_code TEXT NOT NULL,
    PRIMARY KEY (entry_id, industry_code)
);
CREATE INDEX search_entry_industries_code_idx ON search_entry_industries (industry_code);
