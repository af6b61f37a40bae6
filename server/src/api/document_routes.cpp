#include <algorithm>
#include <set>

#include <boost/asio/awaitable.hpp>

#include "api/attachment_io.hpp"
#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "api/session_access.hpp"
#include "api/tel_link.hpp"
#include "core/time_format.hpp"
#include "service/content/documents.hpp"
#include "service/intake/attachments.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::api {

namespace json = boost::json;
namespace asio = boost::asio;
namespace content = service::content;

namespace {

json::value parsed_details(const std::string& text) {
    try {
        return json::parse(text);
    } catch (const std::exception&) {
        return json::object{};
    }
}

// A document as the contract carries it (lists and single reads alike).
json::object document_json(const store::document_row& d, language lang) {
    json::array industries;
    for (const auto& code : d.industries) {
        industries.emplace_back(code);
    }
    return {
        {"id", d.id},
        {"type", d.type},
        {"title", d.title},
        {"summary", d.summary},
        {"body_html", d.body_html},
        {"title_en", optional_json(d.title_en)},
        {"summary_en", optional_json(d.summary_en)},
        {"body_html_en", optional_json(d.body_html_en)},
        {"region", d.region},
        {"dimension", optional_json(d.dimension)},
        {"industries", std::move(industries)},
        {"issued_on", optional_json(d.issued_on)},
        {"effective_on", optional_json(d.effective_on)},
        {"expires_on", optional_json(d.expires_on)},
        {"status", d.status},
        {"version", d.version},
        {"unit", json::object{{"id", d.unit_id},
                              {"name", lang == language::en ? d.unit_name_en : d.unit_name_zh}}},
        {"details", parsed_details(d.details)},
        {"illustrative", d.illustrative},
        {"updated_at", time_json(d.updated_at)},
        {"published_at", time_json(d.published_at)}};
}

json::object view_json(const content::document_view& view, language lang) {
    auto out = document_json(view.document, lang);
    if (view.desk) {
        // A lounge page names the desk to contact, with its phone.
        out["details"].as_object()["desk"] =
            json::object{{"id", view.desk->id},
                         {"name", lang == language::en ? view.desk->name_en : view.desk->name_zh},
                         {"phone", optional_json(view.desk->phone)}};
    }
    json::array attachments;
    for (const auto& a : view.attachments) {
        attachments.push_back(attachment_json(a));
    }
    out["attachments"] = std::move(attachments);
    out["versions"] = view.versions;
    json::array faqs;
    for (const auto& f : view.faqs) {
        faqs.push_back(json::object{
            {"id", f.id},
            {"question", f.title},
            {"answer_html", f.body_html},
            {"question_en", optional_json(f.title_en)},
            {"answer_html_en", optional_json(f.body_html_en)},
            {"unit",
             json::object{{"id", f.unit_id},
                          {"name", lang == language::en ? f.unit_name_en : f.unit_name_zh}}},
            {"published_at", time_json(f.published_at)}});
    }
    out["faqs"] = std::move(faqs);
    out["editable"] = view.editable;
    return out;
}

http::reply document_reply(int status, const content::document_view& view, language lang) {
    return json_reply(status, json::object{{"document", view_json(view, lang)}});
}

// The details object as text; anything else is a 422 naming `details`.
std::optional<std::string> details_field(const json::object& body, field_errors& errors) {
    const auto* value = body.if_contains("details");
    if (value == nullptr || value->is_null()) {
        return std::nullopt;
    }
    if (!value->is_object()) {
        errors.add("details", {"field.must_be_object", {}});
        return std::nullopt;
    }
    return json::serialize(*value);
}

asio::awaitable<http::reply> list_documents(context& ctx, http::request& req) {
    const auto* who = req.principal.get();
    const auto page = paging_of(req);
    field_errors errors;
    content::document_query query;
    query.type = req.query_param("type");
    query.region = req.query_param("region");
    query.dimension = req.query_param("dimension");
    query.industry = req.query_param("industry");
    query.status = req.query_param("status");
    query.valid = flag_param(req, "valid", errors);
    query.include_expired = flag_param(req, "include_expired", errors).value_or(false);
    query.text = req.query_param("q").value_or("");
    errors.throw_if_any();
    query.offset = page.offset();
    query.limit = page.page_size;
    const auto found = co_await offload(ctx.db_pool, [&ctx, who, &query] {
        return content::list_documents(ctx.db, ctx.now, who, query);
    });
    json::array items;
    for (const auto& d : found.first) {
        items.push_back(document_json(d, req.lang));
    }
    co_return json_reply(200, page_json(std::move(items), found.second, page));
}

asio::awaitable<http::reply> view_document(context& ctx, http::request& req) {
    const auto* who = req.principal.get();
    const auto id = id_param(req, "id");
    const auto view = co_await offload(
        ctx.db_pool, [&ctx, who, id] { return content::view_document(ctx.db, ctx.now, who, id); });
    co_return document_reply(200, view, req.lang);
}

asio::awaitable<http::reply> document_versions(context& ctx, http::request& req) {
    const auto* who = req.principal.get();
    const auto id = id_param(req, "id");
    const auto versions = co_await offload(
        ctx.db_pool, [&ctx, who, id] { return content::document_versions(ctx.db, who, id); });
    json::array items;
    for (const auto& v : versions) {
        items.push_back(json::object{
            {"version", v.version},
            {"document", parsed_details(v.snapshot)},
            {"written_by", json::object{{"id", v.written_by}, {"name", v.written_by_name}}},
            {"written_at", time_json(v.written_at)}});
    }
    co_return json_reply(200, json::object{{"items", std::move(items)}});
}

asio::awaitable<http::reply> create_document(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto body = parse_json_object(req);
    field_errors errors;
    content::document_input input;
    input.type = required_string(body, "type", errors);
    input.unit_id = integer_field(body, "unit_id", errors);
    input.region = string_field(body, "region", errors);
    input.dimension = string_field(body, "dimension", errors);
    input.industries =
        strings_field(body, "industries", errors).value_or(std::vector<std::string>{});
    input.title = string_field(body, "title", errors).value_or("");
    input.summary = string_field(body, "summary", errors).value_or("");
    input.body_html = string_field(body, "body_html", errors).value_or("");
    input.title_en = string_field(body, "title_en", errors);
    input.summary_en = string_field(body, "summary_en", errors);
    input.body_html_en = string_field(body, "body_html_en", errors);
    input.issued_on = string_field(body, "issued_on", errors);
    input.effective_on = string_field(body, "effective_on", errors);
    input.expires_on = string_field(body, "expires_on", errors);
    input.details = details_field(body, errors).value_or("{}");
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, &input, &from] {
        return content::create_document(ctx.db, ctx.now, who, input, from, ctx.city);
    });
    co_return document_reply(201, view, req.lang);
}

asio::awaitable<http::reply> edit_document(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto body = parse_json_object(req);
    static const std::set<std::string> editable{
        "region",       "dimension",  "industries", "title",        "summary",
        "body_html",    "title_en",   "summary_en", "body_html_en", "issued_on",
        "effective_on", "expires_on", "details"};
    field_errors errors;
    content::document_changes changes;
    for (const auto& item : body) {
        if (!editable.contains(std::string(item.key()))) {
            changes.unknown_fields.emplace_back(item.key());
        }
    }
    // An optional field sent as null or "" is cleared.
    const auto clearable = [&](std::string_view name) -> std::optional<std::string> {
        const auto* value = body.if_contains(name);
        if (value != nullptr && value->is_null()) {
            return std::string();
        }
        return string_field(body, name, errors);
    };
    changes.region = string_field(body, "region", errors);
    changes.dimension = clearable("dimension");
    changes.industries = strings_field(body, "industries", errors);
    changes.title = string_field(body, "title", errors);
    changes.summary = string_field(body, "summary", errors);
    changes.body_html = string_field(body, "body_html", errors);
    changes.title_en = clearable("title_en");
    changes.summary_en = clearable("summary_en");
    changes.body_html_en = clearable("body_html_en");
    changes.issued_on = clearable("issued_on");
    changes.effective_on = clearable("effective_on");
    changes.expires_on = clearable("expires_on");
    changes.details = details_field(body, errors);
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, id, &changes, &from] {
        return content::edit_document(ctx.db, ctx.now, who, id, changes, from, ctx.city);
    });
    co_return document_reply(200, view, req.lang);
}

asio::awaitable<http::reply> submit_document(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, id, &from] {
        return content::submit_document(ctx.db, ctx.now, who, id, from);
    });
    co_return document_reply(200, view, req.lang);
}

asio::awaitable<http::reply> publish_document(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, id, &from] {
        return content::publish_document(ctx.db, ctx.now, who, id, from, ctx.city);
    });
    co_return document_reply(200, view, req.lang);
}

asio::awaitable<http::reply> withdraw_document(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, id, &from] {
        return content::withdraw_document(ctx.db, ctx.now, who, id, from);
    });
    co_return document_reply(200, view, req.lang);
}

asio::awaitable<http::reply> attach(context& ctx, http::request& req) {
    co_return co_await upload_attachment(ctx, req, content::attach_document_file);
}

// A published document's files are public, like the document.
asio::awaitable<http::reply> download(context& ctx, http::request& req) {
    const auto* who = req.principal.get();
    const auto id = id_param(req, "id");
    const auto file = id_param(req, "attachment");
    auto [meta, bytes] = co_await offload(ctx.db_pool, [&ctx, who, id, file] {
        return content::read_document_file(ctx.db, who, id, file);
    });
    co_return attachment_download(meta, std::move(bytes));
}

// The directory order: the city and its bureau and desk first, then districts, zones,
// departments, task forces and agencies.
int type_rank(const std::string& type) {
    static const std::vector<std::string> order{"city", "bureau",     "desk",       "district",
                                                "zone", "department", "task_force", "agency"};
    const auto found = std::find(order.begin(), order.end(), type);
    return int(found - order.begin());
}

// Every unit and agency in the campaign with its phone, for one-click dialling (A04).
asio::awaitable<http::reply> unit_directory(context& ctx, http::request& req) {
    auto units = co_await offload(ctx.db_pool, [&ctx] {
        return ctx.db.read(
            [](db::connection& conn) { return store::reference_store(conn).list_units(); });
    });
    std::stable_sort(units.begin(), units.end(), [](const auto& a, const auto& b) {
        return std::pair{type_rank(a.type), a.sort_order} <
               std::pair{type_rank(b.type), b.sort_order};
    });
    json::array items;
    for (const auto& u : units) {
        items.push_back(json::object{{"id", u.id},
                                     {"name", req.lang == language::en ? u.name_en : u.name_zh},
                                     {"name_zh", u.name_zh},
                                     {"name_en", u.name_en},
                                     {"type", u.type},
                                     {"code", optional_json(u.code)},
                                     {"phone", optional_json(u.phone)},
                                     {"tel", tel_link(u.phone)},
                                     {"address", nullptr},
                                     {"illustrative", u.illustrative}});
    }
    const auto total = items.size();
    co_return json_reply(200, json::object{{"items", std::move(items)}, {"total", total}});
}

}  // namespace

void add_document_routes(http::router& routes, context& ctx) {
    routes.add(
        {"GET", "/api/v1/documents", "content:document:read", bind_handler(ctx, list_documents)});
    routes.add({"GET", "/api/v1/documents/{id:int}", "content:document:read",
                bind_handler(ctx, view_document)});
    routes.add({"GET", "/api/v1/documents/{id:int}/versions", "content:document:read",
                bind_handler(ctx, document_versions)});
    routes.add({"POST", "/api/v1/documents", "content:document:write",
                bind_handler(ctx, create_document), 512 * 1024});
    routes.add({"PATCH", "/api/v1/documents/{id:int}", "content:document:write",
                bind_handler(ctx, edit_document), 512 * 1024});
    routes.add({"POST", "/api/v1/documents/{id:int}/submit", "content:document:write",
                bind_handler(ctx, submit_document)});
    // Whether the bureau must publish this type is checked in the service.
    routes.add({"POST", "/api/v1/documents/{id:int}/publish", "content:document:publish",
                bind_handler(ctx, publish_document)});
    routes.add({"POST", "/api/v1/documents/{id:int}/withdraw", "content:document:publish",
                bind_handler(ctx, withdraw_document)});
    routes.add({"POST", "/api/v1/documents/{id:int}/attachments", "content:document:write",
                bind_handler(ctx, attach), service::intake::max_attachment_bytes});
    routes.add({"GET", "/api/v1/documents/{id:int}/attachments/{attachment:int}",
                "content:document:read", bind_handler(ctx, download)});
    routes.add({"GET", "/api/v1/directory/units", "content:directory:read",
                bind_handler(ctx, unit_directory)});
}

}  // namespace zhaoyin::api
