#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "db/database.hpp"
#include "service/identity/accounts.hpp"
#include "service/intake/docking.hpp"
#include "store/consultation_store.hpp"

// Consultations (咨询, A05): a portal user's question from a page or in general, routed like an
// intent to the unit that answers it, on intake's working-calendar deadlines and alert ladder.
namespace zhaoyin::service::consult {

// Deadlines as data (data/cities/<city>/consult.json, in the format of routing.json).
struct consult_rules {
    std::string version;
    int answer_minutes = 840;
    int triage_minutes = 60;  // a unit lead may pass a mis-routed question on within this
    intake::alert_ladder ladder;
};

consult_rules shipped_consult_rules(const std::string& city);

struct question_input {
    std::string question;
    std::string context_type;
    std::optional<std::int64_t> context_id;
};

// A consultation as one caller sees it.
struct consultation_view {
    store::consultation_row consultation;
    std::vector<store::consultation_event_row> timeline;
    // answer transfer publish_faq: what the caller may do now, exactly what the service accepts
    // (transfer by a lead only within the triage window)
    std::vector<std::string> actions;
    // The last instant of a unit lead's transfer window (triage_minutes of working time after
    // routing), while transfer is offered to a lead; the console hides the form after it. The
    // bureau's transfer has no window.
    std::optional<std::string> transfer_until;
    bool overdue = false;
};

// Resolves the context (not found when it does not exist or the asker may not see it), routes
// the question (a document's issuer, a project's undertaking unit, a park's unit, else intake's
// routing of the text, else the bureau), sets the answer deadline on the working calendar and tells
// the unit's staff live, in one transaction with the audit entry.
consultation_view ask(db::database& db, const clock& now, const identity::principal& who,
                      const question_input& input, const identity::origin& from,
                      const std::string& city);

// The asker's own, their unit's for staff (a lead's: and below), every one for the bureau and
// leaders; not found otherwise.
consultation_view view_consultation(db::database& db, const clock& now,
                                    const identity::principal& who, std::int64_t id,
                                    const std::string& city);

struct consultation_query {
    std::optional<std::string> status;  // open | answered
    std::optional<bool> overdue;
    std::optional<std::string> context_type;
    std::string text;
};

// Checks the query's values, naming each bad one in `errors`.
void check_query(const consultation_query& query, field_errors& errors);

// In the scope of view_consultation, newest first.
std::pair<std::vector<store::consultation_row>, std::int64_t> list_consultations(
    db::database& db, const clock& now, const identity::principal& who,
    const consultation_query& query, int offset, int limit);

// The responsible unit's staff or lead, or the bureau, answers: the asker is told live and by
// an outbound message.
consultation_view answer(db::database& db, const clock& now, const identity::principal& who,
                         std::int64_t id, const std::string& text, const identity::origin& from,
                         const std::string& city);

// The bureau or the answering unit's lead publishes an answered question as an FAQ under the
// page it was asked on (content::create_faq), anonymised: the asker's name and company, phone
// numbers and e-mail addresses are removed, also from an edited question or answer given here
// and from the English text.
// Not for key projects (their pages are not public): 409, as when unanswered or published.
struct faq_text {
    std::optional<std::string> question;  // default: the question as asked
    std::optional<std::string> answer;    // default: the answer given
    std::optional<std::string> question_en;
    std::optional<std::string> answer_en;
};

consultation_view publish_faq(db::database& db, const clock& now, const identity::principal& who,
                              std::int64_t id, const faq_text& text, const identity::origin& from,
                              const std::string& city);

// Re-routes to another unit with a fresh deadline: the bureau at any time, the unit's lead only
// within the triage window (and then the question does not count against the unit).
consultation_view transfer(db::database& db, const clock& now, const identity::principal& who,
                           std::int64_t id, std::optional<std::int64_t> unit_id,
                           const std::string& reason, const identity::origin& from,
                           const std::string& city);

// Reminds before the answer deadline, tells the unit lead when it is missed and the bureau when
// it stays missed: intake's ladder, on consult.json's times.
intake::sweep_report sweep_consultations(db::database& db, const clock& now,
                                         const std::string& city);

// The accountability figures of one unit: answered on time over those that fell due (answered,
// or open past the deadline). A question counts for the unit responsible for it now: a
// transfer (by a lead within the triage window, or by the bureau) takes it off the first unit.
struct answer_figures {
    store::consultation_count_row counts;
    std::optional<double> on_time_rate;
};

// Every unit that has received a consultation, in the city's order; read on the caller's
// connection so that rankings can combine it with other figures in one snapshot.
std::vector<answer_figures> answer_figures_by_unit(db::connection& conn, const clock& now);
std::vector<answer_figures> consultation_stats(db::database& db, const clock& now);

}  // namespace zhaoyin::service::consult
