#include "app/application.hpp"

#include <filesystem>
#include <thread>

#include <spdlog/spdlog.h>
#include <boost/asio.hpp>

#include "api/context.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "api/session_access.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "http/dispatcher.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "search/document_index.hpp"
#include "service/content/demo_content.hpp"
#include "service/content/parks.hpp"
#include "service/deadline_sweep.hpp"
#include "service/dispatch/demo_projects.hpp"
#include "service/identity/accounts.hpp"
#include "service/intake/demo_intents.hpp"
#include "service/notify/outbox.hpp"
#include "service/ranking/rankings.hpp"
#include "service/reference/reference_data.hpp"

namespace zhaoyin::app {

namespace asio = boost::asio;

namespace {

constexpr auto drain_limit = std::chrono::seconds(30);

void ensure_data_dir(const config& settings) {
    if (!db::is_postgres_url(settings.database_target())) {
        std::filesystem::create_directories(settings.data_dir);
        const auto parent = std::filesystem::path(settings.database_target()).parent_path();
        if (!parent.empty()) {
            std::filesystem::create_directories(parent);
        }
    }
}

unsigned io_threads(const config& settings) {
    if (settings.threads != 0) {
        return settings.threads;
    }
    return std::max(1U, std::thread::hardware_concurrency());
}

constexpr auto outbox_interval = std::chrono::milliseconds(500);
constexpr auto deadline_sweep_interval = std::chrono::seconds(1);

// Live pushes leave through the WebSocket hub; the outbox calls this after commit.
class push_channel final : public service::notify::channel {
  public:
    explicit push_channel(http::websocket_hub& hub) : hub_(hub) {}
    void deliver(const store::outbox_row& message) override {
        hub_.publish(message.recipient, message.payload);
    }

  private:
    http::websocket_hub& hub_;
};

}  // namespace

struct application::parts {
    config settings;
    std::unique_ptr<clock> time_source;
    test_clock* movable = nullptr;
    asio::io_context io;
    asio::thread_pool db_pool;
    std::unique_ptr<db::database> db;
    std::atomic<bool> ready{false};
    std::atomic<bool> stopping{false};
    http::websocket_hub hub{http::websocket_hub::options{}};
    http::router routes;
    std::unique_ptr<http::static_files> files;
    std::unique_ptr<api::context> context;
    std::unique_ptr<api::session_access> access;
    std::unique_ptr<http::dispatcher> dispatch;
    std::unique_ptr<http::server> listener;
    unsigned short port = 0;
    push_channel push{hub};
    std::unique_ptr<service::notify::file_channel> outbound_files;
    std::map<std::string, service::notify::channel*> channels;
    // The background loop runs on this strand; a commit that wrote to the outbox wakes it.
    asio::strand<asio::io_context::executor_type> background{asio::make_strand(io)};
    asio::steady_timer background_tick{background};
    std::atomic<bool> outbox_written{false};

    explicit parts(config c)
        : settings(std::move(c)), io(int(io_threads(settings))), db_pool(settings.db_threads) {
        if (settings.test_clock) {
            auto movable_clock = std::make_unique<test_clock>(system_clock_source().now());
            movable = movable_clock.get();
            time_source = std::move(movable_clock);
        } else {
            time_source = std::make_unique<system_clock_source>();
        }
    }
};

application::application(config settings) : parts_(std::make_unique<parts>(std::move(settings))) {}

application::~application() {
    parts_->db_pool.join();
}

unsigned short application::start() {
    auto& p = *parts_;
    ensure_data_dir(p.settings);
    p.db = std::make_unique<db::database>(p.settings.database_target(), p.settings.db_threads);
    {
        auto conn = p.db->acquire();
        const int applied = db::migrate(*conn, *p.time_source);
        spdlog::info("event=migrate engine={} applied={} version={}", db::engine_name(p.db->kind()),
                     applied, db::current_version(*conn));
    }
    const auto loaded = service::reference::load_city(*p.db, p.settings.city, *p.time_source);
    if (loaded.loaded) {
        spdlog::info("event=reference_loaded city={} units={}", p.settings.city, loaded.units);
    }
    service::identity::seed_security(*p.db, *p.time_source);
    service::ranking::seed_ranking_config(*p.db, *p.time_source, p.settings.city);
    if (p.settings.demo) {
        const auto made = service::identity::ensure_demo_accounts(*p.db, *p.time_source,
                                                                  p.settings.demo_password);
        if (!made.empty()) {
            spdlog::info("event=demo_accounts_created count={}", made.size());
        }
        const auto intents = p.settings.demo_history ? service::intake::ensure_demo_intents(
                                                           *p.db, *p.time_source, p.settings.city)
                                                     : 0;
        if (intents > 0) {
            spdlog::info("event=demo_intents_created count={}", intents);
        }
        const auto projects = p.settings.demo_history ? service::dispatch::ensure_demo_projects(
                                                            *p.db, *p.time_source, p.settings.city)
                                                      : 0;
        if (projects > 0) {
            spdlog::info("event=demo_projects_created count={}", projects);
        }
        const auto documents = p.settings.demo_history ? service::content::ensure_demo_content(
                                                             *p.db, *p.time_source, p.settings.city)
                                                       : 0;
        if (documents > 0) {
            spdlog::info("event=demo_content_created count={}", documents);
        }
        const auto parks = p.settings.demo_history ? service::content::ensure_demo_parks(
                                                         *p.db, *p.time_source, p.settings.city)
                                                   : 0;
        if (parks > 0) {
            spdlog::info("event=demo_parks_created count={}", parks);
        }
        // Demo content may arrive by other loaders than the services that index each write.
        const auto indexed =
            p.db->transaction([](db::connection& conn) { return search::rebuild_index(conn); });
        spdlog::info("event=search_index_rebuilt documents={} projects={}", indexed.documents,
                     indexed.projects);
    }
    p.files = std::make_unique<http::static_files>(p.settings.web_root);
    if (!p.files->has_index()) {
        spdlog::warn(
            "event=no_web_app web_root=\"{}\" note=\"build the web app (scripts/run does)\"",
            p.settings.web_root);
    }
    p.context = std::make_unique<api::context>(*p.db, p.db_pool, *p.time_source, p.movable, p.hub,
                                               p.ready, service::identity::mode{p.settings.demo},
                                               p.settings.secure_cookies);
    p.context->city = p.settings.city;
    api::add_all_routes(p.routes, *p.context);
    p.access = std::make_unique<api::session_access>(*p.context);
    p.dispatch = std::make_unique<http::dispatcher>(p.routes, *p.files, *p.access);
    p.listener = std::make_unique<http::server>(p.io, *p.dispatch, p.hub, http::server_limits{});
    p.port = p.listener->listen(p.settings.listen_host, p.settings.listen_port);
    start_outbox();
    p.ready = true;
    return p.port;
}

void application::start_outbox() {
    auto& p = *parts_;
    const auto directory = std::filesystem::path(p.settings.data_dir) / "outbox";
    std::filesystem::create_directories(directory);
    p.outbound_files = std::make_unique<service::notify::file_channel>(directory);
    p.channels = {
        {"push", &p.push}, {"sms", p.outbound_files.get()}, {"email", p.outbound_files.get()}};
    p.context->on_outbox_written = [&p] {
        p.outbox_written = true;
        asio::post(p.background, [&p] { p.background_tick.cancel(); });
    };
    asio::co_spawn(
        p.background,
        [&p]() -> asio::awaitable<void> {
            while (!p.stopping) {
                if (!p.outbox_written.exchange(false)) {
                    p.background_tick.expires_after(outbox_interval);
                    co_await p.background_tick.async_wait(asio::as_tuple(asio::use_awaitable));
                    p.outbox_written = false;
                }
                if (p.stopping) {
                    break;
                }
                try {
                    const auto report = co_await api::offload(p.db_pool, [&p] {
                        return service::notify::deliver_due(*p.db, *p.time_source, p.channels);
                    });
                    if (report.more) {
                        p.outbox_written = true;  // a full batch: go again without waiting
                    }
                    if (report.failed > 0) {
                        spdlog::warn("event=outbox_failures failed={} delivered={}", report.failed,
                                     report.delivered);
                    }
                } catch (const std::exception& ex) {
                    spdlog::warn("event=outbox_error what=\"{}\"", ex.what());
                }
            }
        },
        asio::detached);
    // Deadlines are swept on a loop of their own, so that a long sweep never delays an alert.
    asio::co_spawn(
        p.io,
        [&p]() -> asio::awaitable<void> {
            asio::steady_timer tick(p.io);
            while (!p.stopping) {
                tick.expires_after(deadline_sweep_interval);
                co_await tick.async_wait(asio::as_tuple(asio::use_awaitable));
                if (p.stopping) {
                    break;
                }
                try {
                    const auto swept = co_await api::offload(p.db_pool, [&p] {
                        return service::sweep_all_deadlines(*p.db, *p.time_source, p.settings.city);
                    });
                    if (swept.any()) {
                        p.context->wake_outbox();
                    }
                } catch (const std::exception& ex) {
                    spdlog::warn("event=deadline_sweep_error what=\"{}\"", ex.what());
                }
            }
        },
        asio::detached);
}

void application::run() {
    auto& p = *parts_;
    asio::signal_set signals(p.io, SIGINT, SIGTERM);
    signals.async_wait([this](const boost::system::error_code& ec, int signal) {
        if (!ec) {
            spdlog::info("event=signal signal={}", signal);
            shutdown();
        }
    });
    std::vector<std::thread> threads;
    const unsigned count = io_threads(p.settings);
    for (unsigned i = 1; i < count; ++i) {
        threads.emplace_back([&p] { p.io.run(); });
    }
    p.io.run();
    for (auto& t : threads) {
        t.join();
    }
    p.db_pool.join();
    p.listener.reset();
    p.db.reset();
    spdlog::info("event=shutdown_complete");
}

void application::shutdown() {
    auto& p = *parts_;
    if (p.stopping.exchange(true)) {
        return;
    }
    p.ready = false;
    if (p.listener) {
        p.listener->stop_accepting();
    }
    p.hub.close_all();
    asio::co_spawn(
        p.io,
        [&p]() -> asio::awaitable<void> {
            const auto deadline = std::chrono::steady_clock::now() + drain_limit;
            asio::steady_timer tick(p.io);
            while ((p.listener &&
                    (p.listener->in_flight() > 0 || p.listener->open_connections() > 0)) &&
                   std::chrono::steady_clock::now() < deadline) {
                tick.expires_after(std::chrono::milliseconds(20));
                co_await tick.async_wait(asio::use_awaitable);
            }
            if (p.listener && p.listener->in_flight() > 0) {
                spdlog::warn("event=drain_timeout in_flight={}", p.listener->in_flight());
            }
            p.io.stop();
        },
        asio::detached);
}

std::string application::url() const {
    const auto& host = parts_->settings.listen_host;
    const bool v6 = host.find(':') != std::string::npos;
    return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(parts_->port);
}

http::websocket_hub& application::hub() {
    return parts_->hub;
}

http::router& application::routes() {
    return parts_->routes;
}

const clock& application::time() const {
    return *parts_->time_source;
}

int migrate_only(const config& settings) {
    ensure_data_dir(settings);
    db::database database(settings.database_target(), 1);
    auto conn = database.acquire();
    return db::migrate(*conn, system_clock_source());
}

}  // namespace zhaoyin::app
