#include "store/dashboard_store.hpp"

#include <functional>

#include "core/decimal.hpp"

namespace zhaoyin::store {

namespace {

// Rows per multi-row INSERT of a recomputation: well under either engine's parameter limit.
constexpr std::size_t insert_batch = 200;

// The condition on a project id column, with its placeholders already bound.
using id_condition = std::function<std::string(const std::string& column)>;

total_amounts total_amounts_at(const db::result& res, std::size_t r, std::size_t first) {
    return {res.integer(r, first), res.integer(r, first + 1), res.integer(r, first + 2),
            res.integer(r, first + 3), res.integer(r, first + 4)};
}

flow_amounts flow_amounts_at(const db::result& res, std::size_t r, std::size_t first) {
    return {res.integer(r, first), res.integer(r, first + 1), res.integer(r, first + 2)};
}

// Multi-row INSERTs of `rows`, `columns` placeholders each, written by `bind_row`.
template <class Map, class Bind>
void insert_rows(db::connection& conn, const std::string& head, const Map& rows, Bind bind_row) {
    std::vector<db::param> params;
    std::string values;
    std::size_t count = 0;
    const auto flush = [&] {
        if (count > 0) {
            conn.query(head + values, params);
        }
        params.clear();
        values.clear();
        count = 0;
    };
    for (const auto& [key, amounts] : rows) {
        values += (values.empty() ? "(" : ", (") + bind_row(params, key, amounts) + ")";
        if (++count == insert_batch) {
            flush();
        }
    }
    flush();
}

std::string bind_total(std::vector<db::param>& params, const total_key& k, const total_amounts& a) {
    std::string out;
    for (db::param value :
         {db::param(k.dimension), db::param(k.industry), db::param(k.source), db::param(k.month),
          db::param(k.unit_id), db::param(k.value), db::param(a.projects),
          db::param(a.investment_cny_cents), db::param(a.investment_usd_cents),
          db::param(a.funds_cny_cents), db::param(a.funds_usd_cents)}) {
        out += (out.empty() ? "" : ", ") + db::bind_value(params, std::move(value));
    }
    return out;
}

std::string bind_flow(std::vector<db::param>& params, const flow_key& k, const flow_amounts& a) {
    std::string out;
    for (db::param value :
         {db::param(k.industry), db::param(k.source), db::param(k.month), db::param(k.unit_id),
          db::param(k.from_stage), db::param(k.to_stage), db::param(a.projects),
          db::param(a.investment_cny_cents), db::param(a.investment_usd_cents)}) {
        out += (out.empty() ? "" : ", ") + db::bind_value(params, std::move(value));
    }
    return out;
}

constexpr std::string_view total_columns =
    "dimension, industry, source, month, unit_id, value, projects, investment_cny_cents, "
    "investment_usd_cents, funds_cny_cents, funds_usd_cents";
constexpr std::string_view total_key_match =
    "dimension = $1 AND industry = $2 AND source = $3 AND month = $4 AND unit_id = $5 AND value = "
    "$6";
constexpr std::string_view flow_columns =
    "industry, source, month, unit_id, from_stage, to_stage, projects, investment_cny_cents, "
    "investment_usd_cents";
constexpr std::string_view flow_key_match =
    "industry = $1 AND source = $2 AND month = $3 AND unit_id = $4 AND from_stage = $5 AND "
    "to_stage = $6";

// The WHERE clause of an aggregate query (months, dimension filters, units).
std::string aggregate_where(const total_query& q, std::vector<db::param>& params) {
    std::string where = " WHERE industry = " + db::bind_value(params, q.industry) +
                        " AND source = " + db::bind_value(params, q.source) +
                        " AND month BETWEEN " + db::bind_value(params, q.first_month) + " AND " +
                        db::bind_value(params, q.last_month);
    if (!q.units.empty()) {
        where += " AND unit_id IN (" + db::bind_values(params, q.units) + ")";
    }
    return where;
}

}  // namespace

std::vector<project_facts> dashboard_store::facts_where(const std::string& condition,
                                                        const std::vector<db::param>& params) {
    const auto& cond = condition;
    const auto on = [&](const std::string& column) {
        std::string out = cond;
        for (auto at = out.find("{id}"); at != std::string::npos; at = out.find("{id}")) {
            out.replace(at, 4, column);
        }
        return out;
    };
    const auto projects = conn_.query(
        "SELECT p.id, p.undertaking_unit_id, p.industry_code, p.source, m.category, p.event_id, "
        "p.campaign_code, p.task_force_unit_id, p.stage, p.signed_large, p.investment_total, "
        "p.currency, p.created_at, COALESCE(p.registered_stage, p.stage) FROM project p LEFT "
        "JOIN meeting m ON m.id = p.meeting_id WHERE p.merged_into IS NULL AND " +
            on("p.id") + " ORDER BY p.id",
        params);
    std::vector<project_facts> out;
    std::map<std::int64_t, std::size_t> index;
    for (std::size_t r = 0; r < projects.size(); ++r) {
        project_facts f;
        f.id = projects.integer(r, 0);
        f.unit_id = projects.integer(r, 1);
        f.industry = projects.text(r, 2);
        f.source = projects.text(r, 3);
        f.meeting_category = projects.optional_text(r, 4);
        f.event_id = projects.optional_integer(r, 5);
        f.campaign_code = projects.optional_text(r, 6);
        f.task_force_unit_id = projects.optional_integer(r, 7);
        f.stage = projects.text(r, 8);
        f.signed_large = projects.integer(r, 9) != 0;
        f.investment_total = projects.text(r, 10);
        f.currency = projects.text(r, 11);
        f.created_at = projects.text(r, 12);
        f.registered_stage = projects.text(r, 13);
        index[f.id] = out.size();
        out.push_back(std::move(f));
    }
    if (out.empty()) {
        return out;
    }
    const auto funds = conn_.query(
        "SELECT f.project_id, f.currency, f.amount FROM fund_arrival f WHERE " + on("f.project_id"),
        params);
    for (std::size_t r = 0; r < funds.size(); ++r) {
        const auto found = index.find(funds.integer(r, 0));
        if (found == index.end()) {
            continue;
        }
        auto& f = out[found->second];
        (funds.text(r, 1) == "USD" ? f.funds_usd_cents : f.funds_cny_cents) +=
            hundredths(funds.text(r, 2));
    }
    const auto changes = conn_.query(
        "SELECT u.project_id, u.created_at, u.stage_from, u.stage_to FROM project_update u WHERE " +
            on("u.project_id") + " AND u.stage_to IS NOT NULL ORDER BY u.project_id, u.id",
        params);
    for (std::size_t r = 0; r < changes.size(); ++r) {
        const auto found = index.find(changes.integer(r, 0));
        if (found != index.end()) {
            out[found->second].changes.push_back(
                {changes.text(r, 1), changes.optional_text(r, 2).value_or(""), changes.text(r, 3)});
        }
    }
    return out;
}

std::vector<project_facts> dashboard_store::facts_of(const std::vector<std::int64_t>& ids) {
    if (ids.empty()) {
        return {};
    }
    std::vector<db::param> params;
    const auto list = db::bind_values(params, ids);
    return facts_where("{id} IN (" + list + ")", params);
}

std::vector<project_facts> dashboard_store::facts_between(std::int64_t first, std::int64_t last) {
    return facts_where("{id} BETWEEN $1 AND $2", {first, last});
}

std::int64_t dashboard_store::max_project_id() {
    return conn_.query("SELECT COALESCE(MAX(id), 0) FROM project").integer(0, 0);
}

void dashboard_store::add_totals(const total_map& delta) {
    for (const auto& [k, a] : delta) {
        std::vector<db::param> params;
        const auto values = bind_total(params, k, a);
        conn_.query("INSERT INTO dashboard_total (" + std::string(total_columns) + ") VALUES (" +
                        values +
                        ") ON CONFLICT (dimension, industry, source, month, unit_id, value) DO "
                        "UPDATE SET projects = dashboard_total.projects + excluded.projects, "
                        "investment_cny_cents = dashboard_total.investment_cny_cents + "
                        "excluded.investment_cny_cents, investment_usd_cents = "
                        "dashboard_total.investment_usd_cents + excluded.investment_usd_cents, "
                        "funds_cny_cents = dashboard_total.funds_cny_cents + "
                        "excluded.funds_cny_cents, funds_usd_cents = "
                        "dashboard_total.funds_usd_cents + excluded.funds_usd_cents",
                    params);
        conn_.query("DELETE FROM dashboard_total WHERE " + std::string(total_key_match) +
                        " AND projects = 0 AND investment_cny_cents = 0 AND investment_usd_cents "
                        "= 0 AND funds_cny_cents = 0 AND funds_usd_cents = 0",
                    {k.dimension, k.industry, k.source, k.month, k.unit_id, k.value});
    }
}

void dashboard_store::add_flows(const flow_map& delta) {
    for (const auto& [k, a] : delta) {
        std::vector<db::param> params;
        const auto values = bind_flow(params, k, a);
        conn_.query("INSERT INTO dashboard_stage_flow (" + std::string(flow_columns) +
                        ") VALUES (" + values +
                        ") ON CONFLICT (industry, source, month, unit_id, from_stage, to_stage) DO "
                        "UPDATE SET projects = dashboard_stage_flow.projects + excluded.projects, "
                        "investment_cny_cents = dashboard_stage_flow.investment_cny_cents + "
                        "excluded.investment_cny_cents, investment_usd_cents = "
                        "dashboard_stage_flow.investment_usd_cents + excluded.investment_usd_cents",
                    params);
        conn_.query("DELETE FROM dashboard_stage_flow WHERE " + std::string(flow_key_match) +
                        " AND projects = 0 AND investment_cny_cents = 0 AND "
                        "investment_usd_cents = 0",
                    {k.industry, k.source, k.month, k.unit_id, k.from_stage, k.to_stage});
    }
}

void dashboard_store::clear() {
    conn_.query("DELETE FROM dashboard_total");
    conn_.query("DELETE FROM dashboard_stage_flow");
}

void dashboard_store::insert_totals(const total_map& rows) {
    insert_rows(conn_, "INSERT INTO dashboard_total (" + std::string(total_columns) + ") VALUES ",
                rows, bind_total);
}

void dashboard_store::insert_flows(const flow_map& rows) {
    insert_rows(conn_,
                "INSERT INTO dashboard_stage_flow (" + std::string(flow_columns) + ") VALUES ",
                rows, bind_flow);
}

total_map dashboard_store::all_totals() {
    const auto res = conn_.query("SELECT " + std::string(total_columns) + " FROM dashboard_total");
    total_map out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out[{res.text(r, 0), res.text(r, 1), res.text(r, 2), res.text(r, 3), res.integer(r, 4),
             res.text(r, 5)}] = total_amounts_at(res, r, 6);
    }
    return out;
}

flow_map dashboard_store::all_flows() {
    const auto res =
        conn_.query("SELECT " + std::string(flow_columns) + " FROM dashboard_stage_flow");
    flow_map out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out[{res.text(r, 0), res.text(r, 1), res.text(r, 2), res.integer(r, 3), res.text(r, 4),
             res.text(r, 5)}] = flow_amounts_at(res, r, 6);
    }
    return out;
}

std::vector<total_row> dashboard_store::totals(const total_query& q) {
    std::vector<db::param> params;
    const auto dimension = db::bind_value(params, q.dimension);
    const auto where = aggregate_where(q, params);
    const auto res = conn_.query(
        "SELECT value, unit_id, SUM(projects), SUM(investment_cny_cents), "
        "SUM(investment_usd_cents), SUM(funds_cny_cents), SUM(funds_usd_cents) FROM "
        "dashboard_total" +
            where + " AND dimension = " + dimension + " GROUP BY value, unit_id",
        params);
    std::vector<total_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.text(r, 0), res.integer(r, 1), total_amounts_at(res, r, 2)});
    }
    return out;
}

std::vector<flow_row> dashboard_store::flows(const total_query& q) {
    std::vector<db::param> params;
    const auto where = aggregate_where(q, params);
    const auto res = conn_.query(
        "SELECT month, unit_id, from_stage, to_stage, SUM(projects), SUM(investment_cny_cents), "
        "SUM(investment_usd_cents) FROM dashboard_stage_flow" +
            where + " GROUP BY month, unit_id, from_stage, to_stage",
        params);
    std::vector<flow_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.text(r, 0), res.integer(r, 1), res.text(r, 2), res.text(r, 3),
                       flow_amounts_at(res, r, 4)});
    }
    return out;
}

std::vector<indicator_row> dashboard_store::indicators(const std::string& first_month,
                                                       const std::string& last_month) {
    const auto res = conn_.query(
        "SELECT month, unit_id, indicator, value, illustrative FROM indicator_figure WHERE month "
        "BETWEEN $1 AND $2 ORDER BY month, unit_id, indicator",
        {first_month, last_month});
    std::vector<indicator_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.text(r, 0), res.integer(r, 1), res.text(r, 2), res.text(r, 3),
                       res.integer(r, 4) != 0});
    }
    return out;
}

void dashboard_store::upsert_indicator(const indicator_row& row, std::optional<std::int64_t> user,
                                       const std::string& now) {
    conn_.query(
        "INSERT INTO indicator_figure (month, unit_id, indicator, value, illustrative, "
        "updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (month, unit_id, "
        "indicator) DO UPDATE SET value = excluded.value, illustrative = excluded.illustrative, "
        "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        {row.month, row.unit_id, row.indicator, row.value, db::flag(row.illustrative),
         db::nullable(user), now});
}

}  // namespace zhaoyin::store
