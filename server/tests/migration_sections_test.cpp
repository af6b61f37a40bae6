#include <gtest/gtest.h>

#include <stdexcept>

#include "db/migrations.hpp"

namespace zhaoyin {
namespace {

constexpr const char* shared_sql =
    "CREATE TABLE a (id INTEGER);\n"
    "-- engine: sqlite\n"
    "CREATE VIRTUAL TABLE f USING fts5(x);\n"
    "-- engine: postgres\n"
    "CREATE INDEX a_gin ON a USING GIN (x);\n"
    "-- engine: all\n"
    "CREATE TABLE b (id INTEGER);\n";

TEST(MigrationSections, EachEngineKeepsTheSharedStatementsAndItsOwn) {
    EXPECT_EQ(db::engine_sections(shared_sql, db::engine::sqlite),
              "CREATE TABLE a (id INTEGER);\n"
              "CREATE VIRTUAL TABLE f USING fts5(x);\n"
              "CREATE TABLE b (id INTEGER);\n");
    EXPECT_EQ(db::engine_sections(shared_sql, db::engine::postgres),
              "CREATE TABLE a (id INTEGER);\n"
              "CREATE INDEX a_gin ON a USING GIN (x);\n"
              "CREATE TABLE b (id INTEGER);\n");
}

TEST(MigrationSections, AFileWithoutMarkersIsUnchanged) {
    const std::string sql = "CREATE TABLE a (id INTEGER);\n-- a comment\nSELECT 1;";
    EXPECT_EQ(db::engine_sections(sql, db::engine::postgres), sql);
}

TEST(MigrationSections, AnUnknownEngineIsRefused) {
    EXPECT_THROW(db::engine_sections("-- engine: mysql\nSELECT 1;\n", db::engine::sqlite),
                 std::runtime_error);
}

TEST(MigrationSections, SearchSpeedHasAPartForEachEngine) {
    const auto sqlite = db::migrations_for(db::engine::sqlite);
    const auto postgres = db::migrations_for(db::engine::postgres);
    const auto find = [](const std::vector<db::migration>& all) {
        for (const auto& m : all) {
            if (m.version == 20) {
                return m.sql;
            }
        }
        return std::string();
    };
    const auto on_sqlite = find(sqlite);
    const auto on_postgres = find(postgres);
    EXPECT_NE(on_sqlite.find("fts5"), std::string::npos);
    EXPECT_EQ(on_sqlite.find("ANALYZE"), std::string::npos);
    EXPECT_EQ(on_postgres.find("fts5"), std::string::npos);
    EXPECT_NE(on_postgres.find("ANALYZE search_entries"), std::string::npos);
}

}  // namespace
}  // namespace zhaoyin
