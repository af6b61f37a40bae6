#include "api/attachment_io.hpp"

#include <cctype>
#include <memory>

#include <fmt/format.h>

#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/session_access.hpp"
#include "core/time_format.hpp"

namespace zhaoyin::api {

namespace json = boost::json;

namespace {

// RFC 5987 value for filename*: every byte outside the unreserved set as %XX.
std::string percent_encode(const std::string& text) {
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
            out += char(c);
        } else {
            out += fmt::format("%{:02X}", c);
        }
    }
    return out;
}

}  // namespace

json::object attachment_json(const store::attachment_row& a) {
    const auto at = parse_rfc3339(a.created_at);
    return {{"id", a.id},
            {"name", a.name},
            {"content_type", a.content_type},
            {"size", a.size_bytes},
            {"created_at", at ? format_cst(*at) : a.created_at}};
}

http::reply attachment_download(const store::attachment_row& a, std::string bytes) {
    auto out = http::reply::shared(200, a.content_type,
                                   std::make_shared<const std::string>(std::move(bytes)));
    out.set_header("Content-Disposition", "attachment; filename=\"attachment\"; filename*=UTF-8''" +
                                              percent_encode(a.name));
    out.set_header("Cache-Control", "private, no-store");
    return out;
}

boost::asio::awaitable<http::reply> upload_attachment(context& ctx, http::request& req,
                                                      attach_file_step attach) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto name = req.query_param("name").value_or("");
    const auto from = origin_of(req);
    const auto made = co_await offload(ctx.db_pool, [&ctx, &who, id, &name, &req, &from, attach] {
        return attach(ctx.db, ctx.now, who, id, name, req.body, from);
    });
    co_return json_reply(201, json::object{{"attachment", attachment_json(made)}});
}

boost::asio::awaitable<http::reply> download_attachment(context& ctx, http::request& req,
                                                        read_file_step read) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto file = id_param(req, "attachment");
    auto [meta, bytes] = co_await offload(
        ctx.db_pool, [&ctx, &who, id, file, read] { return read(ctx.db, who, id, file); });
    co_return attachment_download(meta, std::move(bytes));
}

}  // namespace zhaoyin::api
