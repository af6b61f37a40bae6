#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "service/identity/accounts.hpp"
#include "service/identity/principal.hpp"
#include "store/identity_store.hpp"

namespace zhaoyin::service::dispatch {

struct investor_input {
    std::string name;
    std::optional<std::string> phone;
    std::optional<std::string> email;
};

struct provisioned_investor {
    store::user_row user;
    std::string initial_password;  // shown once; changed at first sign-in
};

// The bureau opens an investor account for a key project (the identity service's account
// creation, role investor): the investor then sees that project and its progress. On the
// timeline (without the phone) and audited, in one transaction.
provisioned_investor provision_investor(db::database& db, const clock& now,
                                        const identity::principal& who, std::int64_t project_id,
                                        const investor_input& input, const identity::origin& from);

}  // namespace zhaoyin::service::dispatch
