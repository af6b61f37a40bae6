#include "service/identity/principal.hpp"

#include <algorithm>
#include <stdexcept>

namespace zhaoyin::service::identity {

scope_kind parse_scope(const std::string& text) {
    if (text == "none") {
        return scope_kind::none;
    }
    if (text == "self") {
        return scope_kind::self;
    }
    if (text == "unit") {
        return scope_kind::unit;
    }
    if (text == "unit_tree") {
        return scope_kind::unit_tree;
    }
    if (text == "all") {
        return scope_kind::all;
    }
    throw std::invalid_argument("unknown scope " + text);
}

std::string principal::roles_text() const {
    std::string out;
    for (const auto& role : roles) {
        out += (out.empty() ? "" : ",") + role;
    }
    return out;
}

list_scope list_scope_of(const principal& who) {
    list_scope out;
    switch (who.scope) {
        case scope_kind::all:
            out.everything = true;
            break;
        case scope_kind::unit:
        case scope_kind::unit_tree:
            out.units.assign(who.scope_units.begin(), who.scope_units.end());
            out.owner_user_id = who.user_id;
            break;
        case scope_kind::self:
            out.owner_user_id = who.user_id;
            break;
        case scope_kind::none:
            break;
    }
    return out;
}

bool in_scope(const principal& who, const ownership& object) {
    const list_scope scope = list_scope_of(who);
    if (scope.everything) {
        return true;
    }
    if (scope.owner_user_id && object.owner_user_id == scope.owner_user_id) {
        return true;
    }
    const auto covered = [&](std::int64_t unit) {
        return std::find(scope.units.begin(), scope.units.end(), unit) != scope.units.end();
    };
    return (object.unit_id && covered(*object.unit_id)) ||
           std::any_of(object.collaborating_units.begin(), object.collaborating_units.end(),
                       covered);
}

}  // namespace zhaoyin::service::identity
