#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <string>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "store/outbox_store.hpp"

namespace zhaoyin::service::notify {

// One message to send: `recipient` is a push topic, a phone number or an e-mail address.
struct outbound {
    std::string idempotency_key;  // the same key is written once; receivers may see it twice
    std::string channel;          // push | sms | email
    std::string recipient;
    std::string payload;  // JSON
};

// Writes the message on the caller's connection: call it inside the transaction of the change
// that causes it, so that the message exists exactly when the change does.
void enqueue(db::connection& conn, const clock& now, const outbound& message);

// Where messages of one channel go. Throws when delivery failed; the outbox retries later.
class channel {
  public:
    virtual ~channel() = default;
    virtual void deliver(const store::outbox_row& message) = 0;
};

// The default SMS and e-mail adapter: appends each message as a JSON line to
// <directory>/<channel>.jsonl, for an operator's gateway to pick up (or for a demo to show).
class file_channel final : public channel {
  public:
    explicit file_channel(std::filesystem::path directory) : directory_(std::move(directory)) {}
    void deliver(const store::outbox_row& message) override;

  private:
    std::filesystem::path directory_;
    std::mutex mutex_;
};

struct delivery_report {
    int delivered = 0;
    int failed = 0;
    bool more = false;  // the batch was full: more may be due at once
};

// Delivers the messages that are due, oldest first, and records the batch in one transaction;
// a failure is retried with a growing delay (2, 4, 8 … seconds, at most ten minutes). Delivered
// at least once: a crash between sending and recording sends the batch again.
delivery_report deliver_due(db::database& db, const clock& now,
                            const std::map<std::string, channel*>& channels, int batch = 100);

}  // namespace zhaoyin::service::notify
