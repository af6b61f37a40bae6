#include <libpq-fe.h>

#include <unordered_map>

#include <fmt/format.h>

#include "db/connection.hpp"

namespace zhaoyin::db {
namespace {

error::kind kind_of(const PGresult* res) {
    const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    const std::string_view code = state ? state : "";
    if (code == "23505") {
        return error::kind::unique_violation;
    }
    if (code == "23503") {
        return error::kind::foreign_key_violation;
    }
    if (code == "23514" || code == "23502") {
        return error::kind::check_violation;
    }
    return error::kind::other;
}

struct result_deleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using result_ptr = std::unique_ptr<PGresult, result_deleter>;

// Parameters as the text libpq sends; nulls as null pointers.
struct bound_values {
    std::vector<std::string> texts;
    std::vector<const char*> values;

    explicit bound_values(std::span<const param> params)
        : texts(params.size()), values(params.size(), nullptr) {
        for (std::size_t i = 0; i < params.size(); ++i) {
            std::visit(
                [&](const auto& v) {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, std::nullptr_t>) {
                        values[i] = nullptr;
                    } else if constexpr (std::is_same_v<T, std::string>) {
                        values[i] = v.c_str();
                    } else {
                        texts[i] = fmt::format("{}", v);
                        values[i] = texts[i].c_str();
                    }
                },
                params[i]);
        }
    }
};

class postgres_connection final : public connection {
  public:
    explicit postgres_connection(const std::string& conninfo)
        : conn_(PQconnectdb(conninfo.c_str())) {
        if (PQstatus(conn_) != CONNECTION_OK) {
            std::string why = PQerrorMessage(conn_);
            PQfinish(conn_);
            throw error(error::kind::other, "cannot connect to PostgreSQL: " + why);
        }
        PQsetNoticeProcessor(
            conn_, [](void*, const char*) {}, nullptr);
        if (!configure_session()) {
            std::string why = PQerrorMessage(conn_);
            PQfinish(conn_);
            throw error(error::kind::other, "cannot configure the PostgreSQL session: " + why);
        }
    }

    ~postgres_connection() override { PQfinish(conn_); }

    using connection::query;
    engine kind() const override { return engine::postgres; }

    result query(std::string_view sql, std::span<const param> params) override {
        const bound_values bound(params);
        const std::string text(sql);
        result_ptr res(PQexecParams(conn_, text.c_str(), int(params.size()), nullptr,
                                    bound.values.data(), nullptr, nullptr, 0));
        return read(res);
    }

    result query_prepared(std::string_view sql, std::span<const param> params) override {
        const bound_values bound(params);
        std::string text(sql);
        auto it = prepared_.find(text);
        if (it == prepared_.end()) {
            if (prepared_.size() >= max_prepared) {
                check(result_ptr(PQexec(conn_, "DEALLOCATE ALL")));
                prepared_.clear();
            }
            auto name = "zy" + std::to_string(++prepared_count_);
            check(result_ptr(
                PQprepare(conn_, name.c_str(), text.c_str(), int(params.size()), nullptr)));
            it = prepared_.emplace(std::move(text), std::move(name)).first;
        }
        result_ptr res(PQexecPrepared(conn_, it->second.c_str(), int(params.size()),
                                      bound.values.data(), nullptr, nullptr, 0));
        return read(res);
    }

    void execute_script(std::string_view sql) override {
        const std::string text(sql);
        check(result_ptr(PQexec(conn_, text.c_str())));
    }

    void begin() override { execute_script("BEGIN"); }
    void commit() override { execute_script("COMMIT"); }
    void rollback() override {
        if (in_transaction()) {
            execute_script("ROLLBACK");
        }
    }
    bool in_transaction() override { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }
    bool healthy() override {
        if (PQstatus(conn_) != CONNECTION_OK) {
            PQreset(conn_);
            prepared_.clear();  // a new session: nothing is prepared
            if (PQstatus(conn_) != CONNECTION_OK || !configure_session()) {
                return false;
            }
        }
        result_ptr res(PQexec(conn_, "SELECT 1"));
        return PQresultStatus(res.get()) == PGRES_TUPLES_OK;
    }

  private:
    // JIT compiling pays only for statements that run for seconds; ours run for milliseconds,
    // and the search's index functions are priced high (migration 0026), which would make the
    // planner compile them, for tens of milliseconds each.
    bool configure_session() {
        const result_ptr res(PQexec(conn_, "SET client_encoding = 'UTF8'; SET jit = off"));
        return PQresultStatus(res.get()) == PGRES_COMMAND_OK;
    }

    // Statements kept prepared; past this many they are all let go (a search prepares a few
    // shapes: its filters, and the number of blocks a read covers).
    static constexpr std::size_t max_prepared = 64;

    result read(const result_ptr& res) {
        check(res);
        result out;
        const int columns = PQnfields(res.get());
        const int rows = PQntuples(res.get());
        for (int c = 0; c < columns; ++c) {
            out.columns.emplace_back(PQfname(res.get(), c));
        }
        out.rows.reserve(std::size_t(rows));
        for (int r = 0; r < rows; ++r) {
            auto& row = out.rows.emplace_back();
            row.reserve(std::size_t(columns));
            for (int c = 0; c < columns; ++c) {
                if (PQgetisnull(res.get(), r, c)) {
                    row.emplace_back(std::nullopt);
                } else {
                    row.emplace_back(std::string(PQgetvalue(res.get(), r, c),
                                                 std::size_t(PQgetlength(res.get(), r, c))));
                }
            }
        }
        const char* affected = PQcmdTuples(res.get());
        out.affected = affected && *affected ? std::stoll(affected) : 0;
        return out;
    }

    void check(const result_ptr& res) {
        const auto status = PQresultStatus(res.get());
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            throw error(kind_of(res.get()),
                        std::string("PostgreSQL: ") + PQresultErrorMessage(res.get()));
        }
    }

    PGconn* conn_;
    std::unordered_map<std::string, std::string> prepared_;  // statement text → name
    std::uint64_t prepared_count_ = 0;
};

}  // namespace

std::unique_ptr<connection> open_postgres(const std::string& conninfo) {
    return std::make_unique<postgres_connection>(conninfo);
}

}  // namespace zhaoyin::db
