#include "api/json_io.hpp"

#include "core/error.hpp"

namespace zhaoyin::api {

namespace json = boost::json;

json::object parse_json_object(const http::request& req) {
    const auto type = req.header("Content-Type");
    if (!type.starts_with("application/json")) {
        throw api_error(error_code::unsupported_media_type);
    }
    json::error_code ec;
    json::parse_options options;
    options.max_depth = 32;
    auto value = json::parse(req.body, ec, {}, options);
    if (ec) {
        throw api_error(error_code::malformed_json,
                        message{"error.malformed_json", {{"detail", ec.message()}}});
    }
    if (!value.is_object()) {
        throw api_error(error_code::malformed_json,
                        message{"error.malformed_json", {{"detail", "expected a JSON object"}}});
    }
    return std::move(value.as_object());
}

http::reply json_reply(int status, const json::value& body) {
    return http::reply::json(status, json::serialize(body));
}

std::int64_t id_param(const http::request& req, const std::string& name) {
    return std::stoll(req.path_params.at(name));
}

json::value optional_json(const std::optional<std::string>& value) {
    return value ? json::value(*value) : json::value(nullptr);
}

}  // namespace zhaoyin::api
