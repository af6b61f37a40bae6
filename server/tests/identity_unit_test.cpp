#include <gtest/gtest.h>

#include "core/credit_code.hpp"
#include "core/crypto.hpp"
#include "core/masking.hpp"
#include "service/identity/accounts.hpp"
#include "service/identity/principal.hpp"

namespace zhaoyin {
namespace {

using service::identity::in_scope;
using service::identity::principal;
using service::identity::scope_kind;

TEST(CreditCode, AcceptsValidCheckCharactersOnly) {
    EXPECT_TRUE(valid_credit_code("91350100M000100Y43"));
    EXPECT_TRUE(valid_credit_code("91370200163562681G"));
    EXPECT_FALSE(valid_credit_code("913702001635626814"));  // wrong check character
    EXPECT_FALSE(valid_credit_code("91350100M000100Y4"));   // 17 characters
    EXPECT_FALSE(valid_credit_code("91350100I000100Y43"));  // I is not in the alphabet
    EXPECT_FALSE(valid_credit_code("91350100m000100Y43"));  // lower case
}

TEST(Totp, MatchesTheRfc6238SampleForSha1) {
    const std::string seed = "12345678901234567890";
    const std::vector<unsigned char> secret(seed.begin(), seed.end());
    // RFC 6238 appendix B gives 8 digits; the 6-digit code is its last six.
    EXPECT_EQ(crypto::totp_code(secret, 59 / 30), "287082");
    EXPECT_EQ(crypto::totp_code(secret, 1111111109 / 30), "081804");
    EXPECT_EQ(crypto::totp_code(secret, 20000000000LL / 30), "353130");
}

TEST(Totp, Base32RoundTrips) {
    const std::vector<unsigned char> bytes = {0x00, 0xff, 0x10, 0x42, 0x99, 0x7e, 0x01};
    EXPECT_EQ(crypto::base32_decode(crypto::base32_encode(bytes)), bytes);
    EXPECT_EQ(crypto::base32_encode({'f', 'o', 'o', 'b', 'a', 'r'}), "MZXW6YTBOI");
    EXPECT_THROW(crypto::base32_decode("not-base32!"), std::invalid_argument);
}

TEST(Passwords, HashWithArgon2idAndVerify) {
    const std::string hash = crypto::hash_password("correct horse battery");
    EXPECT_TRUE(hash.starts_with("$argon2id$"));
    EXPECT_TRUE(crypto::verify_password(hash, "correct horse battery"));
    EXPECT_FALSE(crypto::verify_password(hash, "correct horse battery "));
    EXPECT_NE(crypto::hash_password("correct horse battery"), hash);  // salted
}

TEST(Passwords, RefuseShortCommonAndWeakOnes) {
    using service::identity::password_problem;
    EXPECT_EQ(password_problem("short1", false, 8)->key, "field.password_too_short");
    EXPECT_EQ(password_problem("Password123", false, 8)->key, "field.password_common");
    EXPECT_EQ(password_problem("woaini1314", false, 8)->key, "field.password_common");
    EXPECT_FALSE(password_problem("lanternriver", false, 8));
    EXPECT_EQ(password_problem("lanternriver", true, 8)->key, "field.password_classes");
    EXPECT_FALSE(password_problem("Lantern-river", true, 8));
    EXPECT_FALSE(password_problem("lantern7river!", true, 8));
}

TEST(Masking, HidesTheMiddleOfPhoneNumbers) {
    EXPECT_EQ(mask_phone("13812345678"), "138****5678");
    EXPECT_EQ(mask_phones_in("call 13812345678 or 15900001111, ref 123456789012"),
              "call 138****5678 or 159****1111, ref 123456789012");
    EXPECT_EQ(mask_phones_in("23812345678"), "23812345678");
}

TEST(Scope, DecidesObjectAccessByRoleScope) {
    principal staff;
    staff.user_id = 7;
    staff.scope = scope_kind::unit;
    staff.scope_units = {10};
    EXPECT_TRUE(in_scope(staff, {std::nullopt, 10, {}}));
    EXPECT_FALSE(in_scope(staff, {std::nullopt, 11, {}}));
    EXPECT_TRUE(in_scope(staff, {std::nullopt, 11, {12, 10}}));  // a collaboration
    EXPECT_TRUE(in_scope(staff, {7, 11, {}}));                   // their own record

    principal investor;
    investor.user_id = 3;
    investor.scope = scope_kind::self;
    EXPECT_TRUE(in_scope(investor, {3, 10, {}}));
    EXPECT_FALSE(in_scope(investor, {4, 10, {}}));
    EXPECT_FALSE(in_scope(investor, {std::nullopt, std::nullopt, {}}));

    principal admin;
    admin.scope = scope_kind::none;
    EXPECT_FALSE(in_scope(admin, {std::nullopt, 10, {}}));

    principal bureau;
    bureau.scope = scope_kind::all;
    EXPECT_TRUE(in_scope(bureau, {std::nullopt, 11, {}}));
}

TEST(RateLimit, CountsAttemptsPerAddressInASlidingMinute) {
    service::identity::login_rate_limit limit;
    const time_point t0 = time_point(std::chrono::sys_days{std::chrono::year(2026) / 1 / 5});
    for (int i = 0; i < 3; ++i) {
        EXPECT_TRUE(limit.allow("10.0.0.1", t0, 3));
    }
    EXPECT_FALSE(limit.allow("10.0.0.1", t0 + std::chrono::seconds(30), 3));
    EXPECT_TRUE(limit.allow("10.0.0.2", t0 + std::chrono::seconds(30), 3));
    EXPECT_TRUE(limit.allow("10.0.0.1", t0 + std::chrono::seconds(61), 3));
}

}  // namespace
}  // namespace zhaoyin
