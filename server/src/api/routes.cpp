#include "api/routes.hpp"

#include <array>

#include "core/error.hpp"

namespace zhaoyin::api {

void add_all_routes(http::router& routes, context& ctx) {
    add_system_routes(routes, ctx);
    add_reference_routes(routes, ctx);
}

bool anonymous_access::is_public(std::string_view permission) {
    static constexpr std::array<std::string_view, 6> public_permissions = {
        "system:health:read",      "system:clock:write",   "reference:unit:read",
        "reference:industry:read", "reference:stage:read", "reference:procedure_type:read",
    };
    for (const auto p : public_permissions) {
        if (p == permission) {
            return true;
        }
    }
    return false;
}

void anonymous_access::require(const http::request&, std::string_view permission) const {
    if (!is_public(permission)) {
        throw api_error(error_code::unauthenticated);
    }
}

}  // namespace zhaoyin::api
