#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::store {

struct consultation_row {
    std::int64_t id = 0;
    std::string question;
    std::string context_type;  // policy news regulation cost_table directory_entry lounge_page
                               // park project general
    std::optional<std::int64_t> context_id;
    std::optional<std::int64_t> context_version;
    std::optional<std::string> context_title;
    std::int64_t asked_by = 0;
    std::int64_t unit_id = 0;
    std::string routed_by;  // context | routing | bureau | transfer
    std::string routed_at;
    std::string status;  // open | answered
    std::string due_at;
    std::optional<std::string> reminded_at;
    std::optional<std::string> overdue_since;
    int escalation_level = 0;
    std::optional<std::string> answer;
    std::optional<std::int64_t> answered_by;
    std::optional<std::string> answered_by_name;
    std::optional<std::string> answered_at;
    std::optional<bool> answered_on_time;
    std::optional<std::int64_t> faq_document_id;
    std::string created_at;
    std::string updated_at;
    // Read only.
    std::string unit_name_zh;
    std::string unit_name_en;
    std::string asker_name;
};

struct consultation_event_row {
    std::int64_t id = 0;
    std::int64_t consultation_id = 0;
    std::string at;
    std::string kind;
    std::optional<std::string> actor_name;  // the audit trail names the account
    std::optional<std::int64_t> unit_id;
    std::string text;
};

// A list in the caller's scope (everything, or own questions and those of these units).
struct consultation_filter {
    bool everything = false;
    std::optional<std::int64_t> asked_by;
    std::vector<std::int64_t> units;
    std::optional<std::string> status;
    std::optional<bool> overdue;  // open and past due at `now`
    std::string now;
    std::optional<std::string> context_type;
    std::string text;  // in the question, the answer or the context's title
    int offset = 0;
    int limit = 20;
};

// One unit's consultations, for the accountability figures.
struct consultation_count_row {
    std::int64_t unit_id = 0;
    std::string name_zh;
    std::string name_en;
    std::int64_t received = 0;
    std::int64_t answered = 0;
    std::int64_t answered_on_time = 0;
    std::int64_t open_overdue = 0;
};

class consultation_store {
  public:
    explicit consultation_store(db::connection& conn) : conn_(conn) {}

    std::int64_t insert(const consultation_row& row);
    std::optional<consultation_row> find(std::int64_t id);
    void update(const consultation_row& row);
    std::pair<std::vector<consultation_row>, std::int64_t> list(const consultation_filter& f);
    // Open consultations not yet escalated to the bureau, soonest due first.
    std::vector<consultation_row> open_deadlines();

    std::int64_t insert_event(const consultation_event_row& row);
    std::vector<consultation_event_row> events_of(std::int64_t consultation_id);

    // What names the asker in a text: their name and their company's name.
    std::vector<std::string> asker_names(std::int64_t user_id);
    // Per unit that has received any, with open ones counted overdue once due (at or before `now`).
    std::vector<consultation_count_row> counts_by_unit(const std::string& now);

  private:
    db::connection& conn_;
};

}  // namespace zhaoyin::store
