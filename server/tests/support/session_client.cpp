#include "support/session_client.hpp"

namespace zhaoyin::testing {

void session_client::remember_cookies(const http_response& res) {
    for (const auto& [name, value] : res.headers) {
        if (name != "Set-Cookie") {
            continue;
        }
        const auto eq = value.find('=');
        const auto semi = value.find(';');
        const std::string cookie = value.substr(0, eq);
        const std::string content = value.substr(eq + 1, semi - eq - 1);
        if (cookie == "zy_session") {
            session_ = content;
            csrf_.clear();
        } else if (cookie == "zy_csrf") {
            csrf_cookie_ = content;
        }
    }
}

header_list session_client::with_cookies(header_list headers) const {
    std::string cookies;
    if (!session_.empty()) {
        cookies += "zy_session=" + session_;
    }
    if (!csrf_cookie_.empty()) {
        cookies += (cookies.empty() ? "" : "; ") + std::string("zy_csrf=") + csrf_cookie_;
    }
    if (!cookies.empty()) {
        headers.emplace_back("Cookie", cookies);
    }
    return headers;
}

http_response session_client::get(const std::string& target, header_list headers) {
    auto res = http_request(port_, "GET", target, "", with_cookies(std::move(headers)));
    remember_cookies(res);
    return res;
}

void session_client::refresh_csrf() {
    const auto me = get("/api/v1/auth/me");
    csrf_ = std::string(me.json().at("csrf_token").as_string());
}

http_response session_client::send(const std::string& method, const std::string& target,
                                   const std::string& json_body, header_list headers) {
    if (csrf_.empty()) {
        refresh_csrf();
    }
    headers.emplace_back("X-CSRF-Token", csrf_);
    headers.emplace_back("Content-Type", "application/json");
    auto res = http_request(port_, method, target, json_body, with_cookies(std::move(headers)));
    remember_cookies(res);
    return res;
}

http_response session_client::login(const std::string& login, const std::string& password,
                                    const std::string& totp) {
    boost::json::object body{{"login", login}, {"password", password}};
    if (!totp.empty()) {
        body["totp"] = totp;
    }
    return post("/api/v1/auth/login", boost::json::serialize(body));
}

}  // namespace zhaoyin::testing
