#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "store/dashboard_store.hpp"

namespace zhaoyin::service::dashboard {

// How many projects entered a stage (for the first time) in a range, per undertaking unit, and
// their current investment, yuan and US dollars apart (decimal strings). A project registered
// at a stage enters it when registered.
struct stage_entry {
    std::int64_t unit_id = 0;
    std::string stage;
    std::int64_t projects = 0;
    std::string investment_cny;
    std::string investment_usd;
};

// The entries of every stage from `from` to `to` (YYYY-MM-DD, China time, whole months: the
// aggregate is monthly, so a range is widened to the months it touches), for one unit or all.
std::vector<stage_entry> stage_entries(db::connection& conn, const std::string& from,
                                       const std::string& to,
                                       std::optional<std::int64_t> unit = std::nullopt);

// Per undertaking unit, the current key projects (merged duplicates left out) registered in the
// months `first_month` to `last_month` (YYYY-MM, China time): one read of the monthly aggregate
// instead of a scan of the period's projects.
std::map<std::int64_t, std::int64_t> projects_registered(db::connection& conn,
                                                         const std::string& first_month,
                                                         const std::string& last_month);

// Hundredths as a decimal string with two fraction digits, as the dashboards show money.
std::string money_of(std::int64_t hundredths);

// What some projects contribute to the aggregates.
struct share {
    store::total_map totals;
    store::flow_map flows;
};

// The dashboard source of a project: meeting_outbound, meeting_reception, event or other.
std::string dashboard_source(const std::string& source,
                             const std::optional<std::string>& meeting_category);

// The month (YYYY-MM, China time) of an RFC 3339 instant.
std::string china_month(const std::string& instant);

// The current share of the projects (merged ones contribute nothing). Take it before a write
// and pass it to update_aggregates after, in the same transaction.
share share_of(db::connection& conn, const std::vector<std::int64_t>& project_ids);

// Applies the difference between `before` and the projects' share now.
void update_aggregates(db::connection& conn, const share& before,
                       const std::vector<std::int64_t>& project_ids);

// Rebuilds both aggregate tables from the base tables, in batches of projects.
void recompute_aggregates(db::connection& conn);

// The aggregates as a recomputation would write them, without writing (for tests).
share recomputed(db::connection& conn);

}  // namespace zhaoyin::service::dashboard
