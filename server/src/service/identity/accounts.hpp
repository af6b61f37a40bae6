#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "db/database.hpp"
#include "service/identity/principal.hpp"
#include "store/identity_store.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::identity {

// Where a request came from, for sessions and the audit trail.
struct origin {
    std::string ip;
    std::string user_agent;
    std::string request_id;
};

struct security_policy {
    int session_idle_minutes = 30;
    int admin_session_idle_minutes = 15;
    int session_absolute_hours = 12;
    int lockout_threshold = 5;
    int lockout_minutes = 15;
    int password_min_length = 8;
    int password_max_age_days = 90;
    int login_attempts_per_ip_per_minute = 30;
    std::string privacy_version = "2026-11";
};

security_policy load_policy(db::connection& conn);
// Policy names a security administrator may change, with their allowed ranges.
bool valid_policy_value(const std::string& name, const std::string& value);

// On a new database: the default roles, permissions and policy from data/security/roles.json.
void seed_security(db::database& db, const clock& now);

// Whether the caller is running with --demo: demo accounts then skip TOTP and first change.
struct mode {
    bool demo = false;
};

struct registration {
    std::optional<std::string> phone;
    std::optional<std::string> email;
    std::string password;
    std::string name;
    std::string company;
    std::optional<std::string> credit_code;
    bool privacy_accepted = false;
    std::string privacy_version;
};

struct signed_in {
    std::string token;  // the cookie value; only its hash is stored
    principal who;
};

signed_in register_investor(db::database& db, const clock& now, const registration& input,
                            const origin& from);
signed_in login(db::database& db, const clock& now, const std::string& login,
                const std::string& password, const std::optional<std::string>& totp,
                const origin& from, mode run);
// The principal of a live session, or nullopt; expired sessions are ended on the way.
std::optional<principal> authenticate(db::database& db, const clock& now, const std::string& token,
                                      mode run);
void logout(db::database& db, const clock& now, const principal& who, const origin& from);
// Returns the new session token: the current session is renewed, all others are ended.
std::string change_password(db::database& db, const clock& now, const principal& who,
                            const std::string& current, const std::string& replacement,
                            const origin& from);
std::vector<store::session_row> active_sessions(db::database& db, const clock& now,
                                                const principal& who);
void end_own_session(db::database& db, const clock& now, const principal& who,
                     std::int64_t session_id, const origin& from);

struct totp_enrolment {
    std::string secret;
    std::string otpauth_uri;
};
totp_enrolment start_totp(db::database& db, const clock& now, const principal& who,
                          const origin& from);
void enable_totp(db::database& db, const clock& now, const principal& who, const std::string& code,
                 const origin& from);

// A mainland mobile number; an e-mail address (also for contacts kept on business records).
bool valid_phone(const std::string& phone);
bool valid_email(const std::string& email);

struct new_account {
    std::string login_name;
    std::string name;
    std::optional<std::int64_t> unit_id;
    std::vector<std::string> roles;
    std::optional<std::string> phone;
    std::optional<std::string> email;
};

struct account_changes {
    std::optional<std::string> name;
    std::optional<std::optional<std::int64_t>> unit_id;
    std::optional<std::string> status;
};

// Provisioned accounts get a random initial password and must change it at first sign-in.
std::pair<store::user_row, std::string> create_account(db::database& db, const clock& now,
                                                       const principal& actor,
                                                       const new_account& input,
                                                       const origin& from);
// The same inside the caller's transaction, for a record that provisions its own accounts (a key
// project's investors).
std::pair<store::user_row, std::string> create_account(db::connection& conn, const clock& now,
                                                       const principal& actor,
                                                       const new_account& input,
                                                       const origin& from);
store::user_row update_account(db::database& db, const clock& now, const principal& actor,
                               std::int64_t user_id, const account_changes& changes,
                               const origin& from);
store::user_row set_account_roles(db::database& db, const clock& now, const principal& actor,
                                  std::int64_t user_id, const std::vector<std::string>& roles,
                                  const origin& from);
std::vector<store::user_row> unit_members(db::database& db, const principal& who,
                                          std::int64_t unit_id);
// A security administrator changes what a business role may do. Administrator roles and the
// anonymous and signed-in pseudo-roles are fixed; administrative permissions stay with them.
store::role_row set_role_permissions(db::database& db, const clock& now, const principal& actor,
                                     const std::string& role, std::vector<std::string> permissions,
                                     const origin& from);
// The full phone number of a person in the caller's scope; audited. Not found otherwise.
std::string reveal_phone(db::database& db, const clock& now, const principal& who,
                         std::int64_t user_id, const origin& from);
void update_policy(db::database& db, const clock& now, const principal& actor,
                   const std::map<std::string, std::string>& values, const origin& from);

// The command line's `zhaoyin admin create`: the first administrators, with no default password.
std::int64_t create_administrator(db::database& db, const clock& now, const std::string& role,
                                  const std::string& login_name, const std::string& name,
                                  const std::string& password);
// With --demo: stable demo log-ins sharing one password (docs/demo.md). Returns the logins made.
std::vector<std::string> ensure_demo_accounts(db::database& db, const clock& now,
                                              const std::string& password);

// Why a password is refused, as a field message; nullopt when it is acceptable.
std::optional<message> password_problem(const std::string& password, bool strict, int min_length);

// Per-IP sign-in attempts in a sliding minute, kept in memory.
class login_rate_limit {
  public:
    bool allow(const std::string& ip, time_point now, int per_minute);

  private:
    std::mutex mutex_;
    std::map<std::string, std::deque<time_point>> attempts_;
};

std::string display_login(const store::user_row& user);

// An account with the names of its unit and company, for replies.
struct account_view {
    store::user_row user;
    std::optional<store::unit_row> unit;
    std::optional<std::string> company;
};
account_view view_account(db::connection& conn, std::int64_t user_id);
std::pair<std::vector<account_view>, std::int64_t> list_accounts(db::database& db,
                                                                 const store::user_filter& filter);

}  // namespace zhaoyin::service::identity
