// Commissioned services in the store (migration 6): services, grants, output and outcome
// figures, questionnaires and their returns.
//
// Saving: each save_ function checks the item first (validate() in commissioned_services.hpp,
// ServiceInvalid; check() in questionnaire.hpp) and then writes it. With an id it updates that
// row (std::out_of_range if there is none); with id 0 it updates the row with the same natural
// key, or adds one, so that loading the same content twice changes nothing. Natural keys: a
// service's name; a grant's (service, funder, recipient, decision number, start, amount); a
// figure's (service, kind, group, measure, period start and end); a service's one
// questionnaire; a return's (questionnaire, participant, stage). Saves do not open a
// transaction, except import_questionnaire_returns, which is one.
//
// Loading: services, grants, figures, questionnaires and each questionnaire's cohort summary
// are for everyone. Each participant's returns and changes are personal data: only roles that
// may_see_participant_data (officers, administrators) get them; other viewers get the summary
// and the number of participants, never a participant's row or id. A service's priority is
// named only to viewers who may see the priority and its plan.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/commissioned_services.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/questionnaire.hpp"

namespace scrutineer::store {

int64_t save_service(Database& db, const Service& service);
int64_t save_grant(Database& db, const Grant& grant);
int64_t save_measure(Database& db, const ServiceMeasure& measure);
int64_t save_questionnaire(Database& db, const Questionnaire& questionnaire);  // with statements

// What saving a set of returns did: returns new to the store, returns that replaced a stored
// return of the same participant and stage with other scores, and returns already stored as
// they are.
struct ReturnsSaved {
    int added = 0;
    int replaced = 0;
    int unchanged = 0;
};

// Saves the returns (checked first: the rule of questionnaire.hpp, and no participant twice at
// the same stage in the set; std::invalid_argument otherwise). No transaction of its own.
ReturnsSaved save_questionnaire_returns(Database& db, int64_t questionnaire_id,
                                        const std::vector<QuestionnaireResponse>& returns,
                                        const std::string& recorded_by);

// The returns for the questionnaire of service `service_id`, in one transaction with an
// audit-log row by `actor`: all of them or none. std::invalid_argument when the service has no
// questionnaire or a return breaks the rule.
ReturnsSaved import_questionnaire_returns(Database& db, int64_t service_id,
                                          const std::vector<QuestionnaireResponse>& returns,
                                          const std::string& actor, const std::string& source);

// The plan priority a service serves, as a viewer may see it.
struct PriorityRef {
    int64_t id = 0;
    int number = 0;
    std::string title;
    int64_t plan_id = 0;
    std::string plan_title;
};

struct ServiceListing {
    Service service;
    std::optional<PriorityRef> priority;  // none when it has none or the viewer may not see it
};

// By name.
std::vector<ServiceListing> load_services(Database& db, Role viewer);
std::optional<ServiceListing> load_service(Database& db, Role viewer, int64_t id);
std::optional<Service> find_service(Database& db, const std::string& name);
// The services serving a priority; none if the viewer may not see the priority.
std::vector<Service> load_services_for_priority(Database& db, Role viewer, int64_t priority_id);

// Oldest first (grants without a start last).
std::vector<Grant> load_grants(Database& db, int64_t service_id);
// By period (earliest first), then outputs before outcomes, group and measure.
std::vector<ServiceMeasure> load_measures(Database& db, int64_t service_id);

std::optional<Questionnaire> load_questionnaire(Database& db, int64_t service_id);

// The returns themselves: for roles that may_see_participant_data; empty for any other role.
std::vector<QuestionnaireResponse> load_questionnaire_returns(Database& db, Role viewer,
                                                              int64_t questionnaire_id);

// A questionnaire's results as a viewer may see them.
struct QuestionnaireView {
    Questionnaire questionnaire;
    int returns = 0;  // how many returns are stored
    CohortSummary summary;
    int incomplete_count = 0;
    bool participant_data = false;  // whether the two lists below are filled in for the viewer
    std::vector<ParticipantChange> participants;
    std::vector<std::string> incomplete;
};
std::optional<QuestionnaireView> load_questionnaire_view(Database& db, Role viewer,
                                                         int64_t service_id);

}  // namespace scrutineer::store
