#include "service/dispatch/project_duplicates.hpp"
#include "service/dashboard/aggregates.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/time_format.hpp"
#include "search/document_index.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/intake/duplicates.hpp"

namespace zhaoyin::service::dispatch {

namespace {

// Intents compared with a project: the latest ones, as intake compares the last 90 days.
constexpr int recent_candidates = 500;

}  // namespace

std::vector<possible_duplicate> possible_duplicates(db::connection& conn,
                                                    const store::project_row& project) {
    std::vector<possible_duplicate> out;
    const intake::duplicate_key key{project.credit_code, project.company, project.name};
    for (const auto& c :
         store::project_store(conn).duplicate_candidates(project.credit_code, recent_candidates)) {
        const bool itself = (c.type == "project" && c.id == project.id) ||
                            (c.type == "intent" && project.intent_id == c.id) ||
                            (c.type == "meeting" && project.meeting_id == c.id);
        if (itself) {
            continue;
        }
        if (const auto why = intake::duplicate_reason(key, {c.credit_code, c.company, c.title})) {
            out.push_back({c.type, c.id, c.label, *why});
        }
    }
    return out;
}

project_view merge_projects(db::database& db, const clock& now, const identity::principal& who,
                            std::int64_t id, std::int64_t duplicate_id,
                            const identity::origin& from, const std::string& city) {
    const auto survivor_id = db.transaction([&](db::connection& conn) {
        store::project_store store(conn);
        const auto one = project_in_scope(store, who, id);
        std::optional<store::project_row> other;
        try {
            other = project_in_scope(store, who, duplicate_id);
        } catch (const api_error& e) {
            if (e.code() != error_code::not_found) {
                throw;
            }
        }
        if (one.merged_into) {
            throw api_error(error_code::not_found);
        }
        if (!other || other->id == one.id || other->merged_into) {
            throw api_error(error_code::validation_failed, {},
                            {{"duplicate_id", {"field.invalid_value", {}}}});
        }
        // The earliest registered project survives.
        const bool one_first =
            std::pair(one.created_at, one.id) < std::pair(other->created_at, other->id);
        const auto& survivor = one_first ? one : *other;
        const auto& merged = one_first ? *other : one;
        const auto stamp = format_utc(now.now());
        const auto before = dashboard::share_of(conn, {merged.id, survivor.id});
        store.merge_into(merged.id, survivor.id, stamp);
        dashboard::update_aggregates(conn, before, {merged.id, survivor.id});
        search::index_project(conn, merged.id);  // merged: leaves the index
        add_event(store, survivor.id, stamp, "merged", who, "", std::to_string(merged.id));
        audit::record(
            conn, now,
            {who.user_id, who.login, who.roles_text(), who.unit_id, from.ip, from.request_id},
            {"dispatch.project.merge", "project", std::to_string(survivor.id), "success",
             fmt::format("merged {}", merged.id)});
        return survivor.id;
    });
    return view_project(db, now, who, survivor_id, city);
}

}  // namespace zhaoyin::service::dispatch
