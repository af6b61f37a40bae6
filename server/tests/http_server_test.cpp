#include <filesystem>
#include <fstream>
#include <future>
#include <regex>

#include <gtest/gtest.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "core/time_format.hpp"
#include "db/database.hpp"
#include "support/http_client.hpp"
#include "support/session_client.hpp"
#include "support/test_server.hpp"
#include "support/websocket_client.hpp"

namespace zhaoyin {
namespace {

namespace json = boost::json;
namespace asio = boost::asio;
namespace beast = boost::beast;
using testing::http_get;
using testing::post_json;
using testing::scratch_database;
using testing::test_server;

class Http : public ::testing::TestWithParam<db::engine> {
  protected:
    scratch_database scratch{GetParam()};
};

std::string error_code_of(const testing::http_response& res) {
    return std::string(res.json().at("error").at("code").as_string());
}

TEST_P(Http, ReportsLiveAndReady) {
    test_server server(scratch);
    const auto live = http_get(server.port(), "/livez");
    EXPECT_EQ(live.status, 200);
    const auto ready = http_get(server.port(), "/readyz");
    EXPECT_EQ(ready.status, 200);
    EXPECT_EQ(ready.json().at("status"), "ready");
    EXPECT_EQ(ready.json().at("database"), "reachable");
}

TEST_P(Http, ReportsNotReadyWhenTheSchemaIsNotCurrent) {
    test_server server(scratch);
    db::database database(scratch.target(), 1);
    database.transaction([](db::connection& conn) {
        conn.query(
            "INSERT INTO schema_migration (version, name, applied_at) VALUES (9999, "
            "'from a newer release', '2030-01-01T00:00:00.000Z')");
    });
    const auto ready = http_get(server.port(), "/readyz");
    EXPECT_EQ(ready.status, 503);
    EXPECT_EQ(ready.json().at("status"), "not_ready");
    EXPECT_EQ(ready.json().at("schema_version").as_int64(), 9999);
    EXPECT_EQ(http_get(server.port(), "/livez").status, 200);
}

TEST_P(Http, ServesTheUnitTreeWithTheTenDistricts) {
    test_server server(scratch);
    const auto res = http_get(server.port(), "/api/v1/units");
    ASSERT_EQ(res.status, 200);
    EXPECT_EQ(res.header("Content-Type"), "application/json");
    EXPECT_EQ(res.header("Cache-Control"), "no-store");
    const auto body = res.json();
    EXPECT_EQ(body.at("total").as_int64(), 57);
    const auto& city = body.at("tree").as_array().at(0).as_object();
    EXPECT_EQ(city.at("name_zh"), "青岛市");
    std::vector<std::string> districts;
    for (const auto& child : city.at("children").as_array()) {
        if (child.at("type") == "district") {
            districts.emplace_back(child.at("name_zh").as_string());
            EXPECT_FALSE(child.at("phone").is_null());
        }
    }
    ASSERT_EQ(districts.size(), 10U);
    EXPECT_EQ(districts[5], "城阳区");

    const auto again =
        http_get(server.port(), "/api/v1/units", {{"If-None-Match", res.header("ETag")}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
}

TEST_P(Http, ServesOneUnitOrAClearError) {
    test_server server(scratch);
    const auto tree = http_get(server.port(), "/api/v1/units").json();
    const auto chengyang_id =
        tree.at("tree").as_array()[0].at("children").as_array()[5].at("id").as_int64();
    const auto one = http_get(server.port(), "/api/v1/units/" + std::to_string(chengyang_id));
    ASSERT_EQ(one.status, 200);
    EXPECT_EQ(one.json().at("unit").at("code"), "370214");
    EXPECT_EQ(one.json().at("parent").at("name_zh"), "青岛市");
    EXPECT_GE(one.json().at("children").as_array().size(), 2U);

    const auto missing = http_get(server.port(), "/api/v1/units/999999");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(error_code_of(missing), "not_found");

    const auto bad = http_get(server.port(), "/api/v1/units/abc", {{"Accept-Language", "en"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(error_code_of(bad), "invalid_path_parameter");
    EXPECT_EQ(bad.json().at("error").at("fields").at("id"), "Must be an integer.");
}

TEST_P(Http, ServesIndustriesAndStages) {
    test_server server(scratch);
    const auto industries = http_get(server.port(), "/api/v1/industries").json();
    const auto& items = industries.at("items").as_array();
    EXPECT_EQ(items.size(), 36U);
    EXPECT_EQ(items[0].at("kind"), "chain");
    EXPECT_EQ(items.back().at("code"), "T");
    const auto stages = http_get(server.port(), "/api/v1/stages").json();
    EXPECT_EQ(stages.at("items").as_array().size(), 8U);
    EXPECT_EQ(stages.at("items").as_array()[7].at("name_zh"), "达产");
    const auto procedures = http_get(server.port(), "/api/v1/procedure-types").json();
    EXPECT_EQ(procedures.at("items").as_array().size(), 10U);
}

TEST_P(Http, AnswersUnknownRoutesAndWrongMethodsInTheRequestLanguage) {
    test_server server(scratch);
    const auto unknown = http_get(server.port(), "/api/v1/nowhere");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(error_code_of(unknown), "not_found");
    EXPECT_EQ(unknown.json().at("error").at("message"), "找不到请求的内容。");

    const auto wrong = testing::http_request(server.port(), "DELETE", "/api/v1/units", "",
                                             {{"Accept-Language", "en-GB,en;q=0.9"}});
    EXPECT_EQ(wrong.status, 405);
    EXPECT_EQ(error_code_of(wrong), "method_not_allowed");
    EXPECT_EQ(wrong.header("Allow"), "GET");
    EXPECT_EQ(wrong.json().at("error").at("message"),
              "This address does not support the DELETE method.");
}

TEST_P(Http, RefusesMalformedAndMistypedBodies) {
    test_server server(scratch);
    const auto malformed = post_json(server.port(), "/api/v1/test/clock", "{\"advance_seconds\":");
    EXPECT_EQ(malformed.status, 400);
    EXPECT_EQ(error_code_of(malformed), "malformed_json");

    const auto not_object = post_json(server.port(), "/api/v1/test/clock", "[1,2]");
    EXPECT_EQ(not_object.status, 400);
    EXPECT_EQ(error_code_of(not_object), "malformed_json");

    const auto wrong_type =
        testing::http_request(server.port(), "POST", "/api/v1/test/clock", "advance_seconds=3",
                              {{"Content-Type", "text/plain"}});
    EXPECT_EQ(wrong_type.status, 415);
    EXPECT_EQ(error_code_of(wrong_type), "unsupported_media_type");

    const auto invalid =
        post_json(server.port(), "/api/v1/test/clock", R"({"advance_seconds":"soon"})");
    EXPECT_EQ(invalid.status, 422);
    EXPECT_EQ(error_code_of(invalid), "validation_failed");
    EXPECT_EQ(invalid.json().at("error").at("fields").at("advance_seconds"), "必须是整数。");
}

TEST_P(Http, RefusesAnOversizedBodyWith413) {
    test_server server(scratch);
    const std::string huge(2 * 1024 * 1024, 'x');
    const auto res = post_json(server.port(), "/api/v1/test/clock", huge);
    EXPECT_EQ(res.status, 413);
    EXPECT_EQ(error_code_of(res), "payload_too_large");
    EXPECT_EQ(res.json().at("error").at("message"), "请求正文过大（上限 4096 字节）。");

    // A chunked body declares no length and is cut off when it passes the limit.
    std::string chunked =
        "POST /api/v1/test/clock HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 8; ++i) {
        chunked += "400\r\n" + std::string(1024, ' ') + "\r\n";
    }
    chunked += "0\r\n\r\n";
    const std::string answer = testing::raw_exchange(server.port(), chunked);
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 413")) << answer.substr(0, 40);
    EXPECT_EQ(http_get(server.port(), "/livez").status, 200);
}

TEST_P(Http, RefusesOversizedHeadersAndGarbage) {
    test_server server(scratch);
    const std::string big_header =
        "GET /livez HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(10 * 1024, 'a') + "\r\n\r\n";
    const std::string answer = testing::raw_exchange(server.port(), big_header);
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 431")) << answer.substr(0, 40);
    EXPECT_NE(answer.find("header_too_large"), std::string::npos);

    const std::string garbage =
        testing::raw_exchange(server.port(), "BLAH\x01\x02 / HTTP/9\r\n\r\n");
    EXPECT_TRUE(garbage.starts_with("HTTP/1.1 400")) << garbage.substr(0, 40);
    EXPECT_NE(garbage.find("bad_request"), std::string::npos);

    // The server is still well after both.
    EXPECT_EQ(http_get(server.port(), "/livez").status, 200);
}

TEST_P(Http, KeepsAConnectionAliveAcrossRequests) {
    test_server server(scratch);
    const std::string two =
        "GET /livez HTTP/1.1\r\nHost: x\r\n\r\n"
        "GET /api/v1/stages HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    const std::string answer = testing::raw_exchange(server.port(), two);
    EXPECT_EQ(answer.find("HTTP/1.1 200"), 0U);
    EXPECT_NE(answer.find("HTTP/1.1 200", 10), std::string::npos);
    EXPECT_NE(answer.find("full_capacity"), std::string::npos);
}

TEST_P(Http, SendsSecurityHeadersAndARequestIdOnEveryReply) {
    test_server server(scratch);
    for (const auto& target : {"/livez", "/api/v1/nowhere", "/no-web-app-here"}) {
        const auto res = http_get(server.port(), target);
        EXPECT_NE(res.header("Content-Security-Policy").find("frame-ancestors 'none'"),
                  std::string::npos)
            << target;
        EXPECT_EQ(res.header("Content-Security-Policy").find("unsafe-inline'; img"),
                  res.header("Content-Security-Policy").find("unsafe-inline'; img"));
        EXPECT_EQ(res.header("Content-Security-Policy").find("script-src 'self' 'unsafe"),
                  std::string::npos);
        EXPECT_EQ(res.header("X-Content-Type-Options"), "nosniff") << target;
        EXPECT_EQ(res.header("Referrer-Policy"), "strict-origin-when-cross-origin");
        EXPECT_TRUE(res.header("Server").empty()) << target;
        EXPECT_TRUE(std::regex_match(res.header("X-Request-Id"), std::regex("[0-9a-f]{16}")));
    }
    EXPECT_NE(http_get(server.port(), "/livez").header("X-Request-Id"),
              http_get(server.port(), "/livez").header("X-Request-Id"));
}

TEST_P(Http, ServesTheWebAppWithCompressionCachingAndFallback) {
    testing::scratch_dir web;
    namespace fs = std::filesystem;
    fs::create_directories(fs::path(web.path()) / "assets");
    std::ofstream(fs::path(web.path()) / "index.html") << "<!doctype html><div id=app></div>";
    std::ofstream(fs::path(web.path()) / "assets/index-abc123.js") << "export const x = 1;";
    std::ofstream(fs::path(web.path()) / "assets/index-abc123.js.gz") << "gz-bytes";
    test_server server(scratch, {.web_root = web.path()});

    const auto page = http_get(server.port(), "/console/units");
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.body, "<!doctype html><div id=app></div>");
    EXPECT_EQ(page.header("Cache-Control"), "no-cache");

    const auto plain = http_get(server.port(), "/assets/index-abc123.js");
    EXPECT_EQ(plain.body, "export const x = 1;");
    EXPECT_EQ(plain.header("Cache-Control"), "public, max-age=31536000, immutable");
    const auto zipped =
        http_get(server.port(), "/assets/index-abc123.js", {{"Accept-Encoding", "gzip"}});
    EXPECT_EQ(zipped.body, "gz-bytes");
    EXPECT_EQ(zipped.header("Content-Encoding"), "gzip");
    EXPECT_EQ(zipped.header("Vary"), "Accept-Encoding");

    const auto cached = http_get(server.port(), "/assets/index-abc123.js",
                                 {{"If-None-Match", plain.header("ETag")}});
    EXPECT_EQ(cached.status, 304);

    const auto head = testing::http_request(server.port(), "HEAD", "/assets/index-abc123.js");
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("Content-Length"), "19");
    EXPECT_TRUE(head.body.empty());

    EXPECT_EQ(http_get(server.port(), "/assets/gone-000.js").status, 404);
    EXPECT_EQ(testing::http_request(server.port(), "POST", "/console").status, 405);
}

TEST_P(Http, MovesTheTestClockOnlyWhenEnabled) {
    test_server server(scratch);
    const auto set =
        post_json(server.port(), "/api/v1/test/clock", R"({"set":"2026-02-13T17:00:00+08:00"})");
    ASSERT_EQ(set.status, 200);
    EXPECT_EQ(set.json().at("now"), "2026-02-13T17:00:00+08:00");
    EXPECT_EQ(format_utc(server.application().time().now()), "2026-02-13T09:00:00.000Z");
    const auto moved =
        post_json(server.port(), "/api/v1/test/clock", R"({"advance_seconds":3600})");
    EXPECT_EQ(moved.json().at("now"), "2026-02-13T18:00:00+08:00");

    const auto both = post_json(server.port(), "/api/v1/test/clock",
                                R"({"advance_seconds":1,"set":"2026-01-01T00:00:00Z"})");
    EXPECT_EQ(both.status, 422);
    const auto bad_time = post_json(server.port(), "/api/v1/test/clock", R"({"set":"tomorrow"})");
    EXPECT_EQ(bad_time.status, 422);
    EXPECT_TRUE(bad_time.json().at("error").at("fields").as_object().contains("set"));
    const auto backwards =
        post_json(server.port(), "/api/v1/test/clock", R"({"advance_seconds":-5})");
    EXPECT_EQ(backwards.status, 422);
    EXPECT_EQ(format_utc(server.application().time().now()), "2026-02-13T10:00:00.000Z");
}

TEST_P(Http, HasNoTestClockWithoutTheFlag) {
    test_server server(scratch, {.test_clock = false});
    const auto res = post_json(server.port(), "/api/v1/test/clock", R"({"advance_seconds":60})");
    EXPECT_EQ(res.status, 404);
    EXPECT_EQ(error_code_of(res), "not_found");
}

TEST_P(Http, EveryRouteNamesAWellFormedPermission) {
    test_server server(scratch);
    const std::regex code("[a-z_]+:[a-z_]+:[a-z_]+");
    std::size_t count = 0;
    for (const auto& route : server.application().routes().routes()) {
        EXPECT_TRUE(std::regex_match(route.permission, code))
            << route.method << " " << route.pattern << " names \"" << route.permission << "\"";
        ++count;
    }
    EXPECT_GE(count, 8U);
}

TEST_P(Http, FinishesRequestsInFlightOnShutdown) {
    std::atomic<bool> entered{false};
    test_server server(
        scratch, {.before_serving = [&entered](app::application& program) {
            program.routes().add({"GET", "/api/v1/test/slow", "system:health:read",
                                  [&entered](http::request&) -> asio::awaitable<http::reply> {
                                      entered = true;
                                      asio::steady_timer timer(co_await asio::this_coro::executor,
                                                               std::chrono::milliseconds(700));
                                      co_await timer.async_wait(asio::use_awaitable);
                                      co_return http::reply::json(200, R"({"slow":"done"})");
                                  }});
        }});
    auto slow = std::async(std::launch::async,
                           [port = server.port()] { return http_get(port, "/api/v1/test/slow"); });
    while (!entered) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const auto port = server.port();
    auto stopping = std::async(std::launch::async, [&server] { server.stop(); });
    const auto res = slow.get();
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(res.body, R"({"slow":"done"})");
    stopping.get();
    EXPECT_THROW(http_get(port, "/livez"), boost::system::system_error);
}

void wait_until(const std::function<bool()>& condition) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!condition() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

TEST_P(Http, PushesToSubscribedWebSockets) {
    test_server server(scratch);
    testing::session_client staff(server.port());
    ASSERT_EQ(staff.login("370214.staff", test_server::demo_password).status, 200);
    testing::websocket_client client(server.port(), staff.session_token());
    EXPECT_EQ(client.read(), R"({"type":"hello"})");
    client.write(R"({"type":"ping"})");
    EXPECT_EQ(client.read(), R"({"type":"pong"})");
    client.subscribe("unit:7");
    auto& hub = server.application().hub();
    EXPECT_EQ(hub.connection_count(), 1U);
    hub.publish("unit:8", R"({"type":"not for you"})");
    hub.publish("unit:7", R"({"type":"intent","id":1})");
    EXPECT_EQ(client.read(), R"({"type":"intent","id":1})");
}

TEST_P(Http, LetsAWebSocketJoinOnlyTopicsInItsScope) {
    test_server server(scratch);
    testing::session_client staff(server.port());
    ASSERT_EQ(staff.login("370214.staff", test_server::demo_password).status, 200);
    testing::websocket_client anonymous(server.port());
    testing::websocket_client other_unit(server.port(), staff.session_token());
    EXPECT_EQ(anonymous.read(), R"({"type":"hello"})");
    EXPECT_EQ(other_unit.read(), R"({"type":"hello"})");
    anonymous.subscribe("unit:7");
    other_unit.subscribe("unit:4");  // 黄岛区, not the staff's unit
    other_unit.subscribe("unit:*");  // every unit: only for the bureau and leaders
    testing::session_client bureau(server.port());
    ASSERT_EQ(bureau.login("bureau", test_server::demo_password).status, 200);
    testing::websocket_client everywhere(server.port(), bureau.session_token());
    EXPECT_EQ(everywhere.read(), R"({"type":"hello"})");
    everywhere.subscribe("unit:*");
    auto& hub = server.application().hub();
    hub.publish("unit:7", R"({"type":"secret for unit 7"})");
    hub.publish("unit:4", R"({"type":"secret for unit 4"})");
    hub.publish("system", R"({"type":"marker"})");
    // Each connection's messages arrive in order: the marker first means nothing else came.
    EXPECT_EQ(anonymous.read(), R"({"type":"marker"})");
    EXPECT_EQ(other_unit.read(), R"({"type":"marker"})");
    EXPECT_EQ(everywhere.read(), R"({"type":"secret for unit 7"})");
    EXPECT_EQ(everywhere.read(), R"({"type":"secret for unit 4"})");
}

TEST_P(Http, DisconnectsAWebSocketClientThatDoesNotRead) {
    test_server server(scratch);
    testing::websocket_client slow(server.port());
    EXPECT_EQ(slow.read(), R"({"type":"hello"})");
    auto& hub = server.application().hub();
    wait_until([&] { return hub.connection_count() == 1; });
    const std::string big(64 * 1024, 'x');
    const std::string message = R"({"type":"bulk","data":")" + big + "\"}";
    // 64 MiB in all: far more than socket buffers hold, so the bounded queue must fill.
    for (int i = 0; i < 1024 && hub.slow_clients_dropped() == 0; ++i) {
        hub.publish("system", message);
        if (i % 64 == 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
    wait_until([&] { return hub.slow_clients_dropped() == 1; });
    EXPECT_EQ(hub.slow_clients_dropped(), 1U);
    wait_until([&] { return hub.connection_count() == 0; });
    EXPECT_EQ(hub.connection_count(), 0U);
    testing::websocket_client fresh(server.port());
    EXPECT_EQ(fresh.read(), R"({"type":"hello"})");
}

INSTANTIATE_TEST_SUITE_P(Engines, Http, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
