// Search latency against the bare full-text query, on 100,000 generated policy and news
// documents (a deterministic generator over a realistic vocabulary). For each query: search::find
// (analysis, filters and scope, the candidate cap, ranking, a page of 10 and its snippets) and
// the raw query (FTS5 MATCH / tsvector @@ ORDER BY rank LIMIT 10) in the same run, alternating,
// p50 and p99 of each and their ratio. Run through server/bench/search_vs_raw.sh.
//
// Usage: zhaoyin_search_bench --db PATH|postgresql://… [--docs 100000] [--runs 200]
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "search/analyzer.hpp"
#include "search/document_index.hpp"
#include "search/search.hpp"
#include "store/search_store.hpp"

namespace {

using namespace zhaoyin;
using steady = std::chrono::steady_clock;

const std::vector<std::string> regions_zh{"青岛市", "市南区",     "市北区", "黄岛区",    "崂山区",
                                          "李沧区", "城阳区",     "即墨区", "胶州市",    "平度市",
                                          "莱西市", "西海岸新区", "高新区", "上合示范区"};
const std::vector<std::string> region_codes{"370200", "370202", "370203", "370211", "370212",
                                            "370213", "370214", "370215", "370281", "370283",
                                            "370285", "370211", "370200", "370281"};
const std::vector<std::string> industries{
    "集成电路", "人工智能", "生物医药",   "新能源汽车", "低空经济", "氢能",     "光伏", "储能",
    "海洋经济", "港口物流", "跨境电商",   "智能家电",   "新材料",   "现代轻工", "软件", "金融",
    "文旅",     "智能装备", "工业互联网", "医疗器械",   "纺织服装", "食品饮料", "航运", "冷链物流"};
const std::vector<std::string> subjects{"人才",     "用地",     "电价",     "研发费用", "外资",
                                        "招商引资", "厂房租金", "融资担保", "技术改造", "首台套",
                                        "专精特新", "总部企业", "孵化器",   "人才公寓", "社保",
                                        "税收",     "进出口",   "物流"};
const std::vector<std::string> actions{"补贴", "奖励", "扶持", "补助",
                                       "减免", "支持", "优惠", "保障"};
const std::vector<std::string> doc_kinds{"若干政策", "实施细则", "管理办法", "行动方案",
                                         "若干措施", "实施意见", "工作方案", "申报指南"};
const std::vector<std::string> news_verbs{"召开", "举办", "发布", "签约",
                                          "启动", "开工", "揭牌", "通过"};
const std::vector<std::string> sentences{
    "对新引进的企业按实际投资额给予一定比例的奖励，单个项目最高不超过一千万元。",
    "符合条件的企业可向所在区市商务部门提出申请，经审核后拨付资金。",
    "本政策自发布之日起施行，有效期三年，由市商务局负责解释。",
    "鼓励企业加大研发投入，对研发费用增长部分给予补助。",
    "优先保障重点项目用地，工业用地可采取弹性年期出让。",
    "对引进的高层次人才给予安家补贴和生活补贴，人才子女入学予以保障。",
    "推动产业链上下游协同发展，打造具有竞争力的产业集群。",
    "会议强调，要持续优化营商环境，提升企业服务水平。",
    "项目建成后预计年产值超过五十亿元，带动就业两千余人。",
    "Foreign-invested enterprises enjoy the same support as domestic enterprises.",
    "The electricity price for general industry and commerce is set by the city.",
    "Talent subsidies are paid within thirty working days of an approved application."};

template <typename T>
const T& pick(std::mt19937& rng, const std::vector<T>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}

store::document_source generated(std::mt19937& rng, std::int64_t id) {
    store::document_source d;
    d.id = id;
    d.status = "published";
    d.unit_id = 1;
    const auto r = std::uniform_int_distribution<std::size_t>(0, regions_zh.size() - 1)(rng);
    const auto& industry = pick(rng, industries);
    const auto& subject = pick(rng, subjects);
    const auto& action = pick(rng, actions);
    const bool policy = id % 3 != 0;
    d.type = policy ? "policy" : "news";
    d.region = region_codes[r];
    if (policy) {
        d.dimension = subject == "人才" || subject == "人才公寓" ? "talent" : "investment_policy";
        d.title =
            regions_zh[r] + "支持" + industry + "产业" + subject + action + pick(rng, doc_kinds);
    } else {
        d.title = regions_zh[r] + industry + "产业" + pick(rng, news_verbs) + "，" + subject +
                  action + "政策落地见效";
    }
    std::string body = "<p>为加快" + industry + "产业发展，" + regions_zh[r] + "对" + subject +
                       "给予" + action + "。";
    const int count = std::uniform_int_distribution<int>(3, 7)(rng);
    for (int i = 0; i < count; ++i) {
        body += pick(rng, sentences);
    }
    d.body_html = body + "</p>";
    d.details = "{}";
    d.effective_on = "2024-01-01";
    d.updated_at = "2026-11-01T00:00:00.000Z";
    return d;
}

void load(db::database& database, std::int64_t docs) {
    std::mt19937 rng(20261126);
    const auto started = steady::now();
    const std::int64_t batch = 2000;
    for (std::int64_t from = 1; from <= docs; from += batch) {
        database.transaction([&](db::connection& conn) {
            store::search_store index(conn);
            for (std::int64_t id = from; id < std::min(docs + 1, from + batch); ++id) {
                index.put(search::document_entry(generated(rng, id)), "2026-11-01T00:00:00.000Z");
            }
        });
    }
    std::cout << fmt::format("indexed {} documents in {:.1f} s\n", docs,
                             std::chrono::duration<double>(steady::now() - started).count());
}

double percentile(std::vector<double> samples, double p) {
    std::sort(samples.begin(), samples.end());
    const auto at = std::size_t(p * double(samples.size() - 1) + 0.5);
    return samples[std::min(at, samples.size() - 1)];
}

struct measured {
    std::vector<double> ours;
    std::vector<double> raw;
};

double millis_since(steady::time_point t) {
    return std::chrono::duration<double, std::milli>(steady::now() - t).count();
}

measured measure(db::connection& conn, const std::vector<std::string>& queries, int runs) {
    measured out;
    const auto now = system_clock_source().now();
    for (const auto& q : queries) {
        search::search_request request;
        request.q = q;
        request.page_size = 10;
        const auto analysed = search::analyse_query(q);
        std::vector<store::match_group> match;
        for (const auto& clause : analysed.clauses) {
            match.push_back({clause.any, clause.prefix});
        }
        store::search_store index(conn);
        std::int64_t total = 0;
        bool capped = false;
        for (int i = 0; i < runs + 5; ++i) {
            auto t = steady::now();
            const auto page = search::find(conn, now, nullptr, request);
            const auto ours = millis_since(t);
            t = steady::now();
            index.raw_top(match, 10);
            const auto raw = millis_since(t);
            if (i >= 5) {  // the first runs warm the caches
                out.ours.push_back(ours);
                out.raw.push_back(raw);
            }
            total = page.total;
            capped = page.capped;
        }
        std::cout << fmt::format("  {:<20} matches ranked {:>5}{}\n", q, total,
                                 capped ? " (capped)" : "");
    }
    return out;
}

void report(const std::string& name, const measured& m) {
    const auto p50 = percentile(m.ours, 0.50), p99 = percentile(m.ours, 0.99);
    const auto r50 = percentile(m.raw, 0.50), r99 = percentile(m.raw, 0.99);
    std::cout << fmt::format(
        "{:<8} search p50 {:7.3f} ms p99 {:7.3f} ms | raw p50 {:7.3f} ms p99 {:7.3f} ms | "
        "ratio p50 {:.2f} p99 {:.2f}\n",
        name, p50, p99, r50, r99, p50 / r50, p99 / r99);
}

}  // namespace

int main(int argc, char** argv) {
    std::string target;
    std::int64_t docs = 100000;
    int runs = 200;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--db") {
            target = argv[i + 1];
        } else if (flag == "--docs") {
            docs = std::stoll(argv[i + 1]);
        } else if (flag == "--runs") {
            runs = std::stoi(argv[i + 1]);
        }
    }
    if (target.empty()) {
        std::cerr << "usage: zhaoyin_search_bench --db PATH|postgresql://… [--docs N] [--runs N]\n";
        return 2;
    }
    db::database database(target, 1);
    const system_clock_source clock;
    database.read([&](db::connection& conn) { db::migrate(conn, clock); });
    load(database, docs);
    if (database.kind() == db::engine::postgres) {
        database.read([](db::connection& conn) { conn.query("ANALYZE search_entries"); });
    }
    const std::vector<std::string> typical{
        "集成电路 政策", "人才 补贴", "西海岸 用地", "electricity price", "港口物流",
        "崂山 人才公寓", "商引",      "首台套 奖励", "氢能 扶持",         "talent subsidy"};
    const std::vector<std::string> common{"政策", "企业", "青岛", "产业", "支持"};
    auto conn = database.acquire();
    std::cout << db::engine_name(database.kind()) << ", typical queries:\n";
    const auto t = measure(*conn, typical, runs);
    std::cout << "very common terms:\n";
    const auto c = measure(*conn, common, runs / 4);
    report("typical", t);
    report("common", c);
    return 0;
}
