#include "api/routes.hpp"

namespace zhaoyin::api {

void add_all_routes(http::router& routes, context& ctx) {
    add_system_routes(routes, ctx);
    add_reference_routes(routes, ctx);
    add_auth_routes(routes, ctx);
    add_admin_routes(routes, ctx);
    add_intake_routes(routes, ctx);
    add_routing_routes(routes, ctx);
    add_calendar_routes(routes, ctx);
    add_project_routes(routes, ctx);
    add_round_routes(routes, ctx);
    add_supervision_routes(routes, ctx);
    add_meeting_routes(routes, ctx);
    add_event_routes(routes, ctx);
    add_consultation_routes(routes, ctx);
    add_document_routes(routes, ctx);
    add_park_routes(routes, ctx);
    add_search_routes(routes, ctx);
    add_ranking_routes(routes, ctx);
    add_dashboard_routes(routes, ctx);
}

}  // namespace zhaoyin::api
