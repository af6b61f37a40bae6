#pragma once

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace zhaoyin::http {

using handler = std::function<boost::asio::awaitable<reply>(request&)>;

inline constexpr std::size_t default_body_limit = 1024 * 1024;

// One line of the route table. Every route names the permission code (domain:entity:action)
// that the access check in the dispatcher asks for before the handler runs.
struct route {
    std::string method;
    std::string pattern;  // "/api/v1/units/{id:int}"
    std::string permission;
    handler fn;
    std::size_t body_limit = default_body_limit;
    // Only for the loopback test clock: a test tool, not a browser-facing action.
    bool csrf_exempt = false;
};

class router {
  public:
    void add(route r);

    enum class outcome { found, not_found, method_not_allowed, bad_parameter };
    struct match_result {
        outcome result = outcome::not_found;
        const route* matched = nullptr;
        std::map<std::string, std::string> params;
        std::vector<std::string> allowed_methods;
        std::string bad_parameter;
    };

    match_result match(std::string_view method, std::string_view path) const;
    const std::vector<route>& routes() const { return routes_; }

  private:
    struct segment {
        std::string literal;
        std::string param;  // empty for a literal segment
        bool integer = false;
    };
    struct compiled {
        route r;
        std::vector<segment> segments;
    };
    std::vector<route> routes_;
    std::vector<compiled> compiled_;
};

// Splits "/a/b/c" into {"a","b","c"}; a trailing slash is ignored.
std::vector<std::string_view> split_path(std::string_view path);
bool is_positive_integer(std::string_view text);

}  // namespace zhaoyin::http
