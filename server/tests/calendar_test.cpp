#include <gtest/gtest.h>

#include "core/time_format.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "service/calendar/working_calendar.hpp"
#include "service/reference/reference_data.hpp"
#include "support/engines.hpp"

namespace zhaoyin {
namespace {

using namespace std::chrono;
using service::calendar::working_calendar;

time_point cst(const char* text) {
    const auto parsed = parse_rfc3339(text);
    EXPECT_TRUE(parsed) << text;
    return *parsed;
}

std::string shown(time_point t) {
    return format_cst(t);
}

// The Qingdao calendar as loaded into a database, on each engine.
class WorkingCalendar : public ::testing::TestWithParam<db::engine> {
  protected:
    void SetUp() override {
        db::database database(scratch.target(), 1);
        const system_clock_source now;
        {
            auto conn = database.acquire();
            db::migrate(*conn, now);
        }
        service::reference::load_city(database, "qingdao", now);
        calendar.emplace(database.read(
            [](db::connection& conn) { return service::calendar::load_calendar(conn); }));
    }
    testing::scratch_database scratch{GetParam()};
    std::optional<working_calendar> calendar;
};

TEST_P(WorkingCalendar, CountsSevenHoursADayAroundLunch) {
    EXPECT_EQ(calendar->working_minutes_per_day(), minutes(420));
    EXPECT_EQ(shown(calendar->add_working_time(cst("2026-11-24T11:30:00+08:00"), hours(1))),
              "2026-11-24T14:00:00+08:00");
    EXPECT_EQ(shown(calendar->add_working_time(cst("2026-11-24T07:00:00+08:00"), minutes(30))),
              "2026-11-24T09:30:00+08:00");
}

TEST_P(WorkingCalendar, SkipsTheWeekend) {
    EXPECT_EQ(shown(calendar->add_working_time(cst("2026-11-27T16:30:00+08:00"), hours(2))),
              "2026-11-30T10:00:00+08:00");
    EXPECT_EQ(shown(calendar->add_working_time(cst("2026-11-28T20:00:00+08:00"), hours(1))),
              "2026-11-30T10:00:00+08:00");
}

TEST_P(WorkingCalendar, WorksTheAdjustedSaturdayAndRestsThroughSpringFestival) {
    // 2026: 15–23 February off; Saturday 14 February is worked (调休).
    EXPECT_FALSE(calendar->is_working_day(sys_days{year(2026) / 2 / 16}));
    EXPECT_TRUE(calendar->is_working_day(sys_days{year(2026) / 2 / 14}));
    const auto one_day_later =
        calendar->add_working_time(cst("2026-02-13T17:00:00+08:00"), minutes(420));
    EXPECT_EQ(shown(one_day_later), "2026-02-14T17:00:00+08:00");
    const auto two_hours_later = calendar->add_working_time(one_day_later, hours(2));
    EXPECT_EQ(shown(two_hours_later), "2026-02-24T10:30:00+08:00");
    EXPECT_EQ(calendar->working_time_between(cst("2026-02-13T17:00:00+08:00"), two_hours_later),
              minutes(30 + 420 + 90));
}

TEST_P(WorkingCalendar, RestsThroughNationalDayAndWorksItsAdjustedDays) {
    // 2026: 1–7 October off; Sunday 20 September and Saturday 10 October are worked.
    EXPECT_EQ(shown(calendar->add_working_time(cst("2026-09-30T17:00:00+08:00"), hours(21))),
              "2026-10-10T17:00:00+08:00");
    EXPECT_EQ(shown(calendar->add_working_time(cst("2026-09-19T10:00:00+08:00"), hours(1))),
              "2026-09-20T10:00:00+08:00");
    EXPECT_EQ(calendar->working_time_between(cst("2026-10-01T09:00:00+08:00"),
                                             cst("2026-10-07T17:30:00+08:00")),
              minutes(0));
}

TEST_P(WorkingCalendar, FallsBackToWeekendsOnlyForAnUnpublishedYear) {
    EXPECT_TRUE(calendar->year_published(2025));
    EXPECT_TRUE(calendar->year_published(2026));
    EXPECT_FALSE(calendar->year_published(2027));
    // 1 January 2027 is a Friday; with no notice published it counts as a working day.
    EXPECT_TRUE(calendar->is_working_day(sys_days{year(2027) / 1 / 1}));
    EXPECT_FALSE(calendar->is_working_day(sys_days{year(2027) / 1 / 2}));
}

TEST_P(WorkingCalendar, MeasuresNothingBackwards) {
    EXPECT_EQ(calendar->working_time_between(cst("2026-11-25T10:00:00+08:00"),
                                             cst("2026-11-24T10:00:00+08:00")),
              minutes(0));
}

INSTANTIATE_TEST_SUITE_P(Engines, WorkingCalendar, testing::all_engines(),
                         testing::engine_test_name);

}  // namespace
}  // namespace zhaoyin
