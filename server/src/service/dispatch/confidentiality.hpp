#pragma once

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "service/identity/accounts.hpp"
#include "service/identity/principal.hpp"
#include "store/project_store.hpp"

namespace zhaoyin::service::dispatch {

// What stands in for a confidential value.
inline constexpr const char* masked_value = "***";

// Who may see a confidential project's secrets: holders of dispatch:project:confidential and
// members of the undertaking unit.
bool cleared_for(const identity::principal& who, const store::project_row& project);

// Masks a confidential project's investor company, credit code, amount and negotiation notes
// in place; callers who are not cleared also see its code name in place of its name. Lists,
// pages and exports all mask through here; a cleared caller reveals the values on purpose.
void mask_confidential(store::project_row& project, bool cleared);
void mask_funds(std::vector<store::fund_row>& funds);

// A confidential project's values in clear, for a caller who asked to see them.
struct revealed_project {
    store::project_row project;
    std::vector<store::fund_row> funds;
};

// Reveals the values to a cleared caller in scope and records who saw what, when, in the audit
// trail; 403 for anyone else in scope, 404 out of it.
revealed_project reveal_project(db::database& db, const clock& now, const identity::principal& who,
                                std::int64_t id, const identity::origin& from);

}  // namespace zhaoyin::service::dispatch
