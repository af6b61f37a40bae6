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
-- COST: see search_terms below.
CREATE FUNCTION search_block_terms(tsv tsvector, id bigint) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
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

-- Each tsvector is now kept compressed in its row, not out of line (0023). Ranking a candidate
-- read an out-of-line tsvector through the toast table's index, about 4.4 µs, half a capped
-- search; in the row it costs about 2 µs. 0023 moved it out so that filtering a term's matches
-- visited narrow rows, but the block reads visit little more than the matches they return,
-- which sit a few to a page either way. The tsvector is rewritten to move the stored values.
DROP INDEX search_entry_filters_tsv_idx;
ALTER TABLE search_entry_filters SET (toast_tuple_target = 8160);
ALTER TABLE search_entry_filters ALTER COLUMN tsv SET STORAGE MAIN;
ALTER TABLE search_entry_filters ALTER COLUMN tsv TYPE tsvector USING tsv || ''::tsvector;

-- The planner prices `tsv @@ q` as a cheap operator, but on a row it means decompressing the
-- row's tsvector: for a common term it chose to read every row (280 ms for 支持) over the index,
-- and the search turned sequential scans off in a transaction of its own, three round trips
-- more a search. Both indexes are now built on functions priced far above a row's match
-- (search_terms only returns its argument; plpgsql, so that the planner cannot see through it):
-- the planner reads matches from the index without being told to. Such prices would make it
-- compile large statements (JIT), so the server's connections turn JIT off (db/postgres).
CREATE FUNCTION search_terms(tsv tsvector) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
BEGIN
    RETURN tsv;
END
$$;
CREATE INDEX search_entry_filters_terms_idx ON search_entry_filters
    USING GIN (search_terms(tsv)) WITH (fastupdate = off);
CREATE INDEX search_entry_filters_block_terms_idx ON search_entry_filters
    USING GIN (search_block_terms(tsv, id)) WITH (fastupdate = off);
-- Parallel workers would interleave the blocks' matches, which the search reads newest first
-- (the search set max_parallel_workers_per_gather = 0 in its transaction).
ALTER TABLE search_entry_filters SET (parallel_workers = 0);
ANALYZE search_entry_filters;
