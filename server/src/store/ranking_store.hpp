#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::store {

// One saved version of the ranking configuration (a JSON body).
struct ranking_config_row {
    int version = 0;
    std::string body;
    std::string note;
    std::optional<std::int64_t> created_by;
    std::string created_by_name;  // read only
    std::string created_at;
};

// A published ranking. There is no update: a snapshot is written once and only read after.
struct ranking_snapshot_row {
    std::int64_t id = 0;
    std::string period;
    int config_version = 0;
    std::string config;   // JSON: the configuration it was computed with
    std::string inputs;   // JSON: the figures of every ranked unit
    std::string results;  // JSON: the ranked leagues
    std::optional<std::int64_t> supersedes_id;
    std::int64_t published_by = 0;
    std::string published_by_name;  // read only
    std::string published_at;
    bool current = false;  // read only: no newer snapshot of the same period
};

class ranking_store {
  public:
    explicit ranking_store(db::connection& conn) : conn_(conn) {}

    std::optional<ranking_config_row> latest_config();
    void insert_config(const ranking_config_row& row);

    std::int64_t insert_snapshot(const ranking_snapshot_row& row);
    std::optional<ranking_snapshot_row> find_snapshot(std::int64_t id);
    // The newest snapshot of the period (the current one).
    std::optional<ranking_snapshot_row> current_snapshot(const std::string& period);
    // The newest snapshot of any of `periods` (so the current one of its period).
    std::optional<ranking_snapshot_row> latest_snapshot(const std::vector<std::string>& periods);
    // Newest first, without the bodies; of one period when given.
    std::pair<std::vector<ranking_snapshot_row>, std::int64_t> list_snapshots(
        const std::optional<std::string>& period, int offset, int limit);

    // The dispatch rounds opened in [from, to), oldest first.
    std::vector<std::int64_t> rounds_opened(const std::string& from, const std::string& to);

  private:
    db::connection& conn_;
};

}  // namespace zhaoyin::store
