#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace zhaoyin::app {

struct config {
    std::string listen_host = "127.0.0.1";
    unsigned short listen_port = 8080;
    std::string data_dir = "./data";
    std::string db;  // empty: <data_dir>/zhaoyin.db
    std::string web_root = "./web/dist";
    unsigned threads = 0;  // 0: one per core
    unsigned db_threads = 4;
    bool demo = false;
    std::string demo_password = "Zhaoyin-Demo-2026";
    // With demo: also the history of intents behind the board (off in most tests, which count).
    bool demo_history = true;
    bool secure_cookies = false;
    bool test_clock = false;
    std::string city = "qingdao";
    std::string log_level = "info";

    std::string database_target() const;
};

struct command_line {
    std::string command = "serve";  // serve | migrate
    bool help = false;
    bool version = false;
    config settings;
};

class config_error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

using env_lookup = std::function<std::optional<std::string>(const std::string&)>;

// Settings come from, in rising priority: defaults, the file named by --config (or
// ZHAOYIN_CONFIG), ZHAOYIN_* environment variables, and flags.
command_line parse_command_line(const std::vector<std::string>& args, const env_lookup& env);
std::string help_text();

}  // namespace zhaoyin::app
