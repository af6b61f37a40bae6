#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::db {

// A pool of connections to one database, SQLite file or PostgreSQL URL. Callers borrow a
// connection for one unit of work; the HTTP layer runs that work off its I/O threads.
class database {
  public:
    // `target` is a path to a SQLite file or a postgres:// / postgresql:// URL.
    database(std::string target, std::size_t pool_size);
    ~database();
    database(const database&) = delete;
    database& operator=(const database&) = delete;

    engine kind() const { return kind_; }
    const std::string& target() const { return target_; }

    class lease {
      public:
        lease(database& owner, std::unique_ptr<connection> conn)
            : owner_(&owner), conn_(std::move(conn)) {}
        lease(lease&&) = default;
        lease& operator=(lease&&) = delete;
        ~lease();
        connection& operator*() { return *conn_; }
        connection* operator->() { return conn_.get(); }

      private:
        database* owner_;
        std::unique_ptr<connection> conn_;
    };

    lease acquire();

    // Runs `work` inside one transaction: committed when it returns, rolled back when it throws.
    template <class F>
    auto transaction(F&& work) -> decltype(work(std::declval<connection&>())) {
        lease conn = acquire();
        conn->begin();
        try {
            if constexpr (std::is_void_v<decltype(work(*conn))>) {
                work(*conn);
                conn->commit();
            } else {
                auto out = work(*conn);
                conn->commit();
                return out;
            }
        } catch (...) {
            conn->rollback();
            throw;
        }
    }

    // Runs read-only `work` on a borrowed connection without a transaction.
    template <class F>
    auto read(F&& work) -> decltype(work(std::declval<connection&>())) {
        lease conn = acquire();
        return work(*conn);
    }

  private:
    std::unique_ptr<connection> open() const;
    void give_back(std::unique_ptr<connection> conn);

    std::string target_;
    engine kind_;
    std::size_t pool_size_;
    std::size_t opened_ = 0;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<connection>> idle_;
};

bool is_postgres_url(std::string_view target);

}  // namespace zhaoyin::db
