// The text a form may send (issue 18, "Nobody can fill the store"): every text field of every
// form is checked here before any handler sees it (app.cpp refuses the request otherwise), so a
// new form cannot forget it:
// - at most 10,000 characters (free text: summaries, notes, minutes ...), or 200 for the
//   one-line fields this file lists (names, usernames, titles, references, telephone numbers,
//   email addresses, dates ...);
// - UTF-8 only, and no control characters but the line break and the tab (browsers send a
//   textarea's line breaks as CR LF: http.cpp makes them LF before anything reads the form).
// Messages name the field in words, as GOV.UK's error messages do: "Summary must be 10,000
// characters or less", "Full name must not contain control characters ...".
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scrutineer::web {

inline constexpr size_t kOneLineTextLimit = 200;
inline constexpr size_t kFreeTextLimit = 10'000;

// The most characters (Unicode code points) the field `name` may hold.
size_t text_limit(std::string_view name);

// The field `name` in words for an error message ("victim-name": "Full name", "incident-2-agency":
// "Incident 2: who it was reported to"); a name this file does not know is spelled out
// ("news_title": "News title"), one that is not a plain name is "A field".
std::string field_words(std::string_view name);

// What is wrong with `value` as the text of the field `name`, in words, or "" when nothing is.
std::string text_problem(std::string_view name, std::string_view value);

// A field with a problem, and the message.
struct TextProblem {
    std::string field;  // the field's name, or "" when the name itself is not a plain name
    std::string message;
};

// Every field of a form with a problem (text_problem), in the order of their names, and any
// field name that is not a plain name (letters, digits, '-', '_', '.', '[', ']'; at most 100
// characters).
std::vector<TextProblem> text_problems(const std::map<std::string, std::string>& form);

// Line breaks as LF: CR LF (and CR CR LF) becomes LF; a lone CR is left for text_problem to
// refuse.
std::string with_lf_line_breaks(std::string text);

// `text` as it may be shown: every byte that is not UTF-8 and every control character but tab,
// LF and CR as U+FFFD (text stored before these checks, or sent back in a refused form).
std::string shown_text(const std::string& text);

}  // namespace scrutineer::web
