#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "service/dispatch/lights.hpp"
#include "service/dispatch/project_record.hpp"
#include "service/identity/accounts.hpp"
#include "service/identity/principal.hpp"
#include "store/attachment_store.hpp"
#include "store/project_store.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::dispatch {

// Planned and actual date (YYYY-MM-DD) of one stage; the stage is a code or its Chinese name.
struct stage_date_input {
    std::string stage;
    std::optional<std::string> planned_on;
    std::optional<std::string> actual_on;
};

// A key project's registration.
struct project_input {
    std::string name;
    std::optional<std::string> code_name;
    std::string company;
    std::optional<std::string> credit_code;
    std::string industry;  // a code, or its Chinese or English name
    std::string capital_type;
    std::string investment_total;  // decimal string in currency units
    std::string currency;
    std::optional<std::int64_t> undertaking_unit_id;
    std::vector<std::int64_t> collaborating_unit_ids;
    std::string source;
    std::optional<std::int64_t> meeting_id;
    std::optional<std::int64_t> event_id;
    std::optional<std::int64_t> intent_id;
    bool campaign = false;
    std::optional<std::string> campaign_code;  // one of the city's campaigns (攻势)
    std::optional<std::int64_t> task_force_unit_id;
    std::optional<std::string> stage;  // a code or its Chinese name; planning when absent
    std::vector<stage_date_input> stage_dates;
    bool confidential = false;  // needs a code name
    std::optional<std::string> notes;
    std::optional<std::string> site_video_url;  // https only
    std::vector<contact_input> contacts;
    std::vector<procedure_input> procedures;
};

// PATCH: only what is present changes. An empty code name or credit code clears it; a
// task_force_unit_id of nullopt inside the optional clears it.
struct project_changes {
    std::optional<std::string> name;
    std::optional<std::string> code_name;
    std::optional<std::string> company;
    std::optional<std::string> credit_code;
    std::optional<std::string> industry;
    std::optional<std::string> capital_type;
    std::optional<std::string> investment_total;
    std::optional<std::string> currency;
    std::optional<std::int64_t> undertaking_unit_id;
    std::optional<std::vector<std::int64_t>> collaborating_unit_ids;
    std::optional<bool> campaign;
    std::optional<std::string> campaign_code;  // empty clears
    std::optional<std::optional<std::int64_t>> task_force_unit_id;
    std::optional<bool> confidential;
    std::optional<std::string> notes;                    // empty clears
    std::optional<std::string> site_video_url;           // empty clears
    std::optional<std::vector<contact_input>> contacts;  // replaces the contacts
    std::vector<procedure_input> procedures;             // procedure changes
    std::vector<std::string> unknown_fields;             // refused with the other bad fields
};

struct fund_input {
    std::string arrived_on;  // YYYY-MM-DD, not in the future
    std::string amount;      // decimal string
    std::string currency;    // USD for foreign capital, CNY for domestic
};

// A dispatch record: text, and optionally a new stage, funds arrived and stage dates.
struct update_input {
    std::string text;
    std::optional<std::string> stage;
    std::optional<fund_input> funds;
    std::vector<stage_date_input> stage_dates;
    std::vector<procedure_input> procedures;  // procedure changes
};

struct unit_name {
    std::string name_zh;
    std::string name_en;
};

// A project as one caller sees it.
struct project_view {
    store::project_row project;
    std::vector<store::stage_row> stages;  // reference stages, in order
    std::vector<store::stage_date_row> stage_dates;
    std::vector<store::fund_row> funds;
    std::vector<store::project_event_row> timeline;
    // For the units only, like the timeline.
    std::vector<store::contact_row> contacts;
    std::vector<store::procedure_row> procedures;
    std::vector<store::procedure_type_row> procedure_types;
    std::vector<store::source_row> sources;  // the first is credited
    std::vector<possible_duplicate> possible_duplicates;
    std::vector<store::attachment_row> attachments;
    std::map<std::int64_t, unit_name> units;  // every unit the view names
    int freshness_days = 0;
    light_rating light;
    // A confidential project's secrets are masked; a cleared caller may reveal them.
    bool cleared = false;
    // The caller sees the project through its units (or sees everything), not only as the
    // investor of the linked intent: the dispatch timeline is for them.
    bool internal = false;
};

struct project_query {
    std::optional<std::int64_t> unit;
    std::optional<std::string> stage;     // code or Chinese name
    std::optional<std::string> industry;  // code or name
    std::optional<std::string> source;
    std::optional<bool> signed_large;
    std::optional<bool> campaign;
    std::string text;
    std::optional<int> stale_days;
    std::optional<std::string> light;  // green | yellow | red
    // The dashboards' drill-down (see store::project_filter).
    std::optional<std::string> period;  // 2026, 2026-Q4 or 2026-11: registered then
    std::optional<std::int64_t> undertaking_unit;
    std::optional<bool> own_units;  // undertaken by the caller's own units
    std::optional<std::int64_t> event_id;
    std::optional<std::int64_t> task_force_unit_id;
    std::optional<std::string> campaign_code;
    std::optional<std::string> min_stage;
    // A stage-flow figure: first entered this stage (code or name) within the period, from that
    // stage (`registration`, the default, for a project registered at it).
    std::optional<std::string> entered_stage;
    std::optional<std::string> entered_from;
    std::optional<std::string> entered_period;
    int offset = 0;
    int limit = 20;
};

struct project_list {
    std::vector<store::project_row> items;
    std::vector<int> freshness_days;   // one per item
    std::vector<light_rating> lights;  // one per item
    std::int64_t total = 0;
    std::map<std::int64_t, unit_name> units;
    std::vector<store::stage_row> stages;
};

// Investment of at least 5 亿 yuan (US dollars at the city's rate): the signed_large flag.
bool is_signed_large(const std::string& amount, const std::string& currency,
                     const std::string& city);

// The project if the caller may see it (the scope of view_project); not found otherwise.
store::project_row project_in_scope(store::project_store& store, const identity::principal& who,
                                    std::int64_t id);

// Adds an entry to the project's timeline as `who`, inside the caller's transaction: the
// project's own changes and those of other dispatch work (an instruction and its answer).
void add_event(store::project_store& store, std::int64_t project, const std::string& at,
               const std::string& kind, const identity::principal& who, const std::string& text,
               std::optional<std::string> detail = std::nullopt);

// Days since the last dispatch record (whole days, never negative).
int freshness_days(const std::string& last_update_at, time_point now);

// Validates every field at once (422, nothing stored), stores the project with its stage dates
// and the first timeline entry, and records it in the audit trail, in one transaction.
project_view register_project(db::database& db, const clock& now, const identity::principal& who,
                              const project_input& input, const identity::origin& from,
                              const std::string& city);

// A project in the caller's scope (the undertaking or a collaborating unit, everything for the
// bureau and leaders, the investor's own through the linked intent); not found otherwise.
project_view view_project(db::database& db, const clock& now, const identity::principal& who,
                          std::int64_t id, const std::string& city);

// The projects the caller may see (the same scope as view_project), newest first.
project_list list_projects(db::database& db, const clock& now, const identity::principal& who,
                           const project_query& query, const std::string& city);

// Edits the editable fields; audited, and on the timeline.
project_view edit_project(db::database& db, const clock& now, const identity::principal& who,
                          std::int64_t id, const project_changes& changes,
                          const identity::origin& from, const std::string& city);

// Records a dispatch update with its stage, funds and dates in one transaction: any bad part
// refuses the whole update.
project_view record_update(db::database& db, const clock& now, const identity::principal& who,
                           std::int64_t id, const update_input& input, const identity::origin& from,
                           const std::string& city);

}  // namespace zhaoyin::service::dispatch
