#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "service/dispatch/supervision.hpp"
#include "service/identity/accounts.hpp"
#include "service/identity/principal.hpp"
#include "store/round_store.hpp"

namespace zhaoyin::service::dispatch {

struct round_input {
    std::string name;
    std::string closes_at;  // RFC 3339, after now
};

// One unit's update rate (项目更新率) in a round: updated ÷ undertaken.
struct unit_rate {
    std::int64_t unit_id = 0;
    std::string unit_name_zh;
    std::string unit_name_en;
    std::int64_t undertaken = 0;
    std::int64_t updated = 0;
    // Basis points (10000 = every project updated): integers, so rankings compare exactly.
    std::int64_t rate_bp = 0;
};

struct round_view {
    store::round_row round;
    std::vector<unit_rate> units;  // the caller's units, or all for the bureau and leaders
};

struct round_pending {
    store::round_row round;
    std::vector<store::pending_project_row> projects;
};

// The update rate of every unit in the round (only `units` unless empty): projects each
// undertook when the round opened, and how many of them got a dispatch record between the
// opening and the close (until now while it is open; frozen once closed). The rankings reuse it.
std::vector<unit_rate> round_update_rates(db::connection& conn, time_point now,
                                          const store::round_row& round,
                                          const std::vector<std::int64_t>& units = {});

// Opens a round now; conflict while another is open.
round_view open_round(db::database& db, const clock& now, const identity::principal& who,
                      const round_input& input, const identity::origin& from);
std::pair<std::vector<store::round_row>, std::int64_t> list_rounds(db::database& db, int offset,
                                                                   int limit);
round_view view_round(db::database& db, const clock& now, const identity::principal& who,
                      std::int64_t id);
// The projects of the caller's units (a chosen unit for the bureau) still to update.
round_pending pending_in_round(db::database& db, const clock& now, const identity::principal& who,
                               std::int64_t id, std::optional<std::int64_t> unit);
// Closes the round now, freezing its rates; conflict when already closed.
round_view close_round(db::database& db, const clock& now, const identity::principal& who,
                       std::int64_t id, const identity::origin& from);

// Inside the sweep: reminds units with projects not yet updated once the close is within the
// lead time, and closes the round at closes_at. Without `apply` it only counts.
supervision_sweep sweep_rounds(db::connection& conn, const clock& now,
                               const supervision_rules& rules, bool apply);

}  // namespace zhaoyin::service::dispatch
