#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "store/attachment_store.hpp"

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
    // What docking has reached (written by update_progress).
    std::optional<std::int64_t> primary_unit_id;
    std::optional<std::int64_t> handler_user_id;
    std::optional<std::string> claimed_at;
    std::optional<std::string> first_contact_at;
    std::optional<std::string> docked_at;
    std::optional<std::string> stage;
    bool disputed = false;
    std::optional<std::int64_t> duplicate_of;
};

// One unit's duty towards an intent (or a consultation): its role, the step it owes next and
// when that step is due.
struct assignment_row {
    std::int64_t id = 0;
    std::string subject_type;
    std::int64_t subject_id = 0;
    std::int64_t unit_id = 0;
    std::optional<std::int64_t> user_id;
    std::string role;                 // candidate | primary | collaborator | informed
    std::optional<std::string> step;  // acknowledge | first_contact | dock
    std::optional<std::string> due_at;
    std::optional<std::string> met_at;
    std::optional<std::string> paused_at;
    std::optional<std::string> pause_reason;
    std::optional<std::string> overdue_since;
    int escalation_level = 0;
    std::optional<std::string> ended_at;
    std::optional<std::string> ended_reason;  // declined | transferred | closed
    bool excused = false;
    std::optional<std::string> reminded_at;
    std::string created_at;
    std::optional<std::string> contest_status;  // the latest board contest's, if any

    bool active() const { return !ended_at.has_value(); }
};

struct intent_event_row {
    std::int64_t id = 0;
    std::int64_t intent_id = 0;
    std::string at;
    std::string kind;
    std::optional<std::int64_t> actor_user_id;
    std::optional<std::string> actor_name;
    std::optional<std::int64_t> unit_id;
    std::string text;
    std::optional<std::string> detail;
};

// A staff member's intake availability and current load.
struct staff_load_row {
    std::int64_t user_id = 0;
    std::string name;
    bool on_leave = false;
    int capacity = 0;
    std::int64_t open_items = 0;
};

// An inbox line: an active assignment of one of the caller's units, with its intent.
struct inbox_row {
    assignment_row assignment;
    intent_row intent;
    std::optional<std::string> assigned_user_name;
    std::string unit_name_zh;
    std::string unit_name_en;
};

struct inbox_filter {
    std::vector<std::int64_t> units;  // empty: every unit
    bool open_only = true;
    std::string text;
    int offset = 0;
    int limit = 20;
};

class intake_store {
  public:
    explicit intake_store(db::connection& conn) : conn_(conn) {}

    std::int64_t insert_intent(const intent_row& intent, const std::string& now);
    std::optional<intent_row> find_intent(std::int64_t id);
    // Writes status and the docking facts (primary unit, handler, times, stage, dispute).
    void update_progress(const intent_row& intent, const std::string& now);
    // Intents visible to a scope (everything; the owner's; or routed to one of the units),
    // newest first, and how many there are in all.
    std::pair<std::vector<intent_row>, std::int64_t> list_intents(
        bool everything, std::optional<std::int64_t> owner, const std::vector<std::int64_t>& units,
        int offset, int limit);
    // A recent intent (since `since`) with the same credit code, or else the recent intents of
    // the same company name, for the duplicate check to compare.
    std::vector<intent_row> recent_intents_like(const std::optional<std::string>& credit_code,
                                                const std::string& since, int limit);
    void insert_routing_decision(std::int64_t intent_id, const std::string& rules_version,
                                 const std::string& candidates_json, const std::string& now);
    std::optional<std::string> routing_decision(std::int64_t intent_id);

    std::int64_t insert_assignment(const assignment_row& row, const std::string& now);
    void update_assignment(const assignment_row& row, const std::string& now);
    std::optional<assignment_row> find_assignment(std::int64_t id);
    std::vector<assignment_row> assignments_of(const std::string& subject_type,
                                               std::int64_t subject_id);
    // Active, unpaused duties towards intents with a deadline not yet met, each with its intent
    // (one query): what the deadline sweep reads.
    std::vector<std::pair<assignment_row, intent_row>> open_deadlines();
    std::pair<std::vector<inbox_row>, std::int64_t> inbox(const inbox_filter& filter);

    std::int64_t insert_attachment(const attachment_row& meta, const std::string& content_base64);
    std::vector<attachment_row> attachments_of(std::int64_t intent_id);
    // The attachment's metadata and base64 content, if it belongs to the intent.
    std::optional<std::pair<attachment_row, std::string>> attachment(std::int64_t intent_id,
                                                                     std::int64_t id);

    std::int64_t insert_event(const intent_event_row& event);
    std::vector<intent_event_row> events_of(std::int64_t intent_id);

    // Staff of a unit who can take new work, least busy first: not on leave, below their
    // capacity of open items.
    std::vector<std::int64_t> available_staff(std::int64_t unit_id);
    std::vector<staff_load_row> staff_load(std::int64_t unit_id);
    // False when the user is not staff of the unit.
    bool set_availability(std::int64_t unit_id, std::int64_t user_id, bool on_leave, int capacity,
                          const std::string& now);
    // Active users holding a role, optionally only those of one unit.
    std::vector<std::int64_t> users_with_role(const std::string& role,
                                              std::optional<std::int64_t> unit_id);
    std::optional<std::string> user_name(std::int64_t user_id);
    // The intents' files, kept like every record's.
    attachment_store attachments();

  private:
    db::connection& conn_;
};

}  // namespace zhaoyin::store
