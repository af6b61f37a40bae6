#pragma once

#include <string>

#include "core/clock.hpp"
#include "db/database.hpp"

namespace zhaoyin::service::dispatch {

// Rates every project not merged away and raises a red_light supervision ticket on the
// undertaking unit for each that turned red since the last sweep for being behind its plan or
// slipping its start (staleness alone has supervision's stale ticket); one per project and day,
// none while one is open. Remembers each light, so a project that stays red is not raised again.
// Returns the number of tickets raised.
int sweep_project_lights(db::database& db, const clock& now, const std::string& city);

}  // namespace zhaoyin::service::dispatch
