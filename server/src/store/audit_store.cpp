#include "store/audit_store.hpp"

namespace zhaoyin::store {
namespace {

constexpr const char* columns =
    "id, at, actor_id, actor_login, actor_roles, unit_id, ip, action, object_type, object_id, "
    "result, request_id, detail, prev_hash, hash";

audit_row row_from(const db::result& res, std::size_t r) {
    return {res.integer(r, 0),        res.text(r, 1),          res.optional_integer(r, 2),
            res.optional_text(r, 3),  res.optional_text(r, 4), res.optional_integer(r, 5),
            res.optional_text(r, 6),  res.text(r, 7),          res.optional_text(r, 8),
            res.optional_text(r, 9),  res.text(r, 10),         res.optional_text(r, 11),
            res.optional_text(r, 12), res.text(r, 13),         res.text(r, 14)};
}

}  // namespace

void audit_store::lock_chain() {
    if (conn_.kind() == db::engine::postgres) {
        conn_.query("SELECT pg_advisory_xact_lock(7482302)");
    }
    // SQLite: write transactions start with BEGIN IMMEDIATE and are already serialised.
}

std::string audit_store::last_hash() {
    const auto res = conn_.query("SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1");
    return res.empty() ? std::string(64, '0') : res.text(0, 0);
}

void audit_store::insert(const audit_row& r) {
    conn_.query(
        "INSERT INTO audit_entry (at, actor_id, actor_login, actor_roles, unit_id, ip, action, "
        "object_type, object_id, result, request_id, detail, prev_hash, hash) VALUES ($1, $2, $3, "
        "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        {r.at, db::nullable(r.actor_id), db::nullable(r.actor_login), db::nullable(r.actor_roles),
         db::nullable(r.unit_id), db::nullable(r.ip), r.action, db::nullable(r.object_type),
         db::nullable(r.object_id), r.result, db::nullable(r.request_id), db::nullable(r.detail),
         r.prev_hash, r.hash});
}

std::pair<std::vector<audit_row>, std::int64_t> audit_store::search(const audit_filter& f) {
    std::string where = " WHERE 1 = 1";
    std::vector<db::param> params;
    if (!f.text.empty()) {
        params.emplace_back("%" + f.text + "%");
        const auto n = std::to_string(params.size());
        where += " AND (actor_login LIKE $" + n + " OR action LIKE $" + n +
                 " OR object_type LIKE $" + n + " OR object_id LIKE $" + n + ")";
    }
    if (!f.action.empty()) {
        params.emplace_back(f.action);
        where += " AND action = $" + std::to_string(params.size());
    }
    if (f.from) {
        params.emplace_back(*f.from);
        where += " AND at >= $" + std::to_string(params.size());
    }
    if (f.to) {
        params.emplace_back(*f.to);
        where += " AND at < $" + std::to_string(params.size());
    }
    const auto total =
        conn_.query("SELECT COUNT(*) FROM audit_entry" + where, params).integer(0, 0);
    params.emplace_back(std::int64_t(f.limit));
    params.emplace_back(std::int64_t(f.offset));
    const auto res =
        conn_.query(std::string("SELECT ") + columns + " FROM audit_entry" + where +
                        " ORDER BY id DESC LIMIT $" + std::to_string(params.size() - 1) +
                        " OFFSET $" + std::to_string(params.size()),
                    params);
    std::vector<audit_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(row_from(res, r));
    }
    return {out, total};
}

std::int64_t audit_store::delete_before(const std::string& at) {
    return conn_.query("DELETE FROM audit_entry WHERE at < $1", {at}).affected;
}

void audit_store::scan(const std::function<bool(const audit_row&)>& visit) {
    std::int64_t after = 0;
    for (;;) {
        const auto res = conn_.query(std::string("SELECT ") + columns +
                                         " FROM audit_entry WHERE id > $1 ORDER BY id LIMIT 1000",
                                     {after});
        if (res.empty()) {
            return;
        }
        for (std::size_t r = 0; r < res.size(); ++r) {
            const auto row = row_from(res, r);
            after = row.id;
            if (!visit(row)) {
                return;
            }
        }
    }
}

}  // namespace zhaoyin::store
