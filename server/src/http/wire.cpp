#include "http/wire.hpp"

#include <sodium.h>

#include <boost/beast/http/status.hpp>

namespace zhaoyin::http {
namespace {

// On every reply, API or page.
constexpr std::string_view security_headers =
    "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self' "
    "'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: "
    "wss:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: strict-origin-when-cross-origin\r\n"
    "Permissions-Policy: camera=(), microphone=(), geolocation=()\r\n"
    "Cross-Origin-Opener-Policy: same-origin\r\n";

bool is_safe_header_text(std::string_view text) {
    return text.find_first_of("\r\n") == std::string_view::npos;
}

void append_header(std::string& out, std::string_view name, std::string_view value) {
    // A header value never carries a line break: that would let it write headers of its own.
    if (!is_safe_header_text(name) || !is_safe_header_text(value)) {
        return;
    }
    out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

std::string response_head(const reply& r, std::string_view request_id, bool keep_alive,
                          std::optional<std::size_t> content_length) {
    std::string out;
    out.reserve(1024);
    out.append("HTTP/1.1 ").append(std::to_string(r.status)).append(" ");
    out.append(boost::beast::http::obsolete_reason(boost::beast::http::status(r.status)));
    out.append("\r\n");
    if (r.status != 304 && r.status != 204) {
        append_header(out, "Content-Type", r.content_type);
    }
    if (content_length) {
        out.append("Content-Length: ").append(std::to_string(*content_length)).append("\r\n");
    }
    append_header(out, "X-Request-Id", request_id);
    for (const auto& [name, value] : r.headers) {
        append_header(out, name, value);
    }
    out.append(security_headers);
    if (!keep_alive) {
        out.append("Connection: close\r\n");
    }
    out.append("\r\n");
    return out;
}

std::string new_request_id() {
    // splitmix64 over a per-thread seed from libsodium: unique and unguessable enough for a
    // correlation id, and no getrandom() per request.
    thread_local std::uint64_t state = [] {
        std::uint64_t seed = 0;
        randombytes_buf(&seed, sizeof seed);
        return seed;
    }();
    state += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i) {
        out[std::size_t(i)] = digits[z & 0xf];
        z >>= 4;
    }
    return out;
}

}  // namespace zhaoyin::http
