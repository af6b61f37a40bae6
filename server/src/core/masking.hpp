#pragma once

#include <string>
#include <string_view>

namespace zhaoyin {

// "13812345678" → "138****5678": what lists, logs, exports and notifications show.
std::string mask_phone(std::string_view phone);
// Masks every mainland mobile number (11 digits starting with 1) inside free text.
std::string mask_phones_in(std::string_view text);

}  // namespace zhaoyin
