#include "core/embedded.hpp"

#include <stdexcept>
#include <string>

namespace zhaoyin {

std::string_view embedded_data_file(std::string_view name) {
    for (const auto& f : embedded_data()) {
        if (f.name == name) {
            return f.content;
        }
    }
    throw std::invalid_argument("no embedded data file " + std::string(name));
}

}  // namespace zhaoyin
