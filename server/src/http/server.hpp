#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "http/dispatcher.hpp"
#include "http/websocket_hub.hpp"

namespace zhaoyin::http {

struct server_limits {
    std::size_t header_limit = 8 * 1024;
    std::chrono::seconds read_timeout{30};
    std::chrono::seconds keep_alive_idle{60};
};

// Accepts connections and runs one coroutine per connection: read a header, read the body
// within the route's limit, dispatch, write, repeat while keep-alive. /ws goes to the hub.
class server {
  public:
    server(boost::asio::io_context& io, const dispatcher& dispatch, websocket_hub& hub,
           server_limits limits);
    ~server();

    // Binds and starts accepting; returns the bound port (useful with port 0).
    unsigned short listen(const std::string& host, unsigned short port);

    // Graceful shutdown, step one: stop accepting, close idle keep-alive connections and make
    // busy ones close after their reply.
    void stop_accepting();
    std::size_t in_flight() const { return in_flight_.load(); }
    std::size_t open_connections() const;

  private:
    struct connection_state;
    boost::asio::awaitable<void> accept_loop();
    boost::asio::awaitable<void> session(boost::asio::ip::tcp::socket socket);

    boost::asio::io_context& io_;
    const dispatcher& dispatch_;
    websocket_hub& hub_;
    server_limits limits_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::atomic<bool> draining_{false};
    std::atomic<std::size_t> in_flight_{0};
    std::atomic<std::uint64_t> next_connection_{1};
    mutable std::mutex mutex_;
    std::unordered_map<std::uint64_t, std::weak_ptr<connection_state>> connections_;
};

}  // namespace zhaoyin::http
