#include <set>

#include <gtest/gtest.h>

#include "db/database.hpp"
#include "support/clocked_server_test.hpp"
#include "support/session_client.hpp"
#include "support/test_server.hpp"
#include "support/websocket_client.hpp"

namespace zhaoyin {
namespace {

namespace json = boost::json;
using testing::session_client;
using testing::test_server;

constexpr std::int64_t chengyang = 7;  // 城阳区 (370214)
constexpr std::int64_t shinan = 2;     // 市南区 (370202)

// Leader meetings over HTTP: recorded by the bureau, pushed to units that read them and report
// the project they led to, reminded and marked overdue on the working calendar, and counted in
// the fill rate. Monday 30 November 2026 is a working day; a push at 09:00 is due five working
// days later, on Friday 4 December at 17:30.
class Meetings : public testing::clocked_server_test {
  protected:
    static json::object meeting_body(const std::string& company) {
        return {{"category", "reception"},
                {"leaders", json::array{"张市长", "李副市长"}},
                {"held_on", "2026-11-27"},
                {"place", "青岛国际会议中心"},
                {"company", company},
                {"summary", "洽谈新能源汽车零部件项目落地。"},
                {"follow_ups", "城阳区对接用地。"}};
    }

    std::int64_t create_meeting(const std::string& company, const std::string& as = "bureau") {
        const auto res =
            signed_in(as)->post("/api/v1/meetings", json::serialize(meeting_body(company)));
        EXPECT_EQ(res.status, 201) << res.body;
        const auto reply = res.json();
        return reply.at("meeting").at("id").as_int64();
    }

    static std::string path(std::int64_t id, const std::string& rest = "") {
        return "/api/v1/meetings/" + std::to_string(id) + rest;
    }

    json::object push(std::int64_t id, json::array units) {
        const auto res = signed_in("bureau")->post(
            path(id, "/push"), json::serialize(json::object{{"unit_ids", std::move(units)}}));
        EXPECT_EQ(res.status, 200) << res.body;
        const auto reply = res.json();
        return reply.at("meeting").as_object();
    }

    std::int64_t register_project(const std::string& login, std::int64_t unit,
                                  const std::string& name) {
        const json::object body{{"name", name},
                                {"company", name + "有限公司"},
                                {"industry", "ict"},
                                {"capital_type", "domestic"},
                                {"investment_total", "100000000"},
                                {"currency", "CNY"},
                                {"undertaking_unit_id", unit},
                                {"source", "unit"}};
        const auto res = signed_in(login)->post("/api/v1/projects", json::serialize(body));
        EXPECT_EQ(res.status, 201) << res.body;
        const auto reply = res.json();
        return reply.at("project").at("id").as_int64();
    }

    static const json::object& receipt_of(const json::object& meeting, std::int64_t unit) {
        for (const auto& r : meeting.at("receipts").as_array()) {
            if (r.at("unit").at("id").as_int64() == unit) {
                return r.as_object();
            }
        }
        throw std::runtime_error("no receipt for unit " + std::to_string(unit));
    }
};

TEST_P(Meetings, TheBureauRecordsAMeetingAndRefusesBadFieldsStoringNothing) {
    const auto res = signed_in("bureau")->post(
        "/api/v1/meetings", json::serialize(meeting_body("青岛示例汽车有限公司")));
    ASSERT_EQ(res.status, 201) << res.body;
    const auto reply = res.json();
    const auto& m = reply.at("meeting").as_object();
    EXPECT_EQ(m.at("category"), "reception");
    EXPECT_EQ(m.at("leaders").as_array().size(), 2U);
    EXPECT_EQ(m.at("leaders").at(1), "李副市长");
    EXPECT_EQ(m.at("held_on"), "2026-11-27");
    EXPECT_EQ(m.at("place"), "青岛国际会议中心");
    EXPECT_EQ(m.at("company"), "青岛示例汽车有限公司");
    EXPECT_EQ(m.at("follow_ups"), "城阳区对接用地。");
    EXPECT_EQ(m.at("created_at"), "2026-11-30T09:00:00+08:00");
    EXPECT_EQ(m.at("counts").at("pushed").as_int64(), 0);
    EXPECT_TRUE(m.at("receipts").as_array().empty());
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'dispatch.meeting.create'"),
              1);
    // City leaders record meetings too; units and investors do not.
    EXPECT_EQ(signed_in("leader")
                  ->post("/api/v1/meetings", json::serialize(meeting_body("外出对接企业")))
                  .status,
              201);
    EXPECT_EQ(signed_in("370214.staff")
                  ->post("/api/v1/meetings", json::serialize(meeting_body("越权")))
                  .status,
              403);
    EXPECT_EQ(signed_in("investor")->get("/api/v1/meetings").status, 403);

    const auto before = count("SELECT COUNT(*) FROM meeting");
    const auto audited =
        count("SELECT COUNT(*) FROM audit_entry WHERE action LIKE 'dispatch.meeting.%'");
    const json::object bad{{"category", "dinner"},    {"leaders", json::array{}},
                           {"held_on", "2026-12-24"}, {"place", ""},
                           {"company", ""},           {"summary", std::string(5001, 'x')}};
    const auto refused = signed_in("bureau")->send("POST", "/api/v1/meetings", json::serialize(bad),
                                                   {{"Accept-Language", "en"}});
    ASSERT_EQ(refused.status, 422) << refused.body;
    const auto error = refused.json();
    const auto& fields = error.at("error").at("fields").as_object();
    for (const char* field : {"category", "leaders", "held_on", "place", "company", "summary"}) {
        EXPECT_TRUE(fields.contains(field)) << field << " in " << refused.body;
    }
    EXPECT_EQ(fields.at("place"), "This field is required.");
    const auto wrong_type = signed_in("bureau")->post(
        "/api/v1/meetings", R"({"category":"outbound","leaders":"张市长","held_on":"x"})");
    ASSERT_EQ(wrong_type.status, 422);
    EXPECT_TRUE(wrong_type.json().at("error").at("fields").as_object().contains("leaders"));
    EXPECT_EQ(count("SELECT COUNT(*) FROM meeting"), before);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action LIKE 'dispatch.meeting.%'"),
              audited);
}

TEST_P(Meetings, PushedUnitsAreToldLiveReadAndReportWhileOthersSeeNothing) {
    const auto id = create_meeting("青岛示例汽车有限公司");
    const auto elsewhere = create_meeting("市南独有会见");
    const auto staff = signed_in("370214.staff");
    testing::websocket_client watching(server.port(), staff->session_token());
    watching.read();  // hello
    watching.subscribe("unit:" + std::to_string(chengyang));

    // Bad pushes write nothing.
    const auto bureau = signed_in("bureau");
    EXPECT_EQ(bureau->post(path(id, "/push"), R"({"unit_ids":[999999]})").status, 422);
    EXPECT_EQ(bureau->post(path(id, "/push"), R"({})").status, 422);
    EXPECT_EQ(bureau->post(path(id, "/push"), R"({"unit_ids":"7"})").status, 422);
    EXPECT_EQ(bureau->post(path(999999, "/push"), R"({"unit_ids":[7]})").status, 404);
    EXPECT_EQ(staff->post(path(id, "/push"), R"({"unit_ids":[7]})").status, 403);
    EXPECT_EQ(count("SELECT COUNT(*) FROM meeting_receipt"), 0);

    const auto pushed = push(id, json::array{chengyang, shinan});
    EXPECT_EQ(pushed.at("counts").at("pushed").as_int64(), 2);
    EXPECT_EQ(receipt_of(pushed, chengyang).at("report_due_at"), "2026-12-04T17:30:00+08:00");
    EXPECT_EQ(receipt_of(pushed, chengyang).at("report_status"), "pending");
    EXPECT_EQ(receipt_of(pushed, chengyang).at("read"), false);
    const auto live = json::parse(watching.read());
    EXPECT_EQ(live.at("type"), "meeting.pushed");
    EXPECT_EQ(live.at("meeting_id").as_int64(), id);
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM notification WHERE kind = 'meeting.pushed' AND user_id = " +
              std::to_string(user_id("370214.staff"))),
        1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'dispatch.meeting.push'"), 1);
    // Pushing again to a unit already pushed to changes nothing.
    push(id, json::array{chengyang});
    EXPECT_EQ(count("SELECT COUNT(*) FROM meeting_receipt"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'dispatch.meeting.push'"), 1);
    push(elsewhere, json::array{shinan});

    // Scope: a unit sees the meetings pushed to it, and only its own receipt.
    const std::map<std::string, std::set<std::int64_t>> expected{
        {"370214.staff", {id}},      {"370214.lead", {id}},       {"370202.staff", {id, elsewhere}},
        {"bureau", {id, elsewhere}}, {"leader", {id, elsewhere}},
    };
    for (const auto& [login, sees] : expected) {
        const auto person = signed_in(login);
        const auto listed = person->get("/api/v1/meetings");
        ASSERT_EQ(listed.status, 200) << login << " " << listed.body;
        EXPECT_EQ(ids_of(listed), sees) << login;
        for (const auto meeting : {id, elsewhere}) {
            EXPECT_EQ(person->get(path(meeting)).status, sees.contains(meeting) ? 200 : 404)
                << login << " meeting " << meeting;
        }
    }
    EXPECT_EQ(staff->get(path(id)).json().at("meeting").at("receipts").as_array().size(), 1U);
    EXPECT_EQ(staff->post(path(elsewhere, "/read")).status, 404);
    EXPECT_EQ(bureau->post(path(id, "/read")).status, 403);

    // Reading: who has read and when; the first reader stays.
    set_clock("2026-11-30T10:15:00+08:00");
    const auto read = signed_in("370214.staff")->post(path(id, "/read"));
    ASSERT_EQ(read.status, 200) << read.body;
    ASSERT_EQ(signed_in("370214.lead")->post(path(id, "/read")).status, 200);
    const auto seen = signed_in("bureau")->get(path(id)).json();
    const auto& ours = receipt_of(seen.at("meeting").as_object(), chengyang);
    EXPECT_EQ(ours.at("read"), true);
    EXPECT_EQ(ours.at("read_at"), "2026-11-30T10:15:00+08:00");
    EXPECT_EQ(ours.at("read_by").at("id").as_int64(), user_id("370214.staff"));
    EXPECT_EQ(receipt_of(seen.at("meeting").as_object(), shinan).at("read"), false);
    EXPECT_EQ(seen.at("meeting").at("counts").at("read").as_int64(), 1);
    EXPECT_EQ(seen.at("meeting").at("counts").at("unread").as_int64(), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'dispatch.meeting.read'"), 1);

    // Reporting: exactly one of a project of the unit or a reason; nothing written otherwise.
    const auto ours_project = register_project("370214.staff", chengyang, "新能源零部件基地");
    const auto theirs = register_project("370202.staff", shinan, "市南项目");
    const auto reporter = signed_in("370214.staff");
    for (const auto* body :
         {R"({})", R"({"project_id":1,"no_project_reason":"无"})", R"({"no_project_reason":""})"}) {
        const auto refused = reporter->post(path(id, "/report"), body);
        ASSERT_EQ(refused.status, 422) << body;
        const auto fields = refused.json();
        EXPECT_TRUE(fields.at("error").at("fields").as_object().contains("project_id")) << body;
    }
    const auto foreign =
        reporter->post(path(id, "/report"), json::serialize(json::object{{"project_id", theirs}}));
    ASSERT_EQ(foreign.status, 422);
    EXPECT_EQ(count("SELECT COUNT(*) FROM meeting_receipt WHERE reported_at IS NOT NULL"), 0);

    const auto reported = reporter->post(
        path(id, "/report"), json::serialize(json::object{{"project_id", ours_project}}));
    ASSERT_EQ(reported.status, 200) << reported.body;
    const auto after = reported.json();
    const auto& mine = receipt_of(after.at("meeting").as_object(), chengyang);
    EXPECT_EQ(mine.at("report_status"), "reported");
    EXPECT_EQ(mine.at("project_id").as_int64(), ours_project);
    EXPECT_EQ(mine.at("on_time"), true);
    EXPECT_EQ(count("SELECT meeting_id FROM project WHERE id = " + std::to_string(ours_project)),
              id);
    EXPECT_EQ(reporter->post(path(id, "/report"), R"({"no_project_reason":"重复"})").status, 409);
    ASSERT_EQ(signed_in("370202.staff")
                  ->post(path(id, "/report"), R"({"no_project_reason":"企业暂无投资计划"})")
                  .status,
              200);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'dispatch.meeting.report'"),
              2);

    // Filters.
    const auto lister = signed_in("bureau");
    EXPECT_EQ(ids_of(lister->get("/api/v1/meetings?report_status=pending")),
              std::set<std::int64_t>{elsewhere});
    EXPECT_EQ(ids_of(lister->get("/api/v1/meetings?report_status=reported")),
              std::set<std::int64_t>{id});
    EXPECT_EQ(ids_of(lister->get("/api/v1/meetings?unit=7")), std::set<std::int64_t>{id});
    EXPECT_EQ(ids_of(lister->get("/api/v1/meetings?category=outbound")), std::set<std::int64_t>{});
    EXPECT_EQ(ids_of(lister->get("/api/v1/meetings?from=2026-11-27&to=2026-11-27")),
              (std::set<std::int64_t>{id, elsewhere}));
    EXPECT_EQ(ids_of(lister->get("/api/v1/meetings?from=2026-11-28")), std::set<std::int64_t>{});
    EXPECT_EQ(ids_of(lister->get("/api/v1/meetings?q=%E5%B8%82%E5%8D%97")),  // 市南
              std::set<std::int64_t>{elsewhere});
    EXPECT_EQ(ids_of(lister->get("/api/v1/meetings?q=%E5%BC%A0%E5%B8%82%E9%95%BF")),  // 张市长
              (std::set<std::int64_t>{id, elsewhere}));
    EXPECT_EQ(lister->get("/api/v1/meetings?page_size=1").json().at("total").as_int64(), 2);
    EXPECT_EQ(lister->get("/api/v1/meetings?report_status=late").status, 422);
    EXPECT_EQ(lister->get("/api/v1/meetings?from=2026-02-30").status, 422);
    EXPECT_EQ(lister->get("/api/v1/meetings?unit=x").status, 422);
    const auto zero = lister->get("/api/v1/meetings?unit=0");
    EXPECT_EQ(zero.field_names(), std::set<std::string>{"unit"});
    EXPECT_EQ(zero.json().at("error").at("fields").at("unit"), "不能小于 1。");
    EXPECT_EQ(lister->get("/api/v1/meetings?category=dinner").status, 422);
}

TEST_P(Meetings, AProjectNamesOnlyAMeetingPushedToItsUnit) {
    const auto id = create_meeting("青岛示例汽车有限公司");
    push(id, json::array{shinan});
    json::object body{{"name", "会见转化项目"},
                      {"company", "青岛示例汽车有限公司"},
                      {"industry", "ict"},
                      {"capital_type", "domestic"},
                      {"investment_total", "100000000"},
                      {"currency", "CNY"},
                      {"undertaking_unit_id", chengyang},
                      {"source", "meeting"},
                      {"meeting_id", id}};
    const auto before = count("SELECT COUNT(*) FROM project");
    const auto refused = signed_in("370214.staff")->post("/api/v1/projects", json::serialize(body));
    ASSERT_EQ(refused.status, 422) << refused.body;
    EXPECT_TRUE(refused.json().at("error").at("fields").as_object().contains("meeting_id"));
    body["meeting_id"] = 999999;
    EXPECT_EQ(signed_in("bureau")->post("/api/v1/projects", json::serialize(body)).status, 422);
    EXPECT_EQ(count("SELECT COUNT(*) FROM project"), before);

    body["meeting_id"] = id;
    body["undertaking_unit_id"] = shinan;
    const auto registered =
        signed_in("370202.staff")->post("/api/v1/projects", json::serialize(body));
    ASSERT_EQ(registered.status, 201) << registered.body;
    EXPECT_EQ(registered.json().at("project").at("meeting_id").as_int64(), id);
    // The bureau may register for any unit from any meeting.
    body["undertaking_unit_id"] = chengyang;
    const auto by_bureau = signed_in("bureau")->post("/api/v1/projects", json::serialize(body));
    ASSERT_EQ(by_bureau.status, 201) << by_bureau.body;
    EXPECT_EQ(by_bureau.json().at("project").at("meeting_id").as_int64(), id);
}

TEST_P(Meetings, UnitsAreRemindedThenMarkedOverdueAndTheFillRateCountsOnTimeReports) {
    const auto first = create_meeting("第一次会见企业");
    const auto second = create_meeting("第二次会见企业");
    push(first, json::array{chengyang, shinan});
    push(second, json::array{chengyang});
    const auto staff = user_id("370214.staff");
    const auto lead = user_id("370214.lead");
    const auto notices = [&](const std::string& kind, std::int64_t user) {
        return count("SELECT COUNT(*) FROM notification WHERE kind = '" + kind +
                     "' AND user_id = " + std::to_string(user));
    };

    // Wednesday: Shinan reports on time, Chengyang reports the second meeting.
    set_clock("2026-12-02T10:00:00+08:00");
    ASSERT_EQ(signed_in("370202.staff")
                  ->post(path(first, "/report"), R"({"no_project_reason":"暂无投资计划"})")
                  .status,
              200);
    ASSERT_EQ(signed_in("370214.staff")
                  ->post(path(second, "/report"), R"({"no_project_reason":"企业仍在考察"})")
                  .status,
              200);
    EXPECT_EQ(notices("meeting.reminder", staff), 0);

    // Thursday evening: one working day is left on the first meeting.
    set_clock("2026-12-03T18:00:00+08:00");
    EXPECT_EQ(notices("meeting.reminder", staff), 1);
    EXPECT_EQ(notices("meeting.reminder", lead), 1);
    EXPECT_EQ(notices("meeting.overdue", lead), 0);
    set_clock("2026-12-04T09:00:00+08:00");
    EXPECT_EQ(notices("meeting.reminder", staff), 1);  // once

    // Monday: the report is overdue and the unit lead is told, once.
    set_clock("2026-12-07T09:00:00+08:00");
    EXPECT_EQ(notices("meeting.overdue", lead), 1);
    EXPECT_EQ(notices("meeting.overdue", staff), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM meeting_receipt WHERE overdue_at IS NOT NULL"), 1);
    const auto tickets =
        "SELECT COUNT(*) FROM supervision_ticket WHERE reason = 'missed_report' "
        "AND unit_id = " +
        std::to_string(chengyang);
    EXPECT_EQ(count(tickets), 1);
    set_clock("2026-12-07T10:00:00+08:00");
    EXPECT_EQ(notices("meeting.overdue", lead), 1);
    EXPECT_EQ(count(tickets), 1);  // once
    const auto bureau = signed_in("bureau");
    EXPECT_EQ(ids_of(bureau->get("/api/v1/meetings?report_status=overdue")),
              std::set<std::int64_t>{first});
    const auto viewed = bureau->get(path(first)).json();
    EXPECT_EQ(receipt_of(viewed.at("meeting").as_object(), chengyang).at("report_status"),
              "overdue");

    // A late report counts as reported, not on time.
    const auto late = signed_in("370214.staff")
                          ->post(path(first, "/report"), R"({"no_project_reason":"对接未果"})");
    ASSERT_EQ(late.status, 200) << late.body;
    EXPECT_EQ(receipt_of(late.json().at("meeting").as_object(), chengyang).at("on_time"), false);

    const auto rates = bureau->get("/api/v1/meetings/fill-rate?from=2026-11-01&to=2026-11-30");
    ASSERT_EQ(rates.status, 200) << rates.body;
    const auto all = rates.json();
    std::map<std::int64_t, json::object> by_unit;
    for (const auto& row : all.at("items").as_array()) {
        by_unit[row.at("unit").at("id").as_int64()] = row.as_object();
    }
    ASSERT_EQ(by_unit.size(), 2U);
    EXPECT_EQ(by_unit[chengyang].at("pushed").as_int64(), 2);
    EXPECT_EQ(by_unit[chengyang].at("read").as_int64(), 0);
    EXPECT_EQ(by_unit[chengyang].at("reported").as_int64(), 2);
    EXPECT_EQ(by_unit[chengyang].at("reported_on_time").as_int64(), 1);
    EXPECT_EQ(by_unit[chengyang].at("fill_rate"), "0.5000");
    EXPECT_EQ(by_unit[shinan].at("fill_rate"), "1.0000");
    // Outside the period, nothing; a unit sees its own row only.
    EXPECT_TRUE(bureau->get("/api/v1/meetings/fill-rate?from=2026-12-01")
                    .json()
                    .at("items")
                    .as_array()
                    .empty());
    const auto own = signed_in("370214.staff")->get("/api/v1/meetings/fill-rate");
    ASSERT_EQ(own.status, 200);
    const auto own_rows = own.json();
    ASSERT_EQ(own_rows.at("items").as_array().size(), 1U);
    EXPECT_EQ(own_rows.at("items").at(0).at("unit").at("id").as_int64(), chengyang);
    EXPECT_EQ(
        signed_in("leader")->get("/api/v1/meetings/fill-rate").json().at("items").as_array().size(),
        2U);
    EXPECT_EQ(bureau->get("/api/v1/meetings/fill-rate?from=2026-13-01").status, 422);
    EXPECT_EQ(bureau->get("/api/v1/meetings/fill-rate?from=2026-12-02&to=2026-12-01").status, 422);
    EXPECT_EQ(signed_in("investor")->get("/api/v1/meetings/fill-rate").status, 403);
}

INSTANTIATE_TEST_SUITE_P(Engines, Meetings, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
