#include "api/identity_json.hpp"

#include "api/json_io.hpp"
#include "core/masking.hpp"
#include "core/time_format.hpp"

namespace zhaoyin::api {

namespace json = boost::json;

json::object account_json(const service::identity::account_view& view) {
    const auto& u = view.user;
    json::array roles;
    for (const auto& role : u.roles) {
        roles.emplace_back(role);
    }
    json::value unit = nullptr;
    if (view.unit) {
        unit = json::object{{"id", view.unit->id},
                            {"name_zh", view.unit->name_zh},
                            {"name_en", view.unit->name_en}};
    }
    json::value company = nullptr;
    if (view.company && u.company_id) {
        company = json::object{{"id", *u.company_id}, {"name", *view.company}};
    }
    const auto created = parse_rfc3339(u.created_at);
    return {{"id", u.id},
            {"login_name", optional_json(u.login_name)},
            {"name", u.name},
            {"phone_masked", u.phone ? json::value(mask_phone(*u.phone)) : json::value(nullptr)},
            {"email", optional_json(u.email)},
            {"roles", std::move(roles)},
            {"unit", std::move(unit)},
            {"company", std::move(company)},
            {"status", u.status},
            {"totp_enabled", u.totp_enabled},
            {"is_demo", u.is_demo},
            {"created_at", created ? json::value(format_cst(*created)) : json::value(nullptr)}};
}

json::object me_json(const service::identity::account_view& view,
                     const service::identity::principal& who) {
    json::object out = account_json(view);
    json::array permissions;
    for (const auto& p : who.permissions) {
        permissions.emplace_back(p);
    }
    out["permissions"] = std::move(permissions);
    // Whether business reads reach every unit (the live client then listens to all of them).
    out["sees_all_units"] = who.scope == service::identity::scope_kind::all;
    // The units whose records the caller may write (the console's unit pickers offer only them);
    // null when that is every unit.
    if (who.scope == service::identity::scope_kind::all) {
        out["scope_unit_ids"] = nullptr;
    } else {
        json::array units;
        for (const auto id : who.scope_units) {
            units.emplace_back(id);
        }
        out["scope_unit_ids"] = std::move(units);
    }
    out["must_change_password"] = who.must_change_password;
    out["totp_setup_required"] = who.totp_setup_required;
    return out;
}

}  // namespace zhaoyin::api
