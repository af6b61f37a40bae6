#include "service/intake/intents.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/credit_code.hpp"
#include "core/error.hpp"
#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/intake/docking.hpp"
#include "service/intake/duplicates.hpp"
#include "service/intake/intake_steps.hpp"
#include "service/intake/routing_rules.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::intake {

namespace json = boost::json;

namespace {

bool is_decimal(const std::string& text, int max_fraction_digits) {
    static const std::regex pattern(R"(^(0|[1-9][0-9]{0,15})(\.[0-9]+)?$)");
    if (!std::regex_match(text, pattern)) {
        return false;
    }
    const auto dot = text.find('.');
    return dot == std::string::npos || int(text.size() - dot - 1) <= max_fraction_digits;
}

void require_text(field_errors& errors, const char* field, const std::string& value,
                  std::size_t max) {
    if (value.empty()) {
        errors.add(field, {"field.required", {}});
    } else if (value.size() > max) {
        errors.add(field, {"field.too_long", {{"max", std::to_string(max)}}});
    }
}

// An intent of the last 90 days this one probably repeats: the same credit code, or a very
// similar company and title. Staff see the flag; the investor is not refused.
std::optional<std::int64_t> likely_duplicate(store::intake_store& store,
                                             const store::intent_row& fresh, time_point now) {
    const auto since = format_utc(now - std::chrono::days(90));
    for (const auto& old : store.recent_intents_like(fresh.credit_code, since, 200)) {
        if (duplicate_reason({fresh.credit_code, fresh.company, fresh.title},
                             {old.credit_code, old.company, old.title})) {
            return old.id;
        }
    }
    return std::nullopt;
}

}  // namespace

intent_view submit_intent(db::database& db, const clock& now, const identity::principal& who,
                          const intent_input& input, const identity::origin& from,
                          const std::string& city) {
    return db.transaction([&](db::connection& conn) {
        const auto rules = active_routing_rules(conn, city);
        store::reference_store reference(conn);
        const auto units = reference.list_units();
        field_errors errors;
        require_text(errors, "title", input.title, 200);
        require_text(errors, "company", input.company, 200);
        require_text(errors, "contact_name", input.contact_name, 100);
        require_text(errors, "description", input.description, 5000);
        if (input.credit_code && !valid_credit_code(*input.credit_code)) {
            errors.add("credit_code", {"field.invalid_credit_code", {}});
        }
        static const std::regex phone("^1[3-9][0-9]{9}$");
        if (!std::regex_match(input.contact_phone, phone)) {
            errors.add("contact_phone", {"field.invalid_phone", {}});
        }
        std::string industry_code;
        for (const auto& industry : reference.list_industries()) {
            if (input.industry == industry.code || input.industry == industry.name_zh ||
                input.industry == industry.name_en) {
                industry_code = industry.code;
            }
        }
        if (industry_code.empty()) {
            errors.add("industry", {"field.invalid_value", {}});
        }
        if (!is_decimal(input.investment_total, 2) || input.investment_total == "0") {
            errors.add("investment_total", {"field.invalid_value", {}});
        }
        if (input.currency != "CNY" && input.currency != "USD") {
            errors.add("currency", {"field.invalid_value", {}});
        }
        if (input.capital_type != "domestic" && input.capital_type != "foreign") {
            errors.add("capital_type", {"field.invalid_value", {}});
        }
        for (const auto id : input.preferred_units) {
            const bool area = std::any_of(units.begin(), units.end(), [&](const auto& u) {
                return u.id == id && (u.type == "district" || u.type == "zone");
            });
            if (!area) {
                errors.add("preferred_units", {"field.unknown_unit", {}});
            }
        }
        if (input.land_mu && !is_decimal(*input.land_mu, 2)) {
            errors.add("land_mu", {"field.invalid_value", {}});
        }
        if (input.jobs && (*input.jobs < 0 || *input.jobs > 10'000'000)) {
            errors.add("jobs", {"field.out_of_range", {{"min", "0"}, {"max", "10000000"}}});
        }
        errors.throw_if_any();

        const std::string stamp = format_utc(now.now());
        const auto whole_units =
            std::stoll(input.investment_total.substr(0, input.investment_total.find('.')));
        const auto candidates = route(
            {industry_code, whole_units, input.currency, input.capital_type, input.preferred_units},
            units, rules);
        store::intake_store store(conn);
        store::intent_row row;
        row.title = input.title;
        row.company = input.company;
        row.credit_code = input.credit_code;
        row.contact_name = input.contact_name;
        row.contact_phone = input.contact_phone;
        row.industry_code = industry_code;
        row.investment_total = input.investment_total;
        row.currency = input.currency;
        row.capital_type = input.capital_type;
        row.land_mu = input.land_mu;
        row.jobs = input.jobs;
        row.description = input.description;
        row.status = "routed";
        row.submitted_by = who.user_id;
        row.preferred_units = input.preferred_units;
        row.duplicate_of = likely_duplicate(store, row, now.now());
        row.id = store.insert_intent(row, stamp);
        store.insert_routing_decision(row.id, rules.version, decision_json(candidates), stamp);

        steps::scene scene(conn, now, rules);
        steps::add_event(scene, row.id, "submitted", &who, std::nullopt, "");
        for (const auto& c : candidates) {
            steps::assign_unit(scene, row, c.unit_id, c.informed_only);
            steps::add_event(scene, row.id, "routed", nullptr, c.unit_id, "",
                             c.informed_only ? "informed" : "candidate");
        }
        if (row.duplicate_of) {
            steps::add_event(scene, row.id, "duplicate", nullptr, std::nullopt, "",
                             std::to_string(*row.duplicate_of));
        }
        audit::record(
            conn, now,
            {who.user_id, who.login, who.roles_text(), who.unit_id, from.ip, from.request_id},
            {"intake.intent.submit", "intent", std::to_string(row.id), "success",
             fmt::format("{} candidates, rules {}", candidates.size(), rules.version)});
        return view_of(conn, who, row.id);
    });
}

intent_view view_of(db::connection& conn, const identity::principal& who, std::int64_t id) {
    store::intake_store store(conn);
    const auto intent = store.find_intent(id);
    if (!intent) {
        throw api_error(error_code::not_found);
    }
    intent_view view;
    view.intent = *intent;
    view.assignments = store.assignments_of("intent", id);
    identity::ownership owner{intent->submitted_by, std::nullopt, {}};
    for (const auto& a : view.assignments) {
        owner.collaborating_units.push_back(a.unit_id);
    }
    if (!identity::in_scope(who, owner)) {
        throw api_error(error_code::not_found);
    }
    if (const auto decision = store.routing_decision(id)) {
        view.routing = decision_from_json(*decision);
    }
    view.timeline = store.events_of(id);
    view.attachments = store.attachments_of(id);
    view.staff = who.user_id != intent->submitted_by;
    const auto handling = std::find_if(
        view.assignments.begin(), view.assignments.end(),
        [&](const auto& a) { return a.active() && who.unit_id && a.unit_id == *who.unit_id; });
    view.contact_phone_visible = !view.staff || handling != view.assignments.end();
    if (view.staff && intent->duplicate_of) {
        view.duplicate = store.find_intent(*intent->duplicate_of);
    }

    std::set<std::int64_t> people;
    std::set<std::int64_t> units;
    for (const auto& a : view.assignments) {
        units.insert(a.unit_id);
        if (a.user_id) {
            people.insert(*a.user_id);
        }
    }
    for (const auto& e : view.timeline) {
        if (e.unit_id) {
            units.insert(*e.unit_id);
        }
    }
    if (intent->handler_user_id) {
        people.insert(*intent->handler_user_id);
    }
    for (const auto& unit : store::reference_store(conn).list_units()) {
        if (units.contains(unit.id) || unit.id == intent->primary_unit_id) {
            view.units[unit.id] = {unit.name_zh, unit.name_en, unit.phone, unit.type};
        }
    }
    for (const auto person : people) {
        view.people[person] = store.user_name(person).value_or("");
    }
    view.actions = allowed_actions(who, view);
    return view;
}

intent_view view_intent(db::database& db, const identity::principal& who, std::int64_t id) {
    return db.read([&](db::connection& conn) { return view_of(conn, who, id); });
}

std::pair<std::vector<store::intent_row>, std::int64_t> list_intents(db::database& db,
                                                                     const identity::principal& who,
                                                                     int offset, int limit) {
    const auto scope = identity::list_scope_of(who);
    return db.read([&](db::connection& conn) {
        return store::intake_store(conn).list_intents(scope.everything, scope.owner_user_id,
                                                      scope.units, offset, limit);
    });
}

}  // namespace zhaoyin::service::intake
