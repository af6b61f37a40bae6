#pragma once

#include <string>
#include <utility>
#include <vector>

#include "db/connection.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::store {

// The working calendar's years as the bureau edits them (reads of single days and periods are
// in reference_store).
class calendar_store {
  public:
    explicit calendar_store(db::connection& conn) : conn_(conn) {}

    // Published years with where their holidays came from, in order.
    std::vector<std::pair<int, std::string>> years_with_source();
    // Replaces every holiday and adjusted working day of `year` and marks it published.
    void replace_year(int year, const std::vector<calendar_day_row>& days,
                      const std::string& source);

  private:
    db::connection& conn_;
};

}  // namespace zhaoyin::store
