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
// Within a shared file, statements for one engine only follow a line "-- engine: sqlite" (or
// "-- engine: postgres") up to a line "-- engine: all" or the end of the file, so that engines
// that differ in a few statements share the rest (see 0020).
std::vector<migration> migrations_for(engine e);
std::string apply_dialect(std::string_view sql, engine e);
// The lines of a shared migration that apply to an engine (the section markers dropped); an
// unknown engine in a marker is an error.
std::string engine_sections(std::string_view sql, engine e);

int latest_version();
// The version recorded in the database, 0 when it has none.
int current_version(connection& conn);
// Applies every migration newer than the database's version, each in its own transaction.
// Returns how many were applied; applying twice applies nothing the second time.
int migrate(connection& conn, const clock& now);

}  // namespace zhaoyin::db
