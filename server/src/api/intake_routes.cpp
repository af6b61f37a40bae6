#include <algorithm>

#include <boost/asio/awaitable.hpp>

#include "api/attachment_io.hpp"
#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "api/session_access.hpp"
#include "core/masking.hpp"
#include "core/time_format.hpp"
#include "service/intake/attachments.hpp"
#include "service/intake/board.hpp"
#include "service/intake/docking.hpp"
#include "service/intake/intents.hpp"
#include "service/intake/staffing.hpp"
#include "service/notify/notifications.hpp"

namespace zhaoyin::api {

namespace json = boost::json;
namespace asio = boost::asio;
namespace intake = service::intake;

namespace {

json::value stored_time(const std::optional<std::string>& stored) {
    if (!stored) {
        return nullptr;
    }
    const auto t = parse_rfc3339(*stored);
    return t ? json::value(format_cst(*t)) : json::value(*stored);
}

std::string unit_name(const intake::intent_view& view, std::int64_t id, language lang) {
    const auto found = view.units.find(id);
    if (found == view.units.end()) {
        return "";
    }
    return lang == language::en ? found->second.name_en : found->second.name_zh;
}

json::value person(const intake::intent_view& view, const std::optional<std::int64_t>& id) {
    if (!id) {
        return nullptr;
    }
    const auto found = view.people.find(*id);
    return json::value(found == view.people.end() ? "" : found->second);
}

json::array routing_json(const intake::intent_view& view, language lang) {
    json::array routing;
    for (const auto& c : view.routing) {
        json::array reasons;
        for (const auto& r : c.reasons) {
            reasons.emplace_back(render(r, lang));
        }
        routing.push_back(
            json::object{{"unit_id", c.unit_id},
                         {"unit_name", lang == language::en ? c.unit_name_en : c.unit_name_zh},
                         {"score", c.score},
                         {"informed_only", c.informed_only},
                         {"reasons", std::move(reasons)}});
    }
    return routing;
}

json::object assignment_json(const store::assignment_row& a, const json::value& unit_name,
                             const json::value& user_name, time_point now) {
    const auto due = a.due_at ? parse_rfc3339(*a.due_at) : std::nullopt;
    return {{"id", a.id},
            {"unit_id", a.unit_id},
            {"unit_name", unit_name},
            {"user_id", a.user_id ? json::value(*a.user_id) : json::value(nullptr)},
            {"user_name", user_name},
            {"role", a.active() ? json::value(a.role) : json::value(*a.ended_reason)},
            {"step", optional_json(a.step)},
            {"due_at", stored_time(a.due_at)},
            {"overdue", a.active() && !a.paused_at && a.step && due && *due <= now},
            {"paused", a.paused_at.has_value()},
            {"pause_reason", optional_json(a.pause_reason)},
            {"escalation_level", a.escalation_level},
            {"excused", a.excused},
            {"contest_status", optional_json(a.contest_status)},
            {"created_at", stored_time(a.created_at)}};
}

json::object intent_json(const intake::intent_view& view, language lang, time_point now) {
    const auto& i = view.intent;
    json::array preferred;
    for (const auto id : i.preferred_units) {
        preferred.emplace_back(id);
    }
    json::array assignments;
    for (const auto& a : view.assignments) {
        assignments.push_back(assignment_json(a, json::value(unit_name(view, a.unit_id, lang)),
                                              person(view, a.user_id), now));
    }
    json::array timeline;
    for (const auto& e : view.timeline) {
        timeline.push_back(
            json::object{{"at", stored_time(e.at)},
                         {"kind", e.kind},
                         {"actor_name", optional_json(e.actor_name)},
                         {"unit_id", e.unit_id ? json::value(*e.unit_id) : json::value(nullptr)},
                         {"unit_name", e.unit_id ? json::value(unit_name(view, *e.unit_id, lang))
                                                 : json::value(nullptr)},
                         {"text", e.text},
                         {"detail", optional_json(e.detail)}});
    }
    json::array attachments;
    for (const auto& a : view.attachments) {
        attachments.push_back(attachment_json(a));
    }
    json::array actions;
    for (const auto& a : view.actions) {
        actions.emplace_back(a);
    }
    json::value primary = nullptr;
    if (i.primary_unit_id) {
        const auto found = view.units.find(*i.primary_unit_id);
        primary =
            json::object{{"id", *i.primary_unit_id},
                         {"name", unit_name(view, *i.primary_unit_id, lang)},
                         {"phone", found == view.units.end() ? json::value(nullptr)
                                                             : optional_json(found->second.phone)}};
    }
    json::value duplicate = nullptr;
    if (view.duplicate) {
        duplicate = json::object{{"id", view.duplicate->id}, {"title", view.duplicate->title}};
    }
    return {{"id", i.id},
            {"title", i.title},
            {"company", i.company},
            {"credit_code", optional_json(i.credit_code)},
            {"contact_name", i.contact_name},
            {"contact_phone",
             view.contact_phone_visible ? json::value(i.contact_phone) : json::value(nullptr)},
            {"contact_phone_masked", mask_phone(i.contact_phone)},
            {"industry", i.industry_code},
            {"investment_total", i.investment_total},
            {"currency", i.currency},
            {"capital_type", i.capital_type},
            {"preferred_units", std::move(preferred)},
            {"land_mu", optional_json(i.land_mu)},
            {"jobs", i.jobs ? json::value(*i.jobs) : json::value(nullptr)},
            {"description", i.description},
            {"status", i.status},
            {"stage", optional_json(i.stage)},
            {"created_at", stored_time(i.created_at)},
            {"claimed_at", stored_time(i.claimed_at)},
            {"first_contact_at", stored_time(i.first_contact_at)},
            {"docked_at", stored_time(i.docked_at)},
            {"primary_unit", std::move(primary)},
            {"handler", i.handler_user_id
                            ? json::value(json::object{{"user_id", *i.handler_user_id},
                                                       {"name", person(view, i.handler_user_id)}})
                            : json::value(nullptr)},
            {"disputed", i.disputed},
            {"duplicate_of", std::move(duplicate)},
            {"routing", routing_json(view, lang)},
            {"assignments", std::move(assignments)},
            {"timeline", std::move(timeline)},
            {"attachments", std::move(attachments)},
            {"actions", std::move(actions)}};
}

asio::awaitable<http::reply> submit(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto body = parse_json_object(req);
    field_errors errors;
    intake::intent_input input;
    input.title = required_string(body, "title", errors);
    input.company = required_string(body, "company", errors);
    input.credit_code = string_field(body, "credit_code", errors);
    if (input.credit_code && input.credit_code->empty()) {
        input.credit_code.reset();
    }
    input.contact_name = required_string(body, "contact_name", errors);
    input.contact_phone = required_string(body, "contact_phone", errors);
    input.industry = required_string(body, "industry", errors);
    input.investment_total = required_string(body, "investment_total", errors);
    input.currency = required_string(body, "currency", errors);
    input.capital_type = required_string(body, "capital_type", errors);
    input.land_mu = string_field(body, "land_mu", errors);
    input.jobs = integer_field(body, "jobs", errors);
    input.description = required_string(body, "description", errors);
    if (const auto* preferred = body.if_contains("preferred_units");
        preferred != nullptr && !preferred->is_null()) {
        if (!preferred->is_array()) {
            errors.add("preferred_units", {"field.invalid_value", {}});
        } else {
            for (const auto& id : preferred->as_array()) {
                if (!id.is_int64()) {
                    errors.add("preferred_units", {"field.invalid_value", {}});
                    break;
                }
                input.preferred_units.push_back(id.as_int64());
            }
        }
    }
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&] {
        return intake::submit_intent(ctx.db, ctx.now, who, input, from, ctx.city);
    });
    ctx.wake_outbox();
    co_return json_reply(201, json::object{{"intent", intent_json(view, req.lang, ctx.now.now())}});
}

asio::awaitable<http::reply> view(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto found = co_await offload(
        ctx.db_pool, [&ctx, &who, id] { return intake::view_intent(ctx.db, who, id); });
    co_return json_reply(200,
                         json::object{{"intent", intent_json(found, req.lang, ctx.now.now())}});
}

asio::awaitable<http::reply> list(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto page = paging_of(req);
    const auto [rows, total] = co_await offload(ctx.db_pool, [&ctx, &who, &page] {
        return intake::list_intents(ctx.db, who, page.offset(), page.page_size);
    });
    json::array items;
    for (const auto& i : rows) {
        items.push_back(json::object{{"id", i.id},
                                     {"title", i.title},
                                     {"company", i.company},
                                     {"industry", i.industry_code},
                                     {"investment_total", i.investment_total},
                                     {"currency", i.currency},
                                     {"capital_type", i.capital_type},
                                     {"status", i.status},
                                     {"created_at", stored_time(i.created_at)}});
    }
    co_return json_reply(200, page_json(std::move(items), total, page));
}

asio::awaitable<http::reply> inbox(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto page = paging_of(req);
    const bool open_only = first_choice_param(req, "view", "open", "all");
    const auto text = req.query_param("q").value_or("");
    const auto [rows, total] = co_await offload(ctx.db_pool, [&ctx, &who, &page, &text, open_only] {
        return intake::inbox_of(ctx.db, who, open_only, text, page.offset(), page.page_size);
    });
    const auto now = ctx.now.now();
    json::array items;
    for (const auto& row : rows) {
        const auto& i = row.intent;
        const auto& a = row.assignment;
        auto line = assignment_json(
            a, json::value(req.lang == language::en ? row.unit_name_en : row.unit_name_zh),
            row.assigned_user_name ? json::value(*row.assigned_user_name) : json::value(nullptr),
            now);
        line["intent_id"] = i.id;
        line["assignment_id"] = a.id;
        line["title"] = i.title;
        line["company"] = i.company;
        line["industry"] = i.industry_code;
        line["investment_total"] = i.investment_total;
        line["currency"] = i.currency;
        line["capital_type"] = i.capital_type;
        line["status"] = i.status;
        line["disputed"] = i.disputed;
        line["duplicate"] = i.duplicate_of.has_value();
        line["assigned_user_id"] = line["user_id"];
        line["assigned_user_name"] = line["user_name"];
        line["mine"] = a.user_id && *a.user_id == who.user_id;
        line["created_at"] = stored_time(i.created_at);
        items.push_back(std::move(line));
    }
    co_return json_reply(200, page_json(std::move(items), total, page));
}

// One docking step; the action comes from the route, the rest from the body.
asio::awaitable<http::reply> take_step(context& ctx, http::request& req, const char* action) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto body = parse_json_object(req);
    field_errors errors;
    intake::docking_step step;
    step.action = action;
    for (const char* name : {"summary", "reason", "text"}) {
        if (const auto value = string_field(body, name, errors)) {
            step.text = *value;
        }
    }
    step.channel = string_field(body, "channel", errors).value_or("");
    step.contacted_at = string_field(body, "contacted_at", errors);
    step.unit_id = integer_field(body, "unit_id", errors);
    step.stage = string_field(body, "stage", errors).value_or("");
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, id, &step, &from] {
        return intake::take_step(ctx.db, ctx.now, who, id, step, from, ctx.city);
    });
    ctx.wake_outbox();
    co_return json_reply(200, json::object{{"intent", intent_json(view, req.lang, ctx.now.now())}});
}

asio::awaitable<http::reply> notifications(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto page = paging_of(req);
    const auto [rows, total, unread] = co_await offload(ctx.db_pool, [&ctx, &who, &page] {
        auto [items, count] =
            service::notify::list_notifications(ctx.db, who.user_id, page.offset(), page.page_size);
        return std::tuple(std::move(items), count,
                          service::notify::unread_notifications(ctx.db, who.user_id));
    });
    json::array items;
    for (const auto& n : rows) {
        items.push_back(json::object{{"id", n.id},
                                     {"kind", n.kind},
                                     {"subject", n.subject},
                                     {"link", n.link},
                                     {"created_at", stored_time(n.created_at)},
                                     {"read_at", stored_time(n.read_at)}});
    }
    auto out = page_json(std::move(items), total, page);
    out["unread"] = unread;
    co_return json_reply(200, out);
}

asio::awaitable<http::reply> read_notifications(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto body = parse_json_object(req);
    std::vector<std::int64_t> ids;
    if (const auto* given = body.if_contains("ids"); given != nullptr && !given->is_null()) {
        if (!given->is_array()) {
            throw api_error(error_code::validation_failed, {},
                            {{"ids", message{"field.invalid_value", {}}}});
        }
        for (const auto& id : given->as_array()) {
            if (!id.is_int64()) {
                throw api_error(error_code::validation_failed, {},
                                {{"ids", message{"field.invalid_value", {}}}});
            }
            ids.push_back(id.as_int64());
        }
    }
    const auto unread = co_await offload(ctx.db_pool, [&ctx, &who, &ids] {
        return service::notify::mark_notifications_read(ctx.db, ctx.now, who.user_id, ids);
    });
    co_return json_reply(200, json::object{{"unread", unread}});
}

asio::awaitable<http::reply> attach(context& ctx, http::request& req) {
    co_return co_await upload_attachment(ctx, req, intake::attach_file);
}

asio::awaitable<http::reply> download(context& ctx, http::request& req) {
    co_return co_await download_attachment(ctx, req, intake::read_attachment);
}

json::object staff_json(const std::vector<store::staff_load_row>& rows) {
    json::array items;
    for (const auto& r : rows) {
        items.push_back(json::object{{"user_id", r.user_id},
                                     {"name", r.name},
                                     {"on_leave", r.on_leave},
                                     {"capacity", r.capacity},
                                     {"open_items", r.open_items}});
    }
    return {{"items", std::move(items)}};
}

asio::awaitable<http::reply> staff(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto unit = id_param(req, "id");
    const auto rows = co_await offload(
        ctx.db_pool, [&ctx, &who, unit] { return intake::staff_load(ctx.db, who, unit); });
    co_return json_reply(200, staff_json(rows));
}

asio::awaitable<http::reply> set_staff(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto unit = id_param(req, "id");
    const auto user = id_param(req, "user");
    const auto body = parse_json_object(req);
    field_errors errors;
    // Type errors here; missing values after the scope check, in the service.
    const auto leave = bool_field(body, "on_leave", errors);
    const auto limit = integer_field(body, "capacity", errors);
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto rows =
        co_await offload(ctx.db_pool, [&ctx, &who, unit, user, &leave, &limit, &from] {
            return intake::set_availability(ctx.db, ctx.now, who, unit, user, leave, limit, from);
        });
    co_return json_reply(200, staff_json(rows));
}

json::object figures_json(const intake::board_figures& f) {
    return {{"received", f.received},
            {"acknowledged", f.acknowledged},
            {"docked", f.docked},
            {"landed", f.landed},
            {"docking_rate", f.docking_rate ? json::value(*f.docking_rate) : json::value(nullptr)},
            {"median_first_contact_minutes",
             f.median_first_contact ? json::value(*f.median_first_contact) : json::value(nullptr)}};
}

asio::awaitable<http::reply> public_board(context& ctx, http::request& req) {
    const auto board = co_await offload(
        ctx.db_pool, [&ctx] { return intake::public_board(ctx.db, ctx.now, ctx.city); });
    const bool en = req.lang == language::en;
    json::array units;
    for (const auto& u : board.units) {
        auto line = figures_json(u.figures);
        line["unit_id"] = u.unit_id;
        line["unit_name"] = en ? u.name_en : u.name_zh;
        units.push_back(std::move(line));
    }
    json::array overdue;
    for (const auto& o : board.overdue) {
        overdue.push_back(json::object{{"unit_id", o.unit_id},
                                       {"unit_name", en ? o.name_en : o.name_zh},
                                       {"count", o.count},
                                       {"oldest_due_at", stored_time(o.oldest_due_at)}});
    }
    co_return json_reply(200, json::object{{"totals", figures_json(board.totals)},
                                           {"units", std::move(units)},
                                           {"overdue", std::move(overdue)},
                                           {"min_sample", board.min_sample},
                                           {"generated_at", format_cst(ctx.now.now())}});
}

json::object contest_json(const store::contest_row& c, language lang) {
    return {{"id", c.id},
            {"assignment_id", c.assignment_id},
            {"unit_id", c.unit_id},
            {"unit_name", lang == language::en ? c.unit_name_en : c.unit_name_zh},
            {"intent_id", c.intent_id},
            {"intent_title", c.intent_title},
            {"reason", c.reason},
            {"status", c.status},
            {"created_at", stored_time(c.created_at)},
            {"decided_at", stored_time(c.decided_at)},
            {"note", optional_json(c.note)}};
}

asio::awaitable<http::reply> contest(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto body = parse_json_object(req);
    field_errors errors;
    const auto assignment = integer_field(body, "assignment_id", errors);
    const auto reason = required_string(body, "reason", errors);
    if (!assignment) {
        errors.add("assignment_id", {"field.required", {}});  // kept after a type error
    }
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto id = *assignment;
    const auto made = co_await offload(ctx.db_pool, [&ctx, &who, id, &reason, &from] {
        return intake::contest_listing(ctx.db, ctx.now, who, id, reason, from);
    });
    co_return json_reply(201, json::object{{"contest", contest_json(made, req.lang)}});
}

asio::awaitable<http::reply> contests(context& ctx, http::request& req) {
    const auto page = paging_of(req);
    const bool pending = first_choice_param(req, "status", "pending", "all");
    const auto [rows, total] = co_await offload(ctx.db_pool, [&ctx, &page, pending] {
        return intake::list_contests(ctx.db, pending, page.offset(), page.page_size);
    });
    json::array items;
    for (const auto& c : rows) {
        items.push_back(contest_json(c, req.lang));
    }
    co_return json_reply(200, page_json(std::move(items), total, page));
}

asio::awaitable<http::reply> decide_contest(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto body = parse_json_object(req);
    field_errors errors;
    const auto accept = bool_field(body, "accept", errors);
    const auto note = string_field(body, "note", errors).value_or("");
    if (!accept) {
        errors.add("accept", {"field.required", {}});  // kept after a type error
    }
    errors.throw_if_any();
    const auto from = origin_of(req);
    const bool yes = *accept;
    const auto decided = co_await offload(ctx.db_pool, [&ctx, &who, id, yes, &note, &from] {
        return intake::decide_contest(ctx.db, ctx.now, who, id, yes, note, from);
    });
    co_return json_reply(200, json::object{{"contest", contest_json(decided, req.lang)}});
}

}  // namespace

void add_intake_routes(http::router& routes, context& ctx) {
    routes.add(
        {"POST", "/api/v1/intents", "intake:intent:create", bind_handler(ctx, submit), 64 * 1024});
    routes.add({"GET", "/api/v1/intents/{id:int}", "intake:intent:read", bind_handler(ctx, view)});
    routes.add({"GET", "/api/v1/intents", "intake:intent:read", bind_handler(ctx, list)});
    routes.add({"GET", "/api/v1/inbox", "intake:inbox:read", bind_handler(ctx, inbox)});
    const std::pair<const char*, const char*> steps[] = {
        {"claim", "intake:intent:handle"},    {"contact", "intake:intent:handle"},
        {"dock", "intake:intent:handle"},     {"decline", "intake:intent:handle"},
        {"transfer", "intake:intent:handle"}, {"pause", "intake:intent:handle"},
        {"resume", "intake:intent:handle"},   {"stage", "intake:intent:handle"},
        {"reply", "intake:intent:reply"},     {"decide", "intake:dispute:decide"}};
    for (const auto& [action, permission] : steps) {
        routes.add({"POST", std::string("/api/v1/intents/{id:int}/") + action, permission,
                    [&ctx, name = action](http::request& req) { return take_step(ctx, req, name); },
                    16 * 1024});
    }
    routes.add({"GET", "/api/v1/units/{id:int}/intake-staff", "intake:inbox:read",
                bind_handler(ctx, staff)});
    routes.add({"PUT", "/api/v1/units/{id:int}/intake-staff/{user:int}", "intake:staff:update",
                bind_handler(ctx, set_staff)});
    routes.add({"POST", "/api/v1/intents/{id:int}/attachments", "intake:intent:create",
                bind_handler(ctx, attach), intake::max_attachment_bytes});
    routes.add({"GET", "/api/v1/intents/{id:int}/attachments/{attachment:int}",
                "intake:intent:read", bind_handler(ctx, download)});
    routes.add(
        {"GET", "/api/v1/public/board", "intake:board:read", bind_handler(ctx, public_board)});
    routes.add(
        {"POST", "/api/v1/board/contests", "intake:board:contest", bind_handler(ctx, contest)});
    routes.add(
        {"GET", "/api/v1/board/contests", "intake:board:decide", bind_handler(ctx, contests)});
    routes.add({"POST", "/api/v1/board/contests/{id:int}/decide", "intake:board:decide",
                bind_handler(ctx, decide_contest)});
    routes.add({"GET", "/api/v1/notifications", "notify:notification:read",
                bind_handler(ctx, notifications)});
    routes.add({"POST", "/api/v1/notifications/read", "notify:notification:read",
                bind_handler(ctx, read_notifications)});
}

}  // namespace zhaoyin::api
