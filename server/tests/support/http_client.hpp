#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <boost/json.hpp>

namespace zhaoyin::testing {

struct http_response {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    std::string header(const std::string& name) const;
    boost::json::value json() const { return boost::json::parse(body); }
    // The fields a 422 names (error.fields); empty for any other status.
    std::set<std::string> field_names() const;
};

using header_list = std::vector<std::pair<std::string, std::string>>;

// One request on a new connection to 127.0.0.1:port.
http_response http_request(unsigned short port, const std::string& method,
                           const std::string& target, const std::string& body = "",
                           const header_list& headers = {});
inline http_response http_get(unsigned short port, const std::string& target,
                              const header_list& headers = {}) {
    return http_request(port, "GET", target, "", headers);
}
http_response post_json(unsigned short port, const std::string& target, const std::string& body,
                        const header_list& headers = {});

// Sends raw bytes and returns everything the server writes until it closes or 5 s pass.
std::string raw_exchange(unsigned short port, const std::string& bytes);

}  // namespace zhaoyin::testing
