#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "service/identity/accounts.hpp"
#include "store/intake_store.hpp"

namespace zhaoyin::service::intake {

constexpr std::size_t max_attachment_bytes = 10 * 1024 * 1024;
constexpr std::size_t max_attachments_per_intent = 10;

// The type of a file from its first bytes, whatever its name says: PDF, PNG, JPEG or WebP;
// nullopt for anything else.
std::optional<std::string> sniff_content_type(std::string_view bytes);

// The investor attaches a file to their own intent; the step is on the timeline and audited.
store::attachment_row attach_file(db::database& db, const clock& now,
                                  const identity::principal& who, std::int64_t intent_id,
                                  const std::string& name, const std::string& bytes,
                                  const identity::origin& from);

// A file of an intent the caller may see, with its bytes.
std::pair<store::attachment_row, std::string> read_attachment(db::database& db,
                                                              const identity::principal& who,
                                                              std::int64_t intent_id,
                                                              std::int64_t attachment_id);

}  // namespace zhaoyin::service::intake
