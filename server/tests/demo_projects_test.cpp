#include <gtest/gtest.h>

#include <map>
#include <string>

#include "db/database.hpp"
#include "support/session_client.hpp"
#include "support/test_server.hpp"

namespace zhaoyin {
namespace {

namespace json = boost::json;
using testing::session_client;
using testing::test_server;

class DemoProjects : public ::testing::TestWithParam<db::engine> {};

// What the generator decides, independent of the clock it ran at.
std::string project_fingerprint(db::database& database) {
    return database.read([](db::connection& conn) {
        const auto rows = conn.query(
            "SELECT name, company, investment_total, currency, stage, undertaking_unit_id, source "
            "FROM project ORDER BY id");
        std::string all;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            for (int c = 0; c < 5; ++c) {
                all += rows.text(r, c) + "|";
            }
            all += std::to_string(rows.integer(r, 5)) + "|" + rows.text(r, 6) + "\n";
        }
        return all;
    });
}

TEST_P(DemoProjects, FillEveryUnitWithTwoYearsOfDispatchDeterministically) {
    testing::scratch_database scratch{GetParam()};
    test_server::options opts;
    opts.demo_history = true;
    test_server server{scratch, opts};
    db::database database{scratch.target(), 1};

    const auto counts = database.read([](db::connection& conn) {
        std::map<std::string, std::int64_t> out;
        const auto stages = conn.query("SELECT stage, COUNT(*) FROM project GROUP BY stage");
        for (std::size_t r = 0; r < stages.size(); ++r) {
            out["stage." + stages.text(r, 0)] = stages.integer(r, 1);
        }
        out["projects"] = conn.query("SELECT COUNT(*) FROM project").integer(0, 0);
        out["campaign"] =
            conn.query("SELECT COUNT(*) FROM project WHERE campaign = 1").integer(0, 0);
        out["updates"] = conn.query("SELECT COUNT(*) FROM project_update").integer(0, 0);
        out["funds"] = conn.query("SELECT COUNT(*) FROM fund_arrival").integer(0, 0);
        out["landed_without_funds"] =
            conn.query(
                    "SELECT COUNT(*) FROM project p WHERE p.stage IN ('registered', 'started', "
                    "'building', 'operating', 'full_capacity') AND NOT EXISTS (SELECT 1 FROM "
                    "fund_arrival f WHERE f.project_id = p.id)")
                .integer(0, 0);
        out["district_370214"] =
            conn.query(
                    "SELECT COUNT(*) FROM project p JOIN unit u ON u.id = p.undertaking_unit_id "
                    "WHERE u.code = '370214'")
                .integer(0, 0);
        out["stage_without_date"] =
            conn.query(
                    "SELECT COUNT(*) FROM project p WHERE NOT EXISTS (SELECT 1 FROM stage_history "
                    "h WHERE h.project_id = p.id AND h.stage = p.stage AND h.actual_on IS NOT "
                    "NULL)")
                .integer(0, 0);
        return out;
    });
    // 10 districts × 40, 10 zones × 15, 21 departments × 3, 13 task forces × 2.
    EXPECT_EQ(counts.at("projects"), 639);
    EXPECT_EQ(counts.at("district_370214"), 40);
    EXPECT_EQ(counts.at("campaign"), 15);
    for (const char* stage : {"planning", "negotiating", "signed", "registered", "started",
                              "building", "operating", "full_capacity"}) {
        EXPECT_GT(counts.count(std::string("stage.") + stage), 0U) << stage;
    }
    // Two years of dispatch: several records per project; every landed project has funds, and
    // every project's current stage carries the date it was reached.
    EXPECT_GT(counts.at("updates"), 639 * 5);
    EXPECT_GT(counts.at("funds"), 0);
    EXPECT_EQ(counts.at("landed_without_funds"), 0);
    EXPECT_EQ(counts.at("stage_without_date"), 0);

    // Freshness is spread: most projects updated within the week, some stale for a month.
    session_client bureau{server.port()};
    ASSERT_EQ(bureau.login("bureau", test_server::demo_password).status, 200);
    const auto all = bureau.get("/api/v1/projects?limit=1");
    ASSERT_EQ(all.status, 200);
    EXPECT_EQ(all.json().at("total").as_int64(), 639);
    const auto stale = bureau.get("/api/v1/projects?stale_days=30&limit=1");
    ASSERT_EQ(stale.status, 200);
    const auto stale_total = stale.json().at("total").as_int64();
    EXPECT_GT(stale_total, 20);
    EXPECT_LT(stale_total, 639 / 4);

    // The same city on every run, and a restart adds nothing.
    const auto first = project_fingerprint(database);
    server.stop();
    test_server again{scratch, opts};
    EXPECT_EQ(project_fingerprint(database), first);
    testing::scratch_database other{GetParam()};
    test_server elsewhere{other, opts};
    db::database other_database{other.target(), 1};
    EXPECT_EQ(project_fingerprint(other_database), first);
}

INSTANTIATE_TEST_SUITE_P(Engines, DemoProjects, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
