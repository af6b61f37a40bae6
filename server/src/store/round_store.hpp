#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::store {

struct round_row {
    std::int64_t id = 0;
    std::string name;
    std::string state;  // open | closed
    std::string opened_at;
    std::string closes_at;
    std::optional<std::string> closed_at;
    std::optional<std::string> reminded_at;
    std::int64_t opened_by = 0;
    std::optional<std::int64_t> closed_by;
    std::string opened_by_name;  // read only
};

// One unit's count in a round: projects it undertook at the opening, and how many of them got a
// dispatch record in the round.
struct unit_count_row {
    std::int64_t unit_id = 0;
    std::int64_t undertaken = 0;
    std::int64_t updated = 0;
};

// A project of the round with no dispatch record in it yet.
struct pending_project_row {
    std::int64_t project_id = 0;
    std::string name;
    std::int64_t unit_id = 0;
    std::string last_update_at;
};

class round_store {
  public:
    explicit round_store(db::connection& conn) : conn_(conn) {}

    // Stores an open round and takes the snapshot of who undertakes which project now.
    std::int64_t insert_round(const round_row& round, const std::string& now);
    std::optional<round_row> find_round(std::int64_t id);
    std::optional<round_row> open_round();
    std::pair<std::vector<round_row>, std::int64_t> list_rounds(int offset, int limit);
    // Freezes each project's `updated` as of `closed_at` and closes the round.
    void close_round(std::int64_t id, const std::string& closed_at,
                     std::optional<std::int64_t> closed_by);
    void set_reminded(std::int64_t id, const std::string& now);

    // Per unit, updates recorded up to `until` (the frozen flags once closed). Units in
    // `units` only, unless empty.
    std::vector<unit_count_row> unit_counts(std::int64_t round_id, const std::string& until,
                                            const std::vector<std::int64_t>& units);
    std::vector<pending_project_row> pending_projects(std::int64_t round_id,
                                                      const std::string& until,
                                                      const std::vector<std::int64_t>& units);

  private:
    db::connection& conn_;
};

}  // namespace zhaoyin::store
