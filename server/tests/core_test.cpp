#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/time_format.hpp"

namespace zhaoyin {
namespace {

using namespace std::chrono;

TEST(TimeFormat, FormatsUtcWithMillisecondsAndChinaStandardTime) {
    const time_point t = time_point(sys_days{year(2026) / 2 / 14} + hours(17) + minutes(5) +
                                    seconds(9) + milliseconds(42));
    EXPECT_EQ(format_utc(t), "2026-02-14T17:05:09.042Z");
    EXPECT_EQ(format_cst(t), "2026-02-15T01:05:09+08:00");
}

TEST(TimeFormat, ParsesOffsetsAndFractions) {
    const auto utc = parse_rfc3339("2026-10-01T00:00:00Z");
    const auto cst = parse_rfc3339("2026-10-01T08:00:00+08:00");
    ASSERT_TRUE(utc && cst);
    EXPECT_EQ(*utc, *cst);
    const auto fraction = parse_rfc3339("2026-10-01T00:00:00.5Z");
    ASSERT_TRUE(fraction);
    EXPECT_EQ(*fraction - *utc, milliseconds(500));
    const auto west = parse_rfc3339("2026-09-30T19:00:00-05:00");
    ASSERT_TRUE(west);
    EXPECT_EQ(*west, *utc);
}

TEST(TimeFormat, RejectsMalformedTimes) {
    for (const char* bad : {"", "2026-10-01", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
                            "2026-10-01T24:00:00Z", "2026-10-01T00:00:00", "2026-10-01T00:00:00+8",
                            "2026-10-01T00:00:00Zjunk", "2026-10-01T00:00:00.Z"}) {
        EXPECT_FALSE(parse_rfc3339(bad)) << bad;
    }
}

TEST(TestClock, MovesOnlyWhenTold) {
    const time_point start = time_point(sys_days{year(2026) / 1 / 1});
    test_clock clock(start);
    EXPECT_EQ(clock.now(), start);
    clock.advance(hours(25));
    EXPECT_EQ(clock.now(), start + hours(25));
    clock.set(start - days(3));
    EXPECT_EQ(clock.now(), start - days(3));
}

TEST(Language, PrefersEnglishOnlyWhenAskedFor) {
    EXPECT_EQ(language_from_accept(""), language::zh_cn);
    EXPECT_EQ(language_from_accept("en"), language::en);
    EXPECT_EQ(language_from_accept("en-US,en;q=0.9"), language::en);
    EXPECT_EQ(language_from_accept("zh-CN,zh;q=0.9,en;q=0.8"), language::zh_cn);
    EXPECT_EQ(language_from_accept("fr, en;q=0.5"), language::en);
    EXPECT_EQ(language_from_accept("en;q=0.3, zh;q=0.7"), language::zh_cn);
    EXPECT_EQ(language_from_accept("de"), language::zh_cn);
    EXPECT_EQ(language_from_accept("english"), language::zh_cn);
}

TEST(Messages, RenderArgumentsInBothLanguages) {
    const message msg{"error.payload_too_large", {{"limit", "1024"}}};
    EXPECT_EQ(render(msg, language::en), "The request body is too large (limit 1024 bytes).");
    EXPECT_EQ(render(msg, language::zh_cn), "请求正文过大（上限 1024 字节）。");
}

TEST(Errors, EveryCodeHasAStatusAndAMessage) {
    const std::pair<error_code, int> expected[] = {
        {error_code::bad_request, 400},
        {error_code::malformed_json, 400},
        {error_code::invalid_path_parameter, 400},
        {error_code::validation_failed, 422},
        {error_code::unauthenticated, 401},
        {error_code::forbidden, 403},
        {error_code::not_found, 404},
        {error_code::method_not_allowed, 405},
        {error_code::conflict, 409},
        {error_code::payload_too_large, 413},
        {error_code::unsupported_media_type, 415},
        {error_code::header_too_large, 431},
        {error_code::rate_limited, 429},
        {error_code::internal, 500},
        {error_code::unavailable, 503},
    };
    for (const auto& [code, status] : expected) {
        EXPECT_EQ(http_status_of(code), status) << name_of(code);
        EXPECT_TRUE(has_message("error." + std::string(name_of(code)))) << name_of(code);
        const api_error err(code);
        EXPECT_EQ(err.text().key, "error." + std::string(name_of(code)));
    }
}

TEST(Errors, FieldErrorsThrowOnceWithEveryField) {
    field_errors errors;
    EXPECT_NO_THROW(errors.throw_if_any());
    errors.add("name", {"field.required", {}});
    errors.add("phone", {"field.required", {}});
    try {
        errors.throw_if_any();
        FAIL() << "expected a validation error";
    } catch (const api_error& err) {
        EXPECT_EQ(err.code(), error_code::validation_failed);
        EXPECT_EQ(err.fields().size(), 2U);
        EXPECT_TRUE(err.fields().contains("phone"));
    }
}

}  // namespace
}  // namespace zhaoyin
