#include "service/dispatch/confidentiality.hpp"

#include "core/error.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/dispatch/projects.hpp"

namespace zhaoyin::service::dispatch {

bool cleared_for(const identity::principal& who, const store::project_row& project) {
    return who.has("dispatch:project:confidential") ||
           (who.unit_id && *who.unit_id == project.undertaking_unit_id);
}

void mask_confidential(store::project_row& project, bool cleared) {
    if (!project.confidential) {
        return;
    }
    if (!cleared) {
        project.name = project.code_name.value_or(masked_value);
    }
    project.company = masked_value;
    if (project.credit_code) {
        project.credit_code = masked_value;
    }
    project.investment_total = masked_value;
    if (project.notes) {
        project.notes = masked_value;
    }
}

void mask_funds(std::vector<store::fund_row>& funds) {
    for (auto& f : funds) {
        f.amount = masked_value;
    }
}

revealed_project reveal_project(db::database& db, const clock& now, const identity::principal& who,
                                std::int64_t id, const identity::origin& from) {
    return db.transaction([&](db::connection& conn) {
        store::project_store store(conn);
        auto project = project_in_scope(store, who, id);
        if (!cleared_for(who, project)) {
            throw api_error(error_code::forbidden, {"project.not_cleared", {}});
        }
        auto funds = store.funds_of(id);
        audit::record(
            conn, now,
            {who.user_id, who.login, who.roles_text(), who.unit_id, from.ip, from.request_id},
            {"dispatch.project.reveal", "project", std::to_string(id), "success",
             "company, credit_code, investment_total, funds, notes"});
        return revealed_project{std::move(project), std::move(funds)};
    });
}

}  // namespace zhaoyin::service::dispatch
