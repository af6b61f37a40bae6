#pragma once

#include <string>

#include <boost/json.hpp>

#include "http/message.hpp"
#include "store/attachment_store.hpp"

namespace zhaoyin::api {

// An attached file as intents and key projects list it: {id, name, content_type, size,
// created_at}.
boost::json::object attachment_json(const store::attachment_row& attachment);

// The file itself for download, under its own name, never cached.
http::reply attachment_download(const store::attachment_row& attachment, std::string bytes);

}  // namespace zhaoyin::api
