#include "search/search.hpp"

#include <algorithm>
#include <array>

#include "core/error.hpp"
#include "search/analyzer.hpp"
#include "service/dispatch/field_checks.hpp"
#include "store/reference_store.hpp"
#include "store/search_store.hpp"

namespace zhaoyin::search {
namespace {

constexpr std::array<std::string_view, 8> searchable_types{
    "policy",          "news",        "regulation", "cost_table",
    "directory_entry", "lounge_page", "faq",        "project"};
constexpr std::array<std::string_view, 3> dimensions{"investment_policy", "investment_cost",
                                                     "talent"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& allowed, const std::string& value) {
    return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

bool is_region_code(const std::string& region) {
    return region.size() == 6 &&
           std::all_of(region.begin(), region.end(), [](char c) { return c >= '0' && c <= '9'; });
}

store::project_reach reach_of(const service::identity::principal* who) {
    store::project_reach reach;
    if (who == nullptr || !who->has("dispatch:project:read")) {
        return reach;
    }
    const auto scope = service::identity::list_scope_of(*who);
    reach.allowed = true;
    reach.everything = scope.everything;
    reach.owner = scope.owner_user_id;
    reach.units = scope.units;
    return reach;
}

std::string url_hint_of(const store::search_hit& hit) {
    return (hit.source == "project" ? "/projects/" : "/documents/") + std::to_string(hit.source_id);
}

}  // namespace

search_page find(db::connection& conn, time_point now, const service::identity::principal* who,
                 const search_request& request) {
    field_errors errors;
    const auto query = analyse_query(request.q);
    if (character_count(request.q) > max_query_characters) {
        errors.add("q", {"field.too_long", {{"max", std::to_string(max_query_characters)}}});
    } else if (query.empty()) {
        errors.add("q", {"search.no_terms", {}});
    }
    if (request.type && !one_of(searchable_types, *request.type)) {
        errors.add("type", {"field.invalid_value", {}});
    }
    if (request.dimension && !one_of(dimensions, *request.dimension)) {
        errors.add("dimension", {"field.invalid_value", {}});
    }
    if (request.region && !is_region_code(*request.region)) {
        errors.add("region", {"field.invalid_value", {}});
    }
    if (request.industry &&
        !store::reference_store(conn).industry_codes().contains(*request.industry)) {
        errors.add("industry", {"field.invalid_value", {}});
    }
    errors.throw_if_any();

    store::search_filter filter;
    for (const auto& clause : query.clauses) {
        filter.match.push_back({clause.any, clause.prefix});
    }
    filter.type = request.type;
    filter.region = request.region;
    filter.dimension = request.dimension;
    filter.industry = request.industry;
    filter.valid = request.valid;
    filter.today = service::dispatch::today_cst(now);
    filter.projects = reach_of(who);
    filter.candidate_cap = candidate_cap;
    filter.offset = (request.page - 1) * request.page_size;
    filter.limit = request.page_size;
    const auto found = store::search_store(conn).find(filter);

    search_page out;
    out.total = found.total;
    out.capped = found.capped;
    for (const auto& hit : found.hits) {
        out.items.push_back({hit.source_id, hit.type, hit.title, hit.title_en,
                             highlight(hit.body, query), hit.score, url_hint_of(hit)});
    }
    return out;
}

search_page find(db::database& db, const clock& now, const service::identity::principal* who,
                 const search_request& request) {
    return db.read([&](db::connection& conn) { return find(conn, now.now(), who, request); });
}

}  // namespace zhaoyin::search
