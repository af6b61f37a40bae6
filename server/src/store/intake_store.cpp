#include "store/intake_store.hpp"

namespace zhaoyin::store {

std::int64_t intake_store::insert_intent(const intent_row& i, const std::string& now) {
    const auto id =
        conn_
            .query(
                "INSERT INTO intent (title, company, credit_code, contact_name, contact_phone, "
                "industry_code, investment_total, currency, capital_type, land_mu, jobs, "
                "description, status, submitted_by, duplicate_of, created_at, updated_at) VALUES "
                "($1, "
                "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) "
                "RETURNING id",
                {i.title, i.company, db::nullable(i.credit_code), i.contact_name, i.contact_phone,
                 i.industry_code, i.investment_total, i.currency, i.capital_type,
                 db::nullable(i.land_mu), db::nullable(i.jobs), i.description, i.status,
                 i.submitted_by, db::nullable(i.duplicate_of), now})
            .integer(0, 0);
    for (const auto unit : i.preferred_units) {
        conn_.query("INSERT INTO intent_preferred_unit (intent_id, unit_id) VALUES ($1, $2)",
                    {id, unit});
    }
    return id;
}

namespace {

constexpr std::string_view intent_columns =
    "i.id, i.title, i.company, i.credit_code, i.contact_name, i.contact_phone, i.industry_code, "
    "i.investment_total, i.currency, i.capital_type, i.land_mu, i.jobs, i.description, i.status, "
    "i.submitted_by, i.created_at, i.primary_unit_id, i.handler_user_id, i.claimed_at, "
    "i.first_contact_at, i.docked_at, i.stage, i.disputed, i.duplicate_of";
constexpr std::size_t intent_column_count = 24;

// A staff member's open items: duties with a step still owed.
constexpr std::string_view open_load =
    "(SELECT COUNT(*) FROM assignment a WHERE a.user_id = u.id AND a.ended_at IS NULL AND "
    "a.met_at IS NULL AND a.step IS NOT NULL)";

intent_row intent_at(const db::result& res, std::size_t r, std::size_t c = 0) {
    intent_row i;
    i.id = res.integer(r, c + 0);
    i.title = res.text(r, c + 1);
    i.company = res.text(r, c + 2);
    i.credit_code = res.optional_text(r, c + 3);
    i.contact_name = res.text(r, c + 4);
    i.contact_phone = res.text(r, c + 5);
    i.industry_code = res.text(r, c + 6);
    i.investment_total = res.text(r, c + 7);
    i.currency = res.text(r, c + 8);
    i.capital_type = res.text(r, c + 9);
    i.land_mu = res.optional_text(r, c + 10);
    i.jobs = res.optional_integer(r, c + 11);
    i.description = res.text(r, c + 12);
    i.status = res.text(r, c + 13);
    i.submitted_by = res.integer(r, c + 14);
    i.created_at = res.text(r, c + 15);
    i.primary_unit_id = res.optional_integer(r, c + 16);
    i.handler_user_id = res.optional_integer(r, c + 17);
    i.claimed_at = res.optional_text(r, c + 18);
    i.first_contact_at = res.optional_text(r, c + 19);
    i.docked_at = res.optional_text(r, c + 20);
    i.stage = res.optional_text(r, c + 21);
    i.disputed = res.integer(r, c + 22) != 0;
    i.duplicate_of = res.optional_integer(r, c + 23);
    return i;
}

constexpr std::string_view assignment_columns =
    "a.id, a.subject_type, a.subject_id, a.unit_id, a.user_id, a.role, a.step, a.due_at, "
    "a.met_at, a.paused_at, a.pause_reason, a.overdue_since, a.escalation_level, a.ended_at, "
    "a.ended_reason, a.excused, a.reminded_at, a.created_at, (SELECT c.status FROM "
    "board_contest c WHERE c.assignment_id = a.id ORDER BY c.id DESC LIMIT 1)";
constexpr std::size_t assignment_column_count = 19;

assignment_row assignment_at(const db::result& res, std::size_t r, std::size_t c = 0) {
    assignment_row a;
    a.id = res.integer(r, c + 0);
    a.subject_type = res.text(r, c + 1);
    a.subject_id = res.integer(r, c + 2);
    a.unit_id = res.integer(r, c + 3);
    a.user_id = res.optional_integer(r, c + 4);
    a.role = res.text(r, c + 5);
    a.step = res.optional_text(r, c + 6);
    a.due_at = res.optional_text(r, c + 7);
    a.met_at = res.optional_text(r, c + 8);
    a.paused_at = res.optional_text(r, c + 9);
    a.pause_reason = res.optional_text(r, c + 10);
    a.overdue_since = res.optional_text(r, c + 11);
    a.escalation_level = int(res.integer(r, c + 12));
    a.ended_at = res.optional_text(r, c + 13);
    a.ended_reason = res.optional_text(r, c + 14);
    a.excused = res.integer(r, c + 15) != 0;
    a.reminded_at = res.optional_text(r, c + 16);
    a.created_at = res.text(r, c + 17);
    a.contest_status = res.optional_text(r, c + 18);
    return a;
}

}  // namespace

std::optional<intent_row> intake_store::find_intent(std::int64_t id) {
    const auto res = conn_.query(
        "SELECT " + std::string(intent_columns) + " FROM intent i WHERE i.id = $1", {id});
    if (res.empty()) {
        return std::nullopt;
    }
    auto i = intent_at(res, 0);
    const auto preferred = conn_.query(
        "SELECT unit_id FROM intent_preferred_unit WHERE intent_id = $1 ORDER BY unit_id", {id});
    for (std::size_t r = 0; r < preferred.size(); ++r) {
        i.preferred_units.push_back(preferred.integer(r, 0));
    }
    return i;
}

void intake_store::update_progress(const intent_row& i, const std::string& now) {
    conn_.query(
        "UPDATE intent SET status = $2, primary_unit_id = $3, handler_user_id = $4, "
        "claimed_at = $5, first_contact_at = $6, docked_at = $7, stage = $8, disputed = $9, "
        "updated_at = $10 WHERE id = $1",
        {i.id, i.status, db::nullable(i.primary_unit_id), db::nullable(i.handler_user_id),
         db::nullable(i.claimed_at), db::nullable(i.first_contact_at), db::nullable(i.docked_at),
         db::nullable(i.stage), std::int64_t(i.disputed ? 1 : 0), now});
}

std::vector<intent_row> intake_store::recent_intents_like(
    const std::optional<std::string>& credit_code, const std::string& since, int limit) {
    const auto res = conn_.query("SELECT " + std::string(intent_columns) +
                                     " FROM intent i WHERE i.created_at >= $1 AND (CAST($2 AS "
                                     "TEXT) IS NULL OR i.credit_code "
                                     "= $2 OR i.credit_code IS NULL) ORDER BY i.id DESC LIMIT $3",
                                 {since, db::nullable(credit_code), std::int64_t(limit)});
    std::vector<intent_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(intent_at(res, r));
    }
    return out;
}

std::pair<std::vector<intent_row>, std::int64_t> intake_store::list_intents(
    bool everything, std::optional<std::int64_t> owner, const std::vector<std::int64_t>& units,
    int offset, int limit) {
    std::vector<db::param> params;
    std::string where = " WHERE 1 = 1";
    if (!everything) {
        std::vector<std::string> any;
        if (owner) {
            any.push_back("i.submitted_by = " + db::bind_value(params, *owner));
        }
        if (!units.empty()) {
            any.push_back(
                "EXISTS (SELECT 1 FROM assignment a WHERE a.subject_type = 'intent' AND "
                "a.subject_id = i.id AND a.unit_id IN (" +
                db::bind_values(params, units) + "))");
        }
        if (any.empty()) {
            return {{}, 0};
        }
        where += " AND " + db::any_of(any);
    }
    const auto total = conn_.query("SELECT COUNT(*) FROM intent i" + where, params).integer(0, 0);
    const auto page = " LIMIT " + db::bind_value(params, std::int64_t(limit)) + " OFFSET " +
                      db::bind_value(params, std::int64_t(offset));
    const auto res = conn_.query("SELECT " + std::string(intent_columns) + " FROM intent i" +
                                     where + " ORDER BY i.id DESC" + page,
                                 params);
    std::vector<intent_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(intent_at(res, r));
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

std::int64_t intake_store::insert_assignment(const assignment_row& a, const std::string& now) {
    return conn_
        .query(
            "INSERT INTO assignment (subject_type, subject_id, unit_id, user_id, role, step, "
            "due_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) "
            "RETURNING id",
            {a.subject_type, a.subject_id, a.unit_id, db::nullable(a.user_id), a.role,
             db::nullable(a.step), db::nullable(a.due_at), now})
        .integer(0, 0);
}

void intake_store::update_assignment(const assignment_row& a, const std::string& now) {
    conn_.query(
        "UPDATE assignment SET user_id = $2, role = $3, step = $4, due_at = $5, met_at = $6, "
        "paused_at = $7, pause_reason = $8, overdue_since = $9, escalation_level = $10, "
        "ended_at = $11, ended_reason = $12, excused = $13, reminded_at = $14, updated_at = $15 "
        "WHERE id = $1",
        {a.id, db::nullable(a.user_id), a.role, db::nullable(a.step), db::nullable(a.due_at),
         db::nullable(a.met_at), db::nullable(a.paused_at), db::nullable(a.pause_reason),
         db::nullable(a.overdue_since), std::int64_t(a.escalation_level), db::nullable(a.ended_at),
         db::nullable(a.ended_reason), std::int64_t(a.excused ? 1 : 0), db::nullable(a.reminded_at),
         now});
}

std::optional<assignment_row> intake_store::find_assignment(std::int64_t id) {
    const auto res = conn_.query(
        "SELECT " + std::string(assignment_columns) + " FROM assignment a WHERE a.id = $1", {id});
    return res.empty() ? std::nullopt : std::optional<assignment_row>(assignment_at(res, 0));
}

std::vector<assignment_row> intake_store::assignments_of(const std::string& subject_type,
                                                         std::int64_t subject_id) {
    const auto res = conn_.query("SELECT " + std::string(assignment_columns) +
                                     " FROM assignment a WHERE a.subject_type = $1 AND "
                                     "a.subject_id = $2 ORDER BY a.id",
                                 {subject_type, subject_id});
    std::vector<assignment_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(assignment_at(res, r));
    }
    return out;
}

std::vector<std::pair<assignment_row, intent_row>> intake_store::open_deadlines() {
    const auto res = conn_.query(
        "SELECT " + std::string(assignment_columns) + ", " + std::string(intent_columns) +
        " FROM assignment a JOIN intent i ON i.id = a.subject_id WHERE a.subject_type = 'intent' "
        "AND a.due_at IS NOT NULL AND a.ended_at IS NULL AND a.met_at IS NULL AND a.paused_at IS "
        "NULL AND a.escalation_level < 2 ORDER BY a.due_at, a.id");
    std::vector<std::pair<assignment_row, intent_row>> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.emplace_back(assignment_at(res, r), intent_at(res, r, assignment_column_count));
    }
    return out;
}

std::pair<std::vector<inbox_row>, std::int64_t> intake_store::inbox(const inbox_filter& filter) {
    std::vector<db::param> params;
    std::string where =
        " FROM assignment a JOIN intent i ON i.id = a.subject_id JOIN unit un ON un.id = "
        "a.unit_id LEFT JOIN user_account u ON u.id = a.user_id WHERE a.subject_type = 'intent' "
        "AND a.ended_at IS NULL";
    if (!filter.units.empty()) {
        where += " AND a.unit_id IN (" + db::bind_values(params, filter.units) + ")";
    }
    if (filter.open_only) {
        where += " AND i.status NOT IN ('docked', 'withdrawn')";
    }
    if (!filter.text.empty()) {
        const auto like = db::bind_value(params, "%" + filter.text + "%");
        where += " AND (i.title LIKE " + like + " OR i.company LIKE " + like + ")";
    }
    const auto total = conn_.query("SELECT COUNT(*)" + where, params).integer(0, 0);
    const auto limit = db::bind_value(params, std::int64_t(filter.limit));
    const auto offset = db::bind_value(params, std::int64_t(filter.offset));
    // Most urgent first: items with a deadline by due time, then the rest newest first.
    const auto res = conn_.query(
        "SELECT " + std::string(assignment_columns) + ", " + std::string(intent_columns) +
            ", u.name, un.name_zh, un.name_en" + where +
            " ORDER BY CASE WHEN a.due_at IS NULL OR a.paused_at IS NOT NULL THEN 1 ELSE 0 END, "
            "a.due_at, i.id DESC LIMIT " +
            limit + " OFFSET " + offset,
        params);
    std::vector<inbox_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({assignment_at(res, r), intent_at(res, r, assignment_column_count),
                       res.optional_text(r, assignment_column_count + intent_column_count),
                       res.text(r, assignment_column_count + intent_column_count + 1),
                       res.text(r, assignment_column_count + intent_column_count + 2)});
    }
    return {out, total};
}

std::int64_t intake_store::insert_attachment(const attachment_row& a,
                                             const std::string& content_base64) {
    return attachments().insert_attachment(a, content_base64);
}

std::vector<attachment_row> intake_store::attachments_of(std::int64_t intent_id) {
    return attachments().attachments_of(intent_id);
}

std::optional<std::pair<attachment_row, std::string>> intake_store::attachment(
    std::int64_t intent_id, std::int64_t id) {
    return attachments().attachment(intent_id, id);
}

attachment_store intake_store::attachments() {
    return {conn_, "intent_attachment", "intent_id"};
}

std::int64_t intake_store::insert_event(const intent_event_row& e) {
    return conn_
        .query(
            "INSERT INTO intent_event (intent_id, at, kind, actor_user_id, actor_name, unit_id, "
            "text, "
            "detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            {e.intent_id, e.at, e.kind, db::nullable(e.actor_user_id), db::nullable(e.actor_name),
             db::nullable(e.unit_id), e.text, db::nullable(e.detail)})
        .integer(0, 0);
}

std::vector<intent_event_row> intake_store::events_of(std::int64_t intent_id) {
    const auto res = conn_.query(
        "SELECT id, intent_id, at, kind, actor_user_id, actor_name, unit_id, text, detail "
        "FROM intent_event WHERE intent_id = $1 ORDER BY id",
        {intent_id});
    std::vector<intent_event_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.integer(r, 0), res.integer(r, 1), res.text(r, 2), res.text(r, 3),
                       res.optional_integer(r, 4), res.optional_text(r, 5),
                       res.optional_integer(r, 6), res.text(r, 7), res.optional_text(r, 8)});
    }
    return out;
}

std::vector<std::int64_t> intake_store::available_staff(std::int64_t unit_id) {
    const auto res = conn_.query(
        "SELECT u.id, " + std::string(open_load) +
            " AS load, u.intake_capacity FROM user_account u JOIN user_role r ON r.user_id = "
            "u.id AND r.role = 'unit_staff' WHERE u.unit_id = $1 AND u.status = 'active' AND "
            "u.on_leave = 0 ORDER BY load, u.id",
        {unit_id});
    std::vector<std::int64_t> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        if (res.integer(r, 1) < res.integer(r, 2)) {
            out.push_back(res.integer(r, 0));
        }
    }
    return out;
}

std::vector<staff_load_row> intake_store::staff_load(std::int64_t unit_id) {
    const auto res = conn_.query(
        "SELECT u.id, u.name, u.on_leave, u.intake_capacity, " + std::string(open_load) +
            " FROM user_account u JOIN user_role r ON r.user_id = u.id AND r.role = 'unit_staff' "
            "WHERE u.unit_id = $1 AND u.status = 'active' ORDER BY u.id",
        {unit_id});
    std::vector<staff_load_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.integer(r, 0), res.text(r, 1), res.integer(r, 2) != 0,
                       int(res.integer(r, 3)), res.integer(r, 4)});
    }
    return out;
}

bool intake_store::set_availability(std::int64_t unit_id, std::int64_t user_id, bool on_leave,
                                    int capacity, const std::string& now) {
    return conn_
               .query(
                   "UPDATE user_account SET on_leave = $3, intake_capacity = $4, updated_at = $5 "
                   "WHERE id = $2 AND unit_id = $1 AND EXISTS (SELECT 1 FROM user_role r WHERE "
                   "r.user_id = user_account.id AND r.role = 'unit_staff')",
                   {unit_id, user_id, std::int64_t(on_leave ? 1 : 0), std::int64_t(capacity), now})
               .affected > 0;
}

std::vector<std::int64_t> intake_store::users_with_role(const std::string& role,
                                                        std::optional<std::int64_t> unit_id) {
    const auto res = conn_.query(
        "SELECT u.id FROM user_account u JOIN user_role r ON r.user_id = u.id WHERE r.role = $1 "
        "AND u.status = 'active' AND (CAST($2 AS BIGINT) IS NULL OR u.unit_id = $2) ORDER BY "
        "u.id",
        {role, db::nullable(unit_id)});
    std::vector<std::int64_t> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(res.integer(r, 0));
    }
    return out;
}

std::optional<std::string> intake_store::user_name(std::int64_t user_id) {
    const auto res = conn_.query("SELECT name FROM user_account WHERE id = $1", {user_id});
    return res.empty() ? std::nullopt : std::optional<std::string>(res.text(0, 0));
}

}  // namespace zhaoyin::store
