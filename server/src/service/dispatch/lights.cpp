#include "service/dispatch/lights.hpp"

#include <chrono>

#include <boost/json.hpp>

#include "core/embedded.hpp"

namespace zhaoyin::service::dispatch {

namespace json = boost::json;

namespace {

std::optional<std::chrono::year_month_day> day_of(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    try {
        const std::chrono::year_month_day day{
            std::chrono::year(std::stoi(text.substr(0, 4))),
            std::chrono::month(unsigned(std::stoi(text.substr(5, 2)))),
            std::chrono::day(unsigned(std::stoi(text.substr(8, 2))))};
        return day.ok() ? std::optional(day) : std::nullopt;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

int days_between(std::chrono::year_month_day from, std::chrono::year_month_day to) {
    return int((std::chrono::sys_days(to) - std::chrono::sys_days(from)).count());
}

// `day` plus whole months; the 31st of a shorter month becomes its last day.
std::chrono::year_month_day plus_months(std::chrono::year_month_day day, int months) {
    auto moved = day + std::chrono::months(months);
    if (!moved.ok()) {
        moved = moved.year() / moved.month() / std::chrono::last;
    }
    return moved;
}

// Whole months from `from` to `to` (the day of the month counts: 1 March to 31 May is 2).
int months_between(std::chrono::year_month_day from, std::chrono::year_month_day to) {
    int months = 0;
    while (plus_months(from, months + 1) <= to) {
        ++months;
    }
    return months;
}

int integer_at(const json::object& file, std::string_view level, std::string_view name) {
    return int(file.at(level).as_object().at(name).to_number<std::int64_t>());
}

int position_of(const std::vector<store::stage_row>& stages, const std::string& code) {
    for (const auto& s : stages) {
        if (s.code == code) {
            return s.position;
        }
    }
    return 0;
}

}  // namespace

light_rules light_rules_of(const std::string& city) {
    const auto parsed = json::parse(embedded_data_file("cities/" + city + "/lights.json"));
    const auto& file = parsed.as_object();
    light_rules rules;
    rules.yellow_behind_plan_days = integer_at(file, "yellow", "behind_plan_days");
    rules.red_behind_plan_days = integer_at(file, "red", "behind_plan_days");
    rules.yellow_not_updated_days = integer_at(file, "yellow", "not_updated_days");
    rules.red_not_updated_days = integer_at(file, "red", "not_updated_days");
    rules.start_slip_months = int(file.at("start_slip_months").to_number<std::int64_t>());
    return rules;
}

light_rating rate_project(const light_rules& rules, const std::vector<store::stage_row>& stages,
                          const std::string& current_stage,
                          const std::vector<store::stage_date_row>& dates, int freshness_days,
                          const std::string& today) {
    light_rating rating;
    const auto raise = [&](light_reason reason) {
        if (reason.level == "red" || rating.light == "green") {
            rating.light = reason.level;
        }
        rating.reasons.push_back(std::move(reason));
    };
    const auto now = day_of(today);
    const int current = position_of(stages, current_stage);
    for (const auto& d : dates) {
        const auto planned = d.planned_on ? day_of(*d.planned_on) : std::nullopt;
        if (!now || !planned || d.actual_on || position_of(stages, d.stage) <= current) {
            continue;
        }
        const int behind = days_between(*planned, *now);
        if (behind > rules.red_behind_plan_days) {
            raise({"behind_plan", "red", d.stage, behind, 0});
        } else if (behind > rules.yellow_behind_plan_days) {
            raise({"behind_plan", "yellow", d.stage, behind, 0});
        }
        // The start is expected no earlier than today: a start still ahead slips as the plan
        // moves, one overdue slips day by day.
        const auto first = d.first_planned_on ? day_of(*d.first_planned_on) : planned;
        if (d.stage == "started" && first) {
            const int slipped = months_between(*first, std::max(*planned, *now));
            if (slipped >= rules.start_slip_months) {
                raise({"start_slipped", "red", d.stage, 0, slipped});
            }
        }
    }
    if (freshness_days >= rules.red_not_updated_days) {
        raise({"not_updated", "red", std::nullopt, freshness_days, 0});
    } else if (freshness_days >= rules.yellow_not_updated_days) {
        raise({"not_updated", "yellow", std::nullopt, freshness_days, 0});
    }
    return rating;
}

}  // namespace zhaoyin::service::dispatch
