#include "service/intake/demo_intents.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/time_format.hpp"
#include "service/calendar/working_calendar.hpp"
#include "service/intake/routing.hpp"
#include "store/intake_store.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::intake {

namespace {

using std::chrono::minutes;

// The article's figures since launch: 121 intents, of which 2 were withdrawn by the investor,
// 110 of the remaining 119 docked (92.4 %), and 41 of those landed (registered or later).
constexpr int total_intents = 121;
constexpr int withdrawn_at[] = {17, 88};
constexpr int open_intents = 9;  // the newest, still being handled
// Stages of the 110 docked intents, in order of submission: 41 landed.
constexpr std::array<std::pair<const char*, int>, 7> docked_stages = {{{"full_capacity", 3},
                                                                       {"operating", 7},
                                                                       {"building", 9},
                                                                       {"started", 10},
                                                                       {"registered", 12},
                                                                       {"signed", 24},
                                                                       {"negotiating", 45}}};

struct sample {
    const char* industry;
    const char* title;
    const char* company;
};

// Illustrative projects (names invented for the demo), one per chain of the 10+1 system.
constexpr std::array<sample, 11> samples = {{
    {"ict", "集成电路封装测试项目", "示例芯联科技"},
    {"ai", "工业视觉算法研发中心", "示例智算科技"},
    {"life_health", "创新药中试基地", "示例康健生物"},
    {"nev", "动力电池模组生产线", "示例新能汽车部件"},
    {"low_altitude", "无人机整机制造项目", "示例低空航空"},
    {"green_energy", "海上风电装备基地", "示例绿能装备"},
    {"smart_equipment", "精密减速器生产基地", "示例精工机械"},
    {"smart_appliances", "智能家电零部件项目", "示例智家电器"},
    {"chem_materials", "高性能膜材料项目", "示例新材化工"},
    {"light_industry", "功能性纺织品工厂", "示例优品轻工"},
    {"future", "深远海养殖装备项目", "示例蓝海装备"},
}};

std::string stage_of_docked(int docked_index) {
    int seen = 0;
    for (const auto& [code, count] : docked_stages) {
        seen += count;
        if (docked_index < seen) {
            return code;
        }
    }
    return "negotiating";
}

}  // namespace

int ensure_demo_intents(db::database& db, const clock& now, const std::string& city) {
    const auto rules = shipped_routing_rules(city);
    return db.transaction([&](db::connection& conn) {
        if (conn.query("SELECT COUNT(*) FROM intent").integer(0, 0) > 0) {
            return 0;
        }
        const auto owner = conn.query(
            "SELECT id FROM user_account WHERE login_name = 'investor2' AND is_demo = 1");
        if (owner.empty()) {
            return 0;
        }
        const auto submitter = owner.integer(0, 0);
        const auto calendar = calendar::load_calendar(conn);
        const auto units = store::reference_store(conn).list_units();
        store::intake_store store(conn);
        const auto at = [](time_point t) { return format_utc(t); };

        // Submissions from launch (16 March 2026) every day and a half of work; the open ones are
        // recent, relative to now, so their deadlines are live when the demo starts.
        auto submitted = *parse_rfc3339("2026-03-16T10:00:00+08:00");
        const auto day = minutes(calendar.working_minutes_per_day());
        int docked_index = 0;
        for (int n = 0; n < total_intents; ++n) {
            const bool open = n >= total_intents - open_intents;
            const int open_index = n - (total_intents - open_intents);
            if (open) {
                // Three fresh, three claimed, three contacted; two of the fresh ones overdue.
                static constexpr std::array<int, open_intents> age_minutes = {
                    30, 2 * 420, 3 * 420, 60, 120, 180, 420, 630, 840};
                const auto back = minutes(age_minutes[std::size_t(open_index)]);
                // Step back through working time: find the start from which `back` of work
                // ends now.
                auto start = now.now() - back;
                while (calendar.working_time_between(start, now.now()) < back) {
                    start -= back - calendar.working_time_between(start, now.now());
                }
                submitted = start;
            } else {
                submitted = calendar.add_working_time(submitted, day + day / 2);
            }
            const auto& s = samples[std::size_t(n) % samples.size()];
            store::intent_row intent;
            intent.title = fmt::format("{}（演示 {}）", s.title, n + 1);
            intent.company = fmt::format("{}有限公司（演示）", s.company);
            intent.contact_name = "联系人（演示）";
            intent.contact_phone = fmt::format("1390000{:04d}", n + 1);
            intent.industry_code = s.industry;
            const std::int64_t yuan = std::int64_t(50 + (n * 37) % 950) * 1'000'000;
            intent.investment_total = std::to_string(yuan);
            intent.currency = "CNY";
            intent.capital_type = n % 9 == 4 ? "foreign" : "domestic";
            intent.jobs = 50 + (n * 13) % 600;
            intent.description = "演示数据：用于展示平台功能，并非真实项目。";
            intent.status = "routed";
            intent.submitted_by = submitter;
            const auto candidates =
                route({intent.industry_code, yuan, "CNY", intent.capital_type, {}}, units, rules);
            const auto created = at(submitted);
            intent.id = store.insert_intent(intent, created);
            store.insert_routing_decision(intent.id, rules.version, decision_json(candidates),
                                          created);
            store.insert_event({0, intent.id, created, "submitted", submitter, "投资者二（演示）",
                                std::nullopt, "", std::nullopt});

            const bool withdrawn = std::find(std::begin(withdrawn_at), std::end(withdrawn_at), n) !=
                                   std::end(withdrawn_at);
            const bool claimed = !withdrawn && (!open || open_index >= 3);
            const bool contacted = claimed && (!open || open_index >= 6);
            const bool docked = contacted && !open;
            const auto claim_time =
                calendar.add_working_time(submitted, minutes(20 + (n * 11) % 90));
            const auto contact_time =
                calendar.add_working_time(claim_time, minutes(30 + (n * 29) % 300));
            const auto dock_time = calendar.add_working_time(contact_time, day * (1 + n % 3));

            bool first = true;
            for (const auto& c : candidates) {
                store::assignment_row duty;
                duty.subject_type = "intent";
                duty.subject_id = intent.id;
                duty.unit_id = c.unit_id;
                duty.role = c.informed_only ? "informed" : "candidate";
                const bool lead = first && !c.informed_only;
                if (!c.informed_only && !claimed && !withdrawn) {
                    duty.step = "acknowledge";
                    duty.due_at = at(
                        calendar.add_working_time(submitted, minutes(rules.acknowledge_minutes)));
                }
                const auto staff = store.available_staff(c.unit_id);
                if (lead && !staff.empty()) {
                    duty.user_id = staff.front();
                }
                duty.id = store.insert_assignment(duty, created);
                if (!c.informed_only) {
                    first = false;
                }
                if (lead && claimed) {
                    duty.role = "primary";
                    duty.step = docked      ? std::nullopt
                                : contacted ? std::optional<std::string>("dock")
                                            : std::optional<std::string>("first_contact");
                    duty.due_at = docked ? std::nullopt
                                         : std::optional(at(calendar.add_working_time(
                                               contacted ? contact_time : claim_time,
                                               minutes(contacted ? rules.dock_minutes
                                                                 : rules.first_contact_minutes))));
                    duty.met_at = docked ? std::optional(at(dock_time)) : std::nullopt;
                    store.update_assignment(duty, created);
                    intent.primary_unit_id = c.unit_id;
                    intent.handler_user_id = duty.user_id;
                } else if (open && !claimed && duty.due_at &&
                           *parse_rfc3339(*duty.due_at) < now.now()) {
                    // Missed long ago: already with the lead and the bureau.
                    duty.overdue_since = duty.due_at;
                    duty.escalation_level = 2;
                    store.update_assignment(duty, created);
                }
                store.insert_event({0, intent.id, created, "routed", std::nullopt, std::nullopt,
                                    c.unit_id, "", c.informed_only ? "informed" : "candidate"});
            }
            const auto event = [&](time_point t, const char* kind, const std::string& text,
                                   std::optional<std::string> detail) {
                store.insert_event({0, intent.id, at(t), kind, intent.handler_user_id, std::nullopt,
                                    intent.primary_unit_id, text, std::move(detail)});
            };
            if (withdrawn) {
                intent.status = "withdrawn";
                event(claim_time, "withdrawn", "投资方调整计划，撤回意向。", std::nullopt);
            }
            if (claimed) {
                intent.status = "claimed";
                intent.claimed_at = at(claim_time);
                event(claim_time, "claimed", "", std::nullopt);
            }
            if (contacted) {
                intent.status = "contacted";
                intent.first_contact_at = at(contact_time);
                event(contact_time, "contacted", "电话联系，了解用地和配套需求。", "phone");
            }
            if (docked) {
                intent.status = "docked";
                intent.docked_at = at(dock_time);
                intent.stage = stage_of_docked(docked_index++);
                event(dock_time, "docked", "完成对接，约定现场考察。", std::nullopt);
                if (*intent.stage != "negotiating") {
                    event(dock_time, "stage", "", intent.stage);
                }
            }
            store.update_progress(intent, at(claimed ? claim_time : submitted));
        }
        return total_intents;
    });
}

}  // namespace zhaoyin::service::intake
