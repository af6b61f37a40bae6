#include <gtest/gtest.h>

#include "core/i18n.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "service/intake/routing.hpp"
#include "service/reference/reference_data.hpp"
#include "support/engines.hpp"

namespace zhaoyin {
namespace {

using service::intake::candidate;
using service::intake::intent_facts;
using service::intake::route;

// Routing over the shipped Qingdao units and rules, read back from each engine.
class Routing : public ::testing::TestWithParam<db::engine> {
  protected:
    void SetUp() override {
        db::database database(scratch.target(), 1);
        const system_clock_source now;
        {
            auto conn = database.acquire();
            db::migrate(*conn, now);
        }
        service::reference::load_city(database, "qingdao", now);
        units = database.read(
            [](db::connection& conn) { return store::reference_store(conn).list_units(); });
    }
    std::int64_t unit(const std::string& key) const {
        for (const auto& u : units) {
            if (u.key == key) {
                return u.id;
            }
        }
        throw std::invalid_argument(key);
    }
    static std::vector<std::string> names(const std::vector<candidate>& out) {
        std::vector<std::string> result;
        for (const auto& c : out) {
            result.push_back(c.unit_name_zh + (c.informed_only ? "*" : ""));
        }
        return result;
    }
    testing::scratch_database scratch{GetParam()};
    std::vector<store::unit_row> units;
    service::intake::routing_rules rules = service::intake::shipped_routing_rules("qingdao");
};

TEST_P(Routing, RanksAreasLeadingInTheIndustry) {
    const auto out = route({"ict", 100'000'000, "CNY", "domestic", {}}, units, rules);
    EXPECT_EQ(names(out),
              (std::vector<std::string>{"市北区", "黄岛区（青岛西海岸新区）", "青岛西海岸新区"}));
    EXPECT_EQ(out[0].score, 40);
    ASSERT_EQ(out[0].reasons.size(), 1U);
    EXPECT_EQ(render(out[0].reasons[0], language::en),
              "Its leading industries include this chain (number 1).");
}

TEST_P(Routing, PutsTheInvestorsChoiceFirst) {
    const auto out = route({"ict", 100'000'000, "CNY", "domestic", {unit("370214")}}, units, rules);
    ASSERT_GE(out.size(), 1U);
    EXPECT_EQ(out[0].unit_name_zh, "城阳区");
    EXPECT_EQ(out[0].score, 50 + 20);  // chosen, and ict is third among its industries
    EXPECT_EQ(out[0].reasons.size(), 2U);
    EXPECT_EQ(out.size(), 3U);
}

TEST_P(Routing, TellsTheBureauTaskForceAndDeskAboutLargeForeignProjects) {
    // USD 100 million is about 710 million yuan: over the 500 million line.
    const auto out = route({"nev", 100'000'000, "USD", "foreign", {}}, units, rules);
    EXPECT_EQ(names(out),
              (std::vector<std::string>{"即墨区", "莱西市", "青岛汽车产业新城", "青岛市商务局*",
                                        "智能网联新能源汽车产业专班*", "国际投资促进服务台*"}));
    EXPECT_EQ(render(out[3].reasons[0], language::zh_cn),
              "投资额约 7.1 亿元，达到 5 亿元：同时告知。");
}

TEST_P(Routing, SendsWhatNoAreaMatchesToTheBureau) {
    const auto out = route({"C", 20'000'000, "CNY", "domestic", {}}, units, rules);
    EXPECT_EQ(names(out), (std::vector<std::string>{"青岛市商务局*"}));
    EXPECT_EQ(out[0].reasons[0].key, "routing.no_match");
}

TEST_P(Routing, KeepsSmallDomesticProjectsWithTheAreas) {
    const auto out = route({"life_health", 499'999'999, "CNY", "domestic", {}}, units, rules);
    for (const auto& c : out) {
        EXPECT_FALSE(c.informed_only) << c.unit_name_zh;
    }
    EXPECT_EQ(out.size(), 3U);
}

INSTANTIATE_TEST_SUITE_P(Engines, Routing, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
