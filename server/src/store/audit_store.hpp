#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::store {

struct audit_row {
    std::int64_t id = 0;
    std::string at;
    std::optional<std::int64_t> actor_id;
    std::optional<std::string> actor_login;
    std::optional<std::string> actor_roles;
    std::optional<std::int64_t> unit_id;
    std::optional<std::string> ip;
    std::string action;
    std::optional<std::string> object_type;
    std::optional<std::string> object_id;
    std::string result;
    std::optional<std::string> request_id;
    std::optional<std::string> detail;
    std::string prev_hash;
    std::string hash;
};

struct audit_filter {
    std::string text;                 // matches actor login, action, object type or id
    std::string action;               // exact action
    std::optional<std::string> from;  // inclusive, UTC storage form
    std::optional<std::string> to;    // exclusive
    int offset = 0;
    int limit = 50;
};

class audit_store {
  public:
    explicit audit_store(db::connection& conn) : conn_(conn) {}

    // Serialises appends so that each row chains to the one before it; lasts until commit.
    void lock_chain();
    // Hash of the newest row, or the genesis value when there is none.
    std::string last_hash();
    void insert(const audit_row& row);
    std::pair<std::vector<audit_row>, std::int64_t> search(const audit_filter& filter);
    // Calls `visit` for every row in id order, in batches; stops when it returns false.
    void scan(const std::function<bool(const audit_row&)>& visit);
    std::int64_t delete_before(const std::string& at);

  private:
    db::connection& conn_;
};

}  // namespace zhaoyin::store
