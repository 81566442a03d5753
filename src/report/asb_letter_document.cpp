#include "scrutineer/asb_letter_document.hpp"

#include <fmt/format.h>

#include <cctype>

#include "scrutineer/case_review_letter_document.hpp"
#include "scrutineer/case_review_store.hpp"
#include "scrutineer/performance_report.hpp"

namespace scrutineer::report {
namespace {

std::string lowered(std::string_view s) {
    std::string out;
    for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

constexpr LetterKind kLetterKinds[] = {LetterKind::a,    LetterKind::b, LetterKind::c_i,
                                       LetterKind::c_ii, LetterKind::d, LetterKind::e};

}  // namespace

std::optional<LetterKind> parse_letter_name(std::string_view text) {
    std::string t = lowered(text);
    if (t.rfind("letter ", 0) == 0) t = t.substr(7);
    for (LetterKind k : kLetterKinds) {
        std::string name = lowered(label(k));  // "letter c(ii)"
        if (t == name.substr(7) || t == to_string(k)) return k;
    }
    return std::nullopt;
}

void check_may_read_letters(Role viewer) {
    if (!may_see_case_personal_data(viewer))
        throw ReportUnavailable(
            "Your role does not allow reading the letters of ASB case reviews: they hold "
            "personal data, for case workers and administrators only");
}

MadeLetter make_asb_letter(store::Database& db, Role viewer, int64_t case_id, LetterKind kind,
                           const std::string& actor) {
    check_may_read_letters(viewer);
    auto c = store::load_case(db, case_id, viewer);
    if (!c) throw ReportUnavailable(fmt::format("There is no ASB case review {}.", case_id));
    const CaseLetter* letter = nullptr;
    for (const auto& l : c->letters)
        if (l.kind == kind &&
            (!letter || l.dated > letter->dated || (l.dated == letter->dated && l.id > letter->id)))
            letter = &l;
    if (!letter)
        throw ReportUnavailable(fmt::format("Case {} has no {}.", c->reference, label(kind)));
    CaseReviewContact contact;
    if (auto k = store::load_case_review_contact(db, c->district_code)) contact = *k;
    store::log_case_access(db, case_id, actor, fmt::format("viewed {}", label(letter->kind)),
                           "made as a document (scrutineer report asb-letter)");
    std::string stem = case_letter_file_name(*letter, c->reference);
    if (auto dot = stem.rfind('.'); dot != std::string::npos) stem.resize(dot);
    return {case_letter_document(*letter, c->reference, contact), stem};
}

}  // namespace scrutineer::report
