#include <gtest/gtest.h>

#include "db/database.hpp"
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

// The docking workflow over HTTP: submit, route, claim, contact, dock; decline and re-route;
// transfer within and after the triage window; pause and resume; overdue and escalation; two
// districts claiming the same intent. Monday 30 November 2026 is a working day.
class Docking : public ::testing::TestWithParam<db::engine> {
  protected:
    testing::scratch_database scratch{GetParam()};
    test_server server{scratch};
    db::database database{scratch.target(), 1};
    session_client investor{server.port()};

    void SetUp() override {
        set_clock("2026-11-30T09:00:00+08:00");
        ASSERT_EQ(investor.login("investor", test_server::demo_password).status, 200);
    }

    void set_clock(const std::string& at) {
        ASSERT_EQ(testing::post_json(server.port(), "/api/v1/test/clock",
                                     json::serialize(json::object{{"set", at}}))
                      .status,
                  200);
    }
    void advance(std::int64_t seconds) {
        ASSERT_EQ(testing::post_json(server.port(), "/api/v1/test/clock",
                                     json::serialize(json::object{{"advance_seconds", seconds}}))
                      .status,
                  200);
    }
    std::int64_t count(const std::string& sql) {
        return database.read([&](db::connection& conn) { return conn.query(sql).integer(0, 0); });
    }
    std::string text(const std::string& sql) {
        return database.read([&](db::connection& conn) { return conn.query(sql).text(0, 0); });
    }

    // Submits an intent and returns it.
    json::object submit(json::array preferred, const std::string& industry) {
        const json::object body{{"title", "精密减速器生产基地"},
                                {"company", "青岛示例精工有限公司"},
                                {"contact_name", "王先生"},
                                {"contact_phone", "13812345678"},
                                {"industry", industry},
                                {"investment_total", "200000000"},
                                {"currency", "CNY"},
                                {"capital_type", "domestic"},
                                {"preferred_units", std::move(preferred)},
                                {"description", "新建减速器产线。"}};
        // A fresh sign-in each time: moving the test clock ends idle sessions.
        const auto res = signed_in("investor")->post("/api/v1/intents", json::serialize(body));
        EXPECT_EQ(res.status, 201) << res.body;
        return res.json().at("intent").as_object();
    }

    std::unique_ptr<session_client> signed_in(const std::string& login) {
        auto person = std::make_unique<session_client>(server.port());
        EXPECT_EQ(person->login(login, test_server::demo_password).status, 200);
        return person;
    }

    // A demo account that handles a unit's items: its staff, or for a zone the lead above it.
    std::string handler_of(std::int64_t unit) {
        return database.read([&](db::connection& conn) {
            auto res = conn.query(
                "SELECT login_name FROM user_account WHERE unit_id = $1 AND login_name LIKE "
                "'%.staff'",
                {unit});
            if (res.empty()) {
                res = conn.query(
                    "SELECT u.login_name FROM user_account u JOIN unit n ON n.parent_id = "
                    "u.unit_id WHERE n.id = $1 AND u.login_name LIKE '%.lead'",
                    {unit});
            }
            return res.text(0, 0);
        });
    }

    static std::string step_path(std::int64_t id, const char* action) {
        return "/api/v1/intents/" + std::to_string(id) + "/" + action;
    }
    static json::object after(const testing::http_response& res) {
        return res.json().at("intent").as_object();
    }
    static std::vector<std::string> kinds(const json::object& intent) {
        std::vector<std::string> out;
        for (const auto& e : intent.at("timeline").as_array()) {
            out.emplace_back(e.at("kind").as_string());
        }
        return out;
    }
    static const json::object& duty_of(const json::object& intent, std::int64_t unit) {
        for (const auto& a : intent.at("assignments").as_array()) {
            if (a.at("unit_id").as_int64() == unit) {
                return a.as_object();
            }
        }
        throw std::runtime_error("no duty for unit " + std::to_string(unit));
    }
};

TEST_P(Docking, ClaimsContactsAndDocksWhileTheInvestorWatchesLive) {
    testing::websocket_client watching(server.port(), investor.session_token());
    watching.read();  // hello
    const auto me = investor.get("/api/v1/auth/me").json().at("user").at("id").as_int64();
    watching.subscribe("user:" + std::to_string(me));

    const auto intent = submit(json::array{chengyang}, "C");
    const auto id = intent.at("id").as_int64();
    const auto staff = signed_in("370214.staff");

    const auto inbox = staff->get("/api/v1/inbox").json();
    ASSERT_EQ(inbox.at("total").as_int64(), 1);
    const auto& line = inbox.at("items").as_array()[0];
    EXPECT_EQ(line.at("intent_id").as_int64(), id);
    EXPECT_EQ(line.at("step"), "acknowledge");
    EXPECT_EQ(line.at("due_at"), "2026-11-30T11:00:00+08:00");
    EXPECT_EQ(line.at("mine"), true);  // the unit's only staff member got it
    EXPECT_EQ(after(staff->get("/api/v1/intents/" + std::to_string(id))).at("contact_phone"),
              "13812345678");

    auto claimed = staff->post(step_path(id, "claim"));
    ASSERT_EQ(claimed.status, 200) << claimed.body;
    EXPECT_EQ(after(claimed).at("status"), "claimed");
    EXPECT_EQ(after(claimed).at("primary_unit").at("id").as_int64(), chengyang);
    EXPECT_EQ(duty_of(after(claimed), chengyang).at("step"), "first_contact");
    EXPECT_EQ(duty_of(after(claimed), chengyang).at("due_at"), "2026-11-30T17:30:00+08:00");
    const auto pushed = json::parse(watching.read());
    EXPECT_EQ(pushed.at("type"), "intent.changed");
    EXPECT_EQ(pushed.at("status"), "claimed");

    const auto contacted = staff->post(step_path(id, "contact"),
                                       R"({"channel":"phone","summary":"电话沟通用地需求"})");
    ASSERT_EQ(contacted.status, 200) << contacted.body;
    EXPECT_EQ(after(contacted).at("first_contact_at"), "2026-11-30T09:00:00+08:00");
    EXPECT_EQ(duty_of(after(contacted), chengyang).at("step"), "dock");

    const auto docked = staff->post(step_path(id, "dock"), R"({"summary":"已约定现场考察"})");
    ASSERT_EQ(docked.status, 200) << docked.body;
    EXPECT_EQ(after(docked).at("status"), "docked");
    EXPECT_EQ(after(docked).at("stage"), "negotiating");
    const auto staged = staff->post(step_path(id, "stage"), R"({"stage":"签约"})");
    ASSERT_EQ(staged.status, 200) << staged.body;
    EXPECT_EQ(after(staged).at("stage"), "signed");

    const auto seen = after(investor.get("/api/v1/intents/" + std::to_string(id)));
    EXPECT_EQ(seen.at("handler").at("name"), after(staged).at("handler").at("name"));
    EXPECT_EQ(seen.at("actions"), json::array{"reply"});
    EXPECT_EQ(kinds(seen), (std::vector<std::string>{"submitted", "routed", "claimed", "contacted",
                                                     "docked", "stage"}));
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action LIKE 'intake.intent.%'"), 5);
    EXPECT_EQ(count("SELECT COUNT(*) FROM notification WHERE kind = 'intent.docked'"), 1);
}

TEST_P(Docking, RefusesStepsOutOfOrderAndBadFieldsChangingNothing) {
    const auto id = submit(json::array{chengyang}, "C").at("id").as_int64();
    const auto staff = signed_in("370214.staff");
    const auto events = [&] {
        return count("SELECT COUNT(*) FROM intent_event WHERE intent_id = " + std::to_string(id));
    };
    const auto before = events();
    EXPECT_EQ(staff->post(step_path(id, "dock"), R"({"summary":"x"})").status, 409);
    EXPECT_EQ(staff->post(step_path(id, "contact"), R"({"channel":"phone","summary":"x"})").status,
              409);
    ASSERT_EQ(staff->post(step_path(id, "claim")).status, 200);
    const auto bad = staff->send(
        "POST", step_path(id, "contact"),
        R"({"channel":"pigeon","summary":"","contacted_at":"2030-01-01T00:00:00+08:00"})",
        {{"Accept-Language", "en"}});
    ASSERT_EQ(bad.status, 422);
    const auto fields = bad.json().at("error").at("fields").as_object();
    EXPECT_TRUE(fields.contains("channel"));
    EXPECT_EQ(fields.at("summary"), "This field is required.");
    EXPECT_TRUE(fields.contains("contacted_at"));
    EXPECT_EQ(staff->post(step_path(id, "claim")).status, 409);  // already claimed
    EXPECT_EQ(staff->post(step_path(id, "transfer"), R"({"unit_id":1,"reason":"x"})").status,
              422);  // not to the city itself
    EXPECT_EQ(investor.post(step_path(id, "claim")).status, 403);
    EXPECT_EQ(signed_in("370202.staff")->post(step_path(id, "claim")).status, 404);
    EXPECT_EQ(events(), before + 1);  // only the claim
    EXPECT_EQ(text("SELECT status FROM intent WHERE id = " + std::to_string(id)), "claimed");
}

TEST_P(Docking, DeclinesReRouteToTheNextUnitAndFinallyToTheBureau) {
    // New energy vehicles lead in several areas; the best three are asked first.
    const auto intent = submit(json::array{}, "nev");
    const auto id = intent.at("id").as_int64();
    std::vector<std::int64_t> asked;
    for (const auto& c : intent.at("routing").as_array()) {
        if (!c.at("informed_only").as_bool()) {
            asked.push_back(c.at("unit_id").as_int64());
        }
    }
    ASSERT_EQ(asked.size(), 3U);
    for (const auto unit : asked) {
        const auto res =
            signed_in(handler_of(unit))->post(step_path(id, "decline"), R"({"reason":"无用地"})");
        ASSERT_EQ(res.status, 200) << res.body;
    }
    const auto now = after(investor.get("/api/v1/intents/" + std::to_string(id)));
    std::vector<std::int64_t> active;
    for (const auto& a : now.at("assignments").as_array()) {
        if (a.at("role") == "candidate") {
            active.push_back(a.at("unit_id").as_int64());
        }
    }
    ASSERT_EQ(active.size(), 1U);  // the fourth best area
    EXPECT_EQ(std::count(asked.begin(), asked.end(), active[0]), 0);
    EXPECT_EQ(now.at("status"), "routed");
    EXPECT_EQ(kinds(now).back(), "rerouted");

    // Only 城阳区 fits a manufacturing section it does not lead in, once chosen; when it declines
    // nobody else scores, and the bureau takes it.
    const auto lone = submit(json::array{chengyang}, "C").at("id").as_int64();
    const auto res =
        signed_in("370214.staff")->post(step_path(lone, "decline"), R"({"reason":"不符合规划"})");
    ASSERT_EQ(res.status, 200);
    EXPECT_EQ(after(res).at("status"), "declined_all");
    const auto bureau = signed_in("bureau");
    const auto line = bureau->get("/api/v1/inbox?q=" + std::string("%E7%B2%BE%E5%AF%86")).json();
    bool bureau_has_it = false;
    for (const auto& item : line.at("items").as_array()) {
        bureau_has_it |= item.at("intent_id").as_int64() == lone && item.at("role") == "candidate";
    }
    EXPECT_TRUE(bureau_has_it);
}

TEST_P(Docking, ATransferWithinTheTriageWindowDoesNotCountAgainstTheUnit) {
    const auto quick = submit(json::array{chengyang}, "C").at("id").as_int64();
    advance(20 * 60);  // within the hour of triage
    const auto passed =
        signed_in("370214.staff")
            ->post(step_path(quick, "transfer"), R"({"unit_id":2,"reason":"项目位于市南区"})");
    ASSERT_EQ(passed.status, 200) << passed.body;
    EXPECT_EQ(duty_of(after(passed), chengyang).at("role"), "transferred");
    EXPECT_EQ(duty_of(after(passed), chengyang).at("excused"), true);
    EXPECT_EQ(duty_of(after(passed), shinan).at("step"), "acknowledge");
    EXPECT_EQ(signed_in("370202.staff")->get("/api/v1/inbox").json().at("total").as_int64(), 1);

    const auto slow = submit(json::array{chengyang}, "C").at("id").as_int64();
    advance(90 * 60);
    const auto late =
        signed_in("370214.staff")
            ->post(step_path(slow, "transfer"), R"({"unit_id":2,"reason":"项目位于市南区"})");
    ASSERT_EQ(late.status, 200);
    EXPECT_EQ(duty_of(after(late), chengyang).at("excused"), false);
}

TEST_P(Docking, PausingStopsTheClockAndTheInvestorsReplyRestartsIt) {
    const auto id = submit(json::array{chengyang}, "C").at("id").as_int64();
    const auto staff = signed_in("370214.staff");
    ASSERT_EQ(staff->post(step_path(id, "claim")).status, 200);
    // First contact is due at 17:30 today. Paused at 10:00 with 6 working hours left, resumed
    // at 15:00: the 6 hours run from then, so it is due at 14:00 tomorrow.
    advance(3600);
    ASSERT_EQ(signed_in("370214.staff")
                  ->post(step_path(id, "pause"), R"({"reason":"等待投资方提供用地范围"})")
                  .status,
              200);
    const auto paused = after(signed_in("investor")->get("/api/v1/intents/" + std::to_string(id)));
    EXPECT_EQ(paused.at("actions"), json::array{"reply"});
    EXPECT_EQ(count("SELECT COUNT(*) FROM notification WHERE kind = 'intent.waiting_for_you'"), 1);
    advance(5 * 3600);
    const auto replied =
        signed_in("investor")->post(step_path(id, "reply"), R"({"text":"用地范围已发邮件"})");
    ASSERT_EQ(replied.status, 200) << replied.body;
    const auto resumed =
        after(signed_in("370214.staff")->get("/api/v1/intents/" + std::to_string(id)));
    EXPECT_EQ(duty_of(resumed, chengyang).at("paused"), false);
    EXPECT_EQ(duty_of(resumed, chengyang).at("due_at"), "2026-12-01T14:00:00+08:00");
    const auto k = kinds(resumed);
    EXPECT_EQ(std::vector<std::string>(k.end() - 3, k.end()),
              (std::vector<std::string>{"paused", "resumed", "replied"}));
}

TEST_P(Docking, AMissedDeadlineGoesToTheUnitLeadThenToTheBureau) {
    const auto id = submit(json::array{chengyang}, "C").at("id").as_int64();
    const auto lead_id = count("SELECT id FROM user_account WHERE login_name = '370214.lead'");
    const auto bureau_id = count("SELECT id FROM user_account WHERE login_name = 'bureau'");
    advance(90 * 60);  // 10:30: half an hour left
    EXPECT_EQ(count("SELECT COUNT(*) FROM notification WHERE kind = 'intent.reminder'"), 1);
    advance(30 * 60);  // 11:00: due
    const auto overdue = after(signed_in("investor")->get("/api/v1/intents/" + std::to_string(id)));
    EXPECT_EQ(duty_of(overdue, chengyang).at("overdue"), true);
    EXPECT_EQ(duty_of(overdue, chengyang).at("escalation_level").as_int64(), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM notification WHERE kind = 'intent.overdue' AND "
                    "user_id = " +
                    std::to_string(lead_id)),
              1);
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM notification WHERE user_id = " + std::to_string(bureau_id)), 0);
    advance(6 * 3600);  // 17:00: 5.5 working hours late, not yet a working day
    EXPECT_EQ(count("SELECT COUNT(*) FROM notification WHERE kind = 'intent.escalated'"), 0);
    set_clock("2026-12-01T11:00:00+08:00");  // a full working day late
    EXPECT_EQ(count("SELECT COUNT(*) FROM notification WHERE kind = 'intent.escalated' AND "
                    "user_id = " +
                    std::to_string(bureau_id)),
              1);
    advance(3600);  // no repeats
    EXPECT_EQ(count("SELECT COUNT(*) FROM intent_event WHERE kind IN ('overdue', 'escalated')"), 2);
}

TEST_P(Docking, TwoDistrictsClaimingTheSameIntentGoToTheBureau) {
    const auto id = submit(json::array{chengyang, shinan}, "C").at("id").as_int64();
    ASSERT_EQ(signed_in("370214.staff")->post(step_path(id, "claim")).status, 200);
    const auto second = signed_in("370202.staff")->post(step_path(id, "claim"));
    ASSERT_EQ(second.status, 200);
    EXPECT_EQ(after(second).at("disputed"), true);
    EXPECT_EQ(duty_of(after(second), shinan).at("role"), "collaborator");
    const auto bureau = signed_in("bureau");
    EXPECT_EQ(count("SELECT COUNT(*) FROM notification WHERE kind = 'intent.disputed'"), 1);
    EXPECT_EQ(bureau->post(step_path(id, "decide"), R"({"unit_id":5})").status, 422);
    const auto decided = bureau->post(step_path(id, "decide"), R"({"unit_id":2})");
    ASSERT_EQ(decided.status, 200) << decided.body;
    EXPECT_EQ(after(decided).at("disputed"), false);
    EXPECT_EQ(after(decided).at("primary_unit").at("id").as_int64(), shinan);
    EXPECT_EQ(duty_of(after(decided), shinan).at("step"), "first_contact");
    EXPECT_EQ(duty_of(after(decided), chengyang).at("role"), "collaborator");
    EXPECT_EQ(bureau->post(step_path(id, "decide"), R"({"unit_id":2})").status, 409);
}

TEST_P(Docking, NotificationsCountUnreadAndAreMarkedReadByTheirOwnerOnly) {
    submit(json::array{chengyang}, "C");
    const auto staff = signed_in("370214.staff");
    const auto listed = staff->get("/api/v1/notifications").json();
    EXPECT_EQ(listed.at("unread").as_int64(), 1);
    EXPECT_EQ(listed.at("items").as_array()[0].at("kind"), "intent.routed");
    const auto theirs = listed.at("items").as_array()[0].at("id").as_int64();
    const auto other = investor.post("/api/v1/notifications/read",
                                     json::serialize(json::object{{"ids", json::array{theirs}}}));
    EXPECT_EQ(other.status, 200);
    EXPECT_EQ(staff->get("/api/v1/notifications").json().at("unread").as_int64(), 1);
    EXPECT_EQ(staff->post("/api/v1/notifications/read", R"({"ids":"all"})").status, 422);
    EXPECT_EQ(staff->post("/api/v1/notifications/read").json().at("unread").as_int64(), 0);
}

TEST_P(Docking, FlagsLikelyDuplicatesToStaffOnly) {
    const auto first = submit(json::array{chengyang}, "C").at("id").as_int64();
    // The same company and nearly the same title, without a credit code.
    json::object body{{"title", "精密减速器生产基地二期"},
                      {"company", "青岛示例精工有限公司"},
                      {"contact_name", "王先生"},
                      {"contact_phone", "13812345678"},
                      {"industry", "C"},
                      {"investment_total", "100000000"},
                      {"currency", "CNY"},
                      {"capital_type", "domestic"},
                      {"preferred_units", json::array{chengyang}},
                      {"description", "二期。"}};
    const auto again = investor.post("/api/v1/intents", json::serialize(body));
    ASSERT_EQ(again.status, 201) << again.body;  // flagged, not refused
    const auto second = after(again).at("id").as_int64();
    EXPECT_TRUE(after(again).at("duplicate_of").is_null());  // the investor does not see it
    const auto staff = signed_in("370214.staff");
    const auto seen = after(staff->get("/api/v1/intents/" + std::to_string(second)));
    ASSERT_TRUE(seen.at("duplicate_of").is_object());
    EXPECT_EQ(seen.at("duplicate_of").at("id").as_int64(), first);

    // Another company with another project: no flag.
    body["company"] = "青岛另一家新材料有限公司";
    body["title"] = "高性能膜材料项目";
    const auto other = after(investor.post("/api/v1/intents", json::serialize(body)));
    EXPECT_TRUE(after(staff->get("/api/v1/intents/" + std::to_string(other.at("id").as_int64())))
                    .at("duplicate_of")
                    .is_null());
    EXPECT_EQ(count("SELECT COUNT(*) FROM intent"), 3);
}

TEST_P(Docking, RulesSavedInTheConsoleRouteTheNextIntent) {
    const auto bureau = signed_in("bureau");
    auto rules = bureau->get("/api/v1/routing/rules").json().at("current").at("rules").as_object();
    rules["deadlines_minutes"].as_object()["acknowledge"] = 60;
    rules["max_candidates"] = 1;
    const auto saved = bureau->send(
        "PUT", "/api/v1/routing/rules",
        json::serialize(json::object{{"rules", rules}, {"base_version", 0}, {"note", "一小时"}}));
    ASSERT_EQ(saved.status, 200) << saved.body;
    const auto intent = submit(json::array{}, "nev");
    std::size_t asked = 0;
    for (const auto& a : intent.at("assignments").as_array()) {
        if (a.at("role") == "candidate") {
            ++asked;
            EXPECT_EQ(a.at("due_at"), "2026-11-30T10:00:00+08:00");
        }
    }
    EXPECT_EQ(asked, 1U);
}

TEST_P(Docking, NewItemsSkipStaffOnLeaveOrAtCapacity) {
    const auto staff_id = count("SELECT id FROM user_account WHERE login_name = '370214.staff'");
    const auto lead = signed_in("370214.lead");
    const auto path = "/api/v1/units/7/intake-staff/" + std::to_string(staff_id);
    const auto duty_user = [&](std::int64_t intent) {
        return count("SELECT COALESCE(user_id, 0) FROM assignment WHERE subject_id = " +
                     std::to_string(intent) + " AND unit_id = 7");
    };
    EXPECT_EQ(duty_user(submit(json::array{chengyang}, "C").at("id").as_int64()), staff_id);

    ASSERT_EQ(lead->send("PUT", path, R"({"on_leave":true,"capacity":20})").status, 200);
    EXPECT_EQ(duty_user(submit(json::array{chengyang}, "C").at("id").as_int64()), 0);

    // Back from leave with room for one open item, and already holding one: still skipped.
    const auto set = lead->send("PUT", path, R"({"on_leave":false,"capacity":1})");
    ASSERT_EQ(set.status, 200);
    const auto listed = set.json();
    const auto& row = listed.at("items").as_array()[0];
    EXPECT_EQ(row.at("open_items").as_int64(), 1);
    EXPECT_EQ(row.at("on_leave"), false);
    EXPECT_EQ(duty_user(submit(json::array{chengyang}, "C").at("id").as_int64()), 0);

    EXPECT_EQ(lead->send("PUT", path, R"({"on_leave":false,"capacity":-1})").status, 422);
    EXPECT_EQ(lead->send("PUT", path, R"({"on_leave":"no","capacity":3})").status, 422);
    EXPECT_EQ(
        signed_in("370202.lead")->send("PUT", path, R"({"on_leave":true,"capacity":1})").status,
        404);
    EXPECT_EQ(
        signed_in("370214.staff")->send("PUT", path, R"({"on_leave":true,"capacity":1})").status,
        403);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'intake.staff.availability'"),
              2);
}

TEST_P(Docking, AttachmentsAreCheckedByContentAndShownOnlyWithinScope) {
    const auto id = submit(json::array{chengyang}, "C").at("id").as_int64();
    const auto files = "/api/v1/intents/" + std::to_string(id) + "/attachments";
    std::string png("\x89PNG\r\n\x1a\n", 8);
    png += std::string("\0\x01binary\xff", 9);
    const auto uploaded = investor.send("POST", files + "?name=%E5%9C%BA%E5%9C%B0.png", png,
                                        {{"Content-Type", "application/octet-stream"}});
    ASSERT_EQ(uploaded.status, 201) << uploaded.body;
    EXPECT_EQ(uploaded.json().at("attachment").at("content_type"), "image/png");
    const auto file_id = uploaded.json().at("attachment").at("id").as_int64();

    // Named like a PDF, but HTML inside: refused by what it is.
    const auto disguised =
        investor.send("POST", files + "?name=plan.pdf", "<html><script>alert(1)</script>",
                      {{"Content-Type", "application/pdf"}, {"Accept-Language", "en"}});
    ASSERT_EQ(disguised.status, 422);
    EXPECT_TRUE(disguised.json().at("error").at("fields").as_object().contains("file"));
    EXPECT_EQ(investor.send("POST", files + "?name=a%2Fb.png", png, {}).status, 422);
    EXPECT_EQ(
        investor
            .send("POST", files + "?name=big.pdf", "%PDF-" + std::string(11 * 1024 * 1024, 'x'), {})
            .status,
        413);
    EXPECT_EQ(count("SELECT COUNT(*) FROM intent_attachment"), 1);

    const auto staff = signed_in("370214.staff");
    const auto seen = after(staff->get("/api/v1/intents/" + std::to_string(id)));
    ASSERT_EQ(seen.at("attachments").as_array().size(), 1U);
    EXPECT_EQ(seen.at("attachments").as_array()[0].at("name"), "场地.png");
    const auto got = staff->get(files + "/" + std::to_string(file_id));
    ASSERT_EQ(got.status, 200);
    EXPECT_EQ(got.body, png);
    EXPECT_EQ(got.header("Content-Type"), "image/png");
    EXPECT_NE(got.header("Content-Disposition").find("filename*=UTF-8''%E5%9C%BA%E5%9C%B0.png"),
              std::string::npos);
    EXPECT_EQ(signed_in("370202.staff")->get(files + "/" + std::to_string(file_id)).status, 404);
    EXPECT_EQ(signed_in("investor2")->send("POST", files + "?name=x.png", png, {}).status, 404);
    for (int i = 1; i < 10; ++i) {
        ASSERT_EQ(investor.send("POST", files + "?name=p.png", png, {}).status, 201);
    }
    EXPECT_EQ(investor.send("POST", files + "?name=p.png", png, {}).status, 422);
}

TEST_P(Docking, ThePublicBoardIsFairAndAListingCanBeContested) {
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 6; ++i) {
        ids.push_back(submit(json::array{chengyang}, "C").at("id").as_int64());
    }
    const auto staff = signed_in("370214.staff");
    for (int i = 0; i < 4; ++i) {
        ASSERT_EQ(staff->post(step_path(ids[i], "claim")).status, 200);
        ASSERT_EQ(
            staff->post(step_path(ids[i], "contact"), R"({"channel":"visit","summary":"走访"})")
                .status,
            200);
        ASSERT_EQ(staff->post(step_path(ids[i], "dock"), R"({"summary":"完成"})").status, 200);
    }
    ASSERT_EQ(staff->post(step_path(ids[0], "stage"), R"({"stage":"registered"})").status, 200);
    // Mis-routed, passed on at once: not counted against 城阳区.
    ASSERT_EQ(
        staff->post(step_path(ids[4], "transfer"), R"({"unit_id":2,"reason":"在市南区"})").status,
        200);

    const auto board = [&] {
        const auto res = testing::http_request(server.port(), "GET", "/api/v1/public/board", "",
                                               {{"Accept-Language", "en"}});
        EXPECT_EQ(res.status, 200);  // public: no session
        return res.json().as_object();
    };
    auto now = board();
    EXPECT_EQ(now.at("totals").at("received").as_int64(), 6);
    EXPECT_EQ(now.at("totals").at("docked").as_int64(), 4);
    EXPECT_EQ(now.at("totals").at("landed").as_int64(), 1);
    ASSERT_EQ(now.at("units").as_array().size(), 1U);  // 市南区 has one: below the minimum
    const auto& line = now.at("units").as_array()[0];
    EXPECT_EQ(line.at("unit_name"), "Chengyang District");
    EXPECT_EQ(line.at("received").as_int64(), 5);
    EXPECT_EQ(line.at("acknowledged").as_int64(), 4);
    EXPECT_DOUBLE_EQ(line.at("docking_rate").as_double(), 0.8);
    EXPECT_EQ(line.at("median_first_contact_minutes").as_int64(), 0);

    // The last one is overdue at 11:00; it shows only after a working day in which 城阳区 may
    // contest it.
    set_clock("2026-11-30T11:00:00+08:00");
    EXPECT_TRUE(board().at("overdue").as_array().empty());
    const auto duty =
        count("SELECT id FROM assignment WHERE subject_id = " + std::to_string(ids[5]) +
              " AND unit_id = 7");
    const auto lead = signed_in("370214.lead");
    EXPECT_EQ(signed_in("370202.lead")
                  ->post("/api/v1/board/contests",
                         json::serialize(json::object{{"assignment_id", duty}, {"reason", "x"}}))
                  .status,
              404);
    const auto contested = lead->post(
        "/api/v1/board/contests",
        json::serialize(json::object{{"assignment_id", duty}, {"reason", "投资方联系不上"}}));
    ASSERT_EQ(contested.status, 201) << contested.body;
    const auto contest_id = contested.json().at("contest").at("id").as_int64();
    EXPECT_EQ(contested.json().at("contest").at("unit_name"), "城阳区");
    EXPECT_EQ(duty_of(after(lead->get("/api/v1/intents/" + std::to_string(ids[5]))), chengyang)
                  .at("contest_status"),
              "pending");
    set_clock("2026-12-02T11:00:00+08:00");
    EXPECT_TRUE(board().at("overdue").as_array().empty());  // pending: not shown

    const auto bureau = signed_in("bureau");
    EXPECT_EQ(bureau->get("/api/v1/board/contests").json().at("total").as_int64(), 1);
    const auto path = "/api/v1/board/contests/" + std::to_string(contest_id) + "/decide";
    EXPECT_EQ(bureau->post(path, R"({"accept":"yes"})").status, 422);
    ASSERT_EQ(bureau->post(path, R"({"accept":false,"note":"已电话核实可联系"})").status, 200);
    EXPECT_EQ(bureau->post(path, R"({"accept":true})").status, 409);
    now = board();
    ASSERT_EQ(now.at("overdue").as_array().size(), 1U);
    EXPECT_EQ(now.at("overdue").as_array()[0].at("count").as_int64(), 1);

    // Contested again with new evidence and accepted: excused, no longer counted at all.
    const auto again = signed_in("370214.lead")
                           ->post("/api/v1/board/contests",
                                  json::serialize(json::object{{"assignment_id", duty},
                                                               {"reason", "投资方书面确认暂缓"}}));
    ASSERT_EQ(again.status, 201);
    ASSERT_EQ(
        signed_in("bureau")
            ->post("/api/v1/board/contests/" +
                       std::to_string(again.json().at("contest").at("id").as_int64()) + "/decide",
                   R"({"accept":true})")
            .status,
        200);
    now = board();
    EXPECT_TRUE(now.at("overdue").as_array().empty());
    EXPECT_EQ(now.at("units").as_array().size(), 0U);  // 4 counted now: below the minimum
}

INSTANTIATE_TEST_SUITE_P(Engines, Docking, testing::all_engines(), testing::engine_test_name);

class DemoHistory : public ::testing::TestWithParam<db::engine> {};

TEST_P(DemoHistory, ReproducesTheArticlesFiguresOnThePublicBoard) {
    testing::scratch_database scratch{GetParam()};
    test_server::options opts;
    opts.demo_history = true;
    test_server server{scratch, opts};
    const auto res = testing::http_request(server.port(), "GET", "/api/v1/public/board", "", {});
    ASSERT_EQ(res.status, 200);
    const auto board = res.json();
    const auto& totals = board.at("totals");
    EXPECT_EQ(totals.at("received").as_int64(), 119);  // 121, less 2 withdrawn
    EXPECT_EQ(totals.at("docked").as_int64(), 110);
    EXPECT_NEAR(totals.at("docking_rate").as_double(), 0.924, 0.0005);
    EXPECT_EQ(totals.at("landed").as_int64(), 41);
    EXPECT_FALSE(board.at("units").as_array().empty());
    EXPECT_FALSE(board.at("overdue").as_array().empty());
    db::database database{scratch.target(), 1};
    EXPECT_EQ(database.read([](db::connection& conn) {
        return conn.query("SELECT COUNT(*) FROM intent").integer(0, 0);
    }),
              121);
    // A restart adds nothing.
    server.stop();
    test_server again{scratch, opts};
    EXPECT_EQ(database.read([](db::connection& conn) {
        return conn.query("SELECT COUNT(*) FROM intent").integer(0, 0);
    }),
              121);
}

INSTANTIATE_TEST_SUITE_P(Engines, DemoHistory, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
