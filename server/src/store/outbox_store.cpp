#include "store/outbox_store.hpp"

namespace zhaoyin::store {
namespace {

constexpr const char* columns =
    "id, idempotency_key, channel, recipient, payload, created_at, attempts, next_attempt_at, "
    "delivered_at, last_error";

outbox_row row_from(const db::result& res, std::size_t r) {
    return {res.integer(r, 0),       res.text(r, 1),         res.text(r, 2),         res.text(r, 3),
            res.text(r, 4),          res.text(r, 5),         int(res.integer(r, 6)), res.text(r, 7),
            res.optional_text(r, 8), res.optional_text(r, 9)};
}

}  // namespace

bool outbox_store::insert(const outbox_row& row) {
    return conn_
               .query(
                   "INSERT INTO outbox_message (idempotency_key, channel, recipient, payload, "
                   "created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $5) "
                   "ON CONFLICT (idempotency_key) DO NOTHING",
                   {row.idempotency_key, row.channel, row.recipient, row.payload, row.created_at})
               .affected == 1;
}

std::vector<outbox_row> outbox_store::due(const std::string& now, int limit) {
    const auto res = conn_.query(std::string("SELECT ") + columns +
                                     " FROM outbox_message WHERE delivered_at IS NULL AND "
                                     "next_attempt_at <= $1 ORDER BY id LIMIT $2",
                                 {now, std::int64_t(limit)});
    std::vector<outbox_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(row_from(res, r));
    }
    return out;
}

void outbox_store::mark_delivered(std::int64_t id, const std::string& now) {
    conn_.query(
        "UPDATE outbox_message SET delivered_at = $2, attempts = attempts + 1 WHERE id = $1",
        {id, now});
}

void outbox_store::mark_failed(std::int64_t id, int attempts, const std::string& next_attempt_at,
                               const std::string& error) {
    conn_.query(
        "UPDATE outbox_message SET attempts = $2, next_attempt_at = $3, last_error = $4 "
        "WHERE id = $1",
        {id, std::int64_t(attempts), next_attempt_at, error.substr(0, 500)});
}

std::optional<outbox_row> outbox_store::find_by_key(const std::string& key) {
    const auto res = conn_.query(
        std::string("SELECT ") + columns + " FROM outbox_message WHERE idempotency_key = $1",
        {key});
    return res.empty() ? std::nullopt : std::optional<outbox_row>(row_from(res, 0));
}

}  // namespace zhaoyin::store
