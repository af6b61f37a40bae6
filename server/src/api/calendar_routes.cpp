#include <boost/asio/awaitable.hpp>

#include "api/json_io.hpp"
#include "api/offload.hpp"
#include "api/routes.hpp"
#include "api/session_access.hpp"
#include "service/calendar/calendar_years.hpp"

namespace zhaoyin::api {

namespace json = boost::json;
namespace asio = boost::asio;
namespace calendar = service::calendar;

namespace {

json::array days_json(const std::vector<store::calendar_day_row>& days, language lang) {
    json::array out;
    for (const auto& d : days) {
        out.push_back(json::object{{"date", d.day},
                                   {"name", lang == language::en ? d.name_en : d.name_zh},
                                   {"name_zh", d.name_zh},
                                   {"name_en", d.name_en}});
    }
    return out;
}

json::object year_json(const calendar::year_entry& y, language lang) {
    return {{"year", y.year},
            {"published", y.published},
            {"source", y.published ? json::value(y.source) : json::value(nullptr)},
            {"holidays", days_json(y.holidays, lang)},
            {"workdays", days_json(y.workdays, lang)}};
}

json::object overview_json(const calendar::years_overview& o, language lang) {
    json::array years;
    for (const auto& y : o.years) {
        years.push_back(year_json(y, lang));
    }
    json::array warnings;
    for (const auto& w : o.warnings) {
        warnings.push_back(json::object{{"code", "year_missing"},
                                        {"year", std::stoi(w.args.at("year"))},
                                        {"message", render(w, lang)}});
    }
    return {{"current_year", o.current_year},
            {"years", std::move(years)},
            {"warnings", std::move(warnings)}};
}

// {holidays: [{date, name, name_en?}], workdays: [date | {date, name?, name_en?}]}
calendar::year_input year_input_of(const json::object& body, field_errors& errors) {
    calendar::year_input input;
    const auto* holidays = body.if_contains("holidays");
    if (holidays == nullptr || holidays->is_null()) {
        errors.add("holidays", {"field.required", {}});
    } else if (!holidays->is_array()) {
        errors.add("holidays", {"field.invalid_value", {}});
    } else {
        for (std::size_t i = 0; i < holidays->as_array().size(); ++i) {
            const auto& item = holidays->as_array()[i];
            const std::string field = "holidays[" + std::to_string(i) + "]";
            if (!item.is_object()) {
                errors.add(field, {"field.must_be_object", {}});
                continue;
            }
            field_errors item_errors;
            calendar::holiday_input h;
            h.date = string_field(item.as_object(), "date", item_errors).value_or("");
            h.name = string_field(item.as_object(), "name", item_errors).value_or("");
            h.name_en = string_field(item.as_object(), "name_en", item_errors);
            if (!item_errors.empty()) {
                errors.add(field, {"field.invalid_value", {}});
            }
            input.holidays.push_back(std::move(h));
        }
    }
    if (const auto* workdays = body.if_contains("workdays");
        workdays != nullptr && !workdays->is_null()) {
        if (!workdays->is_array()) {
            errors.add("workdays", {"field.invalid_value", {}});
        } else {
            for (std::size_t i = 0; i < workdays->as_array().size(); ++i) {
                const auto& item = workdays->as_array()[i];
                calendar::workday_input w;
                if (item.is_string()) {
                    w.date = std::string(item.as_string());
                } else if (item.is_object()) {
                    field_errors item_errors;
                    w.date = string_field(item.as_object(), "date", item_errors).value_or("");
                    w.name = string_field(item.as_object(), "name", item_errors);
                    w.name_en = string_field(item.as_object(), "name_en", item_errors);
                    if (!item_errors.empty()) {
                        errors.add("workdays[" + std::to_string(i) + "]",
                                   {"field.invalid_value", {}});
                    }
                } else {
                    errors.add("workdays[" + std::to_string(i) + "]", {"field.must_be_date", {}});
                }
                input.workdays.push_back(std::move(w));
            }
        }
    }
    return input;
}

asio::awaitable<http::reply> list_years(context& ctx, http::request& req) {
    const auto overview =
        co_await offload(ctx.db_pool, [&ctx] { return calendar::calendar_years(ctx.db, ctx.now); });
    co_return json_reply(200, overview_json(overview, req.lang));
}

asio::awaitable<http::reply> put_year(context& ctx, http::request& req) {
    const auto& who = signed_in(req);
    // Up to 18 digits (the router checks the form); anything past 2100 is refused anyway.
    const auto year = std::min<std::int64_t>(id_param(req, "year"), 1'000'000);
    const auto body = parse_json_object(req);
    field_errors errors;
    const auto input = year_input_of(body, errors);
    errors.throw_if_any();
    const auto from = origin_of(req);
    const int y = int(year);
    const auto [entry, overview] = co_await offload(ctx.db_pool, [&] {
        auto saved = calendar::replace_calendar_year(ctx.db, ctx.now, who, y, input, from);
        return std::pair{std::move(saved), calendar::calendar_years(ctx.db, ctx.now)};
    });
    auto reply = overview_json(overview, req.lang);
    reply["year"] = year_json(entry, req.lang);
    co_return json_reply(200, reply);
}

}  // namespace

void add_calendar_routes(http::router& routes, context& ctx) {
    routes.add({"GET", "/api/v1/calendar/years", "reference:calendar:read",
                bind_handler(ctx, list_years)});
    routes.add({"PUT", "/api/v1/calendar/years/{year:int}", "reference:calendar:write",
                bind_handler(ctx, put_year), 64 * 1024});
}

}  // namespace zhaoyin::api
