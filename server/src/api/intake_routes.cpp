#include <boost/asio/awaitable.hpp>

#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "api/session_access.hpp"
#include "core/masking.hpp"
#include "core/time_format.hpp"
#include "service/intake/intents.hpp"

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

json::object intent_json(const intake::intent_view& view, language lang) {
    const auto& i = view.intent;
    json::array preferred;
    for (const auto id : i.preferred_units) {
        preferred.emplace_back(id);
    }
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
    json::array assignments;
    for (const auto& a : view.assignments) {
        assignments.push_back(json::object{{"unit_id", a.unit_id},
                                           {"role", a.role},
                                           {"step", optional_json(a.step)},
                                           {"due_at", stored_time(a.due_at)},
                                           {"met_at", stored_time(a.met_at)}});
    }
    return {{"id", i.id},
            {"title", i.title},
            {"company", i.company},
            {"credit_code", optional_json(i.credit_code)},
            {"contact_name", i.contact_name},
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
            {"created_at", stored_time(i.created_at)},
            {"routing", std::move(routing)},
            {"assignments", std::move(assignments)}};
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
    co_return json_reply(201, json::object{{"intent", intent_json(view, req.lang)}});
}

asio::awaitable<http::reply> view(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto found = co_await offload(
        ctx.db_pool, [&ctx, &who, id] { return intake::view_intent(ctx.db, who, id); });
    co_return json_reply(200, json::object{{"intent", intent_json(found, req.lang)}});
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

}  // namespace

void add_intake_routes(http::router& routes, context& ctx) {
    routes.add(
        {"POST", "/api/v1/intents", "intake:intent:create", bind_handler(ctx, submit), 64 * 1024});
    routes.add({"GET", "/api/v1/intents/{id:int}", "intake:intent:read", bind_handler(ctx, view)});
    routes.add({"GET", "/api/v1/intents", "intake:intent:read", bind_handler(ctx, list)});
}

}  // namespace zhaoyin::api
