#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "service/identity/accounts.hpp"
#include "service/intake/routing.hpp"
#include "store/board_store.hpp"

namespace zhaoyin::service::intake {

struct board_figures {
    std::int64_t received = 0;
    std::int64_t acknowledged = 0;
    std::int64_t docked = 0;
    std::int64_t landed = 0;
    std::optional<double> docking_rate;                // docked / received
    std::optional<std::int64_t> median_first_contact;  // working minutes
};

struct board_unit {
    std::int64_t unit_id = 0;
    std::string name_zh;
    std::string name_en;
    board_figures figures;
};

struct board_overdue {
    std::int64_t unit_id = 0;
    std::string name_zh;
    std::string name_en;
    std::int64_t count = 0;
    std::string oldest_due_at;
};

// The public accountability board (倒逼监督), fair by design: a unit is named only from the
// rules' minimum number of intents; acknowledged and docked are counted apart; a duty passed on
// within the triage window or excused on contest does not count; an overdue item shows only
// after the window in which the unit may contest it, and not while a contest is pending.
struct board {
    board_figures totals;
    std::vector<board_unit> units;
    std::vector<board_overdue> overdue;
    int min_sample = 0;
};

// With the thresholds of the routing rules in force.
board public_board(db::database& db, const clock& now, const std::string& city);

// One unit's intake figures over the intents submitted in [from, to) (stored instants), for
// the rankings: received and docked as the board counts them, and first contacts due (made, or
// late by now) and made within the routing rules' first-contact time.
struct unit_docking {
    std::int64_t unit_id = 0;
    std::int64_t received = 0;
    std::int64_t docked = 0;
    std::int64_t contacts_due = 0;
    std::int64_t contacts_on_time = 0;
};

std::vector<unit_docking> unit_docking_figures(db::connection& conn, const clock& now,
                                               const std::string& city, const std::string& from,
                                               const std::string& to);

// A unit lead contests an overdue listing of their unit (or a unit below it).
store::contest_row contest_listing(db::database& db, const clock& now,
                                   const identity::principal& who, std::int64_t assignment_id,
                                   const std::string& reason, const identity::origin& from);
std::pair<std::vector<store::contest_row>, std::int64_t> list_contests(db::database& db,
                                                                       bool pending_only,
                                                                       int offset, int limit);
// The bureau decides: accepted excuses the item (it no longer counts against the unit).
store::contest_row decide_contest(db::database& db, const clock& now,
                                  const identity::principal& who, std::int64_t contest_id,
                                  bool accept, const std::string& note,
                                  const identity::origin& from);

}  // namespace zhaoyin::service::intake
