#pragma once

#include <string>

#include "core/clock.hpp"
#include "db/database.hpp"

namespace zhaoyin::service::content {

// With --demo (and its history), on a database without documents: the city's illustrative
// policies, news, fee regulations, cost tables, service directory entries and international
// lounge pages from data/cities/<city>/content/*.json, published by the bureau's demo account,
// checked like any new document and marked illustrative. Deterministic: the same files give the
// same documents. Returns how many were written (0 when there were documents already).
int ensure_demo_content(db::database& db, const clock& now, const std::string& city);

}  // namespace zhaoyin::service::content
