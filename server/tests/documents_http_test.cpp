#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "core/time_format.hpp"
#include "service/content/demo_content.hpp"
#include "support/clocked_server_test.hpp"
#include "support/http_client.hpp"
#include "support/session_client.hpp"

namespace zhaoyin {
namespace {

namespace json = boost::json;

// Published information over HTTP: drafts and scope, per-field validation, the review
// workflow, versions, expiry with the test clock, FAQs under a page, attachments and the
// directory of units. The test clock starts on Monday 30 November 2026.
class Documents : public testing::clocked_server_test {
  protected:
    static std::string path(std::int64_t id, const std::string& rest = "") {
        return "/api/v1/documents/" + std::to_string(id) + rest;
    }

    static json::object talent_policy(const std::string& title) {
        return {{"type", "policy"},
                {"dimension", "talent"},
                {"industries", json::array{"ict"}},
                {"title", title},
                {"summary", "城阳区人才安家补贴。"},
                {"body_html", "<p>补贴<b>标准</b></p><script>alert(1)</script>"},
                {"issued_on", "2026-11-01"},
                {"effective_on", "2026-11-01"},
                {"expires_on", "2026-12-15"}};
    }

    std::int64_t create_as(const std::string& login, const json::object& body) {
        const auto res = signed_in(login)->post("/api/v1/documents", json::serialize(body));
        EXPECT_EQ(res.status, 201) << res.body;
        const auto reply = res.json();
        return reply.at("document").at("id").as_int64();
    }

    static int status_of(testing::session_client& who, const std::string& method,
                         const std::string& target, const std::string& body = "{}") {
        return method == "GET" ? who.get(target).status : who.send(method, target, body).status;
    }

    // The fields a 422 names, with their (Chinese) messages.
    static std::map<std::string, std::string> field_codes(const testing::http_response& res) {
        const auto reply = res.json();
        std::map<std::string, std::string> out;
        for (const auto& [name, text] : reply.at("error").at("fields").as_object()) {
            out[std::string(name)] = std::string(text.as_string());
        }
        return out;
    }

    std::int64_t audited(const std::string& action) {
        return count("SELECT COUNT(*) FROM audit_entry WHERE action = '" + action + "'");
    }

    testing::http_response anonymous_get(const std::string& target) {
        return testing::http_request(server.port(), "GET", target, "", {});
    }
};

TEST_P(Documents, DraftIsSanitisedAndSeenOnlyByItsUnitAndTheBureau) {
    const auto staff = signed_in("370214.staff");
    const auto res = staff->post("/api/v1/documents",
                                 json::serialize(talent_policy("城阳区青年人才安家补贴办法")));
    ASSERT_EQ(res.status, 201) << res.body;
    const auto reply = res.json();
    const auto& d = reply.at("document").as_object();
    const auto id = d.at("id").as_int64();
    EXPECT_EQ(d.at("type"), "policy");
    EXPECT_EQ(d.at("status"), "draft");
    EXPECT_EQ(d.at("version").as_int64(), 1);
    EXPECT_EQ(d.at("region"), "370214");
    EXPECT_EQ(d.at("dimension"), "talent");
    EXPECT_EQ(d.at("industries"), json::array{"ict"});
    EXPECT_EQ(d.at("body_html"), "<p>补贴<b>标准</b></p>");
    EXPECT_EQ(d.at("unit").at("name"), "城阳区");
    EXPECT_EQ(d.at("versions").as_int64(), 0);
    EXPECT_EQ(d.at("editable"), true);
    EXPECT_EQ(audited("content.document.create"), 1);

    EXPECT_EQ(anonymous_get(path(id)).status, 404);
    EXPECT_EQ(signed_in("370202.staff")->get(path(id)).status, 404);
    EXPECT_EQ(signed_in("investor")->get(path(id)).status, 404);
    EXPECT_EQ(signed_in("370214.lead")->get(path(id)).status, 200);
    EXPECT_EQ(signed_in("bureau")->get(path(id)).status, 200);
    // Lists use the same scope.
    EXPECT_EQ(anonymous_get("/api/v1/documents").json().at("total").as_int64(), 0);
    EXPECT_EQ(signed_in("370202.lead")->get("/api/v1/documents").json().at("total").as_int64(), 0);
    EXPECT_EQ(staff->get("/api/v1/documents?type=policy").json().at("total").as_int64(), 1);
    EXPECT_EQ(signed_in("bureau")->get("/api/v1/documents").json().at("total").as_int64(), 1);
    // Another unit's draft is not found for writes either, and nothing changes.
    const auto other = signed_in("370202.lead");
    EXPECT_EQ(other->send("PATCH", path(id), R"({"title":"改"})").status, 404);
    EXPECT_EQ(other->post(path(id, "/submit")).status, 404);
    EXPECT_EQ(count("SELECT version FROM documents WHERE id = " + std::to_string(id)), 1);
}

TEST_P(Documents, RefusesBadFieldsNamingEachAndStoresNothing) {
    const auto staff = signed_in("370214.staff");
    auto policy = talent_policy("");
    policy.erase("dimension");
    policy["region"] = "370202";              // another district
    policy["expires_on"] = "2026-10-01";      // before it takes effect
    policy["industries"] = json::array{"x"};  // no such chain
    auto res = staff->post("/api/v1/documents", json::serialize(policy));
    ASSERT_EQ(res.status, 422) << res.body;
    EXPECT_EQ(field_codes(res),
              (std::map<std::string, std::string>{
                  {"title", "此项必填。"},
                  {"dimension", "此项必填。"},
                  {"region", "只能在本单位所在区域或下级区域发布。"},
                  {"expires_on", "日期顺序有误：发布日期 ≤ 生效日期 ≤ 失效日期。"},
                  {"industries", "取值无效。"}}));

    const json::object costs{
        {"type", "cost_table"},
        {"title", "城阳区要素成本"},
        {"details",
         json::object{{"rows", json::array{json::object{{"district", "城阳区"},
                                                        {"category", "water"},
                                                        {"item", "工业用水"},
                                                        {"price", "abc"},
                                                        {"unit", "元/吨"}},
                                           json::object{{"district", "城阳区"},
                                                        {"category", "steam"},
                                                        {"item", "蒸汽"},
                                                        {"price", "1.5"},
                                                        {"unit", "元/吨"},
                                                        {"source", "城阳区发改局"},
                                                        {"effective_on", "2026-13-01"}}}}}}};
    res = staff->post("/api/v1/documents", json::serialize(costs));
    ASSERT_EQ(res.status, 422) << res.body;
    EXPECT_EQ(
        field_codes(res),
        (std::map<std::string, std::string>{
            {"details.rows[0].price", "价格必须是数字字符串（最多 4 位小数），例如 \"0.6512\"。"},
            {"details.rows[0].source", "此项必填。"},
            {"details.rows[0].effective_on", "此项必填。"},
            {"details.rows[1].category", "取值无效。"},
            {"details.rows[1].effective_on", "必须是日期，格式 YYYY-MM-DD。"}}));

    const json::object hotel{{"type", "directory_entry"},
                             {"title", "示例酒店"},
                             {"dimension", "talent"},
                             {"details", json::object{{"category", "hotel"}, {"phone", "12ab"}}}};
    res = staff->post("/api/v1/documents", json::serialize(hotel));
    ASSERT_EQ(res.status, 422) << res.body;
    EXPECT_EQ(field_codes(res), (std::map<std::string, std::string>{
                                    {"dimension", "只有政策设置维度。"},
                                    {"details.phone", "电话格式不正确，例如 0532-85911000。"}}));

    const json::object lounge{
        {"type", "lounge_page"}, {"title", "France"}, {"details", json::object{{"economy", "FR"}}}};
    res = staff->post("/api/v1/documents", json::serialize(lounge));
    ASSERT_EQ(res.status, 422) << res.body;
    EXPECT_EQ(field_codes(res),
              (std::map<std::string, std::string>{{"details.economy", "取值无效。"},
                                                  {"details.desk_unit_id", "此项必填。"}}));

    res = staff->post("/api/v1/documents", R"({"type":"faq","title":"问"})");
    EXPECT_EQ(field_codes(res),
              (std::map<std::string, std::string>{{"type", "常见问题由咨询答复发布。"}}));
    res = staff->post("/api/v1/documents", R"({"type":"news","title":"x","details":[1]})");
    EXPECT_EQ(field_codes(res),
              (std::map<std::string, std::string>{{"details", "必须是 JSON 对象。"}}));

    EXPECT_EQ(count("SELECT COUNT(*) FROM documents"), 0);
    EXPECT_EQ(audited("content.document.create"), 0);
    // Writing needs content:document:write.
    EXPECT_EQ(signed_in("investor")->post("/api/v1/documents", json::serialize(hotel)).status, 403);
}

TEST_P(Documents, ReviewedTypesArePublishedByTheBureauAfterSubmission) {
    const auto id = create_as("370214.staff", talent_policy("城阳区青年人才安家补贴办法"));
    const auto staff = signed_in("370214.staff");
    const auto lead = signed_in("370214.lead");
    const auto bureau = signed_in("bureau");
    EXPECT_EQ(status_of(*staff, "POST", path(id, "/publish")), 403);  // no content:document:publish
    auto res = lead->post(path(id, "/publish"));
    EXPECT_EQ(res.status, 403) << res.body;  // policies wait for the bureau
    EXPECT_EQ(res.json().at("error").at("message"), "此类内容须经市商务局审核后发布，请提交审核。");
    res = staff->post(path(id, "/submit"));
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.json().at("document").at("status"), "pending_review");
    EXPECT_EQ(staff->post(path(id, "/submit")).status, 409);
    EXPECT_EQ(anonymous_get(path(id)).status, 404);
    res = bureau->post(path(id, "/publish"));
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.json().at("document").at("status"), "published");
    EXPECT_EQ(anonymous_get(path(id)).status, 200);
    EXPECT_EQ(anonymous_get("/api/v1/documents?type=policy&dimension=talent&industry=ict")
                  .json()
                  .at("total")
                  .as_int64(),
              1);
    EXPECT_EQ(anonymous_get("/api/v1/documents?dimension=investment_cost").json().at("total"), 0);
    // Published policy text is the bureau's to change now; another unit may read, not write.
    EXPECT_EQ(staff->send("PATCH", path(id), R"({"title":"改"})").status, 403);
    EXPECT_EQ(lead->send("PATCH", path(id), R"({"title":"改"})").status, 403);
    EXPECT_EQ(signed_in("370202.lead")->post(path(id, "/withdraw")).status, 403);
    res = lead->post(path(id, "/withdraw"));
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.json().at("document").at("status"), "withdrawn");
    EXPECT_EQ(anonymous_get(path(id)).status, 404);
    EXPECT_EQ(audited("content.document.submit"), 1);
    EXPECT_EQ(audited("content.document.publish"), 1);
    EXPECT_EQ(audited("content.document.withdraw"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'access.denied'"), 1);
}

TEST_P(Documents, NewsIsPublishedByTheUnitLeadDirectly) {
    const json::object news{{"type", "news"},
                            {"title", "城阳区举办集成电路产业招商推介会"},
                            {"issued_on", "2026-11-28"},
                            {"body_html", "<p>推介会<a href=\"javascript:alert(1)\">链接</a></p>"}};
    const auto id = create_as("370214.staff", news);
    const auto res = signed_in("370214.lead")->post(path(id, "/publish"));
    ASSERT_EQ(res.status, 200) << res.body;
    const auto reply = res.json();
    EXPECT_EQ(reply.at("document").at("status"), "published");
    EXPECT_EQ(reply.at("document").at("body_html"), "<p>推介会<a>链接</a></p>");
    const auto list =
        anonymous_get("/api/v1/documents?type=news&q=%E9%9B%86%E6%88%90%E7%94%B5%E8%B7%AF").json();
    EXPECT_EQ(list.at("total").as_int64(), 1);
    EXPECT_EQ(list.at("items").at(0).at("id").as_int64(), id);
    EXPECT_EQ(anonymous_get("/api/v1/documents?type=news&q=%E6%97%A0%E6%AD%A4%E8%AF%8D")
                  .json()
                  .at("total"),
              0);
}

TEST_P(Documents, EveryEditKeepsThePreviousVersion) {
    const auto id = create_as("370214.staff", talent_policy("第一版"));
    const auto staff = signed_in("370214.staff");
    auto res = staff->send("PATCH", path(id), R"({"title":"第二版","summary":"改摘要"})");
    ASSERT_EQ(res.status, 200) << res.body;
    res = staff->send("PATCH", path(id), R"({"title":"第三版","expires_on":null})");
    ASSERT_EQ(res.status, 200) << res.body;
    auto reply = res.json();
    EXPECT_EQ(reply.at("document").at("version").as_int64(), 3);
    EXPECT_EQ(reply.at("document").at("versions").as_int64(), 2);
    EXPECT_TRUE(reply.at("document").at("expires_on").is_null());
    res = staff->get(path(id, "/versions"));
    ASSERT_EQ(res.status, 200) << res.body;
    reply = res.json();
    const auto& items = reply.at("items").as_array();
    ASSERT_EQ(items.size(), 2U);
    EXPECT_EQ(items.at(0).at("version").as_int64(), 2);
    EXPECT_EQ(items.at(0).at("document").at("title"), "第二版");
    EXPECT_EQ(items.at(1).at("version").as_int64(), 1);
    EXPECT_EQ(items.at(1).at("document").at("title"), "第一版");
    EXPECT_EQ(items.at(1).at("document").at("expires_on"), "2026-12-15");
    EXPECT_EQ(items.at(1).at("written_by").at("name"), "城阳区工作人员（演示）");
    // A bad edit or an unknown field writes nothing.
    res = staff->send("PATCH", path(id), R"({"effective_on":"2027-01-01","issued_on":"2027-02-01",
                                             "colour":"red"})");
    ASSERT_EQ(res.status, 422) << res.body;
    EXPECT_EQ(field_codes(res),
              (std::map<std::string, std::string>{
                  {"effective_on", "日期顺序有误：发布日期 ≤ 生效日期 ≤ 失效日期。"},
                  {"colour", "不认识的字段。"}}));
    EXPECT_EQ(count("SELECT COUNT(*) FROM document_versions"), 2);
    EXPECT_EQ(audited("content.document.update"), 2);
    EXPECT_EQ(anonymous_get(path(id, "/versions")).status, 404);
}

TEST_P(Documents, PublishedPoliciesExpireWithTheClockAndLeaveTheValidList) {
    auto body = talent_policy("青岛市人才公寓租金补贴（试行）");
    body["region"] = "370200";
    const auto id = create_as("bureau", body);
    const auto bureau = signed_in("bureau");
    ASSERT_EQ(bureau->post(path(id, "/publish")).status, 200);
    auto endless = talent_policy("青岛市高层次人才分类认定办法");
    endless.erase("expires_on");
    const auto lasting = create_as("bureau", endless);
    ASSERT_EQ(bureau->post(path(lasting, "/publish")).status, 200);
    EXPECT_EQ(ids_of(anonymous_get("/api/v1/documents?valid=true")),
              (std::set<std::int64_t>{id, lasting}));
    EXPECT_EQ(ids_of(anonymous_get("/api/v1/documents?valid=false")), std::set<std::int64_t>{});

    set_clock("2026-12-15T23:00:00+08:00");  // the last day it is in force
    EXPECT_EQ(count("SELECT COUNT(*) FROM documents WHERE status = 'expired'"), 0);
    set_clock("2026-12-16T09:00:00+08:00");
    auto res = anonymous_get(path(id));
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.json().at("document").at("status"), "expired");
    EXPECT_EQ(ids_of(anonymous_get("/api/v1/documents?valid=true")),
              std::set<std::int64_t>{lasting});
    EXPECT_EQ(ids_of(anonymous_get("/api/v1/documents?valid=false")), std::set<std::int64_t>{id});
    EXPECT_EQ(audited("content.document.expire"), 1);
    EXPECT_EQ(anonymous_get("/api/v1/documents?valid=maybe").status, 422);
}

TEST_P(Documents, ReadersSeeExpiredDocumentsOnlyWhenTheyAskForThem) {
    const auto bureau = signed_in("bureau");
    const auto expiring = create_as("bureau", talent_policy("青岛市人才公寓租金补贴（试行）"));
    ASSERT_EQ(bureau->post(path(expiring, "/publish")).status, 200);
    auto endless = talent_policy("青岛市高层次人才分类认定办法");
    endless.erase("expires_on");
    const auto lasting = create_as("bureau", endless);
    ASSERT_EQ(bureau->post(path(lasting, "/publish")).status, 200);
    auto later = talent_policy("青岛市人才住房补贴办法（2027）");
    later["effective_on"] = "2027-01-01";
    later.erase("expires_on");
    const auto upcoming = create_as("bureau", later);
    ASSERT_EQ(bureau->post(path(upcoming, "/publish")).status, 200);
    const std::string list = "/api/v1/documents?type=policy";
    EXPECT_EQ(ids_of(anonymous_get(list)), (std::set<std::int64_t>{expiring, lasting, upcoming}));

    set_clock("2026-12-16T09:00:00+08:00");  // the day after the last day in force
    // By default: in force or announced, never expired.
    const auto shown = anonymous_get(list);
    EXPECT_EQ(ids_of(shown), (std::set<std::int64_t>{lasting, upcoming}));
    EXPECT_EQ(shown.json().at("total").as_int64(), 2);
    // Asked for: with the expired one (marked so), or the expired ones alone.
    const auto all = anonymous_get(list + "&include_expired=true");
    EXPECT_EQ(ids_of(all), (std::set<std::int64_t>{expiring, lasting, upcoming}));
    const auto all_reply = all.json();
    for (const auto& item : all_reply.at("items").as_array()) {
        EXPECT_EQ(item.at("status"),
                  item.at("id").as_int64() == expiring ? "expired" : "published");
    }
    EXPECT_EQ(ids_of(anonymous_get(list + "&status=expired")), std::set<std::int64_t>{expiring});
    EXPECT_EQ(ids_of(anonymous_get(list + "&valid=false")),
              (std::set<std::int64_t>{expiring, upcoming}));
    EXPECT_EQ(ids_of(anonymous_get(list + "&valid=true")), std::set<std::int64_t>{lasting});
    EXPECT_EQ(ids_of(signed_in("investor")->get(list)),
              (std::set<std::int64_t>{lasting, upcoming}));
    // Its own page stays readable, marked expired.
    const auto page = anonymous_get(path(expiring));
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.json().at("document").at("status"), "expired");
    const auto bad = anonymous_get(list + "&include_expired=perhaps");
    ASSERT_EQ(bad.status, 422);
    EXPECT_TRUE(bad.json().at("error").at("fields").as_object().contains("include_expired"));
}

TEST_P(Documents, DirectoryEntriesLoungePagesAndCostTablesKeepTheirDetails) {
    const json::object hotel{{"type", "directory_entry"},
                             {"title", "青岛示例海景酒店"},
                             {"details", json::object{{"category", "hotel"},
                                                      {"phone", "0532-85911000"},
                                                      {"address", "市南区香港中路 1 号"},
                                                      {"tags", json::array{"商务", "会议"}}}}};
    const auto id = create_as("370202.staff", hotel);
    auto res = signed_in("370202.lead")->post(path(id, "/publish"));
    ASSERT_EQ(res.status, 200) << res.body;
    auto reply = anonymous_get(path(id)).json();
    EXPECT_EQ(reply.at("document").at("details").at("phone"), "0532-85911000");
    EXPECT_EQ(reply.at("document").at("details").at("tags"), (json::array{"商务", "会议"}));
    EXPECT_EQ(reply.at("document").at("region"), "370202");

    const auto desk = count("SELECT id FROM unit WHERE unit_key = 'desk.international'");
    const json::object lounge{{"type", "lounge_page"},
                              {"title", "德国投资者之家"},
                              {"title_en", "German investors' lounge"},
                              {"body_html_en", "<h2>Welcome</h2><iframe src=x></iframe>"},
                              {"details", json::object{{"economy", "DE"}, {"desk_unit_id", desk}}}};
    const auto page = create_as("bureau", lounge);
    reply = signed_in("bureau")->post(path(page, "/publish")).json();
    EXPECT_EQ(reply.at("document").at("body_html_en"), "<h2>Welcome</h2>");
    EXPECT_EQ(reply.at("document").at("details").at("desk_unit_id").as_int64(), desk);
    EXPECT_EQ(reply.at("document").at("details").at("desk").at("phone"), "0532-85911100");
    EXPECT_EQ(reply.at("document").at("details").at("desk").at("name"), "国际投资促进服务台");

    const json::object costs{
        {"type", "cost_table"},
        {"title", "城阳区要素成本"},
        {"details", json::object{{"rows", json::array{json::object{{"district", "城阳区"},
                                                                   {"category", "electricity"},
                                                                   {"item", "一般工商业用电"},
                                                                   {"price", "0.6512"},
                                                                   {"unit", "元/千瓦时"},
                                                                   {"source", "示例来源"},
                                                                   {"effective_on", "2026-06-01"},
                                                                   {"illustrative", true}}}}}}};
    res = signed_in("370214.staff")->post("/api/v1/documents", json::serialize(costs));
    ASSERT_EQ(res.status, 201) << res.body;
    reply = res.json();
    const auto& row = reply.at("document").at("details").at("rows").at(0);
    EXPECT_EQ(row.at("price"), "0.6512");  // four decimals: a unit price, kept as text
    EXPECT_EQ(row.at("illustrative"), true);
    EXPECT_EQ(reply.at("document").at("region"), "370214");
}

TEST_P(Documents, UnitDirectoryListsEveryUnitWithItsPhoneByType) {
    const auto res = anonymous_get("/api/v1/directory/units");
    ASSERT_EQ(res.status, 200) << res.body;
    const auto reply = res.json();
    const auto& items = reply.at("items").as_array();
    EXPECT_EQ(reply.at("total").as_int64(), count("SELECT COUNT(*) FROM unit"));
    EXPECT_EQ(items.at(0).at("type"), "city");
    EXPECT_EQ(items.at(1).at("type"), "bureau");
    EXPECT_EQ(items.at(1).at("phone"), "0532-85911000");
    EXPECT_EQ(items.at(1).at("tel"), "tel:053285911000");
    std::string last_type;
    std::set<std::string> seen;
    for (const auto& item : items) {
        const std::string type(item.at("type").as_string());
        if (type != last_type) {
            EXPECT_FALSE(seen.contains(type)) << type << " is not grouped";
            seen.insert(type);
            last_type = type;
        }
    }
}

TEST_P(Documents, AttachedFilesArePublicWithTheDocument) {
    const json::object news{{"type", "news"}, {"title", "附件测试"}};
    const auto id = create_as("370214.staff", news);
    const auto staff = signed_in("370214.staff");
    const std::string pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n";
    auto res = staff->send("POST", path(id, "/attachments?name=notice.pdf"), pdf, {});
    ASSERT_EQ(res.status, 201) << res.body;
    const auto file = res.json().at("attachment").at("id").as_int64();
    const auto file_path = path(id, "/attachments/" + std::to_string(file));
    EXPECT_EQ(anonymous_get(file_path).status, 404);  // the draft is not public yet
    ASSERT_EQ(signed_in("370214.lead")->post(path(id, "/publish")).status, 200);
    res = anonymous_get(file_path);
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.body, pdf);
    EXPECT_EQ(anonymous_get(path(id)).json().at("document").at("attachments").as_array().size(),
              1U);
    EXPECT_EQ(signed_in("370202.staff")
                  ->send("POST", path(id, "/attachments?name=x.pdf"), pdf, {})
                  .status,
              403);
    EXPECT_EQ(audited("content.document.attach"), 1);
}

// The search index follows every write of a published document in the same transaction.
TEST_P(Documents, SearchFindsExactlyThePublishedVersion) {
    const auto found = [&](const std::string& encoded_query) {
        const auto res = anonymous_get("/api/v1/search?q=" + encoded_query);
        EXPECT_EQ(res.status, 200) << res.body;
        return ids_of(res);
    };
    const auto id = create_as("370214.staff", talent_policy("城阳区青年人才安家补贴办法"));
    const std::string young = "%E9%9D%92%E5%B9%B4";               // 青年: in the first title only
    const std::string terahertz = "%E5%A4%AA%E8%B5%AB%E5%85%B9";  // 太赫兹
    EXPECT_FALSE(found(young).contains(id));                      // a draft is not searchable
    const auto bureau = signed_in("bureau");
    ASSERT_EQ(bureau->post(path(id, "/publish")).status, 200);
    EXPECT_TRUE(found(young).contains(id));
    ASSERT_EQ(bureau->send("PATCH", path(id), R"({"title":"城阳区太赫兹产业人才办法"})").status,
              200);
    EXPECT_TRUE(found(terahertz).contains(id));
    EXPECT_FALSE(found(young).contains(id));  // the old title is gone from the index
    ASSERT_EQ(bureau->post(path(id, "/withdraw")).status, 200);
    EXPECT_FALSE(found(terahertz).contains(id));
    ASSERT_EQ(bureau->post(path(id, "/publish")).status, 200);
    EXPECT_TRUE(found(terahertz).contains(id));
    set_clock("2026-12-16T09:00:00+08:00");  // past its expiry date
    EXPECT_FALSE(found(terahertz).contains(id));
}

TEST_P(Documents, DemoContentCoversEveryKindAndPassesTheChecks) {
    const test_clock at(*parse_rfc3339("2026-11-26T09:00:00+08:00"));
    // Every demo document goes through the same checks as a unit's (a bad one would throw).
    EXPECT_EQ(service::content::ensure_demo_content(database, at, "qingdao"), 126);
    EXPECT_EQ(service::content::ensure_demo_content(database, at, "qingdao"), 0);
    const auto by = [&](const std::string& condition) {
        return count("SELECT COUNT(*) FROM documents WHERE illustrative = 1 AND " + condition);
    };
    EXPECT_EQ(by("type = 'policy'"), 44);
    EXPECT_EQ(by("type = 'policy' AND dimension = 'investment_policy'"), 22);
    EXPECT_EQ(by("type = 'policy' AND dimension = 'investment_cost'"), 10);
    EXPECT_EQ(by("type = 'policy' AND dimension = 'talent'"), 12);
    EXPECT_EQ(by("type = 'policy' AND status = 'expired'"), 1);  // 人才公寓租金补贴（试行）
    EXPECT_EQ(by("type = 'news'"), 22);
    EXPECT_EQ(by("type = 'regulation'"), 12);
    // A cost table for every district, each row with its source and date.
    EXPECT_EQ(by("type = 'cost_table'"), 10);
    EXPECT_EQ(count("SELECT COUNT(DISTINCT d.region) FROM documents d JOIN unit u ON u.code = "
                    "d.region WHERE d.type = 'cost_table' AND u.type = 'district'"),
              10);
    for (const char* category : {"legal", "vc_pe", "hotel", "food"}) {
        EXPECT_EQ(by(std::string("type = 'directory_entry' AND details LIKE '%\"category\":\"") +
                     category + "\"%'"),
                  8)
            << category;
    }
    EXPECT_EQ(by("type = 'lounge_page' AND title_en IS NOT NULL AND body_html_en IS NOT NULL"), 6);
    // English for the directory and the cost tables, down to each row and address.
    EXPECT_EQ(by("type = 'directory_entry' AND title_en IS NOT NULL AND summary_en IS NOT NULL "
                 "AND details LIKE '%\"address_en\":%' AND details LIKE '%\"tags_en\":%'"),
              32);
    EXPECT_EQ(by("type = 'cost_table' AND title_en IS NOT NULL AND summary_en IS NOT NULL AND "
                 "body_html_en IS NOT NULL"),
              10);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'content.demo.load'"), 1);

    const auto costs = anonymous_get("/api/v1/documents?type=cost_table&region=370212").json();
    ASSERT_EQ(costs.at("total").as_int64(), 1);
    std::set<std::string> categories;
    for (const auto& row : costs.at("items").at(0).at("details").at("rows").as_array()) {
        categories.emplace(row.at("category").as_string());
        EXPECT_FALSE(row.at("source").as_string().empty());
        for (const char* english : {"district_en", "item_en", "unit_en", "source_en"}) {
            EXPECT_FALSE(row.at(english).as_string().empty()) << english;
        }
        EXPECT_EQ(row.at("illustrative"), true);
    }
    EXPECT_EQ(categories, (std::set<std::string>{"water", "electricity", "gas", "land", "labour"}));
    const auto lounge = anonymous_get("/api/v1/documents?type=lounge_page").json();
    std::set<std::string> economies;
    for (const auto& page : lounge.at("items").as_array()) {
        economies.emplace(page.at("details").at("economy").as_string());
        EXPECT_EQ(page.at("details").at("desk_unit_id").as_int64(),
                  count("SELECT id FROM unit WHERE unit_key = 'desk.international'"));
    }
    EXPECT_EQ(economies, (std::set<std::string>{"DE", "JP", "KR", "US", "EU", "SG"}));
    EXPECT_EQ(
        anonymous_get("/api/v1/documents?type=policy&valid=true").json().at("total").as_int64(),
        43);
}

INSTANTIATE_TEST_SUITE_P(Engines, Documents, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
