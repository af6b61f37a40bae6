#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "service/identity/accounts.hpp"
#include "service/identity/principal.hpp"
#include "store/dashboard_store.hpp"

namespace zhaoyin::service::dashboard {

// The monthly figures the bureau enters per district (or uploads as a spreadsheet that the
// browser turns into these rows).
const std::vector<std::string>& indicator_codes();

struct indicator_input {
    std::optional<std::int64_t> unit_id;
    std::string indicator;
    std::string value;  // decimal string in the indicator's currency
};

struct indicator_month {
    std::string month;  // YYYY-MM
    std::vector<store::indicator_row> figures;
};

// The figures of one month (YYYY-MM); 422 on `month` when malformed.
indicator_month indicators_of(db::database& db, const std::string& month);

// Writes every figure or none: each bad row is named (`figures[2].value`). Audited.
indicator_month save_indicators(db::database& db, const clock& now, const identity::principal& who,
                                const std::string& month,
                                const std::vector<indicator_input>& figures,
                                const identity::origin& from);

// With --demo: illustrative monthly figures for 2025 and 2026 per district, once.
void ensure_demo_indicators(db::connection& conn, const clock& now);

}  // namespace zhaoyin::service::dashboard
