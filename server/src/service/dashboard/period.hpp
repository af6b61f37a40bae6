#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"

// The one period of the dashboards, the rankings and the project list's drill-down: a year
// (2026), a quarter (2026-Q4) or a month (2026-11), in China time.
namespace zhaoyin::service::dashboard {

struct period {
    std::string text;         // as named: 2026, 2026-Q4, 2026-11
    std::string first_day;    // YYYY-MM-DD, inclusive
    std::string last_day;     // YYYY-MM-DD, inclusive
    std::string first_month;  // YYYY-MM
    std::string last_month;
    std::string from_utc;    // the first instant, as format_utc writes it
    std::string before_utc;  // the first instant after it
};

// The period `text` names; none when it is malformed.
std::optional<period> parse_period(const std::string& text);

// The current year in China time.
period current_year(time_point now);

// The period named, or the current year when none is; a malformed one is added to `errors`
// under `field` with the message that gives the accepted forms (and the current year returned).
period period_or_current(const std::optional<std::string>& text, time_point now,
                         field_errors& errors, const std::string& field = "period");
// The same, throwing the 422 at once.
period period_or_current(const std::optional<std::string>& text, time_point now);

// The codes of the periods that lie within `p` (itself included): for 2026-Q4 that quarter and
// its three months; for a year also its quarters.
std::vector<std::string> periods_within(const period& p);

// The message of a malformed period, naming the accepted forms.
message bad_period_message();

}  // namespace zhaoyin::service::dashboard
