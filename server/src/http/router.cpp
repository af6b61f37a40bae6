#include "http/router.hpp"

#include <stdexcept>

namespace zhaoyin::http {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> out;
    while (!path.empty()) {
        if (path.front() == '/') {
            path.remove_prefix(1);
            continue;
        }
        const auto slash = path.find('/');
        out.push_back(path.substr(0, slash));
        path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash);
    }
    return out;
}

bool is_positive_integer(std::string_view text) {
    if (text.empty() || text.size() > 18 || text.front() == '0') {
        return false;
    }
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return true;
}

void router::add(route r) {
    if (r.permission.empty()) {
        throw std::logic_error("route " + r.method + " " + r.pattern + " names no permission");
    }
    compiled c{r, {}};
    for (const auto part : split_path(r.pattern)) {
        segment s;
        if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
            const auto inner = part.substr(1, part.size() - 2);
            const auto colon = inner.find(':');
            s.param = std::string(inner.substr(0, colon));
            s.integer = colon != std::string_view::npos && inner.substr(colon + 1) == "int";
        } else {
            s.literal = std::string(part);
        }
        c.segments.push_back(std::move(s));
    }
    compiled_.push_back(std::move(c));
    routes_.push_back(std::move(r));
}

router::match_result router::match(std::string_view method, std::string_view path) const {
    match_result out;
    const auto parts = split_path(path);
    for (const auto& c : compiled_) {
        if (c.segments.size() != parts.size()) {
            continue;
        }
        // Literal segments first: most routes fail here, before anything is allocated.
        bool literals_match = true;
        for (std::size_t i = 0; i < parts.size() && literals_match; ++i) {
            literals_match = !c.segments[i].param.empty() || c.segments[i].literal == parts[i];
        }
        if (!literals_match) {
            continue;
        }
        if (c.r.method != method && !(method == "HEAD" && c.r.method == "GET")) {
            out.allowed_methods.push_back(c.r.method);
            continue;
        }
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const segment& s = c.segments[i];
            if (s.param.empty()) {
                continue;
            }
            if (s.integer && !is_positive_integer(parts[i])) {
                out = {};
                out.result = outcome::bad_parameter;
                out.bad_parameter = s.param;
                return out;
            }
            out.params.emplace(s.param, std::string(parts[i]));
        }
        out.result = outcome::found;
        out.matched = &c.r;
        out.allowed_methods.clear();
        return out;
    }
    if (!out.allowed_methods.empty()) {
        out.result = outcome::method_not_allowed;
    }
    return out;
}

}  // namespace zhaoyin::http
