#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "store/park_store.hpp"

// Parks (园区): where an investor can settle, each run by a development zone or a district. The
// portal lists them and a question asked on a park's page goes to the park's unit.
namespace zhaoyin::service::content {

struct park_query {
    std::string text;
    std::optional<std::string> district;  // a district's code
    std::optional<std::string> industry;  // a chain code
    int offset = 0;
    int limit = 20;
};

// Anyone may read parks. An unknown district or industry is a 422 naming the parameter.
std::pair<std::vector<store::park_row>, std::int64_t> list_parks(db::database& db,
                                                                 const park_query& query);

// Not found when there is no such park.
store::park_row view_park(db::database& db, std::int64_t id);
store::park_row park_or_not_found(db::connection& conn, std::int64_t id);

// With --demo, on a database without parks: the city's illustrative parks from
// data/cities/<city>/content/parks.json, their units and industries named by key and code.
// Returns how many were written (0 when there were parks already or the city has none).
int ensure_demo_parks(db::database& db, const clock& now, const std::string& city);

}  // namespace zhaoyin::service::content
