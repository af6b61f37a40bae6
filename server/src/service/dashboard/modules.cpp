#include "service/dashboard/modules.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/decimal.hpp"
#include "core/error.hpp"
#include "service/dashboard/aggregates.hpp"
#include "service/dashboard/city_settings.hpp"
#include "service/dashboard/period.hpp"
#include "store/dashboard_store.hpp"
#include "store/event_store.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::dashboard {

namespace json = boost::json;

namespace {

const std::vector<std::string> dashboard_sources{"meeting_outbound", "meeting_reception", "event",
                                                 "other"};

std::string peer_label(int number, language lang) {
    return lang == language::en ? fmt::format("Peer unit {}", number)
                                : fmt::format("同级单位 {}", number);
}

// The request checked, with what every figure shares: the caller's own units, the months and
// the drill-down parameters.
struct scope_view {
    period months;
    std::string industry = "*";
    std::string source = "*";
    std::optional<std::int64_t> unit;
    bool everything = false;
    std::vector<std::int64_t> own;  // a unit caller's units
    std::vector<store::unit_row> units;
    language lang = language::zh_cn;
    std::string filters;          // period=…&industry=…&source=…
    std::string project_filters;  // &industry=…&source=… (the part of `filters` after the period)

    bool sees(std::int64_t unit_id) const {
        return everything || std::find(own.begin(), own.end(), unit_id) != own.end();
    }
    // The undertaking units the caller's own figures add up: the unit filter, else everything
    // (empty) or the unit caller's own.
    std::vector<std::int64_t> own_units() const {
        if (unit) {
            return {*unit};
        }
        return everything ? std::vector<std::int64_t>{} : own;
    }
    // The drill-down of a figure over own_units(), with more conditions.
    std::string drill(const std::string& more = "") const { return drill_from(filters, more); }
    // The drill-down of a stage-flow figure: its own month replaces the period (registration in
    // the period is not what it counts).
    std::string flow_drill(const std::string& month, const std::string& from,
                           const std::string& to) const {
        return drill_from("entered_stage=" + to +
                              "&entered_from=" + (from.empty() ? "registration" : from) +
                              "&entered_period=" + month + project_filters,
                          "");
    }
    std::string drill_from(std::string out, const std::string& more) const {
        if (unit) {
            out += "&undertaking_unit_id=" + std::to_string(*unit);
        } else if (!everything) {
            out += "&own_units=true";
        }
        return more.empty() ? out : out + "&" + more;
    }
    // The drill-down of one unit's figure.
    std::string unit_drill(std::int64_t unit_id, const std::string& more = "") const {
        const auto out = filters + "&undertaking_unit_id=" + std::to_string(unit_id);
        return more.empty() ? out : out + "&" + more;
    }
    std::string name_of(const store::unit_row& u) const {
        return lang == language::en ? u.name_en : u.name_zh;
    }
};

scope_view scope_of(db::connection& conn, const module_request& r) {
    auto checked = check_filters(conn, r);
    scope_view out;
    out.lang = r.lang;
    out.months = std::move(checked.months);
    out.industry = r.query.industry.value_or("*");
    out.source = r.query.source.value_or("*");
    out.unit = checked.unit;
    out.everything = checked.everything;
    out.own = std::move(checked.own);
    out.units = std::move(checked.units);
    if (out.industry != "*") {
        out.project_filters += "&industry=" + out.industry;
    }
    if (out.source != "*") {
        out.project_filters += "&source=" + out.source;
    }
    out.filters = "period=" + out.months.text + out.project_filters;
    return out;
}

store::total_query query_of(const scope_view& s, const std::string& dimension,
                            std::vector<std::int64_t> units) {
    store::total_query q;
    q.dimension = dimension;
    q.industry = s.industry;
    q.source = s.source;
    q.first_month = s.months.first_month;
    q.last_month = s.months.last_month;
    q.units = std::move(units);
    return q;
}

void add(store::total_amounts& to, const store::total_amounts& a) {
    to.projects += a.projects;
    to.investment_cny_cents += a.investment_cny_cents;
    to.investment_usd_cents += a.investment_usd_cents;
    to.funds_cny_cents += a.funds_cny_cents;
    to.funds_usd_cents += a.funds_usd_cents;
}

// Sums per value over the units.
std::map<std::string, store::total_amounts> by_value(const std::vector<store::total_row>& rows) {
    std::map<std::string, store::total_amounts> out;
    for (const auto& r : rows) {
        add(out[r.value], r.amounts);
    }
    return out;
}

std::map<std::int64_t, store::total_amounts> by_unit(const std::vector<store::total_row>& rows) {
    std::map<std::int64_t, store::total_amounts> out;
    for (const auto& r : rows) {
        add(out[r.unit_id], r.amounts);
    }
    return out;
}

store::total_amounts sum_of(const std::vector<store::total_row>& rows) {
    store::total_amounts out;
    for (const auto& r : rows) {
        add(out, r.amounts);
    }
    return out;
}

// A figure: its projects and investment, and where it drills to (none for a peer's).
json::object figure(const store::total_amounts& a, const std::optional<std::string>& drill) {
    json::object out{{"projects", a.projects},
                     {"investment_cny", money_of(a.investment_cny_cents)},
                     {"investment_usd", money_of(a.investment_usd_cents)}};
    if (drill) {
        out["drill"] = *drill;
    }
    return out;
}

// Merges `more` into `figure` (a JSON object) and returns it.
json::object with(json::object base, const json::object& more) {
    for (const auto& item : more) {
        base[item.key()] = item.value();
    }
    return base;
}

// One unit's figure: by name with its drill-down, or anonymised for a unit caller's peers with
// a label that stays the same between requests (its place among the listed units of its type).
json::object unit_figure(const scope_view& s, const store::unit_row& u, int peer_number,
                         const store::total_amounts& a, const std::string& more = "") {
    if (s.sees(u.id)) {
        auto out = figure(a, s.unit_drill(u.id, more));
        out["unit_id"] = u.id;
        out["name"] = s.name_of(u);
        out["code"] = u.code ? json::value(*u.code) : json::value(nullptr);
        out["type"] = u.type;
        return out;
    }
    auto out = figure(a, std::nullopt);
    out["unit_id"] = nullptr;
    out["name"] = nullptr;
    out["code"] = nullptr;
    out["type"] = u.type;
    out["anonymous"] = true;
    out["label"] = peer_label(peer_number, s.lang);
    return out;
}

std::vector<const store::unit_row*> units_of_type(const scope_view& s, const std::string& type) {
    std::vector<const store::unit_row*> out;
    for (const auto& u : s.units) {
        if (u.type == type && (!s.unit || u.id == *s.unit)) {
            out.push_back(&u);
        }
    }
    return out;
}

// Per-unit figures of one type from rows grouped by unit.
json::array unit_figures(const scope_view& s, const std::string& type,
                         const std::map<std::int64_t, store::total_amounts>& per_unit,
                         const std::string& more = "") {
    json::array out;
    int n = 0;
    for (const auto* u : units_of_type(s, type)) {
        ++n;
        const auto found = per_unit.find(u->id);
        out.push_back(unit_figure(
            s, *u, n, found == per_unit.end() ? store::total_amounts{} : found->second, more));
    }
    return out;
}

std::string indicator_currency(const std::string& code) {
    return code == "foreign_capital_used" ? "USD" : "CNY";
}

json::array indicator_figures(db::connection& conn, const scope_view& s) {
    const auto rows =
        store::dashboard_store(conn).indicators(s.months.first_month, s.months.last_month);
    json::array out;
    for (const std::string code :
         {"foreign_capital_used", "domestic_capital_used", "trade_import", "trade_export"}) {
        std::map<std::int64_t, std::int64_t> per_unit;
        std::int64_t city = 0;
        for (const auto& r : rows) {
            if (r.indicator == code) {
                per_unit[r.unit_id] += hundredths(r.value);
                city += hundredths(r.value);
            }
        }
        json::array districts;
        int n = 0;
        for (const auto* u : units_of_type(s, "district")) {
            ++n;
            auto item = unit_figure(s, *u, n, {}, "");
            item.erase("projects");
            item.erase("investment_cny");
            item.erase("investment_usd");
            item.erase("drill");
            item["value"] = money_of(per_unit[u->id]);
            districts.push_back(std::move(item));
        }
        out.push_back(json::object{{"code", code},
                                   {"currency", indicator_currency(code)},
                                   {"city", money_of(city)},
                                   {"districts", std::move(districts)}});
    }
    return out;
}

}  // namespace

checked_filters check_filters(db::connection& conn, const module_request& r) {
    checked_filters out;
    field_errors errors;
    out.months = period_or_current(r.query.period, r.now.now(), errors);
    store::reference_store reference(conn);
    if (r.query.industry) {
        const auto industries = reference.list_industries();
        if (std::none_of(industries.begin(), industries.end(),
                         [&](const auto& i) { return i.code == *r.query.industry; })) {
            errors.add("industry", {"field.invalid_value", {}});
        }
    }
    if (r.query.source && std::find(dashboard_sources.begin(), dashboard_sources.end(),
                                    *r.query.source) == dashboard_sources.end()) {
        errors.add("source", {"field.invalid_value", {}});
    }
    out.units = reference.list_units();
    if (r.query.unit_id && std::none_of(out.units.begin(), out.units.end(),
                                        [&](const auto& u) { return u.id == *r.query.unit_id; })) {
        errors.add("unit_id", {"field.unknown_unit", {}});
    }
    errors.throw_if_any();
    const auto scope = identity::list_scope_of(r.who);
    out.everything = scope.everything;
    out.own = scope.units;
    out.unit = r.query.unit_id;
    if (out.unit && !out.everything &&
        std::find(out.own.begin(), out.own.end(), *out.unit) == out.own.end()) {
        throw api_error(error_code::not_found);
    }
    return out;
}

std::string peer_label(const std::vector<store::unit_row>& units, const store::unit_row& peer,
                       language lang) {
    int n = 0;
    for (const auto& u : units) {
        if (u.type == peer.type) {
            ++n;
        }
        if (u.id == peer.id) {
            break;
        }
    }
    return peer_label(n, lang);
}

json::object overview(db::database& db, const module_request& request) {
    return db.read([&](db::connection& conn) {
        const auto s = scope_of(conn, request);
        store::dashboard_store store(conn);
        const std::string large = "signed_large=true&min_stage=signed";
        // The whole city (or the chosen unit): a unit caller sees it without a drill-down.
        const auto all_units =
            s.unit ? std::vector<std::int64_t>{*s.unit} : std::vector<std::int64_t>{};
        const auto signed_rows = store.totals(query_of(s, "signed_large", all_units));
        const auto city_drill =
            s.everything ? std::optional(s.drill(large)) : std::optional<std::string>();
        json::object signed_large{
            {"city", figure(sum_of(signed_rows), city_drill)},
            {"districts", unit_figures(s, "district", by_unit(signed_rows), large)}};
        const auto all_rows = store.totals(query_of(s, "all", all_units));
        const auto task_force_rows =
            by_value(store.totals(query_of(s, "task_force", s.own_units())));
        json::array task_forces;
        for (const auto& u : s.units) {
            if (u.type != "task_force") {
                continue;
            }
            const auto found = task_force_rows.find(std::to_string(u.id));
            const auto tf = "task_force_unit_id=" + std::to_string(u.id);
            task_forces.push_back(
                with(figure(found == task_force_rows.end() ? store::total_amounts{} : found->second,
                            s.drill(tf)),
                     {{"unit_id", u.id}, {"name", s.name_of(u)}}));
        }
        const auto campaign_rows = by_value(store.totals(query_of(s, "campaign", s.own_units())));
        json::array campaigns;
        for (const auto& c : campaigns_of(request.city)) {
            const auto found = campaign_rows.find(c.code);
            campaigns.push_back(
                with(figure(found == campaign_rows.end() ? store::total_amounts{} : found->second,
                            s.drill("campaign_code=" + c.code)),
                     {{"code", c.code},
                      {"name", request.lang == language::en ? c.name_en : c.name_zh}}));
        }
        return json::object{{"period", s.months.text},
                            {"indicators", indicator_figures(conn, s)},
                            {"signed_large", std::move(signed_large)},
                            {"departments", unit_figures(s, "department", by_unit(all_rows))},
                            {"task_forces", std::move(task_forces)},
                            {"campaigns", std::move(campaigns)}};
    });
}

json::object sources(db::database& db, const module_request& request) {
    return db.read([&](db::connection& conn) {
        auto s = scope_of(conn, request);
        store::dashboard_store store(conn);
        json::array by_source;
        const auto chosen = s.source;
        for (const auto& source : dashboard_sources) {
            if (chosen != "*" && chosen != source) {
                continue;
            }
            auto one = s;
            one.source = source;
            const auto rows = store.totals(query_of(one, "all", s.own_units()));
            const auto drill = chosen == "*" ? s.drill("source=" + source) : s.drill();
            by_source.push_back(with(figure(sum_of(rows), drill), {{"source", source}}));
        }
        const auto event_rows = by_value(store.totals(query_of(s, "event", s.own_units())));
        json::array events;
        store::event_store event_names(conn);
        for (const auto& [id, amounts] : event_rows) {
            const auto event = event_names.find_event(std::stoll(id));
            events.push_back(with(figure(amounts, s.drill("event_id=" + id)),
                                  {{"event_id", std::stoll(id)},
                                   {"name", event ? json::value(event->name) : nullptr}}));
        }
        return json::object{{"period", s.months.text},
                            {"by_source", std::move(by_source)},
                            {"events", std::move(events)}};
    });
}

json::object undertaking(db::database& db, const module_request& request) {
    return db.read([&](db::connection& conn) {
        const auto s = scope_of(conn, request);
        const auto all_units =
            s.unit ? std::vector<std::int64_t>{*s.unit} : std::vector<std::int64_t>{};
        const auto per_unit =
            by_unit(store::dashboard_store(conn).totals(query_of(s, "all", all_units)));
        json::array units;
        for (const std::string type : {"district", "zone", "department", "task_force"}) {
            for (auto& item : unit_figures(s, type, per_unit)) {
                units.push_back(std::move(item));
            }
        }
        // Funds arrived, beside the figures unit_figure writes.
        std::size_t i = 0;
        for (const std::string type : {"district", "zone", "department", "task_force"}) {
            for (const auto* u : units_of_type(s, type)) {
                const auto found = per_unit.find(u->id);
                const auto a = found == per_unit.end() ? store::total_amounts{} : found->second;
                auto& item = units[i++].as_object();
                item["funds_arrived_cny"] = money_of(a.funds_cny_cents);
                item["funds_arrived_usd"] = money_of(a.funds_usd_cents);
            }
        }
        return json::object{{"period", s.months.text}, {"units", std::move(units)}};
    });
}

json::object stages(db::database& db, const module_request& request) {
    return db.read([&](db::connection& conn) {
        const auto s = scope_of(conn, request);
        store::dashboard_store store(conn);
        const auto per_stage = by_value(store.totals(query_of(s, "stage", s.own_units())));
        json::array stage_figures;
        for (const auto& stage : store::reference_store(conn).list_stages()) {
            const auto found = per_stage.find(stage.code);
            stage_figures.push_back(
                with(figure(found == per_stage.end() ? store::total_amounts{} : found->second,
                            s.drill("stage=" + stage.code)),
                     {{"stage", stage.code},
                      {"name", request.lang == language::en ? stage.name_en : stage.name_zh}}));
        }
        std::map<std::tuple<std::string, std::string, std::string>, store::total_amounts> moves;
        for (const auto& row : store.flows(query_of(s, "", s.own_units()))) {
            auto& sum = moves[{row.month, row.from_stage, row.to_stage}];
            sum.projects += row.amounts.projects;
            sum.investment_cny_cents += row.amounts.investment_cny_cents;
            sum.investment_usd_cents += row.amounts.investment_usd_cents;
        }
        json::array flow;
        for (const auto& [key, amounts] : moves) {
            const auto& [month, from, to] = key;
            flow.push_back(with(figure(amounts, s.flow_drill(month, from, to)),
                                {{"month", month},
                                 {"from", from.empty() ? json::value(nullptr) : json::value(from)},
                                 {"to", to}}));
        }
        return json::object{{"period", s.months.text},
                            {"stages", std::move(stage_figures)},
                            {"flow", std::move(flow)}};
    });
}

json::object industries(db::database& db, const module_request& request) {
    return db.read([&](db::connection& conn) {
        const auto s = scope_of(conn, request);
        // One grouped read of the `industry` dimension: a figure per industry code.
        const auto per_industry =
            by_value(store::dashboard_store(conn).totals(query_of(s, "industry", s.own_units())));
        json::array chains;
        json::array sections;
        for (const auto& industry : store::reference_store(conn).list_industries()) {
            if (s.industry != "*" && s.industry != industry.code) {
                continue;
            }
            const auto found = per_industry.find(industry.code);
            const auto drill = s.industry == "*" ? s.drill("industry=" + industry.code) : s.drill();
            auto item = with(
                figure(found == per_industry.end() ? store::total_amounts{} : found->second, drill),
                {{"name", request.lang == language::en ? industry.name_en : industry.name_zh}});
            if (industry.kind == "chain") {
                item["chain"] = industry.code;
                chains.push_back(std::move(item));
            } else {
                item["section"] = industry.code;
                sections.push_back(std::move(item));
            }
        }
        return json::object{{"period", s.months.text},
                            {"chains", std::move(chains)},
                            {"sections", std::move(sections)}};
    });
}

}  // namespace zhaoyin::service::dashboard
