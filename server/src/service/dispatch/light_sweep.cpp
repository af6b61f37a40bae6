#include "service/dispatch/light_sweep.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/time_format.hpp"
#include "service/dispatch/lights.hpp"
#include "service/dispatch/projects.hpp"
#include "service/dispatch/supervision.hpp"
#include "store/project_store.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::dispatch {

namespace {

std::string stage_name_zh(const std::vector<store::stage_row>& stages, const std::string& code) {
    for (const auto& s : stages) {
        if (s.code == code) {
            return s.name_zh;
        }
    }
    return code;
}

// What the unit is told: the project (its code name when confidential) and why it is red.
std::string ticket_text(const store::project_row& p, const light_rating& rating,
                        const std::vector<store::stage_row>& stages) {
    std::string why;
    for (const auto& r : rating.reasons) {
        if (r.level != "red" || r.code == "not_updated") {
            continue;
        }
        why += why.empty() ? "" : "；";
        if (r.code == "behind_plan") {
            why += fmt::format("「{}」阶段滞后计划 {} 天",
                               stage_name_zh(stages, r.stage.value_or("")), r.days);
        } else if (r.code == "not_updated") {
            why += fmt::format("{} 天未调度", r.days);
        } else {
            why += fmt::format("计划开工推迟 {} 个月", r.months);
        }
    }
    const auto name = p.confidential ? p.code_name.value_or("***") : p.name;
    return fmt::format("重点项目「{}」亮红灯：{}。请说明原因并加快推进。", name, why);
}

}  // namespace

int sweep_project_lights(db::database& db, const clock& now, const std::string& city) {
    return db.transaction([&](db::connection& conn) {
        // Read after the lock, so a sweep that waited sees the lights and tickets the other set.
        lock_ticket_sweeps(conn);
        store::project_store store(conn);
        const auto projects = store.active_projects();
        std::vector<std::int64_t> ids;
        for (const auto& p : projects) {
            ids.push_back(p.id);
        }
        auto dates = store.stage_dates_of(ids);
        const auto stages = store::reference_store(conn).list_stages();
        const auto rules = light_rules_of(city);
        const auto today = format_cst(now.now()).substr(0, 10);
        int turned_red = 0;
        for (const auto& p : projects) {
            const auto rating = rate_project(rules, stages, p.stage, dates[p.id],
                                             freshness_days(p.last_update_at, now.now()), today);
            if (p.swept_light == rating.light) {
                continue;
            }
            // Staleness alone has its own ticket (supervision's stale rule): a red light raises
            // one for the plan.
            const bool behind = std::any_of(
                rating.reasons.begin(), rating.reasons.end(),
                [](const auto& r) { return r.level == "red" && r.code != "not_updated"; });
            if (behind) {
                raise_ticket(conn, now, city, "red_light", p.undertaking_unit_id, p.id,
                             fmt::format("red_light:project:{}:{}", p.id, today),
                             ticket_text(p, rating, stages));
                ++turned_red;
            }
            store.set_swept_light(p.id, rating.light);
        }
        return turned_red;
    });
}

}  // namespace zhaoyin::service::dispatch
