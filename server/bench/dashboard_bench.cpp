// The leaders' dashboards at scale: a generator of a million key projects and ten million
// dispatch records written straight to a database, and a benchmark of the six modules' service
// functions (which read the incremental aggregates) against the raw SQL of the same figures (a
// full GROUP BY over the base tables). A measurement, not a test: it exits 0 whatever the
// numbers are. server/bench/dashboard_vs_raw.sh runs it; results in docs/performance.md.
//
// Usage:
//   zhaoyin_dashboard_bench generate --db TARGET [--projects N] [--updates M] [--seed S]
//   zhaoyin_dashboard_bench bench --db TARGET [--iterations K] [--raw-iterations R]
// TARGET is a SQLite file or a postgresql:// URL. `generate` migrates and loads the reference
// data, writes the projects and records in batched multi-row INSERTs (one transaction per
// batch), then recomputes the aggregates; each phase's time is printed.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/clock.hpp"
#include "core/time_format.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "service/dashboard/aggregates.hpp"
#include "service/dashboard/city_settings.hpp"
#include "service/dashboard/modules.hpp"
#include "service/identity/accounts.hpp"
#include "service/ranking/rankings.hpp"
#include "service/reference/reference_data.hpp"
#include "store/reference_store.hpp"

namespace zy = zhaoyin;
using namespace std::chrono;

namespace {

struct options {
    std::string mode;
    std::string db;
    std::int64_t projects = 1'000'000;
    std::int64_t updates = 10'000'000;
    unsigned seed = 20261130;
    int iterations = 200;
    int raw_iterations = 10;
};

options parse(int argc, char** argv) {
    options o;
    if (argc < 2) {
        throw std::runtime_error("usage: zhaoyin_dashboard_bench generate|bench --db TARGET ...");
    }
    o.mode = argv[1];
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        const std::string value = argv[i + 1];
        if (key == "--db") {
            o.db = value;
        } else if (key == "--projects") {
            o.projects = std::stoll(value);
        } else if (key == "--updates") {
            o.updates = std::stoll(value);
        } else if (key == "--seed") {
            o.seed = unsigned(std::stoul(value));
        } else if (key == "--iterations") {
            o.iterations = std::stoi(value);
        } else if (key == "--raw-iterations") {
            o.raw_iterations = std::stoi(value);
        } else {
            throw std::runtime_error("unknown option " + key);
        }
    }
    if (o.db.empty()) {
        throw std::runtime_error("--db is required");
    }
    return o;
}

double seconds_since(steady_clock::time_point start) {
    return duration<double>(steady_clock::now() - start).count();
}

// Writes rows in multi-row INSERTs of `per_statement` rows, one transaction per `per_commit`.
class batch_writer {
  public:
    batch_writer(zy::db::database& db, std::string head, std::size_t columns,
                 std::size_t per_statement, std::size_t per_commit)
        : db_(db),
          head_(std::move(head)),
          columns_(columns),
          per_statement_(per_statement),
          per_commit_(per_commit) {}

    void add(std::vector<zy::db::param> row) {
        for (auto& value : row) {
            params_.push_back(std::move(value));
        }
        if (++rows_ == per_statement_) {
            flush_statement();
        }
        if (pending_.size() * per_statement_ >= per_commit_) {
            commit();
        }
    }

    void finish() {
        flush_statement();
        commit();
    }

  private:
    void flush_statement() {
        if (rows_ == 0) {
            return;
        }
        std::string sql = head_;
        std::size_t n = 1;
        for (std::size_t r = 0; r < rows_; ++r) {
            sql += r == 0 ? "(" : ", (";
            for (std::size_t c = 0; c < columns_; ++c) {
                sql += (c == 0 ? "$" : ", $") + std::to_string(n++);
            }
            sql += ")";
        }
        pending_.emplace_back(std::move(sql), std::move(params_));
        params_.clear();
        rows_ = 0;
    }
    void commit() {
        if (pending_.empty()) {
            return;
        }
        db_.transaction([&](zy::db::connection& conn) {
            for (const auto& [sql, params] : pending_) {
                conn.query(sql, params);
            }
        });
        pending_.clear();
    }

    zy::db::database& db_;
    std::string head_;
    std::size_t columns_;
    std::size_t per_statement_;
    std::size_t per_commit_;
    std::vector<zy::db::param> params_;
    std::size_t rows_ = 0;
    std::vector<std::pair<std::string, std::vector<zy::db::param>>> pending_;
};

const std::vector<std::string> stage_codes{"planning", "negotiating", "signed",    "registered",
                                           "started",  "building",    "operating", "full_capacity"};

void generate(const options& o) {
    zy::test_clock now(zy::parse_rfc3339("2026-11-30T09:00:00+08:00").value());
    zy::db::database db(o.db, 2);
    {
        auto conn = db.acquire();
        zy::db::migrate(*conn, now);
    }
    zy::service::reference::load_city(db, "qingdao", now);
    zy::service::identity::seed_security(db, now);
    zy::service::identity::ensure_demo_accounts(db, now, "Bench-password-1");
    std::vector<std::int64_t> units;
    std::vector<std::int64_t> task_forces;
    std::vector<std::string> industries;
    std::int64_t author = 0;
    db.read([&](zy::db::connection& conn) {
        zy::store::reference_store reference(conn);
        for (const auto& u : reference.list_units()) {
            if (u.type == "district" || u.type == "zone" || u.type == "department") {
                units.push_back(u.id);
            }
            if (u.type == "task_force") {
                task_forces.push_back(u.id);
            }
        }
        for (const auto& i : reference.list_industries()) {
            industries.push_back(i.code);
        }
        author = conn.query("SELECT MIN(id) FROM user_account").integer(0, 0);
    });
    const auto campaigns = zy::service::dashboard::campaign_codes("qingdao");
    std::mt19937_64 random(o.seed);
    const auto below = [&](std::int64_t n) { return std::int64_t(random() % std::uint64_t(n)); };
    // Registered between 2025-01-01 and 2026-11-29 (China time).
    const auto first_day = zy::parse_rfc3339("2025-01-01T00:00:00+08:00").value();
    const std::int64_t span_minutes = 698 * 24 * 60;

    auto start = steady_clock::now();
    batch_writer projects(
        db,
        "INSERT INTO project (id, name, company, industry_code, capital_type, investment_total, "
        "currency, undertaking_unit_id, source, signed_large, campaign, campaign_code, "
        "task_force_unit_id, stage, registered_stage, created_by, created_at, updated_at, "
        "last_update_at) VALUES ",
        19, 500, 50'000);
    std::vector<std::int32_t> final_stage(std::size_t(o.projects) + 1);
    std::vector<std::int32_t> created_minute(std::size_t(o.projects) + 1);
    for (std::int64_t id = 1; id <= o.projects; ++id) {
        const bool usd = below(7) == 0;
        const std::int64_t amount = (1 + below(300)) * 10'000'000 / (usd ? 7 : 1);
        const int stage = int(std::min<std::int64_t>(below(9), 7));
        const auto minute = below(span_minutes);
        final_stage[std::size_t(id)] = stage;
        created_minute[std::size_t(id)] = std::int32_t(minute);
        const auto created = zy::format_utc(first_day + minutes(minute));
        const bool campaign = below(40) == 0;
        const auto source = below(10);
        projects.add(
            {id, fmt::format("项目{}", id), fmt::format("公司{}", id),
             industries[std::size_t(below(std::int64_t(industries.size())))],
             usd ? "foreign" : "domestic", std::to_string(amount), usd ? "USD" : "CNY",
             units[std::size_t(below(std::int64_t(units.size())))],
             source < 3   ? "meeting"
             : source < 6 ? "event"
                          : "unit",
             std::int64_t(amount * (usd ? 7 : 1) >= 500'000'000 ? 1 : 0),
             std::int64_t(campaign ? 1 : 0),
             campaign ? zy::db::param(campaigns[std::size_t(below(15))]) : zy::db::param(nullptr),
             below(10) == 0
                 ? zy::db::param(task_forces[std::size_t(below(std::int64_t(task_forces.size())))])
                 : zy::db::param(nullptr),
             stage_codes[std::size_t(stage)], "planning", author, created, created, created});
    }
    projects.finish();
    if (db.kind() == zy::db::engine::postgres) {
        db.read([](zy::db::connection& conn) {
            conn.query(
                "SELECT setval(pg_get_serial_sequence('project', 'id'), MAX(id)) FROM "
                "project");
        });
    }
    std::printf("projects: %lld in %.1f s\n", static_cast<long long>(o.projects),
                seconds_since(start));

    // Dispatch records: each project gets its share; the first ones carry its stage changes
    // from planning up to its stage, in order, after its registration.
    start = steady_clock::now();
    batch_writer updates(db,
                         "INSERT INTO project_update (project_id, text, stage_from, stage_to, "
                         "author_user_id, created_at) VALUES ",
                         6, 1000, 100'000);
    const std::int64_t per_project = std::max<std::int64_t>(1, o.updates / o.projects);
    std::int64_t written = 0;
    for (std::int64_t id = 1; id <= o.projects && written < o.updates; ++id) {
        const auto created = created_minute[std::size_t(id)];
        const auto room = span_minutes - created;
        for (std::int64_t k = 0; k < per_project && written < o.updates; ++k, ++written) {
            const auto at =
                zy::format_utc(first_day + minutes(created + (room * (k + 1)) / (per_project + 1)));
            const bool change = k < final_stage[std::size_t(id)];
            updates.add(
                {id, "本周调度：按计划推进。",
                 change ? zy::db::param(stage_codes[std::size_t(k)]) : zy::db::param(nullptr),
                 change ? zy::db::param(stage_codes[std::size_t(k + 1)]) : zy::db::param(nullptr),
                 author, at});
        }
    }
    updates.finish();
    std::printf("updates: %lld in %.1f s\n", static_cast<long long>(written), seconds_since(start));

    start = steady_clock::now();
    db.transaction(
        [](zy::db::connection& conn) { zy::service::dashboard::recompute_aggregates(conn); });
    if (db.kind() == zy::db::engine::postgres) {
        db.read([](zy::db::connection& conn) { conn.query("ANALYZE"); });
    }
    const auto rows = db.read([](zy::db::connection& conn) {
        return conn.query("SELECT COUNT(*) FROM dashboard_total").integer(0, 0);
    });
    std::printf("aggregates recomputed: %lld rows in %.1f s\n", static_cast<long long>(rows),
                seconds_since(start));
}

struct timings {
    std::vector<double> ms;
    double percentile(double p) {
        std::sort(ms.begin(), ms.end());
        if (ms.empty()) {
            return 0;
        }
        return ms[std::min(ms.size() - 1, std::size_t(p * double(ms.size())))];
    }
};

timings measure(int n, const std::function<void()>& work) {
    timings t;
    for (int i = 0; i < n; ++i) {
        const auto start = steady_clock::now();
        work();
        t.ms.push_back(duration<double, std::milli>(steady_clock::now() - start).count());
    }
    return t;
}

// The same figures as each module, from the base tables. Period 2026 by registration time.
const std::map<std::string, std::vector<std::string>> raw_sql{
    {"overview",
     {"SELECT p.undertaking_unit_id, COUNT(*), SUM(CAST(p.investment_total AS DECIMAL)) FROM "
      "project p JOIN stage s ON s.code = p.stage WHERE p.merged_into IS NULL AND p.created_at "
      ">= '2025-12-31T16:00:00.000Z' AND p.created_at < '2026-12-31T16:00:00.000Z' AND "
      "p.signed_large = 1 AND s.position >= 3 GROUP BY p.undertaking_unit_id",
      "SELECT p.undertaking_unit_id, COUNT(*), SUM(CAST(p.investment_total AS DECIMAL)) FROM "
      "project p WHERE p.merged_into IS NULL AND p.created_at >= '2025-12-31T16:00:00.000Z' AND "
      "p.created_at < '2026-12-31T16:00:00.000Z' GROUP BY p.undertaking_unit_id",
      "SELECT p.task_force_unit_id, COUNT(*) FROM project p WHERE p.merged_into IS NULL AND "
      "p.created_at >= '2025-12-31T16:00:00.000Z' AND p.created_at < "
      "'2026-12-31T16:00:00.000Z' AND p.task_force_unit_id IS NOT NULL GROUP BY "
      "p.task_force_unit_id",
      "SELECT p.campaign_code, COUNT(*) FROM project p WHERE p.merged_into IS NULL AND "
      "p.created_at >= '2025-12-31T16:00:00.000Z' AND p.created_at < "
      "'2026-12-31T16:00:00.000Z' AND p.campaign_code IS NOT NULL GROUP BY p.campaign_code"}},
    {"sources",
     {"SELECT CASE WHEN p.source = 'meeting' AND m.category IS NOT NULL THEN 'meeting_' || "
      "m.category WHEN p.source = 'event' THEN 'event' ELSE 'other' END, COUNT(*), "
      "SUM(CAST(p.investment_total AS DECIMAL)) FROM project p LEFT JOIN meeting m ON m.id = "
      "p.meeting_id WHERE p.merged_into IS NULL AND p.created_at >= "
      "'2025-12-31T16:00:00.000Z' AND p.created_at < '2026-12-31T16:00:00.000Z' GROUP BY 1",
      "SELECT p.event_id, COUNT(*) FROM project p WHERE p.merged_into IS NULL AND p.created_at "
      ">= '2025-12-31T16:00:00.000Z' AND p.created_at < '2026-12-31T16:00:00.000Z' AND "
      "p.event_id IS NOT NULL GROUP BY p.event_id"}},
    {"undertaking",
     {"SELECT p.undertaking_unit_id, p.currency, COUNT(*), SUM(CAST(p.investment_total AS "
      "DECIMAL)), SUM(f.amount) FROM project p LEFT JOIN (SELECT project_id, SUM(CAST(amount AS "
      "DECIMAL)) AS amount FROM fund_arrival GROUP BY project_id) f ON f.project_id = p.id "
      "WHERE p.merged_into IS NULL AND p.created_at >= '2025-12-31T16:00:00.000Z' AND "
      "p.created_at < '2026-12-31T16:00:00.000Z' GROUP BY p.undertaking_unit_id, p.currency"}},
    {"stages",
     {"SELECT p.stage, p.currency, COUNT(*), SUM(CAST(p.investment_total AS DECIMAL)) FROM "
      "project p WHERE p.merged_into IS NULL AND p.created_at >= '2025-12-31T16:00:00.000Z' AND "
      "p.created_at < '2026-12-31T16:00:00.000Z' GROUP BY p.stage, p.currency",
      "SELECT SUBSTR(u.created_at, 1, 7), u.stage_from, u.stage_to, COUNT(DISTINCT "
      "u.project_id) FROM project_update u JOIN project p ON p.id = u.project_id WHERE "
      "p.merged_into IS NULL AND u.stage_to IS NOT NULL AND u.created_at >= "
      "'2025-12-31T16:00:00.000Z' AND u.created_at < '2026-12-31T16:00:00.000Z' GROUP BY 1, 2, "
      "3"}},
    {"industries",
     {"SELECT p.industry_code, p.currency, COUNT(*), SUM(CAST(p.investment_total AS DECIMAL)) "
      "FROM project p WHERE p.merged_into IS NULL AND p.created_at >= "
      "'2025-12-31T16:00:00.000Z' AND p.created_at < '2026-12-31T16:00:00.000Z' GROUP BY "
      "p.industry_code, p.currency"}},
    // The ranking's project figures of the current quarter (2026-Q4): projects handled, and the
    // first entries into signed, registered and started with their amounts.
    {"ranking",
     {"SELECT undertaking_unit_id, COUNT(*) FROM project WHERE created_at >= "
      "'2026-09-30T16:00:00.000Z' AND created_at < '2026-12-31T16:00:00.000Z' GROUP BY "
      "undertaking_unit_id",
      "SELECT p.undertaking_unit_id, e.stage_to, p.currency, COUNT(*), "
      "SUM(CAST(p.investment_total AS DECIMAL)) FROM (SELECT u.project_id, u.stage_to, "
      "MIN(u.created_at) AS first_at FROM project_update u WHERE u.stage_to IN ('signed', "
      "'registered', 'started') GROUP BY u.project_id, u.stage_to) e JOIN project p ON p.id = "
      "e.project_id WHERE p.merged_into IS NULL AND e.first_at >= '2026-09-30T16:00:00.000Z' "
      "AND e.first_at < '2026-12-31T16:00:00.000Z' GROUP BY 1, 2, 3"}},
};

// The dashboard's ranking module: the live ranking of the current quarter and its snapshot.
boost::json::object ranking_module(zy::db::database& db,
                                   const zy::service::dashboard::module_request& request) {
    const auto found = zy::service::ranking::dashboard_module(db, request);
    return zy::service::ranking::results_json(found.live, found.view);
}

void bench(const options& o) {
    zy::test_clock now(zy::parse_rfc3339("2026-11-30T09:00:00+08:00").value());
    zy::db::database db(o.db, 2);
    zy::service::identity::principal bureau;
    bureau.user_id = 1;
    bureau.scope = zy::service::identity::scope_kind::all;
    zy::service::identity::principal district;
    district.user_id = 2;
    district.scope = zy::service::identity::scope_kind::unit_tree;
    district.scope_units = db.read([](zy::db::connection& conn) {
        std::set<std::int64_t> out;
        const auto res = conn.query(
            "SELECT id FROM unit WHERE code = '370214' OR parent_id = (SELECT id FROM unit WHERE "
            "code = '370214')");
        for (std::size_t r = 0; r < res.size(); ++r) {
            out.insert(res.integer(r, 0));
        }
        return out;
    });
    using module_fn =
        boost::json::object (*)(zy::db::database&, const zy::service::dashboard::module_request&);
    const std::vector<std::pair<std::string, module_fn>> modules{
        {"overview", zy::service::dashboard::overview},
        {"sources", zy::service::dashboard::sources},
        {"undertaking", zy::service::dashboard::undertaking},
        {"stages", zy::service::dashboard::stages},
        {"industries", zy::service::dashboard::industries},
        {"ranking", ranking_module}};
    std::printf("%-12s %-9s %10s %10s %12s %12s %8s\n", "module", "caller", "p50 ms", "p99 ms",
                "raw p50 ms", "raw p99 ms", "ratio");
    for (const auto& [name, module] : modules) {
        auto raw = measure(o.raw_iterations, [&, n = name] {
            db.read([&](zy::db::connection& conn) {
                for (const auto& sql : raw_sql.at(n)) {
                    conn.query(sql);
                }
            });
        });
        const auto raw50 = raw.percentile(0.5);
        const auto raw99 = raw.percentile(0.99);
        for (const auto& [caller, who] :
             {std::pair{"bureau", &bureau}, std::pair{"district", &district}}) {
            // The ranking is of the current quarter, the other modules of the year.
            zy::service::dashboard::dashboard_query query;
            query.period = name == "ranking" ? "2026-Q4" : "2026";
            const zy::service::dashboard::module_request request{now, *who, query, "qingdao",
                                                                 zy::language::zh_cn};
            auto t = measure(o.iterations, [&, m = module] { m(db, request); });
            const auto p50 = t.percentile(0.5);
            std::printf("%-12s %-9s %10.2f %10.2f %12.1f %12.1f %8.0f\n", name.c_str(), caller, p50,
                        t.percentile(0.99), raw50, raw99, raw50 / std::max(p50, 0.001));
        }
    }
    // stage_entries, the rankings engine's reader, for a year.
    auto entries = measure(o.iterations, [&] {
        db.read([](zy::db::connection& conn) {
            zy::service::dashboard::stage_entries(conn, "2026-01-01", "2026-12-31");
        });
    });
    std::printf("%-12s %-9s %10.2f %10.2f\n", "stage_entries", "-", entries.percentile(0.5),
                entries.percentile(0.99));
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const auto o = parse(argc, argv);
        if (o.mode == "generate") {
            generate(o);
        } else if (o.mode == "bench") {
            bench(o);
        } else {
            throw std::runtime_error("mode must be generate or bench");
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "zhaoyin_dashboard_bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
