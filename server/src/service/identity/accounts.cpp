#include "service/identity/accounts.hpp"

#include <algorithm>
#include <charconv>
#include <regex>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <sodium.h>
#include <boost/json.hpp>

#include "core/credit_code.hpp"
#include "core/crypto.hpp"
#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/masking.hpp"
#include "core/time_format.hpp"
#include "service/audit/audit_trail.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::identity {
namespace {

namespace json = boost::json;
using namespace std::chrono;

constexpr std::size_t max_name_length = 100;

// ---- policy ---------------------------------------------------------------------------------

struct policy_field {
    std::string_view name;
    int security_policy::*member;
    int min;
    int max;
};

constexpr policy_field policy_fields[] = {
    {"session_idle_minutes", &security_policy::session_idle_minutes, 5, 240},
    {"admin_session_idle_minutes", &security_policy::admin_session_idle_minutes, 5, 60},
    {"session_absolute_hours", &security_policy::session_absolute_hours, 1, 24},
    {"lockout_threshold", &security_policy::lockout_threshold, 3, 20},
    {"lockout_minutes", &security_policy::lockout_minutes, 1, 1440},
    {"password_min_length", &security_policy::password_min_length, 8, 64},
    {"password_max_age_days", &security_policy::password_max_age_days, 30, 365},
    {"login_attempts_per_ip_per_minute", &security_policy::login_attempts_per_ip_per_minute, 5,
     1000},
};

std::optional<int> parse_int(const std::string& text) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

// ---- small helpers --------------------------------------------------------------------------

std::string stamp(const clock& now) {
    return format_utc(now.now());
}

std::string stamp_after(const clock& now, minutes later) {
    return format_utc(now.now() + later);
}

audit::actor actor_of(const principal& who, const origin& from) {
    return {who.user_id, who.login, who.roles_text(), who.unit_id, from.ip, from.request_id};
}

const std::set<std::string>& common_passwords() {
    static const std::set<std::string> words = [] {
        std::set<std::string> out;
        std::istringstream in{std::string(embedded_data_file("security/common-passwords.txt"))};
        for (std::string line; std::getline(in, line);) {
            if (!line.empty() && line.front() != '#') {
                std::transform(line.begin(), line.end(), line.begin(),
                               [](unsigned char c) { return char(std::tolower(c)); });
                out.insert(line);
            }
        }
        return out;
    }();
    return words;
}

}  // namespace

bool valid_phone(const std::string& phone) {
    static const std::regex pattern("^1[3-9][0-9]{9}$");
    return std::regex_match(phone, pattern);
}

bool valid_email(const std::string& email) {
    static const std::regex pattern(R"(^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$)");
    return email.size() <= 254 && std::regex_match(email, pattern);
}

namespace {

std::size_t utf8_length(const std::string& text) {
    return std::size_t(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

void check_name(field_errors& errors, const std::string& field, const std::string& value) {
    if (value.empty()) {
        errors.add(field, {"field.required", {}});
    } else if (utf8_length(value) > max_name_length) {
        errors.add(field, {"field.too_long", {{"max", std::to_string(max_name_length)}}});
    }
}

const store::role_row* find_role(const std::vector<store::role_row>& roles,
                                 const std::string& code) {
    for (const auto& role : roles) {
        if (role.code == code) {
            return &role;
        }
    }
    return nullptr;
}

// 三权分立: an administrator role stands alone.
bool separation_holds(const std::vector<store::role_row>& table,
                      const std::vector<std::string>& roles) {
    const bool has_admin_role = std::any_of(roles.begin(), roles.end(), [&](const auto& code) {
        const auto* role = find_role(table, code);
        return role != nullptr && role->admin_class.has_value();
    });
    return !has_admin_role || roles.size() == 1;
}

void check_roles(field_errors& errors, const std::vector<store::role_row>& table,
                 const std::vector<std::string>& roles, bool allow_admin_roles) {
    if (roles.empty()) {
        errors.add("roles", {"field.required", {}});
        return;
    }
    for (const auto& code : roles) {
        const auto* role = find_role(table, code);
        if (role == nullptr) {
            errors.add("roles", {"field.unknown_role", {{"role", code}}});
            return;
        }
        if (!role->assignable || (role->admin_class && !allow_admin_roles)) {
            errors.add("roles", {"field.role_not_assignable", {{"role", code}}});
            return;
        }
    }
    if (!separation_holds(table, roles)) {
        errors.add("roles", {"field.separation_of_duties", {}});
    }
}

bool is_admin_account(const std::vector<store::role_row>& table,
                      const std::vector<std::string>& roles) {
    return std::any_of(roles.begin(), roles.end(), [&](const auto& code) {
        const auto* role = find_role(table, code);
        return role != nullptr && role->admin_class.has_value();
    });
}

bool needs_totp(const std::vector<store::role_row>& table, const std::vector<std::string>& roles) {
    return std::any_of(roles.begin(), roles.end(), [&](const auto& code) {
        const auto* role = find_role(table, code);
        return role != nullptr && role->totp_required;
    });
}

std::set<std::int64_t> unit_and_descendants(db::connection& conn, std::int64_t unit_id) {
    const auto units = store::reference_store(conn).list_units();
    std::set<std::int64_t> out{unit_id};
    // Units are few and shallow: grow the set until no unit is added.
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& u : units) {
            if (u.parent_id && out.contains(*u.parent_id) && !out.contains(u.id)) {
                out.insert(u.id);
                grew = true;
            }
        }
    }
    return out;
}

// What a session check needs from the database besides the session and the user: read once
// per check and shared by the idle window and the principal.
struct security_context {
    security_policy policy;
    std::vector<store::role_row> roles;
};

security_context load_security(db::connection& conn) {
    return {load_policy(conn), store::identity_store(conn).list_roles()};
}

minutes idle_limit(const security_context& security, const std::vector<std::string>& roles) {
    return minutes(is_admin_account(security.roles, roles)
                       ? security.policy.admin_session_idle_minutes
                       : security.policy.session_idle_minutes);
}

principal principal_for(db::connection& conn, const security_context& security,
                        const store::user_row& user, const store::session_row& session,
                        const clock& now, mode run) {
    principal who;
    who.user_id = user.id;
    who.session_id = session.id;
    who.login = display_login(user);
    who.name = user.name;
    who.roles = user.roles;
    who.unit_id = user.unit_id;
    who.company_id = user.company_id;
    who.csrf_token = session.csrf_token;
    std::vector<std::string> granted = user.roles;
    granted.emplace_back("authenticated");
    for (const auto& code : granted) {
        if (const auto* role = find_role(security.roles, code)) {
            who.permissions.insert(role->permissions.begin(), role->permissions.end());
            who.scope = std::max(who.scope, parse_scope(role->scope));
        }
    }
    if (user.unit_id && (who.scope == scope_kind::unit || who.scope == scope_kind::unit_tree)) {
        who.scope_units = who.scope == scope_kind::unit_tree
                              ? unit_and_descendants(conn, *user.unit_id)
                              : std::set<std::int64_t>{*user.unit_id};
    }
    const bool demo_exempt = run.demo && user.is_demo;
    const auto changed = parse_rfc3339(user.password_changed_at);
    const bool expired = user.strict_password_policy && changed &&
                         now.now() - *changed > days(security.policy.password_max_age_days);
    who.must_change_password = !demo_exempt && (user.must_change_password || expired);
    who.totp_setup_required =
        !demo_exempt && !user.totp_enabled && needs_totp(security.roles, user.roles);
    return who;
}

signed_in open_session(db::connection& conn, const clock& now, const store::user_row& user,
                       const origin& from, mode run) {
    const auto security = load_security(conn);
    const std::string token = crypto::random_token(32);
    store::session_row session;
    session.token_hash = crypto::sha256_hex(token);
    session.user_id = user.id;
    session.csrf_token = crypto::random_token(24);
    session.created_at = stamp(now);
    session.last_seen_at = session.created_at;
    session.idle_expires_at = format_utc(now.now() + idle_limit(security, user.roles));
    session.absolute_expires_at = stamp_after(now, hours(security.policy.session_absolute_hours));
    session.ip = from.ip;
    session.user_agent = from.user_agent.substr(0, 300);
    session.id = store::identity_store(conn).insert_session(session);
    return {token, principal_for(conn, security, user, session, now, run)};
}

// Verifies a TOTP code against the steps around now and uses it up, so it works only once.
bool accept_totp(store::identity_store& store, const store::user_row& user, const std::string& code,
                 const clock& now) {
    if (!user.totp_secret || code.size() != 6) {
        return false;
    }
    const auto secret = crypto::base32_decode(*user.totp_secret);
    const std::int64_t step = duration_cast<seconds>(now.now().time_since_epoch()).count() / 30;
    for (const std::int64_t candidate : {step - 1, step, step + 1}) {
        if (crypto::constant_time_equal(crypto::totp_code(secret, candidate), code)) {
            return store.consume_totp_step(user.id, candidate);
        }
    }
    return false;
}

// Argon2 on a fixed hash, so that an unknown login takes as long as a wrong password.
void spend_verification_time(const std::string& password) {
    static const std::string decoy = crypto::hash_password("decoy-password-for-timing");
    crypto::verify_password(decoy, password);
}

store::user_row must_find(store::identity_store& store, std::int64_t id) {
    auto user = store.find_user(id);
    if (!user) {
        throw api_error(error_code::not_found);
    }
    return *user;
}

std::string initial_password() {
    // Four groups from an alphabet without look-alikes, with a symbol and digit for strict rules.
    static constexpr std::string_view alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz";
    std::string out;
    for (int group = 0; group < 3; ++group) {
        for (int i = 0; i < 4; ++i) {
            out += alphabet[randombytes_uniform(std::uint32_t(alphabet.size()))];
        }
        out += '-';
    }
    out += std::to_string(1000 + randombytes_uniform(9000));
    return out;
}

}  // namespace

// ---- policy and seeding ---------------------------------------------------------------------

security_policy load_policy(db::connection& conn) {
    security_policy out;
    const auto values = store::identity_store(conn).policy();
    for (const auto& field : policy_fields) {
        if (const auto found = values.find(std::string(field.name)); found != values.end()) {
            if (const auto parsed = parse_int(found->second)) {
                out.*field.member = *parsed;
            }
        }
    }
    if (const auto found = values.find("privacy_version"); found != values.end()) {
        out.privacy_version = found->second;
    }
    return out;
}

bool valid_policy_value(const std::string& name, const std::string& value) {
    if (name == "privacy_version") {
        return !value.empty() && value.size() <= 32;
    }
    for (const auto& field : policy_fields) {
        if (field.name == name) {
            const auto parsed = parse_int(value);
            return parsed && *parsed >= field.min && *parsed <= field.max;
        }
    }
    return false;
}

namespace {

store::role_row role_from_file(const json::object& obj, int order) {
    store::role_row role;
    role.code = std::string(obj.at("code").as_string());
    role.name_zh = std::string(obj.at("name_zh").as_string());
    role.name_en = std::string(obj.at("name_en").as_string());
    role.scope = std::string(obj.at("scope").as_string());
    if (const auto* admin = obj.if_contains("admin_class")) {
        role.admin_class = std::string(admin->as_string());
    }
    role.totp_required = obj.contains("totp_required") && obj.at("totp_required").as_bool();
    role.assignable = !obj.contains("assignable") || obj.at("assignable").as_bool();
    role.sort_order = order;
    for (const auto& p : obj.at("permissions").as_array()) {
        role.permissions.emplace_back(p.as_string());
    }
    return role;
}

}  // namespace

void seed_security(db::database& db, const clock& now) {
    const auto file = json::parse(embedded_data_file("security/roles.json")).as_object();
    std::vector<store::role_row> roles;
    int order = 0;
    for (const auto& item : file.at("roles").as_array()) {
        roles.push_back(role_from_file(item.as_object(), ++order));
    }
    db.transaction([&](db::connection& conn) {
        store::identity_store store(conn);
        if (!store.roles_loaded()) {
            for (const auto& role : roles) {
                store.insert_role(role);
            }
            for (const auto& [name, value] : file.at("policy").as_object()) {
                store.put_policy(std::string(name), std::string(value.as_string()), stamp(now),
                                 std::nullopt);
            }
        }
        // Permissions new in this release go to the roles the file names, once.
        std::set<std::string> introduced;
        for (const auto& role : roles) {
            for (const auto& permission : role.permissions) {
                if (introduced.contains(permission) || !store.permission_known(permission)) {
                    introduced.insert(permission);
                    store.grant(role.code, permission);
                }
            }
        }
        for (const auto& permission : introduced) {
            store.record_permission(permission, stamp(now));
        }
    });
}

std::optional<message> password_problem(const std::string& password, bool strict, int min_length) {
    if (utf8_length(password) < std::size_t(min_length)) {
        return message{"field.password_too_short", {{"min", std::to_string(min_length)}}};
    }
    std::string lower = password;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    if (common_passwords().contains(lower)) {
        return message{"field.password_common", {}};
    }
    if (strict) {
        const auto has = [&](auto predicate) {
            return std::any_of(password.begin(), password.end(),
                               [&](char c) { return predicate(static_cast<unsigned char>(c)); });
        };
        const int classes =
            int(has([](unsigned char c) { return std::isupper(c) != 0; })) +
            int(has([](unsigned char c) { return std::islower(c) != 0; })) +
            int(has([](unsigned char c) { return std::isdigit(c) != 0; })) +
            int(has([](unsigned char c) { return c >= 0x80 || std::ispunct(c) != 0 || c == ' '; }));
        if (classes < 3) {
            return message{"field.password_classes", {}};
        }
    }
    return std::nullopt;
}

std::string display_login(const store::user_row& user) {
    if (user.login_name) {
        return *user.login_name;
    }
    if (user.phone) {
        return mask_phone(*user.phone);
    }
    return user.email.value_or("");
}

bool login_rate_limit::allow(const std::string& ip, time_point now, int per_minute) {
    std::lock_guard lock(mutex_);
    auto& times = attempts_[ip];
    while (!times.empty() && now - times.front() >= minutes(1)) {
        times.pop_front();
    }
    if (int(times.size()) >= per_minute) {
        return false;
    }
    times.push_back(now);
    if (attempts_.size() > 100000) {
        attempts_.clear();  // bound memory under a flood of addresses; the window restarts
    }
    return true;
}

// ---- sign-up, sign-in, sessions -------------------------------------------------------------

signed_in register_investor(db::database& db, const clock& now, const registration& raw,
                            const origin& from) {
    registration input = raw;
    input.name = trimmed(input.name);
    input.company = trimmed(input.company);
    field_errors errors;
    if (input.phone.has_value() == input.email.has_value()) {
        errors.add(input.phone ? "email" : "phone", {"field.phone_or_email", {}});
    }
    if (input.phone && !valid_phone(*input.phone)) {
        errors.add("phone", {"field.invalid_phone", {}});
    }
    if (input.email && !valid_email(*input.email)) {
        errors.add("email", {"field.invalid_email", {}});
    }
    check_name(errors, "name", input.name);
    check_name(errors, "company", input.company);
    if (input.credit_code && !valid_credit_code(*input.credit_code)) {
        errors.add("credit_code", {"field.invalid_credit_code", {}});
    }
    const auto policy = db.read([](db::connection& conn) { return load_policy(conn); });
    if (const auto problem = password_problem(input.password, false, policy.password_min_length)) {
        errors.add("password", *problem);
    }
    if (!input.privacy_accepted) {
        errors.add("privacy_accepted", {"field.must_accept_privacy", {}});
    } else if (input.privacy_version != policy.privacy_version) {
        errors.add("privacy_version", {"field.privacy_version_outdated", {}});
    }
    errors.throw_if_any();
    const std::string hash = crypto::hash_password(input.password);

    return db.transaction([&](db::connection& conn) {
        store::identity_store store(conn);
        if (input.phone && store.identifier_taken("phone", *input.phone)) {
            throw api_error(error_code::conflict, {}, {{"phone", {"field.taken", {}}}});
        }
        if (input.email && store.identifier_taken("email", *input.email)) {
            throw api_error(error_code::conflict, {}, {{"email", {"field.taken", {}}}});
        }
        std::optional<std::int64_t> company_id;
        if (input.credit_code) {
            company_id = store.find_company_by_credit_code(*input.credit_code);
        }
        if (!company_id) {
            company_id = store.insert_company(input.company, input.credit_code, stamp(now));
        }
        store::user_row user;
        user.phone = input.phone;
        user.email = input.email;
        user.name = input.name;
        user.company_id = company_id;
        user.password_hash = hash;
        user.password_changed_at = stamp(now);
        user.privacy_version = input.privacy_version;
        user.privacy_accepted_at = stamp(now);
        user.roles = {"investor"};
        user.id = store.insert_user(user, stamp(now), std::nullopt);
        audit::record(
            conn, now,
            {user.id, display_login(user), "investor", std::nullopt, from.ip, from.request_id},
            {"auth.register", "user", std::to_string(user.id), "success",
             "privacy_version=" + input.privacy_version});
        return open_session(conn, now, *store.find_user(user.id), from, mode{});
    });
}

signed_in login(db::database& db, const clock& now, const std::string& login_text,
                const std::string& password, const std::optional<std::string>& totp,
                const origin& from, mode run) {
    const std::string login = trimmed(login_text);
    const auto user = db.read([&](db::connection& conn) {
        return store::identity_store(conn).find_user_by_login(login);
    });
    const auto fail = [&](const std::string& action, std::optional<std::int64_t> user_id,
                          const std::string& detail) {
        db.transaction([&](db::connection& conn) {
            audit::record(conn, now,
                          {user_id,
                           user ? display_login(*user) : std::string(),
                           {},
                           std::nullopt,
                           from.ip,
                           from.request_id},
                          {action, "user", user_id ? std::to_string(*user_id) : std::string(),
                           "failure", detail});
        });
    };
    if (!user) {
        spend_verification_time(password);
        fail("auth.login", std::nullopt, "unknown login");
        throw api_error(error_code::invalid_credentials);
    }
    const auto policy = db.read([](db::connection& conn) { return load_policy(conn); });
    if (user->locked_until && *user->locked_until > stamp(now)) {
        spend_verification_time(password);
        fail("auth.login", user->id, "locked");
        throw api_error(error_code::invalid_credentials);
    }
    if (!crypto::verify_password(user->password_hash, password) || user->status != "active") {
        const bool wrong_password = user->status == "active";
        const int attempts =
            (user->locked_until ? 0 : user->failed_attempts) + (wrong_password ? 1 : 0);
        const bool lock = attempts >= policy.lockout_threshold;
        db.transaction([&](db::connection& conn) {
            store::identity_store(conn).record_failed_login(
                user->id, lock ? 0 : attempts,
                lock ? std::optional<std::string>(stamp_after(now, minutes(policy.lockout_minutes)))
                     : std::nullopt);
            audit::record(
                conn, now,
                {user->id, display_login(*user), {}, user->unit_id, from.ip, from.request_id},
                {"auth.login", "user", std::to_string(user->id), "failure",
                 wrong_password ? "wrong password" : "account disabled"});
            if (lock) {
                audit::record(
                    conn, now,
                    {user->id, display_login(*user), {}, user->unit_id, from.ip, from.request_id},
                    {"auth.lockout", "user", std::to_string(user->id), "success",
                     fmt::format("{} consecutive failures", attempts)});
            }
        });
        throw api_error(error_code::invalid_credentials);
    }
    const bool demo_exempt = run.demo && user->is_demo;
    if (user->totp_enabled && !demo_exempt) {
        if (!totp || totp->empty()) {
            throw api_error(error_code::totp_required);
        }
        const bool accepted = db.transaction([&](db::connection& conn) {
            store::identity_store store(conn);
            return accept_totp(store, *user, *totp, now);
        });
        if (!accepted) {
            fail("auth.login", user->id, "wrong or reused TOTP code");
            throw api_error(error_code::invalid_totp);
        }
    }
    return db.transaction([&](db::connection& conn) {
        store::identity_store store(conn);
        store.clear_failed_logins(user->id);
        auto result = open_session(conn, now, *user, from, run);
        audit::record(conn, now, actor_of(result.who, from),
                      {"auth.login", "user", std::to_string(user->id), "success", {}});
        return result;
    });
}

std::optional<principal> authenticate(db::database& db, const clock& now, const std::string& token,
                                      mode run) {
    if (token.empty() || token.size() > 100) {
        return std::nullopt;
    }
    const std::string hash = crypto::sha256_hex(token);
    return db.transaction([&](db::connection& conn) -> std::optional<principal> {
        store::identity_store store(conn);
        auto session = store.find_session_by_token_hash(hash);
        if (!session || session->ended_at) {
            return std::nullopt;
        }
        const std::string current = stamp(now);
        if (session->idle_expires_at <= current || session->absolute_expires_at <= current) {
            store.end_session(
                session->id, current,
                session->absolute_expires_at <= current ? "absolute_expiry" : "idle_expiry");
            return std::nullopt;
        }
        const auto user = store.find_user(session->user_id);
        if (!user || user->status != "active") {
            store.end_session(session->id, current, "account_disabled");
            return std::nullopt;
        }
        const auto security = load_security(conn);
        session->idle_expires_at = format_utc(now.now() + idle_limit(security, user->roles));
        store.touch_session(session->id, current, session->idle_expires_at);
        return principal_for(conn, security, *user, *session, now, run);
    });
}

void logout(db::database& db, const clock& now, const principal& who, const origin& from) {
    db.transaction([&](db::connection& conn) {
        store::identity_store(conn).end_session(who.session_id, stamp(now), "logout");
        audit::record(conn, now, actor_of(who, from),
                      {"auth.logout", "session", std::to_string(who.session_id), "success", {}});
    });
}

std::string change_password(db::database& db, const clock& now, const principal& who,
                            const std::string& current, const std::string& replacement,
                            const origin& from) {
    auto user = db.read([&](db::connection& conn) {
        store::identity_store store(conn);
        return must_find(store, who.user_id);
    });
    const auto policy = db.read([](db::connection& conn) { return load_policy(conn); });
    field_errors errors;
    if (!crypto::verify_password(user.password_hash, current)) {
        errors.add("current_password", {"field.wrong_password", {}});
    }
    if (const auto problem = password_problem(replacement, user.strict_password_policy,
                                              policy.password_min_length)) {
        errors.add("new_password", *problem);
    } else if (replacement == current) {
        errors.add("new_password", {"field.password_reused", {}});
    }
    if (!errors.empty()) {
        db.transaction([&](db::connection& conn) {
            audit::record(
                conn, now, actor_of(who, from),
                {"auth.password.change", "user", std::to_string(who.user_id), "failure", {}});
        });
        errors.throw_if_any();
    }
    const std::string hash = crypto::hash_password(replacement);
    return db.transaction([&](db::connection& conn) {
        store::identity_store store(conn);
        store.update_password(who.user_id, hash, stamp(now), false);
        store.end_user_sessions(who.user_id, stamp(now), "password_change", std::nullopt);
        audit::record(conn, now, actor_of(who, from),
                      {"auth.password.change", "user", std::to_string(who.user_id), "success", {}});
        return open_session(conn, now, must_find(store, who.user_id), from, mode{}).token;
    });
}

std::vector<store::session_row> active_sessions(db::database& db, const clock& now,
                                                const principal& who) {
    return db.read([&](db::connection& conn) {
        return store::identity_store(conn).list_active_sessions(who.user_id, stamp(now));
    });
}

void end_own_session(db::database& db, const clock& now, const principal& who,
                     std::int64_t session_id, const origin& from) {
    db.transaction([&](db::connection& conn) {
        store::identity_store store(conn);
        const auto sessions = store.list_active_sessions(who.user_id, stamp(now));
        const bool own = std::any_of(sessions.begin(), sessions.end(),
                                     [&](const auto& s) { return s.id == session_id; });
        if (!own) {
            throw api_error(error_code::not_found);
        }
        store.end_session(session_id, stamp(now), "ended_by_user");
        audit::record(conn, now, actor_of(who, from),
                      {"auth.session.end", "session", std::to_string(session_id), "success", {}});
    });
}

totp_enrolment start_totp(db::database& db, const clock& now, const principal& who,
                          const origin& from) {
    std::vector<unsigned char> secret(20);
    randombytes_buf(secret.data(), secret.size());
    const std::string encoded = crypto::base32_encode(secret);
    db.transaction([&](db::connection& conn) {
        store::identity_store(conn).set_totp_secret(who.user_id, encoded);
        audit::record(conn, now, actor_of(who, from),
                      {"auth.totp.setup", "user", std::to_string(who.user_id), "success", {}});
    });
    const std::string label = "Zhaoyin:" + who.login;
    return {encoded, "otpauth://totp/" + label + "?secret=" + encoded +
                         "&issuer=Zhaoyin&algorithm=SHA1&digits=6&period=30"};
}

void enable_totp(db::database& db, const clock& now, const principal& who, const std::string& code,
                 const origin& from) {
    db.transaction([&](db::connection& conn) {
        store::identity_store store(conn);
        const auto user = must_find(store, who.user_id);
        if (!accept_totp(store, user, code, now)) {
            throw api_error(error_code::validation_failed, {},
                            {{"code", {"field.invalid_totp", {}}}});
        }
        store.enable_totp(who.user_id);
        audit::record(conn, now, actor_of(who, from),
                      {"auth.totp.enable", "user", std::to_string(who.user_id), "success", {}});
    });
}

// ---- administration -------------------------------------------------------------------------

namespace {

// Checks and stores a provisioned account with its initial password's hash; audited.
store::user_row insert_account(db::connection& conn, const clock& now, const principal& actor,
                               const new_account& input, const std::string& hash,
                               const origin& from) {
    store::identity_store store(conn);
    field_errors errors;
    static const std::regex login_pattern("^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$");
    if (!std::regex_match(input.login_name, login_pattern)) {
        errors.add("login_name", {"field.invalid_value", {}});
    } else if (store.identifier_taken("login_name", input.login_name)) {
        errors.add("login_name", {"field.taken", {}});
    }
    check_name(errors, "name", input.name);
    check_roles(errors, store.list_roles(), input.roles, false);
    if (input.unit_id && !store::reference_store(conn).find_unit(*input.unit_id)) {
        errors.add("unit_id", {"field.unknown_unit", {}});
    }
    if (input.phone && !valid_phone(*input.phone)) {
        errors.add("phone", {"field.invalid_phone", {}});
    } else if (input.phone && store.identifier_taken("phone", *input.phone)) {
        errors.add("phone", {"field.taken", {}});
    }
    if (input.email && !valid_email(*input.email)) {
        errors.add("email", {"field.invalid_email", {}});
    } else if (input.email && store.identifier_taken("email", *input.email)) {
        errors.add("email", {"field.taken", {}});
    }
    errors.throw_if_any();
    store::user_row user;
    user.login_name = input.login_name;
    user.name = input.name;
    user.unit_id = input.unit_id;
    user.phone = input.phone;
    user.email = input.email;
    user.password_hash = hash;
    user.password_changed_at = stamp(now);
    user.must_change_password = true;
    user.strict_password_policy = std::none_of(input.roles.begin(), input.roles.end(),
                                               [](const auto& r) { return r == "investor"; });
    user.roles = input.roles;
    user.id = store.insert_user(user, stamp(now), actor.user_id);
    audit::record(conn, now, actor_of(actor, from),
                  {"identity.user.create", "user", std::to_string(user.id), "success",
                   "roles=" + fmt::format("{}", fmt::join(input.roles, ","))});
    return must_find(store, user.id);
}

new_account trimmed_account(const new_account& raw) {
    new_account input = raw;
    input.name = trimmed(input.name);
    input.login_name = trimmed(input.login_name);
    return input;
}

}  // namespace

std::pair<store::user_row, std::string> create_account(db::database& db, const clock& now,
                                                       const principal& actor,
                                                       const new_account& raw, const origin& from) {
    const auto input = trimmed_account(raw);
    const std::string password = initial_password();
    const std::string hash = crypto::hash_password(password);
    return db.transaction([&](db::connection& conn) {
        return std::pair{insert_account(conn, now, actor, input, hash, from), password};
    });
}

std::pair<store::user_row, std::string> create_account(db::connection& conn, const clock& now,
                                                       const principal& actor,
                                                       const new_account& raw, const origin& from) {
    const std::string password = initial_password();
    return std::pair{insert_account(conn, now, actor, trimmed_account(raw),
                                    crypto::hash_password(password), from),
                     password};
}

store::user_row update_account(db::database& db, const clock& now, const principal& actor,
                               std::int64_t user_id, const account_changes& changes,
                               const origin& from) {
    return db.transaction([&](db::connection& conn) {
        store::identity_store store(conn);
        auto user = must_find(store, user_id);
        field_errors errors;
        std::string name = changes.name ? trimmed(*changes.name) : user.name;
        check_name(errors, "name", name);
        auto unit_id = changes.unit_id ? *changes.unit_id : user.unit_id;
        if (unit_id && !store::reference_store(conn).find_unit(*unit_id)) {
            errors.add("unit_id", {"field.unknown_unit", {}});
        }
        const std::string status = changes.status.value_or(user.status);
        if (status != "active" && status != "disabled") {
            errors.add("status", {"field.invalid_value", {}});
        }
        errors.throw_if_any();
        store.update_profile(user_id, name, unit_id, status, stamp(now), actor.user_id);
        if (status == "disabled") {
            store.end_user_sessions(user_id, stamp(now), "account_disabled", std::nullopt);
        }
        audit::record(conn, now, actor_of(actor, from),
                      {"identity.user.update", "user", std::to_string(user_id), "success",
                       "status=" + status});
        return must_find(store, user_id);
    });
}

store::user_row set_account_roles(db::database& db, const clock& now, const principal& actor,
                                  std::int64_t user_id, const std::vector<std::string>& roles,
                                  const origin& from) {
    return db.transaction([&](db::connection& conn) {
        store::identity_store store(conn);
        const auto before = must_find(store, user_id);
        field_errors errors;
        check_roles(errors, store.list_roles(), roles, true);
        errors.throw_if_any();
        store.set_roles(user_id, roles);
        // A role change renews the person's sessions: they sign in again with the new rights.
        store.end_user_sessions(user_id, stamp(now), "role_change", std::nullopt);
        audit::record(
            conn, now, actor_of(actor, from),
            {"identity.user.roles", "user", std::to_string(user_id), "success",
             fmt::format("{} -> {}", fmt::join(before.roles, ","), fmt::join(roles, ","))});
        return must_find(store, user_id);
    });
}

std::vector<store::user_row> unit_members(db::database& db, const principal& who,
                                          std::int64_t unit_id) {
    if (!in_scope(who, {std::nullopt, unit_id, {}})) {
        throw api_error(error_code::not_found);
    }
    return db.read([&](db::connection& conn) {
        if (!store::reference_store(conn).find_unit(unit_id)) {
            throw api_error(error_code::not_found);
        }
        return store::identity_store(conn).list_unit_members(unit_id);
    });
}

store::role_row set_role_permissions(db::database& db, const clock& now, const principal& actor,
                                     const std::string& role, std::vector<std::string> permissions,
                                     const origin& from) {
    std::sort(permissions.begin(), permissions.end());
    permissions.erase(std::unique(permissions.begin(), permissions.end()), permissions.end());
    return db.transaction([&](db::connection& conn) {
        store::identity_store store(conn);
        const auto roles = store.list_roles();
        const auto* target = find_role(roles, role);
        if (target == nullptr) {
            throw api_error(error_code::not_found);
        }
        if (target->admin_class || !target->assignable) {
            throw api_error(error_code::validation_failed, {},
                            {{"role", {"field.role_not_assignable", {{"role", role}}}}});
        }
        const auto known = store.known_permissions();
        field_errors errors;
        for (const auto& permission : permissions) {
            const bool administrative = permission.starts_with("identity:user") ||
                                        permission.starts_with("identity:role") ||
                                        permission.starts_with("identity:unit") ||
                                        permission.starts_with("security:") ||
                                        permission.starts_with("audit:");
            if (std::find(known.begin(), known.end(), permission) == known.end() ||
                administrative) {
                errors.add("permissions", {"field.invalid_value", {}});
                break;
            }
        }
        errors.throw_if_any();
        store.set_role_permissions(role, permissions);
        audit::record(conn, now, actor_of(actor, from),
                      {"identity.role.permissions", "role", role, "success",
                       fmt::format("{} -> {}", fmt::join(target->permissions, ","),
                                   fmt::join(permissions, ","))});
        return *find_role(store.list_roles(), role);
    });
}

std::string reveal_phone(db::database& db, const clock& now, const principal& who,
                         std::int64_t user_id, const origin& from) {
    return db.transaction([&](db::connection& conn) {
        store::identity_store store(conn);
        const auto user = store.find_user(user_id);
        if (!user || !user->phone || !in_scope(who, {user->id, user->unit_id, {}})) {
            throw api_error(error_code::not_found);
        }
        audit::record(conn, now, actor_of(who, from),
                      {"identity.phone.reveal", "user", std::to_string(user_id), "success", {}});
        return *user->phone;
    });
}

void update_policy(db::database& db, const clock& now, const principal& actor,
                   const std::map<std::string, std::string>& values, const origin& from) {
    field_errors errors;
    for (const auto& [name, value] : values) {
        if (!valid_policy_value(name, value)) {
            errors.add(name, {"field.invalid_value", {}});
        }
    }
    errors.throw_if_any();
    db.transaction([&](db::connection& conn) {
        store::identity_store store(conn);
        const auto before = store.policy();
        for (const auto& [name, value] : values) {
            store.put_policy(name, value, stamp(now), actor.user_id);
            const auto old = before.find(name);
            audit::record(
                conn, now, actor_of(actor, from),
                {"security.policy.update", "policy", name, "success",
                 (old == before.end() ? std::string("-") : old->second) + " -> " + value});
        }
    });
}

std::int64_t create_administrator(db::database& db, const clock& now, const std::string& role,
                                  const std::string& login_name, const std::string& name,
                                  const std::string& password) {
    return db.transaction([&](db::connection& conn) {
        store::identity_store store(conn);
        field_errors errors;
        check_roles(errors, store.list_roles(), {role}, true);
        if (store.identifier_taken("login_name", login_name)) {
            errors.add("login_name", {"field.taken", {}});
        }
        const auto policy = load_policy(conn);
        if (const auto problem = password_problem(password, true, policy.password_min_length)) {
            errors.add("password", *problem);
        }
        errors.throw_if_any();
        store::user_row user;
        user.login_name = login_name;
        user.name = name;
        user.password_hash = crypto::hash_password(password);
        user.password_changed_at = stamp(now);
        user.strict_password_policy = true;
        user.roles = {role};
        user.id = store.insert_user(user, stamp(now), std::nullopt);
        audit::record(
            conn, now, {std::nullopt, "command-line", {}, std::nullopt, "local", {}},
            {"identity.user.create", "user", std::to_string(user.id), "success", "roles=" + role});
        return user.id;
    });
}

std::vector<std::string> ensure_demo_accounts(db::database& db, const clock& now,
                                              const std::string& password) {
    const std::string hash = crypto::hash_password(password);
    return db.transaction([&](db::connection& conn) {
        store::identity_store store(conn);
        store::reference_store units(conn);
        std::map<std::string, std::int64_t> unit_by_key;
        for (const auto& u : units.list_units()) {
            unit_by_key[u.key] = u.id;
        }
        struct demo {
            std::string login;
            std::string name;
            std::string role;
            std::string unit_key;
        };
        std::vector<demo> accounts = {
            {"admin", "系统管理员（演示）", "sys_admin", ""},
            {"security", "安全管理员（演示）", "sec_admin", ""},
            {"auditor", "安全审计员（演示）", "auditor", ""},
            {"bureau", "市商务局业务员（演示）", "bureau_operator", "bureau"},
            {"leader", "市领导（演示）", "leader", "city"},
            {"investor", "投资者（演示）", "investor", ""},
            {"investor2", "投资者二（演示）", "investor", ""},
            {"agency", "招商机构管理员（演示）", "agency_admin", ""},
        };
        for (const auto& u : units.list_units()) {
            if (u.type == "district" && u.code) {
                accounts.push_back(
                    {*u.code + ".staff", u.name_zh + "工作人员（演示）", "unit_staff", u.key});
                accounts.push_back(
                    {*u.code + ".lead", u.name_zh + "负责人（演示）", "unit_lead", u.key});
            }
        }
        std::vector<std::string> made;
        for (const auto& a : accounts) {
            if (store.identifier_taken("login_name", a.login)) {
                continue;
            }
            store::user_row user;
            user.login_name = a.login;
            user.name = a.name;
            if (!a.unit_key.empty()) {
                user.unit_id = unit_by_key.at(a.unit_key);
            }
            if (a.role == "investor") {
                user.company_id = store.insert_company(a.name, std::nullopt, stamp(now));
            }
            user.password_hash = hash;
            user.password_changed_at = stamp(now);
            user.is_demo = true;
            user.roles = {a.role};
            user.id = store.insert_user(user, stamp(now), std::nullopt);
            made.push_back(a.login);
        }
        if (!made.empty()) {
            audit::record(conn, now, {std::nullopt, "demo-loader", {}, std::nullopt, "local", {}},
                          {"identity.demo_accounts.create",
                           "user",
                           {},
                           "success",
                           fmt::format("{} accounts", made.size())});
        }
        return made;
    });
}

account_view view_account(db::connection& conn, std::int64_t user_id) {
    store::identity_store store(conn);
    account_view view{must_find(store, user_id), std::nullopt, std::nullopt};
    if (view.user.unit_id) {
        view.unit = store::reference_store(conn).find_unit(*view.user.unit_id);
    }
    if (view.user.company_id) {
        view.company = store.company_name(*view.user.company_id);
    }
    return view;
}

std::pair<std::vector<account_view>, std::int64_t> list_accounts(db::database& db,
                                                                 const store::user_filter& filter) {
    return db.read([&](db::connection& conn) {
        auto [users, total] = store::identity_store(conn).list_users(filter);
        std::vector<account_view> out;
        for (const auto& user : users) {
            out.push_back(view_account(conn, user.id));
        }
        return std::pair{out, total};
    });
}

}  // namespace zhaoyin::service::identity
