#include "scrutineer/report_kinds.hpp"

#include <fmt/format.h>

#include "scrutineer/agenda_pack.hpp"
#include "scrutineer/asb_figures_document.hpp"
#include "scrutineer/asb_letter_document.hpp"
#include "scrutineer/bulletin_document.hpp"
#include "scrutineer/complaints_document.hpp"
#include "scrutineer/meeting_documents.hpp"
#include "scrutineer/performance_report.hpp"
#include "scrutineer/work_programme_document.hpp"

namespace scrutineer::report {
namespace {

MadeReport performance(store::Database& db, const ReportRequest& r) {
    auto loaded = load_performance_report(db, *r.data, *r.meeting, r.viewer, r.period);
    return {performance_report_document(loaded), performance_report_file_stem(loaded)};
}

MeetingPapers papers(store::Database& db, const ReportRequest& r) {
    auto p = load_meeting_papers(db, *r.meeting, r.viewer);
    if (!p) throw ReportUnavailable(fmt::format("There is no meeting {}", *r.meeting));
    return std::move(*p);
}

// The agenda as published: the pack, with each item's paper (agenda_pack.hpp).
MadeReport agenda(store::Database& db, const ReportRequest& r) {
    auto p = papers(db, r);
    return {agenda_pack_document(db, *r.data, *r.meeting, r.viewer), agenda_file_stem(p.meeting)};
}

MadeReport minutes(store::Database& db, const ReportRequest& r) {
    auto p = papers(db, r);
    return {minutes_document(p), minutes_file_stem(p.meeting)};
}

MadeReport bulletin(store::Database& db, const ReportRequest& r) {
    auto b = load_bulletin(db, *r.meeting, r.viewer);
    return {bulletin_document(b), bulletin_file_stem(b.pcp.meeting)};
}

MadeReport complaints(store::Database& db, const ReportRequest& r) {
    auto c = load_complaints_report(db, *r.meeting, r.viewer);
    return {complaints_document(c), complaints_file_stem(c.pcp.meeting)};
}

MadeReport work_programme(store::Database& db, const ReportRequest& r) {
    auto w = load_work_programme(db, *r.meeting, r.viewer);
    return {work_programme_document(w), work_programme_file_stem(w.meeting)};
}

MadeReport asb_figures(store::Database& db, const ReportRequest& r) {
    auto f = load_asb_figures(db, r.viewer, r.year, r.today);
    return {asb_figures_document(f), asb_figures_file_stem(f)};
}

MadeReport asb_letter(store::Database& db, const ReportRequest& r) {
    check_may_read_letters(r.viewer);  // before saying anything about the case or the letter
    if (!r.case_id) throw ReportUnavailable("The asb-letter is made for a case: name one");
    auto kind = parse_letter_name(r.letter);
    if (!kind)
        throw ReportUnavailable(fmt::format(
            "There is no letter '{}': name one of A, B, C(i), C(ii), D and E", r.letter));
    auto made = make_asb_letter(db, r.viewer, *r.case_id, *kind, r.actor);
    return {std::move(made.document), std::move(made.file_stem)};
}

struct Kind {
    std::string name;
    bool needs_meeting;
    bool needs_data;  // the store's indicator data (ReportRequest::data)
    MadeReport (*make)(store::Database&, const ReportRequest&);
};

const std::vector<Kind>& kinds() {
    static const std::vector<Kind> all = {
        {"performance", true, true, performance},   {"agenda", true, true, agenda},
        {"minutes", true, false, minutes},          {"bulletin", true, false, bulletin},
        {"complaints", true, false, complaints},    {"work-programme", true, false, work_programme},
        {"asb-figures", false, false, asb_figures}, {"asb-letter", false, false, asb_letter},
    };
    return all;
}

}  // namespace

const std::vector<std::string>& report_kinds() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& k : kinds()) out.push_back(k.name);
        return out;
    }();
    return names;
}

bool made_for_a_meeting(const std::string& kind) {
    for (const auto& k : kinds())
        if (k.name == kind) return k.needs_meeting;
    return false;
}

bool needs_indicator_data(const std::string& kind) {
    for (const auto& k : kinds())
        if (k.name == kind) return k.needs_data;
    return false;
}

MadeReport make_report(store::Database& db, const ReportRequest& request) {
    for (const auto& k : kinds()) {
        if (k.name != request.kind) continue;
        if (k.needs_meeting && !request.meeting)
            throw ReportUnavailable(fmt::format("The {} is made for a meeting: name one", k.name));
        if (k.needs_data && !request.data)
            throw ReportUnavailable(fmt::format("The {} needs the indicator data", k.name));
        return k.make(db, request);
    }
    throw ReportUnavailable(fmt::format("There is no report called '{}'", request.kind));
}

}  // namespace scrutineer::report
