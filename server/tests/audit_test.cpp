#include <gtest/gtest.h>

#include "core/error.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "service/audit/audit_trail.hpp"
#include "support/engines.hpp"

namespace zhaoyin {
namespace {

using namespace std::chrono;

class AuditPurge : public ::testing::TestWithParam<db::engine> {
  protected:
    void SetUp() override {
        auto conn = database.acquire();
        db::migrate(*conn, clock);
    }
    std::int64_t entries() {
        return database.read([](db::connection& conn) {
            return conn.query("SELECT COUNT(*) FROM audit_entry").integer(0, 0);
        });
    }
    void record_at(time_point when, const std::string& action) {
        clock.set(when);
        database.transaction([&](db::connection& conn) {
            service::audit::record(conn, clock, who, {action, "test", "1", "success", {}});
        });
    }
    testing::scratch_database scratch{GetParam()};
    db::database database{scratch.target(), 1};
    test_clock clock{time_point(sys_days{year(2025) / 1 / 10})};
    const service::audit::actor who{std::nullopt, "tester", {}, std::nullopt, "local", {}};
};

TEST_P(AuditPurge, RemovesOnlyOldEntriesAndKeepsTheChainVerifiable) {
    record_at(time_point(sys_days{year(2025) / 1 / 10}), "old.one");
    record_at(time_point(sys_days{year(2025) / 2 / 10}), "old.two");
    record_at(time_point(sys_days{year(2026) / 11 / 20}), "recent");
    const auto now = time_point(sys_days{year(2026) / 11 / 26});
    clock.set(now);

    // A cut-off inside the 180 days is refused and removes nothing.
    EXPECT_THROW(database.transaction([&](db::connection& conn) {
        return service::audit::purge(conn, clock, who, now - days(30));
    }),
                 api_error);
    EXPECT_EQ(entries(), 3);

    const auto removed = database.transaction([&](db::connection& conn) {
        return service::audit::purge(conn, clock, who, time_point(sys_days{year(2025) / 6 / 1}));
    });
    EXPECT_EQ(removed, 2);
    EXPECT_EQ(entries(), 2);  // the recent entry and the record of the purge
    const auto check =
        database.read([](db::connection& conn) { return service::audit::verify(conn); });
    EXPECT_TRUE(check.ok);
    EXPECT_EQ(check.checked, 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditPurge, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
