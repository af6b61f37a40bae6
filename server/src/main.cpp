#include <cstdlib>
#include <iostream>

#include <sodium.h>
#include <spdlog/spdlog.h>

#include "app/admin_cli.hpp"
#include "app/application.hpp"
#include "app/config.hpp"
#include "app/log_sink.hpp"

namespace {

std::optional<std::string> from_environment(const std::string& name) {
    const char* value = std::getenv(name.c_str());
    return value ? std::optional<std::string>(value) : std::nullopt;
}

void set_up_logging(const std::string& level) {
    auto sink = std::make_shared<zhaoyin::app::buffered_fd_sink>(STDERR_FILENO);
    auto logger = std::make_shared<spdlog::logger>("zhaoyin", sink);
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z level=%l %v");
    logger->set_level(spdlog::level::from_str(level));
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
    spdlog::flush_every(std::chrono::seconds(1));
}

}  // namespace

int main(int argc, char** argv) {
    using namespace zhaoyin;
    if (sodium_init() < 0) {
        std::cerr << "zhaoyin: libsodium failed to initialise\n";
        return 1;
    }
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (app::is_admin_command(args)) {
        spdlog::set_level(spdlog::level::warn);
        try {
            return app::run_admin_command(args, from_environment);
        } catch (const std::exception& err) {
            std::cerr << "zhaoyin: " << err.what() << "\n";
            return 1;
        }
    }
    app::command_line cli;
    try {
        cli = app::parse_command_line(args, from_environment);
    } catch (const app::config_error& err) {
        std::cerr << "zhaoyin: " << err.what() << "\n";
        return 2;
    }
    if (cli.help) {
        std::cout << app::help_text();
        return 0;
    }
    if (cli.version) {
        std::cout << "zhaoyin 0.1.0\n";
        return 0;
    }
    set_up_logging(cli.settings.log_level);
    try {
        if (cli.command == "migrate") {
            const int applied = app::migrate_only(cli.settings);
            std::cout << "zhaoyin: applied " << applied << " migration(s)\n";
            spdlog::shutdown();
            return 0;
        }
        app::application program(cli.settings);
        program.start();
        if (cli.settings.test_clock) {
            spdlog::warn(
                "event=test_clock note=\"time can be moved through POST /api/v1/test/clock\"");
        }
        std::cout << "zhaoyin listening on " << program.url() << std::endl;
        if (cli.settings.demo) {
            std::cout << "demo accounts (password " << cli.settings.demo_password
                      << "): admin, security, auditor, bureau, leader, investor, investor2, "
                         "agency, <district code>.staff, <district code>.lead — see docs/demo.md"
                      << std::endl;
        }
        program.run();
    } catch (const std::exception& err) {
        spdlog::error("event=fatal what=\"{}\"", err.what());
        spdlog::shutdown();
        std::cerr << "zhaoyin: " << err.what() << "\n";
        return 1;
    }
    spdlog::shutdown();
    return 0;
}
