#pragma once

#include <cstdint>

#include <boost/json.hpp>

#include "api/context.hpp"
#include "core/time_format.hpp"

namespace zhaoyin::api {

// The WebSocket topic of every console user with dashboard:figure:read (joined on connecting).
inline constexpr const char* dashboard_topic = "dashboard";

// Tells the open dashboards that a key project changed, so they fetch their figures again.
// Called after the write committed: a figure never moves before the change is visible.
inline void publish_dashboard_changed(context& ctx, std::int64_t project_id) {
    ctx.hub.publish(dashboard_topic,
                    boost::json::serialize(boost::json::object{{"type", "dashboard.changed"},
                                                               {"project_id", project_id},
                                                               {"at", format_cst(ctx.now.now())}}));
}

}  // namespace zhaoyin::api
