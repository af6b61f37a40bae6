#include <functional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/clocked_server_test.hpp"
#include "support/websocket_client.hpp"

namespace zhaoyin {
namespace {

namespace json = boost::json;
using testing::session_client;

constexpr std::int64_t chengyang = 7;  // 城阳区 (370214)
constexpr std::int64_t shinan = 2;     // 市南区 (370202)

// The six dashboard modules over HTTP: exact figures from a fixture, every figure equal to the
// total of its drill-down list for the same caller, peers anonymised for a unit's staff, bad
// filters refused, the bureau's indicators and the live event.
class Dashboard : public testing::clocked_server_test {
  protected:
    std::int64_t hi_tech_zone = 0;
    std::int64_t task_force = 0;

    std::int64_t add_project(std::int64_t unit, const std::string& name,
                             const std::string& industry, const std::string& stage,
                             const std::string& amount, const std::string& currency,
                             json::object more = {}) {
        auto body = minimal_project(unit, name);
        body["industry"] = industry;
        body["stage"] = stage;
        body["investment_total"] = amount;
        body["currency"] = currency;
        body["capital_type"] = currency == "USD" ? "foreign" : "domestic";
        for (const auto& item : more) {
            body[item.key()] = item.value();
        }
        return register_project_as("bureau", body);
    }

    // 2026: 甲 (Chengyang, ict, signed, 6 亿, campaign ocean, task force ict, March), 乙
    // (Chengyang, ai, event, planning → negotiating), 丙 (Shinan, ict, registered, 9000 万
    // USD), 丁 (Shinan, C, negotiating, 2500.50 yuan), 戊 (the Hi-tech zone under Chengyang,
    // ai, planning); 己 (Chengyang, signed 6 亿) was registered in 2025.
    void SetUp() override {
        hi_tech_zone = count("SELECT id FROM unit WHERE code = '370214400'");
        task_force = count("SELECT id FROM unit WHERE unit_key = 'tf.ict'");
        set_clock("2025-06-02T10:00:00+08:00");
        add_project(chengyang, "己项目", "ict", "signed", "600000000", "CNY");
        set_clock("2026-03-10T10:00:00+08:00");
        const auto first = add_project(
            chengyang, "甲项目", "ict", "signed", "600000000", "CNY",
            {{"campaign_code", "ocean"}, {"campaign", true}, {"task_force_unit_id", task_force}});
        json::object funds{{"text", "资金到位"},
                           {"funds", json::object{{"arrived_on", "2026-03-10"},
                                                  {"amount", "1000000"},
                                                  {"currency", "CNY"}}}};
        ASSERT_EQ(
            signed_in("bureau")
                ->post(fmt::format("/api/v1/projects/{}/updates", first), json::serialize(funds))
                .status,
            201);
        set_clock("2026-11-30T09:00:00+08:00");
        const auto event = signed_in("bureau")->post(
            "/api/v1/events", json::serialize(json::object{{"name", "跨国公司领导人青岛峰会"},
                                                           {"starts_on", "2026-11-01"},
                                                           {"ends_on", "2026-11-02"},
                                                           {"place", "青岛"},
                                                           {"organiser", "市商务局"}}));
        ASSERT_EQ(event.status, 201) << event.body;
        const auto event_id = event.json().at("event").at("id").as_int64();
        const auto second = add_project(chengyang, "乙项目", "ai", "planning", "100000000", "CNY",
                                        {{"source", "event"}, {"event_id", event_id}});
        ASSERT_EQ(signed_in("bureau")
                      ->post(fmt::format("/api/v1/projects/{}/updates", second),
                             R"({"text":"洽谈中","stage":"negotiating"})")
                      .status,
                  201);
        add_project(shinan, "丙项目", "ict", "registered", "90000000", "USD");
        add_project(shinan, "丁项目", "C", "negotiating", "2500.50", "CNY");
        add_project(hi_tech_zone, "戊项目", "ai", "planning", "300000000", "CNY");
    }

    static json::object reply_of(const testing::http_response& res) {
        EXPECT_EQ(res.status, 200) << res.body;
        return res.json().as_object();
    }

    // Every figure that carries a drill-down, anywhere in a module's reply.
    static void each_figure(const json::value& v,
                            const std::function<void(const json::object&)>& f) {
        if (v.is_object()) {
            const auto& o = v.as_object();
            if (o.contains("projects") && o.contains("investment_cny")) {
                f(o);
            }
            for (const auto& item : o) {
                each_figure(item.value(), f);
            }
        } else if (v.is_array()) {
            for (const auto& item : v.as_array()) {
                each_figure(item, f);
            }
        }
    }

    // Checks that each drill-down lists as many projects as its figure counts; returns how many
    // figures had one.
    int expect_drills_match(session_client& who, const std::string& module,
                            const std::string& query) {
        const auto body = reply_of(who.get("/api/v1/dashboard/" + module + query));
        int drills = 0;
        each_figure(body, [&](const json::object& figure) {
            if (figure.contains("anonymous")) {
                EXPECT_FALSE(figure.contains("drill")) << json::serialize(figure);
                EXPECT_TRUE(figure.at("name").is_null());
                EXPECT_TRUE(figure.at("unit_id").is_null());
                return;
            }
            if (!figure.contains("drill")) {
                return;
            }
            ++drills;
            const std::string drill(figure.at("drill").as_string());
            const auto list = who.get("/api/v1/projects?page_size=1&" + drill);
            ASSERT_EQ(list.status, 200) << drill << ": " << list.body;
            EXPECT_EQ(list.json().at("total").as_int64(), figure.at("projects").as_int64())
                << module << query << " " << drill;
        });
        return drills;
    }

    static const json::object& item_where(const json::value& list, const std::string& key,
                                          const json::value& value) {
        for (const auto& item : list.as_array()) {
            if (item.as_object().at(key) == value) {
                return item.as_object();
            }
        }
        throw std::runtime_error("no item with " + key + " " + json::serialize(value));
    }
};

TEST_P(Dashboard, FiguresOfTheBureauFromTheFixture) {
    const auto bureau = signed_in("bureau");
    const auto stages = reply_of(bureau->get("/api/v1/dashboard/stages"));
    EXPECT_EQ(stages.at("period"), "2026");
    const auto& negotiating = item_where(stages.at("stages"), "stage", "negotiating");
    EXPECT_EQ(negotiating.at("projects"), 2);
    EXPECT_EQ(negotiating.at("investment_cny"), "100002500.50");
    EXPECT_EQ(negotiating.at("drill"), "period=2026&stage=negotiating");
    const auto& registered = item_where(stages.at("stages"), "stage", "registered");
    EXPECT_EQ(registered.at("investment_cny"), "0.00");
    EXPECT_EQ(registered.at("investment_usd"), "90000000.00");
    // 乙 was registered at planning and moved to negotiating in November.
    const auto& flow = stages.at("flow").as_array();
    EXPECT_TRUE(std::any_of(flow.begin(), flow.end(), [](const auto& f) {
        return f.at("month") == "2026-11" && f.at("from") == "planning" &&
               f.at("to") == "negotiating" && f.at("projects") == 1;
    })) << json::serialize(flow);

    const auto overview = reply_of(bureau->get("/api/v1/dashboard/overview"));
    const auto& city = overview.at("signed_large").at("city");
    EXPECT_EQ(city.at("projects"), 2);  // 甲 and 丙; 己 was 2025
    EXPECT_EQ(city.at("investment_cny"), "600000000.00");
    EXPECT_EQ(item_where(overview.at("campaigns"), "code", "ocean").at("projects"), 1);
    EXPECT_EQ(overview.at("campaigns").as_array().size(), 15u);
    EXPECT_EQ(item_where(overview.at("task_forces"), "unit_id", task_force).at("projects"), 1);

    const auto undertaking = reply_of(bureau->get("/api/v1/dashboard/undertaking"));
    const auto& own = item_where(undertaking.at("units"), "unit_id", chengyang);
    EXPECT_EQ(own.at("projects"), 2);
    EXPECT_EQ(own.at("funds_arrived_cny"), "1000000.00");
    EXPECT_EQ(own.at("name"), "城阳区");

    const auto sources = reply_of(bureau->get("/api/v1/dashboard/sources"));
    EXPECT_EQ(item_where(sources.at("by_source"), "source", "event").at("projects"), 1);
    EXPECT_EQ(item_where(sources.at("by_source"), "source", "other").at("projects"), 4);
    EXPECT_EQ(sources.at("events").as_array().size(), 1u);

    const auto industries = reply_of(bureau->get("/api/v1/dashboard/industries"));
    EXPECT_EQ(item_where(industries.at("chains"), "chain", "ict").at("projects"), 2);
    EXPECT_EQ(item_where(industries.at("chains"), "chain", "ai").at("projects"), 2);
    EXPECT_EQ(item_where(industries.at("sections"), "section", "C").at("projects"), 1);

    const auto q1 = reply_of(bureau->get("/api/v1/dashboard/stages?period=2026-Q1"));
    EXPECT_EQ(item_where(q1.at("stages"), "stage", "signed").at("projects"), 1);
    const auto year_2025 = reply_of(bureau->get("/api/v1/dashboard/overview?period=2025"));
    EXPECT_EQ(year_2025.at("signed_large").at("city").at("projects"), 1);
}

TEST_P(Dashboard, EveryFigureEqualsItsDrillDownForEachRoleAndFilter) {
    const std::vector<std::string> modules{"overview", "sources", "undertaking", "stages",
                                           "industries"};
    for (const std::string login : {"bureau", "leader", "auditor", "370214.lead", "370214.staff"}) {
        const auto who = signed_in(login);
        for (const std::string query :
             {"", "?period=2026-Q1", "?industry=ict", "?source=event", "?period=2025-06"}) {
            for (const auto& module : modules) {
                expect_drills_match(*who, module, query);
            }
        }
        EXPECT_GT(expect_drills_match(*who, "undertaking", "?unit_id=7"), 0) << login;
    }
    const auto bureau = signed_in("bureau");
    EXPECT_GT(expect_drills_match(*bureau, "overview", "?unit_id=2"), 0);
}

TEST_P(Dashboard, EveryStageFlowItemDrillsToTheProjectsThatMadeThatMove) {
    for (const std::string login : {"bureau", "370214.lead"}) {
        const auto who = signed_in(login);
        const auto body = reply_of(who->get("/api/v1/dashboard/stages"));
        const auto& flow = body.at("flow").as_array();
        ASSERT_FALSE(flow.empty()) << login;
        int registrations = 0;
        int changes = 0;
        for (const auto& item : flow) {
            const std::string drill(item.at("drill").as_string());
            const auto list = who->get("/api/v1/projects?page_size=1&" + drill);
            ASSERT_EQ(list.status, 200) << drill << ": " << list.body;
            EXPECT_EQ(list.json().at("total").as_int64(), item.at("projects").as_int64())
                << login << " " << drill;
            ++(item.at("from").is_null() ? registrations : changes);
        }
        // Both kinds of entry are checked: at registration and by a recorded change.
        EXPECT_GT(registrations, 0) << login;
        EXPECT_GT(changes, 0) << login;
    }
    const auto bureau = signed_in("bureau");
    const auto bad =
        bureau->get("/api/v1/projects?entered_stage=nope&entered_from=nope&entered_period=2026-13");
    ASSERT_EQ(bad.status, 422) << bad.body;
    const auto bad_body = bad.json();
    const auto& fields = bad_body.at("error").at("fields").as_object();
    for (const auto* field : {"entered_stage", "entered_from", "entered_period"}) {
        EXPECT_TRUE(fields.contains(field)) << field << ": " << bad.body;
    }
    const auto missing = bureau->get("/api/v1/projects?entered_from=signed");
    ASSERT_EQ(missing.status, 422) << missing.body;
    const auto missing_body = missing.json();
    EXPECT_TRUE(missing_body.at("error").at("fields").as_object().contains("entered_stage"));
    EXPECT_TRUE(missing_body.at("error").at("fields").as_object().contains("entered_period"));
}

TEST_P(Dashboard, AUnitSeesItsOwnUnitsByNameAndPeersAnonymised) {
    const auto lead = signed_in("370214.lead");
    const auto undertaking = reply_of(lead->get("/api/v1/dashboard/undertaking"));
    const auto& own = item_where(undertaking.at("units"), "unit_id", chengyang);
    EXPECT_EQ(own.at("drill"), "period=2026&undertaking_unit_id=7");
    int anonymous = 0;
    for (const auto& item : undertaking.at("units").as_array()) {
        if (item.as_object().contains("anonymous")) {
            ++anonymous;
            EXPECT_TRUE(item.at("label").as_string().starts_with("同级单位"));
        }
    }
    EXPECT_GT(anonymous, 0);
    // Its stages are its own units' projects: 甲, 乙 and the zone's 戊.
    const auto stages = reply_of(lead->get("/api/v1/dashboard/stages"));
    EXPECT_EQ(item_where(stages.at("stages"), "stage", "negotiating").at("projects"), 1);
    EXPECT_EQ(item_where(stages.at("stages"), "stage", "negotiating").at("drill"),
              "period=2026&own_units=true&stage=negotiating");
    // The city's large signed projects are shown without a drill-down.
    const auto overview = reply_of(lead->get("/api/v1/dashboard/overview"));
    EXPECT_EQ(overview.at("signed_large").at("city").at("projects"), 2);
    EXPECT_FALSE(overview.at("signed_large").at("city").as_object().contains("drill"));
    // Another unit's figures are not theirs to filter by.
    EXPECT_EQ(lead->get("/api/v1/dashboard/stages?unit_id=2").status, 404);
}

TEST_P(Dashboard, AnAuditorReadsEveryFigureAndTheListsBehindThemButChangesNothing) {
    const auto auditor = signed_in("auditor");
    EXPECT_GT(expect_drills_match(*auditor, "undertaking", ""), 0);
    EXPECT_GT(expect_drills_match(*auditor, "stages", ""), 0);
    // Every unit by name, as leaders see them.
    const auto undertaking = reply_of(auditor->get("/api/v1/dashboard/undertaking"));
    for (const auto& u : undertaking.at("units").as_array()) {
        EXPECT_FALSE(u.as_object().contains("anonymous")) << u;
        EXPECT_TRUE(u.at("name").is_string()) << u;
    }
    const auto list = auditor->get("/api/v1/projects?page_size=1");
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(list.json().at("total").as_int64(),
              count("SELECT COUNT(*) FROM project WHERE merged_into IS NULL"));
    // Read only: no registration, no indicators, no publication.
    EXPECT_EQ(
        auditor->post("/api/v1/projects", json::serialize(minimal_project(7, "审计员项目"))).status,
        403);
    EXPECT_EQ(
        auditor->send("PUT", "/api/v1/indicators", R"({"month":"2026-10","figures":[]})").status,
        403);
    EXPECT_EQ(auditor->post("/api/v1/rankings", R"({"period":"2026-11"})").status, 403);
    EXPECT_EQ(count("SELECT COUNT(*) FROM project WHERE name = '审计员项目'"), 0);
}

TEST_P(Dashboard, BadFiltersAreRefusedNamingTheFieldAndOutsidersAreForbidden) {
    const auto bureau = signed_in("bureau");
    for (const auto& [query, field] :
         std::vector<std::pair<std::string, std::string>>{{"period=2026-13", "period"},
                                                          {"period=26", "period"},
                                                          {"industry=steel", "industry"},
                                                          {"source=meeting", "source"},
                                                          {"unit_id=x", "unit_id"},
                                                          {"unit_id=99999", "unit_id"}}) {
        const auto res = bureau->get("/api/v1/dashboard/sources?" + query);
        ASSERT_EQ(res.status, 422) << query;
        const auto body = res.json();
        EXPECT_TRUE(body.at("error").at("fields").as_object().contains(field)) << res.body;
    }
    EXPECT_EQ(signed_in("investor")->get("/api/v1/dashboard/overview").status, 403);
    EXPECT_EQ(session_client(server.port()).get("/api/v1/dashboard/overview").status, 401);
    // One message for a malformed period wherever it is given, naming the accepted forms.
    const std::string zh_message = "期间应为年份（2026）、季度（2026-Q4）或月份（2026-11）。";
    for (const auto* path :
         {"/api/v1/projects?period=2026-Q5", "/api/v1/dashboard/stages?period=2026-Q5",
          "/api/v1/dashboard/ranking?period=2026-Q5"}) {
        const auto res = bureau->get(path);
        ASSERT_EQ(res.status, 422) << path;
        const auto body = res.json();
        EXPECT_EQ(std::string(body.at("error").at("fields").at("period").as_string()), zh_message)
            << path;
    }
    const auto english =
        bureau->get("/api/v1/dashboard/sources?period=26", {{"Accept-Language", "en"}});
    const auto english_body = english.json();
    EXPECT_EQ(english_body.at("error").at("fields").at("period"),
              "The period is a year (2026), a quarter (2026-Q4) or a month (2026-11).");
}

TEST_P(Dashboard, TheBureauEntersIndicatorsAllOrNothingAndTheOverviewAddsThemUp) {
    const auto bureau = signed_in("bureau");
    const json::object good{
        {"month", "2026-10"},
        {"figures", json::array{json::object{{"unit_id", shinan},
                                             {"indicator", "foreign_capital_used"},
                                             {"value", "1234.50"}},
                                json::object{{"unit_id", chengyang},
                                             {"indicator", "foreign_capital_used"},
                                             {"value", "100"}}}}};
    ASSERT_EQ(bureau->send("PUT", "/api/v1/indicators", json::serialize(good)).status, 200);
    const json::object bad{
        {"month", "2026-11"},
        {"figures",
         json::array{
             json::object{{"unit_id", shinan}, {"indicator", "trade_export"}, {"value", "5"}},
             json::object{{"unit_id", shinan}, {"indicator", "trade_export"}, {"value", "12.345"}},
             json::object{{"unit_id", task_force}, {"indicator", "steel"}, {"value", "1"}}}}};
    const auto refused = bureau->send("PUT", "/api/v1/indicators", json::serialize(bad));
    ASSERT_EQ(refused.status, 422);
    const auto error = refused.json();
    const auto& fields = error.at("error").at("fields").as_object();
    EXPECT_TRUE(fields.contains("figures[1].value"));
    EXPECT_TRUE(fields.contains("figures[2].unit_id"));
    EXPECT_TRUE(fields.contains("figures[2].indicator"));
    EXPECT_FALSE(fields.contains("figures[0].value"));
    EXPECT_EQ(count("SELECT COUNT(*) FROM indicator_figure WHERE month = '2026-11'"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = "
                    "'dashboard.indicators.update'"),
              1);
    EXPECT_EQ(
        signed_in("370214.lead")->send("PUT", "/api/v1/indicators", json::serialize(good)).status,
        403);
    const auto month = reply_of(bureau->get("/api/v1/indicators?month=2026-10"));
    EXPECT_EQ(month.at("figures").as_array().size(), 2u);
    EXPECT_EQ(bureau->get("/api/v1/indicators?month=2026").status, 422);

    const auto overview = reply_of(bureau->get("/api/v1/dashboard/overview?period=2026-Q4"));
    const auto& foreign = item_where(overview.at("indicators"), "code", "foreign_capital_used");
    EXPECT_EQ(foreign.at("currency"), "USD");
    EXPECT_EQ(foreign.at("city"), "1334.50");
    EXPECT_EQ(item_where(foreign.at("districts"), "unit_id", shinan).at("value"), "1234.50");
}

TEST_P(Dashboard, ConsolesWithTheDashboardHearOfEveryProjectWriteAfterItCommits) {
    const auto leader = signed_in("leader");
    testing::websocket_client watching(server.port(), leader->session_token());
    watching.read();  // hello
    const auto id = project(shinan, "庚项目");
    const auto message = json::parse(watching.read());
    EXPECT_EQ(message.at("type"), "dashboard.changed");
    EXPECT_EQ(message.at("project_id").as_int64(), id);
    EXPECT_EQ(message.at("at"), "2026-11-30T09:00:00+08:00");
    ASSERT_EQ(signed_in("bureau")
                  ->post(fmt::format("/api/v1/projects/{}/updates", id),
                         R"({"text":"签约","stage":"signed"})")
                  .status,
              201);
    EXPECT_EQ(json::parse(watching.read()).at("project_id").as_int64(), id);
    // A refused write tells nobody: the next message is the following write's.
    EXPECT_EQ(signed_in("bureau")
                  ->post(fmt::format("/api/v1/projects/{}/updates", id), R"({"text":""})")
                  .status,
              422);
    const auto next = project(chengyang, "辛项目");
    EXPECT_EQ(json::parse(watching.read()).at("project_id").as_int64(), next);
}

INSTANTIATE_TEST_SUITE_P(Engines, Dashboard, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
