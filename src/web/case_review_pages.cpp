#include "scrutineer/case_review_pages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <stdexcept>

#include "scrutineer/asb_case.hpp"
#include "scrutineer/bank_holiday_store.hpp"
#include "scrutineer/case_review_clock.hpp"
#include "scrutineer/case_review_letter_document.hpp"
#include "scrutineer/case_review_letters.hpp"
#include "scrutineer/case_review_store.hpp"
#include "scrutineer/decision_letter_signer.hpp"
#include "scrutineer/docx_writer.hpp"
#include "scrutineer/pdf_writer.hpp"
#include "scrutineer/peer_review_rota.hpp"
#include "scrutineer/qualifying_complaint.hpp"
#include "scrutineer/report_formats.hpp"
#include "scrutineer/review_panel_agencies.hpp"
#include "scrutineer/user_store.hpp"

namespace scrutineer::web {
namespace {

using store::Database;

// Every view of a case is logged and the page shows the latest log, so no answer is kept for
// the next request (app.cpp keeps signed-in users' pages per role otherwise).
Response uncached(Response r) {
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

std::string case_url(int64_t id) {
    return fmt::format("/asb/cases/{}", id);
}

std::string iso(const std::optional<CalendarDate>& d) {
    return d ? to_string(*d) : "";
}

std::string long_or(const std::optional<CalendarDate>& d, const std::string& none) {
    return d ? long_name(*d) : none;
}

std::string capitalised(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

// The form field id of a field name: "lead_agency_id" -> "lead-agency-id".
std::string field_id(std::string name) {
    for (char& ch : name)
        if (ch == '_' || ch == '.') ch = '-';
    return name;
}

const char* stage_class(CaseStage s) {
    switch (s) {
        case CaseStage::awaiting_acknowledgement:
        case CaseStage::awaiting_threshold_decision:
            return "govuk-tag--blue";
        case CaseStage::threshold_not_met:
            return "govuk-tag--grey";
        case CaseStage::review_under_way:
            return "govuk-tag--purple";
        case CaseStage::awaiting_outcome_letter:
            return "govuk-tag--light-blue";
        case CaseStage::action_plan:
            return "govuk-tag--yellow";
        case CaseStage::outcome_sent:
            return "govuk-tag--green";
        case CaseStage::appeal:
            return "govuk-tag--orange";
        case CaseStage::closed:
            return "govuk-tag--grey";
    }
    return "govuk-tag--grey";
}

const char* clock_class(ClockState s) {
    switch (s) {
        case ClockState::due:
            return "govuk-tag--blue";
        case ClockState::overdue:
            return "govuk-tag--red";
        case ClockState::met:
            return "govuk-tag--green";
        case ClockState::missed:
            return "govuk-tag--orange";
    }
    return "govuk-tag--grey";
}

// The letter that follows from the threshold decision and from the panel's outcome.
std::optional<LetterKind> threshold_letter_kind(ThresholdOutcome o) {
    switch (o) {
        case ThresholdOutcome::met:
            return LetterKind::c_ii;
        case ThresholdOutcome::not_met:
            return LetterKind::b;
        case ThresholdOutcome::review_below_threshold:
            return LetterKind::c_i;
        case ThresholdOutcome::undecided:
            return std::nullopt;
    }
    return std::nullopt;
}

std::optional<LetterKind> outcome_letter_kind(PanelOutcome o) {
    switch (o) {
        case PanelOutcome::no_further_action:
            return LetterKind::d;
        case PanelOutcome::action_plan:
            return LetterKind::e;
        case PanelOutcome::undecided:
            return std::nullopt;
    }
    return std::nullopt;
}

// A case with everything its page and its forms need.
struct CaseView {
    AsbCase c;
    std::vector<Agency> agencies;
    std::map<int64_t, std::string> agency_names;
    CaseReviewContact contact;  // the district's; empty when none is stored
    bool has_contact = false;
    std::vector<CaseReviewContact> contacts;
    CaseReviewSettings settings;
    BankHolidays holidays;
    std::vector<PeerReviewer> reviewers;
    RotaState rota;

    std::string agency_name(std::optional<int64_t> id) const {
        if (!id) return "";
        auto it = agency_names.find(*id);
        return it == agency_names.end() ? fmt::format("agency {}", *id) : it->second;
    }
    std::string district_name(const std::string& code) const {
        for (const auto& k : contacts)
            if (k.district_code == code) return k.district_name;
        return code;
    }
    // The council of the case's district, as an agency (the SPOC's organisation).
    const Agency* district_council() const {
        for (const auto& a : agencies)
            if (a.kind == AgencyKind::district_council && a.district_code == c.district_code)
                return &a;
        return nullptr;
    }
    std::optional<ClockReading> clock(CaseClock which) const {
        for (const auto& r : case_clocks(c, settings.clocks, holidays))
            if (r.clock == which) return r;
        return std::nullopt;
    }
};

CaseView load_view(Database& db, AsbCase c) {
    CaseView v;
    v.c = std::move(c);
    v.agencies = store::load_agencies(db);
    for (const auto& a : v.agencies) v.agency_names[a.id] = a.name;
    if (auto k = store::load_case_review_contact(db, v.c.district_code)) {
        v.contact = *k;
        v.has_contact = true;
    } else {
        v.contact.district_code = v.c.district_code;
    }
    v.contacts = store::load_case_review_contacts(db);
    v.settings = store::load_case_review_settings(db);
    v.holidays = store::load_bank_holidays(db);
    v.reviewers = store::load_peer_reviewers(db);
    v.rota = store::load_rota(db);
    return v;
}

// ---- form fields as data, for _case_review_case_field.mustache ----

// Builds the fields of the page's forms: a posted form's values and errors win over the
// stored ones, so a refused form comes back as it was sent.
struct Fields {
    const Request* posted = nullptr;
    const FormErrors* errors = nullptr;

    std::string value(const std::string& name, const std::string& stored) const {
        if (posted) {
            auto it = posted->form.find(name);
            if (it != posted->form.end()) return it->second;
        }
        return stored;
    }

    Data base(const std::string& name, const std::string& label, const std::string& hint) const {
        std::string id = field_id(name);
        Data d = object();
        d.set("id", id);
        d.set("name", name);
        d.set("label", label);
        d.set("hint", hint);
        d.set("has_hint", !hint.empty());
        std::string error;
        if (errors) {
            auto it = errors->by_field.find(id);
            if (it != errors->by_field.end()) error = it->second;
        }
        d.set("has_error", !error.empty());
        d.set("error", error);
        std::string described = hint.empty() ? "" : id + "-hint";
        if (!error.empty()) described += (described.empty() ? "" : " ") + id + "-error";
        d.set("described", described);
        d.set("has_described", !described.empty());
        for (const char* kind :
             {"is_input", "is_date", "is_textarea", "is_select", "is_radios", "is_checkboxes"})
            d.set(kind, false);
        d.set("value", "");
        d.set("options", list());
        return d;
    }

    Data text(const std::string& name, const std::string& label, const std::string& stored,
              const std::string& hint = "") const {
        Data d = base(name, label, hint);
        d.set("is_input", true);
        d.set("value", value(name, stored));
        return d;
    }

    Data date(const std::string& name, const std::string& label,
              const std::optional<CalendarDate>& stored, const std::string& hint = "") const {
        Data d = base(name, label, hint.empty() ? "As YYYY-MM-DD, for example 2025-06-03" : hint);
        d.set("is_input", true);
        d.set("is_date", true);
        d.set("value", value(name, iso(stored)));
        return d;
    }

    Data textarea(const std::string& name, const std::string& label, const std::string& stored,
                  const std::string& hint = "") const {
        Data d = base(name, label, hint);
        d.set("is_textarea", true);
        d.set("value", value(name, stored));
        return d;
    }

    // options: (value, label); the selected one is the posted or stored value.
    Data select(const std::string& name, const std::string& label,
                const std::vector<std::pair<std::string, std::string>>& options,
                const std::string& stored, const std::string& hint = "") const {
        Data d = base(name, label, hint);
        d.set("is_select", true);
        std::string chosen = value(name, stored);
        Data opts = list();
        for (const auto& [v, l] : options) {
            Data o = object();
            o.set("id", field_id(name) + "-" + v);
            o.set("value", v);
            o.set("label", l);
            o.set("checked", v == chosen);
            opts.push_back(o);
        }
        d.set("options", opts);
        return d;
    }

    Data radios(const std::string& name, const std::string& label,
                const std::vector<std::pair<std::string, std::string>>& options,
                const std::string& stored, const std::string& hint = "") const {
        Data d = select(name, label, options, stored, hint);
        d.set("is_select", false);
        d.set("is_radios", true);
        // The first option carries the field's id, so the error summary's link reaches it.
        Data opts = list();
        bool first = true;
        std::string chosen = value(name, stored);
        for (const auto& [v, l] : options) {
            Data o = object();
            o.set("id", first ? field_id(name) : field_id(name) + "-" + field_id(v));
            o.set("value", v);
            o.set("label", l);
            o.set("checked", v == chosen);
            opts.push_back(o);
            first = false;
        }
        d.set("options", opts);
        return d;
    }

    // Each box is its own field `<prefix><value>` = "yes" (a form's fields are a map).
    struct Box {
        std::string value, label;
        bool stored = false;
    };
    // `action` is the form's: the boxes of another form than the one posted keep their stored
    // state.
    Data checkboxes(const std::string& action, const std::string& id_name, const std::string& label,
                    const std::string& prefix, const std::vector<Box>& boxes,
                    const std::string& hint = "") const {
        Data d = base(id_name, label, hint);
        d.set("is_checkboxes", true);
        Data opts = list();
        bool first = true;
        for (const auto& b : boxes) {
            Data o = object();
            std::string name = prefix + b.value;
            o.set("id", first ? field_id(id_name) : field_id(name));
            o.set("name", name);
            o.set("value", "yes");
            o.set("label", b.label);
            o.set("checked",
                  posted && posted->path == action ? posted->form.count(name) > 0 : b.stored);
            opts.push_back(o);
            first = false;
        }
        d.set("options", opts);
        return d;
    }
};

Data form(const std::string& action, const std::string& title, const std::string& button,
          Data fields, const std::vector<std::pair<std::string, std::string>>& hidden = {},
          const std::string& text = "") {
    Data f = object();
    f.set("action", action);
    f.set("title", title);
    f.set("has_title", !title.empty());
    f.set("text", text);
    f.set("has_text", !text.empty());
    f.set("button", button);
    f.set("fields", fields);
    Data h = list();
    for (const auto& [name, value] : hidden) {
        Data x = object();
        x.set("name", name);
        x.set("value", value);
        h.push_back(x);
    }
    f.set("hidden", h);
    return f;
}

Data fields_of(std::initializer_list<Data> items) {
    Data l = list();
    for (const auto& i : items) l.push_back(i);
    return l;
}

// A summary list row of a step.
Data row(const std::string& key, const std::string& value, const std::string& tag = "",
         const std::string& tag_class = "") {
    Data r = object();
    r.set("key", key);
    r.set("value", value);
    r.set("has_tag", !tag.empty());
    r.set("tag", tag);
    r.set("tag_class", tag_class);
    return r;
}

struct StepData {
    Data d = object();
    Data rows = list();
    Data warnings = list();
    Data forms = list();
    StepData(const std::string& id, const std::string& heading) {
        d.set("id", id);
        d.set("heading", heading);
        d.set("has_actions", false);
        d.set("has_letter_link", false);
    }
    void warn(const std::string& text) {
        Data w = object();
        w.set("text", text);
        warnings.push_back(w);
    }
    Data done() {
        d.set("rows", rows);
        d.set("has_rows", !rows.is_empty_list());
        d.set("warnings", warnings);
        d.set("has_warnings", !warnings.is_empty_list());
        d.set("forms", forms);
        d.set("has_forms", !forms.is_empty_list());
        return d;
    }
};

std::vector<std::pair<std::string, std::string>> agency_options(const CaseView& v,
                                                                bool with_blank) {
    std::vector<std::pair<std::string, std::string>> out;
    if (with_blank) out.emplace_back("", "Choose an agency");
    for (const auto& a : v.agencies)
        out.emplace_back(std::to_string(a.id), fmt::format("{} ({})", a.name, label(a.kind)));
    return out;
}

template <class E, size_t N>
std::vector<std::pair<std::string, std::string>> enum_options(const E (&values)[N]) {
    std::vector<std::pair<std::string, std::string>> out;
    for (E e : values) out.emplace_back(to_string(e), label(e));
    return out;
}

// The form that sends a decision letter (B, C(i), C(ii), D, E) with its signer.
Data letter_form(const CaseView& v, const Fields& f, const std::string& prefix, LetterKind kind,
                 CalendarDate today) {
    const Agency* council = v.district_council();
    std::string default_agency = council ? std::to_string(council->id) : "";
    std::string text = fmt::format(
        "{} ({}) is composed from the case and kept on it as sent. Decision letters are signed "
        "on behalf of the Operational Partnership Team by an organisation other than the lead "
        "agency.",
        label(kind), title(kind));
    return form(
        case_url(v.c.id) + "/letters", fmt::format("Send {}", label(kind)),
        fmt::format("Send {}", label(kind)),
        fields_of({f.date(prefix + "_dated", "Date of the letter", today),
                   f.select(prefix + "_signer_agency", "Signed on behalf of",
                            agency_options(v, true), default_agency),
                   f.text(prefix + "_signer_name", "Signer's name", v.contact.spoc_name),
                   f.text(prefix + "_signer_title", "Signer's title", v.contact.spoc_title)}),
        {{"kind", to_string(kind)}}, text);
}

Data letter_row(const CaseView& v, const CaseLetter& l, bool links) {
    Data r = object();
    r.set("label", label(l.kind));
    r.set("title", title(l.kind));
    r.set("dated", long_name(l.dated));
    r.set("signed_by", l.signed_by_organisation.empty()
                           ? l.signed_by_name
                           : l.signed_by_name + ", " + l.signed_by_organisation);
    r.set("links", links);
    r.set("url", fmt::format("{}/letters/{}", case_url(v.c.id), l.id));
    r.set("pdf_url", fmt::format("{}/letters/{}.pdf", case_url(v.c.id), l.id));
    r.set("docx_url", fmt::format("{}/letters/{}.docx", case_url(v.c.id), l.id));
    return r;
}

Data case_data(Site& site, Database& db, const CaseView& v, const Request* posted,
               const FormErrors* errors) {
    const AsbCase& c = v.c;
    Role role = site.role();
    CalendarDate today = site.today();
    bool personal = may_see_case_personal_data(role);
    bool work = may_work_cases(role) && !c.anonymised_on && !c.closed_on;
    Fields f{posted, errors};
    std::string url = case_url(c.id);

    Data d = object();
    d.set("id", std::to_string(c.id));
    d.set("reference", c.reference);
    d.set("district", v.district_name(c.district_code));
    d.set("council", v.contact.council_name);
    d.set("channel", label(c.channel));
    d.set("received", long_name(c.received));
    d.set("entered_by", c.entered_by);
    CaseStage stage = stage_of(c);
    d.set("stage", label(stage));
    d.set("stage_class", stage_class(stage));
    d.set("personal", personal);
    d.set("may_work", work);
    d.set("anonymised", c.anonymised_on.has_value());
    d.set("anonymised_on", long_or(c.anonymised_on, ""));
    d.set("closed", c.closed_on.has_value());
    d.set("closed_on", long_or(c.closed_on, ""));
    Data facts = list();
    auto fact = [&](bool on, const char* text) {
        if (!on) return;
        Data x = object();
        x.set("text", text);
        facts.push_back(x);
    };
    fact(c.facts.drug_alcohol_or_mental_health, "Drug, alcohol or mental health issues");
    fact(c.facts.perpetrator_under_18, "The perpetrator is under 18");
    fact(c.facts.victim_under_18, "The victim is under 18");
    d.set("facts", facts);
    d.set("has_facts", !facts.is_empty_list());

    // The victim and the applicant: personal data.
    if (personal) {
        auto person = [](const Person& p) {
            Data x = object();
            x.set("name", p.name);
            x.set("address", p.address);
            x.set("postcode", p.postcode);
            x.set("phone", p.phone);
            x.set("email", p.email);
            return x;
        };
        d.set("victim", person(c.victim));
        d.set("third_party", c.third_party);
        d.set("applicant", person(c.applicant));
        d.set("relationship", c.applicant_relationship);
        d.set("consent", c.victim_consent ? "Yes, recorded" : "No");
        d.set("summary", c.summary);
        d.set("has_summary", !c.summary.empty());
    }

    // The complaints and the threshold, under the stored rules.
    Data complaints = list();
    try {
        ThresholdDecision decision =
            assess_threshold(c.received, c.complaints, v.settings.threshold);
        for (size_t i = 0; i < c.complaints.size(); ++i) {
            const Complaint& k = c.complaints[i];
            Data r = object();
            r.set("incident", k.incident);
            r.set("behaviour_date", long_name(k.behaviour_date));
            r.set("reported_date", long_name(k.reported_date));
            r.set("reported_to", k.reported_to);
            r.set("reference", k.reference);
            r.set("description", k.description);
            bool q = i < decision.complaints.size() && decision.complaints[i].qualifies;
            r.set("qualifies", q);
            r.set("verdict", q ? "Qualifies" : "Does not qualify");
            r.set("verdict_class", q ? "govuk-tag--green" : "govuk-tag--grey");
            r.set("reason", i < decision.complaints.size() ? decision.complaints[i].reason : "");
            complaints.push_back(r);
        }
        d.set("assessed", true);
        d.set("assessment_met", decision.threshold_met);
        d.set("assessment", decision.threshold_met ? "Threshold met" : "Threshold not met");
        d.set("assessment_class", decision.threshold_met ? "govuk-tag--green" : "govuk-tag--grey");
        d.set("assessment_rule", decision.rule);
        d.set("qualifying", std::to_string(decision.qualifying));
    } catch (const std::invalid_argument& e) {
        d.set("assessed", false);
        d.set("assessment_problem", e.what());
    }
    d.set("complaints", complaints);

    // The clocks.
    Data clocks = list();
    for (const auto& r : case_clocks(c, v.settings.clocks, v.holidays)) {
        ClockState s = state_on(r, today);
        Data x = object();
        x.set("label", label(r.clock));
        x.set("due", long_name(r.deadline.due));
        x.set("state", label(s));
        x.set("state_class", clock_class(s));
        x.set("workings", workings(r.deadline));
        x.set("done_on", long_or(r.done_on, ""));
        x.set("has_done", r.done_on.has_value());
        clocks.push_back(x);
    }
    d.set("clocks", clocks);
    d.set("has_clocks", !clocks.is_empty_list());

    Data steps = list();

    // Step 1: the acknowledgement (letter A), from the SPOC.
    {
        StepData s("acknowledgement",
                   "Step 1: Gateway to ASB Case Review – acknowledgement (letter A)");
        if (const CaseLetter* a = letter_of(c, LetterKind::a)) {
            s.rows.push_back(row("Letter A sent", long_name(a->dated)));
        } else {
            s.rows.push_back(row("Letter A", "Not sent yet"));
            if (work) {
                std::string signer =
                    v.has_contact
                        ? fmt::format(
                              "Signed by the single point of contact, {}{}", v.contact.spoc_name,
                              v.contact.spoc_title.empty() ? "" : ", " + v.contact.spoc_title)
                        : "No single point of contact is recorded for this district.";
                s.forms.push_back(form(url + "/letters", "", "Send letter A",
                                       fields_of({f.date("a_dated", "Date of the letter", today)}),
                                       {{"kind", "a"}}, signer));
            }
        }
        steps.push_back(s.done());
    }

    // Step 2: the threshold decision and its letter.
    {
        StepData s("threshold", "Step 2: Determine if the threshold has been met");
        s.rows.push_back(row("Decision", label(c.threshold)));
        if (c.threshold == ThresholdOutcome::review_below_threshold) {
            std::string grounds;
            for (ReviewGround g : c.review_grounds)
                grounds += (grounds.empty() ? "" : "; ") + std::string(label(g));
            s.rows.push_back(row("Grounds for a review", grounds));
        }
        if (!c.threshold_reasons.empty()) s.rows.push_back(row("Reasons", c.threshold_reasons));
        const CaseLetter* sent = threshold_letter(c);
        if (sent)
            s.rows.push_back(
                row(fmt::format("{} sent", label(sent->kind)), long_name(sent->dated)));
        if (work && !sent) {
            std::vector<Fields::Box> grounds;
            for (ReviewGround g : {ReviewGround::persistence, ReviewGround::harm,
                                   ReviewGround::adequacy_of_response})
                grounds.push_back({to_string(g), label(g), c.review_grounds.count(g) > 0});
            s.forms.push_back(form(
                url + "/threshold", "Record the threshold decision", "Save the decision",
                fields_of(
                    {f.radios(
                         "threshold_outcome", "Outcome",
                         {{"met", label(ThresholdOutcome::met)},
                          {"not_met", label(ThresholdOutcome::not_met)},
                          {"review_below_threshold",
                           label(ThresholdOutcome::review_below_threshold)}},
                         c.threshold == ThresholdOutcome::undecided ? "" : to_string(c.threshold)),
                     f.checkboxes(url + "/threshold", "review_grounds",
                                  "Grounds for a review below the threshold (letter C(i))",
                                  "ground_", grounds,
                                  "Only for a review below the threshold: at least one"),
                     f.textarea("threshold_reasons", "Reasons", c.threshold_reasons,
                                "Letter B gives them to the applicant; for a review below "
                                "the threshold, why it is triggered")})));
            if (auto kind = threshold_letter_kind(c.threshold))
                s.forms.push_back(letter_form(v, f, "tl", *kind, today));
        }
        steps.push_back(s.done());
    }

    bool review = review_held(c);
    std::vector<std::pair<std::string, std::string>> agencies = agency_options(v, true);

    // Step 3: the lead agency and the information from the agencies.
    if (review) {
        StepData s("lead-agency", "Step 3: Lead agency appointed, and the agencies' information");
        s.rows.push_back(row("Lead agency", c.lead_agency_id ? v.agency_name(c.lead_agency_id)
                                                             : "Not appointed yet"));
        if (!c.lead_agency_independence.empty())
            s.rows.push_back(row("Independence", c.lead_agency_independence));
        if (c.lead_agency_appointed_on)
            s.rows.push_back(row("Appointed on", long_name(*c.lead_agency_appointed_on)));
        if (c.information_requested_on)
            s.rows.push_back(
                row("Information requested on", long_name(*c.information_requested_on)));
        for (const auto& r : c.information_returns)
            s.rows.push_back(row(
                "Information from " + v.agency_name(r.agency_id),
                r.returned_on ? "Returned on " + long_name(*r.returned_on) : "Not returned yet"));
        if (work) {
            s.forms.push_back(form(
                url + "/lead-agency", "Appoint the lead agency", "Save the lead agency",
                fields_of(
                    {f.select("lead_agency_id", "Lead agency", agencies,
                              c.lead_agency_id ? std::to_string(*c.lead_agency_id) : ""),
                     f.textarea("lead_agency_independence", "Why this agency, and its independence",
                                c.lead_agency_independence,
                                "Normally the agency with most contact with the victim, "
                                "with some independence from previous operational case "
                                "management: say how"),
                     f.date("lead_agency_appointed_on", "Appointed on",
                            c.lead_agency_appointed_on.value_or(today))})));
            std::vector<Fields::Box> boxes;
            for (const auto& a : v.agencies) {
                bool asked = false;
                for (const auto& r : c.information_returns)
                    if (r.agency_id == a.id) asked = true;
                boxes.push_back({std::to_string(a.id), a.name, asked});
            }
            Data fields = fields_of(
                {f.date("information_requested_on", "Information requested on",
                        c.information_requested_on),
                 f.checkboxes(url + "/information", "information_agencies",
                              "Agencies asked for their information", "info_agency_", boxes,
                              "Each returns its information within 5 working days")});
            for (const auto& r : c.information_returns)
                fields.push_back(
                    f.date(fmt::format("info_returned_{}", r.agency_id),
                           "Returned by " + v.agency_name(r.agency_id) + " on (optional)",
                           r.returned_on, "As YYYY-MM-DD; leave empty until it is"));
            s.forms.push_back(form(url + "/information", "Information from the agencies",
                                   "Save the information requests", fields));
        }
        steps.push_back(s.done());
    }

    // Step 4: the lead agency's initial review.
    if (review) {
        StepData s("initial-review", "Step 4: Lead agency conducts initial case review");
        s.rows.push_back(
            row("Initial review received", long_or(c.initial_review_received_on, "Not yet")));
        if (work)
            s.forms.push_back(
                form(url + "/initial-review", "", "Save",
                     fields_of({f.date("initial_review_received_on", "Initial review received on",
                                       c.initial_review_received_on)})));
        steps.push_back(s.done());
    }

    // Step 5: the panel, its agencies and the peer reviewer.
    if (review) {
        StepData s("panel", "Step 5: Multi-agency case review panel");
        s.rows.push_back(row("Panel meeting", long_or(c.panel_date, "Not arranged yet")));
        std::vector<Agency> chosen;
        std::string names;
        for (int64_t id : c.panel_agency_ids) {
            for (const auto& a : v.agencies)
                if (a.id == id) chosen.push_back(a);
            names += (names.empty() ? "" : "; ") + v.agency_name(id);
        }
        s.rows.push_back(row("Agencies", names.empty() ? "None chosen yet" : names));
        std::string needed;
        for (const auto& r : required_panel_agencies(c.facts))
            needed +=
                (needed.empty() ? "" : "; ") + std::string(label(r.kind)) + " (" + r.why + ")";
        s.rows.push_back(row("The panel needs", needed));
        for (const auto& m : missing_panel_agencies(c, chosen)) s.warn(m);
        if (c.peer_reviewer_id) {
            std::string who = fmt::format("reviewer {}", *c.peer_reviewer_id);
            for (const auto& r : v.reviewers)
                if (r.id == *c.peer_reviewer_id) who = r.name + ", " + r.council;
            s.rows.push_back(row("Independent peer reviewer", who));
        } else {
            s.rows.push_back(row("Independent peer reviewer", "Not assigned yet"));
        }
        if (work) {
            std::vector<Fields::Box> boxes;
            for (const auto& a : v.agencies)
                boxes.push_back({std::to_string(a.id),
                                 fmt::format("{} ({})", a.name, label(a.kind)),
                                 std::find(c.panel_agency_ids.begin(), c.panel_agency_ids.end(),
                                           a.id) != c.panel_agency_ids.end()});
            s.forms.push_back(
                form(url + "/panel", "The panel meeting", "Save the panel",
                     fields_of({f.date("panel_date", "Date of the panel meeting", c.panel_date),
                                f.checkboxes(url + "/panel", "panel_agencies",
                                             "Agencies on the panel", "panel_agency_", boxes,
                                             "At least the district council, the police and the "
                                             "housing provider(s); the case's facts decide health, "
                                             "the YOT and children's services")})));
            if (!c.peer_reviewer_id) {
                auto next = next_peer_reviewer(v.rota, c.district_code);
                std::string text =
                    next ? fmt::format("Next on the rota: {}, {}.", next->name, next->council)
                         : "No active reviewer from another council is on the rota.";
                s.forms.push_back(form(url + "/peer-reviewer", "Independent peer reviewer",
                                       "Assign the next reviewer on the rota", list(), {}, text));
            }
        }
        steps.push_back(s.done());
    }

    // Step 6: the panel's outcome and the action plan.
    if (review) {
        StepData s("outcome", "Step 5: The panel's outcome and action plan");
        s.rows.push_back(row("Outcome", label(c.panel_outcome)));
        if (personal && !c.panel_findings.empty())
            s.rows.push_back(row("Findings", c.panel_findings));
        const CaseLetter* sent = outcome_letter(c);
        if (work && !sent)
            s.forms.push_back(form(
                url + "/outcome", "Record the panel's outcome", "Save the outcome",
                fields_of({f.radios("panel_outcome", "Outcome",
                                    {{"no_further_action", label(PanelOutcome::no_further_action)},
                                     {"action_plan", label(PanelOutcome::action_plan)}},
                                    c.panel_outcome == PanelOutcome::undecided
                                        ? ""
                                        : to_string(c.panel_outcome)),
                           f.textarea("panel_findings", "Findings", c.panel_findings,
                                      "Letter D gives the applicant an overview of the action "
                                      "taken")})));
        if (c.panel_outcome == PanelOutcome::action_plan) {
            s.rows.push_back(row("Actions agreed", std::to_string(c.actions.size())));
            if (work)
                s.forms.push_back(form(url + "/actions", "Add an action to the plan",
                                       "Add the action",
                                       fields_of({f.textarea("action_text", "Action", ""),
                                                  f.select("action_owner", "Owner", agencies, ""),
                                                  f.date("action_due", "Due by", std::nullopt)})));
        }
        steps.push_back(s.done());
    }

    // Step 6 (continued): the outcome letter, and the applicant told of a longer review.
    if (review) {
        StepData s("outcome-letter", "Step 5: Decision letter to the applicant (letter D or E)");
        const CaseLetter* sent = outcome_letter(c);
        if (sent)
            s.rows.push_back(
                row(fmt::format("{} sent", label(sent->kind)), long_name(sent->dated)));
        else
            s.rows.push_back(row("Outcome letter", "Not sent yet"));
        s.rows.push_back(row("Applicant told the review will take longer than 30 working days",
                             long_or(c.longer_review_notified_on, "No")));
        if (work && !sent)
            if (auto kind = outcome_letter_kind(c.panel_outcome))
                s.forms.push_back(letter_form(v, f, "ol", *kind, today));
        if (work)
            s.forms.push_back(
                form(url + "/longer-review", "A review taking longer than 30 working days",
                     "Save the date",
                     fields_of({f.date("longer_review_notified_on",
                                       "Applicant notified the review will take longer on",
                                       c.longer_review_notified_on)})));
        steps.push_back(s.done());
    }

    // Step 6: the actions monitored until complete.
    if (review && c.panel_outcome == PanelOutcome::action_plan) {
        StepData s("actions", "Step 6: Monitoring actions agreed by the case review panel");
        Data actions = list();
        for (const auto& a : c.actions) {
            Data x = object();
            x.set("id", std::to_string(a.id));
            x.set("action", a.action);
            x.set("owner", v.agency_name(a.owner_agency_id));
            x.set("due", long_name(a.due));
            bool overdue = !a.completed_on && a.due < today;
            x.set("status", a.completed_on ? "Complete on " + long_name(*a.completed_on)
                            : overdue      ? "Overdue"
                                           : "Open");
            x.set("status_class", a.completed_on ? "govuk-tag--green"
                                  : overdue      ? "govuk-tag--red"
                                                 : "govuk-tag--blue");
            x.set("may_complete", work && !a.completed_on && a.id != 0);
            if (work && !a.completed_on && a.id != 0)
                x.set("form", form(fmt::format("{}/actions/{}", url, a.id), "", "Mark complete",
                                   fields_of({f.date(fmt::format("action_{}_completed_on", a.id),
                                                     "Completed on", std::nullopt)})));
            actions.push_back(x);
        }
        s.d.set("has_actions", true);
        s.d.set("actions", actions);
        s.d.set("no_actions", actions.is_empty_list());
        steps.push_back(s.done());
    }

    // Step 7: the appeal.
    if (const CaseLetter* appealable = appealable_letter(c)) {
        StepData s("appeal", "Step 7: Escalation to appeal");
        if (auto clock = v.clock(CaseClock::appeal))
            s.rows.push_back(
                row("Appeal window",
                    fmt::format("Against {} of {}: by {} ({})", label(appealable->kind),
                                long_name(appealable->dated), long_name(clock->deadline.due),
                                workings(clock->deadline))));
        if (!c.appeal) {
            s.rows.push_back(row("Appeal", "None lodged"));
            if (work)
                s.forms.push_back(form(
                    url + "/appeal", "Record an appeal", "Record the appeal",
                    fields_of(
                        {f.date("appeal_lodged_on", "Lodged on", std::nullopt),
                         f.radios(
                             "appeal_against", "Against",
                             {{"threshold_decision", label(AppealAgainst::threshold_decision)},
                              {"review", label(AppealAgainst::review)}},
                             appealable->kind == LetterKind::b ? "threshold_decision" : "review"),
                         f.textarea("appeal_grounds", "Grounds", "")})));
        } else {
            const Appeal& a = *c.appeal;
            s.rows.push_back(row("Lodged on", long_name(a.lodged_on)));
            s.rows.push_back(row("Against", label(a.against)));
            if (personal && !a.grounds.empty()) s.rows.push_back(row("Grounds", a.grounds));
            s.rows.push_back(row(
                "Escalated to the OPT inspector",
                a.escalated_on
                    ? long_name(*a.escalated_on) + (a.inspector.empty() ? "" : ", " + a.inspector)
                    : "Not yet"));
            s.rows.push_back(
                row("Referred for an independent review",
                    a.referred_to_district_code.empty()
                        ? "Not yet"
                        : v.district_name(a.referred_to_district_code) + "'s team" +
                              (a.referred_on ? ", " + long_name(*a.referred_on) : "")));
            s.rows.push_back(
                row("Decision", a.outcome == AppealOutcome::undecided
                                    ? "Not decided yet"
                                    : std::string(label(a.outcome)) +
                                          (a.decided_on ? ", " + long_name(*a.decided_on) : "")));
            if (!a.decision_notes.empty()) s.rows.push_back(row("Notes", a.decision_notes));
            s.rows.push_back(row("PCC's office notified", long_or(a.pcc_notified_on, "Not yet")));
            if (work) {
                s.forms.push_back(form(
                    url + "/appeal-escalation", "Escalated to the OPT inspector", "Save",
                    fields_of(
                        {f.date("appeal_escalated_on", "Escalated on", a.escalated_on),
                         f.text("appeal_inspector", "Inspector",
                                a.inspector.empty() ? v.contact.opt_inspector : a.inspector)})));
                std::vector<std::pair<std::string, std::string>> districts{
                    {"", "Choose a district"}};
                for (const auto& k : v.contacts)
                    if (k.district_code != c.district_code)
                        districts.emplace_back(k.district_code, k.district_name + "'s team");
                s.forms.push_back(
                    form(url + "/appeal-referral", "Referred to another district's team", "Save",
                         fields_of({f.select("appeal_referred_to", "District team", districts,
                                             a.referred_to_district_code,
                                             "For an independent review: never the case's own "
                                             "district"),
                                    f.date("appeal_referred_on", "Referred on", a.referred_on)})));
                s.forms.push_back(form(
                    url + "/appeal-decision", "The appeal's decision", "Save the decision",
                    fields_of(
                        {f.radios(
                             "appeal_outcome", "Decision",
                             {{"upheld", label(AppealOutcome::upheld)},
                              {"not_upheld", label(AppealOutcome::not_upheld)}},
                             a.outcome == AppealOutcome::undecided ? "" : to_string(a.outcome)),
                         f.date("appeal_decided_on", "Decided on", a.decided_on),
                         f.textarea("appeal_decision_notes", "Notes", a.decision_notes)})));
                s.forms.push_back(form(
                    url + "/appeal-pcc", "The PCC's office notified of the decision", "Save",
                    fields_of(
                        {f.date("appeal_pcc_notified_on", "Notified on", a.pcc_notified_on)})));
            }
        }
        steps.push_back(s.done());
    }

    // Closing the case.
    {
        StepData s("close", "Closing the case");
        s.rows.push_back(row("Closed", long_or(c.closed_on, "Open")));
        if (work)
            s.forms.push_back(form(url + "/close", "", "Close the case",
                                   fields_of({f.date("closed_on", "Closed on", today)})));
        steps.push_back(s.done());
    }
    d.set("steps", steps);

    // The letters.
    Data letters = list();
    for (const auto& l : c.letters) letters.push_back(letter_row(v, l, personal));
    d.set("letters", letters);
    d.set("has_letters", !letters.is_empty_list());

    // Who viewed or changed the case.
    if (may_work_cases(role)) {
        Data log = list();
        for (const auto& a : store::load_case_access_log(db, c.id)) {
            Data x = object();
            x.set("at", a.at);
            x.set("actor", a.actor);
            x.set("action", a.action);
            x.set("detail", a.detail);
            x.set("has_detail", !a.detail.empty());
            log.push_back(x);
        }
        d.set("show_log", true);
        d.set("log", log);
    } else {
        d.set("show_log", false);
    }
    if (errors) errors->into(d);
    return d;
}

Response render_case(Site& site, const Request& req, Database& db, const CaseView& v,
                     const Request* posted = nullptr, const FormErrors* errors = nullptr) {
    Data d = case_data(site, db, v, posted, errors);
    std::string title = "ASB Case Review " + v.c.reference;
    bool failed = errors && errors->any();
    return site.page(req, "case_review_case", failed ? "Error: " + title : title, d,
                     failed ? 400 : 200);
}

Response case_page(Site& site, const Request& req, int64_t id) {
    if (auto no = site.require(req, may_see_case_dashboards(site.role()), "see ASB case reviews"))
        return *no;
    auto db = site.database();
    auto c = store::load_case(*db, id, site.role());
    if (!c) return site.not_found(req, fmt::format("There is no ASB case review {}.", id));
    store::log_case_access(*db, id, site.actor(), "viewed");
    return uncached(render_case(site, req, *db, load_view(*db, std::move(*c))));
}

// ---- changes: load, change, validate, save with the logs, back to the case ----

// One step's change. `fields` are the ids of its form's fields: an error the case's rules name
// goes beside the field of that name, or else beside the first.
struct Step {
    std::string audit;   // "threshold" -> audit action "asb_case.threshold"
    std::string action;  // the access log's words: "recorded the threshold decision"
    std::string anchor;  // the section to go back to
    std::vector<std::string> fields;
};

// Makes the change on the loaded case; adds to `errors` what is wrong with the form, and to
// `detail` what the access log says beyond the action (never personal data).
using Change = std::function<void(CaseView& v, FormErrors& errors, std::string& detail)>;
using Write = std::function<void(Database& db, const AsbCase& c)>;

void save(Database& db, const AsbCase& c) {
    store::save_case(db, c);
}

Response change_case(Site& site, const Request& req, int64_t id, const Step& step,
                     const Change& change, const Write& write = save) {
    auto db = site.database();
    auto loaded = store::load_case(*db, id, site.role());
    if (!loaded) return site.not_found(req, fmt::format("There is no ASB case review {}.", id));
    CaseView v = load_view(*db, std::move(*loaded));
    const AsbCase stored = v.c;  // what a refused form is shown over
    FormErrors errors;
    auto where = [&](const std::string& member) {
        std::string fid = field_id(member);
        for (const auto& f : step.fields)
            if (f == fid) return f;
        return step.fields.empty() ? std::string("case") : step.fields.front();
    };
    if (v.c.anonymised_on)
        errors.add(where(""), "The case was anonymised on " + long_name(*v.c.anonymised_on) +
                                  ": it cannot be changed");
    else if (v.c.closed_on)
        errors.add(where(""), "The case was closed on " + long_name(*v.c.closed_on) +
                                  ": it cannot be changed");
    std::string detail;
    if (!errors.any()) change(v, errors, detail);
    if (!errors.any()) {
        try {
            validate(v.c);
        } catch (const CaseInvalid& e) {
            errors.add(where(e.field), capitalised(e.problem));
        }
    }
    if (!errors.any()) {
        try {
            store::Transaction tx(*db);
            write(*db, v.c);
            store::log_case_access(*db, id, site.actor(), step.action, detail);
            store::audit(*db, site.actor(), "asb_case." + step.audit,
                         v.c.reference + ": " + step.action);
            tx.commit();
        } catch (const CaseInvalid& e) {
            errors.add(where(e.field), capitalised(e.problem));
        } catch (const std::invalid_argument& e) {
            errors.add(where(""), capitalised(e.what()));
        }
    }
    if (errors.any()) {
        // The form comes back as it was posted, over the case as it is stored: a view of the
        // case, logged as the case page's are.
        v.c = stored;
        store::log_case_access(
            *db, id, site.actor(), "viewed",
            fmt::format("the {} form, sent back with its errors (nothing changed)", step.audit));
        return uncached(render_case(site, req, *db, v, &req, &errors));
    }
    return Response::redirect(case_url(id) + "#" + step.anchor);
}

// A date from the form: empty gives nothing (an error when required); a bad one is an error.
std::optional<CalendarDate> read_date(const Request& req, const std::string& name,
                                      const std::string& what, bool required, FormErrors& errors) {
    std::string text = trimmed(req.form_value(name));
    if (text.empty()) {
        if (required) errors.add(field_id(name), "Enter " + what + " as YYYY-MM-DD");
        return std::nullopt;
    }
    auto d = parse_date(text);
    if (!d) errors.add(field_id(name), capitalised(what) + " must be a date as YYYY-MM-DD");
    return d;
}

std::optional<int64_t> read_agency(const Request& req, const std::string& name, const CaseView& v,
                                   const std::string& what, FormErrors& errors) {
    auto id = parse_id(req.form_value(name));
    if (id && v.agency_names.count(*id)) return id;
    errors.add(field_id(name), "Choose " + what);
    return std::nullopt;
}

Response send_letter(Site& site, const Request& req, int64_t id) {
    auto kind = parse_letter_kind(req.form_value("kind"));
    std::string prefix = !kind                                              ? "a"
                         : *kind == LetterKind::a                           ? "a"
                         : *kind == LetterKind::d || *kind == LetterKind::e ? "ol"
                                                                            : "tl";
    Step step{"letter",
              "sent a letter",
              prefix == "a"    ? "acknowledgement"
              : prefix == "tl" ? "threshold"
                               : "outcome-letter",
              {field_id(prefix + "_dated"), field_id(prefix + "_signer_agency"),
               field_id(prefix + "_signer_name"), field_id(prefix + "_signer_title")}};
    if (kind) step.action = fmt::format("sent {}", label(*kind));
    CalendarDate today = site.today();
    return change_case(
        site, req, id, step,
        [&](CaseView& v, FormErrors& errors, std::string& detail) {
            AsbCase& c = v.c;
            if (!kind) {
                errors.add(step.fields[0], "Choose the letter to send");
                return;
            }
            std::optional<LetterKind> expected;
            if (*kind == LetterKind::a)
                expected = LetterKind::a;
            else if (prefix == "tl")
                expected = threshold_letter_kind(c.threshold);
            else
                expected = outcome_letter_kind(c.panel_outcome);
            if (!expected) {
                errors.add(step.fields[0], prefix == "tl"
                                               ? "Record the threshold decision before its letter"
                                               : "Record the panel's outcome before its letter");
                return;
            }
            if (*expected != *kind) {
                errors.add(step.fields[0], fmt::format("The case calls for {}, not {}",
                                                       label(*expected), label(*kind)));
                return;
            }
            if (const CaseLetter* sent = letter_of(c, *kind)) {
                errors.add(step.fields[0],
                           fmt::format("{} was sent on {}", label(*kind), long_name(sent->dated)));
                return;
            }
            auto dated = read_date(req, prefix + "_dated", "the date of the letter", false, errors);
            LetterContext ctx;
            ctx.dated = dated.value_or(today);
            ctx.contact = v.contact;
            ctx.agency_names = v.agency_names;
            ctx.clocks = v.settings.clocks;
            ctx.holidays = v.holidays;
            if (*kind == LetterKind::a) {
                if (!v.has_contact) {
                    errors.add(step.fields[0],
                               "No single point of contact is recorded for " +
                                   v.district_name(c.district_code) +
                                   ": an administrator adds the district's contact details first");
                    return;
                }
                ctx.signer.name = v.contact.spoc_name;
                ctx.signer.title = v.contact.spoc_title;
                ctx.signer.organisation = v.contact.council_name;
                if (const Agency* council = v.district_council())
                    ctx.signer.agency_id = council->id;
            } else {
                auto agency =
                    read_agency(req, prefix + "_signer_agency", v,
                                "the organisation the letter is signed on behalf of", errors);
                ctx.signer.name = trimmed(req.form_value(prefix + "_signer_name"));
                ctx.signer.title = trimmed(req.form_value(prefix + "_signer_title"));
                if (ctx.signer.name.empty())
                    errors.add(field_id(prefix + "_signer_name"), "Enter the signer's name");
                if (ctx.signer.title.empty())
                    errors.add(field_id(prefix + "_signer_title"), "Enter the signer's title");
                if (agency) {
                    ctx.signer.agency_id = *agency;
                    ctx.signer.organisation = v.agency_name(agency);
                    if (auto problem =
                            signer_problem(c, *kind, *agency, v.agency_name(c.lead_agency_id)))
                        errors.add(field_id(prefix + "_signer_agency"), capitalised(*problem));
                }
            }
            if (errors.any()) return;
            try {
                c.letters.push_back(compose_letter(c, *kind, ctx));
            } catch (const std::invalid_argument& e) {
                errors.add(step.fields[0], capitalised(e.what()));
                return;
            }
            detail = fmt::format("{} dated {}", label(*kind), to_string(ctx.dated));
        },
        [id](Database& db, const AsbCase& c) { store::add_case_letter(db, id, c.letters.back()); });
}

Response record_threshold(Site& site, const Request& req, int64_t id) {
    Step step{"threshold",
              "recorded the threshold decision",
              "threshold",
              {"threshold-outcome", "review-grounds", "threshold-reasons"}};
    return change_case(
        site, req, id, step, [&](CaseView& v, FormErrors& errors, std::string& detail) {
            AsbCase& c = v.c;
            if (const CaseLetter* sent = threshold_letter(c)) {
                errors.add("threshold-outcome",
                           fmt::format("The decision was sent in {} on {}: it cannot be "
                                       "changed",
                                       label(sent->kind), long_name(sent->dated)));
                return;
            }
            auto outcome = parse_threshold_outcome(req.form_value("threshold_outcome"));
            if (!outcome || *outcome == ThresholdOutcome::undecided) {
                errors.add("threshold-outcome", "Choose the outcome of the threshold decision");
                return;
            }
            std::set<ReviewGround> grounds;
            for (ReviewGround g : {ReviewGround::persistence, ReviewGround::harm,
                                   ReviewGround::adequacy_of_response})
                if (req.form.count(std::string("ground_") + to_string(g))) grounds.insert(g);
            std::string reasons = trimmed(req.form_value("threshold_reasons"));
            try {
                ThresholdDecision assessed =
                    assess_threshold(c.received, c.complaints, v.settings.threshold);
                if (*outcome == ThresholdOutcome::met && !assessed.threshold_met)
                    errors.add("threshold-outcome",
                               "The complaints do not meet the threshold (" + assessed.rule +
                                   "): choose not met, or a review below the threshold");
                if (*outcome != ThresholdOutcome::met && assessed.threshold_met)
                    errors.add("threshold-outcome", "The complaints meet the threshold (" +
                                                        assessed.rule + "): the review is held");
            } catch (const std::invalid_argument& e) {
                errors.add("threshold-outcome", capitalised(e.what()));
            }
            if (*outcome == ThresholdOutcome::review_below_threshold && grounds.empty())
                errors.add("review-grounds",
                           "Choose at least one ground for a review below the threshold");
            if (*outcome != ThresholdOutcome::met && reasons.empty())
                errors.add("threshold-reasons",
                           *outcome == ThresholdOutcome::not_met
                               ? "Enter the reasons the threshold is not met: letter B gives them"
                               : "Enter why a review is triggered below the threshold");
            if (*outcome != ThresholdOutcome::review_below_threshold) grounds.clear();
            c.threshold = *outcome;
            c.review_grounds = grounds;
            c.threshold_reasons = reasons;
            detail = label(*outcome);
        });
}

Response record_lead_agency(Site& site, const Request& req, int64_t id) {
    Step step{"lead_agency",
              "appointed the lead agency",
              "lead-agency",
              {"lead-agency-id", "lead-agency-independence", "lead-agency-appointed-on"}};
    return change_case(
        site, req, id, step, [&](CaseView& v, FormErrors& errors, std::string& detail) {
            AsbCase& c = v.c;
            if (!review_held(c)) {
                errors.add("lead-agency-id",
                           "A lead agency is appointed only when a review is held");
                return;
            }
            auto agency = read_agency(req, "lead_agency_id", v, "the lead agency", errors);
            std::string note = trimmed(req.form_value("lead_agency_independence"));
            if (note.empty())
                errors.add("lead-agency-independence",
                           "Enter why this agency leads and its independence from previous "
                           "operational case management");
            auto on = read_date(req, "lead_agency_appointed_on", "the date it was appointed", true,
                                errors);
            if (errors.any()) return;
            c.lead_agency_id = agency;
            c.lead_agency_independence = note;
            c.lead_agency_appointed_on = on;
            detail = v.agency_name(agency);
        });
}

Response record_information(Site& site, const Request& req, int64_t id) {
    Step step{"information",
              "recorded the information requests",
              "lead-agency",
              {"information-requested-on", "information-agencies"}};
    return change_case(
        site, req, id, step, [&](CaseView& v, FormErrors& errors, std::string& detail) {
            AsbCase& c = v.c;
            auto on = read_date(req, "information_requested_on",
                                "the date the information was requested", true, errors);
            std::vector<InformationReturn> returns;
            for (const auto& a : v.agencies) {
                std::string key = std::to_string(a.id);
                std::string returned_name = "info_returned_" + key;
                bool asked = req.form.count("info_agency_" + key) > 0;
                auto returned = read_date(req, returned_name, "the date " + a.name + " returned it",
                                          false, errors);
                if (!asked && !returned) continue;
                returns.push_back(InformationReturn{a.id, returned});
            }
            if (returns.empty()) errors.add("information-agencies", "Choose the agencies asked");
            if (errors.any()) return;
            c.information_requested_on = on;
            c.information_returns = returns;
            int in = 0;
            for (const auto& r : returns)
                if (r.returned_on) ++in;
            detail = fmt::format("{} agencies asked, {} returned", returns.size(), in);
        });
}

Response record_initial_review(Site& site, const Request& req, int64_t id) {
    Step step{"initial_review",
              "recorded the initial review",
              "initial-review",
              {"initial-review-received-on"}};
    return change_case(site, req, id, step, [&](CaseView& v, FormErrors& errors, std::string&) {
        auto on =
            read_date(req, "initial_review_received_on", "the date it was received", true, errors);
        if (on) v.c.initial_review_received_on = on;
    });
}

Response record_panel(Site& site, const Request& req, int64_t id) {
    Step step{"panel", "recorded the panel", "panel", {"panel-date", "panel-agencies"}};
    return change_case(
        site, req, id, step, [&](CaseView& v, FormErrors& errors, std::string& detail) {
            auto on = read_date(req, "panel_date", "the date of the panel meeting", true, errors);
            std::vector<int64_t> ids;
            for (const auto& a : v.agencies)
                if (req.form.count("panel_agency_" + std::to_string(a.id))) ids.push_back(a.id);
            if (ids.empty()) errors.add("panel-agencies", "Choose the agencies on the panel");
            if (errors.any()) return;
            v.c.panel_date = on;
            v.c.panel_agency_ids = ids;
            detail = fmt::format("panel on {}, {} agencies", to_string(*on), ids.size());
        });
}

Response assign_peer_reviewer(Site& site, const Request& req, int64_t id) {
    Step step{"peer_reviewer", "assigned the peer reviewer", "panel", {"peer-reviewer"}};
    std::optional<PeerReviewer> next;
    return change_case(
        site, req, id, step, [&](CaseView& v, FormErrors& errors, std::string& detail) {
            if (v.c.peer_reviewer_id) {
                errors.add("peer-reviewer", "A peer reviewer is already assigned to this case");
                return;
            }
            if (!review_held(v.c)) {
                errors.add("peer-reviewer",
                           "A peer reviewer is assigned only when a review is held");
                return;
            }
            next = next_peer_reviewer(v.rota, v.c.district_code);
            if (!next) {
                errors.add("peer-reviewer",
                           "No active reviewer from another council is on the rota");
                return;
            }
            v.c.peer_reviewer_id = next->id;
            detail = next->name + ", " + next->council;
        });
}

Response record_outcome(Site& site, const Request& req, int64_t id) {
    Step step{
        "outcome", "recorded the panel's outcome", "outcome", {"panel-outcome", "panel-findings"}};
    return change_case(site, req, id, step,
                       [&](CaseView& v, FormErrors& errors, std::string& detail) {
                           if (const CaseLetter* sent = outcome_letter(v.c)) {
                               errors.add("panel-outcome",
                                          fmt::format("The outcome was sent in {} on {}: it cannot "
                                                      "be changed",
                                                      label(sent->kind), long_name(sent->dated)));
                               return;
                           }
                           auto outcome = parse_panel_outcome(req.form_value("panel_outcome"));
                           if (!outcome || *outcome == PanelOutcome::undecided) {
                               errors.add("panel-outcome", "Choose the panel's outcome");
                               return;
                           }
                           v.c.panel_outcome = *outcome;
                           v.c.panel_findings = trimmed(req.form_value("panel_findings"));
                           detail = label(*outcome);
                       });
}

Response add_action(Site& site, const Request& req, int64_t id) {
    Step step{"action",
              "added an action to the plan",
              "outcome",
              {"action-text", "action-owner", "action-due"}};
    return change_case(
        site, req, id, step, [&](CaseView& v, FormErrors& errors, std::string& detail) {
            if (v.c.panel_outcome != PanelOutcome::action_plan) {
                errors.add("action-text", "Record the panel's outcome as an action plan first");
                return;
            }
            CaseAction a;
            a.action = trimmed(req.form_value("action_text"));
            if (a.action.empty()) errors.add("action-text", "Enter the action");
            auto owner =
                read_agency(req, "action_owner", v, "the agency that owns the action", errors);
            auto due = read_date(req, "action_due", "the date it is due", true, errors);
            if (errors.any()) return;
            a.owner_agency_id = *owner;
            a.due = *due;
            v.c.actions.push_back(a);
            detail = fmt::format("owner {}, due {}", v.agency_name(owner), to_string(*due));
        });
}

Response complete_action(Site& site, const Request& req, int64_t id, int64_t action_id) {
    std::string name = fmt::format("action_{}_completed_on", action_id);
    Step step{"action_complete", "marked an action complete", "actions", {field_id(name)}};
    return change_case(
        site, req, id, step, [&](CaseView& v, FormErrors& errors, std::string& detail) {
            CaseAction* a = nullptr;
            for (auto& x : v.c.actions)
                if (x.id == action_id) a = &x;
            if (!a) {
                errors.add(field_id(name),
                           fmt::format("There is no action {} on this case", action_id));
                return;
            }
            auto on = read_date(req, name, "the date it was completed", true, errors);
            if (errors.any()) return;
            a->completed_on = on;
            detail = fmt::format("action {} on {}", action_id, to_string(*on));
        });
}

Response record_longer_review(Site& site, const Request& req, int64_t id) {
    Step step{"longer_review",
              "recorded the applicant told of a longer review",
              "outcome-letter",
              {"longer-review-notified-on"}};
    return change_case(site, req, id, step, [&](CaseView& v, FormErrors& errors, std::string&) {
        auto on = read_date(req, "longer_review_notified_on", "the date the applicant was told",
                            true, errors);
        if (on) v.c.longer_review_notified_on = on;
    });
}

Response record_appeal(Site& site, const Request& req, int64_t id) {
    Step step{"appeal",
              "recorded an appeal",
              "appeal",
              {"appeal-lodged-on", "appeal-against", "appeal-grounds"}};
    return change_case(
        site, req, id, step, [&](CaseView& v, FormErrors& errors, std::string& detail) {
            AsbCase& c = v.c;
            if (c.appeal) {
                errors.add("appeal-lodged-on", "An appeal is already recorded on this case");
                return;
            }
            const CaseLetter* against_letter = appealable_letter(c);
            if (!against_letter) {
                errors.add("appeal-lodged-on", "There is no letter B, D or E to appeal against");
                return;
            }
            Appeal a;
            auto on =
                read_date(req, "appeal_lodged_on", "the date the appeal was lodged", true, errors);
            auto against = parse_appeal_against(req.form_value("appeal_against"));
            if (!against) errors.add("appeal-against", "Choose what the appeal is against");
            a.grounds = trimmed(req.form_value("appeal_grounds"));
            if (a.grounds.empty()) errors.add("appeal-grounds", "Enter the grounds of the appeal");
            if (on) {
                if (auto window = v.clock(CaseClock::appeal); window && *on > window->deadline.due)
                    errors.add(
                        "appeal-lodged-on",
                        fmt::format("The appeal is out of time: the last day to appeal against "
                                    "{} of {} was {} ({})",
                                    label(against_letter->kind), long_name(against_letter->dated),
                                    long_name(window->deadline.due), workings(window->deadline)));
                if (*on < against_letter->dated)
                    errors.add(
                        "appeal-lodged-on",
                        fmt::format("The appeal cannot be lodged before {} of {}",
                                    label(against_letter->kind), long_name(against_letter->dated)));
            }
            if (errors.any()) return;
            a.lodged_on = *on;
            a.against = *against;
            c.appeal = a;
            detail = fmt::format("against {}, lodged {}", label(*against), to_string(*on));
        });
}

// The appeal's later steps: each needs the appeal recorded first.
Response change_appeal(
    Site& site, const Request& req, int64_t id, const Step& step,
    const std::function<void(CaseView&, Appeal&, FormErrors&, std::string&)>& f) {
    return change_case(site, req, id, step,
                       [&](CaseView& v, FormErrors& errors, std::string& detail) {
                           if (!v.c.appeal) {
                               errors.add(step.fields.front(), "Record the appeal first");
                               return;
                           }
                           f(v, *v.c.appeal, errors, detail);
                       });
}

Response record_appeal_escalation(Site& site, const Request& req, int64_t id) {
    Step step{"appeal_escalation",
              "recorded the appeal escalated to the OPT inspector",
              "appeal",
              {"appeal-escalated-on", "appeal-inspector"}};
    return change_appeal(
        site, req, id, step, [&](CaseView&, Appeal& a, FormErrors& errors, std::string& detail) {
            auto on =
                read_date(req, "appeal_escalated_on", "the date it was escalated", true, errors);
            std::string who = trimmed(req.form_value("appeal_inspector"));
            if (who.empty()) errors.add("appeal-inspector", "Enter the OPT inspector's name");
            if (errors.any()) return;
            a.escalated_on = on;
            a.inspector = who;
            detail = "escalated " + to_string(*on);
        });
}

Response record_appeal_referral(Site& site, const Request& req, int64_t id) {
    Step step{"appeal_referral",
              "recorded the appeal referred to another district",
              "appeal",
              {"appeal-referred-to", "appeal-referred-on"}};
    return change_appeal(
        site, req, id, step, [&](CaseView& v, Appeal& a, FormErrors& errors, std::string& detail) {
            std::string code = trimmed(req.form_value("appeal_referred_to"));
            bool known = false;
            for (const auto& k : v.contacts)
                if (k.district_code == code) known = true;
            if (code.empty() || !known)
                errors.add("appeal-referred-to",
                           "Choose the district team the appeal is referred to");
            else if (code == v.c.district_code)
                errors.add("appeal-referred-to",
                           "The appeal must be referred to another district's team for an "
                           "independent review, not " +
                               v.district_name(code) + "'s own");
            auto on =
                read_date(req, "appeal_referred_on", "the date it was referred", true, errors);
            if (errors.any()) return;
            a.referred_to_district_code = code;
            a.referred_on = on;
            detail = "referred to " + v.district_name(code);
        });
}

Response record_appeal_decision(Site& site, const Request& req, int64_t id) {
    Step step{"appeal_decision",
              "recorded the appeal's decision",
              "appeal",
              {"appeal-outcome", "appeal-decided-on", "appeal-decision-notes"}};
    return change_appeal(
        site, req, id, step, [&](CaseView&, Appeal& a, FormErrors& errors, std::string& detail) {
            auto outcome = parse_appeal_outcome(req.form_value("appeal_outcome"));
            if (!outcome || *outcome == AppealOutcome::undecided)
                errors.add("appeal-outcome", "Choose the appeal's decision");
            auto on = read_date(req, "appeal_decided_on", "the date it was decided", true, errors);
            if (errors.any()) return;
            a.outcome = *outcome;
            a.decided_on = on;
            a.decision_notes = trimmed(req.form_value("appeal_decision_notes"));
            detail = label(*outcome);
        });
}

Response record_appeal_pcc(Site& site, const Request& req, int64_t id) {
    Step step{
        "appeal_pcc", "recorded the PCC's office notified", "appeal", {"appeal-pcc-notified-on"}};
    return change_appeal(
        site, req, id, step, [&](CaseView&, Appeal& a, FormErrors& errors, std::string& detail) {
            auto on = read_date(req, "appeal_pcc_notified_on",
                                "the date the PCC's office was notified", true, errors);
            if (errors.any()) return;
            a.pcc_notified_on = on;
            detail = "notified " + to_string(*on);
        });
}

Response close_case(Site& site, const Request& req, int64_t id) {
    Step step{"close", "closed the case", "close", {"closed-on"}};
    return change_case(
        site, req, id, step, [&](CaseView& v, FormErrors& errors, std::string& detail) {
            auto on = read_date(req, "closed_on", "the date the case closed", true, errors);
            if (errors.any()) return;
            v.c.closed_on = on;
            detail = to_string(*on);
        });
}

// ---- the letters ----

Response letter_page(Site& site, const Request& req, int64_t id, const std::string& which) {
    if (auto no = site.require(req, may_see_case_personal_data(site.role()),
                               "read the letters of ASB case reviews"))
        return *no;
    auto ends_with = [&](const char* ext) {
        std::string e(ext);
        return which.size() > e.size() && which.compare(which.size() - e.size(), e.size(), e) == 0;
    };
    bool pdf = ends_with(".pdf"), docx = ends_with(".docx");
    auto letter_id = parse_id(pdf    ? which.substr(0, which.size() - 4)
                              : docx ? which.substr(0, which.size() - 5)
                                     : which);
    if (!letter_id) return site.not_found(req, "There is no such letter.");
    auto db = site.database();
    auto c = store::load_case(*db, id, site.role());
    if (!c) return site.not_found(req, fmt::format("There is no ASB case review {}.", id));
    const CaseLetter* letter = nullptr;
    for (const auto& l : c->letters)
        if (l.id == *letter_id) letter = &l;
    if (!letter)
        return site.not_found(req,
                              fmt::format("Case {} has no letter {}.", c->reference, *letter_id));
    CaseReviewContact contact;
    if (auto k = store::load_case_review_contact(*db, c->district_code)) contact = *k;
    store::log_case_access(*db, id, site.actor(),
                           fmt::format("viewed {}{}", label(letter->kind),
                                       pdf    ? " (PDF)"
                                       : docx ? " (DOCX)"
                                              : ""));
    if (docx) {
        // For the case worker to edit before sending (docx_writer.hpp).
        std::string name = case_letter_file_name(*letter, c->reference);
        name = name.substr(0, name.rfind('.')) + ".docx";
        Response r;
        r.content_type = report::content_type(report::ReportFormat::docx);
        r.body = render_docx(case_letter_document(*letter, c->reference, contact));
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
        return uncached(std::move(r));
    }
    if (pdf) {
        Response r;
        r.content_type = "application/pdf";
        r.body = render_pdf(case_letter_document(*letter, c->reference, contact));
        r.headers.emplace_back(
            "Content-Disposition",
            "inline; filename=\"" + case_letter_file_name(*letter, c->reference) + "\"");
        return uncached(std::move(r));
    }
    CaseLetterParts p = case_letter_parts(*letter, c->reference, contact);
    auto lines = [](const std::vector<std::string>& v) {
        Data l = list();
        for (const auto& s : v) {
            Data x = object();
            x.set("text", s);
            l.push_back(x);
        }
        return l;
    };
    Data d = object();
    d.set("case_url", case_url(id));
    d.set("reference", c->reference);
    d.set("title", case_letter_title(*letter));
    d.set("pdf_url", fmt::format("{}/letters/{}.pdf", case_url(id), letter->id));
    d.set("docx_url", fmt::format("{}/letters/{}.docx", case_url(id), letter->id));
    d.set("sender", lines(p.sender));
    d.set("has_sender", !p.sender.empty());
    d.set("reference_line", p.reference);
    d.set("addressee", lines(p.addressee));
    d.set("date", p.date);
    d.set("salutation", letter->salutation);
    d.set("heading", p.heading);
    // Paragraphs, with runs of bullets as lists.
    Data blocks = list();
    Data bullets = list();
    auto flush = [&] {
        if (bullets.is_empty_list()) return;
        Data b = object();
        b.set("is_list", true);
        b.set("items", bullets);
        blocks.push_back(b);
        bullets = list();
    };
    for (const auto& b : letter->body) {
        if (b.kind == LetterBlock::Kind::bullet) {
            Data x = object();
            x.set("text", b.text);
            bullets.push_back(x);
            continue;
        }
        flush();
        Data x = object();
        x.set("is_list", false);
        x.set("text", b.text);
        blocks.push_back(x);
    }
    flush();
    d.set("blocks", blocks);
    d.set("closing", p.closing);
    d.set("signature", lines(p.signature));
    return uncached(site.page(req, "case_review_letter",
                              fmt::format("{} – {}", case_letter_title(*letter), c->reference), d));
}

}  // namespace

std::optional<Response> case_review_pages(Site& site, const Request& req) {
    auto seg = path_segments(req.path);
    if (seg.size() < 3 || seg.size() > 5 || seg[0] != "asb" || seg[1] != "cases")
        return std::nullopt;
    auto id = parse_id(seg[2]);
    if (!id) return std::nullopt;  // /asb/cases/new and the like are the intake pages'
    std::string sub = seg.size() > 3 ? seg[3] : "";

    if (req.method == "GET" || req.method == "HEAD") {
        if (seg.size() == 3) return case_page(site, req, *id);
        if (seg.size() == 5 && sub == "letters") return letter_page(site, req, *id, seg[4]);
        return std::nullopt;
    }
    if (req.method != "POST" || seg.size() < 4) return std::nullopt;
    using Handler = Response (*)(Site&, const Request&, int64_t);
    static const std::map<std::string, Handler> kSteps = {
        {"letters", send_letter},
        {"threshold", record_threshold},
        {"lead-agency", record_lead_agency},
        {"information", record_information},
        {"initial-review", record_initial_review},
        {"panel", record_panel},
        {"peer-reviewer", assign_peer_reviewer},
        {"outcome", record_outcome},
        {"actions", add_action},
        {"longer-review", record_longer_review},
        {"appeal", record_appeal},
        {"appeal-escalation", record_appeal_escalation},
        {"appeal-referral", record_appeal_referral},
        {"appeal-decision", record_appeal_decision},
        {"appeal-pcc", record_appeal_pcc},
        {"close", close_case},
    };
    std::optional<int64_t> action_id;
    if (seg.size() == 5) {
        if (sub != "actions") return std::nullopt;
        action_id = parse_id(seg[4]);
        if (!action_id) return std::nullopt;
    }
    auto step = kSteps.find(sub);
    if (step == kSteps.end()) return std::nullopt;
    if (auto no = site.require(req, may_work_cases(site.role()), "work on ASB case reviews"))
        return *no;
    if (action_id) return complete_action(site, req, *id, *action_id);
    return step->second(site, req, *id);
}

}  // namespace scrutineer::web
