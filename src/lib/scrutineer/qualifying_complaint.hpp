// The qualifying-complaint rule and the ASB Case Review threshold (Anti-social Behaviour, Crime
// and Policing Act 2014 s104; Norfolk ASB Case Review guidance, "Threshold" and "Qualifying
// complaints"; docs/asb-case-review.md).
//
// A complaint qualifies when
//   - the behaviour was reported within one month of the behaviour taking place, and
//   - the application is made within six months of the report.
// Months are calendar months: a date plus one month is the same day number in the next month,
// or that month's last day when it has no such day (31 Jan + 1 month = 28 or 29 Feb); both ends
// are inclusive (behaviour on 10 Mar, reported on 10 Apr: within one month).
// The same incident reported to several agencies counts once.
//
// The threshold is met when at least `min_qualifying` incidents have a qualifying complaint
// (3 in Norfolk, the Act's baseline: no area may ask for more). An area may add a local
// alternative that makes it easier to meet, e.g. "or at least 5 different people reported the
// same problem within six months" (`alt_min_reporters`).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scrutineer/calendar_date.hpp"

namespace scrutineer {

// `d` plus `months` calendar months (months >= 0), clamped to the last day of the month reached.
CalendarDate add_calendar_months(CalendarDate d, int months);

// One report of anti-social behaviour to one agency.
struct Complaint {
    std::string incident;  // the incident it reports: reports with the same incident count once
    std::string reporter;  // who reported it (for the alternative rule); the victim by default
    CalendarDate behaviour_date;
    CalendarDate reported_date;
    std::string reported_to;  // the agency: "police", "Norwich City Council", "Clarion Housing"
    std::string reference;    // the agency's incident or reference number (personal data)
    std::string description;  // what happened (personal data)

    bool operator==(const Complaint&) const = default;
};

struct ThresholdRules {
    int min_qualifying = 3;                // qualifying complaints (distinct incidents) needed
    std::optional<int> alt_min_reporters;  // or this many different people; none: no such rule
    int report_within_months = 1;          // behaviour -> report
    int apply_within_months = 6;           // report -> application

    bool operator==(const ThresholdRules&) const = default;
};

// What is wrong with the rules (min_qualifying 1..3, alt_min_reporters >= 1 when given, the
// months 1..12), or nothing.
std::optional<std::string> rules_problem(const ThresholdRules& rules);

// What is wrong with a complaint as data, or nothing: an empty incident, a report dated before
// the behaviour, a report or behaviour dated after the application.
std::optional<std::string> complaint_problem(const Complaint& c, CalendarDate application_date);

struct ComplaintVerdict {
    std::string incident;
    bool qualifies = false;
    // Why, with the dates that decide it, e.g. "reported on 2024-02-29, within one month of the
    // behaviour on 2024-01-31 (by 2024-02-29); application on 2024-08-29 within six months of
    // the report (by 2024-08-29)". A later report of an incident already counted does not count
    // again: qualifies is false and the reason names the complaint that counted.
    std::string reason;
};

struct ThresholdDecision {
    bool threshold_met = false;
    int qualifying = 0;  // distinct incidents with a qualifying complaint
    int reporters = 0;   // distinct reporters of qualifying complaints
    // Which rule decided, in words: "at least 3 qualifying complaints (4)", "at least 5
    // different people reported the problem (5)", "not met: 2 qualifying complaints, 3 needed".
    std::string rule;
    std::vector<ComplaintVerdict> complaints;  // one per complaint, in the order given
};

// Throws std::invalid_argument for bad rules or a complaint with a problem (naming its index
// and incident).
ThresholdDecision assess_threshold(CalendarDate application_date,
                                   const std::vector<Complaint>& complaints,
                                   const ThresholdRules& rules = {});

}  // namespace scrutineer
