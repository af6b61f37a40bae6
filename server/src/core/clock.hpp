#pragma once

#include <atomic>
#include <chrono>

namespace zhaoyin {

using time_point = std::chrono::sys_time<std::chrono::milliseconds>;

// The one source of "now" for business rules: deadlines, escalation and session expiry read it,
// so tests and a server started with --test-clock can move time.
class clock {
  public:
    virtual ~clock() = default;
    virtual time_point now() const = 0;
};

class system_clock_source final : public clock {
  public:
    time_point now() const override;
};

// A clock that starts at the real time and then moves only when told to.
class test_clock final : public clock {
  public:
    explicit test_clock(time_point start);
    time_point now() const override;
    void set(time_point to);
    void advance(std::chrono::milliseconds by);

  private:
    std::atomic<std::int64_t> now_ms_;
};

}  // namespace zhaoyin
