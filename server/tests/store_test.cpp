#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "service/reference/reference_data.hpp"
#include "store/reference_store.hpp"
#include "support/engines.hpp"

namespace zhaoyin {
namespace {

using testing::scratch_database;

class Store : public ::testing::TestWithParam<db::engine> {
  protected:
    scratch_database scratch{GetParam()};
    db::database database{scratch.target(), 2};
    test_clock clock{time_point(std::chrono::sys_days{std::chrono::year(2026) / 3 / 2})};

    void migrate() {
        auto conn = database.acquire();
        db::migrate(*conn, clock);
    }
};

TEST_P(Store, MigratesOnceAndThenNothing) {
    auto conn = database.acquire();
    EXPECT_EQ(db::current_version(*conn), 0);
    const int first = db::migrate(*conn, clock);
    EXPECT_EQ(first, int(db::migrations_for(GetParam()).size()));
    EXPECT_GE(first, 1);
    EXPECT_EQ(db::current_version(*conn), db::latest_version());
    EXPECT_EQ(db::migrate(*conn, clock), 0);
    const auto recorded = conn->query(
        "SELECT version, name, applied_at FROM schema_migration "
        "ORDER BY version");
    ASSERT_EQ(recorded.size(), std::size_t(first));
    EXPECT_EQ(recorded.text(0, 1), "reference");
    EXPECT_EQ(recorded.text(0, 2), "2026-03-02T00:00:00.000Z");
}

TEST_P(Store, EveryMigrationAppliesOnItsOwnOnAFreshDatabase) {
    // Each migration is applied in order and leaves a usable schema behind it.
    auto conn = database.acquire();
    conn->execute_script(
        "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, "
        "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    for (const auto& m : db::migrations_for(GetParam())) {
        conn->begin();
        EXPECT_NO_THROW(conn->execute_script(m.sql)) << m.name;
        conn->commit();
    }
}

TEST_P(Store, LoadsTheCityOnceWithTheWholeUnitTree) {
    migrate();
    const auto first = service::reference::load_city(database, "qingdao", clock);
    EXPECT_TRUE(first.loaded);
    EXPECT_EQ(first.units, 57U);
    const auto second = service::reference::load_city(database, "qingdao", clock);
    EXPECT_FALSE(second.loaded);

    auto conn = database.acquire();
    store::reference_store store(*conn);
    EXPECT_EQ(store.count_units(), 57);
    const auto tree = service::reference::unit_tree(*conn);
    ASSERT_EQ(tree.size(), 1U);
    EXPECT_EQ(tree[0].unit.name_zh, "青岛市");
    std::vector<std::string> district_codes;
    std::size_t departments = 0, task_forces = 0;
    const std::function<void(const service::reference::unit_node&)> walk =
        [&](const service::reference::unit_node& node) {
            if (node.unit.type == "district") {
                district_codes.push_back(node.unit.code.value_or(""));
            }
            departments += node.unit.type == "department";
            task_forces += node.unit.type == "task_force";
            for (const auto& child : node.children) {
                walk(child);
            }
        };
    walk(tree[0]);
    EXPECT_EQ(district_codes,
              (std::vector<std::string>{"370202", "370203", "370211", "370212", "370213", "370214",
                                        "370215", "370281", "370283", "370285"}));
    EXPECT_EQ(departments, 21U);
    EXPECT_EQ(task_forces, 13U);
    EXPECT_EQ(store.list_stages().size(), 8U);
    EXPECT_EQ(store.list_stages().front().code, "planning");
    EXPECT_TRUE(store.list_stages()[3].landed);
    EXPECT_FALSE(store.list_stages()[2].landed);
    EXPECT_EQ(store.list_industries().size(), 36U);
}

TEST_P(Store, FindsAUnitWithItsParentAndChildren) {
    migrate();
    service::reference::load_city(database, "qingdao", clock);
    auto conn = database.acquire();
    const auto huangdao =
        conn->query("SELECT id FROM unit WHERE code = $1", {std::string("370211")});
    ASSERT_EQ(huangdao.size(), 1U);
    const auto detail = service::reference::find_unit_detail(*conn, huangdao.integer(0, 0));
    ASSERT_TRUE(detail);
    EXPECT_EQ(detail->unit.name_en, "Huangdao District (West Coast New Area)");
    ASSERT_TRUE(detail->parent);
    EXPECT_EQ(detail->parent->code, "370200");
    ASSERT_EQ(detail->children.size(), 3U);
    EXPECT_EQ(detail->children[1].name_zh, "中德生态园");
    EXPECT_FALSE(service::reference::find_unit_detail(*conn, 999999));
}

TEST_P(Store, RollsBackEverythingWhenATransactionFails) {
    migrate();
    EXPECT_THROW(database.transaction([&](db::connection& conn) {
        store::reference_store store(conn);
        store.insert_stage({"x1", "甲", "X one", 101, false});
        store.insert_stage({"x2", "乙", "X two", 101, false});  // duplicate position
    }),
                 db::error);
    auto conn = database.acquire();
    EXPECT_TRUE(conn->query("SELECT code FROM stage WHERE code IN ('x1', 'x2')").empty());
}

TEST_P(Store, ReportsConstraintViolationsByKind) {
    migrate();
    auto conn = database.acquire();
    conn->query("INSERT INTO calendar_year (year, source) VALUES ($1, $2)",
                {std::int64_t(2030), std::string("test")});
    try {
        conn->query("INSERT INTO calendar_year (year, source) VALUES ($1, $2)",
                    {std::int64_t(2030), std::string("again")});
        FAIL() << "expected a unique violation";
    } catch (const db::error& err) {
        EXPECT_EQ(err.what_kind(), db::error::kind::unique_violation);
    }
    try {
        conn->query(
            "INSERT INTO unit (unit_key, parent_id, type, name_zh, name_en, created_at, "
            "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
            {std::string("orphan"), std::int64_t(424242), std::string("zone"), std::string("孤"),
             std::string("Orphan"), std::string("2026-01-01")});
        FAIL() << "expected a foreign key violation";
    } catch (const db::error& err) {
        EXPECT_EQ(err.what_kind(), db::error::kind::foreign_key_violation);
    }
    try {
        conn->query(
            "INSERT INTO calendar_day (day, kind, name_zh, name_en) VALUES ($1, $2, $3, $4)",
            {std::string("2030-01-01"), std::string("party"), std::string("x"), std::string("x")});
        FAIL() << "expected a check violation";
    } catch (const db::error& err) {
        EXPECT_EQ(err.what_kind(), db::error::kind::check_violation);
    }
}

TEST_P(Store, BindsParametersAsValuesNeverAsSql) {
    migrate();
    auto conn = database.acquire();
    const std::string hostile = "x'); DROP TABLE stage; --";
    conn->query("INSERT INTO calendar_year (year, source) VALUES ($1, $2)",
                {std::int64_t(2031), hostile});
    const auto back =
        conn->query("SELECT source FROM calendar_year WHERE year = $1", {std::int64_t(2031)});
    ASSERT_EQ(back.size(), 1U);
    EXPECT_EQ(back.text(0, 0), hostile);
    EXPECT_NO_THROW(conn->query("SELECT COUNT(*) FROM stage"));
    const auto literal = conn->query("SELECT '$1 is text' AS t");
    EXPECT_EQ(literal.text(0, 0), "$1 is text");
}

// Prepared statements are kept per connection: each text is prepared once, past the limit all
// are let go and prepared again when next run, and the values stay bound, never spliced.
TEST_P(Store, RunsPreparedStatementsAgainAndPastTheirLimit) {
    migrate();
    auto conn = database.acquire();
    const std::string hostile = "x'); DROP TABLE stage; --";
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < 100; ++i) {
            const auto res = conn->query_prepared(
                "SELECT CAST($1 AS bigint) + " + std::to_string(i) + ", CAST($2 AS text)",
                {std::int64_t(round), hostile});
            ASSERT_EQ(res.size(), 1U);
            EXPECT_EQ(res.integer(0, 0), round + i);
            EXPECT_EQ(res.text(0, 1), hostile);
        }
    }
    // A statement that fails leaves the connection usable, and it can be run again.
    const std::string insert = "INSERT INTO calendar_year (year, source) VALUES ($1, 'test')";
    conn->query_prepared(insert, {std::int64_t(2031)});
    EXPECT_THROW(conn->query_prepared(insert, {std::int64_t(2031)}), db::error);
    conn->query_prepared(insert, {std::int64_t(2032)});
    EXPECT_EQ(
        conn->query("SELECT COUNT(*) FROM calendar_year WHERE year IN (2031, 2032)").integer(0, 0),
        2);
    EXPECT_NO_THROW(conn->query("SELECT COUNT(*) FROM stage"));
}

// A PostgreSQL connection whose server process went away comes back as a new session with the
// same settings, and with none of the old session's prepared statements assumed.
TEST_P(Store, AReconnectedPostgresSessionIsConfiguredAgain) {
    if (GetParam() != db::engine::postgres) {
        GTEST_SKIP() << "PostgreSQL's sessions";
    }
    auto conn = database.acquire();
    auto other = database.acquire();
    const std::string prepared = "SELECT CAST($1 AS bigint) + 1";
    EXPECT_EQ(conn->query_prepared(prepared, {std::int64_t(1)}).integer(0, 0), 2);
    const auto pid = conn->query("SELECT pg_backend_pid()").integer(0, 0);
    other->query("SELECT pg_terminate_backend(CAST($1 AS integer))", {pid});
    EXPECT_THROW(conn->query("SELECT 1"), db::error);
    ASSERT_TRUE(conn->healthy());
    EXPECT_NE(conn->query("SELECT pg_backend_pid()").integer(0, 0), pid);
    EXPECT_EQ(conn->query("SHOW jit").text(0, 0), "off");
    EXPECT_EQ(conn->query("SHOW client_encoding").text(0, 0), "UTF8");
    EXPECT_EQ(conn->query_prepared(prepared, {std::int64_t(2)}).integer(0, 0), 3);
}

INSTANTIATE_TEST_SUITE_P(Engines, Store, testing::all_engines(), testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
