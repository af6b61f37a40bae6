#include <set>

#include <gtest/gtest.h>

#include "core/time_format.hpp"
#include "db/database.hpp"
#include "service/dispatch/supervision.hpp"
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

// Leader instructions and supervision tickets over HTTP, with the test clock. Monday 30
// November 2026 is a working day; a working day has 7 working hours (09:00-12:00, 13:30-17:30).
class Supervision : public testing::clocked_server_test {
  protected:
    std::int64_t notices(const std::string& kind, const std::string& login) {
        return count("SELECT COUNT(*) FROM notification WHERE kind = '" + kind +
                     "' AND user_id = " + std::to_string(user_id(login)));
    }

    static std::string instructions_of(std::int64_t project_id) {
        return "/api/v1/projects/" + std::to_string(project_id) + "/instructions";
    }
    static std::string ticket_path(std::int64_t id, const std::string& rest = "") {
        return "/api/v1/tickets/" + std::to_string(id) + rest;
    }

    std::int64_t manual_ticket(std::int64_t project_id) {
        const auto res = signed_in("bureau")->post(
            "/api/v1/tickets",
            json::serialize(json::object{{"project_id", project_id}, {"text", "请报告用地进展"}}));
        EXPECT_EQ(res.status, 201) << res.body;
        const auto reply = res.json();
        return reply.at("ticket").at("id").as_int64();
    }

    // Takes a step and returns the ticket.
    json::object step(const std::string& login, std::int64_t id, const std::string& action,
                      const std::string& body = "{}") {
        const auto res = signed_in(login)->post(ticket_path(id, "/" + action), body);
        EXPECT_EQ(res.status, 200) << action << " " << res.body;
        const auto reply = res.json();
        return reply.at("ticket").as_object();
    }

    static std::vector<std::string> timeline_kinds(const testing::http_response& res) {
        const auto reply = res.json();
        std::vector<std::string> out;
        for (const auto& e : reply.at("project").at("timeline").as_array()) {
            out.emplace_back(e.at("kind").as_string());
        }
        return out;
    }
};

TEST_P(Supervision, AnInstructionReachesTheUnitAsATaskAndItsAnswerJoinsTheTimeline) {
    const auto p = project(chengyang, "精密减速器生产基地");
    const auto staff_session = signed_in("370214.staff");
    testing::websocket_client watching(server.port(), staff_session->session_token());
    watching.read();  // hello
    watching.subscribe("unit:" + std::to_string(chengyang));

    const auto given =
        signed_in("leader")->post(instructions_of(p), R"({"text":"加快推进土地手续"})");
    ASSERT_EQ(given.status, 201) << given.body;
    const auto reply = given.json();
    const auto& instruction = reply.at("instruction").as_object();
    const auto id = instruction.at("id").as_int64();
    EXPECT_EQ(instruction.at("text"), "加快推进土地手续");
    EXPECT_EQ(instruction.at("project").at("id").as_int64(), p);
    EXPECT_EQ(instruction.at("unit_id").as_int64(), chengyang);
    // Three working days by default (supervision.json): Monday 09:00 → Wednesday 17:30.
    EXPECT_EQ(instruction.at("due_at"), "2026-12-02T17:30:00+08:00");
    EXPECT_EQ(instruction.at("state"), "open");
    EXPECT_EQ(instruction.at("overdue"), false);
    EXPECT_EQ(notices("instruction.given", "370214.staff"), 1);
    EXPECT_EQ(notices("instruction.given", "370214.lead"), 1);
    EXPECT_EQ(notices("instruction.given", "370202.staff"), 0);
    std::string type;
    for (int i = 0; i < 5 && type != "instruction.given"; ++i) {
        const auto pushed = json::parse(watching.read());
        type = std::string(pushed.at("type").as_string());
    }
    EXPECT_EQ(type, "instruction.given");

    // A named due time is kept.
    const auto timed = signed_in("bureau")->post(
        instructions_of(p), R"({"text":"本周内报送","due_at":"2026-12-01T12:00:00+08:00"})");
    ASSERT_EQ(timed.status, 201) << timed.body;
    EXPECT_EQ(timed.json().at("instruction").at("due_at"), "2026-12-01T12:00:00+08:00");

    // Scoped lists: the unit's own, everything for leaders.
    const auto listed = signed_in("370214.staff")->get("/api/v1/instructions?state=open");
    ASSERT_EQ(listed.status, 200) << listed.body;
    EXPECT_EQ(listed.json().at("total").as_int64(), 2);
    EXPECT_EQ(signed_in("370202.staff")->get("/api/v1/instructions").json().at("total"), 0);
    EXPECT_EQ(signed_in("leader")->get("/api/v1/instructions").json().at("total"), 2);
    EXPECT_EQ(signed_in("leader")->get("/api/v1/instructions?state=answered").json().at("total"),
              0);
    EXPECT_EQ(signed_in("leader")->get("/api/v1/instructions?state=late").status, 422);

    // The undertaking unit answers, once.
    const auto path = "/api/v1/instructions/" + std::to_string(id) + "/respond";
    EXPECT_EQ(signed_in("370202.staff")->post(path, R"({"text":"越权"})").status, 404);
    EXPECT_EQ(signed_in("bureau")->post(path, R"({"text":"越权"})").status, 403);
    EXPECT_EQ(signed_in("370214.staff")->post(path, R"({"text":""})").field_names(),
              std::set<std::string>{"text"});
    const auto answered =
        signed_in("370214.staff")->post(path, R"({"text":"已协调自然资源局，下周摘牌"})");
    ASSERT_EQ(answered.status, 200) << answered.body;
    EXPECT_EQ(answered.json().at("instruction").at("state"), "answered");
    EXPECT_EQ(answered.json().at("instruction").at("response"), "已协调自然资源局，下周摘牌");
    EXPECT_EQ(answered.json().at("instruction").at("responded_at"), "2026-11-30T09:00:00+08:00");
    EXPECT_EQ(signed_in("370214.lead")->post(path, R"({"text":"再答"})").status, 409);
    EXPECT_EQ(notices("instruction.answered", "leader"), 1);
    EXPECT_EQ(signed_in("leader")->get("/api/v1/instructions?state=answered").json().at("total"),
              1);

    const auto kinds =
        timeline_kinds(signed_in("370214.staff")->get("/api/v1/projects/" + std::to_string(p)));
    EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "instruction"), 2);
    EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "instruction_response"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action LIKE 'dispatch.instruction.%'"),
              3);
}

TEST_P(Supervision, RefusesBadInstructionsAndCallersWithoutTheRight) {
    const auto p = project(chengyang, "精密减速器生产基地");
    const auto before = count("SELECT COUNT(*) FROM instruction");
    EXPECT_EQ(signed_in("leader")
                  ->post(instructions_of(p), R"({"text":"","due_at":"tomorrow"})")
                  .field_names(),
              (std::set<std::string>{"text", "due_at"}));
    EXPECT_EQ(signed_in("leader")
                  ->post(instructions_of(p), R"({"text":"x","due_at":"2026-11-30T08:00:00+08:00"})")
                  .field_names(),
              std::set<std::string>{"due_at"});
    EXPECT_EQ(signed_in("leader")->post(instructions_of(p), R"({"text":5})").field_names(),
              std::set<std::string>{"text"});
    EXPECT_EQ(count("SELECT COUNT(*) FROM instruction"), before);
    EXPECT_EQ(signed_in("370214.staff")->post(instructions_of(p), R"({"text":"x"})").status, 403);
    EXPECT_EQ(signed_in("investor")->post(instructions_of(p), R"({"text":"x"})").status, 403);
    EXPECT_EQ(signed_in("investor")->get("/api/v1/instructions").status, 403);
    EXPECT_EQ(signed_in("leader")->post(instructions_of(p + 100), R"({"text":"x"})").status, 404);
}

TEST_P(Supervision, AnUnansweredInstructionPastItsDueTimeRaisesOneTicket) {
    const auto p = project(chengyang, "精密减速器生产基地");
    const auto given = signed_in("leader")->post(
        instructions_of(p), R"({"text":"本周内报送","due_at":"2026-11-30T12:00:00+08:00"})");
    ASSERT_EQ(given.status, 201) << given.body;
    const auto id = given.json().at("instruction").at("id").as_int64();
    set_clock("2026-11-30T11:59:00+08:00");
    EXPECT_EQ(count("SELECT COUNT(*) FROM supervision_ticket"), 0);
    set_clock("2026-11-30T12:00:00+08:00");
    EXPECT_EQ(count("SELECT COUNT(*) FROM supervision_ticket WHERE reason = 'instruction' AND "
                    "subject_key = 'instruction:" +
                    std::to_string(id) + "' AND unit_id = 7 AND state = 'issued'"),
              1);
    EXPECT_EQ(notices("ticket.issued", "370214.lead"), 1);
    set_clock("2026-11-30T13:00:00+08:00");
    EXPECT_EQ(count("SELECT COUNT(*) FROM supervision_ticket"), 1);
    const auto listed = signed_in("370214.staff")->get("/api/v1/instructions");
    EXPECT_EQ(listed.json().at("items").at(0).at("overdue"), true);
}

TEST_P(Supervision, AStaleProjectRaisesOneTicketAndRaiseTicketIsIdempotent) {
    const auto p = project(chengyang, "精密减速器生产基地");
    const auto fresh = project(shinan, "市南项目");
    const auto stale = [&] {
        return count("SELECT COUNT(*) FROM supervision_ticket WHERE reason = 'stale'");
    };
    set_clock("2026-12-29T09:30:00+08:00");  // 29 days
    EXPECT_EQ(stale(), 0);
    // The other project gets a dispatch record in time.
    ASSERT_EQ(
        signed_in("370202.staff")
            ->post("/api/v1/projects/" + std::to_string(fresh) + "/updates", R"({"text":"进展"})")
            .status,
        201);
    set_clock("2026-12-30T09:30:00+08:00");  // 30 days without a record
    const auto pid = std::to_string(p);
    EXPECT_EQ(count("SELECT COUNT(*) FROM supervision_ticket WHERE reason = 'stale' AND "
                    "unit_id = 7 AND state = 'issued' AND project_id = " +
                    pid),
              1);
    EXPECT_EQ(stale(), 1);
    set_clock("2026-12-31T10:00:00+08:00");
    EXPECT_EQ(stale(), 1);

    // Other work raises tickets through the same function: one open ticket per subject.
    test_clock clock(*parse_rfc3339("2026-12-31T10:00:00+08:00"));
    const auto raise = [&](const std::string& reason, const std::string& key) {
        return database.transaction([&](db::connection& conn) {
            return service::dispatch::raise_ticket(conn, clock, "qingdao", reason, chengyang, p,
                                                   key, "会见填报逾期");
        });
    };
    const auto key = "missed_report:test:" + pid;
    const auto first = raise("missed_report", key);
    const auto again = raise("missed_report", key);
    EXPECT_EQ(first.id, again.id);
    EXPECT_EQ(first.state, "issued");
    EXPECT_EQ(count("SELECT COUNT(*) FROM supervision_ticket WHERE subject_key = '" + key + "'"),
              1);
    const auto stale_key = database.read([&](db::connection& conn) {
        return conn.query("SELECT subject_key FROM supervision_ticket WHERE reason = 'stale'")
            .text(0, 0);
    });
    EXPECT_EQ(raise("stale", stale_key).reason, "stale");
    EXPECT_EQ(stale(), 1);
}

TEST_P(Supervision, ATicketGoesThroughEveryStepInOrderWithADeadlineEach) {
    const auto p = project(chengyang, "精密减速器生产基地");
    const auto created = signed_in("bureau")->post(
        "/api/v1/tickets",
        json::serialize(json::object{{"project_id", p}, {"text", "请报告用地进展"}}));
    ASSERT_EQ(created.status, 201) << created.body;
    const auto reply = created.json();
    const auto& ticket = reply.at("ticket").as_object();
    const auto id = ticket.at("id").as_int64();
    EXPECT_EQ(ticket.at("reason"), "manual");
    EXPECT_EQ(ticket.at("state"), "issued");
    EXPECT_EQ(ticket.at("unit_id").as_int64(), chengyang);  // the project's undertaking unit
    EXPECT_EQ(std::string(ticket.at("subject_key").as_string()), "manual:" + std::to_string(id));
    EXPECT_EQ(ticket.at("due_at"), "2026-11-30T17:30:00+08:00");  // one working day to sign
    EXPECT_EQ(ticket.at("overdue"), false);
    EXPECT_EQ(notices("ticket.issued", "370214.staff"), 1);

    // Steps out of order.
    EXPECT_EQ(
        signed_in("370214.staff")->post(ticket_path(id, "/feedback"), R"({"text":"x"})").status,
        409);
    EXPECT_EQ(signed_in("bureau")->post(ticket_path(id, "/close")).status, 409);
    EXPECT_EQ(signed_in("bureau")->post(ticket_path(id, "/review"), R"({"accept":true})").status,
              409);

    set_clock("2026-11-30T10:00:00+08:00");
    auto t = step("370214.staff", id, "sign");
    EXPECT_EQ(t.at("state"), "signed_for");
    EXPECT_EQ(t.at("due_at"), "2026-12-03T10:00:00+08:00");  // three working days to handle
    EXPECT_EQ(
        signed_in("370214.staff")->post(ticket_path(id, "/handle"), R"({"text":""})").field_names(),
        std::set<std::string>{"text"});
    t = step("370214.staff", id, "handle", R"({"text":"已完成土地摘牌"})");
    EXPECT_EQ(t.at("state"), "handled");
    EXPECT_EQ(t.at("due_at"), "2026-12-01T10:00:00+08:00");  // a working day for feedback
    t = step("370214.lead", id, "feedback", R"({"text":"企业确认满意"})");
    EXPECT_EQ(t.at("state"), "feedback");
    EXPECT_EQ(notices("ticket.feedback", "bureau"), 1);
    EXPECT_EQ(signed_in("bureau")->post(ticket_path(id, "/review"), "{}").field_names(),
              std::set<std::string>{"accept"});
    EXPECT_EQ(
        signed_in("bureau")->post(ticket_path(id, "/review"), R"({"accept":false})").field_names(),
        std::set<std::string>{"reason"});
    t = step("bureau", id, "review", R"({"accept":false,"reason":"缺少企业签字"})");
    EXPECT_EQ(t.at("state"), "handled");
    EXPECT_EQ(notices("ticket.reject", "370214.staff"), 1);
    t = step("370214.staff", id, "feedback", R"({"text":"已补企业签字"})");
    t = step("bureau", id, "review", R"({"accept":true})");
    EXPECT_EQ(t.at("state"), "reviewed");
    t = step("bureau", id, "close");
    EXPECT_EQ(t.at("state"), "closed");
    EXPECT_TRUE(t.at("due_at").is_null());
    EXPECT_EQ(t.at("closed_at"), "2026-11-30T10:00:00+08:00");

    const auto read = signed_in("370214.staff")->get(ticket_path(id));
    ASSERT_EQ(read.status, 200) << read.body;
    std::vector<std::string> states;
    const auto body = read.json();
    for (const auto& s : body.at("ticket").at("steps").as_array()) {
        states.emplace_back(s.at("state").as_string());
        if (s.at("state") != "issued") {
            EXPECT_EQ(s.at("on_time"), true);
        }
    }
    EXPECT_EQ(states, (std::vector<std::string>{"issued", "signed_for", "handled", "feedback",
                                                "handled", "feedback", "reviewed", "closed"}));
    EXPECT_EQ(signed_in("bureau")->post(ticket_path(id, "/close")).status, 409);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action LIKE 'dispatch.ticket.%'"), 8);

    // Closed on time, per unit: what the rankings count.
    const auto closures = database.read([&](db::connection& conn) {
        return service::dispatch::tickets_closed_on_time(conn, "2026-11-01T00:00:00.000Z",
                                                         "2026-12-01T00:00:00.000Z");
    });
    ASSERT_EQ(closures.size(), 1U);
    EXPECT_EQ(closures[0].unit_id, chengyang);
    EXPECT_EQ(closures[0].closed, 1);
    EXPECT_EQ(closures[0].on_time, 1);
}

TEST_P(Supervision, TicketsAreScopedFilteredAndRefuseBadInput) {
    const auto p = project(chengyang, "精密减速器生产基地");
    const auto id = manual_ticket(p);
    const auto other = signed_in("bureau")->post(
        "/api/v1/tickets", json::serialize(json::object{{"unit_id", shinan}, {"text", "督办"}}));
    ASSERT_EQ(other.status, 201) << other.body;

    EXPECT_EQ(signed_in("370202.staff")->get(ticket_path(id)).status, 404);
    EXPECT_EQ(signed_in("370202.staff")->post(ticket_path(id, "/sign")).status, 404);
    EXPECT_EQ(signed_in("370214.staff")->get("/api/v1/tickets").json().at("total"), 1);
    EXPECT_EQ(signed_in("370202.staff")->get("/api/v1/tickets").json().at("total"), 1);
    EXPECT_EQ(signed_in("leader")->get("/api/v1/tickets").json().at("total"), 2);
    const auto bureau = signed_in("bureau");
    EXPECT_EQ(bureau->get("/api/v1/tickets?unit=7").json().at("total"), 1);
    EXPECT_EQ(bureau->get("/api/v1/tickets?reason=manual&state=issued").json().at("total"), 2);
    EXPECT_EQ(bureau->get("/api/v1/tickets?state=closed").json().at("total"), 0);
    EXPECT_EQ(bureau->get("/api/v1/tickets?overdue=true").json().at("total"), 0);
    EXPECT_EQ(bureau->get("/api/v1/tickets?state=done&reason=late&overdue=1&unit=7x").field_names(),
              (std::set<std::string>{"state", "reason", "overdue", "unit"}));

    const auto before = count("SELECT COUNT(*) FROM supervision_ticket");
    EXPECT_EQ(bureau->post("/api/v1/tickets", "{}").field_names(),
              (std::set<std::string>{"text", "unit_id"}));
    EXPECT_EQ(bureau->post("/api/v1/tickets", R"({"unit_id":99999,"text":"x"})").field_names(),
              std::set<std::string>{"unit_id"});
    EXPECT_EQ(bureau->post("/api/v1/tickets", R"({"project_id":99999,"text":"x"})").field_names(),
              (std::set<std::string>{"project_id", "unit_id"}));
    EXPECT_EQ(count("SELECT COUNT(*) FROM supervision_ticket"), before);

    EXPECT_EQ(
        signed_in("370214.staff")->post("/api/v1/tickets", R"({"unit_id":7,"text":"x"})").status,
        403);
    EXPECT_EQ(signed_in("bureau")->post(ticket_path(id, "/sign")).status, 403);
    EXPECT_EQ(signed_in("370214.staff")->post(ticket_path(id, "/close")).status, 403);
    EXPECT_EQ(signed_in("investor")->get("/api/v1/tickets").status, 403);
    EXPECT_EQ(bureau->get(ticket_path(id + 100)).status, 404);
}

TEST_P(Supervision, ALateStepTurnsRedGoesToTheUnitLeadAndThenToTheBureau) {
    const auto p = project(chengyang, "精密减速器生产基地");
    const auto id = manual_ticket(p);  // to be signed by 17:30
    set_clock("2026-11-30T17:29:00+08:00");
    EXPECT_EQ(signed_in("bureau")->get(ticket_path(id)).json().at("ticket").at("overdue"), false);
    set_clock("2026-11-30T18:00:00+08:00");
    auto read = signed_in("bureau")->get(ticket_path(id));
    EXPECT_EQ(read.json().at("ticket").at("overdue"), true);
    EXPECT_EQ(read.json().at("ticket").at("escalation_level").as_int64(), 1);
    EXPECT_EQ(read.json().at("ticket").at("overdue_since"), "2026-11-30T17:30:00+08:00");
    EXPECT_EQ(notices("ticket.overdue", "370214.lead"), 1);
    EXPECT_EQ(notices("ticket.escalated", "bureau"), 0);
    EXPECT_EQ(signed_in("bureau")->get("/api/v1/tickets?overdue=true").json().at("total"), 1);
    EXPECT_EQ(signed_in("bureau")->get("/api/v1/tickets?overdue=false").json().at("total"), 0);

    set_clock("2026-12-01T17:00:00+08:00");  // 6.5 working hours late
    EXPECT_EQ(notices("ticket.escalated", "bureau"), 0);
    set_clock("2026-12-01T17:30:00+08:00");  // a working day late
    EXPECT_EQ(notices("ticket.escalated", "bureau"), 1);
    EXPECT_EQ(signed_in("bureau")->get(ticket_path(id)).json().at("ticket").at("escalation_level"),
              2);
    set_clock("2026-12-02T10:00:00+08:00");  // no repeats
    EXPECT_EQ(notices("ticket.escalated", "bureau"), 1);
    EXPECT_EQ(notices("ticket.overdue", "370214.lead"), 1);

    // Signing late: the step says so, the next step has its own deadline, the ticket stays late
    // for the rankings.
    const auto t = step("370214.staff", id, "sign");
    EXPECT_EQ(t.at("overdue"), false);
    EXPECT_EQ(t.at("escalation_level").as_int64(), 0);
    EXPECT_EQ(t.at("overdue_since"), "2026-11-30T17:30:00+08:00");
    EXPECT_EQ(t.at("steps").as_array().back().at("on_time"), false);
}

INSTANTIATE_TEST_SUITE_P(Engines, Supervision, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
