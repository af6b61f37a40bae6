#include "support/clocked_server_test.hpp"

#include <boost/json.hpp>

#include "support/http_client.hpp"

namespace zhaoyin::testing {

void clocked_server_test::set_clock(const std::string& at) {
    const auto body = boost::json::serialize(boost::json::object{{"set", at}});
    ASSERT_EQ(post_json(server.port(), "/api/v1/test/clock", body).status, 200);
}

std::int64_t clocked_server_test::count(const std::string& sql) {
    return database.read([&](db::connection& conn) { return conn.query(sql).integer(0, 0); });
}

std::int64_t clocked_server_test::user_id(const std::string& login) {
    return database.read([&](db::connection& conn) {
        return conn.query("SELECT id FROM user_account WHERE login_name = $1", {login})
            .integer(0, 0);
    });
}

std::unique_ptr<session_client> clocked_server_test::signed_in(const std::string& login) {
    auto person = std::make_unique<session_client>(server.port());
    EXPECT_EQ(person->login(login, test_server::demo_password).status, 200);
    return person;
}

boost::json::object clocked_server_test::minimal_project(std::int64_t unit,
                                                         const std::string& name) {
    return {{"name", name},
            {"company", name + "有限公司"},
            {"industry", "ict"},
            {"capital_type", "domestic"},
            {"investment_total", "100000000"},
            {"currency", "CNY"},
            {"undertaking_unit_id", unit},
            {"source", "unit"}};
}

std::int64_t clocked_server_test::register_project_as(const std::string& login,
                                                      const boost::json::object& body) {
    const auto res = signed_in(login)->post("/api/v1/projects", boost::json::serialize(body));
    EXPECT_EQ(res.status, 201) << res.body;
    const auto reply = res.json();
    return reply.at("project").at("id").as_int64();
}

std::int64_t clocked_server_test::project(std::int64_t unit, const std::string& name) {
    return register_project_as("bureau", minimal_project(unit, name));
}

std::set<std::int64_t> clocked_server_test::ids_of(const http_response& res) {
    std::set<std::int64_t> out;
    const auto reply = res.json();
    for (const auto& item : reply.at("items").as_array()) {
        out.insert(item.at("id").as_int64());
    }
    return out;
}

}  // namespace zhaoyin::testing
