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
// Shipped data from data/: "cities/<city>/<file>.json", "security/<file>".
std::span<const embedded_file> embedded_data();
// One embedded data file by name; throws std::invalid_argument when there is none.
std::string_view embedded_data_file(std::string_view name);

}  // namespace zhaoyin
