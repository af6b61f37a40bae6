#include "api/dashboard_query.hpp"

#include <string>
#include "api/json_io.hpp"

#include "core/error.hpp"

namespace zhaoyin::api {

namespace dashboard = service::dashboard;

dashboard::dashboard_query dashboard_query_of(const http::request& req) {
    dashboard::dashboard_query query;
    query.period = req.query_param("period");
    query.industry = req.query_param("industry");
    query.source = req.query_param("source");
    field_errors errors;
    query.unit_id = integer_param(req, "unit_id", errors);
    errors.throw_if_any();
    return query;
}

}  // namespace zhaoyin::api
