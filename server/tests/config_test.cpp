#include <fstream>

#include <gtest/gtest.h>

#include "app/config.hpp"
#include "support/engines.hpp"

namespace zhaoyin::app {
namespace {

env_lookup no_env() {
    return [](const std::string&) { return std::optional<std::string>{}; };
}

env_lookup env_of(std::map<std::string, std::string> values) {
    return [values](const std::string& name) -> std::optional<std::string> {
        const auto found = values.find(name);
        return found == values.end() ? std::nullopt : std::optional<std::string>(found->second);
    };
}

TEST(Config, DefaultsServeOnLoopback8080WithSqliteInData) {
    const auto cli = parse_command_line({}, no_env());
    EXPECT_EQ(cli.command, "serve");
    EXPECT_EQ(cli.settings.listen_host, "127.0.0.1");
    EXPECT_EQ(cli.settings.listen_port, 8080);
    EXPECT_EQ(cli.settings.database_target(), "./data/zhaoyin.db");
    EXPECT_FALSE(cli.settings.test_clock);
}

TEST(Config, FlagsBeatEnvironmentWhichBeatsFile) {
    testing::scratch_dir dir;
    const std::string file = dir.path() + "/zhaoyin.conf";
    std::ofstream(file) << "# comment\nlisten = 0.0.0.0:9000\nthreads = 3\ncity = qingdao\n";
    const auto cli = parse_command_line(
        {"serve", "--config", file, "--threads=5", "--demo", "--db", "postgres://x/y"},
        env_of({{"ZHAOYIN_THREADS", "4"},
                {"ZHAOYIN_LISTEN", "127.0.0.1:9100"},
                {"ZHAOYIN_TEST_CLOCK", "true"}}));
    EXPECT_EQ(cli.settings.listen_port, 9100);
    EXPECT_EQ(cli.settings.threads, 5U);
    EXPECT_TRUE(cli.settings.demo);
    EXPECT_TRUE(cli.settings.test_clock);
    EXPECT_EQ(cli.settings.database_target(), "postgres://x/y");
}

TEST(Config, ExplainsWhatIsWrong) {
    const auto message_of = [](std::vector<std::string> args) {
        try {
            parse_command_line(args, no_env());
        } catch (const config_error& err) {
            return std::string(err.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(message_of({"--nope"}), "unknown option --nope (see --help)");
    EXPECT_EQ(message_of({"--listen", "8080"}), "--listen: expected HOST:PORT, got \"8080\"");
    EXPECT_EQ(message_of({"--threads", "many"}),
              "--threads: expected a whole number up to 256, got \"many\"");
    EXPECT_EQ(message_of({"--db"}), "--db needs a value");
    EXPECT_EQ(message_of({"explode"}), "unknown command \"explode\" (serve, migrate)");
}

TEST(Config, ParsesIpv6ListenAddresses) {
    const auto cli = parse_command_line({"--listen", "[::1]:0"}, no_env());
    EXPECT_EQ(cli.settings.listen_host, "::1");
    EXPECT_EQ(cli.settings.listen_port, 0);
}

TEST(Config, HelpNamesEveryOption) {
    const std::string help = help_text();
    for (const char* option : {"--listen", "--db", "--data-dir", "--threads", "--demo",
                               "--test-clock", "--web-root", "--config"}) {
        EXPECT_NE(help.find(option), std::string::npos) << option;
    }
}

}  // namespace
}  // namespace zhaoyin::app
