#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "core/error.hpp"
#include "service/ranking/scoring.hpp"

// The ranking's configuration, inputs and results as JSON: the form a snapshot stores and the
// API shows. Decimals are strings in fixed forms, so a stored snapshot and its recomputation
// compare as text.
namespace zhaoyin::service::ranking {

// {"usd_cny_rate","leagues":[{"code","name_zh","name_en","top","bottom","units":[ids]}],
//  "metrics":[{"code","weight","threshold"}]} (version apart).
boost::json::object config_json(const ranking_config& config);

// Reads and checks a configuration; each problem is named in `errors` by its path
// ("metrics[2].weight", "leagues[0].units[3]"). `ranked_units` are the units that must each be
// in exactly one league (id → name, for the message naming a unit left out).
ranking_config config_from_json(const boost::json::value& value,
                                const std::map<std::int64_t, std::string>& ranked_units,
                                field_errors& errors);

boost::json::array inputs_json(const std::vector<unit_inputs>& inputs);
std::vector<unit_inputs> inputs_from_json(const boost::json::value& value);

// How results are shown: the stored form keeps both names; a reader gets `name` in their
// language, only the leagues they may see, and the metric breakdown of their own units.
struct results_view {
    bool stored = true;
    bool english = false;
    std::function<bool(const league_result&)> shows_league;
    std::function<bool(std::int64_t unit_id)> shows_breakdown;
    // A peer's label where the caller may not know who it is (no id, no name, no breakdown);
    // empty for units shown by name.
    std::function<std::string(std::int64_t unit_id)> anonymous_label;
};

boost::json::object results_json(const ranking_result& result, const results_view& view = {});
ranking_result results_from_json(const boost::json::value& value);

}  // namespace zhaoyin::service::ranking
