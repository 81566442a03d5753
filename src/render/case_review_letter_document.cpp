#include "scrutineer/case_review_letter_document.hpp"

#include <fmt/format.h>

#include "scrutineer/case_review_letters.hpp"

namespace scrutineer {

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        size_t first = line.find_first_not_of(' ');
        if (first != std::string::npos) out.push_back(line.substr(first));
        start = end + 1;
    }
    return out;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
    return out;
}

}  // namespace

std::string case_letter_title(const CaseLetter& letter) {
    return fmt::format("{}: {}", label(letter.kind), title(letter.kind));
}

std::string case_letter_file_name(const CaseLetter& letter, const std::string& case_reference) {
    return fmt::format("{}-letter-{}-{}.pdf", case_reference.empty() ? "case" : case_reference,
                       to_string(letter.kind), to_string(letter.dated));
}

CaseLetterParts case_letter_parts(const CaseLetter& letter, const std::string& case_reference,
                                  const CaseReviewContact& contact) {
    CaseLetterParts p;
    if (!contact.council_name.empty()) p.sender.push_back(contact.council_name);
    if (!contact.asb_team_phone.empty())
        p.sender.push_back("Anti-Social Behaviour Team: " + contact.asb_team_phone);
    if (!contact.spoc_email.empty()) p.sender.push_back(contact.spoc_email);
    p.reference = "Our reference: " + case_reference;
    if (!letter.addressee.empty()) p.addressee.push_back(letter.addressee);
    for (auto& line : lines_of(letter.address)) p.addressee.push_back(line);
    p.date = long_name(letter.dated);
    p.heading = letter_heading();
    p.closing = "Yours sincerely";
    if (!letter.signed_by_name.empty()) p.signature.push_back(letter.signed_by_name);
    if (!letter.signed_by_title.empty()) p.signature.push_back(letter.signed_by_title);
    if (!letter.signed_by_organisation.empty())
        p.signature.push_back("On behalf of " + letter.signed_by_organisation);
    return p;
}

doc::Document case_letter_document(const CaseLetter& letter, const std::string& case_reference,
                                   const CaseReviewContact& contact) {
    using doc::bold;
    using doc::plain;
    CaseLetterParts p = case_letter_parts(letter, case_reference, contact);
    doc::Document d;
    d.title = fmt::format("{} ({})", case_letter_title(letter), case_reference);
    d.subject = "ASB Case Review";
    d.author = contact.council_name.empty() ? "scrutineer" : contact.council_name;
    d.footer = fmt::format("ASB Case Review {}: {}", case_reference, label(letter.kind));
    d.created = to_string(letter.dated);

    if (!p.sender.empty()) {
        doc::Text sender{bold(p.sender.front())};
        if (p.sender.size() > 1)
            sender.push_back(plain(
                "\n" + joined(std::vector<std::string>(p.sender.begin() + 1, p.sender.end()))));
        d.add(doc::Paragraph{sender});
    }
    d.add(doc::Paragraph{{plain(p.reference)}});
    d.add(doc::Spacer{6});
    if (!p.addressee.empty()) d.add(doc::Paragraph{{plain(joined(p.addressee))}});
    d.add(doc::Spacer{6});
    d.add(doc::Paragraph{{plain(p.date)}});
    d.add(doc::Spacer{6});
    d.add(doc::Paragraph{{plain(letter.salutation)}});
    d.add(doc::Paragraph{{bold(p.heading)}});

    doc::List bullets;
    auto flush = [&] {
        if (!bullets.items.empty()) d.add(bullets);
        bullets = doc::List{};
    };
    for (const auto& block : letter.body) {
        if (block.kind == LetterBlock::Kind::bullet) {
            bullets.items.push_back(doc::ListItem{{plain(block.text)}, "", 0, false});
        } else {
            flush();
            d.add(doc::Paragraph{{plain(block.text)}});
        }
    }
    flush();
    // "Yours sincerely" and the signature as one block, which the PDF writer never splits
    // between pages (a key-value row moves to the next page whole).
    std::string closing = p.closing + "\n\n";
    for (const auto& line : p.signature) closing += "\n" + line;
    doc::KeyValues signature;
    signature.rows.push_back({closing, doc::Text{}});
    signature.key_width = 0.95;
    d.add(signature);
    return d;
}

}  // namespace scrutineer
