#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "http/router.hpp"
#include "http/static_files.hpp"
#include "http/wire.hpp"
#include "support/engines.hpp"

namespace zhaoyin::http {
namespace {

handler noop() {
    return [](request&) -> boost::asio::awaitable<reply> { co_return reply{}; };
}

router sample_router() {
    router r;
    r.add({"GET", "/api/v1/units", "reference:unit:read", noop()});
    r.add({"GET", "/api/v1/units/{id:int}", "reference:unit:read", noop()});
    r.add({"PATCH", "/api/v1/units/{id:int}", "identity:unit:update", noop()});
    r.add({"GET", "/api/v1/files/{name}", "content:file:read", noop()});
    return r;
}

TEST(Router, MatchesLiteralsAndParameters) {
    const router r = sample_router();
    auto m = r.match("GET", "/api/v1/units/42");
    ASSERT_EQ(m.result, router::outcome::found);
    EXPECT_EQ(m.params.at("id"), "42");
    EXPECT_EQ(m.matched->permission, "reference:unit:read");
    m = r.match("PATCH", "/api/v1/units/42/");
    ASSERT_EQ(m.result, router::outcome::found);
    EXPECT_EQ(m.matched->permission, "identity:unit:update");
    m = r.match("GET", "/api/v1/files/report.pdf");
    ASSERT_EQ(m.result, router::outcome::found);
    EXPECT_EQ(m.params.at("name"), "report.pdf");
    EXPECT_EQ(r.match("HEAD", "/api/v1/units").result, router::outcome::found);
}

TEST(Router, TellsNotFoundFromWrongMethodAndBadParameter) {
    const router r = sample_router();
    EXPECT_EQ(r.match("GET", "/api/v1/nothing").result, router::outcome::not_found);
    EXPECT_EQ(r.match("GET", "/api/v1/units/1/extra").result, router::outcome::not_found);
    const auto wrong = r.match("DELETE", "/api/v1/units/1");
    EXPECT_EQ(wrong.result, router::outcome::method_not_allowed);
    EXPECT_EQ(wrong.allowed_methods, (std::vector<std::string>{"GET", "PATCH"}));
    for (const char* bad : {"abc", "0", "-1", "01", "1.5", "99999999999999999999"}) {
        const auto m = r.match("GET", std::string("/api/v1/units/") + bad);
        EXPECT_EQ(m.result, router::outcome::bad_parameter) << bad;
        EXPECT_EQ(m.bad_parameter, "id");
    }
}

TEST(Router, RefusesARouteWithoutPermission) {
    router r;
    EXPECT_THROW(r.add({"GET", "/api/v1/open", "", noop()}), std::logic_error);
}

TEST(StaticFiles, NegotiatesEncodings) {
    EXPECT_TRUE(accepts_encoding("gzip, deflate, br", "br"));
    EXPECT_TRUE(accepts_encoding("gzip;q=0.8", "gzip"));
    EXPECT_FALSE(accepts_encoding("gzip;q=0", "gzip"));
    EXPECT_FALSE(accepts_encoding("gzip", "br"));
    EXPECT_TRUE(accepts_encoding("*", "gzip"));
    EXPECT_FALSE(accepts_encoding("", "gzip"));
}

class StaticFilesTree : public ::testing::Test {
  protected:
    void SetUp() override {
        namespace fs = std::filesystem;
        fs::create_directories(fs::path(dir.path()) / "assets");
        write("index.html", "<!doctype html><title>zy</title>");
        write("assets/app-1a2b.js", "console.log(1)");
        write("assets/app-1a2b.js.gz", "GZIPPED");
        write("assets/app-1a2b.js.br", "BROTLI");
    }
    void write(const std::string& name, const std::string& content) {
        std::ofstream(std::filesystem::path(dir.path()) / name, std::ios::binary) << content;
    }
    static request get(std::string path, std::vector<std::pair<std::string, std::string>> h = {}) {
        request r;
        r.method = "GET";
        r.path = std::move(path);
        r.headers = std::move(h);
        return r;
    }
    testing::scratch_dir dir;
};

TEST_F(StaticFilesTree, ServesVariantsWithCachePolicy) {
    const static_files files(dir.path());
    EXPECT_EQ(files.file_count(), 2U);
    auto r = files.serve(get("/assets/app-1a2b.js", {{"Accept-Encoding", "gzip, br"}}));
    ASSERT_TRUE(r);
    EXPECT_EQ(*r->body, "BROTLI");
    r = files.serve(get("/assets/app-1a2b.js", {{"Accept-Encoding", "gzip"}}));
    ASSERT_TRUE(r);
    EXPECT_EQ(*r->body, "GZIPPED");
    r = files.serve(get("/assets/app-1a2b.js"));
    ASSERT_TRUE(r);
    EXPECT_EQ(*r->body, "console.log(1)");
    EXPECT_EQ(r->content_type, "text/javascript; charset=utf-8");
    const auto cache = std::find_if(r->headers.begin(), r->headers.end(),
                                    [](const auto& h) { return h.first == "Cache-Control"; });
    ASSERT_NE(cache, r->headers.end());
    EXPECT_EQ(cache->second, "public, max-age=31536000, immutable");
}

TEST_F(StaticFilesTree, FallsBackToIndexForAppRoutesOnly) {
    const static_files files(dir.path());
    const auto route = files.serve(get("/console/units"));
    ASSERT_TRUE(route);
    EXPECT_EQ(*route->body, "<!doctype html><title>zy</title>");
    EXPECT_FALSE(files.serve(get("/assets/missing-9f9f.js")));
    EXPECT_FALSE(files.serve(get("/api/v1/nothing")));
}

TEST_F(StaticFilesTree, AnswersNotModifiedForAMatchingETag) {
    const static_files files(dir.path());
    const auto first = files.serve(get("/index.html"));
    ASSERT_TRUE(first);
    std::string etag;
    for (const auto& [name, value] : first->headers) {
        if (name == "ETag") {
            etag = value;
        }
    }
    ASSERT_FALSE(etag.empty());
    const auto again = files.serve(get("/", {{"If-None-Match", etag}}));
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 304);
    EXPECT_TRUE(again->body->empty());
}

}  // namespace
}  // namespace zhaoyin::http

namespace zhaoyin::http {
namespace {

TEST(Wire, WritesStatusHeadersAndSecurityBlock) {
    reply r = reply::json(201, R"({"ok":true})");
    r.set_header("Set-Cookie", "zy_session=abc; Path=/; HttpOnly");
    const std::string head = response_head(r, "00ff00ff00ff00ff", true, r.body->size());
    EXPECT_TRUE(head.starts_with("HTTP/1.1 201 Created\r\n"));
    EXPECT_NE(head.find("Content-Type: application/json\r\n"), std::string::npos);
    EXPECT_NE(head.find("Content-Length: 11\r\n"), std::string::npos);
    EXPECT_NE(head.find("X-Request-Id: 00ff00ff00ff00ff\r\n"), std::string::npos);
    EXPECT_NE(head.find("Set-Cookie: zy_session=abc; Path=/; HttpOnly\r\n"), std::string::npos);
    EXPECT_NE(head.find("X-Content-Type-Options: nosniff\r\n"), std::string::npos);
    EXPECT_EQ(head.find("Connection: close"), std::string::npos);
    EXPECT_TRUE(head.ends_with("\r\n\r\n"));
}

TEST(Wire, ClosesWhenAskedAndOmitsLengthFor304) {
    reply r;
    r.status = 304;
    const std::string head = response_head(r, "id", false, std::nullopt);
    EXPECT_TRUE(head.starts_with("HTTP/1.1 304 Not Modified\r\n"));
    EXPECT_EQ(head.find("Content-Length"), std::string::npos);
    EXPECT_EQ(head.find("\r\nContent-Type:"), std::string::npos);
    EXPECT_NE(head.find("Connection: close\r\n"), std::string::npos);
}

TEST(Wire, DropsHeaderValuesThatWouldSplitTheResponse) {
    reply r = reply::json(200, "{}");
    r.set_header("Location", "/x\r\nSet-Cookie: stolen=1");
    const std::string head = response_head(r, "id", true, 2);
    EXPECT_EQ(head.find("stolen"), std::string::npos);
    EXPECT_EQ(head.find("Location"), std::string::npos);
}

TEST(Wire, MakesDistinctHexRequestIds) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const std::string id = new_request_id();
        EXPECT_EQ(id.size(), 16U);
        EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 1000U);
}

}  // namespace
}  // namespace zhaoyin::http
