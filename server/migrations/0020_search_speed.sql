-- Search speed (issue 7, A14; docs/performance.md "Search against the raw full-text query").
-- The engines' indexes differ (0016), so this migration is in engine sections.
-- engine: sqlite
-- 1. The filters and the project scope are read for every candidate of a query (up to the cap).
--    Read from search_entries, each candidate costs a page of its own (a row holds the body and
--    the tokens); this narrow copy of the filter columns, kept in step by triggers, is read
--    instead, a hundred rows a page.
CREATE TABLE search_entry_filters (
    id INTEGER PRIMARY KEY,  -- search_entries.id
    source TEXT NOT NULL,
    source_id BIGINT NOT NULL,
    type TEXT NOT NULL,
    region TEXT,
    dimension TEXT,
    effective_on TEXT,
    expires_on TEXT
);
INSERT INTO search_entry_filters (id, source, source_id, type, region, dimension, effective_on,
                                  expires_on)
SELECT id, source, source_id, type, region, dimension, effective_on, expires_on
FROM search_entries;

CREATE TRIGGER search_entry_filters_ai AFTER INSERT ON search_entries BEGIN
    INSERT INTO search_entry_filters (id, source, source_id, type, region, dimension,
                                      effective_on, expires_on)
    VALUES (new.id, new.source, new.source_id, new.type, new.region, new.dimension,
            new.effective_on, new.expires_on);
END;
CREATE TRIGGER search_entry_filters_ad AFTER DELETE ON search_entries BEGIN
    DELETE FROM search_entry_filters WHERE id = old.id;
END;
CREATE TRIGGER search_entry_filters_au AFTER UPDATE ON search_entries BEGIN
    UPDATE search_entry_filters SET source = new.source, source_id = new.source_id,
        type = new.type, region = new.region, dimension = new.dimension,
        effective_on = new.effective_on, expires_on = new.expires_on
    WHERE id = new.id;
END;

-- 2. A one-character query is a prefix query (人 finds 人才, 人工智能 …): without a prefix index
--    FTS5 merges the doclists of every token that starts with the character. prefix='1' (FTS5
--    counts characters, not bytes) indexes first characters. The index is rebuilt from the
--    entries; its triggers (0016) name the table and keep working.
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(
    title_tokens, body_tokens, content = 'search_entries', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0', prefix = '1');
INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');
INSERT INTO search_fts (search_fts) VALUES ('rebuild');
-- engine: postgres
-- The candidate scan on PostgreSQL reads each candidate's tsvector whichever plan it takes (see
-- docs/performance.md); nothing in the schema changes. The statistics are refreshed so that the
-- planner chooses between the GIN index and the id order on the entries as they are now.
ANALYZE search_entries;
