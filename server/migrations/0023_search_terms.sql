-- Search speed on PostgreSQL, and English titles in results (issue 7, A14; docs/performance.md
-- "Search against the raw full-text query").
-- engine: postgres
-- 1. The newest matches of a query are its candidates. A GIN index returns matches in no order,
--    so every match's row is visited to filter it and to find the newest; in search_entries a
--    row holds the body, the tokens and the tsvector (a page or more each). The tsvector moves to
--    a narrow table with the filter columns (as search_entry_filters on SQLite, 0020), stored out
--    of line (toast_tuple_target): the index's matches are then filtered a hundred to a page, and
--    only the candidates that are ranked read their tsvector.
CREATE TABLE search_entry_filters (
    id BIGINT PRIMARY KEY,  -- search_entries.id
    source TEXT NOT NULL,
    source_id BIGINT NOT NULL,
    type TEXT NOT NULL,
    region TEXT,
    dimension TEXT,
    effective_on TEXT,
    expires_on TEXT,
    -- 'simple' keeps each token as it is (tokens are already folded); title weight A, body B
    tsv tsvector NOT NULL
) WITH (toast_tuple_target = 128);

CREATE FUNCTION search_entry_filters_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_entry_filters WHERE id = OLD.id;
        RETURN OLD;
    END IF;
    INSERT INTO search_entry_filters (id, source, source_id, type, region, dimension,
                                      effective_on, expires_on, tsv)
    VALUES (NEW.id, NEW.source, NEW.source_id, NEW.type, NEW.region, NEW.dimension,
            NEW.effective_on, NEW.expires_on,
            setweight(to_tsvector('simple', NEW.title_tokens), 'A') ||
            setweight(to_tsvector('simple', NEW.body_tokens), 'B'))
    ON CONFLICT (id) DO UPDATE SET source = excluded.source, source_id = excluded.source_id,
        type = excluded.type, region = excluded.region, dimension = excluded.dimension,
        effective_on = excluded.effective_on, expires_on = excluded.expires_on,
        tsv = excluded.tsv;
    RETURN NEW;
END
$$;
CREATE TRIGGER search_entry_filters_sync AFTER INSERT OR UPDATE OR DELETE ON search_entries
    FOR EACH ROW EXECUTE FUNCTION search_entry_filters_sync();

INSERT INTO search_entry_filters (id, source, source_id, type, region, dimension, effective_on,
                                  expires_on, tsv)
SELECT id, source, source_id, type, region, dimension, effective_on, expires_on, tsv
FROM search_entries ORDER BY id;
ALTER TABLE search_entries DROP COLUMN tsv;
-- Without fastupdate every write goes into the index at once: a pending list of recent entries
-- would be read in full by every query until the next vacuum.
CREATE INDEX search_entry_filters_tsv_idx ON search_entry_filters USING GIN (tsv)
    WITH (fastupdate = off);
ANALYZE search_entry_filters;
-- engine: all
-- 2. A result's English title, for readers of the English portal (projects have none).
ALTER TABLE search_entries ADD COLUMN title_en TEXT;
UPDATE search_entries SET title_en = (SELECT d.title_en FROM documents d
                                      WHERE d.id = search_entries.source_id)
WHERE source = 'document';
