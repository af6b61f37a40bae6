#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "db/database.hpp"
#include "db/migrations.hpp"
#include "service/notify/outbox.hpp"
#include "store/outbox_store.hpp"
#include "support/engines.hpp"
#include "support/session_client.hpp"
#include "support/test_server.hpp"
#include "support/websocket_client.hpp"

namespace zhaoyin {
namespace {

using namespace std::chrono;
using service::notify::outbound;

class Outbox : public ::testing::TestWithParam<db::engine> {
  protected:
    void SetUp() override {
        auto conn = database.acquire();
        db::migrate(*conn, clock);
    }
    std::size_t lines_in(const std::filesystem::path& file) {
        std::ifstream in(file);
        std::size_t count = 0;
        for (std::string line; std::getline(in, line);) {
            ++count;
        }
        return count;
    }
    testing::scratch_database scratch{GetParam()};
    db::database database{scratch.target(), 1};
    test_clock clock{time_point(sys_days{year(2026) / 3 / 2} + hours(1))};
};

TEST_P(Outbox, WritesMessagesOnlyWithTheChangeThatCausesThem) {
    EXPECT_THROW(database.transaction([&](db::connection& conn) {
        service::notify::enqueue(conn, clock, {"intent-1:alert", "sms", "13800000000", "{}"});
        throw std::runtime_error("the business change failed");
    }),
                 std::runtime_error);
    EXPECT_FALSE(database.read([](db::connection& conn) {
        return store::outbox_store(conn).find_by_key("intent-1:alert");
    }));
    database.transaction([&](db::connection& conn) {
        service::notify::enqueue(conn, clock, {"intent-2:alert", "sms", "13800000000", "{}"});
        service::notify::enqueue(conn, clock, {"intent-2:alert", "sms", "13800000000", "{}"});
    });
    const auto due = database.read([&](db::connection& conn) {
        return store::outbox_store(conn).due("2026-03-02T01:00:00.000Z", 10);
    });
    EXPECT_EQ(due.size(), 1U);
}

TEST_P(Outbox, DeliversOnceAndRetriesFailuresLater) {
    testing::scratch_dir dir;
    const auto directory = std::filesystem::path(dir.path()) / "outbox";
    service::notify::file_channel files(directory);  // the directory does not exist yet
    const std::map<std::string, service::notify::channel*> channels{{"sms", &files},
                                                                    {"email", &files}};
    database.transaction([&](db::connection& conn) {
        service::notify::enqueue(conn, clock,
                                 {"k1", "sms", "13800000000", R"({"text":"新项目意向"})"});
        service::notify::enqueue(conn, clock, {"k2", "email", "a@example.com", R"({"text":"x"})"});
    });
    auto report = service::notify::deliver_due(database, clock, channels);
    EXPECT_EQ(report.failed, 2);
    EXPECT_EQ(report.delivered, 0);
    const auto failed = database.read(
        [](db::connection& conn) { return store::outbox_store(conn).find_by_key("k1"); });
    ASSERT_TRUE(failed);
    EXPECT_EQ(failed->attempts, 1);
    EXPECT_EQ(failed->next_attempt_at, "2026-03-02T01:00:02.000Z");
    EXPECT_FALSE(failed->delivered_at);

    std::filesystem::create_directories(directory);
    report = service::notify::deliver_due(database, clock, channels);
    EXPECT_EQ(report.delivered + report.failed, 0);  // not due yet
    clock.advance(seconds(2));
    report = service::notify::deliver_due(database, clock, channels);
    EXPECT_EQ(report.delivered, 2);
    clock.advance(hours(1));
    EXPECT_EQ(service::notify::deliver_due(database, clock, channels).delivered, 0);
    EXPECT_EQ(lines_in(directory / "sms.jsonl"), 1U);
    EXPECT_EQ(lines_in(directory / "email.jsonl"), 1U);
    std::ifstream sms(directory / "sms.jsonl");
    std::string line;
    std::getline(sms, line);
    const auto json = boost::json::parse(line);
    EXPECT_EQ(json.at("key"), "k1");
    EXPECT_EQ(json.at("payload").at("text"), "新项目意向");
}

TEST_P(Outbox, PushesCommittedMessagesToSubscribedBrowsers) {
    testing::test_server server(scratch);
    testing::session_client staff(server.port());
    ASSERT_EQ(staff.login("370214.staff", testing::test_server::demo_password).status, 200);
    testing::websocket_client client(server.port(), staff.session_token());
    client.read();  // hello
    client.subscribe("unit:7");

    db::database writer(scratch.target(), 1);
    writer.transaction([&](db::connection& conn) {
        service::notify::enqueue(
            conn, server.application().time(),
            {"intent-9:unit-7", "push", "unit:7", R"({"type":"intent.routed","intent_id":9})"});
    });
    EXPECT_EQ(client.read(), R"({"type":"intent.routed","intent_id":9})");
    // The push goes out before the row is marked delivered; wait for the mark.
    std::optional<store::outbox_row> delivered;
    for (int i = 0; i < 100 && !(delivered && delivered->delivered_at); ++i) {
        std::this_thread::sleep_for(milliseconds(20));
        delivered = writer.read([](db::connection& conn) {
            return store::outbox_store(conn).find_by_key("intent-9:unit-7");
        });
    }
    ASSERT_TRUE(delivered);
    EXPECT_TRUE(delivered->delivered_at.has_value());
}

INSTANTIATE_TEST_SUITE_P(Engines, Outbox, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
