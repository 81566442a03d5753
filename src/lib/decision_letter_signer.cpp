#include "scrutineer/decision_letter_signer.hpp"

namespace scrutineer {

bool is_decision_letter(LetterKind kind) {
    return kind != LetterKind::a;
}

std::optional<std::string> signer_problem(const AsbCase& c, LetterKind kind,
                                          int64_t signer_agency_id,
                                          const std::string& lead_agency_name) {
    if (!is_decision_letter(kind)) return std::nullopt;
    const std::string letter = label(kind);
    if (signer_agency_id == 0)
        return letter + " must be signed on behalf of an organisation: none was given";
    const bool outcome = kind == LetterKind::d || kind == LetterKind::e;
    if (outcome && !c.lead_agency_id)
        return letter +
               " needs the case's lead agency appointed first: it must be signed by an "
               "organisation other than the lead agency";
    if (c.lead_agency_id && *c.lead_agency_id == signer_agency_id)
        return letter + " must be signed by an organisation other than the lead agency" +
               (lead_agency_name.empty() ? std::string{} : ", " + lead_agency_name);
    return std::nullopt;
}

}  // namespace scrutineer
