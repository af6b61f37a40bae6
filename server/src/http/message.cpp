#include "http/message.hpp"

#include <boost/url/parse_query.hpp>

namespace zhaoyin::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string_view request::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (iequals(key, name)) {
            return value;
        }
    }
    return {};
}

std::optional<std::string> request::query_param(std::string_view name) const {
    const auto params = boost::urls::parse_query(query);
    if (!params) {
        return std::nullopt;
    }
    boost::urls::encoding_opts form;
    form.space_as_plus = true;
    for (const auto& param : *params) {
        if (param.key.decode(form) == name) {
            return param.has_value ? param.value.decode(form) : std::string();
        }
    }
    return std::nullopt;
}

std::string request::cookie(std::string_view name) const {
    std::string_view rest = header("Cookie");
    while (!rest.empty()) {
        const auto semi = rest.find(';');
        std::string_view item = rest.substr(0, semi);
        rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
        while (!item.empty() && item.front() == ' ') {
            item.remove_prefix(1);
        }
        const auto eq = item.find('=');
        if (eq != std::string_view::npos && item.substr(0, eq) == name) {
            return std::string(item.substr(eq + 1));
        }
    }
    return {};
}

bool request::is_unsafe_method() const {
    return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

void reply::add_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
}

reply reply::json(int status, std::string text) {
    return shared(status, "application/json", std::make_shared<const std::string>(std::move(text)));
}

reply reply::shared(int status, std::string content_type, std::shared_ptr<const std::string> body) {
    reply out;
    out.status = status;
    out.content_type = std::move(content_type);
    out.body = std::move(body);
    return out;
}

void reply::set_header(std::string name, std::string value) {
    for (auto& [key, existing] : headers) {
        if (iequals(key, name)) {
            existing = std::move(value);
            return;
        }
    }
    headers.emplace_back(std::move(name), std::move(value));
}

}  // namespace zhaoyin::http
