#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "db/connection.hpp"
#include "service/calendar/working_calendar.hpp"
#include "service/identity/principal.hpp"
#include "service/intake/routing.hpp"
#include "store/intake_store.hpp"

// The steps that submitting, docking and the deadline sweep share, each used inside the
// caller's transaction.
namespace zhaoyin::service::intake::steps {

struct scene {
    db::connection& conn;
    const clock& now;
    const routing_rules& rules;
    calendar::working_calendar calendar;
    std::string stamp;  // now, as stored

    scene(db::connection& c, const clock& n, const routing_rules& r);
    // The instant `minutes` of working time from now, as stored.
    std::string due_after(int minutes) const;
    std::chrono::minutes working_since(const std::string& stored) const;
};

// Gives a unit a duty towards the intent: a candidate owes an acknowledgement within the
// rules' time and gets the least busy available staff member; an informed unit is only told.
// Tells the people concerned at once (notification, live push, SMS).
store::assignment_row assign_unit(scene& s, const store::intent_row& intent, std::int64_t unit_id,
                                  bool informed);

// Adds a step to the intent's timeline; returns its id.
std::int64_t add_event(scene& s, std::int64_t intent_id, const std::string& kind,
                       const identity::principal* actor, std::optional<std::int64_t> unit_id,
                       const std::string& text, std::optional<std::string> detail = std::nullopt);

// After the step `event_id`: pushes "intent.changed" to every unit with a duty and to the
// submitter, and notifies the submitter when `notice_kind` is set.
void announce_change(scene& s, const store::intent_row& intent, std::int64_t event_id,
                     const std::optional<std::string>& notice_kind);

// Users to tell about a unit's item: its leads; `kind` names the notice.
void notify_unit_leads(scene& s, const store::intent_row& intent, std::int64_t unit_id,
                       const std::string& kind, const std::string& key);
void notify_bureau(scene& s, const store::intent_row& intent, const std::string& kind,
                   const std::string& key);

}  // namespace zhaoyin::service::intake::steps
