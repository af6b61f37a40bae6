#include "store/board_store.hpp"

namespace zhaoyin::store {

namespace {

constexpr std::string_view contest_columns =
    "c.id, c.assignment_id, c.unit_id, i.id, i.title, c.reason, c.status, c.created_by, "
    "c.created_at, c.decided_at, c.note, un.name_zh, un.name_en FROM board_contest c JOIN "
    "assignment a ON a.id = c.assignment_id JOIN intent i ON i.id = a.subject_id JOIN unit un ON "
    "un.id = c.unit_id";

contest_row contest_at(const db::result& res, std::size_t r) {
    contest_row c;
    c.id = res.integer(r, 0);
    c.assignment_id = res.integer(r, 1);
    c.unit_id = res.integer(r, 2);
    c.intent_id = res.integer(r, 3);
    c.intent_title = res.text(r, 4);
    c.reason = res.text(r, 5);
    c.status = res.text(r, 6);
    c.created_by = res.integer(r, 7);
    c.created_at = res.text(r, 8);
    c.decided_at = res.optional_text(r, 9);
    c.note = res.optional_text(r, 10);
    c.unit_name_zh = res.text(r, 11);
    c.unit_name_en = res.text(r, 12);
    return c;
}

std::string submitted_condition(std::vector<db::param>& params,
                                const submitted_between& submitted) {
    if (!submitted) {
        return "";
    }
    return " AND i.created_at >= " + db::bind_value(params, submitted->first) +
           " AND i.created_at < " + db::bind_value(params, submitted->second);
}

}  // namespace

std::vector<board_intent> board_store::intents(const submitted_between& submitted) {
    std::vector<db::param> params;
    const auto sql =
        "SELECT i.id, i.status, i.stage, i.created_at, i.first_contact_at, i.primary_unit_id, "
        "i.claimed_at FROM intent i WHERE 1 = 1" +
        submitted_condition(params, submitted);
    const auto res = conn_.query(sql, params);
    std::vector<board_intent> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.integer(r, 0), res.text(r, 1), res.optional_text(r, 2), res.text(r, 3),
                       res.optional_text(r, 4), res.optional_integer(r, 5),
                       res.optional_text(r, 6)});
    }
    return out;
}

std::vector<board_duty> board_store::duties(const submitted_between& submitted) {
    std::vector<db::param> params;
    const auto sql =
        "SELECT a.id, a.subject_id, a.unit_id, a.role, a.excused, a.ended_at, a.due_at, "
        "a.overdue_since, a.met_at, a.paused_at, (SELECT c.status FROM board_contest c WHERE "
        "c.assignment_id = a.id ORDER BY c.id DESC LIMIT 1) FROM assignment a" +
        std::string(submitted ? " JOIN intent i ON i.id = a.subject_id" : "") +
        " WHERE a.subject_type = 'intent' AND a.role <> 'informed'" +
        submitted_condition(params, submitted);
    const auto res = conn_.query(sql, params);
    std::vector<board_duty> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.integer(r, 0), res.integer(r, 1), res.integer(r, 2), res.text(r, 3),
                       res.integer(r, 4) != 0, res.is_null(r, 5), res.optional_text(r, 6),
                       res.optional_text(r, 7), !res.is_null(r, 8), !res.is_null(r, 9),
                       res.optional_text(r, 10)});
    }
    return out;
}

std::int64_t board_store::insert_contest(const contest_row& c) {
    return conn_
        .query(
            "INSERT INTO board_contest (assignment_id, unit_id, reason, status, created_by, "
            "created_at) VALUES ($1, $2, $3, 'pending', $4, $5) RETURNING id",
            {c.assignment_id, c.unit_id, c.reason, c.created_by, c.created_at})
        .integer(0, 0);
}

std::optional<contest_row> board_store::find_contest(std::int64_t id) {
    const auto res =
        conn_.query("SELECT " + std::string(contest_columns) + " WHERE c.id = $1", {id});
    return res.empty() ? std::nullopt : std::optional<contest_row>(contest_at(res, 0));
}

std::pair<std::vector<contest_row>, std::int64_t> board_store::contests(bool pending_only,
                                                                        int offset, int limit) {
    const std::string where = pending_only ? " WHERE c.status = 'pending'" : "";
    const auto total = conn_.query("SELECT COUNT(*) FROM board_contest c" + where).integer(0, 0);
    const auto res = conn_.query(
        "SELECT " + std::string(contest_columns) + where + " ORDER BY c.id DESC LIMIT $1 OFFSET $2",
        {std::int64_t(limit), std::int64_t(offset)});
    std::vector<contest_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(contest_at(res, r));
    }
    return {out, total};
}

void board_store::decide_contest(std::int64_t id, const std::string& status,
                                 std::int64_t decided_by, const std::string& note,
                                 const std::string& now) {
    conn_.query(
        "UPDATE board_contest SET status = $2, decided_by = $3, decided_at = $4, note = $5 WHERE "
        "id = $1",
        {id, status, decided_by, now, note});
}

}  // namespace zhaoyin::store
