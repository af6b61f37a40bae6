#include "api/session_access.hpp"
#include "api/dashboard_live.hpp"

#include <boost/asio/awaitable.hpp>

#include "api/offload.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "service/audit/audit_trail.hpp"
#include "store/identity_store.hpp"

namespace zhaoyin::api {

namespace asio = boost::asio;

session_access::session_access(context& ctx) : ctx_(ctx) {
    const auto perms = ctx.db.read([](db::connection& conn) {
        return store::identity_store(conn).permissions_of({"anonymous"});
    });
    anonymous_.insert(perms.begin(), perms.end());
}

service::identity::origin origin_of(const http::request& req) {
    return {req.remote_address, std::string(req.header("User-Agent")), req.request_id};
}

const service::identity::principal& signed_in(const http::request& req) {
    if (!req.principal) {
        throw api_error(error_code::unauthenticated);
    }
    return *req.principal;
}

std::string session_cookie_header(const context& ctx, const std::string& token) {
    return std::string(session_cookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax" +
           (ctx.secure_cookies ? "; Secure" : "");
}

std::string expired_session_cookie_header(const context& ctx) {
    return std::string(session_cookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" +
           (ctx.secure_cookies ? "; Secure" : "");
}

asio::awaitable<std::set<std::string>> session_access::websocket_topics(
    const http::request& req) const {
    std::set<std::string> topics;
    const std::string token = req.cookie(session_cookie);
    if (token.empty()) {
        co_return topics;
    }
    const auto who = co_await offload(ctx_.db_pool, [this, &token] {
        return service::identity::authenticate(ctx_.db, ctx_.now, token, ctx_.run_mode);
    });
    if (!who) {
        co_return topics;
    }
    topics.insert("user:" + std::to_string(who->user_id));
    if (who->scope == service::identity::scope_kind::all) {
        topics.insert("unit:*");
    }
    for (const auto unit : who->scope_units) {
        topics.insert("unit:" + std::to_string(unit));
    }
    if (who->has("dashboard:figure:read")) {
        topics.insert(dashboard_topic);
    }
    co_return topics;
}

asio::awaitable<void> session_access::authorize(http::request& req, const http::route& r) const {
    const std::string token = req.cookie(session_cookie);
    if (!token.empty()) {
        auto who = co_await offload(ctx_.db_pool, [this, &token] {
            return service::identity::authenticate(ctx_.db, ctx_.now, token, ctx_.run_mode);
        });
        if (who) {
            req.principal = std::make_shared<const service::identity::principal>(std::move(*who));
        }
    }
    const auto& who = req.principal;
    if (req.is_unsafe_method() && !r.csrf_exempt) {
        const auto sent = req.header("X-CSRF-Token");
        const std::string expected = who ? who->csrf_token : req.cookie(csrf_cookie);
        if (sent.empty() || expected.empty() || !crypto::constant_time_equal(sent, expected)) {
            throw api_error(error_code::csrf_failed);
        }
    }
    if (anonymous_.contains(r.permission)) {
        co_return;
    }
    if (!who) {
        throw api_error(error_code::unauthenticated);
    }
    const bool own_account_route = r.permission.starts_with("auth:");
    if (who->must_change_password && !own_account_route) {
        throw api_error(error_code::password_change_required);
    }
    if (who->totp_setup_required && !own_account_route) {
        throw api_error(error_code::totp_setup_required);
    }
    const bool administrator =
        r.permission.starts_with("identity:user") || r.permission.starts_with("identity:role") ||
        r.permission.starts_with("security:") || r.permission.starts_with("audit:");
    if (!who->has(r.permission)) {
        co_await offload(ctx_.db_pool, [this, &req, &r, &who] {
            ctx_.db.transaction([&](db::connection& conn) {
                service::audit::record(
                    conn, ctx_.now,
                    {who->user_id, who->login, who->roles_text(), who->unit_id, req.remote_address,
                     req.request_id},
                    {"access.denied", "route", r.method + " " + r.pattern, "denied", r.permission});
            });
        });
        throw api_error(error_code::forbidden);
    }
    if (administrator && !req.is_unsafe_method()) {
        co_await offload(ctx_.db_pool, [this, &req, &r, &who] {
            ctx_.db.transaction([&](db::connection& conn) {
                service::audit::record(conn, ctx_.now,
                                       {who->user_id, who->login, who->roles_text(), who->unit_id,
                                        req.remote_address, req.request_id},
                                       {"access.read", "route", r.method + " " + r.pattern,
                                        "success", std::string(req.query.substr(0, 200))});
            });
        });
    }
}

}  // namespace zhaoyin::api
