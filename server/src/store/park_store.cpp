#include "store/park_store.hpp"

#include <map>

namespace zhaoyin::store {

namespace {

// The park, its unit and the district it lies in: the unit when it is a district, else the
// unit's parent (a zone's district).
constexpr std::string_view park_columns =
    "p.id, p.code, p.name, p.name_en, p.unit_id, p.lat, p.lon, p.area_ha, p.available_land_ha, "
    "p.contact_unit_id, p.contact_phone, p.summary, p.summary_en, p.illustrative, p.sort_order, "
    "p.created_at, p.updated_at, u.name_zh, u.name_en, dist.code, dist.name_zh, dist.name_en, "
    "p.archived_at";

constexpr std::string_view park_tables =
    " FROM park p JOIN unit u ON u.id = p.unit_id JOIN unit dist ON dist.id = CASE WHEN u.type = "
    "'district' THEN u.id ELSE COALESCE(u.parent_id, u.id) END";

park_row park_at(const db::result& res, std::size_t r) {
    park_row p;
    p.id = res.integer(r, 0);
    p.code = res.text(r, 1);
    p.name = res.text(r, 2);
    p.name_en = res.text(r, 3);
    p.unit_id = res.integer(r, 4);
    p.lat = res.text(r, 5);
    p.lon = res.text(r, 6);
    p.area_ha = res.text(r, 7);
    p.available_land_ha = res.text(r, 8);
    p.contact_unit_id = res.optional_integer(r, 9);
    p.contact_phone = res.optional_text(r, 10);
    p.summary = res.text(r, 11);
    p.summary_en = res.text(r, 12);
    p.illustrative = res.integer(r, 13) != 0;
    p.sort_order = int(res.integer(r, 14));
    p.created_at = res.text(r, 15);
    p.updated_at = res.text(r, 16);
    p.unit_name_zh = res.text(r, 17);
    p.unit_name_en = res.text(r, 18);
    p.district_code = res.optional_text(r, 19);
    p.district_name_zh = res.text(r, 20);
    p.district_name_en = res.text(r, 21);
    p.archived_at = res.optional_text(r, 22);
    return p;
}

std::vector<park_row> parks_of(const db::result& res) {
    std::vector<park_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(park_at(res, r));
    }
    return out;
}

}  // namespace

std::int64_t park_store::insert(const park_row& p) {
    const auto id =
        conn_
            .query(
                "INSERT INTO park (code, name, name_en, unit_id, lat, lon, area_ha, "
                "available_land_ha, contact_unit_id, contact_phone, summary, summary_en, "
                "illustrative, sort_order, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, "
                "$6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
                {p.code, p.name, p.name_en, p.unit_id, p.lat, p.lon, p.area_ha, p.available_land_ha,
                 db::nullable(p.contact_unit_id), db::nullable(p.contact_phone), p.summary,
                 p.summary_en, db::flag(p.illustrative), std::int64_t(p.sort_order), p.created_at,
                 p.updated_at})
            .integer(0, 0);
    write_industries(id, p.industries);
    return id;
}

void park_store::update(const park_row& p) {
    conn_.query(
        "UPDATE park SET code = $1, name = $2, name_en = $3, unit_id = $4, lat = $5, lon = $6, "
        "area_ha = $7, available_land_ha = $8, contact_phone = $9, summary = $10, "
        "summary_en = $11, updated_at = $12 WHERE id = $13",
        {p.code, p.name, p.name_en, p.unit_id, p.lat, p.lon, p.area_ha, p.available_land_ha,
         db::nullable(p.contact_phone), p.summary, p.summary_en, p.updated_at, p.id});
    conn_.query("DELETE FROM park_industry WHERE park_id = $1", {p.id});
    write_industries(p.id, p.industries);
}

void park_store::set_archived(std::int64_t id, const std::optional<std::string>& archived_at,
                              const std::string& updated_at) {
    conn_.query("UPDATE park SET archived_at = $1, updated_at = $2 WHERE id = $3",
                {db::nullable(archived_at), updated_at, id});
}

bool park_store::code_taken(const std::string& code) {
    return conn_.query("SELECT COUNT(*) FROM park WHERE code = $1", {code}).integer(0, 0) > 0;
}

int park_store::next_sort_order() {
    return int(conn_.query("SELECT COALESCE(MAX(sort_order), -1) + 1 FROM park").integer(0, 0));
}

void park_store::write_industries(std::int64_t id, const std::vector<std::string>& industries) {
    std::int64_t order = 0;
    for (const auto& code : industries) {
        conn_.query(
            "INSERT INTO park_industry (park_id, industry_code, sort_order) VALUES ($1, $2, $3)",
            {id, code, order++});
    }
}

std::optional<park_row> park_store::find(std::int64_t id) {
    auto found = parks_of(conn_.query(
        "SELECT " + std::string(park_columns) + std::string(park_tables) + " WHERE p.id = $1",
        {id}));
    if (found.empty()) {
        return std::nullopt;
    }
    read_industries(found);
    return found.front();
}

std::pair<std::vector<park_row>, std::int64_t> park_store::list(const park_filter& f) {
    std::vector<db::param> params;
    std::string where = " WHERE 1 = 1";
    if (!f.text.empty()) {
        const auto like = db::bind_value(params, "%" + f.text + "%");
        where += " AND (p.name LIKE " + like + " OR LOWER(p.name_en) LIKE LOWER(" + like + "))";
    }
    if (f.district) {
        where += " AND dist.code = " + db::bind_value(params, *f.district);
    }
    if (!f.include_archived) {
        where += " AND p.archived_at IS NULL";
    }
    if (f.units) {
        where += f.units->empty() ? " AND 1 = 0"
                                  : " AND p.unit_id IN (" + db::bind_values(params, *f.units) + ")";
    }
    if (f.industry) {
        where +=
            " AND EXISTS (SELECT 1 FROM park_industry pi WHERE pi.park_id = p.id AND "
            "pi.industry_code = " +
            db::bind_value(params, *f.industry) + ")";
    }
    const auto total =
        conn_.query("SELECT COUNT(*)" + std::string(park_tables) + where, params).integer(0, 0);
    const auto limit = db::bind_value(params, std::int64_t(f.limit));
    const auto offset = db::bind_value(params, std::int64_t(f.offset));
    auto out = parks_of(
        conn_.query("SELECT " + std::string(park_columns) + std::string(park_tables) + where +
                        " ORDER BY p.sort_order, p.id LIMIT " + limit + " OFFSET " + offset,
                    params));
    read_industries(out);
    return {out, total};
}

std::int64_t park_store::count_all() {
    return conn_.query("SELECT COUNT(*) FROM park").integer(0, 0);
}

void park_store::read_industries(std::vector<park_row>& parks) {
    if (parks.empty()) {
        return;
    }
    std::vector<db::param> params;
    std::vector<std::int64_t> ids;
    std::map<std::int64_t, park_row*> by_id;
    for (auto& p : parks) {
        ids.push_back(p.id);
        by_id[p.id] = &p;
    }
    const auto sql = "SELECT park_id, industry_code FROM park_industry WHERE park_id IN (" +
                     db::bind_values(params, ids) + ") ORDER BY park_id, sort_order";
    const auto res = conn_.query(sql, params);
    for (std::size_t r = 0; r < res.size(); ++r) {
        by_id.at(res.integer(r, 0))->industries.push_back(res.text(r, 1));
    }
}

}  // namespace zhaoyin::store
