#include <boost/asio/awaitable.hpp>

#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "api/tel_link.hpp"
#include "service/content/parks.hpp"

namespace zhaoyin::api {

namespace json = boost::json;
namespace asio = boost::asio;
namespace content = service::content;

namespace {

// A decimal-degree coordinate as a JSON number (it is stored as text: the same on both engines).
json::value coordinate(const std::string& text) {
    try {
        return std::stod(text);
    } catch (const std::exception&) {
        return nullptr;
    }
}

json::object park_json(const store::park_row& p, language lang) {
    const bool en = lang == language::en;
    json::array industries;
    for (const auto& code : p.industries) {
        industries.emplace_back(code);
    }
    const json::object unit{{"id", p.unit_id}, {"name", en ? p.unit_name_en : p.unit_name_zh}};
    return {
        {"id", p.id},
        {"code", p.code},
        {"name", en ? p.name_en : p.name},
        {"name_zh", p.name},
        {"name_en", p.name_en},
        {"unit", unit},
        {"district", json::object{{"code", optional_json(p.district_code)},
                                  {"name", en ? p.district_name_en : p.district_name_zh}}},
        {"location", json::object{{"lat", coordinate(p.lat)}, {"lon", coordinate(p.lon)}}},
        {"area_ha", p.area_ha},
        {"available_land_ha", p.available_land_ha},
        {"industries", std::move(industries)},
        // Calls about the park go to its unit unless another one is named.
        {"contact",
         json::object{{"unit", p.contact_unit_id ? json::object{{"id", *p.contact_unit_id}} : unit},
                      {"phone", optional_json(p.contact_phone)},
                      {"tel", tel_link(p.contact_phone)}}},
        {"summary", en ? p.summary_en : p.summary},
        {"summary_zh", p.summary},
        {"summary_en", p.summary_en},
        {"illustrative", p.illustrative}};
}

asio::awaitable<http::reply> list_parks(context& ctx, http::request& req) {
    const auto page = paging_of(req);
    content::park_query query;
    query.text = req.query_param("q").value_or("");
    query.district = req.query_param("district");
    query.industry = req.query_param("industry");
    query.offset = page.offset();
    query.limit = page.page_size;
    const auto found = co_await offload(
        ctx.db_pool, [&ctx, &query] { return content::list_parks(ctx.db, query); });
    json::array items;
    for (const auto& p : found.first) {
        items.push_back(park_json(p, req.lang));
    }
    co_return json_reply(200, page_json(std::move(items), found.second, page));
}

asio::awaitable<http::reply> view_park(context& ctx, http::request& req) {
    const auto id = id_param(req, "id");
    const auto park =
        co_await offload(ctx.db_pool, [&ctx, id] { return content::view_park(ctx.db, id); });
    co_return json_reply(200, json::object{{"park", park_json(park, req.lang)}});
}

}  // namespace

void add_park_routes(http::router& routes, context& ctx) {
    routes.add({"GET", "/api/v1/parks", "content:park:read", bind_handler(ctx, list_parks)});
    routes.add(
        {"GET", "/api/v1/parks/{id:int}", "content:park:read", bind_handler(ctx, view_park)});
}

}  // namespace zhaoyin::api
