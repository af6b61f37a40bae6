#include "service/dispatch/demo_projects.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "core/time_format.hpp"
#include "service/calendar/working_calendar.hpp"
#include "service/dashboard/aggregates.hpp"
#include "service/dashboard/city_settings.hpp"
#include "service/dashboard/indicators.hpp"
#include "service/dispatch/meetings.hpp"
#include "service/dispatch/projects.hpp"
#include "store/event_store.hpp"
#include "store/meeting_store.hpp"
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
    {"district", 35}, {"zone", 15}, {"department", 3}, {"task_force", 2}};

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

constexpr int signed_stage = 2;
constexpr int started_stage = 4;

// The approval procedures of the reference data, in the order a project goes through them.
constexpr std::array<const char*, 10> procedure_codes = {"approval_filing",
                                                         "land_pre_review",
                                                         "land_planning_permit",
                                                         "energy_review",
                                                         "stability_review",
                                                         "project_planning_permit",
                                                         "eia",
                                                         "drawing_review",
                                                         "construction_permit",
                                                         "completion_acceptance"};

struct demo_event {
    std::int64_t id = 0;
    time_point ends;
};

// The article's Yabuli summit (49 projects in talks worth over 100 bn yuan, 13 signed there;
// since then 3 started, 3 registered and 3 more signed) and the other named events first.
constexpr std::array<const char*, 32> event_names = {"亚布力中国企业家论坛夏季高峰会",
                                                     "央企青岛行",
                                                     "中欧企业家峰会青岛论坛",
                                                     "跨国公司领导人青岛峰会",
                                                     "博鳌亚洲论坛全球健康论坛大会",
                                                     "青岛国际投资促进周",
                                                     "RCEP经贸合作高层论坛",
                                                     "中日韩产业合作对接会",
                                                     "上合组织国家经贸合作论坛",
                                                     "世界互联网工业大会",
                                                     "青岛国际海洋科技展览会",
                                                     "中国国际消费电子博览会",
                                                     "东北亚地方合作圆桌会议",
                                                     "山东省重点项目签约会（青岛分会场）",
                                                     "青岛新能源汽车产业大会",
                                                     "海洋经济发展论坛",
                                                     "青岛人工智能产业峰会",
                                                     "集成电路产业投资对接会",
                                                     "生物医药创新大会",
                                                     "低空经济发展论坛",
                                                     "绿色低碳发展大会",
                                                     "智能家电产业链对接会",
                                                     "高端化工新材料推介会",
                                                     "青岛国际时尚周招商会",
                                                     "粤港澳大湾区青岛招商推介会",
                                                     "长三角青岛招商推介会",
                                                     "京津冀青岛招商推介会",
                                                     "德国青岛投资合作交流会",
                                                     "新加坡青岛经贸合作推介会",
                                                     "美国青岛投资环境说明会",
                                                     "韩国青岛经贸交流会",
                                                     "日本青岛经贸交流会"};

class demo_writer {
  public:
    demo_writer(db::connection& conn, time_point today, std::int64_t bureau,
                const std::string& city)
        : projects_(conn),
          meetings_(conn),
          events_(conn),
          calendar_(calendar::load_calendar(conn)),
          rules_(meeting_report_rules(city)),
          today_(today),
          bureau_(bureau),
          city_(city) {}

    demo_random& random() { return random_; }
    time_point today() const { return today_; }

    void write_events() {
        for (std::size_t n = 0; n < event_names.size(); ++n) {
            // Yabuli fourteen months ago; the others spread over two years.
            const int ago = n == 0 ? 420 : 20 + int((event_names.size() - n) * 22) % 700;
            const auto ends = today_ - days(ago);
            const auto starts = ends - days(n == 0 ? 2 : random_.between(0, 2));
            store::event_row row;
            row.name = fmt::format("{}（演示）", event_names[n]);
            row.starts_on = date_of(starts);
            row.ends_on = date_of(ends);
            row.place = "青岛国际会议中心";
            row.organiser = "青岛市人民政府";
            row.description = "演示数据：重大活动及其签约项目，纳入重点项目调度。";
            row.created_by = bureau_;
            row.created_at = format_utc(ends);
            events_list_.push_back({events_.insert_event(row), ends});
        }
    }

    // An event that ended while the project could have signed there; the project's signing then
    // moves to that day.
    std::optional<demo_event> event_for(demo_project_plan& plan) {
        const auto low = plan.reached.size() > 1 ? plan.reached[1] : plan.created;
        auto high = plan.last_update;
        if (plan.stage > signed_stage) {
            high = plan.reached[signed_stage + 1];
        }
        std::vector<demo_event> fits;
        for (std::size_t n = 1; n < events_list_.size(); ++n) {
            if (events_list_[n].ends > low && events_list_[n].ends < high) {
                fits.push_back(events_list_[n]);
            }
        }
        if (fits.empty()) {
            return std::nullopt;
        }
        const auto chosen = fits[std::size_t(random_.below(int(fits.size())))];
        if (plan.stage >= signed_stage) {
            plan.reached[signed_stage] = chosen.ends;
        }
        return chosen;
    }

    const demo_event& yabuli() const { return events_list_.front(); }

    // One project with its stage dates, dispatch records, funds and timeline.
    std::int64_t write_project(store::project_row& row, const demo_project_plan& plan,
                               std::int64_t author) {
        row.signed_large = is_signed_large(row.investment_total, row.currency, city_);
        row.stage = stage_codes[std::size_t(plan.stage)];
        row.registered_stage = stage_codes.front();  // the dispatch records move it on
        row.created_by = author;
        row.id = projects_.insert_project(row, format_utc(plan.created));
        const auto event = [&](time_point at, const char* kind, const std::string& text,
                               std::optional<std::string> detail) {
            projects_.insert_event(
                {0, row.id, format_utc(at), kind, author, std::nullopt, text, std::move(detail)});
        };
        event(plan.created, "registered", "", row.source);
        for (int s = 0; s <= plan.stage; ++s) {
            const auto reached = plan.reached[std::size_t(s)];
            const auto planned = reached + days(random_.between(-20, 20));
            projects_.upsert_stage_date(
                row.id,
                {stage_codes[std::size_t(s)], date_of(planned), date_of(reached), std::nullopt},
                format_utc(reached));
        }
        if (plan.stage + 1 < int(stage_codes.size())) {
            // The next stage's plan: most ahead, about one in eight slipping a little (yellow)
            // and one in fourteen badly (red).
            const int slip = random_.below(100);
            const auto planned = today_ + days(slip < 80   ? random_.between(10, 240)
                                               : slip < 93 ? random_.between(-55, -16)
                                                           : random_.between(-120, -61));
            projects_.upsert_stage_date(row.id,
                                        {stage_codes[std::size_t(plan.stage + 1)], date_of(planned),
                                         std::nullopt, std::nullopt},
                                        format_utc(plan.last_update));
        }
        // Dispatch records every two to six weeks, a stage change where one was reached.
        int next_stage = 1;
        for (auto at = plan.created + days(random_.between(7, 20)); at < plan.last_update;
             at += days(random_.between(14, 42))) {
            std::optional<std::string> from;
            std::optional<std::string> to;
            while (next_stage <= plan.stage && plan.reached[std::size_t(next_stage)] <= at) {
                from = from.value_or(stage_codes[std::size_t(next_stage - 1)]);
                to = stage_codes[std::size_t(next_stage)];
                ++next_stage;
            }
            const std::string text = update_texts[std::size_t(random_.below(6))];
            projects_.insert_update({0, row.id, text, from, to, author, format_utc(at)});
            event(at, "updated", text, std::nullopt);
            if (to) {
                event(at, "stage", "", *from + ">" + *to);
            }
        }
        const std::string last_text = "本周调度：按计划推进。";
        projects_.insert_update({0, row.id, last_text,
                                 next_stage <= plan.stage
                                     ? std::optional(stage_codes[std::size_t(next_stage - 1)])
                                     : std::nullopt,
                                 next_stage <= plan.stage ? std::optional(row.stage) : std::nullopt,
                                 author, format_utc(plan.last_update)});
        event(plan.last_update, "updated", last_text, std::nullopt);
        // Funds arrive once a project is registered: a few tranches, at most 60 %.
        constexpr int registered_stage = 3;
        if (plan.stage >= registered_stage) {
            const int tranches = random_.between(1, 2 + plan.stage - registered_stage);
            const auto from = plan.reached[registered_stage];
            const auto step = (plan.last_update - from) / (tranches + 1);
            const auto total = std::stoll(row.investment_total);
            for (int t = 1; t <= tranches; ++t) {
                const auto at = from + step * t;
                const auto amount = total * 6 / 10 / tranches;
                projects_.insert_fund(row.id, {0, std::nullopt, date_of(at), std::to_string(amount),
                                               row.currency, author, format_utc(at)});
                event(at, "funds", "", fmt::format("{} {} {}", date_of(at), amount, row.currency));
            }
        }
        write_procedures(row.id, plan);
        projects_.touch(row.id, format_utc(plan.last_update));
        return row.id;
    }

    // Approvals follow the stage: applied for after signing, the construction permit before the
    // start, the completion acceptance before operation; dated between those stages.
    void write_procedures(std::int64_t project, const demo_project_plan& plan) {
        if (plan.stage < signed_stage) {
            return;
        }
        static constexpr std::array<int, 8> approved_by_stage = {0, 0, 0, 2, 9, 9, 10, 10};
        const auto approved = approved_by_stage[std::size_t(plan.stage)];
        const auto from = plan.reached[signed_stage];
        const auto until =
            plan.stage >= started_stage ? plan.reached[started_stage] : plan.last_update;
        const auto step = (until - from) / int(procedure_codes.size() + 1);
        for (int k = 0; k < int(procedure_codes.size()); ++k) {
            const auto applied = from + step * k;
            const bool done = k < approved;
            // The next two after the approved ones are under way.
            if (!done && (k >= approved + 2 || applied > today_)) {
                break;
            }
            projects_.upsert_procedure(
                project,
                {procedure_codes[std::size_t(k)], done ? "approved" : "in_progress",
                 date_of(applied),
                 done ? std::optional(date_of(applied + step / 2)) : std::nullopt},
                format_utc(applied));
        }
    }

    void sign_at(const demo_event& e, const store::project_row& row) {
        events_.insert_signing({0, e.id, row.id, date_of(e.ends), row.investment_total,
                                row.currency, bureau_, format_utc(e.ends), ""});
    }

    // A leader meeting pushed to one unit. With a project it was reported when the project was
    // registered (late now and then); without one, with a reason, or still open when recent.
    std::int64_t write_meeting(time_point held, const std::string& company,
                               const std::string& topic, std::int64_t unit,
                               std::optional<std::int64_t> project,
                               std::optional<time_point> reported, std::int64_t reporter) {
        const bool outbound = random_.below(2) == 0;
        static constexpr std::array<const char*, 6> outbound_places = {"深圳", "上海", "北京",
                                                                       "首尔", "东京", "法兰克福"};
        store::meeting_row m;
        m.category = outbound ? "outbound" : "reception";
        m.leaders = random_.below(3) == 0 ? std::vector<std::string>{"市主要领导（演示）"}
                                          : std::vector<std::string>{"指挥部副总指挥（演示）",
                                                                     "市商务局局长（演示）"};
        m.held_on = date_of(held);
        m.place = outbound ? outbound_places[std::size_t(random_.below(6))] : "青岛";
        m.company = company;
        m.summary =
            fmt::format("就{}与企业高层会谈，明确合作方向和下一步对接安排（演示）。", topic);
        m.follow_ups = "请承办单位跟进对接，按时填报会见成果。";
        m.created_by = bureau_;
        m.created_at = format_utc(held + std::chrono::hours(20));
        const auto id = meetings_.insert_meeting(m);
        const auto pushed = held + std::chrono::hours(22);
        store::meeting_receipt_row r;
        r.meeting_id = id;
        r.unit_id = unit;
        r.pushed_by = bureau_;
        r.pushed_at = format_utc(pushed);
        r.report_due_at = format_utc(calendar_.add_working_time(
            pushed, rules_.report_within_days * calendar_.working_minutes_per_day()));
        meetings_.insert_receipt(r);
        const auto read = pushed + std::chrono::hours(random_.between(1, 30));
        if (read < today_) {
            meetings_.mark_read(id, unit, reporter, format_utc(read));
        }
        if (reported) {
            r.reported_at = format_utc(std::max(*reported, read));
            r.reported_by = reporter;
            r.project_id = project;
            if (!project) {
                r.no_project_reason = "企业暂无在青投资计划，保持常态联系。";
            }
            meetings_.record_report(r);
        }
        return id;
    }

    // The meeting a project came from, reported when the project was registered.
    void write_meeting(time_point held, const store::project_row& project, time_point registered,
                       const std::string& topic, std::int64_t reporter) {
        const auto id = write_meeting(held, project.company, topic, project.undertaking_unit_id,
                                      project.id, registered, reporter);
        meetings_.link_project(project.id, id);
    }

  private:
    store::project_store projects_;
    store::meeting_store meetings_;
    store::event_store events_;
    calendar::working_calendar calendar_;
    meeting_rules rules_;
    demo_random random_{20210101};
    time_point today_;
    std::int64_t bureau_;
    std::string city_;
    std::vector<demo_event> events_list_;
};

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

store::project_row project_named(const chain_sample& chain, std::size_t variant, int serial,
                                 std::int64_t wan, bool foreign, std::int64_t unit) {
    store::project_row row;
    row.name = fmt::format("{}（演示 {:03d}）", chain.kinds[variant], serial);
    // Two brand syllables by serial, so that no two demo companies look alike to the duplicate
    // check.
    static constexpr std::array<const char*, 16> first = {"华", "海", "瑞", "恒", "中", "青",
                                                          "鲁", "博", "嘉", "泰", "德", "安",
                                                          "宏", "鑫", "盛", "远"};
    static constexpr std::array<const char*, 16> second = {"创", "源", "科", "达", "信", "通",
                                                           "航", "联", "智", "新", "锐", "晟",
                                                           "邦", "康", "润", "峰"};
    row.company = fmt::format("示例{}{}{}{}有限公司", first[std::size_t(serial) % 16],
                              second[std::size_t(serial / 16) % 16], chain.companies[variant],
                              serial % 3 == 0 ? "科技" : "产业");
    row.capital_type = foreign ? "foreign" : "domestic";
    row.currency = foreign ? "USD" : "CNY";
    row.investment_total = std::to_string(wan * 10'000);
    row.industry_code = chain.industry;
    row.undertaking_unit_id = unit;
    return row;
}

// The Yabuli summit's 49 projects, by their stage at the summit and now.
demo_project_plan yabuli_plan(demo_random& random, time_point ends, time_point today, int n) {
    demo_project_plan plan;
    plan.created = ends - days(random.between(20, 80));
    plan.last_update =
        today - days(random.between(0, 8)) - std::chrono::hours(random.between(0, 9));
    plan.reached = {plan.created, plan.created + days(1)};
    const bool signed_there = n < 13;
    if (signed_there) {
        plan.reached.push_back(ends);
        if (n < 6) {  // 3 registered since, and 3 more started after registering
            plan.reached.push_back(ends + days(random.between(60, 150)));
        }
        if (n < 3) {
            plan.reached.push_back(plan.reached.back() + days(random.between(30, 90)));
        }
    } else if (n < 16) {  // 3 of those in talks signed since
        plan.reached.push_back(ends + days(random.between(30, 250)));
    }
    plan.stage = int(plan.reached.size()) - 1;
    return plan;
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
        const auto author_of = [&](const store::unit_row& unit) {
            const auto it =
                authors.find(unit.parent_id && unit.type == "zone" ? *unit.parent_id : unit.id);
            return it == authors.end() ? bureau : it->second;
        };
        const auto author_of_id = [&](std::int64_t unit_id) {
            const auto it = authors.find(unit_id);
            return it == authors.end() ? bureau : it->second;
        };
        const auto investor_row =
            conn.query("SELECT id FROM user_account WHERE login_name = 'investor' AND is_demo = 1");
        const auto investor = investor_row.empty() ? std::optional<std::int64_t>()
                                                   : std::optional(investor_row.integer(0, 0));
        const auto campaigns = dashboard::campaign_codes(city);
        demo_writer city_writer(conn, now.now(), bureau, city);
        auto& random = city_writer.random();
        city_writer.write_events();
        int written = 0;
        const auto follow = [&](store::project_row& row, const chain_sample& chain) {
            row.campaign = (written + 1) % 43 == 1;  // 15 campaign projects, one per campaign
            if (row.campaign && !campaigns.empty()) {
                row.campaign_code = campaigns[std::size_t(written / 43) % campaigns.size()];
            }
            if (is_signed_large(row.investment_total, row.currency, city) || row.campaign) {
                const auto tf = task_forces.find(chain.industry);
                if (tf != task_forces.end()) {
                    row.task_force_unit_id = tf->second;
                }
            }
        };

        // Yabuli: 22 to 30 亿 each (over 1,000 亿 in all), over the districts in turn.
        const auto& yabuli = city_writer.yabuli();
        for (int n = 0; n < 49; ++n) {
            const auto plan = yabuli_plan(random, yabuli.ends, city_writer.today(), n);
            const auto& chain = chains[std::size_t(n) % chains.size()];
            const auto unit = districts[std::size_t(n) % districts.size()];
            auto row = project_named(chain, std::size_t(n % 3), written + 1,
                                     std::int64_t(220'000 + random.below(80'000)), false, unit);
            row.source = "event";
            row.event_id = yabuli.id;
            follow(row, chain);
            city_writer.write_project(row, plan, author_of_id(unit));
            if (n < 3 && investor) {
                // The demo investor follows three of them on the portal.
                store::project_store(conn).add_investor(row.id, *investor, bureau,
                                                        format_utc(plan.created));
            }
            if (plan.stage >= signed_stage && plan.reached[signed_stage] == yabuli.ends) {
                city_writer.sign_at(yabuli, row);
            }
            ++written;
        }

        for (const auto& unit : units) {
            const auto quota = projects_per_unit.find(unit.type);
            if (quota == projects_per_unit.end()) {
                continue;
            }
            const auto author = author_of(unit);
            for (int k = 0; k < quota->second; ++k) {
                auto plan = plan_project(random, city_writer.today());
                const auto& chain = chain_of(unit, random);
                const auto variant = std::size_t(random.below(3));
                const bool foreign = random.below(7) == 0;
                // 0.3 to 27 亿 yuan, skewed small; US dollars at about a seventh.
                const std::int64_t wan = std::int64_t(3000 + random.below(30000)) *
                                         (random.below(5) == 0 ? 8 : 1) * (foreign ? 1 : 7) / 7;
                auto row = project_named(chain, variant, written + 1, wan, foreign, unit.id);
                if (unit.type != "district" && random.below(5) == 0) {
                    row.collaborating_units.push_back(
                        districts[std::size_t(random.below(int(districts.size())))]);
                }
                const int source = random.below(20);
                row.source = source < 7    ? "meeting"
                             : source < 12 ? "event"
                             : source < 17 ? "unit"
                                           : "agency";
                std::optional<demo_event> signed_at;
                if (row.source == "event") {
                    signed_at = city_writer.event_for(plan);
                    if (signed_at) {
                        row.event_id = signed_at->id;
                    } else {
                        row.source = "unit";
                    }
                }
                follow(row, chain);
                city_writer.write_project(row, plan, author);
                if (row.source == "meeting") {
                    // Most units report within the week of the meeting; some are late.
                    const auto held =
                        plan.created -
                        days(random.below(100) < 85 ? random.between(2, 6) : random.between(8, 25));
                    city_writer.write_meeting(held, row, plan.created, chain.kinds[variant],
                                              author);
                }
                if (signed_at && plan.stage >= signed_stage) {
                    city_writer.sign_at(*signed_at, row);
                }
                ++written;
            }
        }

        // Meetings that led to nothing (reported with a reason), and recent ones the districts
        // still have to read or answer.
        for (int n = 0; n < 40; ++n) {
            const bool open = n >= 30;
            const auto unit = districts[std::size_t(n) % districts.size()];
            const auto held =
                city_writer.today() - days(open ? random.between(1, 9) : random.between(30, 700));
            const auto& chain = chains[std::size_t(n) % chains.size()];
            city_writer.write_meeting(
                held, fmt::format("示例{}集团（演示）", chain.companies[1]), chain.kinds[0], unit,
                std::nullopt,
                open ? std::nullopt : std::optional(held + days(random.between(2, 6))),
                author_of_id(unit));
        }
        dashboard::ensure_demo_indicators(conn, now);
        dashboard::recompute_aggregates(conn);
        return written;
    });
}

}  // namespace zhaoyin::service::dispatch
