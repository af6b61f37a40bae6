#include "api/tel_link.hpp"

#include <algorithm>
#include <iterator>

namespace zhaoyin::api {

boost::json::value tel_link(const std::optional<std::string>& phone) {
    if (!phone) {
        return nullptr;
    }
    std::string digits;
    std::copy_if(phone->begin(), phone->end(), std::back_inserter(digits),
                 [](char c) { return (c >= '0' && c <= '9') || c == '+'; });
    return boost::json::value("tel:" + digits);
}

}  // namespace zhaoyin::api
