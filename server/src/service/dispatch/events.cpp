#include "service/dispatch/events.hpp"
#include "service/dashboard/aggregates.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/decimal.hpp"
#include "core/error.hpp"
#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/dispatch/field_checks.hpp"
#include "service/dispatch/supervision.hpp"
#include "store/project_store.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::dispatch {

namespace {

funnel_step& step_for(funnel& f, const std::string& stage) {
    const auto step = funnel_step_of(stage);
    if (step == "signed") {
        return f.signed_;
    }
    if (step == "registered") {
        return f.registered;
    }
    if (step == "started") {
        return f.started;
    }
    return f.in_talks;
}

void count_in(funnel& f, const std::string& stage, const store::event_project_row& p) {
    auto& step = step_for(f, stage);
    ++step.projects;
    (p.currency == "USD" ? step.usd_hundredths : step.cny_hundredths) +=
        hundredths(p.investment_total);
}

// Stage positions by code and codes by position, from the reference stages.
struct stage_order {
    std::map<std::string, int> position;
    std::map<int, std::string> code;

    const std::string& later(const std::string& a, const std::string& b) const {
        return position.at(a) >= position.at(b) ? a : b;
    }
};

stage_order stage_order_of(db::connection& conn) {
    stage_order out;
    for (const auto& s : store::reference_store(conn).list_stages()) {
        out.position[s.code] = s.position;
        out.code[s.position] = s.code;
    }
    return out;
}

// Each project's stage at the event's end and now. At the end: the furthest stage with an
// actual date on or before it, at least signed when signed there by then; a project with no
// such date was in talks (negotiating, or planning while it still is). Now: its stage, at least
// signed when signed at the event.
event_funnel funnel_of(db::connection& conn, const store::event_row& event,
                       const identity::principal& who) {
    const auto scope = identity::list_scope_of(who);
    store::event_store store(conn);
    const auto projects = store.projects_of(event.id, scope.everything, scope.units);
    std::vector<std::int64_t> ids;
    for (const auto& p : projects) {
        ids.push_back(p.id);
    }
    const auto reached = store.stages_reached(ids);
    const auto order = stage_order_of(conn);
    event_funnel out;
    for (const auto& p : projects) {
        std::optional<std::string> then;
        for (const auto& r : reached) {
            if (r.project_id == p.id && r.actual_on <= event.ends_on) {
                then = then ? order.later(*then, r.stage) : r.stage;
            }
        }
        if (p.signed_on && *p.signed_on <= event.ends_on) {
            then = then ? order.later(*then, "signed") : "signed";
        }
        if (!then) {
            then = p.stage == "planning" ? "planning" : "negotiating";
        }
        const auto now = p.signed_on ? order.later(p.stage, "signed") : p.stage;
        count_in(out.at_event, *then, p);
        count_in(out.now, now, p);
        if (now != *then) {
            out.changes.push_back({p.id, p.name, *then, now});
        }
    }
    return out;
}

event_view view_of(db::connection& conn, const identity::principal& who, std::int64_t id) {
    store::event_store store(conn);
    auto event = store.find_event(id);
    if (!event) {
        throw api_error(error_code::not_found);
    }
    event_view view;
    view.projects = funnel_of(conn, *event, who);
    // Signings of projects the caller may see, as the funnel counts them.
    store::project_store projects(conn);
    for (auto& s : store.signings_of(id)) {
        const auto p = projects.find_project(s.project_id);
        if (p && identity::in_scope(
                     who, {p->intent_owner, p->undertaking_unit_id, p->collaborating_units})) {
            view.signings.push_back(std::move(s));
        }
    }
    view.event = std::move(*event);
    return view;
}

}  // namespace

std::string funnel_step_of(const std::string& stage) {
    if (stage == "planning" || stage == "negotiating") {
        return "in_talks";
    }
    if (stage == "signed" || stage == "registered") {
        return stage;
    }
    return "started";
}

event_view create_event(db::database& db, const clock& now, const identity::principal& who,
                        const event_input& input, const identity::origin& from) {
    field_errors errors;
    require_text(errors, "name", input.name, 200);
    for (const auto& [name, value] :
         {std::pair{"starts_on", input.starts_on}, {"ends_on", input.ends_on}}) {
        if (!is_date(value)) {
            errors.add(name, {"field.must_be_date", {}});
        }
    }
    if (is_date(input.starts_on) && is_date(input.ends_on) && input.ends_on < input.starts_on) {
        errors.add("ends_on", {"field.invalid_value", {}});
    }
    require_text(errors, "place", input.place, 200);
    require_text(errors, "organiser", input.organiser, 200);
    if (input.description.size() > 5000) {
        errors.add("description", {"field.too_long", {{"max", "5000"}}});
    }
    errors.throw_if_any();
    return db.transaction([&](db::connection& conn) {
        const auto id = store::event_store(conn).insert_event(
            {0, input.name, input.starts_on, input.ends_on, input.place, input.organiser,
             input.description, who.user_id, format_utc(now.now()), ""});
        audit::record(conn, now, dispatch_actor(who, from),
                      {"dispatch.event.create", "event", std::to_string(id), "success",
                       input.starts_on + ".." + input.ends_on});
        return view_of(conn, who, id);
    });
}

event_view view_event(db::database& db, const identity::principal& who, std::int64_t id) {
    return db.read([&](db::connection& conn) { return view_of(conn, who, id); });
}

std::pair<std::vector<store::event_row>, std::int64_t> list_events(db::database& db,
                                                                   const std::string& text,
                                                                   int offset, int limit) {
    return db.read([&](db::connection& conn) {
        return store::event_store(conn).list_events(text, offset, limit);
    });
}

event_view add_signing(db::database& db, const clock& now, const identity::principal& who,
                       std::int64_t id, const signing_input& input, const identity::origin& from) {
    return db.transaction([&](db::connection& conn) {
        store::event_store store(conn);
        if (!store.find_event(id)) {
            throw api_error(error_code::not_found);
        }
        field_errors errors;
        if (!input.project_id) {
            errors.add("project_id", {"field.required", {}});
        } else {
            const auto p = store::project_store(conn).find_project(*input.project_id);
            if (!p || !identity::in_scope(
                          who, {p->intent_owner, p->undertaking_unit_id, p->collaborating_units})) {
                errors.add("project_id", {"field.invalid_value", {}});
            } else if (store.has_signing(id, *input.project_id)) {
                errors.add("project_id", {"field.taken", {}});
            }
        }
        if (!is_date(input.signed_on)) {
            errors.add("signed_on", {"field.must_be_date", {}});
        } else if (input.signed_on > today_cst(now.now())) {
            errors.add("signed_on", {"field.invalid_value", {}});  // not yet signed
        }
        if (!positive_decimal(input.amount)) {
            errors.add("amount", {"field.invalid_value", {}});
        }
        if (input.currency != "CNY" && input.currency != "USD") {
            errors.add("currency", {"field.invalid_value", {}});
        }
        errors.throw_if_any();
        const auto signing =
            store.insert_signing({0, id, *input.project_id, input.signed_on, input.amount,
                                  input.currency, who.user_id, format_utc(now.now()), ""});
        const auto before = dashboard::share_of(conn, {*input.project_id});
        store.link_project(*input.project_id, id);
        dashboard::update_aggregates(conn, before, {*input.project_id});
        audit::record(conn, now, dispatch_actor(who, from),
                      {"dispatch.event.sign", "event", std::to_string(id), "success",
                       fmt::format("signing {}, project {}, {} {}", signing, *input.project_id,
                                   input.amount, input.currency)});
        return view_of(conn, who, id);
    });
}

bool event_exists(db::connection& conn, std::int64_t id) {
    return store::event_store(conn).find_event(id).has_value();
}

}  // namespace zhaoyin::service::dispatch
