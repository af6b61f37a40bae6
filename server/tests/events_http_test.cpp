#include <gtest/gtest.h>

#include "db/database.hpp"
#include "support/clocked_server_test.hpp"
#include "support/session_client.hpp"
#include "support/test_server.hpp"

namespace zhaoyin {
namespace {

namespace json = boost::json;
using testing::session_client;
using testing::test_server;

constexpr std::int64_t chengyang = 7;  // 城阳区 (370214)
constexpr std::int64_t shinan = 2;     // 市南区 (370202)

// Major events over HTTP: recorded by the bureau, signings attached, and each event's funnel at
// its end date and now. The fixture is a small Yabuli summit: at the event 5 projects in talks
// and 2 signed; afterwards one started, one registered and one more signed.
class Events : public testing::clocked_server_test {
  protected:
    static json::object event_body(const std::string& name) {
        return {{"name", name},
                {"starts_on", "2026-08-20"},
                {"ends_on", "2026-08-22"},
                {"place", "黑龙江亚布力"},
                {"organiser", "中国企业家论坛"},
                {"description", "夏季高峰会青岛专场。"}};
    }

    std::int64_t create_event(const std::string& name) {
        const auto res =
            signed_in("bureau")->post("/api/v1/events", json::serialize(event_body(name)));
        EXPECT_EQ(res.status, 201) << res.body;
        const auto reply = res.json();
        return reply.at("event").at("id").as_int64();
    }

    static std::string path(std::int64_t id, const std::string& rest = "") {
        return "/api/v1/events/" + std::to_string(id) + rest;
    }

    // A project registered by the bureau with its stage and the stages' actual dates.
    std::int64_t project(const std::string& name, std::int64_t unit, const std::string& amount,
                         const std::string& currency, const std::string& stage,
                         const std::vector<std::pair<std::string, std::string>>& reached,
                         std::optional<std::int64_t> event) {
        json::array dates;
        for (const auto& [code, on] : reached) {
            dates.push_back(json::object{{"stage", code}, {"actual_on", on}});
        }
        json::object body{{"name", name},
                          {"company", name + "有限公司"},
                          {"industry", "ict"},
                          {"capital_type", currency == "USD" ? "foreign" : "domestic"},
                          {"investment_total", amount},
                          {"currency", currency},
                          {"undertaking_unit_id", unit},
                          {"source", "event"},
                          {"stage", stage},
                          {"stage_dates", std::move(dates)}};
        if (event) {
            body["event_id"] = *event;
        }
        const auto res = signed_in("bureau")->post("/api/v1/projects", json::serialize(body));
        EXPECT_EQ(res.status, 201) << res.body;
        const auto reply = res.json();
        return reply.at("project").at("id").as_int64();
    }

    static void expect_step(const json::value& funnel, const char* step, std::int64_t projects,
                            const char* cny, const char* usd) {
        const auto& s = funnel.at(step);
        EXPECT_EQ(s.at("projects").as_int64(), projects) << step;
        EXPECT_EQ(s.at("investment").at("CNY"), cny) << step;
        EXPECT_EQ(s.at("investment").at("USD"), usd) << step;
    }
};

TEST_P(Events, TheBureauRecordsEventsAndRefusesBadFieldsStoringNothing) {
    const auto res =
        signed_in("bureau")->post("/api/v1/events", json::serialize(event_body("亚布力夏季峰会")));
    ASSERT_EQ(res.status, 201) << res.body;
    const auto reply = res.json();
    const auto& e = reply.at("event").as_object();
    EXPECT_EQ(e.at("name"), "亚布力夏季峰会");
    EXPECT_EQ(e.at("starts_on"), "2026-08-20");
    EXPECT_EQ(e.at("ends_on"), "2026-08-22");
    EXPECT_EQ(e.at("organiser"), "中国企业家论坛");
    EXPECT_EQ(e.at("funnel").at("at_event").at("in_talks").at("projects").as_int64(), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'dispatch.event.create'"), 1);
    create_event("跨国公司青岛行");

    const auto before = count("SELECT COUNT(*) FROM event");
    const json::object bad{{"name", ""},
                           {"starts_on", "2026-08-22"},
                           {"ends_on", "2026-08-20"},
                           {"place", ""},
                           {"organiser", ""}};
    const auto refused = signed_in("bureau")->post("/api/v1/events", json::serialize(bad));
    ASSERT_EQ(refused.status, 422) << refused.body;
    const auto error = refused.json();
    const auto& fields = error.at("error").at("fields").as_object();
    for (const char* field : {"name", "ends_on", "place", "organiser"}) {
        EXPECT_TRUE(fields.contains(field)) << field << " in " << refused.body;
    }
    EXPECT_EQ(signed_in("bureau")
                  ->post("/api/v1/events", R"({"name":"x","starts_on":"2026-02-30"})")
                  .json()
                  .at("error")
                  .at("fields")
                  .as_object()
                  .contains("starts_on"),
              true);
    EXPECT_EQ(count("SELECT COUNT(*) FROM event"), before);
    EXPECT_EQ(signed_in("370214.staff")
                  ->post("/api/v1/events", json::serialize(event_body("越权")))
                  .status,
              403);
    EXPECT_EQ(signed_in("investor")->get("/api/v1/events").status, 403);

    // Units and leaders read every event; the list pages and searches.
    const auto listed = signed_in("370214.staff")->get("/api/v1/events");
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.json().at("total").as_int64(), 2);
    const auto found = signed_in("leader")->get("/api/v1/events?q=%E8%B7%A8%E5%9B%BD");
    ASSERT_EQ(found.status, 200);  // 跨国
    EXPECT_EQ(found.json().at("total").as_int64(), 1);
    EXPECT_EQ(found.json().at("items").at(0).at("name"), "跨国公司青岛行");
    EXPECT_EQ(
        signed_in("bureau")->get("/api/v1/events?page_size=1").json().at("items").as_array().size(),
        1U);
    EXPECT_EQ(signed_in("bureau")->get(path(999999)).status, 404);
}

TEST_P(Events, TheFunnelComparesTheEventsEndWithNowAndNamesWhatMoved) {
    const auto summit = create_event("亚布力夏季峰会（测试）");
    const auto other = create_event("另一场活动");
    // In talks at the event (dated on or before 22 August), and where each stands now.
    const auto p1 = project("一号项目", chengyang, "300000000", "CNY", "started",
                            {{"negotiating", "2026-08-21"},
                             {"signed", "2026-09-01"},
                             {"registered", "2026-09-15"},
                             {"started", "2026-10-10"}},
                            summit);
    const auto p2 = project(
        "二号项目", chengyang, "200000000", "CNY", "registered",
        {{"negotiating", "2026-08-21"}, {"signed", "2026-09-05"}, {"registered", "2026-10-20"}},
        summit);
    const auto p3 = project("三号项目", chengyang, "150000000", "CNY", "signed",
                            {{"negotiating", "2026-08-21"}, {"signed", "2026-11-02"}}, summit);
    project("四号项目", chengyang, "100000000", "CNY", "negotiating",
            {{"negotiating", "2026-08-20"}}, summit);
    project("五号项目", shinan, "50000000.50", "CNY", "planning", {}, summit);
    // Signed at the event: one dated so, one through a signing attached afterwards.
    project("七号项目", chengyang, "80000000", "CNY", "signed",
            {{"negotiating", "2026-07-01"}, {"signed", "2026-08-22"}}, summit);
    const auto p6 = project("六号项目", shinan, "20000000", "USD", "signed",
                            {{"negotiating", "2026-08-01"}}, std::nullopt);
    // Another event's project is not counted.
    project("别的活动项目", chengyang, "990000000", "CNY", "started", {{"started", "2026-08-21"}},
            other);

    const auto bureau = signed_in("bureau");
    const auto signing = bureau->post(path(summit, "/signings"),
                                      json::serialize(json::object{{"project_id", p6},
                                                                   {"signed_on", "2026-08-22"},
                                                                   {"amount", "20000000"},
                                                                   {"currency", "USD"}}));
    ASSERT_EQ(signing.status, 201) << signing.body;
    EXPECT_EQ(signing.json().at("event").at("signings").as_array().size(), 1U);
    EXPECT_EQ(count("SELECT event_id FROM project WHERE id = " + std::to_string(p6)), summit);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'dispatch.event.sign'"), 1);

    const auto res = bureau->get(path(summit, "/funnel"));
    ASSERT_EQ(res.status, 200) << res.body;
    const auto funnel = res.json();
    EXPECT_EQ(funnel.at("ends_on"), "2026-08-22");
    expect_step(funnel.at("at_event"), "in_talks", 5, "800000000.5", "0");
    expect_step(funnel.at("at_event"), "signed", 2, "80000000", "20000000");
    expect_step(funnel.at("at_event"), "registered", 0, "0", "0");
    expect_step(funnel.at("at_event"), "started", 0, "0", "0");
    expect_step(funnel.at("now"), "in_talks", 2, "150000000.5", "0");
    expect_step(funnel.at("now"), "signed", 3, "230000000", "20000000");
    expect_step(funnel.at("now"), "registered", 1, "200000000", "0");
    expect_step(funnel.at("now"), "started", 1, "300000000", "0");
    const auto& changes = funnel.at("changes").as_array();
    ASSERT_EQ(changes.size(), 3U) << res.body;
    const std::vector<std::tuple<std::int64_t, std::string, std::string>> moved{
        {p1, "negotiating", "started"},
        {p2, "negotiating", "registered"},
        {p3, "negotiating", "signed"}};
    for (std::size_t i = 0; i < moved.size(); ++i) {
        const auto& [id, from, to] = moved[i];
        EXPECT_EQ(changes[i].at("project_id").as_int64(), id);
        EXPECT_EQ(changes[i].at("from"), from.c_str());
        EXPECT_EQ(changes[i].at("to"), to.c_str());
    }
    // The event page carries the same funnel.
    const auto page = bureau->get(path(summit)).json();
    for (const char* part : {"at_event", "now", "changes"}) {
        EXPECT_EQ(page.at("event").at("funnel").at(part), funnel.at(part)) << part;
    }

    // A unit's funnel counts its own projects only.
    const auto unit_view = signed_in("370214.staff")->get(path(summit, "/funnel"));
    ASSERT_EQ(unit_view.status, 200);
    const auto unit_funnel = unit_view.json();
    expect_step(unit_funnel.at("at_event"), "in_talks", 4, "750000000", "0");
    expect_step(unit_funnel.at("at_event"), "signed", 1, "80000000", "0");
    EXPECT_TRUE(signed_in("370214.staff")
                    ->get(path(summit))
                    .json()
                    .at("event")
                    .at("signings")
                    .as_array()
                    .empty());
}

TEST_P(Events, SigningsAndRegistrationsNameOnlyRealEventsAndVisibleProjects) {
    const auto summit = create_event("亚布力夏季峰会");
    const auto ours =
        project("城阳项目", chengyang, "100000000", "CNY", "negotiating", {}, std::nullopt);
    const auto theirs =
        project("市南项目", shinan, "100000000", "CNY", "negotiating", {}, std::nullopt);
    const auto staff = signed_in("370214.staff");
    const auto before = count("SELECT COUNT(*) FROM event_signing");
    const auto audited = count("SELECT COUNT(*) FROM audit_entry");
    const json::object bad{{"project_id", theirs},  // not the unit's
                           {"signed_on", "2026-12-24"},
                           {"amount", "1e6"},
                           {"currency", "EUR"}};
    const auto refused = staff->post(path(summit, "/signings"), json::serialize(bad));
    ASSERT_EQ(refused.status, 422) << refused.body;
    const auto error = refused.json();
    const auto& fields = error.at("error").at("fields").as_object();
    for (const char* field : {"project_id", "signed_on", "amount", "currency"}) {
        EXPECT_TRUE(fields.contains(field)) << field << " in " << refused.body;
    }
    EXPECT_EQ(staff->post(path(summit, "/signings"), R"({"signed_on":"2026-08-21"})").status, 422);
    EXPECT_EQ(staff->post(path(999999, "/signings"), R"({})").status, 404);
    EXPECT_EQ(count("SELECT COUNT(*) FROM event_signing"), before);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry"), audited);

    const json::object good{{"project_id", ours},
                            {"signed_on", "2026-08-21"},
                            {"amount", "5000.5"},
                            {"currency", "CNY"}};
    ASSERT_EQ(staff->post(path(summit, "/signings"), json::serialize(good)).status, 201);
    const auto twice = staff->post(path(summit, "/signings"), json::serialize(good));
    ASSERT_EQ(twice.status, 422);
    EXPECT_TRUE(twice.json().at("error").at("fields").as_object().contains("project_id"));
    EXPECT_EQ(signed_in("investor")->post(path(summit, "/signings"), json::serialize(good)).status,
              403);

    // A project names an event that exists.
    const json::object body{{"name", "活动项目"},
                            {"company", "活动项目有限公司"},
                            {"industry", "ict"},
                            {"capital_type", "domestic"},
                            {"investment_total", "100000000"},
                            {"currency", "CNY"},
                            {"undertaking_unit_id", chengyang},
                            {"source", "event"},
                            {"event_id", 999999}};
    const auto unknown = staff->post("/api/v1/projects", json::serialize(body));
    ASSERT_EQ(unknown.status, 422);
    EXPECT_TRUE(unknown.json().at("error").at("fields").as_object().contains("event_id"));
    auto real = body;
    real["event_id"] = summit;
    const auto registered = staff->post("/api/v1/projects", json::serialize(real));
    ASSERT_EQ(registered.status, 201) << registered.body;
    EXPECT_EQ(registered.json().at("project").at("event_id").as_int64(), summit);
}

INSTANTIATE_TEST_SUITE_P(Engines, Events, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
