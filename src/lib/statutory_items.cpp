#include "scrutineer/statutory_items.hpp"

#include <fmt/format.h>
#include <algorithm>

#include "scrutineer/enum_names.hpp"
#include "scrutineer/within_a_year.hpp"

namespace scrutineer {
namespace {

constexpr EnumName<StatutoryItemKind> kKinds[] = {
    {StatutoryItemKind::precept_review, "precept_review", "Precept review"},
    {StatutoryItemKind::pcc_annual_report, "pcc_annual_report", "PCC's annual report"},
    {StatutoryItemKind::budget_consultation, "budget_consultation", "Budget consultation"},
    {StatutoryItemKind::complaints_monitoring, "complaints_monitoring", "Complaints monitoring"},
    {StatutoryItemKind::election_of_chair_and_vice_chair, "election_of_chair_and_vice_chair",
     "Election of chair and vice-chair"},
    {StatutoryItemKind::terms_of_reference_review, "terms_of_reference_review",
     "Terms of reference review"},
};

// Lower case, without apostrophes (straight or curly), so "PCC’s" and "PCC's" read alike.
std::string folded(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == '\'') continue;
        if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(s[i + 2]) == 0x98 ||
             static_cast<unsigned char>(s[i + 2]) == 0x99)) {
            i += 2;
            continue;
        }
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
    }
    return out;
}

bool text_matches(const StatutoryRule& rule, std::string_view text) {
    std::string t = folded(text);
    for (const auto& phrases : rule.title_phrases) {
        bool all = !phrases.empty();
        for (const auto& p : phrases)
            if (t.find(folded(p)) == std::string::npos) all = false;
        if (all) return true;
    }
    return false;
}

struct Occurrence {
    const Meeting* meeting;
    std::string item;
};

// The rule's items on the meetings that count (not cancelled; reserve dates or not), by date.
std::vector<Occurrence> occurrences(const StatutoryRule& rule, const std::vector<Meeting>& meetings,
                                    bool reserve) {
    std::vector<Occurrence> out;
    for (const auto& m : meetings) {
        if (m.status == MeetingStatus::cancelled || m.reserve != reserve) continue;
        if (reserve && text_matches(rule, m.reserve_reason)) {
            out.push_back({&m, m.reserve_reason});
            continue;
        }
        for (const auto& i : m.items)
            if (matches(rule, i)) {
                out.push_back({&m, i.title});
                break;
            }
    }
    std::stable_sort(out.begin(), out.end(), [](const Occurrence& a, const Occurrence& b) {
        return a.meeting->date < b.meeting->date;
    });
    return out;
}

std::vector<Occurrence> in_year(std::vector<Occurrence> all, const ProgrammeYear& y) {
    std::erase_if(all, [&](const Occurrence& o) { return !y.contains(o.meeting->date); });
    return all;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size())
        s.replace(p, from.size(), to);
    return s;
}

}  // namespace

const char* to_string(StatutoryItemKind k) {
    return enum_entry(kKinds, k).code;
}

const std::vector<StatutoryRule>& statutory_rules() {
    using K = StatutoryItemKind;
    const auto pcp = PanelKind::police_and_crime_panel;
    const auto csp = PanelKind::csp_scrutiny_sub_panel;
    static const std::vector<StatutoryRule> rules = {
        {K::election_of_chair_and_vice_chair,
         "Election of chair and vice-chair",
         "The chair and vice-chair are elected at the first meeting of the civic year, which "
         "starts on {civic_year_starts}.",
         "The panels' rules of procedure; seed 001 (Election of Chairman and Vice-Chairman, "
         "30 June 2020) and seed 004 (Appointment of Chair & Vice-Chair, 9 June 2022)",
         {{"election of chair"},
          {"election of the chair"},
          {"appointment of chair"},
          {"appointment of the chair"},
          {"election of vice"},
          {"appointment of vice"}},
         {AgendaItemKind::election_of_chair, AgendaItemKind::election_of_vice_chair},
         {pcp, csp}},
        {K::terms_of_reference_review,
         "Terms of reference review",
         "The panel reviews its terms of reference (the Police and Crime Panel: its Panel "
         "Arrangements and Rules of Procedure) once a year.",
         "Seed 004 (Confirm Terms of Reference, 9 June 2022) and seed 001 (Panel Arrangements "
         "and Rules of Procedure – Review, 30 June 2020)",
         {{"terms of reference"}, {"panel arrangements"}},
         {},
         {pcp, csp}},
        {K::complaints_monitoring,
         "Complaints monitoring",
         "The Panel receives the PCC complaints monitoring report at least once in any 12 "
         "months.",
         "The Panel's duties on complaints about the PCC (Elected Local Policing Bodies "
         "(Complaints and Misconduct) Regulations 2012); seed 001 (PCC Complaints Monitoring "
         "Report)",
         {{"complaints monitoring"}},
         {},
         {pcp}},
        {K::pcc_annual_report,
         "The PCC's annual report",
         "The Panel reviews the PCC's annual report at a public meeting as soon as practicable "
         "after it is sent, the PCC attending to present it and answer questions.",
         "Police Reform and Social Responsibility Act 2011, sections 12(2)-(3) and 28(4)",
         {{"pcc", "annual report"}, {"commissioner", "annual report"}},
         {},
         {pcp}},
        {K::budget_consultation,
         "The PCC's budget consultation",
         "The Panel considers the PCC's budget consultation each year, before it reviews the "
         "proposed precept.",
         "Seed 001 (the PCC's 2021-22 Budget Consultation at the December meeting before the "
         "precept review)",
         {{"budget consultation"}},
         {},
         {pcp}},
        {K::precept_review,
         "Review of the PCC's proposed precept",
         "The PCC notifies the Panel of the proposed precept by {proposal_by}; the Panel must "
         "review it and report by {report_by}. If the Panel vetoes it, the PCC responds with a "
         "revised precept by {veto_response_by} and the Panel must review that and report by "
         "{revised_report_by}, so a reserve date is kept after the review meeting and on or "
         "before {revised_report_by}.",
         "Police Reform and Social Responsibility Act 2011, Schedule 5; Police and Crime Panels "
         "(Precepts and Chief Constable Appointments) Regulations 2012, regulations 3 to 6",
         {{"precept"}},
         {},
         {pcp}},
    };
    return rules;
}

std::vector<StatutoryRule> statutory_rules_for(PanelKind kind,
                                               const std::vector<StatutoryRule>& rules) {
    std::vector<StatutoryRule> out;
    for (const auto& r : rules)
        if (std::find(r.panels.begin(), r.panels.end(), kind) != r.panels.end()) out.push_back(r);
    return out;
}

bool matches(const StatutoryRule& rule, const AgendaItem& item) {
    if (std::find(rule.item_kinds.begin(), rule.item_kinds.end(), item.kind) !=
        rule.item_kinds.end())
        return true;
    return text_matches(rule, item.title);
}

StatutoryCheck check_statutory_items(const std::vector<StatutoryRule>& rules,
                                     const std::vector<Meeting>& meetings,
                                     const ProgrammeYear& year,
                                     const WorkProgrammeSettings& settings) {
    StatutoryCheck out;
    out.year = year;
    const PreceptCalendar& pc = settings.precept;
    const CalendarDate report_by = deadline_in(year, pc.report_by);
    const CalendarDate revised_by = deadline_in(year, pc.revised_report_by);

    // The precept review's meeting, if placed: the budget consultation comes before it.
    std::optional<CalendarDate> precept_on;
    for (const auto& rule : rules) {
        if (rule.kind != StatutoryItemKind::precept_review) continue;
        auto on = in_year(occurrences(rule, meetings, false), year);
        if (!on.empty()) precept_on = on.front().meeting->date;
    }

    for (const auto& rule : rules) {
        std::string wording = rule.wording;
        wording =
            replace_all(wording, "{proposal_by}", long_name(deadline_in(year, pc.proposal_by)));
        wording = replace_all(wording, "{report_by}", long_name(report_by));
        wording = replace_all(wording, "{veto_response_by}",
                              long_name(deadline_in(year, pc.veto_response_by)));
        wording = replace_all(wording, "{revised_report_by}", long_name(revised_by));
        wording = replace_all(wording, "{civic_year_starts}", long_name(year.first));
        auto warn = [&](std::string problem) {
            out.warnings.push_back(
                {rule.kind, rule.name, std::move(problem), wording, rule.source});
        };
        auto place = [&](const Occurrence& o) {
            out.placed.push_back(
                {rule.kind, rule.name, o.meeting->id, o.meeting->date, o.item, o.meeting->reserve});
        };
        const auto all = occurrences(rule, meetings, false);
        const auto here = in_year(all, year);
        const std::string year_name = fmt::format("the programme year {} ({} to {})", label(year),
                                                  long_name(year.first), long_name(year.last));

        switch (rule.kind) {
            case StatutoryItemKind::precept_review: {
                std::optional<Occurrence> review;
                for (const auto& o : here)
                    if (!review ||
                        (o.meeting->date <= report_by && review->meeting->date > report_by))
                        review = o;
                if (!review) {
                    warn(
                        fmt::format("No meeting in {} reviews the proposed precept: place it on a "
                                    "meeting on or before {}.",
                                    year_name, long_name(report_by)));
                } else {
                    place(*review);
                    if (review->meeting->date > report_by)
                        warn(
                            fmt::format("The precept review is on {}, after {}: the Panel must "
                                        "review the proposed precept and report by then.",
                                        long_name(review->meeting->date), long_name(report_by)));
                }
                std::optional<Occurrence> reserve;
                for (const auto& o : in_year(occurrences(rule, meetings, true), year)) {
                    if (review && o.meeting->date <= review->meeting->date) continue;
                    if (!reserve ||
                        (o.meeting->date <= revised_by && reserve->meeting->date > revised_by))
                        reserve = o;
                }
                if (!reserve) {
                    warn(fmt::format(
                        "There is no reserve date{} to review a revised precept if the "
                        "Panel vetoes: keep one on or before {}.",
                        review ? " after the precept review" : "", long_name(revised_by)));
                } else {
                    place(*reserve);
                    if (reserve->meeting->date > revised_by)
                        warn(
                            fmt::format("The reserve date for a revised precept is {}, after {}: "
                                        "the Panel must review a revised precept and report by "
                                        "then.",
                                        long_name(reserve->meeting->date), long_name(revised_by)));
                }
                break;
            }
            case StatutoryItemKind::budget_consultation:
                if (here.empty()) {
                    warn(fmt::format(
                        "No meeting in {} considers the PCC's budget consultation{}.", year_name,
                        precept_on ? " before the precept review on " + long_name(*precept_on)
                                   : ""));
                    break;
                }
                place(here.front());
                if (precept_on && here.front().meeting->date > *precept_on)
                    warn(
                        fmt::format("The budget consultation is on {}, after the precept review "
                                    "on {}.",
                                    long_name(here.front().meeting->date), long_name(*precept_on)));
                break;
            case StatutoryItemKind::pcc_annual_report:
            case StatutoryItemKind::terms_of_reference_review:
                if (here.empty()) {
                    warn(fmt::format("No meeting in {} has the {}.", year_name,
                                     rule.kind == StatutoryItemKind::pcc_annual_report
                                         ? "PCC's annual report"
                                         : "review of the terms of reference"));
                    break;
                }
                place(here.front());
                break;
            case StatutoryItemKind::complaints_monitoring: {
                std::optional<Occurrence> prev;
                for (const auto& o : all) {
                    if (o.meeting->date < year.first) {
                        prev = o;
                        continue;
                    }
                    if (year.contains(o.meeting->date)) place(o);
                    // One after the year counts only for a gap that goes over within it.
                    bool after = o.meeting->date > year.last;
                    if (prev && o.meeting->date > within_a_year_of(prev->meeting->date) &&
                        (!after || over_a_year_on(prev->meeting->date) <= year.last))
                        warn(
                            fmt::format("Complaints monitoring is on {} and next on {}: more than "
                                        "12 months apart (over 12 months on {}).",
                                        long_name(prev->meeting->date), long_name(o.meeting->date),
                                        long_name(over_a_year_on(prev->meeting->date))));
                    if (after) break;
                    prev = o;
                }
                // After the last one, the next must come within 12 months.
                bool later = prev && std::any_of(all.begin(), all.end(), [&](const Occurrence& o) {
                                 return o.meeting->date > prev->meeting->date;
                             });
                if (!prev) {
                    warn(fmt::format("No meeting in {} has complaints monitoring.", year_name));
                } else if (!later && over_a_year_on(prev->meeting->date) <= year.last) {
                    warn(
                        fmt::format("No complaints monitoring is placed after {}: it goes over 12 "
                                    "months on {}.",
                                    long_name(prev->meeting->date),
                                    long_name(over_a_year_on(prev->meeting->date))));
                }
                break;
            }
            case StatutoryItemKind::election_of_chair_and_vice_chair: {
                const Meeting* first = nullptr;
                for (const auto& m : meetings)
                    if (m.status != MeetingStatus::cancelled && !m.reserve &&
                        year.contains(m.date) && (!first || m.date < first->date))
                        first = &m;
                if (here.empty()) {
                    warn(first ? fmt::format("No meeting in {} elects the chair and vice-chair: "
                                             "place it at the first meeting, on {}.",
                                             year_name, long_name(first->date))
                               : fmt::format("No meeting in {} elects the chair and vice-chair.",
                                             year_name));
                    break;
                }
                place(here.front());
                if (first && here.front().meeting->id != first->id)
                    warn(
                        fmt::format("The chair and vice-chair are elected on {}, not at the "
                                    "first meeting of the civic year on {}.",
                                    long_name(here.front().meeting->date), long_name(first->date)));
                break;
            }
        }
    }
    std::stable_sort(
        out.placed.begin(), out.placed.end(),
        [](const StatutoryPlacement& a, const StatutoryPlacement& b) { return a.date < b.date; });
    return out;
}

}  // namespace scrutineer
