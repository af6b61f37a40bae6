#include "service/dashboard/period.hpp"

#include <regex>

#include <fmt/format.h>

#include "core/time_format.hpp"

namespace zhaoyin::service::dashboard {

namespace {

// Midnight in China at the start of a month, in UTC as stored timestamps are written.
std::string month_start_utc(int year, int month) {
    if (month > 12) {
        ++year;
        month = 1;
    }
    const auto at = parse_rfc3339(fmt::format("{:04}-{:02}-01T00:00:00+08:00", year, month));
    return at ? format_utc(*at) : "";
}

period months(const std::string& text, int year, int first, int last) {
    return {text, fmt::format("{:04}-{:02}", year, first), fmt::format("{:04}-{:02}", year, last),
            month_start_utc(year, first), month_start_utc(year, last + 1)};
}

}  // namespace

std::optional<period> parse_period(const std::string& text) {
    static const std::regex pattern(R"(^(20[0-9]{2})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$)");
    std::smatch m;
    if (!std::regex_match(text, m, pattern)) {
        return std::nullopt;
    }
    const int year = std::stoi(m[1].str());
    if (m[2].matched) {
        const int quarter = std::stoi(m[2].str());
        return months(text, year, quarter * 3 - 2, quarter * 3);
    }
    if (m[3].matched) {
        const int month = std::stoi(m[3].str());
        return months(text, year, month, month);
    }
    return months(text, year, 1, 12);
}

period current_year(time_point now) {
    return *parse_period(format_cst(now).substr(0, 4));
}

}  // namespace zhaoyin::service::dashboard
