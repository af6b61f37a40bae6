#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "service/identity/accounts.hpp"
#include "service/identity/principal.hpp"
#include "store/park_store.hpp"

// Parks (园区): where an investor can settle, each run by a development zone or a district. The
// portal lists them and a question asked on a park's page goes to the park's unit.
namespace zhaoyin::service::content {

struct park_query {
    std::string text;
    std::optional<std::string> district;  // a district's code
    std::optional<std::string> industry;  // a chain code
    // The console's list: archived parks too, and only the parks the caller edits. Only for
    // callers with content:park:write (403 otherwise).
    bool include_archived = false;
    int offset = 0;
    int limit = 20;
};

// A park as written: on creation every required field is given (unit_id defaults to the
// caller's unit); on an edit only what is present changes, and contact_phone "" clears it.
struct park_input {
    std::optional<std::string> code;
    std::optional<std::string> name;
    std::optional<std::string> name_en;
    std::optional<std::int64_t> unit_id;
    std::optional<std::string> lat;
    std::optional<std::string> lon;
    std::optional<std::string> area_ha;
    std::optional<std::string> available_land_ha;
    std::optional<std::string> contact_phone;
    std::optional<std::string> summary;
    std::optional<std::string> summary_en;
    std::optional<std::vector<std::string>> industries;
    std::vector<std::string> unknown_fields;  // refused with the other bad fields
};

// Anyone may read active parks (`who` is null for anonymous callers). An unknown district or
// industry is a 422 naming the parameter.
std::pair<std::vector<store::park_row>, std::int64_t> list_parks(db::database& db,
                                                                 const identity::principal* who,
                                                                 const park_query& query);

// A park as its page reads to the caller (`who` null for anonymous callers): not found when
// there is no such park, or it is archived and the caller does not edit it. Questions asked on a
// park's page read it so too.
store::park_row park_in_scope(db::connection& conn, const identity::principal* who,
                              std::int64_t id);
store::park_row view_park(db::database& db, const identity::principal* who, std::int64_t id);
store::park_row park_or_not_found(db::connection& conn, std::int64_t id);

// The one scope decision on writing a park: content:park:write and the park's unit in the
// caller's scope (the bureau: every park; a lead: their unit and the units below it).
bool edits_park(const identity::principal& who, const store::park_row& park);

// Each checks every field at once (422 naming each bad one, nothing written) and is audited in
// the same transaction with what changed. A park the caller does not edit is not found.
store::park_row create_park(db::database& db, const clock& now, const identity::principal& who,
                            const park_input& input, const identity::origin& from);
store::park_row edit_park(db::database& db, const clock& now, const identity::principal& who,
                          std::int64_t id, const park_input& changes, const identity::origin& from);
// Archived parks leave the portal; restoring brings them back. 409 when already so.
store::park_row archive_park(db::database& db, const clock& now, const identity::principal& who,
                             std::int64_t id, const identity::origin& from);
store::park_row restore_park(db::database& db, const clock& now, const identity::principal& who,
                             std::int64_t id, const identity::origin& from);

// With --demo, on a database without parks: the city's illustrative parks from
// data/cities/<city>/content/parks.json, their units and industries named by key and code.
// Returns how many were written (0 when there were parks already or the city has none).
int ensure_demo_parks(db::database& db, const clock& now, const std::string& city);

}  // namespace zhaoyin::service::content
