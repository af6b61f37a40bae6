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

bool in_scope(const principal& who, const ownership& object) {
    switch (who.scope) {
        case scope_kind::all:
            return true;
        case scope_kind::unit:
        case scope_kind::unit_tree: {
            const auto visible = [&](std::int64_t unit) { return who.scope_units.contains(unit); };
            if (object.unit_id && visible(*object.unit_id)) {
                return true;
            }
            if (std::any_of(object.collaborating_units.begin(), object.collaborating_units.end(),
                            visible)) {
                return true;
            }
            return object.owner_user_id == who.user_id;
        }
        case scope_kind::self:
            return object.owner_user_id && *object.owner_user_id == who.user_id;
        case scope_kind::none:
            return false;
    }
    return false;
}

}  // namespace zhaoyin::service::identity
