#include "service/dashboard/city_settings.hpp"

#include <boost/json.hpp>

#include "core/decimal.hpp"
#include "core/embedded.hpp"

namespace zhaoyin::service::dashboard {

namespace json = boost::json;

namespace {

json::value settings_of(const std::string& city) {
    return json::parse(embedded_data_file("cities/" + city + "/dashboard.json"));
}

}  // namespace

std::vector<campaign> campaigns_of(const std::string& city) {
    const auto file = settings_of(city);
    std::vector<campaign> out;
    for (const auto& c : file.at("campaigns").as_array()) {
        out.push_back({std::string(c.at("code").as_string()),
                       std::string(c.at("name_zh").as_string()),
                       std::string(c.at("name_en").as_string())});
    }
    return out;
}

std::vector<std::string> campaign_codes(const std::string& city) {
    std::vector<std::string> out;
    for (const auto& c : campaigns_of(city)) {
        out.push_back(c.code);
    }
    return out;
}

std::int64_t signed_large_threshold_cents(const std::string& city) {
    const auto file = settings_of(city);
    return hundredths(std::string(file.at("signed_large_cny").as_string()));
}

}  // namespace zhaoyin::service::dashboard
