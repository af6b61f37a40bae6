#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::store {

// What the public board reads of an intent.
struct board_intent {
    std::int64_t id = 0;
    std::string status;
    std::optional<std::string> stage;
    std::string created_at;
    std::optional<std::string> first_contact_at;
    std::optional<std::int64_t> primary_unit_id;
    std::optional<std::string> claimed_at;
};

// Intents submitted in [first, second) (stored instants); every intent when absent.
using submitted_between = std::optional<std::pair<std::string, std::string>>;

// What the board reads of a unit's duty.
struct board_duty {
    std::int64_t id = 0;
    std::int64_t intent_id = 0;
    std::int64_t unit_id = 0;
    std::string role;
    bool excused = false;
    bool active = false;
    std::optional<std::string> due_at;
    std::optional<std::string> overdue_since;
    bool met = false;
    bool paused = false;
    std::optional<std::string> contest_status;  // the latest contest's
};

struct contest_row {
    std::int64_t id = 0;
    std::int64_t assignment_id = 0;
    std::int64_t unit_id = 0;
    std::string unit_name_zh;
    std::string unit_name_en;
    std::int64_t intent_id = 0;
    std::string intent_title;
    std::string reason;
    std::string status;
    std::int64_t created_by = 0;
    std::string created_at;
    std::optional<std::string> decided_at;
    std::optional<std::string> note;
};

class board_store {
  public:
    explicit board_store(db::connection& conn) : conn_(conn) {}

    std::vector<board_intent> intents(const submitted_between& submitted = std::nullopt);
    // The duties on those intents.
    std::vector<board_duty> duties(const submitted_between& submitted = std::nullopt);
    std::int64_t insert_contest(const contest_row& row);
    std::optional<contest_row> find_contest(std::int64_t id);
    std::pair<std::vector<contest_row>, std::int64_t> contests(bool pending_only, int offset,
                                                               int limit);
    void decide_contest(std::int64_t id, const std::string& status, std::int64_t decided_by,
                        const std::string& note, const std::string& now);

  private:
    db::connection& conn_;
};

}  // namespace zhaoyin::store
