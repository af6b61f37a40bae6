#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace zhaoyin::service::identity {

// How far a caller's business reads reach. The widest scope among the caller's roles applies.
enum class scope_kind { none, self, unit, unit_tree, all };

scope_kind parse_scope(const std::string& text);

// The signed-in caller of one request, as the session and roles define it.
struct principal {
    std::int64_t user_id = 0;
    std::int64_t session_id = 0;
    std::string login;  // login name, else masked phone or e-mail: safe to log
    std::string name;
    std::vector<std::string> roles;
    std::set<std::string> permissions;
    std::optional<std::int64_t> unit_id;
    std::optional<std::int64_t> company_id;
    scope_kind scope = scope_kind::none;
    // The caller's unit and, for unit_tree, every unit below it.
    std::set<std::int64_t> scope_units;
    std::string csrf_token;
    bool must_change_password = false;
    bool totp_setup_required = false;

    bool has(const std::string& permission) const { return permissions.contains(permission); }
    std::string roles_text() const;
};

// What a business object says about who may see it.
struct ownership {
    std::optional<std::int64_t> owner_user_id;
    std::optional<std::int64_t> unit_id;
    std::vector<std::int64_t> collaborating_units;
};

// What a caller's scope covers, in the form list queries need: everything, or records the
// caller owns and records of (or shared with) these units.
struct list_scope {
    bool everything = false;
    std::optional<std::int64_t> owner_user_id;
    std::vector<std::int64_t> units;
};

list_scope list_scope_of(const principal& who);

// The one decision on object access, built on list_scope_of so that single reads, lists,
// counts, searches and exports agree. Out of scope reads as not found.
bool in_scope(const principal& who, const ownership& object);

}  // namespace zhaoyin::service::identity
