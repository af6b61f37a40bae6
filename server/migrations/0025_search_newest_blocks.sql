-- Search on PostgreSQL: the newest matches of a common query without visiting every match
-- (issue 7, A14; docs/performance.md "Search against the raw full-text query").
-- engine: postgres
-- Candidates are a query's newest matches. A GIN index returns a term's matches in no order, so
-- finding the newest 1,000 of 10,000 meant visiting all 10,000 rows, or walking the primary key
-- backwards and reading each row's tsvector. Every entry's tsvector now also holds the lexeme of
-- its block of 4,096 ids, '~' followed by id / 4096 (the analyzer's tokens are letters and digits
-- only, so no word can be one). A query ANDed with a block's lexeme reads, from the index, only
-- that block's matches; search_store asks block by block, newest first, until it has enough
-- (store/search_store.cpp, newest_block_ids).

CREATE OR REPLACE FUNCTION search_entry_filters_sync() RETURNS trigger LANGUAGE plpgsql AS $$
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
            setweight(to_tsvector('simple', NEW.body_tokens), 'B') ||
            array_to_tsvector(ARRAY['~' || (NEW.id / 4096)]))
    ON CONFLICT (id) DO UPDATE SET source = excluded.source, source_id = excluded.source_id,
        type = excluded.type, region = excluded.region, dimension = excluded.dimension,
        effective_on = excluded.effective_on, expires_on = excluded.expires_on,
        tsv = excluded.tsv;
    RETURN NEW;
END
$$;

-- Rebuilt rather than updated in place: one index build is far cheaper than a row-by-row update
-- of an index without a pending list (fastupdate = off).
DROP INDEX search_entry_filters_tsv_idx;
UPDATE search_entry_filters SET tsv = tsv || array_to_tsvector(ARRAY['~' || (id / 4096)]);
CREATE INDEX search_entry_filters_tsv_idx ON search_entry_filters USING GIN (tsv)
    WITH (fastupdate = off);
ANALYZE search_entry_filters;
