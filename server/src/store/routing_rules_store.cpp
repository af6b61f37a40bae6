#include "store/routing_rules_store.hpp"

#include <map>

namespace zhaoyin::store {

namespace {

constexpr const char* version_columns =
    "SELECT v.id, v.version, v.rules, v.created_by, u.name, v.created_at, v.note "
    "FROM routing_rule_version v JOIN user_account u ON u.id = v.created_by ";

routing_rule_version_row version_from(const db::result& res, std::size_t r) {
    return {res.integer(r, 0), int(res.integer(r, 1)), res.text(r, 2), res.integer(r, 3),
            res.text(r, 4),    res.text(r, 5),         res.text(r, 6)};
}

}  // namespace

std::optional<routing_rule_version_row> routing_rules_store::latest() {
    const auto res = conn_.query(std::string(version_columns) + "ORDER BY v.version DESC LIMIT 1");
    if (res.empty()) {
        return std::nullopt;
    }
    return version_from(res, 0);
}

std::vector<routing_rule_version_row> routing_rules_store::history(int limit) {
    const auto res = conn_.query(std::string(version_columns) + "ORDER BY v.version DESC LIMIT $1",
                                 {std::int64_t(limit)});
    std::vector<routing_rule_version_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(version_from(res, r));
    }
    return out;
}

routing_rule_version_row routing_rules_store::insert(const std::string& rules,
                                                     std::int64_t created_by,
                                                     const std::string& note,
                                                     const std::string& now) {
    const auto next =
        conn_.query("SELECT COALESCE(MAX(version), 0) + 1 FROM routing_rule_version").integer(0, 0);
    const auto id = conn_
                        .query(
                            "INSERT INTO routing_rule_version (version, rules, created_by, "
                            "created_at, note) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                            {next, rules, created_by, now, note})
                        .integer(0, 0);
    const auto res = conn_.query(std::string(version_columns) + "WHERE v.id = $1", {id});
    return version_from(res, 0);
}

std::vector<routed_intent_row> routing_rules_store::recent_routed_intents(int limit) {
    const auto res = conn_.query(
        "SELECT i.id, i.title, i.industry_code, i.investment_total, i.currency, i.capital_type, "
        "i.created_at, d.rules_version, d.candidates FROM intent i "
        "JOIN routing_decision d ON d.id = (SELECT MIN(d0.id) FROM routing_decision d0 "
        "WHERE d0.intent_id = i.id) "
        "ORDER BY i.id DESC LIMIT $1",
        {std::int64_t(limit)});
    std::vector<routed_intent_row> out;
    std::map<std::int64_t, std::size_t> index;
    for (std::size_t r = 0; r < res.size(); ++r) {
        routed_intent_row row;
        row.id = res.integer(r, 0);
        row.title = res.text(r, 1);
        row.industry_code = res.text(r, 2);
        row.investment_total = res.text(r, 3);
        row.currency = res.text(r, 4);
        row.capital_type = res.text(r, 5);
        row.created_at = res.text(r, 6);
        row.rules_version = res.text(r, 7);
        row.candidates = res.text(r, 8);
        index[row.id] = out.size();
        out.push_back(std::move(row));
    }
    if (out.empty()) {
        return out;
    }
    // Preferred units of those intents in one query (the oldest listed bounds the range).
    const auto preferred = conn_.query(
        "SELECT intent_id, unit_id FROM intent_preferred_unit WHERE intent_id >= $1 "
        "ORDER BY intent_id, unit_id",
        {out.back().id});
    for (std::size_t r = 0; r < preferred.size(); ++r) {
        if (const auto found = index.find(preferred.integer(r, 0)); found != index.end()) {
            out[found->second].preferred_units.push_back(preferred.integer(r, 1));
        }
    }
    return out;
}

}  // namespace zhaoyin::store
