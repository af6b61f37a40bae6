#pragma once

#include "api/context.hpp"
#include "http/dispatcher.hpp"
#include "http/router.hpp"

namespace zhaoyin::api {

// The route table: each domain adds its own routes, each naming its permission.
void add_system_routes(http::router& routes, context& ctx);
void add_reference_routes(http::router& routes, context& ctx);
void add_auth_routes(http::router& routes, context& ctx);
void add_admin_routes(http::router& routes, context& ctx);
void add_intake_routes(http::router& routes, context& ctx);
void add_routing_routes(http::router& routes, context& ctx);
void add_calendar_routes(http::router& routes, context& ctx);
void add_project_routes(http::router& routes, context& ctx);
void add_meeting_routes(http::router& routes, context& ctx);
void add_event_routes(http::router& routes, context& ctx);
void add_round_routes(http::router& routes, context& ctx);
void add_supervision_routes(http::router& routes, context& ctx);
void add_consultation_routes(http::router& routes, context& ctx);
void add_document_routes(http::router& routes, context& ctx);
void add_park_routes(http::router& routes, context& ctx);
void add_search_routes(http::router& routes, context& ctx);
void add_ranking_routes(http::router& routes, context& ctx);
void add_dashboard_routes(http::router& routes, context& ctx);
void add_all_routes(http::router& routes, context& ctx);

using context_handler = boost::asio::awaitable<http::reply> (*)(context&, http::request&);
// A route handler written as a plain function of the context and the request.
inline http::handler bind_handler(context& ctx, context_handler fn) {
    return [&ctx, fn](http::request& req) { return fn(ctx, req); };
}

}  // namespace zhaoyin::api
