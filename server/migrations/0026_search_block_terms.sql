-- Search on PostgreSQL: a block's matches of a query read at the cost of that block's matches
-- (issue 7, A14; docs/performance.md "Search against the raw full-text query").
-- engine: postgres
-- 0025 gave each tsvector its block's lexeme, '~' || id / 4096, and the search ANDed it to the
-- query to read the newest matches block by block. GIN drives such a query by its rarest lexeme,
-- and a term as common as the block's 4,096 entries left the block lexeme the rarest: every block
-- cost stepping through 4,096 entries and checking every token against each (about 1 ms for four
-- tokens), however few of them matched.
-- Now a second GIN index holds every lexeme of an entry prefixed with its block, '24~集成' for
-- 集成 in an entry of block 24. A query for block 24 asks for '24~集成' & '24~成电' & ..., whose
-- rarest lexeme holds only that block's entries of that term. The index is built on an
-- expression, so the table stores nothing more. The prefix comes first so that a prefix query
-- ('24~崂':*, a lone character) still is one. search_store builds the same lexemes
-- (store/search_store.cpp, newest_block_ids).
CREATE FUNCTION search_block_terms(tsv tsvector, id bigint) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT array_to_tsvector(ARRAY(SELECT (id / 4096) || '~' || lexeme
                                   FROM unnest(tsvector_to_array(tsv)) AS lexeme))
$$;

-- New entries no longer get 0025's block lexeme. Existing ones keep theirs: no query token can
-- match it ('~' is no letter or digit), and taking it out would rewrite every row, leaving the
-- table twice its size until a VACUUM FULL.
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
            setweight(to_tsvector('simple', NEW.body_tokens), 'B'))
    ON CONFLICT (id) DO UPDATE SET source = excluded.source, source_id = excluded.source_id,
        type = excluded.type, region = excluded.region, dimension = excluded.dimension,
        effective_on = excluded.effective_on, expires_on = excluded.expires_on,
        tsv = excluded.tsv;
    RETURN NEW;
END
$$;

CREATE INDEX search_entry_filters_block_terms_idx ON search_entry_filters
    USING GIN (search_block_terms(tsv, id)) WITH (fastupdate = off);
ANALYZE search_entry_filters;
