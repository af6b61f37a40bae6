#pragma once

#include <boost/asio/awaitable.hpp>

#include <set>
#include <string>

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
    // The live-push topics the caller of a WebSocket upgrade may join ("unit:*" for any unit).
    virtual boost::asio::awaitable<std::set<std::string>> websocket_topics(
        const request& req) const = 0;
};

// The request pipeline between the socket and the handlers: routing, the access check, errors
// turned into JSON in the request's language, and the cache policy.
class dispatcher {
  public:
    dispatcher(const router& routes, const static_files& files, const access_policy& access);

    // The route for a request, found once: its body limit is needed before the body is read.
    router::match_result route_for(std::string_view method, std::string_view path) const;
    static std::size_t body_limit_of(const router::match_result& m);
    // Never throws: every failure becomes an error reply.
    boost::asio::awaitable<reply> dispatch(request& req, router::match_result m) const;
    const access_policy& access() const { return access_; }

  private:
    boost::asio::awaitable<reply> dispatch_api(request& req, router::match_result m) const;

    const router& routes_;
    const static_files& files_;
    const access_policy& access_;
};

bool is_api_path(std::string_view path);
reply error_reply(const api_error& err, language lang, std::string_view request_id);
// API replies are never cached. (Security headers go on every reply in wire.cpp.)
void apply_cache_policy(reply& r, bool api);

}  // namespace zhaoyin::http
