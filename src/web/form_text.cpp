#include "scrutineer/form_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "scrutineer/valid_utf8.hpp"

namespace scrutineer::web {
namespace {

// One-line fields (a text input, not a textarea) and their words. Names not listed here are
// free text, up to kFreeTextLimit; the dates are recognised by their names (one_line()).
struct Field {
    std::string_view name;
    std::string_view words;  // "" spells the name out
};

constexpr std::array kOneLine = {
    Field{"username", "Username"},
    Field{"password", "Password"},
    Field{"display_name", "Full name"},
    Field{"name", "Name"},
    Field{"title", "Title"},
    Field{"reference", "Reference"},
    Field{"number", "Number"},
    Field{"decision_number", "Decision number"},
    Field{"venue", "Venue"},
    Field{"funder", "Funder"},
    Field{"group", "Group"},
    Field{"recipient", "Recipient"},
    Field{"author", "Author"},
    Field{"news_title", "News title"},
    Field{"item_title", "Item title"},
    Field{"period_label", "Period label"},
    Field{"measure", "Measure"},
    Field{"position", "Position"},
    Field{"page", "Page"},
    Field{"count", "Count"},
    Field{"value", "Value"},
    Field{"amount", "Amount"},
    Field{"victim-name", "Full name"},
    Field{"victim-postcode", "Postcode"},
    Field{"victim-phone", "Telephone number"},
    Field{"victim-email", "Email address"},
    Field{"applicant-name", "Full name of the person applying"},
    Field{"applicant-phone", "Telephone number of the person applying"},
    Field{"applicant-email", "Email address of the person applying"},
    Field{"applicant-relationship", "How the person applying knows the victim"},
    // Dates and times.
    Field{"date", "Date"},
    Field{"dated", "Date"},
    Field{"due", "Due date"},
    Field{"month", "Month"},
    Field{"year", "Year"},
    Field{"when", "When"},
    Field{"time", "Time"},
    Field{"start", "Start"},
    Field{"end", "End"},
};

// Free-text fields whose words are not their spelled-out names.
constexpr std::array kFreeTextWords = {
    Field{"summary", "Summary"},
    Field{"victim-address", "Address"},
    Field{"csrf_token", "The form's security token"},
};

// The words for the parts of an incident row of the ASB Case Review application form.
constexpr std::array kIncidentWords = {
    Field{"agency", "who it was reported to"},
    Field{"reference", "the incident or reference number"},
    Field{"description", "what happened"},
};

bool ends_with(std::string_view s, std::string_view end) {
    return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

bool plain_name(std::string_view name) {
    if (name.empty() || name.size() > 100) return false;
    return std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '[' || c == ']';
    });
}

const Field* find(std::string_view name, const auto& table) {
    for (const Field& f : table)
        if (f.name == name) return &f;
    return nullptr;
}

// "incident-12-agency": {"12", "agency"}; nothing for other names.
std::optional<std::pair<std::string_view, std::string_view>> incident_part(std::string_view name) {
    constexpr std::string_view prefix = "incident-";
    if (name.substr(0, prefix.size()) != prefix) return std::nullopt;
    std::string_view rest = name.substr(prefix.size());
    size_t dash = rest.find('-');
    if (dash == 0 || dash == std::string_view::npos || dash > 3) return std::nullopt;
    std::string_view n = rest.substr(0, dash);
    if (!std::all_of(n.begin(), n.end(), [](unsigned char c) { return std::isdigit(c); }))
        return std::nullopt;
    return std::pair{n, rest.substr(dash + 1)};
}

bool one_line(std::string_view name) {
    if (auto part = incident_part(name)) {
        if (part->second == "description") return false;
        return true;  // who it was reported to, the reference, the dates' boxes
    }
    if (find(name, kOneLine)) return true;
    for (std::string_view end :
         {"_on", "_at", "_date", "-day", "-month", "-year", "_year", "_start", "_end", "_deadline"})
        if (ends_with(name, end)) return true;
    return false;
}

// "news_title": "News title".
std::string spelled_out(std::string_view name) {
    std::string out(name);
    for (char& c : out)
        if (c == '-' || c == '_') c = ' ';
    if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
}

std::string with_commas(size_t n) {
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

bool control(char32_t c) {
    return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F);
}

}  // namespace

size_t text_limit(std::string_view name) {
    return one_line(name) ? kOneLineTextLimit : kFreeTextLimit;
}

std::string field_words(std::string_view name) {
    if (!plain_name(name)) return "A field";
    if (auto part = incident_part(name)) {
        const Field* f = find(part->second, kIncidentWords);
        std::string rest(f ? f->words : std::string_view{});
        if (rest.empty()) {
            rest = spelled_out(part->second);
            rest[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(rest[0])));
        }
        return fmt::format("Incident {}: {}", part->first, rest);
    }
    if (const Field* f = find(name, kOneLine)) return std::string(f->words);
    if (const Field* f = find(name, kFreeTextWords)) return std::string(f->words);
    return spelled_out(name);
}

std::string text_problem(std::string_view name, std::string_view value) {
    size_t limit = text_limit(name);
    size_t characters = 0;
    bool has_control = false;
    for (size_t at = 0; at < value.size();) {
        auto [code, length] = decode_utf8(value, at);
        if (code == kReplacementCharacter && value.substr(at, length) != "\xEF\xBF\xBD")
            return field_words(name) + " must not contain bytes that are not UTF-8 text";
        has_control = has_control || control(code);
        ++characters;
        at += length;
    }
    if (has_control)
        return field_words(name) +
               " must not contain control characters (only letters, numbers, punctuation, "
               "spaces, tabs and line breaks)";
    if (characters > limit)
        return fmt::format("{} must be {} characters or less", field_words(name),
                           with_commas(limit));
    return "";
}

std::vector<TextProblem> text_problems(const std::map<std::string, std::string>& form) {
    std::vector<TextProblem> out;
    for (const auto& [name, value] : form) {
        if (!plain_name(name)) {
            out.push_back({"", "The form sent a field this site does not know"});
            continue;
        }
        std::string problem = text_problem(name, value);
        if (!problem.empty()) out.push_back({name, std::move(problem)});
    }
    return out;
}

std::string with_lf_line_breaks(std::string text) {
    size_t to = 0;
    for (size_t from = 0; from < text.size(); ++from) {
        if (text[from] == '\n')
            while (to > 0 && text[to - 1] == '\r') --to;  // (CR CR LF too: no CR LF is left)
        text[to++] = text[from];
    }
    text.resize(to);
    return text;
}

std::string shown_text(const std::string& text) {
    bool plain = std::all_of(text.begin(), text.end(), [](char c) {
        auto b = static_cast<unsigned char>(c);
        return (b >= 0x20 && b < 0x7F) || b == '\t' || b == '\n' || b == '\r';
    });
    if (plain) return text;
    std::string out;
    out.reserve(text.size());
    for (size_t at = 0; at < text.size();) {
        auto [code, length] = decode_utf8(text, at);
        if ((code == kReplacementCharacter &&
             std::string_view(text).substr(at, length) != "\xEF\xBF\xBD") ||
            (control(code) && code != '\r'))
            out += "\xEF\xBF\xBD";
        else
            out.append(text, at, length);
        at += length;
    }
    return out;
}

}  // namespace scrutineer::web
