#include "scrutineer/routes.hpp"

#include <array>
#include <vector>

#include "scrutineer/report_formats.hpp"

namespace scrutineer::web {
namespace {

// Kept in the order of the files that answer them (app.cpp, then each family of kFamilies).
constexpr std::array kRoutes = {
    // app.cpp: indicators, plans, the API, signing in, users and imports
    Route{"GET", "/"},
    Route{"GET", "/areas"},
    Route{"GET", "/areas/{rest}"},
    Route{"GET", "/indicators"},
    Route{"GET", "/indicators/{rest}"},
    Route{"GET", "/exceptions"},
    Route{"GET", "/previous-plans"},
    Route{"GET", "/plans/{name}"},
    Route{"GET", "/priorities/{name}"},
    Route{"GET", "/actions/{name}"},
    Route{"GET", "/api/v1/indicators"},
    Route{"GET", "/api/v1/plans"},
    Route{"GET", "/healthz"},
    Route{"GET", "/login"},
    Route{"GET", "/admin/users"},
    Route{"GET", "/admin/users/{name}"},
    Route{"GET", "/imports"},
    Route{"GET", "/imports/jobs/{name}"},
    Route{"GET", "/imports/jobs/{name}.json"},
    Route{"POST", "/login"},
    Route{"POST", "/logout"},
    Route{"POST", "/admin/users"},
    Route{"POST", "/admin/users/{name}"},
    Route{"POST", "/imports"},
    Route{"POST", "/plans/{name}"},
    Route{"POST", "/actions/{name}"},
    Route{"POST", "/actions/{name}/updates"},
    Route{"POST", "/priorities/{name}/narrative"},
    // accountability_pages.cpp: the PCC's decisions, activity, inspections and complaints
    Route{"GET", "/decisions"},
    Route{"GET", "/pcc-activity"},
    Route{"GET", "/inspections"},
    Route{"GET", "/inspections/{name}"},
    Route{"GET", "/complaints"},
    Route{"GET", "/meetings/{name}/bulletin"},
    Route{"GET", "/meetings/{name}/complaints-report"},
    Route{"GET", "/api/v1/decisions"},
    Route{"GET", "/api/v1/inspections"},
    Route{"POST", "/decisions"},
    Route{"POST", "/pcc-activity/news"},
    Route{"POST", "/pcc-activity/forum-items"},
    Route{"POST", "/pcc-activity/activities"},
    Route{"POST", "/inspections"},
    Route{"POST", "/inspections/{name}/steps"},
    Route{"POST", "/complaints"},
    Route{"POST", "/complaints/update"},
    Route{"POST", "/complaints/foi"},
    // clock_pages.cpp: deadlines and bank holidays
    Route{"GET", "/deadlines"},
    Route{"GET", "/bank-holidays"},
    Route{"POST", "/bank-holidays"},
    // commissioned_services_pages.cpp
    Route{"GET", "/services"},
    Route{"GET", "/services/{name}"},
    Route{"GET", "/api/v1/services"},
    Route{"POST", "/services/{name}/grants"},
    Route{"POST", "/services/{name}/measures"},
    Route{"POST", "/services/{name}/returns"},
    // work_programme_pages.cpp
    Route{"GET", "/panels/{name}/work-programme"},
    Route{"GET", "/panels/{name}/work-programme.csv"},
    Route{"GET", "/panels/{name}/work-programme.ics"},
    Route{"GET", "/panels/{name}/rolling-programme"},
    Route{"POST", "/panels/{name}/work-programme"},
    Route{"POST", "/panels/{name}/rolling-programme"},
    // meeting_document_pages.cpp: a meeting's documents (report_kinds.hpp) in every format
    Route{"GET", "/meetings/{id}/agenda.{format}"},
    Route{"GET", "/meetings/{id}/minutes.{format}"},
    Route{"GET", "/meetings/{id}/performance-report.{format}"},
    Route{"GET", "/meetings/{id}/bulletin.{format}"},
    Route{"GET", "/meetings/{id}/complaints-report.{format}"},
    Route{"GET", "/meetings/{id}/work-programme.{format}"},
    // suggested_approach_pages.cpp
    Route{"GET", "/meetings/{id}/items/{id}/suggested-approach"},
    Route{"POST", "/meetings/{id}/items/{id}/suggested-approach"},
    // scrutiny_pages.cpp: panels, meetings and requests
    Route{"GET", "/panels"},
    Route{"GET", "/panels/{id}"},
    Route{"GET", "/meetings/{id}"},
    Route{"GET", "/meetings/{id}/agenda"},
    Route{"GET", "/meetings/{id}/minutes"},
    Route{"GET", "/requests"},
    Route{"GET", "/requests/{id}"},
    Route{"POST", "/panels/{id}/meetings"},
    Route{"POST", "/panels/{id}/members"},
    Route{"POST", "/panels/{id}/terms"},
    Route{"POST", "/panels/{id}/offices"},
    Route{"POST", "/meetings/{id}"},
    Route{"POST", "/meetings/{id}/items"},
    Route{"POST", "/meetings/{id}/attendance"},
    Route{"POST", "/meetings/{id}/interests"},
    Route{"POST", "/meetings/{id}/minutes"},
    Route{"POST", "/meetings/{id}/requests"},
    Route{"POST", "/requests/{id}"},
    // case_review_intake_pages.cpp: the public form, the dashboards, statistics and settings
    Route{"GET", "/asb-case-review"},
    Route{"GET", "/asb-case-review/apply"},
    Route{"GET", "/asb-case-review/apply/sent"},
    Route{"GET", "/asb"},
    Route{"GET", "/asb/cases"},
    Route{"GET", "/asb/cases/new"},
    Route{"GET", "/asb/statistics"},
    Route{"GET", "/asb/statistics.csv"},
    Route{"GET", "/asb/statistics.{format}"},
    Route{"GET", "/asb/settings"},
    Route{"GET", "/asb/agencies"},
    Route{"POST", "/asb-case-review/apply"},
    Route{"POST", "/asb/cases/new"},
    Route{"POST", "/asb/settings"},
    // case_review_pages.cpp: each case, its letters and its steps
    Route{"GET", "/asb/cases/{id}"},
    Route{"GET", "/asb/cases/{id}/letters/{id}"},
    Route{"GET", "/asb/cases/{id}/letters/{id}.pdf"},
    Route{"GET", "/asb/cases/{id}/letters/{id}.docx"},
    Route{"POST", "/asb/cases/{id}/letters"},
    Route{"POST", "/asb/cases/{id}/threshold"},
    Route{"POST", "/asb/cases/{id}/lead-agency"},
    Route{"POST", "/asb/cases/{id}/information"},
    Route{"POST", "/asb/cases/{id}/initial-review"},
    Route{"POST", "/asb/cases/{id}/panel"},
    Route{"POST", "/asb/cases/{id}/peer-reviewer"},
    Route{"POST", "/asb/cases/{id}/outcome"},
    Route{"POST", "/asb/cases/{id}/actions"},
    Route{"POST", "/asb/cases/{id}/actions/{id}"},
    Route{"POST", "/asb/cases/{id}/longer-review"},
    Route{"POST", "/asb/cases/{id}/appeal"},
    Route{"POST", "/asb/cases/{id}/appeal-escalation"},
    Route{"POST", "/asb/cases/{id}/appeal-referral"},
    Route{"POST", "/asb/cases/{id}/appeal-decision"},
    Route{"POST", "/asb/cases/{id}/appeal-pcc"},
    Route{"POST", "/asb/cases/{id}/close"},
};

bool all_digits(std::string_view s) {
    if (s.empty() || s.size() > 18) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// Whether one path segment matches one pattern segment ({rest} is handled by the caller).
bool segment_matches(std::string_view pattern, std::string_view segment) {
    size_t open = pattern.find('{');
    if (open == std::string_view::npos) return pattern == segment;
    size_t close = pattern.find('}', open);
    std::string_view before = pattern.substr(0, open), after = pattern.substr(close + 1),
                     kind = pattern.substr(open + 1, close - open - 1);
    if (segment.size() < before.size() + after.size()) return false;
    if (segment.substr(0, before.size()) != before ||
        segment.substr(segment.size() - after.size()) != after)
        return false;
    std::string_view value =
        segment.substr(before.size(), segment.size() - before.size() - after.size());
    if (kind == "id") return all_digits(value);
    if (kind == "format") return report::parse_report_format(value).has_value();
    return !value.empty();  // {name}
}

}  // namespace

std::span<const Route> routes() {
    return kRoutes;
}

std::vector<std::string_view> segments_of(std::string_view path) {
    std::vector<std::string_view> out;
    size_t at = 0;
    while (at < path.size()) {
        if (path[at] == '/') {
            ++at;
            continue;
        }
        size_t end = path.find('/', at);
        if (end == std::string_view::npos) end = path.size();
        out.push_back(path.substr(at, end - at));
        at = end;
    }
    return out;
}

bool route_matches(std::string_view pattern, std::string_view path) {
    auto want = segments_of(pattern), have = segments_of(path);
    bool rest = !want.empty() && want.back() == "{rest}";
    if (rest ? have.size() < want.size() : have.size() != want.size()) return false;
    for (size_t i = 0; i < want.size(); ++i) {
        if (rest && i + 1 == want.size()) return true;
        if (!segment_matches(want[i], have[i])) return false;
    }
    return true;
}

bool route_exists(std::string_view method, std::string_view path) {
    if (method == "HEAD") method = "GET";
    for (const Route& r : kRoutes)
        if (r.method == method && route_matches(r.pattern, path)) return true;
    return false;
}

}  // namespace scrutineer::web
