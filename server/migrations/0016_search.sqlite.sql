-- Full-text search (A14). One entry per published document or key project, with its analysed
-- tokens (see server/src/search/analyzer.hpp: CJK bigrams, whole words, folded Latin words,
-- separated by spaces) and the filters search offers. This file and 0016_search.postgres.sql
-- differ only in the full-text index: an FTS5 table here, a tsvector column there.
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
    UNIQUE (source, source_id)
);
CREATE INDEX search_entries_type_idx ON search_entries (type);

CREATE TABLE search_entry_industries (
    entry_id BIGINT NOT NULL REFERENCES search_entries (id),
    industry_code TEXT NOT NULL,
    PRIMARY KEY (entry_id, industry_code)
);
CREATE INDEX search_entry_industries_code_idx ON search_entry_industries (industry_code);

-- The tokens contain letters and digits only and are separated by spaces, so unicode61 (without
-- diacritic removal) keeps every token intact. External content: the tokens live once, in
-- search_entries, and the triggers keep the index in step.
CREATE VIRTUAL TABLE search_fts USING fts5(
    title_tokens, body_tokens, content = 'search_entries', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0');
-- bm25 with the title weighted four times the body.
INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');

CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN
    INSERT INTO search_fts (rowid, title_tokens, body_tokens)
    VALUES (new.id, new.title_tokens, new.body_tokens);
END;
CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_tokens, body_tokens)
    VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
END;
CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_tokens, body_tokens)
    VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
    INSERT INTO search_fts (rowid, title_tokens, body_tokens)
    VALUES (new.id, new.title_tokens, new.body_tokens);
END;
