#include <fmt/format.h>
#include <boost/asio/awaitable.hpp>

#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "api/session_access.hpp"
#include "service/dispatch/rounds.hpp"

namespace zhaoyin::api {

namespace json = boost::json;
namespace asio = boost::asio;
namespace dispatch = service::dispatch;

namespace {

// The rate as a percentage with two decimals, from basis points: "66.66".
std::string percent(std::int64_t basis_points) {
    return fmt::format("{}.{:02}", basis_points / 100, basis_points % 100);
}

json::object round_json(const store::round_row& r) {
    return {{"id", r.id},
            {"name", r.name},
            {"state", r.state},
            {"opened_at", time_json(r.opened_at)},
            {"closes_at", time_json(r.closes_at)},
            {"closed_at", time_json(r.closed_at)},
            {"reminded_at", time_json(r.reminded_at)},
            {"opened_by", json::object{{"id", r.opened_by}, {"name", r.opened_by_name}}}};
}

json::object round_view_json(const dispatch::round_view& view, language lang) {
    auto out = round_json(view.round);
    json::array units;
    for (const auto& u : view.units) {
        units.push_back(json::object{
            {"unit",
             json::object{{"id", u.unit_id},
                          {"name", lang == language::en ? u.unit_name_en : u.unit_name_zh}}},
            {"undertaken", u.undertaken},
            {"updated", u.updated},
            {"rate_percent", percent(u.rate_bp)}});
    }
    out["units"] = std::move(units);
    return out;
}

asio::awaitable<http::reply> open_round(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto body = parse_json_object(req);
    field_errors errors;
    dispatch::round_input input;
    input.name = string_field(body, "name", errors).value_or("");
    input.closes_at = string_field(body, "closes_at", errors).value_or("");
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, &input, &from] {
        return dispatch::open_round(ctx.db, ctx.now, who, input, from);
    });
    co_return json_reply(201, json::object{{"round", round_view_json(view, req.lang)}});
}

asio::awaitable<http::reply> list_rounds(context& ctx, http::request& req) {
    const auto page = paging_of(req);
    const auto [rows, total] = co_await offload(ctx.db_pool, [&ctx, &page] {
        return dispatch::list_rounds(ctx.db, page.offset(), page.page_size);
    });
    json::array items;
    for (const auto& r : rows) {
        items.push_back(round_json(r));
    }
    co_return json_reply(200, page_json(std::move(items), total, page));
}

asio::awaitable<http::reply> view_round(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto view = co_await offload(
        ctx.db_pool, [&ctx, &who, id] { return dispatch::view_round(ctx.db, ctx.now, who, id); });
    co_return json_reply(200, json::object{{"round", round_view_json(view, req.lang)}});
}

asio::awaitable<http::reply> pending_in_round(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    field_errors errors;
    const auto unit = integer_param(req, "unit", errors, 1);
    errors.throw_if_any();
    const auto found = co_await offload(ctx.db_pool, [&ctx, &who, id, &unit] {
        return dispatch::pending_in_round(ctx.db, ctx.now, who, id, unit);
    });
    json::array projects;
    for (const auto& p : found.projects) {
        projects.push_back(json::object{{"id", p.project_id},
                                        {"name", p.name},
                                        {"unit_id", p.unit_id},
                                        {"last_update_at", time_json(p.last_update_at)}});
    }
    co_return json_reply(
        200, json::object{{"round", round_json(found.round)}, {"projects", std::move(projects)}});
}

asio::awaitable<http::reply> close_round(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, id, &from] {
        return dispatch::close_round(ctx.db, ctx.now, who, id, from);
    });
    co_return json_reply(200, json::object{{"round", round_view_json(view, req.lang)}});
}

}  // namespace

void add_round_routes(http::router& routes, context& ctx) {
    routes.add({"POST", "/api/v1/rounds", "dispatch:round:manage", bind_handler(ctx, open_round),
                16 * 1024});
    routes.add({"GET", "/api/v1/rounds", "dispatch:round:read", bind_handler(ctx, list_rounds)});
    routes.add(
        {"GET", "/api/v1/rounds/{id:int}", "dispatch:round:read", bind_handler(ctx, view_round)});
    routes.add({"GET", "/api/v1/rounds/{id:int}/pending", "dispatch:round:read",
                bind_handler(ctx, pending_in_round)});
    routes.add({"POST", "/api/v1/rounds/{id:int}/close", "dispatch:round:manage",
                bind_handler(ctx, close_round), 4096});
}

}  // namespace zhaoyin::api
