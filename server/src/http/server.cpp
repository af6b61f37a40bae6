#include "http/server.hpp"

#include "http/wire.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/url/parse.hpp>

namespace zhaoyin::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

struct server::connection_state {
    asio::any_io_executor executor;
    beast::tcp_stream* stream = nullptr;
    bool idle = true;  // touched only on the connection's strand
};

namespace {

// A malformed request, as opposed to a connection that simply ended or timed out.
bool is_parse_error(const beast::error_code& ec) {
    return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
           ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

api_error too_large(std::size_t limit) {
    return api_error(error_code::payload_too_large,
                     message{"error.payload_too_large", {{"limit", std::to_string(limit)}}});
}

// A reply that the session itself makes (the request could not be parsed or was refused
// before dispatch), head and body in one string; the connection closes after it.
// A plain function, not a coroutine: GCC 12 mishandles temporaries bound to coroutine
// parameters (see api/offload.hpp).
std::string early_error_bytes(const api_error& err, std::string_view accept_lang) {
    const std::string rid = new_request_id();
    reply r = error_reply(err, language_from_accept(accept_lang), rid);
    apply_cache_policy(r, true);
    return response_head(r, rid, false, r.body->size()) + *r.body;
}

// After refusing a body the client is still sending, read and drop what follows for a short
// while before closing, so that the client sees the reply instead of a connection reset.
asio::awaitable<void> linger(beast::tcp_stream& stream) {
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.expires_after(std::chrono::seconds(2));
    std::array<char, 16384> discard{};
    std::size_t total = 0;
    while (total < 16 * 1024 * 1024) {
        auto [read_ec, n] = co_await stream.async_read_some(asio::buffer(discard),
                                                            asio::as_tuple(asio::use_awaitable));
        if (read_ec) {
            break;
        }
        total += n;
    }
}

// The request as handlers see it; the body is moved out of Beast's message.
template <class Body>
request to_request(bhttp::request<Body>& in, const std::string& remote_address,
                   bool remote_is_loopback) {
    request out;
    out.method = std::string(in.method_string());
    out.target = std::string(in.target());
    const auto question = out.target.find('?');
    out.path = out.target.substr(0, question);
    if (question != std::string::npos) {
        out.query = out.target.substr(question + 1);
    }
    // Percent-decode the path once so that routes and files see the same text.
    if (const auto parsed = boost::urls::parse_origin_form(out.target)) {
        out.path = std::string(parsed->path());
    }
    out.headers.reserve(std::size_t(std::distance(in.begin(), in.end())));
    for (const auto& field : in) {
        out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    if constexpr (std::is_same_v<Body, bhttp::string_body>) {
        out.body = std::move(in.body());
    }
    out.remote_address = remote_address;
    out.remote_is_loopback = remote_is_loopback;
    out.request_id = new_request_id();
    out.lang = language_from_accept(out.header("Accept-Language"));
    return out;
}

}  // namespace

server::server(asio::io_context& io, const dispatcher& dispatch, websocket_hub& hub,
               server_limits limits)
    : io_(io), dispatch_(dispatch), hub_(hub), limits_(limits), acceptor_(io) {}

server::~server() = default;

unsigned short server::listen(const std::string& host, unsigned short port) {
    const tcp::endpoint endpoint(asio::ip::make_address(host), port);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
    asio::co_spawn(acceptor_.get_executor(), accept_loop(), asio::detached);
    return acceptor_.local_endpoint().port();
}

asio::awaitable<void> server::accept_loop() {
    for (;;) {
        auto [ec, socket] = co_await acceptor_.async_accept(asio::make_strand(io_),
                                                            asio::as_tuple(asio::use_awaitable));
        if (ec == asio::error::operation_aborted || !acceptor_.is_open()) {
            co_return;
        }
        if (ec) {
            // Out of descriptors and the like: wait a moment rather than spin.
            asio::steady_timer pause(acceptor_.get_executor(), std::chrono::milliseconds(50));
            co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
            continue;
        }
        socket.set_option(tcp::no_delay(true));
        auto executor = socket.get_executor();
        asio::co_spawn(executor, session(std::move(socket)), asio::detached);
    }
}

void server::stop_accepting() {
    draining_ = true;
    asio::post(acceptor_.get_executor(), [this] {
        beast::error_code ignored;
        acceptor_.close(ignored);
    });
    std::lock_guard lock(mutex_);
    for (const auto& [id, weak] : connections_) {
        if (auto conn = weak.lock()) {
            asio::post(conn->executor, [conn] {
                if (conn->idle && conn->stream != nullptr) {
                    conn->stream->cancel();
                    beast::error_code ignored;
                    conn->stream->socket().close(ignored);
                }
            });
        }
    }
}

std::size_t server::open_connections() const {
    std::lock_guard lock(mutex_);
    return connections_.size();
}

asio::awaitable<void> server::session(tcp::socket socket) {
    beast::error_code remote_ec;
    const auto remote = socket.remote_endpoint(remote_ec);
    const std::string remote_address = remote.address().to_string();
    const bool remote_is_loopback = remote.address().is_loopback();
    beast::tcp_stream stream(std::move(socket));
    auto state = std::make_shared<connection_state>();
    state->executor = stream.get_executor();
    state->stream = &stream;
    const std::uint64_t id = next_connection_++;
    {
        std::lock_guard lock(mutex_);
        connections_.emplace(id, state);
    }
    beast::flat_buffer buffer;
    bool first = true;
    for (;;) {
        if (draining_) {
            break;
        }
        bhttp::request_parser<bhttp::empty_body> header_parser;
        header_parser.header_limit(std::uint32_t(limits_.header_limit));
        // The body limit depends on the route and is set once the header is known.
        header_parser.body_limit(boost::none);
        state->idle = true;
        stream.expires_after(first ? limits_.read_timeout : limits_.keep_alive_idle);
        auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, header_parser,
                                                         asio::as_tuple(asio::use_awaitable));
        state->idle = false;
        first = false;
        if (ec) {
            if (ec == bhttp::error::header_limit) {
                {
                    const std::string bytes =
                        early_error_bytes(api_error(error_code::header_too_large), "");
                    co_await asio::async_write(stream, asio::buffer(bytes),
                                               asio::as_tuple(asio::use_awaitable));
                }
            } else if (is_parse_error(ec)) {
                {
                    const std::string bytes =
                        early_error_bytes(api_error(error_code::bad_request), "");
                    co_await asio::async_write(stream, asio::buffer(bytes),
                                               asio::as_tuple(asio::use_awaitable));
                }
            }
            break;
        }

        if (beast::websocket::is_upgrade(header_parser.get())) {
            if (header_parser.get().target() == "/ws") {
                {
                    std::lock_guard lock(mutex_);
                    connections_.erase(id);
                }
                state->stream = nullptr;
                auto upgrade = header_parser.release();
                const request caller = to_request(upgrade, remote_address, remote_is_loopback);
                const auto allowed = co_await dispatch_.access().websocket_topics(caller);
                co_await hub_.serve(stream, upgrade, allowed);
                co_return;
            }
            {
                const std::string bytes = early_error_bytes(api_error(error_code::not_found), "");
                co_await asio::async_write(stream, asio::buffer(bytes),
                                           asio::as_tuple(asio::use_awaitable));
            }
            break;
        }

        ++in_flight_;
        struct in_flight_guard {
            std::atomic<std::size_t>& count;
            ~in_flight_guard() { --count; }
        } guard{in_flight_};

        const auto started = std::chrono::steady_clock::now();
        const std::string accept_lang(header_parser.get()[bhttp::field::accept_language]);
        const auto target = header_parser.get().target();
        const auto path = target.substr(0, target.find('?'));
        const auto method = header_parser.get().method_string();
        auto route = dispatch_.route_for(method, path);
        const std::size_t body_limit = dispatcher::body_limit_of(route);
        const auto declared_length = header_parser.content_length();
        if (declared_length && *declared_length > body_limit) {
            {
                const std::string bytes = early_error_bytes(too_large(body_limit), accept_lang);
                co_await asio::async_write(stream, asio::buffer(bytes),
                                           asio::as_tuple(asio::use_awaitable));
            }
            co_await linger(stream);
            break;
        }
        bhttp::request_parser<bhttp::string_body> parser(std::move(header_parser));
        parser.body_limit(body_limit);
        if (!parser.is_done()) {
            stream.expires_after(limits_.read_timeout);
            auto [body_ec, body_n] = co_await bhttp::async_read(
                stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
            if (body_ec == bhttp::error::body_limit) {
                {
                    const std::string bytes = early_error_bytes(too_large(body_limit), accept_lang);
                    co_await asio::async_write(stream, asio::buffer(bytes),
                                               asio::as_tuple(asio::use_awaitable));
                }
                co_await linger(stream);
                break;
            }
            if (body_ec) {
                if (is_parse_error(body_ec)) {
                    const std::string bytes =
                        early_error_bytes(api_error(error_code::bad_request), accept_lang);
                    co_await asio::async_write(stream, asio::buffer(bytes),
                                               asio::as_tuple(asio::use_awaitable));
                }
                break;
            }
        }
        auto raw = parser.release();
        request req = to_request(raw, remote_address, remote_is_loopback);
        reply r = co_await dispatch_.dispatch(req, std::move(route));
        const bool keep_alive = raw.keep_alive() && !draining_;
        const std::size_t body_size = r.body ? r.body->size() : 0;
        const bool send_body = raw.method() != bhttp::verb::head && r.status != 304;
        const std::string head =
            response_head(r, req.request_id, keep_alive,
                          r.status == 304 ? std::nullopt : std::optional<std::size_t>(body_size));
        stream.expires_after(limits_.read_timeout);
        const std::array<asio::const_buffer, 2> buffers{
            asio::buffer(head), send_body && r.body ? asio::buffer(*r.body) : asio::const_buffer{}};
        auto [write_ec, written] =
            co_await asio::async_write(stream, buffers, asio::as_tuple(asio::use_awaitable));
        const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::steady_clock::now() - started)
                                .count();
        // The query string is left out on purpose: it may carry personal data.
        spdlog::info("event=access rid={} remote={} method={} path=\"{}\" status={} bytes={} us={}",
                     req.request_id, req.remote_address, req.method, req.path, r.status, body_size,
                     micros);
        if (write_ec || !keep_alive) {
            break;
        }
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    state->stream = nullptr;
    std::lock_guard lock(mutex_);
    connections_.erase(id);
}

}  // namespace zhaoyin::http
