#pragma once

#include <string>

#include <gtest/gtest.h>

#include "db/connection.hpp"

namespace zhaoyin::testing {

// A fresh, empty database for one test: a temporary SQLite file, or a new schema on the
// PostgreSQL server named by ZHAOYIN_TEST_PG (started by scripts/test).
class scratch_database {
  public:
    explicit scratch_database(db::engine e);
    ~scratch_database();
    scratch_database(const scratch_database&) = delete;
    scratch_database& operator=(const scratch_database&) = delete;

    // Path or URL to hand to db::database or --db.
    const std::string& target() const { return target_; }
    db::engine engine() const { return engine_; }

  private:
    db::engine engine_;
    std::string target_;
    std::string cleanup_;  // directory or schema to drop
};

// A temporary directory removed with the object.
class scratch_dir {
  public:
    scratch_dir();
    ~scratch_dir();
    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

std::string engine_test_name(const ::testing::TestParamInfo<db::engine>& info);

// Both engines, for INSTANTIATE_TEST_SUITE_P.
inline auto all_engines() {
    return ::testing::Values(db::engine::sqlite, db::engine::postgres);
}

}  // namespace zhaoyin::testing
