#include "store/ranking_store.hpp"

namespace zhaoyin::store {

namespace {

constexpr std::string_view snapshot_columns =
    "s.id, s.period, s.config_version, s.supersedes_id, s.published_by, u.name, s.published_at, "
    "CASE WHEN EXISTS (SELECT 1 FROM ranking_snapshot n WHERE n.period = s.period AND n.id > "
    "s.id) THEN 0 ELSE 1 END";

ranking_snapshot_row snapshot_at(const db::result& res, std::size_t r) {
    ranking_snapshot_row s;
    s.id = res.integer(r, 0);
    s.period = res.text(r, 1);
    s.config_version = int(res.integer(r, 2));
    s.supersedes_id = res.optional_integer(r, 3);
    s.published_by = res.integer(r, 4);
    s.published_by_name = res.text(r, 5);
    s.published_at = res.text(r, 6);
    s.current = res.integer(r, 7) == 1;
    return s;
}

std::optional<ranking_snapshot_row> one_snapshot(db::connection& conn, const std::string& where,
                                                 const std::vector<db::param>& params) {
    const auto res = conn.query(
        "SELECT " + std::string(snapshot_columns) +
            ", s.config, s.inputs, s.results FROM ranking_snapshot s JOIN user_account u ON u.id "
            "= s.published_by WHERE " +
            where + " ORDER BY s.id DESC LIMIT 1",
        params);
    if (res.empty()) {
        return std::nullopt;
    }
    auto s = snapshot_at(res, 0);
    s.config = res.text(0, 8);
    s.inputs = res.text(0, 9);
    s.results = res.text(0, 10);
    return s;
}

}  // namespace

std::optional<ranking_config_row> ranking_store::latest_config() {
    const auto res = conn_.query(
        "SELECT c.version, c.body, c.note, c.created_by, COALESCE(u.name, ''), c.created_at FROM "
        "ranking_config c LEFT JOIN user_account u ON u.id = c.created_by ORDER BY c.version DESC "
        "LIMIT 1");
    if (res.empty()) {
        return std::nullopt;
    }
    return ranking_config_row{int(res.integer(0, 0)),     res.text(0, 1), res.text(0, 2),
                              res.optional_integer(0, 3), res.text(0, 4), res.text(0, 5)};
}

void ranking_store::insert_config(const ranking_config_row& row) {
    conn_.query(
        "INSERT INTO ranking_config (version, body, note, created_by, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $5)",
        {std::int64_t(row.version), row.body, row.note, db::nullable(row.created_by),
         row.created_at});
}

std::int64_t ranking_store::insert_snapshot(const ranking_snapshot_row& s) {
    return conn_
        .query(
            "INSERT INTO ranking_snapshot (period, config_version, config, inputs, results, "
            "supersedes_id, published_by, published_at, created_at, updated_at) VALUES ($1, $2, "
            "$3, $4, $5, $6, $7, $8, $8, $8) RETURNING id",
            {s.period, std::int64_t(s.config_version), s.config, s.inputs, s.results,
             db::nullable(s.supersedes_id), s.published_by, s.published_at})
        .integer(0, 0);
}

std::optional<ranking_snapshot_row> ranking_store::find_snapshot(std::int64_t id) {
    return one_snapshot(conn_, "s.id = $1", {id});
}

std::optional<ranking_snapshot_row> ranking_store::current_snapshot(const std::string& period) {
    return one_snapshot(conn_, "s.period = $1", {period});
}

std::optional<ranking_snapshot_row> ranking_store::latest_snapshot(
    const std::vector<std::string>& periods) {
    std::vector<db::param> params;
    std::vector<std::string> placeholders;
    for (const auto& p : periods) {
        placeholders.push_back(db::bind_value(params, p));
    }
    if (placeholders.empty()) {
        return std::nullopt;
    }
    std::string list;
    for (const auto& p : placeholders) {
        list += (list.empty() ? "" : ", ") + p;
    }
    return one_snapshot(conn_, "s.period IN (" + list + ")", params);
}

std::pair<std::vector<ranking_snapshot_row>, std::int64_t> ranking_store::list_snapshots(
    const std::optional<std::string>& period, int offset, int limit) {
    std::vector<db::param> params;
    const std::string where =
        period ? " WHERE s.period = " + db::bind_value(params, *period) : std::string();
    const auto total =
        conn_.query("SELECT COUNT(*) FROM ranking_snapshot s" + where, params).integer(0, 0);
    const auto sql = "SELECT " + std::string(snapshot_columns) +
                     " FROM ranking_snapshot s JOIN user_account u ON u.id = s.published_by" +
                     where + " ORDER BY s.id DESC LIMIT " +
                     db::bind_value(params, std::int64_t(limit)) + " OFFSET " +
                     db::bind_value(params, std::int64_t(offset));
    const auto res = conn_.query(sql, params);
    std::vector<ranking_snapshot_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(snapshot_at(res, r));
    }
    return {out, total};
}

std::vector<std::int64_t> ranking_store::rounds_opened(const std::string& from,
                                                       const std::string& to) {
    const auto res = conn_.query(
        "SELECT id FROM dispatch_round WHERE opened_at >= $1 AND opened_at < $2 ORDER BY id",
        {from, to});
    std::vector<std::int64_t> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(res.integer(r, 0));
    }
    return out;
}

}  // namespace zhaoyin::store
