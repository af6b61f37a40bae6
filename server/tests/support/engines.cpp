#include "support/engines.hpp"

#include <cstdlib>
#include <filesystem>
#include <random>

#include <fmt/format.h>

namespace zhaoyin::testing {
namespace {

std::string random_suffix() {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    return fmt::format("{:016x}", rng());
}

std::string postgres_base() {
    const char* url = std::getenv("ZHAOYIN_TEST_PG");
    if (url == nullptr || *url == '\0') {
        throw std::runtime_error(
            "ZHAOYIN_TEST_PG is not set: PostgreSQL tests need the server that scripts/test starts "
            "(run scripts/test, or export ZHAOYIN_TEST_PG=postgresql:///postgres?host=…&port=…)");
    }
    return url;
}

}  // namespace

scratch_database::scratch_database(db::engine e) : engine_(e) {
    if (e == db::engine::sqlite) {
        const auto dir = std::filesystem::temp_directory_path() / ("zy-test-" + random_suffix());
        std::filesystem::create_directories(dir);
        cleanup_ = dir.string();
        target_ = (dir / "test.db").string();
        return;
    }
    const std::string base = postgres_base();
    cleanup_ = "t_" + random_suffix();
    auto admin = db::open_postgres(base);
    admin->execute_script("CREATE SCHEMA " + cleanup_);
    target_ = base + (base.find('?') == std::string::npos ? "?" : "&") +
              "options=-csearch_path%3D" + cleanup_;
}

scratch_database::~scratch_database() {
    try {
        if (engine_ == db::engine::sqlite) {
            std::filesystem::remove_all(cleanup_);
        } else {
            auto admin = db::open_postgres(postgres_base());
            admin->execute_script("DROP SCHEMA " + cleanup_ + " CASCADE");
        }
    } catch (const std::exception&) {
        // A leftover temporary schema or file must not fail the test that used it.
    }
}

scratch_dir::scratch_dir() {
    const auto dir = std::filesystem::temp_directory_path() / ("zy-dir-" + random_suffix());
    std::filesystem::create_directories(dir);
    path_ = dir.string();
}

scratch_dir::~scratch_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::string engine_test_name(const ::testing::TestParamInfo<db::engine>& info) {
    return std::string(db::engine_name(info.param));
}

}  // namespace zhaoyin::testing
