#include <boost/asio/awaitable.hpp>

#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "core/error.hpp"
#include "core/time_format.hpp"
#include "db/migrations.hpp"
#include "service/deadline_sweep.hpp"

namespace zhaoyin::api {

namespace json = boost::json;
namespace asio = boost::asio;

namespace {

asio::awaitable<http::reply> move_test_clock(context& ctx, http::request& req) {
    // The endpoint exists only with --test-clock and answers only on loopback; to anyone else
    // it is as if it did not exist.
    if (ctx.movable_clock == nullptr || !req.remote_is_loopback) {
        throw api_error(error_code::not_found);
    }
    const auto body = parse_json_object(req);
    const auto* advance = body.if_contains("advance_seconds");
    const auto* set = body.if_contains("set");
    if ((advance == nullptr) == (set == nullptr)) {
        throw api_error(error_code::validation_failed, {},
                        {{"advance_seconds",
                          message{"field.one_of_required", {{"names", "advance_seconds, set"}}}}});
    }
    if (advance != nullptr) {
        if (!advance->is_int64() && !advance->is_uint64()) {
            throw api_error(error_code::validation_failed, {},
                            {{"advance_seconds", message{"field.must_be_integer", {}}}});
        }
        const std::int64_t seconds = advance->to_number<std::int64_t>();
        constexpr std::int64_t ten_years = 10LL * 366 * 24 * 3600;
        if (seconds < 0 || seconds > ten_years) {
            throw api_error(
                error_code::validation_failed, {},
                {{"advance_seconds", message{"field.out_of_range",
                                             {{"min", "0"}, {"max", std::to_string(ten_years)}}}}});
        }
        ctx.movable_clock->advance(std::chrono::seconds(seconds));
    } else {
        const auto parsed =
            set->is_string() ? parse_rfc3339(set->as_string()) : std::optional<time_point>{};
        if (!parsed) {
            throw api_error(error_code::validation_failed, {},
                            {{"set", message{"field.must_be_rfc3339", {}}}});
        }
        ctx.movable_clock->set(*parsed);
    }
    // Deadlines that the move crossed fall due before the reply, so a test sees their effects.
    co_await offload(ctx.db_pool,
                     [&ctx] { return service::sweep_all_deadlines(ctx.db, ctx.now, ctx.city); });
    ctx.wake_outbox();
    co_return json_reply(200, json::object{{"now", format_cst(ctx.now.now())}});
}

}  // namespace

void add_system_routes(http::router& routes, context& ctx) {
    routes.add(
        {"GET", "/livez", "system:health:read", [](http::request&) -> asio::awaitable<http::reply> {
             co_return json_reply(200, json::object{{"status", "ok"}});
         }});
    routes.add({"GET", "/readyz", "system:health:read",
                [&ctx](http::request&) -> asio::awaitable<http::reply> {
                    const int latest = db::latest_version();
                    bool reachable = false;
                    int version = 0;
                    if (ctx.ready.load()) {
                        std::tie(reachable, version) =
                            co_await offload(ctx.db_pool, [&ctx]() -> std::pair<bool, int> {
                                try {
                                    auto conn = ctx.db.acquire();
                                    if (!conn->healthy()) {
                                        return {false, 0};
                                    }
                                    return {true, db::current_version(*conn)};
                                } catch (const std::exception&) {
                                    return {false, 0};
                                }
                            });
                    }
                    const bool ok = ctx.ready.load() && reachable && version == latest;
                    co_return json_reply(
                        ok ? 200 : 503,
                        json::object{{"status", ok ? "ready" : "not_ready"},
                                     {"accepting", ctx.ready.load()},
                                     {"database", reachable ? "reachable" : "unreachable"},
                                     {"schema_version", version},
                                     {"expected_schema_version", latest}});
                }});
    if (ctx.movable_clock == nullptr) {
        return;
    }
    routes.add({"POST", "/api/v1/test/clock", "system:clock:write",
                [&ctx](http::request& req) { return move_test_clock(ctx, req); }, 4096, true});
}

}  // namespace zhaoyin::api
