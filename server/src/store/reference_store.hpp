#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::store {

struct unit_row {
    std::int64_t id = 0;
    std::string key;
    std::optional<std::int64_t> parent_id;
    std::optional<std::string> code;
    std::string type;
    std::string name_zh;
    std::string name_en;
    std::optional<std::string> phone;
    std::vector<std::string> leading_industries;
    std::vector<std::string> leading_industries_en;
    std::optional<std::string> chain_code;
    std::vector<std::string> industry_codes;
    std::optional<std::string> league;
    bool illustrative = false;
    int sort_order = 0;
};

struct industry_row {
    std::string code;
    std::string kind;
    std::string name_zh;
    std::string name_en;
    std::optional<std::string> group_code;
    int sort_order = 0;
};

struct stage_row {
    std::string code;
    std::string name_zh;
    std::string name_en;
    int position = 0;
    bool landed = false;
};

struct procedure_type_row {
    std::string code;
    std::string name_zh;
    std::string name_en;
    std::string phase;
    int position = 0;
    bool illustrative = false;
};

struct calendar_day_row {
    std::string day;   // YYYY-MM-DD, local date
    std::string kind;  // holiday | workday
    std::string name_zh;
    std::string name_en;
};

// Units, industries, stages, procedure types and the working calendar.
class reference_store {
  public:
    explicit reference_store(db::connection& conn) : conn_(conn) {}

    std::int64_t insert_unit(const unit_row& unit, const std::string& now);
    std::vector<unit_row> list_units();
    std::optional<unit_row> find_unit(std::int64_t id);
    std::vector<unit_row> list_children(std::int64_t parent_id);
    std::int64_t count_units();
    void update_unit(const unit_row& unit, const std::string& now);

    void insert_industry(const industry_row& row);
    std::vector<industry_row> list_industries();
    // The codes of every industry chain, to check the codes a request names.
    std::set<std::string> industry_codes();

    void insert_stage(const stage_row& row);
    std::vector<stage_row> list_stages();

    void insert_procedure_type(const procedure_type_row& row);
    std::vector<procedure_type_row> list_procedure_types();

    void insert_calendar_day(const calendar_day_row& row);
    void insert_calendar_year(int year, const std::string& source);
    void insert_working_period(const std::string& starts, const std::string& ends);

    std::vector<calendar_day_row> list_calendar_days();
    std::vector<int> list_calendar_years();
    // Working periods of a day as "HH:MM" pairs, in order.
    std::vector<std::pair<std::string, std::string>> list_working_periods();

    bool city_loaded(const std::string& city);
    void mark_city_loaded(const std::string& city, const std::string& now);

  private:
    db::connection& conn_;
};

}  // namespace zhaoyin::store
