#include "service/dispatch/projects.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <regex>
#include <set>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/credit_code.hpp"
#include "core/decimal.hpp"
#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/time_format.hpp"
#include "search/document_index.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/dashboard/aggregates.hpp"
#include "service/dashboard/city_settings.hpp"
#include "service/dashboard/period.hpp"
#include "service/dispatch/confidentiality.hpp"
#include "service/dispatch/events.hpp"
#include "service/dispatch/meetings.hpp"
#include "service/dispatch/project_attachments.hpp"
#include "service/dispatch/project_duplicates.hpp"
#include "service/intake/docking.hpp"
#include "service/intake/intents.hpp"
#include "store/intake_store.hpp"

namespace zhaoyin::service::dispatch {

namespace json = boost::json;

namespace {

// The city's USD to CNY rate (routing.json `usd_cny_rate`) as an integer and its scale.
std::pair<std::int64_t, std::int64_t> usd_cny_rate(const std::string& city) {
    const auto file = json::parse(embedded_data_file("cities/" + city + "/routing.json"));
    const std::string text(file.at("usd_cny_rate").as_string());
    const auto dot = text.find('.');
    std::int64_t scale = 1;
    std::string digits = text.substr(0, dot);
    if (dot != std::string::npos) {
        for (std::size_t i = dot + 1; i < text.size(); ++i) {
            digits += text[i];
            scale *= 10;
        }
    }
    return {std::stoll(digits), scale};
}

std::string today_cst(time_point now) {
    return format_cst(now).substr(0, 10);
}

void require_text(field_errors& errors, const std::string& field, const std::string& value,
                  std::size_t max) {
    if (value.empty()) {
        errors.add(field, {"field.required", {}});
    } else if (value.size() > max) {
        errors.add(field, {"field.too_long", {{"max", std::to_string(max)}}});
    }
}

// A stage code from a code or its Chinese or English name; empty when there is none.
std::string stage_code(const std::vector<store::stage_row>& stages, const std::string& given) {
    for (const auto& s : stages) {
        if (given == s.code || given == s.name_zh || given == s.name_en) {
            return s.code;
        }
    }
    return "";
}

std::string industry_code(store::reference_store& reference, const std::string& given) {
    for (const auto& industry : reference.list_industries()) {
        if (given == industry.code || given == industry.name_zh || given == industry.name_en) {
            return industry.code;
        }
    }
    return "";
}

const store::unit_row* unit_of(const std::vector<store::unit_row>& units, std::int64_t id) {
    const auto found =
        std::find_if(units.begin(), units.end(), [&](const auto& u) { return u.id == id; });
    return found == units.end() ? nullptr : &*found;
}

// The editable fields of a project, validated together at registration and after a PATCH.
struct editable {
    std::string name;
    std::optional<std::string> code_name;
    std::string company;
    std::optional<std::string> credit_code;
    std::string industry;
    std::string capital_type;
    std::string investment_total;
    std::string currency;
    std::optional<std::int64_t> undertaking_unit_id;
    std::vector<std::int64_t> collaborating_unit_ids;
    bool campaign = false;
    std::optional<std::string> campaign_code;
    std::optional<std::int64_t> task_force_unit_id;
    bool confidential = false;
    std::optional<std::string> notes;
    std::optional<std::string> site_video_url;
};

// A live video address: https only, no spaces or quotes, at most 500 characters.
bool valid_video_url(const std::string& url) {
    static const std::regex pattern(R"(^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^\s"'<>]*)?$)");
    return url.size() <= 500 && std::regex_match(url, pattern);
}

// Checks the fields, naming every bad one; returns the industry code.
std::string check_editable(db::connection& conn, const identity::principal& who, const editable& e,
                           bool undertaking_changed, const std::string& city,
                           field_errors& errors) {
    store::reference_store reference(conn);
    const auto units = reference.list_units();
    require_text(errors, "name", e.name, 200);
    if (e.code_name && e.code_name->size() > 100) {
        errors.add("code_name", {"field.too_long", {{"max", "100"}}});
    }
    require_text(errors, "company", e.company, 200);
    if (e.credit_code && !valid_credit_code(*e.credit_code)) {
        errors.add("credit_code", {"field.invalid_credit_code", {}});
    }
    auto industry = industry_code(reference, e.industry);
    if (industry.empty()) {
        errors.add("industry", {"field.invalid_value", {}});
    }
    if (e.capital_type != "domestic" && e.capital_type != "foreign") {
        errors.add("capital_type", {"field.invalid_value", {}});
    }
    if (!positive_decimal(e.investment_total)) {
        errors.add("investment_total", {"field.invalid_value", {}});
    }
    if (e.currency != "CNY" && e.currency != "USD") {
        errors.add("currency", {"field.invalid_value", {}});
    }
    if (!e.undertaking_unit_id) {
        errors.add("undertaking_unit_id", {"field.required", {}});
    } else {
        const auto* unit = unit_of(units, *e.undertaking_unit_id);
        // A unit registers its own projects (or those of units below it); the bureau any.
        if (unit == nullptr || unit->type == "city" ||
            (undertaking_changed &&
             !identity::in_scope(who, identity::ownership{std::nullopt, unit->id, {}}))) {
            errors.add("undertaking_unit_id", {"field.unknown_unit", {}});
        }
    }
    for (const auto id : e.collaborating_unit_ids) {
        if (unit_of(units, id) == nullptr || id == e.undertaking_unit_id) {
            errors.add("collaborating_unit_ids", {"field.unknown_unit", {}});
        }
    }
    if (e.confidential && !e.code_name) {
        errors.add("code_name", {"project.code_name_for_confidential", {}});
    }
    if (e.notes && e.notes->size() > 5000) {
        errors.add("notes", {"field.too_long", {{"max", "5000"}}});
    }
    if (e.site_video_url && !valid_video_url(*e.site_video_url)) {
        errors.add("site_video_url", {"project.video_url", {}});
    }
    if (e.campaign_code) {
        const auto campaigns = dashboard::campaign_codes(city);
        if (std::find(campaigns.begin(), campaigns.end(), *e.campaign_code) == campaigns.end()) {
            errors.add("campaign_code", {"field.invalid_value", {}});
        }
    }
    if (e.task_force_unit_id) {
        const auto* unit = unit_of(units, *e.task_force_unit_id);
        if (unit == nullptr || unit->type != "task_force") {
            errors.add("task_force_unit_id", {"field.unknown_unit", {}});
        }
    }
    return industry;
}

// Checks stage dates, naming each bad item (`stage_dates[1].planned_on`); returns them with
// stage codes.
std::vector<store::stage_date_row> check_stage_dates(const std::vector<store::stage_row>& stages,
                                                     const std::vector<stage_date_input>& given,
                                                     const std::string& today,
                                                     field_errors& errors) {
    std::vector<store::stage_date_row> out;
    for (std::size_t i = 0; i < given.size(); ++i) {
        const auto prefix = fmt::format("stage_dates[{}].", i);
        const auto code = stage_code(stages, given[i].stage);
        if (code.empty()) {
            errors.add(prefix + "stage", {"field.invalid_value", {}});
        }
        for (const auto& [name, value] :
             {std::pair{"planned_on", given[i].planned_on}, {"actual_on", given[i].actual_on}}) {
            if (value && !is_date(*value)) {
                errors.add(prefix + name, {"field.must_be_date", {}});
            }
        }
        if (given[i].actual_on && is_date(*given[i].actual_on) && *given[i].actual_on > today) {
            errors.add(prefix + "actual_on", {"field.invalid_value", {}});  // not yet happened
        }
        if (!given[i].planned_on && !given[i].actual_on) {
            errors.add(prefix + "planned_on", {"field.required", {}});
        }
        out.push_back({code, given[i].planned_on, given[i].actual_on, std::nullopt});
    }
    return out;
}

audit::actor actor_of(const identity::principal& who, const identity::origin& from) {
    return {who.user_id, who.login, who.roles_text(), who.unit_id, from.ip, from.request_id};
}

identity::ownership ownership_of(const store::project_row& p) {
    return {p.intent_owner, p.undertaking_unit_id, p.collaborating_units};
}

}  // namespace

void add_event(store::project_store& store, std::int64_t project, const std::string& at,
               const std::string& kind, const identity::principal& who, const std::string& text,
               std::optional<std::string> detail) {
    store.insert_event({0, project, at, kind, who.user_id, who.name, text, std::move(detail)});
}

store::project_row project_in_scope(store::project_store& store, const identity::principal& who,
                                    std::int64_t id) {
    auto project = store.find_project(id);
    if (!project) {
        throw api_error(error_code::not_found);
    }
    auto owner = ownership_of(*project);
    // An investor account the bureau provisioned for the project owns it like the intent's.
    if (std::find(project->investor_users.begin(), project->investor_users.end(), who.user_id) !=
        project->investor_users.end()) {
        owner.owner_user_id = who.user_id;
    }
    if (!identity::in_scope(who, owner)) {
        throw api_error(error_code::not_found);
    }
    return *project;
}

namespace {

std::map<std::int64_t, unit_name> unit_names(db::connection& conn,
                                             const std::set<std::int64_t>& wanted) {
    std::map<std::int64_t, unit_name> out;
    for (const auto& unit : store::reference_store(conn).list_units()) {
        if (wanted.contains(unit.id)) {
            out[unit.id] = {unit.name_zh, unit.name_en};
        }
    }
    return out;
}

void name_units_of(const store::project_row& p, std::set<std::int64_t>& wanted) {
    wanted.insert(p.undertaking_unit_id);
    wanted.insert(p.collaborating_units.begin(), p.collaborating_units.end());
    if (p.task_force_unit_id) {
        wanted.insert(*p.task_force_unit_id);
    }
}

bool same_contacts(const std::vector<store::contact_row>& a,
                   const std::vector<store::contact_row>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
        return x.name == y.name && x.role == y.role && x.phone == y.phone && x.email == y.email;
    });
}

project_view view_of(db::connection& conn, time_point now, const identity::principal& who,
                     std::int64_t id, const std::string& city) {
    store::project_store store(conn);
    project_view view;
    view.project = project_in_scope(store, who, id);
    view.stages = store::reference_store(conn).list_stages();
    view.stage_dates = store.stage_dates(id);
    view.funds = store.funds_of(id);
    view.internal = identity::in_scope(
        who, {std::nullopt, view.project.undertaking_unit_id, view.project.collaborating_units});
    if (view.internal) {
        view.timeline = store.events_of(id);
        view.contacts = store.contacts_of(id);
        view.procedures = store.procedures_of(id);
        view.procedure_types = store::reference_store(conn).list_procedure_types();
        view.sources = store.sources_of(id);
        view.possible_duplicates = possible_duplicates(conn, view.project);
        view.attachments = project_attachments(conn).attachments_of(id);
    }
    view.freshness_days = freshness_days(view.project.last_update_at, now);
    view.light = rate_project(light_rules_of(city), view.stages, view.project.stage,
                              view.stage_dates, view.freshness_days, today_cst(now));
    view.cleared = cleared_for(who, view.project);
    if (view.project.confidential) {
        mask_confidential(view.project, view.cleared);
        mask_funds(view.funds);
        if (!view.cleared) {
            mask_contacts(view.contacts);
        }
        for (auto& e : view.timeline) {
            if (e.kind == "funds") {
                e.detail = masked_value;
            }
        }
    }
    std::set<std::int64_t> wanted;
    name_units_of(view.project, wanted);
    view.units = unit_names(conn, wanted);
    return view;
}

}  // namespace

bool is_signed_large(const std::string& amount, const std::string& currency,
                     const std::string& city) {
    // At least the city's threshold (5 亿 yuan in Qingdao) is flagged signed_large.
    const auto threshold = dashboard::signed_large_threshold_cents(city);
    const auto cents = hundredths(amount);
    if (currency != "USD") {
        return cents >= threshold;
    }
    const auto [rate, scale] = usd_cny_rate(city);
    if (rate <= 0) {
        return false;
    }
    // cents × rate / scale ≥ threshold  ⇔  cents ≥ ⌈threshold × scale / rate⌉
    const std::int64_t needed = threshold * scale;
    return cents >= (needed + rate - 1) / rate;
}

int freshness_days(const std::string& last_update_at, time_point now) {
    const auto at = parse_rfc3339(last_update_at);
    if (!at || *at >= now) {
        return 0;
    }
    return int(std::chrono::duration_cast<std::chrono::days>(now - *at).count());
}

namespace {

// A stage-flow figure's drill-down: the stage entered, where from, and the period it happened in.
void stage_entry_filter(const std::vector<store::stage_row>& stages, const project_query& query,
                        store::project_filter& filter, field_errors& errors) {
    if (!query.entered_stage) {
        errors.add("entered_stage", {"field.required", {}});
    } else if (const auto to = stage_code(stages, *query.entered_stage); to.empty()) {
        errors.add("entered_stage", {"field.invalid_value", {}});
    } else {
        filter.entered_stage = to;
    }
    const auto from = query.entered_from.value_or("registration");
    if (from != "registration") {
        filter.entered_from = stage_code(stages, from);
        if (filter.entered_from.empty()) {
            errors.add("entered_from", {"field.invalid_value", {}});
        }
    }
    if (!query.entered_period) {
        errors.add("entered_period", {"field.required", {}});
    } else if (const auto period = dashboard::parse_period(*query.entered_period)) {
        filter.entered_at_from = period->from_utc;
        filter.entered_at_before = period->before_utc;
    } else {
        errors.add("entered_period", dashboard::bad_period_message());
    }
}

// The dashboards' drill-down filters of a project list.
void drill_filters(const std::vector<store::stage_row>& stages, const project_query& query,
                   const identity::list_scope& scope, store::project_filter& filter,
                   field_errors& errors) {
    if (query.period) {
        if (const auto period = dashboard::parse_period(*query.period)) {
            filter.created_from = period->from_utc;
            filter.created_before = period->before_utc;
        } else {
            errors.add("period", dashboard::bad_period_message());
        }
    }
    if (query.min_stage) {
        filter.min_stage = stage_code(stages, *query.min_stage);
        if (filter.min_stage->empty()) {
            errors.add("min_stage", {"field.invalid_value", {}});
        }
    }
    if (query.entered_stage || query.entered_from || query.entered_period) {
        stage_entry_filter(stages, query, filter, errors);
    }
    // Everything is the bureau's and the leaders' own; a unit's are its own and those below it.
    if (query.own_units.value_or(false) && !scope.everything) {
        filter.undertaking_units = scope.units;
    }
    filter.undertaking_unit = query.undertaking_unit;
    filter.event_id = query.event_id;
    filter.task_force_unit_id = query.task_force_unit_id;
    filter.campaign_code = query.campaign_code;
}

}  // namespace

project_view register_project(db::database& db, const clock& now, const identity::principal& who,
                              const project_input& input, const identity::origin& from,
                              const std::string& city) {
    return db.transaction([&](db::connection& conn) {
        const auto stages = store::reference_store(conn).list_stages();
        field_errors errors;
        const editable fields{input.name,
                              input.code_name,
                              input.company,
                              input.credit_code,
                              input.industry,
                              input.capital_type,
                              input.investment_total,
                              input.currency,
                              input.undertaking_unit_id,
                              input.collaborating_unit_ids,
                              input.campaign,
                              input.campaign_code,
                              input.task_force_unit_id,
                              input.confidential,
                              input.notes,
                              input.site_video_url};
        const auto industry = check_editable(conn, who, fields, true, city, errors);
        static const std::set<std::string> sources{"meeting", "event", "intent", "agency", "unit"};
        if (!sources.contains(input.source)) {
            errors.add("source", {"field.invalid_value", {}});
        }
        // A meeting pushed to the undertaking unit (any meeting for the bureau); an event.
        if (input.meeting_id &&
            (!input.undertaking_unit_id ||
             !meeting_open_to(conn, who, *input.meeting_id, *input.undertaking_unit_id))) {
            errors.add("meeting_id", {"field.invalid_value", {}});
        }
        if (input.event_id && !event_exists(conn, *input.event_id)) {
            errors.add("event_id", {"field.invalid_value", {}});
        }
        std::optional<std::string> intent_stage;
        if (input.intent_id) {
            // A docked intent the caller can see, not yet registered as a project.
            bool usable = false;
            try {
                const auto intent = intake::view_of(conn, who, *input.intent_id);
                usable = intent.intent.status == "docked";
                intent_stage = intent.intent.stage;
            } catch (const api_error& e) {
                if (e.code() != error_code::not_found) {
                    throw;
                }
            }
            if (!usable) {
                errors.add("intent_id", {"field.invalid_value", {}});
            } else if (!conn.query("SELECT id FROM project WHERE intent_id = $1",
                                   {*input.intent_id})
                            .empty()) {
                errors.add("intent_id", {"field.taken", {}});
            }
        } else if (input.source == "intent") {
            errors.add("intent_id", {"field.required", {}});
        }
        std::string stage = "planning";
        if (input.stage) {
            stage = stage_code(stages, *input.stage);
            if (stage.empty()) {
                errors.add("stage", {"field.invalid_value", {}});
            }
        } else if (intent_stage) {
            stage = *intent_stage;
        }
        const auto dates =
            check_stage_dates(stages, input.stage_dates, today_cst(now.now()), errors);
        const auto contacts = check_contacts(input.contacts, errors);
        const auto procedures =
            check_procedures(conn, input.procedures, today_cst(now.now()), errors);
        errors.throw_if_any();

        const auto stamp = format_utc(now.now());
        store::project_store store(conn);
        store::project_row row;
        row.name = input.name;
        row.code_name = input.code_name;
        row.company = input.company;
        row.credit_code = input.credit_code;
        row.industry_code = industry;
        row.capital_type = input.capital_type;
        row.investment_total = input.investment_total;
        row.currency = input.currency;
        row.undertaking_unit_id = *input.undertaking_unit_id;
        std::set<std::int64_t> collaborators(input.collaborating_unit_ids.begin(),
                                             input.collaborating_unit_ids.end());
        row.collaborating_units.assign(collaborators.begin(), collaborators.end());
        row.source = input.source;
        row.meeting_id = input.meeting_id;
        row.event_id = input.event_id;
        row.intent_id = input.intent_id;
        row.signed_large = is_signed_large(input.investment_total, input.currency, city);
        row.campaign = input.campaign;
        row.campaign_code = input.campaign_code;
        row.task_force_unit_id = input.task_force_unit_id;
        row.confidential = input.confidential;
        row.notes = input.notes;
        row.site_video_url = input.site_video_url;
        row.stage = stage;
        row.created_by = who.user_id;
        row.id = store.insert_project(row, stamp);
        dashboard::update_aggregates(conn, {}, {row.id});
        for (const auto& d : dates) {
            store.upsert_stage_date(row.id, d, stamp);
        }
        add_event(store, row.id, stamp, "registered", who, "", input.source);
        store.replace_contacts(row.id, contacts, stamp);
        write_procedures(store, row.id, procedures, who, stamp);
        if (row.intent_id) {
            intake::follow_project(conn, now, *row.intent_id, row.id, "");
        }
        audit::record(conn, now, actor_of(who, from),
                      {"dispatch.project.create", "project", std::to_string(row.id), "success",
                       fmt::format("source {}, unit {}", input.source, row.undertaking_unit_id)});
        search::index_project(conn, row.id);
        return view_of(conn, now.now(), who, row.id, city);
    });
}

project_view view_project(db::database& db, const clock& now, const identity::principal& who,
                          std::int64_t id, const std::string& city) {
    return db.read([&](db::connection& conn) { return view_of(conn, now.now(), who, id, city); });
}

project_list list_projects(db::database& db, const clock& now, const identity::principal& who,
                           const project_query& query, const std::string& city) {
    const auto scope = identity::list_scope_of(who);
    return db.read([&](db::connection& conn) {
        store::reference_store reference(conn);
        project_list out;
        out.stages = reference.list_stages();
        field_errors errors;
        store::project_filter filter;
        filter.everything = scope.everything;
        filter.owner = scope.owner_user_id;
        filter.units = scope.units;
        filter.unit = query.unit;
        if (query.stage) {
            filter.stage = stage_code(out.stages, *query.stage);
            if (filter.stage->empty()) {
                errors.add("stage", {"field.invalid_value", {}});
            }
        }
        if (query.industry) {
            filter.industry = industry_code(reference, *query.industry);
            if (filter.industry->empty()) {
                errors.add("industry", {"field.invalid_value", {}});
            }
        }
        if (query.source) {
            static const std::set<std::string> sources{
                "meeting",           "event", "intent", "agency", "unit", "meeting_outbound",
                "meeting_reception", "other"};
            if (!sources.contains(*query.source)) {
                errors.add("source", {"field.invalid_value", {}});
            }
            filter.source = query.source;
        }
        if (query.stale_days) {
            if (*query.stale_days < 0 || *query.stale_days > 3650) {
                errors.add("stale_days", {"field.out_of_range", {{"min", "0"}, {"max", "3650"}}});
            } else {
                filter.updated_before =
                    format_utc(now.now() - std::chrono::days(*query.stale_days));
            }
        }
        if (query.light && *query.light != "green" && *query.light != "yellow" &&
            *query.light != "red") {
            errors.add("light", {"field.invalid_value", {}});
        }
        drill_filters(out.stages, query, scope, filter, errors);
        errors.throw_if_any();
        filter.signed_large = query.signed_large;
        filter.campaign = query.campaign;
        filter.text = query.text;
        // Lights are rated, not stored: a light filter rates every match, then pages.
        filter.offset = query.light ? 0 : query.offset;
        filter.limit = query.light ? std::numeric_limits<int>::max() : query.limit;
        store::project_store store(conn);
        auto [rows, total] = store.list_projects(filter);
        std::vector<std::int64_t> ids;
        for (const auto& p : rows) {
            ids.push_back(p.id);
        }
        auto dates = store.stage_dates_of(ids);
        const auto rules = light_rules_of(city);
        const auto today = today_cst(now.now());
        std::set<std::int64_t> wanted;
        std::int64_t matched = 0;
        for (auto& p : rows) {
            const auto fresh = freshness_days(p.last_update_at, now.now());
            auto rating = rate_project(rules, out.stages, p.stage, dates[p.id], fresh, today);
            if (query.light && rating.light != *query.light) {
                continue;
            }
            ++matched;
            if (query.light && (matched <= query.offset || matched > query.offset + query.limit)) {
                continue;
            }
            name_units_of(p, wanted);
            mask_confidential(p, cleared_for(who, p));
            out.freshness_days.push_back(fresh);
            out.lights.push_back(std::move(rating));
            out.items.push_back(std::move(p));
        }
        out.total = query.light ? matched : total;
        out.units = unit_names(conn, wanted);
        return out;
    });
}

project_view edit_project(db::database& db, const clock& now, const identity::principal& who,
                          std::int64_t id, const project_changes& changes,
                          const identity::origin& from, const std::string& city) {
    return db.transaction([&](db::connection& conn) {
        store::project_store store(conn);
        auto row = project_in_scope(store, who, id);
        editable e{row.name,
                   row.code_name,
                   row.company,
                   row.credit_code,
                   row.industry_code,
                   row.capital_type,
                   row.investment_total,
                   row.currency,
                   row.undertaking_unit_id,
                   row.collaborating_units,
                   row.campaign,
                   row.campaign_code,
                   row.task_force_unit_id,
                   row.confidential,
                   row.notes,
                   row.site_video_url};
        std::vector<std::string> changed;
        const auto set = [&](auto& target, const auto& value, const char* name) {
            if (target != value) {
                target = value;
                changed.emplace_back(name);
            }
        };
        const auto cleared = [](const std::optional<std::string>& text) {
            return text && text->empty() ? std::nullopt : text;
        };
        if (changes.name) {
            set(e.name, *changes.name, "name");
        }
        if (changes.code_name) {
            set(e.code_name, cleared(changes.code_name), "code_name");
        }
        if (changes.company) {
            set(e.company, *changes.company, "company");
        }
        if (changes.credit_code) {
            set(e.credit_code, cleared(changes.credit_code), "credit_code");
        }
        if (changes.industry) {
            set(e.industry, *changes.industry, "industry");
        }
        if (changes.capital_type) {
            set(e.capital_type, *changes.capital_type, "capital_type");
        }
        if (changes.investment_total) {
            set(e.investment_total, *changes.investment_total, "investment_total");
        }
        if (changes.currency) {
            set(e.currency, *changes.currency, "currency");
        }
        if (changes.undertaking_unit_id) {
            set(e.undertaking_unit_id, changes.undertaking_unit_id, "undertaking_unit_id");
        }
        if (changes.collaborating_unit_ids) {
            std::set<std::int64_t> unique(changes.collaborating_unit_ids->begin(),
                                          changes.collaborating_unit_ids->end());
            set(e.collaborating_unit_ids, std::vector<std::int64_t>(unique.begin(), unique.end()),
                "collaborating_unit_ids");
        }
        if (changes.campaign) {
            set(e.campaign, *changes.campaign, "campaign");
        }
        if (changes.campaign_code) {
            set(e.campaign_code, cleared(changes.campaign_code), "campaign_code");
        }
        if (changes.task_force_unit_id) {
            set(e.task_force_unit_id, *changes.task_force_unit_id, "task_force_unit_id");
        }
        if (changes.confidential) {
            set(e.confidential, *changes.confidential, "confidential");
        }
        if (changes.notes) {
            set(e.notes, cleared(changes.notes), "notes");
        }
        if (changes.site_video_url) {
            set(e.site_video_url, cleared(changes.site_video_url), "site_video_url");
        }
        // The secrets of a confidential project, and the mark itself, change only by those
        // cleared to see them.
        static const std::set<std::string> secret{"company",  "credit_code", "investment_total",
                                                  "currency", "notes",       "confidential"};
        const bool touches_secret = std::any_of(changed.begin(), changed.end(),
                                                [](const auto& f) { return secret.contains(f); });
        if ((row.confidential || e.confidential) && touches_secret && !cleared_for(who, row)) {
            throw api_error(error_code::forbidden, {"project.not_cleared", {}});
        }
        field_errors errors;
        const bool moved = e.undertaking_unit_id != row.undertaking_unit_id;
        const auto industry = check_editable(conn, who, e, moved, city, errors);
        for (const auto& name : changes.unknown_fields) {
            errors.add(name, {"field.unknown", {}});
        }
        const auto contacts = changes.contacts
                                  ? std::optional(check_contacts(*changes.contacts, errors))
                                  : std::nullopt;
        const auto procedures =
            check_procedures(conn, changes.procedures, today_cst(now.now()), errors);
        errors.throw_if_any();
        const auto stamp = format_utc(now.now());
        if (contacts && !same_contacts(*contacts, store.contacts_of(id))) {
            if (row.confidential && !cleared_for(who, row)) {
                throw api_error(error_code::forbidden, {"project.not_cleared", {}});
            }
            store.replace_contacts(id, *contacts, stamp);
            changed.emplace_back("contacts");
        }
        if (!procedures.empty()) {
            write_procedures(store, id, procedures, who, stamp);
            changed.emplace_back("procedures");
        }
        if (!changed.empty()) {
            row.name = e.name;
            row.code_name = e.code_name;
            row.company = e.company;
            row.credit_code = e.credit_code;
            row.industry_code = industry;
            row.capital_type = e.capital_type;
            row.investment_total = e.investment_total;
            row.currency = e.currency;
            row.undertaking_unit_id = *e.undertaking_unit_id;
            row.collaborating_units = e.collaborating_unit_ids;
            row.campaign = e.campaign;
            row.campaign_code = e.campaign_code;
            row.task_force_unit_id = e.task_force_unit_id;
            row.confidential = e.confidential;
            row.notes = e.notes;
            row.site_video_url = e.site_video_url;
            row.signed_large = is_signed_large(row.investment_total, row.currency, city);
            const auto before = dashboard::share_of(conn, {id});
            store.update_project(row, stamp);
            dashboard::update_aggregates(conn, before, {id});
            std::string fields;
            for (const auto& name : changed) {
                fields += (fields.empty() ? "" : ",") + name;
            }
            add_event(store, id, stamp, "edited", who, "", fields);
            audit::record(conn, now, actor_of(who, from),
                          {"dispatch.project.update", "project", std::to_string(id), "success",
                           "changed " + fields});
            search::index_project(conn, id);
        }
        return view_of(conn, now.now(), who, id, city);
    });
}

project_view record_update(db::database& db, const clock& now, const identity::principal& who,
                           std::int64_t id, const update_input& input, const identity::origin& from,
                           const std::string& city) {
    return db.transaction([&](db::connection& conn) {
        store::project_store store(conn);
        const auto row = project_in_scope(store, who, id);
        const auto stages = store::reference_store(conn).list_stages();
        const auto today = today_cst(now.now());
        field_errors errors;
        require_text(errors, "text", input.text, 5000);
        std::optional<std::string> stage;
        if (input.stage) {
            stage = stage_code(stages, *input.stage);
            if (stage->empty()) {
                errors.add("stage", {"field.invalid_value", {}});
            }
        }
        if (input.funds) {
            const auto& f = *input.funds;
            if (!is_date(f.arrived_on)) {
                errors.add("funds.arrived_on", {"field.must_be_date", {}});
            } else if (f.arrived_on > today) {
                errors.add("funds.arrived_on", {"field.invalid_value", {}});
            }
            if (!positive_decimal(f.amount)) {
                errors.add("funds.amount", {"field.invalid_value", {}});
            }
            // Foreign capital counts in US dollars, domestic in yuan.
            if (f.currency != (row.capital_type == "foreign" ? "USD" : "CNY")) {
                errors.add("funds.currency", {"field.invalid_value", {}});
            }
        }
        auto dates = check_stage_dates(stages, input.stage_dates, today, errors);
        const auto procedures = check_procedures(conn, input.procedures, today, errors);
        errors.throw_if_any();

        const auto stamp = format_utc(now.now());
        const bool stage_changed = stage && *stage != row.stage;
        const auto before = dashboard::share_of(conn, {id});
        store::project_update_row update{0,
                                         id,
                                         input.text,
                                         stage_changed ? std::optional(row.stage) : std::nullopt,
                                         stage_changed ? stage : std::nullopt,
                                         who.user_id,
                                         stamp};
        update.id = store.insert_update(update);
        add_event(store, id, stamp, "updated", who, input.text);
        if (stage_changed) {
            store.set_stage(id, *stage, stamp);
            add_event(store, id, stamp, "stage", who, "", row.stage + ">" + *stage);
            if (row.intent_id) {
                intake::follow_project(conn, now, *row.intent_id, id, *stage);
            }
            // Reaching a stage dates it today unless the update says otherwise.
            const bool dated = std::any_of(dates.begin(), dates.end(), [&](const auto& d) {
                return d.stage == *stage && d.actual_on;
            });
            if (!dated) {
                dates.push_back({*stage, std::nullopt, today, std::nullopt});
            }
        }
        for (const auto& d : dates) {
            store.upsert_stage_date(id, d, stamp);
            add_event(store, id, stamp, "dates", who, "",
                      fmt::format("{} {} {}", d.stage, d.planned_on.value_or("-"),
                                  d.actual_on.value_or("-")));
        }
        if (input.funds) {
            const auto& f = *input.funds;
            store.insert_fund(
                id, {0, update.id, f.arrived_on, f.amount, f.currency, who.user_id, stamp});
            add_event(store, id, stamp, "funds", who, "",
                      fmt::format("{} {} {}", f.arrived_on, f.amount, f.currency));
        }
        write_procedures(store, id, procedures, who, stamp);
        store.touch(id, stamp);
        dashboard::update_aggregates(conn, before, {id});
        audit::record(
            conn, now, actor_of(who, from),
            {"dispatch.project.record", "project", std::to_string(id), "success",
             fmt::format("update {}{}{}{}", update.id, stage_changed ? ", stage " + *stage : "",
                         input.funds ? ", funds" : "", procedures.empty() ? "" : ", procedures")});
        return view_of(conn, now.now(), who, id, city);
    });
}

}  // namespace zhaoyin::service::dispatch
