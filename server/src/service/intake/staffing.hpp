#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "service/identity/accounts.hpp"
#include "store/intake_store.hpp"

namespace zhaoyin::service::intake {

// A unit's staff as person-level routing sees them: on leave or not, capacity, open items.
std::vector<store::staff_load_row> staff_load(db::database& db, const identity::principal& who,
                                              std::int64_t unit_id);

// A unit lead marks a staff member on leave (new items skip them) or sets their capacity.
std::vector<store::staff_load_row> set_availability(db::database& db, const clock& now,
                                                    const identity::principal& who,
                                                    std::int64_t unit_id, std::int64_t user_id,
                                                    std::optional<bool> on_leave,
                                                    std::optional<std::int64_t> capacity,
                                                    const identity::origin& from);

}  // namespace zhaoyin::service::intake
