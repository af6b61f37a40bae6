#include "store/calendar_store.hpp"

#include <fmt/format.h>

namespace zhaoyin::store {

std::vector<std::pair<int, std::string>> calendar_store::years_with_source() {
    const auto res = conn_.query("SELECT year, source FROM calendar_year ORDER BY year");
    std::vector<std::pair<int, std::string>> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.emplace_back(int(res.integer(r, 0)), res.text(r, 1));
    }
    return out;
}

void calendar_store::replace_year(int year, const std::vector<calendar_day_row>& days,
                                  const std::string& source) {
    conn_.query("DELETE FROM calendar_day WHERE day >= $1 AND day <= $2",
                {fmt::format("{:04}-01-01", year), fmt::format("{:04}-12-31", year)});
    for (const auto& d : days) {
        conn_.query(
            "INSERT INTO calendar_day (day, kind, name_zh, name_en) VALUES ($1, $2, $3, $4)",
            {d.day, d.kind, d.name_zh, d.name_en});
    }
    conn_.query("DELETE FROM calendar_year WHERE year = $1", {std::int64_t(year)});
    conn_.query("INSERT INTO calendar_year (year, source) VALUES ($1, $2)",
                {std::int64_t(year), source});
}

}  // namespace zhaoyin::store
