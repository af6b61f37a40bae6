#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "service/ranking/ranking_json.hpp"
#include "service/ranking/scoring.hpp"

namespace zhaoyin {
namespace {

namespace json = boost::json;
using namespace service::ranking;

unit_inputs unit(std::int64_t id, const std::string& name,
                 std::map<std::string, std::int64_t> figures) {
    return {id, name, name + " (en)", std::move(figures)};
}

// One league of five units, two metrics: projects handled (a share of the league's best,
// threshold 2) weighted 60, and the meeting fill rate (threshold 0.5) weighted 40.
ranking_config two_metric_config() {
    ranking_config config;
    config.version = 7;
    config.usd_cny_rate = 710;
    config.leagues = {{"district", "区市", "Districts", 1, 1, {1, 2, 3, 4, 5}}};
    config.metrics = {{"projects_handled", 6000, 2}, {"meeting_fill_rate", 4000, 5000}};
    return config;
}

std::map<std::int64_t, std::tuple<int, std::string, std::string>> ranks(
    const ranking_result& result) {
    std::map<std::int64_t, std::tuple<int, std::string, std::string>> out;
    for (const auto& u : result.leagues.at(0).units) {
        out[u.unit_id] = {u.rank, format_fixed(u.score, 2), u.mark};
    }
    return out;
}

TEST(RankingScoring, WeightsThresholdsAndTiesGiveExactScores) {
    const auto result = score(
        two_metric_config(), "2026-11",
        {unit(1, "丙", {{"projects_handled", 3}, {"meetings_pushed", 3}, {"meetings_on_time", 2}}),
         unit(2, "乙", {{"projects_handled", 2}, {"meetings_pushed", 2}, {"meetings_on_time", 2}}),
         // below the projects threshold: that metric scores 0
         unit(3, "甲", {{"projects_handled", 1}}),
         // no meeting pushed: nothing missed, full marks on that metric
         unit(4, "丁", {{"projects_handled", 3}, {"meetings_pushed", 4}, {"meetings_on_time", 1}}),
         unit(5, "戊", {})});
    EXPECT_EQ(result.period, "2026-11");
    EXPECT_EQ(result.config_version, 7);
    // 1: 60 × 1 + 40 × 0.6667 = 60 + 26.67; 2: 60 × 0.6667 = 40.00 + 40;
    // 3: 0 + 40 (no meetings); 4: 60 + 0 (0.25 is under 0.5); 5: 0 + 40.
    using row = std::tuple<int, std::string, std::string>;
    EXPECT_EQ(ranks(result), (std::map<std::int64_t, row>{{1, {1, "86.67", "top"}},
                                                          {2, {2, "80.00", ""}},
                                                          {3, {4, "40.00", "bottom"}},
                                                          {4, {3, "60.00", ""}},
                                                          {5, {4, "40.00", "bottom"}}}));
    // Tied units are listed by name.
    const auto& units = result.leagues.at(0).units;
    ASSERT_EQ(units.size(), 5U);
    EXPECT_EQ(units[3].name_zh < units[4].name_zh, true);
    const auto& first = units[0].metrics;
    ASSERT_EQ(first.size(), 2U);
    EXPECT_EQ(first[0].normalised, 10000);
    EXPECT_EQ(first[0].points, 6000);
    EXPECT_EQ(first[1].value, std::optional<std::int64_t>(6667));
    EXPECT_EQ(first[1].points, 2667);
    const auto& third = std::find_if(units.begin(), units.end(), [](const auto& u) {
                            return u.unit_id == 3;
                        })->metrics;
    EXPECT_EQ(third[0].points, 0);            // 1 project: under the threshold of 2
    EXPECT_EQ(third[1].value, std::nullopt);  // nothing to measure
    EXPECT_EQ(third[1].points, 4000);
}

TEST(RankingScoring, AmountsConvertDollarsAtTheConfiguredRateAndShareTheBest) {
    auto config = two_metric_config();
    config.leagues[0].units = {1, 2};
    config.metrics = {{"signed_investment", 10000, 0}};
    // 1: 100 000 000.00 CNY; 2: 10 000 000.00 USD × 7.10 = 71 000 000.00 CNY.
    const auto result = score(config, "2026",
                              {unit(1, "甲", {{"signed_cny", 10'000'000'000}}),
                               unit(2, "乙", {{"signed_usd", 1'000'000'000}})});
    const auto& units = result.leagues.at(0).units;
    EXPECT_EQ(units[0].unit_id, 1);
    EXPECT_EQ(format_fixed(units[0].score, 2), "100.00");
    EXPECT_EQ(units[1].metrics[0].value, std::optional<std::int64_t>(7'100'000'000));
    EXPECT_EQ(units[1].metrics[0].normalised, 7100);
    EXPECT_EQ(format_fixed(units[1].score, 2), "71.00");
    // Both marked: the top one, and the last of the rest.
    EXPECT_EQ(units[0].mark, "top");
    EXPECT_EQ(units[1].mark, "bottom");
}

TEST(RankingScoring, ResultsSurviveTheirStoredFormExactly) {
    const auto result =
        score(two_metric_config(), "2026-Q4",
              {unit(1, "甲", {{"projects_handled", 5}}), unit(2, "乙", {{"projects_handled", 2}})});
    const auto text = json::serialize(results_json(result));
    EXPECT_EQ(json::serialize(results_json(results_from_json(json::parse(text)))), text);
}

TEST(RankingScoring, FixedPointTextIsStrict) {
    EXPECT_EQ(parse_fixed("12.5", 2), std::optional<std::int64_t>(1250));
    EXPECT_EQ(parse_fixed("0", 4), std::optional<std::int64_t>(0));
    EXPECT_EQ(parse_fixed("-1", 2), std::nullopt);
    EXPECT_EQ(parse_fixed("1.234", 2), std::nullopt);
    EXPECT_EQ(parse_fixed("1.", 2), std::nullopt);
    EXPECT_EQ(parse_fixed("abc", 2), std::nullopt);
    EXPECT_EQ(parse_metric(metric_kind::rate, "1.0001"), std::nullopt);
    EXPECT_EQ(format_metric(metric_kind::rate, 6667), "0.6667");
    EXPECT_EQ(format_metric(metric_kind::amount, 123456), "1234.56");
    EXPECT_EQ(format_metric(metric_kind::count, 3), "3");
}

}  // namespace
}  // namespace zhaoyin
