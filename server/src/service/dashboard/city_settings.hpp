#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace zhaoyin::service::dashboard {

// A campaign (攻势) projects may belong to.
struct campaign {
    std::string code;
    std::string name_zh;
    std::string name_en;
};

// The city's campaigns, in order (data/cities/<city>/dashboard.json).
std::vector<campaign> campaigns_of(const std::string& city);
std::vector<std::string> campaign_codes(const std::string& city);

// The investment (hundredths of a yuan) from which a signed project counts as large.
std::int64_t signed_large_threshold_cents(const std::string& city);

}  // namespace zhaoyin::service::dashboard
