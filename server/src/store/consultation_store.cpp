#include "store/consultation_store.hpp"

namespace zhaoyin::store {

namespace {

constexpr const char* columns =
    "c.id, c.question, c.context_type, c.context_id, c.context_version, c.context_title, "
    "c.asked_by, c.unit_id, c.routed_by, c.routed_at, c.status, c.due_at, c.reminded_at, "
    "c.overdue_since, c.escalation_level, c.answer, c.answered_by, c.answered_by_name, "
    "c.answered_at, c.answered_on_time, c.faq_document_id, c.created_at, c.updated_at, "
    "n.name_zh, n.name_en, u.name";

constexpr const char* joined =
    " FROM consultation c JOIN unit n ON n.id = c.unit_id JOIN user_account u ON u.id = "
    "c.asked_by";

consultation_row row_at(const db::result& res, std::size_t r) {
    consultation_row c;
    c.id = res.integer(r, 0);
    c.question = res.text(r, 1);
    c.context_type = res.text(r, 2);
    c.context_id = res.optional_integer(r, 3);
    c.context_version = res.optional_integer(r, 4);
    c.context_title = res.optional_text(r, 5);
    c.asked_by = res.integer(r, 6);
    c.unit_id = res.integer(r, 7);
    c.routed_by = res.text(r, 8);
    c.routed_at = res.text(r, 9);
    c.status = res.text(r, 10);
    c.due_at = res.text(r, 11);
    c.reminded_at = res.optional_text(r, 12);
    c.overdue_since = res.optional_text(r, 13);
    c.escalation_level = int(res.integer(r, 14));
    c.answer = res.optional_text(r, 15);
    c.answered_by = res.optional_integer(r, 16);
    c.answered_by_name = res.optional_text(r, 17);
    c.answered_at = res.optional_text(r, 18);
    if (const auto on_time = res.optional_integer(r, 19)) {
        c.answered_on_time = *on_time != 0;
    }
    c.faq_document_id = res.optional_integer(r, 20);
    c.created_at = res.text(r, 21);
    c.updated_at = res.text(r, 22);
    c.unit_name_zh = res.text(r, 23);
    c.unit_name_en = res.text(r, 24);
    c.asker_name = res.text(r, 25);
    return c;
}

std::vector<consultation_row> rows_of(const db::result& res) {
    std::vector<consultation_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(row_at(res, r));
    }
    return out;
}

db::param on_time_param(const std::optional<bool>& value) {
    return value ? db::flag(*value) : db::param(nullptr);
}

}  // namespace

std::int64_t consultation_store::insert(const consultation_row& c) {
    return conn_
        .query(
            "INSERT INTO consultation (question, context_type, context_id, context_version, "
            "context_title, asked_by, unit_id, routed_by, routed_at, status, due_at, created_at, "
            "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) "
            "RETURNING id",
            {c.question, c.context_type, db::nullable(c.context_id),
             db::nullable(c.context_version), db::nullable(c.context_title), c.asked_by, c.unit_id,
             c.routed_by, c.routed_at, c.status, c.due_at, c.created_at})
        .integer(0, 0);
}

std::optional<consultation_row> consultation_store::find(std::int64_t id) {
    const auto res =
        conn_.query("SELECT " + std::string(columns) + joined + " WHERE c.id = $1", {id});
    return res.empty() ? std::nullopt : std::optional(row_at(res, 0));
}

void consultation_store::update(const consultation_row& c) {
    conn_.query(
        "UPDATE consultation SET unit_id = $2, routed_by = $3, routed_at = $4, status = $5, "
        "due_at = $6, reminded_at = $7, overdue_since = $8, escalation_level = $9, answer = $10, "
        "answered_by = $11, answered_by_name = $12, answered_at = $13, answered_on_time = $14, "
        "faq_document_id = $15, updated_at = $16 WHERE id = $1",
        {c.id, c.unit_id, c.routed_by, c.routed_at, c.status, c.due_at, db::nullable(c.reminded_at),
         db::nullable(c.overdue_since), std::int64_t(c.escalation_level), db::nullable(c.answer),
         db::nullable(c.answered_by), db::nullable(c.answered_by_name), db::nullable(c.answered_at),
         on_time_param(c.answered_on_time), db::nullable(c.faq_document_id), c.updated_at});
}

std::pair<std::vector<consultation_row>, std::int64_t> consultation_store::list(
    const consultation_filter& f) {
    std::vector<db::param> params;
    std::string where = " WHERE 1 = 1";
    if (!f.everything) {
        std::vector<std::string> mine;
        if (f.asked_by) {
            mine.push_back("c.asked_by = " + db::bind_value(params, *f.asked_by));
        }
        if (!f.units.empty()) {
            mine.push_back("c.unit_id IN (" + db::bind_values(params, f.units) + ")");
        }
        where += mine.empty() ? " AND 1 = 0" : " AND " + db::any_of(mine);
    }
    if (f.status) {
        where += " AND c.status = " + db::bind_value(params, *f.status);
    }
    if (f.overdue) {
        const auto late =
            "(c.status = 'open' AND c.due_at <= " + db::bind_value(params, f.now) + ")";
        where += *f.overdue ? " AND " + late : " AND NOT " + late;
    }
    if (f.context_type) {
        where += " AND c.context_type = " + db::bind_value(params, *f.context_type);
    }
    if (!f.text.empty()) {
        const auto like = db::bind_value(params, "%" + f.text + "%");
        where += " AND (c.question LIKE " + like + " OR COALESCE(c.answer, '') LIKE " + like +
                 " OR COALESCE(c.context_title, '') LIKE " + like + ")";
    }
    const auto total =
        conn_.query("SELECT COUNT(*)" + std::string(joined) + where, params).integer(0, 0);
    const auto limit = db::bind_value(params, std::int64_t(f.limit));
    const auto offset = db::bind_value(params, std::int64_t(f.offset));
    const auto res = conn_.query("SELECT " + std::string(columns) + joined + where +
                                     " ORDER BY c.id DESC LIMIT " + limit + " OFFSET " + offset,
                                 params);
    return {rows_of(res), total};
}

std::vector<consultation_row> consultation_store::open_deadlines() {
    return rows_of(conn_.query("SELECT " + std::string(columns) + joined +
                               " WHERE c.status = 'open' AND c.escalation_level < 2 ORDER BY "
                               "c.due_at, c.id"));
}

std::int64_t consultation_store::insert_event(const consultation_event_row& e) {
    return conn_
        .query(
            "INSERT INTO consultation_event (consultation_id, at, kind, actor_name, unit_id, "
            "text) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            {e.consultation_id, e.at, e.kind, db::nullable(e.actor_name), db::nullable(e.unit_id),
             e.text})
        .integer(0, 0);
}

std::vector<consultation_event_row> consultation_store::events_of(std::int64_t consultation_id) {
    const auto res = conn_.query(
        "SELECT id, consultation_id, at, kind, actor_name, unit_id, text FROM "
        "consultation_event WHERE consultation_id = $1 ORDER BY id",
        {consultation_id});
    std::vector<consultation_event_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.integer(r, 0), res.integer(r, 1), res.text(r, 2), res.text(r, 3),
                       res.optional_text(r, 4), res.optional_integer(r, 5), res.text(r, 6)});
    }
    return out;
}

std::vector<std::string> consultation_store::asker_names(std::int64_t user_id) {
    const auto res = conn_.query(
        "SELECT u.name, c.name FROM user_account u LEFT JOIN company c ON c.id = u.company_id "
        "WHERE u.id = $1",
        {user_id});
    std::vector<std::string> out;
    for (std::size_t c = 0; !res.empty() && c < 2; ++c) {
        if (const auto name = res.optional_text(0, c); name && !name->empty()) {
            out.push_back(*name);
        }
    }
    return out;
}

std::vector<consultation_count_row> consultation_store::counts_by_unit(const std::string& now) {
    const auto res = conn_.query(
        "SELECT c.unit_id, n.name_zh, n.name_en, COUNT(*), "
        "SUM(CASE WHEN c.status = 'answered' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN c.answered_on_time = 1 THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN c.status = 'open' AND c.due_at <= $1 THEN 1 ELSE 0 END) "
        "FROM consultation c JOIN unit n ON n.id = c.unit_id "
        "GROUP BY c.unit_id, n.name_zh, n.name_en, n.sort_order ORDER BY n.sort_order, c.unit_id",
        {now});
    std::vector<consultation_count_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.integer(r, 0), res.text(r, 1), res.text(r, 2), res.integer(r, 3),
                       res.integer(r, 4), res.integer(r, 5), res.integer(r, 6)});
    }
    return out;
}

}  // namespace zhaoyin::store
