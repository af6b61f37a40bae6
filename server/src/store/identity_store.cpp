#include "store/identity_store.hpp"

#include <stdexcept>

namespace zhaoyin::store {
namespace {

constexpr const char* user_columns =
    "id, login_name, phone, email, name, unit_id, company_id, password_hash, password_changed_at, "
    "must_change_password, strict_password_policy, status, failed_attempts, locked_until, "
    "totp_secret, totp_enabled, totp_last_step, privacy_version, privacy_accepted_at, is_demo, "
    "created_at";

user_row user_from(const db::result& res, std::size_t r) {
    user_row u;
    u.id = res.integer(r, 0);
    u.login_name = res.optional_text(r, 1);
    u.phone = res.optional_text(r, 2);
    u.email = res.optional_text(r, 3);
    u.name = res.text(r, 4);
    u.unit_id = res.optional_integer(r, 5);
    u.company_id = res.optional_integer(r, 6);
    u.password_hash = res.text(r, 7);
    u.password_changed_at = res.text(r, 8);
    u.must_change_password = res.integer(r, 9) != 0;
    u.strict_password_policy = res.integer(r, 10) != 0;
    u.status = res.text(r, 11);
    u.failed_attempts = int(res.integer(r, 12));
    u.locked_until = res.optional_text(r, 13);
    u.totp_secret = res.optional_text(r, 14);
    u.totp_enabled = res.integer(r, 15) != 0;
    u.totp_last_step = res.optional_integer(r, 16);
    u.privacy_version = res.optional_text(r, 17);
    u.privacy_accepted_at = res.optional_text(r, 18);
    u.is_demo = res.integer(r, 19) != 0;
    u.created_at = res.text(r, 20);
    return u;
}

constexpr const char* session_columns =
    "id, token_hash, user_id, csrf_token, created_at, last_seen_at, idle_expires_at, "
    "absolute_expires_at, ended_at, ip, user_agent";

session_row session_from(const db::result& res, std::size_t r) {
    return {res.integer(r, 0),       res.text(r, 1),          res.integer(r, 2),
            res.text(r, 3),          res.text(r, 4),          res.text(r, 5),
            res.text(r, 6),          res.text(r, 7),          res.optional_text(r, 8),
            res.optional_text(r, 9), res.optional_text(r, 10)};
}

// LIKE patterns treat % and _ as wildcards; a search for them must find them literally.
std::string like_pattern(const std::string& text) {
    std::string out = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "%";
}

}  // namespace

bool identity_store::roles_loaded() {
    return conn_.query("SELECT COUNT(*) FROM role").integer(0, 0) > 0;
}

void identity_store::insert_role(const role_row& role) {
    conn_.query(
        "INSERT INTO role (code, name_zh, name_en, scope, admin_class, totp_required, assignable, "
        "sort_order) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {role.code, role.name_zh, role.name_en, role.scope, db::nullable(role.admin_class),
         db::flag(role.totp_required), db::flag(role.assignable), std::int64_t(role.sort_order)});
    for (const auto& permission : role.permissions) {
        grant(role.code, permission);
    }
}

std::vector<role_row> identity_store::list_roles() {
    const auto res = conn_.query(
        "SELECT code, name_zh, name_en, scope, admin_class, totp_required, assignable, sort_order "
        "FROM role ORDER BY sort_order");
    const auto perms =
        conn_.query("SELECT role, permission FROM role_permission ORDER BY role, permission");
    std::vector<role_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        role_row role{res.text(r, 0),         res.text(r, 1),          res.text(r, 2),
                      res.text(r, 3),         res.optional_text(r, 4), res.integer(r, 5) != 0,
                      res.integer(r, 6) != 0, int(res.integer(r, 7)),  {}};
        for (std::size_t p = 0; p < perms.size(); ++p) {
            if (perms.text(p, 0) == role.code) {
                role.permissions.push_back(perms.text(p, 1));
            }
        }
        out.push_back(std::move(role));
    }
    return out;
}

std::vector<std::string> identity_store::permissions_of(const std::vector<std::string>& roles) {
    std::vector<std::string> out;
    for (const auto& role : roles) {
        const auto res =
            conn_.query("SELECT permission FROM role_permission WHERE role = $1", {role});
        for (std::size_t r = 0; r < res.size(); ++r) {
            out.push_back(res.text(r, 0));
        }
    }
    return out;
}

bool identity_store::permission_known(const std::string& code) {
    return !conn_.query("SELECT 1 FROM permission WHERE code = $1", {code}).empty();
}

void identity_store::record_permission(const std::string& code, const std::string& now) {
    conn_.query("INSERT INTO permission (code, introduced_at) VALUES ($1, $2)", {code, now});
}

void identity_store::grant(const std::string& role, const std::string& permission) {
    conn_.query(
        "INSERT INTO role_permission (role, permission) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        {role, permission});
}

void identity_store::set_role_permissions(const std::string& role,
                                          const std::vector<std::string>& permissions) {
    conn_.query("DELETE FROM role_permission WHERE role = $1", {role});
    for (const auto& permission : permissions) {
        grant(role, permission);
    }
}

std::vector<std::string> identity_store::known_permissions() {
    const auto res = conn_.query("SELECT code FROM permission ORDER BY code");
    std::vector<std::string> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(res.text(r, 0));
    }
    return out;
}

std::map<std::string, std::string> identity_store::policy() {
    const auto res = conn_.query("SELECT name, value FROM security_policy");
    std::map<std::string, std::string> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out[res.text(r, 0)] = res.text(r, 1);
    }
    return out;
}

void identity_store::put_policy(const std::string& name, const std::string& value,
                                const std::string& now, std::optional<std::int64_t> by) {
    conn_.query(
        "INSERT INTO security_policy (name, value, updated_at, updated_by) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = "
        "excluded.updated_at, "
        "updated_by = excluded.updated_by",
        {name, value, now, db::nullable(by)});
}

std::int64_t identity_store::insert_company(const std::string& name,
                                            const std::optional<std::string>& credit_code,
                                            const std::string& now) {
    return conn_
        .query(
            "INSERT INTO company (name, credit_code, created_at, updated_at) VALUES ($1, $2, $3, "
            "$3) RETURNING id",
            {name, db::nullable(credit_code), now})
        .integer(0, 0);
}

std::optional<std::int64_t> identity_store::find_company_by_credit_code(
    const std::string& credit_code) {
    const auto res = conn_.query("SELECT id FROM company WHERE credit_code = $1", {credit_code});
    return res.empty() ? std::nullopt : std::optional<std::int64_t>(res.integer(0, 0));
}

std::optional<std::string> identity_store::company_name(std::int64_t id) {
    const auto res = conn_.query("SELECT name FROM company WHERE id = $1", {id});
    return res.empty() ? std::nullopt : std::optional<std::string>(res.text(0, 0));
}

std::int64_t identity_store::insert_user(const user_row& u, const std::string& now,
                                         std::optional<std::int64_t> by) {
    const auto id =
        conn_
            .query(
                "INSERT INTO user_account (login_name, phone, email, name, unit_id, company_id, "
                "password_hash, password_changed_at, must_change_password, strict_password_policy, "
                "status, privacy_version, privacy_accepted_at, is_demo, created_at, updated_at, "
                "created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                "$12, "
                "$13, $14, $15, $15, $16, $16) RETURNING id",
                {db::nullable(u.login_name), db::nullable(u.phone), db::nullable(u.email), u.name,
                 db::nullable(u.unit_id), db::nullable(u.company_id), u.password_hash,
                 u.password_changed_at, db::flag(u.must_change_password),
                 db::flag(u.strict_password_policy), u.status, db::nullable(u.privacy_version),
                 db::nullable(u.privacy_accepted_at), db::flag(u.is_demo), now, db::nullable(by)})
            .integer(0, 0);
    set_roles(id, u.roles);
    return id;
}

std::optional<user_row> identity_store::find_user(std::int64_t id) {
    const auto res = conn_.query(
        std::string("SELECT ") + user_columns + " FROM user_account WHERE id = $1", {id});
    if (res.empty()) {
        return std::nullopt;
    }
    auto user = user_from(res, 0);
    const auto roles =
        conn_.query("SELECT role FROM user_role WHERE user_id = $1 ORDER BY role", {id});
    for (std::size_t r = 0; r < roles.size(); ++r) {
        user.roles.push_back(roles.text(r, 0));
    }
    return user;
}

std::optional<user_row> identity_store::find_user_by_login(const std::string& login) {
    const auto res = conn_.query(
        "SELECT id FROM user_account WHERE login_name = $1 OR phone = $1 OR lower(email) = "
        "lower($1)",
        {login});
    if (res.size() != 1) {
        return std::nullopt;
    }
    return find_user(res.integer(0, 0));
}

bool identity_store::identifier_taken(const std::string& column, const std::string& value) {
    if (column != "login_name" && column != "phone" && column != "email") {
        throw std::logic_error("not an identifier column: " + column);
    }
    return !conn_.query("SELECT 1 FROM user_account WHERE " + column + " = $1", {value}).empty();
}

std::pair<std::vector<user_row>, std::int64_t> identity_store::list_users(const user_filter& f) {
    std::string where = " WHERE 1 = 1";
    std::vector<db::param> params;
    if (!f.text.empty()) {
        params.emplace_back(like_pattern(f.text));
        const auto n = std::to_string(params.size());
        where += " AND (name LIKE $" + n + " ESCAPE '\\' OR login_name LIKE $" + n +
                 " ESCAPE '\\' OR email LIKE $" + n + " ESCAPE '\\')";
    }
    if (!f.role.empty()) {
        params.emplace_back(f.role);
        where += " AND id IN (SELECT user_id FROM user_role WHERE role = $" +
                 std::to_string(params.size()) + ")";
    }
    if (f.unit_id) {
        params.emplace_back(*f.unit_id);
        where += " AND unit_id = $" + std::to_string(params.size());
    }
    const auto total =
        conn_.query("SELECT COUNT(*) FROM user_account" + where, params).integer(0, 0);
    params.emplace_back(std::int64_t(f.limit));
    params.emplace_back(std::int64_t(f.offset));
    const auto ids = conn_.query("SELECT id FROM user_account" + where + " ORDER BY id LIMIT $" +
                                     std::to_string(params.size() - 1) + " OFFSET $" +
                                     std::to_string(params.size()),
                                 params);
    std::vector<user_row> out;
    for (std::size_t r = 0; r < ids.size(); ++r) {
        out.push_back(*find_user(ids.integer(r, 0)));
    }
    return {out, total};
}

std::vector<user_row> identity_store::list_unit_members(std::int64_t unit_id) {
    const auto ids = conn_.query(
        "SELECT id FROM user_account WHERE unit_id = $1 AND status = 'active' ORDER BY id",
        {unit_id});
    std::vector<user_row> out;
    for (std::size_t r = 0; r < ids.size(); ++r) {
        out.push_back(*find_user(ids.integer(r, 0)));
    }
    return out;
}

void identity_store::set_roles(std::int64_t user_id, const std::vector<std::string>& roles) {
    conn_.query("DELETE FROM user_role WHERE user_id = $1", {user_id});
    for (const auto& role : roles) {
        conn_.query("INSERT INTO user_role (user_id, role) VALUES ($1, $2)", {user_id, role});
    }
}

void identity_store::record_failed_login(std::int64_t user_id, int attempts,
                                         const std::optional<std::string>& locked_until) {
    conn_.query("UPDATE user_account SET failed_attempts = $2, locked_until = $3 WHERE id = $1",
                {user_id, std::int64_t(attempts), db::nullable(locked_until)});
}

void identity_store::clear_failed_logins(std::int64_t user_id) {
    conn_.query("UPDATE user_account SET failed_attempts = 0, locked_until = NULL WHERE id = $1",
                {user_id});
}

void identity_store::update_password(std::int64_t user_id, const std::string& hash,
                                     const std::string& now, bool must_change) {
    conn_.query(
        "UPDATE user_account SET password_hash = $2, password_changed_at = $3, "
        "must_change_password = $4, updated_at = $3, updated_by = $1 WHERE id = $1",
        {user_id, hash, now, db::flag(must_change)});
}

void identity_store::update_profile(std::int64_t user_id, const std::string& name,
                                    std::optional<std::int64_t> unit_id, const std::string& status,
                                    const std::string& now, std::int64_t by) {
    conn_.query(
        "UPDATE user_account SET name = $2, unit_id = $3, status = $4, updated_at = $5, "
        "updated_by = $6 WHERE id = $1",
        {user_id, name, db::nullable(unit_id), status, now, by});
}

void identity_store::set_totp_secret(std::int64_t user_id, const std::string& secret) {
    conn_.query(
        "UPDATE user_account SET totp_secret = $2, totp_enabled = 0, totp_last_step = NULL "
        "WHERE id = $1",
        {user_id, secret});
}

void identity_store::enable_totp(std::int64_t user_id) {
    conn_.query("UPDATE user_account SET totp_enabled = 1 WHERE id = $1", {user_id});
}

bool identity_store::consume_totp_step(std::int64_t user_id, std::int64_t step) {
    return conn_
               .query(
                   "UPDATE user_account SET totp_last_step = $2 WHERE id = $1 AND "
                   "(totp_last_step IS NULL OR totp_last_step < $2)",
                   {user_id, step})
               .affected == 1;
}

std::int64_t identity_store::insert_session(const session_row& s) {
    return conn_
        .query(
            "INSERT INTO auth_session (token_hash, user_id, csrf_token, created_at, last_seen_at, "
            "idle_expires_at, absolute_expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6, "
            "$7, $8, $9) RETURNING id",
            {s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.idle_expires_at,
             s.absolute_expires_at, db::nullable(s.ip), db::nullable(s.user_agent)})
        .integer(0, 0);
}

std::optional<session_row> identity_store::find_session_by_token_hash(const std::string& hash) {
    const auto res = conn_.query(
        std::string("SELECT ") + session_columns + " FROM auth_session WHERE token_hash = $1",
        {hash});
    return res.empty() ? std::nullopt : std::optional<session_row>(session_from(res, 0));
}

void identity_store::touch_session(std::int64_t id, const std::string& now,
                                   const std::string& idle_expires_at) {
    conn_.query(
        "UPDATE auth_session SET last_seen_at = $2, idle_expires_at = $3 WHERE id = $1 AND "
        "ended_at IS NULL",
        {id, now, idle_expires_at});
}

void identity_store::end_session(std::int64_t id, const std::string& now,
                                 const std::string& reason) {
    conn_.query(
        "UPDATE auth_session SET ended_at = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL",
        {id, now, reason});
}

void identity_store::end_user_sessions(std::int64_t user_id, const std::string& now,
                                       const std::string& reason,
                                       std::optional<std::int64_t> except) {
    conn_.query(
        "UPDATE auth_session SET ended_at = $2, end_reason = $3 WHERE user_id = $1 AND "
        "ended_at IS NULL AND id <> $4",
        {user_id, now, reason, except.value_or(0)});
}

std::vector<session_row> identity_store::list_active_sessions(std::int64_t user_id,
                                                              const std::string& now) {
    const auto res = conn_.query(
        std::string("SELECT ") + session_columns +
            " FROM auth_session WHERE user_id = $1 AND ended_at IS NULL AND idle_expires_at > $2 "
            "AND absolute_expires_at > $2 ORDER BY last_seen_at DESC",
        {user_id, now});
    std::vector<session_row> out;
    for (std::size_t r = 0; r < res.size(); ++r) {
        out.push_back(session_from(res, r));
    }
    return out;
}

}  // namespace zhaoyin::store
