#include <gtest/gtest.h>

#include <string>

#include <boost/json.hpp>

#include "core/time_format.hpp"
#include "service/consult/question_text.hpp"
#include "service/content/parks.hpp"
#include "support/clocked_server_test.hpp"
#include "support/http_client.hpp"
#include "support/websocket_client.hpp"

namespace zhaoyin {
namespace {

namespace json = boost::json;

// Consultations (咨询) over HTTP with the test clock: routing from the page or the text, the
// answer deadline on the working calendar, reminder, overdue and escalation, the answer reaching
// the asker live, transfers, the scoped list, the figures and the failure paths. Monday 30
// November 2026 09:00 is a working morning; a working day is 09:00–12:00 and 13:30–17:30.
class Consultations : public testing::clocked_server_test {
  protected:
    std::int64_t unit_of(const std::string& code) {
        return database.read([&](db::connection& conn) {
            return conn.query("SELECT id FROM unit WHERE code = $1", {code}).integer(0, 0);
        });
    }
    std::int64_t zone() {
        return database.read([&](db::connection& conn) {
            return conn.query("SELECT id FROM unit WHERE name_zh = '中德生态园'").integer(0, 0);
        });
    }
    std::int64_t bureau() {
        return database.read([&](db::connection& conn) {
            return conn.query("SELECT id FROM unit WHERE type = 'bureau'").integer(0, 0);
        });
    }

    // A policy issued by `unit` (370212: 崂山区), as the content service stores it.
    std::int64_t policy(std::int64_t unit, const std::string& title, const std::string& status) {
        const auto author = user_id("370212.lead");
        return database.transaction([&](db::connection& conn) {
            return conn
                .query(
                    "INSERT INTO documents (type, unit_id, region, dimension, title, status, "
                    "version, created_by, created_at, updated_by, updated_at) VALUES ('policy', "
                    "$1, '370212', 'talent', $2, $3, 3, $4, '2026-11-01T00:00:00.000Z', $4, "
                    "'2026-11-20T00:00:00.000Z') RETURNING id",
                    {unit, title, status, author})
                .integer(0, 0);
        });
    }

    json::object ask_as(const std::string& login, const json::object& body) {
        const auto res = signed_in(login)->post("/api/v1/consultations", json::serialize(body));
        EXPECT_EQ(res.status, 201) << res.body;
        const auto reply = res.json();
        return reply.at("consultation").as_object();
    }
    json::object ask_general(const std::string& question) {
        return ask_as("investor", {{"question", question}, {"context_type", "general"}});
    }
    static std::string path(std::int64_t id, const std::string& action = "") {
        return "/api/v1/consultations/" + std::to_string(id) + (action.empty() ? "" : "/" + action);
    }
    static json::object after(const testing::http_response& res) {
        const auto reply = res.json();
        return reply.at("consultation").as_object();
    }
    std::int64_t notices(const std::string& kind, const std::string& login) {
        return count(
            "SELECT COUNT(*) FROM notification n JOIN user_account u ON u.id = n.user_id "
            "WHERE n.kind = '" +
            kind + "' AND u.login_name = '" + login + "'");
    }
};

TEST_P(Consultations, AGeneralQuestionIsRoutedByItsTextOverdueEscalatedAndAnsweredLive) {
    const auto laoshan = unit_of("370212");
    const auto asked =
        ask_general("请问在崂山区设立研发中心，有哪些支持政策？联系电话 13912345678");
    const auto id = asked.at("id").as_int64();
    EXPECT_EQ(asked.at("unit").at("id").as_int64(), laoshan);  // the district the text names
    EXPECT_EQ(asked.at("unit").at("name"), "崂山区");
    EXPECT_EQ(asked.at("routed_by"), "routing");
    EXPECT_EQ(asked.at("status"), "open");
    // 840 working minutes: Monday 09:00–17:30 and Tuesday 09:00–17:30.
    EXPECT_EQ(asked.at("due_at"), "2026-12-01T17:30:00+08:00");
    EXPECT_EQ(asked.at("context"),
              (json::object{
                  {"type", "general"}, {"id", nullptr}, {"version", nullptr}, {"title", nullptr}}));
    // The unit's staff and lead see it in the bell at once.
    EXPECT_EQ(notices("consultation.routed", "370212.staff"), 1);
    EXPECT_EQ(notices("consultation.routed", "370212.lead"), 1);
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM outbox_message WHERE channel = 'push' AND recipient = 'unit:" +
              std::to_string(laoshan) + "'"),
        1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = "
                    "'consult.consultation.ask'"),
              1);

    set_clock("2026-12-01T16:00:00+08:00");  // 90 working minutes left: no reminder yet
    EXPECT_EQ(notices("consultation.reminder", "370212.staff"), 0);
    set_clock("2026-12-01T16:30:00+08:00");  // an hour left
    EXPECT_EQ(notices("consultation.reminder", "370212.staff"), 1);
    set_clock("2026-12-01T17:30:00+08:00");  // due
    EXPECT_EQ(notices("consultation.overdue", "370212.lead"), 1);
    EXPECT_EQ(notices("consultation.escalated", "bureau"), 0);
    const auto late = after(signed_in("investor")->get(path(id)));
    EXPECT_EQ(late.at("overdue"), true);
    EXPECT_EQ(late.at("escalation_level").as_int64(), 1);
    set_clock("2026-12-02T17:00:00+08:00");  // 6.5 working hours late
    EXPECT_EQ(notices("consultation.escalated", "bureau"), 0);
    set_clock("2026-12-02T17:30:00+08:00");  // a working day late
    EXPECT_EQ(notices("consultation.escalated", "bureau"), 1);
    set_clock("2026-12-03T17:30:00+08:00");  // no repeats
    EXPECT_EQ(count("SELECT COUNT(*) FROM consultation_event WHERE kind IN ('reminded', "
                    "'overdue', 'escalated')"),
              3);

    database.transaction([](db::connection& conn) {
        conn.query("UPDATE user_account SET phone = '13900000001' WHERE login_name = 'investor'");
    });
    auto investor = signed_in("investor");
    testing::websocket_client watching(server.port(), investor->session_token());
    watching.read();  // hello
    watching.subscribe("user:" + std::to_string(user_id("investor")));
    const auto answered =
        signed_in("370212.staff")
            ->post(path(id, "answer"),
                   R"({"answer":"可申请研发中心认定补贴，详询 0532-88886666。"})");
    ASSERT_EQ(answered.status, 200) << answered.body;
    EXPECT_EQ(after(answered).at("status"), "answered");
    const auto answers = after(answered).at("answers").as_array();
    ASSERT_EQ(answers.size(), 1U);
    EXPECT_EQ(answers[0].at("on_time"), false);
    EXPECT_EQ(answers[0].at("unit").at("id").as_int64(), laoshan);
    std::string live;
    for (int i = 0; i < 3 && live.find("consultation.answered") == std::string::npos; ++i) {
        live = watching.read();
    }
    const auto pushed = json::parse(live);
    EXPECT_EQ(pushed.at("type"), "consultation.answered");
    EXPECT_EQ(pushed.at("consultation_id").as_int64(), id);
    EXPECT_EQ(notices("consultation.answered", "investor"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox_message WHERE channel = 'sms' AND recipient = "
                    "'13900000001'"),
              1);
    EXPECT_EQ(signed_in("370212.staff")->post(path(id, "answer"), R"({"answer":"再答"})").status,
              409);

    const auto stats = signed_in("bureau")->get("/api/v1/consultations/stats");
    ASSERT_EQ(stats.status, 200) << stats.body;
    const auto figures = stats.json();
    ASSERT_EQ(figures.at("units").as_array().size(), 1U);
    const auto& unit = figures.at("units").as_array()[0];
    EXPECT_EQ(unit.at("unit_id").as_int64(), laoshan);
    EXPECT_EQ(unit.at("received").as_int64(), 1);
    EXPECT_EQ(unit.at("answered").as_int64(), 1);
    EXPECT_EQ(unit.at("answered_on_time").as_int64(), 0);
    EXPECT_EQ(unit.at("on_time_rate").as_double(), 0.0);
    EXPECT_EQ(signed_in("370212.staff")->get("/api/v1/consultations/stats").status, 403);
}

TEST_P(Consultations, AskedFromAPolicyTheIssuerAnswersAndTheAnswerBecomesAnAnonymisedFaq) {
    const auto laoshan = unit_of("370212");
    const auto id_of_policy = policy(laoshan, "崂山区高层次人才支持办法", "published");
    database.transaction([](db::connection& conn) {
        conn.query("UPDATE user_account SET phone = '13900000002' WHERE login_name = 'investor'");
    });
    // 16:00 on Monday: two working days end at 16:00 on Wednesday.
    set_clock("2026-11-30T16:00:00+08:00");
    const auto asked = ask_as("investor", {{"question",
                                            "我是投资者（演示）的张总，电话 13900000002，"
                                            "邮箱 zhang@example.com，博士能申请安家费吗？"},
                                           {"context_type", "policy"},
                                           {"context_id", id_of_policy}});
    const auto id = asked.at("id").as_int64();
    EXPECT_EQ(asked.at("unit"), (json::object{{"id", laoshan}, {"name", "崂山区"}}));
    EXPECT_EQ(asked.at("routed_by"), "context");
    EXPECT_EQ(asked.at("due_at"), "2026-12-02T16:00:00+08:00");
    EXPECT_EQ(asked.at("context"), (json::object{{"type", "policy"},
                                                 {"id", id_of_policy},
                                                 {"version", 3},
                                                 {"title", "崂山区高层次人才支持办法"}}));

    // Not published yet, not a policy, or not there: not found, and nothing is stored.
    const auto draft = policy(laoshan, "草稿办法", "draft");
    const auto investor = signed_in("investor");
    for (const auto& [type, context] : std::vector<std::pair<std::string, std::int64_t>>{
             {"policy", draft}, {"news", id_of_policy}, {"policy", 999999}}) {
        const auto res = investor->post(
            "/api/v1/consultations",
            json::serialize(json::object{
                {"question", "可以吗？"}, {"context_type", type}, {"context_id", context}}));
        EXPECT_EQ(res.status, 404) << type << " " << context << " " << res.body;
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM consultation"), 1);

    // Publishing needs an answer first; staff may not publish.
    EXPECT_EQ(signed_in("370212.lead")->post(path(id, "publish-faq")).status, 409);
    const auto answered =
        signed_in("370212.staff")
            ->post(
                path(id, "answer"),
                R"({"answer":"博士可申请安家费 30 万元，请致电 0532-88886666 或 13900000002 咨询。"})");
    ASSERT_EQ(answered.status, 200) << answered.body;
    EXPECT_EQ(after(answered).at("answers").as_array()[0].at("on_time"), true);
    EXPECT_EQ(after(answered).at("actions"), json::array{});
    EXPECT_EQ(signed_in("370212.staff")->post(path(id, "publish-faq")).status, 403);
    EXPECT_EQ(signed_in("370202.lead")->post(path(id, "publish-faq")).status, 404);

    const auto lead = signed_in("370212.lead");
    EXPECT_EQ(after(lead->get(path(id))).at("actions"), json::array{"publish_faq"});
    const auto published = lead->post(path(id, "publish-faq"));
    ASSERT_EQ(published.status, 200) << published.body;
    const auto faq = after(published).at("faq_id").as_int64();
    EXPECT_EQ(lead->post(path(id, "publish-faq")).status, 409);  // once

    const auto page =
        signed_in("investor2")->get("/api/v1/documents/" + std::to_string(id_of_policy));
    ASSERT_EQ(page.status, 200) << page.body;
    const auto reply = page.json();
    const auto& faqs = reply.at("document").at("faqs").as_array();
    ASSERT_EQ(faqs.size(), 1U);
    EXPECT_EQ(faqs[0].at("id").as_int64(), faq);
    EXPECT_EQ(faqs[0].at("question"), "我是***的张总，电话 ***，邮箱 ***，博士能申请安家费吗？");
    const std::string answer_html(faqs[0].at("answer_html").as_string());
    EXPECT_EQ(answer_html.find("88886666"), std::string::npos);
    EXPECT_EQ(answer_html.find("13900000002"), std::string::npos);
    EXPECT_NE(answer_html.find("安家费 30 万元"), std::string::npos);
    EXPECT_EQ(faqs[0].at("unit").at("id").as_int64(), laoshan);
    EXPECT_EQ(count("SELECT COUNT(*) FROM documents WHERE type = 'faq' AND context_type = "
                    "'policy' AND context_id = " +
                    std::to_string(id_of_policy)),
              1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = "
                    "'consult.consultation.publish_faq'"),
              1);
}

TEST_P(Consultations, TheBureauPublishesAnEditedFaqOnce) {
    const auto id = ask_general("崂山区哪里有人才公寓？").at("id").as_int64();
    const auto bureau_operator = signed_in("bureau");
    ASSERT_EQ(
        bureau_operator->post(path(id, "answer"), R"({"answer":"请联系 hr@laoshan.gov.cn。"})")
            .status,
        200);
    const auto edited = bureau_operator->post(
        path(id, "publish-faq"),
        R"({"question":"崂山区的人才公寓在哪里申请？","answer":"在崂山区人才服务中心申请，邮箱 hr@laoshan.gov.cn。",)"
        R"("question_en":"Where do I apply for talent housing in Laoshan?",)"
        R"("answer_en":"At the Laoshan talent service centre, e-mail hr@laoshan.gov.cn.\nBring your ID."})");
    ASSERT_EQ(edited.status, 200) << edited.body;
    const auto faq = after(edited).at("faq_id").as_int64();
    EXPECT_EQ(count("SELECT COUNT(*) FROM documents WHERE id = " + std::to_string(faq) +
                    " AND title = '崂山区的人才公寓在哪里申请？' AND context_type = 'general' AND "
                    "body_html NOT LIKE '%@%'"),
              1);
    // The English text is kept, anonymised the same way, one paragraph per line.
    EXPECT_EQ(count("SELECT COUNT(*) FROM documents WHERE id = " + std::to_string(faq) +
                    " AND title_en = 'Where do I apply for talent housing in Laoshan?' AND "
                    "body_html_en = '<p>At the Laoshan talent service centre, e-mail ***.</p>"
                    "<p>Bring your ID.</p>'"),
              1);
    const auto empty = signed_in("bureau")->send("POST", path(id, "publish-faq"),
                                                 R"({"question":""})", {{"Accept-Language", "en"}});
    EXPECT_EQ(empty.status, 409);  // published already
}

TEST(ConsultationText, AnonymisesPhonesEmailsAndNamesButKeepsFigures) {
    using service::consult::anonymise;
    EXPECT_EQ(anonymise("电话13912345678、139 1234 5678、+86 139-1234-5678", {}),
              "电话***、***、***");
    EXPECT_EQ(anonymise("座机 0532-88886666 或 (0532)88886666，热线 400-123-4567", {}),
              "座机 *** 或 ***，热线 ***");
    EXPECT_EQ(anonymise("邮箱 a.b+c@example.com.cn", {}), "邮箱 ***");
    EXPECT_EQ(anonymise("青岛示例精工有限公司的王五问", {"王五", "青岛示例精工有限公司", ""}),
              "***的***问");
    // Amounts, years and longer numbers are not phone numbers.
    EXPECT_EQ(anonymise("投资 500000000 元，2026 年，编号 139123456789", {}),
              "投资 500000000 元，2026 年，编号 139123456789");
    EXPECT_EQ(service::consult::code_points("问题ab"), 4U);
    EXPECT_EQ(service::consult::excerpt("崂山区人才政策", 3), "崂山区…");
    EXPECT_EQ(service::consult::excerpt("崂山区", 3), "崂山区");
}

TEST_P(Consultations, AnswersOnTimeCountInTheFiguresAndTheTextRoutesByIndustry) {
    // 人工智能 leads in some areas; the best of them answers.
    const auto by_industry = ask_general("人工智能企业落户有什么奖励？");
    EXPECT_EQ(by_industry.at("routed_by"), "routing");
    EXPECT_NE(by_industry.at("unit").at("id").as_int64(), bureau());
    // Nothing in the text matches: the bureau answers.
    const auto nothing = ask_general("请问办事大厅几点开门？");
    EXPECT_EQ(nothing.at("unit").at("id").as_int64(), bureau());
    EXPECT_EQ(nothing.at("routed_by"), "bureau");
    const auto answered = signed_in("bureau")->post(path(nothing.at("id").as_int64(), "answer"),
                                                    R"({"answer":"工作日 9:00 开门。"})");
    ASSERT_EQ(answered.status, 200) << answered.body;
    EXPECT_EQ(after(answered).at("answers").as_array()[0].at("on_time"), true);
    const auto figures = signed_in("leader")->get("/api/v1/consultations/stats").json();
    for (const auto& unit : figures.at("units").as_array()) {
        if (unit.at("unit_id").as_int64() == bureau()) {
            EXPECT_EQ(unit.at("answered_on_time").as_int64(), 1);
            EXPECT_EQ(unit.at("on_time_rate").as_double(), 1.0);
        } else {
            EXPECT_EQ(unit.at("answered").as_int64(), 0);
            EXPECT_TRUE(unit.at("on_time_rate").is_null());  // nothing fell due yet
        }
    }
}

TEST_P(Consultations, AParkOrAProjectGoesToItsUnit) {
    ASSERT_EQ(service::content::ensure_demo_parks(
                  database, test_clock(*parse_rfc3339("2026-11-26T09:00:00+08:00")), "qingdao"),
              12);
    const auto sino_german = count("SELECT id FROM park WHERE code = 'sino_german'");
    const auto park = ask_as("investor", {{"question", "园区有标准厂房吗？"},
                                          {"context_type", "park"},
                                          {"context_id", sino_german}});
    EXPECT_EQ(park.at("unit").at("id").as_int64(), zone());
    EXPECT_EQ(park.at("routed_by"), "context");
    EXPECT_EQ(park.at("context").at("title"), "中德生态园");

    // The investor's own key project (registered from their intent) goes to its undertaking unit.
    const auto chengyang = unit_of("370214");
    const auto own = project(chengyang, "示例精工项目");
    const auto investor_id = user_id("investor");
    database.transaction([&](db::connection& conn) {
        conn.query(
            "INSERT INTO project_investor (project_id, user_id, created_by, created_at) "
            "VALUES ($1, $2, $2, '2026-11-30T01:00:00.000Z')",
            {own, investor_id});
    });
    const auto asked =
        ask_as("investor",
               {{"question", "环评进度如何？"}, {"context_type", "project"}, {"context_id", own}});
    EXPECT_EQ(asked.at("unit").at("id").as_int64(), chengyang);
    EXPECT_EQ(asked.at("context").at("title"), "示例精工项目");
    EXPECT_TRUE(asked.at("context").at("version").is_null());
    // Key project pages are not public: no FAQ from them.
    const auto bureau_operator = signed_in("bureau");
    const auto about_project = path(asked.at("id").as_int64());
    ASSERT_EQ(bureau_operator->post(about_project + "/answer", R"({"answer":"本周完成。"})").status,
              200);
    EXPECT_EQ(bureau_operator->post(about_project + "/publish-faq").status, 409);
    // A project the asker may not see, and a park that does not exist, are not found.
    const auto other = project(chengyang, "别人的项目");
    const auto investor = signed_in("investor2");
    EXPECT_EQ(
        investor
            ->post("/api/v1/consultations",
                   json::serialize(json::object{
                       {"question", "进度？"}, {"context_type", "project"}, {"context_id", other}}))
            .status,
        404);
    EXPECT_EQ(
        investor
            ->post("/api/v1/consultations", json::serialize(json::object{{"question", "有厂房吗？"},
                                                                         {"context_type", "park"},
                                                                         {"context_id", 999999}}))
            .status,
        404);
    EXPECT_EQ(count("SELECT COUNT(*) FROM consultation"), 2);
}

TEST_P(Consultations, RefusesBadFieldsOneByOneWritingNothing) {
    const auto investor = signed_in("investor");
    const auto refused = [&](const json::object& body, const std::string& field) {
        const auto res = investor->send("POST", "/api/v1/consultations", json::serialize(body),
                                        {{"Accept-Language", "en"}});
        EXPECT_EQ(res.status, 422) << res.body;
        const auto reply = res.json();
        const auto& fields = reply.at("error").at("fields").as_object();
        EXPECT_TRUE(fields.contains(field)) << res.body;
        return reply;
    };
    const auto missing = refused({{"context_type", "general"}}, "question");
    EXPECT_EQ(missing.at("error").at("fields").at("question"), "This field is required.");
    refused({{"question", std::string(2001, 'x')}, {"context_type", "general"}}, "question");
    refused({{"question", "x"}, {"context_type", "weather"}}, "context_type");
    refused({{"question", "x"}, {"context_type", "policy"}}, "context_id");
    refused({{"question", "x"}, {"context_type", "park"}, {"context_id", "seven"}}, "context_id");
    refused({{"question", 5}, {"context_type", "general"}}, "question");
    // 2000 characters of Chinese are allowed (characters, not bytes).
    std::string long_question;
    for (int i = 0; i < 2000; ++i) {
        long_question += "问";
    }
    EXPECT_EQ(investor
                  ->post("/api/v1/consultations",
                         json::serialize(json::object{{"question", long_question},
                                                      {"context_type", "general"}}))
                  .status,
              201);
    EXPECT_EQ(count("SELECT COUNT(*) FROM consultation"), 1);
    // Staff do not ask on the portal's behalf.
    EXPECT_EQ(signed_in("370212.staff")
                  ->post("/api/v1/consultations", R"({"question":"x","context_type":"general"})")
                  .status,
              403);
}

TEST_P(Consultations, OnlyTheResponsibleUnitOrTheBureauAnswers) {
    const auto id = ask_general("崂山区的人才公寓怎么申请？").at("id").as_int64();
    EXPECT_EQ(signed_in("investor")->post(path(id, "answer"), R"({"answer":"x"})").status, 403);
    EXPECT_EQ(signed_in("370202.staff")->post(path(id, "answer"), R"({"answer":"x"})").status,
              404);  // another unit's: out of scope
    EXPECT_EQ(signed_in("370202.staff")->get(path(id)).status, 404);
    EXPECT_EQ(signed_in("investor2")->get(path(id)).status, 404);
    const auto empty =
        signed_in("370212.staff")
            ->send("POST", path(id, "answer"), R"({"answer":""})", {{"Accept-Language", "en"}});
    EXPECT_EQ(empty.status, 422);
    EXPECT_EQ(empty.json().at("error").at("fields").at("answer"), "This field is required.");
    EXPECT_EQ(count("SELECT COUNT(*) FROM consultation WHERE status = 'answered'"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM notification WHERE kind = 'consultation.answered'"), 0);
    EXPECT_EQ(
        signed_in("370212.lead")->post(path(id, "answer"), R"({"answer":"线上申请。"})").status,
        200);
}

TEST_P(Consultations, TheLeadPassesAMisroutedQuestionOnWithinTriageTheBureauAtAnyTime) {
    const auto shinan = unit_of("370202");
    const auto id = ask_general("崂山区有哪些人才政策？").at("id").as_int64();
    auto lead = signed_in("370212.lead");
    EXPECT_EQ(signed_in("370212.staff")
                  ->post(path(id, "transfer"),
                         json::serialize(json::object{{"unit_id", shinan}, {"reason", "x"}}))
                  .status,
              403);
    const auto bad =
        lead->send("POST", path(id, "transfer"), R"({"unit_id":1})", {{"Accept-Language", "en"}});
    ASSERT_EQ(bad.status, 422);
    EXPECT_TRUE(bad.json().at("error").at("fields").as_object().contains("unit_id"));  // the city
    EXPECT_TRUE(bad.json().at("error").at("fields").as_object().contains("reason"));

    set_clock("2026-11-30T09:40:00+08:00");  // within the hour of triage
    lead = signed_in("370212.lead");
    const auto passed =
        lead->post(path(id, "transfer"),
                   json::serialize(json::object{{"unit_id", shinan}, {"reason", "属市南区政策"}}));
    ASSERT_EQ(passed.status, 200) << passed.body;
    EXPECT_EQ(after(passed).at("unit").at("id").as_int64(), shinan);
    EXPECT_EQ(after(passed).at("routed_by"), "transfer");
    // A fresh deadline from the transfer: 2 working days from Monday 09:40.
    EXPECT_EQ(after(passed).at("due_at"), "2026-12-02T09:40:00+08:00");
    EXPECT_EQ(notices("consultation.routed", "370202.staff"), 1);
    EXPECT_EQ(signed_in("370212.staff")->get(path(id)).status, 404);  // no longer theirs
    EXPECT_EQ(signed_in("370202.staff")->get("/api/v1/consultations").json().at("total"), 1);

    // The lead is offered the transfer exactly as long as it is accepted: at 60 working minutes
    // after routing (10:40) still, a second later no longer. The bureau is offered it at any time.
    const auto actions = [&](const std::string& login) {
        const auto res = signed_in(login)->get(path(id));
        EXPECT_EQ(res.status, 200) << res.body;
        std::set<std::string> out;
        const auto consultation = after(res);
        for (const auto& action : consultation.at("actions").as_array()) {
            out.emplace(action.as_string());
        }
        return out;
    };
    // transfer_until tells the console the window's last instant: 10:40 Qingdao time.
    const auto transfer_until = [&](const std::string& login) {
        return after(signed_in(login)->get(path(id))).at("transfer_until");
    };
    set_clock("2026-11-30T10:40:00+08:00");
    EXPECT_EQ(actions("370202.lead"), (std::set<std::string>{"answer", "transfer"}));
    EXPECT_EQ(transfer_until("370202.lead"), "2026-11-30T02:40:00.000Z");
    EXPECT_EQ(actions("370202.staff"), std::set<std::string>{"answer"});
    EXPECT_TRUE(transfer_until("370202.staff").is_null());
    set_clock("2026-11-30T10:40:01+08:00");  // one second past the window
    EXPECT_EQ(actions("370202.lead"), std::set<std::string>{"answer"});
    EXPECT_TRUE(transfer_until("370202.lead").is_null());
    EXPECT_EQ(actions("bureau"), (std::set<std::string>{"answer", "transfer"}));
    EXPECT_TRUE(transfer_until("bureau").is_null());  // no window for the bureau
    EXPECT_EQ(
        signed_in("370202.lead")
            ->post(path(id, "transfer"), json::serialize(json::object{
                                             {"unit_id", unit_of("370212")}, {"reason", "退回"}}))
            .status,
        409);

    set_clock("2026-11-30T11:00:00+08:00");  // 80 working minutes after: too late for the lead
    const auto too_late =
        signed_in("370202.lead")
            ->post(path(id, "transfer"), json::serialize(json::object{
                                             {"unit_id", unit_of("370212")}, {"reason", "退回"}}));
    EXPECT_EQ(too_late.status, 409);
    const auto by_bureau = signed_in("bureau")->post(
        path(id, "transfer"),
        json::serialize(json::object{{"unit_id", unit_of("370212")}, {"reason", "由崂山区答复"}}));
    ASSERT_EQ(by_bureau.status, 200) << by_bureau.body;
    EXPECT_EQ(after(by_bureau).at("due_at"), "2026-12-02T11:00:00+08:00");
    EXPECT_EQ(count("SELECT COUNT(*) FROM consultation_event WHERE kind = 'transferred'"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = "
                    "'consult.consultation.transfer'"),
              2);
}

TEST_P(Consultations, ListsAreScopedPagedAndFiltered) {
    const auto laoshan_question = ask_general("崂山区的厂房租金是多少？").at("id").as_int64();
    const auto other =
        ask_as("investor2", {{"question", "市南区写字楼政策？"}, {"context_type", "general"}});
    ask_general("即墨区有哪些补贴？");
    const auto list = [&](const std::string& login, const std::string& query = "") {
        const auto res = signed_in(login)->get("/api/v1/consultations" + query);
        EXPECT_EQ(res.status, 200) << res.body;
        return ids_of(res);
    };
    EXPECT_EQ(list("investor").size(), 2U);
    EXPECT_EQ(list("investor2"), (std::set<std::int64_t>{other.at("id").as_int64()}));
    EXPECT_EQ(list("370212.staff"), (std::set<std::int64_t>{laoshan_question}));
    EXPECT_EQ(list("bureau").size(), 3U);
    EXPECT_EQ(list("leader").size(), 3U);
    EXPECT_EQ(list("bureau", "?q=%E5%8E%82%E6%88%BF"),  // 厂房
              (std::set<std::int64_t>{laoshan_question}));
    EXPECT_EQ(list("bureau", "?context_type=general").size(), 3U);
    EXPECT_EQ(list("bureau", "?context_type=policy").size(), 0U);
    EXPECT_EQ(list("bureau", "?status=answered").size(), 0U);
    EXPECT_EQ(list("bureau", "?overdue=true").size(), 0U);
    EXPECT_EQ(list("bureau", "?page=1&page_size=2").size(), 2U);
    EXPECT_EQ(signed_in("bureau")->get("/api/v1/consultations?page_size=2").json().at("total"), 3);
    set_clock("2026-12-02T09:00:00+08:00");
    EXPECT_EQ(list("bureau", "?overdue=true").size(), 3U);
    EXPECT_EQ(signed_in("bureau")->get("/api/v1/consultations?status=closed").status, 422);
    EXPECT_EQ(signed_in("bureau")->get("/api/v1/consultations?overdue=maybe").status, 422);
}

INSTANTIATE_TEST_SUITE_P(Engines, Consultations, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
