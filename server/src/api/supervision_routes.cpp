#include <boost/asio/awaitable.hpp>

#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "api/session_access.hpp"
#include "service/dispatch/instructions.hpp"
#include "service/dispatch/supervision.hpp"

namespace zhaoyin::api {

namespace json = boost::json;
namespace asio = boost::asio;
namespace dispatch = service::dispatch;

namespace {

json::value optional_id(const std::optional<std::int64_t>& id) {
    return id ? json::value(*id) : json::value(nullptr);
}

json::object instruction_json(const dispatch::instruction_view& view) {
    const auto& i = view.instruction;
    return {{"id", i.id},
            {"project", json::object{{"id", i.project_id}, {"name", i.project_name}}},
            {"unit_id", i.unit_id},
            {"text", i.text},
            {"due_at", time_json(i.due_at)},
            {"author", json::object{{"id", i.author_user_id}, {"name", i.author_name}}},
            {"created_at", time_json(i.created_at)},
            {"response", optional_json(i.response)},
            {"responded_at", time_json(i.responded_at)},
            {"responder_name", optional_json(i.responder_name)},
            {"state", i.responded_at ? "answered" : "open"},
            {"overdue", view.overdue}};
}

json::object ticket_json(const dispatch::ticket_view& view) {
    const auto& t = view.ticket;
    json::object out{
        {"id", t.id},
        {"reason", t.reason},
        {"state", t.state},
        {"unit_id", t.unit_id},
        {"project", t.project_id ? json::value(json::object{{"id", *t.project_id},
                                                            {"name", t.project_name.value_or("")}})
                                 : json::value(nullptr)},
        {"subject_key", t.subject_key},
        {"text", t.text},
        {"due_at", time_json(t.due_at)},
        {"overdue", view.overdue},
        {"overdue_since", time_json(t.overdue_since)},
        {"escalation_level", t.escalation_level},
        {"created_by", optional_id(t.created_by)},
        {"created_at", time_json(t.created_at)},
        {"closed_at", time_json(t.closed_at)}};
    return out;
}

json::object ticket_with_steps(const dispatch::ticket_view& view) {
    auto out = ticket_json(view);
    json::array steps;
    for (const auto& s : view.steps) {
        steps.push_back(
            json::object{{"state", s.state},
                         {"text", s.text},
                         {"actor_name", optional_json(s.actor_name)},
                         {"at", time_json(s.at)},
                         {"due_at", time_json(s.due_at)},
                         {"on_time", s.on_time ? json::value(*s.on_time) : json::value(nullptr)}});
    }
    out["steps"] = std::move(steps);
    return out;
}

asio::awaitable<http::reply> give_instruction(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto project = id_param(req, "id");
    const auto body = parse_json_object(req);
    field_errors errors;
    dispatch::instruction_input input;
    input.text = string_field(body, "text", errors).value_or("");
    input.due_at = string_field(body, "due_at", errors);
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, project, &input, &from] {
        return dispatch::give_instruction(ctx.db, ctx.now, who, project, input, from, ctx.city);
    });
    ctx.wake_outbox();
    co_return json_reply(201, json::object{{"instruction", instruction_json(view)}});
}

asio::awaitable<http::reply> list_instructions(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto page = paging_of(req);
    std::optional<bool> answered;
    if (const auto state = req.query_param("state")) {
        if (*state != "open" && *state != "answered") {
            throw api_error(error_code::validation_failed, {},
                            {{"state", message{"field.invalid_value", {}}}});
        }
        answered = *state == "answered";
    }
    const auto [rows, total] = co_await offload(ctx.db_pool, [&ctx, &who, &page, &answered] {
        return dispatch::list_instructions(ctx.db, ctx.now, who, answered, page.offset(),
                                           page.page_size);
    });
    json::array items;
    for (const auto& view : rows) {
        items.push_back(instruction_json(view));
    }
    co_return json_reply(200, page_json(std::move(items), total, page));
}

asio::awaitable<http::reply> respond_to_instruction(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto body = parse_json_object(req);
    field_errors errors;
    const auto text = string_field(body, "text", errors).value_or("");
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, id, &text, &from] {
        return dispatch::respond_to_instruction(ctx.db, ctx.now, who, id, text, from);
    });
    ctx.wake_outbox();
    co_return json_reply(200, json::object{{"instruction", instruction_json(view)}});
}

asio::awaitable<http::reply> create_ticket(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto body = parse_json_object(req);
    field_errors errors;
    dispatch::ticket_input input;
    input.unit_id = integer_field(body, "unit_id", errors);
    input.project_id = integer_field(body, "project_id", errors);
    input.text = string_field(body, "text", errors).value_or("");
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, &input, &from] {
        return dispatch::create_ticket(ctx.db, ctx.now, who, input, from, ctx.city);
    });
    ctx.wake_outbox();
    co_return json_reply(201, json::object{{"ticket", ticket_with_steps(view)}});
}

asio::awaitable<http::reply> list_tickets(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto page = paging_of(req);
    field_errors errors;
    dispatch::ticket_query query;
    query.state = req.query_param("state");
    query.reason = req.query_param("reason");
    query.unit = integer_param(req, "unit", errors);
    query.overdue = flag_param(req, "overdue", errors);
    dispatch::check_ticket_query(query, errors);
    errors.throw_if_any();
    query.offset = page.offset();
    query.limit = page.page_size;
    const auto found = co_await offload(ctx.db_pool, [&ctx, &who, &query] {
        return dispatch::list_tickets(ctx.db, ctx.now, who, query);
    });
    json::array items;
    for (const auto& view : found.items) {
        items.push_back(ticket_json(view));
    }
    co_return json_reply(200, page_json(std::move(items), found.total, page));
}

asio::awaitable<http::reply> view_ticket(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto view = co_await offload(
        ctx.db_pool, [&ctx, &who, id] { return dispatch::view_ticket(ctx.db, ctx.now, who, id); });
    co_return json_reply(200, json::object{{"ticket", ticket_with_steps(view)}});
}

// The step named by the last part of the path: sign, handle, feedback, review or close.
asio::awaitable<http::reply> take_ticket_step(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto body = parse_json_object(req);
    const auto& path = req.path;
    field_errors errors;
    dispatch::ticket_step step;
    step.action = path.substr(path.rfind('/') + 1);
    if (step.action == "review") {
        step.accept = bool_field(body, "accept", errors);
        step.text = string_field(body, "reason", errors).value_or("");
    } else {
        step.text = string_field(body, "text", errors).value_or("");
    }
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, id, &step, &from] {
        return dispatch::take_ticket_step(ctx.db, ctx.now, who, id, step, from, ctx.city);
    });
    ctx.wake_outbox();
    co_return json_reply(200, json::object{{"ticket", ticket_with_steps(view)}});
}

}  // namespace

void add_supervision_routes(http::router& routes, context& ctx) {
    routes.add({"POST", "/api/v1/projects/{id:int}/instructions", "dispatch:instruction:create",
                bind_handler(ctx, give_instruction), 16 * 1024});
    routes.add({"GET", "/api/v1/instructions", "dispatch:instruction:read",
                bind_handler(ctx, list_instructions)});
    routes.add({"POST", "/api/v1/instructions/{id:int}/respond", "dispatch:instruction:respond",
                bind_handler(ctx, respond_to_instruction), 16 * 1024});
    routes.add({"POST", "/api/v1/tickets", "dispatch:ticket:create",
                bind_handler(ctx, create_ticket), 16 * 1024});
    routes.add({"GET", "/api/v1/tickets", "dispatch:ticket:read", bind_handler(ctx, list_tickets)});
    routes.add({"GET", "/api/v1/tickets/{id:int}", "dispatch:ticket:read",
                bind_handler(ctx, view_ticket)});
    for (const auto* action : {"sign", "handle", "feedback"}) {
        routes.add({"POST", std::string("/api/v1/tickets/{id:int}/") + action,
                    "dispatch:ticket:handle", bind_handler(ctx, take_ticket_step), 16 * 1024});
    }
    for (const auto* action : {"review", "close"}) {
        routes.add({"POST", std::string("/api/v1/tickets/{id:int}/") + action,
                    "dispatch:ticket:review", bind_handler(ctx, take_ticket_step), 16 * 1024});
    }
}

}  // namespace zhaoyin::api
