#include "service/deadline_sweep.hpp"

#include "service/consult/consultations.hpp"
#include "service/content/documents.hpp"
#include "service/dispatch/light_sweep.hpp"
#include "service/dispatch/meetings.hpp"
#include "service/dispatch/supervision.hpp"
#include "service/intake/docking.hpp"

namespace zhaoyin::service {

swept_deadlines sweep_all_deadlines(db::database& db, const clock& now, const std::string& city) {
    swept_deadlines total;
    const auto intake = intake::sweep_deadlines(db, now, city);
    total.reminded += intake.reminded;
    total.overdue += intake.overdue;
    total.escalated += intake.escalated;
    const auto consultations = consult::sweep_consultations(db, now, city);
    total.reminded += consultations.reminded;
    total.overdue += consultations.overdue;
    total.escalated += consultations.escalated;
    const auto meetings = dispatch::sweep_meeting_deadlines(db, now, city);
    total.reminded += meetings.reminded;
    total.overdue += meetings.overdue;
    const auto supervision = dispatch::sweep_supervision(db, now, city);
    total.reminded += supervision.reminded;
    total.overdue += supervision.overdue;
    total.escalated += supervision.escalated;
    // A project turning red raises a supervision ticket on its unit.
    total.escalated += dispatch::sweep_project_lights(db, now, city);
    total.expired += content::sweep_expired_documents(db, now);
    return total;
}

}  // namespace zhaoyin::service
