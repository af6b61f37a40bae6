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

// The full key-project record over HTTP: rating lights, confidentiality, contacts, procedures,
// the site video, investor accounts, duplicates and merges, attachments. Monday 30 November
// 2026 is a working day.
class ProjectRecord : public testing::clocked_server_test {
  protected:
    static std::string path(std::int64_t id, const std::string& rest = "") {
        return "/api/v1/projects/" + std::to_string(id) + rest;
    }

    json::object project_as(const std::string& login, std::int64_t id) {
        const auto res = signed_in(login)->get(path(id));
        EXPECT_EQ(res.status, 200) << res.body;
        const auto reply = res.json();
        return reply.at("project").as_object();
    }

    void update(std::int64_t id, const json::object& body) {
        const auto res =
            signed_in("370214.staff")->post(path(id, "/updates"), json::serialize(body));
        ASSERT_EQ(res.status, 201) << res.body;
    }

    // The light and its reasons as "code/level/stage/amount" as the bureau's page shows them;
    // the list line agrees.
    std::pair<std::string, std::set<std::string>> light_of(std::int64_t id) {
        const auto bureau = signed_in("bureau");
        const auto page = bureau->get(path(id)).json();
        const auto& p = page.at("project").as_object();
        std::set<std::string> reasons;
        for (const auto& r : p.at("light_reasons").as_array()) {
            const auto& o = r.as_object();
            const auto amount =
                o.contains("months") ? o.at("months").as_int64() : o.at("days").as_int64();
            reasons.insert(std::string(o.at("code").as_string()) + "/" +
                           std::string(o.at("level").as_string()) + "/" +
                           (o.contains("stage") ? std::string(o.at("stage").as_string()) : "") +
                           "/" + std::to_string(amount));
        }
        const std::string light(p.at("light").as_string());
        const auto listed = bureau->get("/api/v1/projects?light=" + light);
        EXPECT_TRUE(ids_of(listed).contains(id)) << light << " list lacks " << id;
        return {light, reasons};
    }
};

using reasons = std::set<std::string>;

TEST_P(ProjectRecord, LightsFollowTheCityRulesAtEachBoundary) {
    auto planned = minimal_project(chengyang, "计划滞后项目");
    planned["stage_dates"] =
        json::array{json::object{{"stage", "signed"}, {"planned_on", "2026-11-15"}}};
    const auto behind = register_project_as("370214.staff", planned);
    const auto quiet =
        register_project_as("370214.staff", minimal_project(chengyang, "久未调度项目"));
    auto start = minimal_project(chengyang, "开工推迟项目");
    start["stage_dates"] =
        json::array{json::object{{"stage", "started"}, {"planned_on", "2027-01-10"}}};
    const auto slipping = register_project_as("370214.staff", start);

    // 15 days past the plan is not yet more than 15.
    EXPECT_EQ(light_of(behind), std::pair(std::string("green"), reasons{}));
    EXPECT_EQ(light_of(quiet).first, "green");
    // The planned start moves two months and 30 days on: still green; three months: red.
    update(slipping, {{"text", "开工计划调整"},
                      {"stage_dates", json::array{json::object{{"stage", "started"},
                                                               {"planned_on", "2027-04-09"}}}}});
    EXPECT_EQ(light_of(slipping).first, "green");
    update(slipping, {{"text", "开工再次推迟"},
                      {"stage_dates", json::array{json::object{{"stage", "started"},
                                                               {"planned_on", "2027-04-10"}}}}});
    EXPECT_EQ(light_of(slipping),
              std::pair(std::string("red"), reasons{"start_slipped/red/started/3"}));
    const auto bureau = signed_in("bureau");
    EXPECT_EQ(ids_of(bureau->get("/api/v1/projects?light=red")), std::set<std::int64_t>{slipping});
    EXPECT_EQ(ids_of(bureau->get("/api/v1/projects?light=green")),
              (std::set<std::int64_t>{behind, quiet}));
    const auto paged = bureau->get("/api/v1/projects?light=green&page_size=1");
    EXPECT_EQ(paged.json().at("total").as_int64(), 2);
    EXPECT_EQ(ids_of(paged).size(), 1U);
    const auto bad = bureau->get("/api/v1/projects?light=purple");
    ASSERT_EQ(bad.status, 422);
    EXPECT_TRUE(bad.json().at("error").at("fields").as_object().contains("light"));

    // 16 days behind plan: yellow. The sweep raises a ticket on the project that turned red.
    set_clock("2026-12-01T09:00:00+08:00");
    const auto red_tickets = [&](std::int64_t id) {
        return count(
            "SELECT COUNT(*) FROM supervision_ticket WHERE reason = 'red_light' AND "
            "project_id = " +
            std::to_string(id));
    };
    EXPECT_EQ(red_tickets(slipping), 1);
    EXPECT_EQ(red_tickets(behind), 0);
    EXPECT_EQ(light_of(behind),
              std::pair(std::string("yellow"), reasons{"behind_plan/yellow/signed/16"}));
    EXPECT_EQ(ids_of(signed_in("bureau")->get("/api/v1/projects?light=yellow")),
              std::set<std::int64_t>{behind});

    // 13 days without an update is green, 14 yellow.
    set_clock("2026-12-13T09:00:00+08:00");
    EXPECT_EQ(light_of(quiet).first, "green");
    set_clock("2026-12-14T09:00:00+08:00");
    EXPECT_EQ(light_of(quiet), std::pair(std::string("yellow"), reasons{"not_updated/yellow//14"}));
    update(behind, {{"text", "推进签约"}});

    // 29 days without an update is yellow, 30 red.
    set_clock("2026-12-30T08:00:00+08:00");
    EXPECT_EQ(light_of(quiet).first, "yellow");
    set_clock("2026-12-30T09:00:00+08:00");
    EXPECT_EQ(light_of(quiet), std::pair(std::string("red"), reasons{"not_updated/red//30"}));
    // Staleness alone is supervision's stale ticket, not a second one for the light.
    EXPECT_EQ(red_tickets(quiet), 0);
    update(behind, {{"text", "继续推进签约"}});

    // 60 days behind plan is yellow, 61 red.
    set_clock("2027-01-14T09:00:00+08:00");
    EXPECT_EQ(light_of(behind),
              std::pair(std::string("yellow"),
                        reasons{"behind_plan/yellow/signed/60", "not_updated/yellow//15"}));
    set_clock("2027-01-15T09:00:00+08:00");
    update(behind, {{"text", "仍在洽谈"}});
    EXPECT_EQ(light_of(behind),
              std::pair(std::string("red"), reasons{"behind_plan/red/signed/61"}));
    EXPECT_EQ(red_tickets(behind), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM supervision_ticket WHERE reason = 'red_light' AND text "
                    "LIKE '%计划滞后项目%签约%滞后计划 61 天%'"),
              1);
    // Staying red raises nothing more.
    EXPECT_EQ(red_tickets(slipping), 1);
    // Reaching the stage ends its delay.
    update(behind, {{"text", "已签约"}, {"stage", "signed"}});
    EXPECT_EQ(light_of(behind), std::pair(std::string("green"), reasons{}));
}

TEST_P(ProjectRecord, ConfidentialValuesAreMaskedAndRevealedOnlyToTheCleared) {
    auto body = minimal_project(chengyang, "氢能重卡总部项目");
    body["confidential"] = true;
    body["credit_code"] = "91370200163562681G";
    body["notes"] = "对方要求土地价格优惠";
    body["collaborating_unit_ids"] = json::array{shinan};
    const auto before = count("SELECT COUNT(*) FROM project");
    const auto refused =
        signed_in("370214.staff")
            ->send("POST", "/api/v1/projects", json::serialize(body), {{"Accept-Language", "en"}});
    ASSERT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(refused.json().at("error").at("fields").at("code_name"),
              "A confidential project needs a code name.");
    EXPECT_EQ(count("SELECT COUNT(*) FROM project"), before);
    body["code_name"] = "Q-07";
    const auto id = register_project_as("370214.staff", body);
    update(id, {{"text", "首笔资金到位"},
                {"funds",
                 json::object{
                     {"arrived_on", "2026-11-30"}, {"amount", "20000000"}, {"currency", "CNY"}}}});

    // Everyone sees masked values; only the uncleared collaborator sees the code name as name.
    for (const auto& [login, name] :
         std::vector<std::pair<std::string, std::string>>{{"370214.staff", "氢能重卡总部项目"},
                                                          {"bureau", "氢能重卡总部项目"},
                                                          {"leader", "氢能重卡总部项目"},
                                                          {"370202.staff", "Q-07"}}) {
        const auto p = project_as(login, id);
        EXPECT_EQ(p.at("name"), name.c_str()) << login;
        EXPECT_EQ(p.at("confidential"), true);
        EXPECT_EQ(p.at("company"), "***") << login;
        EXPECT_EQ(p.at("credit_code"), "***") << login;
        EXPECT_EQ(p.at("investment_total"), "***") << login;
        EXPECT_EQ(p.at("notes"), "***") << login;
        EXPECT_EQ(p.at("funds").at(0).at("amount"), "***") << login;
        for (const auto& e : p.at("timeline").as_array()) {
            if (e.at("kind") == "funds") {
                EXPECT_EQ(e.at("detail"), "***") << login;
            }
        }
        EXPECT_EQ(p.at("can_reveal"), login != "370202.staff") << login;
        const auto listed = signed_in(login)->get("/api/v1/projects");
        const auto lines = listed.json();
        const auto& line = lines.at("items").at(0).as_object();
        EXPECT_EQ(line.at("name"), name.c_str()) << login;
        EXPECT_EQ(line.at("company"), "***") << login;
        EXPECT_EQ(line.at("investment_total"), "***") << login;
    }
    // Found by its code name only.
    const auto bureau = signed_in("bureau");
    EXPECT_EQ(ids_of(bureau->get("/api/v1/projects?q=%E6%B0%A2%E8%83%BD")),  // 氢能
              std::set<std::int64_t>{});
    EXPECT_EQ(ids_of(bureau->get("/api/v1/projects?q=q-07")), std::set<std::int64_t>{id});

    // Revealing: the cleared see the values, and the audit trail says who saw them.
    const auto audits =
        count("SELECT COUNT(*) FROM audit_entry WHERE action = 'dispatch.project.reveal'");
    const auto denied = signed_in("370202.staff")
                            ->send("POST", path(id, "/reveal"), "{}", {{"Accept-Language", "en"}});
    ASSERT_EQ(denied.status, 403) << denied.body;
    EXPECT_NE(denied.json().at("error").at("message").as_string().find("cleared"),
              std::string::npos);
    EXPECT_EQ(signed_in("investor2")->post(path(id, "/reveal")).status, 404);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'dispatch.project.reveal'"),
              audits);
    for (const std::string login : {"370214.staff", "leader"}) {
        const auto shown = signed_in(login)->post(path(id, "/reveal"));
        ASSERT_EQ(shown.status, 200) << login << " " << shown.body;
        const auto clear = shown.json();
        EXPECT_EQ(clear.at("company"), "氢能重卡总部项目有限公司");
        EXPECT_EQ(clear.at("credit_code"), "91370200163562681G");
        EXPECT_EQ(clear.at("investment_total"), "100000000");
        EXPECT_EQ(clear.at("notes"), "对方要求土地价格优惠");
        EXPECT_EQ(clear.at("funds").at(0).at("amount"), "20000000");
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'dispatch.project.reveal' AND "
                    "object_id = '" +
                    std::to_string(id) + "'"),
              audits + 2);

    // The uncleared may not change the secrets or the mark; the cleared may lift it.
    const auto collaborator = signed_in("370202.staff");
    EXPECT_EQ(collaborator->send("PATCH", path(id), R"({"company":"改名公司"})").status, 403);
    EXPECT_EQ(collaborator->send("PATCH", path(id), R"({"confidential":false})").status, 403);
    const auto lifted =
        signed_in("370214.staff")->send("PATCH", path(id), R"({"confidential":false})");
    ASSERT_EQ(lifted.status, 200) << lifted.body;
    const auto open = project_as("370202.staff", id);
    EXPECT_EQ(open.at("name"), "氢能重卡总部项目");
    EXPECT_EQ(open.at("company"), "氢能重卡总部项目有限公司");
    EXPECT_EQ(open.at("funds").at(0).at("amount"), "20000000");
}

TEST_P(ProjectRecord, ContactsProceduresAndTheSiteVideoAreKeptAndOnTheTimeline) {
    auto body = minimal_project(chengyang, "智能装备产业园");
    body["collaborating_unit_ids"] = json::array{shinan};
    body["site_video_url"] = "https://video.example.cn/live/site-1";
    body["contacts"] = json::array{
        json::object{{"name", "张经理"}, {"role", "项目总经理"}, {"phone", "13912345678"}}};
    body["procedures"] = json::array{json::object{
        {"code", "approval_filing"}, {"status", "in_progress"}, {"applied_on", "2026-11-20"}}};

    auto bad = body;
    bad["site_video_url"] = "http://video.example.cn/live";
    bad["contacts"] = json::array{json::object{{"name", ""}, {"phone", "12345"}}};
    bad["procedures"] = json::array{
        json::object{{"code", "不存在的手续"}, {"status", "done"}},
        json::object{
            {"code", "approval_filing"}, {"status", "in_progress"}, {"approved_on", "2026-12-25"}}};
    const auto before = count("SELECT COUNT(*) FROM project");
    const auto refused =
        signed_in("370214.staff")
            ->send("POST", "/api/v1/projects", json::serialize(bad), {{"Accept-Language", "en"}});
    ASSERT_EQ(refused.status, 422) << refused.body;
    const auto error = refused.json();
    const auto& fields = error.at("error").at("fields").as_object();
    for (const char* field :
         {"site_video_url", "contacts[0].name", "contacts[0].phone", "procedures[0].code",
          "procedures[0].status", "procedures[1].approved_on"}) {
        EXPECT_TRUE(fields.contains(field)) << field << " in " << refused.body;
    }
    EXPECT_EQ(fields.at("site_video_url"), "Must be an https:// address.");
    EXPECT_EQ(count("SELECT COUNT(*) FROM project"), before);
    EXPECT_EQ(count("SELECT COUNT(*) FROM project_contact"), 0);

    const auto id = register_project_as("370214.staff", body);
    auto p = project_as("370214.staff", id);
    EXPECT_EQ(p.at("site_video_url"), "https://video.example.cn/live/site-1");
    ASSERT_EQ(p.at("contacts").as_array().size(), 1U);
    EXPECT_EQ(p.at("contacts").at(0).at("phone"), "13912345678");
    EXPECT_EQ(p.at("contacts").at(0).at("role"), "项目总经理");
    ASSERT_EQ(p.at("procedures").as_array().size(), 1U);
    EXPECT_EQ(p.at("procedures").at(0).at("status"), "in_progress");
    EXPECT_EQ(p.at("procedures").at(0).at("name"), "审批/核准/备案");

    // A procedure change carried by a dispatch update: on the timeline and audited.
    update(id, {{"text", "备案完成"},
                {"procedures", json::array{json::object{{"code", "审批/核准/备案"},
                                                        {"status", "approved"},
                                                        {"approved_on", "2026-11-30"}}}}});
    p = project_as("370214.staff", id);
    EXPECT_EQ(p.at("procedures").at(0).at("status"), "approved");
    EXPECT_EQ(p.at("procedures").at(0).at("applied_on"), "2026-11-20");  // kept
    EXPECT_EQ(p.at("procedures").at(0).at("approved_on"), "2026-11-30");
    const auto& timeline = p.at("timeline").as_array();
    EXPECT_EQ(timeline.back().at("kind"), "procedure");
    EXPECT_EQ(timeline.back().at("detail"), "approval_filing approved");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'dispatch.project.record' AND "
                    "detail LIKE '%procedures%'"),
              1);

    // PATCH replaces contacts and changes procedures; bad items are refused by name.
    const auto staff = signed_in("370214.staff");
    const auto wrong = staff->send("PATCH", path(id),
                                   R"({"contacts":[{"name":"李女士","email":"not-mail"}],)"
                                   R"("site_video_url":"javascript:alert"})");
    ASSERT_EQ(wrong.status, 422) << wrong.body;
    const auto wrong_fields = wrong.json();
    EXPECT_TRUE(wrong_fields.at("error").at("fields").as_object().contains("contacts[0].email"));
    EXPECT_TRUE(wrong_fields.at("error").at("fields").as_object().contains("site_video_url"));
    const auto patched =
        staff->send("PATCH", path(id),
                    R"({"contacts":[{"name":"李女士","role":"财务","phone":"13700001111",)"
                    R"("email":"li@example.cn"}],"procedures":[{"code":"land_pre_review",)"
                    R"("status":"not_started"}],"site_video_url":""})");
    ASSERT_EQ(patched.status, 200) << patched.body;
    const auto patched_reply = patched.json();
    const auto& q = patched_reply.at("project").as_object();
    EXPECT_EQ(q.at("contacts").at(0).at("name"), "李女士");
    EXPECT_EQ(q.at("procedures").as_array().size(), 2U);
    EXPECT_TRUE(q.at("site_video_url").is_null());
    EXPECT_EQ(q.at("timeline").as_array().back().at("detail"),
              "site_video_url,contacts,procedures");

    // Phone numbers stay out of the audit trail and the timeline.
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE detail LIKE '%13700001111%' OR "
                    "detail LIKE '%13912345678%'"),
              0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM project_event WHERE detail LIKE '%1370000%' OR text "
                    "LIKE '%1370000%'"),
              0);

    // On a confidential project the uncleared collaborator sees contacts masked.
    ASSERT_EQ(staff->send("PATCH", path(id), R"({"confidential":true,"code_name":"Z-3"})").status,
              200);
    const auto masked = project_as("370202.staff", id);
    EXPECT_EQ(masked.at("contacts").at(0).at("phone"), "137****1111");
    EXPECT_EQ(masked.at("contacts").at(0).at("email"), "***");
    EXPECT_EQ(project_as("370214.staff", id).at("contacts").at(0).at("phone"), "13700001111");
    EXPECT_EQ(signed_in("370202.staff")
                  ->send("PATCH", path(id), R"({"contacts":[{"name":"王","phone":"13800000000"}]})")
                  .status,
              403);
}

TEST_P(ProjectRecord, TheBureauOpensInvestorAccountsThatSeeOnlyTheirProjectsProgress) {
    auto body = minimal_project(chengyang, "新材料产业基地");
    body["notes"] = "内部洽谈备注";
    body["stage_dates"] =
        json::array{json::object{{"stage", "started"}, {"planned_on", "2027-05-01"}}};
    const auto id = register_project_as("370214.staff", body);
    const auto other = register_project_as("370214.staff", minimal_project(chengyang, "其他项目"));
    update(id, {{"text", "签约仪式，投资额待定"}, {"stage", "signed"}});

    const auto users = count("SELECT COUNT(*) FROM user_account");
    const auto bureau = signed_in("bureau");
    const auto none = bureau->post(path(id, "/investors"), R"({"name":"赵总"})");
    ASSERT_EQ(none.status, 422) << none.body;
    EXPECT_TRUE(none.json().at("error").at("fields").as_object().contains("phone"));
    const auto bad = bureau->post(path(id, "/investors"), R"({"name":"赵总","phone":"123"})");
    ASSERT_EQ(bad.status, 422) << bad.body;
    EXPECT_TRUE(bad.json().at("error").at("fields").as_object().contains("phone"));
    EXPECT_EQ(signed_in("370214.staff")
                  ->post(path(id, "/investors"), R"({"name":"赵总","phone":"13655556666"})")
                  .status,
              403);
    EXPECT_EQ(
        bureau->post(path(999999, "/investors"), R"({"name":"赵总","phone":"13655556666"})").status,
        404);
    EXPECT_EQ(count("SELECT COUNT(*) FROM user_account"), users);

    const auto made =
        bureau->post(path(id, "/investors"), R"({"name":"赵总","phone":"13655556666"})");
    ASSERT_EQ(made.status, 201) << made.body;
    const auto reply = made.json();
    EXPECT_EQ(reply.at("investor").at("phone_masked"), "136****6666");
    const std::string login(reply.at("investor").at("login_name").as_string());
    const std::string initial(reply.at("initial_password").as_string());
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'dispatch.project.investor'"),
              1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE detail LIKE '%13655556666%'"), 0);
    const auto page = project_as("bureau", id);
    EXPECT_EQ(page.at("timeline").as_array().back().at("kind"), "investor");

    session_client investor(server.port());
    ASSERT_EQ(investor.login("13655556666", initial).status, 200);
    ASSERT_EQ(investor
                  .post("/api/v1/auth/password",
                        json::serialize(json::object{{"current_password", initial},
                                                     {"new_password", "Harbour-Lights-9"}}))
                  .status,
              204);
    EXPECT_EQ(ids_of(investor.get("/api/v1/projects")), std::set<std::int64_t>{id});
    EXPECT_EQ(investor.get(path(other)).status, 404);
    EXPECT_EQ(investor.get(path(other, "/progress")).status, 404);
    const auto progress = investor.get(path(id, "/progress"));
    ASSERT_EQ(progress.status, 200) << progress.body;
    const auto bar = progress.json();
    EXPECT_EQ(bar.at("current"), "signed");
    EXPECT_EQ(bar.at("stages").as_array().size(), 8U);
    EXPECT_EQ(bar.at("stages").at(2).at("current"), true);
    ASSERT_EQ(bar.at("milestones").as_array().size(), 1U);
    EXPECT_EQ(bar.at("milestones").at(0).at("stage"), "signed");
    EXPECT_EQ(bar.at("milestones").at(0).at("reached_on"), "2026-11-30");
    // No internal texts or amounts in what the investor's progress says.
    EXPECT_EQ(progress.body.find("投资额待定"), std::string::npos);
    EXPECT_EQ(progress.body.find("100000000"), std::string::npos);
    const auto own = investor.get(path(id)).json();
    EXPECT_TRUE(own.at("project").at("timeline").as_array().empty());
    EXPECT_FALSE(own.at("project").as_object().contains("notes"));
    EXPECT_FALSE(own.at("project").as_object().contains("contacts"));
    EXPECT_EQ(investor.post(path(id, "/updates"), R"({"text":"x"})").status, 403);
    EXPECT_EQ(login.rfind("p" + std::to_string(id) + "-investor-", 0), 0U);
}

TEST_P(ProjectRecord, PossibleDuplicatesAreFlaggedToStaffAndMergeKeepsEverySource) {
    const json::object intent_body{{"title", "海岸储能电站"},
                                   {"company", "青岛海岸新能源有限公司"},
                                   {"credit_code", "91370200163562681G"},
                                   {"contact_name", "王先生"},
                                   {"contact_phone", "13812345678"},
                                   {"industry", "ict"},
                                   {"investment_total", "200000000"},
                                   {"currency", "CNY"},
                                   {"capital_type", "domestic"},
                                   {"preferred_units", json::array{chengyang}},
                                   {"description", "储能电站。"}};
    const auto submitted =
        signed_in("investor")->post("/api/v1/intents", json::serialize(intent_body));
    ASSERT_EQ(submitted.status, 201) << submitted.body;
    const auto intent = submitted.json().at("intent").at("id").as_int64();
    const auto meeting = database.transaction([&](db::connection& conn) {
        return conn
            .query(
                "INSERT INTO meeting (category, leaders, held_on, place, company, summary, "
                "created_by, created_at) VALUES ('reception', '[]', '2026-11-20', '青岛', "
                "'青岛海岸新能源有限公司', '会见', 1, '2026-11-20T01:00:00.000Z') RETURNING id")
            .integer(0, 0);
    });

    auto first = minimal_project(chengyang, "海岸储能电站项目");
    first["company"] = "青岛海岸新能源有限公司";
    first["credit_code"] = "91370200163562681G";
    const auto kept = register_project_as("370214.staff", first);
    const auto unrelated =
        register_project_as("370214.staff", minimal_project(chengyang, "生物医药研发中心"));
    set_clock("2026-12-02T10:00:00+08:00");
    auto second = minimal_project(shinan, "海岸储能电站");
    second["company"] = "青岛海岸新能源有限公司";
    second["source"] = "agency";
    second["stage_dates"] =
        json::array{json::object{{"stage", "signed"}, {"planned_on", "2027-01-15"}}};
    const auto repeated = register_project_as("370202.staff", second);
    ASSERT_EQ(
        signed_in("370202.staff")
            ->post(
                path(repeated, "/updates"),
                R"({"text":"资金到位","funds":{"arrived_on":"2026-12-01","amount":"5000000","currency":"CNY"}})")
            .status,
        201);

    const auto flags = [&](std::int64_t id) {
        std::set<std::string> out;
        const auto p = project_as("bureau", id);
        for (const auto& d : p.at("possible_duplicates").as_array()) {
            out.insert(std::string(d.at("type").as_string()) + ":" +
                       std::to_string(d.at("id").as_int64()) + ":" +
                       std::string(d.at("why").as_string()));
        }
        return out;
    };
    const auto id_text = [](std::int64_t id) { return std::to_string(id); };
    EXPECT_EQ(flags(kept),
              (std::set<std::string>{"intent:" + id_text(intent) + ":credit_code",
                                     "project:" + id_text(repeated) + ":similar_names",
                                     "meeting:" + id_text(meeting) + ":similar_company"}));
    EXPECT_TRUE(flags(repeated).contains("project:" + id_text(kept) + ":similar_names"));
    EXPECT_TRUE(flags(unrelated).empty());

    // Merging: bureau only, a real other project, nothing written otherwise.
    const auto audits = count("SELECT COUNT(*) FROM audit_entry WHERE action LIKE 'dispatch.%'");
    const auto bureau = signed_in("bureau");
    EXPECT_EQ(
        signed_in("370214.staff")
            ->post(path(kept, "/merge"), json::serialize(json::object{{"duplicate_id", repeated}}))
            .status,
        403);
    const auto missing = bureau->post(path(repeated, "/merge"), "{}");
    ASSERT_EQ(missing.status, 422);
    EXPECT_TRUE(missing.json().at("error").at("fields").as_object().contains("duplicate_id"));
    EXPECT_EQ(bureau->post(path(repeated, "/merge"), R"({"duplicate_id":999999})").status, 422);
    EXPECT_EQ(bureau
                  ->post(path(repeated, "/merge"),
                         json::serialize(json::object{{"duplicate_id", repeated}}))
                  .status,
              422);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action LIKE 'dispatch.%'"), audits);

    // Asked on the later project: the earlier registered survives and takes everything over.
    const auto merged = bureau->post(path(repeated, "/merge"),
                                     json::serialize(json::object{{"duplicate_id", kept}}));
    ASSERT_EQ(merged.status, 200) << merged.body;
    const auto reply = merged.json();
    const auto& p = reply.at("project").as_object();
    EXPECT_EQ(p.at("id").as_int64(), kept);
    ASSERT_EQ(p.at("funds").as_array().size(), 1U);
    EXPECT_EQ(p.at("funds").at(0).at("amount"), "5000000");
    const auto& sources = p.at("sources").as_array();
    ASSERT_EQ(sources.size(), 2U);
    EXPECT_EQ(sources.at(0).at("source"), "unit");  // the first, credited
    EXPECT_EQ(sources.at(1).at("source"), "agency");
    EXPECT_EQ(sources.at(1).at("registered_at"), "2026-12-02T10:00:00+08:00");
    bool planned = false;
    for (const auto& st : p.at("stages").as_array()) {
        planned = planned || (st.at("code") == "signed" && st.at("planned_on") == "2027-01-15");
    }
    EXPECT_TRUE(planned);
    std::vector<std::string> kinds;
    for (const auto& e : p.at("timeline").as_array()) {
        kinds.emplace_back(e.at("kind").as_string());
    }
    EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "registered"), 2);
    EXPECT_EQ(kinds.back(), "merged");
    EXPECT_EQ(p.at("last_update_at"), "2026-12-02T10:00:00+08:00");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'dispatch.project.merge'"), 1);
    // The merged one leaves the lists and says where it went.
    EXPECT_EQ(ids_of(bureau->get("/api/v1/projects")), (std::set<std::int64_t>{kept, unrelated}));
    EXPECT_EQ(project_as("bureau", repeated).at("merged_into").as_int64(), kept);
    EXPECT_EQ(
        bureau
            ->post(path(kept, "/merge"), json::serialize(json::object{{"duplicate_id", repeated}}))
            .status,
        422);
    EXPECT_FALSE(flags(kept).contains("project:" + id_text(repeated) + ":similar_names"));
}

TEST_P(ProjectRecord, TheUnitsAttachFilesCheckedLikeAnIntents) {
    auto body = minimal_project(chengyang, "港口物流中心");
    body["collaborating_unit_ids"] = json::array{shinan};
    const auto id = register_project_as("370214.staff", body);
    const auto files = path(id, "/attachments");
    const std::string pdf = "%PDF-1.7\n%\xE2\xE3\n1 0 obj\n";
    const auto staff = signed_in("370214.staff");
    const auto uploaded = staff->send("POST", files + "?name=%E5%8D%8F%E8%AE%AE.pdf", pdf,
                                      {{"Content-Type", "application/octet-stream"}});
    ASSERT_EQ(uploaded.status, 201) << uploaded.body;
    EXPECT_EQ(uploaded.json().at("attachment").at("content_type"), "application/pdf");
    const auto file_id = uploaded.json().at("attachment").at("id").as_int64();

    const auto disguised = staff->send("POST", files + "?name=plan.pdf", "<html></html>",
                                       {{"Content-Type", "application/pdf"}});
    ASSERT_EQ(disguised.status, 422);
    EXPECT_TRUE(disguised.json().at("error").at("fields").as_object().contains("file"));
    EXPECT_EQ(staff->send("POST", files + "?name=a%2Fb.pdf", pdf, {}).status, 422);
    EXPECT_EQ(staff->send("POST", files, pdf, {}).status, 422);  // no name
    EXPECT_EQ(count("SELECT COUNT(*) FROM project_attachment"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'dispatch.project.attach'"),
              1);

    const auto page = project_as("370202.staff", id);  // a collaborating unit sees it
    ASSERT_EQ(page.at("attachments").as_array().size(), 1U);
    EXPECT_EQ(page.at("attachments").at(0).at("name"), "协议.pdf");
    EXPECT_EQ(page.at("timeline").as_array().back().at("kind"), "attached");
    const auto got = signed_in("370202.staff")->get(files + "/" + std::to_string(file_id));
    ASSERT_EQ(got.status, 200);
    EXPECT_EQ(got.body, pdf);
    EXPECT_EQ(got.header("Content-Type"), "application/pdf");
    EXPECT_NE(got.header("Content-Disposition").find("filename*=UTF-8''%E5%8D%8F%E8%AE%AE.pdf"),
              std::string::npos);
    const auto elsewhere = register_project_as("370202.staff", minimal_project(shinan, "市南项目"));
    EXPECT_EQ(signed_in("370214.staff")
                  ->get(path(elsewhere, "/attachments/") + std::to_string(file_id))
                  .status,
              404);
    EXPECT_EQ(signed_in("370214.staff")
                  ->send("POST", path(elsewhere, "/attachments?name=x.pdf"), pdf, {})
                  .status,
              404);
    EXPECT_EQ(signed_in("investor")->send("POST", files + "?name=x.pdf", pdf, {}).status, 403);
    for (int i = 1; i < 10; ++i) {
        ASSERT_EQ(staff->send("POST", files + "?name=p.pdf", pdf, {}).status, 201);
    }
    EXPECT_EQ(staff->send("POST", files + "?name=p.pdf", pdf, {}).status, 422);
}

INSTANTIATE_TEST_SUITE_P(Engines, ProjectRecord, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
