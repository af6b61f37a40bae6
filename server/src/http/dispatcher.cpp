#include "http/dispatcher.hpp"

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

namespace zhaoyin::http {

namespace json = boost::json;

bool is_api_path(std::string_view path) {
    return path.starts_with("/api/") || path == "/api" || path == "/livez" || path == "/readyz";
}

reply error_reply(const api_error& err, language lang, std::string_view request_id) {
    message text = err.text();
    if (err.code() == error_code::internal) {
        text.args["request_id"] = std::string(request_id);
    }
    json::object body{{"code", name_of(err.code())}, {"message", render(text, lang)}};
    if (!err.fields().empty()) {
        json::object fields;
        for (const auto& [name, msg] : err.fields()) {
            fields[name] = render(msg, lang);
        }
        body["fields"] = std::move(fields);
    }
    return reply::json(http_status_of(err.code()), json::serialize(json::object{{"error", body}}));
}

void apply_cache_policy(reply& r, bool api) {
    if (api) {
        r.set_header("Cache-Control", "no-store");
    }
}

dispatcher::dispatcher(const router& routes, const static_files& files, const access_policy& access)
    : routes_(routes), files_(files), access_(access) {}

router::match_result dispatcher::route_for(std::string_view method, std::string_view path) const {
    if (!is_api_path(path)) {
        return {};
    }
    return routes_.match(method, path);
}

std::size_t dispatcher::body_limit_of(const router::match_result& m) {
    return m.result == router::outcome::found ? m.matched->body_limit : default_body_limit;
}

boost::asio::awaitable<reply> dispatcher::dispatch_api(request& req, router::match_result m) const {
    switch (m.result) {
        case router::outcome::not_found:
            throw api_error(error_code::not_found);
        case router::outcome::method_not_allowed: {
            api_error err(error_code::method_not_allowed,
                          message{"error.method_not_allowed", {{"method", req.method}}});
            reply r = error_reply(err, req.lang, req.request_id);
            std::string allow;
            for (const auto& method : m.allowed_methods) {
                allow += (allow.empty() ? "" : ", ") + method;
            }
            r.set_header("Allow", allow);
            co_return r;
        }
        case router::outcome::bad_parameter:
            throw api_error(error_code::invalid_path_parameter,
                            message{"error.invalid_path_parameter", {{"name", m.bad_parameter}}},
                            {{m.bad_parameter, message{"field.must_be_integer", {}}}});
        case router::outcome::found:
            break;
    }
    req.path_params = std::move(m.params);
    co_await access_.authorize(req, *m.matched);
    co_return co_await m.matched->fn(req);
}

boost::asio::awaitable<reply> dispatcher::dispatch(request& req, router::match_result m) const {
    const bool api = is_api_path(req.path);
    reply out;
    try {
        if (api) {
            out = co_await dispatch_api(req, std::move(m));
        } else if (req.method != "GET" && req.method != "HEAD") {
            api_error err(error_code::method_not_allowed,
                          message{"error.method_not_allowed", {{"method", req.method}}});
            out = error_reply(err, req.lang, req.request_id);
            out.set_header("Allow", "GET, HEAD");
        } else if (auto file = files_.serve(req)) {
            out = std::move(*file);
        } else {
            throw api_error(error_code::not_found);
        }
    } catch (const api_error& err) {
        out = error_reply(err, req.lang, req.request_id);
    } catch (const std::exception& ex) {
        spdlog::error("event=unhandled_exception rid={} path={} what=\"{}\"", req.request_id,
                      req.path, ex.what());
        out = error_reply(api_error(error_code::internal), req.lang, req.request_id);
    }
    apply_cache_policy(out, api || out.content_type == "application/json");
    co_return out;
}

}  // namespace zhaoyin::http
