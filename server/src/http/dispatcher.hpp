#pragma once

#include <boost/asio/awaitable.hpp>

#include "core/error.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace zhaoyin::http {

// Decides whether the caller holds a route's permission. Identity plugs its session-based
// policy in here; the dispatcher asks before any handler runs.
class access_policy {
  public:
    virtual ~access_policy() = default;
    // Finds the caller (setting req.principal) and throws api_error (unauthenticated,
    // forbidden, csrf_failed, …) when the caller may not use the route.
    virtual boost::asio::awaitable<void> authorize(request& req, const route& r) const = 0;
};

// The request pipeline between the socket and the handlers: routing, the access check, errors
// turned into JSON in the request's language, security headers and cache policy.
class dispatcher {
  public:
    dispatcher(const router& routes, const static_files& files, const access_policy& access);

    std::size_t body_limit_for(std::string_view method, std::string_view path) const;
    // Never throws: every failure becomes an error reply.
    boost::asio::awaitable<reply> dispatch(request& req) const;

  private:
    boost::asio::awaitable<reply> dispatch_api(request& req) const;

    const router& routes_;
    const static_files& files_;
    const access_policy& access_;
};

bool is_api_path(std::string_view path);
reply error_reply(const api_error& err, language lang, std::string_view request_id);
// Security headers on every reply; API replies are never cached.
void finish_reply(reply& r, bool api);

}  // namespace zhaoyin::http
