#pragma once

#include <string>

#include "core/clock.hpp"
#include "db/database.hpp"

namespace zhaoyin::service::intake {

// With --demo, on a database without intents: the article's history since launch — 121
// intents from the demo investor `investor2`, docking rate 92.4 %, 41 landed — plus a few
// recent ones still being handled (two of them overdue) so that inboxes and the board have
// something to show. Returns how many were written (0 when there were intents already).
int ensure_demo_intents(db::database& db, const clock& now, const std::string& city);

}  // namespace zhaoyin::service::intake
