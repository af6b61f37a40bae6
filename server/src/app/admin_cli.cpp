#include "app/admin_cli.hpp"

#include <termios.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "core/error.hpp"
#include "core/time_format.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "search/document_index.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/identity/accounts.hpp"
#include "service/reference/reference_data.hpp"

namespace zhaoyin::app {
namespace {

std::string read_password(const std::string& prompt) {
    const bool terminal = isatty(STDIN_FILENO) != 0;
    termios saved{};
    if (terminal) {
        std::cerr << prompt << std::flush;
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::cerr << "\n";
    }
    return line;
}

std::unique_ptr<db::database> prepared_database(const config& settings) {
    if (!db::is_postgres_url(settings.database_target())) {
        std::filesystem::create_directories(settings.data_dir);
    }
    auto database = std::make_unique<db::database>(settings.database_target(), 1);
    const system_clock_source now;
    {
        auto conn = database->acquire();
        db::migrate(*conn, now);
    }
    service::reference::load_city(*database, settings.city, now);
    service::identity::seed_security(*database, now);
    return database;
}

void print_fields(const api_error& err) {
    std::cerr << "zhaoyin: " << render(err.text(), language::en) << "\n";
    for (const auto& [field, msg] : err.fields()) {
        std::cerr << "  " << field << ": " << render(msg, language::en) << "\n";
    }
}

}  // namespace

bool is_admin_command(const std::vector<std::string>& args) {
    return !args.empty() && (args[0] == "admin" || args[0] == "audit");
}

int run_admin_command(const std::vector<std::string>& args, const env_lookup& env) {
    const std::string usage =
        "usage: zhaoyin admin create --role sys_admin|sec_admin|auditor|ROLE --login NAME "
        "[--name TEXT] [--db …|--data-dir …]\n"
        "       zhaoyin admin reindex [--db …|--data-dir …]\n"
        "       zhaoyin audit verify [--db …|--data-dir …]\n"
        "       zhaoyin audit purge --before YYYY-MM-DD [--db …|--data-dir …]\n"
        "The password is read from ZHAOYIN_ADMIN_PASSWORD, or from standard input.\n";
    if (args.size() < 2 ||
        !((args[0] == "admin" && (args[1] == "create" || args[1] == "reindex")) ||
          (args[0] == "audit" && (args[1] == "verify" || args[1] == "purge")))) {
        std::cerr << usage;
        return 2;
    }
    std::string role, login, name, before;
    std::vector<std::string> rest = {"migrate"};
    for (std::size_t i = 2; i < args.size(); ++i) {
        const auto take = [&](std::string& into) {
            if (i + 1 >= args.size()) {
                throw config_error(args[i] + " needs a value");
            }
            into = args[++i];
        };
        if (args[i] == "--role") {
            take(role);
        } else if (args[i] == "--login") {
            take(login);
        } else if (args[i] == "--name") {
            take(name);
        } else if (args[i] == "--before") {
            take(before);
        } else {
            rest.push_back(args[i]);
        }
    }
    const auto cli = parse_command_line(rest, env);
    auto database = prepared_database(cli.settings);

    if (args[0] == "audit" && args[1] == "purge") {
        const auto cutoff = parse_rfc3339(before + "T00:00:00+08:00");
        if (!cutoff) {
            std::cerr << usage;
            return 2;
        }
        try {
            const auto removed = database->transaction([&](db::connection& conn) {
                return service::audit::purge(
                    conn, system_clock_source(),
                    {std::nullopt, "command-line", {}, std::nullopt, "local", {}}, *cutoff);
            });
            std::cout << "zhaoyin: purged " << removed << " audit entries before " << before
                      << "\n";
            return 0;
        } catch (const api_error& err) {
            print_fields(err);
            return 2;
        }
    }

    if (args[1] == "reindex") {
        const auto counts =
            database->transaction([](db::connection& conn) { return search::rebuild_index(conn); });
        std::cout << "zhaoyin: search index rebuilt: " << counts.documents << " documents, "
                  << counts.projects << " projects\n";
        return 0;
    }

    if (args[0] == "audit") {
        const auto result =
            database->read([](db::connection& conn) { return service::audit::verify(conn); });
        if (result.ok) {
            std::cout << "audit chain ok: " << result.checked << " entries checked\n";
            return 0;
        }
        std::cout << "audit chain broken at entry " << *result.first_broken_id << " ("
                  << result.checked << " entries checked)\n";
        return 1;
    }

    if (role.empty() || login.empty()) {
        std::cerr << usage;
        return 2;
    }
    std::string password;
    if (const auto from_env = env("ZHAOYIN_ADMIN_PASSWORD")) {
        password = *from_env;
    } else {
        password = read_password("Password for " + login + ": ");
        if (isatty(STDIN_FILENO) != 0 && read_password("Again: ") != password) {
            std::cerr << "zhaoyin: the passwords differ\n";
            return 2;
        }
    }
    try {
        const auto id = service::identity::create_administrator(
            *database, system_clock_source(), role, login, name.empty() ? login : name, password);
        std::cout << "zhaoyin: created " << role << " account " << login << " (id " << id
                  << "); set up TOTP at first sign-in\n";
        return 0;
    } catch (const api_error& err) {
        print_fields(err);
        return 2;
    }
}

}  // namespace zhaoyin::app
