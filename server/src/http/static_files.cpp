#include "http/static_files.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace zhaoyin::http {
namespace {

std::shared_ptr<const std::string> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return std::make_shared<const std::string>(out.str());
}

std::uint64_t fnv1a(std::string_view bytes) {
    std::uint64_t hash = 1469598103934665603ULL;
    for (const unsigned char c : bytes) {
        hash = (hash ^ c) * 1099511628211ULL;
    }
    return hash;
}

std::string lowercase(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = char(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

}  // namespace

std::string_view content_type_for(std::string_view path) {
    struct entry {
        std::string_view ext, type;
    };
    static constexpr entry types[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".webp", "image/webp"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".woff", "font/woff"},
        {".ttf", "font/ttf"},
        {".txt", "text/plain; charset=utf-8"},
        {".map", "application/json"},
        {".geojson", "application/geo+json"},
    };
    for (const auto& [ext, type] : types) {
        if (path.ends_with(ext)) {
            return type;
        }
    }
    return "application/octet-stream";
}

bool accepts_encoding(std::string_view accept_encoding, std::string_view coding) {
    const std::string header = lowercase(accept_encoding);
    std::string_view rest = header;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        std::string_view item = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        while (!item.empty() && item.front() == ' ') {
            item.remove_prefix(1);
        }
        const auto semi = item.find(';');
        std::string_view name = item.substr(0, semi);
        while (!name.empty() && name.back() == ' ') {
            name.remove_suffix(1);
        }
        if (name != coding && name != "*") {
            continue;
        }
        if (semi != std::string_view::npos) {
            const auto params = item.substr(semi + 1);
            const auto q = params.find("q=");
            if (q != std::string_view::npos) {
                const auto value = params.substr(q + 2);
                if (value.starts_with("0") &&
                    value.find_first_of("123456789") == std::string_view::npos) {
                    return false;
                }
            }
        }
        return true;
    }
    return false;
}

static_files::static_files(const std::filesystem::path& root) {
    std::error_code ec;
    if (!std::filesystem::is_directory(root, ec)) {
        return;
    }
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root, ec)) {
        if (!entry.is_regular_file()) {
            continue;
        }
        const auto& path = entry.path();
        const auto ext = path.extension().string();
        if (ext == ".gz" || ext == ".br") {
            continue;
        }
        const std::string url = "/" + std::filesystem::relative(path, root).generic_string();
        file f;
        f.content_type = std::string(content_type_for(url));
        f.identity.bytes = read_file(path);
        f.etag = fmt::format("\"{:016x}\"", fnv1a(*f.identity.bytes));
        f.immutable = url.starts_with("/assets/");
        const auto gz = std::filesystem::path(path.string() + ".gz");
        const auto br = std::filesystem::path(path.string() + ".br");
        if (std::filesystem::exists(gz)) {
            f.gzip = variant{read_file(gz)};
        }
        if (std::filesystem::exists(br)) {
            f.brotli = variant{read_file(br)};
        }
        files_.emplace(url, std::move(f));
    }
}

reply static_files::reply_for(const file& f, const request& req) const {
    reply out;
    out.content_type = f.content_type;
    out.set_header("ETag", f.etag);
    out.set_header("Cache-Control",
                   f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    out.set_header("Vary", "Accept-Encoding");
    const auto if_none_match = req.header("If-None-Match");
    if (!if_none_match.empty() && if_none_match.find(f.etag) != std::string_view::npos) {
        out.status = 304;
        out.body = std::make_shared<const std::string>();
        return out;
    }
    const auto accept = req.header("Accept-Encoding");
    if (f.brotli && accepts_encoding(accept, "br")) {
        out.body = f.brotli->bytes;
        out.set_header("Content-Encoding", "br");
    } else if (f.gzip && accepts_encoding(accept, "gzip")) {
        out.body = f.gzip->bytes;
        out.set_header("Content-Encoding", "gzip");
    } else {
        out.body = f.identity.bytes;
    }
    return out;
}

std::optional<reply> static_files::serve(const request& req) const {
    std::string path = req.path;
    if (path.empty() || path == "/") {
        path = "/index.html";
    }
    if (const auto found = files_.find(path); found != files_.end()) {
        return reply_for(found->second, req);
    }
    // A route of the single-page app (no file extension in its last segment) gets index.html,
    // so that /console/units can be reloaded; a missing asset stays a 404.
    const auto last_slash = path.rfind('/');
    const bool looks_like_file = path.find('.', last_slash) != std::string::npos;
    if (!looks_like_file && !path.starts_with("/api/")) {
        if (const auto index = files_.find("/index.html"); index != files_.end()) {
            return reply_for(index->second, req);
        }
    }
    return std::nullopt;
}

}  // namespace zhaoyin::http
