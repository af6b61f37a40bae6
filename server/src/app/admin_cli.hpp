#pragma once

#include <string>
#include <vector>

#include "app/config.hpp"

namespace zhaoyin::app {

// `zhaoyin admin create --role ROLE --login NAME [--name TEXT] [options]` and
// `zhaoyin audit verify [options]`: what an operator does on the server machine itself.
// Returns the process exit code.
int run_admin_command(const std::vector<std::string>& args, const env_lookup& env);
bool is_admin_command(const std::vector<std::string>& args);

}  // namespace zhaoyin::app
