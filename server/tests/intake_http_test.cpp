#include <gtest/gtest.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "db/database.hpp"
#include "support/session_client.hpp"
#include "support/test_server.hpp"
#include "support/websocket_client.hpp"

namespace zhaoyin {
namespace {

namespace json = boost::json;
using testing::session_client;
using testing::test_server;

class Intake : public ::testing::TestWithParam<db::engine> {
  protected:
    testing::scratch_database scratch{GetParam()};
    test_server server{scratch};
    db::database database{scratch.target(), 1};

    std::int64_t count(const std::string& sql) {
        return database.read([&](db::connection& conn) { return conn.query(sql).integer(0, 0); });
    }
    static json::object intent(json::array preferred = {}) {
        return {{"title", "高端芯片封装测试基地"},
                {"company", "青岛示例半导体有限公司"},
                {"credit_code", "91370200163562681G"},
                {"contact_name", "李女士"},
                {"contact_phone", "13912345678"},
                {"industry", "新一代信息技术"},
                {"investment_total", "300000000"},
                {"currency", "CNY"},
                {"capital_type", "domestic"},
                {"preferred_units", std::move(preferred)},
                {"land_mu", "120.5"},
                {"jobs", 800},
                {"description", "建设芯片封装测试产线，一期投资 3 亿元。"}};
    }
};

TEST_P(Intake, RoutesASubmittedIntentAndAlertsTheUnitLive) {
    // Friday 27 November 2026, 16:30 in Qingdao: the 2 working hours to acknowledge end on
    // Monday at 10:00.
    ASSERT_EQ(testing::post_json(server.port(), "/api/v1/test/clock",
                                 R"({"set":"2026-11-27T16:30:00+08:00"})")
                  .status,
              200);
    session_client staff(server.port());
    ASSERT_EQ(staff.login("370214.staff", test_server::demo_password).status, 200);
    testing::websocket_client console(server.port(), staff.session_token());
    console.read();  // hello
    console.subscribe("unit:7");

    session_client investor(server.port());
    ASSERT_EQ(investor.login("investor", test_server::demo_password).status, 200);
    const auto res =
        investor.send("POST", "/api/v1/intents", json::serialize(intent(json::array{7})),
                      {{"Accept-Language", "en"}});
    ASSERT_EQ(res.status, 201) << res.body;
    const auto body = res.json().at("intent");
    EXPECT_EQ(body.at("status"), "routed");
    EXPECT_EQ(body.at("industry"), "ict");
    EXPECT_EQ(body.at("contact_phone_masked"), "139****5678");
    const auto& routing = body.at("routing").as_array();
    ASSERT_GE(routing.size(), 1U);
    EXPECT_EQ(routing[0].at("unit_name"), "Chengyang District");
    EXPECT_EQ(routing[0].at("reasons").as_array()[0], "The investor chose this area.");
    const auto& assignments = body.at("assignments").as_array();
    ASSERT_GE(assignments.size(), 1U);
    EXPECT_EQ(assignments[0].at("unit_id").as_int64(), 7);
    EXPECT_EQ(assignments[0].at("step"), "acknowledge");
    EXPECT_EQ(assignments[0].at("due_at"), "2026-11-30T10:00:00+08:00");

    const auto alert = json::parse(console.read());
    EXPECT_EQ(alert.at("type"), "intent.routed");
    EXPECT_EQ(alert.at("intent_id"), body.at("id"));
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'intake.intent.submit'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM routing_decision"), 1);
}

TEST_P(Intake, ShowsAnIntentOnlyToItsInvestorAndTheUnitsItReached) {
    session_client investor(server.port());
    ASSERT_EQ(investor.login("investor", test_server::demo_password).status, 200);
    const auto created = investor.post("/api/v1/intents", json::serialize(intent(json::array{7})));
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string target =
        "/api/v1/intents/" + std::to_string(created.json().at("intent").at("id").as_int64());
    EXPECT_EQ(investor.get(target).status, 200);
    const auto as = [&](const char* login) {
        session_client person(server.port());
        EXPECT_EQ(person.login(login, test_server::demo_password).status, 200);
        return person.get(target).status;
    };
    EXPECT_EQ(as("370214.staff"), 200);
    EXPECT_EQ(as("bureau"), 200);
    EXPECT_EQ(as("370202.staff"), 404);
    EXPECT_EQ(as("investor2"), 404);
    EXPECT_EQ(as("auditor"), 403);
}

TEST_P(Intake, RefusesABadIntentFieldByFieldAndStoresNothing) {
    session_client investor(server.port());
    ASSERT_EQ(investor.login("investor", test_server::demo_password).status, 200);
    auto bad = intent(json::array{1, 99999});
    bad["contact_phone"] = "12345";
    bad["industry"] = "alchemy";
    bad["investment_total"] = "-5";
    bad["currency"] = "BTC";
    bad["title"] = "";
    const auto res =
        investor.send("POST", "/api/v1/intents", json::serialize(bad), {{"Accept-Language", "en"}});
    ASSERT_EQ(res.status, 422) << res.body;
    const auto error = res.json();
    const auto& fields = error.at("error").at("fields").as_object();
    for (const char* field : {"contact_phone", "industry", "investment_total", "currency", "title",
                              "preferred_units"}) {
        EXPECT_TRUE(fields.contains(field)) << field;
    }
    EXPECT_EQ(fields.at("title"), "This field is required.");
    EXPECT_EQ(count("SELECT COUNT(*) FROM intent"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox_message"), 0);
}

TEST_P(Intake, ListsIntentsWithTheSameScopeAsSingleReads) {
    session_client investor(server.port());
    session_client other_investor(server.port());
    ASSERT_EQ(investor.login("investor", test_server::demo_password).status, 200);
    ASSERT_EQ(other_investor.login("investor2", test_server::demo_password).status, 200);
    ASSERT_EQ(investor.post("/api/v1/intents", json::serialize(intent(json::array{7}))).status,
              201);
    ASSERT_EQ(investor.post("/api/v1/intents", json::serialize(intent(json::array{4}))).status,
              201);
    auto third = intent(json::array{7});
    third["title"] = "第三个项目";
    ASSERT_EQ(other_investor.post("/api/v1/intents", json::serialize(third)).status, 201);

    const auto listed = [&](session_client& who) {
        const auto res = who.get("/api/v1/intents?page_size=50");
        EXPECT_EQ(res.status, 200);
        const auto body = res.json();
        std::vector<std::string> titles;
        for (const auto& item : body.at("items").as_array()) {
            titles.emplace_back(item.at("title").as_string());
            // Every listed intent also opens.
            EXPECT_EQ(who.get("/api/v1/intents/" + std::to_string(item.at("id").as_int64())).status,
                      200);
        }
        EXPECT_EQ(body.at("total").as_int64(), std::int64_t(titles.size()));
        return titles;
    };
    EXPECT_EQ(listed(investor).size(), 2U);
    EXPECT_EQ(listed(other_investor), (std::vector<std::string>{"第三个项目"}));
    session_client chengyang(server.port());
    ASSERT_EQ(chengyang.login("370214.staff", test_server::demo_password).status, 200);
    EXPECT_EQ(listed(chengyang).size(), 2U);  // the two that preferred 城阳区
    session_client shinan(server.port());
    ASSERT_EQ(shinan.login("370202.staff", test_server::demo_password).status, 200);
    EXPECT_TRUE(listed(shinan).empty());
    session_client bureau(server.port());
    ASSERT_EQ(bureau.login("bureau", test_server::demo_password).status, 200);
    EXPECT_EQ(listed(bureau).size(), 3U);
    EXPECT_EQ(bureau.get("/api/v1/intents?page=0").status, 422);
}

INSTANTIATE_TEST_SUITE_P(Engines, Intake, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
