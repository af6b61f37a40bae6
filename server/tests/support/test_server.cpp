#include "support/test_server.hpp"

#include <spdlog/spdlog.h>

namespace zhaoyin::testing {

test_server::test_server(const scratch_database& db, options opts) {
    spdlog::set_level(spdlog::level::warn);
    app::config settings;
    settings.listen_host = "127.0.0.1";
    settings.listen_port = 0;
    settings.data_dir = data_dir_.path();
    settings.db = db.target();
    settings.web_root = opts.web_root.empty() ? data_dir_.path() + "/no-web" : opts.web_root;
    settings.threads = 2;
    settings.db_threads = 2;
    settings.test_clock = opts.test_clock;
    settings.demo = opts.demo;
    settings.demo_history = opts.demo_history;
    settings.demo_password = demo_password;
    app_ = std::make_unique<app::application>(settings);
    port_ = app_->start();
    if (opts.before_serving) {
        opts.before_serving(*app_);
    }
    runner_ = std::thread([this] { app_->run(); });
}

void test_server::stop() {
    if (runner_.joinable()) {
        app_->shutdown();
        runner_.join();
    }
}

test_server::~test_server() {
    stop();
}

}  // namespace zhaoyin::testing
