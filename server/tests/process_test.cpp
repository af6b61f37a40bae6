#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include <gtest/gtest.h>

#include "core/time_format.hpp"
#include "db/migrations.hpp"
#include "support/engines.hpp"
#include "support/http_client.hpp"

extern char** environ;

namespace zhaoyin {
namespace {

// The built binary, run as a user would run it.
class Process {
  public:
    explicit Process(std::vector<std::string> args) {
        int out_pipe[2];
        if (pipe(out_pipe) != 0) {
            throw std::runtime_error("pipe failed");
        }
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
        args.insert(args.begin(), ZHAOYIN_BINARY);
        std::vector<char*> argv;
        for (auto& a : args) {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        if (posix_spawn(&pid_, ZHAOYIN_BINARY, &actions, nullptr, argv.data(), environ) != 0) {
            throw std::runtime_error("spawn failed");
        }
        posix_spawn_file_actions_destroy(&actions);
        close(out_pipe[1]);
        out_ = fdopen(out_pipe[0], "r");
    }
    ~Process() {
        if (pid_ > 0) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        if (out_ != nullptr) {
            fclose(out_);
        }
    }
    std::string read_line() {
        char line[4096];
        return fgets(line, sizeof line, out_) ? std::string(line) : std::string();
    }
    std::string read_all() {
        std::string text;
        for (std::string line = read_line(); !line.empty(); line = read_line()) {
            text += line;
        }
        return text;
    }
    void signal(int sig) { kill(pid_, sig); }
    int wait_exit() {
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

  private:
    pid_t pid_ = -1;
    FILE* out_ = nullptr;
};

TEST(Binary, ExplainsItselfAndRefusesBadFlags) {
    Process help({"--help"});
    EXPECT_NE(help.read_all().find("--test-clock"), std::string::npos);
    EXPECT_EQ(help.wait_exit(), 0);
    Process bad({"--listen", "nowhere"});
    EXPECT_EQ(bad.wait_exit(), 2);
}

TEST(Binary, MigratesTwiceWithNothingLeftTheSecondTime) {
    testing::scratch_dir dir;
    Process first({"migrate", "--data-dir", dir.path()});
    const auto all = db::migrations_for(db::engine::sqlite).size();
    EXPECT_EQ(first.read_all(), "zhaoyin: applied " + std::to_string(all) + " migration(s)\n");
    EXPECT_EQ(first.wait_exit(), 0);
    Process second({"migrate", "--data-dir", dir.path()});
    EXPECT_EQ(second.read_all(), "zhaoyin: applied 0 migration(s)\n");
    EXPECT_EQ(second.wait_exit(), 0);
}

TEST(Binary, ServesUntilSigtermThenExitsCleanly) {
    testing::scratch_dir dir;
    Process server({"--listen", "127.0.0.1:0", "--data-dir", dir.path()});
    const std::string line = server.read_line();
    std::smatch match;
    ASSERT_TRUE(std::regex_search(line, match, std::regex("listening on http://127.0.0.1:(\\d+)")))
        << line;
    const auto port = static_cast<unsigned short>(std::stoi(match[1]));
    EXPECT_EQ(testing::http_get(port, "/readyz").status, 200);
    EXPECT_TRUE(std::filesystem::exists(dir.path() + "/zhaoyin.db"));
    server.signal(SIGTERM);
    EXPECT_EQ(server.wait_exit(), 0);
}

TEST(Binary, CreatesTheFirstAdministratorsFromTheCommandLine) {
    testing::scratch_dir dir;
    setenv("ZHAOYIN_ADMIN_PASSWORD", "Harbour-Lights-9", 1);
    Process create(
        {"admin", "create", "--role", "sec_admin", "--login", "alice", "--data-dir", dir.path()});
    EXPECT_NE(create.read_all().find("created sec_admin account alice"), std::string::npos);
    EXPECT_EQ(create.wait_exit(), 0);
    Process again(
        {"admin", "create", "--role", "sec_admin", "--login", "alice", "--data-dir", dir.path()});
    EXPECT_EQ(again.wait_exit(), 2);
    setenv("ZHAOYIN_ADMIN_PASSWORD", "password", 1);
    Process weak(
        {"admin", "create", "--role", "auditor", "--login", "bob", "--data-dir", dir.path()});
    EXPECT_EQ(weak.wait_exit(), 2);
    unsetenv("ZHAOYIN_ADMIN_PASSWORD");

    Process verify({"audit", "verify", "--data-dir", dir.path()});
    EXPECT_EQ(verify.read_all(), "audit chain ok: 1 entries checked\n");
    EXPECT_EQ(verify.wait_exit(), 0);

    // Entries are kept 180 days: a purge of last month is refused.
    const std::string last_month =
        format_cst(system_clock_source().now() - std::chrono::days(30)).substr(0, 10);
    Process purge({"audit", "purge", "--before", last_month, "--data-dir", dir.path()});
    EXPECT_EQ(purge.wait_exit(), 2);
}

TEST(Binary, FailsToStartOnAnUnreachableDatabase) {
    Process server({"--listen", "127.0.0.1:0", "--db",
                    "postgresql:///nothing?host=/nonexistent&connect_timeout=1"});
    EXPECT_EQ(server.read_all(), "");
    EXPECT_EQ(server.wait_exit(), 1);
}

}  // namespace
}  // namespace zhaoyin
