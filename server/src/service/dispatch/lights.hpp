#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/project_store.hpp"
#include "store/reference_store.hpp"

namespace zhaoyin::service::dispatch {

// The city's rules for rating lights (data/cities/<city>/lights.json).
struct light_rules {
    int yellow_behind_plan_days = 15;
    int red_behind_plan_days = 60;
    int yellow_not_updated_days = 14;
    int red_not_updated_days = 30;
    int start_slip_months = 3;
};

light_rules light_rules_of(const std::string& city);

// One reason for a light: a stage behind plan (`stage`, `days` past its planned date), no update
// for `days`, or the planned start slipped (`months` from its first planned date).
struct light_reason {
    std::string code;   // behind_plan | not_updated | start_slipped
    std::string level;  // yellow | red
    std::optional<std::string> stage;
    int days = 0;
    int months = 0;
};

struct light_rating {
    std::string light = "green";  // green | yellow | red
    std::vector<light_reason> reasons;
};

// The one rating of a project, for the list, the page and the sweep alike. `today` is the
// city's date (YYYY-MM-DD); stages not yet reached count, reached ones do not.
light_rating rate_project(const light_rules& rules, const std::vector<store::stage_row>& stages,
                          const std::string& current_stage,
                          const std::vector<store::stage_date_row>& dates, int freshness_days,
                          const std::string& today);

}  // namespace zhaoyin::service::dispatch
