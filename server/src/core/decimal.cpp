#include "core/decimal.hpp"

#include <chrono>
#include <regex>

namespace zhaoyin {

bool is_decimal(const std::string& text) {
    static const std::regex pattern(R"(^(0|[1-9][0-9]{0,15})(\.[0-9]{1,2})?$)");
    return std::regex_match(text, pattern);
}

bool positive_decimal(const std::string& text) {
    return is_decimal(text) && text.find_first_of("123456789") != std::string::npos;
}

std::int64_t hundredths(const std::string& text) {
    const auto dot = text.find('.');
    std::string whole = text.substr(0, dot);
    std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
    fraction.resize(2, '0');
    return std::stoll(whole) * 100 + std::stoll(fraction);
}

std::string decimal_of_hundredths(std::int64_t amount) {
    const bool negative = amount < 0;
    const auto magnitude = negative ? -amount : amount;
    std::string out = (negative ? "-" : "") + std::to_string(magnitude / 100);
    const auto cents = magnitude % 100;
    if (cents != 0) {
        out += '.';
        out += char('0' + cents / 10);
        if (cents % 10 != 0) {
            out += char('0' + cents % 10);
        }
    }
    return out;
}

bool is_date(const std::string& text) {
    static const std::regex pattern(R"(^([0-9]{4})-([0-9]{2})-([0-9]{2})$)");
    std::smatch m;
    if (!std::regex_match(text, m, pattern)) {
        return false;
    }
    const std::chrono::year_month_day day{std::chrono::year(std::stoi(m[1].str())),
                                          std::chrono::month(unsigned(std::stoi(m[2].str()))),
                                          std::chrono::day(unsigned(std::stoi(m[3].str())))};
    return day.ok();
}

}  // namespace zhaoyin
