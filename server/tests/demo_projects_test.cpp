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
        out["districts_off_39_or_40"] =
            conn.query(
                    "SELECT COUNT(*) FROM (SELECT u.id, COUNT(p.id) AS n FROM unit u LEFT JOIN "
                    "project p ON p.undertaking_unit_id = u.id WHERE u.type = 'district' GROUP BY "
                    "u.id) t WHERE t.n NOT IN (39, 40)")
                .integer(0, 0);
        out["meeting_projects_unreported"] =
            conn.query(
                    "SELECT COUNT(*) FROM project p WHERE p.source = 'meeting' AND NOT EXISTS "
                    "(SELECT 1 FROM meeting_receipt r WHERE r.project_id = p.id AND r.meeting_id "
                    "= p.meeting_id)")
                .integer(0, 0);
        out["event_projects_without_event"] =
            conn.query("SELECT COUNT(*) FROM project WHERE source = 'event' AND event_id IS NULL")
                .integer(0, 0);
        out["events"] = conn.query("SELECT COUNT(*) FROM event").integer(0, 0);
        out["started_without_construction_permit"] =
            conn.query(
                    "SELECT COUNT(*) FROM project p WHERE p.stage IN ('started', 'building', "
                    "'operating', 'full_capacity') AND NOT EXISTS (SELECT 1 FROM "
                    "project_procedure r WHERE r.project_id = p.id AND r.procedure_code = "
                    "'construction_permit' AND r.status = 'approved')")
                .integer(0, 0);
        out["unsigned_with_procedures"] =
            conn.query(
                    "SELECT COUNT(*) FROM project_procedure r JOIN project p ON p.id = "
                    "r.project_id WHERE p.stage IN ('planning', 'negotiating')")
                .integer(0, 0);
        out["open_receipts"] =
            conn.query("SELECT COUNT(*) FROM meeting_receipt WHERE reported_at IS NULL")
                .integer(0, 0);
        out["stage_without_date"] =
            conn.query(
                    "SELECT COUNT(*) FROM project p WHERE NOT EXISTS (SELECT 1 FROM stage_history "
                    "h WHERE h.project_id = p.id AND h.stage = p.stage AND h.actual_on IS NOT "
                    "NULL)")
                .integer(0, 0);
        return out;
    });
    // 10 districts × 35 and the 49 of the Yabuli summit over them in turn, 10 zones × 15,
    // 21 departments × 3, 13 task forces × 2.
    EXPECT_EQ(counts.at("projects"), 638);
    EXPECT_EQ(counts.at("districts_off_39_or_40"), 0);
    // Every project from a meeting was reported to it; every one from an event names it.
    EXPECT_EQ(counts.at("meeting_projects_unreported"), 0);
    EXPECT_EQ(counts.at("event_projects_without_event"), 0);
    EXPECT_EQ(counts.at("events"), 32);
    // Approvals follow the stage: every started project has its construction permit, and none
    // is under way before signing.
    EXPECT_EQ(counts.at("started_without_construction_permit"), 0);
    EXPECT_EQ(counts.at("unsigned_with_procedures"), 0);
    EXPECT_EQ(counts.at("open_receipts"), 10);
    EXPECT_EQ(counts.at("campaign"), 15);
    for (const char* stage : {"planning", "negotiating", "signed", "registered", "started",
                              "building", "operating", "full_capacity"}) {
        EXPECT_GT(counts.count(std::string("stage.") + stage), 0U) << stage;
    }
    // Two years of dispatch: several records per project; every landed project has funds, and
    // every project's current stage carries the date it was reached.
    EXPECT_GT(counts.at("updates"), 638 * 5);
    EXPECT_GT(counts.at("funds"), 0);
    EXPECT_EQ(counts.at("landed_without_funds"), 0);
    EXPECT_EQ(counts.at("stage_without_date"), 0);

    // Freshness is spread: most projects updated within the week, some stale for a month.
    session_client bureau{server.port()};
    ASSERT_EQ(bureau.login("bureau", test_server::demo_password).status, 200);
    const auto all = bureau.get("/api/v1/projects?limit=1");
    ASSERT_EQ(all.status, 200);
    EXPECT_EQ(all.json().at("total").as_int64(), 638);
    const auto stale = bureau.get("/api/v1/projects?stale_days=30&limit=1");
    ASSERT_EQ(stale.status, 200);
    const auto stale_total = stale.json().at("total").as_int64();
    EXPECT_GT(stale_total, 20);
    EXPECT_LT(stale_total, 638 / 4);

    // The article's Yabuli summit: 49 projects in talks worth over 1,000 亿, 13 signed there;
    // since then 3 started, 3 registered and 3 more signed.
    const auto found = bureau.get("/api/v1/events?q=%E4%BA%9A%E5%B8%83%E5%8A%9B");
    ASSERT_EQ(found.status, 200);
    const auto found_body = found.json();
    ASSERT_EQ(found_body.at("total").as_int64(), 1);
    const auto yabuli = found_body.at("items").at(0).at("id").as_int64();
    const auto funnel_res = bureau.get("/api/v1/events/" + std::to_string(yabuli) + "/funnel");
    ASSERT_EQ(funnel_res.status, 200);
    const auto funnel = funnel_res.json();
    const auto projects = [&](const char* when, const char* step) {
        return funnel.at(when).at(step).at("projects").as_int64();
    };
    EXPECT_EQ(projects("at_event", "in_talks"), 36);
    EXPECT_EQ(projects("at_event", "signed"), 13);
    EXPECT_EQ(projects("at_event", "registered"), 0);
    EXPECT_EQ(projects("now", "in_talks"), 33);
    EXPECT_EQ(projects("now", "signed"), 10);
    EXPECT_EQ(projects("now", "registered"), 3);
    EXPECT_EQ(projects("now", "started"), 3);
    const auto in_talks_cny = std::stoll(
        std::string(funnel.at("at_event").at("in_talks").at("investment").at("CNY").as_string()));
    const auto signed_cny = std::stoll(
        std::string(funnel.at("at_event").at("signed").at("investment").at("CNY").as_string()));
    EXPECT_GT(in_talks_cny + signed_cny, 100'000'000'000LL);

    // The demo investor follows three Yabuli projects on the portal, and sees nothing else.
    session_client investor{server.port()};
    ASSERT_EQ(investor.login("investor", test_server::demo_password).status, 200);
    const auto own = investor.get("/api/v1/projects");
    ASSERT_EQ(own.status, 200);
    EXPECT_EQ(own.json().at("total").as_int64(), 3);

    // Leader meetings: most units report on time, none all late; ten recent ones still open.
    const auto rates_res = bureau.get("/api/v1/meetings/fill-rate");
    ASSERT_EQ(rates_res.status, 200);
    const auto rates = rates_res.json();
    std::int64_t pushed = 0;
    std::int64_t on_time = 0;
    for (const auto& row : rates.at("items").as_array()) {
        pushed += row.at("pushed").as_int64();
        on_time += row.at("reported_on_time").as_int64();
    }
    EXPECT_GT(pushed, 150);
    EXPECT_GT(on_time * 100, pushed * 70);
    EXPECT_LT(on_time, pushed);

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
