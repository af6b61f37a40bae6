#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "service/identity/accounts.hpp"
#include "service/identity/principal.hpp"
#include "store/event_store.hpp"

namespace zhaoyin::service::dispatch {

// A major event (重大活动) as the bureau records it.
struct event_input {
    std::string name;
    std::string starts_on;  // YYYY-MM-DD
    std::string ends_on;    // not before starts_on
    std::string place;
    std::string organiser;
    std::string description;
};

// A project signed at the event.
struct signing_input {
    std::optional<std::int64_t> project_id;
    std::string signed_on;  // YYYY-MM-DD, not in the future
    std::string amount;     // decimal string
    std::string currency;   // CNY | USD
};

// One step of the funnel: how many projects and how much investment (decimal strings, yuan and
// US dollars kept apart).
struct funnel_step {
    std::int64_t projects = 0;
    std::int64_t cny_hundredths = 0;
    std::int64_t usd_hundredths = 0;
};

// The four steps: in talks (planning, negotiating), signed, registered, started (started or
// later). Each project is in exactly one step.
struct funnel {
    funnel_step in_talks;
    funnel_step signed_;
    funnel_step registered;
    funnel_step started;
};

// A project whose step at the event's end differs from its step now.
struct funnel_move {
    std::int64_t project_id = 0;
    std::string name;
    std::string from;  // stage code at the event's end
    std::string to;    // stage code now
};

struct event_funnel {
    funnel at_event;  // on ends_on, from the stages' actual dates and the signings
    funnel now;
    std::vector<funnel_move> changes;
};

struct event_view {
    store::event_row event;
    std::vector<store::event_signing_row> signings;  // of projects the caller may see
    event_funnel projects;
};

// The funnel step of a stage: in_talks, signed, registered or started.
std::string funnel_step_of(const std::string& stage);

event_view create_event(db::database& db, const clock& now, const identity::principal& who,
                        const event_input& input, const identity::origin& from);
// Every caller with the permission sees every event; the funnel and signings count only the
// projects in the caller's scope.
event_view view_event(db::database& db, const identity::principal& who, std::int64_t id);
std::pair<std::vector<store::event_row>, std::int64_t> list_events(db::database& db,
                                                                   const std::string& text,
                                                                   int offset, int limit);
// Attaches a signing of a project the caller may see; the project is linked to the event when
// it has no event yet.
event_view add_signing(db::database& db, const clock& now, const identity::principal& who,
                       std::int64_t id, const signing_input& input, const identity::origin& from);

bool event_exists(db::connection& conn, std::int64_t id);

}  // namespace zhaoyin::service::dispatch
