#include <regex>

#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "db/database.hpp"
#include "service/identity/accounts.hpp"
#include "support/session_client.hpp"
#include "support/test_server.hpp"

namespace zhaoyin {
namespace {

namespace json = boost::json;
using testing::scratch_database;
using testing::session_client;
using testing::test_server;

constexpr const char* demo_password = test_server::demo_password;

std::string error_code_of(const testing::http_response& res) {
    return std::string(res.json().at("error").at("code").as_string());
}

std::string field_message(const testing::http_response& res, const std::string& field) {
    return std::string(res.json().at("error").at("fields").at(field).as_string());
}

class Identity : public ::testing::TestWithParam<db::engine> {
  protected:
    scratch_database scratch{GetParam()};
    test_server server{scratch};
    db::database database{scratch.target(), 1};

    std::int64_t count(const std::string& sql) {
        return database.read([&](db::connection& conn) { return conn.query(sql).integer(0, 0); });
    }
    void advance(std::int64_t seconds) {
        const auto res =
            testing::post_json(server.port(), "/api/v1/test/clock",
                               "{\"advance_seconds\":" + std::to_string(seconds) + "}");
        ASSERT_EQ(res.status, 200);
    }
    json::object registration(const std::string& phone) {
        return {{"phone", phone},
                {"password", "lantern-river-42"},
                {"name", "王先生"},
                {"company", "青岛海风新材料有限公司"},
                {"credit_code", "91370200163562681G"},
                {"privacy_accepted", true},
                {"privacy_version", "2026-11"}};
    }
};

TEST_P(Identity, RegistersAnInvestorAndSignsThemIn) {
    session_client browser(server.port());
    const auto res =
        browser.post("/api/v1/auth/register", json::serialize(registration("13812345678")));
    ASSERT_EQ(res.status, 201) << res.body;
    EXPECT_NE(res.header("Set-Cookie").find("HttpOnly; SameSite=Lax"), std::string::npos);
    const auto me = browser.get("/api/v1/auth/me").json().at("user");
    EXPECT_EQ(me.at("phone_masked"), "138****5678");
    EXPECT_EQ(me.at("roles").as_array().at(0), "investor");
    EXPECT_EQ(me.at("company").at("name"), "青岛海风新材料有限公司");
    EXPECT_EQ(count("SELECT COUNT(*) FROM user_account WHERE phone = '13812345678' AND "
                    "privacy_version = '2026-11' AND password_hash LIKE '$argon2id$%'"),
              1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'auth.register'"), 1);

    session_client other(server.port());
    const auto again =
        other.post("/api/v1/auth/register", json::serialize(registration("13812345678")));
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(field_message(again, "phone"), "已被使用。");
}

TEST_P(Identity, RefusesBadRegistrationsFieldByFieldAndStoresNothing) {
    const auto users_before = count("SELECT COUNT(*) FROM user_account");
    const auto companies_before = count("SELECT COUNT(*) FROM company");
    session_client browser(server.port());
    auto body = registration("12345");
    body["password"] = "password1";
    body["credit_code"] = "913702001635626814";
    body["privacy_accepted"] = false;
    body["name"] = "";
    const auto res = browser.send("POST", "/api/v1/auth/register", json::serialize(body),
                                  {{"Accept-Language", "en"}});
    ASSERT_EQ(res.status, 422) << res.body;
    EXPECT_EQ(error_code_of(res), "validation_failed");
    EXPECT_EQ(field_message(res, "phone"), "Enter an 11-digit mainland China mobile number.");
    EXPECT_EQ(field_message(res, "password"), "This password is too common; choose another.");
    EXPECT_EQ(field_message(res, "credit_code"),
              "A unified social credit code has 18 characters with a valid check character.");
    EXPECT_EQ(field_message(res, "privacy_accepted"), "Read and accept the privacy notice.");
    EXPECT_EQ(field_message(res, "name"), "This field is required.");
    EXPECT_EQ(count("SELECT COUNT(*) FROM user_account"), users_before);
    EXPECT_EQ(count("SELECT COUNT(*) FROM company"), companies_before);

    auto both = registration("13812345679");
    both["email"] = "a@example.com";
    EXPECT_EQ(browser.post("/api/v1/auth/register", json::serialize(both)).status, 422);
}

TEST_P(Identity, RefusesUnsafeRequestsWithoutTheCsrfToken) {
    const auto bare = testing::post_json(server.port(), "/api/v1/auth/login",
                                         R"({"login":"bureau","password":"x"})");
    EXPECT_EQ(bare.status, 403);
    EXPECT_EQ(error_code_of(bare), "csrf_failed");

    session_client browser(server.port());
    ASSERT_EQ(browser.login("bureau", demo_password).status, 200);
    const auto wrong = testing::http_request(server.port(), "POST", "/api/v1/auth/logout", "{}",
                                             {{"Cookie", "zy_session=" + browser.session_token()},
                                              {"X-CSRF-Token", "forged"},
                                              {"Content-Type", "application/json"}});
    EXPECT_EQ(wrong.status, 403);
    EXPECT_EQ(error_code_of(wrong), "csrf_failed");
    EXPECT_EQ(browser.get("/api/v1/auth/me").json().at("user").at("login_name"), "bureau");
}

TEST_P(Identity, AnswersUnknownLoginAndWrongPasswordAlike) {
    session_client browser(server.port());
    const auto unknown = browser.login("nobody-here", "whatever-123");
    const auto wrong = browser.login("bureau", "whatever-123");
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(unknown.body, wrong.body);
    EXPECT_EQ(error_code_of(wrong), "invalid_credentials");
}

TEST_P(Identity, LocksAnAccountAtTheSixthAttemptForFifteenMinutes) {
    session_client browser(server.port());
    for (int attempt = 1; attempt <= 5; ++attempt) {
        EXPECT_EQ(browser.login("370211.staff", "not-the-password").status, 401) << attempt;
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'auth.lockout'"), 1);
    // The sixth attempt fails even with the right password.
    EXPECT_EQ(browser.login("370211.staff", demo_password).status, 401);
    advance(14 * 60);
    EXPECT_EQ(browser.login("370211.staff", demo_password).status, 401);
    advance(61);
    EXPECT_EQ(browser.login("370211.staff", demo_password).status, 200);
}

TEST_P(Identity, LetsFourFailuresPassWithoutLocking) {
    session_client browser(server.port());
    for (int attempt = 1; attempt <= 4; ++attempt) {
        EXPECT_EQ(browser.login("370212.staff", "not-the-password").status, 401);
    }
    EXPECT_EQ(browser.login("370212.staff", demo_password).status, 200);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'auth.lockout'"), 0);
}

TEST_P(Identity, EndsSessionsAfterThirtyIdleMinutes) {
    session_client browser(server.port());
    ASSERT_EQ(browser.login("370214.staff", demo_password).status, 200);
    advance(29 * 60);
    EXPECT_FALSE(browser.get("/api/v1/auth/me").json().at("user").is_null());
    advance(29 * 60);  // activity renewed the idle window
    EXPECT_FALSE(browser.get("/api/v1/auth/me").json().at("user").is_null());
    advance(31 * 60);
    EXPECT_TRUE(browser.get("/api/v1/auth/me").json().at("user").is_null());
    EXPECT_EQ(count("SELECT COUNT(*) FROM auth_session WHERE end_reason = 'idle_expiry'"), 1);
}

TEST_P(Identity, EndsAdministratorSessionsAfterFifteenIdleMinutes) {
    session_client browser(server.port());
    ASSERT_EQ(browser.login("auditor", demo_password).status, 200);
    advance(16 * 60);
    EXPECT_TRUE(browser.get("/api/v1/auth/me").json().at("user").is_null());
}

TEST_P(Identity, EndsSessionsAfterTwelveHoursHoweverActive) {
    session_client browser(server.port());
    ASSERT_EQ(browser.login("370214.lead", demo_password).status, 200);
    for (int step = 0; step < 35; ++step) {  // 11 h 40 min of activity every 20 minutes
        advance(20 * 60);
        ASSERT_FALSE(browser.get("/api/v1/auth/me").json().at("user").is_null()) << step;
    }
    advance(20 * 60);
    EXPECT_TRUE(browser.get("/api/v1/auth/me").json().at("user").is_null());
}

TEST_P(Identity, RefusesTheOldCookieAfterSignOut) {
    session_client browser(server.port());
    ASSERT_EQ(browser.login("leader", demo_password).status, 200);
    const std::string old_token = browser.session_token();
    const auto out = browser.post("/api/v1/auth/logout");
    EXPECT_EQ(out.status, 204);
    EXPECT_NE(out.header("Set-Cookie").find("Max-Age=0"), std::string::npos);
    session_client replay(server.port());
    replay.set_session_token(old_token);
    EXPECT_TRUE(replay.get("/api/v1/auth/me").json().at("user").is_null());
    EXPECT_EQ(replay.get("/api/v1/auth/sessions").status, 401);
}

TEST_P(Identity, ListsAndEndsTheUsersOtherSessions) {
    session_client laptop(server.port());
    session_client phone(server.port());
    ASSERT_EQ(laptop.login("bureau", demo_password).status, 200);
    ASSERT_EQ(phone.login("bureau", demo_password).status, 200);
    const auto list = laptop.get("/api/v1/auth/sessions").json().at("items").as_array();
    ASSERT_EQ(list.size(), 2U);
    std::int64_t other_id = 0;
    for (const auto& s : list) {
        if (!s.at("current").as_bool()) {
            other_id = s.at("id").as_int64();
        }
    }
    ASSERT_NE(other_id, 0);
    EXPECT_EQ(laptop.send("DELETE", "/api/v1/auth/sessions/" + std::to_string(other_id)).status,
              204);
    EXPECT_TRUE(phone.get("/api/v1/auth/me").json().at("user").is_null());
    // Someone else's session is not there to end.
    session_client stranger(server.port());
    ASSERT_EQ(stranger.login("leader", demo_password).status, 200);
    const auto mine = laptop.get("/api/v1/auth/sessions").json().at("items").as_array();
    EXPECT_EQ(stranger
                  .send("DELETE",
                        "/api/v1/auth/sessions/" + std::to_string(mine.at(0).at("id").as_int64()))
                  .status,
              404);
}

TEST_P(Identity, ChangesPasswordsAndEndsEveryOtherSession) {
    session_client first(server.port());
    session_client second(server.port());
    ASSERT_EQ(first.login("370283.staff", demo_password).status, 200);
    ASSERT_EQ(second.login("370283.staff", demo_password).status, 200);
    const auto wrong =
        first.post("/api/v1/auth/password",
                   R"({"current_password":"nope","new_password":"Harbour-Lights-9"})");
    EXPECT_EQ(wrong.status, 422);
    EXPECT_EQ(field_message(wrong, "current_password"), "当前密码不正确。");
    const auto weak = first.post("/api/v1/auth/password",
                                 json::serialize(json::object{{"current_password", demo_password},
                                                              {"new_password", "qwerty"}}));
    EXPECT_EQ(weak.status, 422);
    const auto old_token = first.session_token();
    const auto ok = first.post("/api/v1/auth/password",
                               json::serialize(json::object{{"current_password", demo_password},
                                                            {"new_password", "Harbour-Lights-9"}}));
    ASSERT_EQ(ok.status, 204) << ok.body;
    EXPECT_NE(first.session_token(), old_token);
    EXPECT_FALSE(first.get("/api/v1/auth/me").json().at("user").is_null());
    EXPECT_TRUE(second.get("/api/v1/auth/me").json().at("user").is_null());
    session_client again(server.port());
    EXPECT_EQ(again.login("370283.staff", demo_password).status, 401);
    EXPECT_EQ(again.login("370283.staff", "Harbour-Lights-9").status, 200);
}

// The code an authenticator would show at the server's (test) clock.
std::string current_code(test_server& server, const std::string& secret,
                         std::int64_t offset_steps = 0) {
    const auto now = server.application().time().now().time_since_epoch();
    const auto step = std::chrono::duration_cast<std::chrono::seconds>(now).count() / 30;
    return crypto::totp_code(crypto::base32_decode(secret), step + offset_steps);
}

TEST_P(Identity, AcceptsEachTotpCodeOnce) {
    session_client browser(server.port());
    auto reg = registration("13900001111");
    ASSERT_EQ(browser.post("/api/v1/auth/register", json::serialize(reg)).status, 201);
    const auto setup = browser.post("/api/v1/auth/totp/setup").json();
    const std::string secret(setup.at("secret").as_string());
    EXPECT_TRUE(std::string(setup.at("otpauth_uri").as_string()).starts_with("otpauth://totp/"));
    const auto bad = browser.post("/api/v1/auth/totp/enable", R"({"code":"000000"})");
    if (current_code(server, secret) != "000000") {
        EXPECT_EQ(bad.status, 422);
    }
    const std::string enrol_code = current_code(server, secret, -1);
    ASSERT_EQ(
        browser
            .post("/api/v1/auth/totp/enable", json::serialize(json::object{{"code", enrol_code}}))
            .status,
        204);
    session_client next(server.port());
    const auto asked = next.login("13900001111", "lantern-river-42");
    EXPECT_EQ(asked.status, 401);
    EXPECT_EQ(error_code_of(asked), "totp_required");
    const std::string code = current_code(server, secret, 1);
    EXPECT_EQ(next.login("13900001111", "lantern-river-42", code).status, 200);
    session_client replay(server.port());
    const auto replayed = replay.login("13900001111", "lantern-river-42", code);
    EXPECT_EQ(replayed.status, 401);
    EXPECT_EQ(error_code_of(replayed), "invalid_totp");
}

TEST_P(Identity, ProvisionedAccountsMustChangeTheirPasswordFirst) {
    session_client admin(server.port());
    ASSERT_EQ(admin.login("admin", demo_password).status, 200);
    const auto units = testing::http_get(server.port(), "/api/v1/units").json();
    const auto chengyang =
        units.at("tree").as_array()[0].at("children").as_array()[5].at("id").as_int64();
    const auto created = admin.post(
        "/api/v1/admin/users", json::serialize(json::object{{"login_name", "cy.zhang"},
                                                            {"name", "张工"},
                                                            {"unit_id", chengyang},
                                                            {"roles", json::array{"unit_staff"}},
                                                            {"phone", "13711112222"}}));
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.json().at("user").at("phone_masked"), "137****2222");
    const std::string initial(created.json().at("initial_password").as_string());

    session_client staff(server.port());
    const auto signed_in = staff.login("cy.zhang", initial);
    ASSERT_EQ(signed_in.status, 200);
    EXPECT_TRUE(signed_in.json().at("user").at("must_change_password").as_bool());
    const auto blocked = staff.get("/api/v1/units/" + std::to_string(chengyang) + "/members");
    EXPECT_EQ(blocked.status, 403);
    EXPECT_EQ(error_code_of(blocked), "password_change_required");
    // A staff account must mix character classes.
    EXPECT_EQ(staff
                  .post("/api/v1/auth/password",
                        json::serialize(json::object{{"current_password", initial},
                                                     {"new_password", "harbourlights"}}))
                  .status,
              422);
    ASSERT_EQ(staff
                  .post("/api/v1/auth/password",
                        json::serialize(json::object{{"current_password", initial},
                                                     {"new_password", "Harbour-Lights-9"}}))
                  .status,
              204);
    const auto members = staff.get("/api/v1/units/" + std::to_string(chengyang) + "/members");
    ASSERT_EQ(members.status, 200);
    EXPECT_EQ(members.json().at("items").as_array().size(), 3U);

    const auto duplicate = admin.post(
        "/api/v1/admin/users",
        json::serialize(json::object{
            {"login_name", "cy.zhang"}, {"name", "又一个"}, {"roles", json::array{"unit_staff"}}}));
    EXPECT_EQ(duplicate.status, 422);
    EXPECT_EQ(field_message(duplicate, "login_name"), "已被使用。");
    const auto admin_role = admin.post(
        "/api/v1/admin/users",
        json::serialize(json::object{
            {"login_name", "sneaky"}, {"name", "某人"}, {"roles", json::array{"auditor"}}}));
    EXPECT_EQ(admin_role.status, 422);
}

TEST_P(Identity, KeepsTheThreeAdministratorRolesApart) {
    session_client security(server.port());
    ASSERT_EQ(security.login("security", demo_password).status, 200);
    const auto users = security.get("/api/v1/admin/users?q=370213.staff").json();
    ASSERT_EQ(users.at("total").as_int64(), 1);
    const auto id = users.at("items").as_array()[0].at("id").as_int64();
    const std::string target = "/api/v1/security/users/" + std::to_string(id) + "/roles";
    for (const char* combination :
         {R"({"roles":["sys_admin","auditor"]})", R"({"roles":["unit_staff","auditor"]})",
          R"({"roles":["sec_admin","leader"]})"}) {
        const auto res = security.send("PUT", target, combination);
        EXPECT_EQ(res.status, 422) << combination;
        EXPECT_TRUE(res.json().at("error").at("fields").as_object().contains("roles"));
    }
    EXPECT_EQ(security.send("PUT", target, R"({"roles":["nonsense"]})").status, 422);
    const auto ok = security.send("PUT", target, R"({"roles":["unit_lead"]})");
    ASSERT_EQ(ok.status, 200);
    EXPECT_EQ(ok.json().at("user").at("roles").as_array().at(0), "unit_lead");
    // Administrators read no business records.
    for (const char* login : {"admin", "security", "auditor"}) {
        session_client person(server.port());
        ASSERT_EQ(person.login(login, demo_password).status, 200);
        EXPECT_EQ(person.get("/api/v1/units/2/members").status, 403) << login;
    }
}

TEST_P(Identity, ScopesUnitMembersToTheCallersUnits) {
    const auto units = testing::http_get(server.port(), "/api/v1/units").json();
    const auto& children = units.at("tree").as_array()[0].at("children").as_array();
    const auto huangdao = children[2].at("id").as_int64();
    const auto chengyang = children[5].at("id").as_int64();
    const auto west_coast = children[2].at("children").as_array()[0].at("id").as_int64();

    session_client staff(server.port());
    ASSERT_EQ(staff.login("370214.staff", demo_password).status, 200);
    EXPECT_EQ(staff.get("/api/v1/units/" + std::to_string(chengyang) + "/members").status, 200);
    const auto other = staff.get("/api/v1/units/" + std::to_string(huangdao) + "/members");
    EXPECT_EQ(other.status, 404);
    EXPECT_EQ(error_code_of(other), "not_found");

    session_client lead(server.port());
    ASSERT_EQ(lead.login("370211.lead", demo_password).status, 200);
    EXPECT_EQ(lead.get("/api/v1/units/" + std::to_string(west_coast) + "/members").status, 200);
    EXPECT_EQ(lead.get("/api/v1/units/" + std::to_string(chengyang) + "/members").status, 404);

    session_client bureau(server.port());
    ASSERT_EQ(bureau.login("bureau", demo_password).status, 200);
    EXPECT_EQ(bureau.get("/api/v1/units/" + std::to_string(huangdao) + "/members").status, 200);
}

TEST_P(Identity, KeepsAVerifiableAppendOnlyAuditTrail) {
    session_client someone(server.port());
    ASSERT_EQ(someone.login("370202.staff", demo_password).status, 200);
    ASSERT_EQ(someone.login("370202.staff", "wrong-password-1").status, 401);
    session_client auditor(server.port());
    ASSERT_EQ(auditor.login("auditor", demo_password).status, 200);

    const auto search = auditor.get("/api/v1/audit?q=370202.staff");
    ASSERT_EQ(search.status, 200);
    const auto found = search.json();
    const auto& items = found.at("items").as_array();
    ASSERT_GE(items.size(), 2U);
    EXPECT_EQ(items[0].at("result"), "failure");
    EXPECT_EQ(items[0].at("action"), "auth.login");
    EXPECT_EQ(items[1].at("result"), "success");
    EXPECT_FALSE(items[0].at("request_id").is_null());

    const auto verified = auditor.get("/api/v1/audit/verify").json();
    EXPECT_TRUE(verified.at("ok").as_bool());
    EXPECT_GE(verified.at("checked").as_int64(), 4);

    const auto csv = auditor.get("/api/v1/audit/export?q=370202.staff");
    EXPECT_EQ(csv.status, 200);
    EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_NE(csv.body.find("auth.login"), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'audit.export'"), 1);

    // The trail refuses changes; a back door (the database owner lifting the guard) is caught.
    EXPECT_THROW(database.transaction([](db::connection& conn) {
        conn.query("UPDATE audit_entry SET result = 'success' WHERE action = 'auth.login'");
    }),
                 db::error);
    EXPECT_THROW(
        database.transaction([](db::connection& conn) { conn.query("DELETE FROM audit_entry"); }),
        db::error);
    const auto victim =
        count("SELECT MIN(id) FROM audit_entry WHERE action = 'auth.login' AND result = 'failure'");
    database.transaction([&](db::connection& conn) {
        if (conn.kind() == db::engine::sqlite) {
            conn.execute_script("DROP TRIGGER audit_entry_no_update");
        } else {
            conn.execute_script("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_guard");
        }
        conn.query("UPDATE audit_entry SET result = 'success' WHERE id = $1", {victim});
    });
    const auto broken = auditor.get("/api/v1/audit/verify").json();
    EXPECT_FALSE(broken.at("ok").as_bool());
    EXPECT_EQ(broken.at("first_broken_id").as_int64(), victim);
}

TEST_P(Identity, NeverShowsAFullPhoneNumberToAnUnprivilegedRole) {
    session_client investor(server.port());
    ASSERT_EQ(
        investor.post("/api/v1/auth/register", json::serialize(registration("13698765432"))).status,
        201);
    session_client admin(server.port());
    ASSERT_EQ(admin.login("admin", demo_password).status, 200);
    ASSERT_EQ(admin
                  .post("/api/v1/admin/users",
                        json::serialize(json::object{{"login_name", "lc.li"},
                                                     {"name", "李工"},
                                                     {"unit_id", 6},
                                                     {"roles", json::array{"unit_staff"}},
                                                     {"phone", "15866667777"}}))
                  .status,
              201);
    const std::regex full_phone("1[3-9][0-9]{9}");
    session_client staff(server.port());
    ASSERT_EQ(staff.login("370213.staff", demo_password).status, 200);
    std::size_t scanned = 0;
    for (const auto* target : {"/api/v1/auth/me", "/api/v1/units/6/members",
                               "/api/v1/auth/sessions", "/api/v1/units", "/api/v1/units/6"}) {
        const auto res = staff.get(target);
        EXPECT_FALSE(std::regex_search(res.body, full_phone)) << target << ": " << res.body;
        scanned += res.body.size();
    }
    for (const auto* target : {"/api/v1/auth/me", "/api/v1/auth/sessions"}) {
        const auto res = investor.get(target);
        EXPECT_FALSE(std::regex_search(res.body, full_phone)) << target << ": " << res.body;
        scanned += res.body.size();
    }
    const auto listed = admin.get("/api/v1/admin/users?q=lc.li");
    EXPECT_FALSE(std::regex_search(listed.body, full_phone)) << listed.body;
    EXPECT_NE(listed.body.find("158****7777"), std::string::npos);
    EXPECT_GT(scanned, 1000U);
    // Nor in the audit trail.
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE detail LIKE '%13698765432%' OR "
                    "actor_login LIKE '%13698765432%'"),
              0);
}

TEST_P(Identity, LimitsSignInAttemptsPerAddress) {
    session_client security(server.port());
    ASSERT_EQ(security.login("security", demo_password).status, 200);
    const auto set = security.send("PUT", "/api/v1/security/policy",
                                   R"({"values":{"login_attempts_per_ip_per_minute":"5"}})");
    ASSERT_EQ(set.status, 200) << set.body;
    EXPECT_EQ(set.json().at("values").at("login_attempts_per_ip_per_minute"), "5");
    const auto bad =
        security.send("PUT", "/api/v1/security/policy", R"({"values":{"lockout_threshold":"1"}})");
    EXPECT_EQ(bad.status, 422);
    session_client browser(server.port());
    for (int i = 0; i < 4; ++i) {  // the sign-in above was the first of five
        EXPECT_NE(browser.login("nobody", "whatever-123").status, 429) << i;
    }
    const auto limited = browser.login("bureau", demo_password);
    EXPECT_EQ(limited.status, 429);
    EXPECT_EQ(error_code_of(limited), "rate_limited");
    advance(61);
    EXPECT_EQ(browser.login("bureau", demo_password).status, 200);
}

TEST_P(Identity, LetsTheSystemAdministratorCorrectAUnit) {
    session_client admin(server.port());
    ASSERT_EQ(admin.login("admin", demo_password).status, 200);
    const auto before = testing::http_get(server.port(), "/api/v1/units");
    const auto changed = admin.send(
        "PATCH", "/api/v1/admin/units/7",
        R"({"phone":"0532-87860000","leading_industries":["轨道交通","半导体装备","新材料"]})");
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(changed.json().at("unit").at("phone"), "0532-87860000");
    const auto after = testing::http_get(server.port(), "/api/v1/units");
    EXPECT_NE(after.header("ETag"), before.header("ETag"));
    EXPECT_NE(after.body.find("0532-87860000"), std::string::npos);
    EXPECT_NE(after.body.find("新材料"), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'identity.unit.update' AND "
                    "object_id = '7' AND detail = 'changed phone,leading_industries'"),
              1);
    const auto bad =
        admin.send("PATCH", "/api/v1/admin/units/7", R"({"name_zh":"","phone":"call me"})");
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(bad.json().at("error").at("fields").as_object().contains("name_zh"));
    EXPECT_TRUE(bad.json().at("error").at("fields").as_object().contains("phone"));
    EXPECT_EQ(admin.send("PATCH", "/api/v1/admin/units/99999", R"({"phone":"0532-1"})").status,
              404);
    session_client lead(server.port());
    ASSERT_EQ(lead.login("370214.lead", demo_password).status, 200);
    EXPECT_EQ(lead.send("PATCH", "/api/v1/admin/units/7", R"({"phone":"0532-1"})").status, 403);
}

TEST_P(Identity, FailsTheActionWhenTheAuditWriteFails) {
    const auto sessions_before = count("SELECT COUNT(*) FROM auth_session");
    database.transaction([](db::connection& conn) {
        conn.execute_script("ALTER TABLE audit_entry RENAME TO audit_entry_away");
    });
    session_client browser(server.port());
    const auto res = browser.login("bureau", demo_password);
    EXPECT_EQ(res.status, 500);
    EXPECT_EQ(error_code_of(res), "internal");
    EXPECT_EQ(count("SELECT COUNT(*) FROM auth_session"), sessions_before);
    database.transaction([](db::connection& conn) {
        conn.execute_script("ALTER TABLE audit_entry_away RENAME TO audit_entry");
    });
    EXPECT_EQ(browser.login("bureau", demo_password).status, 200);
}

TEST_P(Identity, GrantsPermissionsNewInAReleaseOnceAndKeepsRevocations) {
    // An older database knew neither permission; one was revoked by a security administrator.
    database.transaction([](db::connection& conn) {
        conn.query("DELETE FROM role_permission WHERE permission = 'identity:unit:update'");
        conn.query("DELETE FROM permission WHERE code = 'identity:unit:update'");
        conn.query(
            "DELETE FROM role_permission WHERE role = 'leader' AND "
            "permission = 'identity:member:read'");
    });
    const test_clock clock(time_point(std::chrono::sys_days{std::chrono::year(2026) / 12 / 1}));
    service::identity::seed_security(database, clock);
    EXPECT_EQ(count("SELECT COUNT(*) FROM role_permission WHERE role = 'sys_admin' AND "
                    "permission = 'identity:unit:update'"),
              1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM role_permission WHERE role = 'leader' AND "
                    "permission = 'identity:member:read'"),
              0);
    service::identity::seed_security(database, clock);
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM role_permission WHERE permission = 'identity:unit:update'"), 1);
}

TEST_P(Identity, LetsTheSecurityAdministratorChangeABusinessRole) {
    session_client security(server.port());
    ASSERT_EQ(security.login("security", demo_password).status, 200);
    const auto narrowed = security.send("PUT", "/api/v1/security/roles/unit_staff/permissions",
                                        R"({"permissions":["identity:phone:reveal"]})");
    ASSERT_EQ(narrowed.status, 200) << narrowed.body;
    EXPECT_EQ(narrowed.json().at("role").at("permissions").as_array().size(), 1U);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'identity.role.permissions' "
                    "AND object_id = 'unit_staff'"),
              1);
    session_client staff(server.port());
    ASSERT_EQ(staff.login("370214.staff", demo_password).status, 200);
    EXPECT_EQ(staff.get("/api/v1/units/7/members").status, 403);

    for (const char* refused :
         {R"({"permissions":["audit:entry:read"]})", R"({"permissions":["identity:user:create"]})",
          R"({"permissions":["no:such:thing"]})"}) {
        const auto res =
            security.send("PUT", "/api/v1/security/roles/unit_staff/permissions", refused);
        EXPECT_EQ(res.status, 422) << refused;
    }
    for (const char* fixed : {"auditor", "sys_admin", "anonymous", "authenticated"}) {
        const auto res =
            security.send("PUT", std::string("/api/v1/security/roles/") + fixed + "/permissions",
                          R"({"permissions":[]})");
        EXPECT_EQ(res.status, 422) << fixed;
    }
    EXPECT_EQ(
        security.send("PUT", "/api/v1/security/roles/nobody/permissions", R"({"permissions":[]})")
            .status,
        404);
}

TEST_P(Identity, RevealsAPhoneNumberInScopeAndRecordsIt) {
    session_client admin(server.port());
    ASSERT_EQ(admin.login("admin", demo_password).status, 200);
    const auto made = [&](const char* login, std::int64_t unit, const char* phone) {
        const auto res =
            admin.post("/api/v1/admin/users",
                       json::serialize(json::object{{"login_name", login},
                                                    {"name", "同事"},
                                                    {"unit_id", unit},
                                                    {"roles", json::array{"unit_staff"}},
                                                    {"phone", phone}}));
        EXPECT_EQ(res.status, 201) << res.body;
        return res.json().at("user").at("id").as_int64();
    };
    const auto colleague = made("cy.wang", 7, "13522223333");
    const auto stranger = made("hd.zhao", 4, "13644445555");
    session_client staff(server.port());
    ASSERT_EQ(staff.login("370214.staff", demo_password).status, 200);
    const auto shown = staff.post("/api/v1/users/" + std::to_string(colleague) + "/phone/reveal");
    ASSERT_EQ(shown.status, 200) << shown.body;
    EXPECT_EQ(shown.json().at("phone"), "13522223333");
    EXPECT_EQ(staff.post("/api/v1/users/" + std::to_string(stranger) + "/phone/reveal").status,
              404);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'identity.phone.reveal' AND "
                    "object_id = '" +
                    std::to_string(colleague) + "'"),
              1);
    session_client investor(server.port());
    ASSERT_EQ(investor.login("investor", demo_password).status, 200);
    EXPECT_EQ(investor.post("/api/v1/users/" + std::to_string(colleague) + "/phone/reveal").status,
              403);
}

INSTANTIATE_TEST_SUITE_P(Engines, Identity, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
