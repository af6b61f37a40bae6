#include "service/dispatch/project_record.hpp"

#include <set>

#include <fmt/format.h>

#include "core/decimal.hpp"
#include "core/masking.hpp"
#include "service/dispatch/projects.hpp"
#include "service/identity/accounts.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::dispatch {

std::vector<store::contact_row> check_contacts(const std::vector<contact_input>& given,
                                               field_errors& errors) {
    std::vector<store::contact_row> out;
    for (std::size_t i = 0; i < given.size(); ++i) {
        const auto prefix = fmt::format("contacts[{}].", i);
        const auto& c = given[i];
        if (c.name.empty()) {
            errors.add(prefix + "name", {"field.required", {}});
        } else if (c.name.size() > 100) {
            errors.add(prefix + "name", {"field.too_long", {{"max", "100"}}});
        }
        if (c.role.size() > 100) {
            errors.add(prefix + "role", {"field.too_long", {{"max", "100"}}});
        }
        if (c.phone && !identity::valid_phone(*c.phone)) {
            errors.add(prefix + "phone", {"field.invalid_phone", {}});
        }
        if (c.email && !identity::valid_email(*c.email)) {
            errors.add(prefix + "email", {"field.invalid_email", {}});
        }
        if (!c.phone && !c.email) {
            errors.add(prefix + "phone", {"field.phone_or_email", {}});
        }
        out.push_back({0, c.name, c.role, c.phone, c.email});
    }
    if (given.size() > 20) {
        errors.add("contacts", {"field.out_of_range", {{"min", "0"}, {"max", "20"}}});
    }
    return out;
}

std::vector<store::procedure_row> check_procedures(db::connection& conn,
                                                   const std::vector<procedure_input>& given,
                                                   const std::string& today, field_errors& errors) {
    static const std::set<std::string> statuses{"not_started", "in_progress", "approved",
                                                "rejected"};
    const auto types = store::reference_store(conn).list_procedure_types();
    std::vector<store::procedure_row> out;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < given.size(); ++i) {
        const auto prefix = fmt::format("procedures[{}].", i);
        const auto& p = given[i];
        std::string code;
        for (const auto& t : types) {
            if (p.code == t.code || p.code == t.name_zh || p.code == t.name_en) {
                code = t.code;
            }
        }
        if (code.empty() || !seen.insert(code).second) {
            errors.add(prefix + "code", {"field.invalid_value", {}});
        }
        if (!statuses.contains(p.status)) {
            errors.add(prefix + "status", {"field.invalid_value", {}});
        }
        for (const auto& [name, value] :
             {std::pair{"applied_on", p.applied_on}, {"approved_on", p.approved_on}}) {
            if (value && !is_date(*value)) {
                errors.add(prefix + name, {"field.must_be_date", {}});
            } else if (value && *value > today) {
                errors.add(prefix + name, {"field.invalid_value", {}});  // not yet happened
            }
        }
        // A decision date belongs to a decided procedure, and follows the application.
        if (p.approved_on && p.status != "approved" && p.status != "rejected") {
            errors.add(prefix + "approved_on", {"field.invalid_value", {}});
        } else if (p.applied_on && p.approved_on && *p.approved_on < *p.applied_on) {
            errors.add(prefix + "approved_on", {"field.invalid_value", {}});
        }
        out.push_back({code, p.status, p.applied_on, p.approved_on});
    }
    return out;
}

void write_procedures(store::project_store& store, std::int64_t project,
                      const std::vector<store::procedure_row>& rows, const identity::principal& who,
                      const std::string& stamp) {
    for (const auto& row : rows) {
        store.upsert_procedure(project, row, stamp);
        add_event(store, project, stamp, "procedure", who, "",
                  fmt::format("{} {}", row.code, row.status));
    }
}

void mask_contacts(std::vector<store::contact_row>& contacts) {
    for (auto& c : contacts) {
        if (c.phone) {
            c.phone = mask_phone(*c.phone);
        }
        if (c.email) {
            c.email = "***";
        }
    }
}

}  // namespace zhaoyin::service::dispatch
