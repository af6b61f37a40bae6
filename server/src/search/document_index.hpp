#pragma once

#include <cstdint>

#include "db/connection.hpp"
#include "store/search_store.hpp"

// Keeping the search index in step with what it covers. Every function runs on the caller's
// connection, inside the caller's transaction, so that a write and its index entry commit
// together.
namespace zhaoyin::search {

// Indexes a document if it is published, and removes it from the index otherwise (drafts,
// withdrawn and expired documents are not found). Called by the content service after each
// write of a document.
void index_document(db::connection& conn, std::int64_t document_id);
void remove_document(db::connection& conn, std::int64_t document_id);

// A document's index entry: title (with the English title) and body (summary, body text,
// English text and the strings of its type-specific fields), analysed.
store::search_entry document_entry(const store::document_source& document);

// Indexes a key project: its name, investor company and industry. A confidential project is
// indexed by its code name and industry only: its masked fields never reach the index, so no
// caller can find it by them. A project merged into another is removed.
void index_project(db::connection& conn, std::int64_t project_id);

struct rebuild_counts {
    std::int64_t documents = 0;
    std::int64_t projects = 0;
};

// Empties the index and indexes every published document and every live project again (after a
// demo data load, an analyzer or dictionary change, or from `zhaoyin admin reindex`).
rebuild_counts rebuild_index(db::connection& conn);

}  // namespace zhaoyin::search
