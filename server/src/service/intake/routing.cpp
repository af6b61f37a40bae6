#include "service/intake/routing.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/embedded.hpp"

namespace zhaoyin::service::intake {

namespace json = boost::json;

routing_rules shipped_routing_rules(const std::string& city) {
    const auto file =
        json::parse(embedded_data_file("cities/" + city + "/routing.json")).as_object();
    routing_rules rules;
    rules.version = std::string(file.at("version").as_string());
    const auto& weights = file.at("weights").as_object();
    rules.preference_weight = weights.at("preference").to_number<double>();
    rules.industry_weight = weights.at("industry_match").to_number<double>();
    rules.industry_rank_decay = file.at("industry_rank_decay").to_number<double>();
    rules.max_candidates = std::size_t(file.at("max_candidates").to_number<std::int64_t>());
    rules.min_score = file.at("min_score").to_number<double>();
    rules.large_investment_cny =
        std::stoll(std::string(file.at("large_investment_cny").as_string()));
    rules.usd_cny_rate = std::stod(std::string(file.at("usd_cny_rate").as_string()));
    const auto& deadlines = file.at("deadlines_minutes").as_object();
    rules.acknowledge_minutes = int(deadlines.at("acknowledge").to_number<std::int64_t>());
    rules.first_contact_minutes = int(deadlines.at("first_contact").to_number<std::int64_t>());
    rules.dock_minutes = int(deadlines.at("dock").to_number<std::int64_t>());
    rules.triage_minutes = int(file.at("triage_minutes").to_number<std::int64_t>());
    rules.remind_before_minutes = int(file.at("remind_before_minutes").to_number<std::int64_t>());
    rules.escalate_to_bureau_after_minutes =
        int(file.at("escalate_to_bureau_after_minutes").to_number<std::int64_t>());
    const auto& board = file.at("board").as_object();
    rules.board_min_sample = int(board.at("min_sample").to_number<std::int64_t>());
    rules.board_contest_window_minutes =
        int(board.at("contest_window_minutes").to_number<std::int64_t>());
    return rules;
}

namespace {

candidate candidate_for(const store::unit_row& unit) {
    return {unit.id, unit.name_zh, unit.name_en, 0, {}, false};
}

std::string yi(std::int64_t cny) {
    return fmt::format("{:.1f}", double(cny) / 1e8);
}

}  // namespace

std::vector<candidate> route(const intent_facts& intent, const std::vector<store::unit_row>& units,
                             const routing_rules& rules) {
    std::vector<candidate> ranked;
    for (const auto& unit : units) {
        if (unit.type != "district" && unit.type != "zone") {
            continue;
        }
        candidate c = candidate_for(unit);
        if (std::find(intent.preferred_units.begin(), intent.preferred_units.end(), unit.id) !=
            intent.preferred_units.end()) {
            c.score += rules.preference_weight;
            c.reasons.push_back({"routing.preferred", {}});
        }
        const auto place =
            std::find(unit.industry_codes.begin(), unit.industry_codes.end(), intent.industry_code);
        if (place != unit.industry_codes.end()) {
            const auto rank = double(place - unit.industry_codes.begin());
            const double share = std::max(0.25, 1.0 - rules.industry_rank_decay * rank);
            c.score += std::round(rules.industry_weight * share);
            c.reasons.push_back(
                {"routing.industry_match",
                 {{"industry", intent.industry_code}, {"rank", std::to_string(int(rank) + 1)}}});
        }
        if (c.score >= rules.min_score) {
            ranked.push_back(std::move(c));
        }
    }
    // Highest score first; on a tie the unit listed first in the city's data.
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const candidate& a, const candidate& b) { return a.score > b.score; });
    if (ranked.size() > rules.max_candidates) {
        ranked.resize(rules.max_candidates);
    }

    const std::int64_t cny =
        intent.currency == "USD"
            ? std::int64_t(std::llround(double(intent.investment_units) * rules.usd_cny_rate))
            : intent.investment_units;
    const auto inform = [&](const std::string& type, const std::optional<std::string>& chain,
                            message reason) {
        for (const auto& unit : units) {
            if (unit.type == type && (!chain || unit.chain_code == chain)) {
                candidate c = candidate_for(unit);
                c.informed_only = true;
                c.reasons.push_back(std::move(reason));
                ranked.push_back(std::move(c));
                return;
            }
        }
    };
    if (ranked.empty()) {
        // Nobody matches: the bureau triages it by hand rather than letting it sit unrouted.
        inform("bureau", std::nullopt, {"routing.no_match", {}});
    } else if (cny >= rules.large_investment_cny) {
        const message large{"routing.large_investment", {{"amount", yi(cny)}}};
        inform("bureau", std::nullopt, large);
        inform("task_force", intent.industry_code, large);
    }
    if (intent.capital_type == "foreign") {
        inform("desk", std::nullopt, {"routing.foreign_capital", {}});
    }
    return ranked;
}

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

}  // namespace

intent_facts facts_from_text(const std::string& text,
                             const std::vector<store::industry_row>& industries,
                             const std::vector<store::unit_row>& units) {
    const auto folded = lower(text);
    const auto names = [&](const std::string& name) {
        return !name.empty() && folded.find(lower(name)) != std::string::npos;
    };
    intent_facts facts;
    for (const auto& industry : industries) {
        if (industry.kind == "chain" && (names(industry.name_zh) || names(industry.name_en))) {
            facts.industry_code = industry.code;
            break;
        }
    }
    for (const auto& unit : units) {
        if ((unit.type == "district" || unit.type == "zone") && names(unit.name_zh)) {
            facts.preferred_units.push_back(unit.id);
        }
    }
    return facts;
}

std::optional<std::int64_t> leading_unit(const std::vector<candidate>& candidates) {
    const auto ranked = std::find_if(candidates.begin(), candidates.end(),
                                     [](const candidate& c) { return !c.informed_only; });
    if (ranked != candidates.end()) {
        return ranked->unit_id;
    }
    return candidates.empty() ? std::nullopt : std::optional(candidates.front().unit_id);
}

std::string decision_json(const std::vector<candidate>& candidates) {
    json::array out;
    for (const auto& c : candidates) {
        json::array reasons;
        for (const auto& r : c.reasons) {
            json::object args;
            for (const auto& [k, v] : r.args) {
                args[k] = v;
            }
            reasons.push_back(json::object{{"key", r.key}, {"args", std::move(args)}});
        }
        out.push_back(json::object{{"unit_id", c.unit_id},
                                   {"unit_name_zh", c.unit_name_zh},
                                   {"unit_name_en", c.unit_name_en},
                                   {"score", c.score},
                                   {"informed_only", c.informed_only},
                                   {"reasons", std::move(reasons)}});
    }
    return json::serialize(out);
}

std::vector<candidate> decision_from_json(const std::string& text) {
    std::vector<candidate> out;
    const json::value parsed = json::parse(text);
    for (const auto& item : parsed.as_array()) {
        const auto& obj = item.as_object();
        candidate c;
        c.unit_id = obj.at("unit_id").as_int64();
        c.unit_name_zh = std::string(obj.at("unit_name_zh").as_string());
        c.unit_name_en = std::string(obj.at("unit_name_en").as_string());
        c.score = obj.at("score").to_number<double>();
        c.informed_only = obj.at("informed_only").as_bool();
        for (const auto& r : obj.at("reasons").as_array()) {
            message m{std::string(r.at("key").as_string()), {}};
            for (const auto& [k, v] : r.at("args").as_object()) {
                m.args[std::string(k)] = std::string(v.as_string());
            }
            c.reasons.push_back(std::move(m));
        }
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace zhaoyin::service::intake
