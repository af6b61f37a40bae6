#include <boost/asio/awaitable.hpp>

#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "api/session_access.hpp"
#include "core/time_format.hpp"
#include "service/dispatch/meetings.hpp"

namespace zhaoyin::api {

namespace json = boost::json;
namespace asio = boost::asio;
namespace dispatch = service::dispatch;

namespace {

// Stored UTC instants go out in China Standard Time.
json::value api_time(const std::optional<std::string>& stored) {
    if (!stored) {
        return nullptr;
    }
    const auto t = parse_rfc3339(*stored);
    return t ? json::value(format_cst(*t)) : json::value(*stored);
}

json::value person_json(const std::optional<std::int64_t>& id,
                        const std::optional<std::string>& name) {
    if (!id) {
        return nullptr;
    }
    return json::object{{"id", *id}, {"name", name.value_or("")}};
}

json::object receipt_json(const store::meeting_receipt_row& r, time_point now, language lang) {
    const auto status = dispatch::report_status(r, now);
    json::value on_time = nullptr;
    if (r.reported_at) {
        on_time = *r.reported_at <= r.report_due_at;
    }
    return {
        {"unit", json::object{{"id", r.unit_id},
                              {"name", lang == language::en ? r.unit_name_en : r.unit_name_zh}}},
        {"pushed_at", api_time(r.pushed_at)},
        {"report_due_at", api_time(r.report_due_at)},
        {"read", r.read_at.has_value()},
        {"read_at", api_time(r.read_at)},
        {"read_by", person_json(r.read_by, r.read_by_name)},
        {"report_status", status},
        {"reported_at", api_time(r.reported_at)},
        {"reported_by", person_json(r.reported_by, r.reported_by_name)},
        {"on_time", on_time},
        {"project_id", r.project_id ? json::value(*r.project_id) : json::value(nullptr)},
        {"no_project_reason", optional_json(r.no_project_reason)}};
}

json::object meeting_json(const dispatch::meeting_view& view, time_point now, language lang) {
    const auto& m = view.meeting;
    json::array leaders;
    for (const auto& name : m.leaders) {
        leaders.emplace_back(name);
    }
    json::array receipts;
    std::int64_t read = 0;
    std::int64_t reported = 0;
    for (const auto& r : view.receipts) {
        receipts.push_back(receipt_json(r, now, lang));
        read += r.read_at ? 1 : 0;
        reported += r.reported_at ? 1 : 0;
    }
    return {{"id", m.id},
            {"category", m.category},
            {"leaders", std::move(leaders)},
            {"held_on", m.held_on},
            {"place", m.place},
            {"company", m.company},
            {"summary", m.summary},
            {"follow_ups", optional_json(m.follow_ups)},
            {"created_by", json::object{{"id", m.created_by}, {"name", m.created_by_name}}},
            {"created_at", api_time(m.created_at)},
            {"counts", json::object{{"pushed", std::int64_t(view.receipts.size())},
                                    {"read", read},
                                    {"unread", std::int64_t(view.receipts.size()) - read},
                                    {"reported", reported}}},
            {"receipts", std::move(receipts)}};
}

asio::awaitable<http::reply> create_meeting(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto body = parse_json_object(req);
    field_errors errors;
    dispatch::meeting_input input;
    input.category = string_field(body, "category", errors).value_or("");
    input.leaders = strings_field(body, "leaders", errors).value_or(std::vector<std::string>{});
    input.held_on = string_field(body, "held_on", errors).value_or("");
    input.place = string_field(body, "place", errors).value_or("");
    input.company = string_field(body, "company", errors).value_or("");
    input.summary = string_field(body, "summary", errors).value_or("");
    input.follow_ups = string_field(body, "follow_ups", errors);
    if (input.follow_ups && input.follow_ups->empty()) {
        input.follow_ups.reset();
    }
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, &input, &from] {
        return dispatch::create_meeting(ctx.db, ctx.now, who, input, from);
    });
    co_return json_reply(201,
                         json::object{{"meeting", meeting_json(view, ctx.now.now(), req.lang)}});
}

asio::awaitable<http::reply> list_meetings(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto page = paging_of(req);
    dispatch::meeting_query query;
    query.category = req.query_param("category");
    field_errors errors;
    query.unit = integer_param(req, "unit", errors, 1);
    errors.throw_if_any();
    query.held_from = req.query_param("from");
    query.held_to = req.query_param("to");
    query.report_status = req.query_param("report_status");
    query.text = req.query_param("q").value_or("");
    query.offset = page.offset();
    query.limit = page.page_size;
    const auto found = co_await offload(ctx.db_pool, [&ctx, &who, &query] {
        return dispatch::list_meetings(ctx.db, ctx.now, who, query);
    });
    json::array items;
    for (const auto& view : found.items) {
        items.push_back(meeting_json(view, ctx.now.now(), req.lang));
    }
    co_return json_reply(200, page_json(std::move(items), found.total, page));
}

asio::awaitable<http::reply> view_meeting(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto view = co_await offload(
        ctx.db_pool, [&ctx, &who, id] { return dispatch::view_meeting(ctx.db, who, id); });
    co_return json_reply(200,
                         json::object{{"meeting", meeting_json(view, ctx.now.now(), req.lang)}});
}

asio::awaitable<http::reply> push_meeting(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto body = parse_json_object(req);
    std::vector<std::int64_t> units;
    const auto* given = body.if_contains("unit_ids");
    if (given != nullptr && !given->is_null()) {
        bool valid = given->is_array();
        if (valid) {
            for (const auto& unit : given->as_array()) {
                valid = valid && unit.is_int64();
                if (valid) {
                    units.push_back(unit.as_int64());
                }
            }
        }
        if (!valid) {
            throw api_error(error_code::validation_failed, {},
                            {{"unit_ids", message{"field.invalid_value", {}}}});
        }
    }
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, id, &units, &from] {
        return dispatch::push_meeting(ctx.db, ctx.now, who, id, units, from, ctx.city);
    });
    ctx.wake_outbox();
    co_return json_reply(200,
                         json::object{{"meeting", meeting_json(view, ctx.now.now(), req.lang)}});
}

asio::awaitable<http::reply> read_meeting(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, id, &from] {
        return dispatch::read_meeting(ctx.db, ctx.now, who, id, from);
    });
    co_return json_reply(200,
                         json::object{{"meeting", meeting_json(view, ctx.now.now(), req.lang)}});
}

asio::awaitable<http::reply> report_meeting(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto body = parse_json_object(req);
    field_errors errors;
    dispatch::meeting_report_input input;
    input.project_id = integer_field(body, "project_id", errors);
    input.no_project_reason = string_field(body, "no_project_reason", errors);
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, id, &input, &from] {
        return dispatch::report_meeting(ctx.db, ctx.now, who, id, input, from);
    });
    co_return json_reply(200,
                         json::object{{"meeting", meeting_json(view, ctx.now.now(), req.lang)}});
}

asio::awaitable<http::reply> fill_rate(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto from = req.query_param("from");
    const auto to = req.query_param("to");
    const auto rows = co_await offload(ctx.db_pool, [&ctx, &who, &from, &to] {
        return dispatch::fill_rates_for(ctx.db, who, from, to);
    });
    json::array items;
    for (const auto& r : rows) {
        items.push_back(json::object{
            {"unit",
             json::object{{"id", r.unit_id},
                          {"name", req.lang == language::en ? r.unit_name_en : r.unit_name_zh}}},
            {"pushed", r.pushed},
            {"read", r.read},
            {"reported", r.reported},
            {"reported_on_time", r.reported_on_time},
            {"fill_rate", dispatch::fill_rate_text(r.reported_on_time, r.pushed)}});
    }
    co_return json_reply(200,
                         json::object{{"from", from ? json::value(*from) : json::value(nullptr)},
                                      {"to", to ? json::value(*to) : json::value(nullptr)},
                                      {"items", std::move(items)}});
}

}  // namespace

void add_meeting_routes(http::router& routes, context& ctx) {
    routes.add({"POST", "/api/v1/meetings", "dispatch:meeting:create",
                bind_handler(ctx, create_meeting), 64 * 1024});
    routes.add(
        {"GET", "/api/v1/meetings", "dispatch:meeting:read", bind_handler(ctx, list_meetings)});
    // Before /meetings/{id}: the router takes the first pattern that fits.
    routes.add({"GET", "/api/v1/meetings/fill-rate", "dispatch:meeting:read",
                bind_handler(ctx, fill_rate)});
    routes.add({"GET", "/api/v1/meetings/{id:int}", "dispatch:meeting:read",
                bind_handler(ctx, view_meeting)});
    routes.add({"POST", "/api/v1/meetings/{id:int}/push", "dispatch:meeting:push",
                bind_handler(ctx, push_meeting), 16 * 1024});
    routes.add({"POST", "/api/v1/meetings/{id:int}/read", "dispatch:meeting:report",
                bind_handler(ctx, read_meeting)});
    routes.add({"POST", "/api/v1/meetings/{id:int}/report", "dispatch:meeting:report",
                bind_handler(ctx, report_meeting), 16 * 1024});
}

}  // namespace zhaoyin::api
