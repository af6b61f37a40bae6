#include "service/intake/staffing.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"

namespace zhaoyin::service::intake {

std::vector<store::staff_load_row> staff_load(db::database& db, const identity::principal& who,
                                              std::int64_t unit_id) {
    if (!identity::in_scope(who, {std::nullopt, unit_id, {}})) {
        throw api_error(error_code::not_found);
    }
    return db.read(
        [&](db::connection& conn) { return store::intake_store(conn).staff_load(unit_id); });
}

std::vector<store::staff_load_row> set_availability(db::database& db, const clock& now,
                                                    const identity::principal& who,
                                                    std::int64_t unit_id, std::int64_t user_id,
                                                    std::optional<bool> on_leave,
                                                    std::optional<std::int64_t> capacity,
                                                    const identity::origin& from) {
    if (!identity::in_scope(who, {std::nullopt, unit_id, {}})) {
        throw api_error(error_code::not_found);
    }
    field_errors errors;
    if (!on_leave) {
        errors.add("on_leave", {"field.required", {}});
    }
    if (!capacity) {
        errors.add("capacity", {"field.required", {}});
    } else if (*capacity < 0 || *capacity > 500) {
        errors.add("capacity", {"field.out_of_range", {{"min", "0"}, {"max", "500"}}});
    }
    errors.throw_if_any();
    return db.transaction([&](db::connection& conn) {
        store::intake_store store(conn);
        if (!store.set_availability(unit_id, user_id, *on_leave, int(*capacity),
                                    format_utc(now.now()))) {
            throw api_error(error_code::not_found);
        }
        audit::record(
            conn, now,
            {who.user_id, who.login, who.roles_text(), who.unit_id, from.ip, from.request_id},
            {"intake.staff.availability", "user", std::to_string(user_id), "success",
             fmt::format("on_leave={} capacity={}", *on_leave, *capacity)});
        return store.staff_load(unit_id);
    });
}

}  // namespace zhaoyin::service::intake
