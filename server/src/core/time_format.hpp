#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace zhaoyin {

// Storage form: UTC with milliseconds, "2026-11-26T06:42:40.123Z"; sorts as text on both engines.
std::string format_utc(time_point t);
// API form: China Standard Time, "2026-11-26T14:42:40+08:00" (the contract's time zone).
std::string format_cst(time_point t);
// Parses RFC 3339 with "Z" or a numeric offset; fractional seconds optional.
std::optional<time_point> parse_rfc3339(std::string_view text);

}  // namespace zhaoyin
