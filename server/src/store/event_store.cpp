#include "store/event_store.hpp"

namespace zhaoyin::store {

namespace {

constexpr std::string_view event_columns =
    "e.id, e.name, e.starts_on, e.ends_on, e.place, e.organiser, e.description, e.created_by, "
    "e.created_at, (SELECT u.name FROM user_account u WHERE u.id = e.created_by)";

event_row event_at(const db::result& res, std::size_t r) {
    return {res.integer(r, 0), res.text(r, 1),
            res.text(r, 2),    res.text(r, 3),
            res.text(r, 4),    res.text(r, 5),
            res.text(r, 6),    res.integer(r, 7),
            res.text(r, 8),    res.optional_text(r, 9).value_or("")};
}

}  // namespace

std::int64_t event_store::insert_event(const event_row& e) {
    return conn_
        .query(
            "INSERT INTO event (name, starts_on, ends_on, place, organiser, description, "
            "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            {e.name, e.starts_on, e.ends_on, e.place, e.organiser, e.description, e.created_by,
             e.created_at})
        .integer(0, 0);
}

std::optional<event_row> event_store::find_event(std::int64_t id) {
    const auto res =
        conn_.query("SELECT " + std::string(event_columns) + " FROM event e WHERE e.id = $1", {id});
    if (res.empty()) {
        return std::nullopt;
    }
    return event_at(res, 0);
}

std::pair<std::vector<event_row>, std::int64_t> event_store::list_events(const std::string& text,
                                                                         int offset, int limit) {
    std::vector<db::param> params;
    std::string where;
    if (!text.empty()) {
        const auto like = db::bind_value(params, "%" + text + "%");
        where = " WHERE LOWER(e.name) LIKE LOWER(" + like + ") OR LOWER(e.place) LIKE LOWER(" +
                like + ") OR LOWER(e.organiser) LIKE LOWER(" + like + ")";
    }
    const auto total = conn_.query("SELECT COUNT(*) FROM event e" + where, params).integer(0, 0);
    const auto limit_at = db::bind_value(params, std::int64_t(limit));
    const auto offset_at = db::bind_value(params, std::int64_t(offset));
    const auto res = conn_.query("SELECT " + std::string(event_columns) + " FROM event e" + where +
                                     " ORDER BY e.starts_on DESC, e.id DESC LIMIT " + limit_at +
                                     " OFFSET " + offset_at,
                                 params);
    std::vector<event_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(event_at(res, r));
    }
    return {out, total};
}

std::int64_t event_store::insert_signing(const event_signing_row& s) {
    return conn_
        .query(
            "INSERT INTO event_signing (event_id, project_id, signed_on, amount, currency, "
            "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            {s.event_id, s.project_id, s.signed_on, s.amount, s.currency, s.created_by,
             s.created_at})
        .integer(0, 0);
}

bool event_store::has_signing(std::int64_t event_id, std::int64_t project_id) {
    return !conn_
                .query("SELECT id FROM event_signing WHERE event_id = $1 AND project_id = $2",
                       {event_id, project_id})
                .empty();
}

std::vector<event_signing_row> event_store::signings_of(std::int64_t event_id) {
    const auto res = conn_.query(
        "SELECT s.id, s.event_id, s.project_id, s.signed_on, s.amount, s.currency, s.created_by, "
        "s.created_at, p.name FROM event_signing s JOIN project p ON p.id = s.project_id WHERE "
        "s.event_id = $1 ORDER BY s.signed_on, s.id",
        {event_id});
    std::vector<event_signing_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.integer(r, 0), res.integer(r, 1), res.integer(r, 2), res.text(r, 3),
                       res.text(r, 4), res.text(r, 5), res.integer(r, 6), res.text(r, 7),
                       res.text(r, 8)});
    }
    return out;
}

void event_store::link_project(std::int64_t project_id, std::int64_t event_id) {
    conn_.query("UPDATE project SET event_id = $2 WHERE id = $1 AND event_id IS NULL",
                {project_id, event_id});
}

std::vector<event_project_row> event_store::projects_of(std::int64_t event_id, bool everything,
                                                        const std::vector<std::int64_t>& units) {
    if (!everything && units.empty()) {
        return {};
    }
    std::vector<db::param> params;
    const auto event = db::bind_value(params, event_id);
    std::string where = " WHERE (p.event_id = " + event +
                        " OR EXISTS (SELECT 1 FROM event_signing s WHERE s.project_id = p.id AND "
                        "s.event_id = " +
                        event + "))";
    if (!everything) {
        const auto list = db::bind_values(params, units);
        where += " AND (p.undertaking_unit_id IN (" + list +
                 ") OR EXISTS (SELECT 1 FROM project_unit pu WHERE pu.project_id = p.id AND "
                 "pu.unit_id IN (" +
                 list + ")))";
    }
    const auto res = conn_.query(
        "SELECT p.id, p.name, p.stage, p.investment_total, p.currency, p.undertaking_unit_id, "
        "(SELECT MIN(s.signed_on) FROM event_signing s WHERE s.project_id = p.id AND s.event_id "
        "= " +
            event + ") FROM project p" + where + " ORDER BY p.id",
        params);
    std::vector<event_project_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.integer(r, 0), res.text(r, 1), res.text(r, 2), res.text(r, 3),
                       res.text(r, 4), res.integer(r, 5), res.optional_text(r, 6)});
    }
    return out;
}

std::vector<stage_reached_row> event_store::stages_reached(
    const std::vector<std::int64_t>& project_ids) {
    if (project_ids.empty()) {
        return {};
    }
    std::vector<db::param> params;
    // Bound before the call: the order of evaluating the call's arguments is unspecified.
    const auto list = db::bind_values(params, project_ids);
    const auto res = conn_.query(
        "SELECT project_id, stage, actual_on FROM stage_history WHERE actual_on IS NOT NULL AND "
        "project_id IN (" +
            list + ") ORDER BY project_id, actual_on",
        params);
    std::vector<stage_reached_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back({res.integer(r, 0), res.text(r, 1), res.text(r, 2)});
    }
    return out;
}

}  // namespace zhaoyin::store
