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
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/clock.hpp"
#include "core/embedded.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "search/analyzer.hpp"
#include "search/document_index.hpp"
#include "search/search.hpp"
#include "store/search_store.hpp"

namespace {

using namespace zhaoyin;
namespace json = boost::json;
using steady = std::chrono::steady_clock;

const std::vector<std::string> regions_zh{"青岛市", "市南区",     "市北区", "黄岛区",    "崂山区",
                                          "李沧区", "城阳区",     "即墨区", "胶州市",    "平度市",
                                          "莱西市", "西海岸新区", "高新区", "上合示范区"};
const std::vector<std::string> region_codes{"370200", "370202", "370203", "370211", "370212",
                                            "370213", "370214", "370215", "370281", "370283",
                                            "370285", "370211", "370200", "370281"};
const std::vector<std::string> doc_kinds{"若干政策", "实施细则", "管理办法", "行动方案",
                                         "若干措施", "实施意见", "工作方案", "申报指南"};
const std::vector<std::string> news_verbs{"召开", "举办", "发布", "签约",
                                          "启动", "开工", "揭牌", "通过"};

// The generated corpus. Real policy collections are long-tailed: a few words (政策, 企业, 青岛)
// are in nearly every document, an industry or a subsidy in a few percent, most terms in few.
// So every document is built from two sources, both deterministic (a fixed seed):
// - sentences of the city's 126 demo documents (data/cities/qingdao/content/*.json: titles,
//   summaries, bodies and their English text, split at sentence ends; 431 sentences), 2–6 a body,
//   picked uniformly;
// - terms of the search dictionary (data/search/dictionary.txt: policy, industry and place
//   terms), drawn from a Zipf distribution (weight 1/rank) over the dictionary in an order
//   shuffled once with the fixed seed, so which terms are common is not chosen by hand. A title
//   holds two or three terms, a body two to five short sentences of two terms each.
struct corpus_source {
    std::vector<std::string> sentences;
    std::vector<std::string> terms;
    std::discrete_distribution<std::size_t> zipf;
};

// The sentences of a text, split after 。！？； and after ". ".
void add_sentences(std::string_view text, std::vector<std::string>& out) {
    std::string sentence;
    const auto flush = [&] {
        while (!sentence.empty() && sentence.front() == ' ') {
            sentence.erase(0, 1);
        }
        if (search::character_count(sentence) >= 6) {
            out.push_back(sentence);
        }
        sentence.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        sentence += text[i];
        for (std::string_view end : {"。", "！", "？", "；"}) {
            if (sentence.ends_with(end)) {
                flush();
            }
        }
        if (text[i] == '.' && i + 1 < text.size() && text[i + 1] == ' ') {
            flush();
        }
    }
    flush();
}

corpus_source read_corpus_source(std::mt19937& rng) {
    corpus_source out;
    for (const char* name : {"policies", "news", "regulations", "directory", "lounge", "costs"}) {
        const auto file =
            json::parse(embedded_data_file(fmt::format("cities/qingdao/content/{}.json", name)));
        for (const auto& value : file.at("documents").as_array()) {
            const auto& d = value.as_object();
            for (const char* field :
                 {"title", "summary", "body_html", "title_en", "summary_en", "body_html_en"}) {
                if (const auto* text = d.if_contains(field); text != nullptr && text->is_string()) {
                    add_sentences(search::plain_text(text->get_string()), out.sentences);
                }
            }
        }
    }
    std::sort(out.sentences.begin(), out.sentences.end());
    out.sentences.erase(std::unique(out.sentences.begin(), out.sentences.end()),
                        out.sentences.end());
    std::istringstream lines{std::string(embedded_data_file("search/dictionary.txt"))};
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty() && line.front() != '#') {
            out.terms.push_back(line);
        }
    }
    std::shuffle(out.terms.begin(), out.terms.end(), rng);
    std::vector<double> weights;
    for (std::size_t rank = 1; rank <= out.terms.size(); ++rank) {
        weights.push_back(1.0 / double(rank));
    }
    out.zipf = std::discrete_distribution<std::size_t>(weights.begin(), weights.end());
    return out;
}

template <typename T>
const T& pick(std::mt19937& rng, const std::vector<T>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}

const std::string& term(std::mt19937& rng, corpus_source& source) {
    return source.terms[source.zipf(rng)];
}

// A short sentence of two Zipf terms.
std::string term_sentence(std::mt19937& rng, corpus_source& source) {
    const auto& a = term(rng, source);
    const auto& b = term(rng, source);
    switch (std::uniform_int_distribution<int>(0, 2)(rng)) {
        case 0:
            return "对" + a + "领域的" + b + "项目按规定给予支持。";
        case 1:
            return "推动" + a + "与" + b + "协同发展。";
        default:
            return a + "相关事项纳入" + b + "工作重点。";
    }
}

store::document_source generated(std::mt19937& rng, corpus_source& source, std::int64_t id) {
    store::document_source d;
    d.id = id;
    d.status = "published";
    d.unit_id = 1;
    const auto r = std::uniform_int_distribution<std::size_t>(0, regions_zh.size() - 1)(rng);
    const bool policy = id % 3 != 0;
    d.type = policy ? "policy" : "news";
    d.region = region_codes[r];
    const auto& first = term(rng, source);
    const auto& second = term(rng, source);
    if (policy) {
        d.dimension = first == "人才" || second == "人才" ? "talent" : "investment_policy";
        d.title = regions_zh[r] + "关于支持" + first + second + pick(rng, doc_kinds);
    } else {
        d.title = regions_zh[r] + first + pick(rng, news_verbs) + "，" + second + "项目" +
                  term(rng, source);
    }
    std::string body = "<p>";
    const int sentences = std::uniform_int_distribution<int>(2, 6)(rng);
    const int terms = std::uniform_int_distribution<int>(2, 5)(rng);
    for (int i = 0; i < std::max(sentences, terms); ++i) {
        if (i < sentences) {
            body += pick(rng, source.sentences);
        }
        if (i < terms) {
            body += term_sentence(rng, source);
        }
    }
    d.body_html = body + "</p>";
    d.details = "{}";
    d.effective_on = "2024-01-01";
    d.updated_at = "2026-11-01T00:00:00.000Z";
    return d;
}

void load(db::database& database, std::int64_t docs) {
    std::mt19937 rng(20261126);
    auto source = read_corpus_source(rng);
    std::cout << fmt::format("corpus: {} sentences of the demo documents, {} dictionary terms\n",
                             source.sentences.size(), source.terms.size());
    const auto started = steady::now();
    const std::int64_t batch = 500;
    for (std::int64_t from = 1; from <= docs; from += batch) {
        std::vector<store::search_entry> entries;
        for (std::int64_t id = from; id < std::min(docs + 1, from + batch); ++id) {
            entries.push_back(search::document_entry(generated(rng, source, id)));
        }
        database.transaction([&](db::connection& conn) {
            store::search_store(conn).put_all(entries, "2026-11-01T00:00:00.000Z");
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
        const auto matches = index.raw_top(match, 1000000).size();
        std::int64_t total = 0;
        bool capped = false;
        measured mine;
        for (int i = 0; i < runs + 5; ++i) {
            auto t = steady::now();
            const auto page = search::find(conn, now, nullptr, request);
            const auto ours = millis_since(t);
            t = steady::now();
            index.raw_top(match, 10);
            const auto raw = millis_since(t);
            if (i >= 5) {  // the first runs warm the caches
                mine.ours.push_back(ours);
                mine.raw.push_back(raw);
            }
            total = page.total;
            capped = page.capped;
        }
        std::cout << fmt::format(
            "  {:<20} matches {:>6}, ranked {:>5}{:<9} | search p50 {:6.2f} p99 {:6.2f} | raw p50 "
            "{:6.2f} p99 {:6.2f} ms\n",
            q, matches, total, capped ? " (capped)" : "", percentile(mine.ours, 0.5),
            percentile(mine.ours, 0.99), percentile(mine.raw, 0.5), percentile(mine.raw, 0.99));
        out.ours.insert(out.ours.end(), mine.ours.begin(), mine.ours.end());
        out.raw.insert(out.raw.end(), mine.raw.begin(), mine.raw.end());
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
    std::vector<std::string> only;  // --query, repeatable: these queries instead of the sets
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--db") {
            target = argv[i + 1];
        } else if (flag == "--docs") {
            docs = std::stoll(argv[i + 1]);
        } else if (flag == "--runs") {
            runs = std::stoi(argv[i + 1]);
        } else if (flag == "--query") {
            only.emplace_back(argv[i + 1]);
        }
    }
    if (target.empty()) {
        std::cerr << "usage: zhaoyin_search_bench --db PATH|postgresql://… [--docs N] [--runs N] "
                     "[--query Q]...\n";
        return 2;
    }
    db::database database(target, 1);
    const system_clock_source clock;
    database.read([&](db::connection& conn) { db::migrate(conn, clock); });
    // A database the benchmark filled before is measured again as it is (an existing SQLite file).
    const auto indexed =
        database.read([](db::connection& conn) { return store::search_store(conn).count(); });
    if (indexed == 0) {
        load(database, docs);
    } else {
        std::cout << fmt::format("measuring the {} documents already indexed\n", indexed);
    }
    if (database.kind() == db::engine::postgres) {
        // As autovacuum would after a load: statistics for the planner, hint bits set.
        database.read([](db::connection& conn) {
            conn.execute_script("VACUUM ANALYZE search_entries, search_entry_filters");
        });
    }
    const std::vector<std::string> typical{
        "集成电路 政策", "人才 补贴", "西海岸 用地", "electricity price", "港口物流",
        "崂山 人才公寓", "商引",      "首台套 奖励", "氢能 扶持",         "talent subsidy"};
    const std::vector<std::string> common{"政策", "企业", "青岛", "产业", "支持"};
    auto conn = database.acquire();
    if (!only.empty()) {
        report("query", measure(*conn, only, runs));
        return 0;
    }
    std::cout << db::engine_name(database.kind()) << ", typical queries:\n";
    const auto t = measure(*conn, typical, runs);
    std::cout << "very common terms:\n";
    const auto c = measure(*conn, common, std::max(1, runs / 4));
    report("typical", t);
    report("common", c);
    return 0;
}
