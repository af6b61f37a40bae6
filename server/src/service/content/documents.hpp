#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "service/identity/accounts.hpp"
#include "service/identity/principal.hpp"
#include "store/attachment_store.hpp"
#include "store/document_store.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::content {

// A new document. unit_id defaults to the caller's unit; region to the unit's region.
struct document_input {
    std::string type;
    std::optional<std::int64_t> unit_id;
    std::optional<std::string> region;
    std::optional<std::string> dimension;
    std::vector<std::string> industries;
    std::string title;
    std::string summary;
    std::string body_html;  // sanitised before it is stored
    std::optional<std::string> title_en;
    std::optional<std::string> summary_en;
    std::optional<std::string> body_html_en;
    std::optional<std::string> issued_on;
    std::optional<std::string> effective_on;
    std::optional<std::string> expires_on;
    std::string details = "{}";  // JSON object text
};

// PATCH: only what is present changes; an empty optional text or date clears it.
struct document_changes {
    std::optional<std::string> region;
    std::optional<std::string> dimension;
    std::optional<std::vector<std::string>> industries;
    std::optional<std::string> title;
    std::optional<std::string> summary;
    std::optional<std::string> body_html;
    std::optional<std::string> title_en;
    std::optional<std::string> summary_en;
    std::optional<std::string> body_html_en;
    std::optional<std::string> issued_on;
    std::optional<std::string> effective_on;
    std::optional<std::string> expires_on;
    std::optional<std::string> details;
    std::vector<std::string> unknown_fields;  // refused with the other bad fields
};

// A document as one caller sees it.
struct document_view {
    store::document_row document;
    std::vector<store::attachment_row> attachments;
    std::int64_t versions = 0;              // previous versions kept
    std::vector<store::document_row> faqs;  // published FAQs asked on this page
    bool editable = false;                  // the caller may edit it
    std::optional<store::unit_row> desk;    // a lounge page's desk to contact
};

struct document_query {
    std::optional<std::string> type;
    std::optional<std::string> region;
    std::optional<std::string> dimension;
    std::optional<std::string> industry;
    std::optional<std::string> status;
    std::optional<bool> valid;  // true: in force today; false: not in force today
    // Without `valid` or `status`, expired documents are left out unless asked for: readers see
    // what is in force (and announced) first.
    bool include_expired = false;
    std::string text;
    int offset = 0;
    int limit = 20;
};

// An FAQ the consultation service publishes from an answered question (anonymised text).
struct faq_input {
    std::string context_type;  // the page asked on: policy, news, …, park, project, general
    std::optional<std::int64_t> context_id;
    std::string question;
    std::string answer;
    std::int64_t unit_id = 0;  // the answering unit publishes it
    // The English text, when the publisher gives one (the English portal shows it).
    std::optional<std::string> question_en;
    std::optional<std::string> answer_en;
};

// A directory phone: digits with an optional leading +, and spaces, dashes or parentheses
// between them (0532-85911000, 400-800-1234, +86 532 8591 1000). Parks' contact phones too.
bool valid_directory_phone(const std::string& phone);

// The document types, and the statuses everyone may read.
bool is_document_type(const std::string& type);

// A document the caller may read (published or expired for everyone; any status for the
// writers of its unit and the bureau); not found otherwise. `who` is null for anonymous
// callers.
store::document_row document_in_scope(store::document_store& store, const identity::principal* who,
                                      std::int64_t id);

document_view view_document(db::database& db, const clock& now, const identity::principal* who,
                            std::int64_t id);

std::pair<std::vector<store::document_row>, std::int64_t> list_documents(
    db::database& db, const clock& now, const identity::principal* who,
    const document_query& query);

// The previous versions of a document the caller may read, newest first.
std::vector<store::document_version_row> document_versions(db::database& db,
                                                           const identity::principal* who,
                                                           std::int64_t id);

// Checks a new document as `who` would write it (every bad field named in one 422) and returns
// it as a draft ready to store, bodies sanitised: what creation and the demo loader share.
store::document_row checked_new_document(db::connection& conn, const identity::principal& who,
                                         const document_input& input);

// Keeps the search index in step with the document, in the caller's transaction: a published
// document is (re)indexed, any other status leaves the index.
void sync_search_index(db::connection& conn, const store::document_row& document);

// Validates every field at once (422, nothing stored) and stores a draft; audited.
document_view create_document(db::database& db, const clock& now, const identity::principal& who,
                              const document_input& input, const identity::origin& from,
                              const std::string& city);

// Edits a document of the caller's units, keeping the replaced version; audited, and a
// published document is indexed again in the same transaction.
document_view edit_document(db::database& db, const clock& now, const identity::principal& who,
                            std::int64_t id, const document_changes& changes,
                            const identity::origin& from, const std::string& city);

// The workflow: submit (draft → pending_review), publish (draft or pending_review → published;
// a type the city reviews is published by the bureau only), withdraw (published or
// pending_review → withdrawn). Each audited; 409 from any other status.
document_view submit_document(db::database& db, const clock& now, const identity::principal& who,
                              std::int64_t id, const identity::origin& from);
document_view publish_document(db::database& db, const clock& now, const identity::principal& who,
                               std::int64_t id, const identity::origin& from,
                               const std::string& city);
document_view withdraw_document(db::database& db, const clock& now, const identity::principal& who,
                                std::int64_t id, const identity::origin& from);

// Publishes an FAQ under the page it was asked on, inside the caller's transaction (the
// consultation's publish step); audited and indexed there too. 422 naming question, answer or
// context_type when they are empty or unknown.
store::document_row create_faq(db::connection& conn, const clock& now,
                               const identity::principal& who, const identity::origin& from,
                               const faq_input& input);

// Published documents past their expiry date (China Standard Time) become expired; each is
// audited and leaves the search index. Returns how many.
int sweep_expired_documents(db::database& db, const clock& now);

// Files of a document: its unit's writers attach; whoever may read the document downloads.
store::attachment_row attach_document_file(db::database& db, const clock& now,
                                           const identity::principal& who, std::int64_t document_id,
                                           const std::string& name, const std::string& bytes,
                                           const identity::origin& from);
std::pair<store::attachment_row, std::string> read_document_file(db::database& db,
                                                                 const identity::principal* who,
                                                                 std::int64_t document_id,
                                                                 std::int64_t attachment_id);

}  // namespace zhaoyin::service::content
