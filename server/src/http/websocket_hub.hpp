#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>

namespace zhaoyin::http {

class ws_connection;

// Live pushes to open browsers over /ws. Each connection has a bounded send queue: a client that
// does not read fast enough is disconnected rather than letting the server's memory grow.
// Clients join topics with {"type":"subscribe","topics":[...]} among those their session allows
// (their own user, the units in their scope); everyone is in "system".
class websocket_hub {
  public:
    struct options {
        std::size_t queue_limit = 256;
        std::size_t max_message_bytes = 64 * 1024;
        std::chrono::seconds idle_timeout{60};
    };
    explicit websocket_hub(options opts);
    ~websocket_hub();

    // Takes over an upgraded connection and serves it until it closes. The client may join
    // only the topics in `allowed` ("unit:*" stands for every unit topic) and "system".
    boost::asio::awaitable<void> serve(
        boost::beast::tcp_stream& stream,
        boost::beast::http::request<boost::beast::http::empty_body>& upgrade,
        const std::set<std::string>& allowed);

    // Queues a text message to every connection subscribed to `topic`.
    void publish(const std::string& topic, std::string text);
    void close_all();

    std::size_t connection_count() const;
    std::uint64_t slow_clients_dropped() const { return slow_dropped_.load(); }

  private:
    friend class ws_connection;
    void forget(const ws_connection* conn);
    void join(const std::shared_ptr<ws_connection>& conn, const std::string& topic);
    std::vector<std::shared_ptr<ws_connection>> live_connections() const;
    // The connections subscribed to `topic` (and, for a unit topic, to "unit:*").
    std::vector<std::shared_ptr<ws_connection>> subscribers(const std::string& topic) const;

    options options_;
    mutable std::mutex mutex_;
    std::vector<std::weak_ptr<ws_connection>> connections_;
    std::map<std::string, std::vector<std::weak_ptr<ws_connection>>> subscribers_;
    std::atomic<std::uint64_t> slow_dropped_{0};
};

}  // namespace zhaoyin::http
