#include "scrutineer/case_review_letters.hpp"

#include <stdexcept>

#include "scrutineer/decision_letter_signer.hpp"

namespace scrutineer {
namespace {

using Block = LetterBlock;

Block para(std::string text) {
    return Block{Block::Kind::paragraph, std::move(text)};
}
Block bullet(std::string text) {
    return Block{Block::Kind::bullet, std::move(text)};
}

[[noreturn]] void lacks(LetterKind kind, const std::string& what) {
    throw std::invalid_argument(std::string(label(kind)) + " needs " + what);
}

// One bullet per non-empty line of a recorded text (reasons, findings).
std::vector<Block> bullets_of(const std::string& text) {
    std::vector<Block> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.pop_back();
        std::size_t first = line.find_first_not_of(" \t-•*");
        if (first != std::string::npos) out.push_back(bullet(line.substr(first)));
        start = end + 1;
    }
    return out;
}

bool has_text(const std::string& s) {
    return s.find_first_not_of(" \t\r\n") != std::string::npos;
}

// The period as the letters word it: "21 days", "21 working days".
std::string period_words(int n, Counting counting) {
    std::string unit = counting == Counting::working_days_after ? " working days" : " days";
    return std::to_string(n) + unit;
}

std::string appeal_paragraph(const AsbCase& c, const LetterContext& ctx) {
    // The template of letter D names the CSP Chair, letter B the OPT inspector; the guidance's
    // appeal process (step 7) sends every appeal to the OPT inspector, who refers it to another
    // district's OPT and notifies the PCC, so each letter names the OPT inspector.
    CaseReviewTimeline t =
        case_review_timeline(c.received, c.panel_date, ctx.dated, ctx.clocks, ctx.holidays);
    if (!t.appeal_by) throw std::logic_error("case_review_timeline gave no appeal date");
    const std::string within = ctx.clocks.appeal_counting == Counting::days_beginning_with
                                   ? period_words(ctx.clocks.appeal, ctx.clocks.appeal_counting) +
                                         " beginning with the date of this letter"
                                   : period_words(ctx.clocks.appeal, ctx.clocks.appeal_counting) +
                                         " of the date of this letter";
    return "If you are dissatisfied with this outcome you have the right to appeal to " +
           ctx.contact.opt_inspector + " within " + within + ", that is by " +
           long_name(t.appeal_by->due) + ". A copy of this process is included with this letter.";
}

// The closing paragraph: letters A to C(ii) word it one way, D and E another.
std::string report_paragraph(LetterKind kind, const CaseReviewContact& contact) {
    switch (kind) {
        case LetterKind::a:
            return "If you wish to report any further incidents of Anti-Social Behaviour these "
                   "can be reported by either phoning Norfolk Police on 101 or the " +
                   contact.council_name + " ASB Team on " + contact.asb_team_phone +
                   ", but in an emergency always dial 999.";
        case LetterKind::b:
        case LetterKind::c_i:
        case LetterKind::c_ii:
            return "If you wish to report any further incidents of Anti-Social Behaviour these "
                   "can be reported by either contacting Norfolk Police on 101 or the " +
                   contact.council_name + " ASB Team on " + contact.asb_team_phone +
                   ", but in an emergency always dial 999.";
        case LetterKind::d:
        case LetterKind::e:
            break;
    }
    return "If you wish to report any further incidents of Anti-Social Behaviour these can be "
           "reported by either contacting Norfolk Police on 101 or the " +
           contact.council_name + " Anti-Social Behaviour team on " + contact.asb_team_phone +
           ", in an emergency always dial 999.";
}

// C(i) and C(ii) go on alike once the review has commenced.
void review_commenced(std::vector<Block>& body, const AsbCase& c, const LetterContext& ctx) {
    CaseReviewTimeline t =
        case_review_timeline(c.received, std::nullopt, std::nullopt, ctx.clocks, ctx.holidays);
    body.push_back(
        para("Further information will now be sought from relevant partners and other agencies "
             "in regard to their involvement in your case to enable us to undertake a full "
             "review. It may be necessary for us to contact you again in order to clarify "
             "information or obtain further details."));
    body.push_back(
        para("An ASB Case Review Panel Meeting will be scheduled to review the information where "
             "representatives from agencies or partners that have been involved in your case "
             "will be present, in order to discuss the case fully. The purpose of this meeting is "
             "to also identify any further actions that can be taken, if deemed necessary, to "
             "ensure that a resolution is reached for you."));
    body.push_back(para(
        "Once this has been completed you will receive a letter advising you of the outcome of "
        "the review along with details of any recommendations that have been made. It is "
        "anticipated that the review process will take " +
        std::to_string(ctx.clocks.whole_review) + " working days in total, that is by " +
        long_name(t.review_expected_by.due) +
        ", although in more complex cases this may be longer, in which circumstances you will "
        "be notified."));
    body.push_back(
        para("In the meantime if you have any further queries please do not hesitate "
             "to contact " +
             ctx.contact.spoc_name + " direct on " + ctx.contact.spoc_phone + "."));
}

std::string previous_correspondence(const AsbCase& c) {
    if (c.threshold == ThresholdOutcome::review_below_threshold)
        return "I refer to my previous correspondence confirming to you that an ASB Case Review "
               "would be conducted in respect of your ASB case.";
    return "I refer to my previous correspondence confirming to you that your ASB case had met "
           "the threshold to activate the ASB Case Review Process.";
}

std::string further_queries(const LetterContext& ctx) {
    // "contact me directly": the SPOC's number; someone else signing names the SPOC.
    const auto& k = ctx.contact;
    const std::string who = ctx.signer.name == k.spoc_name ? "me" : k.spoc_name;
    return "I trust this clarifies the situation, however, should you have any further queries "
           "please do not hesitate to contact " +
           who + " directly on " + k.spoc_phone + ".";
}

std::string agency_name(const LetterContext& ctx, int64_t id, LetterKind kind) {
    auto it = ctx.agency_names.find(id);
    if (it == ctx.agency_names.end())
        lacks(kind, "the name of agency " + std::to_string(id) + " (an action's owner)");
    return it->second;
}

void check_needs(const AsbCase& c, LetterKind kind, const LetterContext& ctx) {
    const auto& k = ctx.contact;
    if (ctx.dated < c.received)
        lacks(kind, "a date on or after the application's receipt (" + long_name(c.received) +
                        "), not " + long_name(ctx.dated));
    if (!has_text(k.council_name) || !has_text(k.asb_team_phone))
        lacks(kind, "the district's council name and ASB team's telephone number");
    if (!has_text(ctx.signer.name)) lacks(kind, "the name of the person signing it");
    switch (kind) {
        case LetterKind::a:
            if (!has_text(k.spoc_name)) lacks(kind, "the district's single point of contact");
            break;
        case LetterKind::b:
            if (c.threshold != ThresholdOutcome::not_met)
                lacks(kind, "the threshold decision 'not met'");
            if (!has_text(c.threshold_reasons))
                lacks(kind, "the reasons the threshold was not met");
            break;
        case LetterKind::c_i:
            if (c.threshold != ThresholdOutcome::review_below_threshold)
                lacks(kind, "the decision to review the case below the threshold");
            if (c.review_grounds.empty())
                lacks(kind, "the grounds for a review below the threshold");
            break;
        case LetterKind::c_ii:
            if (c.threshold != ThresholdOutcome::met) lacks(kind, "the threshold decision 'met'");
            break;
        case LetterKind::d:
        case LetterKind::e:
            if (!c.panel_date) lacks(kind, "the date of the review panel");
            if (ctx.dated < *c.panel_date)
                lacks(kind, "a date on or after the panel (" + long_name(*c.panel_date) + ")");
            if (kind == LetterKind::d && c.panel_outcome != PanelOutcome::no_further_action)
                lacks(kind, "the panel's outcome 'no further action'");
            if (kind == LetterKind::d && !has_text(c.panel_findings))
                lacks(kind, "the panel's overview of the action taken");
            if (kind == LetterKind::e && c.panel_outcome != PanelOutcome::action_plan)
                lacks(kind, "the panel's outcome 'action plan'");
            if (kind == LetterKind::e && c.actions.empty())
                lacks(kind, "at least one action in the action plan");
            break;
    }
    if (kind == LetterKind::c_i || kind == LetterKind::c_ii || kind == LetterKind::d ||
        kind == LetterKind::e)
        if (!has_text(k.spoc_name) || !has_text(k.spoc_phone))
            lacks(kind, "the single point of contact's name and telephone number");
    if (kind == LetterKind::b || kind == LetterKind::d || kind == LetterKind::e)
        if (!has_text(k.opt_inspector)) lacks(kind, "the OPT inspector appeals go to");
    std::string lead_name;
    if (c.lead_agency_id) {
        auto it = ctx.agency_names.find(*c.lead_agency_id);
        if (it != ctx.agency_names.end()) lead_name = it->second;
    }
    if (auto problem = signer_problem(c, kind, ctx.signer.agency_id, lead_name))
        throw std::invalid_argument(*problem);
}

std::vector<Block> body_of(const AsbCase& c, LetterKind kind, const LetterContext& ctx) {
    std::vector<Block> body;
    const std::string applied = long_name(c.received);
    switch (kind) {
        case LetterKind::a: {
            CaseReviewTimeline t = case_review_timeline(c.received, std::nullopt, std::nullopt,
                                                        ctx.clocks, ctx.holidays);
            std::string spoc = ctx.contact.spoc_name;
            if (has_text(ctx.contact.spoc_title)) spoc += ", " + ctx.contact.spoc_title + ",";
            body.push_back(para(
                "I write to confirm receipt of your application for an Anti-Social Behaviour "
                "Case Review to be conducted in respect of the anti-social behaviour you are "
                "experiencing as you are concerned that effective action has not been taken."));
            body.push_back(para(spoc + " will be contacting you within " +
                                std::to_string(ctx.clocks.threshold_decision) +
                                " working days, by " + long_name(t.threshold_decision_due.due) +
                                ", to confirm whether your request has met the threshold."));
            break;
        }
        case LetterKind::b:
            body.push_back(para("Thank you for your recent application dated " + applied +
                                " for an ASB Case Review to be conducted in respect of the "
                                "anti-social behaviour you are experiencing."));
            body.push_back(
                para("I am writing to inform you that having considered your application we do "
                     "not feel that it meets the threshold for the ASB Case Review to be "
                     "conducted for the following reasons:"));
            for (auto& b : bullets_of(c.threshold_reasons)) body.push_back(std::move(b));
            body.push_back(para(appeal_paragraph(c, ctx)));
            break;
        case LetterKind::c_i:
            body.push_back(para("Thank you for your recent application dated " + applied +
                                " for an ASB Case Review to be conducted in respect of your "
                                "anti-social behaviour case."));
            body.push_back(
                para("I am writing to inform you that having reviewed the details of your "
                     "application we consider that, although we do not feel that your application "
                     "meets the qualifying threshold, the following means that an ASB Case Review "
                     "will be conducted:"));
            for (ReviewGround g : c.review_grounds) body.push_back(bullet(label(g)));
            for (auto& b : bullets_of(c.threshold_reasons)) body.push_back(para(std::move(b.text)));
            body.push_back(para("Therefore, the ASB Case Review process has commenced."));
            review_commenced(body, c, ctx);
            break;
        case LetterKind::c_ii:
            body.push_back(para("Thank you for your recent request dated " + applied +
                                " to have your anti-social behaviour case considered for an ASB "
                                "Case Review."));
            body.push_back(
                para("I can confirm that having considered the details of your case it does meet "
                     "with the previously determined threshold, and as such the ASB Case Review "
                     "process has commenced."));
            review_commenced(body, c, ctx);
            break;
        case LetterKind::d:
            body.push_back(para(previous_correspondence(c)));
            body.push_back(para(
                "I write to advise you that details of your case were reviewed by the ASB Case "
                "Review Panel at their meeting held on " +
                long_name(*c.panel_date) +
                ". Having reviewed all of the information available to the Panel it was felt that "
                "relevant agencies had taken appropriate action to resolve the anti-social "
                "behaviour you were experiencing as follows:"));
            for (auto& b : bullets_of(c.panel_findings)) body.push_back(std::move(b));
            body.push_back(
                para("The Review Panel have therefore concluded that no further action "
                     "would be taken in relation to this case."));
            body.push_back(para(further_queries(ctx)));
            body.push_back(para(appeal_paragraph(c, ctx)));
            break;
        case LetterKind::e:
            body.push_back(para(previous_correspondence(c)));
            body.push_back(para(
                "I write to advise you that details of your case were reviewed by the ASB Case "
                "Review Panel at the meeting held on " +
                long_name(*c.panel_date) +
                ", resulting in the following action plan being agreed by the agencies "
                "involved:"));
            for (const CaseAction& a : c.actions)
                body.push_back(bullet(a.action + " (" + agency_name(ctx, a.owner_agency_id, kind) +
                                      ", by " + long_name(a.due) + ")"));
            body.push_back(para(
                "You will soon be contacted directly by the agencies responsible for delivering "
                "the action plan to provide you with an update on progress and reassurance that "
                "activity is taking place with a view to bringing this matter to a resolution."));
            body.push_back(
                para("This review will be concluded once the action plan has been fully "
                     "implemented and in doing so it is hoped that this will bring a positive "
                     "resolution to the anti-social behaviour you have been experiencing."));
            body.push_back(para(further_queries(ctx)));
            // The template of letter E has no appeal paragraph, but the guidance (step 5) says
            // "This decision letter will provide details of the appeals process": as letter D.
            body.push_back(para(appeal_paragraph(c, ctx)));
            break;
    }
    body.push_back(para(report_paragraph(kind, ctx.contact)));
    return body;
}

}  // namespace

const char* letter_heading() {
    return "ANTI-SOCIAL BEHAVIOUR, CRIME AND POLICING ACT 2014 ANTI-SOCIAL BEHAVIOUR (ASB) CASE "
           "REVIEW";
}

CaseLetter compose_letter(const AsbCase& c, LetterKind kind, const LetterContext& ctx) {
    check_needs(c, kind, ctx);
    // The letter goes to whoever applied: the third party when someone applied for the victim.
    const Person& to = c.third_party ? c.applicant : c.victim;
    if (!has_text(to.name))
        lacks(kind, c.third_party ? "the applicant's name" : "the victim's name");

    CaseLetter l;
    l.kind = kind;
    l.dated = ctx.dated;
    l.addressee = to.name;
    l.address = to.address;
    if (has_text(to.postcode)) l.address += (l.address.empty() ? "" : "\n") + to.postcode;
    l.salutation = "Dear " + to.name;
    l.body = body_of(c, kind, ctx);
    l.signed_by_name = ctx.signer.name;
    l.signed_by_title = ctx.signer.title;
    l.signed_by_agency_id = ctx.signer.agency_id;
    l.signed_by_organisation = ctx.signer.organisation;
    return l;
}

}  // namespace scrutineer
