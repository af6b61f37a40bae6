#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::store {

struct meeting_row {
    std::int64_t id = 0;
    std::string category;  // outbound | reception
    std::vector<std::string> leaders;
    std::string held_on;  // YYYY-MM-DD
    std::string place;
    std::string company;
    std::string summary;
    std::optional<std::string> follow_ups;
    std::int64_t created_by = 0;
    std::string created_at;
    std::string created_by_name;  // read only
};

// One pushed unit's duty on a meeting.
struct meeting_receipt_row {
    std::int64_t meeting_id = 0;
    std::int64_t unit_id = 0;
    std::int64_t pushed_by = 0;
    std::string pushed_at;
    std::string report_due_at;
    std::optional<std::string> read_at;
    std::optional<std::int64_t> read_by;
    std::optional<std::string> reported_at;
    std::optional<std::int64_t> reported_by;
    std::optional<std::int64_t> project_id;
    std::optional<std::string> no_project_reason;
    std::optional<std::string> reminded_at;
    std::optional<std::string> overdue_at;
    // Read only.
    std::string unit_name_zh;
    std::string unit_name_en;
    std::optional<std::string> read_by_name;
    std::optional<std::string> reported_by_name;
    std::string company;  // the meeting's
};

// What a meeting list asks for: everything, or the meetings pushed to these units; filters.
struct meeting_filter {
    bool everything = false;
    std::vector<std::int64_t> units;
    std::optional<std::string> category;
    std::optional<std::int64_t> unit;          // pushed to this unit
    std::optional<std::string> held_from;      // YYYY-MM-DD, inclusive
    std::optional<std::string> held_to;        // inclusive
    std::optional<std::string> report_status;  // pending | overdue | reported
    std::string now;                           // stored form: what is overdue
    std::string text;
    int offset = 0;
    int limit = 20;
};

// Per unit, over the meetings held in a period.
struct fill_rate_row {
    std::int64_t unit_id = 0;
    std::string unit_name_zh;
    std::string unit_name_en;
    std::int64_t pushed = 0;
    std::int64_t read = 0;
    std::int64_t reported = 0;
    std::int64_t reported_on_time = 0;
};

class meeting_store {
  public:
    explicit meeting_store(db::connection& conn) : conn_(conn) {}

    std::int64_t insert_meeting(const meeting_row& meeting);
    std::optional<meeting_row> find_meeting(std::int64_t id);
    std::pair<std::vector<meeting_row>, std::int64_t> list_meetings(const meeting_filter& filter);

    void insert_receipt(const meeting_receipt_row& receipt);
    std::vector<meeting_receipt_row> receipts_of(std::int64_t meeting_id);
    // The receipts of several meetings (for a list page), ordered by meeting and unit.
    std::vector<meeting_receipt_row> receipts_of(const std::vector<std::int64_t>& meeting_ids);
    std::optional<meeting_receipt_row> find_receipt(std::int64_t meeting_id, std::int64_t unit_id);
    void mark_read(std::int64_t meeting_id, std::int64_t unit_id, std::int64_t user_id,
                   const std::string& at);
    void record_report(const meeting_receipt_row& receipt);
    // Unreported receipts not yet marked overdue, for the deadline sweep.
    std::vector<meeting_receipt_row> open_receipts();
    void set_reminded(std::int64_t meeting_id, std::int64_t unit_id, const std::string& at);
    void set_overdue(std::int64_t meeting_id, std::int64_t unit_id, const std::string& at);
    // Links the project to the meeting unless it is linked to one already.
    void link_project(std::int64_t project_id, std::int64_t meeting_id);

    // Units with a receipt for a meeting held in [from, to]; all units, or only these.
    std::vector<fill_rate_row> fill_rates(const std::string& from, const std::string& to,
                                          const std::optional<std::vector<std::int64_t>>& units);

  private:
    db::connection& conn_;
};

}  // namespace zhaoyin::store
