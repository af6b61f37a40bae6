#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/connection.hpp"
#include "db/database.hpp"
#include "store/notification_store.hpp"

namespace zhaoyin::service::notify {

// Something a person should know: `kind` names it (the UI words it), `subject` is what it is
// about (an intent's title), `link` where to open it.
struct notice {
    std::string kind;
    std::string subject;
    std::string link;
    std::string key;   // makes the outbound messages idempotent, e.g. "intent:7:overdue:3"
    bool sms = false;  // also text the person (urgent: a new item, an overdue one)
};

// Writes the notice to each user's notification centre and, in the same transaction, the live
// unread count (and the SMS when asked) to the outbox.
void notify_users(db::connection& conn, const clock& now, const std::vector<std::int64_t>& users,
                  const notice& what);

std::pair<std::vector<store::notification_row>, std::int64_t> list_notifications(
    db::database& db, std::int64_t user_id, int offset, int limit);
std::int64_t unread_notifications(db::database& db, std::int64_t user_id);
std::int64_t mark_notifications_read(db::database& db, const clock& now, std::int64_t user_id,
                                     const std::vector<std::int64_t>& ids);

}  // namespace zhaoyin::service::notify
