#include "core/error.hpp"

#include <stdexcept>

namespace zhaoyin {
namespace {

struct error_row {
    error_code code;
    int status;
    std::string_view name;
};

constexpr error_row error_table[] = {
    {error_code::bad_request, 400, "bad_request"},
    {error_code::malformed_json, 400, "malformed_json"},
    {error_code::invalid_path_parameter, 400, "invalid_path_parameter"},
    {error_code::validation_failed, 422, "validation_failed"},
    {error_code::unauthenticated, 401, "unauthenticated"},
    {error_code::invalid_credentials, 401, "invalid_credentials"},
    {error_code::totp_required, 401, "totp_required"},
    {error_code::invalid_totp, 401, "invalid_totp"},
    {error_code::forbidden, 403, "forbidden"},
    {error_code::csrf_failed, 403, "csrf_failed"},
    {error_code::password_change_required, 403, "password_change_required"},
    {error_code::totp_setup_required, 403, "totp_setup_required"},
    {error_code::not_found, 404, "not_found"},
    {error_code::method_not_allowed, 405, "method_not_allowed"},
    {error_code::conflict, 409, "conflict"},
    {error_code::payload_too_large, 413, "payload_too_large"},
    {error_code::unsupported_media_type, 415, "unsupported_media_type"},
    {error_code::header_too_large, 431, "header_too_large"},
    {error_code::rate_limited, 429, "rate_limited"},
    {error_code::internal, 500, "internal"},
    {error_code::unavailable, 503, "unavailable"},
};

const error_row& row_of(error_code code) {
    for (const auto& row : error_table) {
        if (row.code == code) {
            return row;
        }
    }
    throw std::logic_error("error code missing from the status table");
}

}  // namespace

int http_status_of(error_code code) {
    return row_of(code).status;
}

std::string_view name_of(error_code code) {
    return row_of(code).name;
}

api_error::api_error(error_code code, message msg, std::map<std::string, message> fields)
    : std::runtime_error(std::string(name_of(code))),
      code_(code),
      message_(msg.key.empty() ? message{"error." + std::string(name_of(code)), {}}
                               : std::move(msg)),
      fields_(std::move(fields)) {}

void field_errors::add(std::string field, message msg) {
    fields_.emplace(std::move(field), std::move(msg));
}

void field_errors::throw_if_any() const {
    if (!fields_.empty()) {
        throw api_error(error_code::validation_failed, {}, fields_);
    }
}

}  // namespace zhaoyin
