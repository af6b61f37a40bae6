#include <atomic>

#include <fmt/format.h>
#include <boost/asio/awaitable.hpp>

#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "api/session_access.hpp"
#include "core/error.hpp"
#include "service/reference/reference_data.hpp"

namespace zhaoyin::api {

namespace json = boost::json;
namespace asio = boost::asio;
using service::reference::unit_node;

namespace {

json::array strings(const std::vector<std::string>& items) {
    json::array out;
    for (const auto& item : items) {
        out.emplace_back(item);
    }
    return out;
}

json::object unit_json(const store::unit_row& u) {
    return {{"id", u.id},
            {"key", u.key},
            {"parent_id", u.parent_id ? json::value(*u.parent_id) : json::value(nullptr)},
            {"code", optional_json(u.code)},
            {"type", u.type},
            {"name_zh", u.name_zh},
            {"name_en", u.name_en},
            {"phone", optional_json(u.phone)},
            {"leading_industries", strings(u.leading_industries)},
            {"leading_industries_en", strings(u.leading_industries_en)},
            {"chain_code", optional_json(u.chain_code)},
            {"industry_codes", strings(u.industry_codes)},
            {"league", optional_json(u.league)},
            {"illustrative", u.illustrative}};
}

json::object tree_json(const unit_node& node, std::size_t& count) {
    json::object out = unit_json(node.unit);
    json::array children;
    for (const auto& child : node.children) {
        children.push_back(tree_json(child, count));
    }
    out["children"] = std::move(children);
    ++count;
    return out;
}

// A reply body computed once and served to every caller: reference data changes only through
// the loader (and, later, the administrators' console, which will rebuild it).
struct cached_body {
    std::shared_ptr<const std::string> bytes;
    std::string etag;
};

cached_body cache(const json::value& value) {
    auto bytes = std::make_shared<const std::string>(json::serialize(value));
    return {bytes, fmt::format("\"{:x}\"", std::hash<std::string>{}(*bytes))};
}

http::reply serve_cached(const cached_body& body, const http::request& req) {
    http::reply r;
    r.set_header("ETag", body.etag);
    if (req.header("If-None-Match") == body.etag) {
        r.status = 304;
        return r;
    }
    r.body = body.bytes;
    return r;
}

struct reference_cache {
    cached_body units;
    cached_body industries;
    cached_body stages;
    cached_body procedure_types;
};

reference_cache build_cache(db::database& db) {
    return db.read([](db::connection& conn) {
        reference_cache out;
        json::array tree;
        std::size_t count = 0;
        for (const auto& root : service::reference::unit_tree(conn)) {
            tree.push_back(tree_json(root, count));
        }
        out.units = cache(json::object{{"tree", std::move(tree)}, {"total", count}});

        store::reference_store store(conn);
        json::array industries;
        for (const auto& row : store.list_industries()) {
            industries.push_back(json::object{{"code", row.code},
                                              {"kind", row.kind},
                                              {"name_zh", row.name_zh},
                                              {"name_en", row.name_en},
                                              {"group", optional_json(row.group_code)}});
        }
        out.industries = cache(json::object{{"items", std::move(industries)}});

        json::array stages;
        for (const auto& row : store.list_stages()) {
            stages.push_back(json::object{{"code", row.code},
                                          {"name_zh", row.name_zh},
                                          {"name_en", row.name_en},
                                          {"position", row.position},
                                          {"landed", row.landed}});
        }
        out.stages = cache(json::object{{"items", std::move(stages)}});

        json::array procedures;
        for (const auto& row : store.list_procedure_types()) {
            procedures.push_back(json::object{{"code", row.code},
                                              {"name_zh", row.name_zh},
                                              {"name_en", row.name_en},
                                              {"phase", row.phase},
                                              {"position", row.position},
                                              {"illustrative", row.illustrative}});
        }
        out.procedure_types = cache(json::object{{"items", std::move(procedures)}});
        return out;
    });
}

// The cached bodies, replaced whole when reference data changes, so that readers never wait.
class reference_cache_holder {
  public:
    explicit reference_cache_holder(db::database& db)
        : current_(std::make_shared<const reference_cache>(build_cache(db))) {}
    std::shared_ptr<const reference_cache> current() const { return current_.load(); }
    void rebuild(db::database& db) {
        current_.store(std::make_shared<const reference_cache>(build_cache(db)));
    }

  private:
    std::atomic<std::shared_ptr<const reference_cache>> current_;
};

http::handler cached_handler(const std::shared_ptr<reference_cache_holder>& holder,
                             cached_body reference_cache::*member) {
    return [holder, member](http::request& req) -> asio::awaitable<http::reply> {
        co_return serve_cached((*holder->current()).*member, req);
    };
}

}  // namespace

void add_reference_routes(http::router& routes, context& ctx) {
    auto holder = std::make_shared<reference_cache_holder>(ctx.db);
    routes.add({"GET", "/api/v1/units", "reference:unit:read",
                cached_handler(holder, &reference_cache::units)});
    routes.add({"GET", "/api/v1/industries", "reference:industry:read",
                cached_handler(holder, &reference_cache::industries)});
    routes.add({"GET", "/api/v1/stages", "reference:stage:read",
                cached_handler(holder, &reference_cache::stages)});
    routes.add({"GET", "/api/v1/procedure-types", "reference:procedure_type:read",
                cached_handler(holder, &reference_cache::procedure_types)});
    routes.add({"GET", "/api/v1/units/{id:int}", "reference:unit:read",
                [&ctx](http::request& req) -> asio::awaitable<http::reply> {
                    const auto id = id_param(req, "id");
                    const auto detail = co_await offload(ctx.db_pool, [&ctx, id] {
                        return ctx.db.read([id](db::connection& conn) {
                            return service::reference::find_unit_detail(conn, id);
                        });
                    });
                    if (!detail) {
                        throw api_error(error_code::not_found);
                    }
                    json::array children;
                    for (const auto& child : detail->children) {
                        children.push_back(unit_json(child));
                    }
                    json::value parent = nullptr;
                    if (detail->parent) {
                        parent = json::object{{"id", detail->parent->id},
                                              {"name_zh", detail->parent->name_zh},
                                              {"name_en", detail->parent->name_en}};
                    }
                    co_return json_reply(200, json::object{{"unit", unit_json(detail->unit)},
                                                           {"parent", parent},
                                                           {"children", children}});
                }});
    routes.add(
        {"PATCH", "/api/v1/admin/units/{id:int}", "identity:unit:update",
         [&ctx, holder](http::request& req) -> asio::awaitable<http::reply> {
             const auto& who = signed_in(req);
             const auto id = id_param(req, "id");
             const auto body = parse_json_object(req);
             field_errors errors;
             service::reference::unit_changes changes;
             changes.name_zh = string_field(body, "name_zh", errors);
             changes.name_en = string_field(body, "name_en", errors);
             if (body.contains("phone")) {
                 changes.phone = string_field(body, "phone", errors);
             }
             changes.leading_industries = strings_field(body, "leading_industries", errors);
             changes.leading_industries_en = strings_field(body, "leading_industries_en", errors);
             errors.throw_if_any();
             const service::audit::actor actor{who.user_id, who.login,          who.roles_text(),
                                               who.unit_id, req.remote_address, req.request_id};
             const auto unit = co_await offload(ctx.db_pool, [&ctx, &holder, &actor, &changes, id] {
                 auto updated =
                     service::reference::update_unit(ctx.db, ctx.now, actor, id, changes);
                 holder->rebuild(ctx.db);
                 return updated;
             });
             co_return json_reply(200, json::object{{"unit", unit_json(unit)}});
         },
         16 * 1024});
}

}  // namespace zhaoyin::api
