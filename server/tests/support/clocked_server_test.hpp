#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <set>
#include <string>

#include <boost/json.hpp>

#include "db/database.hpp"
#include "support/engines.hpp"
#include "support/session_client.hpp"
#include "support/test_server.hpp"

namespace zhaoyin::testing {

// The fixture of the dispatch HTTP tests: the real server on a scratch database of the test's
// engine, its test clock set at a working Monday morning (30 November 2026, 09:00 in Qingdao),
// with direct reads of the database to check what was (and was not) written.
class clocked_server_test : public ::testing::TestWithParam<db::engine> {
  protected:
    scratch_database scratch{GetParam()};
    test_server server{scratch};
    db::database database{scratch.target(), 1};

    void SetUp() override { set_clock("2026-11-30T09:00:00+08:00"); }

    void set_clock(const std::string& at);
    // The first column of the first row of a COUNT (or single-value) query.
    std::int64_t count(const std::string& sql);
    std::int64_t user_id(const std::string& login);
    // A fresh sign-in each time: moving the test clock ends idle sessions.
    std::unique_ptr<session_client> signed_in(const std::string& login);

    // The fewest fields a key project of `unit` registers with.
    static boost::json::object minimal_project(std::int64_t unit, const std::string& name);
    // Registers a project as `login` and returns its id.
    std::int64_t register_project_as(const std::string& login, const boost::json::object& body);
    // A minimal key project of `unit`, registered by the bureau.
    std::int64_t project(std::int64_t unit, const std::string& name);
    // The ids on one page of a list reply.
    static std::set<std::int64_t> ids_of(const http_response& res);
};

}  // namespace zhaoyin::testing
