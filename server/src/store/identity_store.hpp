#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::store {

struct user_row {
    std::int64_t id = 0;
    std::optional<std::string> login_name;
    std::optional<std::string> phone;
    std::optional<std::string> email;
    std::string name;
    std::optional<std::int64_t> unit_id;
    std::optional<std::int64_t> company_id;
    std::string password_hash;
    std::string password_changed_at;
    bool must_change_password = false;
    bool strict_password_policy = false;
    std::string status = "active";
    int failed_attempts = 0;
    std::optional<std::string> locked_until;
    std::optional<std::string> totp_secret;
    bool totp_enabled = false;
    std::optional<std::int64_t> totp_last_step;
    std::optional<std::string> privacy_version;
    std::optional<std::string> privacy_accepted_at;
    bool is_demo = false;
    std::string created_at;
    std::vector<std::string> roles;
};

struct session_row {
    std::int64_t id = 0;
    std::string token_hash;
    std::int64_t user_id = 0;
    std::string csrf_token;
    std::string created_at;
    std::string last_seen_at;
    std::string idle_expires_at;
    std::string absolute_expires_at;
    std::optional<std::string> ended_at;
    std::optional<std::string> ip;
    std::optional<std::string> user_agent;
};

struct role_row {
    std::string code;
    std::string name_zh;
    std::string name_en;
    std::string scope;
    std::optional<std::string> admin_class;
    bool totp_required = false;
    bool assignable = true;
    int sort_order = 0;
    std::vector<std::string> permissions;
};

struct user_filter {
    std::string text;
    std::string role;
    std::optional<std::int64_t> unit_id;
    int offset = 0;
    int limit = 20;
};

class identity_store {
  public:
    explicit identity_store(db::connection& conn) : conn_(conn) {}

    bool roles_loaded();
    void insert_role(const role_row& role);
    std::vector<role_row> list_roles();
    std::vector<std::string> permissions_of(const std::vector<std::string>& roles);
    bool permission_known(const std::string& code);
    void record_permission(const std::string& code, const std::string& now);
    void grant(const std::string& role, const std::string& permission);
    void set_role_permissions(const std::string& role, const std::vector<std::string>& permissions);
    std::vector<std::string> known_permissions();

    std::map<std::string, std::string> policy();
    void put_policy(const std::string& name, const std::string& value, const std::string& now,
                    std::optional<std::int64_t> by);

    std::int64_t insert_company(const std::string& name,
                                const std::optional<std::string>& credit_code,
                                const std::string& now);
    std::optional<std::int64_t> find_company_by_credit_code(const std::string& credit_code);
    std::optional<std::string> company_name(std::int64_t id);

    std::int64_t insert_user(const user_row& user, const std::string& now,
                             std::optional<std::int64_t> by);
    std::optional<user_row> find_user(std::int64_t id);
    // By login name, phone or e-mail.
    std::optional<user_row> find_user_by_login(const std::string& login);
    bool identifier_taken(const std::string& column, const std::string& value);
    std::pair<std::vector<user_row>, std::int64_t> list_users(const user_filter& filter);
    std::vector<user_row> list_unit_members(std::int64_t unit_id);
    void set_roles(std::int64_t user_id, const std::vector<std::string>& roles);
    void record_failed_login(std::int64_t user_id, int attempts,
                             const std::optional<std::string>& locked_until);
    void clear_failed_logins(std::int64_t user_id);
    void update_password(std::int64_t user_id, const std::string& hash, const std::string& now,
                         bool must_change);
    void update_profile(std::int64_t user_id, const std::string& name,
                        std::optional<std::int64_t> unit_id, const std::string& status,
                        const std::string& now, std::int64_t by);
    void set_totp_secret(std::int64_t user_id, const std::string& secret);
    void enable_totp(std::int64_t user_id);
    // Records a used TOTP step; false when that step (or a later one) was already used.
    bool consume_totp_step(std::int64_t user_id, std::int64_t step);

    std::int64_t insert_session(const session_row& session);
    std::optional<session_row> find_session_by_token_hash(const std::string& token_hash);
    void touch_session(std::int64_t id, const std::string& now, const std::string& idle_expires_at);
    void end_session(std::int64_t id, const std::string& now, const std::string& reason);
    void end_user_sessions(std::int64_t user_id, const std::string& now, const std::string& reason,
                           std::optional<std::int64_t> except);
    std::vector<session_row> list_active_sessions(std::int64_t user_id, const std::string& now);

  private:
    db::connection& conn_;
};

}  // namespace zhaoyin::store
