#include "service/dispatch/project_attachments.hpp"

#include "core/error.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/dispatch/projects.hpp"
#include "service/intake/attachments.hpp"

namespace zhaoyin::service::dispatch {

namespace {

// The project if the caller sees it through its units (or sees everything): files are the
// units' working papers, not the investor's.
store::project_row project_of_units(store::project_store& store, const identity::principal& who,
                                    std::int64_t id) {
    auto project = project_in_scope(store, who, id);
    if (!identity::in_scope(
            who, {std::nullopt, project.undertaking_unit_id, project.collaborating_units})) {
        throw api_error(error_code::not_found);
    }
    return project;
}

}  // namespace

store::attachment_store project_attachments(db::connection& conn) {
    return {conn, "project_attachment", "project_id"};
}

store::attachment_row attach_project_file(db::database& db, const clock& now,
                                          const identity::principal& who, std::int64_t project_id,
                                          const std::string& name, const std::string& bytes,
                                          const identity::origin& from) {
    return db.transaction([&](db::connection& conn) {
        store::project_store store(conn);
        project_of_units(store, who, project_id);
        auto files = project_attachments(conn);
        const auto row = intake::keep_file(files, now, who, project_id, name, bytes);
        add_event(store, project_id, row.created_at, "attached", who, name, row.content_type);
        audit::record(
            conn, now,
            {who.user_id, who.login, who.roles_text(), who.unit_id, from.ip, from.request_id},
            {"dispatch.project.attach", "project", std::to_string(project_id), "success",
             row.content_type});
        return row;
    });
}

std::pair<store::attachment_row, std::string> read_project_file(db::database& db,
                                                                const identity::principal& who,
                                                                std::int64_t project_id,
                                                                std::int64_t attachment_id) {
    return db.read([&](db::connection& conn) {
        store::project_store store(conn);
        project_of_units(store, who, project_id);
        auto files = project_attachments(conn);
        return intake::stored_file(files, project_id, attachment_id);
    });
}

}  // namespace zhaoyin::service::dispatch
