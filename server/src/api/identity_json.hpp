#pragma once

#include <boost/json.hpp>

#include "service/identity/accounts.hpp"

namespace zhaoyin::api {

// An account as replies show it: phone masked, never a hash or secret.
boost::json::object account_json(const service::identity::account_view& view);
// The signed-in user for /auth/me and sign-in replies.
boost::json::object me_json(const service::identity::account_view& view,
                            const service::identity::principal& who);

}  // namespace zhaoyin::api
