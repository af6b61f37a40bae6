#include "http/websocket_hub.hpp"

#include <deque>
#include <set>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

namespace zhaoyin::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

class ws_connection : public std::enable_shared_from_this<ws_connection> {
  public:
    ws_connection(websocket_hub& hub, beast::tcp_stream stream, std::set<std::string> allowed)
        : hub_(hub),
          ws_(std::move(stream)),
          executor_(ws_.get_executor()),
          allowed_(std::move(allowed)) {
        topics_.insert("system");
        if (allowed_.contains("dashboard")) {
            topics_.insert("dashboard");
        }
    }

    // Called from any thread; the queue is touched only on the connection's strand.
    void send(std::shared_ptr<const std::string> text, std::string topic) {
        asio::post(executor_,
                   [self = shared_from_this(), text = std::move(text),
                    topic = std::move(topic)]() mutable { self->enqueue(std::move(text), topic); });
    }

    void close() {
        asio::post(executor_, [self = shared_from_this()] { self->drop(); });
    }

    asio::awaitable<void> run(beast::http::request<beast::http::empty_body> upgrade) {
        auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
        timeouts.idle_timeout = hub_.options_.idle_timeout;
        ws_.set_option(timeouts);
        ws_.set_option(websocket::stream_base::decorator(
            [](websocket::response_type& res) { res.erase(beast::http::field::server); }));
        ws_.read_message_max(hub_.options_.max_message_bytes);
        beast::get_lowest_layer(ws_).expires_never();
        auto [accept_ec] = co_await ws_.async_accept(upgrade, asio::as_tuple(asio::use_awaitable));
        if (accept_ec) {
            co_return;
        }
        enqueue(std::make_shared<const std::string>(R"({"type":"hello"})"), "system");
        beast::flat_buffer buffer;
        for (;;) {
            auto [ec, n] = co_await ws_.async_read(buffer, asio::as_tuple(asio::use_awaitable));
            if (ec) {
                break;
            }
            handle_client_message(beast::buffers_to_string(buffer.data()));
            buffer.consume(buffer.size());
        }
        closed_ = true;
    }

  private:
    void handle_client_message(const std::string& text) {
        boost::system::error_code ec;
        const auto value = boost::json::parse(text, ec);
        if (ec || !value.is_object()) {
            return;
        }
        const auto& obj = value.as_object();
        const auto* type = obj.if_contains("type");
        if (type == nullptr || !type->is_string()) {
            return;
        }
        if (type->as_string() == "ping") {
            enqueue(std::make_shared<const std::string>(R"({"type":"pong"})"), "system");
        } else if (type->as_string() == "subscribe") {
            if (const auto* topics = obj.if_contains("topics"); topics && topics->is_array()) {
                for (const auto& t : topics->as_array()) {
                    if (t.is_string() && topics_.size() < 64 && may_join(t.as_string()) &&
                        topics_.insert(std::string(t.as_string())).second) {
                        hub_.join(shared_from_this(), std::string(t.as_string()));
                    }
                }
            }
        }
    }

    bool may_join(std::string_view topic) const {
        return allowed_.contains(std::string(topic)) ||
               (topic.starts_with("unit:") && allowed_.contains("unit:*"));
    }

    void enqueue(std::shared_ptr<const std::string> text, const std::string& topic) {
        // "unit:*" (for sessions that see every unit) receives what any unit receives.
        const bool wanted =
            topics_.contains(topic) || (topic.starts_with("unit:") && topics_.contains("unit:*"));
        if (closed_ || !wanted) {
            return;
        }
        if (queue_.size() >= hub_.options_.queue_limit) {
            hub_.slow_dropped_.fetch_add(1);
            drop();
            return;
        }
        queue_.push_back(std::move(text));
        if (!writing_) {
            writing_ = true;
            asio::co_spawn(executor_, write_loop(shared_from_this()), asio::detached);
        }
    }

    static asio::awaitable<void> write_loop(std::shared_ptr<ws_connection> self) {
        while (!self->queue_.empty() && !self->closed_) {
            const auto text = self->queue_.front();
            self->ws_.text(true);
            auto [ec, n] = co_await self->ws_.async_write(asio::buffer(*text),
                                                          asio::as_tuple(asio::use_awaitable));
            if (ec) {
                self->closed_ = true;
                break;
            }
            if (self->closed_) {
                break;  // dropped while this message was written: drop() emptied the queue
            }
            self->queue_.pop_front();
        }
        self->writing_ = false;
    }

    void drop() {
        if (closed_) {
            return;
        }
        closed_ = true;
        queue_.clear();
        beast::error_code ignored;
        beast::get_lowest_layer(ws_).socket().shutdown(asio::ip::tcp::socket::shutdown_both,
                                                       ignored);
        beast::get_lowest_layer(ws_).socket().close(ignored);
    }

    websocket_hub& hub_;
    websocket::stream<beast::tcp_stream> ws_;
    asio::any_io_executor executor_;
    std::deque<std::shared_ptr<const std::string>> queue_;
    std::set<std::string> allowed_;
    std::set<std::string> topics_;
    bool writing_ = false;
    bool closed_ = false;
};

websocket_hub::websocket_hub(options opts) : options_(opts) {}

websocket_hub::~websocket_hub() = default;

asio::awaitable<void> websocket_hub::serve(beast::tcp_stream& stream,
                                           beast::http::request<beast::http::empty_body>& upgrade,
                                           const std::set<std::string>& allowed) {
    auto conn = std::make_shared<ws_connection>(*this, std::move(stream), allowed);
    {
        std::lock_guard lock(mutex_);
        connections_.push_back(conn);
    }
    join(conn, "system");
    // Dashboards follow every key-project change without asking (see api/dashboard_live.hpp).
    if (allowed.contains("dashboard")) {
        join(conn, "dashboard");
    }
    co_await conn->run(std::move(upgrade));
    forget(conn.get());
}

void websocket_hub::join(const std::shared_ptr<ws_connection>& conn, const std::string& topic) {
    std::lock_guard lock(mutex_);
    subscribers_[topic].push_back(conn);
}

void websocket_hub::forget(const ws_connection* conn) {
    const auto gone = [conn](const std::weak_ptr<ws_connection>& weak) {
        const auto strong = weak.lock();
        return !strong || strong.get() == conn;
    };
    std::lock_guard lock(mutex_);
    std::erase_if(connections_, gone);
    for (auto it = subscribers_.begin(); it != subscribers_.end();) {
        std::erase_if(it->second, gone);
        it = it->second.empty() ? subscribers_.erase(it) : std::next(it);
    }
}

std::vector<std::shared_ptr<ws_connection>> websocket_hub::subscribers(
    const std::string& topic) const {
    std::vector<std::shared_ptr<ws_connection>> out;
    const auto collect = [&](const std::string& name) {
        if (const auto found = subscribers_.find(name); found != subscribers_.end()) {
            for (const auto& weak : found->second) {
                if (auto strong = weak.lock()) {
                    out.push_back(std::move(strong));
                }
            }
        }
    };
    std::lock_guard lock(mutex_);
    collect(topic);
    if (topic.starts_with("unit:") && topic != "unit:*") {
        collect("unit:*");
    }
    return out;
}

std::vector<std::shared_ptr<ws_connection>> websocket_hub::live_connections() const {
    std::vector<std::shared_ptr<ws_connection>> out;
    std::lock_guard lock(mutex_);
    for (const auto& weak : connections_) {
        if (auto strong = weak.lock()) {
            out.push_back(std::move(strong));
        }
    }
    return out;
}

void websocket_hub::publish(const std::string& topic, std::string text) {
    const auto shared = std::make_shared<const std::string>(std::move(text));
    // Only the topic's subscribers: an alert to one unit's consoles costs nothing to the others.
    for (const auto& conn : subscribers(topic)) {
        conn->send(shared, topic);
    }
}

void websocket_hub::close_all() {
    for (const auto& conn : live_connections()) {
        conn->close();
    }
}

std::size_t websocket_hub::connection_count() const {
    std::lock_guard lock(mutex_);
    return connections_.size();
}

}  // namespace zhaoyin::http
