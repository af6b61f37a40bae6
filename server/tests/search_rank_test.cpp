#include <gtest/gtest.h>

#include <string>

#include "db/connection.hpp"

namespace zhaoyin {
namespace {

// hits_rank (db/sqlite_search_rank): saturated hits per phrase and column, weighted.
TEST(SearchRank, TitleAndBodyHitsAreSaturatedAndWeighted) {
    auto conn = db::open_sqlite(":memory:");
    conn->execute_script(
        "CREATE VIRTUAL TABLE t USING fts5(title, body);"
        "INSERT INTO t (rowid, title, body) VALUES (1, 'zc', 'ab'), (2, 'ab', 'zc zc'), "
        "(3, 'zc', 'zc zw zw');");
    const auto res = conn->query(
        "SELECT rowid, printf('%.4f', hits_rank(t, 4.0, 1.0)) FROM t WHERE t MATCH $1 "
        "ORDER BY rowid",
        {std::string("zc OR zw")});
    ASSERT_EQ(res.size(), 3u);
    EXPECT_EQ(res.text(0, 1), "4.0000");  // one title hit: 4 × 1
    EXPECT_EQ(res.text(1, 1), "1.3750");  // two body hits: 2 × 2.2 / 3.2
    EXPECT_EQ(res.text(2, 1), "6.3750");  // zc: 4 + 1; zw: two body hits 1.375
}

}  // namespace
}  // namespace zhaoyin
