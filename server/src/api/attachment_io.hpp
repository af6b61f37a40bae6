#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/json.hpp>

#include "api/context.hpp"
#include "http/message.hpp"
#include "store/attachment_store.hpp"

namespace zhaoyin::api {

// An attached file as intents and key projects list it: {id, name, content_type, size,
// created_at}.
boost::json::object attachment_json(const store::attachment_row& attachment);

// The file itself for download, under its own name, never cached.
http::reply attachment_download(const store::attachment_row& attachment, std::string bytes);

// The service steps behind the file routes of a record (an intent, a key project); each checks
// the caller's scope over the record itself.
using attach_file_step = store::attachment_row (*)(db::database&, const clock&,
                                                   const service::identity::principal&,
                                                   std::int64_t, const std::string&,
                                                   const std::string&,
                                                   const service::identity::origin&);
using read_file_step = std::pair<store::attachment_row, std::string> (*)(
    db::database&, const service::identity::principal&, std::int64_t, std::int64_t);

// POST .../{id}/attachments?name=...: the request body becomes a file of record `id`.
boost::asio::awaitable<http::reply> upload_attachment(context& ctx, http::request& req,
                                                      attach_file_step attach);
// GET .../{id}/attachments/{attachment}: the file of record `id`, for download.
boost::asio::awaitable<http::reply> download_attachment(context& ctx, http::request& req,
                                                        read_file_step read);

}  // namespace zhaoyin::api
