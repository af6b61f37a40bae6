#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace zhaoyin::http {

// The status line and headers of a reply, ready for the socket. Written by hand rather than
// through Beast's field list: the security headers are one constant block, and a reply costs
// one string instead of an allocation per field. `content_length` is left out for 304.
std::string response_head(const reply& r, std::string_view request_id, bool keep_alive,
                          std::optional<std::size_t> content_length);

// A short random id per request, without a system call per request.
std::string new_request_id();

}  // namespace zhaoyin::http
