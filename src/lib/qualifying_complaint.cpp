#include "scrutineer/qualifying_complaint.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>
#include <stdexcept>
#include <unordered_map>

namespace scrutineer {
namespace {

constexpr std::array<const char*, 13> kNumberWords = {"no",   "one",    "two",   "three", "four",
                                                      "five", "six",    "seven", "eight", "nine",
                                                      "ten",  "eleven", "twelve"};

// "one month", "six months": as the guidance words the periods.
std::string months_in_words(int n) {
    std::string number = n >= 0 && n < static_cast<int>(kNumberWords.size())
                             ? kNumberWords[static_cast<size_t>(n)]
                             : std::to_string(n);
    return number + (n == 1 ? " month" : " months");
}

std::string plural(int n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

// Who reported it: the victim when nobody else is named.
const std::string& reporter_of(const Complaint& c) {
    static const std::string victim = "victim";
    return c.reporter.empty() ? victim : c.reporter;
}

}  // namespace

CalendarDate add_calendar_months(CalendarDate d, int months) {
    if (months < 0)
        throw std::invalid_argument(
            fmt::format("the number of months must be 0 or more, not {}", months));
    std::chrono::year_month ym = d.ymd.year() / d.ymd.month() + std::chrono::months{months};
    std::chrono::year_month_day last{ym / std::chrono::last};
    return CalendarDate{ym / std::min(d.ymd.day(), last.day())};
}

std::optional<std::string> rules_problem(const ThresholdRules& rules) {
    if (rules.min_qualifying < 1 || rules.min_qualifying > 3)
        return fmt::format(
            "the qualifying complaints needed must be 1 to 3 (the Act lets no area ask for more "
            "than 3), not {}",
            rules.min_qualifying);
    if (rules.alt_min_reporters && *rules.alt_min_reporters < 1)
        return fmt::format(
            "the different people needed by the alternative rule must be 1 or more, not {}",
            *rules.alt_min_reporters);
    if (rules.report_within_months < 1 || rules.report_within_months > 12)
        return fmt::format("the months from the behaviour to its report must be 1 to 12, not {}",
                           rules.report_within_months);
    if (rules.apply_within_months < 1 || rules.apply_within_months > 12)
        return fmt::format("the months from the report to the application must be 1 to 12, not {}",
                           rules.apply_within_months);
    return std::nullopt;
}

std::optional<std::string> complaint_problem(const Complaint& c, CalendarDate application_date) {
    if (c.incident.empty()) return "the incident is not identified (an empty incident)";
    if (c.reported_date < c.behaviour_date)
        return fmt::format("reported on {}, before the behaviour on {}", to_string(c.reported_date),
                           to_string(c.behaviour_date));
    if (c.behaviour_date > application_date)
        return fmt::format("the behaviour on {} is after the application on {}",
                           to_string(c.behaviour_date), to_string(application_date));
    if (c.reported_date > application_date)
        return fmt::format("reported on {}, after the application on {}",
                           to_string(c.reported_date), to_string(application_date));
    return std::nullopt;
}

ThresholdDecision assess_threshold(CalendarDate application_date,
                                   const std::vector<Complaint>& complaints,
                                   const ThresholdRules& rules) {
    if (auto p = rules_problem(rules)) throw std::invalid_argument(*p);
    for (size_t i = 0; i < complaints.size(); ++i)
        if (auto p = complaint_problem(complaints[i], application_date))
            throw std::invalid_argument(
                fmt::format("complaints[{}] (incident '{}'): {}", i, complaints[i].incident, *p));

    const std::string report_period = months_in_words(rules.report_within_months);
    const std::string apply_period = months_in_words(rules.apply_within_months);

    ThresholdDecision out;
    std::unordered_map<std::string, size_t> first_counted;  // incident: the complaint counted
    std::set<std::string> reporters;
    for (size_t i = 0; i < complaints.size(); ++i) {
        const Complaint& c = complaints[i];
        CalendarDate report_by = add_calendar_months(c.behaviour_date, rules.report_within_months);
        CalendarDate apply_by = add_calendar_months(c.reported_date, rules.apply_within_months);
        bool reported_in_time = c.reported_date <= report_by;
        bool applied_in_time = application_date <= apply_by;

        std::string report_part =
            reported_in_time
                ? fmt::format("reported on {}, within {} of the behaviour on {} (by {})",
                              to_string(c.reported_date), report_period,
                              to_string(c.behaviour_date), to_string(report_by))
                : fmt::format("reported on {}, more than {} after the behaviour on {} (by {})",
                              to_string(c.reported_date), report_period,
                              to_string(c.behaviour_date), to_string(report_by));
        std::string apply_part =
            applied_in_time
                ? fmt::format("application on {} within {} of the report (by {})",
                              to_string(application_date), apply_period, to_string(apply_by))
                : fmt::format("application on {} more than {} after the report (by {})",
                              to_string(application_date), apply_period, to_string(apply_by));

        ComplaintVerdict v{c.incident, false, ""};
        if (!reported_in_time || !applied_in_time) {
            v.reason = "does not qualify: " + report_part + "; " + apply_part;
        } else {
            // Reporters of every complaint in time count for the alternative rule, a second
            // report of the same incident by someone else included.
            reporters.insert(reporter_of(c));
            // The first complaint of this incident that counted, if any: looked up, not
            // searched for, so that many complaints take linear time.
            auto [counted, is_first] = first_counted.try_emplace(c.incident, i);
            size_t first = counted->second;
            if (!is_first) {
                const Complaint& f = complaints[first];
                v.reason = fmt::format(
                    "the same incident as complaints[{}] (reported to {} on {}), which counts; an "
                    "incident counts once",
                    first, f.reported_to.empty() ? std::string("an agency") : f.reported_to,
                    to_string(f.reported_date));
            } else {
                v.qualifies = true;
                v.reason = report_part + "; " + apply_part;
                ++out.qualifying;
            }
        }
        out.complaints.push_back(std::move(v));
    }
    out.reporters = static_cast<int>(reporters.size());

    if (out.qualifying >= rules.min_qualifying) {
        out.threshold_met = true;
        out.rule = fmt::format(
            "at least {} ({})",
            plural(rules.min_qualifying, "qualifying complaint", "qualifying complaints"),
            out.qualifying);
    } else if (rules.alt_min_reporters && out.reporters >= *rules.alt_min_reporters) {
        out.threshold_met = true;
        out.rule = fmt::format("at least {} reported the problem ({})",
                               plural(*rules.alt_min_reporters, "person", "different people"),
                               out.reporters);
    } else {
        out.rule =
            fmt::format("not met: {}, {} needed",
                        plural(out.qualifying, "qualifying complaint", "qualifying complaints"),
                        rules.min_qualifying);
        if (rules.alt_min_reporters)
            out.rule +=
                fmt::format("; {}, {} needed", plural(out.reporters, "person", "different people"),
                            *rules.alt_min_reporters);
    }
    return out;
}

}  // namespace scrutineer
