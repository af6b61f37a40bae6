#include "service/content/parks.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/decimal.hpp"
#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/content/documents.hpp"
#include "service/dispatch/field_checks.hpp"
#include "service/dispatch/supervision.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::content {

namespace json = boost::json;

namespace {

std::string text_at(const json::object& entry, std::string_view name) {
    const auto* value = entry.if_contains(name);
    return value != nullptr && value->is_string() ? std::string(value->as_string()) : "";
}

void check_query(db::connection& conn, const park_query& query) {
    store::reference_store reference(conn);
    field_errors errors;
    if (query.district) {
        const auto units = reference.list_units();
        const bool known = std::any_of(units.begin(), units.end(), [&](const auto& u) {
            return u.type == "district" && u.code == query.district;
        });
        if (!known) {
            errors.add("district", {"field.invalid_value", {}});
        }
    }
    if (query.industry && !reference.industry_codes().contains(*query.industry)) {
        errors.add("industry", {"field.invalid_value", {}});
    }
    errors.throw_if_any();
}

bool valid_park_code(const std::string& code) {
    static const std::regex pattern(R"(^[a-z0-9-]{2,40}$)");
    return std::regex_match(code, pattern);
}

// A decimal-degree coordinate within ±limit: up to 3 integer and 8 fraction digits. Compared
// digit by digit, never through a floating-point number.
bool valid_degrees(const std::string& text, int limit) {
    static const std::regex pattern(R"(^-?([0-9]{1,3})(\.([0-9]{1,8}))?$)");
    std::smatch parts;
    if (!std::regex_match(text, parts, pattern)) {
        return false;
    }
    const int whole = std::stoi(parts[1].str());
    const bool fraction = parts[3].str().find_first_not_of('0') != std::string::npos;
    return whole < limit || (whole == limit && !fraction);
}

void check_degrees(field_errors& errors, const std::string& field, const std::string& value,
                   int limit) {
    if (value.empty()) {
        errors.add(field, {"field.required", {}});
    } else if (!valid_degrees(value, limit)) {
        errors.add(field, {"park.degrees", {{"max", std::to_string(limit)}}});
    }
}

void check_hectares(field_errors& errors, const std::string& field, const std::string& value) {
    if (value.empty()) {
        errors.add(field, {"field.required", {}});
    } else if (!is_decimal(value)) {
        errors.add(field, {"park.hectares", {}});
    }
}

// Checks a park as a write leaves it; `input` names what the caller gave (the code and unit are
// checked only then: the demo parks' codes predate the rule).
void check_park(db::connection& conn, const identity::principal& who, const park_input& input,
                const store::park_row& p, field_errors& errors) {
    using dispatch::require_text;
    for (const auto& name : input.unknown_fields) {
        errors.add(name, {"field.unknown", {}});
    }
    if (input.code) {
        if (!valid_park_code(p.code)) {
            errors.add("code", {"park.code_format", {}});
        } else if (store::park_store(conn).code_taken(p.code)) {
            errors.add("code", {"park.code_taken", {}});
        }
    }
    require_text(errors, "name", p.name, 200);
    require_text(errors, "name_en", p.name_en, 300);
    check_degrees(errors, "lat", p.lat, 90);
    check_degrees(errors, "lon", p.lon, 180);
    check_hectares(errors, "area_ha", p.area_ha);
    check_hectares(errors, "available_land_ha", p.available_land_ha);
    if (is_decimal(p.area_ha) && is_decimal(p.available_land_ha) &&
        hundredths(p.available_land_ha) > hundredths(p.area_ha)) {
        errors.add("available_land_ha", {"park.available_exceeds_area", {}});
    }
    if (p.contact_phone && !valid_directory_phone(*p.contact_phone)) {
        errors.add("contact_phone", {"content.phone_format", {}});
    }
    if (p.summary.size() > 2000) {
        errors.add("summary", {"field.too_long", {{"max", "2000"}}});
    }
    if (p.summary_en.size() > 4000) {
        errors.add("summary_en", {"field.too_long", {{"max", "4000"}}});
    }
    store::reference_store reference(conn);
    const auto known = reference.industry_codes();
    const std::set<std::string> given(p.industries.begin(), p.industries.end());
    if (given.size() != p.industries.size() ||
        std::any_of(p.industries.begin(), p.industries.end(),
                    [&](const auto& code) { return !known.contains(code); })) {
        errors.add("industries", {"field.invalid_value", {}});
    }
    if (input.unit_id) {
        const auto units = reference.list_units();
        const bool exists = std::any_of(units.begin(), units.end(),
                                        [&](const auto& u) { return u.id == p.unit_id; });
        if (!exists || !identity::in_scope(who, identity::ownership{std::nullopt, p.unit_id, {}})) {
            errors.add("unit_id", {"field.unknown_unit", {}});
        }
    }
}

// Applies what the input gives; contact_phone "" clears the phone.
void apply(const park_input& input, store::park_row& p) {
    p.code = input.code.value_or(p.code);
    p.name = input.name.value_or(p.name);
    p.name_en = input.name_en.value_or(p.name_en);
    p.unit_id = input.unit_id.value_or(p.unit_id);
    p.lat = input.lat.value_or(p.lat);
    p.lon = input.lon.value_or(p.lon);
    p.area_ha = input.area_ha.value_or(p.area_ha);
    p.available_land_ha = input.available_land_ha.value_or(p.available_land_ha);
    if (input.contact_phone) {
        p.contact_phone =
            input.contact_phone->empty() ? std::nullopt : std::optional(*input.contact_phone);
    }
    p.summary = input.summary.value_or(p.summary);
    p.summary_en = input.summary_en.value_or(p.summary_en);
    p.industries = input.industries.value_or(p.industries);
}

std::string joined(const std::vector<std::string>& codes) {
    return fmt::format("{}", fmt::join(codes, ","));
}

// What an edit changed, for the audit trail: short values as before → after, the summaries by
// name only (their text is on the park). Phones are masked by their length only.
std::string changes_between(const store::park_row& before, const store::park_row& after) {
    std::vector<std::string> out;
    const auto value = [&](std::string_view name, const std::string& was, const std::string& is) {
        if (was != is) {
            out.push_back(fmt::format("{}: {} → {}", name, was, is));
        }
    };
    value("code", before.code, after.code);
    value("name", before.name, after.name);
    value("name_en", before.name_en, after.name_en);
    value("unit_id", std::to_string(before.unit_id), std::to_string(after.unit_id));
    value("lat", before.lat, after.lat);
    value("lon", before.lon, after.lon);
    value("area_ha", before.area_ha, after.area_ha);
    value("available_land_ha", before.available_land_ha, after.available_land_ha);
    value("industries", joined(before.industries), joined(after.industries));
    if (before.contact_phone != after.contact_phone) {
        out.emplace_back("contact_phone");
    }
    if (before.summary != after.summary) {
        out.emplace_back("summary");
    }
    if (before.summary_en != after.summary_en) {
        out.emplace_back("summary_en");
    }
    return out.empty() ? "no change" : fmt::format("{}", fmt::join(out, "; "));
}

// The park the caller edits; not found otherwise (as for a park that does not exist).
store::park_row writable_park(db::connection& conn, const identity::principal& who,
                              std::int64_t id) {
    auto p = park_or_not_found(conn, id);
    if (!edits_park(who, p)) {
        throw api_error(error_code::not_found);
    }
    return p;
}

store::park_row set_archived(db::database& db, const clock& now, const identity::principal& who,
                             std::int64_t id, const identity::origin& from, bool archive) {
    return db.transaction([&](db::connection& conn) {
        const auto p = writable_park(conn, who, id);
        if (p.archived_at.has_value() == archive) {
            throw api_error(error_code::conflict, {"content.status_conflict",
                                                   {{"status", archive ? "archived" : "active"}}});
        }
        const auto stamp = format_utc(now.now());
        store::park_store(conn).set_archived(id, archive ? std::optional(stamp) : std::nullopt,
                                             stamp);
        audit::record(conn, now, dispatch::dispatch_actor(who, from),
                      {archive ? "content.park.archive" : "content.park.restore", "park",
                       std::to_string(id), "success", p.code});
        return park_or_not_found(conn, id);
    });
}

}  // namespace

std::pair<std::vector<store::park_row>, std::int64_t> list_parks(db::database& db,
                                                                 const identity::principal* who,
                                                                 const park_query& query) {
    store::park_filter filter;
    filter.text = query.text;
    filter.district = query.district;
    filter.industry = query.industry;
    if (query.include_archived) {
        if (who == nullptr || !who->has("content:park:write")) {
            throw api_error(error_code::forbidden);
        }
        const auto scope = identity::list_scope_of(*who);
        filter.include_archived = true;
        if (!scope.everything) {
            filter.units = scope.units;
        }
    }
    filter.offset = query.offset;
    filter.limit = query.limit;
    return db.read([&](db::connection& conn) {
        check_query(conn, query);
        return store::park_store(conn).list(filter);
    });
}

bool edits_park(const identity::principal& who, const store::park_row& park) {
    return who.has("content:park:write") &&
           identity::in_scope(who, identity::ownership{std::nullopt, park.unit_id, {}});
}

store::park_row create_park(db::database& db, const clock& now, const identity::principal& who,
                            const park_input& input, const identity::origin& from) {
    return db.transaction([&](db::connection& conn) {
        store::park_row p;
        apply(input, p);
        auto given = input;
        if (!given.unit_id) {
            given.unit_id = who.unit_id.value_or(0);  // no unit: a 422 naming unit_id
        }
        p.unit_id = *given.unit_id;
        field_errors errors;
        if (!input.code) {
            errors.add("code", {"field.required", {}});
        }
        check_park(conn, who, given, p, errors);
        errors.throw_if_any();
        store::park_store parks(conn);
        p.sort_order = parks.next_sort_order();
        p.created_at = p.updated_at = format_utc(now.now());
        p.id = parks.insert(p);
        audit::record(conn, now, dispatch::dispatch_actor(who, from),
                      {"content.park.create", "park", std::to_string(p.id), "success",
                       changes_between(store::park_row{}, p)});
        return park_or_not_found(conn, p.id);
    });
}

store::park_row edit_park(db::database& db, const clock& now, const identity::principal& who,
                          std::int64_t id, const park_input& changes,
                          const identity::origin& from) {
    return db.transaction([&](db::connection& conn) {
        const auto before = writable_park(conn, who, id);
        auto after = before;
        apply(changes, after);
        // An unchanged code or unit is not checked again.
        auto given = changes;
        if (given.code == before.code) {
            given.code.reset();
        }
        if (given.unit_id == before.unit_id) {
            given.unit_id.reset();
        }
        field_errors errors;
        check_park(conn, who, given, after, errors);
        errors.throw_if_any();
        after.updated_at = format_utc(now.now());
        store::park_store(conn).update(after);
        audit::record(conn, now, dispatch::dispatch_actor(who, from),
                      {"content.park.update", "park", std::to_string(id), "success",
                       changes_between(before, after)});
        return park_or_not_found(conn, id);
    });
}

store::park_row archive_park(db::database& db, const clock& now, const identity::principal& who,
                             std::int64_t id, const identity::origin& from) {
    return set_archived(db, now, who, id, from, true);
}

store::park_row restore_park(db::database& db, const clock& now, const identity::principal& who,
                             std::int64_t id, const identity::origin& from) {
    return set_archived(db, now, who, id, from, false);
}

store::park_row park_or_not_found(db::connection& conn, std::int64_t id) {
    auto found = store::park_store(conn).find(id);
    if (!found) {
        throw api_error(error_code::not_found);
    }
    return *found;
}

store::park_row park_in_scope(db::connection& conn, const identity::principal* who,
                              std::int64_t id) {
    auto p = park_or_not_found(conn, id);
    if (p.archived_at && (who == nullptr || !edits_park(*who, p))) {
        throw api_error(error_code::not_found);
    }
    return p;
}

store::park_row view_park(db::database& db, const identity::principal* who, std::int64_t id) {
    return db.read([&](db::connection& conn) { return park_in_scope(conn, who, id); });
}

int ensure_demo_parks(db::database& db, const clock& now, const std::string& city) {
    std::string_view text;
    try {
        text = embedded_data_file(fmt::format("cities/{}/content/parks.json", city));
    } catch (const std::invalid_argument&) {
        return 0;  // a city without demo parks
    }
    const auto file = json::parse(text);
    return db.transaction([&](db::connection& conn) {
        store::park_store parks(conn);
        if (parks.count_all() > 0) {
            return 0;
        }
        std::map<std::string, std::int64_t> units;
        for (const auto& unit : store::reference_store(conn).list_units()) {
            units[unit.key] = unit.id;
        }
        const auto stamp = format_utc(now.now());
        int written = 0;
        for (const auto& item : file.at("parks").as_array()) {
            const auto& entry = item.as_object();
            store::park_row p;
            p.code = text_at(entry, "code");
            p.name = text_at(entry, "name");
            p.name_en = text_at(entry, "name_en");
            p.unit_id = units.at(text_at(entry, "unit"));
            p.lat = text_at(entry, "lat");
            p.lon = text_at(entry, "lon");
            p.area_ha = text_at(entry, "area_ha");
            p.available_land_ha = text_at(entry, "available_land_ha");
            for (const auto& code : entry.at("industries").as_array()) {
                p.industries.emplace_back(code.as_string());
            }
            if (const auto phone = text_at(entry, "contact_phone"); !phone.empty()) {
                p.contact_phone = phone;
            }
            p.summary = text_at(entry, "summary");
            p.summary_en = text_at(entry, "summary_en");
            p.illustrative = true;
            p.sort_order = written;
            p.created_at = p.updated_at = stamp;
            parks.insert(p);
            ++written;
        }
        audit::record(
            conn, now, {std::nullopt, "demo-loader", {}, std::nullopt, "local", {}},
            {"content.demo.parks", "park", "", "success", fmt::format("{} parks", written)});
        return written;
    });
}

}  // namespace zhaoyin::service::content
