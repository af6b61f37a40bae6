#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The ranking formula, free of the database: configuration and per-unit inputs in, ranked
// leagues out. Everything is integer fixed-point arithmetic, so that both engines, a live
// ranking and a recomputation of a published snapshot agree to the last digit.
namespace zhaoyin::service::ranking {

// How a metric's value is measured and normalised to [0, 1]:
// - count: projects (an integer); normalised as a share of the league's best value.
// - amount: yuan in fen (USD converted at the configuration's rate); share of the league's best.
// - rate: a ratio in ten-thousandths (10000 = 1); the rate itself, and 1 when there was
//   nothing to measure (no meeting pushed, no ticket closed: nothing was missed).
enum class metric_kind { count, amount, rate };

struct metric_definition {
    std::string_view code;
    metric_kind kind;
    std::string_view numerator;    // the figure counted (count), in CNY (amount), or met (rate)
    std::string_view denominator;  // rate: out of how many; amount: the USD figure
};

// Every metric a configuration may name, in display order.
const std::vector<metric_definition>& metric_catalogue();
const metric_definition* find_metric(std::string_view code);

struct metric_rule {
    std::string code;
    std::int64_t weight = 0;     // hundredths
    std::int64_t threshold = 0;  // in the metric's own scale (count, fen, ten-thousandths)
};

struct league_rule {
    std::string code;
    std::string name_zh;
    std::string name_en;
    int top = 0;     // how many units are marked 红榜
    int bottom = 0;  // how many are marked 黑榜
    std::vector<std::int64_t> units;
};

struct ranking_config {
    int version = 0;
    std::int64_t usd_cny_rate = 0;  // hundredths of a yuan per dollar
    std::vector<league_rule> leagues;
    std::vector<metric_rule> metrics;
};

// What one unit did in the period: raw figures by name (see metric_catalogue for which).
struct unit_inputs {
    std::int64_t unit_id = 0;
    std::string name_zh;
    std::string name_en;
    std::map<std::string, std::int64_t> figures;
};

struct metric_result {
    std::string code;
    std::optional<std::int64_t> value;  // none: nothing to measure (a rate without denominator)
    std::int64_t normalised = 0;        // ten-thousandths
    std::int64_t threshold = 0;
    std::int64_t weight = 0;  // hundredths
    std::int64_t points = 0;  // hundredths
};

struct unit_result {
    std::int64_t unit_id = 0;
    std::string name_zh;
    std::string name_en;
    int rank = 0;
    std::int64_t score = 0;  // hundredths
    std::string mark;        // "top", "bottom" or empty
    std::vector<metric_result> metrics;
};

struct league_result {
    std::string code;
    std::string name_zh;
    std::string name_en;
    std::vector<unit_result> units;  // by rank, then name
};

struct ranking_result {
    std::string period;
    int config_version = 0;
    std::vector<league_result> leagues;
};

// score = Σ weight × normalised value, each term rounded half up to hundredths, and 0 for a
// metric whose value is below its threshold. Within a league, units with equal scores share a
// rank (1, 1, 3) and are listed by name; units ranked within the league's `top` are marked
// top, and of the rest those within `bottom` counted from the end are marked bottom.
ranking_result score(const ranking_config& config, const std::string& period,
                     const std::vector<unit_inputs>& inputs);

// Fixed-point text: a non-negative decimal with at most `places` fraction digits, as an integer
// in units of 10^-places; nullopt for anything else.
std::optional<std::int64_t> parse_fixed(std::string_view text, int places);
std::string format_fixed(std::int64_t value, int places);
// A metric's value or threshold in its own form: "3", "1250000.00" or "0.6667".
std::string format_metric(metric_kind kind, std::int64_t value);
std::optional<std::int64_t> parse_metric(metric_kind kind, std::string_view text);

}  // namespace zhaoyin::service::ranking
