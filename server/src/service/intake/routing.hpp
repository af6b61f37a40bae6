#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::intake {

// Routing weights and thresholds: data (data/cities/<city>/routing.json), not code.
struct routing_rules {
    std::string version;
    double preference_weight = 50;
    double industry_weight = 40;
    double industry_rank_decay = 0.25;  // each place further down a unit's list counts less
    std::size_t max_candidates = 3;
    double min_score = 10;
    std::int64_t large_investment_cny = 500'000'000;
    double usd_cny_rate = 7.1;
    // Working minutes a unit has for each step (acknowledge, first contact, dock).
    int acknowledge_minutes = 120;
    int first_contact_minutes = 420;
    int dock_minutes = 1260;
    // Passing a mis-routed intent on within this many working minutes does not count against
    // the unit.
    int triage_minutes = 60;
    int remind_before_minutes = 30;
    // Overdue items go to the unit lead at once, and to the bureau this much later.
    int escalate_to_bureau_after_minutes = 420;
    // The public board names a unit from this many intents on, and shows an overdue item only
    // after the window in which the unit may contest it.
    int board_min_sample = 5;
    int board_contest_window_minutes = 420;
};

routing_rules shipped_routing_rules(const std::string& city);

// What routing reads from an intent.
struct intent_facts {
    std::string industry_code;  // a chain code (or a GB/T 4754 section, which matches no chain)
    std::int64_t investment_units = 0;  // whole currency units
    std::string currency = "CNY";       // CNY | USD
    std::string capital_type = "domestic";
    std::vector<std::int64_t> preferred_units;
};

struct candidate {
    std::int64_t unit_id = 0;
    std::string unit_name_zh;
    std::string unit_name_en;
    double score = 0;
    std::vector<message> reasons;
    bool informed_only =
        false;  // the bureau, a task force or the international desk: told, not ranked
};

// Scores every district and zone for an intent and returns the best (at most max_candidates,
// each at least min_score), then the units that are always told: the commerce bureau and the
// chain's task force for large investments, the international desk for foreign capital, and
// the bureau alone when no area matches.
std::vector<candidate> route(const intent_facts& intent, const std::vector<store::unit_row>& units,
                             const routing_rules& rules);

// What routing reads from free text, such as a consultation's question: the first industry
// chain whose Chinese or English name occurs in it, and the districts and zones it names (as
// the asker's preference). No amount, domestic capital.
intent_facts facts_from_text(const std::string& text,
                             const std::vector<store::industry_row>& industries,
                             const std::vector<store::unit_row>& units);

// The unit a single-owner item (a consultation) goes to: the best ranked candidate, else the
// first unit routing informs (the bureau when nothing matched); none when routing found no one.
std::optional<std::int64_t> leading_unit(const std::vector<candidate>& candidates);

// A routing decision as stored with the intent (candidates, scores and reasons as message keys,
// so that it reads in either language later), and back.
std::string decision_json(const std::vector<candidate>& candidates);
std::vector<candidate> decision_from_json(const std::string& text);

}  // namespace zhaoyin::service::intake
