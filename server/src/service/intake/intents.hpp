#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "service/identity/accounts.hpp"
#include "service/intake/routing.hpp"
#include "store/intake_store.hpp"

namespace zhaoyin::service::intake {

struct intent_input {
    std::string title;
    std::string company;
    std::optional<std::string> credit_code;
    std::string contact_name;
    std::string contact_phone;
    std::string industry;          // a code, or its Chinese or English name
    std::string investment_total;  // decimal string in currency units
    std::string currency;
    std::string capital_type;
    std::vector<std::int64_t> preferred_units;
    std::optional<std::string> land_mu;
    std::optional<std::int64_t> jobs;
    std::string description;
};

struct unit_brief {
    std::string name_zh;
    std::string name_en;
    std::optional<std::string> phone;
    std::string type;
};

// An intent as one caller sees it.
struct intent_view {
    store::intent_row intent;
    std::vector<candidate> routing;
    std::vector<store::assignment_row> assignments;
    std::vector<store::intent_event_row> timeline;
    std::vector<store::attachment_row> attachments;
    std::map<std::int64_t, unit_brief> units;    // every unit the view names
    std::map<std::int64_t, std::string> people;  // every person the view names
    std::vector<std::string> actions;            // what the caller may do now
    bool staff = false;                  // the caller is not the submitter: sees the duplicate flag
    bool contact_phone_visible = false;  // the submitter, or a unit handling it
    std::optional<store::intent_row> duplicate;
};

// The caller's view of an intent read on `conn`; not found when out of scope.
intent_view view_of(db::connection& conn, const identity::principal& who, std::int64_t id);

// Validates (every bad field named at once; nothing stored), stores the intent, routes it,
// records the decision with its reasons, gives each candidate unit an acknowledge deadline in
// working time, and writes a live alert per unit to the outbox — all in one transaction.
intent_view submit_intent(db::database& db, const clock& now, const identity::principal& who,
                          const intent_input& input, const identity::origin& from,
                          const std::string& city);

// An intent the caller may see: their own, or one routed to a unit in their scope.
intent_view view_intent(db::database& db, const identity::principal& who, std::int64_t id);

// The intents the caller may see (the same scope as view_intent), newest first.
std::pair<std::vector<store::intent_row>, std::int64_t> list_intents(db::database& db,
                                                                     const identity::principal& who,
                                                                     int offset, int limit);

}  // namespace zhaoyin::service::intake
