#pragma once

#include <span>
#include <string_view>

namespace zhaoyin {

// A text file compiled into the binary, so that a fresh install needs nothing beside it.
struct embedded_file {
    std::string_view name;
    std::string_view content;
};

// Ordered SQL migrations from server/migrations/.
std::span<const embedded_file> embedded_migrations();
// Reference data of the shipped cities from data/cities/, named "<city>/<file>.json".
std::span<const embedded_file> embedded_city_data();

}  // namespace zhaoyin
