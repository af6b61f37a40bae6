#include "service/dispatch/supervision.hpp"

#include <chrono>
#include <set>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/calendar/working_calendar.hpp"
#include "service/dispatch/projects.hpp"
#include "service/dispatch/rounds.hpp"
#include "service/notify/notifications.hpp"
#include "service/notify/outbox.hpp"
#include "store/intake_store.hpp"
#include "store/project_store.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::dispatch {

namespace json = boost::json;

namespace {

// The unit's steps: their lateness counts against the unit and is escalated.
const std::set<std::string> unit_states{"issued", "signed_for", "handled"};

struct transition {
    std::string_view action;
    std::string_view from;
    std::string_view to;
    bool by_unit;
    bool text_required;
};

// The ticket's life. A rejected review goes back to `handled`: the unit gives feedback again.
constexpr transition transitions[] = {
    {"sign", "issued", "signed_for", true, false},
    {"handle", "signed_for", "handled", true, true},
    {"feedback", "handled", "feedback", true, true},
    {"accept", "feedback", "reviewed", false, false},
    {"reject", "feedback", "handled", false, true},
    {"close", "reviewed", "closed", false, false},
};

std::string ticket_link(std::int64_t id) {
    return fmt::format("/console/tickets/{}", id);
}

identity::ownership ownership_of(const store::ticket_row& t) {
    return {std::nullopt, t.unit_id, {}};
}

bool overdue_at(const store::ticket_row& t, const std::string& stamp) {
    return t.state != "closed" && t.due_at && *t.due_at < stamp;
}

store::ticket_row ticket_in_scope(store::supervision_store& store, const identity::principal& who,
                                  std::int64_t id) {
    auto ticket = store.find_ticket(id);
    if (!ticket || !identity::in_scope(who, ownership_of(*ticket))) {
        throw api_error(error_code::not_found);
    }
    return *ticket;
}

void notify_bureau(db::connection& conn, const clock& now, const notify::notice& what) {
    notify::notify_users(conn, now,
                         store::intake_store(conn).users_with_role("bureau_operator", {}), what);
}

supervision_sweep raise_due_tickets(db::connection& conn, const clock& now, const std::string& city,
                                    const supervision_rules& rules, bool apply) {
    supervision_sweep report;
    store::supervision_store store(conn);
    const auto stale_before = format_utc(now.now() - std::chrono::days(rules.stale_after_days));
    for (const auto& p : store.stale_projects(stale_before)) {
        ++report.overdue;
        if (apply) {
            raise_ticket(conn, now, city, "stale", p.unit_id, p.project_id,
                         fmt::format("stale:project:{}:{}", p.project_id, p.last_update_at),
                         fmt::format("项目「{}」已 {} 天以上未更新调度信息，请尽快更新。", p.name,
                                     rules.stale_after_days));
        }
    }
    for (const auto& i : store.unanswered_past_due(format_utc(now.now()))) {
        ++report.overdue;
        if (apply) {
            raise_ticket(conn, now, city, "instruction", i.unit_id, i.project_id,
                         fmt::format("instruction:{}", i.id),
                         fmt::format("项目「{}」的领导批示逾期未反馈：{}", i.project_name, i.text));
        }
    }
    return report;
}

// Late steps of the unit: the unit lead at once, the bureau after the escalation time.
supervision_sweep escalate_late_tickets(db::connection& conn, const clock& now,
                                        const supervision_rules& rules, bool apply) {
    supervision_sweep report;
    store::supervision_store store(conn);
    const auto stamp = format_utc(now.now());
    const std::vector<std::string> states(unit_states.begin(), unit_states.end());
    std::optional<calendar::working_calendar> calendar;
    for (auto t : store.past_due(states, stamp)) {
        const auto key = fmt::format("ticket:{}:{}:{}", t.id, t.state, t.due_at.value_or(""));
        const auto subject = t.project_name.value_or(t.text.substr(0, 60));
        if (t.escalation_level == 0) {
            ++report.overdue;
            if (!apply) {
                continue;
            }
            if (!t.overdue_since) {
                t.overdue_since = t.due_at;
            }
            t.escalation_level = 1;
            notify::notify_users(
                conn, now, store::intake_store(conn).users_with_role("unit_lead", t.unit_id),
                {"ticket.overdue", subject, ticket_link(t.id), key + ":overdue", true});
            store.update_ticket(t, stamp);
            continue;
        }
        if (t.escalation_level > 1) {
            continue;
        }
        if (!calendar) {
            calendar = calendar::load_calendar(conn);
        }
        const auto due = parse_rfc3339(t.due_at.value_or(""));
        if (due && calendar->working_time_between(*due, now.now()).count() >=
                       rules.escalate_to_bureau_after_minutes) {
            ++report.escalated;
            if (!apply) {
                continue;
            }
            t.escalation_level = 2;
            notify_bureau(
                conn, now,
                {"ticket.escalated", subject, ticket_link(t.id), key + ":escalated", false});
            store.update_ticket(t, stamp);
        }
    }
    return report;
}

supervision_sweep sweep_pass(db::connection& conn, const clock& now, const std::string& city,
                             bool apply) {
    const auto rules = load_supervision_rules(city);
    supervision_sweep total;
    for (const auto& part :
         {sweep_rounds(conn, now, rules, apply), raise_due_tickets(conn, now, city, rules, apply),
          escalate_late_tickets(conn, now, rules, apply)}) {
        total.reminded += part.reminded;
        total.overdue += part.overdue;
        total.escalated += part.escalated;
    }
    return total;
}

ticket_view view_of(store::supervision_store& store, const store::ticket_row& ticket,
                    const std::string& stamp, bool with_steps) {
    ticket_view view{ticket, overdue_at(ticket, stamp), {}};
    if (with_steps) {
        view.steps = store.steps_of(ticket.id);
    }
    return view;
}

}  // namespace

void check_ticket_query(const ticket_query& query, field_errors& errors) {
    static const std::set<std::string> states{"issued",   "signed_for", "handled",
                                              "feedback", "reviewed",   "closed"};
    static const std::set<std::string> reasons{"stale", "red_light", "instruction", "missed_report",
                                               "manual"};
    if (query.state && !states.contains(*query.state)) {
        errors.add("state", {"field.invalid_value", {}});
    }
    if (query.reason && !reasons.contains(*query.reason)) {
        errors.add("reason", {"field.invalid_value", {}});
    }
}

audit::actor dispatch_actor(const identity::principal& who, const identity::origin& from) {
    return {who.user_id, who.login, who.roles_text(), who.unit_id, from.ip, from.request_id};
}

supervision_rules load_supervision_rules(const std::string& city) {
    const auto file = json::parse(embedded_data_file("cities/" + city + "/supervision.json"));
    const auto& o = file.as_object();
    supervision_rules rules;
    rules.round_remind_before_minutes = int(o.at("round_remind_before_minutes").as_int64());
    rules.instruction_due_minutes = int(o.at("instruction_due_minutes").as_int64());
    rules.stale_after_days = int(o.at("stale_after_days").as_int64());
    for (const auto& [state, minutes] : o.at("ticket_step_minutes").as_object()) {
        rules.step_minutes[std::string(state)] = int(minutes.as_int64());
    }
    rules.escalate_to_bureau_after_minutes =
        int(o.at("escalate_to_bureau_after_minutes").as_int64());
    return rules;
}

std::string working_deadline(db::connection& conn, time_point from, int minutes) {
    return format_utc(
        calendar::load_calendar(conn).add_working_time(from, std::chrono::minutes(minutes)));
}

void tell_unit(db::connection& conn, const clock& now, std::int64_t unit_id,
               const notify::notice& what, const std::string& live_type, std::int64_t subject_id,
               bool leads_only) {
    store::intake_store people(conn);
    auto users =
        leads_only ? std::vector<std::int64_t>{} : people.users_with_role("unit_staff", unit_id);
    for (const auto lead : people.users_with_role("unit_lead", unit_id)) {
        users.push_back(lead);
    }
    notify::notify_users(conn, now, users, what);
    notify::enqueue(conn, now,
                    {what.key + ":push", "push", fmt::format("unit:{}", unit_id),
                     json::serialize(json::object{{"type", live_type}, {"id", subject_id}})});
}

void lock_ticket_sweeps(db::connection& conn) {
    if (conn.kind() == db::engine::postgres) {
        conn.query("SELECT pg_advisory_xact_lock(hashtext('dispatch.supervision_sweep'))");
    }
}

store::ticket_row raise_ticket(db::connection& conn, const clock& now, const std::string& city,
                               const std::string& reason, std::int64_t unit_id,
                               std::optional<std::int64_t> project_id,
                               const std::string& subject_key, const std::string& text,
                               std::optional<std::int64_t> created_by) {
    store::supervision_store store(conn);
    if (!subject_key.empty()) {
        if (auto open = store.open_ticket_for(subject_key)) {
            return *open;
        }
    }
    const auto rules = load_supervision_rules(city);
    const auto stamp = format_utc(now.now());
    store::ticket_row row;
    row.reason = reason;
    row.state = "issued";
    row.unit_id = unit_id;
    row.project_id = project_id;
    row.subject_key = subject_key;
    row.text = text;
    row.due_at = working_deadline(conn, now.now(), rules.step_minutes.at("issued"));
    row.created_by = created_by;
    row.created_at = stamp;
    row.id = store.insert_ticket(row);
    store.insert_step(
        {0, row.id, "issued", text, created_by, std::nullopt, stamp, std::nullopt, std::nullopt});
    auto ticket = *store.find_ticket(row.id);
    tell_unit(conn, now, unit_id,
              {"ticket.issued", ticket.project_name.value_or(text.substr(0, 60)),
               ticket_link(row.id), fmt::format("ticket:{}:issued", row.id), true},
              "ticket.changed", row.id);
    return ticket;
}

ticket_view create_ticket(db::database& db, const clock& now, const identity::principal& who,
                          const ticket_input& input, const identity::origin& from,
                          const std::string& city) {
    return db.transaction([&](db::connection& conn) {
        field_errors errors;
        if (input.text.empty()) {
            errors.add("text", {"field.required", {}});
        } else if (input.text.size() > 5000) {
            errors.add("text", {"field.too_long", {{"max", "5000"}}});
        }
        std::optional<std::int64_t> unit = input.unit_id;
        if (input.project_id) {
            // The project names its undertaking unit unless the bureau names another.
            const auto project = store::project_store(conn).find_project(*input.project_id);
            if (!project) {
                errors.add("project_id", {"field.invalid_value", {}});
            } else if (!unit) {
                unit = project->undertaking_unit_id;
            }
        }
        if (!unit) {
            errors.add("unit_id", {"field.required", {}});
        } else {
            const auto units = store::reference_store(conn).list_units();
            const bool known = std::any_of(units.begin(), units.end(), [&](const auto& u) {
                return u.id == *unit && u.type != "city";
            });
            if (!known) {
                errors.add("unit_id", {"field.unknown_unit", {}});
            }
        }
        errors.throw_if_any();
        const auto ticket = raise_ticket(conn, now, city, "manual", *unit, input.project_id, "",
                                         input.text, who.user_id);
        audit::record(conn, now, dispatch_actor(who, from),
                      {"dispatch.ticket.create", "supervision_ticket", std::to_string(ticket.id),
                       "success", fmt::format("unit {}", *unit)});
        store::supervision_store store(conn);
        return view_of(store, ticket, format_utc(now.now()), true);
    });
}

ticket_list list_tickets(db::database& db, const clock& now, const identity::principal& who,
                         const ticket_query& query) {
    const auto scope = identity::list_scope_of(who);
    const auto stamp = format_utc(now.now());
    return db.read([&](db::connection& conn) {
        store::supervision_store store(conn);
        store::ticket_filter filter;
        filter.everything = scope.everything;
        filter.units = scope.units;
        filter.state = query.state;
        filter.reason = query.reason;
        filter.unit = query.unit;
        filter.overdue = query.overdue;
        filter.now = stamp;
        filter.offset = query.offset;
        filter.limit = query.limit;
        auto [rows, total] = store.list_tickets(filter);
        ticket_list out;
        out.total = total;
        for (const auto& t : rows) {
            out.items.push_back(view_of(store, t, stamp, false));
        }
        return out;
    });
}

ticket_view view_ticket(db::database& db, const clock& now, const identity::principal& who,
                        std::int64_t id) {
    return db.read([&](db::connection& conn) {
        store::supervision_store store(conn);
        return view_of(store, ticket_in_scope(store, who, id), format_utc(now.now()), true);
    });
}

ticket_view take_ticket_step(db::database& db, const clock& now, const identity::principal& who,
                             std::int64_t id, const ticket_step& step, const identity::origin& from,
                             const std::string& city) {
    return db.transaction([&](db::connection& conn) {
        store::supervision_store store(conn);
        auto ticket = ticket_in_scope(store, who, id);
        field_errors errors;
        std::string action = step.action;
        if (action == "review") {
            if (!step.accept) {
                errors.add("accept", {"field.required", {}});
                errors.throw_if_any();
            }
            action = *step.accept ? "accept" : "reject";
        }
        const transition* found = nullptr;
        for (const auto& t : transitions) {
            if (t.action == action) {
                found = &t;
            }
        }
        if (found == nullptr) {
            throw api_error(error_code::not_found);
        }
        if (found->text_required && step.text.empty()) {
            errors.add(action == "reject" ? "reason" : "text", {"field.required", {}});
        }
        if (step.text.size() > 5000) {
            errors.add("text", {"field.too_long", {{"max", "5000"}}});
        }
        errors.throw_if_any();
        if (ticket.state != found->from) {
            throw api_error(error_code::conflict, {"supervision.step_out_of_order", {}});
        }
        const auto stamp = format_utc(now.now());
        const bool late = ticket.due_at && *ticket.due_at < stamp;
        if (late && found->by_unit && !ticket.overdue_since) {
            ticket.overdue_since = ticket.due_at;
        }
        store.insert_step({0, id, std::string(found->to), step.text, who.user_id, who.name, stamp,
                           ticket.due_at, !late});
        ticket.state = std::string(found->to);
        ticket.escalation_level = 0;
        if (ticket.state == "closed") {
            ticket.due_at.reset();
            ticket.closed_at = stamp;
        } else {
            ticket.due_at = working_deadline(
                conn, now.now(), load_supervision_rules(city).step_minutes.at(ticket.state));
        }
        store.update_ticket(ticket, stamp);
        const auto key = fmt::format("ticket:{}:step:{}", id, store.steps_of(id).size());
        const auto subject = ticket.project_name.value_or(ticket.text.substr(0, 60));
        if (found->by_unit) {
            notify_bureau(conn, now, {"ticket." + action, subject, ticket_link(id), key, false});
        } else {
            tell_unit(conn, now, ticket.unit_id,
                      {"ticket." + action, subject, ticket_link(id), key, false}, "ticket.changed",
                      id);
        }
        audit::record(conn, now, dispatch_actor(who, from),
                      {"dispatch.ticket." + action, "supervision_ticket", std::to_string(id),
                       "success", fmt::format("{} > {}", found->from, found->to)});
        return view_of(store, ticket, stamp, true);
    });
}

std::vector<store::unit_closure_row> tickets_closed_on_time(db::connection& conn,
                                                            const std::string& from,
                                                            const std::string& to) {
    return store::supervision_store(conn).closures_by_unit(from, to);
}

supervision_sweep sweep_supervision(db::database& db, const clock& now, const std::string& city) {
    const auto pending =
        db.read([&](db::connection& conn) { return sweep_pass(conn, now, city, false); });
    if (pending.reminded + pending.overdue + pending.escalated == 0) {
        return pending;
    }
    return db.transaction([&](db::connection& conn) {
        lock_ticket_sweeps(conn);
        return sweep_pass(conn, now, city, true);
    });
}

}  // namespace zhaoyin::service::dispatch
