#include "api/dashboard_query.hpp"

#include <stdexcept>
#include <string>

#include "core/error.hpp"

namespace zhaoyin::api {

namespace dashboard = service::dashboard;

dashboard::dashboard_query dashboard_query_of(const http::request& req) {
    dashboard::dashboard_query query;
    query.period = req.query_param("period");
    query.industry = req.query_param("industry");
    query.source = req.query_param("source");
    if (const auto unit = req.query_param("unit_id")) {
        try {
            std::size_t used = 0;
            query.unit_id = std::stoll(*unit, &used);
            if (used != unit->size()) {
                throw std::invalid_argument("unit_id");
            }
        } catch (const std::exception&) {
            throw api_error(error_code::validation_failed, {},
                            {{"unit_id", {"field.must_be_integer", {}}}});
        }
    }
    return query;
}

}  // namespace zhaoyin::api
