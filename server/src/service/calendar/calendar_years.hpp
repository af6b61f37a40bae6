#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "db/database.hpp"
#include "service/identity/accounts.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::calendar {

// The working calendar's years as the commerce bureau keeps them in the console: the public
// holidays and adjusted working days (调休) of each year the State Council has published.

struct year_entry {
    int year = 0;
    bool published = false;  // false: working days follow weekends only
    std::string source;
    std::vector<store::calendar_day_row> holidays;
    std::vector<store::calendar_day_row> workdays;
};

struct years_overview {
    int current_year = 0;           // in China Standard Time
    std::vector<year_entry> years;  // every year with an entry, and this year and next
    std::vector<message> warnings;  // this year or next without an entry
};

years_overview calendar_years(db::database& db, const clock& now);

struct holiday_input {
    std::string date;  // YYYY-MM-DD
    std::string name;  // Chinese
    std::optional<std::string> name_en;
};

struct workday_input {
    std::string date;
    std::optional<std::string> name;  // default: "<nearest holiday>调休上班"
    std::optional<std::string> name_en;
};

struct year_input {
    std::vector<holiday_input> holidays;
    std::vector<workday_input> workdays;
};

// Checks the year's entry (every problem named: dates outside the year or repeated, a date
// both a holiday and a working day, an adjusted working day that is not a Saturday or Sunday,
// a run of holidays that lies wholly on a weekend), then replaces the year's days in one
// transaction, marks it published and records it in the audit trail.
year_entry replace_calendar_year(db::database& db, const clock& now, const identity::principal& who,
                                 int year, const year_input& input, const identity::origin& from);

}  // namespace zhaoyin::service::calendar
