#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "db/database.hpp"
#include "service/identity/accounts.hpp"
#include "service/intake/routing.hpp"

namespace zhaoyin::service::intake {

// Routing rules as the commerce bureau tunes them in the console: every save is a new version
// in the database, the newest routes new intents, and without one the city's shipped defaults
// (data/cities/<city>/routing.json) apply.

// The rules that route a new intent now. Call it on the transaction's connection, so that the
// rules and the decision they make belong to one snapshot.
routing_rules active_routing_rules(db::connection& conn, const std::string& city);

// The rules in the shape of routing.json (without version and note): weights.preference,
// weights.industry_match, industry_rank_decay, max_candidates, min_score, large_investment_cny
// and usd_cny_rate (decimal strings), deadlines_minutes.{acknowledge,first_contact,dock},
// triage_minutes, remind_before_minutes, escalate_to_bureau_after_minutes and
// board.{min_sample,contest_window_minutes}.
boost::json::object rules_json(const routing_rules& rules);

// Reads and checks rules in that shape; every bad field is named in `errors` as
// `<prefix><path>` (e.g. "rules.weights.preference"). Numbers may also come as decimal strings.
routing_rules rules_from_json(const boost::json::value& value, field_errors& errors,
                              const std::string& prefix = "");

// A saved version as the console lists it.
struct rules_version {
    int version = 0;
    routing_rules rules;
    std::int64_t created_by = 0;
    std::string created_by_name;
    std::string created_at;
    std::string note;
};

struct rules_overview {
    int current_version = 0;  // 0: the shipped defaults
    routing_rules current;
    routing_rules shipped;
    std::vector<rules_version> history;  // newest first
};

rules_overview routing_rules_overview(db::database& db, const std::string& city,
                                      int history_limit = 50);

// One intent of a dry run: its stored routing and what the proposed rules would do.
struct dry_run_item {
    std::int64_t intent_id = 0;
    std::string title;
    std::string created_at;
    std::string rules_version;      // of the stored decision
    std::vector<candidate> before;  // the stored decision (reasons not kept)
    std::vector<candidate> after;
    bool changed = false;  // other units, another order, or informed units differ
};

struct dry_run_result {
    std::vector<dry_run_item> items;  // newest first
    int changed = 0;
};

// Re-routes the newest `limit` routed intents with the proposed rules over today's units,
// without writing anything, and compares each with the decision stored at submission.
dry_run_result dry_run(db::database& db, const routing_rules& proposed, int limit = 100);

// Stores the rules as a new version and records it in the audit trail, in one transaction.
// `base_version` is the version the operator edited (0: the defaults); when another save came
// in between, 409 conflict. A note of more than 500 characters is a 422.
rules_version save_routing_rules(db::database& db, const clock& now, const identity::principal& who,
                                 const routing_rules& rules, const std::string& note,
                                 std::optional<int> base_version, const identity::origin& from,
                                 const std::string& city);

}  // namespace zhaoyin::service::intake
