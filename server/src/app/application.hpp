#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "app/config.hpp"
#include "core/clock.hpp"
#include "http/router.hpp"
#include "http/websocket_hub.hpp"

namespace zhaoyin::app {

// The running program: configuration → database → migrations → reference data → routes →
// listener, and a graceful shutdown that undoes it in order.
class application {
  public:
    explicit application(config settings);
    ~application();
    application(const application&) = delete;
    application& operator=(const application&) = delete;

    // Opens and prepares the database and binds the listener; throws when any step fails.
    // Returns the bound port.
    unsigned short start();
    // Serves on the configured number of threads until shutdown completes; SIGTERM and SIGINT
    // start the shutdown.
    void run();
    // Starts a graceful shutdown from any thread: stop accepting, report not ready, let
    // requests in flight finish (at most 30 s), close the database.
    void shutdown();

    std::string url() const;
    http::websocket_hub& hub();
    // The route table; tests may add routes between start() and run().
    http::router& routes();
    const clock& time() const;

  private:
    // Delivers outbox messages after commit (woken by the commit, else every half second) and
    // sweeps intake deadlines every second.
    void start_outbox();

    struct parts;
    std::unique_ptr<parts> parts_;
};

// Applies migrations to the configured database and returns how many were applied.
int migrate_only(const config& settings);

}  // namespace zhaoyin::app
