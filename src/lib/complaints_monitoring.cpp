#include "scrutineer/complaints_monitoring.hpp"

#include <algorithm>

namespace scrutineer {

const char* to_string(ComplaintSubject s) {
    return s == ComplaintSubject::pcc ? "pcc" : "panel";
}

const char* label(ComplaintSubject s) {
    return s == ComplaintSubject::pcc ? "the PCC" : "the Panel";
}

std::optional<ComplaintSubject> parse_complaint_subject(std::string_view text) {
    if (text == "pcc") return ComplaintSubject::pcc;
    if (text == "panel") return ComplaintSubject::panel;
    return std::nullopt;
}

const char* to_string(ComplaintStatus s) {
    return s == ComplaintStatus::ongoing ? "ongoing" : "completed";
}

const char* label(ComplaintStatus s) {
    return s == ComplaintStatus::ongoing ? "Ongoing" : "Completed";
}

std::optional<ComplaintStatus> parse_complaint_status(std::string_view text) {
    if (text == "ongoing") return ComplaintStatus::ongoing;
    if (text == "completed") return ComplaintStatus::completed;
    return std::nullopt;
}

CalendarDate completion_day(const PccComplaint& c) {
    return c.completed_on.value_or(c.dated);
}

bool completed_by(const PccComplaint& c, CalendarDate day) {
    return c.status == ComplaintStatus::completed && completion_day(c) <= day;
}

std::optional<RecordProblem> check_complaint(const PccComplaint& c) {
    if (c.number < 1) return RecordProblem{"number", "Enter the complaint's number, like 13"};
    if (!c.dated.ymd.ok()) return RecordProblem{"dated", "Enter the date of the complaint"};
    if (blank_text(c.summary)) return RecordProblem{"summary", "Enter a summary of the complaint"};
    if (c.status == ComplaintStatus::ongoing && c.completed_on)
        return RecordProblem{"completed_on", "An ongoing complaint has no completion date"};
    if (c.completed_on && *c.completed_on < c.dated)
        return RecordProblem{"completed_on",
                             "The complaint cannot be completed before the date it was made"};
    return std::nullopt;
}

std::optional<RecordProblem> check_foi_request(const FoiRequest& r) {
    if (!r.received_on.ymd.ok())
        return RecordProblem{"received_on", "Enter the date the request was received"};
    if (blank_text(r.theme)) return RecordProblem{"theme", "Enter the request's theme"};
    if (!single_line(r.theme))
        return RecordProblem{"theme", "The request's theme must be one line"};
    return std::nullopt;
}

std::optional<Meeting> previous_report_meeting(const std::vector<Meeting>& panel_meetings,
                                               const Meeting& meeting) {
    const Meeting* best = nullptr;
    for (const auto& m : panel_meetings) {
        if (m.id == meeting.id || m.date >= meeting.date) continue;
        if (m.status == MeetingStatus::cancelled || !has_complaints_report(m)) continue;
        if (!best || best->date < m.date) best = &m;
    }
    if (!best) return std::nullopt;
    return *best;
}

ComplaintsReport complaints_report(const Meeting& meeting,
                                   const std::optional<Meeting>& previous_report,
                                   const std::vector<PccComplaint>& complaints,
                                   const std::vector<FoiRequest>& requests) {
    ComplaintsReport r;
    r.period = reporting_period(meeting, previous_report);
    if (previous_report) r.previous_report = previous_report->date;
    CalendarDate cut = r.period.up_to;
    for (const auto& c : complaints) {
        if (c.dated > cut) continue;
        bool done = completed_by(c, cut);
        if (done && !r.period.contains(completion_day(c))) continue;  // reported before
        ComplaintLine line{c, done ? ComplaintStatus::completed : ComplaintStatus::ongoing};
        if (!done) {
            // As it stood on the cut-off: completed later, so ongoing then.
            line.complaint.status = ComplaintStatus::ongoing;
            line.complaint.completed_on.reset();
            line.complaint.outcome.clear();
        }
        (c.about == ComplaintSubject::pcc ? r.pcc_complaints : r.panel_complaints).push_back(line);
    }
    for (auto* list : {&r.pcc_complaints, &r.panel_complaints})
        std::stable_sort(list->begin(), list->end(), [](const auto& a, const auto& b) {
            return a.complaint.number < b.complaint.number;
        });
    std::vector<const FoiRequest*> received;
    for (const auto& q : requests)
        if (r.period.contains(q.received_on)) received.push_back(&q);
    std::stable_sort(received.begin(), received.end(),
                     [](const auto* a, const auto* b) { return a->received_on < b->received_on; });
    for (const FoiRequest* q : received) {
        FoiSummary& s = q->about == ComplaintSubject::pcc ? r.opccn_foi : r.panel_foi;
        s.count++;
        if (std::find(s.themes.begin(), s.themes.end(), q->theme) == s.themes.end())
            s.themes.push_back(q->theme);
    }
    return r;
}

}  // namespace scrutineer
