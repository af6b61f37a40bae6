#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::store {

struct instruction_row {
    std::int64_t id = 0;
    std::int64_t project_id = 0;
    std::int64_t unit_id = 0;  // the undertaking unit when it was given
    std::string text;
    std::string due_at;
    std::int64_t author_user_id = 0;
    std::optional<std::string> response;
    std::optional<std::string> responded_at;
    std::optional<std::int64_t> responded_by;
    std::string created_at;
    std::string project_name;                   // read only
    std::string author_name;                    // read only
    std::optional<std::string> responder_name;  // read only
};

struct instruction_filter {
    bool everything = false;
    std::vector<std::int64_t> units;
    std::optional<bool> answered;
    int offset = 0;
    int limit = 20;
};

struct ticket_row {
    std::int64_t id = 0;
    std::string reason;  // stale | red_light | instruction | missed_report | manual
    std::string state;   // issued | signed_for | handled | feedback | reviewed | closed
    std::int64_t unit_id = 0;
    std::optional<std::int64_t> project_id;
    std::string subject_key;  // empty on insert: "manual:<id>"
    std::string text;
    std::optional<std::string> due_at;
    std::optional<std::string> overdue_since;
    int escalation_level = 0;
    std::optional<std::int64_t> created_by;
    std::optional<std::string> closed_at;
    std::string created_at;
    std::string updated_at;
    std::optional<std::string> project_name;  // read only
};

struct ticket_step_row {
    std::int64_t id = 0;
    std::int64_t ticket_id = 0;
    std::string state;  // the state reached
    std::string text;
    std::optional<std::int64_t> actor_user_id;
    std::optional<std::string> actor_name;
    std::string at;
    std::optional<std::string> due_at;  // the deadline the step had
    std::optional<bool> on_time;
};

struct ticket_filter {
    bool everything = false;
    std::vector<std::int64_t> units;
    std::optional<std::string> state;
    std::optional<std::string> reason;
    std::optional<std::int64_t> unit;
    // Only tickets whose current step is (or is not) past its deadline at `now`.
    std::optional<bool> overdue;
    std::string now;
    int offset = 0;
    int limit = 20;
};

// Closed tickets of one unit, and how many of them never had a late step.
struct unit_closure_row {
    std::int64_t unit_id = 0;
    std::int64_t closed = 0;
    std::int64_t on_time = 0;
};

// A project that has had no dispatch record since `last_update_at`.
struct stale_project_row {
    std::int64_t project_id = 0;
    std::string name;
    std::int64_t unit_id = 0;
    std::string last_update_at;
};

class supervision_store {
  public:
    explicit supervision_store(db::connection& conn) : conn_(conn) {}

    std::int64_t insert_instruction(const instruction_row& row);
    std::optional<instruction_row> find_instruction(std::int64_t id);
    std::pair<std::vector<instruction_row>, std::int64_t> list_instructions(
        const instruction_filter& filter);
    void respond(std::int64_t id, const std::string& text, std::int64_t user_id,
                 const std::string& now);
    // Unanswered instructions due before `now` that never had a ticket.
    std::vector<instruction_row> unanswered_past_due(const std::string& now);

    std::int64_t insert_ticket(const ticket_row& row);
    std::optional<ticket_row> find_ticket(std::int64_t id);
    std::optional<ticket_row> open_ticket_for(const std::string& subject_key);
    std::pair<std::vector<ticket_row>, std::int64_t> list_tickets(const ticket_filter& filter);
    // Writes the state, deadline, lateness, escalation and closing time.
    void update_ticket(const ticket_row& row, const std::string& now);
    std::int64_t insert_step(const ticket_step_row& row);
    std::vector<ticket_step_row> steps_of(std::int64_t ticket_id);
    // Open tickets in one of `states` whose step was due before `now`.
    std::vector<ticket_row> past_due(const std::vector<std::string>& states,
                                     const std::string& now);
    std::vector<unit_closure_row> closures_by_unit(const std::string& from, const std::string& to);

    // Projects short of full capacity not updated since `before`, with no ticket for this
    // stretch (subject "stale:project:<id>:<last update>").
    std::vector<stale_project_row> stale_projects(const std::string& before);

  private:
    db::connection& conn_;
};

}  // namespace zhaoyin::store
