#include <set>

#include <boost/asio/awaitable.hpp>

#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "api/session_access.hpp"
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
        {"illustrative", p.illustrative},
        {"archived_at", time_json(p.archived_at)},
        {"updated_at", time_json(p.updated_at)}};
}

http::reply park_reply(int status, const store::park_row& park, language lang) {
    return json_reply(status, json::object{{"park", park_json(park, lang)}});
}

// A park's fields from a body: creation and edits read the same ones; any other is refused.
content::park_input park_input_of(const json::object& body) {
    static const std::set<std::string> known{
        "code",          "name",    "name_en",    "unit_id",
        "lat",           "lon",     "area_ha",    "available_land_ha",
        "contact_phone", "summary", "summary_en", "industries"};
    field_errors errors;
    content::park_input input;
    for (const auto& item : body) {
        if (!known.contains(std::string(item.key()))) {
            input.unknown_fields.emplace_back(item.key());
        }
    }
    input.code = string_field(body, "code", errors);
    input.name = string_field(body, "name", errors);
    input.name_en = string_field(body, "name_en", errors);
    input.unit_id = integer_field(body, "unit_id", errors);
    input.lat = string_field(body, "lat", errors);
    input.lon = string_field(body, "lon", errors);
    input.area_ha = string_field(body, "area_ha", errors);
    input.available_land_ha = string_field(body, "available_land_ha", errors);
    // null or "" clears the phone
    const auto* phone = body.if_contains("contact_phone");
    input.contact_phone = phone != nullptr && phone->is_null()
                              ? std::optional<std::string>("")
                              : string_field(body, "contact_phone", errors);
    input.summary = string_field(body, "summary", errors);
    input.summary_en = string_field(body, "summary_en", errors);
    input.industries = strings_field(body, "industries", errors);
    errors.throw_if_any();
    return input;
}

asio::awaitable<http::reply> list_parks(context& ctx, http::request& req) {
    const auto* who = req.principal.get();
    const auto page = paging_of(req);
    field_errors errors;
    content::park_query query;
    query.text = req.query_param("q").value_or("");
    query.district = req.query_param("district");
    query.industry = req.query_param("industry");
    query.include_archived = flag_param(req, "include_archived", errors).value_or(false);
    errors.throw_if_any();
    query.offset = page.offset();
    query.limit = page.page_size;
    const auto found = co_await offload(
        ctx.db_pool, [&ctx, who, &query] { return content::list_parks(ctx.db, who, query); });
    json::array items;
    for (const auto& p : found.first) {
        items.push_back(park_json(p, req.lang));
    }
    co_return json_reply(200, page_json(std::move(items), found.second, page));
}

asio::awaitable<http::reply> view_park(context& ctx, http::request& req) {
    const auto* who = req.principal.get();
    const auto id = id_param(req, "id");
    const auto park = co_await offload(
        ctx.db_pool, [&ctx, who, id] { return content::view_park(ctx.db, who, id); });
    co_return park_reply(200, park, req.lang);
}

asio::awaitable<http::reply> create_park(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto body = parse_json_object(req);
    const auto input = park_input_of(body);
    const auto from = origin_of(req);
    const auto park = co_await offload(ctx.db_pool, [&ctx, &who, &input, &from] {
        return content::create_park(ctx.db, ctx.now, who, input, from);
    });
    co_return park_reply(201, park, req.lang);
}

asio::awaitable<http::reply> edit_park(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto body = parse_json_object(req);
    const auto changes = park_input_of(body);
    const auto from = origin_of(req);
    const auto park = co_await offload(ctx.db_pool, [&ctx, &who, id, &changes, &from] {
        return content::edit_park(ctx.db, ctx.now, who, id, changes, from);
    });
    co_return park_reply(200, park, req.lang);
}

// Archiving and restoring: the same request, a different change.
using park_change = store::park_row (*)(db::database&, const clock&,
                                        const service::identity::principal&, std::int64_t,
                                        const service::identity::origin&);

template <park_change change>
asio::awaitable<http::reply> change_park(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto from = origin_of(req);
    const auto park = co_await offload(
        ctx.db_pool, [&ctx, &who, id, &from] { return change(ctx.db, ctx.now, who, id, from); });
    co_return park_reply(200, park, req.lang);
}

}  // namespace

void add_park_routes(http::router& routes, context& ctx) {
    routes.add({"GET", "/api/v1/parks", "content:park:read", bind_handler(ctx, list_parks)});
    routes.add(
        {"GET", "/api/v1/parks/{id:int}", "content:park:read", bind_handler(ctx, view_park)});
    routes.add({"POST", "/api/v1/parks", "content:park:write", bind_handler(ctx, create_park)});
    routes.add(
        {"PATCH", "/api/v1/parks/{id:int}", "content:park:write", bind_handler(ctx, edit_park)});
    routes.add({"POST", "/api/v1/parks/{id:int}/archive", "content:park:write",
                bind_handler(ctx, change_park<content::archive_park>)});
    routes.add({"POST", "/api/v1/parks/{id:int}/restore", "content:park:write",
                bind_handler(ctx, change_park<content::restore_park>)});
}

}  // namespace zhaoyin::api
