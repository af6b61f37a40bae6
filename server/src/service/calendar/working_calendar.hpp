#pragma once

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "db/connection.hpp"

namespace zhaoyin::service::calendar {

// Working time as the city's offices keep it: working hours on working days, where a working
// day is Monday to Friday unless it is a public holiday, and a weekend day that is an adjusted
// working day (调休上班) counts too. Deadlines (acknowledge within 2 working hours, first
// contact within 1 working day, …) are computed here and nowhere else.
class working_calendar {
  public:
    struct period {
        std::chrono::minutes starts;  // since local midnight
        std::chrono::minutes ends;
    };

    working_calendar(std::vector<period> periods, std::map<std::chrono::sys_days, bool> overrides,
                     std::set<int> published_years, std::chrono::minutes utc_offset);

    bool is_working_day(std::chrono::sys_days local_day) const;
    // A year with no published holidays falls back to weekends only; callers show a warning.
    bool year_published(int year) const { return published_years_.contains(year); }
    std::chrono::minutes working_minutes_per_day() const;

    // The instant `duration` of working time after `start` (a start outside working hours
    // counts from the next working period).
    time_point add_working_time(time_point start, std::chrono::minutes duration) const;
    // Working time between two instants (zero when `to` is not after `from`).
    std::chrono::minutes working_time_between(time_point from, time_point to) const;

  private:
    std::vector<period> periods_;
    std::map<std::chrono::sys_days, bool> overrides_;  // true: working, false: holiday
    std::set<int> published_years_;
    std::chrono::minutes utc_offset_;
};

// The calendar kept in the database (loaded from data/cities/<city>/calendar.json).
working_calendar load_calendar(db::connection& conn);

}  // namespace zhaoyin::service::calendar
