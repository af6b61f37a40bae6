#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zhaoyin::crypto {

// Random bytes from libsodium, as URL-safe base64 without padding (`bytes` ≥ 16 for tokens).
std::string random_token(std::size_t bytes);
std::string sha256_hex(std::string_view data);
// Argon2id (libsodium's crypto_pwhash_str, with its interactive limits and a random salt).
std::string hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);
bool constant_time_equal(std::string_view a, std::string_view b);

// RFC 4648 base32 (no padding), the encoding authenticator apps expect for TOTP secrets.
std::string base32_encode(const std::vector<unsigned char>& bytes);
std::vector<unsigned char> base32_decode(std::string_view text);
// Standard base64 with padding, for binary content kept in text columns.
std::string base64_encode(std::string_view bytes);
// Empty on malformed input.
std::optional<std::string> base64_decode(std::string_view text);
// RFC 6238 TOTP (HMAC-SHA1, 6 digits) for a 30-second step counter.
std::string totp_code(const std::vector<unsigned char>& secret, std::int64_t step);

}  // namespace zhaoyin::crypto
