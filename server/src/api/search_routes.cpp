#include <boost/asio/awaitable.hpp>

#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "search/search.hpp"

namespace zhaoyin::api {

namespace json = boost::json;
namespace asio = boost::asio;

namespace {

// GET /api/v1/search: public; projects only for signed-in staff, in their scope.
asio::awaitable<http::reply> search(context& ctx, http::request& req) {
    const auto page = paging_of(req, 20, 50);
    field_errors errors;
    search::search_request request;
    request.q = req.query_param("q").value_or("");
    request.type = req.query_param("type");
    request.region = req.query_param("region");
    request.dimension = req.query_param("dimension");
    request.industry = req.query_param("industry");
    request.valid = flag_param(req, "valid", errors);
    errors.throw_if_any();
    request.page = page.page;
    request.page_size = page.page_size;
    const auto* who = req.principal.get();
    const auto found = co_await offload(ctx.db_pool, [&ctx, &who, &request] {
        return search::find(ctx.db, ctx.now, who, request);
    });
    json::array items;
    for (const auto& item : found.items) {
        items.push_back(json::object{
            {"id", item.id},
            {"type", item.type},
            {"title", item.title},
            {"title_en", item.title_en ? json::value(*item.title_en) : json::value(nullptr)},
            {"snippet", item.snippet},
            {"score", item.score},
            {"url_hint", item.url_hint}});
    }
    auto out = page_json(std::move(items), found.total, page);
    json::array stop_terms;
    for (const auto& term : found.stop_terms) {
        stop_terms.push_back(json::value(term));
    }
    out["stop_terms"] = std::move(stop_terms);
    out["capped"] = found.capped;
    co_return json_reply(200, std::move(out));
}

}  // namespace

void add_search_routes(http::router& routes, context& ctx) {
    routes.add({"GET", "/api/v1/search", "search:index:query", bind_handler(ctx, search)});
}

}  // namespace zhaoyin::api
