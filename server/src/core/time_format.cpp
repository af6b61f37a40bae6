#include "core/time_format.hpp"

#include <charconv>

#include <fmt/format.h>

namespace zhaoyin {
namespace {

struct civil {
    int year;
    unsigned month, day, hour, minute, second, millisecond;
};

civil to_civil(time_point t) {
    using namespace std::chrono;
    const auto day_point = floor<days>(t);
    const year_month_day ymd{day_point};
    const hh_mm_ss tod{t - day_point};
    return {int(ymd.year()),
            unsigned(ymd.month()),
            unsigned(ymd.day()),
            unsigned(tod.hours().count()),
            unsigned(tod.minutes().count()),
            unsigned(tod.seconds().count()),
            unsigned(tod.subseconds().count())};
}

bool read_int(std::string_view text, std::size_t pos, std::size_t len, int& out) {
    if (pos + len > text.size()) {
        return false;
    }
    const char* first = text.data() + pos;
    const auto [end, ec] = std::from_chars(first, first + len, out);
    return ec == std::errc() && end == first + len;
}

}  // namespace

std::string format_utc(time_point t) {
    const civil c = to_civil(t);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", c.year, c.month, c.day, c.hour,
                       c.minute, c.second, c.millisecond);
}

std::string format_cst(time_point t) {
    const civil c = to_civil(t + std::chrono::hours(8));
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+08:00", c.year, c.month, c.day, c.hour,
                       c.minute, c.second);
}

std::optional<time_point> parse_rfc3339(std::string_view text) {
    using namespace std::chrono;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (text.size() < 20 || text[4] != '-' || text[7] != '-' ||
        (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || text[13] != ':' ||
        text[16] != ':') {
        return std::nullopt;
    }
    if (!read_int(text, 0, 4, y) || !read_int(text, 5, 2, mo) || !read_int(text, 8, 2, d) ||
        !read_int(text, 11, 2, h) || !read_int(text, 14, 2, mi) || !read_int(text, 17, 2, s)) {
        return std::nullopt;
    }
    const year_month_day ymd{year(y), month(unsigned(mo)), day(unsigned(d))};
    if (!ymd.ok() || h > 23 || mi > 59 || s > 59) {
        return std::nullopt;
    }
    std::size_t pos = 19;
    int millis = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 3) {
                millis = millis * 10 + (text[pos] - '0');
            }
            ++digits;
            ++pos;
        }
        if (digits == 0) {
            return std::nullopt;
        }
        for (; digits < 3; ++digits) {
            millis *= 10;
        }
    }
    int offset_minutes = 0;
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
        ++pos;
    } else if (pos + 6 == text.size() && (text[pos] == '+' || text[pos] == '-') &&
               text[pos + 3] == ':') {
        int oh = 0, om = 0;
        if (!read_int(text, pos + 1, 2, oh) || !read_int(text, pos + 4, 2, om) || oh > 23 ||
            om > 59) {
            return std::nullopt;
        }
        offset_minutes = (oh * 60 + om) * (text[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) {
        return std::nullopt;
    }
    const auto local = sys_days{ymd} + hours(h) + minutes(mi) + seconds(s) + milliseconds(millis);
    return time_point(local - minutes(offset_minutes));
}

}  // namespace zhaoyin
