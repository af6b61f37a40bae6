#include "service/intake/board.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/error.hpp"
#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/calendar/working_calendar.hpp"
#include "service/intake/routing_rules.hpp"
#include "store/intake_store.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::intake {

namespace {

std::optional<std::int64_t> median(std::vector<std::int64_t> values) {
    if (values.empty()) {
        return std::nullopt;
    }
    std::sort(values.begin(), values.end());
    const auto mid = values.size() / 2;
    return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

void finish(board_figures& f, const std::vector<std::int64_t>& first_contacts) {
    if (f.received > 0) {
        f.docking_rate = double(f.docked) / double(f.received);
    }
    f.median_first_contact = median(first_contacts);
}

// The intent behind a duty when the duty counts for its unit: not excused, the intent not
// withdrawn, and once per unit and intent (`counted` remembers). Null otherwise.
const store::board_intent* counted_intent(
    const store::board_duty& d, const std::map<std::int64_t, store::board_intent>& intents,
    std::map<std::int64_t, std::set<std::int64_t>>& counted) {
    const auto found = intents.find(d.intent_id);
    if (d.excused || found == intents.end() || found->second.status == "withdrawn" ||
        !counted[d.unit_id].insert(d.intent_id).second) {
        return nullptr;
    }
    return &found->second;
}

// Received, acknowledged apart from docked, and landed: what a counted duty adds to its unit.
void tally(board_figures& f, const store::board_duty& d, const store::board_intent& i,
           const std::set<std::string>& landed_stages) {
    ++f.received;
    if (d.role == "primary" || d.role == "collaborator") {
        ++f.acknowledged;
    }
    if (i.primary_unit_id == d.unit_id && i.status == "docked") {
        ++f.docked;
        f.landed += i.stage && landed_stages.contains(*i.stage) ? 1 : 0;
    }
}

std::set<std::string> landed_stage_codes(store::reference_store& reference) {
    std::set<std::string> out;
    for (const auto& stage : reference.list_stages()) {
        if (stage.landed) {
            out.insert(stage.code);
        }
    }
    return out;
}

void audit_step(db::connection& conn, const clock& now, const identity::principal& who,
                const identity::origin& from, const std::string& action, std::int64_t id,
                const std::string& detail) {
    audit::record(conn, now,
                  {who.user_id, who.login, who.roles_text(), who.unit_id, from.ip, from.request_id},
                  {action, "board_contest", std::to_string(id), "success", detail});
}

}  // namespace

board public_board(db::database& db, const clock& now, const std::string& city) {
    return db.read([&](db::connection& conn) {
        const auto rules = active_routing_rules(conn, city);
        store::board_store store(conn);
        store::reference_store reference(conn);
        const auto calendar = calendar::load_calendar(conn);
        const auto landed_stages = landed_stage_codes(reference);
        const auto working_minutes = [&](const std::string& from, const std::string& to) {
            const auto a = parse_rfc3339(from);
            const auto b = parse_rfc3339(to);
            return a && b ? calendar.working_time_between(*a, *b).count() : 0;
        };

        board out;
        out.min_sample = rules.board_min_sample;
        std::map<std::int64_t, store::board_intent> intents;
        std::vector<std::int64_t> city_contacts;
        for (const auto& i : store.intents()) {
            intents[i.id] = i;
            if (i.status == "withdrawn") {
                continue;
            }
            ++out.totals.received;
            if (i.status == "docked") {
                ++out.totals.docked;
                out.totals.landed += i.stage && landed_stages.contains(*i.stage) ? 1 : 0;
            }
            if (i.first_contact_at) {
                city_contacts.push_back(working_minutes(i.created_at, *i.first_contact_at));
            }
        }
        finish(out.totals, city_contacts);

        std::map<std::int64_t, board_figures> per_unit;
        std::map<std::int64_t, std::set<std::int64_t>> counted;  // unit → intents
        std::map<std::int64_t, std::vector<std::int64_t>> contacts;
        std::map<std::int64_t, board_overdue> overdue;
        const auto now_text = format_utc(now.now());
        for (const auto& d : store.duties()) {
            const auto* found = counted_intent(d, intents, counted);
            if (found == nullptr) {
                continue;
            }
            const auto& i = *found;
            tally(per_unit[d.unit_id], d, i, landed_stages);
            if (i.primary_unit_id == d.unit_id && i.first_contact_at) {
                contacts[d.unit_id].push_back(working_minutes(i.created_at, *i.first_contact_at));
            }
            const bool contested = d.contest_status == "pending" || d.contest_status == "accepted";
            if (d.active && !d.met && !d.paused && d.overdue_since && !contested &&
                (d.contest_status == "rejected" || working_minutes(*d.overdue_since, now_text) >=
                                                       rules.board_contest_window_minutes)) {
                auto& o = overdue[d.unit_id];
                ++o.count;
                if (o.oldest_due_at.empty() || d.due_at.value_or("") < o.oldest_due_at) {
                    o.oldest_due_at = d.due_at.value_or("");
                }
            }
        }
        for (const auto& unit : reference.list_units()) {
            const auto f = per_unit.find(unit.id);
            if (f == per_unit.end() || f->second.received < rules.board_min_sample) {
                continue;
            }
            finish(f->second, contacts[unit.id]);
            out.units.push_back({unit.id, unit.name_zh, unit.name_en, f->second});
            if (const auto o = overdue.find(unit.id); o != overdue.end()) {
                o->second.unit_id = unit.id;
                o->second.name_zh = unit.name_zh;
                o->second.name_en = unit.name_en;
                out.overdue.push_back(o->second);
            }
        }
        std::stable_sort(out.units.begin(), out.units.end(), [](const auto& a, const auto& b) {
            return a.figures.docking_rate.value_or(0) > b.figures.docking_rate.value_or(0);
        });
        std::stable_sort(out.overdue.begin(), out.overdue.end(),
                         [](const auto& a, const auto& b) { return a.count > b.count; });
        return out;
    });
}

std::vector<unit_docking> unit_docking_figures(db::connection& conn, const clock& now,
                                               const std::string& city, const std::string& from,
                                               const std::string& to) {
    const auto rules = active_routing_rules(conn, city);
    store::board_store store(conn);
    store::reference_store reference(conn);
    const auto calendar = calendar::load_calendar(conn);
    const auto landed_stages = landed_stage_codes(reference);
    const store::submitted_between submitted{{from, to}};
    std::map<std::int64_t, store::board_intent> intents;
    for (const auto& i : store.intents(submitted)) {
        intents[i.id] = i;
    }
    std::map<std::int64_t, std::set<std::int64_t>> counted;
    std::map<std::int64_t, board_figures> per_unit;
    std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> contacts;  // due, on time
    const auto limit = std::chrono::minutes(rules.first_contact_minutes);
    for (const auto& d : store.duties(submitted)) {
        const auto* i = counted_intent(d, intents, counted);
        if (i == nullptr) {
            continue;
        }
        tally(per_unit[d.unit_id], d, *i, landed_stages);
        const auto claimed = i->claimed_at ? parse_rfc3339(*i->claimed_at) : std::nullopt;
        if (i->primary_unit_id != d.unit_id || !claimed) {
            continue;
        }
        // The first contact is due `first_contact` working minutes after the claim; one not
        // made yet counts once its time is up.
        const auto contacted =
            i->first_contact_at ? parse_rfc3339(*i->first_contact_at) : std::nullopt;
        const auto taken = calendar.working_time_between(*claimed, contacted.value_or(now.now()));
        if (contacted || taken > limit) {
            auto& [due, on_time] = contacts[d.unit_id];
            ++due;
            on_time += contacted && taken <= limit ? 1 : 0;
        }
    }
    std::vector<unit_docking> rows;
    for (const auto& [id, f] : per_unit) {
        rows.push_back({id, f.received, f.docked, contacts[id].first, contacts[id].second});
    }
    return rows;
}

store::contest_row contest_listing(db::database& db, const clock& now,
                                   const identity::principal& who, std::int64_t assignment_id,
                                   const std::string& reason, const identity::origin& from) {
    return db.transaction([&](db::connection& conn) {
        const auto duty = store::intake_store(conn).find_assignment(assignment_id);
        if (!duty || duty->subject_type != "intent" ||
            !identity::in_scope(who, {std::nullopt, duty->unit_id, {}})) {
            throw api_error(error_code::not_found);
        }
        if (reason.empty()) {
            throw api_error(error_code::validation_failed, {},
                            {{"reason", {"field.required", {}}}});
        }
        store::board_store store(conn);
        for (const auto& d : store.duties()) {
            if (d.id == assignment_id &&
                (!d.overdue_since || d.contest_status == "pending" || d.excused)) {
                throw api_error(error_code::conflict, {"intake.nothing_to_contest", {}});
            }
        }
        store::contest_row row;
        row.assignment_id = assignment_id;
        row.unit_id = duty->unit_id;
        row.reason = reason;
        row.created_by = who.user_id;
        row.created_at = format_utc(now.now());
        const auto id = store.insert_contest(row);
        audit_step(conn, now, who, from, "intake.board.contest", id, "");
        return *store.find_contest(id);
    });
}

std::pair<std::vector<store::contest_row>, std::int64_t> list_contests(db::database& db,
                                                                       bool pending_only,
                                                                       int offset, int limit) {
    return db.read([&](db::connection& conn) {
        return store::board_store(conn).contests(pending_only, offset, limit);
    });
}

store::contest_row decide_contest(db::database& db, const clock& now,
                                  const identity::principal& who, std::int64_t contest_id,
                                  bool accept, const std::string& note,
                                  const identity::origin& from) {
    return db.transaction([&](db::connection& conn) {
        store::board_store store(conn);
        const auto contest = store.find_contest(contest_id);
        if (!contest) {
            throw api_error(error_code::not_found);
        }
        if (contest->status != "pending") {
            throw api_error(error_code::conflict, {"intake.contest_decided", {}});
        }
        const auto stamp = format_utc(now.now());
        store.decide_contest(contest_id, accept ? "accepted" : "rejected", who.user_id, note,
                             stamp);
        if (accept) {
            store::intake_store intake(conn);
            auto duty = *intake.find_assignment(contest->assignment_id);
            duty.excused = true;
            intake.update_assignment(duty, stamp);
        }
        audit_step(conn, now, who, from, "intake.board.decide", contest_id,
                   accept ? "accepted" : "rejected");
        return *store.find_contest(contest_id);
    });
}

}  // namespace zhaoyin::service::intake
