#include "scrutineer/case_review_intake_pages.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <set>
#include <stdexcept>

#include "scrutineer/asb_case.hpp"
#include "scrutineer/asb_figures_document.hpp"
#include "scrutineer/bank_holiday_store.hpp"
#include "scrutineer/case_review_clock.hpp"
#include "scrutineer/case_review_settings.hpp"
#include "scrutineer/case_review_statistics.hpp"
#include "scrutineer/case_review_store.hpp"
#include "scrutineer/csv_field.hpp"
#include "scrutineer/form_text.hpp"
#include "scrutineer/meeting_document_pages.hpp"  // document_response
#include "scrutineer/peer_review_rota.hpp"
#include "scrutineer/performance_report.hpp"  // ReportUnavailable
#include "scrutineer/qualifying_complaint.hpp"
#include "scrutineer/rate_limit_store.hpp"
#include "scrutineer/user_store.hpp"
#include "scrutineer/within_a_year.hpp"  // add_days
#include "scrutineer/working_day_clock.hpp"

namespace scrutineer::web {
namespace {

// The county the districts add up to (the statistics' county row), as the figures' documents
// have it (asb_figures_document.hpp).
const AreaName& kCounty = report::case_review_county();
// The Act's case reviews began on 20 October 2014: no application was received before it.
constexpr CalendarDate kCaseReviewsBegan = CalendarDate::of(2014, 10, 20);
// The form starts with three incident rows; "Add another incident" adds one, up to the limit.
constexpr int kStartIncidentRows = 3;
constexpr int kMaxIncidentRows = 50;
// The public form takes at most 5 applications from one address in an hour, counted in the
// store so that every server on it counts together; staff entry is not limited.
constexpr int kApplicationsPerAddress = 5;
constexpr std::chrono::hours kApplicationWindow{1};
// The channels staff enter an application for (the web form is the public's own).
constexpr ApplicationChannel kStaffChannels[] = {
    ApplicationChannel::telephone, ApplicationChannel::letter, ApplicationChannel::email,
    ApplicationChannel::reception};

// The Monday of the Monday-to-Sunday week `d` is in.
CalendarDate monday_of(CalendarDate d) {
    std::chrono::weekday w{std::chrono::sys_days{d.ymd}};
    return add_days(d, -static_cast<int>(w.iso_encoding() - 1));
}

std::string key_of(std::string field) {
    for (char& c : field)
        if (c == '-') c = '_';
    return field;
}

bool all_digits(const std::string& s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

// ---- the application form: one parser and one partial for the public and for staff ----

// A GOV.UK date input: `<name>-day`, `<name>-month` and `<name>-year`.
struct DateInput {
    std::string day, month, year;
    bool blank() const { return day.empty() && month.empty() && year.empty(); }
};

DateInput date_input(const Request& req, const std::string& name) {
    return {trimmed(req.form_value(name + "-day")), trimmed(req.form_value(name + "-month")),
            trimmed(req.form_value(name + "-year"))};
}

// The date the three boxes make, or nothing when they do not make a real date.
std::optional<CalendarDate> date_of(const DateInput& in) {
    if (!all_digits(in.day) || !all_digits(in.month) || !all_digits(in.year)) return std::nullopt;
    if (in.day.size() > 2 || in.month.size() > 2 || in.year.size() != 4) return std::nullopt;
    return parse_date(
        fmt::format("{}-{:0>2}-{:0>2}", in.year, std::string(in.month), std::string(in.day)));
}

// The number of incident rows the form shows: what it last showed (one more after "Add another
// incident"), three to start with.
int incident_rows(const Request& req) {
    std::string text = trimmed(req.form_value("incidents"));
    int rows = kStartIncidentRows;
    if (all_digits(text) && text.size() <= 3) rows = std::stoi(text);
    if (req.form_value("action") == "add_incident") ++rows;
    return std::clamp(rows, 1, kMaxIncidentRows);
}

bool looks_like_email(const std::string& s) {
    auto at = s.find('@');
    return at != std::string::npos && at > 0 && at + 1 < s.size() &&
           s.find('@', at + 1) == std::string::npos && s.find(' ') == std::string::npos;
}

// What the parser found, with the form row each complaint came from.
struct ParsedApplication {
    AsbCase c;
    std::vector<int> complaint_rows;
};

// The form field a domain rule's complaint names ("complaints[2]", "victim_consent", ...).
std::string form_field_of(const std::string& field, const std::vector<int>& complaint_rows,
                          bool staff) {
    if (field.rfind("complaints", 0) == 0) {
        auto open = field.find('['), close = field.find(']');
        if (open != std::string::npos && close != std::string::npos && close > open + 1) {
            std::string index = field.substr(open + 1, close - open - 1);
            if (all_digits(index) && index.size() < 4) {
                size_t i = std::stoul(index);
                if (i < complaint_rows.size())
                    return fmt::format("incident-{}-behaviour", complaint_rows[i]);
            }
        }
        return "incident-1-behaviour";
    }
    if (field.find("consent") != std::string::npos) return "applicant-consent";
    if (field.find("relationship") != std::string::npos) return "applicant-relationship";
    if (field.rfind("applicant", 0) == 0) return "applicant-name";
    if (field.rfind("victim", 0) == 0) return "victim-name";
    if (field.rfind("district", 0) == 0) return "district";
    if (field == "summary") return "summary";
    if (field == "channel" && staff) return "channel";
    if (field == "received" && staff) return "received";
    return "application";
}

// Reads the application form into a case; every problem is added to `errors` beside its field,
// in the form's order. Blank incident rows are left out.
ParsedApplication parse_application(const Request& req, bool staff, CalendarDate today,
                                    const std::vector<CaseReviewContact>& contacts,
                                    const std::string& actor, FormErrors& errors) {
    ParsedApplication out;
    AsbCase& c = out.c;
    c.received = today;
    c.channel = ApplicationChannel::web_form;
    c.entered_by = staff ? actor : "public";
    if (staff) {
        auto channel = parse_application_channel(req.form_value("channel"));
        if (!channel || *channel == ApplicationChannel::web_form)
            errors.add("channel", "Choose how the application was made");
        else
            c.channel = *channel;
        DateInput in = date_input(req, "received");
        auto received = date_of(in);
        if (in.blank())
            errors.add("received", "Enter the date the application was received");
        else if (!received)
            errors.add("received",
                       "Enter the date the application was received as a real date, for "
                       "example 27 3 2025");
        else if (*received > today)
            errors.add("received", "The date the application was received cannot be in the future");
        else if (*received < kCaseReviewsBegan)
            errors.add("received",
                       "The date the application was received cannot be before 20 October "
                       "2014, when ASB Case Reviews began");
        else
            c.received = *received;
    }

    std::string who = req.form_value("applicant-type");
    if (who == "someone_else")
        c.third_party = true;
    else if (who != "victim")
        errors.add("applicant-type",
                   staff ? "Choose whether the victim applied or someone applied for them"
                         : "Choose whether you are applying for yourself or for someone else");

    c.victim.name = trimmed(req.form_value("victim-name"));
    c.victim.address = trimmed(req.form_value("victim-address"));
    c.victim.postcode = trimmed(req.form_value("victim-postcode"));
    c.victim.phone = trimmed(req.form_value("victim-phone"));
    c.victim.email = trimmed(req.form_value("victim-email"));
    if (c.victim.name.empty())
        errors.add("victim-name",
                   "Enter the full name of the person experiencing the anti-social behaviour");
    if (c.victim.address.empty() && c.victim.phone.empty() && c.victim.email.empty())
        errors.add("victim-address",
                   "Enter an address, telephone number or email address so that the council can "
                   "reply");
    if (!c.victim.email.empty() && !looks_like_email(c.victim.email))
        errors.add("victim-email",
                   "Enter an email address in the correct format, like name@example.com");

    if (c.third_party) {
        c.applicant.name = trimmed(req.form_value("applicant-name"));
        c.applicant.phone = trimmed(req.form_value("applicant-phone"));
        c.applicant.email = trimmed(req.form_value("applicant-email"));
        c.applicant_relationship = trimmed(req.form_value("applicant-relationship"));
        c.victim_consent = req.form_value("applicant-consent") == "yes";
        if (c.applicant.name.empty())
            errors.add("applicant-name", "Enter the full name of the person applying");
        if (c.applicant.phone.empty() && c.applicant.email.empty())
            errors.add("applicant-phone",
                       "Enter a telephone number or email address for the person applying");
        if (!c.applicant.email.empty() && !looks_like_email(c.applicant.email))
            errors.add("applicant-email",
                       "Enter an email address in the correct format, like name@example.com");
        if (c.applicant_relationship.empty())
            errors.add("applicant-relationship",
                       "Enter how the person applying knows the victim, for example daughter or "
                       "ward councillor");
        if (!c.victim_consent)
            errors.add("applicant-consent",
                       "Confirm that the victim has agreed to this application being made for "
                       "them");
    }

    c.district_code = req.form_value("district");
    bool known = std::any_of(contacts.begin(), contacts.end(), [&](const CaseReviewContact& k) {
        return k.district_code == c.district_code;
    });
    if (!known) {
        c.district_code.clear();
        errors.add("district", "Choose the district where the anti-social behaviour is happening");
    }

    c.summary = trimmed(req.form_value("summary"));
    if (c.summary.empty())
        errors.add("summary", "Describe the anti-social behaviour and how it is affecting you");

    c.facts.drug_alcohol_or_mental_health = req.form_value("fact-substances") == "yes";
    c.facts.perpetrator_under_18 = req.form_value("fact-perpetrator-under-18") == "yes";
    c.facts.victim_under_18 = req.form_value("fact-victim-under-18") == "yes";

    int rows = incident_rows(req);
    for (int n = 1; n <= rows; ++n) {
        std::string prefix = fmt::format("incident-{}", n);
        DateInput behaviour = date_input(req, prefix + "-behaviour");
        DateInput reported = date_input(req, prefix + "-reported");
        std::string agency = trimmed(req.form_value(prefix + "-agency"));
        std::string reference = trimmed(req.form_value(prefix + "-reference"));
        std::string description = trimmed(req.form_value(prefix + "-description"));
        if (behaviour.blank() && reported.blank() && agency.empty() && reference.empty() &&
            description.empty())
            continue;
        std::string row = fmt::format("Incident {}: ", n);
        auto behaviour_date = date_of(behaviour);
        auto reported_date = date_of(reported);
        if (behaviour.blank())
            errors.add(prefix + "-behaviour", row + "enter the date the behaviour happened");
        else if (!behaviour_date)
            errors.add(prefix + "-behaviour",
                       row +
                           "enter the date the behaviour happened as a real date, for example "
                           "27 3 2025");
        else if (*behaviour_date > c.received)
            errors.add(prefix + "-behaviour",
                       row +
                           "the date the behaviour happened cannot be after the date of the "
                           "application");
        if (reported.blank())
            errors.add(prefix + "-reported", row + "enter the date you reported it");
        else if (!reported_date)
            errors.add(prefix + "-reported",
                       row +
                           "enter the date you reported it as a real date, for example 27 3 "
                           "2025");
        else if (*reported_date > c.received)
            errors.add(prefix + "-reported",
                       row +
                           "the date you reported it cannot be after the date of the "
                           "application");
        else if (behaviour_date && *reported_date < *behaviour_date)
            errors.add(prefix + "-reported",
                       row +
                           "the date you reported it must be the same as or after the date the "
                           "behaviour happened");
        if (agency.empty())
            errors.add(prefix + "-agency",
                       row + "enter who you reported it to, for example the police or the council");
        if (!behaviour_date || !reported_date || agency.empty()) continue;
        Complaint k;
        k.incident = std::to_string(out.complaint_rows.size() + 1);
        k.reporter = "victim";
        k.behaviour_date = *behaviour_date;
        k.reported_date = *reported_date;
        k.reported_to = agency;
        k.reference = reference;
        k.description = description;
        if (auto problem = complaint_problem(k, c.received)) {
            errors.add(prefix + "-behaviour", row + *problem);
            continue;
        }
        c.complaints.push_back(k);
        out.complaint_rows.push_back(n);
    }
    if (c.complaints.empty() && !errors.by_field.count("incident-1-behaviour") &&
        std::none_of(errors.by_field.begin(), errors.by_field.end(),
                     [](const auto& e) { return e.first.rfind("incident-", 0) == 0; }))
        errors.add("incident-1-behaviour",
                   "Enter at least one incident of anti-social behaviour that you reported");

    if (!errors.any()) {
        try {
            validate(c);
        } catch (const CaseInvalid& e) {
            errors.add(form_field_of(e.field, out.complaint_rows, staff), e.problem);
        }
    }
    return out;
}

// The fields the form sends back as they were typed.
const char* const kTextFields[] = {
    "received-day",   "received-month",  "received-year",   "victim-name",
    "victim-address", "victim-postcode", "victim-phone",    "victim-email",
    "applicant-name", "applicant-phone", "applicant-email", "applicant-relationship",
    "summary",
};

// The form as it was sent (or empty, or with today's date received for staff), with its errors.
Data application_form(const Request& req, bool staff, CalendarDate today,
                      const std::vector<CaseReviewContact>& contacts, const FormErrors& errors) {
    Data d = object();
    errors.into(d);
    d.set("staff", staff);
    d.set("action", staff ? "/asb/cases/new" : "/asb-case-review/apply");
    bool fresh = req.method != "POST";
    for (const char* f : kTextFields) d.set("value_" + key_of(f), req.form_value(f));
    if (staff && fresh) {
        d.set("value_received_day", std::to_string(today.day()));
        d.set("value_received_month", std::to_string(today.month()));
        d.set("value_received_year", std::to_string(today.year()));
    }
    Data channels = list();
    std::string channel = req.form_value("channel");
    bool first = true;
    for (ApplicationChannel ch : kStaffChannels) {
        Data e = object();
        e.set("id", first ? std::string("channel") : std::string("channel-") + to_string(ch));
        e.set("value", to_string(ch));
        e.set("label", label(ch));
        e.set("checked", channel == to_string(ch));
        channels.push_back(e);
        first = false;
    }
    d.set("channels", channels);
    std::string who = req.form_value("applicant-type");
    d.set("applicant_victim", who == "victim");
    d.set("applicant_someone_else", who == "someone_else");
    d.set("consent", req.form_value("applicant-consent") == "yes");
    d.set("fact_substances", req.form_value("fact-substances") == "yes");
    d.set("fact_perpetrator_under_18", req.form_value("fact-perpetrator-under-18") == "yes");
    d.set("fact_victim_under_18", req.form_value("fact-victim-under-18") == "yes");
    Data districts = list();
    std::string district = req.form_value("district");
    for (const auto& k : contacts)
        districts.push_back(choice(k.district_code, k.district_name, k.district_code == district));
    d.set("districts", districts);

    int rows = fresh ? kStartIncidentRows : incident_rows(req);
    d.set("incident_count", std::to_string(rows));
    d.set("may_add_incident", rows < kMaxIncidentRows);
    Data incidents = list();
    for (int n = 1; n <= rows; ++n) {
        std::string prefix = fmt::format("incident-{}", n);
        Data r = object();
        r.set("n", std::to_string(n));
        r.set("prefix", prefix);
        for (const char* f :
             {"behaviour-day", "behaviour-month", "behaviour-year", "reported-day",
              "reported-month", "reported-year", "agency", "reference", "description"})
            r.set(key_of(f), req.form_value(prefix + "-" + f));
        for (const char* f : {"behaviour", "reported", "agency", "reference", "description"}) {
            auto it = errors.by_field.find(prefix + "-" + f);
            r.set(std::string("has_error_") + f, it != errors.by_field.end());
            r.set(std::string("error_") + f, it == errors.by_field.end() ? "" : it->second);
        }
        incidents.push_back(r);
    }
    d.set("incidents", incidents);
    return d;
}

std::vector<CaseReviewContact> contacts_of(Site& site) {
    auto db = site.database();
    return store::load_case_review_contacts(*db);
}

// The public page and the staff page: the form, with its errors when it comes back (400, or
// `status`). `contacts` are the districts to choose from, read from the store when not given.
Response application_page(Site& site, const Request& req, bool staff, const FormErrors& errors = {},
                          std::optional<std::vector<CaseReviewContact>> contacts = std::nullopt,
                          int status = 0) {
    if (!contacts) contacts = contacts_of(site);
    Data d = application_form(req, staff, site.today(), *contacts, errors);
    std::string title =
        staff ? "Enter an ASB Case Review application" : "Apply for an ASB Case Review";
    if (status == 0) status = errors.any() ? 400 : 200;
    Response r = site.page(req, staff ? "case_review_intake_new" : "case_review_apply",
                           errors.any() ? "Error: " + title : title, d, status);
    // The form carries the visitor's own CSRF token (and, sent back, their personal data): it
    // is never kept for the next visitor.
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

// The public form's limit is reached for the sender's address.
struct TooManyApplications {
    std::chrono::seconds retry_after;
};

// Stores an application: the case, its access log and an audit row naming the reference only.
// A public application is one turn of its sender's address (throws TooManyApplications past the
// limit, storing nothing). Returns the case's id and reference.
std::pair<int64_t, std::string> store_application(Site& site, const AsbCase& c,
                                                  const std::string& remote) {
    auto db = site.database();
    store::Transaction tx(*db);
    if (c.channel == ApplicationChannel::web_form) {
        auto turn = store::take_rate_limited_turn(*db, "asb-case-review-application", remote,
                                                  kApplicationsPerAddress, kApplicationWindow,
                                                  std::chrono::system_clock::now());
        if (!turn.allowed) throw TooManyApplications{turn.retry_after};
    }
    int64_t id = store::create_case(*db, c);
    auto stored = store::load_case(*db, id, Role::public_user);
    std::string reference = stored ? stored->reference : std::to_string(id);
    std::string how = label(c.channel);
    store::log_case_access(*db, id, site.actor(),
                           c.channel == ApplicationChannel::web_form
                               ? "applied through the web form"
                               : "entered the application",
                           how);
    store::audit(*db, site.actor(),
                 c.channel == ApplicationChannel::web_form ? "ASB Case Review application received"
                                                           : "ASB Case Review application entered",
                 reference);
    tx.commit();
    return {id, reference};
}

// The field of the form a text problem is shown beside: a date's box at its date
// ("incident-2-behaviour-day": "incident-2-behaviour"), a field name that is not plain at the
// top of the form.
std::string form_field_of_text(const std::string& field) {
    if (field.empty()) return "application";
    for (const char* box : {"-day", "-month", "-year"}) {
        std::string_view b(box);
        if (field.size() > b.size() && field.compare(field.size() - b.size(), b.size(), b) == 0)
            return field.substr(0, field.size() - b.size());
    }
    return field;
}

// "23 minutes", "1 minute" (at least a minute).
std::string minutes_text(std::chrono::seconds wait) {
    auto minutes = std::max<int64_t>(1, (wait.count() + 59) / 60);
    return minutes == 1 ? std::string("1 minute") : fmt::format("{} minutes", minutes);
}

Response submit_application(Site& site, const Request& req, bool staff) {
    FormErrors errors;
    // Text too long, not UTF-8 or with control characters (form_text.hpp): shown beside its
    // field, with everything else typed kept (app.cpp lets this form through to show it here).
    for (const auto& problem : text_problems(req.form))
        errors.add(form_field_of_text(problem.field), problem.message);
    std::optional<std::vector<CaseReviewContact>> contacts;
    int status = 0;
    try {
        contacts = contacts_of(site);
        if (req.form_value("action") == "add_incident")
            return application_page(site, req, staff, errors, contacts);
        ParsedApplication parsed =
            parse_application(req, staff, site.today(), *contacts, site.actor(), errors);
        if (errors.any()) return application_page(site, req, staff, errors, contacts);
        try {
            auto [id, reference] = store_application(site, parsed.c, req.remote);
            if (staff) return Response::redirect(fmt::format("/asb/cases/{}", id));
            return Response::redirect(
                "/asb-case-review/apply/sent?reference=" + url_encode(reference) + "&district=" +
                url_encode(parsed.c.district_code) + "&received=" + to_string(parsed.c.received));
        } catch (const CaseInvalid& e) {
            errors.add(form_field_of(e.field, parsed.complaint_rows, staff), e.problem);
        }
    } catch (const std::invalid_argument& e) {
        errors.add("application", std::string(e.what()) + ". Nothing was saved.");
    } catch (const TooManyApplications& e) {
        errors.add("application",
                   fmt::format("You have sent {} applications from this address in the last "
                               "hour, the most this form accepts. Send this one again in {}: "
                               "your answers are kept below. Or telephone the council's single "
                               "point of contact (their numbers are on the ASB Case Review page).",
                               kApplicationsPerAddress, minutes_text(e.retry_after)));
        status = 429;
    } catch (const store::DatabaseError& e) {
        spdlog::warn("{} {}: {}", req.method, req.path, e.what());
        // A busy or failing store (an import holding it, a full disk ...): the applicant gets
        // the form back as typed, never an error page that loses it.
        errors.add("application",
                   staff ? "The application could not be saved because the database is busy or "
                           "unavailable. Nothing was lost: check the answers and save it again."
                         : "Your application could not be sent because of a problem on our "
                           "side. Nothing was lost: check your answers and send it again.");
        status = 503;
    }
    if (!contacts) {
        // The districts could not be read: the one chosen is offered again by its code.
        contacts.emplace();
        if (!req.form_value("district").empty()) {
            CaseReviewContact chosen;
            chosen.district_code = req.form_value("district");
            chosen.district_name = req.form_value("district");
            contacts->push_back(chosen);
        }
    }
    return application_page(site, req, staff, errors, contacts, status);
}

// A case reference as the store gives them: "ASB-2025-0007".
bool is_case_reference(const std::string& s) {
    if (s.size() < 13 || s.size() > 20 || s.rfind("ASB-", 0) != 0 || s[8] != '-') return false;
    return all_digits(s.substr(4, 4)) && all_digits(s.substr(9));
}

CaseReviewSettings settings_of(store::Database& db) {
    return store::load_case_review_settings(db);
}

// The confirmation: the reference and what happens next, from the link's own values (the store
// is not asked, so the page says nothing about any case but the one the link names).
Response application_sent(Site& site, const Request& req) {
    std::string reference = req.query_value("reference");
    auto received = parse_date(req.query_value("received"));
    if (!is_case_reference(reference) || !received)
        return site.not_found(req, "There is no application confirmation at this address.");
    Data d = object();
    d.set("reference", reference);
    auto db = site.database();
    auto settings = settings_of(*db);
    auto holidays = store::load_bank_holidays(*db);
    auto timeline =
        case_review_timeline(*received, std::nullopt, std::nullopt, settings.clocks, holidays);
    d.set("received", long_name(*received));
    d.set("acknowledgement_due", long_name(timeline.acknowledgement_due.due));
    d.set("acknowledgement_days", std::to_string(settings.clocks.acknowledgement));
    d.set("acknowledgement_workings", workings(timeline.acknowledgement_due));
    d.set("decision_due", long_name(timeline.threshold_decision_due.due));
    d.set("decision_days", std::to_string(settings.clocks.threshold_decision));
    d.set("decision_workings", workings(timeline.threshold_decision_due));
    d.set("review_days", std::to_string(settings.clocks.whole_review));
    auto contact = store::load_case_review_contact(*db, req.query_value("district"));
    d.set("has_contact", contact.has_value());
    if (contact) {
        d.set("council", contact->council_name);
        d.set("spoc_phone", contact->spoc_phone);
        d.set("spoc_email", contact->spoc_email);
        d.set("has_spoc_phone", !contact->spoc_phone.empty());
        d.set("has_spoc_email", !contact->spoc_email.empty());
    }
    return site.page(req, "case_review_apply_sent", "Application sent", d);
}

Data contact_rows(const std::vector<CaseReviewContact>& contacts) {
    Data rows = list();
    for (const auto& k : contacts) {
        Data r = object();
        r.set("district", k.district_name);
        r.set("council", k.council_name);
        r.set("spoc_name", k.spoc_name);
        r.set("spoc_title", k.spoc_title);
        r.set("has_spoc_title", !k.spoc_title.empty());
        r.set("has_spoc_name", !k.spoc_name.empty());
        r.set("spoc_phone", k.spoc_phone);
        r.set("has_spoc_phone", !k.spoc_phone.empty());
        r.set("spoc_email", k.spoc_email);
        r.set("has_spoc_email", !k.spoc_email.empty());
        r.set("asb_team_phone", k.asb_team_phone);
        r.set("opt_inspector", k.opt_inspector);
        rows.push_back(r);
    }
    return rows;
}

Response about_page(Site& site, const Request& req) {
    auto db = site.database();
    auto contacts = store::load_case_review_contacts(*db);
    auto settings = settings_of(*db);
    Data d = object();
    d.set("contacts", contact_rows(contacts));
    d.set("has_contacts", !contacts.empty());
    d.set("min_qualifying", std::to_string(settings.threshold.min_qualifying));
    d.set("report_within", settings.threshold.report_within_months == 1
                               ? std::string("1 month")
                               : fmt::format("{} months", settings.threshold.report_within_months));
    d.set("apply_within", settings.threshold.apply_within_months == 1
                              ? std::string("1 month")
                              : fmt::format("{} months", settings.threshold.apply_within_months));
    d.set("has_alternative", settings.threshold.alt_min_reporters.has_value());
    if (settings.threshold.alt_min_reporters)
        d.set("alt_min_reporters", std::to_string(*settings.threshold.alt_min_reporters));
    d.set("acknowledgement_days", std::to_string(settings.clocks.acknowledgement));
    d.set("decision_days", std::to_string(settings.clocks.threshold_decision));
    d.set("review_days", std::to_string(settings.clocks.whole_review));
    return site.page(req, "case_review_intake_about", "ASB Case Review (Community Trigger)", d);
}

// ---- the staff pages: dashboards, the case list, statistics, settings, agencies ----

// What every overview page reads: the cases as the viewer may see them, the districts, the
// settings and the bank holidays.
struct Overview {
    std::vector<AsbCase> cases;
    std::vector<CaseReviewContact> contacts;
    CaseReviewSettings settings;
    BankHolidays holidays;

    std::string district_name(const std::string& code) const {
        for (const auto& k : contacts)
            if (k.district_code == code) return k.district_name;
        return code;
    }
};

Overview load_overview(Site& site) {
    auto db = site.database();
    Overview o;
    o.cases = store::load_cases(*db, site.role());
    o.contacts = store::load_case_review_contacts(*db);
    o.settings = settings_of(*db);
    o.holidays = store::load_bank_holidays(*db);
    return o;
}

bool may_open_cases(Role role) {
    return may_see_case_dashboards(role);
}

// A case's reference (a link for roles that may open cases), district and, for roles that may
// see personal data, the victim's name.
Data case_cells(const AsbCase& c, const Overview& o, Role role) {
    Data r = object();
    r.set("reference", c.reference);
    r.set("has_url", may_open_cases(role));
    r.set("url", fmt::format("/asb/cases/{}", c.id));
    r.set("district", o.district_name(c.district_code));
    r.set("received", long_name(c.received));
    r.set("received_iso", to_string(c.received));
    r.set("channel", label(c.channel));
    r.set("stage", label(stage_of(c)));
    r.set("victim", may_see_case_personal_data(role) ? c.victim.name : "");
    return r;
}

// A page listing cases with their victims' names is a view of each one's personal data: each is
// logged on the case (who, when, which page), and the answer is never kept for the next request
// (a kept page would be shown without being logged).
Response listed(Site& site, Response r, const std::set<int64_t>& shown, const std::string& where) {
    if (shown.empty() || !may_see_case_personal_data(site.role())) return r;
    auto db = site.database();
    store::Transaction tx(*db);
    for (int64_t id : shown) store::log_case_access(*db, id, site.actor(), "listed " + where);
    tx.commit();
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

// "3 qualifying complaints – met" from the stored threshold settings, for triage, and the rule
// that decided in words.
std::pair<std::string, std::string> threshold_assessment(const AsbCase& c,
                                                         const ThresholdRules& rules) {
    try {
        ThresholdDecision t = assess_threshold(c.received, c.complaints, rules);
        return {fmt::format("{} qualifying complaint{} – {}", t.qualifying,
                            t.qualifying == 1 ? "" : "s", t.threshold_met ? "met" : "not met"),
                t.rule};
    } catch (const std::invalid_argument& e) {
        return {"Cannot be assessed", e.what()};
    }
}

// The district asked for in `?district=`, checked against the contacts: empty for all.
std::optional<std::string> chosen_district(const Request& req, const Overview& o) {
    std::string code = req.query_value("district");
    if (code.empty()) return std::string();
    for (const auto& k : o.contacts)
        if (k.district_code == code) return code;
    return std::nullopt;
}

Data district_choices(const Overview& o, const std::string& chosen) {
    Data out = list();
    out.push_back(choice("", "All districts", chosen.empty()));
    for (const auto& k : o.contacts)
        out.push_back(choice(k.district_code, k.district_name, k.district_code == chosen));
    return out;
}

Response dashboard(Site& site, const Request& req) {
    if (auto no = site.require(req, may_see_case_dashboards(site.role()),
                               "see the ASB case review dashboards"))
        return *no;
    Overview o = load_overview(site);
    auto district = chosen_district(req, o);
    if (!district)
        return site.not_found(req, "There is no district " + req.query_value("district") + ".");
    Role role = site.role();
    CalendarDate today = site.today();
    CalendarDate monday = monday_of(today), sunday = add_days(monday, 6);
    Data d = object();
    d.set("districts", district_choices(o, *district));
    d.set("has_district", !district->empty());
    d.set("district_name", district->empty() ? kCounty.name : o.district_name(*district));
    d.set("personal", may_see_case_personal_data(role));
    d.set("may_work_cases", may_work_cases(role));
    d.set("week", long_name(monday) + " to " + long_name(sunday));

    // Cases by stage: a row per district, a column per stage, with totals.
    Data stages = list();
    for (CaseStage s : kCaseStages) {
        Data e = object();
        e.set("label", label(s));
        stages.push_back(e);
    }
    d.set("stages", stages);
    std::map<std::string, std::map<CaseStage, int>> counts;
    std::map<CaseStage, int> totals;
    for (const auto& c : o.cases) {
        if (!district->empty() && c.district_code != *district) continue;
        CaseStage s = stage_of(c);
        ++counts[c.district_code][s];
        ++totals[s];
    }
    auto stage_row = [&](const std::string& name, const std::map<CaseStage, int>& by_stage,
                         const std::string& link) {
        Data r = object();
        r.set("name", name);
        r.set("url", link);
        r.set("has_url", !link.empty());
        Data cells = list();
        int total = 0;
        for (CaseStage s : kCaseStages) {
            auto it = by_stage.find(s);
            int n = it == by_stage.end() ? 0 : it->second;
            total += n;
            cells.push_back(Data(std::to_string(n)));
        }
        r.set("counts", cells);
        r.set("total", std::to_string(total));
        return r;
    };
    Data rows = list();
    for (const auto& k : o.contacts) {
        if (!district->empty() && k.district_code != *district) continue;
        rows.push_back(stage_row(k.district_name, counts[k.district_code],
                                 "/asb?district=" + url_encode(k.district_code)));
    }
    d.set("stage_rows", rows);
    d.set("stage_total",
          stage_row(district->empty() ? kCounty.name + std::string(" (county)") : "Total", totals,
                    ""));

    // Due this week and overdue, from every clock of every case.
    Data due = list(), overdue = list(), triage = list();
    int due_count = 0, overdue_count = 0, triage_count = 0;
    std::set<int64_t> shown;  // the cases listed, with their victims' names for some roles
    for (const auto& c : o.cases) {
        if (!district->empty() && c.district_code != *district) continue;
        for (const ClockReading& r : case_clocks(c, o.settings.clocks, o.holidays)) {
            ClockState state = state_on(r, today);
            bool this_week =
                state == ClockState::due && r.deadline.due >= monday && r.deadline.due <= sunday;
            if (!this_week && state != ClockState::overdue) continue;
            Data e = case_cells(c, o, role);
            shown.insert(c.id);
            e.set("clock", label(r.clock));
            e.set("due", long_name(r.deadline.due));
            e.set("due_iso", to_string(r.deadline.due));
            e.set("workings", workings(r.deadline));
            if (this_week) {
                due.push_back(e);
                ++due_count;
            } else {
                auto late =
                    std::chrono::sys_days{today.ymd} - std::chrono::sys_days{r.deadline.due.ymd};
                e.set("days_late",
                      fmt::format("{} day{}", late.count(), late.count() == 1 ? "" : "s"));
                overdue.push_back(e);
                ++overdue_count;
            }
        }
        CaseStage s = stage_of(c);
        if (s == CaseStage::awaiting_acknowledgement ||
            s == CaseStage::awaiting_threshold_decision) {
            Data e = case_cells(c, o, role);
            shown.insert(c.id);
            auto [assessment, rule] = threshold_assessment(c, o.settings.threshold);
            e.set("assessment", assessment);
            e.set("assessment_rule", rule);
            e.set("complaints", std::to_string(c.complaints.size()));
            triage.push_back(e);
            ++triage_count;
        }
    }
    d.set("due", due);
    d.set("has_due", due_count > 0);
    d.set("overdue", overdue);
    d.set("has_overdue", overdue_count > 0);
    d.set("triage", triage);
    d.set("has_triage", triage_count > 0);
    return listed(site, site.page(req, "case_review_intake_dashboard", "ASB case reviews", d),
                  shown, "on the dashboard");
}

Response case_list(Site& site, const Request& req) {
    if (auto no =
            site.require(req, may_see_case_dashboards(site.role()), "see the ASB case reviews"))
        return *no;
    Overview o = load_overview(site);
    auto district = chosen_district(req, o);
    if (!district)
        return site.not_found(req, "There is no district " + req.query_value("district") + ".");
    std::string stage_text = req.query_value("stage");
    std::optional<CaseStage> stage;
    if (!stage_text.empty()) {
        stage = parse_case_stage(stage_text);
        if (!stage) return site.bad_request(req, "stage", "Choose a stage from the list");
    }
    Role role = site.role();
    Data d = object();
    d.set("districts", district_choices(o, *district));
    Data stages = list();
    stages.push_back(choice("", "All stages", !stage));
    for (CaseStage s : kCaseStages) stages.push_back(choice(to_string(s), label(s), stage == s));
    d.set("stages", stages);
    d.set("personal", may_see_case_personal_data(role));
    d.set("may_work_cases", may_work_cases(role));
    Data rows = list();
    int n = 0;
    std::set<int64_t> shown;
    for (const auto& c : o.cases) {
        if (!district->empty() && c.district_code != *district) continue;
        if (stage && stage_of(c) != *stage) continue;
        Data r = case_cells(c, o, role);
        shown.insert(c.id);
        r.set("threshold", label(c.threshold));
        rows.push_back(r);
        ++n;
    }
    d.set("cases", rows);
    d.set("has_cases", n > 0);
    d.set("count", n == 1 ? std::string("1 case") : fmt::format("{} cases", n));
    return listed(site,
                  site.page(req, "case_review_intake_cases", "ASB case reviews: all cases", d),
                  shown, "in the case list");
}

// ---- statistics ----

// The clocks the statistics report timeliness for (every clock but the appeal window).
std::vector<CaseClock> timeliness_clocks() {
    std::vector<CaseClock> out;
    for (CaseClock c : kCaseClocks)
        if (c != CaseClock::appeal) out.push_back(c);
    return out;
}

struct FiguresColumn {
    const char* key;
    const char* heading;
    int CaseReviewFigures::*member;
};
const FiguresColumn kFiguresColumns[] = {
    {"applications", "Applications", &CaseReviewFigures::applications},
    {"threshold_met", "Threshold met", &CaseReviewFigures::threshold_met},
    {"threshold_not_met", "Threshold not met", &CaseReviewFigures::threshold_not_met},
    {"review_below_threshold", "Review below the threshold",
     &CaseReviewFigures::review_below_threshold},
    {"undecided", "Not yet decided", &CaseReviewFigures::undecided},
    {"reviews_held", "Reviews held", &CaseReviewFigures::reviews_held},
    {"reviews_with_recommendations", "Reviews with recommendations",
     &CaseReviewFigures::reviews_with_recommendations},
    {"appeals", "Appeals", &CaseReviewFigures::appeals},
    {"appeals_upheld", "Appeals upheld", &CaseReviewFigures::appeals_upheld},
    {"appeals_not_upheld", "Appeals not upheld", &CaseReviewFigures::appeals_not_upheld},
    {"appeals_undecided", "Appeals not yet decided", &CaseReviewFigures::appeals_undecided},
};

ClockTimeliness timeliness_of(const CaseReviewFigures& f, CaseClock clock) {
    auto it = f.timeliness.find(clock);
    return it == f.timeliness.end() ? ClockTimeliness{} : it->second;
}

// ?year=YYYY, the year a financial year starts in: false when it is not such a year.
bool year_query(const Request& req, std::optional<int>& year) {
    std::string text = req.query_value("year");
    if (text.empty()) return true;
    if (!all_digits(text) || text.size() != 4 || std::stoi(text) < 2014 || std::stoi(text) > 2999)
        return false;
    year = std::stoi(text);
    return true;
}
constexpr const char* kYearProblem =
    "Enter the year the financial year starts in, from 2014, for example 2025 for 2025-26";

// The figures as a document (asb_figures_document.hpp): /asb/statistics.{pdf,docx,xlsx,html}
// ?year=N, the whole financial year and its quarters (default: the latest year with
// applications).
Response statistics_document(Site& site, const Request& req, report::ReportFormat format) {
    if (auto no = site.require(req, may_see_case_dashboards(site.role()),
                               "see the ASB case review statistics"))
        return *no;
    report::ReportRequest request{"asb-figures", site.role(), std::nullopt, std::nullopt, nullptr};
    if (!year_query(req, request.year)) return site.bad_request(req, "year", kYearProblem);
    request.today = site.today();
    request.actor = site.actor();
    report::MadeReport made;
    try {
        auto db = site.database();
        made = report::make_report(*db, request);
    } catch (const report::ReportUnavailable& e) {
        return site.not_found(req, e.what());
    }
    return document_response(made, format);
}

Response statistics(Site& site, const Request& req, bool as_csv) {
    if (auto no = site.require(req, may_see_case_dashboards(site.role()),
                               "see the ASB case review statistics"))
        return *no;
    CalendarDate today = site.today();
    std::optional<int> asked;
    if (!year_query(req, asked)) return site.bad_request(req, "year", kYearProblem);
    int year = asked ? *asked : report::financial_year_of(today);
    std::string quarter_text = req.query_value("quarter");
    int quarter = 0;
    if (!quarter_text.empty()) {
        if (quarter_text.size() != 1 || quarter_text[0] < '1' || quarter_text[0] > '4')
            return site.bad_request(req, "quarter",
                                    "Choose a quarter from 1 (April to June) to 4 (January to "
                                    "March), or the whole year");
        quarter = quarter_text[0] - '0';
    }
    StatisticsPeriod period = quarter ? financial_quarter(year, quarter) : financial_year(year);
    Overview o = load_overview(site);
    std::vector<AreaName> districts;
    for (const auto& k : o.contacts) districts.push_back({k.district_code, k.district_name});
    auto figures = case_review_figures(o.cases, period, districts, kCounty, o.settings.clocks,
                                       o.holidays, today);
    auto clocks = timeliness_clocks();

    if (as_csv) {
        std::string out = "period,area_code,area_name";
        for (const auto& col : kFiguresColumns) out += std::string(",") + col.key;
        for (CaseClock c : clocks)
            for (const char* s : {"met", "missed", "overdue"})
                out += fmt::format(",{}_{}", to_string(c), s);
        out += "\r\n";
        for (const auto& f : figures) {
            out += csv_field(period.label) + "," + csv_field(f.area_code) + "," +
                   csv_field(f.area_name);
            for (const auto& col : kFiguresColumns) out += fmt::format(",{}", f.*col.member);
            for (CaseClock c : clocks) {
                ClockTimeliness t = timeliness_of(f, c);
                out += fmt::format(",{},{},{}", t.met, t.missed, t.overdue);
            }
            out += "\r\n";
        }
        Response r = Response::text(out);
        r.content_type = "text/csv; charset=utf-8";
        std::string name = period.label;
        std::replace(name.begin(), name.end(), ' ', '-');
        r.headers.emplace_back(
            "Content-Disposition",
            fmt::format("attachment; filename=\"asb-case-reviews-{}.csv\"", name));
        return r;
    }

    Data d = object();
    d.set("may_work_cases", may_work_cases(site.role()));
    d.set("period", period.label);
    d.set("dates", long_name(period.start) + " to " + long_name(period.end));
    d.set("year", std::to_string(year));
    d.set("csv_url", "/asb/statistics.csv?year=" + std::to_string(year) +
                         (quarter ? "&quarter=" + std::to_string(quarter) : ""));
    d.set("year_label", financial_year(year).label);
    for (const char* f : {"pdf", "docx", "xlsx", "html"})
        d.set(std::string(f) + "_url", fmt::format("/asb/statistics.{}?year={}", f, year));
    Data quarters = list();
    quarters.push_back(choice("", "The whole year", quarter == 0));
    for (int q = 1; q <= 4; ++q)
        quarters.push_back(choice(std::to_string(q),
                                  financial_quarter(year, q).label + " (" +
                                      long_name(financial_quarter(year, q).start) + " to " +
                                      long_name(financial_quarter(year, q).end) + ")",
                                  quarter == q));
    d.set("quarters", quarters);
    Data headings = list();
    for (const auto& col : kFiguresColumns) headings.push_back(Data(std::string(col.heading)));
    d.set("headings", headings);
    Data rows = list();
    for (size_t i = 0; i < figures.size(); ++i) {
        const auto& f = figures[i];
        Data r = object();
        r.set("name", f.area_name);
        r.set("is_county", i + 1 == figures.size());
        Data cells = list();
        for (const auto& col : kFiguresColumns)
            cells.push_back(Data(std::to_string(f.*col.member)));
        r.set("cells", cells);
        rows.push_back(r);
    }
    d.set("rows", rows);
    Data timeliness = list();
    for (CaseClock c : clocks) {
        Data t = object();
        t.set("clock", label(c));
        Data trs = list();
        for (size_t i = 0; i < figures.size(); ++i) {
            ClockTimeliness v = timeliness_of(figures[i], c);
            Data r = object();
            r.set("name", figures[i].area_name);
            r.set("is_county", i + 1 == figures.size());
            r.set("met", std::to_string(v.met));
            r.set("missed", std::to_string(v.missed));
            r.set("overdue", std::to_string(v.overdue));
            trs.push_back(r);
        }
        t.set("rows", trs);
        timeliness.push_back(t);
    }
    d.set("timeliness", timeliness);
    return site.page(req, "case_review_intake_statistics",
                     "ASB Case Review figures " + period.label, d);
}

// ---- settings ----

// What each setting means, in words; a setting not listed here is shown by its name.
const std::map<std::string, std::string>& setting_labels() {
    static const std::map<std::string, std::string> labels = {
        {"min_qualifying", "Qualifying complaints needed to meet the threshold"},
        {"alt_min_reporters",
         "Local alternative: different people reporting the problem (empty for none)"},
        {"report_within_months", "Months from the behaviour within which it must be reported"},
        {"apply_within_months", "Months from the report within which the application is made"},
        {"acknowledgement_days", "Acknowledgement (letter A), working days from receipt"},
        {"threshold_decision_days",
         "Threshold decision (letter B, C(i) or C(ii)), working days from receipt"},
        {"case_information_days", "Agencies' case information, working days from the request"},
        {"initial_review_days", "Lead agency's initial review, working days from appointment"},
        {"outcome_letter_days", "Outcome letter (D or E), working days from the panel"},
        {"whole_review_days", "Whole review, working days from receipt"},
        {"appeal_days", "Appeal window, days from the letter appealed against"},
        {"appeal_counting", "How the appeal window is counted (days_after or working_days_after)"},
        {"retention_months", "Months personal data is kept after a case closes"},
    };
    return labels;
}

Response settings_page(Site& site, const Request& req, const FormErrors& errors = {}) {
    if (auto no =
            site.require(req, may_work_cases(site.role()), "see the ASB Case Review settings"))
        return *no;
    auto db = site.database();
    auto rows = store::load_case_review_setting_rows(*db);
    bool admin = site.role() == Role::administrator;
    Data d = object();
    errors.into(d);
    d.set("admin", admin);
    d.set("may_work_cases", true);
    Data settings = list();
    for (const auto& s : rows) {
        Data r = object();
        std::string id = "setting-" + s.name;
        auto label_it = setting_labels().find(s.name);
        r.set("id", id);
        r.set("name", s.name);
        r.set("label", label_it == setting_labels().end() ? s.name : label_it->second);
        r.set("value", req.method == "POST" ? req.form_value(id) : s.value);
        r.set("stored", s.value.empty() ? std::string("None") : s.value);
        r.set("source", s.source);
        r.set("has_source", !s.source.empty());
        auto e = errors.by_field.find(id);
        r.set("has_error", e != errors.by_field.end());
        r.set("error", e == errors.by_field.end() ? "" : e->second);
        settings.push_back(r);
    }
    d.set("settings", settings);
    std::string title = "ASB Case Review settings";
    Response r = site.page(req, "case_review_intake_settings",
                           errors.any() ? "Error: " + title : title, d, errors.any() ? 400 : 200);
    return r;
}

Response save_settings(Site& site, const Request& req) {
    if (auto no = site.require(req, site.role() == Role::administrator,
                               "change the ASB Case Review settings"))
        return *no;
    FormErrors errors;
    {
        auto db = site.database();
        auto rows = store::load_case_review_setting_rows(*db);
        store::Transaction tx(*db);
        for (const auto& s : rows) {
            std::string id = "setting-" + s.name;
            if (!req.form.count(id)) continue;
            std::string value = trimmed(req.form_value(id));
            if (value == s.value) continue;
            try {
                store::save_case_review_setting(*db, s.name, value);
                store::audit(*db, site.actor(), "ASB Case Review setting changed",
                             fmt::format("{}: {} to {}", s.name, s.value.empty() ? "none" : s.value,
                                         value.empty() ? "none" : value));
            } catch (const std::invalid_argument& e) {
                // The transaction is rolled back: nothing is changed, not even the good values.
                errors.add(id, std::string(e.what()) + ". Nothing was changed.");
                break;
            }
        }
        if (!errors.any()) {
            tx.commit();
            return Response::redirect("/asb/settings");
        }
    }
    return settings_page(site, req, errors);
}

// ---- agencies, contacts and the rota ----

Response agencies_page(Site& site, const Request& req) {
    if (auto no = site.require(req, may_see_case_dashboards(site.role()),
                               "see the ASB case review agencies"))
        return *no;
    auto db = site.database();
    auto agencies = store::load_agencies(*db);
    auto contacts = store::load_case_review_contacts(*db);
    RotaState rota = store::load_rota(*db);
    auto district_name = [&](const std::string& code) {
        for (const auto& k : contacts)
            if (k.district_code == code) return k.district_name;
        return code;
    };
    Data d = object();
    d.set("may_work_cases", may_work_cases(site.role()));
    Data arows = list();
    for (const auto& a : agencies) {
        Data r = object();
        r.set("name", a.name);
        r.set("kind", label(a.kind));
        r.set("district", a.district_code.empty() ? "" : district_name(a.district_code));
        arows.push_back(r);
    }
    d.set("agencies", arows);
    d.set("has_agencies", !agencies.empty());
    d.set("contacts", contact_rows(contacts));
    d.set("has_contacts", !contacts.empty());
    Data reviewers = list();
    for (const auto& p : rota.reviewers) {
        Data r = object();
        r.set("position", std::to_string(p.position));
        r.set("name", p.name);
        r.set("council", p.council);
        r.set("district", p.district_code.empty() ? "County" : district_name(p.district_code));
        r.set("active", p.active ? "Active" : "Not taking reviews");
        auto it = rota.reviews_assigned.find(p.id);
        r.set("reviews", std::to_string(it == rota.reviews_assigned.end() ? 0 : it->second));
        r.set("last", rota.last_assigned == p.id);
        reviewers.push_back(r);
    }
    d.set("reviewers", reviewers);
    d.set("has_reviewers", !rota.reviewers.empty());
    Data next = list();
    for (const auto& k : contacts) {
        Data r = object();
        r.set("district", k.district_name);
        auto p = next_peer_reviewer(rota, k.district_code);
        r.set("reviewer", p ? p->name + " (" + p->council + ")"
                            : std::string("No reviewer from another council is available"));
        next.push_back(r);
    }
    d.set("next", next);
    return site.page(req, "case_review_intake_agencies", "ASB Case Review agencies and rota", d);
}

}  // namespace

std::optional<Response> case_review_intake_pages(Site& site, const Request& req) {
    const std::string& p = req.path;
    bool get = req.method == "GET" || req.method == "HEAD";
    if (req.method == "POST") {
        if (p == "/asb-case-review/apply") return submit_application(site, req, false);
        if (p == "/asb/cases/new") {
            if (auto no = site.require(req, may_work_cases(site.role()),
                                       "enter ASB Case Review applications"))
                return *no;
            return submit_application(site, req, true);
        }
        if (p == "/asb/settings") return save_settings(site, req);
        return std::nullopt;
    }
    if (!get) return std::nullopt;
    if (p == "/asb-case-review") return about_page(site, req);
    if (p == "/asb-case-review/apply") return application_page(site, req, false);
    if (p == "/asb-case-review/apply/sent") return application_sent(site, req);
    if (p == "/asb/cases/new") {
        if (auto no = site.require(req, may_work_cases(site.role()),
                                   "enter ASB Case Review applications"))
            return *no;
        return application_page(site, req, true);
    }
    if (p == "/asb") return dashboard(site, req);
    if (p == "/asb/cases") return case_list(site, req);
    if (p == "/asb/statistics") return statistics(site, req, false);
    if (p == "/asb/statistics.csv") return statistics(site, req, true);
    if (p.rfind("/asb/statistics.", 0) == 0)
        if (auto format =
                report::parse_report_format(p.substr(std::string("/asb/statistics.").size())))
            return statistics_document(site, req, *format);
    if (p == "/asb/settings") return settings_page(site, req);
    if (p == "/asb/agencies") return agencies_page(site, req);
    return std::nullopt;
}

}  // namespace scrutineer::web
