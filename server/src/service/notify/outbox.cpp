#include "service/notify/outbox.hpp"

#include <fstream>
#include <stdexcept>
#include <vector>

#include <boost/json.hpp>

#include "core/time_format.hpp"

namespace zhaoyin::service::notify {

void enqueue(db::connection& conn, const clock& now, const outbound& message) {
    store::outbox_row row;
    row.idempotency_key = message.idempotency_key;
    row.channel = message.channel;
    row.recipient = message.recipient;
    row.payload = message.payload;
    row.created_at = format_utc(now.now());
    store::outbox_store(conn).insert(row);
}

void file_channel::deliver(const store::outbox_row& message) {
    std::lock_guard lock(mutex_);
    const auto path = directory_ / (message.channel + ".jsonl");
    std::ofstream out(path, std::ios::app);
    if (!out) {
        throw std::runtime_error("cannot open " + path.string());
    }
    boost::json::object line{{"key", message.idempotency_key},
                             {"to", message.recipient},
                             {"created_at", message.created_at},
                             {"payload", boost::json::parse(message.payload)}};
    out << boost::json::serialize(line) << '\n';
    out.flush();
    if (!out) {
        throw std::runtime_error("cannot write " + path.string());
    }
}

delivery_report deliver_due(db::database& db, const clock& now,
                            const std::map<std::string, channel*>& channels, int batch) {
    const auto due = db.read([&](db::connection& conn) {
        return store::outbox_store(conn).due(format_utc(now.now()), batch);
    });
    delivery_report report;
    report.more = due.size() == std::size_t(batch);
    if (due.empty()) {
        return report;
    }
    std::vector<std::string> errors(due.size());
    for (std::size_t i = 0; i < due.size(); ++i) {
        try {
            const auto found = channels.find(due[i].channel);
            if (found == channels.end()) {
                throw std::runtime_error("no adapter for channel " + due[i].channel);
            }
            found->second->deliver(due[i]);
        } catch (const std::exception& ex) {
            errors[i] = ex.what();
        }
        (errors[i].empty() ? report.delivered : report.failed) += 1;
    }
    // One transaction (one disk sync) records the whole batch; a crash before it sends the
    // batch again, which at-least-once delivery allows.
    db.transaction([&](db::connection& conn) {
        store::outbox_store store(conn);
        const auto stamp = format_utc(now.now());
        for (std::size_t i = 0; i < due.size(); ++i) {
            if (errors[i].empty()) {
                store.mark_delivered(due[i].id, stamp);
            } else {
                const int attempts = due[i].attempts + 1;
                const auto delay = std::chrono::seconds(std::min(600, 1 << std::min(attempts, 10)));
                store.mark_failed(due[i].id, attempts, format_utc(now.now() + delay), errors[i]);
            }
        }
    });
    return report;
}

}  // namespace zhaoyin::service::notify
