#include "store/meeting_store.hpp"

#include <boost/json.hpp>

namespace zhaoyin::store {

namespace json = boost::json;

namespace {

constexpr std::string_view meeting_columns =
    "m.id, m.category, m.leaders, m.held_on, m.place, m.company, m.summary, m.follow_ups, "
    "m.created_by, m.created_at, (SELECT u.name FROM user_account u WHERE u.id = m.created_by)";

std::string leaders_text(const std::vector<std::string>& leaders) {
    json::array out;
    for (const auto& name : leaders) {
        out.emplace_back(name);
    }
    return json::serialize(out);
}

std::vector<std::string> leaders_of(const std::string& text) {
    std::vector<std::string> out;
    const auto parsed = json::parse(text);
    for (const auto& name : parsed.as_array()) {
        out.emplace_back(name.as_string());
    }
    return out;
}

meeting_row meeting_at(const db::result& res, std::size_t r) {
    meeting_row m;
    m.id = res.integer(r, 0);
    m.category = res.text(r, 1);
    m.leaders = leaders_of(res.text(r, 2));
    m.held_on = res.text(r, 3);
    m.place = res.text(r, 4);
    m.company = res.text(r, 5);
    m.summary = res.text(r, 6);
    m.follow_ups = res.optional_text(r, 7);
    m.created_by = res.integer(r, 8);
    m.created_at = res.text(r, 9);
    m.created_by_name = res.optional_text(r, 10).value_or("");
    return m;
}

constexpr std::string_view receipt_select =
    "SELECT r.meeting_id, r.unit_id, r.pushed_by, r.pushed_at, r.report_due_at, r.read_at, "
    "r.read_by, r.reported_at, r.reported_by, r.project_id, r.no_project_reason, r.reminded_at, "
    "r.overdue_at, n.name_zh, n.name_en, (SELECT u.name FROM user_account u WHERE u.id = "
    "r.read_by), (SELECT u.name FROM user_account u WHERE u.id = r.reported_by), m.company FROM "
    "meeting_receipt r JOIN unit n ON n.id = r.unit_id JOIN meeting m ON m.id = r.meeting_id ";

std::vector<meeting_receipt_row> receipts_from(const db::result& res) {
    std::vector<meeting_receipt_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        meeting_receipt_row row;
        row.meeting_id = res.integer(r, 0);
        row.unit_id = res.integer(r, 1);
        row.pushed_by = res.integer(r, 2);
        row.pushed_at = res.text(r, 3);
        row.report_due_at = res.text(r, 4);
        row.read_at = res.optional_text(r, 5);
        row.read_by = res.optional_integer(r, 6);
        row.reported_at = res.optional_text(r, 7);
        row.reported_by = res.optional_integer(r, 8);
        row.project_id = res.optional_integer(r, 9);
        row.no_project_reason = res.optional_text(r, 10);
        row.reminded_at = res.optional_text(r, 11);
        row.overdue_at = res.optional_text(r, 12);
        row.unit_name_zh = res.text(r, 13);
        row.unit_name_en = res.text(r, 14);
        row.read_by_name = res.optional_text(r, 15);
        row.reported_by_name = res.optional_text(r, 16);
        row.company = res.text(r, 17);
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace

std::int64_t meeting_store::insert_meeting(const meeting_row& m) {
    return conn_
        .query(
            "INSERT INTO meeting (category, leaders, held_on, place, company, summary, "
            "follow_ups, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
            "RETURNING id",
            {m.category, leaders_text(m.leaders), m.held_on, m.place, m.company, m.summary,
             db::nullable(m.follow_ups), m.created_by, m.created_at})
        .integer(0, 0);
}

std::optional<meeting_row> meeting_store::find_meeting(std::int64_t id) {
    const auto res = conn_.query(
        "SELECT " + std::string(meeting_columns) + " FROM meeting m WHERE m.id = $1", {id});
    if (res.empty()) {
        return std::nullopt;
    }
    return meeting_at(res, 0);
}

std::pair<std::vector<meeting_row>, std::int64_t> meeting_store::list_meetings(
    const meeting_filter& f) {
    std::vector<db::param> params;
    std::string where = " WHERE 1 = 1";
    // Scope, unit and report status are asked of the same receipt.
    std::vector<std::string> receipt;
    if (!f.everything) {
        if (f.units.empty()) {
            return {{}, 0};
        }
        receipt.push_back("r.unit_id IN (" + db::bind_values(params, f.units) + ")");
    }
    if (f.unit) {
        receipt.push_back("r.unit_id = " + db::bind_value(params, *f.unit));
    }
    if (f.report_status == "reported") {
        receipt.emplace_back("r.reported_at IS NOT NULL");
    } else if (f.report_status == "overdue") {
        receipt.push_back("r.reported_at IS NULL AND r.report_due_at < " +
                          db::bind_value(params, f.now));
    } else if (f.report_status == "pending") {
        receipt.push_back("r.reported_at IS NULL AND r.report_due_at >= " +
                          db::bind_value(params, f.now));
    }
    if (!receipt.empty()) {
        where += " AND EXISTS (SELECT 1 FROM meeting_receipt r WHERE r.meeting_id = m.id";
        for (const auto& condition : receipt) {
            where += " AND " + condition;
        }
        where += ")";
    }
    if (f.category) {
        where += " AND m.category = " + db::bind_value(params, *f.category);
    }
    if (f.held_from) {
        where += " AND m.held_on >= " + db::bind_value(params, *f.held_from);
    }
    if (f.held_to) {
        where += " AND m.held_on <= " + db::bind_value(params, *f.held_to);
    }
    if (!f.text.empty()) {
        const auto like = db::bind_value(params, "%" + f.text + "%");
        where += " AND (LOWER(m.company) LIKE LOWER(" + like + ") OR LOWER(m.summary) LIKE LOWER(" +
                 like + ") OR LOWER(m.place) LIKE LOWER(" + like +
                 ") OR LOWER(m.leaders) LIKE LOWER(" + like + "))";
    }
    const auto total = conn_.query("SELECT COUNT(*) FROM meeting m" + where, params).integer(0, 0);
    const auto limit = db::bind_value(params, std::int64_t(f.limit));
    const auto offset = db::bind_value(params, std::int64_t(f.offset));
    const auto res =
        conn_.query("SELECT " + std::string(meeting_columns) + " FROM meeting m" + where +
                        " ORDER BY m.held_on DESC, m.id DESC LIMIT " + limit + " OFFSET " + offset,
                    params);
    std::vector<meeting_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(meeting_at(res, r));
    }
    return {out, total};
}

void meeting_store::insert_receipt(const meeting_receipt_row& r) {
    conn_.query(
        "INSERT INTO meeting_receipt (meeting_id, unit_id, pushed_by, pushed_at, report_due_at) "
        "VALUES ($1, $2, $3, $4, $5)",
        {r.meeting_id, r.unit_id, r.pushed_by, r.pushed_at, r.report_due_at});
}

std::vector<meeting_receipt_row> meeting_store::receipts_of(std::int64_t meeting_id) {
    return receipts_of(std::vector<std::int64_t>{meeting_id});
}

std::vector<meeting_receipt_row> meeting_store::receipts_of(
    const std::vector<std::int64_t>& meeting_ids) {
    if (meeting_ids.empty()) {
        return {};
    }
    std::vector<db::param> params;
    const auto list = db::bind_values(params, meeting_ids);
    return receipts_from(conn_.query(std::string(receipt_select) + "WHERE r.meeting_id IN (" +
                                         list + ") ORDER BY r.meeting_id, r.unit_id",
                                     params));
}

std::optional<meeting_receipt_row> meeting_store::find_receipt(std::int64_t meeting_id,
                                                               std::int64_t unit_id) {
    auto rows = receipts_from(
        conn_.query(std::string(receipt_select) + "WHERE r.meeting_id = $1 AND r.unit_id = $2",
                    {meeting_id, unit_id}));
    if (rows.empty()) {
        return std::nullopt;
    }
    return rows.front();
}

void meeting_store::mark_read(std::int64_t meeting_id, std::int64_t unit_id, std::int64_t user_id,
                              const std::string& at) {
    conn_.query(
        "UPDATE meeting_receipt SET read_at = $3, read_by = $4 WHERE meeting_id = $1 AND unit_id "
        "= $2 AND read_at IS NULL",
        {meeting_id, unit_id, at, user_id});
}

void meeting_store::record_report(const meeting_receipt_row& r) {
    conn_.query(
        "UPDATE meeting_receipt SET reported_at = $3, reported_by = $4, project_id = $5, "
        "no_project_reason = $6 WHERE meeting_id = $1 AND unit_id = $2",
        {r.meeting_id, r.unit_id, db::nullable(r.reported_at), db::nullable(r.reported_by),
         db::nullable(r.project_id), db::nullable(r.no_project_reason)});
}

std::vector<meeting_receipt_row> meeting_store::open_receipts() {
    return receipts_from(conn_.query(
        std::string(receipt_select) +
        "WHERE r.reported_at IS NULL AND r.overdue_at IS NULL ORDER BY r.report_due_at"));
}

void meeting_store::set_reminded(std::int64_t meeting_id, std::int64_t unit_id,
                                 const std::string& at) {
    conn_.query(
        "UPDATE meeting_receipt SET reminded_at = $3 WHERE meeting_id = $1 AND unit_id = $2",
        {meeting_id, unit_id, at});
}

void meeting_store::set_overdue(std::int64_t meeting_id, std::int64_t unit_id,
                                const std::string& at) {
    conn_.query("UPDATE meeting_receipt SET overdue_at = $3 WHERE meeting_id = $1 AND unit_id = $2",
                {meeting_id, unit_id, at});
}

void meeting_store::link_project(std::int64_t project_id, std::int64_t meeting_id) {
    conn_.query("UPDATE project SET meeting_id = $2 WHERE id = $1 AND meeting_id IS NULL",
                {project_id, meeting_id});
}

std::vector<fill_rate_row> meeting_store::fill_rates(
    const std::string& from, const std::string& to,
    const std::optional<std::vector<std::int64_t>>& units) {
    std::vector<db::param> params;
    std::string where = " WHERE m.held_on >= " + db::bind_value(params, from);
    where += " AND m.held_on <= " + db::bind_value(params, to);
    if (units) {
        if (units->empty()) {
            return {};
        }
        where += " AND r.unit_id IN (" + db::bind_values(params, *units) + ")";
    }
    const auto res = conn_.query(
        "SELECT r.unit_id, n.name_zh, n.name_en, COUNT(*), "
        "SUM(CASE WHEN r.read_at IS NULL THEN 0 ELSE 1 END), "
        "SUM(CASE WHEN r.reported_at IS NULL THEN 0 ELSE 1 END), "
        "SUM(CASE WHEN r.reported_at IS NOT NULL AND r.reported_at <= r.report_due_at THEN 1 "
        "ELSE 0 END) FROM meeting_receipt r JOIN meeting m ON m.id = r.meeting_id JOIN unit n ON "
        "n.id = r.unit_id" +
            where +
            " GROUP BY r.unit_id, n.name_zh, n.name_en, n.sort_order ORDER BY n.sort_order, "
            "r.unit_id",
        params);
    std::vector<fill_rate_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.integer(r, 0), res.text(r, 1), res.text(r, 2), res.integer(r, 3),
                       res.integer(r, 4), res.integer(r, 5), res.integer(r, 6)});
    }
    return out;
}

}  // namespace zhaoyin::store
