#include <boost/asio/awaitable.hpp>

#include "api/identity_json.hpp"
#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "api/session_access.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/time_format.hpp"

namespace zhaoyin::api {

namespace json = boost::json;
namespace asio = boost::asio;
namespace identity = service::identity;

namespace {

asio::awaitable<json::object> me_of(context& ctx, const identity::principal& who) {
    co_return co_await offload(ctx.db_pool, [&ctx, &who] {
        return ctx.db.read([&](db::connection& conn) {
            return me_json(identity::view_account(conn, who.user_id), who);
        });
    });
}

http::reply signed_in_reply(context& ctx, int status, json::object user, const std::string& token) {
    http::reply r = json_reply(status, json::object{{"user", std::move(user)}});
    r.add_header("Set-Cookie", session_cookie_header(ctx, token));
    return r;
}

asio::awaitable<http::reply> me(context& ctx, http::request& req) {
    if (req.principal) {
        auto user = co_await me_of(ctx, *req.principal);
        co_return json_reply(200, json::object{{"user", std::move(user)},
                                               {"csrf_token", req.principal->csrf_token},
                                               {"server_time", format_cst(ctx.now.now())}});
    }
    // Anonymous callers get a double-submit token: a readable cookie they echo in a header.
    std::string token = req.cookie(csrf_cookie);
    http::reply r;
    if (token.empty() || token.size() > 64) {
        token = crypto::random_token(24);
        r.add_header("Set-Cookie", std::string(csrf_cookie) + "=" + token +
                                       "; Path=/; SameSite=Lax" +
                                       (ctx.secure_cookies ? "; Secure" : ""));
    }
    // The server's clock, so that pages count deadlines down from the server's now.
    http::reply body = json_reply(200, json::object{{"user", nullptr},
                                                    {"csrf_token", token},
                                                    {"server_time", format_cst(ctx.now.now())}});
    body.headers = std::move(r.headers);
    co_return body;
}

asio::awaitable<http::reply> privacy_notice(context& ctx, http::request&) {
    const auto policy = co_await offload(ctx.db_pool, [&ctx] {
        return ctx.db.read([](db::connection& conn) { return identity::load_policy(conn); });
    });
    co_return json_reply(
        200,
        json::object{
            {"version", policy.privacy_version},
            {"purpose_zh",
             "我们收集您的姓名、手机号或邮箱、企业名称和统一社会信用代码，仅用于投资项目对接、"
             "咨询答复和与您联系。"},
            {"purpose_en",
             "We collect your name, mobile number or e-mail, company name and unified social "
             "credit code only to match your investment projects, answer your questions and "
             "contact you."},
            {"retention_zh", "账户注销后，个人信息保留不超过 3 年，法律法规另有规定的除外。"},
            {"retention_en",
             "After an account is closed, personal data is kept for at most 3 years unless the "
             "law requires otherwise."},
            {"contact_zh", "个人信息保护联系人：市商务局数据安全岗（电话 0532-85911000）。"},
            {"contact_en",
             "Personal data contact: data security officer, Qingdao Bureau of Commerce "
             "(0532-85911000)."}});
}

asio::awaitable<http::reply> register_account(context& ctx, http::request& req) {
    const auto body = parse_json_object(req);
    field_errors errors;
    identity::registration input;
    input.phone = string_field(body, "phone", errors);
    input.email = string_field(body, "email", errors);
    input.password = required_string(body, "password", errors);
    input.name = required_string(body, "name", errors);
    input.company = required_string(body, "company", errors);
    input.credit_code = string_field(body, "credit_code", errors);
    if (input.credit_code && input.credit_code->empty()) {
        input.credit_code.reset();
    }
    input.privacy_accepted = bool_field(body, "privacy_accepted", errors).value_or(false);
    input.privacy_version = string_field(body, "privacy_version", errors).value_or("");
    errors.throw_if_any();
    const auto from = origin_of(req);
    auto result = co_await offload(ctx.db_pool, [&ctx, &input, &from] {
        return identity::register_investor(ctx.db, ctx.now, input, from);
    });
    auto user = co_await me_of(ctx, result.who);
    co_return signed_in_reply(ctx, 201, std::move(user), result.token);
}

asio::awaitable<http::reply> login(context& ctx, http::request& req) {
    const auto body = parse_json_object(req);
    field_errors errors;
    const std::string login_text = required_string(body, "login", errors);
    const std::string password = required_string(body, "password", errors);
    const auto totp = string_field(body, "totp", errors);
    errors.throw_if_any();
    const auto per_minute = co_await offload(ctx.db_pool, [&ctx] {
        return ctx.db.read([](db::connection& conn) {
            return identity::load_policy(conn).login_attempts_per_ip_per_minute;
        });
    });
    if (!ctx.login_limit.allow(req.remote_address, ctx.now.now(), per_minute)) {
        throw api_error(error_code::rate_limited);
    }
    const auto from = origin_of(req);
    auto result = co_await offload(ctx.db_pool, [&ctx, &login_text, &password, &totp, &from] {
        return identity::login(ctx.db, ctx.now, login_text, password, totp, from, ctx.run_mode);
    });
    auto user = co_await me_of(ctx, result.who);
    co_return signed_in_reply(ctx, 200, std::move(user), result.token);
}

asio::awaitable<http::reply> logout(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto from = origin_of(req);
    co_await offload(ctx.db_pool,
                     [&ctx, &who, &from] { identity::logout(ctx.db, ctx.now, who, from); });
    http::reply r;
    r.status = 204;
    r.add_header("Set-Cookie", expired_session_cookie_header(ctx));
    co_return r;
}

asio::awaitable<http::reply> change_password(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto body = parse_json_object(req);
    field_errors errors;
    const std::string current = required_string(body, "current_password", errors);
    const std::string replacement = required_string(body, "new_password", errors);
    errors.throw_if_any();
    const auto from = origin_of(req);
    const std::string token = co_await offload(ctx.db_pool, [&] {
        return identity::change_password(ctx.db, ctx.now, who, current, replacement, from);
    });
    http::reply r;
    r.status = 204;
    r.add_header("Set-Cookie", session_cookie_header(ctx, token));
    co_return r;
}

asio::awaitable<http::reply> list_sessions(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto sessions = co_await offload(
        ctx.db_pool, [&ctx, &who] { return identity::active_sessions(ctx.db, ctx.now, who); });
    json::array items;
    const auto when = [](const std::string& stored) {
        const auto t = parse_rfc3339(stored);
        return t ? json::value(format_cst(*t)) : json::value(nullptr);
    };
    for (const auto& s : sessions) {
        items.push_back(json::object{{"id", s.id},
                                     {"created_at", when(s.created_at)},
                                     {"last_seen_at", when(s.last_seen_at)},
                                     {"ip", optional_json(s.ip)},
                                     {"user_agent", optional_json(s.user_agent)},
                                     {"current", s.id == who.session_id}});
    }
    co_return json_reply(200, json::object{{"items", std::move(items)}});
}

asio::awaitable<http::reply> end_session(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto from = origin_of(req);
    co_await offload(ctx.db_pool, [&ctx, &who, id, &from] {
        identity::end_own_session(ctx.db, ctx.now, who, id, from);
    });
    http::reply r;
    r.status = 204;
    co_return r;
}

asio::awaitable<http::reply> totp_setup(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto from = origin_of(req);
    const auto enrolment = co_await offload(ctx.db_pool, [&ctx, &who, &from] {
        return identity::start_totp(ctx.db, ctx.now, who, from);
    });
    co_return json_reply(
        200, json::object{{"secret", enrolment.secret}, {"otpauth_uri", enrolment.otpauth_uri}});
}

asio::awaitable<http::reply> totp_enable(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto body = parse_json_object(req);
    field_errors errors;
    const std::string code = required_string(body, "code", errors);
    errors.throw_if_any();
    const auto from = origin_of(req);
    co_await offload(ctx.db_pool, [&ctx, &who, &code, &from] {
        identity::enable_totp(ctx.db, ctx.now, who, code, from);
    });
    http::reply r;
    r.status = 204;
    co_return r;
}

}  // namespace

void add_auth_routes(http::router& routes, context& ctx) {
    routes.add({"GET", "/api/v1/auth/me", "auth:me:read", bind_handler(ctx, me)});
    routes.add({"GET", "/api/v1/auth/privacy-notice", "auth:privacy:read",
                bind_handler(ctx, privacy_notice)});
    routes.add({"POST", "/api/v1/auth/register", "auth:account:register",
                bind_handler(ctx, register_account), 16 * 1024});
    routes.add(
        {"POST", "/api/v1/auth/login", "auth:session:create", bind_handler(ctx, login), 8 * 1024});
    routes.add(
        {"POST", "/api/v1/auth/logout", "auth:session:delete", bind_handler(ctx, logout), 1024});
    routes.add({"POST", "/api/v1/auth/password", "auth:password:update",
                bind_handler(ctx, change_password), 8 * 1024});
    routes.add(
        {"GET", "/api/v1/auth/sessions", "auth:session:read", bind_handler(ctx, list_sessions)});
    routes.add({"DELETE", "/api/v1/auth/sessions/{id:int}", "auth:session:delete",
                bind_handler(ctx, end_session)});
    routes.add({"POST", "/api/v1/auth/totp/setup", "auth:totp:update",
                bind_handler(ctx, totp_setup), 1024});
    routes.add({"POST", "/api/v1/auth/totp/enable", "auth:totp:update",
                bind_handler(ctx, totp_enable), 1024});
}

}  // namespace zhaoyin::api
