#include "store/supervision_store.hpp"

namespace zhaoyin::store {

namespace {

constexpr std::string_view instruction_columns =
    "i.id, i.project_id, i.unit_id, i.text, i.due_at, i.author_user_id, i.response, "
    "i.responded_at, i.responded_by, i.created_at, p.name, "
    "(SELECT u.name FROM user_account u WHERE u.id = i.author_user_id), "
    "(SELECT u.name FROM user_account u WHERE u.id = i.responded_by)";

instruction_row instruction_at(const db::result& res, std::size_t r) {
    instruction_row out;
    out.id = res.integer(r, 0);
    out.project_id = res.integer(r, 1);
    out.unit_id = res.integer(r, 2);
    out.text = res.text(r, 3);
    out.due_at = res.text(r, 4);
    out.author_user_id = res.integer(r, 5);
    out.response = res.optional_text(r, 6);
    out.responded_at = res.optional_text(r, 7);
    out.responded_by = res.optional_integer(r, 8);
    out.created_at = res.text(r, 9);
    out.project_name = res.text(r, 10);
    out.author_name = res.optional_text(r, 11).value_or("");
    out.responder_name = res.optional_text(r, 12);
    return out;
}

std::vector<instruction_row> instructions_of(const db::result& res) {
    std::vector<instruction_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(instruction_at(res, r));
    }
    return out;
}

constexpr std::string_view ticket_columns =
    "t.id, t.reason, t.state, t.unit_id, t.project_id, t.subject_key, t.text, t.due_at, "
    "t.overdue_since, t.escalation_level, t.created_by, t.closed_at, t.created_at, t.updated_at, "
    "(SELECT p.name FROM project p WHERE p.id = t.project_id)";

ticket_row ticket_at(const db::result& res, std::size_t r) {
    ticket_row out;
    out.id = res.integer(r, 0);
    out.reason = res.text(r, 1);
    out.state = res.text(r, 2);
    out.unit_id = res.integer(r, 3);
    out.project_id = res.optional_integer(r, 4);
    out.subject_key = res.text(r, 5);
    out.text = res.text(r, 6);
    out.due_at = res.optional_text(r, 7);
    out.overdue_since = res.optional_text(r, 8);
    out.escalation_level = int(res.integer(r, 9));
    out.created_by = res.optional_integer(r, 10);
    out.closed_at = res.optional_text(r, 11);
    out.created_at = res.text(r, 12);
    out.updated_at = res.text(r, 13);
    out.project_name = res.optional_text(r, 14);
    return out;
}

std::vector<ticket_row> tickets_of(const db::result& res) {
    std::vector<ticket_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(ticket_at(res, r));
    }
    return out;
}

}  // namespace

std::int64_t supervision_store::insert_instruction(const instruction_row& row) {
    return conn_
        .query(
            "INSERT INTO instruction (project_id, unit_id, text, due_at, author_user_id, "
            "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
            {row.project_id, row.unit_id, row.text, row.due_at, row.author_user_id, row.created_at})
        .integer(0, 0);
}

std::optional<instruction_row> supervision_store::find_instruction(std::int64_t id) {
    const auto res = conn_.query("SELECT " + std::string(instruction_columns) +
                                     " FROM instruction i JOIN project p ON p.id = i.project_id "
                                     "WHERE i.id = $1",
                                 {id});
    return res.empty() ? std::nullopt : std::optional(instruction_at(res, 0));
}

std::pair<std::vector<instruction_row>, std::int64_t> supervision_store::list_instructions(
    const instruction_filter& f) {
    std::vector<db::param> params;
    std::string where = " WHERE 1 = 1";
    if (!f.everything) {
        where += f.units.empty() ? " AND 1 = 0"
                                 : " AND i.unit_id IN (" + db::bind_values(params, f.units) + ")";
    }
    if (f.answered) {
        where += *f.answered ? " AND i.responded_at IS NOT NULL" : " AND i.responded_at IS NULL";
    }
    const auto from = " FROM instruction i JOIN project p ON p.id = i.project_id" + where;
    const auto total = conn_.query("SELECT COUNT(*)" + from, params).integer(0, 0);
    const auto limit = db::bind_value(params, std::int64_t(f.limit));
    const auto offset = db::bind_value(params, std::int64_t(f.offset));
    const auto res = conn_.query("SELECT " + std::string(instruction_columns) + from +
                                     " ORDER BY i.id DESC LIMIT " + limit + " OFFSET " + offset,
                                 params);
    return {instructions_of(res), total};
}

void supervision_store::respond(std::int64_t id, const std::string& text, std::int64_t user_id,
                                const std::string& now) {
    conn_.query(
        "UPDATE instruction SET response = $2, responded_by = $3, responded_at = $4, updated_at = "
        "$4 WHERE id = $1",
        {id, text, user_id, now});
}

std::vector<instruction_row> supervision_store::unanswered_past_due(const std::string& now) {
    return instructions_of(conn_.query(
        "SELECT " + std::string(instruction_columns) +
            " FROM instruction i JOIN project p ON p.id = i.project_id WHERE i.responded_at IS "
            "NULL AND i.due_at <= $1 AND NOT EXISTS (SELECT 1 FROM supervision_ticket t WHERE "
            "t.subject_key = 'instruction:' || CAST(i.id AS TEXT)) ORDER BY i.id",
        {now}));
}

std::int64_t supervision_store::insert_ticket(const ticket_row& row) {
    const auto id =
        conn_
            .query(
                "INSERT INTO supervision_ticket (reason, state, unit_id, project_id, subject_key, "
                "text, due_at, escalation_level, created_by, created_at, updated_at) VALUES ($1, "
                "$2, $3, $4, $5, $6, $7, 0, $8, $9, $9) RETURNING id",
                {row.reason, row.state, row.unit_id, db::nullable(row.project_id),
                 row.subject_key.empty() ? "manual:pending" : row.subject_key, row.text,
                 db::nullable(row.due_at), db::nullable(row.created_by), row.created_at})
            .integer(0, 0);
    if (row.subject_key.empty()) {
        // A manual ticket is its own subject: named after its id, known only now.
        conn_.query(
            "UPDATE supervision_ticket SET subject_key = 'manual:' || CAST(id AS TEXT) "
            "WHERE id = $1",
            {id});
    }
    return id;
}

std::optional<ticket_row> supervision_store::find_ticket(std::int64_t id) {
    const auto res = conn_.query(
        "SELECT " + std::string(ticket_columns) + " FROM supervision_ticket t WHERE t.id = $1",
        {id});
    return res.empty() ? std::nullopt : std::optional(ticket_at(res, 0));
}

std::optional<ticket_row> supervision_store::open_ticket_for(const std::string& subject_key) {
    const auto res = conn_.query("SELECT " + std::string(ticket_columns) +
                                     " FROM supervision_ticket t WHERE t.subject_key = $1 AND "
                                     "t.state <> 'closed'",
                                 {subject_key});
    return res.empty() ? std::nullopt : std::optional(ticket_at(res, 0));
}

std::pair<std::vector<ticket_row>, std::int64_t> supervision_store::list_tickets(
    const ticket_filter& f) {
    std::vector<db::param> params;
    std::string where = " WHERE 1 = 1";
    if (!f.everything) {
        where += f.units.empty() ? " AND 1 = 0"
                                 : " AND t.unit_id IN (" + db::bind_values(params, f.units) + ")";
    }
    if (f.state) {
        where += " AND t.state = " + db::bind_value(params, *f.state);
    }
    if (f.reason) {
        where += " AND t.reason = " + db::bind_value(params, *f.reason);
    }
    if (f.unit) {
        where += " AND t.unit_id = " + db::bind_value(params, *f.unit);
    }
    if (f.overdue) {
        const auto late =
            "(t.state <> 'closed' AND t.due_at < " + db::bind_value(params, f.now) + ")";
        where += *f.overdue ? " AND " + late : " AND NOT " + late;
    }
    const auto from = " FROM supervision_ticket t" + where;
    const auto total = conn_.query("SELECT COUNT(*)" + from, params).integer(0, 0);
    const auto limit = db::bind_value(params, std::int64_t(f.limit));
    const auto offset = db::bind_value(params, std::int64_t(f.offset));
    const auto res = conn_.query("SELECT " + std::string(ticket_columns) + from +
                                     " ORDER BY t.id DESC LIMIT " + limit + " OFFSET " + offset,
                                 params);
    return {tickets_of(res), total};
}

void supervision_store::update_ticket(const ticket_row& row, const std::string& now) {
    conn_.query(
        "UPDATE supervision_ticket SET state = $2, due_at = $3, overdue_since = $4, "
        "escalation_level = $5, closed_at = $6, updated_at = $7 WHERE id = $1",
        {row.id, row.state, db::nullable(row.due_at), db::nullable(row.overdue_since),
         std::int64_t(row.escalation_level), db::nullable(row.closed_at), now});
}

std::int64_t supervision_store::insert_step(const ticket_step_row& row) {
    return conn_
        .query(
            "INSERT INTO supervision_step (ticket_id, state, text, actor_user_id, actor_name, at, "
            "due_at, on_time) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            {row.ticket_id, row.state, row.text, db::nullable(row.actor_user_id),
             db::nullable(row.actor_name), row.at, db::nullable(row.due_at),
             row.on_time ? db::flag(*row.on_time) : db::param(nullptr)})
        .integer(0, 0);
}

std::vector<ticket_step_row> supervision_store::steps_of(std::int64_t ticket_id) {
    const auto res = conn_.query(
        "SELECT id, ticket_id, state, text, actor_user_id, actor_name, at, due_at, on_time FROM "
        "supervision_step WHERE ticket_id = $1 ORDER BY id",
        {ticket_id});
    std::vector<ticket_step_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        const auto on_time = res.optional_integer(r, 8);
        out.push_back({res.integer(r, 0), res.integer(r, 1), res.text(r, 2), res.text(r, 3),
                       res.optional_integer(r, 4), res.optional_text(r, 5), res.text(r, 6),
                       res.optional_text(r, 7),
                       on_time ? std::optional<bool>(*on_time != 0) : std::nullopt});
    }
    return out;
}

std::vector<ticket_row> supervision_store::past_due(const std::vector<std::string>& states,
                                                    const std::string& now) {
    std::vector<db::param> params{now};
    std::string list;
    for (const auto& state : states) {
        list += (list.empty() ? "" : ", ") + db::bind_value(params, state);
    }
    return tickets_of(conn_.query("SELECT " + std::string(ticket_columns) +
                                      " FROM supervision_ticket t WHERE t.state IN (" + list +
                                      ") AND t.due_at <= $1 ORDER BY t.id",
                                  params));
}

std::vector<unit_closure_row> supervision_store::closures_by_unit(const std::string& from,
                                                                  const std::string& to) {
    const auto res = conn_.query(
        "SELECT unit_id, COUNT(*), SUM(CASE WHEN overdue_since IS NULL THEN 1 ELSE 0 END) FROM "
        "supervision_ticket WHERE state = 'closed' AND closed_at >= $1 AND closed_at < $2 GROUP "
        "BY unit_id ORDER BY unit_id",
        {from, to});
    std::vector<unit_closure_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.integer(r, 0), res.integer(r, 1), res.integer(r, 2)});
    }
    return out;
}

std::vector<stale_project_row> supervision_store::stale_projects(const std::string& before) {
    const auto res = conn_.query(
        "SELECT p.id, p.name, p.undertaking_unit_id, p.last_update_at FROM project p WHERE "
        "p.last_update_at <= $1 AND p.stage <> 'full_capacity' AND NOT EXISTS (SELECT 1 FROM "
        "supervision_ticket t WHERE t.subject_key = 'stale:project:' || CAST(p.id AS TEXT) || ':' "
        "|| p.last_update_at) ORDER BY p.id",
        {before});
    std::vector<stale_project_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.integer(r, 0), res.text(r, 1), res.integer(r, 2), res.text(r, 3)});
    }
    return out;
}

}  // namespace zhaoyin::store
