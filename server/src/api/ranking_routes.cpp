#include <set>

#include <fmt/format.h>
#include <boost/asio/awaitable.hpp>

#include "api/dashboard_query.hpp"
#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "api/session_access.hpp"
#include "service/ranking/rankings.hpp"

namespace zhaoyin::api {

namespace json = boost::json;
namespace asio = boost::asio;
namespace ranking = service::ranking;
namespace dashboard = service::dashboard;

namespace {

json::object config_reply(const ranking::config_version& c) {
    auto config = ranking::config_json(c.config);
    config["version"] = c.version;
    config["note"] = c.note;
    config["created_at"] =
        time_json(c.created_at.empty() ? std::nullopt : std::optional(c.created_at));
    config["created_by"] =
        c.created_by ? json::value(json::object{{"id", *c.created_by}, {"name", c.created_by_name}})
                     : json::value(nullptr);
    return config;
}

json::object snapshot_summary(const store::ranking_snapshot_row& s) {
    return {{"id", s.id},
            {"period", s.period},
            {"config_version", s.config_version},
            {"current", s.current},
            {"supersedes_id", s.supersedes_id ? json::value(*s.supersedes_id) : nullptr},
            {"published_at", time_json(s.published_at)},
            {"published_by", json::object{{"id", s.published_by}, {"name", s.published_by_name}}}};
}

// A signed difference in hundredths: "+1.50", "-0.25", "0.00".
std::string signed_hundredths(std::int64_t value) {
    const auto magnitude = ranking::format_fixed(value < 0 ? -value : value, 2);
    return value > 0 ? "+" + magnitude : value < 0 ? "-" + magnitude : magnitude;
}

asio::awaitable<http::reply> view_config(context& ctx, http::request& /*req*/) {
    const auto config = co_await offload(ctx.db_pool, [&ctx] {
        return ctx.db.read(
            [&ctx](db::connection& conn) { return ranking::current_config(conn, ctx.city); });
    });
    co_return json_reply(200, json::object{{"config", config_reply(config)}});
}

asio::awaitable<http::reply> save_config(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto body = parse_json_object(req);
    const auto from = origin_of(req);
    const auto config = co_await offload(ctx.db_pool, [&ctx, &who, &body, &from] {
        return ranking::save_config(ctx.db, ctx.now, who, body, from, ctx.city);
    });
    co_return json_reply(200, json::object{{"config", config_reply(config)}});
}

asio::awaitable<http::reply> live(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto period = dashboard::period_or_current(req.query_param("period"), ctx.now.now());
    const auto result = co_await offload(ctx.db_pool, [&ctx, &period] {
        return ranking::live_ranking(ctx.db, ctx.now, ctx.city, period);
    });
    co_return json_reply(
        200, ranking::results_json(result, ranking::view_for(who, req.lang == language::en)));
}

// 重点项目排名 of the dashboards: {period, published: snapshot | null, live}, each shown as the
// dashboard's scoping allows (service/ranking/rankings.hpp, dashboard_module).
asio::awaitable<http::reply> dashboard_module(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const service::dashboard::module_request request{ctx.now, who, dashboard_query_of(req),
                                                     ctx.city, req.lang};
    const auto found = co_await offload(
        ctx.db_pool, [&ctx, &request] { return ranking::dashboard_module(ctx.db, request); });
    json::value published = nullptr;
    if (found.published) {
        auto summary = snapshot_summary(found.published->row);
        const auto results = ranking::results_json(found.published->result, found.view);
        for (const auto& [key, value] : results) {
            summary[key] = value;
        }
        published = std::move(summary);
    }
    co_return json_reply(200,
                         json::object{{"period", found.chosen.text},
                                      {"published", std::move(published)},
                                      {"live", ranking::results_json(found.live, found.view)}});
}

asio::awaitable<http::reply> publish(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto body = parse_json_object(req);
    field_errors errors;
    const auto text = string_field(body, "period", errors);
    const auto supersede = bool_field(body, "supersede", errors).value_or(false);
    if (!text) {
        errors.add("period", {"field.required", {}});
    }
    errors.throw_if_any();
    const auto period = dashboard::period_or_current(text, ctx.now.now());
    const auto from = origin_of(req);
    const auto published = co_await offload(ctx.db_pool, [&ctx, &who, &period, supersede, &from] {
        return ranking::publish_ranking(ctx.db, ctx.now, who, ctx.city, period, supersede, from);
    });
    ctx.wake_outbox();
    auto reply = snapshot_summary(published.row);
    const auto results =
        ranking::results_json(published.result, ranking::view_for(who, req.lang == language::en));
    for (const auto& [key, value] : results) {
        reply[key] = value;
    }
    co_return json_reply(201, json::object{{"ranking", std::move(reply)}});
}

asio::awaitable<http::reply> list(context& ctx, http::request& req) {
    const auto page = paging_of(req);
    const auto period = req.query_param("period");
    if (period) {
        dashboard::period_or_current(period, ctx.now.now());  // a malformed one is a 422
    }
    const auto [rows, total] = co_await offload(ctx.db_pool, [&ctx, &period, &page] {
        return ranking::list_snapshots(ctx.db, period, page.offset(), page.page_size);
    });
    json::array items;
    for (const auto& row : rows) {
        items.push_back(snapshot_summary(row));
    }
    co_return json_reply(200, page_json(std::move(items), total, page));
}

asio::awaitable<http::reply> view(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto found =
        co_await offload(ctx.db_pool, [&ctx, id] { return ranking::find_snapshot(ctx.db, id); });
    const auto view = ranking::view_for(who, req.lang == language::en);
    auto reply = snapshot_summary(found.row);
    const auto results = ranking::results_json(found.result, view);
    for (const auto& [key, value] : results) {
        reply[key] = value;
    }
    // The formula it was computed with, and the figures behind each row the caller may see.
    reply["config"] = json::parse(found.row.config);
    const auto inputs = json::parse(found.row.inputs);
    json::array shown;
    for (const auto& unit : inputs.as_array()) {
        const auto unit_id = unit.as_object().at("unit_id").as_int64();
        if (!view.shows_breakdown || view.shows_breakdown(unit_id)) {
            shown.push_back(unit);
        }
    }
    reply["inputs"] = std::move(shown);
    co_return json_reply(200, json::object{{"ranking", std::move(reply)}});
}

asio::awaitable<http::reply> recompute(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto outcome = co_await offload(
        ctx.db_pool, [&ctx, id] { return ranking::recompute_snapshot(ctx.db, id); });
    const auto view = ranking::view_for(who, req.lang == language::en);
    co_return json_reply(
        200, json::object{{"id", id},
                          {"equal", outcome.equal},
                          {"stored", ranking::results_json(outcome.stored, view)},
                          {"recomputed", ranking::results_json(outcome.recomputed, view)}});
}

asio::awaitable<http::reply> compare(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    field_errors errors;
    const auto with = integer_param(req, "with", errors);
    if (errors.empty() && with.value_or(0) <= 0) {
        errors.add("with", {"field.must_be_integer", {}});  // a snapshot id is required
    }
    errors.throw_if_any();
    const auto other = *with;
    const auto [current, previous] = co_await offload(ctx.db_pool, [&ctx, id, other] {
        return std::pair{ranking::find_snapshot(ctx.db, id), ranking::find_snapshot(ctx.db, other)};
    });
    const auto view = ranking::view_for(who, req.lang == language::en);
    std::set<std::string> leagues;
    for (const auto& league : current.result.leagues) {
        if (!view.shows_league || view.shows_league(league)) {
            leagues.insert(league.code);
        }
    }
    json::array units;
    for (const auto& c : ranking::compare_snapshots(current.result, previous.result)) {
        if (!leagues.contains(c.league)) {
            continue;
        }
        const auto optional_int = [](const auto& v) { return v ? json::value(*v) : nullptr; };
        const auto score = [](const std::optional<std::int64_t>& v) {
            return v ? json::value(ranking::format_fixed(*v, 2)) : nullptr;
        };
        units.push_back(json::object{
            {"unit_id", c.unit_id},
            {"name", req.lang == language::en ? c.name_en : c.name_zh},
            {"league", c.league},
            {"rank", optional_int(c.rank)},
            {"score", score(c.score)},
            {"previous_rank", optional_int(c.previous_rank)},
            {"previous_score", score(c.previous_score)},
            // positive: moved up
            {"rank_change",
             c.rank && c.previous_rank ? json::value(*c.previous_rank - *c.rank) : nullptr},
            {"score_change", c.score && c.previous_score
                                 ? json::value(signed_hundredths(*c.score - *c.previous_score))
                                 : nullptr}});
    }
    co_return json_reply(200, json::object{{"ranking", snapshot_summary(current.row)},
                                           {"with", snapshot_summary(previous.row)},
                                           {"units", std::move(units)}});
}

}  // namespace

void add_ranking_routes(http::router& routes, context& ctx) {
    routes.add(
        {"GET", "/api/v1/ranking/config", "ranking:snapshot:read", bind_handler(ctx, view_config)});
    routes.add({"PUT", "/api/v1/ranking/config", "ranking:config:write",
                bind_handler(ctx, save_config), 256 * 1024});
    routes.add({"GET", "/api/v1/rankings/live", "ranking:live:read", bind_handler(ctx, live)});
    routes.add({"GET", "/api/v1/dashboard/ranking", "dashboard:figure:read",
                bind_handler(ctx, dashboard_module)});
    routes.add(
        {"POST", "/api/v1/rankings", "ranking:snapshot:publish", bind_handler(ctx, publish), 4096});
    routes.add({"GET", "/api/v1/rankings", "ranking:snapshot:read", bind_handler(ctx, list)});
    routes.add(
        {"GET", "/api/v1/rankings/{id:int}", "ranking:snapshot:read", bind_handler(ctx, view)});
    routes.add({"GET", "/api/v1/rankings/{id:int}/recompute", "ranking:snapshot:read",
                bind_handler(ctx, recompute)});
    routes.add({"GET", "/api/v1/rankings/{id:int}/compare", "ranking:snapshot:read",
                bind_handler(ctx, compare)});
}

}  // namespace zhaoyin::api
