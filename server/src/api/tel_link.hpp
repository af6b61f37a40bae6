#pragma once

#include <optional>
#include <string>

#include <boost/json/value.hpp>

namespace zhaoyin::api {

// A phone as a one-click dialling link ("0532-8591 1000" → "tel:053285911000"), null without.
boost::json::value tel_link(const std::optional<std::string>& phone);

}  // namespace zhaoyin::api
