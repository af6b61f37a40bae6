#include "support/websocket_client.hpp"

#include <boost/beast/core.hpp>

namespace zhaoyin::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;

websocket_client::websocket_client(unsigned short port, const std::string& session_token)
    : ws_(io_) {
    ws_.next_layer().connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    if (!session_token.empty()) {
        ws_.set_option(beast::websocket::stream_base::decorator(
            [cookie = "zy_session=" + session_token](beast::websocket::request_type& req) {
                req.set(beast::http::field::cookie, cookie);
            }));
    }
    ws_.handshake("127.0.0.1", "/ws");
}

std::string websocket_client::read() {
    beast::flat_buffer buffer;
    ws_.read(buffer);
    return beast::buffers_to_string(buffer.data());
}

void websocket_client::write(const std::string& text) {
    ws_.write(asio::buffer(text));
}

void websocket_client::subscribe(const std::string& topic) {
    write(R"({"type":"subscribe","topics":[")" + topic + R"("]})");
    write(R"({"type":"ping"})");
    // Messages are handled in order: the pong means the subscription was handled first.
    while (read() != R"({"type":"pong"})") {
    }
}

}  // namespace zhaoyin::testing
