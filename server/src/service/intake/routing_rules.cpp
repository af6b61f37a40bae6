#include "service/intake/routing_rules.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"
#include "store/reference_store.hpp"
#include "store/routing_rules_store.hpp"

namespace zhaoyin::service::intake {

namespace json = boost::json;

namespace {

constexpr int max_note_characters = 500;
constexpr double max_weight = 1000;
constexpr std::int64_t max_deadline_minutes = 60 * 7 * 60;  // sixty working days of 7 hours

std::string version_label(int version) {
    return fmt::format("console.{}", version);
}

std::string number_text(double value) {
    return fmt::format("{}", value);
}

// Reads the fields of one JSON object, naming each problem by its path.
class reader {
  public:
    reader(const json::object& obj, field_errors& errors, std::string prefix)
        : obj_(obj), errors_(errors), prefix_(std::move(prefix)) {}

    // A finite number (or a decimal string) within [min, max].
    std::optional<double> number(const char* name, double min, double max) {
        const auto* value = find(name);
        if (value == nullptr) {
            return std::nullopt;
        }
        std::optional<double> got;
        if (value->is_number()) {
            got = value->to_number<double>();
        } else if (value->is_string()) {
            got = parse_decimal(std::string(value->as_string()));
        }
        if (!got || !std::isfinite(*got)) {
            errors_.add(prefix_ + name, {"field.must_be_number", {}});
            return std::nullopt;
        }
        if (*got < min || *got > max) {
            errors_.add(prefix_ + name, {"field.out_of_range",
                                         {{"min", number_text(min)}, {"max", number_text(max)}}});
            return std::nullopt;
        }
        return got;
    }

    // A whole number (or a string of digits) within [min, max].
    std::optional<std::int64_t> integer(const char* name, std::int64_t min, std::int64_t max) {
        const auto* value = find(name);
        if (value == nullptr) {
            return std::nullopt;
        }
        std::optional<std::int64_t> got;
        if (value->is_int64() || value->is_uint64()) {
            got = value->is_int64() ? value->as_int64() : std::int64_t(-1);
        } else if (value->is_double() && std::trunc(value->as_double()) == value->as_double() &&
                   std::abs(value->as_double()) < 9e15) {
            got = std::int64_t(value->as_double());
        } else if (value->is_string()) {
            const std::string text(value->as_string());
            if (!text.empty() && text.size() <= 18 &&
                text.find_first_not_of("0123456789") == std::string::npos) {
                got = std::stoll(text);
            }
        }
        if (!got) {
            errors_.add(prefix_ + name, {"field.must_be_integer", {}});
            return std::nullopt;
        }
        if (*got < min || *got > max) {
            errors_.add(prefix_ + name,
                        {"field.out_of_range",
                         {{"min", std::to_string(min)}, {"max", std::to_string(max)}}});
            return std::nullopt;
        }
        return got;
    }

    // A nested object, read with the returned reader (nullopt when absent or not an object).
    const json::object* object(const char* name) {
        const auto* value = find(name);
        if (value == nullptr) {
            return nullptr;
        }
        if (!value->is_object()) {
            errors_.add(prefix_ + name, {"field.must_be_object", {}});
            return nullptr;
        }
        return &value->as_object();
    }

    // Names every key that is not one of `known`.
    void reject_unknown(std::initializer_list<std::string_view> known) {
        for (const auto& [key, value] : obj_) {
            if (std::find(known.begin(), known.end(), std::string_view(key)) == known.end()) {
                errors_.add(prefix_ + std::string(key), {"field.unknown", {}});
            }
        }
    }

    const std::string& prefix() const { return prefix_; }

  private:
    const json::value* find(const char* name) {
        const auto* value = obj_.if_contains(name);
        if (value == nullptr || value->is_null()) {
            errors_.add(prefix_ + name, {"field.required", {}});
            return nullptr;
        }
        return value;
    }

    static std::optional<double> parse_decimal(const std::string& text) {
        if (text.empty() || text.size() > 32 ||
            text.find_first_not_of("0123456789.") != std::string::npos || text.front() == '.' ||
            text.back() == '.' || text.find('.') != text.rfind('.')) {
            return std::nullopt;
        }
        return std::stod(text);
    }

    const json::object& obj_;
    field_errors& errors_;
    std::string prefix_;
};

bool same_units(const std::vector<candidate>& a, const std::vector<candidate>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const candidate& x, const candidate& y) {
                          return x.unit_id == y.unit_id && x.informed_only == y.informed_only;
                      });
}

std::size_t characters(const std::string& text) {
    return std::size_t(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

// A saved version read over the shipped defaults: a field added by a later release takes its
// default until the bureau saves a version with it.
routing_rules stored_rules(const store::routing_rule_version_row& row, const std::string& city) {
    json::object merged = rules_json(shipped_routing_rules(city));
    const json::value saved = json::parse(row.rules);
    for (const auto& [key, value] : saved.as_object()) {
        if (value.is_object() && merged.contains(key) && merged.at(key).is_object()) {
            for (const auto& [inner, v] : value.as_object()) {
                merged.at(key).as_object()[inner] = v;
            }
        } else {
            merged[key] = value;
        }
    }
    field_errors errors;
    auto rules = rules_from_json(merged, errors);
    if (!errors.empty()) {
        throw std::runtime_error(
            fmt::format("stored routing rules version {} do not validate", row.version));
    }
    rules.version = version_label(row.version);
    return rules;
}

rules_version version_of(const store::routing_rule_version_row& row, const std::string& city) {
    return {row.version,         stored_rules(row, city), row.created_by,
            row.created_by_name, row.created_at,          row.note};
}

}  // namespace

routing_rules active_routing_rules(db::connection& conn, const std::string& city) {
    if (const auto latest = store::routing_rules_store(conn).latest()) {
        return stored_rules(*latest, city);
    }
    return shipped_routing_rules(city);
}

json::object rules_json(const routing_rules& rules) {
    return {
        {"weights", json::object{{"preference", rules.preference_weight},
                                 {"industry_match", rules.industry_weight}}},
        {"industry_rank_decay", rules.industry_rank_decay},
        {"max_candidates", std::int64_t(rules.max_candidates)},
        {"min_score", rules.min_score},
        {"large_investment_cny", std::to_string(rules.large_investment_cny)},
        {"usd_cny_rate", number_text(rules.usd_cny_rate)},
        {"deadlines_minutes", json::object{{"acknowledge", rules.acknowledge_minutes},
                                           {"first_contact", rules.first_contact_minutes},
                                           {"dock", rules.dock_minutes}}},
        {"triage_minutes", rules.triage_minutes},
        {"remind_before_minutes", rules.remind_before_minutes},
        {"escalate_to_bureau_after_minutes", rules.escalate_to_bureau_after_minutes},
        {"board", json::object{{"min_sample", rules.board_min_sample},
                               {"contest_window_minutes", rules.board_contest_window_minutes}}}};
}

routing_rules rules_from_json(const json::value& value, field_errors& errors,
                              const std::string& prefix) {
    routing_rules rules;
    if (!value.is_object()) {
        errors.add(prefix.empty() ? "rules" : prefix.substr(0, prefix.size() - 1),
                   {"field.must_be_object", {}});
        return rules;
    }
    reader top(value.as_object(), errors, prefix);
    top.reject_unknown({"version", "note", "weights", "industry_rank_decay", "max_candidates",
                        "min_score", "large_investment_cny", "usd_cny_rate", "deadlines_minutes",
                        "triage_minutes", "remind_before_minutes",
                        "escalate_to_bureau_after_minutes", "board"});
    bool weights_ok = false;
    if (const auto* weights = top.object("weights")) {
        reader w(*weights, errors, prefix + "weights.");
        w.reject_unknown({"preference", "industry_match"});
        const auto preference = w.number("preference", 0, max_weight);
        const auto industry = w.number("industry_match", 0, max_weight);
        rules.preference_weight = preference.value_or(rules.preference_weight);
        rules.industry_weight = industry.value_or(rules.industry_weight);
        weights_ok = preference && industry;
    }
    rules.industry_rank_decay =
        top.number("industry_rank_decay", 0, 1).value_or(rules.industry_rank_decay);
    rules.max_candidates = std::size_t(
        top.integer("max_candidates", 1, 10).value_or(std::int64_t(rules.max_candidates)));
    if (const auto min_score = top.number("min_score", 0, max_weight)) {
        rules.min_score = *min_score;
        // A bar no area can reach sends every intent to the bureau by hand.
        if (weights_ok && *min_score > rules.preference_weight + rules.industry_weight) {
            errors.add(prefix + "min_score",
                       {"field.min_score_unreachable",
                        {{"max", number_text(rules.preference_weight + rules.industry_weight)}}});
        }
    }
    rules.large_investment_cny = top.integer("large_investment_cny", 1, 1'000'000'000'000'000)
                                     .value_or(rules.large_investment_cny);
    rules.usd_cny_rate = top.number("usd_cny_rate", 0.01, 100).value_or(rules.usd_cny_rate);
    if (const auto* deadlines = top.object("deadlines_minutes")) {
        const std::string path = prefix + "deadlines_minutes.";
        reader d(*deadlines, errors, path);
        d.reject_unknown({"acknowledge", "first_contact", "dock"});
        const auto acknowledge = d.integer("acknowledge", 1, max_deadline_minutes);
        const auto first_contact = d.integer("first_contact", 1, max_deadline_minutes);
        const auto dock = d.integer("dock", 1, max_deadline_minutes);
        // Each step's limit counts from routing: a later step cannot be due earlier.
        if (acknowledge && first_contact && *first_contact < *acknowledge) {
            errors.add(path + "first_contact",
                       {"field.not_shorter_than", {{"other", "acknowledge"}}});
        }
        if (first_contact && dock && *dock < *first_contact) {
            errors.add(path + "dock", {"field.not_shorter_than", {{"other", "first_contact"}}});
        }
        rules.acknowledge_minutes = int(acknowledge.value_or(rules.acknowledge_minutes));
        rules.first_contact_minutes = int(first_contact.value_or(rules.first_contact_minutes));
        rules.dock_minutes = int(dock.value_or(rules.dock_minutes));
        // A reminder is only useful before the first deadline.
        if (const auto remind = top.integer("remind_before_minutes", 0, max_deadline_minutes)) {
            rules.remind_before_minutes = int(*remind);
            if (acknowledge && *remind >= *acknowledge) {
                errors.add(prefix + "remind_before_minutes",
                           {"field.shorter_than", {{"other", "acknowledge"}}});
            }
        }
    } else {
        rules.remind_before_minutes =
            int(top.integer("remind_before_minutes", 0, max_deadline_minutes)
                    .value_or(rules.remind_before_minutes));
    }
    rules.triage_minutes =
        int(top.integer("triage_minutes", 0, max_deadline_minutes).value_or(rules.triage_minutes));
    rules.escalate_to_bureau_after_minutes =
        int(top.integer("escalate_to_bureau_after_minutes", 0, max_deadline_minutes)
                .value_or(rules.escalate_to_bureau_after_minutes));
    if (const auto* board = top.object("board")) {
        reader b(*board, errors, prefix + "board.");
        b.reject_unknown({"min_sample", "contest_window_minutes"});
        rules.board_min_sample =
            int(b.integer("min_sample", 1, 1000).value_or(rules.board_min_sample));
        rules.board_contest_window_minutes =
            int(b.integer("contest_window_minutes", 0, max_deadline_minutes)
                    .value_or(rules.board_contest_window_minutes));
    }
    return rules;
}

rules_overview routing_rules_overview(db::database& db, const std::string& city,
                                      int history_limit) {
    rules_overview out;
    out.shipped = shipped_routing_rules(city);
    db.read([&](db::connection& conn) {
        for (const auto& row : store::routing_rules_store(conn).history(history_limit)) {
            out.history.push_back(version_of(row, city));
        }
    });
    if (out.history.empty()) {
        out.current = out.shipped;
    } else {
        out.current_version = out.history.front().version;
        out.current = out.history.front().rules;
    }
    return out;
}

dry_run_result dry_run(db::database& db, const routing_rules& proposed, int limit) {
    dry_run_result out;
    db.read([&](db::connection& conn) {
        const auto units = store::reference_store(conn).list_units();
        for (const auto& row : store::routing_rules_store(conn).recent_routed_intents(limit)) {
            dry_run_item item;
            item.intent_id = row.id;
            item.title = row.title;
            item.created_at = row.created_at;
            item.rules_version = row.rules_version;
            item.before = decision_from_json(row.candidates);
            const auto whole = row.investment_total.substr(0, row.investment_total.find('.'));
            const intent_facts facts{row.industry_code, std::stoll(whole), row.currency,
                                     row.capital_type, row.preferred_units};
            item.after = route(facts, units, proposed);
            for (auto& c : item.after) {
                c.reasons.clear();
            }
            item.changed = !same_units(item.before, item.after);
            out.changed += item.changed ? 1 : 0;
            out.items.push_back(std::move(item));
        }
    });
    return out;
}

rules_version save_routing_rules(db::database& db, const clock& now, const identity::principal& who,
                                 const routing_rules& rules, const std::string& note,
                                 std::optional<int> base_version, const identity::origin& from,
                                 const std::string& city) {
    if (characters(note) > std::size_t(max_note_characters)) {
        throw api_error(
            error_code::validation_failed, {},
            {{"note", {"field.too_long", {{"max", std::to_string(max_note_characters)}}}}});
    }
    const std::string text = json::serialize(rules_json(rules));
    try {
        return db.transaction([&](db::connection& conn) {
            store::routing_rules_store store(conn);
            const auto latest = store.latest();
            const int current = latest ? latest->version : 0;
            if (base_version && *base_version != current) {
                throw api_error(error_code::conflict,
                                {"routing.rules_changed", {{"version", std::to_string(current)}}});
            }
            const auto row = store.insert(text, who.user_id, note, format_utc(now.now()));
            audit::record(
                conn, now,
                {who.user_id, who.login, who.roles_text(), who.unit_id, from.ip, from.request_id},
                {"intake.routing_rules.save", "routing_rules", std::to_string(row.version),
                 "success", fmt::format("version {} (was {}): {}", row.version, current, text)});
            return version_of(row, city);
        });
    } catch (const db::error& e) {
        // Two operators saving at the same instant: the second one's version number is taken.
        if (e.what_kind() == db::error::kind::unique_violation) {
            throw api_error(error_code::conflict, {"routing.rules_changed", {{"version", "?"}}});
        }
        throw;
    }
}

}  // namespace zhaoyin::service::intake
