#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/i18n.hpp"

namespace zhaoyin {

// Every failure a client can see. The HTTP status of each is decided in one table (error.cpp).
enum class error_code {
    bad_request,
    malformed_json,
    invalid_path_parameter,
    validation_failed,
    unauthenticated,
    invalid_credentials,
    totp_required,
    invalid_totp,
    forbidden,
    csrf_failed,
    password_change_required,
    totp_setup_required,
    not_found,
    method_not_allowed,
    conflict,
    payload_too_large,
    unsupported_media_type,
    header_too_large,
    rate_limited,
    internal,
    unavailable,
};

int http_status_of(error_code code);
std::string_view name_of(error_code code);

// The one error type that ends a request with a client-visible failure. Services throw it for
// outcomes that stop the operation; the HTTP layer turns it into {"error":{code,message,fields}}.
class api_error : public std::runtime_error {
  public:
    explicit api_error(error_code code, message msg = {},
                       std::map<std::string, message> fields = {});

    error_code code() const { return code_; }
    const message& text() const { return message_; }
    const std::map<std::string, message>& fields() const { return fields_; }

  private:
    error_code code_;
    message message_;
    std::map<std::string, message> fields_;
};

// Collects field-level problems, then throws one validation_failed error naming all of them.
class field_errors {
  public:
    void add(std::string field, message msg);
    bool empty() const { return fields_.empty(); }
    void throw_if_any() const;

  private:
    std::map<std::string, message> fields_;
};

}  // namespace zhaoyin
