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

// Dispatch rounds over HTTP: the update rate per unit, the pending list, reminders before the
// close and the close itself. Monday 30 November 2026 is a working day; a working day has 7
// working hours (09:00-12:00, 13:30-17:30).
class Rounds : public testing::clocked_server_test {
  protected:
    void update(const std::string& login, std::int64_t project_id) {
        const auto res =
            signed_in(login)->post("/api/v1/projects/" + std::to_string(project_id) + "/updates",
                                   R"({"text":"本周进展"})");
        EXPECT_EQ(res.status, 201) << res.body;
    }

    std::int64_t open(const std::string& closes_at) {
        const auto res = signed_in("bureau")->post(
            "/api/v1/rounds",
            json::serialize(json::object{{"name", "第47周调度"}, {"closes_at", closes_at}}));
        EXPECT_EQ(res.status, 201) << res.body;
        const auto reply = res.json();
        return reply.at("round").at("id").as_int64();
    }

    static std::string path(std::int64_t id, const std::string& rest = "") {
        return "/api/v1/rounds/" + std::to_string(id) + rest;
    }

    // unit id → {undertaken, updated, rate}
    static std::map<std::int64_t, std::tuple<std::int64_t, std::int64_t, std::string>> rates(
        const testing::http_response& res) {
        EXPECT_TRUE(res.status == 200 || res.status == 201) << res.body;
        const auto reply = res.json();
        std::map<std::int64_t, std::tuple<std::int64_t, std::int64_t, std::string>> out;
        for (const auto& u : reply.at("round").at("units").as_array()) {
            out[u.at("unit").at("id").as_int64()] = {u.at("undertaken").as_int64(),
                                                     u.at("updated").as_int64(),
                                                     std::string(u.at("rate_percent").as_string())};
        }
        return out;
    }

    static std::set<std::int64_t> pending_ids(const testing::http_response& res) {
        EXPECT_EQ(res.status, 200) << res.body;
        const auto reply = res.json();
        std::set<std::int64_t> out;
        for (const auto& p : reply.at("projects").as_array()) {
            out.insert(p.at("id").as_int64());
        }
        return out;
    }
};

using rate = std::tuple<std::int64_t, std::int64_t, std::string>;

TEST_P(Rounds, TheUpdateRateCountsProjectsUpdatedInTheRoundPerUnit) {
    const auto c1 = project(chengyang, "城阳一号");
    const auto c2 = project(chengyang, "城阳二号");
    const auto c3 = project(chengyang, "城阳三号");
    const auto s1 = project(shinan, "市南一号");
    const auto s2 = project(shinan, "市南二号");
    update("370214.staff", c1);  // before the round: does not count
    set_clock("2026-11-30T09:05:00+08:00");

    const auto opened =
        signed_in("bureau")->post("/api/v1/rounds", R"({"name":"第47周调度",)"
                                                    R"("closes_at":"2026-12-04T17:30:00+08:00"})");
    ASSERT_EQ(opened.status, 201) << opened.body;
    const auto reply = opened.json();
    const auto& round = reply.at("round").as_object();
    const auto id = round.at("id").as_int64();
    EXPECT_EQ(round.at("name"), "第47周调度");
    EXPECT_EQ(round.at("state"), "open");
    EXPECT_EQ(round.at("opened_at"), "2026-11-30T09:05:00+08:00");
    EXPECT_EQ(round.at("closes_at"), "2026-12-04T17:30:00+08:00");
    EXPECT_EQ(rates(opened), (std::map<std::int64_t, rate>{{chengyang, {3, 0, "0.00"}},
                                                           {shinan, {2, 0, "0.00"}}}));
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'dispatch.round.open'"), 1);
    // One open round at a time.
    EXPECT_EQ(
        signed_in("bureau")
            ->post("/api/v1/rounds", R"({"name":"第二轮","closes_at":"2026-12-05T17:30:00+08:00"})")
            .status,
        409);

    set_clock("2026-11-30T10:00:00+08:00");
    const auto late = project(chengyang, "开轮后登记");  // not in the round's snapshot
    update("370214.staff", c1);
    update("370214.staff", c1);  // twice: one project
    update("370214.lead", c2);
    update("370214.staff", late);
    update("370202.staff", s1);

    const auto bureau = signed_in("bureau");
    EXPECT_EQ(
        rates(bureau->get(path(id))),
        (std::map<std::int64_t, rate>{{chengyang, {3, 2, "66.66"}}, {shinan, {2, 1, "50.00"}}}));
    // A unit sees its own row and what it still has to update.
    const auto staff = signed_in("370214.staff");
    EXPECT_EQ(rates(staff->get(path(id))),
              (std::map<std::int64_t, rate>{{chengyang, {3, 2, "66.66"}}}));
    EXPECT_EQ(pending_ids(staff->get(path(id, "/pending"))), std::set<std::int64_t>{c3});
    EXPECT_EQ(pending_ids(signed_in("370202.staff")->get(path(id, "/pending"))),
              std::set<std::int64_t>{s2});
    EXPECT_TRUE(pending_ids(signed_in("370202.staff")->get(path(id, "/pending?unit=7"))).empty());
    EXPECT_EQ(pending_ids(bureau->get(path(id, "/pending"))), (std::set<std::int64_t>{c3, s2}));
    EXPECT_EQ(pending_ids(bureau->get(path(id, "/pending?unit=2"))), std::set<std::int64_t>{s2});
    EXPECT_EQ(rates(signed_in("leader")->get(path(id))).size(), 2U);

    // Closing freezes the rate: later records do not count.
    const auto closed = bureau->post(path(id, "/close"));
    ASSERT_EQ(closed.status, 200) << closed.body;
    EXPECT_EQ(closed.json().at("round").at("state"), "closed");
    EXPECT_EQ(closed.json().at("round").at("closed_at"), "2026-11-30T10:00:00+08:00");
    set_clock("2026-11-30T11:00:00+08:00");
    update("370214.staff", c3);
    EXPECT_EQ(
        rates(signed_in("bureau")->get(path(id))),
        (std::map<std::int64_t, rate>{{chengyang, {3, 2, "66.66"}}, {shinan, {2, 1, "50.00"}}}));
    EXPECT_EQ(signed_in("bureau")->post(path(id, "/close")).status, 409);
    EXPECT_EQ(count("SELECT COUNT(*) FROM round_project WHERE updated IS NULL"), 0);

    const auto listed = signed_in("370214.staff")->get("/api/v1/rounds");
    ASSERT_EQ(listed.status, 200) << listed.body;
    EXPECT_EQ(listed.json().at("total").as_int64(), 1);
    EXPECT_EQ(listed.json().at("items").at(0).at("state"), "closed");
    // A new round may open once the last one is closed.
    EXPECT_NE(open("2026-12-11T17:30:00+08:00"), id);
}

TEST_P(Rounds, RefusesBadInputWithoutPermissionOrOutOfRange) {
    const auto before = count("SELECT COUNT(*) FROM dispatch_round");
    const auto bad =
        signed_in("bureau")->post("/api/v1/rounds", R"({"name":"","closes_at":"next friday"})");
    ASSERT_EQ(bad.status, 422) << bad.body;
    const auto fields = bad.json().at("error").at("fields").as_object();
    EXPECT_TRUE(fields.contains("name"));
    EXPECT_TRUE(fields.contains("closes_at"));
    const auto past = signed_in("bureau")->post(
        "/api/v1/rounds", R"({"name":"第47周调度","closes_at":"2026-11-29T17:30:00+08:00"})");
    ASSERT_EQ(past.status, 422) << past.body;
    EXPECT_TRUE(past.json().at("error").at("fields").as_object().contains("closes_at"));
    EXPECT_EQ(signed_in("bureau")->post("/api/v1/rounds", R"({"name":7})").status, 422);
    EXPECT_EQ(count("SELECT COUNT(*) FROM dispatch_round"), before);

    const json::string_view body = R"({"name":"x","closes_at":"2026-12-04T17:30:00+08:00"})";
    EXPECT_EQ(signed_in("370214.staff")->post("/api/v1/rounds", std::string(body)).status, 403);
    EXPECT_EQ(signed_in("leader")->post("/api/v1/rounds", std::string(body)).status, 403);
    EXPECT_EQ(signed_in("investor")->get("/api/v1/rounds").status, 403);
    const auto id = open("2026-12-04T17:30:00+08:00");
    EXPECT_EQ(signed_in("370214.staff")->post(path(id, "/close")).status, 403);
    EXPECT_EQ(signed_in("bureau")->get(path(id + 100)).status, 404);
    EXPECT_EQ(signed_in("bureau")->get(path(id, "/pending?unit=x")).status, 422);
    EXPECT_EQ(signed_in("bureau")->get(path(id, "/pending?unit=-2")).field_names(),
              std::set<std::string>{"unit"});
}

TEST_P(Rounds, RemindsUnitsWithProjectsToUpdateADayBeforeTheCloseAndClosesOnTime) {
    const auto c1 = project(chengyang, "城阳一号");
    const auto s1 = project(shinan, "市南一号");
    const auto id = open("2026-12-02T17:30:00+08:00");  // Wednesday
    update("370202.staff", s1);
    const auto reminders = [&](const std::string& login) {
        return count(
            "SELECT COUNT(*) FROM notification WHERE kind = 'round.reminder' AND user_id "
            "= " +
            std::to_string(user_id(login)));
    };
    set_clock("2026-12-01T17:00:00+08:00");  // 7.5 working hours left
    EXPECT_EQ(reminders("370214.staff"), 0);
    set_clock("2026-12-01T17:30:00+08:00");  // one working day left
    EXPECT_EQ(reminders("370214.staff"), 1);
    EXPECT_EQ(reminders("370214.lead"), 1);
    EXPECT_EQ(reminders("370202.staff"), 0);  // nothing left to update
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox_message WHERE recipient = 'unit:7' AND payload "
                    "LIKE '%round.reminder%'"),
              1);
    const auto bureau = signed_in("bureau");
    EXPECT_EQ(bureau->get(path(id)).json().at("round").at("reminded_at"),
              "2026-12-01T17:30:00+08:00");
    set_clock("2026-12-02T09:30:00+08:00");  // no second reminder
    EXPECT_EQ(reminders("370214.staff"), 1);

    // At closes_at the sweep closes the round as of that instant.
    set_clock("2026-12-02T18:00:00+08:00");
    const auto closed = signed_in("bureau")->get(path(id));
    EXPECT_EQ(closed.json().at("round").at("state"), "closed");
    EXPECT_EQ(closed.json().at("round").at("closed_at"), "2026-12-02T17:30:00+08:00");
    update("370214.staff", c1);
    EXPECT_EQ(
        rates(signed_in("bureau")->get(path(id))),
        (std::map<std::int64_t, rate>{{chengyang, {1, 0, "0.00"}}, {shinan, {1, 1, "100.00"}}}));
}

TEST_P(Rounds, AUnitWatchingLiveGetsTheReminder) {
    project(chengyang, "城阳一号");
    const auto staff = signed_in("370214.staff");
    testing::websocket_client watching(server.port(), staff->session_token());
    watching.read();  // hello
    watching.subscribe("unit:" + std::to_string(chengyang));
    open("2026-11-30T17:30:00+08:00");  // closes within the lead time: reminded at once
    ASSERT_EQ(testing::post_json(server.port(), "/api/v1/test/clock",
                                 json::serialize(json::object{{"advance_seconds", 60}}))
                  .status,
              200);
    std::string type;
    for (int i = 0; i < 5 && type != "round.reminder"; ++i) {
        const auto pushed = json::parse(watching.read());
        type = std::string(pushed.at("type").as_string());
    }
    EXPECT_EQ(type, "round.reminder");
}

INSTANTIATE_TEST_SUITE_P(Engines, Rounds, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
