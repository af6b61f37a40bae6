#include <fmt/format.h>
#include <boost/asio/awaitable.hpp>

#include "api/identity_json.hpp"
#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "api/session_access.hpp"
#include "core/error.hpp"
#include "core/masking.hpp"
#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"
#include "store/audit_store.hpp"

namespace zhaoyin::api {

namespace json = boost::json;
namespace asio = boost::asio;
namespace identity = service::identity;

namespace {

asio::awaitable<http::reply> list_users(context& ctx, http::request& req) {
    const auto page = paging_of(req);
    store::user_filter filter;
    filter.text = req.query_param("q").value_or("");
    filter.role = req.query_param("role").value_or("");
    if (const auto unit = req.query_param("unit_id")) {
        if (!http::is_positive_integer(*unit)) {
            throw api_error(error_code::validation_failed, {},
                            {{"unit_id", {"field.must_be_integer", {}}}});
        }
        filter.unit_id = std::stoll(*unit);
    }
    filter.offset = page.offset();
    filter.limit = page.page_size;
    const auto [accounts, total] = co_await offload(
        ctx.db_pool, [&ctx, &filter] { return identity::list_accounts(ctx.db, filter); });
    json::array items;
    for (const auto& view : accounts) {
        items.push_back(account_json(view));
    }
    co_return json_reply(200, page_json(std::move(items), total, page));
}

asio::awaitable<http::reply> create_user(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto body = parse_json_object(req);
    field_errors errors;
    identity::new_account input;
    input.login_name = required_string(body, "login_name", errors);
    input.name = required_string(body, "name", errors);
    input.unit_id = integer_field(body, "unit_id", errors);
    input.roles = strings_field(body, "roles", errors).value_or(std::vector<std::string>{});
    input.phone = string_field(body, "phone", errors);
    input.email = string_field(body, "email", errors);
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto [view, password] = co_await offload(ctx.db_pool, [&] {
        const auto created = identity::create_account(ctx.db, ctx.now, who, input, from);
        return std::pair{ctx.db.read([&](db::connection& conn) {
                             return identity::view_account(conn, created.first.id);
                         }),
                         created.second};
    });
    co_return json_reply(
        201, json::object{{"user", account_json(view)}, {"initial_password", password}});
}

asio::awaitable<http::reply> update_user(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto body = parse_json_object(req);
    field_errors errors;
    identity::account_changes changes;
    changes.name = string_field(body, "name", errors);
    if (body.contains("unit_id")) {
        changes.unit_id = integer_field(body, "unit_id", errors);
    }
    changes.status = string_field(body, "status", errors);
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&, id] {
        identity::update_account(ctx.db, ctx.now, who, id, changes, from);
        return ctx.db.read([&](db::connection& conn) { return identity::view_account(conn, id); });
    });
    co_return json_reply(200, json::object{{"user", account_json(view)}});
}

asio::awaitable<http::reply> set_roles(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto body = parse_json_object(req);
    field_errors errors;
    const auto roles = strings_field(body, "roles", errors);
    if (!roles && errors.empty()) {
        errors.add("roles", {"field.required", {}});
    }
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&, id] {
        identity::set_account_roles(ctx.db, ctx.now, who, id, *roles, from);
        return ctx.db.read([&](db::connection& conn) { return identity::view_account(conn, id); });
    });
    co_return json_reply(200, json::object{{"user", account_json(view)}});
}

json::object role_json(const store::role_row& role) {
    json::array permissions;
    for (const auto& p : role.permissions) {
        permissions.emplace_back(p);
    }
    return {{"code", role.code},
            {"name_zh", role.name_zh},
            {"name_en", role.name_en},
            {"scope", role.scope},
            {"admin_class", optional_json(role.admin_class)},
            {"totp_required", role.totp_required},
            {"assignable", role.assignable},
            {"permissions", std::move(permissions)}};
}

asio::awaitable<http::reply> list_roles(context& ctx, http::request&) {
    const auto roles = co_await offload(ctx.db_pool, [&ctx] {
        return ctx.db.read(
            [](db::connection& conn) { return store::identity_store(conn).list_roles(); });
    });
    json::array items;
    for (const auto& role : roles) {
        items.push_back(role_json(role));
    }
    co_return json_reply(200, json::object{{"items", std::move(items)}});
}

asio::awaitable<http::reply> set_role_permissions(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const std::string role = req.path_params.at("code");
    const auto body = parse_json_object(req);
    field_errors errors;
    auto permissions = strings_field(body, "permissions", errors);
    if (!permissions && errors.empty()) {
        errors.add("permissions", {"field.required", {}});
    }
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto updated = co_await offload(ctx.db_pool, [&] {
        return identity::set_role_permissions(ctx.db, ctx.now, who, role, *permissions, from);
    });
    co_return json_reply(200, json::object{{"role", role_json(updated)}});
}

asio::awaitable<http::reply> reveal_phone(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto from = origin_of(req);
    const auto phone = co_await offload(ctx.db_pool, [&ctx, &who, &from, id] {
        return identity::reveal_phone(ctx.db, ctx.now, who, id, from);
    });
    co_return json_reply(200, json::object{{"phone", phone}});
}

json::object policy_json(const std::map<std::string, std::string>& values) {
    json::object out;
    for (const auto& [name, value] : values) {
        out[name] = value;
    }
    return json::object{{"values", std::move(out)}};
}

asio::awaitable<http::reply> get_policy(context& ctx, http::request&) {
    const auto values = co_await offload(ctx.db_pool, [&ctx] {
        return ctx.db.read(
            [](db::connection& conn) { return store::identity_store(conn).policy(); });
    });
    co_return json_reply(200, policy_json(values));
}

asio::awaitable<http::reply> put_policy(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto body = parse_json_object(req);
    const auto* values = body.if_contains("values");
    if (values == nullptr || !values->is_object()) {
        throw api_error(error_code::validation_failed, {},
                        {{"values", {"field.must_be_object", {}}}});
    }
    std::map<std::string, std::string> changes;
    field_errors errors;
    for (const auto& [name, value] : values->as_object()) {
        if (!value.is_string()) {
            errors.add(std::string(name), {"field.invalid_value", {}});
        } else {
            changes[std::string(name)] = std::string(value.as_string());
        }
    }
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto updated = co_await offload(ctx.db_pool, [&] {
        identity::update_policy(ctx.db, ctx.now, who, changes, from);
        return ctx.db.read(
            [](db::connection& conn) { return store::identity_store(conn).policy(); });
    });
    co_return json_reply(200, policy_json(updated));
}

store::audit_filter audit_filter_of(const http::request& req, const paging& page) {
    store::audit_filter filter;
    filter.text = req.query_param("q").value_or("");
    filter.action = req.query_param("action").value_or("");
    field_errors errors;
    for (const auto* name : {"from", "to"}) {
        if (const auto text = req.query_param(name); text && !text->empty()) {
            const auto parsed = parse_rfc3339(*text);
            if (!parsed) {
                errors.add(name, {"field.must_be_rfc3339", {}});
                continue;
            }
            (std::string_view(name) == "from" ? filter.from : filter.to) = format_utc(*parsed);
        }
    }
    errors.throw_if_any();
    filter.offset = page.offset();
    filter.limit = page.page_size;
    return filter;
}

json::value stored_time(const std::string& stored) {
    const auto t = parse_rfc3339(stored);
    return t ? json::value(format_cst(*t)) : json::value(stored);
}

asio::awaitable<http::reply> search_audit(context& ctx, http::request& req) {
    const auto page = paging_of(req, 50, 500);
    const auto filter = audit_filter_of(req, page);
    const auto [rows, total] = co_await offload(ctx.db_pool, [&ctx, &filter] {
        return ctx.db.read(
            [&](db::connection& conn) { return store::audit_store(conn).search(filter); });
    });
    json::array items;
    for (const auto& r : rows) {
        items.push_back(
            json::object{{"id", r.id},
                         {"at", stored_time(r.at)},
                         {"actor_id", r.actor_id ? json::value(*r.actor_id) : json::value(nullptr)},
                         {"actor_login", optional_json(r.actor_login)},
                         {"actor_roles", optional_json(r.actor_roles)},
                         {"unit_id", r.unit_id ? json::value(*r.unit_id) : json::value(nullptr)},
                         {"ip", optional_json(r.ip)},
                         {"action", r.action},
                         {"object_type", optional_json(r.object_type)},
                         {"object_id", optional_json(r.object_id)},
                         {"result", r.result},
                         {"request_id", optional_json(r.request_id)},
                         {"detail", optional_json(r.detail)}});
    }
    co_return json_reply(200, page_json(std::move(items), total, page));
}

std::string csv_cell(const std::optional<std::string>& value) {
    if (!value) {
        return "";
    }
    std::string text = *value;
    // A leading = + - @ would run as a formula in a spreadsheet.
    if (!text.empty() && std::string_view("=+-@").find(text.front()) != std::string_view::npos) {
        text.insert(0, "'");
    }
    std::string out = "\"";
    for (const char c : text) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

asio::awaitable<http::reply> export_audit(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    paging all{1, 100000};
    const auto filter = audit_filter_of(req, all);
    const auto from = origin_of(req);
    const auto rows = co_await offload(ctx.db_pool, [&] {
        return ctx.db.transaction([&](db::connection& conn) {
            auto found = store::audit_store(conn).search(filter).first;
            service::audit::record(
                conn, ctx.now,
                {who.user_id, who.login, who.roles_text(), who.unit_id, from.ip, from.request_id},
                {"audit.export",
                 "audit_entry",
                 {},
                 "success",
                 fmt::format("{} rows; {}", found.size(), req.query)});
            return found;
        });
    });
    std::string csv =
        "\xEF\xBB\xBFid,at,actor_login,actor_roles,unit_id,ip,action,object_type,"
        "object_id,result,request_id,detail,hash\r\n";
    for (const auto& r : rows) {
        const auto at = parse_rfc3339(r.at);
        csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\r\n", r.id,
                           csv_cell(at ? format_cst(*at) : r.at), csv_cell(r.actor_login),
                           csv_cell(r.actor_roles), r.unit_id ? std::to_string(*r.unit_id) : "",
                           csv_cell(r.ip), csv_cell(r.action), csv_cell(r.object_type),
                           csv_cell(r.object_id), csv_cell(r.result), csv_cell(r.request_id),
                           csv_cell(r.detail), r.hash);
    }
    http::reply out = http::reply::shared(200, "text/csv; charset=utf-8",
                                          std::make_shared<const std::string>(std::move(csv)));
    out.set_header("Content-Disposition", "attachment; filename=\"audit.csv\"");
    co_return out;
}

asio::awaitable<http::reply> verify_audit(context& ctx, http::request&) {
    const auto result = co_await offload(ctx.db_pool, [&ctx] {
        return ctx.db.read([](db::connection& conn) { return service::audit::verify(conn); });
    });
    co_return json_reply(
        200, json::object{
                 {"ok", result.ok},
                 {"checked", result.checked},
                 {"first_broken_id", result.first_broken_id ? json::value(*result.first_broken_id)
                                                            : json::value(nullptr)}});
}

asio::awaitable<http::reply> unit_members(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto members = co_await offload(
        ctx.db_pool, [&ctx, &who, id] { return identity::unit_members(ctx.db, who, id); });
    json::array items;
    for (const auto& m : members) {
        json::array roles;
        for (const auto& r : m.roles) {
            roles.emplace_back(r);
        }
        items.push_back(json::object{
            {"id", m.id},
            {"name", m.name},
            {"login_name", optional_json(m.login_name)},
            {"roles", std::move(roles)},
            {"phone_masked", m.phone ? json::value(mask_phone(*m.phone)) : json::value(nullptr)}});
    }
    co_return json_reply(200, json::object{{"items", std::move(items)}});
}

}  // namespace

void add_admin_routes(http::router& routes, context& ctx) {
    routes.add({"GET", "/api/v1/admin/users", "identity:user:read", bind_handler(ctx, list_users)});
    routes.add({"POST", "/api/v1/admin/users", "identity:user:create",
                bind_handler(ctx, create_user), 16 * 1024});
    routes.add({"PATCH", "/api/v1/admin/users/{id:int}", "identity:user:update",
                bind_handler(ctx, update_user), 16 * 1024});
    routes.add({"PUT", "/api/v1/security/users/{id:int}/roles", "identity:role:update",
                bind_handler(ctx, set_roles), 8 * 1024});
    routes.add(
        {"GET", "/api/v1/security/roles", "identity:role:read", bind_handler(ctx, list_roles)});
    routes.add({"PUT", "/api/v1/security/roles/{code}/permissions", "identity:role:update",
                bind_handler(ctx, set_role_permissions), 16 * 1024});
    routes.add({"POST", "/api/v1/users/{id:int}/phone/reveal", "identity:phone:reveal",
                bind_handler(ctx, reveal_phone), 1024});
    routes.add(
        {"GET", "/api/v1/security/policy", "security:policy:read", bind_handler(ctx, get_policy)});
    routes.add({"PUT", "/api/v1/security/policy", "security:policy:update",
                bind_handler(ctx, put_policy), 16 * 1024});
    routes.add({"GET", "/api/v1/audit", "audit:entry:read", bind_handler(ctx, search_audit)});
    routes.add(
        {"GET", "/api/v1/audit/export", "audit:entry:export", bind_handler(ctx, export_audit)});
    routes.add(
        {"GET", "/api/v1/audit/verify", "audit:chain:verify", bind_handler(ctx, verify_audit)});
    routes.add({"GET", "/api/v1/units/{id:int}/members", "identity:member:read",
                bind_handler(ctx, unit_members)});
}

}  // namespace zhaoyin::api
