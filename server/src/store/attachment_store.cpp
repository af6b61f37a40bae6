#include "store/attachment_store.hpp"

namespace zhaoyin::store {

namespace {

attachment_row attachment_at(const db::result& res, std::size_t r) {
    return {res.integer(r, 0), res.integer(r, 1), res.text(r, 2), res.text(r, 3),
            res.integer(r, 4), res.integer(r, 5), res.text(r, 6)};
}

}  // namespace

std::string attachment_store::columns() const {
    return "id, " + owner_column_ + ", name, content_type, size_bytes, uploaded_by, created_at";
}

std::int64_t attachment_store::insert_attachment(const attachment_row& a,
                                                 const std::string& content_base64) {
    return conn_
        .query("INSERT INTO " + table_ + " (" + owner_column_ +
                   ", name, content_type, size_bytes, content_base64, uploaded_by, created_at) "
                   "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
               {a.owner_id, a.name, a.content_type, a.size_bytes, content_base64, a.uploaded_by,
                a.created_at})
        .integer(0, 0);
}

std::vector<attachment_row> attachment_store::attachments_of(std::int64_t owner_id) {
    const auto res = conn_.query(
        "SELECT " + columns() + " FROM " + table_ + " WHERE " + owner_column_ + " = $1 ORDER BY id",
        {owner_id});
    std::vector<attachment_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(attachment_at(res, r));
    }
    return out;
}

std::optional<std::pair<attachment_row, std::string>> attachment_store::attachment(
    std::int64_t owner_id, std::int64_t id) {
    const auto res = conn_.query("SELECT " + columns() + ", content_base64 FROM " + table_ +
                                     " WHERE " + owner_column_ + " = $1 AND id = $2",
                                 {owner_id, id});
    if (res.empty()) {
        return std::nullopt;
    }
    return std::pair{attachment_at(res, 0), res.text(0, 7)};
}

}  // namespace zhaoyin::store
