#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"

namespace zhaoyin::service::dashboard {

// A dashboard period: a year (2026), a quarter (2026-Q4) or a month (2026-11), in China time.
struct period {
    std::string text;
    std::string first_month;  // YYYY-MM
    std::string last_month;
    std::string from_utc;    // the first instant, as format_utc writes it
    std::string before_utc;  // the first instant after it
};

// The period `text` names; none when it is malformed.
std::optional<period> parse_period(const std::string& text);

// The current year in China time.
period current_year(time_point now);

}  // namespace zhaoyin::service::dashboard
