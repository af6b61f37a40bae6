#include <optional>
#include <random>
#include <tuple>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "service/dashboard/aggregates.hpp"
#include "store/dashboard_store.hpp"
#include "support/clocked_server_test.hpp"

namespace zhaoyin {
namespace {

namespace json = boost::json;

// The dashboard aggregates kept in the transaction of every project write equal a
// recomputation from the base tables, whatever the order of creates, edits, stage changes,
// funds and merges.
class DashboardAggregates : public testing::clocked_server_test {
  protected:
    // The maintained tables and a recomputation of them, side by side.
    void expect_aggregates_equal_recomputation(const std::string& when) {
        database.read([&](db::connection& conn) {
            store::dashboard_store store(conn);
            const auto fresh = service::dashboard::recomputed(conn);
            const auto totals = store.all_totals();
            const auto flows = store.all_flows();
            EXPECT_EQ(totals.size(), fresh.totals.size()) << when;
            EXPECT_EQ(flows.size(), fresh.flows.size()) << when;
            for (const auto& [key, amounts] : fresh.totals) {
                const auto found = totals.find(key);
                ASSERT_NE(found, totals.end())
                    << when << ": no " << key.dimension << "/" << key.value << " " << key.month;
                EXPECT_EQ(found->second, amounts)
                    << when << ": " << key.dimension << "/" << key.value << " " << key.month;
            }
            for (const auto& [key, amounts] : fresh.flows) {
                const auto found = flows.find(key);
                ASSERT_NE(found, flows.end())
                    << when << ": no flow " << key.from_stage << ">" << key.to_stage;
                EXPECT_EQ(found->second, amounts) << when;
            }
        });
    }
};

TEST_P(DashboardAggregates, IncrementalTablesEqualARecomputationAfterRandomWrites) {
    std::mt19937 random(20261130);
    const auto pick = [&](const auto& options) {
        return options[std::uniform_int_distribution<std::size_t>(0, options.size() - 1)(random)];
    };
    const std::vector<std::int64_t> units{2, 3, 7};
    const std::vector<std::string> industries{"ict", "ai", "C"};
    const std::vector<std::string> stages{"planning",   "negotiating", "signed",
                                          "registered", "started",     "operating"};
    const std::vector<std::string> amounts{"100000000", "600000000", "2500.50", "90000000"};
    std::vector<std::int64_t> live;
    int day = 0;
    set_clock("2026-01-01T10:00:00+08:00");
    auto bureau = signed_in("bureau");
    for (int step = 0; step < 60; ++step) {
        const int op = live.size() < 3 ? 0 : int(random() % 5);
        if (step % 7 == 6) {
            // Later writes fall in later months (China time).
            day += 11;
            set_clock(fmt::format("2026-{:02}-{:02}T23:30:00+08:00", 1 + day / 28, 1 + day % 28));
            bureau = signed_in("bureau");
        }
        if (op == 0) {
            auto body = minimal_project(pick(units), fmt::format("项目{}", step));
            body["industry"] = pick(industries);
            body["stage"] = pick(stages);
            body["investment_total"] = pick(amounts);
            if (random() % 3 == 0) {
                body["capital_type"] = "foreign";
                body["currency"] = "USD";
            }
            if (random() % 4 == 0) {
                body["campaign_code"] = "ocean";
            }
            const auto res = bureau->post("/api/v1/projects", json::serialize(body));
            ASSERT_EQ(res.status, 201) << res.body;
            const auto reply = res.json();
            live.push_back(reply.at("project").at("id").as_int64());
        } else if (op == 1 || op == 2) {
            json::object update{{"text", "调度"}, {"stage", pick(stages)}};
            const auto id = pick(live);
            const auto res = bureau->post(fmt::format("/api/v1/projects/{}/updates", id),
                                          json::serialize(update));
            ASSERT_EQ(res.status, 201) << res.body;
        } else if (op == 3) {
            const json::object changes{{"undertaking_unit_id", pick(units)},
                                       {"industry", pick(industries)},
                                       {"investment_total", pick(amounts)}};
            const auto res = bureau->send("PATCH", fmt::format("/api/v1/projects/{}", pick(live)),
                                          json::serialize(changes));
            ASSERT_EQ(res.status, 200) << res.body;
        } else {
            const auto one = pick(live);
            const auto other = pick(live);
            if (one == other) {
                continue;
            }
            const auto res = bureau->post(fmt::format("/api/v1/projects/{}/merge", one),
                                          json::serialize(json::object{{"duplicate_id", other}}));
            ASSERT_EQ(res.status, 200) << res.body;
            std::erase_if(live, [&](auto id) {
                return id == std::max(one, other);  // the earlier registered survives
            });
        }
        if (step % 10 == 9) {
            expect_aggregates_equal_recomputation(fmt::format("after step {}", step));
        }
    }
    EXPECT_GT(count("SELECT COUNT(*) FROM dashboard_total"), 0);
    EXPECT_GT(count("SELECT COUNT(*) FROM project WHERE merged_into IS NOT NULL"), 0);
    // Rebuilding from scratch leaves the same rows.
    database.transaction(
        [](db::connection& conn) { service::dashboard::recompute_aggregates(conn); });
    expect_aggregates_equal_recomputation("after a recomputation");
}

TEST_P(DashboardAggregates, StageEntriesCountTheFirstEntryPerUnitAndMonthWithItsInvestment) {
    const auto update = [&](std::int64_t id, const std::string& stage) {
        const json::object body{{"text", "调度"}, {"stage", stage}};
        const auto res = signed_in("bureau")->post(fmt::format("/api/v1/projects/{}/updates", id),
                                                   json::serialize(body));
        ASSERT_EQ(res.status, 201) << res.body;
    };
    set_clock("2026-03-10T10:00:00+08:00");
    const auto a = project(2, "甲项目");  // planning, 1 亿 yuan
    set_clock("2026-04-02T10:00:00+08:00");
    update(a, "signed");
    set_clock("2026-04-05T10:00:00+08:00");
    auto body = minimal_project(7, "乙项目");
    body["capital_type"] = "foreign";
    body["currency"] = "USD";
    body["investment_total"] = "2500.50";
    body["stage"] = "signed";
    register_project_as("bureau", body);
    // Back and forth in May: negotiating is entered, signed is not entered again.
    set_clock("2026-05-06T10:00:00+08:00");
    update(a, "negotiating");
    update(a, "signed");

    using entries =
        std::vector<std::tuple<std::int64_t, std::string, std::int64_t, std::string, std::string>>;
    const auto entries_of = [&](const std::string& from, const std::string& to,
                                std::optional<std::int64_t> unit) {
        return database.read([&](db::connection& conn) {
            entries out;
            for (const auto& e : service::dashboard::stage_entries(conn, from, to, unit)) {
                out.emplace_back(e.unit_id, e.stage, e.projects, e.investment_cny,
                                 e.investment_usd);
            }
            return out;
        });
    };
    EXPECT_EQ(
        entries_of("2026-04-01", "2026-04-30", std::nullopt),
        (entries{{2, "signed", 1, "100000000.00", "0.00"}, {7, "signed", 1, "0.00", "2500.50"}}));
    EXPECT_EQ(entries_of("2026-03-01", "2026-05-31", 2),
              (entries{{2, "negotiating", 1, "100000000.00", "0.00"},
                       {2, "planning", 1, "100000000.00", "0.00"},
                       {2, "signed", 1, "100000000.00", "0.00"}}));
    EXPECT_EQ(entries_of("2026-06-01", "2026-12-31", std::nullopt), entries{});
}

INSTANTIATE_TEST_SUITE_P(Engines, DashboardAggregates, testing::all_engines(),
                         testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
