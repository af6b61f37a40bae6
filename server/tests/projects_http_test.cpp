#include <algorithm>
#include <set>

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

// Key projects over HTTP: registration, scope, dispatch updates, progress and edits. Monday
// 30 November 2026 is a working day.
class Projects : public testing::clocked_server_test {
  protected:
    std::int64_t unit_where(const std::string& condition) {
        return count("SELECT id FROM unit WHERE " + condition);
    }

    // An intent of the demo investor, docked by Chengyang's staff.
    std::int64_t docked_intent() {
        const json::object body{{"title", "精密减速器生产基地"},
                                {"company", "青岛示例精工有限公司"},
                                {"contact_name", "王先生"},
                                {"contact_phone", "13812345678"},
                                {"industry", "ict"},
                                {"investment_total", "200000000"},
                                {"currency", "CNY"},
                                {"capital_type", "domestic"},
                                {"preferred_units", json::array{chengyang}},
                                {"description", "新建减速器产线。"}};
        const auto res = signed_in("investor")->post("/api/v1/intents", json::serialize(body));
        EXPECT_EQ(res.status, 201) << res.body;
        const auto intent = res.json();
        const auto id = intent.at("intent").at("id").as_int64();
        const auto staff = signed_in("370214.staff");
        const auto path = "/api/v1/intents/" + std::to_string(id);
        EXPECT_EQ(staff->post(path + "/claim").status, 200);
        EXPECT_EQ(
            staff->post(path + "/contact", R"({"channel":"phone","summary":"电话沟通"})").status,
            200);
        EXPECT_EQ(staff->post(path + "/dock", R"({"summary":"已对接"})").status, 200);
        return id;
    }

    static std::string path(std::int64_t id, const std::string& rest = "") {
        return "/api/v1/projects/" + std::to_string(id) + rest;
    }

    static std::vector<std::string> kinds(const json::object& project) {
        std::vector<std::string> out;
        for (const auto& e : project.at("timeline").as_array()) {
            out.emplace_back(e.at("kind").as_string());
        }
        return out;
    }

    static const json::object& stage_of(const json::object& project, const std::string& code) {
        for (const auto& s : project.at("stages").as_array()) {
            if (s.at("code") == code.c_str()) {
                return s.as_object();
            }
        }
        throw std::runtime_error("no stage " + code);
    }
};

TEST_P(Projects, RegistersWithEveryFieldAndRefusesBadFieldsStoringNothing) {
    const auto intent = docked_intent();
    const auto task_force = unit_where("unit_key = 'tf.ict'");
    const json::object body{
        {"name", "精密减速器生产基地"},
        {"code_name", "J-01"},
        {"company", "青岛示例精工有限公司"},
        {"credit_code", "91370200163562681G"},
        {"industry", "新一代信息技术"},
        {"capital_type", "foreign"},
        {"investment_total", "80000000"},  // 8000 万美元 at 7.10: 5.68 亿元
        {"currency", "USD"},
        {"undertaking_unit_id", chengyang},
        {"collaborating_unit_ids", json::array{shinan}},
        {"source", "intent"},
        {"intent_id", intent},
        {"campaign", true},
        {"task_force_unit_id", task_force},
        {"stage", "签约"},
        {"stage_dates",
         json::array{json::object{{"stage", "signed"}, {"actual_on", "2026-11-28"}},
                     json::object{{"stage", "开工"}, {"planned_on", "2027-03-01"}}}}};
    const auto staff = signed_in("370214.staff");
    const auto res = staff->post("/api/v1/projects", json::serialize(body));
    ASSERT_EQ(res.status, 201) << res.body;
    const auto reply = res.json();
    const auto& p = reply.at("project").as_object();
    EXPECT_EQ(p.at("name"), "精密减速器生产基地");
    EXPECT_EQ(p.at("code_name"), "J-01");
    EXPECT_EQ(p.at("credit_code"), "91370200163562681G");
    EXPECT_EQ(p.at("industry"), "ict");
    EXPECT_EQ(p.at("capital_type"), "foreign");
    EXPECT_EQ(p.at("investment_total"), "80000000");
    EXPECT_EQ(p.at("currency"), "USD");
    EXPECT_EQ(p.at("undertaking_unit").at("id").as_int64(), chengyang);
    EXPECT_EQ(p.at("undertaking_unit").at("name"), "城阳区");
    EXPECT_EQ(p.at("collaborating_units").as_array().size(), 1U);
    EXPECT_EQ(p.at("collaborating_units").at(0).at("id").as_int64(), shinan);
    EXPECT_EQ(p.at("source"), "intent");
    // Meetings and events are named only when they exist (meetings_http_test, events_http_test).
    EXPECT_TRUE(p.at("meeting_id").is_null());
    EXPECT_TRUE(p.at("event_id").is_null());
    EXPECT_EQ(p.at("intent_id").as_int64(), intent);
    EXPECT_EQ(p.at("flags").at("signed_large"), true);
    EXPECT_EQ(p.at("flags").at("campaign"), true);
    EXPECT_EQ(p.at("flags").at("task_force_unit").at("id").as_int64(), task_force);
    EXPECT_EQ(p.at("stage"), "signed");
    EXPECT_EQ(p.at("stage_name"), "签约");
    EXPECT_EQ(p.at("stages").as_array().size(), 8U);
    EXPECT_EQ(stage_of(p, "signed").at("actual_on"), "2026-11-28");
    EXPECT_EQ(stage_of(p, "started").at("planned_on"), "2027-03-01");
    EXPECT_EQ(p.at("created_at"), "2026-11-30T09:00:00+08:00");
    const auto me = staff->get("/api/v1/auth/me").json();
    EXPECT_EQ(p.at("created_by").at("name"), me.at("user").at("name"));
    EXPECT_EQ(p.at("last_update_at"), "2026-11-30T09:00:00+08:00");
    EXPECT_EQ(p.at("freshness_days").as_int64(), 0);
    EXPECT_EQ(kinds(p), std::vector<std::string>{"registered"});
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'dispatch.project.create'"),
              1);
    EXPECT_EQ(count("SELECT intent_id FROM project"), intent);

    // 1 亿 yuan is not large.
    const auto small =
        signed_in("370214.staff")
            ->post("/api/v1/projects", json::serialize(minimal_project(chengyang, "小项目")));
    ASSERT_EQ(small.status, 201) << small.body;
    EXPECT_EQ(small.json().at("project").at("flags").at("signed_large"), false);
    EXPECT_EQ(small.json().at("project").at("stage"), "planning");

    const auto before = count("SELECT COUNT(*) FROM project");
    const auto events = count("SELECT COUNT(*) FROM project_event");
    const json::object bad{
        {"name", ""},
        {"code_name", std::string(101, 'x')},
        {"credit_code", "123"},
        {"industry", "不存在的产业"},
        {"capital_type", "mixed"},
        {"investment_total", "1e9"},
        {"currency", "EUR"},
        {"undertaking_unit_id", shinan},  // not the staff's unit
        {"collaborating_unit_ids", json::array{999999}},
        {"source", "tv"},
        {"meeting_id", -1},
        {"intent_id", intent},  // already registered
        {"task_force_unit_id", chengyang},
        {"stage", "完工"},
        {"stage_dates", json::array{json::object{{"stage", "x"}, {"planned_on", "2027-02-30"}}}}};
    const auto refused =
        signed_in("370214.staff")
            ->send("POST", "/api/v1/projects", json::serialize(bad), {{"Accept-Language", "en"}});
    ASSERT_EQ(refused.status, 422) << refused.body;
    const auto error = refused.json();
    const auto& fields = error.at("error").at("fields").as_object();
    for (const char* field :
         {"name", "code_name", "company", "credit_code", "industry", "capital_type",
          "investment_total", "currency", "undertaking_unit_id", "collaborating_unit_ids", "source",
          "meeting_id", "intent_id", "task_force_unit_id", "stage", "stage_dates[0].stage",
          "stage_dates[0].planned_on"}) {
        EXPECT_TRUE(fields.contains(field)) << field << " in " << refused.body;
    }
    EXPECT_EQ(fields.at("name"), "This field is required.");
    EXPECT_EQ(count("SELECT COUNT(*) FROM project"), before);
    EXPECT_EQ(count("SELECT COUNT(*) FROM project_event"), events);

    // An intent that is not docked, or a source of intent without one.
    auto no_intent = minimal_project(chengyang, "无意向");
    no_intent["source"] = "intent";
    const auto missing =
        signed_in("370214.staff")->post("/api/v1/projects", json::serialize(no_intent));
    ASSERT_EQ(missing.status, 422);
    EXPECT_TRUE(missing.json().at("error").at("fields").as_object().contains("intent_id"));
    EXPECT_EQ(signed_in("investor")
                  ->post("/api/v1/projects", json::serialize(minimal_project(chengyang, "x")))
                  .status,
              403);
    EXPECT_EQ(count("SELECT COUNT(*) FROM project"), before);
}

TEST_P(Projects, UnitsSeeTheirOwnAndCollaborationsTheBureauAllAndInvestorsTheirs) {
    const auto zone = unit_where("code = '370214400'");
    auto shared = minimal_project(shinan, "市南协作项目");
    shared["collaborating_unit_ids"] = json::array{chengyang};
    const auto own =
        register_project_as("370214.staff", minimal_project(chengyang, "城阳自有项目"));
    const auto collaboration = register_project_as("370202.staff", shared);
    const auto elsewhere =
        register_project_as("370202.staff", minimal_project(shinan, "市南自有项目"));
    const auto below = register_project_as("370214.lead", minimal_project(zone, "高新区项目"));
    auto from_intent = minimal_project(chengyang, "意向转化项目");
    from_intent["source"] = "intent";
    from_intent["intent_id"] = docked_intent();
    const auto investors = register_project_as("370214.staff", from_intent);
    // A unit does not register for another district.
    EXPECT_EQ(signed_in("370214.staff")
                  ->post("/api/v1/projects", json::serialize(minimal_project(shinan, "越权登记")))
                  .status,
              422);

    const std::set<std::int64_t> all{own, collaboration, elsewhere, below, investors};
    const std::map<std::string, std::set<std::int64_t>> expected{
        {"370214.staff", {own, collaboration, investors}},
        {"370214.lead", {own, collaboration, below, investors}},
        {"370202.staff", {collaboration, elsewhere}},
        {"bureau", all},
        {"leader", all},
        {"investor", {investors}},
        {"investor2", {}},
    };
    for (const auto& [login, sees] : expected) {
        const auto person = signed_in(login);
        const auto listed = person->get("/api/v1/projects");
        ASSERT_EQ(listed.status, 200) << login << " " << listed.body;
        EXPECT_EQ(ids_of(listed), sees) << login;
        EXPECT_EQ(listed.json().at("total").as_int64(), std::int64_t(sees.size())) << login;
        // Single reads agree with the list: out of scope reads as not found.
        for (const auto id : all) {
            EXPECT_EQ(person->get(path(id)).status, sees.contains(id) ? 200 : 404)
                << login << " project " << id;
            EXPECT_EQ(person->get(path(id, "/progress")).status, sees.contains(id) ? 200 : 404)
                << login << " progress " << id;
        }
    }
    // The investor sees the project but not the units' dispatch timeline.
    const auto seen = signed_in("investor")->get(path(investors)).json();
    EXPECT_TRUE(seen.at("project").at("timeline").as_array().empty());
    EXPECT_EQ(signed_in("370202.staff")->post(path(own, "/updates"), R"({"text":"越权"})").status,
              404);
    EXPECT_EQ(signed_in("370202.staff")->send("PATCH", path(own), R"({"name":"越权"})").status,
              404);

    // Filters.
    const auto bureau = signed_in("bureau");
    EXPECT_EQ(ids_of(bureau->get("/api/v1/projects?unit=" + std::to_string(chengyang))),
              (std::set<std::int64_t>{own, collaboration, investors}));
    EXPECT_EQ(ids_of(bureau->get("/api/v1/projects?source=intent")),
              std::set<std::int64_t>{investors});
    EXPECT_EQ(ids_of(bureau->get("/api/v1/projects?stage=negotiating")),
              std::set<std::int64_t>{investors});  // the docked intent's stage
    EXPECT_EQ(ids_of(bureau->get("/api/v1/projects?stage=%E8%B0%8B%E5%88%92")),  // 谋划
              (std::set<std::int64_t>{own, collaboration, elsewhere, below}));
    EXPECT_EQ(ids_of(bureau->get("/api/v1/projects?industry=ict")), all);
    EXPECT_EQ(ids_of(bureau->get("/api/v1/projects?industry=ai")), std::set<std::int64_t>{});
    EXPECT_EQ(ids_of(bureau->get("/api/v1/projects?q=%E9%AB%98%E6%96%B0")),  // 高新
              std::set<std::int64_t>{below});
    EXPECT_EQ(ids_of(bureau->get("/api/v1/projects?page_size=2")).size(), 2U);
    EXPECT_EQ(bureau->get("/api/v1/projects?stage=done").status, 422);
    EXPECT_EQ(bureau->get("/api/v1/projects?stale_days=x").status, 422);

    // Ten days on, one project is updated: the others are stale.
    set_clock("2026-12-10T09:00:00+08:00");
    ASSERT_EQ(
        signed_in("370214.staff")->post(path(own, "/updates"), R"({"text":"现场推进"})").status,
        201);
    const auto later = signed_in("bureau");
    const auto stale = later->get("/api/v1/projects?stale_days=5");
    EXPECT_EQ(ids_of(stale), (std::set<std::int64_t>{collaboration, elsewhere, below, investors}));
    EXPECT_EQ(stale.json().at("items").at(0).at("freshness_days").as_int64(), 10);
    EXPECT_EQ(later->get(path(own)).json().at("project").at("freshness_days").as_int64(), 0);
}

TEST_P(Projects, TheInvestorsIntentFollowsTheProjectRegisteredFromIt) {
    const auto intent = docked_intent();
    auto body = minimal_project(chengyang, "意向转化项目");
    body["source"] = "intent";
    body["intent_id"] = intent;
    const auto id = register_project_as("370214.staff", body);
    const auto intent_path = "/api/v1/intents/" + std::to_string(intent);
    const auto timeline_kinds = [&] {
        const auto reply = signed_in("investor")->get(intent_path).json();
        std::vector<std::string> out;
        for (const auto& e : reply.at("intent").at("timeline").as_array()) {
            out.emplace_back(e.at("kind").as_string());
        }
        return std::pair{out, std::string(reply.at("intent").at("stage").as_string())};
    };
    EXPECT_EQ(timeline_kinds().first.back(), "project");
    ASSERT_EQ(signed_in("370214.staff")
                  ->post(path(id, "/updates"), R"({"text":"项目开工","stage":"started"})")
                  .status,
              201);
    const auto [kinds_now, stage_now] = timeline_kinds();
    EXPECT_EQ(kinds_now.back(), "stage");
    EXPECT_EQ(stage_now, "started");
    EXPECT_EQ(count("SELECT COUNT(*) FROM notification WHERE kind = 'intent.stage'"), 1);
    // An update without a new stage leaves the intent alone.
    ASSERT_EQ(
        signed_in("370214.staff")->post(path(id, "/updates"), R"({"text":"例行调度"})").status,
        201);
    EXPECT_EQ(timeline_kinds().first.size(), kinds_now.size());
}

TEST_P(Projects, AnUpdateWritesStageFundsAndDatesTogetherOrNothing) {
    const auto id = register_project_as("370214.staff", minimal_project(chengyang, "风电装备基地"));
    const auto staff = signed_in("370214.staff");
    const auto counts = [&] {
        return std::vector<std::int64_t>{
            count("SELECT COUNT(*) FROM project_update"),
            count("SELECT COUNT(*) FROM fund_arrival"), count("SELECT COUNT(*) FROM stage_history"),
            count("SELECT COUNT(*) FROM project_event"), count("SELECT COUNT(*) FROM audit_entry")};
    };
    const auto before = counts();
    // Foreign-currency funds for a domestic project, with a stage and dates: all refused.
    const json::object bad{
        {"text", "签约并首笔资金到位"},
        {"stage", "签约"},
        {"funds",
         json::object{{"arrived_on", "2026-11-30"}, {"amount", "1000000"}, {"currency", "USD"}}},
        {"stage_dates",
         json::array{json::object{{"stage", "started"}, {"planned_on", "2027-04-01"}}}}};
    const auto refused = staff->post(path(id, "/updates"), json::serialize(bad));
    ASSERT_EQ(refused.status, 422) << refused.body;
    EXPECT_TRUE(refused.json().at("error").at("fields").as_object().contains("funds.currency"));
    const auto future = staff->post(
        path(id, "/updates"),
        R"({"text":"x","funds":{"arrived_on":"2026-12-01","amount":"-5","currency":"CNY"}})");
    ASSERT_EQ(future.status, 422);
    const auto future_fields = future.json();
    EXPECT_TRUE(future_fields.at("error").at("fields").as_object().contains("funds.arrived_on"));
    EXPECT_TRUE(future_fields.at("error").at("fields").as_object().contains("funds.amount"));
    EXPECT_EQ(staff->post(path(id, "/updates"), R"({"stage":"signed"})").status, 422);  // no text
    const auto ahead =
        staff->post(path(id, "/updates"),
                    R"({"text":"x","stage_dates":[{"stage":"signed","actual_on":"2026-12-24"}]})");
    ASSERT_EQ(ahead.status, 422);  // an actual date that has not come yet
    EXPECT_TRUE(
        ahead.json().at("error").at("fields").as_object().contains("stage_dates[0].actual_on"));
    EXPECT_EQ(counts(), before);
    EXPECT_EQ(staff->get(path(id)).json().at("project").at("stage"), "planning");

    set_clock("2026-12-03T10:00:00+08:00");
    auto good = bad;
    good["funds"].as_object()["currency"] = "CNY";
    good["funds"].as_object()["amount"] = "30000000.50";
    const auto recorded =
        signed_in("370214.staff")->post(path(id, "/updates"), json::serialize(good));
    ASSERT_EQ(recorded.status, 201) << recorded.body;
    const auto reply = recorded.json();
    const auto& p = reply.at("project").as_object();
    EXPECT_EQ(p.at("stage"), "signed");
    EXPECT_EQ(stage_of(p, "signed").at("actual_on"), "2026-12-03");  // reached today
    EXPECT_EQ(stage_of(p, "started").at("planned_on"), "2027-04-01");
    ASSERT_EQ(p.at("funds").as_array().size(), 1U);
    EXPECT_EQ(p.at("funds").at(0).at("amount"), "30000000.50");
    EXPECT_EQ(p.at("funds").at(0).at("arrived_on"), "2026-11-30");
    EXPECT_EQ(p.at("last_update_at"), "2026-12-03T10:00:00+08:00");
    EXPECT_EQ(p.at("freshness_days").as_int64(), 0);
    EXPECT_EQ(kinds(p), (std::vector<std::string>{"registered", "updated", "stage", "dates",
                                                  "dates", "funds"}));
    EXPECT_EQ(p.at("timeline").at(1).at("text"), "签约并首笔资金到位");
    EXPECT_EQ(count("SELECT COUNT(*) FROM project_update WHERE stage_from = 'planning' AND "
                    "stage_to = 'signed'"),
              1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'dispatch.project.record'"),
              1);

    // Freshness grows with the days since.
    set_clock("2026-12-06T11:00:00+08:00");
    EXPECT_EQ(
        signed_in("bureau")->get(path(id)).json().at("project").at("freshness_days").as_int64(), 3);
}

TEST_P(Projects, TheInvestorSeesProgressThroughTheStagesInOrder) {
    auto body = minimal_project(chengyang, "意向转化项目");
    body["source"] = "intent";
    body["intent_id"] = docked_intent();
    body["stage_dates"] =
        json::array{json::object{{"stage", "registered"}, {"planned_on", "2027-01-10"}}};
    const auto id = register_project_as("370214.staff", body);
    ASSERT_EQ(signed_in("370214.staff")
                  ->post(path(id, "/updates"), R"({"text":"已签约","stage":"signed"})")
                  .status,
              201);
    const auto res = signed_in("investor")->get(path(id, "/progress"));
    ASSERT_EQ(res.status, 200) << res.body;
    const auto progress = res.json();
    EXPECT_EQ(progress.at("current"), "signed");
    const auto& stages = progress.at("stages").as_array();
    std::vector<std::string> codes;
    for (const auto& s : stages) {
        codes.emplace_back(s.at("code").as_string());
    }
    EXPECT_EQ(codes,
              (std::vector<std::string>{"planning", "negotiating", "signed", "registered",
                                        "started", "building", "operating", "full_capacity"}));
    EXPECT_EQ(stages.at(2).at("current"), true);
    EXPECT_EQ(stages.at(2).at("reached"), true);
    EXPECT_EQ(stages.at(2).at("actual_on"), "2026-11-30");
    EXPECT_EQ(stages.at(3).at("reached"), false);
    EXPECT_EQ(stages.at(3).at("planned_on"), "2027-01-10");
    EXPECT_EQ(stages.at(0).at("name"), "谋划");
    EXPECT_EQ(signed_in("investor2")->get(path(id, "/progress")).status, 404);
    EXPECT_EQ(signed_in("investor")->post(path(id, "/updates"), R"({"text":"x"})").status, 403);
}

TEST_P(Projects, EditsAreAuditedAndOnTheTimeline) {
    const auto id =
        register_project_as("370214.staff", minimal_project(chengyang, "锂电池材料项目"));
    const auto staff = signed_in("370214.staff");
    const auto task_force = unit_where("unit_key = 'tf.ict'");
    const auto edited =
        staff->send("PATCH", path(id),
                    json::serialize(json::object{{"name", "锂电池正极材料项目"},
                                                 {"investment_total", "600000000"},
                                                 {"campaign", true},
                                                 {"task_force_unit_id", task_force},
                                                 {"collaborating_unit_ids", json::array{shinan}}}));
    ASSERT_EQ(edited.status, 200) << edited.body;
    const auto reply = edited.json();
    const auto& p = reply.at("project").as_object();
    EXPECT_EQ(p.at("name"), "锂电池正极材料项目");
    EXPECT_EQ(p.at("flags").at("signed_large"), true);
    EXPECT_EQ(p.at("flags").at("campaign"), true);
    EXPECT_EQ(p.at("collaborating_units").at(0).at("id").as_int64(), shinan);
    EXPECT_EQ(kinds(p), (std::vector<std::string>{"registered", "edited"}));
    EXPECT_EQ(p.at("timeline").at(1).at("detail"),
              "name,investment_total,collaborating_unit_ids,campaign,task_force_unit_id");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'dispatch.project.update' AND "
                    "object_id = '" +
                    std::to_string(id) + "'"),
              1);
    EXPECT_EQ(ids_of(signed_in("bureau")->get("/api/v1/projects?signed_large=true&campaign=true")),
              std::set<std::int64_t>{id});
    EXPECT_EQ(ids_of(signed_in("bureau")->get("/api/v1/projects?campaign=false")),
              std::set<std::int64_t>{});
    EXPECT_EQ(signed_in("bureau")->get("/api/v1/projects?campaign=yes").status, 422);
    // Editing is not a dispatch record: freshness stays where it was.
    EXPECT_EQ(p.at("last_update_at"), p.at("created_at"));

    const auto audits = count("SELECT COUNT(*) FROM audit_entry");
    const auto bad =
        staff->send("PATCH", path(id),
                    R"({"name":"","currency":"EUR","stage":"signed","task_force_unit_id":null})");
    ASSERT_EQ(bad.status, 422) << bad.body;
    const auto bad_reply = bad.json();
    const auto& fields = bad_reply.at("error").at("fields").as_object();
    EXPECT_TRUE(fields.contains("name"));
    EXPECT_TRUE(fields.contains("currency"));
    EXPECT_TRUE(fields.contains("stage"));  // stages change through updates
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry"), audits);
    const auto unchanged = staff->get(path(id)).json();
    EXPECT_EQ(unchanged.at("project").at("name"), "锂电池正极材料项目");
    EXPECT_EQ(unchanged.at("project").at("flags").at("task_force_unit").at("id").as_int64(),
              task_force);

    // Clearing the task force; an edit that changes nothing is not recorded.
    ASSERT_EQ(staff->send("PATCH", path(id), R"({"task_force_unit_id":null})").status, 200);
    ASSERT_EQ(staff->send("PATCH", path(id), R"({"task_force_unit_id":null})").status, 200);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry"), audits + 1);
    EXPECT_TRUE(
        staff->get(path(id)).json().at("project").at("flags").at("task_force_unit").is_null());
    EXPECT_EQ(signed_in("leader")->send("PATCH", path(id), R"({"name":"x"})").status, 403);
}

INSTANTIATE_TEST_SUITE_P(Engines, Projects, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
