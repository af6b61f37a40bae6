#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "service/calendar/working_calendar.hpp"
#include "service/identity/accounts.hpp"
#include "service/intake/intents.hpp"
#include "service/intake/routing.hpp"

namespace zhaoyin::service::intake {

// One step of the docking workflow, as a unit's staff (or the investor, or the bureau) takes it.
struct docking_step {
    std::string action;   // claim contact dock decline transfer pause resume stage reply decide
    std::string text;     // the summary, reason or reply
    std::string channel;  // contact: phone visit meeting email wechat
    std::optional<std::string> contacted_at;  // contact: RFC 3339, not in the future
    std::optional<std::int64_t> unit_id;      // transfer: to whom; decide: who leads
    std::string stage;                        // stage: a code or its Chinese name
};

// What the caller may do to the intent now; the same rules `take_step` enforces.
std::vector<std::string> allowed_actions(const identity::principal& who, const intent_view& view);

// Takes the step in one transaction: the intent, the units' duties, the timeline, the audit
// trail and the messages to everyone concerned change together or not at all. Out of scope:
// not found; not allowed now: conflict; bad fields: validation failed.
intent_view take_step(db::database& db, const clock& now, const identity::principal& who,
                      std::int64_t intent_id, const docking_step& step,
                      const identity::origin& from, const std::string& city);

// The intent follows the project registered from it: the registration (`stage` empty) or a new
// stage goes on the intent's timeline, the intent takes the project's stage, and the investor
// sees it live. Called inside the project's transaction.
void follow_project(db::connection& conn, const clock& now, std::int64_t intent_id,
                    std::int64_t project_id, const std::string& stage);

struct sweep_report {
    int reminded = 0;
    int overdue = 0;
    int escalated = 0;
};

// The alert ladder every routed item climbs (an intent's duties, a consultation): a reminder
// shortly before the deadline, overdue (the unit lead told) when it is missed, escalated to the
// bureau when it stays overdue. Times are working minutes.
struct alert_ladder {
    int remind_before_minutes = 30;
    int escalate_to_bureau_after_minutes = 420;
};

enum class deadline_alert { none, remind, overdue, escalate };

// The next rung an open deadline has reached now; none when nothing is to do (each rung is
// taken once: `reminded` and `escalation_level` say what was done).
deadline_alert next_alert(const calendar::working_calendar& calendar, time_point now,
                          time_point due, bool reminded, int escalation_level,
                          const alert_ladder& ladder);

// Runs a sweep pass that only counts (a read) and, when it finds something to do, again in a
// write transaction that applies it: the frequent sweep takes no write lock for nothing. The
// application's loop and the test clock may sweep at once: on PostgreSQL the second waits on the
// advisory lock named `name` and then sees what the first did (SQLite's write lock does this).
sweep_report sweep_when_due(db::database& db, const std::string& name,
                            const std::function<sweep_report(db::connection&, bool apply)>& pass);

// Reminds before deadlines, marks missed ones overdue and tells the unit lead, and escalates to
// the bureau when they stay overdue. Driven by the injected clock; safe to run at any time.
// The rules in force (deadlines, reminder and escalation times) are read from the database.
sweep_report sweep_deadlines(db::database& db, const clock& now, const std::string& city);

// The caller's units' routed items, most urgent first (every unit for the bureau and leaders).
std::pair<std::vector<store::inbox_row>, std::int64_t> inbox_of(db::database& db,
                                                                const identity::principal& who,
                                                                bool open_only,
                                                                const std::string& text, int offset,
                                                                int limit);

}  // namespace zhaoyin::service::intake
