#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/message.hpp"

namespace zhaoyin::http {

// The built web app, read into memory at start: files are small and hashed, and serving them
// from memory keeps the I/O threads off the disk. Precompressed .br and .gz siblings written
// by the web build are served to clients that accept them.
class static_files {
  public:
    explicit static_files(const std::filesystem::path& root);

    // A reply for GET/HEAD of a file or of an SPA route; nullopt when nothing matches.
    std::optional<reply> serve(const request& req) const;
    std::size_t file_count() const { return files_.size(); }
    bool has_index() const { return files_.contains("/index.html"); }

  private:
    struct variant {
        std::shared_ptr<const std::string> bytes;
    };
    struct file {
        std::string content_type;
        std::string etag;
        variant identity;
        std::optional<variant> gzip;
        std::optional<variant> brotli;
        bool immutable = false;
    };
    reply reply_for(const file& f, const request& req) const;

    std::unordered_map<std::string, file> files_;
};

std::string_view content_type_for(std::string_view path);
// Which encodings an Accept-Encoding header admits (a q=0 entry refuses it).
bool accepts_encoding(std::string_view accept_encoding, std::string_view coding);

}  // namespace zhaoyin::http
