#pragma once

#include <unistd.h>

#include <mutex>
#include <string>

#include <spdlog/sinks/base_sink.h>

namespace zhaoyin::app {

// Log lines gathered in memory and written to a file descriptor in large writes, the way
// nginx's buffered access_log does: one write per ~64 KiB or per flush (spdlog::flush_every
// and warnings flush), instead of a write and a thread wake-up per request.
class buffered_fd_sink final : public spdlog::sinks::base_sink<std::mutex> {
  public:
    explicit buffered_fd_sink(int fd) : fd_(fd) { buffer_.reserve(capacity); }
    ~buffered_fd_sink() override { write_out(); }

  protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        spdlog::memory_buf_t formatted;
        formatter_->format(msg, formatted);
        buffer_.append(formatted.data(), formatted.size());
        if (buffer_.size() >= capacity) {
            write_out();
        }
    }
    void flush_() override { write_out(); }

  private:
    static constexpr std::size_t capacity = 64 * 1024;

    void write_out() {
        std::size_t done = 0;
        while (done < buffer_.size()) {
            const auto n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
            if (n <= 0) {
                break;  // nowhere to log to: drop rather than block the server
            }
            done += std::size_t(n);
        }
        buffer_.clear();
    }

    int fd_;
    std::string buffer_;
};

}  // namespace zhaoyin::app
