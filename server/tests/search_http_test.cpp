#include <gtest/gtest.h>

#include <map>
#include <set>

#include <boost/json.hpp>
#include <boost/url.hpp>

#include "support/clocked_server_test.hpp"
#include "support/http_client.hpp"
#include "support/search_corpus.hpp"

namespace zhaoyin {
namespace {

namespace json = boost::json;

constexpr std::int64_t chengyang = 7;  // 城阳区 (370214)
constexpr std::int64_t shinan = 2;     // 市南区 (370202)

// GET /api/v1/search over HTTP: public documents, projects only in the caller's scope, and the
// refusals.
class SearchHttp : public testing::clocked_server_test {
  protected:
    testing::search_corpus corpus = database.transaction(
        [](db::connection& conn) { return testing::index_search_corpus(conn); });

    static std::string query(const std::string& q, const std::string& rest = "") {
        return "/api/v1/search?q=" + boost::urls::encode(q, boost::urls::unreserved_chars) + rest;
    }

    // The (type, id) pairs of a reply.
    static std::set<std::pair<std::string, std::int64_t>> hits(const testing::http_response& res) {
        EXPECT_EQ(res.status, 200) << res.body;
        std::set<std::pair<std::string, std::int64_t>> out;
        const auto reply = res.json();
        for (const auto& item : reply.at("items").as_array()) {
            out.emplace(std::string(item.at("type").as_string()), item.at("id").as_int64());
        }
        return out;
    }

    testing::http_response anonymous(const std::string& target) {
        return testing::http_request(server.port(), "GET", target, "", {});
    }
};

TEST_P(SearchHttp, AnyoneFindsPublishedDocumentsRankedAndHighlighted) {
    const auto res = anonymous(query("招商引资", "&type=policy&page_size=2"));
    ASSERT_EQ(res.status, 200) << res.body;
    const auto reply = res.json();
    EXPECT_EQ(reply.at("total"), 2);  // the city's and Jimo's 招商引资 policies
    EXPECT_EQ(reply.at("page"), 1);
    EXPECT_EQ(reply.at("page_size"), 2);
    EXPECT_EQ(reply.at("stop_terms"), json::array{});
    EXPECT_EQ(reply.at("capped"), false);
    const auto& first = reply.at("items").at(0).as_object();
    EXPECT_EQ(first.at("id"), corpus.id_of.at("p-zsyz-city"));
    EXPECT_EQ(first.at("type"), "policy");
    EXPECT_EQ(first.at("title"), "青岛市招商引资工作激励办法");
    EXPECT_NE(std::string(first.at("snippet").as_string()).find("<mark>招商引资</mark>"),
              std::string::npos);
    EXPECT_EQ(first.at("url_hint").as_string(),
              "/documents/" + std::to_string(corpus.id_of.at("p-zsyz-city")));
}

// The English portal shows a document's English title; a document without one, and a project,
// give null (the portal falls back to the Chinese title).
TEST_P(SearchHttp, ResultsCarryTheEnglishTitle) {
    const auto res = anonymous(query("集成电路", "&type=policy&page_size=50"));
    ASSERT_EQ(res.status, 200) << res.body;
    std::map<std::int64_t, json::value> title_en_of;
    const auto reply = res.json();
    for (const auto& item : reply.at("items").as_array()) {
        title_en_of[item.at("id").as_int64()] = item.at("title_en");
    }
    ASSERT_TRUE(title_en_of.contains(corpus.id_of.at("p-ic-city")));
    EXPECT_EQ(title_en_of.at(corpus.id_of.at("p-ic-city")),
              "Policies to support the integrated circuit industry in Qingdao");
    ASSERT_TRUE(title_en_of.contains(corpus.id_of.at("p-ic-xha")));
    EXPECT_TRUE(title_en_of.at(corpus.id_of.at("p-ic-xha")).is_null());

    const auto own = project(chengyang, "城阳集成电路封装项目");
    const auto found = signed_in("bureau")->get(query("集成电路封装", "&type=project"));
    ASSERT_EQ(found.status, 200) << found.body;
    const auto found_reply = found.json();
    const auto& items = found_reply.at("items").as_array();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items.at(0).at("id"), own);
    EXPECT_TRUE(items.at(0).at("title_en").is_null());
}

TEST_P(SearchHttp, ProjectsAreFoundOnlyInTheCallersScope) {
    const auto own = project(chengyang, "城阳智能装备产业园项目");
    const auto other = project(shinan, "市南金融科技中心项目");
    const std::pair<std::string, std::int64_t> own_hit{"project", own};
    const std::pair<std::string, std::int64_t> other_hit{"project", other};

    EXPECT_TRUE(hits(anonymous(query("项目", "&type=project"))).empty());
    EXPECT_TRUE(hits(signed_in("investor")->get(query("项目", "&type=project"))).empty());
    EXPECT_EQ(hits(signed_in("370214.staff")->get(query("项目", "&type=project"))),
              (std::set{own_hit}));
    EXPECT_EQ(hits(signed_in("370202.staff")->get(query("金融科技"))), (std::set{other_hit}));
    EXPECT_TRUE(hits(signed_in("370214.staff")->get(query("金融科技"))).empty());
    EXPECT_EQ(hits(signed_in("bureau")->get(query("项目", "&type=project"))),
              (std::set{own_hit, other_hit}));
    // The company and the industry are indexed too.
    EXPECT_EQ(hits(signed_in("bureau")->get(query("智能装备产业园项目有限公司"))),
              (std::set{own_hit}));

    // An edit re-indexes the project.
    const auto edited = signed_in("bureau")->send(
        "PATCH", "/api/v1/projects/" + std::to_string(own), R"({"name":"城阳海洋装备基地"})");
    ASSERT_EQ(edited.status, 200) << edited.body;
    const auto renamed = signed_in("370214.staff")->get(query("海洋装备基地"));
    EXPECT_EQ(hits(renamed), (std::set{own_hit}));
    const auto renamed_reply = renamed.json();
    EXPECT_EQ(renamed_reply.at("items").at(0).at("title"), "城阳海洋装备基地");
}

TEST_P(SearchHttp, AConfidentialProjectIsFoundByItsCodeNameOnly) {
    auto body = minimal_project(chengyang, "氢能重卡总部项目");
    body["company"] = "青岛机密氢能科技有限公司";
    body["confidential"] = true;
    body["code_name"] = "星河07";
    body["collaborating_unit_ids"] = json::array{shinan};
    const auto id = register_project_as("bureau", body);

    // 370202's staff collaborate but are not cleared; 370214 undertakes the project.
    for (const std::string login : {"370202.staff", "370214.staff", "bureau"}) {
        EXPECT_TRUE(hits(signed_in(login)->get(query("机密氢能"))).empty()) << login;
        EXPECT_TRUE(hits(signed_in(login)->get(query("氢能重卡"))).empty()) << login;
    }
    const auto found = signed_in("370202.staff")->get(query("星河"));
    EXPECT_EQ(hits(found), (std::set<std::pair<std::string, std::int64_t>>{{"project", id}}));
    const auto reply = found.json();
    EXPECT_EQ(reply.at("items").at(0).at("title"), "星河07");
    EXPECT_EQ(found.body.find("机密"), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM search_entries WHERE body LIKE '%机密%' OR title LIKE "
                    "'%氢能重卡%'"),
              0);
}

TEST_P(SearchHttp, BadParametersAre422NamingTheParameter) {
    const auto field = [](const testing::http_response& res) {
        EXPECT_EQ(res.status, 422) << res.body;
        const auto reply = res.json();
        const auto& fields = reply.at("error").at("fields").as_object();
        return fields.empty() ? std::string() : std::string(fields.begin()->key());
    };
    EXPECT_EQ(field(anonymous("/api/v1/search")), "q");
    EXPECT_EQ(field(anonymous(query("！？"))), "q");
    EXPECT_EQ(field(anonymous(query(std::string(101, 'x')))), "q");
    EXPECT_EQ(field(anonymous(query("人才", "&type=person"))), "type");
    EXPECT_EQ(field(anonymous(query("人才", "&dimension=tax"))), "dimension");
    EXPECT_EQ(field(anonymous(query("人才", "&valid=maybe"))), "valid");
    EXPECT_EQ(field(anonymous(query("人才", "&page_size=500"))), "page_size");
    const auto en =
        testing::http_request(server.port(), "GET", query(""), "", {{"Accept-Language", "en"}});
    const auto en_reply = en.json();
    EXPECT_EQ(en_reply.at("error").at("fields").at("q"),
              "Enter at least one word or character to search for.");
}

TEST_P(SearchHttp, ValidityFollowsTheTestClock) {
    // 未来产业 takes effect on 1 January 2027.
    const std::pair<std::string, std::int64_t> future{"policy", corpus.id_of.at("p-future-rule")};
    EXPECT_FALSE(hits(anonymous(query("未来产业", "&valid=true"))).contains(future));
    set_clock("2027-01-04T09:00:00+08:00");
    EXPECT_TRUE(hits(anonymous(query("未来产业", "&valid=true"))).contains(future));
}

TEST_P(SearchHttp, PublishingIndexesADocumentAndWithdrawingRemovesIt) {
    const json::object news{{"type", "news"},
                            {"title", "城阳区举办太赫兹产业招商推介会"},
                            {"issued_on", "2026-11-28"},
                            {"body_html", "<p>推介会介绍太赫兹<b>成像</b>项目。</p>"}};
    const auto created =
        signed_in("370214.staff")->post("/api/v1/documents", json::serialize(news));
    ASSERT_EQ(created.status, 201) << created.body;
    const auto id = created.json().at("document").at("id").as_int64();
    const std::pair<std::string, std::int64_t> hit{"news", id};
    EXPECT_FALSE(hits(anonymous(query("太赫兹成像"))).contains(hit));  // a draft is not found

    const auto lead = signed_in("370214.lead");
    ASSERT_EQ(lead->post("/api/v1/documents/" + std::to_string(id) + "/publish").status, 200);
    const auto found = anonymous(query("太赫兹成像"));
    EXPECT_EQ(hits(found), (std::set{hit}));
    const auto reply = found.json();
    EXPECT_EQ(reply.at("items").at(0).at("snippet"), "推介会介绍<mark>太赫兹成像</mark>项目。");

    ASSERT_EQ(lead->post("/api/v1/documents/" + std::to_string(id) + "/withdraw").status, 200);
    EXPECT_TRUE(hits(anonymous(query("太赫兹成像"))).empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, SearchHttp, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
