#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::store {

struct notification_row {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string kind;
    std::string subject;
    std::string link;
    std::string created_at;
    std::optional<std::string> read_at;
};

class notification_store {
  public:
    explicit notification_store(db::connection& conn) : conn_(conn) {}

    void insert(const notification_row& row);
    std::pair<std::vector<notification_row>, std::int64_t> list(std::int64_t user_id, int offset,
                                                                int limit);
    std::int64_t unread(std::int64_t user_id);
    // Marks the user's own notifications read: these ids, or all when there are none.
    void mark_read(std::int64_t user_id, const std::vector<std::int64_t>& ids,
                   const std::string& now);
    std::optional<std::string> phone_of(std::int64_t user_id);

  private:
    db::connection& conn_;
};

}  // namespace zhaoyin::store
