#include "service/content/parks.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"
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
    if (query.industry) {
        const auto industries = reference.list_industries();
        const bool known = std::any_of(industries.begin(), industries.end(),
                                       [&](const auto& i) { return i.code == *query.industry; });
        if (!known) {
            errors.add("industry", {"field.invalid_value", {}});
        }
    }
    errors.throw_if_any();
}

}  // namespace

std::pair<std::vector<store::park_row>, std::int64_t> list_parks(db::database& db,
                                                                 const park_query& query) {
    return db.read([&](db::connection& conn) {
        check_query(conn, query);
        return store::park_store(conn).list(
            {query.text, query.district, query.industry, query.offset, query.limit});
    });
}

store::park_row park_or_not_found(db::connection& conn, std::int64_t id) {
    auto found = store::park_store(conn).find(id);
    if (!found) {
        throw api_error(error_code::not_found);
    }
    return *found;
}

store::park_row view_park(db::database& db, std::int64_t id) {
    return db.read([&](db::connection& conn) { return park_or_not_found(conn, id); });
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
