#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/connection.hpp"

namespace zhaoyin::store {

struct event_row {
    std::int64_t id = 0;
    std::string name;
    std::string starts_on;  // YYYY-MM-DD
    std::string ends_on;
    std::string place;
    std::string organiser;
    std::string description;
    std::int64_t created_by = 0;
    std::string created_at;
    std::string created_by_name;  // read only
};

struct event_signing_row {
    std::int64_t id = 0;
    std::int64_t event_id = 0;
    std::int64_t project_id = 0;
    std::string signed_on;  // YYYY-MM-DD
    std::string amount;     // decimal string
    std::string currency;   // CNY | USD
    std::int64_t created_by = 0;
    std::string created_at;
    std::string project_name;  // read only
};

// A project of an event as its funnel sees it.
struct event_project_row {
    std::int64_t id = 0;
    std::string name;
    std::string stage;  // now
    std::string investment_total;
    std::string currency;
    std::int64_t undertaking_unit_id = 0;
    std::optional<std::string> signed_on;  // the signing at this event, if any
};

struct stage_reached_row {
    std::int64_t project_id = 0;
    std::string stage;
    std::string actual_on;  // YYYY-MM-DD
};

class event_store {
  public:
    explicit event_store(db::connection& conn) : conn_(conn) {}

    std::int64_t insert_event(const event_row& event);
    std::optional<event_row> find_event(std::int64_t id);
    std::pair<std::vector<event_row>, std::int64_t> list_events(const std::string& text, int offset,
                                                                int limit);

    std::int64_t insert_signing(const event_signing_row& signing);
    bool has_signing(std::int64_t event_id, std::int64_t project_id);
    std::vector<event_signing_row> signings_of(std::int64_t event_id);
    // Links the project to the event unless it is linked to one already.
    void link_project(std::int64_t project_id, std::int64_t event_id);

    // The event's projects (registered with it or signed at it): all of them, or those
    // undertaken by or shared with these units.
    std::vector<event_project_row> projects_of(std::int64_t event_id, bool everything,
                                               const std::vector<std::int64_t>& units);
    // The dated stages the projects have actually reached.
    std::vector<stage_reached_row> stages_reached(const std::vector<std::int64_t>& project_ids);

  private:
    db::connection& conn_;
};

}  // namespace zhaoyin::store
