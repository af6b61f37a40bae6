#include "db/database.hpp"

namespace zhaoyin::db {

bool is_postgres_url(std::string_view target) {
    return target.starts_with("postgres://") || target.starts_with("postgresql://");
}

database::database(std::string target, std::size_t pool_size)
    : target_(std::move(target)),
      kind_(is_postgres_url(target_) ? engine::postgres : engine::sqlite),
      pool_size_(pool_size == 0 ? 1 : pool_size) {
    // Open one connection at once so that a wrong path or URL fails at start, not at first use.
    idle_.push_back(open());
    opened_ = 1;
}

database::~database() = default;

std::unique_ptr<connection> database::open() const {
    return kind_ == engine::postgres ? open_postgres(target_) : open_sqlite(target_);
}

database::lease database::acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || opened_ < pool_size_; });
    if (!idle_.empty()) {
        auto conn = std::move(idle_.back());
        idle_.pop_back();
        return lease(*this, std::move(conn));
    }
    ++opened_;
    lock.unlock();
    try {
        return lease(*this, open());
    } catch (...) {
        std::lock_guard relock(mutex_);
        --opened_;
        available_.notify_one();
        throw;
    }
}

void database::give_back(std::unique_ptr<connection> conn) {
    {
        std::lock_guard lock(mutex_);
        if (conn) {
            idle_.push_back(std::move(conn));
        } else {
            --opened_;
        }
    }
    available_.notify_one();
}

database::lease::~lease() {
    if (owner_ != nullptr) {
        owner_->give_back(std::move(conn_));
    }
}

}  // namespace zhaoyin::db
