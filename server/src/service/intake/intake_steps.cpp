#include "service/intake/intake_steps.hpp"

#include <set>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/time_format.hpp"
#include "service/notify/notifications.hpp"
#include "service/notify/outbox.hpp"

namespace zhaoyin::service::intake::steps {

namespace json = boost::json;

scene::scene(db::connection& c, const clock& n, const routing_rules& r)
    : conn(c), now(n), rules(r), calendar(calendar::load_calendar(c)), stamp(format_utc(n.now())) {}

std::string scene::due_after(int minutes) const {
    return format_utc(calendar.add_working_time(now.now(), std::chrono::minutes(minutes)));
}

std::chrono::minutes scene::working_since(const std::string& stored) const {
    const auto from = parse_rfc3339(stored);
    return from ? calendar.working_time_between(*from, now.now()) : std::chrono::minutes(0);
}

namespace {

std::string intent_link(std::int64_t id) {
    return fmt::format("/console/intents/{}", id);
}

void push(scene& s, const std::string& key, const std::string& topic, const json::object& payload) {
    notify::enqueue(s.conn, s.now, {key, "push", topic, json::serialize(payload)});
}

}  // namespace

store::assignment_row assign_unit(scene& s, const store::intent_row& intent, std::int64_t unit_id,
                                  bool informed) {
    store::intake_store store(s.conn);
    store::assignment_row row;
    row.subject_type = "intent";
    row.subject_id = intent.id;
    row.unit_id = unit_id;
    row.role = informed ? "informed" : "candidate";
    if (!informed) {
        row.step = "acknowledge";
        row.due_at = s.due_after(s.rules.acknowledge_minutes);
        const auto staff = store.available_staff(unit_id);
        if (!staff.empty()) {
            row.user_id = staff.front();
        }
    }
    row.created_at = s.stamp;
    row.id = store.insert_assignment(row, s.stamp);
    const auto key = fmt::format("intent:{}:assignment:{}", intent.id, row.id);
    push(s, key + ":push", fmt::format("unit:{}", unit_id),
         {{"type", "intent.routed"}, {"intent_id", intent.id}, {"title", intent.title}});
    std::vector<std::int64_t> people;
    if (row.user_id) {
        people.push_back(*row.user_id);
    } else {
        people = store.users_with_role("unit_staff", unit_id);
    }
    for (const auto lead : store.users_with_role("unit_lead", unit_id)) {
        people.push_back(lead);
    }
    notify::notify_users(s.conn, s.now, people,
                         {informed ? "intent.informed" : "intent.routed", intent.title,
                          intent_link(intent.id), key, !informed});
    return row;
}

std::int64_t add_event(scene& s, std::int64_t intent_id, const std::string& kind,
                       const identity::principal* actor, std::optional<std::int64_t> unit_id,
                       const std::string& text, std::optional<std::string> detail) {
    store::intent_event_row e;
    e.intent_id = intent_id;
    e.at = s.stamp;
    e.kind = kind;
    if (actor != nullptr) {
        e.actor_user_id = actor->user_id;
        e.actor_name = actor->name;
    }
    e.unit_id = unit_id;
    e.text = text;
    e.detail = std::move(detail);
    return store::intake_store(s.conn).insert_event(e);
}

void announce_change(scene& s, const store::intent_row& intent, std::int64_t event_id,
                     const std::optional<std::string>& notice_kind) {
    store::intake_store store(s.conn);
    const auto key = fmt::format("intent:{}:event:{}", intent.id, event_id);
    std::set<std::int64_t> units;
    for (const auto& a : store.assignments_of("intent", intent.id)) {
        if (a.active()) {
            units.insert(a.unit_id);
        }
    }
    for (const auto unit : units) {
        push(s, fmt::format("{}:unit:{}", key, unit), fmt::format("unit:{}", unit),
             {{"type", "intent.changed"}, {"intent_id", intent.id}, {"status", intent.status}});
    }
    push(s, key + ":owner", fmt::format("user:{}", intent.submitted_by),
         {{"type", "intent.changed"}, {"intent_id", intent.id}, {"status", intent.status}});
    if (notice_kind) {
        notify::notify_users(
            s.conn, s.now, {intent.submitted_by},
            {*notice_kind, intent.title, fmt::format("/intents/{}", intent.id), key, false});
    }
}

void notify_unit_leads(scene& s, const store::intent_row& intent, std::int64_t unit_id,
                       const std::string& kind, const std::string& key) {
    notify::notify_users(s.conn, s.now,
                         store::intake_store(s.conn).users_with_role("unit_lead", unit_id),
                         {kind, intent.title, intent_link(intent.id), key, true});
}

void notify_bureau(scene& s, const store::intent_row& intent, const std::string& kind,
                   const std::string& key) {
    notify::notify_users(s.conn, s.now,
                         store::intake_store(s.conn).users_with_role("bureau_operator", {}),
                         {kind, intent.title, intent_link(intent.id), key, false});
}

}  // namespace zhaoyin::service::intake::steps
