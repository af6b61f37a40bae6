#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "service/dashboard/modules.hpp"
#include "service/dashboard/period.hpp"
#include "service/identity/accounts.hpp"
#include "service/identity/principal.hpp"
#include "service/ranking/ranking_json.hpp"
#include "service/ranking/scoring.hpp"
#include "store/ranking_store.hpp"

// Rankings of units (排名, 红黑榜, B07): a live ranking per period from the units' figures, and
// immutable published snapshots that keep their configuration and inputs.
namespace zhaoyin::service::ranking {

// A ranking period is a dashboard period (service/dashboard/period.hpp).
using dashboard::period;

// A saved configuration; version 0 is the city's shipped one, before any was saved.
struct config_version {
    int version = 0;
    ranking_config config;
    std::string note;
    std::optional<std::int64_t> created_by;
    std::string created_by_name;
    std::string created_at;
};

// Stores the city's shipped configuration (data/cities/<city>/ranking.json, leagues filled
// from each unit's `league`) as version 1 when the database has none. Called at start-up.
void seed_ranking_config(db::database& db, const clock& now, const std::string& city);
config_version current_config(db::connection& conn, const std::string& city);
// Checks `body` ({"config": {...}, "base_version": n, "note": "..."}), stores it as the next
// version and records it in the audit trail. 422 per field; 409 when `base_version` is stale.
config_version save_config(db::database& db, const clock& now, const identity::principal& who,
                           const boost::json::object& body, const identity::origin& from,
                           const std::string& city);

// Every ranked unit's figures in the period, read from per-period aggregates.
std::vector<unit_inputs> gather_inputs(db::connection& conn, const clock& now,
                                       const std::string& city, const ranking_config& config,
                                       const period& p);

// The live ranking of the period with the current configuration. The dashboard calls it.
ranking_result live_ranking(db::connection& conn, const clock& now, const std::string& city,
                            const period& p);
ranking_result live_ranking(db::database& db, const clock& now, const std::string& city,
                            const period& p);

struct snapshot {
    store::ranking_snapshot_row row;
    ranking_result result;
};

// Publishes the period's ranking as an immutable snapshot and tells each ranked unit's lead.
// A period already published is a conflict unless `supersede` (both are kept; the newer is
// current).
snapshot publish_ranking(db::database& db, const clock& now, const identity::principal& who,
                         const std::string& city, const period& p, bool supersede,
                         const identity::origin& from);
std::pair<std::vector<store::ranking_snapshot_row>, std::int64_t> list_snapshots(
    db::database& db, const std::optional<std::string>& period, int offset, int limit);
// Not found when there is no such snapshot.
snapshot find_snapshot(db::database& db, std::int64_t id);
// The current snapshot of the period, if it was published (for the dashboard).
std::optional<snapshot> current_snapshot(db::connection& conn, const std::string& period);

// What a caller may see of a ranking: everything (leaders, the bureau, auditors), or a unit's
// own league(s) with names and scores and the metric breakdown of its own units only.
results_view view_for(const identity::principal& who, bool english);

// The dashboard's ranking module (重点项目排名): the newest snapshot published for the chosen
// period or a period within it, and the chosen period's live ranking. The filters are checked as
// every module checks them; leaders, the bureau and auditors see every league, a unit's staff
// their own league with peers anonymised; a unit filter keeps that unit's league.
struct dashboard_ranking {
    period chosen;
    std::optional<snapshot> published;
    ranking_result live;
    results_view view;
};
dashboard_ranking dashboard_module(db::database& db, const dashboard::module_request& request);

struct recomputation {
    bool equal = false;
    ranking_result stored;
    ranking_result recomputed;
};

// Recomputes a snapshot from its stored configuration and inputs.
recomputation recompute_snapshot(db::database& db, std::int64_t id);

struct unit_change {
    std::int64_t unit_id = 0;
    std::string name_zh;
    std::string name_en;
    std::string league;
    std::optional<int> rank;
    std::optional<std::int64_t> score;
    std::optional<int> previous_rank;
    std::optional<std::int64_t> previous_score;
};

// Per unit, its rank and score in `id` and in `other` (units of either).
std::vector<unit_change> compare_snapshots(const ranking_result& current,
                                           const ranking_result& previous);

}  // namespace zhaoyin::service::ranking
