#include "service/dispatch/project_investors.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/dispatch/projects.hpp"
#include "store/project_store.hpp"

namespace zhaoyin::service::dispatch {

provisioned_investor provision_investor(db::database& db, const clock& now,
                                        const identity::principal& who, std::int64_t project_id,
                                        const investor_input& input, const identity::origin& from) {
    return db.transaction([&](db::connection& conn) {
        store::project_store store(conn);
        const auto project = project_in_scope(store, who, project_id);
        if (!input.phone && !input.email) {
            throw api_error(error_code::validation_failed, {},
                            {{"phone", {"field.phone_or_email", {}}}});
        }
        identity::new_account account;
        // Investors sign in with their phone or e-mail; the login name only has to be unique.
        account.login_name =
            fmt::format("p{}-investor-{}", project_id, project.investor_users.size() + 1);
        account.name = input.name;
        account.roles = {"investor"};
        account.phone = input.phone;
        account.email = input.email;
        auto [user, password] = identity::create_account(conn, now, who, account, from);
        const auto stamp = format_utc(now.now());
        store.add_investor(project_id, user.id, who.user_id, stamp);
        add_event(store, project_id, stamp, "investor", who, "", user.name);
        audit::record(
            conn, now,
            {who.user_id, who.login, who.roles_text(), who.unit_id, from.ip, from.request_id},
            {"dispatch.project.investor", "project", std::to_string(project_id), "success",
             fmt::format("user {}", user.id)});
        return provisioned_investor{std::move(user), std::move(password)};
    });
}

}  // namespace zhaoyin::service::dispatch
