#pragma once

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/connection.hpp"

namespace zhaoyin::db {

struct migration {
    int version;
    std::string name;
    std::string sql;  // already rewritten for the engine
};

// The embedded migrations for an engine, ordered by version. A file "0003_x.postgres.sql"
// replaces "0003_x.sql" on that engine; "{{pk}}" and "{{bytes}}" become the engine's types.
std::vector<migration> migrations_for(engine e);
std::string apply_dialect(std::string_view sql, engine e);

int latest_version();
// The version recorded in the database, 0 when it has none.
int current_version(connection& conn);
// Applies every migration newer than the database's version, each in its own transaction.
// Returns how many were applied; applying twice applies nothing the second time.
int migrate(connection& conn, const clock& now);

}  // namespace zhaoyin::db
