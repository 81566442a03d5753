// Commissioned services (SPEC §7): the services the PCC commissions or funds, the grants that
// pay for them (recipient, amount, period, decision number), and their outputs and outcomes per
// reporting period (referrals by source, engagement status and needs; pledges fulfilled: job
// starts, interviews, offers, ...). The pre/post questionnaires are in questionnaire.hpp.
//
// A seed often leaves things out (the Daisy Programme's grant has a decision number but no
// amount or period in the paper): what a paper does not say stays empty, never guessed.
// Ids are the store's; 0 means "not stored yet".
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/calendar_date.hpp"

namespace scrutineer {

struct Service {
    int64_t id = 0;
    std::string name;      // "WONDER", "Rescue-Rehab"; unique
    std::string provider;  // who delivers it: "St Giles Trust"; empty when the paper does not say
    std::optional<int64_t> priority_id;  // the plan priority it serves, when the paper groups it
    std::string description;
    std::string source;  // the document its details were copied from
};

struct Grant {
    int64_t id = 0;
    int64_t service_id = 0;
    std::string funder = "OPCCN";  // who pays: the OPCCN, or an outside fund
    std::string recipient;
    std::optional<int64_t> amount_pence;  // none when the paper gives no amount
    std::optional<CalendarDate> start;    // the period the grant covers, as far as it is known
    std::optional<CalendarDate> end;
    std::string decision_number;  // the PCC's decision, "2019-64"; empty when there is none
    std::optional<CalendarDate> awarded_on;
    std::string note;  // what the paper says where it is not exact ("two years from February 2017")
};

enum class MeasureKind { output, outcome };
const char* to_string(MeasureKind kind);  // "output", "outcome"
const char* label(MeasureKind kind);      // "Output", "Outcome"
std::optional<MeasureKind> parse_measure_kind(std::string_view text);

// The period a figure covers: "During 2019", 2019-01-01 to 2019-12-31.
struct ReportingPeriod {
    std::string label;
    CalendarDate start;
    CalendarDate end;
    bool operator==(const ReportingPeriod&) const = default;
};

// One figure of a service: a count of an output or an outcome in a reporting period.
struct ServiceMeasure {
    int64_t id = 0;
    int64_t service_id = 0;
    MeasureKind kind = MeasureKind::output;
    std::string group;    // "Referrals by source", "Pledges fulfilled"
    std::string measure;  // "Referrals from a PIC", "Job starts"
    ReportingPeriod period;
    int64_t value = 0;
    std::string note;  // e.g. "The paper says 'over 208'"
};

// A service item that breaks a rule: `field` names the member ("decision_number"); what() says
// "field 'decision_number': ...".
struct ServiceInvalid : std::invalid_argument {
    std::string field;
    std::string problem;
    ServiceInvalid(std::string field_, std::string problem_);
};

// A PCC decision number as the decisions are published: four-digit year, hyphen, two-digit
// number ("2019-64", "2019-63"). Nothing else ("2019/64", "19-64", "2019-6").
bool is_decision_number(std::string_view text);

// Each throws ServiceInvalid for the first broken rule: names and recipients present and on one
// line, an amount above zero, a period's end not before its start, a well-formed decision
// number, a measure's value not negative.
void validate(const Service& service);
void validate(const Grant& grant);
void validate(const ReportingPeriod& period);
void validate(const ServiceMeasure& measure);

// The grants' stated amounts added up, and how many grants state none.
struct GrantTotal {
    int64_t pence = 0;
    int without_amount = 0;
};
GrantTotal total_of(const std::vector<Grant>& grants);

}  // namespace scrutineer
