#include "service/dispatch/demo_projects.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "core/time_format.hpp"
#include "service/dispatch/projects.hpp"
#include "store/project_store.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::dispatch {

namespace {

using days = std::chrono::days;

// splitmix64: a small generator whose sequence is fixed, so the demo city is the same on every
// machine and engine.
class demo_random {
  public:
    explicit demo_random(std::uint64_t seed) : state_(seed) {}

    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31U);
    }
    // 0 ≤ result < bound
    int below(int bound) { return int(next() % std::uint64_t(bound)); }
    int between(int low, int high) { return low + below(high - low + 1); }

  private:
    std::uint64_t state_;
};

// How many projects each kind of unit undertakes.
const std::map<std::string, int> projects_per_unit = {
    {"district", 40}, {"zone", 15}, {"department", 3}, {"task_force", 2}};

// The share of each stage among the demo projects, in stage order (sums to 640).
constexpr std::array<int, 8> stage_weights = {60, 150, 120, 80, 70, 80, 50, 30};

struct chain_sample {
    const char* industry;
    std::array<const char*, 3> kinds;
    std::array<const char*, 3> companies;
};

// Invented names, one row per chain of the 10+1 system.
constexpr std::array<chain_sample, 11> chains = {{
    {"ict", {"集成电路封测基地", "新型显示模组项目", "工业互联网平台"}, {"芯联", "华显", "链云"}},
    {"ai", {"智能算力中心", "工业视觉研发中心", "大模型应用基地"}, {"智算", "视界", "灵思"}},
    {"life_health",
     {"创新药中试基地", "高端医疗器械产业园", "细胞治疗中心"},
     {"康健", "医创", "生元"}},
    {"nev", {"动力电池模组项目", "整车零部件产业园", "智能驾驶域控项目"}, {"新能", "驰远", "智行"}},
    {"low_altitude",
     {"无人机整机制造项目", "通航运营基地", "eVTOL研发中心"},
     {"低空", "翼航", "云翔"}},
    {"green_energy", {"海上风电装备基地", "氢能产业园", "储能系统项目"}, {"绿能", "海风", "氢源"}},
    {"smart_equipment",
     {"精密减速器基地", "工业机器人项目", "数控机床产业园"},
     {"精工", "智造", "力控"}},
    {"smart_appliances",
     {"智能家电零部件项目", "厨电研发中心", "智慧家居产业园"},
     {"智家", "海悦", "美居"}},
    {"chem_materials",
     {"高性能膜材料项目", "电子化学品基地", "碳纤维复材项目"},
     {"新材", "化源", "碳峰"}},
    {"light_industry",
     {"功能性纺织品工厂", "食品精深加工项目", "时尚消费品产业园"},
     {"优品", "鲜味", "锦织"}},
    {"future",
     {"深远海养殖装备项目", "量子测量研发中心", "空天信息产业园"},
     {"蓝海", "量测", "星途"}},
}};

constexpr std::array<const char*, 6> update_texts = {
    "与投资方召开推进会，协调用地指标。", "项目专班现场办公，梳理审批事项清单。",
    "投资方考察园区配套，确认厂房需求。", "协调供电、供水接入方案，明确时间节点。",
    "跟进合同条款谈判，形成阶段性纪要。", "督促施工单位加快进度，现场调度。"};

const std::array<const char*, 8> stage_codes = {"planning",   "negotiating",  "signed",
                                                "registered", "started",      "building",
                                                "operating",  "full_capacity"};

std::string date_of(time_point t) {
    return format_cst(t).substr(0, 10);
}

int stage_for(demo_random& random) {
    int total = 0;
    for (const int w : stage_weights) {
        total += w;
    }
    int pick = random.below(total);
    for (std::size_t s = 0; s < stage_weights.size(); ++s) {
        if (pick < stage_weights[s]) {
            return int(s);
        }
        pick -= stage_weights[s];
    }
    return 0;
}

// Who registers and updates a unit's projects: its demo staff member, else the bureau.
std::map<std::int64_t, std::int64_t> demo_authors(db::connection& conn, std::int64_t& bureau) {
    std::map<std::int64_t, std::int64_t> authors;
    const auto rows = conn.query(
        "SELECT u.id, u.unit_id, u.login_name FROM user_account u WHERE u.is_demo = 1 AND "
        "u.unit_id IS NOT NULL ORDER BY u.id");
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto login = rows.text(r, 2);
        if (login == "bureau") {
            bureau = rows.integer(r, 0);
        } else if (login.ends_with(".staff")) {
            authors.emplace(rows.integer(r, 1), rows.integer(r, 0));
        }
    }
    return authors;
}

struct demo_project_plan {
    int stage = 0;
    time_point created;
    std::vector<time_point> reached;  // when each stage up to `stage` was reached
    time_point last_update;
};

demo_project_plan plan_project(demo_random& random, time_point now) {
    demo_project_plan plan;
    plan.stage = stage_for(random);
    const int age = random.between(45 + plan.stage * 30, 730);
    plan.created = now - days(age);
    // Most projects are dispatched weekly; some lag (yellow) and a few are stale (red).
    const int freshness = random.below(100);
    const int quiet = freshness < 80   ? random.between(0, 8)
                      : freshness < 92 ? random.between(14, 35)
                                       : random.between(45, 120);
    plan.last_update = now - days(quiet) - std::chrono::hours(random.between(0, 9));
    const auto span = (plan.last_update - plan.created) / (plan.stage + 1);
    for (int s = 0; s <= plan.stage; ++s) {
        plan.reached.push_back(plan.created + span * s);
    }
    return plan;
}

// A task force undertakes projects of its own chain; other units any chain.
const chain_sample& chain_of(const store::unit_row& unit, demo_random& random) {
    const auto& any = chains[std::size_t(random.below(int(chains.size())))];
    if (unit.type != "task_force") {
        return any;
    }
    for (const auto& c : chains) {
        if (unit.key == std::string("tf.") + c.industry) {
            return c;
        }
    }
    return any;
}

}  // namespace

int ensure_demo_projects(db::database& db, const clock& now, const std::string& city) {
    return db.transaction([&](db::connection& conn) {
        if (conn.query("SELECT COUNT(*) FROM project").integer(0, 0) > 0) {
            return 0;
        }
        std::int64_t bureau = 0;
        const auto authors = demo_authors(conn, bureau);
        if (bureau == 0) {
            return 0;
        }
        const auto units = store::reference_store(conn).list_units();
        std::map<std::string, std::int64_t> task_forces;
        std::vector<std::int64_t> districts;
        for (const auto& u : units) {
            if (u.type == "task_force" && u.key.starts_with("tf.")) {
                task_forces.emplace(u.key.substr(3), u.id);
            }
            if (u.type == "district") {
                districts.push_back(u.id);
            }
        }
        store::project_store store(conn);
        demo_random random(20210101);
        const auto today = now.now();
        int written = 0;
        for (const auto& unit : units) {
            const auto quota = projects_per_unit.find(unit.type);
            if (quota == projects_per_unit.end()) {
                continue;
            }
            const auto author_it =
                authors.find(unit.parent_id && unit.type == "zone" ? *unit.parent_id : unit.id);
            const auto author = author_it == authors.end() ? bureau : author_it->second;
            for (int k = 0; k < quota->second; ++k) {
                const auto plan = plan_project(random, today);
                const auto& chain = chain_of(unit, random);
                const auto variant = std::size_t(random.below(3));
                store::project_row row;
                const int serial = written + 1;
                row.name = fmt::format("{}（演示 {:03d}）", chain.kinds[variant], serial);
                row.company = fmt::format("示例{}{}有限公司", chain.companies[variant],
                                          serial % 3 == 0 ? "科技" : "产业");
                const bool foreign = random.below(7) == 0;
                row.capital_type = foreign ? "foreign" : "domestic";
                row.currency = foreign ? "USD" : "CNY";
                // 0.3 to 80 亿 yuan, skewed small; US dollars at about a seventh.
                const std::int64_t wan = std::int64_t(3000 + random.below(30000)) *
                                         (random.below(5) == 0 ? 8 : 1) * (foreign ? 1 : 7) / 7;
                row.investment_total = std::to_string(wan * 10'000);
                row.industry_code = chain.industry;
                row.undertaking_unit_id = unit.id;
                if (unit.type != "district" && random.below(5) == 0) {
                    row.collaborating_units.push_back(
                        districts[std::size_t(random.below(int(districts.size())))]);
                }
                const int source = random.below(20);
                row.source = source < 7    ? "meeting"
                             : source < 12 ? "event"
                             : source < 17 ? "unit"
                                           : "agency";
                row.signed_large = is_signed_large(row.investment_total, row.currency, city);
                row.campaign = serial % 43 == 1;  // 15 of the campaign projects
                if (row.signed_large || row.campaign) {
                    const auto tf = task_forces.find(chain.industry);
                    if (tf != task_forces.end()) {
                        row.task_force_unit_id = tf->second;
                    }
                }
                row.stage = stage_codes[std::size_t(plan.stage)];
                row.created_by = author;
                row.id = store.insert_project(row, format_utc(plan.created));
                ++written;

                const auto event = [&](time_point at, const char* kind, const std::string& text,
                                       std::optional<std::string> detail) {
                    store.insert_event({0, row.id, format_utc(at), kind, author, std::nullopt, text,
                                        std::move(detail)});
                };
                event(plan.created, "registered", "", row.source);
                for (int s = 0; s <= plan.stage; ++s) {
                    const auto reached = plan.reached[std::size_t(s)];
                    const auto planned = reached + days(random.between(-20, 20));
                    store.upsert_stage_date(
                        row.id, {stage_codes[std::size_t(s)], date_of(planned), date_of(reached)},
                        format_utc(reached));
                }
                if (plan.stage + 1 < int(stage_codes.size())) {
                    // The next stage's plan: most ahead, some already slipping.
                    const auto planned = today + days(random.between(-150, 200));
                    store.upsert_stage_date(
                        row.id,
                        {stage_codes[std::size_t(plan.stage + 1)], date_of(planned), std::nullopt},
                        format_utc(plan.last_update));
                }
                // Dispatch records every two to six weeks, a stage change where one was reached.
                int next_stage = 1;
                for (auto at = plan.created + days(random.between(7, 20)); at <= plan.last_update;
                     at += days(random.between(14, 42))) {
                    std::optional<std::string> from;
                    std::optional<std::string> to;
                    if (next_stage <= plan.stage && plan.reached[std::size_t(next_stage)] <= at) {
                        from = stage_codes[std::size_t(next_stage - 1)];
                        to = stage_codes[std::size_t(next_stage)];
                        ++next_stage;
                    }
                    const std::string text = update_texts[std::size_t(random.below(6))];
                    store.insert_update({0, row.id, text, from, to, author, format_utc(at)});
                    event(at, "updated", text, std::nullopt);
                    if (to) {
                        event(at, "stage", "", *from + ">" + *to);
                    }
                }
                store.insert_update({0, row.id, update_texts[std::size_t(random.below(6))],
                                     std::nullopt, std::nullopt, author,
                                     format_utc(plan.last_update)});
                event(plan.last_update, "updated", "本周调度：按计划推进。", std::nullopt);
                // Funds arrive once a project is registered: a few tranches, at most 60 %.
                if (plan.stage >= 3) {
                    const int tranches = random.between(1, 2 + plan.stage - 3);
                    const auto from = plan.reached[3];
                    const auto step = (plan.last_update - from) / (tranches + 1);
                    for (int t = 1; t <= tranches; ++t) {
                        const auto at = from + step * t;
                        const auto amount = wan * 10'000 * 6 / 10 / tranches;
                        store.insert_fund(row.id,
                                          {0, std::nullopt, date_of(at), std::to_string(amount),
                                           row.currency, author, format_utc(at)});
                        event(at, "funds", "",
                              fmt::format("{} {} {}", date_of(at), amount, row.currency));
                    }
                }
                store.touch(row.id, format_utc(plan.last_update));
            }
        }
        return written;
    });
}

}  // namespace zhaoyin::service::dispatch
