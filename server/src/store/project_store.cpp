#include "store/project_store.hpp"

namespace zhaoyin::store {

namespace {

constexpr std::string_view project_columns =
    "p.id, p.name, p.code_name, p.company, p.credit_code, p.industry_code, p.capital_type, "
    "p.investment_total, p.currency, p.undertaking_unit_id, p.source, p.meeting_id, p.event_id, "
    "p.intent_id, p.signed_large, p.campaign, p.task_force_unit_id, p.stage, p.created_by, "
    "p.created_at, p.updated_at, p.last_update_at, "
    "(SELECT i.submitted_by FROM intent i WHERE i.id = p.intent_id), "
    "(SELECT u.name FROM user_account u WHERE u.id = p.created_by)";

project_row project_at(const db::result& res, std::size_t r) {
    project_row p;
    p.id = res.integer(r, 0);
    p.name = res.text(r, 1);
    p.code_name = res.optional_text(r, 2);
    p.company = res.text(r, 3);
    p.credit_code = res.optional_text(r, 4);
    p.industry_code = res.text(r, 5);
    p.capital_type = res.text(r, 6);
    p.investment_total = res.text(r, 7);
    p.currency = res.text(r, 8);
    p.undertaking_unit_id = res.integer(r, 9);
    p.source = res.text(r, 10);
    p.meeting_id = res.optional_integer(r, 11);
    p.event_id = res.optional_integer(r, 12);
    p.intent_id = res.optional_integer(r, 13);
    p.signed_large = res.integer(r, 14) != 0;
    p.campaign = res.integer(r, 15) != 0;
    p.task_force_unit_id = res.optional_integer(r, 16);
    p.stage = res.text(r, 17);
    p.created_by = res.integer(r, 18);
    p.created_at = res.text(r, 19);
    p.updated_at = res.text(r, 20);
    p.last_update_at = res.text(r, 21);
    p.intent_owner = res.optional_integer(r, 22);
    p.created_by_name = res.optional_text(r, 23).value_or("");
    return p;
}

}  // namespace

std::int64_t project_store::insert_project(const project_row& p, const std::string& now) {
    const auto id =
        conn_
            .query(
                "INSERT INTO project (name, code_name, company, credit_code, industry_code, "
                "capital_type, investment_total, currency, undertaking_unit_id, source, "
                "meeting_id, event_id, intent_id, signed_large, campaign, task_force_unit_id, "
                "stage, created_by, created_at, updated_at, last_update_at) VALUES ($1, $2, $3, "
                "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19, "
                "$19) RETURNING id",
                {p.name, db::nullable(p.code_name), p.company, db::nullable(p.credit_code),
                 p.industry_code, p.capital_type, p.investment_total, p.currency,
                 p.undertaking_unit_id, p.source, db::nullable(p.meeting_id),
                 db::nullable(p.event_id), db::nullable(p.intent_id), db::flag(p.signed_large),
                 db::flag(p.campaign), db::nullable(p.task_force_unit_id), p.stage, p.created_by,
                 now})
            .integer(0, 0);
    for (const auto unit : p.collaborating_units) {
        conn_.query("INSERT INTO project_unit (project_id, unit_id) VALUES ($1, $2)", {id, unit});
    }
    return id;
}

std::optional<project_row> project_store::find_project(std::int64_t id) {
    const auto res = conn_.query(
        "SELECT " + std::string(project_columns) + " FROM project p WHERE p.id = $1", {id});
    if (res.empty()) {
        return std::nullopt;
    }
    auto p = project_at(res, 0);
    const auto units = conn_.query(
        "SELECT unit_id FROM project_unit WHERE project_id = $1 ORDER BY unit_id", {id});
    for (std::size_t r = 0; r < units.size(); ++r) {
        p.collaborating_units.push_back(units.integer(r, 0));
    }
    return p;
}

void project_store::update_project(const project_row& p, const std::string& now) {
    conn_.query(
        "UPDATE project SET name = $2, code_name = $3, company = $4, credit_code = $5, "
        "industry_code = $6, capital_type = $7, investment_total = $8, currency = $9, "
        "undertaking_unit_id = $10, signed_large = $11, campaign = $12, task_force_unit_id = $13, "
        "updated_at = $14 WHERE id = $1",
        {p.id, p.name, db::nullable(p.code_name), p.company, db::nullable(p.credit_code),
         p.industry_code, p.capital_type, p.investment_total, p.currency, p.undertaking_unit_id,
         db::flag(p.signed_large), db::flag(p.campaign), db::nullable(p.task_force_unit_id), now});
    conn_.query("DELETE FROM project_unit WHERE project_id = $1", {p.id});
    for (const auto unit : p.collaborating_units) {
        conn_.query("INSERT INTO project_unit (project_id, unit_id) VALUES ($1, $2)", {p.id, unit});
    }
}

void project_store::set_stage(std::int64_t id, const std::string& stage, const std::string& now) {
    conn_.query("UPDATE project SET stage = $2, updated_at = $3 WHERE id = $1", {id, stage, now});
}

void project_store::touch(std::int64_t id, const std::string& now) {
    conn_.query("UPDATE project SET last_update_at = $2, updated_at = $2 WHERE id = $1", {id, now});
}

std::pair<std::vector<project_row>, std::int64_t> project_store::list_projects(
    const project_filter& f) {
    std::vector<db::param> params;
    std::string where = " WHERE 1 = 1";
    if (!f.everything) {
        std::vector<std::string> any;
        if (f.owner) {
            any.push_back("p.intent_id IN (SELECT i.id FROM intent i WHERE i.submitted_by = " +
                          db::bind_value(params, *f.owner) + ")");
        }
        if (!f.units.empty()) {
            const auto list = db::bind_values(params, f.units);
            any.push_back("p.undertaking_unit_id IN (" + list + ")");
            any.push_back(
                "EXISTS (SELECT 1 FROM project_unit pu WHERE pu.project_id = p.id AND pu.unit_id "
                "IN (" +
                list + "))");
        }
        if (any.empty()) {
            return {{}, 0};
        }
        where += " AND " + db::any_of(any);
    }
    if (f.unit) {
        const auto unit = db::bind_value(params, *f.unit);
        where += " AND (p.undertaking_unit_id = " + unit +
                 " OR EXISTS (SELECT 1 FROM project_unit pu WHERE pu.project_id = p.id AND "
                 "pu.unit_id = " +
                 unit + "))";
    }
    if (f.stage) {
        where += " AND p.stage = " + db::bind_value(params, *f.stage);
    }
    if (f.industry) {
        where += " AND p.industry_code = " + db::bind_value(params, *f.industry);
    }
    if (f.source) {
        where += " AND p.source = " + db::bind_value(params, *f.source);
    }
    if (f.signed_large) {
        where += " AND p.signed_large = " + db::bind_value(params, db::flag(*f.signed_large));
    }
    if (f.campaign) {
        where += " AND p.campaign = " + db::bind_value(params, db::flag(*f.campaign));
    }
    if (!f.text.empty()) {
        const auto like = db::bind_value(params, "%" + f.text + "%");
        where += " AND (LOWER(p.name) LIKE LOWER(" + like + ") OR LOWER(p.company) LIKE LOWER(" +
                 like + ") OR LOWER(p.code_name) LIKE LOWER(" + like + "))";
    }
    if (f.updated_before) {
        where += " AND p.last_update_at <= " + db::bind_value(params, *f.updated_before);
    }
    const auto total = conn_.query("SELECT COUNT(*) FROM project p" + where, params).integer(0, 0);
    const auto limit = db::bind_value(params, std::int64_t(f.limit));
    const auto offset = db::bind_value(params, std::int64_t(f.offset));
    const auto res =
        conn_.query("SELECT " + std::string(project_columns) + " FROM project p" + where +
                        " ORDER BY p.id DESC LIMIT " + limit + " OFFSET " + offset,
                    params);
    std::vector<project_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(project_at(res, r));
    }
    if (!out.empty()) {
        std::vector<db::param> ids;
        std::string list;
        for (const auto& p : out) {
            list += (list.empty() ? "" : ", ") + db::bind_value(ids, p.id);
        }
        const auto units =
            conn_.query("SELECT project_id, unit_id FROM project_unit WHERE project_id IN (" +
                            list + ") ORDER BY project_id, unit_id",
                        ids);
        for (std::size_t r = 0; r < units.size(); ++r) {
            for (auto& p : out) {
                if (p.id == units.integer(r, 0)) {
                    p.collaborating_units.push_back(units.integer(r, 1));
                }
            }
        }
    }
    return {out, total};
}

std::vector<stage_date_row> project_store::stage_dates(std::int64_t project_id) {
    const auto res = conn_.query(
        "SELECT h.stage, h.planned_on, h.actual_on FROM stage_history h JOIN stage s ON s.code = "
        "h.stage WHERE h.project_id = $1 ORDER BY s.position",
        {project_id});
    std::vector<stage_date_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.text(r, 0), res.optional_text(r, 1), res.optional_text(r, 2)});
    }
    return out;
}

void project_store::upsert_stage_date(std::int64_t project_id, const stage_date_row& row,
                                      const std::string& now) {
    conn_.query(
        "INSERT INTO stage_history (project_id, stage, planned_on, actual_on, updated_at) VALUES "
        "($1, $2, $3, $4, $5) ON CONFLICT (project_id, stage) DO UPDATE SET planned_on = "
        "COALESCE(excluded.planned_on, stage_history.planned_on), actual_on = "
        "COALESCE(excluded.actual_on, stage_history.actual_on), updated_at = excluded.updated_at",
        {project_id, row.stage, db::nullable(row.planned_on), db::nullable(row.actual_on), now});
}

std::int64_t project_store::insert_update(const project_update_row& u) {
    return conn_
        .query(
            "INSERT INTO project_update (project_id, text, stage_from, stage_to, author_user_id, "
            "created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            {u.project_id, u.text, db::nullable(u.stage_from), db::nullable(u.stage_to),
             u.author_user_id, u.created_at})
        .integer(0, 0);
}

std::int64_t project_store::insert_fund(std::int64_t project_id, const fund_row& f) {
    return conn_
        .query(
            "INSERT INTO fund_arrival (project_id, update_id, arrived_on, amount, currency, "
            "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            {project_id, db::nullable(f.update_id), f.arrived_on, f.amount, f.currency,
             f.created_by, f.created_at})
        .integer(0, 0);
}

std::vector<fund_row> project_store::funds_of(std::int64_t project_id) {
    const auto res = conn_.query(
        "SELECT id, update_id, arrived_on, amount, currency, created_by, created_at FROM "
        "fund_arrival WHERE project_id = $1 ORDER BY arrived_on, id",
        {project_id});
    std::vector<fund_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.integer(r, 0), res.optional_integer(r, 1), res.text(r, 2),
                       res.text(r, 3), res.text(r, 4), res.integer(r, 5), res.text(r, 6)});
    }
    return out;
}

std::int64_t project_store::insert_event(const project_event_row& e) {
    return conn_
        .query(
            "INSERT INTO project_event (project_id, at, kind, actor_user_id, actor_name, text, "
            "detail) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            {e.project_id, e.at, e.kind, db::nullable(e.actor_user_id), db::nullable(e.actor_name),
             e.text, db::nullable(e.detail)})
        .integer(0, 0);
}

std::vector<project_event_row> project_store::events_of(std::int64_t project_id) {
    const auto res = conn_.query(
        "SELECT id, project_id, at, kind, actor_user_id, actor_name, text, detail FROM "
        "project_event WHERE project_id = $1 ORDER BY id",
        {project_id});
    std::vector<project_event_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.integer(r, 0), res.integer(r, 1), res.text(r, 2), res.text(r, 3),
                       res.optional_integer(r, 4), res.optional_text(r, 5), res.text(r, 6),
                       res.optional_text(r, 7)});
    }
    return out;
}

}  // namespace zhaoyin::store
