#include "service/ranking/rankings.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/decimal.hpp"
#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/dashboard/aggregates.hpp"
#include "service/dispatch/meetings.hpp"
#include "service/dispatch/rounds.hpp"
#include "service/dispatch/supervision.hpp"
#include "service/intake/board.hpp"
#include "store/reference_store.hpp"
#include "store/round_store.hpp"

namespace zhaoyin::service::ranking {

namespace json = boost::json;

namespace {

// The unit types ranked: each such unit belongs to exactly one league.
const std::set<std::string>& ranked_types() {
    static const std::set<std::string> types{"district", "zone", "department", "task_force"};
    return types;
}

std::map<std::int64_t, std::string> ranked_units(db::connection& conn) {
    std::map<std::int64_t, std::string> out;
    for (const auto& u : store::reference_store(conn).list_units()) {
        if (ranked_types().contains(u.type)) {
            out[u.id] = u.name_zh;
        }
    }
    return out;
}

// The shipped configuration with each league's units from the units' `league`.
ranking_config shipped_config(db::connection& conn, const std::string& city) {
    auto file = json::parse(embedded_data_file("cities/" + city + "/ranking.json")).as_object();
    std::map<std::string, json::array> members;
    for (const auto& u : store::reference_store(conn).list_units()) {
        if (ranked_types().contains(u.type) && u.league) {
            members[*u.league].push_back(u.id);
        }
    }
    for (auto& league : file.at("leagues").as_array()) {
        auto& obj = league.as_object();
        obj["units"] = members[std::string(obj.at("code").as_string())];
    }
    field_errors errors;
    auto config = config_from_json(file, ranked_units(conn), errors);
    errors.throw_if_any();  // shipped data that does not pass is a bug in the data
    return config;
}

ranking_config stored_config(db::connection& conn, const std::string& body, int version) {
    field_errors ignored;  // checked when saved; units removed since simply drop out
    auto config = config_from_json(json::parse(body), ranked_units(conn), ignored);
    config.version = version;
    return config;
}

audit::actor actor_of(const identity::principal& who, const identity::origin& from) {
    return {who.user_id, who.login, who.roles_text(), who.unit_id, from.ip, from.request_id};
}

// Every figure a metric reads, so that a snapshot's inputs show zeros explicitly.
std::map<std::string, std::int64_t> zero_figures() {
    std::map<std::string, std::int64_t> out;
    for (const auto& m : metric_catalogue()) {
        out[std::string(m.numerator)] = 0;
        if (!m.denominator.empty()) {
            out[std::string(m.denominator)] = 0;
        }
    }
    return out;
}

snapshot snapshot_of(const store::ranking_snapshot_row& row) {
    return {row, results_from_json(json::parse(row.results))};
}

}  // namespace

void seed_ranking_config(db::database& db, const clock& now, const std::string& city) {
    db.transaction([&](db::connection& conn) {
        store::ranking_store store(conn);
        if (store.latest_config()) {
            return;
        }
        auto config = shipped_config(conn, city);
        store.insert_config({1, json::serialize(config_json(config)), "shipped", std::nullopt, "",
                             format_utc(now.now())});
    });
}

config_version current_config(db::connection& conn, const std::string& city) {
    const auto latest = store::ranking_store(conn).latest_config();
    if (!latest) {
        return {0, shipped_config(conn, city), "shipped", std::nullopt, "", ""};
    }
    return {latest->version,
            stored_config(conn, latest->body, latest->version),
            latest->note,
            latest->created_by,
            latest->created_by_name,
            latest->created_at};
}

config_version save_config(db::database& db, const clock& now, const identity::principal& who,
                           const json::object& body, const identity::origin& from,
                           const std::string& city) {
    return db.transaction([&](db::connection& conn) {
        field_errors errors;
        auto config = config_from_json(body, ranked_units(conn), errors);
        std::string note;
        if (const auto* n = body.if_contains("note"); n != nullptr) {
            if (!n->is_string() || n->as_string().size() > 500) {
                errors.add("note", {"field.too_long", {{"max", "500"}}});
            } else {
                note = std::string(n->as_string());
            }
        }
        const auto* base = body.if_contains("base_version");
        if (base != nullptr && !base->is_int64()) {
            errors.add("base_version", {"field.must_be_integer", {}});
        }
        errors.throw_if_any();
        store::ranking_store store(conn);
        const auto latest = store.latest_config();
        const int current = latest ? latest->version : 0;
        if (base != nullptr && base->as_int64() != current) {
            throw api_error(error_code::conflict, {"ranking.config_changed", {}});
        }
        config.version = current + 1;
        const auto stamp = format_utc(now.now());
        store.insert_config(
            {config.version, json::serialize(config_json(config)), note, who.user_id, "", stamp});
        audit::record(conn, now, actor_of(who, from),
                      {"ranking.config.update", "ranking_config", std::to_string(config.version),
                       "success", note});
        return current_config(conn, city);
    });
}

std::vector<unit_inputs> gather_inputs(db::connection& conn, const clock& now,
                                       const std::string& city, const ranking_config& config,
                                       const period& p) {
    std::set<std::int64_t> ranked;
    for (const auto& league : config.leagues) {
        ranked.insert(league.units.begin(), league.units.end());
    }
    std::map<std::int64_t, unit_inputs> by_unit;
    for (const auto& u : store::reference_store(conn).list_units()) {
        if (ranked.contains(u.id)) {
            by_unit[u.id] = {u.id, u.name_zh, u.name_en, zero_figures()};
        }
    }
    // Adds to a unit's figure; units outside the leagues are not ranked.
    const auto add = [&by_unit](std::int64_t unit, const std::string& figure, std::int64_t value) {
        if (const auto found = by_unit.find(unit); found != by_unit.end()) {
            found->second.figures[figure] += value;
        }
    };
    store::ranking_store store(conn);
    for (const auto& [unit, count] :
         dashboard::projects_registered(conn, p.first_month, p.last_month)) {
        add(unit, "projects_handled", count);
    }
    for (const auto& entry : dashboard::stage_entries(conn, p.first_day, p.last_day)) {
        if (entry.stage == "signed" || entry.stage == "registered" || entry.stage == "started") {
            add(entry.unit_id, entry.stage + "_projects", entry.projects);
            add(entry.unit_id, entry.stage + "_cny", hundredths(entry.investment_cny));
            add(entry.unit_id, entry.stage + "_usd", hundredths(entry.investment_usd));
        }
    }
    for (const auto& row : dispatch::meeting_fill_rates(conn, p.first_day, p.last_day, {})) {
        add(row.unit_id, "meetings_pushed", row.pushed);
        add(row.unit_id, "meetings_on_time", row.reported_on_time);
    }
    store::round_store rounds(conn);
    for (const auto id : store.rounds_opened(p.from_utc, p.before_utc)) {
        for (const auto& rate :
             dispatch::round_update_rates(conn, now.now(), *rounds.find_round(id))) {
            add(rate.unit_id, "round_projects", rate.undertaken);
            add(rate.unit_id, "round_updated", rate.updated);
        }
    }
    for (const auto& d : intake::unit_docking_figures(conn, now, city, p.from_utc, p.before_utc)) {
        add(d.unit_id, "intents_received", d.received);
        add(d.unit_id, "intents_docked", d.docked);
        add(d.unit_id, "contacts_due", d.contacts_due);
        add(d.unit_id, "contacts_on_time", d.contacts_on_time);
    }
    for (const auto& t : dispatch::tickets_closed_on_time(conn, p.from_utc, p.before_utc)) {
        add(t.unit_id, "tickets_closed", t.closed);
        add(t.unit_id, "tickets_on_time", t.on_time);
    }
    std::vector<unit_inputs> out;
    for (auto& [id, unit] : by_unit) {
        out.push_back(std::move(unit));
    }
    return out;
}

ranking_result live_ranking(db::connection& conn, const clock& now, const std::string& city,
                            const period& p) {
    auto current = current_config(conn, city);
    current.config.version = current.version;
    return score(current.config, p.text, gather_inputs(conn, now, city, current.config, p));
}

ranking_result live_ranking(db::database& db, const clock& now, const std::string& city,
                            const period& p) {
    return db.read([&](db::connection& conn) { return live_ranking(conn, now, city, p); });
}

snapshot publish_ranking(db::database& db, const clock& now, const identity::principal& who,
                         const std::string& city, const period& p, bool supersede,
                         const identity::origin& from) {
    return db.transaction([&](db::connection& conn) {
        // Two publications of one period at once: the second waits and then sees the first.
        if (conn.kind() == db::engine::postgres) {
            conn.query("SELECT pg_advisory_xact_lock(hashtext('ranking.publish'))");
        }
        store::ranking_store store(conn);
        const auto earlier = store.current_snapshot(p.text);
        if (earlier && !supersede) {
            throw api_error(error_code::conflict, {"ranking.already_published", {}});
        }
        auto current = current_config(conn, city);
        current.config.version = current.version;
        const auto inputs = gather_inputs(conn, now, city, current.config, p);
        const auto result = score(current.config, p.text, inputs);
        store::ranking_snapshot_row row;
        row.period = p.text;
        row.config_version = current.version;
        row.config = json::serialize(config_json(current.config));
        row.inputs = json::serialize(inputs_json(inputs));
        row.results = json::serialize(results_json(result));
        row.supersedes_id = earlier ? std::optional(earlier->id) : std::nullopt;
        row.published_by = who.user_id;
        row.published_at = format_utc(now.now());
        const auto id = store.insert_snapshot(row);
        audit::record(conn, now, actor_of(who, from),
                      {"ranking.publish", "ranking_snapshot", std::to_string(id), "success",
                       fmt::format("period {} config v{}", p.text, current.version)});
        for (const auto& league : result.leagues) {
            for (const auto& unit : league.units) {
                dispatch::tell_unit(
                    conn, now, unit.unit_id,
                    {"ranking.published", p.text, fmt::format("/console/rankings/{}", id),
                     fmt::format("ranking:{}:unit:{}", id, unit.unit_id), false},
                    "ranking.published", id, true);
            }
        }
        return snapshot_of(*store.find_snapshot(id));
    });
}

std::pair<std::vector<store::ranking_snapshot_row>, std::int64_t> list_snapshots(
    db::database& db, const std::optional<std::string>& period, int offset, int limit) {
    return db.read([&](db::connection& conn) {
        return store::ranking_store(conn).list_snapshots(period, offset, limit);
    });
}

snapshot find_snapshot(db::database& db, std::int64_t id) {
    const auto row =
        db.read([&](db::connection& conn) { return store::ranking_store(conn).find_snapshot(id); });
    if (!row) {
        throw api_error(error_code::not_found);
    }
    return snapshot_of(*row);
}

std::optional<snapshot> current_snapshot(db::connection& conn, const std::string& period) {
    const auto row = store::ranking_store(conn).current_snapshot(period);
    return row ? std::optional(snapshot_of(*row)) : std::nullopt;
}

results_view view_for(const identity::principal& who, bool english) {
    results_view view;
    view.stored = false;
    view.english = english;
    if (who.has("ranking:live:read")) {
        return view;  // leaders, the bureau and auditors see every unit
    }
    const auto scope = identity::list_scope_of(who);
    const std::set<std::int64_t> own(scope.units.begin(), scope.units.end());
    view.shows_league = [own](const league_result& league) {
        for (const auto& unit : league.units) {
            if (own.contains(unit.unit_id)) {
                return true;
            }
        }
        return false;
    };
    view.shows_breakdown = [own](std::int64_t unit_id) { return own.contains(unit_id); };
    return view;
}

namespace {

bool league_has(const league_result& league, const std::set<std::int64_t>& units) {
    return std::any_of(league.units.begin(), league.units.end(),
                       [&units](const unit_result& u) { return units.contains(u.unit_id); });
}

// What the dashboard shows of a ranking to the caller whose filters were checked.
results_view dashboard_view(const dashboard::checked_filters& checked, language lang) {
    results_view view;
    view.stored = false;
    view.english = lang == language::en;
    std::set<std::int64_t> kept;
    if (checked.unit) {
        kept = {*checked.unit};
    } else if (!checked.everything) {
        kept.insert(checked.own.begin(), checked.own.end());
    }
    if (checked.unit || !checked.everything) {
        view.shows_league = [kept](const league_result& league) {
            return league_has(league, kept);
        };
    }
    if (checked.everything) {
        return view;
    }
    const std::set<std::int64_t> own(checked.own.begin(), checked.own.end());
    std::map<std::int64_t, std::string> labels;
    for (const auto& u : checked.units) {
        if (!own.contains(u.id)) {
            labels[u.id] = dashboard::peer_label(checked.units, u, lang);
        }
    }
    view.anonymous_label = [labels = std::move(labels)](std::int64_t unit_id) {
        const auto found = labels.find(unit_id);
        return found == labels.end() ? std::string() : found->second;
    };
    return view;
}

}  // namespace

dashboard_ranking dashboard_module(db::database& db, const dashboard::module_request& request) {
    return db.read([&](db::connection& conn) {
        const auto checked = dashboard::check_filters(conn, request);
        const auto latest =
            store::ranking_store(conn).latest_snapshot(dashboard::periods_within(checked.months));
        return dashboard_ranking{checked.months,
                                 latest ? std::optional(snapshot_of(*latest)) : std::nullopt,
                                 live_ranking(conn, request.now, request.city, checked.months),
                                 dashboard_view(checked, request.lang)};
    });
}

recomputation recompute_snapshot(db::database& db, std::int64_t id) {
    return db.read([&](db::connection& conn) {
        const auto row = store::ranking_store(conn).find_snapshot(id);
        if (!row) {
            throw api_error(error_code::not_found);
        }
        const auto config = stored_config(conn, row->config, row->config_version);
        const auto recomputed =
            score(config, row->period, inputs_from_json(json::parse(row->inputs)));
        return recomputation{json::serialize(results_json(recomputed)) == row->results,
                             results_from_json(json::parse(row->results)), recomputed};
    });
}

std::vector<unit_change> compare_snapshots(const ranking_result& current,
                                           const ranking_result& previous) {
    std::map<std::int64_t, unit_change> by_unit;
    std::vector<std::int64_t> order;
    const auto entry = [&](const league_result& league, const unit_result& unit) -> unit_change& {
        auto [at, fresh] = by_unit.try_emplace(unit.unit_id);
        if (fresh) {
            at->second = {unit.unit_id, unit.name_zh, unit.name_en, league.code, {}, {}, {}, {}};
            order.push_back(unit.unit_id);
        }
        return at->second;
    };
    for (const auto& league : current.leagues) {
        for (const auto& unit : league.units) {
            auto& change = entry(league, unit);
            change.rank = unit.rank;
            change.score = unit.score;
        }
    }
    for (const auto& league : previous.leagues) {
        for (const auto& unit : league.units) {
            auto& change = entry(league, unit);
            change.previous_rank = unit.rank;
            change.previous_score = unit.score;
        }
    }
    std::vector<unit_change> out;
    for (const auto id : order) {
        out.push_back(by_unit[id]);
    }
    return out;
}

}  // namespace zhaoyin::service::ranking
