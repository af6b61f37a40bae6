#include <boost/asio/awaitable.hpp>

#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "api/session_access.hpp"
#include "core/time_format.hpp"
#include "service/intake/routing_rules.hpp"

namespace zhaoyin::api {

namespace json = boost::json;
namespace asio = boost::asio;
namespace intake = service::intake;

namespace {

json::value stored_time(const std::string& stored) {
    const auto t = parse_rfc3339(stored);
    return t ? json::value(format_cst(*t)) : json::value(stored);
}

json::object overview_json(const intake::rules_overview& o) {
    json::array history;
    for (const auto& v : o.history) {
        history.push_back(json::object{
            {"version", v.version},
            {"label", v.rules.version},
            {"rules", intake::rules_json(v.rules)},
            {"created_by", json::object{{"id", v.created_by}, {"name", v.created_by_name}}},
            {"created_at", stored_time(v.created_at)},
            {"note", v.note}});
    }
    return {{"current", json::object{{"version", o.current_version},
                                     {"label", o.current.version},
                                     {"source", o.current_version == 0 ? "default" : "saved"},
                                     {"rules", intake::rules_json(o.current)}}},
            {"default",
             json::object{{"label", o.shipped.version}, {"rules", intake::rules_json(o.shipped)}}},
            {"history", std::move(history)}};
}

json::array candidates_json(const std::vector<intake::candidate>& list, language lang) {
    json::array out;
    for (const auto& c : list) {
        out.push_back(
            json::object{{"unit_id", c.unit_id},
                         {"unit_name", lang == language::en ? c.unit_name_en : c.unit_name_zh},
                         {"score", c.score},
                         {"informed_only", c.informed_only}});
    }
    return out;
}

// The proposed rules of a dry run or a save: {"rules": {...}}, every bad field named.
intake::routing_rules proposed_rules(const json::object& body, field_errors& errors) {
    const auto* rules = body.if_contains("rules");
    if (rules == nullptr || rules->is_null()) {
        errors.add("rules", {"field.required", {}});
        return {};
    }
    return intake::rules_from_json(*rules, errors, "rules.");
}

asio::awaitable<http::reply> get_rules(context& ctx, http::request&) {
    const auto overview = co_await offload(
        ctx.db_pool, [&ctx] { return intake::routing_rules_overview(ctx.db, ctx.city); });
    co_return json_reply(200, overview_json(overview));
}

asio::awaitable<http::reply> dry_run(context& ctx, http::request& req) {
    const auto body = parse_json_object(req);
    field_errors errors;
    const auto rules = proposed_rules(body, errors);
    errors.throw_if_any();
    const auto result =
        co_await offload(ctx.db_pool, [&ctx, &rules] { return intake::dry_run(ctx.db, rules); });
    json::array items;
    for (const auto& item : result.items) {
        items.push_back(json::object{{"intent_id", item.intent_id},
                                     {"title", item.title},
                                     {"created_at", stored_time(item.created_at)},
                                     {"rules_version", item.rules_version},
                                     {"changed", item.changed},
                                     {"before", candidates_json(item.before, req.lang)},
                                     {"after", candidates_json(item.after, req.lang)}});
    }
    co_return json_reply(200, json::object{{"compared", result.items.size()},
                                           {"changed", result.changed},
                                           {"items", std::move(items)}});
}

asio::awaitable<http::reply> save(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto body = parse_json_object(req);
    field_errors errors;
    const auto rules = proposed_rules(body, errors);
    const auto note = string_field(body, "note", errors).value_or("");
    const auto base = integer_field(body, "base_version", errors);
    errors.throw_if_any();
    const std::optional<int> base_version =
        base ? std::optional<int>(int(std::clamp<std::int64_t>(*base, -1, 1'000'000)))
             : std::nullopt;
    const auto from = origin_of(req);
    const auto overview = co_await offload(ctx.db_pool, [&] {
        intake::save_routing_rules(ctx.db, ctx.now, who, rules, note, base_version, from, ctx.city);
        return intake::routing_rules_overview(ctx.db, ctx.city);
    });
    co_return json_reply(200, overview_json(overview));
}

}  // namespace

void add_routing_routes(http::router& routes, context& ctx) {
    routes.add(
        {"GET", "/api/v1/routing/rules", "intake:routing:read", bind_handler(ctx, get_rules)});
    // A dry run is part of editing, and it lists intents of every unit.
    routes.add({"POST", "/api/v1/routing/rules/dry-run", "intake:routing:write",
                bind_handler(ctx, dry_run), 64 * 1024});
    routes.add({"PUT", "/api/v1/routing/rules", "intake:routing:write", bind_handler(ctx, save),
                64 * 1024});
}

}  // namespace zhaoyin::api
