#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::store {

// A recorded stage change of a project (project_update with a stage).
struct stage_change {
    std::string at;  // RFC 3339, UTC
    std::string from;
    std::string to;
};

// What the dashboards need of one current (not merged) project, read from the base tables.
struct project_facts {
    std::int64_t id = 0;
    std::int64_t unit_id = 0;  // undertaking
    std::string industry;
    std::string source;  // meeting | event | intent | agency | unit
    std::optional<std::string> meeting_category;
    std::optional<std::int64_t> event_id;
    std::optional<std::string> campaign_code;
    std::optional<std::int64_t> task_force_unit_id;
    std::string stage;
    bool signed_large = false;
    std::string investment_total;
    std::string currency;
    std::string created_at;
    std::string registered_stage;
    std::int64_t funds_cny_cents = 0;
    std::int64_t funds_usd_cents = 0;
    std::vector<stage_change> changes;  // oldest first
};

struct total_key {
    std::string dimension;
    std::string industry;  // a code or '*'
    std::string source;    // a dashboard source or '*'
    std::string month;     // YYYY-MM
    std::int64_t unit_id = 0;
    std::string value;
    auto operator<=>(const total_key&) const = default;
};

struct total_amounts {
    std::int64_t projects = 0;
    std::int64_t investment_cny_cents = 0;
    std::int64_t investment_usd_cents = 0;
    std::int64_t funds_cny_cents = 0;
    std::int64_t funds_usd_cents = 0;
    bool operator==(const total_amounts&) const = default;
};

struct flow_key {
    std::string industry;
    std::string source;
    std::string month;
    std::int64_t unit_id = 0;
    std::string from_stage;  // '' for registration
    std::string to_stage;
    auto operator<=>(const flow_key&) const = default;
};

struct flow_amounts {
    std::int64_t projects = 0;
    std::int64_t investment_cny_cents = 0;
    std::int64_t investment_usd_cents = 0;
    bool operator==(const flow_amounts&) const = default;
};

using total_map = std::map<total_key, total_amounts>;
using flow_map = std::map<flow_key, flow_amounts>;

// Which aggregate rows a figure reads: one dimension, industry and source (or '*'), a range of
// months, and the undertaking units (every unit when empty).
struct total_query {
    std::string dimension;
    std::string industry = "*";
    std::string source = "*";
    std::string first_month;
    std::string last_month;
    std::vector<std::int64_t> units;
};

// A figure per value and undertaking unit.
struct total_row {
    std::string value;
    std::int64_t unit_id = 0;
    total_amounts amounts;
};

struct flow_row {
    std::string month;
    std::int64_t unit_id = 0;
    std::string from_stage;
    std::string to_stage;
    flow_amounts amounts;
};

struct indicator_row {
    std::string month;
    std::int64_t unit_id = 0;
    std::string indicator;
    std::string value;
    bool illustrative = false;
};

class dashboard_store {
  public:
    explicit dashboard_store(db::connection& conn) : conn_(conn) {}

    // The current projects among `ids`.
    std::vector<project_facts> facts_of(const std::vector<std::int64_t>& ids);
    // The current projects with first ≤ id ≤ last, for a recomputation in batches.
    std::vector<project_facts> facts_between(std::int64_t first, std::int64_t last);
    std::int64_t max_project_id();

    // Adds the amounts to the rows (creating them); rows that fall to zero are removed.
    void add_totals(const total_map& delta);
    void add_flows(const flow_map& delta);
    // Writes fresh rows into emptied tables (a recomputation).
    void clear();
    void insert_totals(const total_map& rows);
    void insert_flows(const flow_map& rows);
    total_map all_totals();
    flow_map all_flows();

    std::vector<total_row> totals(const total_query& query);
    std::vector<flow_row> flows(const total_query& query);

    std::vector<indicator_row> indicators(const std::string& first_month,
                                          const std::string& last_month);
    void upsert_indicator(const indicator_row& row, std::optional<std::int64_t> user,
                          const std::string& now);

  private:
    std::vector<project_facts> facts_where(const std::string& condition,
                                           const std::vector<db::param>& params);
    db::connection& conn_;
};

}  // namespace zhaoyin::store
