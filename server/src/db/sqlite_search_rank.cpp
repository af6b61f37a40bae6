#include "db/sqlite_search_rank.hpp"

#include <sqlite3.h>

#include <stdexcept>
#include <vector>

namespace zhaoyin::db {
namespace {

double saturated(int hits) {
    constexpr double k1 = 1.2;
    return hits == 0 ? 0.0 : double(hits) * (k1 + 1.0) / (double(hits) + k1);
}

void hits_rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc,
               sqlite3_value** argv) {
    const double title_weight = argc > 0 ? sqlite3_value_double(argv[0]) : 1.0;
    const double body_weight = argc > 1 ? sqlite3_value_double(argv[1]) : 1.0;
    const int phrases = api->xPhraseCount(fts);
    std::vector<int> hits(std::size_t(phrases) * 2, 0);
    int instances = 0;
    if (const int rc = api->xInstCount(fts, &instances); rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    for (int i = 0; i < instances; ++i) {
        int phrase = 0;
        int column = 0;
        int offset = 0;
        if (const int rc = api->xInst(fts, i, &phrase, &column, &offset); rc != SQLITE_OK) {
            sqlite3_result_error_code(ctx, rc);
            return;
        }
        if (column == 0 || column == 1) {
            ++hits[std::size_t(phrase) * 2 + std::size_t(column)];
        }
    }
    double score = 0;
    for (int p = 0; p < phrases; ++p) {
        score += title_weight * saturated(hits[std::size_t(p) * 2]) +
                 body_weight * saturated(hits[std::size_t(p) * 2 + 1]);
    }
    sqlite3_result_double(ctx, score);
}

fts5_api* fts5_of(sqlite3* db) {
    fts5_api* api = nullptr;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) {
        return nullptr;
    }
    sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    return api;
}

}  // namespace

void register_search_rank(sqlite3* db) {
    fts5_api* api = fts5_of(db);
    if (api == nullptr || api->iVersion < 2 ||
        api->xCreateFunction(api, "hits_rank", nullptr, &hits_rank, nullptr) != SQLITE_OK) {
        throw std::runtime_error("SQLite without FTS5: search cannot rank");
    }
}

}  // namespace zhaoyin::db
