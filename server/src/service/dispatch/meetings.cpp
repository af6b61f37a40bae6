#include "service/dispatch/meetings.hpp"
#include "service/dashboard/aggregates.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/decimal.hpp"
#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/calendar/working_calendar.hpp"
#include "service/dispatch/field_checks.hpp"
#include "service/dispatch/supervision.hpp"
#include "service/notify/notifications.hpp"
#include "service/notify/outbox.hpp"
#include "store/intake_store.hpp"
#include "store/project_store.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::dispatch {

namespace json = boost::json;

namespace {

std::string meeting_link(std::int64_t id) {
    return fmt::format("/console/meetings/{}", id);
}

identity::ownership ownership_of(const std::vector<store::meeting_receipt_row>& receipts) {
    identity::ownership out;
    for (const auto& r : receipts) {
        out.collaborating_units.push_back(r.unit_id);
    }
    return out;
}

bool sees_unit(const identity::principal& who, std::int64_t unit_id) {
    return identity::in_scope(who, {std::nullopt, unit_id, {}});
}

// The meeting with the receipts the caller may see; not found when none is theirs.
meeting_view view_of(db::connection& conn, const identity::principal& who, std::int64_t id) {
    store::meeting_store store(conn);
    auto meeting = store.find_meeting(id);
    if (!meeting) {
        throw api_error(error_code::not_found);
    }
    auto receipts = store.receipts_of(id);
    if (!identity::in_scope(who, ownership_of(receipts))) {
        throw api_error(error_code::not_found);
    }
    std::erase_if(receipts, [&](const auto& r) { return !sees_unit(who, r.unit_id); });
    return {std::move(*meeting), std::move(receipts)};
}

// The caller's own unit's receipt on a meeting they may see; conflict when it was not pushed
// to their unit.
store::meeting_receipt_row own_receipt(db::connection& conn, const identity::principal& who,
                                       std::int64_t id) {
    view_of(conn, who, id);
    const auto receipt =
        who.unit_id ? store::meeting_store(conn).find_receipt(id, *who.unit_id) : std::nullopt;
    if (!receipt) {
        throw api_error(error_code::conflict, {"meeting.not_pushed_to_unit", {}});
    }
    return *receipt;
}

void push_live(db::connection& conn, const clock& now, const std::string& key, std::int64_t unit_id,
               const json::object& payload) {
    notify::enqueue(conn, now,
                    {key, "push", fmt::format("unit:{}", unit_id), json::serialize(payload)});
}

std::vector<std::int64_t> people_of(db::connection& conn, std::int64_t unit_id,
                                    const std::vector<std::string>& roles) {
    store::intake_store users(conn);
    std::vector<std::int64_t> out;
    for (const auto& role : roles) {
        for (const auto id : users.users_with_role(role, unit_id)) {
            out.push_back(id);
        }
    }
    return out;
}

std::string receipt_key(const store::meeting_receipt_row& r) {
    return fmt::format("meeting:{}:unit:{}", r.meeting_id, r.unit_id);
}

}  // namespace

meeting_rules meeting_report_rules(const std::string& city) {
    const auto file = json::parse(embedded_data_file("cities/" + city + "/meetings.json"));
    const auto& rules = file.as_object();
    return {int(rules.at("report_within_working_days").as_int64()),
            int(rules.at("remind_before_working_days").as_int64())};
}

std::string report_status(const store::meeting_receipt_row& receipt, time_point now) {
    if (receipt.reported_at) {
        return "reported";
    }
    const auto due = parse_rfc3339(receipt.report_due_at);
    return due && *due < now ? "overdue" : "pending";
}

meeting_view create_meeting(db::database& db, const clock& now, const identity::principal& who,
                            const meeting_input& input, const identity::origin& from) {
    field_errors errors;
    if (input.category != "outbound" && input.category != "reception") {
        errors.add("category", {"field.invalid_value", {}});
    }
    if (input.leaders.empty() || input.leaders.size() > 20) {
        errors.add("leaders", {"field.required", {}});
    }
    for (const auto& name : input.leaders) {
        if (name.empty() || name.size() > 50) {
            errors.add("leaders", {"field.invalid_value", {}});
        }
    }
    if (!is_date(input.held_on)) {
        errors.add("held_on", {"field.must_be_date", {}});
    } else if (input.held_on > today_cst(now.now())) {
        errors.add("held_on", {"field.invalid_value", {}});  // not yet held
    }
    require_text(errors, "place", input.place, 200);
    require_text(errors, "company", input.company, 200);
    require_text(errors, "summary", input.summary, 5000);
    if (input.follow_ups && input.follow_ups->size() > 5000) {
        errors.add("follow_ups", {"field.too_long", {{"max", "5000"}}});
    }
    errors.throw_if_any();
    return db.transaction([&](db::connection& conn) {
        store::meeting_row row;
        row.category = input.category;
        row.leaders = input.leaders;
        row.held_on = input.held_on;
        row.place = input.place;
        row.company = input.company;
        row.summary = input.summary;
        row.follow_ups = input.follow_ups;
        row.created_by = who.user_id;
        row.created_at = format_utc(now.now());
        const auto id = store::meeting_store(conn).insert_meeting(row);
        audit::record(
            conn, now, dispatch_actor(who, from),
            {"dispatch.meeting.create", "meeting", std::to_string(id), "success", input.category});
        return view_of(conn, who, id);
    });
}

meeting_view view_meeting(db::database& db, const identity::principal& who, std::int64_t id) {
    return db.read([&](db::connection& conn) { return view_of(conn, who, id); });
}

meeting_list list_meetings(db::database& db, const clock& now, const identity::principal& who,
                           const meeting_query& query) {
    field_errors errors;
    if (query.category && *query.category != "outbound" && *query.category != "reception") {
        errors.add("category", {"field.invalid_value", {}});
    }
    for (const auto& [name, value] : {std::pair{"from", query.held_from}, {"to", query.held_to}}) {
        if (value && !is_date(*value)) {
            errors.add(name, {"field.must_be_date", {}});
        }
    }
    static const std::set<std::string> statuses{"pending", "overdue", "reported"};
    if (query.report_status && !statuses.contains(*query.report_status)) {
        errors.add("report_status", {"field.invalid_value", {}});
    }
    errors.throw_if_any();
    const auto scope = identity::list_scope_of(who);
    return db.read([&](db::connection& conn) {
        store::meeting_filter filter;
        filter.everything = scope.everything;
        filter.units = scope.units;
        filter.category = query.category;
        filter.unit = query.unit;
        filter.held_from = query.held_from;
        filter.held_to = query.held_to;
        filter.report_status = query.report_status;
        filter.now = format_utc(now.now());
        filter.text = query.text;
        filter.offset = query.offset;
        filter.limit = query.limit;
        store::meeting_store store(conn);
        auto [rows, total] = store.list_meetings(filter);
        std::vector<std::int64_t> ids;
        for (const auto& m : rows) {
            ids.push_back(m.id);
        }
        const auto receipts = store.receipts_of(ids);
        meeting_list out;
        out.total = total;
        for (auto& m : rows) {
            meeting_view view{std::move(m), {}};
            for (const auto& r : receipts) {
                if (r.meeting_id == view.meeting.id && sees_unit(who, r.unit_id)) {
                    view.receipts.push_back(r);
                }
            }
            out.items.push_back(std::move(view));
        }
        return out;
    });
}

meeting_view push_meeting(db::database& db, const clock& now, const identity::principal& who,
                          std::int64_t id, const std::vector<std::int64_t>& unit_ids,
                          const identity::origin& from, const std::string& city) {
    const auto rules = meeting_report_rules(city);
    return db.transaction([&](db::connection& conn) {
        const auto meeting = view_of(conn, who, id).meeting;
        field_errors errors;
        if (unit_ids.empty()) {
            errors.add("unit_ids", {"field.required", {}});
        }
        store::reference_store reference(conn);
        for (const auto unit_id : unit_ids) {
            const auto unit = reference.find_unit(unit_id);
            if (!unit || unit->type == "city") {
                errors.add("unit_ids", {"field.unknown_unit", {}});
            }
        }
        errors.throw_if_any();
        store::meeting_store store(conn);
        const auto calendar = calendar::load_calendar(conn);
        const auto due = calendar.add_working_time(
            now.now(), rules.report_within_days * calendar.working_minutes_per_day());
        const std::set<std::int64_t> units(unit_ids.begin(), unit_ids.end());
        std::string pushed;
        for (const auto unit_id : units) {
            if (store.find_receipt(id, unit_id)) {
                continue;
            }
            store::meeting_receipt_row receipt;
            receipt.meeting_id = id;
            receipt.unit_id = unit_id;
            receipt.pushed_by = who.user_id;
            receipt.pushed_at = format_utc(now.now());
            receipt.report_due_at = format_utc(due);
            store.insert_receipt(receipt);
            const auto key = receipt_key(receipt) + ":pushed";
            push_live(conn, now, key + ":push", unit_id,
                      {{"type", "meeting.pushed"},
                       {"meeting_id", id},
                       {"company", meeting.company},
                       {"report_due_at", format_cst(due)}});
            notify::notify_users(conn, now, people_of(conn, unit_id, {"unit_staff", "unit_lead"}),
                                 {"meeting.pushed", meeting.company, meeting_link(id), key, false});
            pushed += (pushed.empty() ? "" : ",") + std::to_string(unit_id);
        }
        if (!pushed.empty()) {
            audit::record(conn, now, dispatch_actor(who, from),
                          {"dispatch.meeting.push", "meeting", std::to_string(id), "success",
                           "units " + pushed});
        }
        return view_of(conn, who, id);
    });
}

meeting_view read_meeting(db::database& db, const clock& now, const identity::principal& who,
                          std::int64_t id, const identity::origin& from) {
    return db.transaction([&](db::connection& conn) {
        const auto receipt = own_receipt(conn, who, id);
        if (!receipt.read_at) {
            store::meeting_store(conn).mark_read(id, receipt.unit_id, who.user_id,
                                                 format_utc(now.now()));
            audit::record(conn, now, dispatch_actor(who, from),
                          {"dispatch.meeting.read", "meeting", std::to_string(id), "success",
                           fmt::format("unit {}", receipt.unit_id)});
        }
        return view_of(conn, who, id);
    });
}

meeting_view report_meeting(db::database& db, const clock& now, const identity::principal& who,
                            std::int64_t id, const meeting_report_input& input,
                            const identity::origin& from) {
    return db.transaction([&](db::connection& conn) {
        auto receipt = own_receipt(conn, who, id);
        if (receipt.reported_at) {
            throw api_error(error_code::conflict, {"meeting.already_reported", {}});
        }
        field_errors errors;
        const bool has_reason = input.no_project_reason && !input.no_project_reason->empty();
        if (input.project_id.has_value() == has_reason) {
            const message one_of{"field.one_of_required",
                                 {{"names", "project_id, no_project_reason"}}};
            errors.add("project_id", one_of);
            errors.add("no_project_reason", one_of);
        } else if (input.project_id) {
            // A project the reporting unit undertakes.
            const auto project = store::project_store(conn).find_project(*input.project_id);
            if (!project || project->undertaking_unit_id != receipt.unit_id) {
                errors.add("project_id", {"field.invalid_value", {}});
            }
        } else if (input.no_project_reason->size() > 2000) {
            errors.add("no_project_reason", {"field.too_long", {{"max", "2000"}}});
        }
        errors.throw_if_any();
        store::meeting_store store(conn);
        receipt.reported_at = format_utc(now.now());
        receipt.reported_by = who.user_id;
        receipt.project_id = input.project_id;
        receipt.no_project_reason = input.project_id ? std::nullopt : input.no_project_reason;
        store.record_report(receipt);
        if (input.project_id) {
            // The project's dashboard source follows the meeting it is linked to.
            const auto before = dashboard::share_of(conn, {*input.project_id});
            store.link_project(*input.project_id, id);
            dashboard::update_aggregates(conn, before, {*input.project_id});
        }
        audit::record(conn, now, dispatch_actor(who, from),
                      {"dispatch.meeting.report", "meeting", std::to_string(id), "success",
                       input.project_id
                           ? fmt::format("unit {}, project {}", receipt.unit_id, *input.project_id)
                           : fmt::format("unit {}, no project", receipt.unit_id)});
        return view_of(conn, who, id);
    });
}

bool meeting_open_to(db::connection& conn, const identity::principal& who, std::int64_t meeting_id,
                     std::int64_t unit_id) {
    store::meeting_store store(conn);
    if (!store.find_meeting(meeting_id)) {
        return false;
    }
    return identity::list_scope_of(who).everything ||
           store.find_receipt(meeting_id, unit_id).has_value();
}

std::vector<store::fill_rate_row> meeting_fill_rates(
    db::connection& conn, const std::string& from, const std::string& to,
    const std::optional<std::vector<std::int64_t>>& units) {
    return store::meeting_store(conn).fill_rates(from, to, units);
}

std::string fill_rate_text(std::int64_t on_time, std::int64_t pushed) {
    if (pushed <= 0) {
        return "0.0000";
    }
    const auto ten_thousandths = (on_time * 20000 + pushed) / (2 * pushed);
    return fmt::format("{}.{:04}", ten_thousandths / 10000, ten_thousandths % 10000);
}

std::vector<store::fill_rate_row> fill_rates_for(db::database& db, const identity::principal& who,
                                                 const std::optional<std::string>& from,
                                                 const std::optional<std::string>& to) {
    field_errors errors;
    for (const auto& [name, value] : {std::pair{"from", from}, {"to", to}}) {
        if (value && !is_date(*value)) {
            errors.add(name, {"field.must_be_date", {}});
        }
    }
    if (from && to && is_date(*from) && is_date(*to) && *from > *to) {
        errors.add("to", {"field.invalid_value", {}});
    }
    errors.throw_if_any();
    const auto scope = identity::list_scope_of(who);
    std::optional<std::vector<std::int64_t>> units;
    if (!scope.everything) {
        units = scope.units;
    }
    return db.read([&](db::connection& conn) {
        return meeting_fill_rates(conn, from.value_or("0000-01-01"), to.value_or("9999-12-31"),
                                  units);
    });
}

namespace {

// One pass over the unreported receipts; without `apply` it only counts, so that the frequent
// sweep takes no write lock when there is nothing to do.
swept_deadlines sweep_pass(db::connection& conn, const clock& now, const std::string& city,
                           const meeting_rules& rules, bool apply) {
    swept_deadlines report;
    store::meeting_store store(conn);
    const auto calendar = calendar::load_calendar(conn);
    const auto remind_before = rules.remind_before_days * calendar.working_minutes_per_day();
    const auto stamp = format_utc(now.now());
    for (const auto& receipt : store.open_receipts()) {
        const auto due = parse_rfc3339(receipt.report_due_at);
        if (!due) {
            continue;
        }
        const auto key = receipt_key(receipt) + ":" + receipt.report_due_at;
        if (*due > now.now()) {
            if (receipt.reminded_at ||
                calendar.working_time_between(now.now(), *due) > remind_before) {
                continue;
            }
            ++report.reminded;
            if (apply) {
                store.set_reminded(receipt.meeting_id, receipt.unit_id, stamp);
                notify::notify_users(conn, now,
                                     people_of(conn, receipt.unit_id, {"unit_staff", "unit_lead"}),
                                     {"meeting.reminder", receipt.company,
                                      meeting_link(receipt.meeting_id), key + ":reminder", false});
            }
            continue;
        }
        ++report.overdue;
        if (apply) {
            store.set_overdue(receipt.meeting_id, receipt.unit_id, stamp);
            notify::notify_users(conn, now, people_of(conn, receipt.unit_id, {"unit_lead"}),
                                 {"meeting.overdue", receipt.company,
                                  meeting_link(receipt.meeting_id), key + ":overdue", true});
            push_live(conn, now, key + ":overdue:push", receipt.unit_id,
                      {{"type", "meeting.overdue"}, {"meeting_id", receipt.meeting_id}});
            // A missed report is followed up like any dispatch duty: a supervision ticket.
            raise_ticket(
                conn, now, city, "missed_report", receipt.unit_id, std::nullopt,
                receipt_key(receipt) + ":missed_report",
                fmt::format(
                    "会见「{}」的项目填报已逾期：请登记由此形成的项目，或说明没有项目的原因。",
                    receipt.company));
        }
    }
    return report;
}

}  // namespace

swept_deadlines sweep_meeting_deadlines(db::database& db, const clock& now,
                                        const std::string& city) {
    const auto rules = meeting_report_rules(city);
    const auto pending =
        db.read([&](db::connection& conn) { return sweep_pass(conn, now, city, rules, false); });
    if (!pending.any()) {
        return pending;
    }
    return db.transaction(
        [&](db::connection& conn) { return sweep_pass(conn, now, city, rules, true); });
}

}  // namespace zhaoyin::service::dispatch
