#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::store {

struct project_row {
    std::int64_t id = 0;
    std::string name;
    std::optional<std::string> code_name;
    std::string company;
    std::optional<std::string> credit_code;
    std::string industry_code;
    std::string capital_type;      // domestic | foreign
    std::string investment_total;  // decimal string in currency units
    std::string currency;          // CNY | USD
    std::int64_t undertaking_unit_id = 0;
    std::vector<std::int64_t> collaborating_units;
    std::string source;  // meeting | event | intent | agency | unit
    std::optional<std::int64_t> meeting_id;
    std::optional<std::int64_t> event_id;
    std::optional<std::int64_t> intent_id;
    bool signed_large = false;
    bool campaign = false;
    std::optional<std::string> campaign_code;  // one of the city's campaigns (攻势)
    std::optional<std::int64_t> task_force_unit_id;
    std::string stage;
    // Written only: the stage the project was registered at (`stage` when absent).
    std::optional<std::string> registered_stage;
    std::int64_t created_by = 0;
    std::string created_at;
    std::string updated_at;
    std::string last_update_at;
    // Read only: who submitted the linked intent (the investor who may see the project).
    std::optional<std::int64_t> intent_owner;
    std::string created_by_name;  // read only
    bool confidential = false;
    std::optional<std::string> notes;  // negotiation notes
    std::optional<std::string> site_video_url;
    std::optional<std::int64_t> merged_into;
    std::optional<std::string> swept_light;  // the light the last sweep found
    // Read only (single reads): investor accounts the bureau provisioned for the project.
    std::vector<std::int64_t> investor_users;
};

struct stage_date_row {
    std::string stage;
    std::optional<std::string> planned_on;  // YYYY-MM-DD
    std::optional<std::string> actual_on;
    std::optional<std::string> first_planned_on;  // read only: kept from the first plan
};

struct fund_row {
    std::int64_t id = 0;
    std::optional<std::int64_t> update_id;
    std::string arrived_on;  // YYYY-MM-DD
    std::string amount;      // decimal string
    std::string currency;
    std::int64_t created_by = 0;
    std::string created_at;
};

struct project_update_row {
    std::int64_t id = 0;
    std::int64_t project_id = 0;
    std::string text;
    std::optional<std::string> stage_from;
    std::optional<std::string> stage_to;
    std::int64_t author_user_id = 0;
    std::string created_at;
};

struct project_event_row {
    std::int64_t id = 0;
    std::int64_t project_id = 0;
    std::string at;
    std::string kind;
    std::optional<std::int64_t> actor_user_id;
    std::optional<std::string> actor_name;
    std::string text;
    std::optional<std::string> detail;
};

// A person to talk to about a project. The phone is never written to logs.
struct contact_row {
    std::int64_t id = 0;
    std::string name;
    std::string role;
    std::optional<std::string> phone;
    std::optional<std::string> email;
};

// One approval procedure of a project (a procedure_type code).
struct procedure_row {
    std::string code;
    std::string status;                      // not_started | in_progress | approved | rejected
    std::optional<std::string> applied_on;   // YYYY-MM-DD
    std::optional<std::string> approved_on;  // the decision's date
};

// Where a project came from; a merge keeps every source of both projects.
struct source_row {
    std::string source;  // meeting | event | intent | agency | unit
    std::optional<std::int64_t> source_id;
    std::string registered_at;
};

// A record another may repeat, for the duplicate check: an intent, a project or a meeting.
struct duplicate_candidate {
    std::string type;  // intent | project | meeting
    std::int64_t id = 0;
    std::string title;
    std::string company;
    std::optional<std::string> credit_code;
    std::string label;  // what staff see: a confidential project's code name
};

// What a project list asks for: a scope (everything, or the projects linked to the owner's
// intents and those undertaken by or shared with the units) and the filters.
struct project_filter {
    bool everything = false;
    std::optional<std::int64_t> owner;
    std::vector<std::int64_t> units;
    std::optional<std::int64_t> unit;  // undertaking or collaborating
    std::optional<std::string> stage;
    std::optional<std::string> industry;
    std::optional<std::string> source;
    std::optional<bool> signed_large;
    std::optional<bool> campaign;
    std::string text;
    std::optional<std::string> updated_before;  // last update at or before (stale projects)
    // The dashboards' drill-down: registered in [created_from, created_before), undertaken by a
    // unit or one of several, signed at an event, followed by a task force, in a campaign, at a
    // stage or later. `source` also takes the dashboard's meeting_outbound, meeting_reception
    // and other.
    std::optional<std::string> created_from;
    std::optional<std::string> created_before;
    std::optional<std::int64_t> undertaking_unit;
    std::optional<std::vector<std::int64_t>> undertaking_units;
    std::optional<std::int64_t> event_id;
    std::optional<std::int64_t> task_force_unit_id;
    std::optional<std::string> campaign_code;
    std::optional<std::string> min_stage;
    // A stage-flow figure's drill-down: the projects that first entered `entered_stage` within
    // [entered_at_from, entered_at_before), coming from `entered_from` ("" when registered at it
    // or moved there from no recorded stage), as the dashboards' stage flow counts them.
    std::optional<std::string> entered_stage;
    std::string entered_from;
    std::string entered_at_from;
    std::string entered_at_before;
    int offset = 0;
    int limit = 20;
};

// The condition that project `p` is in a list scope: everything (an empty condition), or the
// projects linked to the owner's intents or investor accounts and those undertaken by or shared
// with the units. None when the scope covers nothing. Project lists and search both use it.
std::optional<std::string> project_scope_condition(std::vector<db::param>& params, bool everything,
                                                   const std::optional<std::int64_t>& owner,
                                                   const std::vector<std::int64_t>& units);

class project_store {
  public:
    explicit project_store(db::connection& conn) : conn_(conn) {}

    std::int64_t insert_project(const project_row& project, const std::string& now);
    std::optional<project_row> find_project(std::int64_t id);
    // Writes the editable fields and the collaborating units.
    void update_project(const project_row& project, const std::string& now);
    void set_stage(std::int64_t id, const std::string& stage, const std::string& now);
    void touch(std::int64_t id, const std::string& now);  // a dispatch record arrived
    void set_swept_light(std::int64_t id, const std::string& light);
    // Every project not merged into another, for the light sweep (collaborating units omitted).
    std::vector<project_row> active_projects();
    std::pair<std::vector<project_row>, std::int64_t> list_projects(const project_filter& filter);

    std::vector<stage_date_row> stage_dates(std::int64_t project_id);
    std::map<std::int64_t, std::vector<stage_date_row>> stage_dates_of(
        const std::vector<std::int64_t>& project_ids);
    void upsert_stage_date(std::int64_t project_id, const stage_date_row& row,
                           const std::string& now);

    std::int64_t insert_update(const project_update_row& row);
    std::int64_t insert_fund(std::int64_t project_id, const fund_row& row);
    std::vector<fund_row> funds_of(std::int64_t project_id);

    void add_investor(std::int64_t project_id, std::int64_t user_id, std::int64_t created_by,
                      const std::string& now);

    std::vector<source_row> sources_of(std::int64_t project_id);

    // Intents (the latest `limit`, and any with the credit code), projects not merged, and
    // meetings, to compare a project with.
    std::vector<duplicate_candidate> duplicate_candidates(
        const std::optional<std::string>& credit_code, int limit);
    // Moves every record of `from` (updates, funds, timeline, sources, contacts, attachments,
    // investors; stage dates and procedures the survivor lacks) to `into`, and marks `from`
    // merged into it.
    void merge_into(std::int64_t from, std::int64_t into, const std::string& now);

    std::vector<contact_row> contacts_of(std::int64_t project_id);
    void replace_contacts(std::int64_t project_id, const std::vector<contact_row>& contacts,
                          const std::string& now);
    std::vector<procedure_row> procedures_of(std::int64_t project_id);
    void upsert_procedure(std::int64_t project_id, const procedure_row& row,
                          const std::string& now);

    std::int64_t insert_event(const project_event_row& event);
    std::vector<project_event_row> events_of(std::int64_t project_id);

  private:
    db::connection& conn_;
};

}  // namespace zhaoyin::store
