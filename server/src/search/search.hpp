#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "service/identity/principal.hpp"
#include "store/search_store.hpp"

// Chinese full-text search (A14) over published documents and, for staff, key projects in their
// scope. Very common terms are handled by a cap, not by stop words: only the newest
// `candidate_cap` matches are ranked, and the result says `capped` when more matched.
namespace zhaoyin::search {

inline constexpr std::size_t max_query_characters = 100;
inline constexpr int candidate_cap = store::default_candidate_cap;

struct search_request {
    std::string q;
    std::optional<std::string> type;  // a document type, or project
    std::optional<std::string> region;
    std::optional<std::string> dimension;
    std::optional<std::string> industry;
    std::optional<bool> valid;
    int page = 1;
    int page_size = 20;
};

struct search_item {
    std::int64_t id = 0;  // the document's or project's id
    std::string type;
    std::string title;
    std::optional<std::string> title_en;  // a document's English title, when it has one
    std::string snippet;                  // HTML-escaped, matches in <mark>
    double score = 0;
    std::string url_hint;
};

struct search_page {
    std::vector<search_item> items;
    std::int64_t total = 0;
    bool capped = false;
    // Always empty: common terms are capped, not dropped (kept for the contract).
    std::vector<std::string> stop_terms;
};

// Validates the request (422 naming the field: q empty after analysis or longer than
// max_query_characters, an unknown type or dimension) and searches. `who` is null for an
// anonymous caller, who never sees projects; a signed-in caller with dispatch:project:read sees
// the projects of the project list's scope.
search_page find(db::database& db, const clock& now, const service::identity::principal* who,
                 const search_request& request);
search_page find(db::connection& conn, time_point now, const service::identity::principal* who,
                 const search_request& request);

}  // namespace zhaoyin::search
