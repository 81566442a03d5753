#include "scrutineer/case_review_application_file.hpp"

#include <fmt/format.h>

#include "scrutineer/input_files.hpp"
#include "scrutineer/json_fields.hpp"

namespace scrutineer {

CaseReviewApplication parse_case_review_application(const std::string& text,
                                                    const std::string& path) {
    nlohmann::json doc = parse_json(text, path);
    JsonFields top(doc, "", path, {"application_date", "complaints", "rules"});
    CaseReviewApplication out;
    out.application_date = top.date("application_date");

    if (top.has("rules")) {
        JsonFields r(
            doc["rules"], "rules", path,
            {"min_qualifying", "alt_min_reporters", "report_within_months", "apply_within_months"});
        if (auto v = r.whole("min_qualifying")) out.rules.min_qualifying = *v;
        out.rules.alt_min_reporters = r.whole("alt_min_reporters");
        if (auto v = r.whole("report_within_months")) out.rules.report_within_months = *v;
        if (auto v = r.whole("apply_within_months")) out.rules.apply_within_months = *v;
        if (auto p = rules_problem(out.rules)) throw InputError(path, 0, "rules", *p);
    }

    const nlohmann::json& list = top.list("complaints", true);
    for (size_t i = 0; i < list.size(); ++i) {
        JsonFields c(list[i], top.item("complaints", i), path,
                     {"incident", "reporter", "behaviour_date", "reported_date", "reported_to",
                      "reference", "description"});
        Complaint complaint;
        complaint.incident = c.text("incident");
        if (complaint.incident.empty()) c.fail("incident", "is empty");
        complaint.reporter = c.text("reporter", false);
        if (!c.has("reporter")) complaint.reporter = "victim";
        if (complaint.reporter.empty()) c.fail("reporter", "is empty");
        complaint.behaviour_date = c.date("behaviour_date");
        complaint.reported_date = c.date("reported_date");
        complaint.reported_to = c.text("reported_to", false);
        complaint.reference = c.text("reference", false);
        complaint.description = c.text("description", false);
        if (auto p = complaint_problem(complaint, out.application_date)) {
            // Name the date that is out of place.
            const char* field = complaint.reported_date >= complaint.behaviour_date &&
                                        complaint.behaviour_date > out.application_date
                                    ? "behaviour_date"
                                    : "reported_date";
            c.fail(field, *p);
        }
        out.complaints.push_back(std::move(complaint));
    }
    return out;
}

CaseReviewApplication read_case_review_application(const std::string& path) {
    return parse_case_review_application(read_file(path), path);
}

}  // namespace scrutineer
