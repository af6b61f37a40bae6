#pragma once

#include <atomic>
#include <optional>

#include <boost/asio/thread_pool.hpp>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "http/websocket_hub.hpp"

namespace zhaoyin::api {

// What handlers need from the running program; built once by the application.
struct context {
    db::database& db;
    boost::asio::thread_pool& db_pool;
    const clock& now;
    test_clock* movable_clock;  // non-null only when started with --test-clock
    http::websocket_hub& hub;
    std::atomic<bool>& ready;
};

}  // namespace zhaoyin::api
