#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "service/deadline_sweep.hpp"
#include "service/identity/accounts.hpp"
#include "service/identity/principal.hpp"
#include "store/meeting_store.hpp"

namespace zhaoyin::service::dispatch {

// A leader meeting as the bureau or a city leader records it.
struct meeting_input {
    std::string category;  // outbound | reception
    std::vector<std::string> leaders;
    std::string held_on;  // YYYY-MM-DD, not in the future
    std::string place;
    std::string company;
    std::string summary;
    std::optional<std::string> follow_ups;
};

// A unit's report on a meeting: the project it led to, or why there is none (exactly one).
struct meeting_report_input {
    std::optional<std::int64_t> project_id;
    std::optional<std::string> no_project_reason;
};

// A meeting as one caller sees it: units see only their own receipts.
struct meeting_view {
    store::meeting_row meeting;
    std::vector<store::meeting_receipt_row> receipts;
};

struct meeting_query {
    std::optional<std::string> category;
    std::optional<std::int64_t> unit;
    std::optional<std::string> held_from;
    std::optional<std::string> held_to;
    std::optional<std::string> report_status;  // pending | overdue | reported
    std::string text;
    int offset = 0;
    int limit = 20;
};

struct meeting_list {
    std::vector<meeting_view> items;
    std::int64_t total = 0;
};

// The city's meeting report rules (data/cities/<city>/meetings.json), in working days.
struct meeting_rules {
    int report_within_days = 5;
    int remind_before_days = 1;
};
meeting_rules meeting_report_rules(const std::string& city);

// A receipt's state: reported, overdue (due and not reported) or pending.
std::string report_status(const store::meeting_receipt_row& receipt, time_point now);

meeting_view create_meeting(db::database& db, const clock& now, const identity::principal& who,
                            const meeting_input& input, const identity::origin& from);

// Meetings pushed to the caller's units (all for the bureau and leaders); not found otherwise.
meeting_view view_meeting(db::database& db, const identity::principal& who, std::int64_t id);
meeting_list list_meetings(db::database& db, const clock& now, const identity::principal& who,
                           const meeting_query& query);

// Pushes the meeting to units: each new unit gets a receipt due in the city's working days
// (data/cities/<city>/meetings.json), a notification and a live push. Units already pushed to
// are left as they are.
meeting_view push_meeting(db::database& db, const clock& now, const identity::principal& who,
                          std::int64_t id, const std::vector<std::int64_t>& unit_ids,
                          const identity::origin& from, const std::string& city);

// The caller's unit has read the meeting (the first reader is kept).
meeting_view read_meeting(db::database& db, const clock& now, const identity::principal& who,
                          std::int64_t id, const identity::origin& from);

// The caller's unit reports once: a project it undertakes (linked to the meeting when it has
// no meeting yet) or the reason there is none.
meeting_view report_meeting(db::database& db, const clock& now, const identity::principal& who,
                            std::int64_t id, const meeting_report_input& input,
                            const identity::origin& from);

// Whether a project undertaken by `unit_id` may name the meeting: it exists and was pushed to
// that unit, or (for callers who see every meeting) it exists.
bool meeting_open_to(db::connection& conn, const identity::principal& who, std::int64_t meeting_id,
                     std::int64_t unit_id);

// 会见填报率 per unit over the meetings held in [from, to]: pushed, read, reported, reported on
// time; fill rate = reported on time ÷ pushed. `units` limits the rows (nullopt: every unit).
// The rankings reuse this.
std::vector<store::fill_rate_row> meeting_fill_rates(
    db::connection& conn, const std::string& from, const std::string& to,
    const std::optional<std::vector<std::int64_t>>& units);

// The fill rate as a decimal string with four places, rounded half up: 2 of 3 → "0.6667".
std::string fill_rate_text(std::int64_t on_time, std::int64_t pushed);

// The caller's scope applied to meeting_fill_rates (a unit sees its own rows).
std::vector<store::fill_rate_row> fill_rates_for(db::database& db, const identity::principal& who,
                                                 const std::optional<std::string>& from,
                                                 const std::optional<std::string>& to);

// Reminds units before a report falls due and marks missed reports overdue, telling the unit
// lead. Driven by the injected clock; safe to run at any time.
swept_deadlines sweep_meeting_deadlines(db::database& db, const clock& now,
                                        const std::string& city);

}  // namespace zhaoyin::service::dispatch
