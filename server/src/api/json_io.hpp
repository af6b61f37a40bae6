#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include <boost/json.hpp>

#include "core/error.hpp"
#include "http/message.hpp"

namespace zhaoyin::api {

// The body of a JSON request as an object; 415 for another media type, 400 for bad JSON.
boost::json::object parse_json_object(const http::request& req);
http::reply json_reply(int status, const boost::json::value& body);
// A positive integer path parameter; the router has already checked its form.
std::int64_t id_param(const http::request& req, const std::string& name);
boost::json::value optional_json(const std::optional<std::string>& value);
// A stored instant (UTC) as the API shows it (China Standard Time); null when absent.
boost::json::value time_json(const std::optional<std::string>& stored);

}  // namespace zhaoyin::api

namespace zhaoyin::api {

struct paging {
    int page = 1;
    int page_size = 20;
    int offset() const { return (page - 1) * page_size; }
};

// ?page=&page_size= with limits; a bad value is a 422 naming the parameter.
paging paging_of(const http::request& req, int default_size = 20, int max_size = 200);
// A query parameter with two allowed values, the first being the default: true for the first,
// false for the second, a 422 naming the parameter for anything else.
bool first_choice_param(const http::request& req, std::string_view name, std::string_view first,
                        std::string_view second);
// ?name=<whole number> of at least `at_least` (1 for an id); absent: nullopt; anything else is
// recorded in `errors`.
std::optional<std::int64_t> integer_param(
    const http::request& req, const char* name, field_errors& errors,
    std::int64_t at_least = std::numeric_limits<std::int64_t>::min());
// ?name=true|false for a list filter; absent: nullopt; anything else is recorded in `errors`.
std::optional<bool> flag_param(const http::request& req, const char* name, field_errors& errors);
boost::json::object page_json(boost::json::array items, std::int64_t total, const paging& p);

// Field readers for request bodies: absent → nullopt; present with the wrong type → the
// field's message in `errors`.
std::optional<std::string> string_field(const boost::json::object& body, std::string_view name,
                                        field_errors& errors);
std::optional<std::int64_t> integer_field(const boost::json::object& body, std::string_view name,
                                          field_errors& errors);
std::optional<bool> bool_field(const boost::json::object& body, std::string_view name,
                               field_errors& errors);
std::optional<std::vector<std::string>> strings_field(const boost::json::object& body,
                                                      std::string_view name, field_errors& errors);
std::string required_string(const boost::json::object& body, std::string_view name,
                            field_errors& errors);

}  // namespace zhaoyin::api
