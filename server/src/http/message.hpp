#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/i18n.hpp"
#include "service/identity/principal.hpp"

namespace zhaoyin::http {

// A request as handlers see it: no Beast types, so that the api layer compiles without them.
struct request {
    std::string method;
    std::string target;
    std::string path;
    std::string query;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string remote_address;
    bool remote_is_loopback = false;
    std::string request_id;
    language lang = language::zh_cn;
    std::map<std::string, std::string> path_params;
    // The signed-in caller, set by the access check; null for anonymous callers.
    std::shared_ptr<const service::identity::principal> principal;

    // Case-insensitive header lookup; empty when absent.
    std::string_view header(std::string_view name) const;
    // The decoded value of a query parameter; nullopt when absent.
    std::optional<std::string> query_param(std::string_view name) const;
    // A cookie's value; empty when absent.
    std::string cookie(std::string_view name) const;
    bool is_unsafe_method() const;
};

struct reply {
    int status = 200;
    std::string content_type = "application/json";
    // Shared so that cached bodies (the unit tree, static files) are sent without a copy.
    std::shared_ptr<const std::string> body;
    std::vector<std::pair<std::string, std::string>> headers;

    static reply json(int status, std::string text);
    static reply shared(int status, std::string content_type,
                        std::shared_ptr<const std::string> body);
    void set_header(std::string name, std::string value);
    // For headers that may repeat, such as Set-Cookie.
    void add_header(std::string name, std::string value);
};

}  // namespace zhaoyin::http
