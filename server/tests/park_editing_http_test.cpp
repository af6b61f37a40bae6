#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "core/time_format.hpp"
#include "service/content/parks.hpp"
#include "support/clocked_server_test.hpp"
#include "support/http_client.hpp"
#include "support/session_client.hpp"

namespace zhaoyin {
namespace {

namespace json = boost::json;

// Parks written in the console: the bureau creates, edits, archives and restores any park; a
// district's staff only their unit's parks and a lead also the zones below; every bad field a
// 422 with nothing written; each write audited; archived parks leave the portal.
class ParkEditing : public testing::clocked_server_test {
  protected:
    void SetUp() override {
        clocked_server_test::SetUp();
        const test_clock at(*parse_rfc3339("2026-11-26T09:00:00+08:00"));
        ASSERT_EQ(service::content::ensure_demo_parks(database, at, "qingdao"), 12);
    }

    static std::string path(std::int64_t id, const std::string& rest = "") {
        return "/api/v1/parks/" + std::to_string(id) + rest;
    }

    std::int64_t park_id(const std::string& code) {
        return count("SELECT id FROM park WHERE code = '" + code + "'");
    }

    std::int64_t unit_id(const std::string& key) {
        return count("SELECT id FROM unit WHERE unit_key = '" + key + "'");
    }

    std::int64_t audited(const std::string& action) {
        return count("SELECT COUNT(*) FROM audit_entry WHERE action = '" + action + "'");
    }

    // The detail of the latest audit entry of an action.
    std::string audit_detail(const std::string& action) {
        return database.read([&](db::connection& conn) {
            return conn
                .query("SELECT detail FROM audit_entry WHERE action = $1 ORDER BY id DESC",
                       {action})
                .text(0, 0);
        });
    }

    std::string summary_of(std::int64_t id) {
        return database.read([&](db::connection& conn) {
            return conn.query("SELECT summary FROM park WHERE id = $1", {id}).text(0, 0);
        });
    }

    testing::http_response anonymous(const std::string& method, const std::string& target,
                                     const std::string& body = "") {
        // With a valid CSRF pair, so that only the missing sign-in answers.
        return testing::http_request(server.port(), method, target, body,
                                     {{"Content-Type", "application/json"},
                                      {"Cookie", "zy_csrf=anon-csrf"},
                                      {"X-CSRF-Token", "anon-csrf"}});
    }

    std::int64_t public_total() {
        const auto reply = anonymous("GET", "/api/v1/parks").json();
        return reply.at("total").as_int64();
    }

    std::int64_t console_total(const std::string& login) {
        const auto res = signed_in(login)->get("/api/v1/parks?include_archived=true");
        EXPECT_EQ(res.status, 200) << res.body;
        const auto reply = res.json();
        return reply.at("total").as_int64();
    }

    json::object blue_bay() {
        return {{"code", "qd-blue-bay"},
                {"name", "蓝湾新材料园"},
                {"name_en", "Blue Bay New Materials Park"},
                {"unit_id", unit_id("zone.sino_german")},
                {"lat", "36.0671"},
                {"lon", "120.3826"},
                {"area_ha", "850.5"},
                {"available_land_ha", "120"},
                {"contact_phone", "0532-8698 0199"},
                {"summary", "新材料产业园。"},
                {"summary_en", "A new-materials park."},
                {"industries", json::array{"chem_materials", "green_energy"}}};
    }

    // The fields a 422 names, with their messages in the language asked for.
    static std::map<std::string, std::string> field_messages(const testing::http_response& res) {
        const auto reply = res.json();
        std::map<std::string, std::string> out;
        for (const auto& [name, text] : reply.at("error").at("fields").as_object()) {
            out[std::string(name)] = std::string(text.as_string());
        }
        return out;
    }
};

TEST_P(ParkEditing, TheBureauCreatesEditsArchivesAndRestoresAPark) {
    const auto bureau = signed_in("bureau");
    const auto created = bureau->post("/api/v1/parks", json::serialize(blue_bay()));
    ASSERT_EQ(created.status, 201) << created.body;
    const auto reply = created.json();
    const auto& park = reply.at("park").as_object();
    const auto id = park.at("id").as_int64();
    EXPECT_EQ(park.at("code"), "qd-blue-bay");
    EXPECT_EQ(park.at("name"), "蓝湾新材料园");
    EXPECT_EQ(park.at("unit").at("id").as_int64(), unit_id("zone.sino_german"));
    EXPECT_EQ(park.at("district").at("code"), "370211");
    EXPECT_EQ(park.at("area_ha"), "850.5");
    EXPECT_EQ(park.at("available_land_ha"), "120");
    EXPECT_EQ(park.at("industries"), (json::array{"chem_materials", "green_energy"}));
    EXPECT_EQ(park.at("contact").at("tel"), "tel:053286980199");
    EXPECT_EQ(park.at("illustrative"), false);
    EXPECT_TRUE(park.at("archived_at").is_null());
    EXPECT_EQ(audited("content.park.create"), 1);
    EXPECT_NE(audit_detail("content.park.create").find("code:  → qd-blue-bay"), std::string::npos);
    EXPECT_EQ(public_total(), 13);
    // After the city's parks in its order.
    const auto last = anonymous("GET", "/api/v1/parks?page_size=1&page=13").json();
    EXPECT_EQ(last.at("items").at(0).at("code"), "qd-blue-bay");

    const auto edited = bureau->send(
        "PATCH", path(id),
        R"({"summary":"新材料与氢能产业园。","available_land_ha":"100.25","industries":["green_energy","chem_materials"],"contact_phone":null})");
    ASSERT_EQ(edited.status, 200) << edited.body;
    const auto after = edited.json();
    EXPECT_EQ(after.at("park").at("summary"), "新材料与氢能产业园。");
    EXPECT_EQ(after.at("park").at("available_land_ha"), "100.25");
    EXPECT_EQ(after.at("park").at("industries"), (json::array{"green_energy", "chem_materials"}));
    EXPECT_TRUE(after.at("park").at("contact").at("phone").is_null());
    EXPECT_EQ(audited("content.park.update"), 1);
    EXPECT_EQ(audit_detail("content.park.update"),
              "available_land_ha: 120 → 100.25; industries: chem_materials,green_energy → "
              "green_energy,chem_materials; contact_phone; summary");
    const auto page = anonymous("GET", path(id)).json();
    EXPECT_EQ(page.at("park").at("summary"), "新材料与氢能产业园。");

    const auto archived = bureau->post(path(id, "/archive"));
    ASSERT_EQ(archived.status, 200) << archived.body;
    EXPECT_EQ(archived.json().at("park").at("archived_at"), "2026-11-30T09:00:00+08:00");
    EXPECT_EQ(bureau->post(path(id, "/archive")).status, 409);
    EXPECT_EQ(audited("content.park.archive"), 1);
    // Gone from the portal, kept in the console.
    EXPECT_EQ(public_total(), 12);
    EXPECT_EQ(anonymous("GET", path(id)).status, 404);
    EXPECT_EQ(signed_in("investor")->get(path(id)).status, 404);
    EXPECT_EQ(signed_in("370212.lead")->get(path(id)).status, 404);
    // Nor is a question taken on its page.
    const auto asked = signed_in("investor")
                           ->post("/api/v1/consultations",
                                  json::serialize(json::object{{"question", "还有可用土地吗？"},
                                                               {"context_type", "park"},
                                                               {"context_id", id}}));
    EXPECT_EQ(asked.status, 404) << asked.body;
    EXPECT_EQ(count("SELECT COUNT(*) FROM consultation"), 0);
    EXPECT_EQ(bureau->get(path(id)).status, 200);
    EXPECT_EQ(bureau->get("/api/v1/parks").json().at("total").as_int64(), 12);
    EXPECT_EQ(console_total("bureau"), 13);

    const auto restored = bureau->post(path(id, "/restore"));
    ASSERT_EQ(restored.status, 200) << restored.body;
    EXPECT_TRUE(restored.json().at("park").at("archived_at").is_null());
    EXPECT_EQ(bureau->post(path(id, "/restore")).status, 409);
    EXPECT_EQ(audited("content.park.restore"), 1);
    EXPECT_EQ(anonymous("GET", path(id)).status, 200);
    EXPECT_EQ(public_total(), 13);
}

TEST_P(ParkEditing, ADistrictsStaffEditOnlyTheirUnitsParksAndALeadTheZonesBelow) {
    const auto staff = signed_in("370212.staff");
    const auto laoshan = park_id("laoshan_vr");
    const auto sino_german = park_id("sino_german");
    const auto own = staff->send("PATCH", path(laoshan), R"({"summary":"崂山虚拟现实产业园。"})");
    ASSERT_EQ(own.status, 200) << own.body;
    EXPECT_EQ(summary_of(laoshan), "崂山虚拟现实产业园。");
    // Another district's park is not found for writes, and nothing changes.
    const auto before = summary_of(sino_german);
    EXPECT_EQ(staff->send("PATCH", path(sino_german), R"({"summary":"改"})").status, 404);
    EXPECT_EQ(staff->post(path(sino_german, "/archive")).status, 404);
    EXPECT_EQ(
        signed_in("370211.staff")->send("PATCH", path(sino_german), R"({"summary":"改"})").status,
        404);  // the zone is below the district: its staff do not reach it
    EXPECT_EQ(summary_of(sino_german), before);
    EXPECT_EQ(count("SELECT COUNT(*) FROM park WHERE archived_at IS NOT NULL"), 0);

    // A new park defaults to the caller's unit; another unit is refused by name.
    auto body = blue_bay();
    body.erase("unit_id");
    const auto created = staff->post("/api/v1/parks", json::serialize(body));
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.json().at("park").at("unit").at("id").as_int64(), unit_id("370212"));
    body["code"] = "qd-other";
    body["unit_id"] = unit_id("zone.sino_german");
    const auto refused = staff->post("/api/v1/parks", json::serialize(body));
    ASSERT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(field_messages(refused),
              (std::map<std::string, std::string>{{"unit_id", "没有这个单位。"}}));
    EXPECT_EQ(count("SELECT COUNT(*) FROM park"), 13);

    // The Huangdao lead edits the zone's park and archives it; their console lists their
    // district's three parks, the archived one too.
    const auto lead = signed_in("370211.lead");
    const auto zone =
        lead->send("PATCH", path(sino_german), R"({"name_en":"Sino-German Eco-Park"})");
    ASSERT_EQ(zone.status, 200) << zone.body;
    ASSERT_EQ(lead->post(path(sino_german, "/archive")).status, 200);
    EXPECT_EQ(lead->get(path(sino_german)).status, 200);
    EXPECT_EQ(staff->get(path(sino_german)).status, 404);
    EXPECT_EQ(console_total("370211.lead"), 3);
    EXPECT_EQ(console_total("370212.staff"), 2);  // laoshan_vr and the new park
    EXPECT_EQ(lead->post(path(laoshan, "/archive")).status, 404);
    EXPECT_EQ(audited("content.park.update"), 2);
    EXPECT_EQ(audited("content.park.archive"), 1);
}

// The console offers in its unit picker only the units a caller may write for.
TEST_P(ParkEditing, TheCallerKnowsTheUnitsItMayWriteFor) {
    const auto units_of = [&](const std::string& login) {
        const auto user = signed_in(login)->get("/api/v1/auth/me").json().at("user");
        std::set<std::int64_t> out;
        if (user.at("scope_unit_ids").is_null()) {
            return out;
        }
        for (const auto& id : user.at("scope_unit_ids").as_array()) {
            out.insert(id.as_int64());
        }
        return out;
    };
    EXPECT_EQ(units_of("370212.staff"), (std::set<std::int64_t>{unit_id("370212")}));
    const auto huangdao = units_of("370211.lead");
    EXPECT_TRUE(huangdao.contains(unit_id("370211")));
    EXPECT_TRUE(huangdao.contains(unit_id("zone.sino_german")));
    EXPECT_FALSE(huangdao.contains(unit_id("370212")));
    const auto bureau = signed_in("bureau")->get("/api/v1/auth/me").json().at("user");
    EXPECT_TRUE(bureau.at("scope_unit_ids").is_null());
    EXPECT_TRUE(bureau.at("sees_all_units").as_bool());
}

TEST_P(ParkEditing, WritingNeedsThePermission) {
    const auto id = park_id("sino_german");
    const auto investor = signed_in("investor");
    EXPECT_EQ(investor->post("/api/v1/parks", json::serialize(blue_bay())).status, 403);
    EXPECT_EQ(investor->send("PATCH", path(id), R"({"summary":"改"})").status, 403);
    EXPECT_EQ(investor->post(path(id, "/archive")).status, 403);
    EXPECT_EQ(investor->post(path(id, "/restore")).status, 403);
    EXPECT_EQ(signed_in("leader")->post(path(id, "/archive")).status, 403);
    // Anonymous callers are asked to sign in.
    EXPECT_EQ(anonymous("POST", "/api/v1/parks", json::serialize(blue_bay())).status, 401);
    EXPECT_EQ(anonymous("PATCH", path(id), R"({"summary":"改"})").status, 401);
    // The console's list (archived parks too) is the writers'.
    EXPECT_EQ(investor->get("/api/v1/parks?include_archived=true").status, 403);
    EXPECT_EQ(anonymous("GET", "/api/v1/parks?include_archived=true").status, 403);
    EXPECT_EQ(anonymous("GET", "/api/v1/parks?include_archived=maybe").status, 422);
    EXPECT_EQ(count("SELECT COUNT(*) FROM park"), 12);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action LIKE 'content.park.%'"), 0);
}

TEST_P(ParkEditing, EveryBadFieldIsNamedAndNothingIsWritten) {
    const auto bureau = signed_in("bureau");
    const json::object bad{{"code", "Blue Bay!"},
                           {"name", ""},
                           {"unit_id", 999999},
                           {"lat", "90.5"},
                           {"lon", "east"},
                           {"area_ha", "-1"},
                           {"available_land_ha", "1.234"},
                           {"contact_phone", "call us"},
                           {"summary", std::string(2001, 'x')},
                           {"industries", json::array{"nev", "steel"}},
                           {"colour", "blue"}};
    const auto res = bureau->send("POST", "/api/v1/parks", json::serialize(bad));
    ASSERT_EQ(res.status, 422) << res.body;
    EXPECT_EQ(field_messages(res),
              (std::map<std::string, std::string>{
                  {"code", "编码为 2–40 位小写字母、数字或连字符。"},
                  {"name", "此项必填。"},
                  {"name_en", "此项必填。"},
                  {"unit_id", "没有这个单位。"},
                  {"lat", "必须是 -90 到 90 之间的十进制度数字符串，例如 \"36.0671\"。"},
                  {"lon", "必须是 -180 到 180 之间的十进制度数字符串，例如 \"36.0671\"。"},
                  {"area_ha", "必须是非负的数字字符串（公顷，最多 2 位小数），例如 \"180.5\"。"},
                  {"available_land_ha",
                   "必须是非负的数字字符串（公顷，最多 2 位小数），例如 \"180.5\"。"},
                  {"contact_phone", "电话格式不正确，例如 0532-85911000。"},
                  {"summary", "不能超过 2000 个字符。"},
                  {"industries", "取值无效。"},
                  {"colour", "不认识的字段。"}}));

    // The same in English; a duplicate code and more land available than there is.
    ASSERT_EQ(bureau->post("/api/v1/parks", json::serialize(blue_bay())).status, 201);
    auto twice = blue_bay();
    twice["available_land_ha"] = "900";
    twice["lat"] = 36;  // a number, not a decimal string
    const auto again = bureau->send("POST", "/api/v1/parks", json::serialize(twice));
    ASSERT_EQ(again.status, 422) << again.body;
    EXPECT_EQ(field_messages(again).count("lat"), 1U);
    twice["lat"] = "36.0671";
    const auto en = testing::http_request(server.port(), "GET", "/api/v1/parks/999999", "",
                                          {{"Accept-Language", "en"}});
    EXPECT_EQ(en.status, 404);
    const auto duplicate =
        bureau->send("POST", "/api/v1/parks", json::serialize(twice), {{"Accept-Language", "en"}});
    ASSERT_EQ(duplicate.status, 422) << duplicate.body;
    EXPECT_EQ(field_messages(duplicate),
              (std::map<std::string, std::string>{
                  {"code", "Another park has this code."},
                  {"available_land_ha", "Available land cannot exceed the park's area."}}));
    EXPECT_EQ(count("SELECT COUNT(*) FROM park"), 13);
    EXPECT_EQ(audited("content.park.create"), 1);

    // An edit with bad fields changes nothing, not even the fields that were fine.
    const auto id = park_id("sino_german");
    const auto refused = bureau->send(
        "PATCH", path(id),
        R"({"summary":"新的简介","code":"qd-blue-bay","lon":"-180.0001","area_ha":"100"})");
    ASSERT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(field_messages(refused),
              (std::map<std::string, std::string>{
                  {"code", "已有园区使用此编码。"},
                  {"lon", "必须是 -180 到 180 之间的十进制度数字符串，例如 \"36.0671\"。"},
                  {"available_land_ha", "可用土地不能大于园区面积。"}}));
    EXPECT_NE(summary_of(id), "新的简介");
    EXPECT_EQ(count("SELECT COUNT(*) FROM park WHERE area_ha = '100'"), 0);
    EXPECT_EQ(audited("content.park.update"), 0);
    // Edges of the ranges are accepted.
    const auto edges = bureau->send("PATCH", path(id), R"({"lat":"-90","lon":"180.000"})");
    EXPECT_EQ(edges.status, 200) << edges.body;
}

INSTANTIATE_TEST_SUITE_P(Engines, ParkEditing, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
