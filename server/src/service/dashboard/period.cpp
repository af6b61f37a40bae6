#include "service/dashboard/period.hpp"

#include <chrono>
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

// The last day of a month: the day before the next month's first, stepped back in UTC.
std::string last_day_of(int year, int month) {
    const auto next = month == 12 ? fmt::format("{:04}-01-01", year + 1)
                                  : fmt::format("{:04}-{:02}-01", year, month + 1);
    return format_utc(*parse_rfc3339(next + "T00:00:00Z") - std::chrono::hours(24)).substr(0, 10);
}

period months(const std::string& text, int year, int first, int last) {
    return {text,
            fmt::format("{:04}-{:02}-01", year, first),
            last_day_of(year, last),
            fmt::format("{:04}-{:02}", year, first),
            fmt::format("{:04}-{:02}", year, last),
            month_start_utc(year, first),
            month_start_utc(year, last + 1)};
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

std::vector<std::string> periods_within(const period& p) {
    const auto year = p.first_month.substr(0, 4);
    const int first = std::stoi(p.first_month.substr(5));
    const int last = std::stoi(p.last_month.substr(5));
    std::vector<std::string> out;
    if (first == 1 && last == 12) {
        out.push_back(year);
    }
    for (int quarter = 1; quarter <= 4; ++quarter) {
        if (quarter * 3 - 2 >= first && quarter * 3 <= last) {
            out.push_back(fmt::format("{}-Q{}", year, quarter));
        }
    }
    for (int month = first; month <= last; ++month) {
        out.push_back(fmt::format("{}-{:02}", year, month));
    }
    return out;
}

message bad_period_message() {
    return {"period.bad_format", {}};
}

period period_or_current(const std::optional<std::string>& text, time_point now,
                         field_errors& errors, const std::string& field) {
    if (!text) {
        return current_year(now);
    }
    if (auto parsed = parse_period(*text)) {
        return std::move(*parsed);
    }
    errors.add(field, bad_period_message());
    return current_year(now);
}

period period_or_current(const std::optional<std::string>& text, time_point now) {
    field_errors errors;
    auto out = period_or_current(text, now, errors);
    errors.throw_if_any();
    return out;
}

}  // namespace zhaoyin::service::dashboard
