#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::store {

// A park (园区), run by a development zone or a district (its unit).
struct park_row {
    std::int64_t id = 0;
    std::string code;
    std::string name;
    std::string name_en;
    std::int64_t unit_id = 0;
    std::string lat;  // decimal degrees, as text
    std::string lon;
    std::string area_ha;  // decimal strings, hectares
    std::string available_land_ha;
    std::vector<std::string> industries;  // chain codes, most important first
    std::optional<std::int64_t> contact_unit_id;
    std::optional<std::string> contact_phone;
    std::string summary;
    std::string summary_en;
    bool illustrative = false;
    int sort_order = 0;
    std::string created_at;
    std::string updated_at;
    std::optional<std::string> archived_at;  // archived parks are left off the portal
    // Read only: the unit's names and its district (the unit itself when it is one).
    std::string unit_name_zh;
    std::string unit_name_en;
    std::optional<std::string> district_code;
    std::string district_name_zh;
    std::string district_name_en;
};

struct park_filter {
    std::string text;                     // in the name (zh or en)
    std::optional<std::string> district;  // a district's code: its own parks and its zones'
    std::optional<std::string> industry;  // a chain code
    bool include_archived = false;
    // The parks of these units only, unless null (every park).
    std::optional<std::vector<std::int64_t>> units;
    int offset = 0;
    int limit = 20;
};

class park_store {
  public:
    explicit park_store(db::connection& conn) : conn_(conn) {}

    std::int64_t insert(const park_row& park);
    // Writes every editable field and the industries (replaced in the given order).
    void update(const park_row& park);
    void set_archived(std::int64_t id, const std::optional<std::string>& archived_at,
                      const std::string& updated_at);
    bool code_taken(const std::string& code);
    // After the last park of the city's order.
    int next_sort_order();
    std::optional<park_row> find(std::int64_t id);
    // In the city's order (sort_order, then id).
    std::pair<std::vector<park_row>, std::int64_t> list(const park_filter& filter);
    std::int64_t count_all();

  private:
    void read_industries(std::vector<park_row>& parks);
    void write_industries(std::int64_t id, const std::vector<std::string>& industries);

    db::connection& conn_;
};

}  // namespace zhaoyin::store
