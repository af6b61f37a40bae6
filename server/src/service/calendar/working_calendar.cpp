#include "service/calendar/working_calendar.hpp"

#include <algorithm>
#include <stdexcept>

#include "store/reference_store.hpp"

namespace zhaoyin::service::calendar {

using namespace std::chrono;

namespace {

std::chrono::minutes parse_hhmm(const std::string& text) {
    if (text.size() != 5 || text[2] != ':') {
        throw std::invalid_argument("working period time is not HH:MM: " + text);
    }
    return hours(std::stoi(text.substr(0, 2))) + minutes(std::stoi(text.substr(3, 2)));
}

sys_days parse_day(const std::string& text) {
    const year_month_day ymd{year(std::stoi(text.substr(0, 4))),
                             month(unsigned(std::stoi(text.substr(5, 2)))),
                             day(unsigned(std::stoi(text.substr(8, 2))))};
    if (!ymd.ok()) {
        throw std::invalid_argument("not a calendar day: " + text);
    }
    return sys_days{ymd};
}

}  // namespace

working_calendar::working_calendar(std::vector<period> periods, std::map<sys_days, bool> overrides,
                                   std::set<int> published_years, minutes utc_offset)
    : periods_(std::move(periods)),
      overrides_(std::move(overrides)),
      published_years_(std::move(published_years)),
      utc_offset_(utc_offset) {
    std::sort(periods_.begin(), periods_.end(),
              [](const period& a, const period& b) { return a.starts < b.starts; });
    if (periods_.empty() || working_minutes_per_day() <= minutes(0)) {
        throw std::invalid_argument("a working calendar needs working hours");
    }
}

bool working_calendar::is_working_day(sys_days local_day) const {
    if (const auto found = overrides_.find(local_day); found != overrides_.end()) {
        return found->second;
    }
    const weekday wd{local_day};
    return wd != Saturday && wd != Sunday;
}

minutes working_calendar::working_minutes_per_day() const {
    minutes total{0};
    for (const auto& p : periods_) {
        total += p.ends - p.starts;
    }
    return total;
}

time_point working_calendar::add_working_time(time_point start, minutes duration) const {
    // Walk in local time, period by period, spending the remaining duration.
    auto local = start + utc_offset_;
    auto remaining = duration_cast<milliseconds>(duration);
    for (int guard = 0; guard < 366 * 20; ++guard) {
        const sys_days today = floor<days>(local);
        if (is_working_day(today)) {
            for (const auto& p : periods_) {
                const auto period_start = time_point(today + p.starts);
                const auto period_end = time_point(today + p.ends);
                if (local >= period_end) {
                    continue;
                }
                const auto from = std::max(local, period_start);
                const auto available = period_end - from;
                if (remaining <= available) {
                    return from + remaining - utc_offset_;
                }
                remaining -= available;
                local = period_end;
            }
        }
        local = time_point(today + days(1));
    }
    throw std::invalid_argument("working time beyond twenty years");
}

minutes working_calendar::working_time_between(time_point from, time_point to) const {
    if (to <= from) {
        return minutes(0);
    }
    auto local_from = from + utc_offset_;
    const auto local_to = to + utc_offset_;
    milliseconds total{0};
    for (sys_days today = floor<days>(local_from); today <= floor<days>(local_to);
         today += days(1)) {
        if (!is_working_day(today)) {
            continue;
        }
        for (const auto& p : periods_) {
            const auto a = std::max(local_from, time_point(today + p.starts));
            const auto b = std::min(local_to, time_point(today + p.ends));
            if (b > a) {
                total += b - a;
            }
        }
    }
    return duration_cast<minutes>(total);
}

working_calendar load_calendar(db::connection& conn) {
    store::reference_store store(conn);
    std::vector<working_calendar::period> periods;
    for (const auto& [starts, ends] : store.list_working_periods()) {
        periods.push_back({parse_hhmm(starts), parse_hhmm(ends)});
    }
    std::map<sys_days, bool> overrides;
    for (const auto& d : store.list_calendar_days()) {
        overrides[parse_day(d.day)] = d.kind == "workday";
    }
    const auto years = store.list_calendar_years();
    // China Standard Time has no daylight saving; the API contract fixes times at +08:00.
    return working_calendar(std::move(periods), std::move(overrides),
                            std::set<int>(years.begin(), years.end()), hours(8));
}

}  // namespace zhaoyin::service::calendar
