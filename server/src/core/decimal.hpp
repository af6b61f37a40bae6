#pragma once

#include <cstdint>
#include <string>

// Money and dates as the API carries them: decimal strings with at most two fraction digits
// (never floating point) and calendar dates as YYYY-MM-DD.
namespace zhaoyin {

// 0, 12, 12.5, 12.50; at most 16 integer digits.
bool is_decimal(const std::string& text);
bool positive_decimal(const std::string& text);
// Hundredths of a decimal string that is_decimal accepts.
std::int64_t hundredths(const std::string& text);
// The shortest decimal string of an amount in hundredths: 1250 → "12.5", 1200 → "12".
std::string decimal_of_hundredths(std::int64_t amount);
// A real calendar day in the form YYYY-MM-DD.
bool is_date(const std::string& text);

}  // namespace zhaoyin
