#include <boost/asio/awaitable.hpp>

#include "api/dashboard_query.hpp"
#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "api/session_access.hpp"
#include "service/dashboard/indicators.hpp"
#include "service/dashboard/modules.hpp"

namespace zhaoyin::api {

namespace asio = boost::asio;
namespace json = boost::json;
namespace dashboard = service::dashboard;

namespace {

using module_fn = json::object (*)(db::database&, const dashboard::module_request&);

asio::awaitable<http::reply> module_reply(context& ctx, http::request& req, module_fn module) {
    const auto& who = signed_in(req);
    const dashboard::module_request request{ctx.now, who, dashboard_query_of(req), ctx.city,
                                            req.lang};
    const auto body =
        co_await offload(ctx.db_pool, [&ctx, &request, module] { return module(ctx.db, request); });
    co_return json_reply(200, body);
}

json::object indicator_month_json(const dashboard::indicator_month& m) {
    json::array figures;
    for (const auto& f : m.figures) {
        figures.push_back(json::object{{"unit_id", f.unit_id},
                                       {"indicator", f.indicator},
                                       {"value", f.value},
                                       {"illustrative", f.illustrative}});
    }
    return {{"month", m.month}, {"figures", std::move(figures)}};
}

asio::awaitable<http::reply> get_indicators(context& ctx, http::request& req) {
    signed_in(req);
    const auto month = req.query_param("month").value_or("");
    const auto found = co_await offload(
        ctx.db_pool, [&ctx, &month] { return dashboard::indicators_of(ctx.db, month); });
    co_return json_reply(200, indicator_month_json(found));
}

asio::awaitable<http::reply> put_indicators(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto body = parse_json_object(req);
    field_errors errors;
    const auto month = string_field(body, "month", errors).value_or("");
    std::vector<dashboard::indicator_input> figures;
    const auto* rows = body.if_contains("figures");
    if (rows == nullptr || !rows->is_array()) {
        errors.add("figures", {"field.required", {}});
    } else {
        for (std::size_t i = 0; i < rows->as_array().size(); ++i) {
            const auto& row = rows->as_array()[i];
            const auto prefix = "figures[" + std::to_string(i) + "].";
            dashboard::indicator_input input;
            if (!row.is_object()) {
                errors.add("figures[" + std::to_string(i) + "]", {"field.invalid_value", {}});
                continue;
            }
            const auto& object = row.as_object();
            if (const auto* unit = object.if_contains("unit_id"); unit && unit->is_int64()) {
                input.unit_id = unit->as_int64();
            } else if (unit != nullptr) {
                errors.add(prefix + "unit_id", {"field.must_be_integer", {}});
            }
            if (const auto* code = object.if_contains("indicator"); code && code->is_string()) {
                input.indicator = std::string(code->as_string());
            }
            if (const auto* value = object.if_contains("value"); value && value->is_string()) {
                input.value = std::string(value->as_string());
            }
            figures.push_back(std::move(input));
        }
    }
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto saved = co_await offload(ctx.db_pool, [&ctx, &who, &month, &figures, &from] {
        return dashboard::save_indicators(ctx.db, ctx.now, who, month, figures, from);
    });
    co_return json_reply(200, indicator_month_json(saved));
}

}  // namespace

void add_dashboard_routes(http::router& routes, context& ctx) {
    const std::pair<const char*, module_fn> modules[] = {
        {"/api/v1/dashboard/overview", dashboard::overview},
        {"/api/v1/dashboard/sources", dashboard::sources},
        {"/api/v1/dashboard/undertaking", dashboard::undertaking},
        {"/api/v1/dashboard/stages", dashboard::stages},
        {"/api/v1/dashboard/industries", dashboard::industries}};
    for (const auto& [path, module] : modules) {
        const auto fn = module;
        routes.add({"GET", path, "dashboard:figure:read",
                    [&ctx, fn](http::request& req) { return module_reply(ctx, req, fn); }});
    }
    routes.add(
        {"GET", "/api/v1/indicators", "dashboard:figure:read", bind_handler(ctx, get_indicators)});
    routes.add({"PUT", "/api/v1/indicators", "dashboard:indicator:write",
                bind_handler(ctx, put_indicators), 256 * 1024});
}

}  // namespace zhaoyin::api
