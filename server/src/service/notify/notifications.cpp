#include "service/notify/notifications.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/time_format.hpp"
#include "service/notify/outbox.hpp"

namespace zhaoyin::service::notify {

namespace json = boost::json;

void notify_users(db::connection& conn, const clock& now, const std::vector<std::int64_t>& users,
                  const notice& what) {
    store::notification_store store(conn);
    const auto stamp = format_utc(now.now());
    for (const auto user : users) {
        store.insert({0, user, what.kind, what.subject, what.link, stamp, std::nullopt});
        enqueue(conn, now,
                {fmt::format("{}:notice:{}", what.key, user), "push", fmt::format("user:{}", user),
                 json::serialize(
                     json::object{{"type", "notification"}, {"unread", store.unread(user)}})});
        if (what.sms) {
            if (const auto phone = store.phone_of(user)) {
                enqueue(
                    conn, now,
                    {fmt::format("{}:sms:{}", what.key, user), "sms", *phone,
                     json::serialize(json::object{
                         {"kind", what.kind}, {"subject", what.subject}, {"link", what.link}})});
            }
        }
    }
}

std::pair<std::vector<store::notification_row>, std::int64_t> list_notifications(
    db::database& db, std::int64_t user_id, int offset, int limit) {
    return db.read([&](db::connection& conn) {
        return store::notification_store(conn).list(user_id, offset, limit);
    });
}

std::int64_t unread_notifications(db::database& db, std::int64_t user_id) {
    return db.read(
        [&](db::connection& conn) { return store::notification_store(conn).unread(user_id); });
}

std::int64_t mark_notifications_read(db::database& db, const clock& now, std::int64_t user_id,
                                     const std::vector<std::int64_t>& ids) {
    return db.transaction([&](db::connection& conn) {
        store::notification_store store(conn);
        store.mark_read(user_id, ids, format_utc(now.now()));
        return store.unread(user_id);
    });
}

}  // namespace zhaoyin::service::notify
