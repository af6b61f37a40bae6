#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "service/identity/accounts.hpp"
#include "service/identity/principal.hpp"
#include "store/supervision_store.hpp"

namespace zhaoyin::service::dispatch {

struct instruction_input {
    std::string text;
    std::optional<std::string> due_at;  // RFC 3339, after now; default from supervision.json
};

struct instruction_view {
    store::instruction_row instruction;
    bool overdue = false;  // unanswered past its due time
};

// A leader's (or the bureau's) instruction on a project in scope: a task for the undertaking
// unit (notification and live push), on the project's timeline, audited.
instruction_view give_instruction(db::database& db, const clock& now,
                                  const identity::principal& who, std::int64_t project_id,
                                  const instruction_input& input, const identity::origin& from,
                                  const std::string& city);
// Instructions for the caller's units' projects (all for the bureau and leaders), newest first.
std::pair<std::vector<instruction_view>, std::int64_t> list_instructions(
    db::database& db, const clock& now, const identity::principal& who,
    std::optional<bool> answered, int offset, int limit);
// The undertaking unit's answer, once; on the project's timeline and told to the author.
instruction_view respond_to_instruction(db::database& db, const clock& now,
                                        const identity::principal& who, std::int64_t id,
                                        const std::string& text, const identity::origin& from);

}  // namespace zhaoyin::service::dispatch
