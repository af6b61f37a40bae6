#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "db/database.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/identity/accounts.hpp"
#include "service/identity/principal.hpp"
#include "service/notify/notifications.hpp"
#include "store/supervision_store.hpp"

namespace zhaoyin::service::dispatch {

// The city's supervision settings (data/cities/<city>/supervision.json); times in working
// minutes on the working calendar.
struct supervision_rules {
    int round_remind_before_minutes = 420;
    int instruction_due_minutes = 1260;
    int stale_after_days = 30;
    std::map<std::string, int> step_minutes;  // per ticket state, its step's length
    int escalate_to_bureau_after_minutes = 420;
};

supervision_rules load_supervision_rules(const std::string& city);

// Who did a round, instruction or ticket write, as the audit trail records it.
audit::actor dispatch_actor(const identity::principal& who, const identity::origin& from);

// The instant `minutes` of working time after `from` (stored form), on the city's calendar.
std::string working_deadline(db::connection& conn, time_point from, int minutes);

// Tells a unit's staff and leads (only its leads with `leads_only`; notification centre, SMS
// when the notice asks) and pushes {"type": live_type, "id": subject_id} to the unit's live
// topic; inside the caller's transaction.
void tell_unit(db::connection& conn, const clock& now, std::int64_t unit_id,
               const notify::notice& what, const std::string& live_type, std::int64_t subject_id,
               bool leads_only = false);

// Raises a supervision ticket on `unit_id` (and optionally one project), unless one is already
// open for `subject_key`: then that one is returned and nothing is written. Idempotent, so that
// any sweep may call it on every pass. Call it inside the caller's transaction:
//   reason       stale | red_light | instruction | missed_report | manual
//   subject_key  what the ticket is about, e.g. "stale:project:7:<last update>",
//                "instruction:3", "red_light:project:7:2026-12", "missed_report:receipt:5";
//                one open ticket per key (an empty key makes the ticket its own subject)
//   text         what the unit is asked to do, shown on the ticket
//   created_by   the bureau user raising it by hand; nullopt for the system
// The unit's staff and lead are told (notification, live push); the first step is due after
// ticket_step_minutes.issued working minutes.
store::ticket_row raise_ticket(db::connection& conn, const clock& now, const std::string& city,
                               const std::string& reason, std::int64_t unit_id,
                               std::optional<std::int64_t> project_id,
                               const std::string& subject_key, const std::string& text,
                               std::optional<std::int64_t> created_by = std::nullopt);

// A ticket raised by hand by the bureau.
struct ticket_input {
    std::optional<std::int64_t> unit_id;
    std::optional<std::int64_t> project_id;
    std::string text;
};

struct ticket_query {
    std::optional<std::string> state;
    std::optional<std::string> reason;
    std::optional<std::int64_t> unit;
    std::optional<bool> overdue;
    int offset = 0;
    int limit = 20;
};

struct ticket_view {
    store::ticket_row ticket;
    bool overdue = false;  // the current step is past its deadline
    std::vector<store::ticket_step_row> steps;
};

struct ticket_list {
    std::vector<ticket_view> items;  // without steps
    std::int64_t total = 0;
};

// One step of a ticket's life: sign, handle, feedback (the unit), review, close (the bureau).
struct ticket_step {
    std::string action;          // sign | handle | feedback | review | close
    std::string text;            // what was done, the feedback, or the reason for a rejection
    std::optional<bool> accept;  // review only
};

// Names the filters with values the list does not know (state, reason) in `errors`.
void check_ticket_query(const ticket_query& query, field_errors& errors);

ticket_view create_ticket(db::database& db, const clock& now, const identity::principal& who,
                          const ticket_input& input, const identity::origin& from,
                          const std::string& city);
// Tickets of the caller's units (all for the bureau and leaders), newest first.
ticket_list list_tickets(db::database& db, const clock& now, const identity::principal& who,
                         const ticket_query& query);
// A ticket in scope with its steps; not found otherwise.
ticket_view view_ticket(db::database& db, const clock& now, const identity::principal& who,
                        std::int64_t id);
// Takes the step: a step out of order is a conflict. A review rejects back to `handled` (the
// unit gives feedback again), with the reason; acceptance moves on to `reviewed`.
ticket_view take_ticket_step(db::database& db, const clock& now, const identity::principal& who,
                             std::int64_t id, const ticket_step& step, const identity::origin& from,
                             const std::string& city);

// Tickets closed between `from` and `to` (stored instants), per unit, and how many of them
// were closed on time (no step of the unit was ever late). The rankings count these.
std::vector<store::unit_closure_row> tickets_closed_on_time(db::connection& conn,
                                                            const std::string& from,
                                                            const std::string& to);

struct supervision_sweep {
    int reminded = 0;
    int overdue = 0;  // tickets raised or turned overdue, rounds closed
    int escalated = 0;
};

// Serialises the sweeps that raise tickets (supervision's and the project lights'): the
// application's loop and the test clock may run them at once, and on PostgreSQL the second must
// wait and then see the tickets the first raised (SQLite's write lock does this already). Called
// at the start of the sweep's write transaction.
void lock_ticket_sweeps(db::connection& conn);

// The dispatch deadlines: reminds units before a round closes and closes it at closes_at,
// raises tickets on stale projects and unanswered instructions, and marks late ticket steps
// overdue (unit lead) and escalates them (bureau). Safe to run at any time.
supervision_sweep sweep_supervision(db::database& db, const clock& now, const std::string& city);

}  // namespace zhaoyin::service::dispatch
