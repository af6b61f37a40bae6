#include "store/round_store.hpp"

namespace zhaoyin::store {

namespace {

constexpr std::string_view round_columns =
    "r.id, r.name, r.state, r.opened_at, r.closes_at, r.closed_at, r.reminded_at, r.opened_by, "
    "r.closed_by, (SELECT u.name FROM user_account u WHERE u.id = r.opened_by)";

round_row round_at(const db::result& res, std::size_t r) {
    round_row out;
    out.id = res.integer(r, 0);
    out.name = res.text(r, 1);
    out.state = res.text(r, 2);
    out.opened_at = res.text(r, 3);
    out.closes_at = res.text(r, 4);
    out.closed_at = res.optional_text(r, 5);
    out.reminded_at = res.optional_text(r, 6);
    out.opened_by = res.integer(r, 7);
    out.closed_by = res.optional_integer(r, 8);
    out.opened_by_name = res.optional_text(r, 9).value_or("");
    return out;
}

// 1 when the round's project got a dispatch record between the opening and `until` ($2); the
// frozen flag once the round is closed.
constexpr std::string_view updated_in_round =
    "CASE WHEN rp.updated IS NOT NULL THEN rp.updated WHEN EXISTS (SELECT 1 FROM project_update "
    "pu WHERE pu.project_id = rp.project_id AND pu.created_at >= r.opened_at AND pu.created_at "
    "<= $2) THEN 1 ELSE 0 END";

std::string unit_condition(std::vector<db::param>& params, const std::vector<std::int64_t>& units) {
    return units.empty() ? "" : " AND rp.unit_id IN (" + db::bind_values(params, units) + ")";
}

}  // namespace

std::int64_t round_store::insert_round(const round_row& round, const std::string& now) {
    const auto id = conn_
                        .query(
                            "INSERT INTO dispatch_round (name, state, opened_at, closes_at, "
                            "opened_by, created_at, updated_at) VALUES ($1, 'open', $2, $3, $4, "
                            "$2, $2) RETURNING id",
                            {round.name, now, round.closes_at, round.opened_by})
                        .integer(0, 0);
    conn_.query(
        "INSERT INTO round_project (round_id, project_id, unit_id) SELECT $1, id, "
        "undertaking_unit_id FROM project",
        {id});
    return id;
}

std::optional<round_row> round_store::find_round(std::int64_t id) {
    const auto res = conn_.query(
        "SELECT " + std::string(round_columns) + " FROM dispatch_round r WHERE r.id = $1", {id});
    return res.empty() ? std::nullopt : std::optional(round_at(res, 0));
}

std::optional<round_row> round_store::open_round() {
    const auto res = conn_.query("SELECT " + std::string(round_columns) +
                                 " FROM dispatch_round r WHERE r.state = 'open'");
    return res.empty() ? std::nullopt : std::optional(round_at(res, 0));
}

std::pair<std::vector<round_row>, std::int64_t> round_store::list_rounds(int offset, int limit) {
    const auto res = conn_.query("SELECT " + std::string(round_columns) +
                                     " FROM dispatch_round r ORDER BY r.id DESC LIMIT $1 OFFSET $2",
                                 {std::int64_t(limit), std::int64_t(offset)});
    std::vector<round_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(round_at(res, r));
    }
    return {out, conn_.query("SELECT COUNT(*) FROM dispatch_round").integer(0, 0)};
}

void round_store::close_round(std::int64_t id, const std::string& closed_at,
                              std::optional<std::int64_t> closed_by) {
    conn_.query("UPDATE round_project AS rp SET updated = (SELECT " +
                    std::string(updated_in_round) +
                    " FROM dispatch_round r WHERE r.id = rp.round_id) WHERE rp.round_id = $1",
                {id, closed_at});
    conn_.query(
        "UPDATE dispatch_round SET state = 'closed', closed_at = $2, closed_by = $3, updated_at = "
        "$2 WHERE id = $1",
        {id, closed_at, db::nullable(closed_by)});
}

void round_store::set_reminded(std::int64_t id, const std::string& now) {
    conn_.query("UPDATE dispatch_round SET reminded_at = $2, updated_at = $2 WHERE id = $1",
                {id, now});
}

std::vector<unit_count_row> round_store::unit_counts(std::int64_t round_id,
                                                     const std::string& until,
                                                     const std::vector<std::int64_t>& units) {
    std::vector<db::param> params{round_id, until};
    // Built before the call: binding the units adds to `params`.
    const auto sql = "SELECT rp.unit_id, COUNT(*), SUM(" + std::string(updated_in_round) +
                     ") FROM round_project rp JOIN dispatch_round r ON r.id = rp.round_id WHERE "
                     "rp.round_id = $1" +
                     unit_condition(params, units) + " GROUP BY rp.unit_id ORDER BY rp.unit_id";
    const auto res = conn_.query(sql, params);
    std::vector<unit_count_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.integer(r, 0), res.integer(r, 1), res.integer(r, 2)});
    }
    return out;
}

std::vector<pending_project_row> round_store::pending_projects(
    std::int64_t round_id, const std::string& until, const std::vector<std::int64_t>& units) {
    std::vector<db::param> params{round_id, until};
    const auto sql =
        "SELECT p.id, p.name, rp.unit_id, p.last_update_at FROM round_project rp JOIN "
        "dispatch_round r ON r.id = rp.round_id JOIN project p ON p.id = rp.project_id WHERE "
        "rp.round_id = $1" +
        unit_condition(params, units) + " AND " + std::string(updated_in_round) +
        " = 0 ORDER BY rp.unit_id, p.last_update_at, p.id";
    const auto res = conn_.query(sql, params);
    std::vector<pending_project_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.integer(r, 0), res.text(r, 1), res.integer(r, 2), res.text(r, 3)});
    }
    return out;
}

}  // namespace zhaoyin::store
