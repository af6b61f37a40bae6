#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::store {

struct outbox_row {
    std::int64_t id = 0;
    std::string idempotency_key;
    std::string channel;
    std::string recipient;
    std::string payload;
    std::string created_at;
    int attempts = 0;
    std::string next_attempt_at;
    std::optional<std::string> delivered_at;
    std::optional<std::string> last_error;
};

class outbox_store {
  public:
    explicit outbox_store(db::connection& conn) : conn_(conn) {}

    // False when a message with the same key was already written.
    bool insert(const outbox_row& row);
    std::vector<outbox_row> due(const std::string& now, int limit);
    void mark_delivered(std::int64_t id, const std::string& now);
    void mark_failed(std::int64_t id, int attempts, const std::string& next_attempt_at,
                     const std::string& error);
    std::optional<outbox_row> find_by_key(const std::string& key);

  private:
    db::connection& conn_;
};

}  // namespace zhaoyin::store
