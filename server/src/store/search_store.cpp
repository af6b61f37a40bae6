#include "store/search_store.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>

#include "store/project_store.hpp"

namespace zhaoyin::store {
namespace {

// ts_rank weights for D, C, B (body) and A (title): the title counts four times the body, as
// hits_rank(search_fts, 4.0, 1.0) does on SQLite.
constexpr const char* pg_weights = "'{0.1, 0.2, 0.25, 1.0}'::float4[]";

std::string fts5_token(const std::string& token, bool prefix) {
    std::string out = "\"";
    for (char c : token) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    out += prefix ? "\"*" : "\"";
    return out;
}

// FTS5 query syntax: ("a" OR "b") AND "c" AND "d"*.
std::string fts5_expression(const std::vector<match_group>& match) {
    std::string out;
    for (const auto& group : match) {
        if (!out.empty()) {
            out += " AND ";
        }
        std::string any;
        for (const auto& token : group.tokens) {
            any += (any.empty() ? "" : " OR ") + fts5_token(token, group.prefix);
        }
        out += group.tokens.size() > 1 ? "(" + any + ")" : any;
    }
    return out;
}

// A token in tsquery syntax: d, or d:* for a prefix.
std::string tsquery_token(const std::string& token, bool prefix) {
    return token + (prefix ? ":*" : "");
}

// tsquery syntax: (a | b) & c & d:*. Tokens are letters and digits only, so nothing needs
// quoting; to_tsquery still receives them as a bound value.
std::string tsquery_expression(const std::vector<match_group>& match) {
    std::string out;
    for (const auto& group : match) {
        if (!out.empty()) {
            out += " & ";
        }
        std::string any;
        for (const auto& token : group.tokens) {
            any += (any.empty() ? "" : " | ") + tsquery_token(token, group.prefix);
        }
        out += group.tokens.size() > 1 ? "(" + any + ")" : any;
    }
    return out;
}

std::string match_expression(db::engine e, const std::vector<match_group>& match) {
    return e == db::engine::sqlite ? fts5_expression(match) : tsquery_expression(match);
}

// The groups' required tokens alone. A group's other tokens are whole words containing its
// first token, whose bigrams are indexed too, so they match nothing more; they only raise the
// rank. On PostgreSQL a tsquery with an OR makes the GIN index's matches lossy: every match's
// tsvector would be read again to recheck it.
std::vector<match_group> required_tokens(const std::vector<match_group>& match) {
    std::vector<match_group> out;
    for (const auto& group : match) {
        out.push_back({{group.tokens.front()}, group.prefix});
    }
    return out;
}

// The ranking tsquery on PostgreSQL: every token of every group, ORed. Every candidate already
// matches the query, and ts_rank over an OR scores each token by its weighted hits, saturating
// (title 4, body 1), as hits_rank does on SQLite; over an AND it would score the tokens'
// distances instead.
std::string rank_expression(const std::vector<match_group>& match) {
    std::string out;
    for (const auto& group : match) {
        for (const auto& token : group.tokens) {
            out += (out.empty() ? "" : " | ") + tsquery_token(token, group.prefix);
        }
    }
    return out;
}

// The filters and the project scope, on entry `e` (search_entry_filters on SQLite, which holds
// the same filter columns as search_entries).
std::string filter_conditions(const search_filter& f, std::vector<db::param>& params) {
    std::string where;
    if (f.type) {
        where += " AND e.type = " + db::bind_value(params, *f.type);
    }
    if (f.region) {
        // The city's own documents apply in every district: a reader in 崂山区 looking for the
        // policies that apply there needs them too.
        where += " AND (e.region = " + db::bind_value(params, *f.region) +
                 " OR e.region IN (SELECT u.code FROM unit u WHERE u.type = 'city'))";
    }
    if (f.dimension) {
        where += " AND e.dimension = " + db::bind_value(params, *f.dimension);
    }
    if (f.industry) {
        where +=
            " AND EXISTS (SELECT 1 FROM search_entry_industries i WHERE i.entry_id = e.id AND "
            "i.industry_code = " +
            db::bind_value(params, *f.industry) + ")";
    }
    if (f.valid) {
        const auto today = db::bind_value(params, f.today);
        const std::string in_force = "((e.effective_on IS NULL OR e.effective_on <= " + today +
                                     ") AND (e.expires_on IS NULL OR e.expires_on >= " + today +
                                     "))";
        where += *f.valid ? " AND " + in_force : " AND NOT " + in_force;
    }
    std::optional<std::string> scope;
    if (f.projects.allowed) {
        scope = project_scope_condition(params, f.projects.everything, f.projects.owner,
                                        f.projects.units);
    }
    if (!scope) {
        where += " AND e.source = 'document'";
    } else if (!scope->empty()) {
        where +=
            " AND (e.source = 'document' OR e.source_id IN (SELECT p.id FROM project p WHERE " +
            *scope + "))";
    }
    return where;
}

search_hit hit_at(const db::result& res, std::size_t r) {
    return {res.integer(r, 0), res.text(r, 1),           res.integer(r, 2),
            res.text(r, 3),    res.text(r, 4),           res.optional_text(r, 5),
            res.text(r, 6),    std::stod(res.text(r, 7))};
}

}  // namespace

void search_store::put(const search_entry& entry, const std::string& now) {
    const auto res = conn_.query(
        "INSERT INTO search_entries (source, source_id, type, title, title_en, body, "
        "title_tokens, body_tokens, region, dimension, unit_id, effective_on, expires_on, "
        "source_updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
        "ON CONFLICT (source, source_id) DO UPDATE SET type = excluded.type, "
        "title = excluded.title, title_en = excluded.title_en, body = excluded.body, "
        "title_tokens = excluded.title_tokens, "
        "body_tokens = excluded.body_tokens, region = excluded.region, "
        "dimension = excluded.dimension, unit_id = excluded.unit_id, "
        "effective_on = excluded.effective_on, expires_on = excluded.expires_on, "
        "source_updated_at = excluded.source_updated_at RETURNING id",
        {entry.source, entry.source_id, entry.type, entry.title, db::nullable(entry.title_en),
         entry.body, entry.title_tokens, entry.body_tokens, db::nullable(entry.region),
         db::nullable(entry.dimension), db::nullable(entry.unit_id),
         db::nullable(entry.effective_on), db::nullable(entry.expires_on), now});
    const auto id = res.integer(0, 0);
    conn_.query("DELETE FROM search_entry_industries WHERE entry_id = $1", {id});
    for (const auto& code : entry.industries) {
        conn_.query(
            "INSERT INTO search_entry_industries (entry_id, industry_code) VALUES ($1, $2) "
            "ON CONFLICT DO NOTHING",
            {id, code});
    }
}

void search_store::put_all(const std::vector<search_entry>& entries, const std::string& now) {
    if (entries.empty()) {
        return;
    }
    std::vector<db::param> params;
    std::string rows;
    for (const auto& e : entries) {
        rows += std::string(rows.empty() ? "" : ", ") + "(" + db::bind_value(params, e.source) +
                ", " + db::bind_value(params, e.source_id) + ", " + db::bind_value(params, e.type) +
                ", " + db::bind_value(params, e.title) + ", " +
                db::bind_value(params, db::nullable(e.title_en)) + ", " +
                db::bind_value(params, e.body) + ", " + db::bind_value(params, e.title_tokens) +
                ", " + db::bind_value(params, e.body_tokens) + ", " +
                db::bind_value(params, db::nullable(e.region)) + ", " +
                db::bind_value(params, db::nullable(e.dimension)) + ", " +
                db::bind_value(params, db::nullable(e.unit_id)) + ", " +
                db::bind_value(params, db::nullable(e.effective_on)) + ", " +
                db::bind_value(params, db::nullable(e.expires_on)) + ", " +
                db::bind_value(params, now) + ")";
    }
    const auto res = conn_.query(
        "INSERT INTO search_entries (source, source_id, type, title, title_en, body, "
        "title_tokens, body_tokens, region, dimension, unit_id, effective_on, expires_on, "
        "source_updated_at) VALUES " +
            rows + " RETURNING id, source, source_id",
        params);
    std::map<std::pair<std::string, std::int64_t>, std::int64_t> id_of;
    for (std::size_t r = 0; r < res.size(); ++r) {
        id_of[{res.text(r, 1), res.integer(r, 2)}] = res.integer(r, 0);
    }
    std::vector<db::param> industry_params;
    std::string industry_rows;
    for (const auto& e : entries) {
        const auto id = id_of.at({e.source, e.source_id});
        for (const auto& code : e.industries) {
            industry_rows += std::string(industry_rows.empty() ? "" : ", ") + "(" +
                             db::bind_value(industry_params, id) + ", " +
                             db::bind_value(industry_params, code) + ")";
        }
    }
    if (!industry_rows.empty()) {
        conn_.query("INSERT INTO search_entry_industries (entry_id, industry_code) VALUES " +
                        industry_rows + " ON CONFLICT DO NOTHING",
                    industry_params);
    }
}

void search_store::remove(const std::string& source, std::int64_t source_id) {
    conn_.query(
        "DELETE FROM search_entry_industries WHERE entry_id IN (SELECT id FROM search_entries "
        "WHERE source = $1 AND source_id = $2)",
        {source, source_id});
    conn_.query("DELETE FROM search_entries WHERE source = $1 AND source_id = $2",
                {source, source_id});
}

void search_store::clear() {
    conn_.query("DELETE FROM search_entry_industries");
    conn_.query("DELETE FROM search_entries");
}

std::int64_t search_store::count() {
    return conn_.query("SELECT COUNT(*) FROM search_entries").integer(0, 0);
}

namespace {

// Ids per block: the index of migration 0026 holds every lexeme of an entry as
// (id / 4096) || '~' || lexeme.
constexpr std::int64_t newest_block_ids = 4096;

// The query's required tokens as lexemes of one block in that index, ANDed, with '#' for the
// block's number, which the statement puts in (from the id span, or a bound number): '#~集成' &
// '#~成电':*. Tokens are letters and digits only, so quoting them needs no escapes and no token
// holds a '#'.
std::string block_terms_template(const std::vector<match_group>& match) {
    std::string out;
    for (const auto& group : match) {
        out += std::string(out.empty() ? "" : " & ") +
               tsquery_token("'#~" + group.tokens.front() + "'", group.prefix);
    }
    return out;
}

// What reading one more block costs, in matches visited by the one-statement read of the rest
// (measured on 100,000 documents: about 0.2 ms a block, whatever its tokens, against about
// 3 µs a match scattered over the table, a page each; docs/performance.md).
constexpr double block_read_in_rest_visits = 60;

// Blocks read in one statement beyond the estimate: a block the cap no longer needs is planned
// but never read (the statement's limit stops it), which costs far less than a round trip more.
constexpr double block_batch_margin = 1.5;

// At most this many blocks a statement: planning costs about 0.07 ms a block.
constexpr std::int64_t max_blocks_per_read = 64;

}  // namespace

// A GIN index returns a term's matches in no order: the newest 500 of 10,000 would cost visiting
// all 10,000 rows. So the matches are read block by block, newest first (the query's tokens as
// that block's terms, migration 0026). The first statement reads the id span and the two newest
// blocks; each next batch of blocks is sized from the share of ids that matched so far, with a
// margin; when the rest of the table is expected to hold few more matches than are still
// needed, or blocks would cost more than visiting them, the rest is read in one statement. Each
// candidate is ranked as it is read, its row visited once.
std::vector<search_store::ranked_candidate> search_store::newest_matches(const search_filter& f) {
    std::vector<db::param> params;
    const auto where = filter_conditions(f, params);
    const auto ranked = "SELECT id, ts_rank(" + std::string(pg_weights) +
                        ", tsv, to_tsquery('simple', " +
                        db::bind_value(params, rank_expression(f.match)) + ")) AS score FROM ";
    const auto cap = std::size_t(f.candidate_cap);
    std::vector<ranked_candidate> ids;
    // Rows of (id, score) from `column` on; an id is null where the first read found nothing.
    const auto add_rows = [&ids](const db::result& res, int column) {
        for (std::size_t r = 0; r < res.size(); ++r) {
            if (!res.is_null(r, column)) {
                ids.push_back({res.integer(r, column), std::stod(res.text(r, column + 1))});
            }
        }
    };
    // One block's matches, newest first; `block` is its number in SQL. A block's terms imply its
    // ids. Ordering by `id + 0` keeps the planner from walking the key backwards instead,
    // computing each row's block terms, when it expects most rows to match.
    const auto arm = [&](const std::string& terms, const std::string& block,
                         const std::string& limit) {
        return "(SELECT e.id, e.tsv FROM search_entry_filters e WHERE "
               "search_block_terms(e.tsv, e.id) @@ CAST(replace(" +
               terms + ", '#', CAST(" + block + " AS text)) AS tsquery)" + where +
               " ORDER BY e.id + 0 DESC LIMIT " + limit + ")";
    };
    // The id span and the two newest blocks (the second is read only if the first does not fill
    // the cap; together they hold enough ids to measure the share of matches on).
    auto first_params = params;
    const auto first_limit = db::bind_value(first_params, std::int64_t(cap));
    const auto first_terms = db::bind_value(first_params, block_terms_template(f.match));
    const auto newest_block = "s.highest / " + std::to_string(newest_block_ids);
    const auto first = conn_.query_prepared(
        "SELECT s.lowest, s.highest, m.id, m.score FROM (SELECT MIN(id) AS lowest, MAX(id) AS "
        "highest FROM search_entry_filters) s LEFT JOIN LATERAL (" +
            ranked + "(" + arm(first_terms, newest_block, first_limit) + " UNION ALL " +
            arm(first_terms, newest_block + " - 1", first_limit) + ") newest LIMIT " + first_limit +
            ") m ON true",
        first_params);
    if (first.is_null(0, 0)) {
        return {};
    }
    const auto lowest = first.integer(0, 0);
    const auto highest = first.integer(0, 1);
    add_rows(first, 2);
    // Blocks `newest` down to `oldest`, one statement; it stops at the block that fills the cap.
    const auto read_blocks = [&](std::int64_t newest, std::int64_t oldest) {
        auto block_params = params;
        const auto limit = db::bind_value(block_params, std::int64_t(cap - ids.size()));
        const auto terms = db::bind_value(block_params, block_terms_template(f.match));
        std::string arms;
        for (auto b = newest; b >= oldest; --b) {
            arms += std::string(arms.empty() ? "" : " UNION ALL ") +
                    arm(terms, db::bind_value(block_params, b), limit);
        }
        add_rows(
            conn_.query_prepared(ranked + "(" + arms + ") newest LIMIT " + limit, block_params), 0);
    };
    // Every match below `below`, through the GIN index only: ordering by `id + 0` keeps the
    // planner from walking the key backwards instead, reading every newer row's tsvector, when the
    // term is common in older entries only; comparing `id + 0` keeps a plan made for any bound
    // (the statement is prepared) from also reading the key's index for it.
    const auto read_rest = [&](std::int64_t below) {
        auto rest_params = params;
        const auto limit = db::bind_value(rest_params, std::int64_t(cap - ids.size()));
        const auto under = db::bind_value(rest_params, below);
        const auto required =
            db::bind_value(rest_params, tsquery_expression(required_tokens(f.match)));
        add_rows(conn_.query_prepared(ranked +
                                          "(SELECT e.id, e.tsv FROM search_entry_filters e WHERE "
                                          "search_terms(e.tsv) @@ to_tsquery('simple', " +
                                          required + ") AND e.id + 0 < " + under + where +
                                          " ORDER BY e.id + 0 DESC LIMIT " + limit + ") rest",
                                      rest_params),
                 0);
    };
    const auto last_block = lowest / newest_block_ids;
    auto block = highest / newest_block_ids - 2;  // the newest block not read yet
    while (ids.size() < cap && block >= last_block) {
        const auto below = (block + 1) * newest_block_ids;  // every id from here up was read
        const auto needed = double(cap - ids.size());
        const auto share = double(ids.size()) / double(highest - below + 1);
        const auto blocks_needed = share > 0 ? std::ceil(needed / (share * newest_block_ids))
                                             : double(block - last_block + 1);
        if (blocks_needed * block_read_in_rest_visits + needed >= share * double(below - lowest)) {
            read_rest(below);
            break;
        }
        const auto batch = std::min(max_blocks_per_read,
                                    std::int64_t(std::ceil(blocks_needed * block_batch_margin)));
        const auto oldest = std::max(last_block, block - batch + 1);
        read_blocks(block, oldest);
        block = oldest - 1;
    }
    return ids;
}

search_result search_store::find(const search_filter& f) {
    if (conn_.kind() == db::engine::postgres) {
        return page_of(f, newest_matches(f));
    }
    std::vector<db::param> params;
    const auto match = db::bind_value(params, fts5_expression(f.match));
    const auto where = filter_conditions(f, params);
    const auto cap = db::bind_value(params, std::int64_t(f.candidate_cap));
    // The newest matches up to the cap are the candidates (a cheap order the index gives); only
    // they are scored, and only the page's rows are read whole (title and body).
    const std::string scored =
        "WITH scored AS MATERIALIZED (SELECT search_fts.rowid AS id, "
        "hits_rank(search_fts, 4.0, 1.0) AS score FROM search_fts JOIN "
        "search_entry_filters e ON e.id = search_fts.rowid WHERE search_fts MATCH " +
        match + where + " ORDER BY search_fts.rowid DESC LIMIT " + cap + ")";
    const auto page_query = [&](std::int64_t limit, std::int64_t offset) {
        auto page_params = params;
        const auto l = db::bind_value(page_params, limit);
        const auto o = db::bind_value(page_params, offset);
        return conn_.query(
            scored +
                ", page AS (SELECT id, score, COUNT(*) OVER () AS total FROM scored "
                "ORDER BY score DESC, id DESC LIMIT " +
                l + " OFFSET " + o +
                ") SELECT e.id, e.source, e.source_id, e.type, e.title, e.title_en, "
                "e.body, p.score, p.total FROM page p JOIN search_entries e ON e.id = p.id "
                "ORDER BY p.score DESC, p.id DESC",
            page_params);
    };
    auto res = page_query(f.limit, f.offset);
    if (res.empty() && f.offset > 0) {
        res = page_query(1, 0);  // past the last page: the total still counts the matches
        search_result out;
        out.total = res.empty() ? 0 : res.integer(0, 8);
        out.capped = out.total >= f.candidate_cap;
        return out;
    }
    search_result out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.hits.push_back(hit_at(res, r));
    }
    out.total = res.empty() ? 0 : res.integer(0, 8);
    out.capped = out.total >= f.candidate_cap;
    return out;
}

// The page of ranked candidates, best first (newest first among equals), read whole.
search_result search_store::page_of(const search_filter& f,
                                    std::vector<ranked_candidate> candidates) {
    std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
        return a.score != b.score ? a.score > b.score : a.id > b.id;
    });
    search_result out;
    out.total = std::int64_t(candidates.size());
    out.capped = out.total >= f.candidate_cap;
    const auto first = std::min(candidates.size(), std::size_t(f.offset));
    const auto last = std::min(candidates.size(), first + std::size_t(f.limit));
    if (first == last) {
        return out;
    }
    std::vector<std::int64_t> ids;
    for (auto i = first; i < last; ++i) {
        ids.push_back(candidates[i].id);
    }
    std::vector<db::param> params;
    const auto in_page = db::bind_values(params, ids);
    const auto res = conn_.query_prepared(
        "SELECT id, source, source_id, type, title, title_en, body FROM search_entries "
        "WHERE id IN (" +
            in_page + ")",
        params);
    std::map<std::int64_t, std::size_t> row_of;
    for (std::size_t r = 0; r < res.size(); ++r) {
        row_of[res.integer(r, 0)] = r;
    }
    for (auto i = first; i < last; ++i) {
        // An entry removed since it was ranked (a document unpublished meanwhile) is left out.
        if (const auto it = row_of.find(candidates[i].id); it != row_of.end()) {
            const auto r = it->second;
            out.hits.push_back({candidates[i].id, res.text(r, 1), res.integer(r, 2), res.text(r, 3),
                                res.text(r, 4), res.optional_text(r, 5), res.text(r, 6),
                                candidates[i].score});
        }
    }
    return out;
}

std::optional<document_source> search_store::find_document(std::int64_t id) {
    const auto res = conn_.query(
        "SELECT id, type, status, unit_id, region, dimension, title, summary, body_html, "
        "title_en, summary_en, body_html_en, effective_on, expires_on, details, updated_at "
        "FROM documents WHERE id = $1",
        {id});
    if (res.empty()) {
        return std::nullopt;
    }
    document_source d{res.integer(0, 0),
                      res.text(0, 1),
                      res.text(0, 2),
                      res.integer(0, 3),
                      res.text(0, 4),
                      res.optional_text(0, 5),
                      res.text(0, 6),
                      res.text(0, 7),
                      res.text(0, 8),
                      res.optional_text(0, 9),
                      res.optional_text(0, 10),
                      res.optional_text(0, 11),
                      res.optional_text(0, 12),
                      res.optional_text(0, 13),
                      res.text(0, 14),
                      res.text(0, 15),
                      {}};
    const auto codes = conn_.query(
        "SELECT industry_code FROM document_industries WHERE document_id = $1 "
        "ORDER BY industry_code",
        {id});
    for (std::size_t r = 0; r < codes.size(); ++r) {
        d.industries.push_back(codes.text(r, 0));
    }
    return d;
}

namespace {

std::vector<std::int64_t> ids_of(const db::result& res) {
    std::vector<std::int64_t> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(res.integer(r, 0));
    }
    return out;
}

}  // namespace

std::vector<std::int64_t> search_store::published_document_ids() {
    return ids_of(conn_.query("SELECT id FROM documents WHERE status = 'published' ORDER BY id"));
}

std::vector<std::int64_t> search_store::live_project_ids() {
    return ids_of(conn_.query("SELECT id FROM project WHERE merged_into IS NULL ORDER BY id"));
}

std::vector<std::int64_t> search_store::raw_top(const std::vector<match_group>& match, int limit) {
    const auto expression = match_expression(conn_.kind(), match);
    const auto res =
        conn_.kind() == db::engine::sqlite
            ? conn_.query(
                  "SELECT rowid FROM search_fts WHERE search_fts MATCH $1 ORDER BY rank LIMIT $2",
                  {expression, std::int64_t(limit)})
            : conn_.query(std::string("SELECT e.id FROM search_entry_filters e WHERE "
                                      "search_terms(e.tsv) @@ "
                                      "to_tsquery('simple', $1) ORDER BY ts_rank(") +
                              pg_weights + ", e.tsv, to_tsquery('simple', $2)) DESC LIMIT $3",
                          {expression, rank_expression(match), std::int64_t(limit)});
    return ids_of(res);
}

}  // namespace zhaoyin::store
