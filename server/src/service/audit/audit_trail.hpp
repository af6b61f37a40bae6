#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "db/connection.hpp"
#include "store/audit_store.hpp"

namespace zhaoyin::service::audit {

// Who did something, as the audit trail records it. Never holds passwords, tokens or full
// phone numbers.
struct actor {
    std::optional<std::int64_t> user_id;
    std::string login;
    std::string roles;
    std::optional<std::int64_t> unit_id;
    std::string ip;
    std::string request_id;
};

struct event {
    std::string action;  // e.g. "auth.login", "identity.user.create"
    std::string object_type;
    std::string object_id;
    std::string result = "success";  // success | failure | denied
    std::string detail;
};

// Appends one entry, chained to the previous by SHA-256, on the caller's connection: call it
// inside the transaction of the change it records, so that both land or neither does.
void record(db::connection& conn, const clock& now, const actor& who, const event& what);

struct verification {
    bool ok = true;
    std::int64_t checked = 0;
    std::optional<std::int64_t> first_broken_id;
};

// Recomputes the chain from the first row and names the first row that does not match.
verification verify(db::connection& conn);

std::string entry_hash(const store::audit_row& row);

// Removes entries older than `before`, which must be at least 180 days ago (the database
// refuses younger ones too), and records the purge itself. The chain stays verifiable: it is
// anchored at the first remaining entry. Returns how many entries went.
std::int64_t purge(db::connection& conn, const clock& now, const actor& who, time_point before);

}  // namespace zhaoyin::service::audit
