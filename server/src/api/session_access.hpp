#pragma once

#include <set>
#include <string>

#include "api/context.hpp"
#include "http/dispatcher.hpp"

namespace zhaoyin::api {

inline constexpr std::string_view session_cookie = "zy_session";
inline constexpr std::string_view csrf_cookie = "zy_csrf";

// The access check of every route: who is calling (session cookie), whether the route's
// permission is theirs (roles from the database; the anonymous role for everyone), the CSRF
// token on unsafe methods, and the first-sign-in duties (new password, TOTP) before anything
// else. The three administrator roles' reads are audited here; their writes by the services.
class session_access final : public http::access_policy {
  public:
    explicit session_access(context& ctx);
    boost::asio::awaitable<void> authorize(http::request& req, const http::route& r) const override;
    boost::asio::awaitable<std::set<std::string>> websocket_topics(
        const http::request& req) const override;

  private:
    context& ctx_;
    std::set<std::string> anonymous_;
};

std::string session_cookie_header(const context& ctx, const std::string& token);
std::string expired_session_cookie_header(const context& ctx);
service::identity::origin origin_of(const http::request& req);
// The caller of a route that needs a signed-in user (the access check has made sure of one).
const service::identity::principal& signed_in(const http::request& req);

}  // namespace zhaoyin::api
