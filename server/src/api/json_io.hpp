#pragma once

#include <cstdint>
#include <string>

#include <boost/json.hpp>

#include "http/message.hpp"

namespace zhaoyin::api {

// The body of a JSON request as an object; 415 for another media type, 400 for bad JSON.
boost::json::object parse_json_object(const http::request& req);
http::reply json_reply(int status, const boost::json::value& body);
// A positive integer path parameter; the router has already checked its form.
std::int64_t id_param(const http::request& req, const std::string& name);
boost::json::value optional_json(const std::optional<std::string>& value);

}  // namespace zhaoyin::api
