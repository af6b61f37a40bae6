#pragma once

#include <string>

#include "core/clock.hpp"
#include "db/database.hpp"

namespace zhaoyin::service {

// What one sweep did, over every kind of deadline.
struct swept_deadlines {
    int reminded = 0;
    int overdue = 0;
    int escalated = 0;
    int expired = 0;  // published documents past their expiry date

    [[nodiscard]] bool any() const { return reminded + overdue + escalated + expired > 0; }
};

// Every deadline the program keeps (intake docking, and each dispatch deadline) is swept here,
// so that the loop in the application and the test clock run the same sweeps. Each part commits
// on its own: one failing kind does not hold back the others' alerts.
swept_deadlines sweep_all_deadlines(db::database& db, const clock& now, const std::string& city);

}  // namespace zhaoyin::service
