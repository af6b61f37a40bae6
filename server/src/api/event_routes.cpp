#include <boost/asio/awaitable.hpp>

#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "api/session_access.hpp"
#include "core/decimal.hpp"
#include "core/time_format.hpp"
#include "service/dispatch/events.hpp"

namespace zhaoyin::api {

namespace json = boost::json;
namespace asio = boost::asio;
namespace dispatch = service::dispatch;

namespace {

json::object step_json(const dispatch::funnel_step& step) {
    return {{"projects", step.projects},
            {"investment", json::object{{"CNY", decimal_of_hundredths(step.cny_hundredths)},
                                        {"USD", decimal_of_hundredths(step.usd_hundredths)}}}};
}

json::object funnel_json(const dispatch::funnel& f) {
    return {{"in_talks", step_json(f.in_talks)},
            {"signed", step_json(f.signed_)},
            {"registered", step_json(f.registered)},
            {"started", step_json(f.started)}};
}

json::object event_json(const store::event_row& e) {
    const auto created = parse_rfc3339(e.created_at);
    return {{"id", e.id},
            {"name", e.name},
            {"starts_on", e.starts_on},
            {"ends_on", e.ends_on},
            {"place", e.place},
            {"organiser", e.organiser},
            {"description", e.description},
            {"created_by", json::object{{"id", e.created_by}, {"name", e.created_by_name}}},
            {"created_at", created ? format_cst(*created) : e.created_at}};
}

// The event's funnel at its end date and now, and the projects that moved since.
json::object event_funnel_json(const dispatch::event_funnel& f) {
    json::array changes;
    for (const auto& c : f.changes) {
        changes.push_back(json::object{{"project_id", c.project_id},
                                       {"name", c.name},
                                       {"from", c.from},
                                       {"to", c.to},
                                       {"from_step", dispatch::funnel_step_of(c.from)},
                                       {"to_step", dispatch::funnel_step_of(c.to)}});
    }
    return {{"at_event", funnel_json(f.at_event)},
            {"now", funnel_json(f.now)},
            {"changes", std::move(changes)}};
}

json::object event_view_json(const dispatch::event_view& view) {
    auto out = event_json(view.event);
    json::array signings;
    for (const auto& s : view.signings) {
        signings.push_back(json::object{{"id", s.id},
                                        {"project_id", s.project_id},
                                        {"project_name", s.project_name},
                                        {"signed_on", s.signed_on},
                                        {"amount", s.amount},
                                        {"currency", s.currency}});
    }
    out["signings"] = std::move(signings);
    out["funnel"] = event_funnel_json(view.projects);
    return out;
}

asio::awaitable<http::reply> create_event(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto body = parse_json_object(req);
    field_errors errors;
    dispatch::event_input input;
    input.name = string_field(body, "name", errors).value_or("");
    input.starts_on = string_field(body, "starts_on", errors).value_or("");
    input.ends_on = string_field(body, "ends_on", errors).value_or("");
    input.place = string_field(body, "place", errors).value_or("");
    input.organiser = string_field(body, "organiser", errors).value_or("");
    input.description = string_field(body, "description", errors).value_or("");
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, &input, &from] {
        return dispatch::create_event(ctx.db, ctx.now, who, input, from);
    });
    co_return json_reply(201, json::object{{"event", event_view_json(view)}});
}

asio::awaitable<http::reply> list_events(context& ctx, http::request& req) {
    signed_in(req);
    const auto page = paging_of(req);
    const auto text = req.query_param("q").value_or("");
    const auto found = co_await offload(ctx.db_pool, [&ctx, &text, &page] {
        return dispatch::list_events(ctx.db, text, page.offset(), page.page_size);
    });
    json::array items;
    for (const auto& e : found.first) {
        items.push_back(event_json(e));
    }
    co_return json_reply(200, page_json(std::move(items), found.second, page));
}

asio::awaitable<http::reply> view_event(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto view = co_await offload(
        ctx.db_pool, [&ctx, &who, id] { return dispatch::view_event(ctx.db, who, id); });
    co_return json_reply(200, json::object{{"event", event_view_json(view)}});
}

asio::awaitable<http::reply> event_funnel(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto view = co_await offload(
        ctx.db_pool, [&ctx, &who, id] { return dispatch::view_event(ctx.db, who, id); });
    auto out = event_funnel_json(view.projects);
    out["event_id"] = view.event.id;
    out["ends_on"] = view.event.ends_on;
    co_return json_reply(200, out);
}

asio::awaitable<http::reply> add_signing(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto body = parse_json_object(req);
    field_errors errors;
    dispatch::signing_input input;
    input.project_id = integer_field(body, "project_id", errors);
    input.signed_on = string_field(body, "signed_on", errors).value_or("");
    input.amount = string_field(body, "amount", errors).value_or("");
    input.currency = string_field(body, "currency", errors).value_or("");
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, id, &input, &from] {
        return dispatch::add_signing(ctx.db, ctx.now, who, id, input, from);
    });
    co_return json_reply(201, json::object{{"event", event_view_json(view)}});
}

}  // namespace

void add_event_routes(http::router& routes, context& ctx) {
    routes.add({"POST", "/api/v1/events", "dispatch:event:create", bind_handler(ctx, create_event),
                64 * 1024});
    routes.add({"GET", "/api/v1/events", "dispatch:event:read", bind_handler(ctx, list_events)});
    routes.add(
        {"GET", "/api/v1/events/{id:int}", "dispatch:event:read", bind_handler(ctx, view_event)});
    routes.add({"GET", "/api/v1/events/{id:int}/funnel", "dispatch:event:read",
                bind_handler(ctx, event_funnel)});
    routes.add({"POST", "/api/v1/events/{id:int}/signings", "dispatch:event:sign",
                bind_handler(ctx, add_signing), 16 * 1024});
}

}  // namespace zhaoyin::api
