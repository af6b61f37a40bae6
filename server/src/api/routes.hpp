#pragma once

#include "api/context.hpp"
#include "http/dispatcher.hpp"
#include "http/router.hpp"

namespace zhaoyin::api {

// The route table: each domain adds its own routes, each naming its permission.
void add_system_routes(http::router& routes, context& ctx);
void add_reference_routes(http::router& routes, context& ctx);
void add_all_routes(http::router& routes, context& ctx);

// Until identity lands, callers are anonymous and may use only the public permissions.
class anonymous_access final : public http::access_policy {
  public:
    void require(const http::request& req, std::string_view permission) const override;
    static bool is_public(std::string_view permission);
};

}  // namespace zhaoyin::api
