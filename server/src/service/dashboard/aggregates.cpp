#include "service/dashboard/aggregates.hpp"

#include <map>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "core/decimal.hpp"
#include "core/time_format.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::dashboard {

namespace {

// Projects read per batch of a recomputation.
constexpr std::int64_t recompute_batch = 20'000;

void add(store::total_amounts& to, const store::total_amounts& a, int sign = 1) {
    to.projects += sign * a.projects;
    to.investment_cny_cents += sign * a.investment_cny_cents;
    to.investment_usd_cents += sign * a.investment_usd_cents;
    to.funds_cny_cents += sign * a.funds_cny_cents;
    to.funds_usd_cents += sign * a.funds_usd_cents;
}

void add(store::flow_amounts& to, const store::flow_amounts& a, int sign = 1) {
    to.projects += sign * a.projects;
    to.investment_cny_cents += sign * a.investment_cny_cents;
    to.investment_usd_cents += sign * a.investment_usd_cents;
}

// Where "signed or later" starts in the stage order.
struct stage_order {
    std::map<std::string, int> position;
    int signed_position = 0;
};

stage_order stage_order_of(db::connection& conn) {
    stage_order out;
    for (const auto& s : store::reference_store(conn).list_stages()) {
        out.position[s.code] = s.position;
        if (s.code == "signed") {
            out.signed_position = s.position;
        }
    }
    return out;
}

// The dimensions a project is counted under in dashboard_total.
std::vector<std::pair<std::string, std::string>> dimensions_of(const store::project_facts& f,
                                                               const stage_order& order) {
    std::vector<std::pair<std::string, std::string>> out{
        {"all", ""}, {"stage", f.stage}, {"industry", f.industry}};
    if (f.campaign_code) {
        out.emplace_back("campaign", *f.campaign_code);
    }
    if (f.event_id) {
        out.emplace_back("event", std::to_string(*f.event_id));
    }
    if (f.task_force_unit_id) {
        out.emplace_back("task_force", std::to_string(*f.task_force_unit_id));
    }
    const auto at = order.position.find(f.stage);
    if (f.signed_large && at != order.position.end() && at->second >= order.signed_position) {
        out.emplace_back("signed_large", "");
    }
    return out;
}

void add_project(share& out, const store::project_facts& f, const stage_order& order) {
    const auto month = china_month(f.created_at);
    const auto source = dashboard_source(f.source, f.meeting_category);
    const auto cents = hundredths(f.investment_total);
    const bool usd = f.currency == "USD";
    const store::total_amounts amounts{1, usd ? 0 : cents, usd ? cents : 0, f.funds_cny_cents,
                                       f.funds_usd_cents};
    const store::flow_amounts entry{1, usd ? 0 : cents, usd ? cents : 0};
    // The first entry into each stage: registration, then the recorded changes in order.
    std::vector<store::stage_change> entries{{f.created_at, "", f.registered_stage}};
    entries.insert(entries.end(), f.changes.begin(), f.changes.end());
    std::set<std::string> entered;
    const auto dimensions = dimensions_of(f, order);
    for (const auto& industry : {f.industry, std::string("*")}) {
        for (const auto& src : {source, std::string("*")}) {
            for (const auto& [dimension, value] : dimensions) {
                add(out.totals[{dimension, industry, src, month, f.unit_id, value}], amounts);
            }
            entered.clear();
            for (const auto& e : entries) {
                if (entered.insert(e.to).second) {
                    add(out.flows[{industry, src, china_month(e.at), f.unit_id, e.from, e.to}],
                        entry);
                }
            }
        }
    }
}

share share_of_facts(const std::vector<store::project_facts>& facts, const stage_order& order) {
    share out;
    for (const auto& f : facts) {
        add_project(out, f, order);
    }
    return out;
}

}  // namespace

std::string money_of(std::int64_t hundredths) {
    const auto whole = hundredths / 100;
    const auto part = hundredths % 100;
    return fmt::format("{}{}.{:02}", hundredths < 0 && whole == 0 ? "-" : "", whole,
                       part < 0 ? -part : part);
}

std::string dashboard_source(const std::string& source,
                             const std::optional<std::string>& meeting_category) {
    if (source == "meeting" && meeting_category) {
        return "meeting_" + *meeting_category;
    }
    if (source == "event") {
        return "event";
    }
    return "other";
}

std::string china_month(const std::string& instant) {
    const auto at = parse_rfc3339(instant);
    return at ? format_cst(*at).substr(0, 7) : instant.substr(0, 7);
}

share share_of(db::connection& conn, const std::vector<std::int64_t>& project_ids) {
    return share_of_facts(store::dashboard_store(conn).facts_of(project_ids), stage_order_of(conn));
}

void update_aggregates(db::connection& conn, const share& before,
                       const std::vector<std::int64_t>& project_ids) {
    auto delta = share_of(conn, project_ids);
    for (const auto& [key, amounts] : before.totals) {
        add(delta.totals[key], amounts, -1);
    }
    for (const auto& [key, amounts] : before.flows) {
        add(delta.flows[key], amounts, -1);
    }
    std::erase_if(delta.totals,
                  [](const auto& row) { return row.second == store::total_amounts{}; });
    std::erase_if(delta.flows, [](const auto& row) { return row.second == store::flow_amounts{}; });
    store::dashboard_store store(conn);
    store.add_totals(delta.totals);
    store.add_flows(delta.flows);
}

share recomputed(db::connection& conn) {
    store::dashboard_store store(conn);
    const auto order = stage_order_of(conn);
    const auto last = store.max_project_id();
    share out;
    for (std::int64_t first = 1; first <= last; first += recompute_batch) {
        for (const auto& f : store.facts_between(first, first + recompute_batch - 1)) {
            add_project(out, f, order);
        }
    }
    return out;
}

void recompute_aggregates(db::connection& conn) {
    const auto fresh = recomputed(conn);
    store::dashboard_store store(conn);
    store.clear();
    store.insert_totals(fresh.totals);
    store.insert_flows(fresh.flows);
}

std::map<std::int64_t, std::int64_t> projects_registered(db::connection& conn,
                                                         const std::string& first_month,
                                                         const std::string& last_month) {
    store::total_query query;
    query.dimension = "all";
    query.first_month = first_month;
    query.last_month = last_month;
    std::map<std::int64_t, std::int64_t> out;
    for (const auto& row : store::dashboard_store(conn).totals(query)) {
        out[row.unit_id] += row.amounts.projects;
    }
    return out;
}

std::vector<stage_entry> stage_entries(db::connection& conn, const std::string& from,
                                       const std::string& to, std::optional<std::int64_t> unit) {
    store::total_query query;
    query.first_month = from.substr(0, 7);
    query.last_month = to.substr(0, 7);
    if (unit) {
        query.units = {*unit};
    }
    std::map<std::pair<std::int64_t, std::string>, store::flow_amounts> sums;
    for (const auto& row : store::dashboard_store(conn).flows(query)) {
        add(sums[{row.unit_id, row.to_stage}], row.amounts);
    }
    std::vector<stage_entry> out;
    for (const auto& [key, amounts] : sums) {
        out.push_back({key.first, key.second, amounts.projects,
                       money_of(amounts.investment_cny_cents),
                       money_of(amounts.investment_usd_cents)});
    }
    return out;
}

}  // namespace zhaoyin::service::dashboard
