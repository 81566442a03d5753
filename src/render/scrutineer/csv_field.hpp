// One field of a CSV file (RFC 4180): as it is, or in double quotes with its quotes doubled when
// it holds a comma, a quote or a line break. Every CSV export writes its fields through this.
//
// A text field that a spreadsheet would read as a formula (one starting with =, +, -, @, a tab
// or a carriage return: `=HYPERLINK("http://x","y")` typed as a work programme title) is
// neutralised as OWASP's CSV injection guidance says: a single quote is put before it and the
// field is quoted. Numbers are told apart by their text: a field that is wholly a number (an
// optional sign, digits, an optional decimal part: -1.7, -12, +3) is left as it is, so that the
// figures stay figures; the exports write their numbers through here as text. A field whose
// text is quotes then such a start ('=1) gets its quote too, so that a reader can take the one
// quote off a quoted field starting with quotes and a formula character and have the text.
#pragma once

#include <string>
#include <string_view>

namespace scrutineer {

std::string csv_field(const std::string& s);

// Whether `s` is wholly a decimal number: [+-]digits[.digits] (or [+-].digits).
bool csv_number(std::string_view s);

// A field's text as read from a CSV written by csv_field (its quotes already removed), with a
// neutralising quote taken off; `quoted`: whether the field was in double quotes.
std::string csv_unneutralised(const std::string& text, bool quoted);

}  // namespace scrutineer
