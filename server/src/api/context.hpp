#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include <boost/asio/thread_pool.hpp>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "http/websocket_hub.hpp"
#include "service/identity/accounts.hpp"

namespace zhaoyin::api {

// What handlers need from the running program; built once by the application.
struct context {
    context(db::database& database, boost::asio::thread_pool& pool, const clock& time,
            test_clock* movable, http::websocket_hub& websockets, std::atomic<bool>& is_ready,
            service::identity::mode mode, bool secure)
        : db(database),
          db_pool(pool),
          now(time),
          movable_clock(movable),
          hub(websockets),
          ready(is_ready),
          run_mode(mode),
          secure_cookies(secure) {}

    db::database& db;
    boost::asio::thread_pool& db_pool;
    const clock& now;
    test_clock* movable_clock;  // non-null only when started with --test-clock
    http::websocket_hub& hub;
    std::atomic<bool>& ready;
    service::identity::mode run_mode;
    bool secure_cookies = false;
    std::string city = "qingdao";
    service::identity::login_rate_limit login_limit;
    // Set by the application: asks the background loop to deliver the outbox now, after a
    // commit that wrote to it, rather than at its next tick.
    std::function<void()> on_outbox_written;

    void wake_outbox() const {
        if (on_outbox_written) {
            on_outbox_written();
        }
    }
};

}  // namespace zhaoyin::api
