#pragma once

#include <string>

#include "core/clock.hpp"
#include "db/database.hpp"

namespace zhaoyin::service::dispatch {

// With --demo, on a database without key projects: about 640 invented projects over the
// districts, zones, departments and task forces, with two years of dispatch records, stage dates,
// funds arrived and a few stale or slipping projects, so that every dispatch page looks like a
// real city's. Deterministic: the same clock gives the same city. Returns how many were written
// (0 when there were projects already).
int ensure_demo_projects(db::database& db, const clock& now, const std::string& city);

}  // namespace zhaoyin::service::dispatch
