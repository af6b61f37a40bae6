#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "app/application.hpp"
#include "support/engines.hpp"

namespace zhaoyin::testing {

// The real server, in this process, on an ephemeral loopback port, against a scratch database.
class test_server {
  public:
    struct options {
        bool test_clock = true;
        bool demo = true;
        bool demo_history = false;  // the 121 demo intents; most tests count their own
        std::string web_root;       // empty: none
        // Called after start() and before serving, e.g. to add a route for a test.
        std::function<void(app::application&)> before_serving;
    };

    explicit test_server(const scratch_database& db) : test_server(db, options{}) {}
    test_server(const scratch_database& db, options opts);
    ~test_server();

    unsigned short port() const { return port_; }
    app::application& application() { return *app_; }
    // Starts a graceful shutdown and waits for the server to stop.
    void stop();

    static constexpr const char* demo_password = "Test-Demo-Pass-1";

  private:
    scratch_dir data_dir_;
    std::unique_ptr<app::application> app_;
    std::thread runner_;
    unsigned short port_ = 0;
};

}  // namespace zhaoyin::testing
