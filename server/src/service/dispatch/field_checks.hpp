#pragma once

#include <cstddef>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/time_format.hpp"

// Checks the dispatch services share when they validate a request.
namespace zhaoyin::service::dispatch {

// A required text of at most `max` bytes.
inline void require_text(field_errors& errors, const std::string& field, const std::string& value,
                         std::size_t max) {
    if (value.empty()) {
        errors.add(field, {"field.required", {}});
    } else if (value.size() > max) {
        errors.add(field, {"field.too_long", {{"max", std::to_string(max)}}});
    }
}

// Today in China Standard Time, YYYY-MM-DD: a date "not in the future" is not after it.
inline std::string today_cst(time_point now) {
    return format_cst(now).substr(0, 10);
}

}  // namespace zhaoyin::service::dispatch
