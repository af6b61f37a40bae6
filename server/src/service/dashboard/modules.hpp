#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "db/database.hpp"
#include "service/dashboard/period.hpp"
#include "service/identity/principal.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::dashboard {

// The filters every module takes (docs/api.md, "Dashboards"); bad values are refused with 422
// naming the field, a unit outside a unit caller's scope with 404.
struct dashboard_query {
    std::optional<std::string> period;  // 2026, 2026-Q4, 2026-11; the current year by default
    std::optional<std::int64_t> unit_id;
    std::optional<std::string> industry;  // a chain code (or a GB/T 4754 section)
    std::optional<std::string> source;    // meeting_outbound, meeting_reception, event, other
};

// Everything a module needs to know about the request.
struct module_request {
    const clock& now;
    const identity::principal& who;
    dashboard_query query;
    std::string city;
    language lang = language::zh_cn;
};

// A request's filters as every module checks them: 422 naming each malformed field, 404 for a
// unit outside a unit caller's scope. Industry and source are checked here even where a module
// (the ranking of units) has nothing they apply to.
struct checked_filters {
    period months;
    std::optional<std::int64_t> unit;
    bool everything = false;        // leaders, the bureau, auditors
    std::vector<std::int64_t> own;  // a unit caller's units
    std::vector<store::unit_row> units;
};
checked_filters check_filters(db::connection& conn, const module_request& request);

// The label of a peer shown to a unit's staff in place of its name: its place among the units
// of its type, the same in every module and between requests.
std::string peer_label(const std::vector<store::unit_row>& units, const store::unit_row& peer,
                       language lang);

// Five of the six modules as JSON documents of the contract (the ranking is the ranking
// service's, service/ranking/rankings.hpp). Every figure that counts projects carries
// `drill`, the query of GET /api/v1/projects whose total equals it for the same caller. A unit's
// staff see their own units by name and other units anonymised (no name, no id, no drill).
boost::json::object overview(db::database& db, const module_request& request);
boost::json::object sources(db::database& db, const module_request& request);
boost::json::object undertaking(db::database& db, const module_request& request);
boost::json::object stages(db::database& db, const module_request& request);
boost::json::object industries(db::database& db, const module_request& request);

}  // namespace zhaoyin::service::dashboard
