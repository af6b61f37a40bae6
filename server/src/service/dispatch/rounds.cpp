#include "service/dispatch/rounds.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/calendar/working_calendar.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::dispatch {

namespace {

std::string round_link(std::int64_t id) {
    return fmt::format("/console/rounds/{}", id);
}

// The end of the round's window: now while open, its close once closed.
std::string window_end(const store::round_row& round, time_point now) {
    return round.closed_at.value_or(format_utc(now));
}

store::round_row find_round(store::round_store& store, std::int64_t id) {
    auto round = store.find_round(id);
    if (!round) {
        throw api_error(error_code::not_found);
    }
    return *round;
}

// The caller's units, or nothing (meaning all) for the bureau and leaders.
std::vector<std::int64_t> units_seen(const identity::principal& who) {
    const auto scope = identity::list_scope_of(who);
    return scope.everything ? std::vector<std::int64_t>{} : scope.units;
}

round_view view_of(db::connection& conn, time_point now, const identity::principal& who,
                   const store::round_row& round) {
    const auto scope = identity::list_scope_of(who);
    if (!scope.everything && scope.units.empty()) {
        return {round, {}};
    }
    return {round, round_update_rates(conn, now, round, units_seen(who))};
}

}  // namespace

std::vector<unit_rate> round_update_rates(db::connection& conn, time_point now,
                                          const store::round_row& round,
                                          const std::vector<std::int64_t>& units) {
    const auto counts =
        store::round_store(conn).unit_counts(round.id, window_end(round, now), units);
    std::map<std::int64_t, const store::unit_row*> named;
    const auto all_units = store::reference_store(conn).list_units();
    for (const auto& u : all_units) {
        named[u.id] = &u;
    }
    std::vector<unit_rate> out;
    for (const auto& c : counts) {
        unit_rate rate;
        rate.unit_id = c.unit_id;
        if (const auto found = named.find(c.unit_id); found != named.end()) {
            rate.unit_name_zh = found->second->name_zh;
            rate.unit_name_en = found->second->name_en;
        }
        rate.undertaken = c.undertaken;
        rate.updated = c.updated;
        rate.rate_bp = c.undertaken == 0 ? 0 : c.updated * 10000 / c.undertaken;
        out.push_back(std::move(rate));
    }
    return out;
}

round_view open_round(db::database& db, const clock& now, const identity::principal& who,
                      const round_input& input, const identity::origin& from) {
    field_errors errors;
    if (input.name.empty()) {
        errors.add("name", {"field.required", {}});
    } else if (input.name.size() > 200) {
        errors.add("name", {"field.too_long", {{"max", "200"}}});
    }
    const auto closes = parse_rfc3339(input.closes_at);
    if (!closes) {
        errors.add("closes_at", {"field.must_be_rfc3339", {}});
    } else if (*closes <= now.now()) {
        errors.add("closes_at", {"field.invalid_value", {}});  // a round closes in the future
    }
    errors.throw_if_any();
    return db.transaction([&](db::connection& conn) {
        store::round_store store(conn);
        if (store.open_round()) {
            throw api_error(error_code::conflict, {"dispatch.round_already_open", {}});
        }
        store::round_row row;
        row.name = input.name;
        row.closes_at = format_utc(*closes);
        row.opened_by = who.user_id;
        row.id = store.insert_round(row, format_utc(now.now()));
        audit::record(conn, now, dispatch_actor(who, from),
                      {"dispatch.round.open", "dispatch_round", std::to_string(row.id), "success",
                       "closes " + row.closes_at});
        return view_of(conn, now.now(), who, find_round(store, row.id));
    });
}

std::pair<std::vector<store::round_row>, std::int64_t> list_rounds(db::database& db, int offset,
                                                                   int limit) {
    return db.read(
        [&](db::connection& conn) { return store::round_store(conn).list_rounds(offset, limit); });
}

round_view view_round(db::database& db, const clock& now, const identity::principal& who,
                      std::int64_t id) {
    return db.read([&](db::connection& conn) {
        store::round_store store(conn);
        return view_of(conn, now.now(), who, find_round(store, id));
    });
}

round_pending pending_in_round(db::database& db, const clock& now, const identity::principal& who,
                               std::int64_t id, std::optional<std::int64_t> unit) {
    return db.read([&](db::connection& conn) {
        store::round_store store(conn);
        round_pending out{find_round(store, id), {}};
        auto units = units_seen(who);
        const auto scope = identity::list_scope_of(who);
        if (!scope.everything && units.empty()) {
            return out;
        }
        if (unit) {
            // A chosen unit narrows the caller's scope; outside it there is nothing to see.
            if (!scope.everything && std::find(units.begin(), units.end(), *unit) == units.end()) {
                return out;
            }
            units = {*unit};
        }
        out.projects = store.pending_projects(id, window_end(out.round, now.now()), units);
        return out;
    });
}

round_view close_round(db::database& db, const clock& now, const identity::principal& who,
                       std::int64_t id, const identity::origin& from) {
    return db.transaction([&](db::connection& conn) {
        store::round_store store(conn);
        const auto round = find_round(store, id);
        if (round.state != "open") {
            throw api_error(error_code::conflict, {"dispatch.round_closed", {}});
        }
        store.close_round(id, format_utc(now.now()), who.user_id);
        audit::record(conn, now, dispatch_actor(who, from),
                      {"dispatch.round.close", "dispatch_round", std::to_string(id), "success",
                       "closed by hand"});
        return view_of(conn, now.now(), who, find_round(store, id));
    });
}

supervision_sweep sweep_rounds(db::connection& conn, const clock& now,
                               const supervision_rules& rules, bool apply) {
    supervision_sweep report;
    store::round_store store(conn);
    const auto round = store.open_round();
    if (!round) {
        return report;
    }
    const auto closes = parse_rfc3339(round->closes_at);
    if (!closes) {
        return report;
    }
    if (*closes <= now.now()) {
        ++report.overdue;
        if (apply) {
            // Frozen as of closes_at, however late the sweep came.
            store.close_round(round->id, round->closes_at, std::nullopt);
        }
        return report;
    }
    if (round->reminded_at) {
        return report;
    }
    const auto left = calendar::load_calendar(conn).working_time_between(now.now(), *closes);
    if (left.count() > rules.round_remind_before_minutes) {
        return report;
    }
    std::map<std::int64_t, std::int64_t> pending_per_unit;
    for (const auto& p : store.pending_projects(round->id, format_utc(now.now()), {})) {
        ++pending_per_unit[p.unit_id];
    }
    report.reminded += int(pending_per_unit.size());
    if (!apply) {
        // Counted as due even with nothing pending, so that the reminder is marked as done.
        report.reminded = std::max(report.reminded, 1);
        return report;
    }
    for (const auto& [unit, count] : pending_per_unit) {
        tell_unit(conn, now, unit,
                  {"round.reminder", round->name, round_link(round->id),
                   fmt::format("round:{}:reminder:{}", round->id, unit), false},
                  "round.reminder", round->id);
    }
    store.set_reminded(round->id, format_utc(now.now()));
    return report;
}

}  // namespace zhaoyin::service::dispatch
