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

// Checks a file before it joins a record that holds `attached` files already: a plain name, a
// PDF or image by its content, at most max_attachments_per_intent files. Returns the content
// type; 422 naming `name` or `file` otherwise. Intents and key projects share it.
std::string check_attachment(const std::string& name, const std::string& bytes,
                             std::size_t attached);

// Checks `bytes` and keeps them as a new file of the owner, uploaded now by `who`. Intents and
// key projects share it; the caller checks scope, notes the timeline and audits.
store::attachment_row keep_file(store::attachment_store& files, const clock& now,
                                const identity::principal& who, std::int64_t owner_id,
                                const std::string& name, const std::string& bytes);

// The owner's file with its bytes; 404 when the file belongs to another owner.
std::pair<store::attachment_row, std::string> stored_file(store::attachment_store& files,
                                                          std::int64_t owner_id,
                                                          std::int64_t attachment_id);

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
