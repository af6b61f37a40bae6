#include "store/intake_store.hpp"

namespace zhaoyin::store {

std::int64_t intake_store::insert_intent(const intent_row& i, const std::string& now) {
    const auto id =
        conn_
            .query(
                "INSERT INTO intent (title, company, credit_code, contact_name, contact_phone, "
                "industry_code, investment_total, currency, capital_type, land_mu, jobs, "
                "description, status, submitted_by, created_at, updated_at) VALUES ($1, $2, $3, "
                "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id",
                {i.title, i.company, db::nullable(i.credit_code), i.contact_name, i.contact_phone,
                 i.industry_code, i.investment_total, i.currency, i.capital_type,
                 db::nullable(i.land_mu), db::nullable(i.jobs), i.description, i.status,
                 i.submitted_by, now})
            .integer(0, 0);
    for (const auto unit : i.preferred_units) {
        conn_.query("INSERT INTO intent_preferred_unit (intent_id, unit_id) VALUES ($1, $2)",
                    {id, unit});
    }
    return id;
}

std::optional<intent_row> intake_store::find_intent(std::int64_t id) {
    const auto res = conn_.query(
        "SELECT id, title, company, credit_code, contact_name, contact_phone, industry_code, "
        "investment_total, currency, capital_type, land_mu, jobs, description, status, "
        "submitted_by, created_at FROM intent WHERE id = $1",
        {id});
    if (res.empty()) {
        return std::nullopt;
    }
    intent_row i{res.integer(0, 0),
                 res.text(0, 1),
                 res.text(0, 2),
                 res.optional_text(0, 3),
                 res.text(0, 4),
                 res.text(0, 5),
                 res.text(0, 6),
                 res.text(0, 7),
                 res.text(0, 8),
                 res.text(0, 9),
                 res.optional_text(0, 10),
                 res.optional_integer(0, 11),
                 res.text(0, 12),
                 res.text(0, 13),
                 res.integer(0, 14),
                 res.text(0, 15),
                 {}};
    const auto preferred = conn_.query(
        "SELECT unit_id FROM intent_preferred_unit WHERE intent_id = $1 ORDER BY unit_id", {id});
    for (std::size_t r = 0; r < preferred.size(); ++r) {
        i.preferred_units.push_back(preferred.integer(r, 0));
    }
    return i;
}

std::pair<std::vector<intent_row>, std::int64_t> intake_store::list_intents(
    bool everything, std::optional<std::int64_t> owner, const std::vector<std::int64_t>& units,
    int offset, int limit) {
    std::vector<db::param> params;
    std::string where = " WHERE 1 = 1";
    if (!everything) {
        std::vector<std::string> any;
        if (owner) {
            params.emplace_back(*owner);
            any.push_back("i.submitted_by = $" + std::to_string(params.size()));
        }
        if (!units.empty()) {
            std::string list;
            for (const auto unit : units) {
                params.emplace_back(unit);
                list += (list.empty() ? "$" : ", $") + std::to_string(params.size());
            }
            any.push_back(
                "EXISTS (SELECT 1 FROM assignment a WHERE a.subject_type = 'intent' AND "
                "a.subject_id = i.id AND a.unit_id IN (" +
                list + "))");
        }
        if (any.empty()) {
            return {{}, 0};
        }
        std::string joined;
        for (const auto& clause : any) {
            joined += (joined.empty() ? "" : " OR ") + clause;
        }
        where += " AND (" + joined + ")";
    }
    const auto total = conn_.query("SELECT COUNT(*) FROM intent i" + where, params).integer(0, 0);
    params.emplace_back(std::int64_t(limit));
    params.emplace_back(std::int64_t(offset));
    const auto ids = conn_.query(
        "SELECT i.id FROM intent i" + where + " ORDER BY i.id DESC LIMIT $" +
            std::to_string(params.size() - 1) + " OFFSET $" + std::to_string(params.size()),
        params);
    std::vector<intent_row> out;
    for (std::size_t r = 0; r < ids.size(); ++r) {
        out.push_back(*find_intent(ids.integer(r, 0)));
    }
    return {out, total};
}

void intake_store::insert_routing_decision(std::int64_t intent_id, const std::string& rules_version,
                                           const std::string& candidates_json,
                                           const std::string& now) {
    conn_.query(
        "INSERT INTO routing_decision (intent_id, rules_version, candidates, created_at) VALUES "
        "($1, $2, $3, $4)",
        {intent_id, rules_version, candidates_json, now});
}

std::optional<std::string> intake_store::routing_decision(std::int64_t intent_id) {
    const auto res = conn_.query(
        "SELECT candidates FROM routing_decision WHERE intent_id = $1 ORDER BY id DESC LIMIT 1",
        {intent_id});
    return res.empty() ? std::nullopt : std::optional<std::string>(res.text(0, 0));
}

void intake_store::insert_assignment(const assignment_row& a, const std::string& now) {
    conn_.query(
        "INSERT INTO assignment (subject_type, subject_id, unit_id, user_id, role, step, due_at, "
        "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
        {a.subject_type, a.subject_id, a.unit_id, db::nullable(a.user_id), a.role,
         db::nullable(a.step), db::nullable(a.due_at), now});
}

std::vector<assignment_row> intake_store::assignments_of(const std::string& subject_type,
                                                         std::int64_t subject_id) {
    const auto res = conn_.query(
        "SELECT id, subject_type, subject_id, unit_id, user_id, role, step, due_at, met_at FROM "
        "assignment WHERE subject_type = $1 AND subject_id = $2 ORDER BY id",
        {subject_type, subject_id});
    std::vector<assignment_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.integer(r, 0), res.text(r, 1), res.integer(r, 2), res.integer(r, 3),
                       res.optional_integer(r, 4), res.text(r, 5), res.optional_text(r, 6),
                       res.optional_text(r, 7), res.optional_text(r, 8)});
    }
    return out;
}

}  // namespace zhaoyin::store
