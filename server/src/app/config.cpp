#include "app/config.hpp"

#include <charconv>
#include <fstream>
#include <map>

namespace zhaoyin::app {
namespace {

struct option_spec {
    std::string_view name;
    bool is_flag;  // takes no value
    std::string_view help;
};

constexpr option_spec options[] = {
    {"listen", false, "HOST:PORT to serve on (default 127.0.0.1:8080; port 0 picks a free one)"},
    {"db", false, "SQLite file path or postgres://… URL (default <data-dir>/zhaoyin.db)"},
    {"data-dir", false, "directory for the SQLite database and uploads (default ./data)"},
    {"web-root", false, "directory of the built web app (default ./web/dist)"},
    {"threads", false, "I/O threads (default: one per core)"},
    {"db-threads", false, "database worker threads and connections (default 4)"},
    {"city", false, "shipped reference data loaded into a new database (default qingdao)"},
    {"log-level", false, "trace, debug, info, warn or error (default info)"},
    {"demo", true, "load demo data and demo accounts (docs/demo.md)"},
    {"demo-history", true, "with --demo, also load the demo history of intents (default on)"},
    {"demo-password", false, "the one password of all demo accounts (default Zhaoyin-Demo-2026)"},
    {"secure-cookies", true, "mark session cookies Secure (when served over TLS)"},
    {"test-clock", true, "start a controllable clock moved by POST /api/v1/test/clock (loopback)"},
    {"config", false, "file of `name = value` lines with the options above"},
};

const option_spec* find_option(std::string_view name) {
    for (const auto& spec : options) {
        if (spec.name == name) {
            return &spec;
        }
    }
    return nullptr;
}

unsigned parse_unsigned(const std::string& name, const std::string& value, unsigned max) {
    unsigned out = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
    if (ec != std::errc() || end != value.data() + value.size() || out > max) {
        throw config_error("--" + name + ": expected a whole number up to " + std::to_string(max) +
                           ", got \"" + value + "\"");
    }
    return out;
}

bool parse_bool(const std::string& name, const std::string& value) {
    if (value.empty() || value == "1" || value == "true" || value == "yes" || value == "on") {
        return true;
    }
    if (value == "0" || value == "false" || value == "no" || value == "off") {
        return false;
    }
    throw config_error("--" + name + ": expected true or false, got \"" + value + "\"");
}

void apply(config& cfg, const std::string& name, const std::string& value) {
    if (name == "listen") {
        const auto colon = value.rfind(':');
        if (colon == std::string::npos || colon == 0) {
            throw config_error("--listen: expected HOST:PORT, got \"" + value + "\"");
        }
        cfg.listen_host = value.substr(0, colon);
        if (cfg.listen_host.size() > 2 && cfg.listen_host.front() == '[') {
            cfg.listen_host = cfg.listen_host.substr(1, cfg.listen_host.size() - 2);
        }
        cfg.listen_port =
            static_cast<unsigned short>(parse_unsigned(name, value.substr(colon + 1), 65535));
    } else if (name == "db") {
        cfg.db = value;
    } else if (name == "data-dir") {
        cfg.data_dir = value;
    } else if (name == "web-root") {
        cfg.web_root = value;
    } else if (name == "threads") {
        cfg.threads = parse_unsigned(name, value, 256);
    } else if (name == "db-threads") {
        cfg.db_threads = parse_unsigned(name, value, 256);
        if (cfg.db_threads == 0) {
            throw config_error("--db-threads: must be at least 1");
        }
    } else if (name == "city") {
        cfg.city = value;
    } else if (name == "log-level") {
        cfg.log_level = value;
    } else if (name == "demo-password") {
        cfg.demo_password = value;
    } else if (name == "secure-cookies") {
        cfg.secure_cookies = parse_bool(name, value);
    } else if (name == "demo-history") {
        cfg.demo_history = parse_bool(name, value);
    } else if (name == "demo") {
        cfg.demo = parse_bool(name, value);
    } else if (name == "test-clock") {
        cfg.test_clock = parse_bool(name, value);
    }
}

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) {
        return {};
    }
    const auto last = s.find_last_not_of(" \t\r");
    return s.substr(first, last - first + 1);
}

std::map<std::string, std::string> read_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw config_error("cannot read config file " + path);
    }
    std::map<std::string, std::string> out;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        line = trim(line);
        if (line.empty() || line.front() == '#') {
            continue;
        }
        const auto eq = line.find('=');
        const std::string name = trim(line.substr(0, eq));
        if (eq == std::string::npos || find_option(name) == nullptr || name == "config") {
            throw config_error(path + ":" + std::to_string(number) + ": unknown setting \"" + name +
                               "\"");
        }
        out[name] = trim(line.substr(eq + 1));
    }
    return out;
}

std::string env_name(std::string_view option) {
    std::string out = "ZHAOYIN_";
    for (const char c : option) {
        out += c == '-' ? '_' : char(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

}  // namespace

std::string config::database_target() const {
    return db.empty() ? data_dir + "/zhaoyin.db" : db;
}

command_line parse_command_line(const std::vector<std::string>& args, const env_lookup& env) {
    command_line out;
    std::map<std::string, std::string> flags;
    std::size_t i = 0;
    if (i < args.size() && !args[i].starts_with("-")) {
        out.command = args[i++];
        if (out.command != "serve" && out.command != "migrate") {
            throw config_error("unknown command \"" + out.command + "\" (serve, migrate)");
        }
    }
    for (; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--help" || arg == "-h") {
            out.help = true;
            continue;
        }
        if (arg == "--version") {
            out.version = true;
            continue;
        }
        if (!arg.starts_with("--")) {
            throw config_error("unexpected argument \"" + arg + "\"");
        }
        std::string name = arg.substr(2);
        std::optional<std::string> value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        const option_spec* spec = find_option(name);
        if (spec == nullptr) {
            throw config_error("unknown option --" + name + " (see --help)");
        }
        if (!value && !spec->is_flag) {
            if (i + 1 >= args.size()) {
                throw config_error("--" + name + " needs a value");
            }
            value = args[++i];
        }
        flags[name] = value.value_or("");
    }

    std::optional<std::string> file = env(env_name("config"));
    if (flags.contains("config")) {
        file = flags["config"];
    }
    if (file) {
        for (const auto& [name, value] : read_file(*file)) {
            apply(out.settings, name, value);
        }
    }
    for (const auto& spec : options) {
        if (spec.name == "config") {
            continue;
        }
        if (const auto value = env(env_name(spec.name))) {
            apply(out.settings, std::string(spec.name), *value);
        }
    }
    for (const auto& [name, value] : flags) {
        apply(out.settings, name, value);
    }
    return out;
}

std::string help_text() {
    std::string out =
        "Zhaoyin (招引): the investment campaign's portal and console in one program.\n\n"
        "Usage: zhaoyin [serve|migrate] [options]\n"
        "  serve    migrate the database, load reference data if new, and serve (default)\n"
        "  migrate  apply pending database migrations and exit\n"
        "  admin create --role ROLE --login NAME [--name TEXT]\n"
        "           create an account (the first administrators); password from\n"
        "           ZHAOYIN_ADMIN_PASSWORD or standard input\n"
        "  audit verify\n"
        "           check the audit trail's hash chain; exit 1 when it is broken\n"
        "  audit purge --before YYYY-MM-DD\n"
        "           remove audit entries older than the date (at least 180 days ago)\n\n"
        "Options (each also as ZHAOYIN_<NAME> in the environment, e.g. ZHAOYIN_DATA_DIR):\n";
    for (const auto& spec : options) {
        std::string left = "  --" + std::string(spec.name) + (spec.is_flag ? "" : " VALUE");
        left.resize(std::max<std::size_t>(left.size() + 2, 24), ' ');
        out += left + std::string(spec.help) + "\n";
    }
    out += "  --help                show this text\n  --version             print the version\n";
    return out;
}

}  // namespace zhaoyin::app
