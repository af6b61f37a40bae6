#pragma once

#include <string>

#include "support/http_client.hpp"

namespace zhaoyin::testing {

// A browser-like client: keeps the session and CSRF cookies, sends X-CSRF-Token on unsafe
// methods (fetched from /auth/me as the web app does).
class session_client {
  public:
    explicit session_client(unsigned short port) : port_(port) {}

    http_response get(const std::string& target, header_list headers = {});
    http_response send(const std::string& method, const std::string& target,
                       const std::string& json_body = "{}", header_list headers = {});
    http_response post(const std::string& target, const std::string& json_body = "{}") {
        return send("POST", target, json_body);
    }
    // Signs in and fails the test's expectations through the returned status.
    http_response login(const std::string& login, const std::string& password,
                        const std::string& totp = "");
    // Refreshes the CSRF token from /auth/me.
    void refresh_csrf();

    const std::string& session_token() const { return session_; }
    void set_session_token(std::string token) {
        session_ = std::move(token);
        csrf_.clear();
    }
    void forget_csrf() { csrf_.clear(); }

  private:
    void remember_cookies(const http_response& res);
    header_list with_cookies(header_list headers) const;

    unsigned short port_;
    std::string session_;
    std::string csrf_cookie_;
    std::string csrf_;
};

}  // namespace zhaoyin::testing
