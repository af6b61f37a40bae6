#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "service/dispatch/projects.hpp"

namespace zhaoyin::service::dispatch {

// Intents, other projects and leader meetings that probably repeat the project (intake's
// duplicate test: the same credit code, or similar company and name), leaving out the intent
// and meeting it came from.
std::vector<possible_duplicate> possible_duplicates(db::connection& conn,
                                                    const store::project_row& project);

// Merges two projects in the caller's scope: the earlier registered survives and keeps both
// projects' sources (the first credited), updates, funds, stage dates and timeline; the other is
// marked merged into it and leaves the lists. Audited; returns the survivor.
project_view merge_projects(db::database& db, const clock& now, const identity::principal& who,
                            std::int64_t id, std::int64_t duplicate_id,
                            const identity::origin& from, const std::string& city);

}  // namespace zhaoyin::service::dispatch
