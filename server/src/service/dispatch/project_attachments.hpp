#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "service/identity/accounts.hpp"
#include "store/attachment_store.hpp"

namespace zhaoyin::service::dispatch {

// The units of a project attach files to it (checked like an intent's: intake's
// check_attachment); on the timeline and audited. The investor may not.
store::attachment_row attach_project_file(db::database& db, const clock& now,
                                          const identity::principal& who, std::int64_t project_id,
                                          const std::string& name, const std::string& bytes,
                                          const identity::origin& from);

// A file of a project the caller's units see, with its bytes; not found otherwise.
std::pair<store::attachment_row, std::string> read_project_file(db::database& db,
                                                                const identity::principal& who,
                                                                std::int64_t project_id,
                                                                std::int64_t attachment_id);

// The project's files, for its page.
store::attachment_store project_attachments(db::connection& conn);

}  // namespace zhaoyin::service::dispatch
