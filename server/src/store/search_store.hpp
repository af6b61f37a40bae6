#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::store {

// One searchable record: a published document or a key project, with its analysed tokens.
struct search_entry {
    std::string source;  // document | project
    std::int64_t source_id = 0;
    std::string type;  // a document type, or project
    std::string title;
    std::optional<std::string> title_en;
    std::string body;  // plain text, for snippets
    std::string title_tokens;
    std::string body_tokens;
    std::optional<std::string> region;
    std::optional<std::string> dimension;
    std::optional<std::int64_t> unit_id;
    std::optional<std::string> effective_on;  // YYYY-MM-DD
    std::optional<std::string> expires_on;
    std::vector<std::string> industries;
};

// A full-text condition: every group must match; a group matches when any of its tokens does
// (a prefix group: any token starting with it). Tokens are letters and digits only.
struct match_group {
    std::vector<std::string> tokens;
    bool prefix = false;
};

// Projects a caller may find: none, or those in a list scope (see project_scope_condition).
struct project_reach {
    bool allowed = false;
    bool everything = false;
    std::optional<std::int64_t> owner;
    std::vector<std::int64_t> units;
};

// Ranking costs microseconds a candidate (hits_rank reads each candidate's positions, ts_rank its
// whole tsvector, about 3 µs), so ranking only the newest 500 matches keeps a very common term,
// and every typical query on PostgreSQL, within 10 ms (docs/performance.md); more than a reader
// pages through.
inline constexpr int default_candidate_cap = 500;

struct search_filter {
    std::vector<match_group> match;
    std::optional<std::string> type;
    // A district's region also finds the city-wide documents (those of the city's own code).
    std::optional<std::string> region;
    std::optional<std::string> dimension;
    std::optional<std::string> industry;
    std::optional<bool> valid;  // in force on `today` (true) or not (false)
    std::string today;          // YYYY-MM-DD
    project_reach projects;
    // Only the newest `candidate_cap` matches are ranked, so that a very common term costs no
    // more than a rare one; `capped` tells the caller when matches were left unranked.
    int candidate_cap = default_candidate_cap;
    int offset = 0;
    int limit = 20;
};

struct search_hit {
    std::int64_t entry_id = 0;
    std::string source;
    std::int64_t source_id = 0;
    std::string type;
    std::string title;
    std::optional<std::string> title_en;
    std::string body;
    double score = 0;  // higher is better
};

struct search_result {
    std::vector<search_hit> hits;
    std::int64_t total = 0;  // matches ranked (at most candidate_cap)
    bool capped = false;
};

// What the index reads of a document (the content helper's `documents` table).
struct document_source {
    std::int64_t id = 0;
    std::string type;
    std::string status;
    std::int64_t unit_id = 0;
    std::string region;
    std::optional<std::string> dimension;
    std::string title;
    std::string summary;
    std::string body_html;
    std::optional<std::string> title_en;
    std::optional<std::string> summary_en;
    std::optional<std::string> body_html_en;
    std::optional<std::string> effective_on;
    std::optional<std::string> expires_on;
    std::string details;  // JSON
    std::string updated_at;
    std::vector<std::string> industries;
};

// The search index: the only place with full-text SQL; the two engines differ here only.
class search_store {
  public:
    explicit search_store(db::connection& conn) : conn_(conn) {}

    // Adds or replaces the entry of (source, source_id).
    void put(const search_entry& entry, const std::string& now);
    // Inserts new entries (none of them indexed yet) in one statement: a rebuild's or the
    // benchmark's load, several hundred at a time.
    void put_all(const std::vector<search_entry>& entries, const std::string& now);
    void remove(const std::string& source, std::int64_t source_id);
    void clear();
    std::int64_t count();

    search_result find(const search_filter& filter);

    std::optional<document_source> find_document(std::int64_t id);
    std::vector<std::int64_t> published_document_ids();
    // Key projects not merged into another.
    std::vector<std::int64_t> live_project_ids();

    // The bare full-text query (MATCH / @@ ordered by rank, first `limit`), for the benchmark's
    // comparison: no filters, no scope, no snippets.
    std::vector<std::int64_t> raw_top(const std::vector<match_group>& match, int limit);

  private:
    struct ranked_candidate {
        std::int64_t id = 0;
        double score = 0;
    };
    std::vector<ranked_candidate> newest_matches(const search_filter& filter);
    search_result page_of(const search_filter& filter, std::vector<ranked_candidate> candidates);

    db::connection& conn_;
};

}  // namespace zhaoyin::store
