#include "core/clock.hpp"

namespace zhaoyin {

time_point system_clock_source::now() const {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

test_clock::test_clock(time_point start) : now_ms_(start.time_since_epoch().count()) {}

time_point test_clock::now() const {
    return time_point(std::chrono::milliseconds(now_ms_.load()));
}

void test_clock::set(time_point to) {
    now_ms_.store(to.time_since_epoch().count());
}

void test_clock::advance(std::chrono::milliseconds by) {
    now_ms_.fetch_add(by.count());
}

}  // namespace zhaoyin
