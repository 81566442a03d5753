#include "scrutineer/report_kinds.hpp"

#include <fmt/format.h>

#include "scrutineer/agenda_pack.hpp"
#include "scrutineer/meeting_documents.hpp"
#include "scrutineer/performance_report.hpp"

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

struct Kind {
    std::string name;
    bool needs_meeting;
    bool needs_data;  // the store's indicator data (ReportRequest::data)
    MadeReport (*make)(store::Database&, const ReportRequest&);
};

const std::vector<Kind>& kinds() {
    static const std::vector<Kind> all = {
        {"performance", true, true, performance},
        {"agenda", true, true, agenda},
        {"minutes", true, false, minutes},
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
