#pragma once

#include "http/message.hpp"
#include "service/dashboard/modules.hpp"

namespace zhaoyin::api {

// The filters every dashboard module takes (period, unit_id, industry, source) as given; a
// unit id that is not a whole number is a 422 naming it. The modules check the rest.
service::dashboard::dashboard_query dashboard_query_of(const http::request& req);

}  // namespace zhaoyin::api
