#include <gtest/gtest.h>

#include "core/time_format.hpp"
#include "db/database.hpp"
#include "service/calendar/working_calendar.hpp"
#include "support/session_client.hpp"
#include "support/test_server.hpp"

namespace zhaoyin {
namespace {

namespace json = boost::json;
using testing::session_client;
using testing::test_server;

// The bureau's console settings over HTTP on both engines: routing rules (read, dry run, save)
// and the working calendar's later years.
class ConsoleRules : public ::testing::TestWithParam<db::engine> {
  protected:
    void SetUp() override {
        ASSERT_EQ(testing::post_json(server.port(), "/api/v1/test/clock",
                                     R"({"set":"2026-11-27T09:00:00+08:00"})")
                      .status,
                  200);
        ASSERT_EQ(bureau.login("bureau", test_server::demo_password).status, 200);
    }
    std::int64_t count(const std::string& sql) {
        return database.read([&](db::connection& conn) { return conn.query(sql).integer(0, 0); });
    }
    static std::map<std::string, std::string> fields_of(const testing::http_response& res) {
        std::map<std::string, std::string> out;
        const auto body = res.json();
        for (const auto& [k, v] : body.at("error").at("fields").as_object()) {
            out[std::string(k)] = std::string(v.as_string());
        }
        return out;
    }
    int status_as(const char* login, const std::string& method, const std::string& target,
                  const std::string& body = "{}") {
        session_client person(server.port());
        EXPECT_EQ(person.login(login, test_server::demo_password).status, 200);
        return method == "GET" ? person.get(target).status
                               : person.send(method, target, body).status;
    }
    void submit_intent(session_client& investor, const char* industry) {
        const json::object body{{"title", "测试项目"},      {"company", "青岛示例有限公司"},
                                {"contact_name", "李女士"}, {"contact_phone", "13912345678"},
                                {"industry", industry},     {"investment_total", "100000000"},
                                {"currency", "CNY"},        {"capital_type", "domestic"},
                                {"description", "试运行"}};
        const auto res = investor.post("/api/v1/intents", json::serialize(body));
        ASSERT_EQ(res.status, 201) << res.body;
    }

    testing::scratch_database scratch{GetParam()};
    test_server server{scratch};
    db::database database{scratch.target(), 1};
    session_client bureau{server.port()};
    const testing::header_list en{{"Accept-Language", "en"}};
};

TEST_P(ConsoleRules, RoutingRulesAreReadTriedAndSavedAsVersions) {
    auto res = bureau.get("/api/v1/routing/rules");
    ASSERT_EQ(res.status, 200) << res.body;
    auto body = res.json();
    EXPECT_EQ(body.at("current").at("source"), "default");
    EXPECT_EQ(body.at("current").at("version"), 0);
    EXPECT_EQ(body.at("current").at("rules").at("max_candidates"), 3);
    EXPECT_EQ(body.at("current").at("rules").at("deadlines_minutes").at("acknowledge"), 120);
    EXPECT_TRUE(body.at("history").as_array().empty());

    session_client investor(server.port());
    ASSERT_EQ(investor.login("investor", test_server::demo_password).status, 200);
    submit_intent(investor, "ict");
    submit_intent(investor, "A");

    auto rules = body.at("current").at("rules").as_object();
    rules["max_candidates"] = 1;
    res = bureau.send("POST", "/api/v1/routing/rules/dry-run",
                      json::serialize(json::object{{"rules", rules}}), en);
    ASSERT_EQ(res.status, 200) << res.body;
    body = res.json();
    EXPECT_EQ(body.at("compared"), 2);
    EXPECT_EQ(body.at("changed"), 1);
    const auto& ict = body.at("items").as_array()[1];
    EXPECT_TRUE(ict.at("changed").as_bool());
    EXPECT_EQ(ict.at("before").as_array().size(), 3U);
    ASSERT_EQ(ict.at("after").as_array().size(), 1U);
    EXPECT_EQ(ict.at("after").at(0).at("unit_name"), "Shibei District");
    EXPECT_FALSE(body.at("items").at(0).at("changed").as_bool());
    EXPECT_EQ(count("SELECT COUNT(*) FROM routing_rule_version"), 0);

    auto bad = rules;
    bad["industry_rank_decay"] = 2;
    bad["weights"].as_object()["preference"] = -5;
    res = bureau.send("PUT", "/api/v1/routing/rules",
                      json::serialize(json::object{{"rules", bad}, {"base_version", 0}}), en);
    ASSERT_EQ(res.status, 422) << res.body;
    EXPECT_EQ(fields_of(res), (std::map<std::string, std::string>{
                                  {"rules.industry_rank_decay", "Must be between 0 and 1."},
                                  {"rules.weights.preference", "Must be between 0 and 1000."}}));

    res = bureau.send("PUT", "/api/v1/routing/rules",
                      json::serialize(json::object{
                          {"rules", rules}, {"note", "只派给最匹配的地区"}, {"base_version", 0}}));
    ASSERT_EQ(res.status, 200) << res.body;
    body = res.json();
    EXPECT_EQ(body.at("current").at("version"), 1);
    EXPECT_EQ(body.at("current").at("source"), "saved");
    EXPECT_EQ(body.at("current").at("label"), "console.1");
    EXPECT_EQ(body.at("current").at("rules").at("max_candidates"), 1);
    ASSERT_EQ(body.at("history").as_array().size(), 1U);
    EXPECT_EQ(body.at("history").at(0).at("note"), "只派给最匹配的地区");
    EXPECT_EQ(body.at("history").at(0).at("created_at"), "2026-11-27T09:00:00+08:00");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'intake.routing_rules.save'"),
              1);

    // A second operator saving from the page they loaded before that save.
    res = bureau.send("PUT", "/api/v1/routing/rules",
                      json::serialize(json::object{{"rules", rules}, {"base_version", 0}}));
    EXPECT_EQ(res.status, 409) << res.body;
    EXPECT_EQ(count("SELECT COUNT(*) FROM routing_rule_version"), 1);
}

TEST_P(ConsoleRules, RoutingRulesAreTheBureausAlone) {
    EXPECT_EQ(status_as("370214.lead", "GET", "/api/v1/routing/rules"), 403);
    EXPECT_EQ(status_as("leader", "POST", "/api/v1/routing/rules/dry-run"), 403);
    EXPECT_EQ(status_as("investor", "PUT", "/api/v1/routing/rules"), 403);
    EXPECT_EQ(testing::http_get(server.port(), "/api/v1/routing/rules").status, 401);
}

TEST_P(ConsoleRules, WarnsAboutTheNextYearUntilTheBureauEntersIt) {
    auto res = bureau.get("/api/v1/calendar/years", en);
    ASSERT_EQ(res.status, 200) << res.body;
    auto body = res.json();
    EXPECT_EQ(body.at("current_year"), 2026);
    const auto& years = body.at("years").as_array();
    ASSERT_EQ(years.size(), 3U);
    EXPECT_EQ(years[1].at("year"), 2026);
    EXPECT_TRUE(years[1].at("published").as_bool());
    EXPECT_EQ(years[1].at("holidays").at(0).at("date"), "2026-01-01");
    EXPECT_EQ(years[1].at("holidays").at(0).at("name"), "New Year's Day");
    EXPECT_FALSE(years[2].at("published").as_bool());
    ASSERT_EQ(body.at("warnings").as_array().size(), 1U);
    EXPECT_EQ(body.at("warnings").at(0).at("year"), 2027);
    EXPECT_EQ(body.at("warnings").at(0).at("message"),
              "No holidays entered for 2027: working days there follow weekends only.");

    // Every problem at once; nothing stored.
    const json::object wrong{
        {"holidays", json::array{json::object{{"date", "2026-12-31"}, {"name", "元旦"}},
                                 json::object{{"date", "2027-02-08"}, {"name", "春节"}},
                                 json::object{{"date", "2027-02-08"}, {"name", "春节"}},
                                 json::object{{"date", "2027-03-06"}, {"name", "植树节"}},
                                 json::object{{"date", "2027-02-30"}, {"name", ""}}}},
        {"workdays", json::array{"2027-02-08", "2027-02-22", "2027-02-20"}}};
    res = bureau.send("PUT", "/api/v1/calendar/years/2027", json::serialize(wrong), en);
    ASSERT_EQ(res.status, 422) << res.body;
    EXPECT_EQ(fields_of(res),
              (std::map<std::string, std::string>{
                  {"holidays[0].date", "The date is not in 2027."},
                  {"holidays[2].date", "This date is listed twice."},
                  {"holidays[3].date",
                   "These holidays all fall on a weekend and change no working day; check the "
                   "dates."},
                  {"holidays[4].date", "Must be a date in the form YYYY-MM-DD."},
                  {"holidays[4].name", "This field is required."},
                  {"workdays[0]", "A day cannot be both a holiday and an adjusted working day."},
                  {"workdays[1]", "An adjusted working day falls on a Saturday or Sunday."}}));
    EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_year WHERE year = 2027"), 0);

    json::array holidays{json::object{{"date", "2027-01-01"}, {"name", "元旦"}}};
    for (const char* day : {"2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10",
                            "2027-02-11", "2027-02-12", "2027-02-13"}) {
        holidays.push_back(json::object{{"date", day}, {"name", "春节"}});
    }
    const json::object entry{{"holidays", holidays},
                             {"workdays", json::array{"2027-02-20", "2027-01-03"}}};
    res = bureau.send("PUT", "/api/v1/calendar/years/2027", json::serialize(entry));
    ASSERT_EQ(res.status, 200) << res.body;
    body = res.json();
    EXPECT_TRUE(body.at("warnings").as_array().empty());
    EXPECT_TRUE(body.at("year").at("published").as_bool());
    EXPECT_EQ(body.at("year").at("holidays").as_array().size(), 9U);
    const auto& workdays = body.at("year").at("workdays").as_array();
    ASSERT_EQ(workdays.size(), 2U);
    EXPECT_EQ(workdays[0].at("date"), "2027-01-03");
    EXPECT_EQ(workdays[0].at("name_zh"), "元旦调休上班");
    EXPECT_EQ(workdays[1].at("name_zh"), "春节调休上班");
    EXPECT_EQ(workdays[1].at("name_en"), "Spring Festival (adjusted working day)");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = "
                    "'reference.calendar.year.update'"),
              1);

    const auto calendar =
        database.read([](db::connection& conn) { return service::calendar::load_calendar(conn); });
    using namespace std::chrono;
    EXPECT_TRUE(calendar.year_published(2027));
    EXPECT_FALSE(calendar.is_working_day(sys_days{2027y / February / 8}));
    EXPECT_TRUE(calendar.is_working_day(sys_days{2027y / February / 20}));
    // Two working hours from Friday 5 February, 16:30: one hour that day, the other after the
    // festival, on Monday 15 February.
    EXPECT_EQ(format_cst(calendar.add_working_time(*parse_rfc3339("2027-02-05T16:30:00+08:00"),
                                                   minutes(120))),
              "2027-02-15T10:00:00+08:00");

    // Entering the year again replaces it as a whole.
    res = bureau.send(
        "PUT", "/api/v1/calendar/years/2027",
        json::serialize(json::object{
            {"holidays", json::array{json::object{{"date", "2027-01-01"}, {"name", "元旦"}}}}}));
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_day WHERE day LIKE '2027-%'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_day WHERE day LIKE '2026-%'"), 39);
}

TEST_P(ConsoleRules, CalendarIsReadByStaffAndWrittenByTheBureau) {
    EXPECT_EQ(status_as("370214.staff", "GET", "/api/v1/calendar/years"), 200);
    EXPECT_EQ(status_as("leader", "GET", "/api/v1/calendar/years"), 200);
    EXPECT_EQ(status_as("370214.lead", "PUT", "/api/v1/calendar/years/2027", R"({"holidays":[]})"),
              403);
    EXPECT_EQ(status_as("investor", "GET", "/api/v1/calendar/years"), 403);
    const auto res = bureau.send("PUT", "/api/v1/calendar/years/1999", R"({"holidays":[]})");
    EXPECT_EQ(res.status, 422) << res.body;
}

INSTANTIATE_TEST_SUITE_P(Engines, ConsoleRules, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
