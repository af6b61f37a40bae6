#include "service/intake/docking.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/intake/intake_steps.hpp"
#include "service/intake/routing_rules.hpp"
#include "service/notify/notifications.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::intake {

namespace {

using store::assignment_row;

bool is_area(const std::string& unit_type) {
    return unit_type == "district" || unit_type == "zone";
}

bool finished(const store::intent_row& intent) {
    return intent.status == "docked" || intent.status == "withdrawn";
}

// The active duty the caller acts on: their own unit's, else (a lead's) one of a unit below.
template <typename Assignments>
auto own_duty(const identity::principal& who, Assignments& assignments) {
    const auto acts_for = [&](const assignment_row& a, bool own) {
        return a.active() && a.role != "informed" &&
               (own ? who.unit_id && a.unit_id == *who.unit_id
                    : who.scope == identity::scope_kind::unit_tree &&
                          who.scope_units.contains(a.unit_id));
    };
    const auto own = std::find_if(assignments.begin(), assignments.end(),
                                  [&](const assignment_row& a) { return acts_for(a, true); });
    if (own != assignments.end()) {
        return own;
    }
    return std::find_if(assignments.begin(), assignments.end(),
                        [&](const assignment_row& a) { return acts_for(a, false); });
}

struct allowed {
    bool claim = false, contact = false, dock = false, decline = false, transfer = false,
         pause = false, resume = false, stage = false, reply = false, decide = false;
};

allowed what_is_allowed(const identity::principal& who, const store::intent_row& intent,
                        const std::vector<assignment_row>& assignments) {
    allowed can;
    const auto duty = own_duty(who, assignments);
    const bool handles = who.has("intake:intent:handle") && duty != assignments.end();
    if (handles && !finished(intent)) {
        can.claim = duty->role == "candidate";
        can.decline = duty->role == "candidate" || duty->role == "primary";
        can.transfer = can.decline;
    }
    if (handles && duty->role == "primary") {
        can.contact = intent.status == "claimed" || intent.status == "contacted";
        can.dock = intent.status == "contacted";
        can.pause = !finished(intent) && duty->step && !duty->paused_at;
        can.resume = duty->paused_at.has_value();
        can.stage = intent.status == "docked";
    }
    can.reply = who.user_id == intent.submitted_by && who.has("intake:intent:reply") &&
                intent.status != "withdrawn";
    can.decide = who.has("intake:dispute:decide") && intent.disputed;
    return can;
}

void require_reason(const std::string& text, const char* field) {
    if (text.empty()) {
        throw api_error(error_code::validation_failed, {}, {{field, {"field.required", {}}}});
    }
    if (text.size() > 4000) {
        throw api_error(error_code::validation_failed, {},
                        {{field, {"field.too_long", {{"max", "4000"}}}}});
    }
}

void not_now() {
    throw api_error(error_code::conflict, {"intake.step_not_allowed", {}});
}

// Starts the clock of the next step owed on a duty.
void owe(steps::scene& s, assignment_row& duty, const std::optional<std::string>& step,
         int minutes) {
    duty.step = step;
    duty.due_at = step ? std::optional<std::string>(s.due_after(minutes)) : std::nullopt;
    duty.met_at = step ? std::nullopt : std::optional<std::string>(s.stamp);
    duty.overdue_since.reset();
    duty.escalation_level = 0;
    duty.reminded_at.reset();
    duty.paused_at.reset();
    duty.pause_reason.reset();
}

void restart_clock(steps::scene& s, assignment_row& duty) {
    const auto paused = parse_rfc3339(*duty.paused_at);
    const auto due = duty.due_at ? parse_rfc3339(*duty.due_at) : std::nullopt;
    if (paused && due) {
        const auto left = s.calendar.working_time_between(*paused, *due);
        duty.due_at = format_utc(s.calendar.add_working_time(s.now.now(), left));
    }
    duty.paused_at.reset();
    duty.pause_reason.reset();
}

// When no unit is left to handle the intent, the next best unit routing finds gets it; when
// there is none, the bureau does, and the intent shows as declined by all.
void reroute_if_orphaned(steps::scene& s, store::intent_row& intent,
                         const std::vector<assignment_row>& assignments) {
    const bool someone_left =
        std::any_of(assignments.begin(), assignments.end(),
                    [](const assignment_row& a) { return a.active() && a.role != "informed"; });
    if (someone_left) {
        return;
    }
    std::set<std::int64_t> tried;
    for (const auto& a : assignments) {
        tried.insert(a.unit_id);
    }
    store::reference_store reference(s.conn);
    const auto units = reference.list_units();
    auto wide = s.rules;
    wide.max_candidates = units.size();
    const auto whole =
        std::stoll(intent.investment_total.substr(0, intent.investment_total.find('.')));
    for (const auto& c : route({intent.industry_code, whole, intent.currency, intent.capital_type,
                                intent.preferred_units},
                               units, wide)) {
        if (!c.informed_only && !tried.contains(c.unit_id)) {
            steps::assign_unit(s, intent, c.unit_id, false);
            steps::add_event(s, intent.id, "rerouted", nullptr, c.unit_id, "");
            return;
        }
    }
    const auto bureau =
        std::find_if(units.begin(), units.end(), [](const auto& u) { return u.type == "bureau"; });
    if (bureau != units.end()) {
        steps::assign_unit(s, intent, bureau->id, false);
        steps::add_event(s, intent.id, "rerouted", nullptr, bureau->id, "");
    }
    intent.status = "declined_all";
}

void step_back(steps::scene& s, store::intent_row& intent, assignment_row& duty,
               const std::string& reason) {
    duty.ended_at = s.stamp;
    duty.ended_reason = reason;
    duty.step.reset();
    duty.due_at.reset();
    duty.paused_at.reset();
    if (duty.role == "primary") {
        intent.primary_unit_id.reset();
        intent.handler_user_id.reset();
        intent.status = "routed";
    }
}

std::string stage_code(db::connection& conn, const std::string& given) {
    for (const auto& stage : store::reference_store(conn).list_stages()) {
        if (given == stage.code || given == stage.name_zh || given == stage.name_en) {
            return stage.code;
        }
    }
    throw api_error(error_code::validation_failed, {}, {{"stage", {"field.invalid_value", {}}}});
}

}  // namespace

std::vector<std::string> allowed_actions(const identity::principal& who, const intent_view& view) {
    const auto can = what_is_allowed(who, view.intent, view.assignments);
    std::vector<std::string> out;
    const std::pair<bool, const char*> all[] = {
        {can.claim, "claim"},     {can.contact, "contact"},   {can.dock, "dock"},
        {can.decline, "decline"}, {can.transfer, "transfer"}, {can.pause, "pause"},
        {can.resume, "resume"},   {can.stage, "stage"},       {can.reply, "reply"},
        {can.decide, "decide"}};
    for (const auto& [yes, name] : all) {
        if (yes) {
            out.emplace_back(name);
        }
    }
    return out;
}

intent_view take_step(db::database& db, const clock& now, const identity::principal& who,
                      std::int64_t intent_id, const docking_step& step,
                      const identity::origin& from, const std::string& city) {
    return db.transaction([&](db::connection& conn) {
        const auto rules = active_routing_rules(conn, city);
        // Reading through the caller's view checks scope first: out of scope is not found.
        auto view = view_of(conn, who, intent_id);
        auto& intent = view.intent;
        auto& assignments = view.assignments;
        const auto can = what_is_allowed(who, intent, assignments);
        steps::scene s(conn, now, rules);
        store::intake_store store(conn);
        const auto duty = own_duty(who, assignments);
        std::optional<std::int64_t> event_unit =
            duty != assignments.end() ? std::optional(duty->unit_id) : std::nullopt;
        std::string kind = step.action;
        std::string text;
        std::optional<std::string> detail;
        std::optional<std::string> tell_investor;
        // What follows from the step, recorded after it on the timeline.
        std::function<void()> follow_up;

        if (step.action == "claim") {
            if (!can.claim) {
                not_now();
            }
            duty->user_id = who.user_id;
            if (!intent.primary_unit_id) {
                duty->role = "primary";
                owe(s, *duty, "first_contact", rules.first_contact_minutes);
                intent.primary_unit_id = duty->unit_id;
                intent.handler_user_id = who.user_id;
                intent.claimed_at = s.stamp;
                intent.status = "claimed";
                // The others no longer owe an acknowledgement; they may still join.
                for (auto& other : assignments) {
                    if (other.active() && other.id != duty->id && other.role == "candidate") {
                        other.step.reset();
                        other.due_at.reset();
                        store.update_assignment(other, s.stamp);
                    }
                }
                kind = "claimed";
                tell_investor = "intent.claimed";
            } else {
                duty->role = "collaborator";
                owe(s, *duty, std::nullopt, 0);
                kind = "joined";
                const auto& lead = view.units[*intent.primary_unit_id];
                const auto& mine = view.units[duty->unit_id];
                if (is_area(lead.type) && is_area(mine.type) && !intent.disputed) {
                    intent.disputed = true;
                    follow_up = [&s, &intent, unit = duty->unit_id, key = duty->id] {
                        steps::add_event(s, intent.id, "disputed", nullptr, unit, "");
                        steps::notify_bureau(s, intent, "intent.disputed",
                                             fmt::format("intent:{}:disputed:{}", intent.id, key));
                    };
                }
            }
            store.update_assignment(*duty, s.stamp);
        } else if (step.action == "contact") {
            static const std::set<std::string> channels{"phone", "visit", "meeting", "email",
                                                        "wechat"};
            field_errors errors;
            if (!channels.contains(step.channel)) {
                errors.add("channel", {"field.invalid_value", {}});
            }
            std::string when = s.stamp;
            if (step.contacted_at) {
                const auto t = parse_rfc3339(*step.contacted_at);
                const auto created = parse_rfc3339(intent.created_at);
                if (!t) {
                    errors.add("contacted_at", {"field.must_be_rfc3339", {}});
                } else if (*t > now.now() || (created && *t < *created)) {
                    errors.add("contacted_at", {"intake.contact_time_out_of_range", {}});
                } else {
                    when = format_utc(*t);
                }
            }
            if (step.text.empty()) {
                errors.add("summary", {"field.required", {}});
            } else if (step.text.size() > 4000) {
                errors.add("summary", {"field.too_long", {{"max", "4000"}}});
            }
            errors.throw_if_any();
            if (!can.contact) {
                not_now();
            }
            if (!intent.first_contact_at) {
                intent.first_contact_at = when;
                owe(s, *duty, "dock", rules.dock_minutes);
                store.update_assignment(*duty, s.stamp);
                tell_investor = "intent.contacted";
            }
            intent.status = "contacted";
            kind = "contacted";
            text = step.text;
            detail = step.channel;
        } else if (step.action == "dock") {
            require_reason(step.text, "summary");
            if (!can.dock) {
                not_now();
            }
            owe(s, *duty, std::nullopt, 0);
            store.update_assignment(*duty, s.stamp);
            intent.docked_at = s.stamp;
            intent.status = "docked";
            intent.stage = "negotiating";  // docked: the project is in talks (洽谈)
            kind = "docked";
            text = step.text;
            tell_investor = "intent.docked";
        } else if (step.action == "decline") {
            require_reason(step.text, "reason");
            if (!can.decline) {
                not_now();
            }
            step_back(s, intent, *duty, "declined");
            store.update_assignment(*duty, s.stamp);
            kind = "declined";
            text = step.text;
            follow_up = [&s, &intent, &assignments] {
                reroute_if_orphaned(s, intent, assignments);
            };
        } else if (step.action == "transfer") {
            field_errors errors;
            const auto units = store::reference_store(conn).list_units();
            const auto target = std::find_if(units.begin(), units.end(), [&](const auto& u) {
                return step.unit_id && u.id == *step.unit_id && u.type != "city";
            });
            const bool already =
                std::any_of(assignments.begin(), assignments.end(), [&](const assignment_row& a) {
                    return a.active() && step.unit_id && a.unit_id == *step.unit_id;
                });
            if (target == units.end()) {
                errors.add("unit_id", {"field.unknown_unit", {}});
            } else if (already) {
                errors.add("unit_id", {"intake.unit_already_assigned", {}});
            }
            if (step.text.empty()) {
                errors.add("reason", {"field.required", {}});
            }
            errors.throw_if_any();
            if (!can.transfer) {
                not_now();
            }
            // Passed on within the triage window: a mis-routed item, not the unit's failure.
            duty->excused = s.working_since(duty->created_at).count() <= rules.triage_minutes;
            step_back(s, intent, *duty, "transferred");
            store.update_assignment(*duty, s.stamp);
            steps::assign_unit(s, intent, target->id, false);
            kind = "transferred";
            text = step.text;
            detail = std::to_string(target->id);
            if (intent.status == "declined_all") {
                intent.status = "routed";
            }
        } else if (step.action == "pause") {
            require_reason(step.text, "reason");
            if (!can.pause) {
                not_now();
            }
            duty->paused_at = s.stamp;
            duty->pause_reason = step.text;
            store.update_assignment(*duty, s.stamp);
            kind = "paused";
            text = step.text;
            tell_investor = "intent.waiting_for_you";
        } else if (step.action == "resume") {
            if (!can.resume) {
                not_now();
            }
            restart_clock(s, *duty);
            store.update_assignment(*duty, s.stamp);
            kind = "resumed";
        } else if (step.action == "stage") {
            const auto code = stage_code(conn, step.stage);
            if (!can.stage) {
                not_now();
            }
            intent.stage = code;
            kind = "stage";
            detail = code;
            tell_investor = "intent.stage";
        } else if (step.action == "reply") {
            require_reason(step.text, "text");
            if (!can.reply) {
                not_now();
            }
            kind = "replied";
            text = step.text;
            event_unit.reset();
            for (auto& a : assignments) {
                if (a.active() && a.role == "primary" && a.paused_at) {
                    restart_clock(s, a);
                    store.update_assignment(a, s.stamp);
                    steps::add_event(s, intent.id, "resumed", nullptr, a.unit_id, "");
                }
                if (a.active() && a.role == "primary" && a.user_id) {
                    notify::notify_users(
                        conn, now, {*a.user_id},
                        {"intent.replied", intent.title,
                         fmt::format("/console/intents/{}", intent.id),
                         fmt::format("intent:{}:reply:{}", intent.id, s.stamp), false});
                }
            }
        } else if (step.action == "decide") {
            const auto chosen =
                std::find_if(assignments.begin(), assignments.end(), [&](const assignment_row& a) {
                    return a.active() && step.unit_id && a.unit_id == *step.unit_id &&
                           (a.role == "primary" || a.role == "collaborator");
                });
            if (chosen == assignments.end()) {
                throw api_error(error_code::validation_failed, {},
                                {{"unit_id", {"intake.not_a_claimant", {}}}});
            }
            if (!can.decide) {
                not_now();
            }
            const auto old = std::find_if(
                assignments.begin(), assignments.end(),
                [](const assignment_row& a) { return a.active() && a.role == "primary"; });
            if (old != assignments.end() && old->id != chosen->id) {
                chosen->role = "primary";
                chosen->step = old->step;
                chosen->due_at = old->due_at;
                chosen->paused_at = old->paused_at;
                chosen->pause_reason = old->pause_reason;
                old->role = "collaborator";
                old->step.reset();
                old->due_at.reset();
                old->paused_at.reset();
                store.update_assignment(*old, s.stamp);
                store.update_assignment(*chosen, s.stamp);
                intent.primary_unit_id = chosen->unit_id;
                intent.handler_user_id = chosen->user_id;
            }
            intent.disputed = false;
            kind = "decided";
            event_unit = chosen->unit_id;
        } else {
            throw api_error(error_code::not_found);
        }

        const auto event_id = steps::add_event(s, intent.id, kind, &who, event_unit, text, detail);
        if (follow_up) {
            follow_up();
        }
        store.update_progress(intent, s.stamp);
        steps::announce_change(s, intent, event_id, tell_investor);
        audit::record(
            conn, now,
            {who.user_id, who.login, who.roles_text(), who.unit_id, from.ip, from.request_id},
            {"intake.intent." + step.action, "intent", std::to_string(intent.id), "success",
             detail.value_or("")});
        return view_of(conn, who, intent.id);
    });
}

void follow_project(db::connection& conn, const clock& now, std::int64_t intent_id,
                    std::int64_t project_id, const std::string& stage) {
    store::intake_store store(conn);
    auto intent = store.find_intent(intent_id);
    if (!intent) {
        return;
    }
    // No deadline is set here, so the rules' defaults serve the scene.
    static const routing_rules no_deadlines{};
    steps::scene s(conn, now, no_deadlines);
    std::int64_t event_id = 0;
    if (stage.empty()) {
        event_id = steps::add_event(s, intent->id, "project", nullptr, intent->primary_unit_id, "",
                                    std::to_string(project_id));
    } else if (intent->stage != stage) {
        intent->stage = stage;
        store.update_progress(*intent, s.stamp);
        event_id =
            steps::add_event(s, intent->id, "stage", nullptr, intent->primary_unit_id, "", stage);
    } else {
        return;
    }
    steps::announce_change(
        s, *intent, event_id,
        stage.empty() ? std::nullopt : std::optional<std::string>("intent.stage"));
}

namespace {

// One pass over the open deadlines. Without `apply` it only counts what is to do, so that the
// frequent sweep takes no write lock when there is nothing to do.
sweep_report sweep_pass(db::connection& conn, const clock& now, const routing_rules& rules,
                        bool apply) {
    sweep_report report;
    steps::scene s(conn, now, rules);
    store::intake_store store(conn);
    for (auto& [duty, subject] : store.open_deadlines()) {
        const auto due = parse_rfc3339(*duty.due_at);
        const auto* intent = &subject;
        if (!due) {
            continue;
        }
        const auto key =
            fmt::format("intent:{}:assignment:{}:{}", intent->id, duty.id, *duty.due_at);
        const auto alert = next_alert(
            s.calendar, now.now(), *due, duty.reminded_at.has_value(), duty.escalation_level,
            {rules.remind_before_minutes, rules.escalate_to_bureau_after_minutes});
        if (alert == deadline_alert::remind) {
            ++report.reminded;
            if (!apply) {
                continue;
            }
            duty.reminded_at = s.stamp;
            std::vector<std::int64_t> people;
            if (duty.user_id) {
                people.push_back(*duty.user_id);
            } else {
                people = store.users_with_role("unit_staff", duty.unit_id);
            }
            notify::notify_users(
                conn, now, people,
                {"intent.reminder", intent->title, fmt::format("/console/intents/{}", intent->id),
                 key + ":reminder", false});
            steps::add_event(s, intent->id, "reminded", nullptr, duty.unit_id, "", *duty.step);
            store.update_assignment(duty, s.stamp);
        } else if (alert == deadline_alert::overdue) {
            ++report.overdue;
            if (!apply) {
                continue;
            }
            duty.overdue_since = s.stamp;
            duty.escalation_level = 1;
            steps::notify_unit_leads(s, *intent, duty.unit_id, "intent.overdue", key + ":overdue");
            const auto event_id =
                steps::add_event(s, intent->id, "overdue", nullptr, duty.unit_id, "", *duty.step);
            steps::announce_change(s, *intent, event_id, std::nullopt);
            store.update_assignment(duty, s.stamp);
        } else if (alert == deadline_alert::escalate) {
            ++report.escalated;
            if (!apply) {
                continue;
            }
            duty.escalation_level = 2;
            steps::notify_bureau(s, *intent, "intent.escalated", key + ":escalated");
            const auto event_id =
                steps::add_event(s, intent->id, "escalated", nullptr, duty.unit_id, "", *duty.step);
            steps::announce_change(s, *intent, event_id, std::nullopt);
            store.update_assignment(duty, s.stamp);
        }
    }
    return report;
}

}  // namespace

deadline_alert next_alert(const calendar::working_calendar& calendar, time_point now,
                          time_point due, bool reminded, int escalation_level,
                          const alert_ladder& ladder) {
    if (due > now) {
        const auto left = calendar.working_time_between(now, due);
        return !reminded && left.count() <= ladder.remind_before_minutes ? deadline_alert::remind
                                                                         : deadline_alert::none;
    }
    if (escalation_level == 0) {
        return deadline_alert::overdue;
    }
    const auto late = calendar.working_time_between(due, now);
    return escalation_level == 1 && late.count() >= ladder.escalate_to_bureau_after_minutes
               ? deadline_alert::escalate
               : deadline_alert::none;
}

sweep_report sweep_when_due(db::database& db, const std::string& name,
                            const std::function<sweep_report(db::connection&, bool apply)>& pass) {
    const auto pending = db.read([&](db::connection& conn) { return pass(conn, false); });
    if (pending.reminded + pending.overdue + pending.escalated == 0) {
        return pending;
    }
    return db.transaction([&](db::connection& conn) {
        if (conn.kind() == db::engine::postgres) {
            conn.query("SELECT pg_advisory_xact_lock(hashtext($1))", {name});
        }
        return pass(conn, true);
    });
}

sweep_report sweep_deadlines(db::database& db, const clock& now, const std::string& city) {
    return sweep_when_due(db, "intake.deadline_sweep", [&](db::connection& conn, bool apply) {
        return sweep_pass(conn, now, active_routing_rules(conn, city), apply);
    });
}

std::pair<std::vector<store::inbox_row>, std::int64_t> inbox_of(db::database& db,
                                                                const identity::principal& who,
                                                                bool open_only,
                                                                const std::string& text, int offset,
                                                                int limit) {
    const auto scope = identity::list_scope_of(who);
    if (!scope.everything && scope.units.empty()) {
        return {{}, 0};
    }
    return db.read([&](db::connection& conn) {
        return store::intake_store(conn).inbox(
            {scope.everything ? std::vector<std::int64_t>{} : scope.units, open_only, text, offset,
             limit});
    });
}

}  // namespace zhaoyin::service::intake
