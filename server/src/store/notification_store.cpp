#include "store/notification_store.hpp"

namespace zhaoyin::store {

void notification_store::insert(const notification_row& n) {
    conn_.query(
        "INSERT INTO notification (user_id, kind, subject, link, created_at) VALUES ($1, $2, $3, "
        "$4, $5)",
        {n.user_id, n.kind, n.subject, n.link, n.created_at});
}

std::pair<std::vector<notification_row>, std::int64_t> notification_store::list(
    std::int64_t user_id, int offset, int limit) {
    const auto total =
        conn_.query("SELECT COUNT(*) FROM notification WHERE user_id = $1", {user_id})
            .integer(0, 0);
    const auto res = conn_.query(
        "SELECT id, user_id, kind, subject, link, created_at, read_at FROM notification WHERE "
        "user_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3",
        {user_id, std::int64_t(limit), std::int64_t(offset)});
    std::vector<notification_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.integer(r, 0), res.integer(r, 1), res.text(r, 2), res.text(r, 3),
                       res.text(r, 4), res.text(r, 5), res.optional_text(r, 6)});
    }
    return {out, total};
}

std::int64_t notification_store::unread(std::int64_t user_id) {
    return conn_
        .query("SELECT COUNT(*) FROM notification WHERE user_id = $1 AND read_at IS NULL",
               {user_id})
        .integer(0, 0);
}

void notification_store::mark_read(std::int64_t user_id, const std::vector<std::int64_t>& ids,
                                   const std::string& now) {
    if (ids.empty()) {
        conn_.query("UPDATE notification SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL",
                    {user_id, now});
        return;
    }
    for (const auto id : ids) {
        conn_.query(
            "UPDATE notification SET read_at = $3 WHERE id = $1 AND user_id = $2 AND read_at IS "
            "NULL",
            {id, user_id, now});
    }
}

std::optional<std::string> notification_store::phone_of(std::int64_t user_id) {
    const auto res = conn_.query("SELECT phone FROM user_account WHERE id = $1", {user_id});
    return res.empty() ? std::nullopt : res.optional_text(0, 0);
}

}  // namespace zhaoyin::store
