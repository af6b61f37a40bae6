#include <boost/asio/awaitable.hpp>

#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "api/session_access.hpp"
#include "core/time_format.hpp"
#include "service/consult/consultations.hpp"

namespace zhaoyin::api {

namespace json = boost::json;
namespace asio = boost::asio;
namespace consult = service::consult;

namespace {

json::value integer_json(const std::optional<std::int64_t>& value) {
    return value ? json::value(*value) : json::value(nullptr);
}

json::object unit_json(const store::consultation_row& c, language lang) {
    return {{"id", c.unit_id}, {"name", lang == language::en ? c.unit_name_en : c.unit_name_zh}};
}

json::object context_json(const store::consultation_row& c) {
    return {{"type", c.context_type},
            {"id", integer_json(c.context_id)},
            {"version", integer_json(c.context_version)},
            {"title", optional_json(c.context_title)}};
}

// A line of the list: what the inbox and the asker's page show.
json::object summary_json(const store::consultation_row& c, language lang, const std::string& now) {
    return {{"id", c.id},
            {"question", c.question},
            {"context", context_json(c)},
            {"unit", unit_json(c, lang)},
            {"status", c.status},
            {"due_at", time_json(c.due_at)},
            {"overdue", c.status == "open" && c.due_at <= now},
            {"escalation_level", c.escalation_level},
            {"asker", json::object{{"id", c.asked_by}, {"name", c.asker_name}}},
            {"created_at", time_json(c.created_at)},
            {"answered_at", time_json(c.answered_at)}};
}

json::object consultation_json(const consult::consultation_view& view, language lang,
                               time_point now) {
    const auto& c = view.consultation;
    auto out = summary_json(c, lang, format_utc(now));
    out["overdue"] = view.overdue;
    out["routed_by"] = c.routed_by;
    out["routed_at"] = time_json(c.routed_at);
    json::array answers;
    if (c.answer) {
        answers.push_back(json::object{
            {"answer", *c.answer},
            {"by", c.answered_by
                       ? json::value(json::object{{"id", *c.answered_by},
                                                  {"name", c.answered_by_name.value_or("")}})
                       : json::value(nullptr)},
            {"unit", unit_json(c, lang)},
            {"answered_at", time_json(c.answered_at)},
            {"on_time", c.answered_on_time.value_or(false)}});
    }
    out["answers"] = std::move(answers);
    out["faq_id"] = integer_json(c.faq_document_id);
    json::array timeline;
    for (const auto& e : view.timeline) {
        timeline.push_back(json::object{{"at", time_json(e.at)},
                                        {"kind", e.kind},
                                        {"actor_name", optional_json(e.actor_name)},
                                        {"unit_id", integer_json(e.unit_id)},
                                        {"text", e.text}});
    }
    out["timeline"] = std::move(timeline);
    json::array actions;
    for (const auto& a : view.actions) {
        actions.emplace_back(a);
    }
    out["actions"] = std::move(actions);
    out["transfer_until"] = optional_json(view.transfer_until);
    return out;
}

http::reply consultation_reply(int status, const consult::consultation_view& view,
                               const http::request& req, const context& ctx) {
    return json_reply(
        status, json::object{{"consultation", consultation_json(view, req.lang, ctx.now.now())}});
}

asio::awaitable<http::reply> ask(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto body = parse_json_object(req);
    field_errors errors;
    consult::question_input input;
    input.question = required_string(body, "question", errors);
    input.context_type = required_string(body, "context_type", errors);
    input.context_id = integer_field(body, "context_id", errors);
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, &input, &from] {
        return consult::ask(ctx.db, ctx.now, who, input, from, ctx.city);
    });
    ctx.wake_outbox();
    co_return consultation_reply(201, view, req, ctx);
}

asio::awaitable<http::reply> view(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto found = co_await offload(ctx.db_pool, [&ctx, &who, id] {
        return consult::view_consultation(ctx.db, ctx.now, who, id, ctx.city);
    });
    co_return consultation_reply(200, found, req, ctx);
}

asio::awaitable<http::reply> list(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto page = paging_of(req);
    field_errors errors;
    consult::consultation_query query;
    query.status = req.query_param("status");
    query.overdue = flag_param(req, "overdue", errors);
    query.context_type = req.query_param("context_type");
    query.text = req.query_param("q").value_or("");
    consult::check_query(query, errors);
    errors.throw_if_any();
    const auto [rows, total] = co_await offload(ctx.db_pool, [&ctx, &who, &query, &page] {
        return consult::list_consultations(ctx.db, ctx.now, who, query, page.offset(),
                                           page.page_size);
    });
    const auto now = format_utc(ctx.now.now());
    json::array items;
    for (const auto& c : rows) {
        items.push_back(summary_json(c, req.lang, now));
    }
    co_return json_reply(200, page_json(std::move(items), total, page));
}

asio::awaitable<http::reply> answer(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto body = parse_json_object(req);
    field_errors errors;
    const auto text = string_field(body, "answer", errors).value_or("");
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, id, &text, &from] {
        return consult::answer(ctx.db, ctx.now, who, id, text, from, ctx.city);
    });
    ctx.wake_outbox();
    co_return consultation_reply(200, view, req, ctx);
}

asio::awaitable<http::reply> transfer(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto body = parse_json_object(req);
    field_errors errors;
    const auto unit = integer_field(body, "unit_id", errors);
    const auto reason = string_field(body, "reason", errors).value_or("");
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, id, &unit, &reason, &from] {
        return consult::transfer(ctx.db, ctx.now, who, id, unit, reason, from, ctx.city);
    });
    ctx.wake_outbox();
    co_return consultation_reply(200, view, req, ctx);
}

asio::awaitable<http::reply> publish_faq(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    const auto id = id_param(req, "id");
    const auto body = parse_json_object(req);
    field_errors errors;
    consult::faq_text text;
    text.question = string_field(body, "question", errors);
    text.answer = string_field(body, "answer", errors);
    text.question_en = string_field(body, "question_en", errors);
    text.answer_en = string_field(body, "answer_en", errors);
    errors.throw_if_any();
    const auto from = origin_of(req);
    const auto view = co_await offload(ctx.db_pool, [&ctx, &who, id, &text, &from] {
        return consult::publish_faq(ctx.db, ctx.now, who, id, text, from, ctx.city);
    });
    co_return consultation_reply(200, view, req, ctx);
}

asio::awaitable<http::reply> stats(context& ctx, http::request& req) {
    const auto figures = co_await offload(
        ctx.db_pool, [&ctx] { return consult::consultation_stats(ctx.db, ctx.now); });
    const bool en = req.lang == language::en;
    json::array units;
    for (const auto& f : figures) {
        const auto& c = f.counts;
        units.push_back(json::object{{"unit_id", c.unit_id},
                                     {"unit_name", en ? c.name_en : c.name_zh},
                                     {"received", c.received},
                                     {"answered", c.answered},
                                     {"answered_on_time", c.answered_on_time},
                                     {"open_overdue", c.open_overdue},
                                     {"on_time_rate", f.on_time_rate ? json::value(*f.on_time_rate)
                                                                     : json::value(nullptr)}});
    }
    co_return json_reply(200, json::object{{"units", std::move(units)},
                                           {"generated_at", format_cst(ctx.now.now())}});
}

}  // namespace

void add_consultation_routes(http::router& routes, context& ctx) {
    routes.add({"POST", "/api/v1/consultations", "consult:consultation:ask", bind_handler(ctx, ask),
                64 * 1024});
    routes.add(
        {"GET", "/api/v1/consultations", "consult:consultation:read", bind_handler(ctx, list)});
    routes.add({"GET", "/api/v1/consultations/stats", "consult:consultation:stats",
                bind_handler(ctx, stats)});
    routes.add({"GET", "/api/v1/consultations/{id:int}", "consult:consultation:read",
                bind_handler(ctx, view)});
    routes.add({"POST", "/api/v1/consultations/{id:int}/answer", "consult:consultation:answer",
                bind_handler(ctx, answer), 64 * 1024});
    routes.add({"POST", "/api/v1/consultations/{id:int}/transfer", "consult:consultation:transfer",
                bind_handler(ctx, transfer), 16 * 1024});
    routes.add({"POST", "/api/v1/consultations/{id:int}/publish-faq",
                "consult:consultation:publish_faq", bind_handler(ctx, publish_faq), 64 * 1024});
}

}  // namespace zhaoyin::api
