#include "service/calendar/calendar_years.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"
#include "store/calendar_store.hpp"

namespace zhaoyin::service::calendar {

using namespace std::chrono;

namespace {

constexpr int first_year = 2000;
constexpr int last_year = 2100;
constexpr std::size_t max_name_characters = 50;

// English names of the public holidays (国务院办公厅关于部分节假日安排的通知); another name is
// shown as entered.
const std::map<std::string, std::string>& english_names() {
    static const std::map<std::string, std::string> names = {
        {"元旦", "New Year's Day"},
        {"春节", "Spring Festival"},
        {"清明节", "Qingming Festival"},
        {"劳动节", "Labour Day"},
        {"端午节", "Dragon Boat Festival"},
        {"中秋节", "Mid-Autumn Festival"},
        {"国庆节", "National Day"},
        {"国庆节、中秋节", "National Day and Mid-Autumn Festival"},
    };
    return names;
}

std::string english_name(const std::string& zh) {
    const auto found = english_names().find(zh);
    return found == english_names().end() ? zh : found->second;
}

std::optional<sys_days> parse_date(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) {
            return std::nullopt;
        }
    }
    const year_month_day ymd{year(std::stoi(text.substr(0, 4))),
                             month(unsigned(std::stoi(text.substr(5, 2)))),
                             day(unsigned(std::stoi(text.substr(8, 2))))};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return sys_days{ymd};
}

bool weekend(sys_days d) {
    const weekday wd{d};
    return wd == Saturday || wd == Sunday;
}

int year_of(sys_days d) {
    return int(year_month_day{d}.year());
}

std::size_t characters(const std::string& text) {
    return std::size_t(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

int current_year_of(const clock& now) {
    // China Standard Time has no daylight saving.
    return year_of(floor<days>(now.now() + hours(8)));
}

}  // namespace

years_overview calendar_years(db::database& db, const clock& now) {
    years_overview out;
    out.current_year = current_year_of(now);
    std::map<int, year_entry> years;
    db.read([&](db::connection& conn) {
        for (const auto& [y, source] : store::calendar_store(conn).years_with_source()) {
            years[y] = {y, true, source, {}, {}};
        }
        for (auto& d : store::reference_store(conn).list_calendar_days()) {
            const int y = std::stoi(d.day.substr(0, 4));
            auto& entry = years[y];
            entry.year = y;
            (d.kind == "holiday" ? entry.holidays : entry.workdays).push_back(std::move(d));
        }
    });
    for (const int y : {out.current_year, out.current_year + 1}) {
        auto& entry = years[y];
        entry.year = y;
        if (!entry.published) {
            out.warnings.push_back({"calendar.year_missing", {{"year", std::to_string(y)}}});
        }
    }
    for (auto& [y, entry] : years) {
        out.years.push_back(std::move(entry));
    }
    return out;
}

year_entry replace_calendar_year(db::database& db, const clock& now, const identity::principal& who,
                                 int year, const year_input& input, const identity::origin& from) {
    if (year < first_year || year > last_year) {
        throw api_error(
            error_code::validation_failed, {},
            {{"year",
              {"field.out_of_range",
               {{"min", std::to_string(first_year)}, {"max", std::to_string(last_year)}}}}});
    }
    field_errors errors;
    const std::string year_text = std::to_string(year);
    std::map<sys_days, std::size_t> holiday_at;  // date → index in input.holidays
    std::vector<store::calendar_day_row> entries;
    for (std::size_t i = 0; i < input.holidays.size(); ++i) {
        const auto& h = input.holidays[i];
        const std::string field = fmt::format("holidays[{}]", i);
        const auto date = parse_date(h.date);
        if (!date) {
            errors.add(field + ".date", {"field.must_be_date", {}});
        } else if (year_of(*date) != year) {
            errors.add(field + ".date", {"field.date_outside_year", {{"year", year_text}}});
        } else if (!holiday_at.emplace(*date, i).second) {
            errors.add(field + ".date", {"field.duplicate_date", {}});
        }
        if (h.name.empty()) {
            errors.add(field + ".name", {"field.required", {}});
        } else if (characters(h.name) > max_name_characters ||
                   (h.name_en && characters(*h.name_en) > max_name_characters * 2)) {
            errors.add(field + ".name",
                       {"field.too_long", {{"max", std::to_string(max_name_characters)}}});
        }
        entries.push_back({h.date, "holiday", h.name,
                           h.name_en && !h.name_en->empty() ? *h.name_en : english_name(h.name)});
    }
    // A run of consecutive holidays lying wholly on a weekend changes nothing: a typo, likely.
    for (auto it = holiday_at.begin(); it != holiday_at.end();) {
        auto end = std::next(it);
        bool any_weekday = !weekend(it->first);
        auto last = it;
        while (end != holiday_at.end() && end->first == last->first + days{1}) {
            any_weekday = any_weekday || !weekend(end->first);
            last = end++;
        }
        if (!any_weekday) {
            errors.add(fmt::format("holidays[{}].date", it->second),
                       {"field.holiday_on_weekend", {}});
        }
        it = end;
    }
    std::set<sys_days> workday_dates;
    for (std::size_t i = 0; i < input.workdays.size(); ++i) {
        const auto& w = input.workdays[i];
        const std::string field = fmt::format("workdays[{}]", i);
        const auto date = parse_date(w.date);
        std::string name_zh = w.name.value_or("");
        std::string name_en = w.name_en.value_or("");
        if (!date) {
            errors.add(field, {"field.must_be_date", {}});
        } else if (year_of(*date) != year) {
            errors.add(field, {"field.date_outside_year", {{"year", year_text}}});
        } else if (holiday_at.contains(*date)) {
            errors.add(field, {"field.date_in_both_lists", {}});
        } else if (!weekend(*date)) {
            errors.add(field, {"field.workday_not_weekend", {}});
        } else if (!workday_dates.insert(*date).second) {
            errors.add(field, {"field.duplicate_date", {}});
        } else if (name_zh.empty() && !holiday_at.empty()) {
            // Named after the nearest holiday, as the State Council's notice does.
            auto nearest = holiday_at.lower_bound(*date);
            if (nearest == holiday_at.end() ||
                (nearest != holiday_at.begin() &&
                 *date - std::prev(nearest)->first < nearest->first - *date)) {
                nearest = std::prev(nearest);
            }
            const auto& h = input.holidays[nearest->second];
            name_zh = h.name + "调休上班";
            if (name_en.empty()) {
                name_en = (h.name_en && !h.name_en->empty() ? *h.name_en : english_name(h.name)) +
                          " (adjusted working day)";
            }
        }
        if (characters(name_zh) > max_name_characters * 2) {
            errors.add(field, {"field.too_long", {{"max", std::to_string(max_name_characters)}}});
        }
        if (name_zh.empty()) {
            name_zh = "调休上班";
        }
        if (name_en.empty()) {
            name_en = "Adjusted working day";
        }
        entries.push_back({w.date, "workday", name_zh, name_en});
    }
    errors.throw_if_any();
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.day < b.day; });

    const std::string stamp = format_utc(now.now());
    const std::string source = fmt::format("console: {} {}", who.login, stamp.substr(0, 10));
    db.transaction([&](db::connection& conn) {
        store::calendar_store(conn).replace_year(year, entries, source);
        audit::record(
            conn, now,
            {who.user_id, who.login, who.roles_text(), who.unit_id, from.ip, from.request_id},
            {"reference.calendar.year.update", "calendar_year", year_text, "success",
             fmt::format("{} holidays, {} adjusted working days", input.holidays.size(),
                         input.workdays.size())});
    });
    year_entry out{year, true, source, {}, {}};
    for (auto& d : entries) {
        (d.kind == "holiday" ? out.holidays : out.workdays).push_back(std::move(d));
    }
    return out;
}

}  // namespace zhaoyin::service::calendar
