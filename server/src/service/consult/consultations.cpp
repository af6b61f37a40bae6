#include "service/consult/consultations.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/consult/question_text.hpp"
#include "service/content/documents.hpp"
#include "service/content/parks.hpp"
#include "service/dispatch/projects.hpp"
#include "service/dispatch/supervision.hpp"
#include "service/intake/intake_steps.hpp"
#include "service/intake/routing_rules.hpp"
#include "service/notify/notifications.hpp"
#include "service/notify/outbox.hpp"
#include "store/document_store.hpp"
#include "store/intake_store.hpp"
#include "store/project_store.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::consult {

namespace json = boost::json;

namespace {

constexpr std::size_t max_question = 2000;
constexpr std::size_t max_answer = 5000;

const std::set<std::string>& document_types() {
    static const std::set<std::string> types{
        "policy", "news", "regulation", "cost_table", "directory_entry", "lounge_page"};
    return types;
}

bool known_context(const std::string& type) {
    return document_types().contains(type) || type == "park" || type == "project" ||
           type == "general";
}

std::string console_link(std::int64_t id) {
    return fmt::format("/console/consultations/{}", id);
}

// What the notices name: the page asked from, else the start of the question.
std::string subject_of(const store::consultation_row& c) {
    return c.context_title.value_or(excerpt(c.question, 40));
}

// The page a question is asked from, as stored with it, and the unit that answers for it.
struct resolved_context {
    std::optional<std::int64_t> id;
    std::optional<std::int64_t> version;
    std::optional<std::string> title;
    std::optional<std::int64_t> unit_id;
};

resolved_context resolve_context(db::connection& conn, const identity::principal& who,
                                 const question_input& input) {
    if (input.context_type == "general") {
        return {};
    }
    const auto id = *input.context_id;
    if (input.context_type == "project") {
        store::project_store projects(conn);
        const auto project = dispatch::project_in_scope(projects, who, id);
        return {id, std::nullopt, project.name, project.undertaking_unit_id};
    }
    if (input.context_type == "park") {
        // The zone or district that runs the park answers for it; an archived park's page is
        // gone for portal users.
        const auto park = content::park_in_scope(conn, &who, id);
        return {id, std::nullopt, park.name, park.unit_id};
    }
    // As the page reads to the asker (published or expired for portal users).
    store::document_store documents(conn);
    const auto document = content::document_in_scope(documents, &who, id);
    if (document.type != input.context_type) {
        throw api_error(error_code::not_found);
    }
    return {id, document.version, document.title, document.unit_id};
}

struct routed_to {
    std::int64_t unit_id = 0;
    std::string how;  // context | routing | bureau
};

std::int64_t bureau_of(const std::vector<store::unit_row>& units) {
    const auto bureau =
        std::find_if(units.begin(), units.end(), [](const auto& u) { return u.type == "bureau"; });
    if (bureau == units.end()) {
        throw std::runtime_error("the city has no commerce bureau unit");
    }
    return bureau->id;
}

// The page's unit first (a document's issuer, a project's undertaking unit, a park's unit);
// otherwise intake's routing of the question's text (the industry chain
// and the areas it names), falling back to the bureau.
routed_to route_question(db::connection& conn, const resolved_context& context,
                         const std::string& question, const std::string& city) {
    if (context.unit_id) {
        return {*context.unit_id, "context"};
    }
    store::reference_store reference(conn);
    const auto units = reference.list_units();
    const auto bureau = bureau_of(units);
    const auto facts = intake::facts_from_text(question, reference.list_industries(), units);
    const auto lead =
        intake::leading_unit(intake::route(facts, units, intake::active_routing_rules(conn, city)));
    if (lead && *lead != bureau) {
        return {*lead, "routing"};
    }
    return {bureau, "bureau"};
}

// Intake's scene: the working calendar, the stored form of now and deadlines on it. The answer
// times come from consult.json, so the scene's own routing rules are never read.
intake::steps::scene scene_of(db::connection& conn, const clock& now) {
    static const intake::routing_rules unused{};
    return {conn, now, unused};
}

void add_event(intake::steps::scene& s, const store::consultation_row& c, const std::string& kind,
               const identity::principal* actor, const std::string& text = "") {
    store::consultation_event_row e;
    e.consultation_id = c.id;
    e.at = s.stamp;
    e.kind = kind;
    if (actor != nullptr) {
        e.actor_name = actor->name;
    }
    e.unit_id = c.unit_id;
    e.text = text;
    store::consultation_store(s.conn).insert_event(e);
}

// The unit's staff and leads learn of a question routed to them (bell and live push).
void tell_unit_of(intake::steps::scene& s, const store::consultation_row& c) {
    dispatch::tell_unit(
        s.conn, s.now, c.unit_id,
        {"consultation.routed", subject_of(c), console_link(c.id),
         fmt::format("consultation:{}:unit:{}:{}", c.id, c.unit_id, c.routed_at), false},
        "consultation.routed", c.id);
}

void audit_step(db::connection& conn, const clock& now, const identity::principal& who,
                const identity::origin& from, const std::string& action, std::int64_t id,
                const std::string& detail) {
    audit::record(
        conn, now,
        {who.user_id, who.login, who.roles_text(), who.unit_id, from.ip, from.request_id},
        {"consult.consultation." + action, "consultation", std::to_string(id), "success", detail});
}

bool acts_for_unit(const identity::principal& who, std::int64_t unit_id) {
    return who.scope == identity::scope_kind::all || (who.unit_id && *who.unit_id == unit_id) ||
           (who.scope == identity::scope_kind::unit_tree && who.scope_units.contains(unit_id));
}

// The end of a unit lead's transfer window: triage_minutes of working time after routing.
std::optional<time_point> triage_ends(const intake::steps::scene& s,
                                      const store::consultation_row& c,
                                      const consult_rules& rules) {
    const auto routed = parse_rfc3339(c.routed_at);
    if (!routed) {
        return std::nullopt;
    }
    return s.calendar.add_working_time(*routed, std::chrono::minutes(rules.triage_minutes));
}

bool within_triage(const intake::steps::scene& s, const store::consultation_row& c,
                   const consult_rules& rules) {
    const auto ends = triage_ends(s, c, rules);
    return ends && s.now.now() <= *ends;
}

// Whether `who` may still pass the question on: the bureau at any time, a unit's lead only
// within the triage window. The action list and transfer() both ask this.
bool may_transfer_now(const intake::steps::scene& s, const identity::principal& who,
                      const store::consultation_row& c, const consult_rules& rules) {
    return who.scope == identity::scope_kind::all || within_triage(s, c, rules);
}

std::vector<std::string> actions_of(const intake::steps::scene& s, const identity::principal& who,
                                    const store::consultation_row& c, const consult_rules& rules) {
    std::vector<std::string> out;
    const bool open = c.status == "open";
    if (open && who.has("consult:consultation:answer") && acts_for_unit(who, c.unit_id)) {
        out.emplace_back("answer");
    }
    if (open && who.has("consult:consultation:transfer") && acts_for_unit(who, c.unit_id) &&
        may_transfer_now(s, who, c, rules)) {
        out.emplace_back("transfer");
    }
    if (!open && !c.faq_document_id && c.context_type != "project" &&
        who.has("consult:consultation:publish_faq") && acts_for_unit(who, c.unit_id)) {
        out.emplace_back("publish_faq");
    }
    return out;
}

store::consultation_row consultation_in_scope(store::consultation_store& store,
                                              const identity::principal& who, std::int64_t id) {
    auto found = store.find(id);
    if (!found || !identity::in_scope(who, {found->asked_by, found->unit_id, {}})) {
        throw api_error(error_code::not_found);
    }
    return *found;
}

consultation_view view_of(db::connection& conn, const clock& now, const identity::principal& who,
                          const store::consultation_row& c, const consult_rules& rules) {
    consultation_view view;
    view.consultation = c;
    view.timeline = store::consultation_store(conn).events_of(c.id);
    const auto s = scene_of(conn, now);
    view.actions = actions_of(s, who, c, rules);
    if (std::ranges::find(view.actions, "transfer") != view.actions.end() &&
        who.scope != identity::scope_kind::all) {
        if (const auto ends = triage_ends(s, c, rules)) {
            view.transfer_until = format_utc(*ends);
        }
    }
    view.overdue = c.status == "open" && c.due_at <= format_utc(now.now());
    return view;
}

}  // namespace

consult_rules shipped_consult_rules(const std::string& city) {
    const auto file = json::parse(embedded_data_file("cities/" + city + "/consult.json"));
    const auto& o = file.as_object();
    consult_rules rules;
    rules.version = std::string(o.at("version").as_string());
    rules.answer_minutes = int(o.at("deadlines_minutes").at("answer").to_number<std::int64_t>());
    rules.triage_minutes = int(o.at("triage_minutes").to_number<std::int64_t>());
    rules.ladder.remind_before_minutes =
        int(o.at("remind_before_minutes").to_number<std::int64_t>());
    rules.ladder.escalate_to_bureau_after_minutes =
        int(o.at("escalate_to_bureau_after_minutes").to_number<std::int64_t>());
    return rules;
}

consultation_view ask(db::database& db, const clock& now, const identity::principal& who,
                      const question_input& input, const identity::origin& from,
                      const std::string& city) {
    field_errors errors;
    if (input.question.empty()) {
        errors.add("question", {"field.required", {}});
    } else if (code_points(input.question) > max_question) {
        errors.add("question", {"field.too_long", {{"max", std::to_string(max_question)}}});
    }
    if (!known_context(input.context_type)) {
        errors.add("context_type", {"field.invalid_value", {}});
    } else if (input.context_type != "general" && !input.context_id) {
        errors.add("context_id", {"field.required", {}});
    }
    errors.throw_if_any();
    const auto rules = shipped_consult_rules(city);
    return db.transaction([&](db::connection& conn) {
        const auto context = resolve_context(conn, who, input);
        const auto routed = route_question(conn, context, input.question, city);
        auto s = scene_of(conn, now);
        store::consultation_row c;
        c.question = input.question;
        c.context_type = input.context_type;
        c.context_id = context.id;
        c.context_version = context.version;
        c.context_title = context.title;
        c.asked_by = who.user_id;
        c.unit_id = routed.unit_id;
        c.routed_by = routed.how;
        c.routed_at = s.stamp;
        c.status = "open";
        c.due_at = s.due_after(rules.answer_minutes);
        c.created_at = s.stamp;
        store::consultation_store store(conn);
        c.id = store.insert(c);
        add_event(s, c, "asked", &who);
        add_event(s, c, "routed", nullptr, routed.how);
        tell_unit_of(s, c);
        audit_step(conn, now, who, from, "ask", c.id,
                   fmt::format("{} > unit {} ({})", c.context_type, c.unit_id, routed.how));
        return view_of(conn, now, who, *store.find(c.id), rules);
    });
}

consultation_view view_consultation(db::database& db, const clock& now,
                                    const identity::principal& who, std::int64_t id,
                                    const std::string& city) {
    const auto rules = shipped_consult_rules(city);
    return db.read([&](db::connection& conn) {
        store::consultation_store store(conn);
        return view_of(conn, now, who, consultation_in_scope(store, who, id), rules);
    });
}

void check_query(const consultation_query& query, field_errors& errors) {
    if (query.status && *query.status != "open" && *query.status != "answered") {
        errors.add("status", {"field.invalid_value", {}});
    }
    if (query.context_type && !known_context(*query.context_type)) {
        errors.add("context_type", {"field.invalid_value", {}});
    }
}

std::pair<std::vector<store::consultation_row>, std::int64_t> list_consultations(
    db::database& db, const clock& now, const identity::principal& who,
    const consultation_query& query, int offset, int limit) {
    const auto scope = identity::list_scope_of(who);
    store::consultation_filter f;
    f.everything = scope.everything;
    f.asked_by = scope.owner_user_id;
    f.units = scope.units;
    f.status = query.status;
    f.overdue = query.overdue;
    f.now = format_utc(now.now());
    f.context_type = query.context_type;
    f.text = query.text;
    f.offset = offset;
    f.limit = limit;
    return db.read([&](db::connection& conn) { return store::consultation_store(conn).list(f); });
}

consultation_view answer(db::database& db, const clock& now, const identity::principal& who,
                         std::int64_t id, const std::string& text, const identity::origin& from,
                         const std::string& city) {
    const auto rules = shipped_consult_rules(city);
    return db.transaction([&](db::connection& conn) {
        store::consultation_store store(conn);
        auto c = consultation_in_scope(store, who, id);
        field_errors errors;
        if (text.empty()) {
            errors.add("answer", {"field.required", {}});
        } else if (code_points(text) > max_answer) {
            errors.add("answer", {"field.too_long", {{"max", std::to_string(max_answer)}}});
        }
        errors.throw_if_any();
        if (!acts_for_unit(who, c.unit_id)) {
            throw api_error(error_code::forbidden);
        }
        if (c.status != "open") {
            throw api_error(error_code::conflict, {"consult.already_answered", {}});
        }
        const auto stamp = format_utc(now.now());
        c.status = "answered";
        c.answer = text;
        c.answered_by = who.user_id;
        c.answered_by_name = who.name;
        c.answered_at = stamp;
        c.answered_on_time = stamp <= c.due_at;
        c.updated_at = stamp;
        store.update(c);
        auto s = scene_of(conn, now);
        add_event(s, c, "answered", &who, text);
        const auto key = fmt::format("consultation:{}:answered", c.id);
        // The bell and an outbound message (SMS) to the asker, and the answer live on the page.
        notify::notify_users(conn, now, {c.asked_by},
                             {"consultation.answered", subject_of(c),
                              fmt::format("/consultations/{}", c.id), key, true});
        notify::enqueue(conn, now,
                        {key + ":push", "push", fmt::format("user:{}", c.asked_by),
                         json::serialize(json::object{{"type", "consultation.answered"},
                                                      {"consultation_id", c.id},
                                                      {"status", c.status}})});
        audit_step(conn, now, who, from, "answer", c.id, *c.answered_on_time ? "on time" : "late");
        return view_of(conn, now, who, c, rules);
    });
}

consultation_view transfer(db::database& db, const clock& now, const identity::principal& who,
                           std::int64_t id, std::optional<std::int64_t> unit_id,
                           const std::string& reason, const identity::origin& from,
                           const std::string& city) {
    const auto rules = shipped_consult_rules(city);
    return db.transaction([&](db::connection& conn) {
        store::consultation_store store(conn);
        auto c = consultation_in_scope(store, who, id);
        field_errors errors;
        const auto target = unit_id ? store::reference_store(conn).find_unit(*unit_id)
                                    : std::optional<store::unit_row>();
        if (!unit_id) {
            errors.add("unit_id", {"field.required", {}});
        } else if (!target || target->type == "city") {
            errors.add("unit_id", {"field.unknown_unit", {}});
        } else if (target->id == c.unit_id) {
            errors.add("unit_id", {"consult.same_unit", {}});
        }
        if (reason.empty()) {
            errors.add("reason", {"field.required", {}});
        } else if (code_points(reason) > max_question) {
            errors.add("reason", {"field.too_long", {{"max", std::to_string(max_question)}}});
        }
        errors.throw_if_any();
        if (!acts_for_unit(who, c.unit_id)) {
            throw api_error(error_code::forbidden);
        }
        if (c.status != "open") {
            throw api_error(error_code::conflict, {"consult.already_answered", {}});
        }
        auto s = scene_of(conn, now);
        if (!may_transfer_now(s, who, c, rules)) {
            throw api_error(error_code::conflict, {"consult.triage_window_passed", {}});
        }
        const auto from_unit = c.unit_id;
        c.unit_id = target->id;
        c.routed_by = "transfer";
        c.routed_at = s.stamp;
        c.due_at = s.due_after(rules.answer_minutes);
        c.reminded_at.reset();
        c.overdue_since.reset();
        c.escalation_level = 0;
        c.updated_at = s.stamp;
        store.update(c);
        add_event(s, c, "transferred", &who, reason);
        tell_unit_of(s, c);
        audit_step(conn, now, who, from, "transfer", c.id,
                   fmt::format("unit {} > unit {}", from_unit, c.unit_id));
        return view_of(conn, now, who, *store.find(c.id), rules);
    });
}

consultation_view publish_faq(db::database& db, const clock& now, const identity::principal& who,
                              std::int64_t id, const faq_text& text, const identity::origin& from,
                              const std::string& city) {
    const auto rules = shipped_consult_rules(city);
    return db.transaction([&](db::connection& conn) {
        store::consultation_store store(conn);
        auto c = consultation_in_scope(store, who, id);
        if (!acts_for_unit(who, c.unit_id)) {
            throw api_error(error_code::forbidden);
        }
        if (c.status != "answered") {
            throw api_error(error_code::conflict, {"consult.not_answered", {}});
        }
        if (c.faq_document_id) {
            throw api_error(error_code::conflict, {"consult.already_published", {}});
        }
        if (c.context_type == "project") {
            throw api_error(error_code::conflict, {"consult.not_public", {}});
        }
        const auto names = store.asker_names(c.asked_by);
        const auto anonymised = [&](const std::optional<std::string>& given) {
            return given ? std::optional(anonymise(*given, names)) : std::nullopt;
        };
        const auto faq = content::create_faq(
            conn, now, who, from,
            {c.context_type, c.context_id, anonymise(text.question.value_or(c.question), names),
             anonymise(text.answer.value_or(*c.answer), names), c.unit_id,
             anonymised(text.question_en), anonymised(text.answer_en)});
        auto s = scene_of(conn, now);
        c.faq_document_id = faq.id;
        c.updated_at = s.stamp;
        store.update(c);
        add_event(s, c, "published", &who, std::to_string(faq.id));
        audit_step(conn, now, who, from, "publish_faq", c.id, fmt::format("faq {}", faq.id));
        return view_of(conn, now, who, c, rules);
    });
}

namespace {

intake::sweep_report sweep_pass(db::connection& conn, const clock& now, const consult_rules& rules,
                                bool apply) {
    intake::sweep_report report;
    auto s = scene_of(conn, now);
    store::consultation_store store(conn);
    store::intake_store people(conn);
    for (auto& c : store.open_deadlines()) {
        const auto due = parse_rfc3339(c.due_at);
        if (!due) {
            continue;
        }
        const auto alert =
            intake::next_alert(s.calendar, now.now(), *due, c.reminded_at.has_value(),
                               c.escalation_level, rules.ladder);
        const auto key = fmt::format("consultation:{}:{}", c.id, c.due_at);
        const auto tell = [&](const std::vector<std::int64_t>& users, const std::string& kind,
                              bool sms) {
            notify::notify_users(conn, now, users,
                                 {kind, subject_of(c), console_link(c.id), key + ":" + kind, sms});
        };
        if (alert == intake::deadline_alert::remind) {
            ++report.reminded;
            if (apply) {
                c.reminded_at = s.stamp;
                tell(people.users_with_role("unit_staff", c.unit_id), "consultation.reminder",
                     false);
                add_event(s, c, "reminded", nullptr);
            }
        } else if (alert == intake::deadline_alert::overdue) {
            ++report.overdue;
            if (apply) {
                c.overdue_since = s.stamp;
                c.escalation_level = 1;
                tell(people.users_with_role("unit_lead", c.unit_id), "consultation.overdue", true);
                add_event(s, c, "overdue", nullptr);
            }
        } else if (alert == intake::deadline_alert::escalate) {
            ++report.escalated;
            if (apply) {
                c.escalation_level = 2;
                tell(people.users_with_role("bureau_operator", {}), "consultation.escalated",
                     false);
                add_event(s, c, "escalated", nullptr);
            }
        }
        if (apply && alert != intake::deadline_alert::none) {
            c.updated_at = s.stamp;
            store.update(c);
        }
    }
    return report;
}

}  // namespace

intake::sweep_report sweep_consultations(db::database& db, const clock& now,
                                         const std::string& city) {
    const auto rules = shipped_consult_rules(city);
    return intake::sweep_when_due(
        db, "consult.deadline_sweep",
        [&](db::connection& conn, bool apply) { return sweep_pass(conn, now, rules, apply); });
}

std::vector<answer_figures> answer_figures_by_unit(db::connection& conn, const clock& now) {
    std::vector<answer_figures> out;
    for (const auto& row : store::consultation_store(conn).counts_by_unit(format_utc(now.now()))) {
        answer_figures f{row, std::nullopt};
        const auto fell_due = row.answered + row.open_overdue;
        if (fell_due > 0) {
            f.on_time_rate = double(row.answered_on_time) / double(fell_due);
        }
        out.push_back(std::move(f));
    }
    return out;
}

std::vector<answer_figures> consultation_stats(db::database& db, const clock& now) {
    return db.read([&](db::connection& conn) { return answer_figures_by_unit(conn, now); });
}

}  // namespace zhaoyin::service::consult
