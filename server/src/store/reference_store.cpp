#include "store/reference_store.hpp"

#include <boost/json.hpp>

namespace zhaoyin::store {
namespace {

namespace json = boost::json;

std::string to_json_array(const std::vector<std::string>& items) {
    json::array out;
    for (const auto& item : items) {
        out.emplace_back(item);
    }
    return json::serialize(out);
}

std::vector<std::string> from_json_array(const std::string& text) {
    std::vector<std::string> out;
    const json::value parsed = json::parse(text);
    for (const auto& item : parsed.as_array()) {
        out.emplace_back(item.as_string());
    }
    return out;
}

constexpr const char* unit_columns =
    "id, unit_key, parent_id, code, type, name_zh, name_en, phone, leading_industries, "
    "leading_industries_en, chain_code, league, illustrative, sort_order, industry_codes";

unit_row unit_from(const db::result& res, std::size_t r) {
    unit_row u;
    u.id = res.integer(r, 0);
    u.key = res.text(r, 1);
    u.parent_id = res.optional_integer(r, 2);
    u.code = res.optional_text(r, 3);
    u.type = res.text(r, 4);
    u.name_zh = res.text(r, 5);
    u.name_en = res.text(r, 6);
    u.phone = res.optional_text(r, 7);
    u.leading_industries = from_json_array(res.text(r, 8));
    u.leading_industries_en = from_json_array(res.text(r, 9));
    u.chain_code = res.optional_text(r, 10);
    u.league = res.optional_text(r, 11);
    u.illustrative = res.integer(r, 12) != 0;
    u.sort_order = int(res.integer(r, 13));
    u.industry_codes = from_json_array(res.text(r, 14));
    return u;
}

}  // namespace

std::int64_t reference_store::insert_unit(const unit_row& u, const std::string& now) {
    const auto res = conn_.query(
        "INSERT INTO unit (unit_key, parent_id, code, type, name_zh, name_en, phone, "
        "leading_industries, leading_industries_en, chain_code, league, illustrative, sort_order, "
        "created_at, updated_at, industry_codes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
        "$11, $12, $13, $14, $14, $15) RETURNING id",
        {u.key, db::nullable(u.parent_id), db::nullable(u.code), u.type, u.name_zh, u.name_en,
         db::nullable(u.phone), to_json_array(u.leading_industries),
         to_json_array(u.leading_industries_en), db::nullable(u.chain_code), db::nullable(u.league),
         db::flag(u.illustrative), std::int64_t(u.sort_order), now,
         to_json_array(u.industry_codes)});
    return res.integer(0, 0);
}

std::vector<unit_row> reference_store::list_units() {
    const auto res =
        conn_.query(std::string("SELECT ") + unit_columns + " FROM unit ORDER BY sort_order, id");
    std::vector<unit_row> out;
    out.reserve(res.size());
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(unit_from(res, r));
    }
    return out;
}

std::optional<unit_row> reference_store::find_unit(std::int64_t id) {
    const auto res =
        conn_.query(std::string("SELECT ") + unit_columns + " FROM unit WHERE id = $1", {id});
    if (res.empty()) {
        return std::nullopt;
    }
    return unit_from(res, 0);
}

std::vector<unit_row> reference_store::list_children(std::int64_t parent_id) {
    const auto res = conn_.query(std::string("SELECT ") + unit_columns +
                                     " FROM unit WHERE parent_id = $1 ORDER BY sort_order, id",
                                 {parent_id});
    std::vector<unit_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(unit_from(res, r));
    }
    return out;
}

void reference_store::update_unit(const unit_row& u, const std::string& now) {
    conn_.query(
        "UPDATE unit SET name_zh = $2, name_en = $3, phone = $4, leading_industries = $5, "
        "leading_industries_en = $6, updated_at = $7 WHERE id = $1",
        {u.id, u.name_zh, u.name_en, db::nullable(u.phone), to_json_array(u.leading_industries),
         to_json_array(u.leading_industries_en), now});
}

std::int64_t reference_store::count_units() {
    return conn_.query("SELECT COUNT(*) FROM unit").integer(0, 0);
}

void reference_store::insert_industry(const industry_row& row) {
    conn_.query(
        "INSERT INTO industry (code, kind, name_zh, name_en, group_code, sort_order) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        {row.code, row.kind, row.name_zh, row.name_en, db::nullable(row.group_code),
         std::int64_t(row.sort_order)});
}

std::vector<industry_row> reference_store::list_industries() {
    const auto res = conn_.query(
        "SELECT code, kind, name_zh, name_en, group_code, sort_order FROM industry "
        "ORDER BY sort_order");
    std::vector<industry_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.text(r, 0), res.text(r, 1), res.text(r, 2), res.text(r, 3),
                       res.optional_text(r, 4), int(res.integer(r, 5))});
    }
    return out;
}

std::set<std::string> reference_store::industry_codes() {
    const auto res = conn_.query("SELECT code FROM industry");
    std::set<std::string> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.insert(res.text(r, 0));
    }
    return out;
}

void reference_store::insert_stage(const stage_row& row) {
    conn_.query(
        "INSERT INTO stage (code, name_zh, name_en, position, landed) VALUES ($1, $2, $3, $4, $5)",
        {row.code, row.name_zh, row.name_en, std::int64_t(row.position), db::flag(row.landed)});
}

std::vector<stage_row> reference_store::list_stages() {
    const auto res =
        conn_.query("SELECT code, name_zh, name_en, position, landed FROM stage ORDER BY position");
    std::vector<stage_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.text(r, 0), res.text(r, 1), res.text(r, 2), int(res.integer(r, 3)),
                       res.integer(r, 4) != 0});
    }
    return out;
}

void reference_store::insert_procedure_type(const procedure_type_row& row) {
    conn_.query(
        "INSERT INTO procedure_type (code, name_zh, name_en, phase, position, illustrative) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        {row.code, row.name_zh, row.name_en, row.phase, std::int64_t(row.position),
         db::flag(row.illustrative)});
}

std::vector<procedure_type_row> reference_store::list_procedure_types() {
    const auto res = conn_.query(
        "SELECT code, name_zh, name_en, phase, position, illustrative FROM procedure_type "
        "ORDER BY position");
    std::vector<procedure_type_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.text(r, 0), res.text(r, 1), res.text(r, 2), res.text(r, 3),
                       int(res.integer(r, 4)), res.integer(r, 5) != 0});
    }
    return out;
}

void reference_store::insert_calendar_day(const calendar_day_row& row) {
    conn_.query("INSERT INTO calendar_day (day, kind, name_zh, name_en) VALUES ($1, $2, $3, $4)",
                {row.day, row.kind, row.name_zh, row.name_en});
}

void reference_store::insert_calendar_year(int year, const std::string& source) {
    conn_.query("INSERT INTO calendar_year (year, source) VALUES ($1, $2)",
                {std::int64_t(year), source});
}

void reference_store::insert_working_period(const std::string& starts, const std::string& ends) {
    conn_.query("INSERT INTO working_period (starts, ends) VALUES ($1, $2)", {starts, ends});
}

std::vector<calendar_day_row> reference_store::list_calendar_days() {
    const auto res =
        conn_.query("SELECT day, kind, name_zh, name_en FROM calendar_day ORDER BY day");
    std::vector<calendar_day_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.text(r, 0), res.text(r, 1), res.text(r, 2), res.text(r, 3)});
    }
    return out;
}

std::vector<int> reference_store::list_calendar_years() {
    const auto res = conn_.query("SELECT year FROM calendar_year ORDER BY year");
    std::vector<int> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(int(res.integer(r, 0)));
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> reference_store::list_working_periods() {
    const auto res = conn_.query("SELECT starts, ends FROM working_period ORDER BY starts");
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.emplace_back(res.text(r, 0), res.text(r, 1));
    }
    return out;
}

bool reference_store::city_loaded(const std::string& city) {
    return !conn_.query("SELECT 1 FROM reference_dataset WHERE city = $1", {city}).empty();
}

void reference_store::mark_city_loaded(const std::string& city, const std::string& now) {
    conn_.query("INSERT INTO reference_dataset (city, loaded_at) VALUES ($1, $2)", {city, now});
}

}  // namespace zhaoyin::store
