#include "service/dispatch/instructions.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"
#include "service/dispatch/projects.hpp"
#include "service/dispatch/supervision.hpp"
#include "service/notify/notifications.hpp"
#include "store/project_store.hpp"

namespace zhaoyin::service::dispatch {

namespace {

std::string instruction_link(std::int64_t id) {
    return fmt::format("/console/instructions/{}", id);
}

instruction_view view_of(const store::instruction_row& row, const std::string& stamp) {
    return {row, !row.responded_at && row.due_at < stamp};
}

void require_text(field_errors& errors, const std::string& field, const std::string& text) {
    if (text.empty()) {
        errors.add(field, {"field.required", {}});
    } else if (text.size() > 5000) {
        errors.add(field, {"field.too_long", {{"max", "5000"}}});
    }
}

}  // namespace

instruction_view give_instruction(db::database& db, const clock& now,
                                  const identity::principal& who, std::int64_t project_id,
                                  const instruction_input& input, const identity::origin& from,
                                  const std::string& city) {
    return db.transaction([&](db::connection& conn) {
        store::project_store projects(conn);
        const auto project = project_in_scope(projects, who, project_id);
        field_errors errors;
        require_text(errors, "text", input.text);
        std::string due_at;
        if (input.due_at) {
            const auto due = parse_rfc3339(*input.due_at);
            if (!due) {
                errors.add("due_at", {"field.must_be_rfc3339", {}});
            } else if (*due <= now.now()) {
                errors.add("due_at", {"field.invalid_value", {}});  // a task is due ahead
            } else {
                due_at = format_utc(*due);
            }
        }
        errors.throw_if_any();
        if (due_at.empty()) {
            due_at = working_deadline(conn, now.now(),
                                      load_supervision_rules(city).instruction_due_minutes);
        }
        const auto stamp = format_utc(now.now());
        store::supervision_store store(conn);
        store::instruction_row row;
        row.project_id = project_id;
        row.unit_id = project.undertaking_unit_id;
        row.text = input.text;
        row.due_at = due_at;
        row.author_user_id = who.user_id;
        row.created_at = stamp;
        row.id = store.insert_instruction(row);
        add_event(projects, project_id, stamp, "instruction", who, input.text, due_at);
        tell_unit(conn, now, row.unit_id,
                  {"instruction.given", project.name, instruction_link(row.id),
                   fmt::format("instruction:{}:given", row.id), true},
                  "instruction.given", row.id);
        audit::record(conn, now, dispatch_actor(who, from),
                      {"dispatch.instruction.create", "instruction", std::to_string(row.id),
                       "success", fmt::format("project {}, due {}", project_id, due_at)});
        return view_of(*store.find_instruction(row.id), stamp);
    });
}

std::pair<std::vector<instruction_view>, std::int64_t> list_instructions(
    db::database& db, const clock& now, const identity::principal& who,
    std::optional<bool> answered, int offset, int limit) {
    const auto scope = identity::list_scope_of(who);
    const auto stamp = format_utc(now.now());
    return db.read([&](db::connection& conn) {
        const auto [rows, total] = store::supervision_store(conn).list_instructions(
            {scope.everything, scope.units, answered, offset, limit});
        std::vector<instruction_view> out;
        for (const auto& row : rows) {
            out.push_back(view_of(row, stamp));
        }
        return std::pair{out, total};
    });
}

instruction_view respond_to_instruction(db::database& db, const clock& now,
                                        const identity::principal& who, std::int64_t id,
                                        const std::string& text, const identity::origin& from) {
    return db.transaction([&](db::connection& conn) {
        store::supervision_store store(conn);
        const auto found = store.find_instruction(id);
        if (!found || !identity::in_scope(who, {std::nullopt, found->unit_id, {}})) {
            throw api_error(error_code::not_found);
        }
        field_errors errors;
        require_text(errors, "text", text);
        errors.throw_if_any();
        if (found->responded_at) {
            throw api_error(error_code::conflict, {"dispatch.instruction_answered", {}});
        }
        const auto stamp = format_utc(now.now());
        store.respond(id, text, who.user_id, stamp);
        store::project_store projects(conn);
        add_event(projects, found->project_id, stamp, "instruction_response", who, text,
                  std::to_string(id));
        notify::notify_users(conn, now, {found->author_user_id},
                             {"instruction.answered", found->project_name, instruction_link(id),
                              fmt::format("instruction:{}:answered", id), false});
        audit::record(conn, now, dispatch_actor(who, from),
                      {"dispatch.instruction.respond", "instruction", std::to_string(id), "success",
                       fmt::format("project {}", found->project_id)});
        return view_of(*store.find_instruction(id), stamp);
    });
}

}  // namespace zhaoyin::service::dispatch
