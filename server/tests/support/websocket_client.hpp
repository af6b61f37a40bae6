#pragma once

#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/websocket.hpp>

namespace zhaoyin::testing {

// A browser's live connection to /ws, optionally with its session cookie.
class websocket_client {
  public:
    explicit websocket_client(unsigned short port, const std::string& session_token = "");
    std::string read();
    void write(const std::string& text);
    // Asks to join topics and waits until the server has handled the request.
    void subscribe(const std::string& topic);

  private:
    boost::asio::io_context io_;
    boost::beast::websocket::stream<boost::asio::ip::tcp::socket> ws_;
};

}  // namespace zhaoyin::testing
