#include <set>

#include <boost/asio/awaitable.hpp>

#include "api/attachment_io.hpp"
#include "api/dashboard_live.hpp"
#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "api/session_access.hpp"
#include "core/masking.hpp"
#include "core/time_format.hpp"
#include "service/dispatch/confidentiality.hpp"
#include "service/dispatch/project_attachments.hpp"
#include "service/dispatch/project_duplicates.hpp"
#include "service/dispatch/project_investors.hpp"
#include "service/dispatch/projects.hpp"
#include "service/intake/attachments.hpp"

namespace zhaoyin::api {

namespace json = boost::json;
namespace asio = boost::asio;
namespace dispatch = service::dispatch;

namespace {

json::value stored_time(const std::string& stored) {
    const auto t = parse_rfc3339(stored);
    return t ? json::value(format_cst(*t)) : json::value(stored);
}

json::value unit_json(const std::map<std::int64_t, dispatch::unit_name>& units,
                      const std::optional<std::int64_t>& id, language lang) {
    if (!id) {
        return nullptr;
    }
    const auto found = units.find(*id);
    const std::string name = found == units.end() ? ""
                                                  : (lang == language::en ? found->second.name_en
                                                                          : found->second.name_zh);
    return json::object{{"id", *id}, {"name", name}};
}

std::string stage_name(const std::vector<store::stage_row>& stages, const std::string& code,
                       language lang) {
    for (const auto& s : stages) {
        if (s.code == code) {
            return lang == language::en ? s.name_en : s.name_zh;
        }
    }
    return code;
}

json::value optional_id(const std::optional<std::int64_t>& id) {
    return id ? json::value(*id) : json::value(nullptr);
}

// The fields a list line and a full project share.
json::array light_reasons_json(const dispatch::light_rating& rating) {
    json::array out;
    for (const auto& r : rating.reasons) {
        json::object reason{{"code", r.code}, {"level", r.level}};
        if (r.stage) {
            reason["stage"] = *r.stage;
        }
        if (r.code == "start_slipped") {
            reason["months"] = r.months;
        } else {
            reason["days"] = r.days;
        }
        out.push_back(std::move(reason));
    }
    return out;
}

// The fields a list line and a full project share.
json::object summary_json(const store::project_row& p,
                          const std::map<std::int64_t, dispatch::unit_name>& units,
                          const std::vector<store::stage_row>& stages, int freshness,
                          const dispatch::light_rating& light, language lang) {
    json::array collaborating;
    for (const auto id : p.collaborating_units) {
        collaborating.push_back(unit_json(units, id, lang));
    }
    return {
        {"id", p.id},
        {"name", p.name},
        {"code_name", optional_json(p.code_name)},
        {"company", p.company},
        {"credit_code", optional_json(p.credit_code)},
        {"industry", p.industry_code},
        {"capital_type", p.capital_type},
        {"investment_total", p.investment_total},
        {"currency", p.currency},
        {"undertaking_unit", unit_json(units, p.undertaking_unit_id, lang)},
        {"collaborating_units", std::move(collaborating)},
        {"source", p.source},
        {"meeting_id", optional_id(p.meeting_id)},
        {"event_id", optional_id(p.event_id)},
        {"intent_id", optional_id(p.intent_id)},
        {"flags", json::object{{"signed_large", p.signed_large},
                               {"campaign", p.campaign},
                               {"campaign_code", optional_json(p.campaign_code)},
                               {"task_force_unit", unit_json(units, p.task_force_unit_id, lang)}}},
        {"stage", p.stage},
        {"stage_name", stage_name(stages, p.stage, lang)},
        {"created_by", json::object{{"id", p.created_by}, {"name", p.created_by_name}}},
        {"created_at", stored_time(p.created_at)},
        {"last_update_at", stored_time(p.last_update_at)},
        {"freshness_days", freshness},
        {"confidential", p.confidential},
        {"light", light.light},
        {"light_reasons", light_reasons_json(light)}};
}

// Every reference stage in order with its dates; `current` marks the project's stage.
json::array stages_json(const dispatch::project_view& view, language lang) {
    int current_position = 0;
    for (const auto& s : view.stages) {
        if (s.code == view.project.stage) {
            current_position = s.position;
        }
    }
    json::array out;
    for (const auto& s : view.stages) {
        json::value planned = nullptr;
        json::value actual = nullptr;
        for (const auto& d : view.stage_dates) {
            if (d.stage == s.code) {
                planned = optional_json(d.planned_on);
                actual = optional_json(d.actual_on);
            }
        }
        out.push_back(json::object{{"code", s.code},
                                   {"name", lang == language::en ? s.name_en : s.name_zh},
                                   {"landed", s.landed},
                                   {"planned_on", planned},
                                   {"actual_on", actual},
                                   {"reached", s.position <= current_position},
                                   {"current", s.code == view.project.stage}});
    }
    return out;
}

json::object project_json(const dispatch::project_view& view, language lang) {
    auto out =
        summary_json(view.project, view.units, view.stages, view.freshness_days, view.light, lang);
    out["stages"] = stages_json(view, lang);
    out["site_video_url"] = optional_json(view.project.site_video_url);
    if (view.internal) {
        out["notes"] = optional_json(view.project.notes);
    }
    out["can_reveal"] = view.project.confidential && view.cleared;
    if (view.internal) {
        json::array contacts;
        for (const auto& c : view.contacts) {
            contacts.push_back(json::object{{"id", c.id},
                                            {"name", c.name},
                                            {"role", c.role},
                                            {"phone", optional_json(c.phone)},
                                            {"email", optional_json(c.email)}});
        }
        out["contacts"] = std::move(contacts);
        json::array procedures;
        for (const auto& p : view.procedures) {
            json::object line{{"code", p.code},
                              {"status", p.status},
                              {"applied_on", optional_json(p.applied_on)},
                              {"approved_on", optional_json(p.approved_on)}};
            for (const auto& t : view.procedure_types) {
                if (t.code == p.code) {
                    line["name"] = lang == language::en ? t.name_en : t.name_zh;
                    line["phase"] = t.phase;
                }
            }
            procedures.push_back(std::move(line));
        }
        out["procedures"] = std::move(procedures);
        json::array sources;
        for (const auto& src : view.sources) {
            sources.push_back(json::object{{"source", src.source},
                                           {"id", optional_id(src.source_id)},
                                           {"registered_at", stored_time(src.registered_at)}});
        }
        out["sources"] = std::move(sources);
        json::array duplicates;
        for (const auto& d : view.possible_duplicates) {
            duplicates.push_back(
                json::object{{"type", d.type}, {"id", d.id}, {"title", d.title}, {"why", d.why}});
        }
        out["possible_duplicates"] = std::move(duplicates);
        json::array attachments;
        for (const auto& a : view.attachments) {
            attachments.push_back(attachment_json(a));
        }
        out["attachments"] = std::move(attachments);
    }
    out["merged_into"] = optional_id(view.project.merged_into);
    json::array funds;
    for (const auto& f : view.funds) {
        funds.push_back(json::object{{"id", f.id},
                                     {"arrived_on", f.arrived_on},
                                     {"amount", f.amount},
                                     {"currency", f.currency}});
    }
    out["funds"] = std::move(funds);
    json::array timeline;
    for (const auto& e : view.timeline) {
        timeline.push_back(json::object{{"at", stored_time(e.at)},
                                        {"kind", e.kind},
                                        {"actor_name", optional_json(e.actor_name)},
                                        {"text", e.text},
                                        {"detail", optional_json(e.detail)}});
    }
    out["timeline"] = std::move(timeline);
    return out;
}

std::optional<std::vector<std::int64_t>> ids_field(const json::object& body, std::string_view name,
                                                   field_errors& errors) {
    const auto* given = body.if_contains(name);
    if (given == nullptr || given->is_null()) {
        return std::nullopt;
    }
    std::vector<std::int64_t> out;
    if (!given->is_array()) {
        errors.add(std::string(name), {"field.invalid_value", {}});
        return out;
    }
    for (const auto& id : given->as_array()) {
        if (!id.is_int64()) {
            errors.add(std::string(name), {"field.invalid_value", {}});
            break;
        }
        out.push_back(id.as_int64());
    }
    return out;
}

std::vector<dispatch::stage_date_input> stage_dates_field(const json::object& body,
                                                          field_errors& errors) {
    std::vector<dispatch::stage_date_input> out;
    const auto* given = body.if_contains("stage_dates");
    if (given == nullptr || given->is_null()) {
        return out;
    }
    if (!given->is_array()) {
        errors.add("stage_dates", {"field.invalid_value", {}});
        return out;
    }
    const auto& items = given->as_array();
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!items[i].is_object()) {
            errors.add("stage_dates[" + std::to_string(i) + "]", {"field.must_be_object", {}});
            continue;
        }
        const auto& item = items[i].as_object();
        field_errors inner;
        dispatch::stage_date_input d;
        d.stage = string_field(item, "stage", inner).value_or("");
        d.planned_on = string_field(item, "planned_on", inner);
        d.actual_on = string_field(item, "actual_on", inner);
        if (!inner.empty()) {
            errors.add("stage_dates[" + std::to_string(i) + "]", {"field.invalid_value", {}});
        }
        out.push_back(std::move(d));
    }
    return out;
}

// A list of objects under `name`, each read by `read`; a bad item is named `name[i]`.
template <typename Item, typename Read>
std::optional<std::vector<Item>> objects_field(const json::object& body, std::string_view name,
                                               field_errors& errors, Read read) {
    const auto* given = body.if_contains(name);
    if (given == nullptr || given->is_null()) {
        return std::nullopt;
    }
    std::vector<Item> out;
    if (!given->is_array()) {
        errors.add(std::string(name), {"field.invalid_value", {}});
        return out;
    }
    const auto& items = given->as_array();
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto item_name = std::string(name) + "[" + std::to_string(i) + "]";
        if (!items[i].is_object()) {
            errors.add(item_name, {"field.must_be_object", {}});
            continue;
        }
        field_errors inner;
        out.push_back(read(items[i].as_object(), inner));
        if (!inner.empty()) {
            errors.add(item_name, {"field.invalid_value", {}});
        }
    }
    return out;
}

std::optional<std::vector<dispatch::contact_input>> contacts_field(const json::object& body,
                                                                   field_errors& errors) {
    return objects_field<dispatch::contact_input>(
        body, "contacts", errors, [](const json::object& item, field_errors& inner) {
            dispatch::contact_input c;
            c.name = string_field(item, "name", inner).value_or("");
            c.role = string_field(item, "role", inner).value_or("");
            c.phone = string_field(item, "phone", inner);
            c.email = string_field(item, "email", inner);
            return c;
        });
}

std::vector<dispatch::procedure_input> procedures_field(const json::object& body,
                                                        field_errors& errors) {
    return objects_field<dispatch::procedure_input>(
               body, "procedures", errors,
               [](const json::object& item, field_errors& inner) {
                   dispatch::procedure_input p;
                   p.code = string_field(item, "code", inner).value_or("");
                   p.status = string_field(item, "status", inner).value_or("");
                   p.applied_on = string_field(item, "applied_on", inner);
                   p.approved_on = string_field(item, "approved_on", inner);
                   return p;
               })
        .value_or(std::vector<dispatch::procedure_input>{});
}

std::optional<std::string> non_empty(std::optional<std::string> text) {
    return text && text->empty() ? std::nullopt : text;
}

asio::awaitable<http::reply> register_project(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto body = parse_json_object(req);
    // Type errors here; missing and bad values in the service, all named at once.
    field_errors errors;
    dispatch::project_input input;
    input.name = string_field(body, "name", errors).value_or("");
    input.code_name = non_empty(string_field(body, "code_name", errors));
    input.company = string_field(body, "company", errors).value_or("");
    input.credit_code = non_empty(string_field(body, "credit_code", errors));
    input.industry = string_field(body, "industry", errors).value_or("");
    input.capital_type = string_field(body, "capital_type", errors).value_or("");
    input.investment_total = string_field(body, "investment_total", errors).value_or("");
    input.currency = string_field(body, "currency", errors).value_or("");
    input.undertaking_unit_id = integer_field(body, "undertaking_unit_id", errors);
    input.collaborating_unit_ids =
        ids_field(body, "collaborating_unit_ids", errors).value_or(std::vector<std::int64_t>{});
    input.source = string_field(body, "source", errors).value_or("");
    input.meeting_id = integer_field(body, "meeting_id", errors);
    input.event_id = integer_field(body, "event_id", errors);
    input.intent_id = integer_field(body, "intent_id", errors);
    input.campaign = bool_field(body, "campaign", errors).value_or(false);
    input.campaign_code = non_empty(string_field(body, "campaign_code", errors));
    input.task_force_unit_id = integer_field(body, "task_force_unit_id", errors);
    input.stage = string_field(body, "stage", errors);
    input.stage_dates = stage_dates_field(body, errors);
    input.confidential = bool_field(body, "confidential", errors).value_or(false);
    input.notes = non_empty(string_field(body, "notes", errors));
    input.site_video_url = non_empty(string_field(body, "site_video_url", errors));
    input.contacts = contacts_field(body, errors).value_or(std::vector<dispatch::contact_input>{});
    input.procedures = procedures_field(body, errors);
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, &input, &from] {
        return dispatch::register_project(ctx.db, ctx.now, who, input, from, ctx.city);
    });
    publish_dashboard_changed(ctx, view.project.id);
    co_return json_reply(201, json::object{{"project", project_json(view, req.lang)}});
}

asio::awaitable<http::reply> view_project(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, id] {
        return dispatch::view_project(ctx.db, ctx.now, who, id, ctx.city);
    });
    co_return json_reply(200, json::object{{"project", project_json(view, req.lang)}});
}

asio::awaitable<http::reply> list_projects(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto page = paging_of(req);
    field_errors errors;
    dispatch::project_query query;
    const auto number = [&](const char* name) { return integer_param(req, name, errors, 0); };
    query.unit = number("unit");
    if (const auto days = number("stale_days")) {
        query.stale_days = int(std::min<std::int64_t>(*days, 100000));
    }
    query.signed_large = flag_param(req, "signed_large", errors);
    query.campaign = flag_param(req, "campaign", errors);
    query.stage = req.query_param("stage");
    query.industry = req.query_param("industry");
    query.source = req.query_param("source");
    query.text = req.query_param("q").value_or("");
    query.light = req.query_param("light");
    query.period = req.query_param("period");
    query.undertaking_unit = number("undertaking_unit_id");
    query.own_units = flag_param(req, "own_units", errors);
    query.event_id = number("event_id");
    query.task_force_unit_id = number("task_force_unit_id");
    query.campaign_code = req.query_param("campaign_code");
    query.min_stage = req.query_param("min_stage");
    query.entered_stage = req.query_param("entered_stage");
    query.entered_from = req.query_param("entered_from");
    query.entered_period = req.query_param("entered_period");
    errors.throw_if_any();
    query.offset = page.offset();
    query.limit = page.page_size;
    const auto found = co_await offload(ctx.db_pool, [&ctx, &who, &query] {
        return dispatch::list_projects(ctx.db, ctx.now, who, query, ctx.city);
    });
    json::array items;
    for (std::size_t i = 0; i < found.items.size(); ++i) {
        items.push_back(summary_json(found.items[i], found.units, found.stages,
                                     found.freshness_days[i], found.lights[i], req.lang));
    }
    co_return json_reply(200, page_json(std::move(items), found.total, page));
}

asio::awaitable<http::reply> edit_project(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto body = parse_json_object(req);
    static const std::set<std::string> editable{"name",
                                                "code_name",
                                                "company",
                                                "credit_code",
                                                "industry",
                                                "capital_type",
                                                "investment_total",
                                                "currency",
                                                "undertaking_unit_id",
                                                "collaborating_unit_ids",
                                                "campaign",
                                                "campaign_code",
                                                "task_force_unit_id",
                                                "confidential",
                                                "notes",
                                                "site_video_url",
                                                "contacts",
                                                "procedures"};
    field_errors errors;
    dispatch::project_changes changes;
    for (const auto& item : body) {
        if (!editable.contains(std::string(item.key()))) {
            changes.unknown_fields.emplace_back(item.key());
        }
    }
    changes.name = string_field(body, "name", errors);
    changes.code_name = string_field(body, "code_name", errors);
    changes.company = string_field(body, "company", errors);
    changes.credit_code = string_field(body, "credit_code", errors);
    changes.industry = string_field(body, "industry", errors);
    changes.capital_type = string_field(body, "capital_type", errors);
    changes.investment_total = string_field(body, "investment_total", errors);
    changes.currency = string_field(body, "currency", errors);
    changes.undertaking_unit_id = integer_field(body, "undertaking_unit_id", errors);
    changes.collaborating_unit_ids = ids_field(body, "collaborating_unit_ids", errors);
    changes.campaign = bool_field(body, "campaign", errors);
    changes.campaign_code = string_field(body, "campaign_code", errors);
    changes.confidential = bool_field(body, "confidential", errors);
    changes.notes = string_field(body, "notes", errors);
    changes.site_video_url = string_field(body, "site_video_url", errors);
    changes.contacts = contacts_field(body, errors);
    changes.procedures = procedures_field(body, errors);
    if (const auto* task_force = body.if_contains("task_force_unit_id")) {
        changes.task_force_unit_id = task_force->is_null()
                                         ? std::optional<std::int64_t>()
                                         : integer_field(body, "task_force_unit_id", errors);
    }
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, id, &changes, &from] {
        return dispatch::edit_project(ctx.db, ctx.now, who, id, changes, from, ctx.city);
    });
    publish_dashboard_changed(ctx, view.project.id);
    co_return json_reply(200, json::object{{"project", project_json(view, req.lang)}});
}

asio::awaitable<http::reply> record_update(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto body = parse_json_object(req);
    field_errors errors;
    dispatch::update_input input;
    input.text = string_field(body, "text", errors).value_or("");
    input.stage = string_field(body, "stage", errors);
    if (const auto* funds = body.if_contains("funds"); funds != nullptr && !funds->is_null()) {
        if (!funds->is_object()) {
            errors.add("funds", {"field.must_be_object", {}});
        } else {
            const auto& entry = funds->as_object();
            dispatch::fund_input f;
            f.arrived_on = string_field(entry, "arrived_on", errors).value_or("");
            f.amount = string_field(entry, "amount", errors).value_or("");
            f.currency = string_field(entry, "currency", errors).value_or("");
            input.funds = std::move(f);
        }
    }
    input.stage_dates = stage_dates_field(body, errors);
    input.procedures = procedures_field(body, errors);
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, id, &input, &from] {
        return dispatch::record_update(ctx.db, ctx.now, who, id, input, from, ctx.city);
    });
    publish_dashboard_changed(ctx, view.project.id);
    co_return json_reply(201, json::object{{"project", project_json(view, req.lang)}});
}

// The public milestones: each stage reached, with its date; no texts or amounts.
json::array milestones_json(const dispatch::project_view& view, language lang) {
    json::array out;
    for (const auto& d : view.stage_dates) {
        if (d.actual_on) {
            out.push_back(json::object{{"stage", d.stage},
                                       {"name", stage_name(view.stages, d.stage, lang)},
                                       {"reached_on", *d.actual_on}});
        }
    }
    return out;
}

asio::awaitable<http::reply> progress(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, id] {
        return dispatch::view_project(ctx.db, ctx.now, who, id, ctx.city);
    });
    co_return json_reply(200,
                         json::object{{"project_id", view.project.id},
                                      {"name", view.project.name},
                                      {"current", view.project.stage},
                                      {"stages", stages_json(view, req.lang)},
                                      {"milestones", milestones_json(view, req.lang)},
                                      {"last_update_at", stored_time(view.project.last_update_at)},
                                      {"freshness_days", view.freshness_days}});
}

// A confidential project's values in clear, for a cleared caller; audited.
asio::awaitable<http::reply> reveal_project(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto from = origin_of(req);
    const auto found = co_await offload(ctx.db_pool, [&ctx, &who, id, &from] {
        return dispatch::reveal_project(ctx.db, ctx.now, who, id, from);
    });
    const auto& p = found.project;
    json::array funds;
    for (const auto& f : found.funds) {
        funds.push_back(json::object{{"id", f.id},
                                     {"arrived_on", f.arrived_on},
                                     {"amount", f.amount},
                                     {"currency", f.currency}});
    }
    co_return json_reply(200, json::object{{"project_id", p.id},
                                           {"name", p.name},
                                           {"company", p.company},
                                           {"credit_code", optional_json(p.credit_code)},
                                           {"investment_total", p.investment_total},
                                           {"currency", p.currency},
                                           {"notes", optional_json(p.notes)},
                                           {"funds", std::move(funds)}});
}

asio::awaitable<http::reply> provision_investor(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto body = parse_json_object(req);
    field_errors errors;
    dispatch::investor_input input;
    input.name = string_field(body, "name", errors).value_or("");
    input.phone = non_empty(string_field(body, "phone", errors));
    input.email = non_empty(string_field(body, "email", errors));
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto made = co_await offload(ctx.db_pool, [&ctx, &who, id, &input, &from] {
        return dispatch::provision_investor(ctx.db, ctx.now, who, id, input, from);
    });
    const auto& user = made.user;
    co_return json_reply(
        201, json::object{
                 {"investor",
                  json::object{{"id", user.id},
                               {"login_name", optional_json(user.login_name)},
                               {"name", user.name},
                               {"phone_masked", user.phone ? json::value(mask_phone(*user.phone))
                                                           : json::value(nullptr)},
                               {"email", optional_json(user.email)}}},
                 {"initial_password", made.initial_password}});
}

asio::awaitable<http::reply> merge_project(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto body = parse_json_object(req);
    field_errors errors;
    const auto duplicate = integer_field(body, "duplicate_id", errors);
    if (!duplicate && errors.empty()) {
        errors.add("duplicate_id", {"field.required", {}});
    }
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, id, &duplicate, &from] {
        return dispatch::merge_projects(ctx.db, ctx.now, who, id, *duplicate, from, ctx.city);
    });
    publish_dashboard_changed(ctx, view.project.id);
    co_return json_reply(200, json::object{{"project", project_json(view, req.lang)}});
}

asio::awaitable<http::reply> attach(context& ctx, http::request& req) {
    co_return co_await upload_attachment(ctx, req, dispatch::attach_project_file);
}

asio::awaitable<http::reply> download(context& ctx, http::request& req) {
    co_return co_await download_attachment(ctx, req, dispatch::read_project_file);
}

}  // namespace

void add_project_routes(http::router& routes, context& ctx) {
    routes.add({"POST", "/api/v1/projects", "dispatch:project:create",
                bind_handler(ctx, register_project), 64 * 1024});
    routes.add(
        {"GET", "/api/v1/projects", "dispatch:project:read", bind_handler(ctx, list_projects)});
    routes.add({"GET", "/api/v1/projects/{id:int}", "dispatch:project:read",
                bind_handler(ctx, view_project)});
    routes.add({"PATCH", "/api/v1/projects/{id:int}", "dispatch:project:update",
                bind_handler(ctx, edit_project), 64 * 1024});
    routes.add({"POST", "/api/v1/projects/{id:int}/updates", "dispatch:project:update",
                bind_handler(ctx, record_update), 64 * 1024});
    routes.add({"GET", "/api/v1/projects/{id:int}/progress", "dispatch:project:read",
                bind_handler(ctx, progress)});
    // Clearance (the confidential permission or the undertaking unit) is checked in the service.
    routes.add({"POST", "/api/v1/projects/{id:int}/reveal", "dispatch:project:read",
                bind_handler(ctx, reveal_project)});
    routes.add({"POST", "/api/v1/projects/{id:int}/investors", "dispatch:project:investor",
                bind_handler(ctx, provision_investor), 16 * 1024});
    routes.add({"POST", "/api/v1/projects/{id:int}/merge", "dispatch:project:merge",
                bind_handler(ctx, merge_project), 16 * 1024});
    routes.add({"POST", "/api/v1/projects/{id:int}/attachments", "dispatch:project:update",
                bind_handler(ctx, attach), service::intake::max_attachment_bytes});
    routes.add({"GET", "/api/v1/projects/{id:int}/attachments/{attachment:int}",
                "dispatch:project:read", bind_handler(ctx, download)});
}

}  // namespace zhaoyin::api
