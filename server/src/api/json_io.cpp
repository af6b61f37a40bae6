#include "api/json_io.hpp"

#include "core/error.hpp"
#include "core/time_format.hpp"

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

json::value time_json(const std::optional<std::string>& stored) {
    if (!stored) {
        return nullptr;
    }
    const auto t = parse_rfc3339(*stored);
    return t ? json::value(format_cst(*t)) : json::value(*stored);
}

}  // namespace zhaoyin::api

namespace zhaoyin::api {

namespace {

std::optional<int> positive_query_int(const http::request& req, std::string_view name, int max,
                                      field_errors& errors) {
    const auto text = req.query_param(name);
    if (!text) {
        return std::nullopt;
    }
    try {
        std::size_t used = 0;
        const int value = std::stoi(*text, &used);
        if (used == text->size() && value >= 1 && value <= max) {
            return value;
        }
    } catch (const std::exception&) {
    }
    errors.add(std::string(name),
               message{"field.out_of_range", {{"min", "1"}, {"max", std::to_string(max)}}});
    return std::nullopt;
}

}  // namespace

std::optional<std::int64_t> integer_param(const http::request& req, const char* name,
                                          field_errors& errors, std::int64_t at_least) {
    const auto text = req.query_param(name);
    if (!text) {
        return std::nullopt;
    }
    try {
        std::size_t used = 0;
        const auto value = std::stoll(*text, &used);
        if (used == text->size()) {
            if (value >= at_least) {
                return value;
            }
            errors.add(name, {"field.at_least", {{"min", std::to_string(at_least)}}});
            return std::nullopt;
        }
    } catch (const std::exception&) {
    }
    errors.add(name, {"field.must_be_integer", {}});
    return std::nullopt;
}

std::optional<bool> flag_param(const http::request& req, const char* name, field_errors& errors) {
    const auto text = req.query_param(name);
    if (!text) {
        return std::nullopt;
    }
    if (*text != "true" && *text != "false") {
        errors.add(name, {"field.invalid_value", {}});
        return std::nullopt;
    }
    return *text == "true";
}

paging paging_of(const http::request& req, int default_size, int max_size) {
    field_errors errors;
    paging out;
    out.page = positive_query_int(req, "page", 100000, errors).value_or(1);
    out.page_size = positive_query_int(req, "page_size", max_size, errors).value_or(default_size);
    errors.throw_if_any();
    return out;
}

bool first_choice_param(const http::request& req, std::string_view name, std::string_view first,
                        std::string_view second) {
    const auto value = req.query_param(name).value_or(std::string(first));
    if (value != first && value != second) {
        throw api_error(error_code::validation_failed, {},
                        {{std::string(name), message{"field.invalid_value", {}}}});
    }
    return value == first;
}

json::object page_json(json::array items, std::int64_t total, const paging& p) {
    return {{"items", std::move(items)},
            {"total", total},
            {"page", p.page},
            {"page_size", p.page_size}};
}

std::optional<std::string> string_field(const json::object& body, std::string_view name,
                                        field_errors& errors) {
    const auto* value = body.if_contains(name);
    if (value == nullptr || value->is_null()) {
        return std::nullopt;
    }
    if (!value->is_string()) {
        errors.add(std::string(name), {"field.invalid_value", {}});
        return std::nullopt;
    }
    return std::string(value->as_string());
}

std::optional<std::int64_t> integer_field(const json::object& body, std::string_view name,
                                          field_errors& errors) {
    const auto* value = body.if_contains(name);
    if (value == nullptr || value->is_null()) {
        return std::nullopt;
    }
    if (!value->is_int64() && !value->is_uint64()) {
        errors.add(std::string(name), {"field.must_be_integer", {}});
        return std::nullopt;
    }
    return value->to_number<std::int64_t>();
}

std::optional<bool> bool_field(const json::object& body, std::string_view name,
                               field_errors& errors) {
    const auto* value = body.if_contains(name);
    if (value == nullptr || value->is_null()) {
        return std::nullopt;
    }
    if (!value->is_bool()) {
        errors.add(std::string(name), {"field.invalid_value", {}});
        return std::nullopt;
    }
    return value->as_bool();
}

std::optional<std::vector<std::string>> strings_field(const json::object& body,
                                                      std::string_view name, field_errors& errors) {
    const auto* value = body.if_contains(name);
    if (value == nullptr || value->is_null()) {
        return std::nullopt;
    }
    std::vector<std::string> out;
    if (value->is_array()) {
        for (const auto& item : value->as_array()) {
            if (!item.is_string()) {
                errors.add(std::string(name), {"field.invalid_value", {}});
                return std::nullopt;
            }
            out.emplace_back(item.as_string());
        }
        return out;
    }
    errors.add(std::string(name), {"field.invalid_value", {}});
    return std::nullopt;
}

std::string required_string(const json::object& body, std::string_view name, field_errors& errors) {
    auto value = string_field(body, name, errors);
    if (!value && !body.contains(name)) {
        errors.add(std::string(name), {"field.required", {}});
    }
    return value.value_or("");
}

}  // namespace zhaoyin::api
