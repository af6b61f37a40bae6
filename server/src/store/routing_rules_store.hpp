#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::store {

// One saved version of a city's routing rules (the rules as JSON text).
struct routing_rule_version_row {
    std::int64_t id = 0;
    int version = 0;
    std::string rules;
    std::int64_t created_by = 0;
    std::string created_by_name;
    std::string created_at;
    std::string note;
};

// An intent as routing sees it, with the decision stored when it was submitted.
struct routed_intent_row {
    std::int64_t id = 0;
    std::string title;
    std::string industry_code;
    std::string investment_total;
    std::string currency;
    std::string capital_type;
    std::string created_at;
    std::vector<std::int64_t> preferred_units;
    std::string rules_version;
    std::string candidates;  // the stored decision's candidates (JSON)
};

// Routing rule versions, and the recent intents a dry run re-routes.
class routing_rules_store {
  public:
    explicit routing_rules_store(db::connection& conn) : conn_(conn) {}

    std::optional<routing_rule_version_row> latest();
    // Newest first.
    std::vector<routing_rule_version_row> history(int limit);
    // The next version number is one past the newest; a concurrent save of the same number
    // fails on the unique version.
    routing_rule_version_row insert(const std::string& rules, std::int64_t created_by,
                                    const std::string& note, const std::string& now);

    // The newest intents that have a routing decision, newest first, each with its first
    // decision (the one made at submission).
    std::vector<routed_intent_row> recent_routed_intents(int limit);

  private:
    db::connection& conn_;
};

}  // namespace zhaoyin::store
