#include "support/http_client.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace zhaoyin::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

std::string http_response::header(const std::string& name) const {
    for (const auto& [key, value] : headers) {
        if (beast::iequals(key, name)) {
            return value;
        }
    }
    return {};
}

std::set<std::string> http_response::field_names() const {
    std::set<std::string> out;
    if (status != 422) {
        return out;
    }
    const auto reply = json();
    for (const auto& field : reply.at("error").at("fields").as_object()) {
        out.insert(std::string(field.key()));
    }
    return out;
}

http_response http_request(unsigned short port, const std::string& method,
                           const std::string& target, const std::string& body,
                           const header_list& headers) {
    asio::io_context io;
    beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(30));
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) {
        req.set(name, value);
    }
    req.body() = body;
    req.prepare_payload();
    bhttp::write(stream, req);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (method == "HEAD") {
        parser.skip(true);
    }
    bhttp::read(stream, buffer, parser);
    const auto& res = parser.get();
    http_response out;
    out.status = int(res.result_int());
    for (const auto& field : res) {
        out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    out.body = res.body();
    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    return out;
}

http_response post_json(unsigned short port, const std::string& target, const std::string& body,
                        const header_list& headers) {
    header_list all = headers;
    all.emplace_back("Content-Type", "application/json");
    return http_request(port, "POST", target, body, all);
}

std::string raw_exchange(unsigned short port, const std::string& bytes) {
    asio::io_context io;
    beast::tcp_stream stream(io);
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    stream.expires_after(std::chrono::seconds(5));
    asio::write(stream.socket(), asio::buffer(bytes));
    std::string out;
    char chunk[4096];
    for (;;) {
        beast::error_code ec;
        const std::size_t n = stream.socket().read_some(asio::buffer(chunk), ec);
        out.append(chunk, n);
        if (ec) {
            break;
        }
    }
    return out;
}

}  // namespace zhaoyin::testing
