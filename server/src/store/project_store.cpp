#include "store/project_store.hpp"

namespace zhaoyin::store {

namespace {

constexpr std::string_view project_columns =
    "p.id, p.name, p.code_name, p.company, p.credit_code, p.industry_code, p.capital_type, "
    "p.investment_total, p.currency, p.undertaking_unit_id, p.source, p.meeting_id, p.event_id, "
    "p.intent_id, p.signed_large, p.campaign, p.task_force_unit_id, p.stage, p.created_by, "
    "p.created_at, p.updated_at, p.last_update_at, "
    "(SELECT i.submitted_by FROM intent i WHERE i.id = p.intent_id), "
    "(SELECT u.name FROM user_account u WHERE u.id = p.created_by), p.confidential, p.notes, "
    "p.site_video_url, p.merged_into, p.swept_light, p.campaign_code";

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
    p.confidential = res.integer(r, 24) != 0;
    p.notes = res.optional_text(r, 25);
    p.site_video_url = res.optional_text(r, 26);
    p.merged_into = res.optional_integer(r, 27);
    p.swept_light = res.optional_text(r, 28);
    p.campaign_code = res.optional_text(r, 29);
    return p;
}

// A project's recorded source, or one of the dashboard's: a meeting abroad or a reception (by
// the linked meeting's category), or other (neither a linked meeting nor an event).
std::string source_condition(const std::string& source, std::vector<db::param>& params) {
    const std::string linked_meeting =
        "EXISTS (SELECT 1 FROM meeting m WHERE m.id = p.meeting_id AND m.category = ";
    if (source == "meeting_outbound" || source == "meeting_reception") {
        return "p.source = 'meeting' AND " + linked_meeting +
               db::bind_value(params, source.substr(8)) + ")";
    }
    if (source == "other") {
        return "p.source <> 'event' AND NOT (p.source = 'meeting' AND EXISTS (SELECT 1 FROM "
               "meeting m WHERE m.id = p.meeting_id))";
    }
    return "p.source = " + db::bind_value(params, source);
}

// The project first entered the stage within the bounds, coming from `entered_from`: at
// registration (the registered stage, from no stage), or by its first recorded change into that
// stage (in record order) when it was not registered at it. The same rule that builds
// dashboard_stage_flow, so a flow figure equals its drill-down.
std::string first_entry_condition(const project_filter& f, std::vector<db::param>& params) {
    const auto to = db::bind_value(params, *f.entered_stage);
    const auto in_bounds = [&](const std::string& column) {
        return column + " >= " + db::bind_value(params, f.entered_at_from) + " AND " + column +
               " < " + db::bind_value(params, f.entered_at_before);
    };
    const std::string by_change =
        "(COALESCE(p.registered_stage, '') <> " + to +
        " AND EXISTS (SELECT 1 FROM project_update u WHERE u.project_id = p.id AND u.stage_to = " +
        to + " AND COALESCE(u.stage_from, '') = " + db::bind_value(params, f.entered_from) +
        " AND " + in_bounds("u.created_at") +
        " AND NOT EXISTS (SELECT 1 FROM project_update v WHERE v.project_id = p.id AND "
        "v.stage_to = " +
        to + " AND v.id < u.id)))";
    if (!f.entered_from.empty()) {
        return by_change;
    }
    return "((p.registered_stage = " + to + " AND " + in_bounds("p.created_at") + ") OR " +
           by_change + ")";
}

}  // namespace

std::int64_t project_store::insert_project(const project_row& p, const std::string& now) {
    const auto id =
        conn_
            .query(
                "INSERT INTO project (name, code_name, company, credit_code, industry_code, "
                "capital_type, investment_total, currency, undertaking_unit_id, source, "
                "meeting_id, event_id, intent_id, signed_large, campaign, task_force_unit_id, "
                "stage, created_by, created_at, updated_at, last_update_at, confidential, notes, "
                "site_video_url, registered_stage, campaign_code) VALUES ($1, $2, $3, $4, $5, $6, "
                "$7, "
                "$8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19, $19, $20, $21, "
                "$22, $23, $24) RETURNING id",
                {p.name,
                 db::nullable(p.code_name),
                 p.company,
                 db::nullable(p.credit_code),
                 p.industry_code,
                 p.capital_type,
                 p.investment_total,
                 p.currency,
                 p.undertaking_unit_id,
                 p.source,
                 db::nullable(p.meeting_id),
                 db::nullable(p.event_id),
                 db::nullable(p.intent_id),
                 db::flag(p.signed_large),
                 db::flag(p.campaign),
                 db::nullable(p.task_force_unit_id),
                 p.stage,
                 p.created_by,
                 now,
                 db::flag(p.confidential),
                 db::nullable(p.notes),
                 db::nullable(p.site_video_url),
                 db::nullable(p.registered_stage.value_or(p.stage)),
                 db::nullable(p.campaign_code)})
            .integer(0, 0);
    for (const auto unit : p.collaborating_units) {
        conn_.query("INSERT INTO project_unit (project_id, unit_id) VALUES ($1, $2)", {id, unit});
    }
    // Its first source; a merge adds the other project's.
    const auto source_id = p.meeting_id ? p.meeting_id : p.event_id ? p.event_id : p.intent_id;
    conn_.query(
        "INSERT INTO project_source (project_id, source, source_id, registered_at) VALUES ($1, "
        "$2, $3, $4)",
        {id, p.source, db::nullable(source_id), now});
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
    const auto investors = conn_.query(
        "SELECT user_id FROM project_investor WHERE project_id = $1 ORDER BY user_id", {id});
    for (std::size_t r = 0; r < investors.size(); ++r) {
        p.investor_users.push_back(investors.integer(r, 0));
    }
    return p;
}

void project_store::update_project(const project_row& p, const std::string& now) {
    conn_.query(
        "UPDATE project SET name = $2, code_name = $3, company = $4, credit_code = $5, "
        "industry_code = $6, capital_type = $7, investment_total = $8, currency = $9, "
        "undertaking_unit_id = $10, signed_large = $11, campaign = $12, task_force_unit_id = $13, "
        "updated_at = $14, confidential = $15, notes = $16, site_video_url = $17, campaign_code = "
        "$18 WHERE id = $1",
        {p.id, p.name, db::nullable(p.code_name), p.company, db::nullable(p.credit_code),
         p.industry_code, p.capital_type, p.investment_total, p.currency, p.undertaking_unit_id,
         db::flag(p.signed_large), db::flag(p.campaign), db::nullable(p.task_force_unit_id), now,
         db::flag(p.confidential), db::nullable(p.notes), db::nullable(p.site_video_url),
         db::nullable(p.campaign_code)});
    conn_.query("DELETE FROM project_unit WHERE project_id = $1", {p.id});
    for (const auto unit : p.collaborating_units) {
        conn_.query("INSERT INTO project_unit (project_id, unit_id) VALUES ($1, $2)", {p.id, unit});
    }
}

void project_store::set_stage(std::int64_t id, const std::string& stage, const std::string& now) {
    conn_.query("UPDATE project SET stage = $2, updated_at = $3 WHERE id = $1", {id, stage, now});
}

void project_store::set_swept_light(std::int64_t id, const std::string& light) {
    conn_.query("UPDATE project SET swept_light = $2 WHERE id = $1", {id, light});
}

std::vector<project_row> project_store::active_projects() {
    const auto res = conn_.query("SELECT " + std::string(project_columns) +
                                 " FROM project p WHERE p.merged_into IS NULL ORDER BY p.id");
    std::vector<project_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(project_at(res, r));
    }
    return out;
}

void project_store::touch(std::int64_t id, const std::string& now) {
    conn_.query("UPDATE project SET last_update_at = $2, updated_at = $2 WHERE id = $1", {id, now});
}

std::optional<std::string> project_scope_condition(std::vector<db::param>& params, bool everything,
                                                   const std::optional<std::int64_t>& owner,
                                                   const std::vector<std::int64_t>& units) {
    if (everything) {
        return std::string();
    }
    std::vector<std::string> any;
    if (owner) {
        const auto user = db::bind_value(params, *owner);
        any.push_back("p.intent_id IN (SELECT i.id FROM intent i WHERE i.submitted_by = " + user +
                      ")");
        any.push_back("p.id IN (SELECT pi.project_id FROM project_investor pi WHERE pi.user_id = " +
                      user + ")");
    }
    if (!units.empty()) {
        const auto list = db::bind_values(params, units);
        any.push_back("p.undertaking_unit_id IN (" + list + ")");
        any.push_back(
            "EXISTS (SELECT 1 FROM project_unit pu WHERE pu.project_id = p.id AND pu.unit_id "
            "IN (" +
            list + "))");
    }
    if (any.empty()) {
        return std::nullopt;
    }
    return db::any_of(any);
}

std::pair<std::vector<project_row>, std::int64_t> project_store::list_projects(
    const project_filter& f) {
    std::vector<db::param> params;
    std::string where = " WHERE p.merged_into IS NULL";
    const auto scope = project_scope_condition(params, f.everything, f.owner, f.units);
    if (!scope) {
        return {{}, 0};
    }
    if (!scope->empty()) {
        where += " AND " + *scope;
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
        where += " AND " + source_condition(*f.source, params);
    }
    if (f.created_from) {
        where += " AND p.created_at >= " + db::bind_value(params, *f.created_from);
    }
    if (f.created_before) {
        where += " AND p.created_at < " + db::bind_value(params, *f.created_before);
    }
    if (f.undertaking_unit) {
        where += " AND p.undertaking_unit_id = " + db::bind_value(params, *f.undertaking_unit);
    }
    if (f.undertaking_units) {
        where += f.undertaking_units->empty()
                     ? " AND 1 = 0"
                     : " AND p.undertaking_unit_id IN (" +
                           db::bind_values(params, *f.undertaking_units) + ")";
    }
    if (f.event_id) {
        where += " AND p.event_id = " + db::bind_value(params, *f.event_id);
    }
    if (f.task_force_unit_id) {
        where += " AND p.task_force_unit_id = " + db::bind_value(params, *f.task_force_unit_id);
    }
    if (f.campaign_code) {
        where += " AND p.campaign_code = " + db::bind_value(params, *f.campaign_code);
    }
    if (f.min_stage) {
        where +=
            " AND p.stage IN (SELECT s.code FROM stage s WHERE s.position >= (SELECT m.position "
            "FROM stage m WHERE m.code = " +
            db::bind_value(params, *f.min_stage) + "))";
    }
    if (f.entered_stage) {
        where += " AND " + first_entry_condition(f, params);
    }
    if (f.signed_large) {
        where += " AND p.signed_large = " + db::bind_value(params, db::flag(*f.signed_large));
    }
    if (f.campaign) {
        where += " AND p.campaign = " + db::bind_value(params, db::flag(*f.campaign));
    }
    if (!f.text.empty()) {
        const auto like = db::bind_value(params, "%" + f.text + "%");
        // A confidential project is found by its code name only.
        where += " AND ((p.confidential = 0 AND (LOWER(p.name) LIKE LOWER(" + like +
                 ") OR LOWER(p.company) LIKE LOWER(" + like +
                 "))) OR LOWER(p.code_name) LIKE LOWER(" + like + "))";
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
    return stage_dates_of({project_id})[project_id];
}

std::map<std::int64_t, std::vector<stage_date_row>> project_store::stage_dates_of(
    const std::vector<std::int64_t>& project_ids) {
    std::map<std::int64_t, std::vector<stage_date_row>> out;
    if (project_ids.empty()) {
        return out;
    }
    std::vector<db::param> params;
    const auto list = db::bind_values(params, project_ids);
    const auto res = conn_.query(
        "SELECT h.project_id, h.stage, h.planned_on, h.actual_on, h.first_planned_on FROM "
        "stage_history h JOIN stage s ON s.code = h.stage WHERE h.project_id IN (" +
            list + ") ORDER BY h.project_id, s.position",
        params);
    for (std::size_t r = 0; r < res.size(); ++r) {
        out[res.integer(r, 0)].push_back({res.text(r, 1), res.optional_text(r, 2),
                                          res.optional_text(r, 3), res.optional_text(r, 4)});
    }
    return out;
}

void project_store::upsert_stage_date(std::int64_t project_id, const stage_date_row& row,
                                      const std::string& now) {
    conn_.query(
        "INSERT INTO stage_history (project_id, stage, planned_on, actual_on, updated_at, "
        "first_planned_on) VALUES ($1, $2, $3, $4, $5, $3) ON CONFLICT (project_id, stage) DO "
        "UPDATE SET planned_on = COALESCE(excluded.planned_on, stage_history.planned_on), "
        "actual_on = COALESCE(excluded.actual_on, stage_history.actual_on), updated_at = "
        "excluded.updated_at, first_planned_on = COALESCE(stage_history.first_planned_on, "
        "excluded.planned_on)",
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

void project_store::add_investor(std::int64_t project_id, std::int64_t user_id,
                                 std::int64_t created_by, const std::string& now) {
    conn_.query(
        "INSERT INTO project_investor (project_id, user_id, created_by, created_at) VALUES ($1, "
        "$2, $3, $4)",
        {project_id, user_id, created_by, now});
}

std::vector<source_row> project_store::sources_of(std::int64_t project_id) {
    const auto res = conn_.query(
        "SELECT source, source_id, registered_at FROM project_source WHERE project_id = $1 ORDER "
        "BY registered_at, id",
        {project_id});
    std::vector<source_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.text(r, 0), res.optional_integer(r, 1), res.text(r, 2)});
    }
    return out;
}

std::vector<duplicate_candidate> project_store::duplicate_candidates(
    const std::optional<std::string>& credit_code, int limit) {
    std::vector<duplicate_candidate> out;
    const auto add = [&](const char* type, const db::result& res) {
        for (std::size_t r = 0; r < res.size(); ++r) {
            out.push_back({type, res.integer(r, 0), res.text(r, 1), res.text(r, 2),
                           res.optional_text(r, 3), res.text(r, 4)});
        }
    };
    add("intent",
        conn_.query("SELECT id, title, company, credit_code, title FROM intent WHERE id IN "
                    "(SELECT id FROM intent ORDER BY id DESC LIMIT $1) OR "
                    "credit_code = $2 ORDER BY id",
                    {std::int64_t(limit), db::nullable(credit_code)}));
    add("project",
        conn_.query("SELECT id, name, company, credit_code, CASE WHEN confidential = 1 THEN "
                    "COALESCE(code_name, '***') ELSE name END FROM project WHERE merged_into IS "
                    "NULL ORDER BY id"));
    // A meeting names the company it met, not a project.
    add("meeting",
        conn_.query("SELECT id, '', company, NULL, company FROM meeting WHERE id IN (SELECT id "
                    "FROM meeting ORDER BY id DESC LIMIT $1) ORDER BY id",
                    {std::int64_t(limit)}));
    return out;
}

void project_store::merge_into(std::int64_t from, std::int64_t into, const std::string& now) {
    for (const char* table : {"project_update", "fund_arrival", "project_event", "project_source",
                              "project_contact", "project_attachment"}) {
        conn_.query(std::string("UPDATE ") + table + " SET project_id = $2 WHERE project_id = $1",
                    {from, into});
    }
    // Rows keyed by stage, procedure or person move when the survivor has none of its own.
    const std::pair<const char*, const char*> keyed[] = {{"stage_history", "stage"},
                                                         {"project_procedure", "procedure_code"},
                                                         {"project_investor", "user_id"}};
    for (const auto& [table, key] : keyed) {
        const std::string t(table);
        const std::string k(key);
        conn_.query("UPDATE " + t + " SET project_id = $2 WHERE project_id = $1 AND " + k +
                        " NOT IN (SELECT x." + k + " FROM " + t + " x WHERE x.project_id = $2)",
                    {from, into});
        conn_.query("DELETE FROM " + t + " WHERE project_id = $1", {from});
    }
    conn_.query("DELETE FROM project_unit WHERE project_id = $1", {from});
    // The survivor takes the merged project's intent when it has none, so the investor follows.
    conn_.query(
        "UPDATE project SET intent_id = (SELECT f.intent_id FROM project f WHERE f.id = $1) WHERE "
        "id = $2 AND intent_id IS NULL",
        {from, into});
    conn_.query(
        "UPDATE project SET last_update_at = (SELECT MAX(x.last_update_at) FROM project x WHERE "
        "x.id IN ($1, $2)), updated_at = $3 WHERE id = $2",
        {from, into, now});
    conn_.query(
        "UPDATE project SET merged_into = $2, intent_id = CASE WHEN intent_id = (SELECT "
        "s.intent_id "
        "FROM project s WHERE s.id = $2) THEN NULL ELSE intent_id END, updated_at = $3 WHERE id = "
        "$1",
        {from, into, now});
}

std::vector<contact_row> project_store::contacts_of(std::int64_t project_id) {
    const auto res = conn_.query(
        "SELECT id, name, role, phone, email FROM project_contact WHERE project_id = $1 ORDER BY "
        "id",
        {project_id});
    std::vector<contact_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.integer(r, 0), res.text(r, 1), res.text(r, 2), res.optional_text(r, 3),
                       res.optional_text(r, 4)});
    }
    return out;
}

void project_store::replace_contacts(std::int64_t project_id,
                                     const std::vector<contact_row>& contacts,
                                     const std::string& now) {
    conn_.query("DELETE FROM project_contact WHERE project_id = $1", {project_id});
    for (const auto& c : contacts) {
        conn_.query(
            "INSERT INTO project_contact (project_id, name, role, phone, email, created_at, "
            "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
            {project_id, c.name, c.role, db::nullable(c.phone), db::nullable(c.email), now});
    }
}

std::vector<procedure_row> project_store::procedures_of(std::int64_t project_id) {
    const auto res = conn_.query(
        "SELECT p.procedure_code, p.status, p.applied_on, p.approved_on FROM project_procedure p "
        "JOIN procedure_type t ON t.code = p.procedure_code WHERE p.project_id = $1 ORDER BY "
        "t.position",
        {project_id});
    std::vector<procedure_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(
            {res.text(r, 0), res.text(r, 1), res.optional_text(r, 2), res.optional_text(r, 3)});
    }
    return out;
}

void project_store::upsert_procedure(std::int64_t project_id, const procedure_row& row,
                                     const std::string& now) {
    conn_.query(
        "INSERT INTO project_procedure (project_id, procedure_code, status, applied_on, "
        "approved_on, updated_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (project_id, "
        "procedure_code) DO UPDATE SET status = excluded.status, applied_on = "
        "COALESCE(excluded.applied_on, project_procedure.applied_on), approved_on = "
        "COALESCE(excluded.approved_on, project_procedure.approved_on), updated_at = "
        "excluded.updated_at",
        {project_id, row.code, row.status, db::nullable(row.applied_on),
         db::nullable(row.approved_on), now});
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
