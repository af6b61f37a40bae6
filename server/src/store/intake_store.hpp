#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::store {

struct intent_row {
    std::int64_t id = 0;
    std::string title;
    std::string company;
    std::optional<std::string> credit_code;
    std::string contact_name;
    std::string contact_phone;
    std::string industry_code;
    std::string investment_total;
    std::string currency;
    std::string capital_type;
    std::optional<std::string> land_mu;
    std::optional<std::int64_t> jobs;
    std::string description;
    std::string status;
    std::int64_t submitted_by = 0;
    std::string created_at;
    std::vector<std::int64_t> preferred_units;
};

struct assignment_row {
    std::int64_t id = 0;
    std::string subject_type;
    std::int64_t subject_id = 0;
    std::int64_t unit_id = 0;
    std::optional<std::int64_t> user_id;
    std::string role;
    std::optional<std::string> step;
    std::optional<std::string> due_at;
    std::optional<std::string> met_at;
};

class intake_store {
  public:
    explicit intake_store(db::connection& conn) : conn_(conn) {}

    std::int64_t insert_intent(const intent_row& intent, const std::string& now);
    std::optional<intent_row> find_intent(std::int64_t id);
    // Intents visible to a scope (everything; the owner's; or routed to one of the units),
    // newest first, and how many there are in all.
    std::pair<std::vector<intent_row>, std::int64_t> list_intents(
        bool everything, std::optional<std::int64_t> owner, const std::vector<std::int64_t>& units,
        int offset, int limit);
    void insert_routing_decision(std::int64_t intent_id, const std::string& rules_version,
                                 const std::string& candidates_json, const std::string& now);
    std::optional<std::string> routing_decision(std::int64_t intent_id);
    void insert_assignment(const assignment_row& row, const std::string& now);
    std::vector<assignment_row> assignments_of(const std::string& subject_type,
                                               std::int64_t subject_id);

  private:
    db::connection& conn_;
};

}  // namespace zhaoyin::store
