// A Norwich ASB Case Review taken through every step, for the case, letter and figures tests:
// received on Thursday 9 June 2022, acknowledged, threshold met, the police as lead agency, a
// panel on 7 July 2022 agreeing an action plan, letter E on 14 July 2022.
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "scrutineer/asb_case.hpp"
#include "scrutineer/bank_holidays_file.hpp"
#include "scrutineer/case_review_store.hpp"
#include "test_support.hpp"

namespace scrutineer::test {

inline constexpr const char* kNorwich = "E07000148";
inline constexpr const char* kBreckland = "E07000143";
inline constexpr const char* kNorfolk = "E10000020";

// Agency ids used by the sample.
inline constexpr int64_t kNorwichCouncil = 1;
inline constexpr int64_t kPolice = 2;
inline constexpr int64_t kClarion = 3;
inline constexpr int64_t kHealth = 4;

inline CalendarDate day(const char* text) {
    auto d = parse_date(text);
    if (!d) throw std::invalid_argument(text);
    return *d;
}

inline const BankHolidays& england_and_wales() {
    static const BankHolidays h =
        read_bank_holidays_file(data_dir() + "/bank-holidays/england-and-wales.json");
    return h;
}

inline Complaint complaint(const char* incident, const char* behaviour, const char* reported,
                           const char* to = "police") {
    Complaint c;
    c.incident = incident;
    c.reporter = "victim";
    c.behaviour_date = day(behaviour);
    c.reported_date = day(reported);
    c.reported_to = to;
    c.reference = std::string("REF-") + incident;
    c.description = std::string("What happened in ") + incident;
    return c;
}

inline CaseLetter sent(LetterKind kind, const char* dated) {
    CaseLetter l;
    l.kind = kind;
    l.dated = day(dated);
    l.addressee = "Ms Ada Lovelace";
    l.salutation = "Dear Ms Ada Lovelace";
    l.body = {LetterBlock{LetterBlock::Kind::paragraph, "Text"}};
    l.signed_by_name = "Sam Signer";
    l.signed_by_agency_id = kNorwichCouncil;
    return l;
}

// Just received: nothing done yet.
inline AsbCase received_case() {
    AsbCase c;
    c.reference = "ASB-2022-0001";
    c.district_code = kNorwich;
    c.channel = ApplicationChannel::telephone;
    c.received = day("2022-06-09");
    c.entered_by = "case.worker";
    c.victim = Person{"Ms Ada Lovelace", "1 Analytical Row, Norwich", "NR1 1AA", "01603 000001",
                      "ada@example.org"};
    c.summary = "Noise and threats from a neighbour";
    c.complaints = {complaint("i1", "2022-03-01", "2022-03-02"),
                    complaint("i2", "2022-04-10", "2022-04-12", "Norwich City Council"),
                    complaint("i3", "2022-05-20", "2022-05-21", "Clarion Housing")};
    return c;
}

// Every step up to letter E, the action plan still open.
inline AsbCase action_plan_case() {
    AsbCase c = received_case();
    c.letters.push_back(sent(LetterKind::a, "2022-06-10"));
    c.threshold = ThresholdOutcome::met;
    c.letters.push_back(sent(LetterKind::c_ii, "2022-06-20"));
    c.lead_agency_id = kPolice;
    c.lead_agency_independence = "Reviewed by an officer not involved in the earlier reports";
    c.lead_agency_appointed_on = day("2022-06-21");
    c.information_requested_on = day("2022-06-21");
    c.information_returns = {{kNorwichCouncil, day("2022-06-24")}, {kClarion, day("2022-06-27")}};
    c.initial_review_received_on = day("2022-07-01");
    c.panel_date = day("2022-07-07");
    c.panel_agency_ids = {kNorwichCouncil, kPolice, kClarion};
    c.peer_reviewer_id = 11;
    c.panel_outcome = PanelOutcome::action_plan;
    c.panel_findings = "Reports were logged but not linked";
    c.actions = {
        CaseAction{1, "Install a doorbell camera", kClarion, day("2022-08-01"), {}},
        CaseAction{2, "Visit the neighbour with a warning", kPolice, day("2022-07-21"), {}}};
    c.letters.push_back(sent(LetterKind::e, "2022-07-14"));
    c.letters.back().signed_by_agency_id = kNorwichCouncil;
    return c;
}

// The public ASB Case Review form's fields for a complete application from a victim in Norwich
// with three incidents in the last ten weeks; its summary and name carry `n`.
inline std::vector<std::pair<std::string, std::string>> public_application(int n) {
    auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    std::vector<std::pair<std::string, std::string>> f = {
        {"action", "send"},
        {"incidents", "3"},
        {"applicant-type", "victim"},
        {"victim-name", fmt::format("Applicant {}", n)},
        {"victim-address", "12 Elm Row, Norwich"},
        {"victim-postcode", "NR2 4XY"},
        {"victim-phone", "01603 555123"},
        {"district", kNorwich},
        {"summary", fmt::format("Application {}: stones thrown at my windows", n)}};
    for (int row = 1; row <= 3; ++row) {
        std::chrono::year_month_day behaviour{now - std::chrono::days(70 - 20 * row)},
            reported{now - std::chrono::days(69 - 20 * row)};
        auto date = [&](const std::string& name, std::chrono::year_month_day d) {
            f.emplace_back(name + "-day", std::to_string(unsigned(d.day())));
            f.emplace_back(name + "-month", std::to_string(unsigned(d.month())));
            f.emplace_back(name + "-year", std::to_string(int(d.year())));
        };
        std::string p = fmt::format("incident-{}", row);
        date(p + "-behaviour", behaviour);
        date(p + "-reported", reported);
        f.emplace_back(p + "-agency", "Norfolk Constabulary");
        f.emplace_back(p + "-reference", fmt::format("NC-{}-{}", n, row));
        f.emplace_back(p + "-description", "Stones at the window");
    }
    return f;
}

// The Norwich SPOC, so that the public form offers Norwich.
inline void save_norwich_contact(store::Database& db) {
    store::save_case_review_contact(
        db, CaseReviewContact{kNorwich, "Norwich", "Norwich City Council", "Nora Spoc",
                              "ASB Case Review SPOC", "01603 212121", "asbreview@norwich.example",
                              "01603 212122", "Inspector Matthew Wakefield"});
}

}  // namespace scrutineer::test
