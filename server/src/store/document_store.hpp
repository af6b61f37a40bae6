#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::store {

// A policy, news item, fee regulation, cost table, directory entry, lounge page or FAQ.
struct document_row {
    std::int64_t id = 0;
    std::string type;
    std::int64_t unit_id = 0;
    std::string region;                    // a unit code; the city's for city-wide documents
    std::optional<std::string> dimension;  // policies: investment_policy | investment_cost | talent
    std::vector<std::string> industries;   // chain codes
    std::string title;
    std::string summary;
    std::string body_html;  // sanitised
    std::optional<std::string> title_en;
    std::optional<std::string> summary_en;
    std::optional<std::string> body_html_en;
    std::optional<std::string> issued_on;  // YYYY-MM-DD
    std::optional<std::string> effective_on;
    std::optional<std::string> expires_on;
    std::string status;  // draft | pending_review | published | expired | withdrawn
    int version = 1;
    std::string details = "{}";               // the type's own fields, JSON
    std::optional<std::string> context_type;  // FAQs: the page asked on
    std::optional<std::int64_t> context_id;
    bool illustrative = false;
    std::int64_t created_by = 0;
    std::string created_at;
    std::int64_t updated_by = 0;
    std::string updated_at;
    std::optional<std::string> published_at;
    std::optional<std::int64_t> published_by;
    // Read only: the publishing unit's names.
    std::string unit_name_zh;
    std::string unit_name_en;
};

// A previous version of a document, as it was before an edit replaced it.
struct document_version_row {
    int version = 0;
    std::string snapshot;  // JSON
    std::int64_t written_by = 0;
    std::string written_by_name;  // read only
    std::string written_at;
};

// What a document list (or search) asks for. The scope: published documents for everyone,
// and any status of the documents of `units` (the caller's own unit drafts) or of everything.
struct document_filter {
    bool every_status = false;        // the bureau: drafts and reviews of every unit too
    std::vector<std::int64_t> units;  // these units' documents in any status
    std::optional<std::string> type;
    std::optional<std::string> region;
    std::optional<std::string> dimension;
    std::optional<std::string> industry;
    std::optional<std::string> status;
    std::optional<std::string> valid_on;      // in force on this date (YYYY-MM-DD)
    std::optional<std::string> not_valid_on;  // not (or no longer, or not yet) in force then
    std::optional<std::string> unexpired_on;  // not expired then (in force or not yet)
    std::optional<std::string> context_type;
    std::optional<std::int64_t> context_id;
    std::string text;  // in the title or summary
    int offset = 0;
    int limit = 20;
};

// The WHERE conditions (without "WHERE", on alias `d`) of a document filter, its values bound
// into `params`: lists and search select documents the same way.
std::string document_conditions(const document_filter& filter, std::vector<db::param>& params);

class document_store {
  public:
    explicit document_store(db::connection& conn) : conn_(conn) {}

    std::int64_t insert_document(const document_row& document);
    std::optional<document_row> find_document(std::int64_t id);
    // Writes every editable field, the status, the version and the industries.
    void update_document(const document_row& document);
    std::pair<std::vector<document_row>, std::int64_t> list_documents(
        const document_filter& filter);
    // Published documents whose expiry date is before `today`.
    std::vector<document_row> published_expired_before(const std::string& today);

    void insert_version(std::int64_t document_id, const document_version_row& version);
    std::vector<document_version_row> versions_of(std::int64_t document_id);
    std::int64_t count_versions(std::int64_t document_id);

  private:
    void write_industries(std::int64_t id, const std::vector<std::string>& industries);
    void read_industries(std::vector<document_row>& documents);

    db::connection& conn_;
};

}  // namespace zhaoyin::store
