#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "service/audit/audit_trail.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::reference {

struct load_outcome {
    bool loaded = false;  // false when the city was already in the database
    std::size_t units = 0;
};

// Loads a shipped city's reference data (data/cities/<city>/*.json, compiled into the binary)
// in one transaction, the first time only. Unknown city: std::invalid_argument.
load_outcome load_city(db::database& db, const std::string& city, const clock& now);
std::vector<std::string> shipped_cities();

struct unit_node {
    store::unit_row unit;
    std::vector<unit_node> children;
};

// The whole unit tree, roots first, children in their sort order.
std::vector<unit_node> unit_tree(db::connection& conn);

struct unit_detail {
    store::unit_row unit;
    std::optional<store::unit_row> parent;
    std::vector<store::unit_row> children;
};

std::optional<unit_detail> find_unit_detail(db::connection& conn, std::int64_t id);

struct unit_changes {
    std::optional<std::string> name_zh;
    std::optional<std::string> name_en;
    std::optional<std::optional<std::string>> phone;
    std::optional<std::vector<std::string>> leading_industries;
    std::optional<std::vector<std::string>> leading_industries_en;
};

// A system administrator corrects a unit's names, phone or leading industries; audited.
store::unit_row update_unit(db::database& db, const clock& now, const audit::actor& who,
                            std::int64_t unit_id, const unit_changes& changes);

}  // namespace zhaoyin::service::reference
