#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "db/connection.hpp"
#include "service/identity/principal.hpp"
#include "store/project_store.hpp"

namespace zhaoyin::service::dispatch {

// The contacts and approval procedures of a key project.

struct contact_input {
    std::string name;
    std::string role;
    std::optional<std::string> phone;  // a mainland mobile number
    std::optional<std::string> email;
};

// A procedure change: its type (a procedure_type code, or its Chinese or English name), its
// status and, optionally, when it was applied for and decided.
struct procedure_input {
    std::string code;
    std::string status;  // not_started | in_progress | approved | rejected
    std::optional<std::string> applied_on;
    std::optional<std::string> approved_on;
};

// A record that may repeat a project, flagged to staff on its page.
struct possible_duplicate {
    std::string type;  // intent | project | meeting
    std::int64_t id = 0;
    std::string title;
    std::string why;  // credit_code | similar_names | similar_company
};

// Checks contacts, naming each bad item (`contacts[0].phone`).
std::vector<store::contact_row> check_contacts(const std::vector<contact_input>& given,
                                               field_errors& errors);

// Checks procedure changes against the reference procedure types, naming each bad item
// (`procedures[0].status`); dates are YYYY-MM-DD, not ahead of `today`, applied no later
// than decided.
std::vector<store::procedure_row> check_procedures(db::connection& conn,
                                                   const std::vector<procedure_input>& given,
                                                   const std::string& today, field_errors& errors);

// Writes procedure changes, each on the timeline as "procedure" with "code status".
void write_procedures(store::project_store& store, std::int64_t project,
                      const std::vector<store::procedure_row>& rows, const identity::principal& who,
                      const std::string& stamp);

// Contacts as an uncleared caller sees them on a confidential project: phone and e-mail masked.
void mask_contacts(std::vector<store::contact_row>& contacts);

}  // namespace zhaoyin::service::dispatch
