#include "service/ranking/scoring.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace zhaoyin::service::ranking {

namespace {

// Amounts times rates and shares times 10000 go beyond 64 bits at scale.
__extension__ typedef __int128 wide;  // NOLINT(modernize-use-using): using rejects __extension__

// a ÷ b rounded half up, for non-negative a and positive b.
std::int64_t divide_half_up(wide a, wide b) {
    return std::int64_t((2 * a + b) / (2 * b));
}

std::int64_t figure(const unit_inputs& unit, std::string_view name) {
    const auto found = unit.figures.find(std::string(name));
    return found == unit.figures.end() ? 0 : found->second;
}

// The metric's value for one unit: none for a rate with nothing to measure.
std::optional<std::int64_t> value_of(const metric_definition& metric, const unit_inputs& unit,
                                     std::int64_t usd_cny_rate) {
    const auto numerator = figure(unit, metric.numerator);
    switch (metric.kind) {
        case metric_kind::count:
            return numerator;
        case metric_kind::amount:
            // cents × hundredths of a yuan per dollar = ten-thousandths of a yuan → fen
            return numerator +
                   divide_half_up(wide(figure(unit, metric.denominator)) * usd_cny_rate, 100);
        case metric_kind::rate: {
            const auto denominator = figure(unit, metric.denominator);
            if (denominator <= 0) {
                return std::nullopt;
            }
            return divide_half_up(wide(numerator) * 10000, denominator);
        }
    }
    return std::nullopt;
}

std::int64_t normalised_of(const metric_definition& metric, std::optional<std::int64_t> value,
                           std::int64_t league_best) {
    if (metric.kind == metric_kind::rate) {
        return std::min<std::int64_t>(value.value_or(10000), 10000);
    }
    if (league_best <= 0 || !value) {
        return 0;
    }
    return divide_half_up(wide(*value) * 10000, league_best);
}

std::vector<unit_result> rank_league(const ranking_config& config, const league_rule& league,
                                     const std::map<std::int64_t, const unit_inputs*>& by_unit) {
    std::vector<const unit_inputs*> members;
    for (const auto id : league.units) {
        if (const auto found = by_unit.find(id); found != by_unit.end()) {
            members.push_back(found->second);
        }
    }
    std::vector<unit_result> out;
    for (const auto* unit : members) {
        out.push_back({unit->unit_id, unit->name_zh, unit->name_en, 0, 0, "", {}});
    }
    for (const auto& rule : config.metrics) {
        const auto* metric = find_metric(rule.code);
        if (metric == nullptr) {
            continue;  // validated on save; an old snapshot's unknown metric scores nothing
        }
        std::vector<std::optional<std::int64_t>> values;
        std::int64_t best = 0;
        for (const auto* unit : members) {
            values.push_back(value_of(*metric, *unit, config.usd_cny_rate));
            best = std::max(best, values.back().value_or(0));
        }
        for (std::size_t i = 0; i < members.size(); ++i) {
            metric_result m{rule.code,      values[i],   normalised_of(*metric, values[i], best),
                            rule.threshold, rule.weight, 0};
            const bool below = values[i] && *values[i] < rule.threshold;
            m.points = below ? 0 : divide_half_up(wide(rule.weight) * m.normalised, 10000);
            out[i].score += m.points;
            out[i].metrics.push_back(std::move(m));
        }
    }
    for (auto& unit : out) {
        unit.rank = 1 + int(std::count_if(out.begin(), out.end(), [&](const unit_result& other) {
                        return other.score > unit.score;
                    }));
    }
    for (auto& unit : out) {
        const auto from_bottom =
            1 + std::count_if(out.begin(), out.end(),
                              [&](const unit_result& other) { return other.score < unit.score; });
        if (unit.rank <= league.top) {
            unit.mark = "top";
        } else if (from_bottom <= league.bottom) {
            unit.mark = "bottom";
        }
    }
    std::sort(out.begin(), out.end(), [](const unit_result& a, const unit_result& b) {
        return std::tie(a.rank, a.name_zh, a.unit_id) < std::tie(b.rank, b.name_zh, b.unit_id);
    });
    return out;
}

}  // namespace

const std::vector<metric_definition>& metric_catalogue() {
    static const std::vector<metric_definition> metrics = {
        {"projects_handled", metric_kind::count, "projects_handled", ""},
        {"signed_projects", metric_kind::count, "signed_projects", ""},
        {"signed_investment", metric_kind::amount, "signed_cny", "signed_usd"},
        {"registered_projects", metric_kind::count, "registered_projects", ""},
        {"registered_investment", metric_kind::amount, "registered_cny", "registered_usd"},
        {"started_projects", metric_kind::count, "started_projects", ""},
        {"started_investment", metric_kind::amount, "started_cny", "started_usd"},
        {"meeting_fill_rate", metric_kind::rate, "meetings_on_time", "meetings_pushed"},
        {"project_update_rate", metric_kind::rate, "round_updated", "round_projects"},
        {"docking_rate", metric_kind::rate, "intents_docked", "intents_received"},
        {"first_contact_on_time", metric_kind::rate, "contacts_on_time", "contacts_due"},
        {"tickets_closed_on_time", metric_kind::rate, "tickets_on_time", "tickets_closed"},
    };
    return metrics;
}

const metric_definition* find_metric(std::string_view code) {
    for (const auto& m : metric_catalogue()) {
        if (m.code == code) {
            return &m;
        }
    }
    return nullptr;
}

ranking_result score(const ranking_config& config, const std::string& period,
                     const std::vector<unit_inputs>& inputs) {
    std::map<std::int64_t, const unit_inputs*> by_unit;
    for (const auto& unit : inputs) {
        by_unit[unit.unit_id] = &unit;
    }
    ranking_result out{period, config.version, {}};
    for (const auto& league : config.leagues) {
        out.leagues.push_back(
            {league.code, league.name_zh, league.name_en, rank_league(config, league, by_unit)});
    }
    return out;
}

std::optional<std::int64_t> parse_fixed(std::string_view text, int places) {
    const auto point = text.find('.');
    const auto whole = text.substr(0, point);
    const auto fraction =
        point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
    const auto digits = [](std::string_view s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (whole.empty() || whole.size() > 15 || !digits(whole) || !digits(fraction) ||
        (point != std::string_view::npos && fraction.empty()) ||
        fraction.size() > std::size_t(places)) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    for (const char c : whole) {
        value = value * 10 + (c - '0');
    }
    for (int i = 0; i < places; ++i) {
        value = value * 10 + (std::size_t(i) < fraction.size() ? fraction[i] - '0' : 0);
    }
    return value;
}

std::string format_fixed(std::int64_t value, int places) {
    if (places == 0) {
        return std::to_string(value);
    }
    std::int64_t scale = 1;
    for (int i = 0; i < places; ++i) {
        scale *= 10;
    }
    return fmt::format("{}.{:0{}}", value / scale, value % scale, places);
}

namespace {

int places_of(metric_kind kind) {
    switch (kind) {
        case metric_kind::count:
            return 0;
        case metric_kind::amount:
            return 2;
        case metric_kind::rate:
            return 4;
    }
    return 0;
}

}  // namespace

std::string format_metric(metric_kind kind, std::int64_t value) {
    return format_fixed(value, places_of(kind));
}

std::optional<std::int64_t> parse_metric(metric_kind kind, std::string_view text) {
    const auto value = parse_fixed(text, places_of(kind));
    if (kind == metric_kind::rate && value && *value > 10000) {
        return std::nullopt;
    }
    return value;
}

}  // namespace zhaoyin::service::ranking
