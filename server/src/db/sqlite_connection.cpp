#include <sqlite3.h>

#include <unordered_map>

#include "db/connection.hpp"
#include "db/sqlite_search_rank.hpp"

namespace zhaoyin::db {
namespace {

error::kind kind_of(int extended_code) {
    switch (extended_code) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            return error::kind::unique_violation;
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            return error::kind::foreign_key_violation;
        case SQLITE_CONSTRAINT_CHECK:
        case SQLITE_CONSTRAINT_NOTNULL:
            return error::kind::check_violation;
        default:
            return error::kind::other;
    }
}

class sqlite_connection final : public connection {
  public:
    explicit sqlite_connection(const std::string& path) {
        const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
        if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
            std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw error(error::kind::other, "cannot open SQLite database " + path + ": " + why);
        }
        sqlite3_extended_result_codes(db_, 1);
        sqlite3_busy_timeout(db_, 10000);
        execute_script("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
        // Reads through a memory map share the operating system's page cache instead of copying
        // each page into the connection's small cache (2 MB by default): a search over 100,000
        // documents read the same index pages again on every query (docs/performance.md).
        execute_script("PRAGMA mmap_size=1073741824;");
        register_search_rank(db_);
    }

    ~sqlite_connection() override {
        for (auto& [sql, stmt] : statements_) {
            sqlite3_finalize(stmt);
        }
        sqlite3_close(db_);
    }

    using connection::query;
    engine kind() const override { return engine::sqlite; }

    result query(std::string_view sql, std::span<const param> params) override {
        sqlite3_stmt* stmt = prepare(sql);
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
        for (std::size_t i = 0; i < params.size(); ++i) {
            bind(stmt, int(i + 1), params[i]);
        }
        result out;
        const int columns = sqlite3_column_count(stmt);
        out.columns.reserve(std::size_t(columns));
        for (int c = 0; c < columns; ++c) {
            out.columns.emplace_back(sqlite3_column_name(stmt, c));
        }
        for (;;) {
            const int rc = sqlite3_step(stmt);
            if (rc == SQLITE_DONE) {
                break;
            }
            if (rc != SQLITE_ROW) {
                const int extended = sqlite3_extended_errcode(db_);
                std::string why = sqlite3_errmsg(db_);
                sqlite3_reset(stmt);
                throw error(kind_of(extended), "SQLite: " + why);
            }
            auto& row = out.rows.emplace_back();
            row.reserve(std::size_t(columns));
            for (int c = 0; c < columns; ++c) {
                if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
                    row.emplace_back(std::nullopt);
                } else {
                    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                    row.emplace_back(std::string(text, std::size_t(sqlite3_column_bytes(stmt, c))));
                }
            }
        }
        out.affected = sqlite3_changes(db_);
        sqlite3_reset(stmt);
        return out;
    }

    void execute_script(std::string_view sql) override {
        char* message = nullptr;
        const std::string text(sql);
        if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            const int extended = sqlite3_extended_errcode(db_);
            std::string why = message ? message : "unknown error";
            sqlite3_free(message);
            throw error(kind_of(extended), "SQLite: " + why);
        }
    }

    void begin() override { execute_script("BEGIN IMMEDIATE"); }
    void commit() override { execute_script("COMMIT"); }
    void rollback() override {
        if (in_transaction()) {
            execute_script("ROLLBACK");
        }
    }
    bool in_transaction() override { return sqlite3_get_autocommit(db_) == 0; }
    bool healthy() override {
        try {
            query("SELECT 1");
            return true;
        } catch (const error&) {
            return false;
        }
    }

  private:
    sqlite3_stmt* prepare(std::string_view sql) {
        const std::string key(sql);
        if (const auto found = statements_.find(key); found != statements_.end()) {
            return found->second;
        }
        const std::string rewritten = sqlite_placeholders(sql);
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v3(db_, rewritten.c_str(), int(rewritten.size()),
                               SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
            throw error(error::kind::other,
                        std::string("SQLite prepare: ") + sqlite3_errmsg(db_) + " in: " + key);
        }
        statements_.emplace(key, stmt);
        return stmt;
    }

    static void bind(sqlite3_stmt* stmt, int index, const param& value) {
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::nullptr_t>) {
                    sqlite3_bind_null(stmt, index);
                } else if constexpr (std::is_same_v<T, std::int64_t>) {
                    sqlite3_bind_int64(stmt, index, v);
                } else if constexpr (std::is_same_v<T, double>) {
                    sqlite3_bind_double(stmt, index, v);
                } else {
                    sqlite3_bind_text(stmt, index, v.data(), int(v.size()), SQLITE_TRANSIENT);
                }
            },
            value);
    }

    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace

std::unique_ptr<connection> open_sqlite(const std::string& path) {
    return std::make_unique<sqlite_connection>(path);
}

}  // namespace zhaoyin::db
