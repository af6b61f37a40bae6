#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace zhaoyin::db {

enum class engine { sqlite, postgres };

std::string_view engine_name(engine e);

// A bound parameter. Booleans are stored as 0/1 integers on both engines.
using param = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

// An optional value as a parameter: null when absent.
inline param nullable(const std::optional<std::string>& value) {
    return value ? param(*value) : param(nullptr);
}
inline param nullable(const std::optional<std::int64_t>& value) {
    return value ? param(*value) : param(nullptr);
}
inline param flag(bool value) {
    return std::int64_t(value ? 1 : 0);
}

// For statements built from filters: adds a value to the parameters and returns its placeholder
// ("$3"), so that values are always bound, never spliced into the SQL.
std::string bind_value(std::vector<param>& params, param value);
// Placeholders for several values, comma-separated ("$3, $4, $5"), for IN (…).
std::string bind_values(std::vector<param>& params, const std::vector<std::int64_t>& values);
// Conditions joined with OR, in parentheses; empty when there are none.
std::string any_of(const std::vector<std::string>& conditions);

// The rows of one statement. Values arrive as text (or null) from both engines, so that one
// accessor serves both; integers and decimals are parsed by the caller that knows the column.
class result {
  public:
    std::vector<std::string> columns;
    std::vector<std::vector<std::optional<std::string>>> rows;
    std::int64_t affected = 0;

    std::size_t size() const { return rows.size(); }
    bool empty() const { return rows.empty(); }
    bool is_null(std::size_t row, std::size_t col) const { return !rows.at(row).at(col); }
    const std::string& text(std::size_t row, std::size_t col) const;
    std::optional<std::string> optional_text(std::size_t row, std::size_t col) const;
    std::int64_t integer(std::size_t row, std::size_t col) const;
    std::optional<std::int64_t> optional_integer(std::size_t row, std::size_t col) const;
};

// A database failure. Constraint violations are told apart because services turn them into
// conflicts or validation errors; everything else is an internal error.
class error : public std::runtime_error {
  public:
    enum class kind { unique_violation, foreign_key_violation, check_violation, other };
    error(kind k, const std::string& what) : std::runtime_error(what), kind_(k) {}
    kind what_kind() const { return kind_; }

  private:
    kind kind_;
};

class connection {
  public:
    virtual ~connection() = default;
    virtual engine kind() const = 0;
    // One statement with $1…$n placeholders.
    virtual result query(std::string_view sql, std::span<const param> params) = 0;
    result query(std::string_view sql, std::initializer_list<param> params = {}) {
        return query(sql, std::span<const param>(params.begin(), params.size()));
    }
    // The same, through a statement prepared once on this connection and kept, for a statement
    // run again and again whose best plan does not depend on its values: PostgreSQL then parses
    // and plans it once (after five runs, when the plan for any values costs no more), which
    // for the search is a third of a short query's time. SQLite runs it as `query` does.
    virtual result query_prepared(std::string_view sql, std::span<const param> params) {
        return query(sql, params);
    }
    result query_prepared(std::string_view sql, std::initializer_list<param> params = {}) {
        return query_prepared(sql, std::span<const param>(params.begin(), params.size()));
    }
    // Several statements without parameters (migrations).
    virtual void execute_script(std::string_view sql) = 0;
    // Starts a transaction that will write; SQLite takes the write lock at once so that two
    // writers never deadlock on a lock upgrade.
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;
    // Whether a transaction is open on this connection.
    virtual bool in_transaction() = 0;
    virtual bool healthy() = 0;
};

std::unique_ptr<connection> open_sqlite(const std::string& path);
std::unique_ptr<connection> open_postgres(const std::string& conninfo);

// Rewrites $1…$n to SQLite's ?1…?n outside quoted text.
std::string sqlite_placeholders(std::string_view sql);

}  // namespace zhaoyin::db
