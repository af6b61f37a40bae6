#include "service/ranking/ranking_json.hpp"

#include <regex>
#include <set>

#include <fmt/format.h>

namespace zhaoyin::service::ranking {

namespace json = boost::json;

namespace {

constexpr int max_marked = 50;

metric_kind kind_of(const std::string& code) {
    const auto* metric = find_metric(code);
    return metric != nullptr ? metric->kind : metric_kind::rate;
}

std::string text_of(const json::object& obj, std::string_view key) {
    const auto* v = obj.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::int64_t integer_of(const json::object& obj, std::string_view key) {
    const auto* v = obj.if_contains(key);
    return v != nullptr && v->is_int64() ? v->as_int64() : 0;
}

// Reads one object of a list, naming problems under `path` ("leagues[2].").
class object_reader {
  public:
    object_reader(const json::value& value, std::string path, field_errors& errors)
        : obj_(value.if_object()), path_(std::move(path)), errors_(errors) {
        if (obj_ == nullptr) {
            errors_.add(path_.substr(0, path_.size() - 1), {"field.must_be_object", {}});
        }
    }
    bool ok() const { return obj_ != nullptr; }

    std::string text(std::string_view key) {
        const auto* v = obj_->if_contains(key);
        if (v == nullptr || !v->is_string() || v->as_string().empty()) {
            errors_.add(path_ + std::string(key), {"field.required", {}});
            return {};
        }
        return std::string(v->as_string());
    }

    int count(std::string_view key) {
        const auto* v = obj_->if_contains(key);
        if (v == nullptr || !v->is_int64() || v->as_int64() < 0 || v->as_int64() > max_marked) {
            errors_.add(
                path_ + std::string(key),
                {"field.out_of_range", {{"min", "0"}, {"max", std::to_string(max_marked)}}});
            return 0;
        }
        return int(v->as_int64());
    }

    // A decimal given as a string (or a whole number), parsed by `parse`.
    template <typename Parse>
    std::int64_t decimal(std::string_view key, Parse parse) {
        const auto* v = obj_->if_contains(key);
        std::optional<std::int64_t> parsed;
        if (v != nullptr && v->is_string()) {
            parsed = parse(std::string_view(v->as_string()));
        } else if (v != nullptr && v->is_int64() && v->as_int64() >= 0) {
            parsed = parse(std::to_string(v->as_int64()));
        }
        if (!parsed) {
            errors_.add(path_ + std::string(key), {"ranking.bad_decimal", {}});
        }
        return parsed.value_or(0);
    }

    const json::object& object() const { return *obj_; }

  private:
    const json::object* obj_;
    std::string path_;
    field_errors& errors_;
};

std::vector<league_rule> leagues_from_json(const json::value* value,
                                           const std::map<std::int64_t, std::string>& ranked,
                                           field_errors& errors) {
    std::vector<league_rule> out;
    if (value == nullptr || !value->is_array() || value->as_array().empty()) {
        errors.add("leagues", {"field.required", {}});
        return out;
    }
    static const std::regex code_form("[a-z][a-z0-9_]{0,39}");
    std::set<std::string> codes;
    std::map<std::int64_t, std::string> placed;  // unit → where it was first listed
    const auto& leagues = value->as_array();
    for (std::size_t i = 0; i < leagues.size(); ++i) {
        const auto path = fmt::format("leagues[{}].", i);
        object_reader r(leagues[i], path, errors);
        if (!r.ok()) {
            continue;
        }
        league_rule league;
        league.code = r.text("code");
        if (!league.code.empty() &&
            (!std::regex_match(league.code, code_form) || !codes.insert(league.code).second)) {
            errors.add(path + "code", {"field.invalid_value", {}});
        }
        league.name_zh = r.text("name_zh");
        league.name_en = r.text("name_en");
        league.top = r.count("top");
        league.bottom = r.count("bottom");
        const auto* units = r.object().if_contains("units");
        if (units == nullptr || !units->is_array()) {
            errors.add(path + "units", {"field.required", {}});
            out.push_back(std::move(league));
            continue;
        }
        const auto& ids = units->as_array();
        for (std::size_t j = 0; j < ids.size(); ++j) {
            const auto unit_path = fmt::format("{}units[{}]", path, j);
            if (!ids[j].is_int64() || !ranked.contains(ids[j].as_int64())) {
                errors.add(unit_path, {"field.unknown_unit", {}});
                continue;
            }
            const auto id = ids[j].as_int64();
            if (const auto [at, fresh] = placed.emplace(id, unit_path); !fresh) {
                errors.add(unit_path, {"ranking.unit_in_two_leagues", {{"other", at->second}}});
                continue;
            }
            league.units.push_back(id);
        }
        out.push_back(std::move(league));
    }
    for (const auto& [id, name] : ranked) {
        if (!placed.contains(id)) {
            errors.add("leagues", {"ranking.unit_without_league", {{"unit", name}}});
            break;
        }
    }
    return out;
}

std::vector<metric_rule> metrics_from_json(const json::value* value, field_errors& errors) {
    std::vector<metric_rule> out;
    if (value == nullptr || !value->is_array() || value->as_array().empty()) {
        errors.add("metrics", {"field.required", {}});
        return out;
    }
    std::set<std::string> codes;
    const auto& metrics = value->as_array();
    for (std::size_t i = 0; i < metrics.size(); ++i) {
        const auto path = fmt::format("metrics[{}].", i);
        object_reader r(metrics[i], path, errors);
        if (!r.ok()) {
            continue;
        }
        metric_rule rule;
        rule.code = r.text("code");
        const auto* metric = find_metric(rule.code);
        if (!rule.code.empty() && metric == nullptr) {
            errors.add(path + "code", {"ranking.unknown_metric", {}});
        } else if (!rule.code.empty() && !codes.insert(rule.code).second) {
            errors.add(path + "code", {"field.invalid_value", {}});
        }
        rule.weight = r.decimal("weight", [](std::string_view t) { return parse_fixed(t, 2); });
        const auto kind = metric != nullptr ? metric->kind : metric_kind::rate;
        rule.threshold =
            r.decimal("threshold", [kind](std::string_view t) { return parse_metric(kind, t); });
        out.push_back(std::move(rule));
    }
    return out;
}

}  // namespace

json::object config_json(const ranking_config& config) {
    json::array leagues;
    for (const auto& l : config.leagues) {
        json::array units;
        for (const auto id : l.units) {
            units.push_back(id);
        }
        leagues.push_back(json::object{{"code", l.code},
                                       {"name_zh", l.name_zh},
                                       {"name_en", l.name_en},
                                       {"top", l.top},
                                       {"bottom", l.bottom},
                                       {"units", std::move(units)}});
    }
    json::array metrics;
    for (const auto& m : config.metrics) {
        metrics.push_back(json::object{{"code", m.code},
                                       {"weight", format_fixed(m.weight, 2)},
                                       {"threshold", format_metric(kind_of(m.code), m.threshold)}});
    }
    return {{"usd_cny_rate", format_fixed(config.usd_cny_rate, 2)},
            {"leagues", std::move(leagues)},
            {"metrics", std::move(metrics)}};
}

ranking_config config_from_json(const json::value& value,
                                const std::map<std::int64_t, std::string>& ranked_units,
                                field_errors& errors) {
    ranking_config config;
    const auto* obj = value.if_object();
    if (obj == nullptr) {
        errors.add("config", {"field.must_be_object", {}});
        return config;
    }
    const auto* rate = obj->if_contains("usd_cny_rate");
    const auto parsed_rate = rate != nullptr && rate->is_string()
                                 ? parse_fixed(std::string_view(rate->as_string()), 2)
                                 : std::nullopt;
    if (!parsed_rate || *parsed_rate <= 0) {
        errors.add("usd_cny_rate", {"ranking.bad_decimal", {}});
    }
    config.usd_cny_rate = parsed_rate.value_or(0);
    config.leagues = leagues_from_json(obj->if_contains("leagues"), ranked_units, errors);
    config.metrics = metrics_from_json(obj->if_contains("metrics"), errors);
    return config;
}

json::array inputs_json(const std::vector<unit_inputs>& inputs) {
    json::array out;
    for (const auto& unit : inputs) {
        json::object figures;
        for (const auto& [name, value] : unit.figures) {
            figures[name] = value;
        }
        out.push_back(json::object{{"unit_id", unit.unit_id},
                                   {"name_zh", unit.name_zh},
                                   {"name_en", unit.name_en},
                                   {"figures", std::move(figures)}});
    }
    return out;
}

std::vector<unit_inputs> inputs_from_json(const json::value& value) {
    std::vector<unit_inputs> out;
    for (const auto& item : value.as_array()) {
        const auto& obj = item.as_object();
        unit_inputs unit{
            integer_of(obj, "unit_id"), text_of(obj, "name_zh"), text_of(obj, "name_en"), {}};
        for (const auto& [name, figure] : obj.at("figures").as_object()) {
            unit.figures[std::string(name)] = figure.as_int64();
        }
        out.push_back(std::move(unit));
    }
    return out;
}

json::object results_json(const ranking_result& result, const results_view& view) {
    const auto named = [&view](json::object& obj, const std::string& zh, const std::string& en) {
        if (view.stored) {
            obj["name_zh"] = zh;
            obj["name_en"] = en;
        } else {
            obj["name"] = view.english ? en : zh;
        }
    };
    json::array leagues;
    for (const auto& league : result.leagues) {
        if (view.shows_league && !view.shows_league(league)) {
            continue;
        }
        json::array units;
        for (const auto& unit : league.units) {
            const auto label =
                view.anonymous_label ? view.anonymous_label(unit.unit_id) : std::string();
            json::object row{{"unit_id", label.empty() ? json::value(unit.unit_id) : nullptr}};
            if (label.empty()) {
                named(row, unit.name_zh, unit.name_en);
            } else {
                row["name"] = nullptr;
                row["anonymous"] = true;
                row["label"] = label;
            }
            row["rank"] = unit.rank;
            row["score"] = format_fixed(unit.score, 2);
            row["marks"] = unit.mark.empty() ? json::value(nullptr) : json::value(unit.mark);
            if (!label.empty() || (view.shows_breakdown && !view.shows_breakdown(unit.unit_id))) {
                row["metrics"] = nullptr;
                units.push_back(std::move(row));
                continue;
            }
            json::array metrics;
            for (const auto& m : unit.metrics) {
                const auto kind = kind_of(m.code);
                metrics.push_back(
                    json::object{{"code", m.code},
                                 {"value", m.value ? json::value(format_metric(kind, *m.value))
                                                   : json::value(nullptr)},
                                 {"normalised", format_fixed(m.normalised, 4)},
                                 {"threshold", format_metric(kind, m.threshold)},
                                 {"weight", format_fixed(m.weight, 2)},
                                 {"points", format_fixed(m.points, 2)}});
            }
            row["metrics"] = std::move(metrics);
            units.push_back(std::move(row));
        }
        json::object entry{{"league", league.code}};
        named(entry, league.name_zh, league.name_en);
        entry["units"] = std::move(units);
        leagues.push_back(std::move(entry));
    }
    return {{"period", result.period},
            {"config_version", result.config_version},
            {"leagues", std::move(leagues)}};
}

ranking_result results_from_json(const json::value& value) {
    const auto& obj = value.as_object();
    ranking_result out{text_of(obj, "period"), int(integer_of(obj, "config_version")), {}};
    const auto fixed = [](const json::object& o, std::string_view key, int places) {
        return parse_fixed(text_of(o, key), places).value_or(0);
    };
    for (const auto& l : obj.at("leagues").as_array()) {
        const auto& league_obj = l.as_object();
        league_result league{text_of(league_obj, "league"),
                             text_of(league_obj, "name_zh"),
                             text_of(league_obj, "name_en"),
                             {}};
        for (const auto& u : league_obj.at("units").as_array()) {
            const auto& unit_obj = u.as_object();
            unit_result unit{integer_of(unit_obj, "unit_id"),
                             text_of(unit_obj, "name_zh"),
                             text_of(unit_obj, "name_en"),
                             int(integer_of(unit_obj, "rank")),
                             fixed(unit_obj, "score", 2),
                             text_of(unit_obj, "marks"),
                             {}};
            for (const auto& m : unit_obj.at("metrics").as_array()) {
                const auto& metric_obj = m.as_object();
                const auto code = text_of(metric_obj, "code");
                const auto kind = kind_of(code);
                const auto* value = metric_obj.if_contains("value");
                unit.metrics.push_back(
                    {code,
                     value != nullptr && value->is_string()
                         ? parse_metric(kind, std::string_view(value->as_string()))
                         : std::nullopt,
                     fixed(metric_obj, "normalised", 4),
                     parse_metric(kind, text_of(metric_obj, "threshold")).value_or(0),
                     fixed(metric_obj, "weight", 2), fixed(metric_obj, "points", 2)});
            }
            league.units.push_back(std::move(unit));
        }
        out.leagues.push_back(std::move(league));
    }
    return out;
}

}  // namespace zhaoyin::service::ranking
