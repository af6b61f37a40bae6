#include "service/reference/reference_data.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>

#include <boost/json.hpp>

#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/time_format.hpp"

namespace zhaoyin::service::reference {
namespace {

namespace json = boost::json;

// Data files are parsed here, at load time; the rest of the service works on store rows.
json::object city_file(const std::string& city, std::string_view file) {
    return json::parse(embedded_data_file("cities/" + city + "/" + std::string(file))).as_object();
}

std::string text(const json::object& obj, std::string_view key) {
    return std::string(obj.at(key).as_string());
}

std::optional<std::string> optional_text(const json::object& obj, std::string_view key) {
    const auto* value = obj.if_contains(key);
    if (value == nullptr || value->is_null()) {
        return std::nullopt;
    }
    return std::string(value->as_string());
}

std::vector<std::string> texts(const json::object& obj, std::string_view key) {
    std::vector<std::string> out;
    if (const auto* value = obj.if_contains(key)) {
        for (const auto& item : value->as_array()) {
            out.emplace_back(item.as_string());
        }
    }
    return out;
}

bool flag(const json::object& obj, std::string_view key) {
    const auto* value = obj.if_contains(key);
    return value != nullptr && value->is_bool() && value->as_bool();
}

void load_units(store::reference_store& store, const json::object& file, const std::string& now,
                std::size_t& count) {
    std::map<std::string, std::int64_t> ids;
    int order = 0;
    for (const auto& item : file.at("units").as_array()) {
        const auto& obj = item.as_object();
        store::unit_row u;
        u.key = text(obj, "key");
        const std::string parent = text(obj, "parent");
        if (!parent.empty()) {
            const auto found = ids.find(parent);
            if (found == ids.end()) {
                throw std::invalid_argument("unit " + u.key + " names unknown parent " + parent);
            }
            u.parent_id = found->second;
        }
        u.code = optional_text(obj, "code");
        u.type = text(obj, "type");
        u.name_zh = text(obj, "name_zh");
        u.name_en = text(obj, "name_en");
        u.phone = optional_text(obj, "phone");
        u.leading_industries = texts(obj, "leading_industries");
        u.leading_industries_en = texts(obj, "leading_industries_en");
        u.chain_code = optional_text(obj, "chain");
        u.industry_codes = texts(obj, "industries");
        u.league = optional_text(obj, "league");
        u.illustrative = flag(obj, "illustrative");
        u.sort_order = ++order;
        ids[u.key] = store.insert_unit(u, now);
        ++count;
    }
}

void load_industries(store::reference_store& store, const json::object& file) {
    int order = 0;
    for (const auto& item : file.at("industries").as_array()) {
        const auto& obj = item.as_object();
        store.insert_industry({text(obj, "code"), text(obj, "kind"), text(obj, "name_zh"),
                               text(obj, "name_en"), optional_text(obj, "group"), ++order});
    }
}

void load_stages(store::reference_store& store, const json::object& file) {
    for (const auto& item : file.at("stages").as_array()) {
        const auto& obj = item.as_object();
        store.insert_stage({text(obj, "code"), text(obj, "name_zh"), text(obj, "name_en"),
                            int(obj.at("position").as_int64()), flag(obj, "landed")});
    }
}

void load_procedures(store::reference_store& store, const json::object& file) {
    for (const auto& item : file.at("procedures").as_array()) {
        const auto& obj = item.as_object();
        store.insert_procedure_type({text(obj, "code"), text(obj, "name_zh"), text(obj, "name_en"),
                                     text(obj, "phase"), int(obj.at("position").as_int64()),
                                     flag(obj, "illustrative")});
    }
}

void load_calendar(store::reference_store& store, const json::object& file) {
    const std::string source = text(file, "source");
    for (const auto& year : file.at("published_years").as_array()) {
        store.insert_calendar_year(int(year.as_int64()), source);
    }
    for (const auto& period : file.at("working_hours").as_array()) {
        const auto& obj = period.as_object();
        store.insert_working_period(text(obj, "start"), text(obj, "end"));
    }
    for (const auto& item : file.at("days").as_array()) {
        const auto& obj = item.as_object();
        store.insert_calendar_day(
            {text(obj, "day"), text(obj, "kind"), text(obj, "name_zh"), text(obj, "name_en")});
    }
}

}  // namespace

std::vector<std::string> shipped_cities() {
    std::set<std::string> cities;
    constexpr std::string_view prefix = "cities/";
    for (const auto& f : embedded_data()) {
        if (f.name.starts_with(prefix)) {
            const auto rest = f.name.substr(prefix.size());
            cities.insert(std::string(rest.substr(0, rest.find('/'))));
        }
    }
    return {cities.begin(), cities.end()};
}

load_outcome load_city(db::database& db, const std::string& city, const clock& now) {
    const auto units = city_file(city, "units.json");
    const auto industries = city_file(city, "industries.json");
    const auto stages = city_file(city, "stages.json");
    const auto procedures = city_file(city, "procedures.json");
    const auto calendar = city_file(city, "calendar.json");
    return db.transaction([&](db::connection& conn) {
        store::reference_store store(conn);
        load_outcome out;
        if (store.city_loaded(city)) {
            return out;
        }
        const std::string stamp = format_utc(now.now());
        load_units(store, units, stamp, out.units);
        load_industries(store, industries);
        load_stages(store, stages);
        load_procedures(store, procedures);
        load_calendar(store, calendar);
        store.mark_city_loaded(city, stamp);
        out.loaded = true;
        return out;
    });
}

std::vector<unit_node> unit_tree(db::connection& conn) {
    store::reference_store store(conn);
    const auto rows = store.list_units();
    std::map<std::optional<std::int64_t>, std::vector<const store::unit_row*>> by_parent;
    for (const auto& row : rows) {
        by_parent[row.parent_id].push_back(&row);
    }
    // Depth-first, so that a unit's children are complete before it is moved into its parent.
    std::function<unit_node(const store::unit_row&)> build = [&](const store::unit_row& row) {
        unit_node node{row, {}};
        if (const auto found = by_parent.find(row.id); found != by_parent.end()) {
            for (const auto* child : found->second) {
                node.children.push_back(build(*child));
            }
        }
        return node;
    };
    std::vector<unit_node> roots;
    for (const auto* root : by_parent[std::nullopt]) {
        roots.push_back(build(*root));
    }
    return roots;
}

std::optional<unit_detail> find_unit_detail(db::connection& conn, std::int64_t id) {
    store::reference_store store(conn);
    auto unit = store.find_unit(id);
    if (!unit) {
        return std::nullopt;
    }
    unit_detail out{*unit, std::nullopt, {}};
    if (unit->parent_id) {
        out.parent = store.find_unit(*unit->parent_id);
    }
    out.children = store.list_children(id);
    return out;
}

store::unit_row update_unit(db::database& db, const clock& now, const audit::actor& who,
                            std::int64_t unit_id, const unit_changes& changes) {
    field_errors errors;
    const auto check_text = [&](const char* field, const std::optional<std::string>& value,
                                std::size_t max) {
        if (value && value->empty()) {
            errors.add(field, {"field.required", {}});
        } else if (value && value->size() > max) {
            errors.add(field, {"field.too_long", {{"max", std::to_string(max)}}});
        }
    };
    check_text("name_zh", changes.name_zh, 200);
    check_text("name_en", changes.name_en, 200);
    if (changes.phone && *changes.phone) {
        static const std::regex phone_pattern(R"(^[0-9+() -]{3,30}$)");
        if (!std::regex_match(**changes.phone, phone_pattern)) {
            errors.add("phone", {"field.invalid_value", {}});
        }
    }
    for (const auto* list : {&changes.leading_industries, &changes.leading_industries_en}) {
        if (*list && ((*list)->size() > 20 ||
                      std::any_of((*list)->begin(), (*list)->end(),
                                  [](const auto& s) { return s.empty() || s.size() > 100; }))) {
            errors.add(list == &changes.leading_industries ? "leading_industries"
                                                           : "leading_industries_en",
                       {"field.invalid_value", {}});
        }
    }
    errors.throw_if_any();
    return db.transaction([&](db::connection& conn) {
        store::reference_store store(conn);
        auto unit = store.find_unit(unit_id);
        if (!unit) {
            throw api_error(error_code::not_found);
        }
        std::string changed;
        const auto apply = [&](auto& field, const auto& value, const char* name) {
            if (value && field != *value) {
                field = *value;
                changed += (changed.empty() ? "" : ",") + std::string(name);
            }
        };
        apply(unit->name_zh, changes.name_zh, "name_zh");
        apply(unit->name_en, changes.name_en, "name_en");
        apply(unit->phone, changes.phone, "phone");
        apply(unit->leading_industries, changes.leading_industries, "leading_industries");
        apply(unit->leading_industries_en, changes.leading_industries_en, "leading_industries_en");
        store.update_unit(*unit, format_utc(now.now()));
        audit::record(conn, now, who,
                      {"identity.unit.update", "unit", std::to_string(unit_id), "success",
                       changed.empty() ? "no change" : "changed " + changed});
        return *unit;
    });
}

}  // namespace zhaoyin::service::reference
