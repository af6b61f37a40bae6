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

}  // namespace zhaoyin::testing
