#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::store {

struct attachment_row {
    std::int64_t id = 0;
    std::int64_t owner_id = 0;  // the intent or project the file belongs to
    std::string name;
    std::string content_type;
    std::int64_t size_bytes = 0;
    std::int64_t uploaded_by = 0;
    std::string created_at;
};

// Files kept with a record: each kind of record (intents, key projects) has its own table with
// the same columns, the owner named by `owner_column`. The content is base64 text, so that both
// engines store and return it through the same text parameters.
class attachment_store {
  public:
    // Both names come from the code, never from a request.
    attachment_store(db::connection& conn, std::string table, std::string owner_column)
        : conn_(conn), table_(std::move(table)), owner_column_(std::move(owner_column)) {}

    std::int64_t insert_attachment(const attachment_row& meta, const std::string& content_base64);
    std::vector<attachment_row> attachments_of(std::int64_t owner_id);
    // The attachment's metadata and base64 content, if it belongs to the owner.
    std::optional<std::pair<attachment_row, std::string>> attachment(std::int64_t owner_id,
                                                                     std::int64_t id);

  private:
    std::string columns() const;

    db::connection& conn_;
    std::string table_;
    std::string owner_column_;
};

}  // namespace zhaoyin::store
