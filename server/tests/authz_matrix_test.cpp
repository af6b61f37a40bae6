#include <map>
#include <regex>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "db/database.hpp"
#include "store/consultation_store.hpp"
#include "store/document_store.hpp"
#include "store/event_store.hpp"
#include "store/identity_store.hpp"
#include "store/intake_store.hpp"
#include "store/meeting_store.hpp"
#include "store/park_store.hpp"
#include "store/project_store.hpp"
#include "store/round_store.hpp"
#include "store/supervision_store.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"

namespace zhaoyin {
namespace {

using testing::scratch_database;
using testing::test_server;

// Every route × every role × (where the route names a unit) an object in the caller's own
// unit, below it, and in another unit. The expected outcome comes from the roles' permissions
// in the database and from the scope rules, not from the code under test.
class AuthorizationMatrix : public ::testing::TestWithParam<db::engine> {};

struct caller {
    std::string role;   // "anonymous" or a role code
    std::string login;  // empty for anonymous
};

enum class outcome { allowed, unauthenticated, forbidden, not_found };

std::string name_of(outcome o) {
    switch (o) {
        case outcome::allowed:
            return "allowed";
        case outcome::unauthenticated:
            return "401";
        case outcome::forbidden:
            return "403";
        case outcome::not_found:
            return "404";
    }
    return "?";
}

outcome classify(int status) {
    switch (status) {
        case 401:
            return outcome::unauthenticated;
        case 403:
            return outcome::forbidden;
        case 404:
            return outcome::not_found;
        default:
            return outcome::allowed;
    }
}

TEST_P(AuthorizationMatrix, EveryRouteAnswersEveryRoleAsTheRolesSay) {
    scratch_database scratch{GetParam()};
    test_server server(scratch);
    db::database database(scratch.target(), 1);

    std::map<std::string, std::int64_t> unit_by_code;
    std::map<std::string, std::int64_t> user_by_login;
    std::map<std::string, std::set<std::string>> permissions;
    std::map<std::int64_t, std::optional<std::int64_t>> parent_of;
    database.read([&](db::connection& conn) {
        auto units = conn.query("SELECT id, code, parent_id FROM unit");
        for (std::size_t r = 0; r < units.size(); ++r) {
            if (!units.is_null(r, 1)) {
                unit_by_code[units.text(r, 1)] = units.integer(r, 0);
            }
            parent_of[units.integer(r, 0)] = units.optional_integer(r, 2);
        }
        auto users =
            conn.query("SELECT id, login_name FROM user_account WHERE login_name IS NOT NULL");
        for (std::size_t r = 0; r < users.size(); ++r) {
            user_by_login[users.text(r, 1)] = users.integer(r, 0);
        }
        auto grants = conn.query("SELECT role, permission FROM role_permission");
        for (std::size_t r = 0; r < grants.size(); ++r) {
            permissions[grants.text(r, 0)].insert(grants.text(r, 1));
        }
    });
    // An agency member has no demo log-in: make one. And two people with phones, one in the
    // staff's own unit and one elsewhere, for revealing numbers.
    std::map<std::string, std::int64_t> phone_owner;
    database.transaction([&](db::connection& conn) {
        for (const auto& [key, code, phone] :
             {std::tuple{"own", "370214", "13500000001"}, {"other", "370211", "13500000002"}}) {
            store::user_row person;
            person.login_name = std::string("matrix.") + key;
            person.name = "号码持有人";
            person.phone = phone;
            person.unit_id = unit_by_code.at(code);
            person.password_hash = crypto::hash_password("unused-password-1");
            person.password_changed_at = "2026-01-01T00:00:00.000Z";
            person.roles = {"unit_staff"};
            phone_owner[key] = store::identity_store(conn).insert_user(
                person, "2026-01-01T00:00:00.000Z", std::nullopt);
        }
        store::user_row member;
        member.login_name = "agency.member";
        member.name = "机构成员";
        member.password_hash = crypto::hash_password("unused-password-1");
        member.password_changed_at = "2026-01-01T00:00:00.000Z";
        member.is_demo = true;
        member.roles = {"agency_member"};
        user_by_login["agency.member"] = store::identity_store(conn).insert_user(
            member, "2026-01-01T00:00:00.000Z", std::nullopt);
    });

    const std::vector<caller> callers = {
        {"anonymous", ""},
        {"investor", "investor"},
        {"agency_member", "agency.member"},
        {"agency_admin", "agency"},
        {"unit_staff", "370214.staff"},
        {"unit_lead", "370214.lead"},
        {"bureau_operator", "bureau"},
        {"leader", "leader"},
        {"sys_admin", "admin"},
        {"sec_admin", "security"},
        {"auditor", "auditor"},
    };
    const std::int64_t own_unit = unit_by_code.at("370214");
    const std::int64_t child_unit = unit_by_code.at("370214400");  // the Hi-tech zone
    const std::int64_t other_unit = unit_by_code.at("370211");
    const std::int64_t some_user = user_by_login.at("investor2");
    // An intent of the demo investor, routed to the staff's own unit only.
    const std::int64_t intent_id = database.transaction([&](db::connection& conn) {
        store::intake_store intake(conn);
        store::intent_row intent;
        intent.title = "矩阵测试项目";
        intent.company = "测试公司";
        intent.contact_name = "联系人";
        intent.contact_phone = "13500000003";
        intent.industry_code = "ict";
        intent.investment_total = "1000";
        intent.currency = "CNY";
        intent.capital_type = "domestic";
        intent.description = "x";
        intent.status = "routed";
        intent.submitted_by = user_by_login.at("investor");
        const auto id = intake.insert_intent(intent, "2026-01-01T00:00:00.000Z");
        intake.insert_assignment({0, "intent", id, own_unit, std::nullopt, "candidate",
                                  "acknowledge", "2026-01-02T00:00:00.000Z", std::nullopt},
                                 "2026-01-01T00:00:00.000Z");
        return id;
    });
    // A key project undertaken by the staff's own unit, linked to that intent.
    const std::int64_t project_id = database.transaction([&](db::connection& conn) {
        store::project_row project;
        project.name = "矩阵测试重点项目";
        project.company = "测试公司";
        project.industry_code = "ict";
        project.capital_type = "domestic";
        project.investment_total = "1000";
        project.currency = "CNY";
        project.undertaking_unit_id = own_unit;
        project.source = "intent";
        project.intent_id = intent_id;
        project.stage = "negotiating";
        project.created_by = user_by_login.at("bureau");
        return store::project_store(conn).insert_project(project, "2026-01-01T00:00:00.000Z");
    });
    // A consultation of the demo investor, routed to the staff's own unit.
    const std::int64_t consultation_id = database.transaction([&](db::connection& conn) {
        store::consultation_row c;
        c.question = "矩阵测试咨询";
        c.context_type = "general";
        c.asked_by = user_by_login.at("investor");
        c.unit_id = own_unit;
        c.routed_by = "routing";
        c.routed_at = "2026-01-01T00:00:00.000Z";
        c.status = "open";
        c.due_at = "2026-01-03T00:00:00.000Z";
        c.created_at = c.routed_at;
        return store::consultation_store(conn).insert(c);
    });

    // A meeting pushed to the staff's own unit, and a major event.
    const auto [meeting_id, event_id] = database.transaction([&](db::connection& conn) {
        store::meeting_store meetings(conn);
        store::meeting_row meeting;
        meeting.category = "reception";
        meeting.leaders = {"市领导"};
        meeting.held_on = "2026-01-01";
        meeting.place = "青岛";
        meeting.company = "测试公司";
        meeting.summary = "x";
        meeting.created_by = user_by_login.at("bureau");
        meeting.created_at = "2026-01-01T00:00:00.000Z";
        const auto meeting_id = meetings.insert_meeting(meeting);
        store::meeting_receipt_row receipt;
        receipt.meeting_id = meeting_id;
        receipt.unit_id = own_unit;
        receipt.pushed_by = meeting.created_by;
        receipt.pushed_at = meeting.created_at;
        receipt.report_due_at = "2026-01-08T00:00:00.000Z";
        meetings.insert_receipt(receipt);
        const auto event_id = store::event_store(conn).insert_event(
            {0, "矩阵测试活动", "2026-01-01", "2026-01-02", "青岛", "市商务局", "",
             meeting.created_by, meeting.created_at, ""});
        return std::pair{meeting_id, event_id};
    });

    // An open dispatch round, and an instruction and a supervision ticket for the own unit.
    const std::int64_t round_id = database.transaction([&](db::connection& conn) {
        store::round_row round;
        round.name = "矩阵测试调度";
        round.closes_at = "2030-01-01T00:00:00.000Z";
        round.opened_by = user_by_login.at("bureau");
        return store::round_store(conn).insert_round(round, "2026-01-01T00:00:00.000Z");
    });
    const auto [instruction_id, ticket_id] = database.transaction([&](db::connection& conn) {
        store::supervision_store supervision(conn);
        store::instruction_row instruction;
        instruction.project_id = project_id;
        instruction.unit_id = own_unit;
        instruction.text = "x";
        instruction.due_at = "2030-01-01T00:00:00.000Z";
        instruction.author_user_id = user_by_login.at("leader");
        instruction.created_at = "2026-01-01T00:00:00.000Z";
        store::ticket_row ticket;
        ticket.reason = "manual";
        ticket.state = "issued";
        ticket.unit_id = own_unit;
        ticket.text = "x";
        ticket.due_at = "2030-01-01T00:00:00.000Z";
        ticket.created_at = instruction.created_at;
        return std::pair{supervision.insert_instruction(instruction),
                         supervision.insert_ticket(ticket)};
    });

    // A published news item of the staff's own unit: everyone reads it; its unit's lead (not
    // its staff: published text is the publishers') and the bureau edit it.
    const std::int64_t document_id = database.transaction([&](db::connection& conn) {
        store::document_row news;
        news.type = "news";
        news.unit_id = own_unit;
        news.region = "370214";
        news.title = "矩阵测试资讯";
        news.status = "published";
        news.created_by = news.updated_by = user_by_login.at("bureau");
        news.created_at = news.updated_at = "2026-01-01T00:00:00.000Z";
        return store::document_store(conn).insert_document(news);
    });

    // Parks of the caller's own unit, of the zone below it and of another district: everyone
    // reads parks; the bureau edits any, a lead their unit's and the zone's, the staff their
    // unit's only (the others are not found).
    const auto insert_park = [&](const std::string& code, std::int64_t unit) {
        return database.transaction([&](db::connection& conn) {
            store::park_row park;
            park.code = code;
            park.name = park.name_en = "矩阵测试园区 " + code;
            park.unit_id = unit;
            park.lat = "36.2";
            park.lon = "120.4";
            park.area_ha = park.available_land_ha = "10";
            park.created_at = park.updated_at = "2026-01-01T00:00:00.000Z";
            return store::park_store(conn).insert(park);
        });
    };
    const std::int64_t park_id = insert_park("matrix_park", own_unit);
    const std::int64_t child_park_id = insert_park("matrix_zone_park", child_unit);
    const std::int64_t other_park_id = insert_park("matrix_other_park", other_unit);

    // A fresh session for each case, written straight to the database: sign-in is tested
    // elsewhere, and some cases (sign-out) end the session they use.
    int session_counter = 0;
    const auto open_session = [&](const std::string& login) {
        const std::string token = fmt::format("matrix-token-{}-{}", login, ++session_counter);
        const std::string csrf = "csrf-" + std::to_string(session_counter);
        database.transaction([&](db::connection& conn) {
            store::session_row s;
            s.token_hash = crypto::sha256_hex(token);
            s.user_id = user_by_login.at(login);
            s.csrf_token = csrf;
            s.created_at = s.last_seen_at = "2026-01-01T00:00:00.000Z";
            s.idle_expires_at = s.absolute_expires_at = "2999-01-01T00:00:00.000Z";
            store::identity_store(conn).insert_session(s);
        });
        return std::pair{token, csrf};
    };

    std::size_t cases = 0, unexpected_allows = 0, unexpected_denies = 0;
    std::set<std::string> covered;
    const auto& routes = server.application().routes().routes();
    for (const auto& route : routes) {
        // A unit's members, and its staff as intake routing sees them.
        const bool names_unit = route.pattern == "/api/v1/units/{id:int}/members" ||
                                route.pattern.starts_with("/api/v1/units/{id:int}/intake-staff");
        const bool names_person = route.pattern == "/api/v1/users/{id:int}/phone/reveal";
        // The intent itself and every docking step on it.
        const bool names_intent = route.pattern.starts_with("/api/v1/intents/{id:int}");
        // A key project and its updates and progress: seen like the intent it came from.
        const bool names_project = route.pattern.starts_with("/api/v1/projects/{id:int}");
        // A meeting pushed to 370214, its receipts and reports; an event seen by all who may.
        const bool names_meeting = route.pattern.starts_with("/api/v1/meetings/{id:int}");
        const bool names_event = route.pattern.starts_with("/api/v1/events/{id:int}");
        // A consultation: seen by its asker, the responsible unit, the bureau and leaders.
        const bool names_consultation = route.pattern.starts_with("/api/v1/consultations/{id:int}");
        const bool names_document = route.pattern.starts_with("/api/v1/documents/{id:int}");
        const bool names_park = route.pattern.starts_with("/api/v1/parks/{id:int}");
        std::vector<std::pair<std::string, std::int64_t>> objects;
        if (names_intent) {
            objects = {{"the investor's intent routed to 370214", intent_id}};
        } else if (names_project) {
            objects = {{"a project of 370214 from the investor's intent", project_id}};
        } else if (names_meeting) {
            objects = {{"a meeting pushed to 370214", meeting_id}};
        } else if (names_event) {
            objects = {{"an event", event_id}};
        } else if (names_consultation) {
            objects = {{"the investor's consultation routed to 370214", consultation_id}};
        } else if (names_document) {
            objects = {{"a published news item of 370214", document_id}};
        } else if (names_park) {
            objects = {{"a park of 370214", park_id},
                       {"a park of the zone below 370214", child_park_id},
                       {"a park of 370211", other_park_id}};
        } else if (route.pattern.starts_with("/api/v1/rounds/{id:int}")) {
            objects = {{"the open round", round_id}};  // every unit takes part
        } else if (route.pattern.starts_with("/api/v1/instructions/{id:int}")) {
            objects = {{"an instruction to 370214", instruction_id}};
        } else if (route.pattern.starts_with("/api/v1/tickets/{id:int}")) {
            objects = {{"a ticket on 370214", ticket_id}};
        } else if (names_person) {
            objects = {{"person in own unit", phone_owner.at("own")},
                       {"person in other unit", phone_owner.at("other")}};
        } else if (names_unit) {
            objects = {
                {"own unit", own_unit}, {"unit below", child_unit}, {"other unit", other_unit}};
        } else if (route.pattern.find("users/{id:int}") != std::string::npos) {
            objects = {{"a user", some_user}};
        } else if (route.pattern.find("sessions/{id:int}") != std::string::npos) {
            objects = {{"someone else's session", 999999}};
        } else if (route.pattern.find("{id:int}") != std::string::npos) {
            objects = {{"own unit", own_unit}};
        } else {
            objects = {{"no object", 0}};
        }
        for (const auto& who : callers) {
            for (const auto& [object_name, object_id] : objects) {
                std::string target = std::regex_replace(route.pattern, std::regex("\\{id:int\\}"),
                                                        std::to_string(object_id));
                target = std::regex_replace(target, std::regex("\\{code\\}"), "investor");
                target = std::regex_replace(target, std::regex("\\{year:int\\}"), "2027");
                target = std::regex_replace(target, std::regex("\\{attachment:int\\}"), "1");
                target = std::regex_replace(target, std::regex("\\{user:int\\}"),
                                            std::to_string(some_user));
                testing::header_list headers{{"Content-Type", "application/json"}};
                std::string cookie = "zy_csrf=anon-csrf";
                std::string csrf = "anon-csrf";
                if (who.role != "anonymous") {
                    const auto [token, session_csrf] = open_session(who.login);
                    cookie = "zy_session=" + token;
                    csrf = session_csrf;
                }
                headers.emplace_back("Cookie", cookie);
                if (route.method != "GET") {
                    headers.emplace_back("X-CSRF-Token", csrf);
                }
                const auto res = testing::http_request(server.port(), route.method, target,
                                                       route.method == "GET" ? "" : "{}", headers);
                const outcome got = classify(res.status);

                const bool granted = permissions["anonymous"].contains(route.permission) ||
                                     (who.role != "anonymous" &&
                                      (permissions[who.role].contains(route.permission) ||
                                       permissions["authenticated"].contains(route.permission)));
                outcome expected = outcome::allowed;
                if (!granted) {
                    expected =
                        who.role == "anonymous" ? outcome::unauthenticated : outcome::forbidden;
                } else if (names_unit) {
                    const bool everything = who.role == "bureau_operator" || who.role == "leader";
                    const bool own_tree =
                        who.role == "unit_lead" &&
                        (object_id == own_unit || parent_of[object_id] == own_unit);
                    const bool own = who.role == "unit_staff" && object_id == own_unit;
                    expected =
                        everything || own_tree || own ? outcome::allowed : outcome::not_found;
                } else if (route.pattern.starts_with("/api/v1/rankings/{id:int}") &&
                           !route.pattern.ends_with("/compare")) {
                    // The matrix publishes no ranking; a comparison asks for `with` first (422).
                    expected = outcome::not_found;
                } else if (route.pattern.ends_with("{attachment:int}")) {
                    expected = outcome::not_found;  // the matrix's intent has no attachments
                } else if (names_document && route.method == "PATCH" && who.role == "unit_staff") {
                    expected = outcome::forbidden;  // published: the lead's and bureau's to edit
                } else if (names_park && route.method != "GET") {
                    const bool edits = who.role == "bureau_operator" ||
                                       (who.role == "unit_lead" && object_id != other_park_id) ||
                                       (who.role == "unit_staff" && object_id == park_id);
                    expected = edits ? outcome::allowed : outcome::not_found;
                } else if (names_meeting) {
                    const bool sees = who.role == "unit_staff" || who.role == "unit_lead" ||
                                      who.role == "bureau_operator" || who.role == "leader";
                    expected = sees ? outcome::allowed : outcome::not_found;
                } else if (names_project && route.pattern.ends_with("/reveal") &&
                           (who.role == "investor" || who.role == "auditor")) {
                    expected = outcome::forbidden;  // in scope, not cleared for secrets
                } else if (names_intent || names_project || names_consultation) {
                    // The auditor reads every project (scope all, read only).
                    const bool sees = who.role == "investor" || who.role == "unit_staff" ||
                                      who.role == "unit_lead" || who.role == "bureau_operator" ||
                                      who.role == "leader" || who.role == "auditor";
                    expected = sees ? outcome::allowed : outcome::not_found;
                } else if (names_person) {
                    const bool everything = who.role == "bureau_operator" || who.role == "leader";
                    expected = everything || object_id == phone_owner.at("own")
                                   ? outcome::allowed
                                   : outcome::not_found;
                } else if (object_name == "someone else's session") {
                    expected = outcome::not_found;
                }
                ++cases;
                covered.insert(route.method + " " + route.pattern);
                if (got != expected) {
                    const bool allowed_wrongly = got == outcome::allowed;
                    (allowed_wrongly ? unexpected_allows : unexpected_denies) += 1;
                    ADD_FAILURE() << route.method << " " << target << " as " << who.role << " ("
                                  << object_name << "): expected " << name_of(expected) << ", got "
                                  << res.status << " " << res.body.substr(0, 120);
                }
            }
        }
    }
    std::cout << fmt::format(
        "authorization matrix ({}): {} cases, {} unexpected allows, {} unexpected denies, {} of {} "
        "routes covered\n",
        db::engine_name(GetParam()), cases, unexpected_allows, unexpected_denies, covered.size(),
        routes.size());
    EXPECT_EQ(covered.size(), routes.size());
    EXPECT_EQ(unexpected_allows, 0U);
    EXPECT_EQ(unexpected_denies, 0U);
    EXPECT_GT(cases, routes.size() * callers.size() - 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, AuthorizationMatrix, testing::all_engines(),
                         testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
